// Slow test: draws every fixture chart, writes the gallery into a temporary
// folder and opens it in headless Chromium over the DevTools protocol (Deno's
// on a pipe, no extra dependency and no network permission). Checks every image loaded and nothing
// was logged as an error; saves a full-page screenshot to
// .test-artifacts/gallery_browser_test.png (git-ignored). Skipped with a message when Chromium is
// missing, unless CI is set.

import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { JSDOM } from "jsdom";
import {
  agentTaskCostChart,
  benchmarkScatterChart,
  moversChart,
  originShareChart,
  ratioVsCacheHitChart,
  revenueComparisonChart,
  tokenDollarShareChart,
  topModelsChart,
} from "../../lib/charts/charts.ts";
import { writeChartFiles } from "../../lib/charts/chart_export.ts";
import {
  type GalleryEntry,
  galleryHtml,
  VERDICTS,
} from "../../lib/charts/gallery.ts";
import * as fixtures from "../fixtures/charts/frames.ts";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--remote-debugging-pipe",
];
const TIMEOUT_MS = 30_000;

const hasChromium = await Deno.stat(CHROMIUM).then(() => true, () => false);
const inCi = Deno.env.get("CI") !== undefined;
if (!hasChromium && !inCi) {
  console.warn(
    `gallery_browser_test.ts: skipped, ${CHROMIUM} not found (with CI set this test fails instead)`,
  );
}

/** Reject after `ms` unless `promise` settles first; clears its timer. */
async function within<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Timed out after ${ms}ms: ${what}`)),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

type CdpEvent = {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
};

/**
 * Headless Chromium driven over the DevTools protocol on a pipe
 * (`--remote-debugging-pipe`: NUL-terminated JSON on file descriptors 3 and
 * 4), so the test needs no network permission.
 */
class Browser {
  #child: ChildProcess;
  #nextId = 1;
  #pending = new Map<
    number,
    { resolve: (result: unknown) => void; reject: (error: Error) => void }
  >();
  #listeners = new Set<(event: CdpEvent) => void>();
  #received = "";
  exited: Promise<number | null>;

  constructor(profile: string) {
    this.#child = spawn(
      CHROMIUM,
      [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, "about:blank"],
      { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] },
    );
    this.exited = new Promise((resolve) => this.#child.on("exit", resolve));
    const decoder = new TextDecoder();
    (this.#child.stdio[4] as Readable).on("data", (chunk: Uint8Array) => {
      const messages =
        (this.#received + decoder.decode(chunk, { stream: true }))
          .split("\0");
      this.#received = messages.pop()!;
      for (const message of messages) this.#dispatch(JSON.parse(message));
    });
  }

  // deno-lint-ignore no-explicit-any
  #dispatch(data: any): void {
    if (data.id === undefined) {
      for (const listener of this.#listeners) listener(data);
      return;
    }
    const pending = this.#pending.get(data.id);
    this.#pending.delete(data.id);
    if (data.error) {
      pending?.reject(new Error(`${data.error.message} (${data.error.code})`));
    } else pending?.resolve(data.result);
  }

  /** Send a command, to the browser or to a page's session; resolves with its result. */
  send(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
    // deno-lint-ignore no-explicit-any
  ): Promise<any> {
    const id = this.#nextId++;
    const reply = new Promise((resolve, reject) =>
      this.#pending.set(id, { resolve, reject })
    );
    (this.#child.stdio[3] as Writable).write(
      `${JSON.stringify({ id, method, params, sessionId })}\0`,
    );
    return within(reply, TIMEOUT_MS, method);
  }

  on(listener: (event: CdpEvent) => void): void {
    this.#listeners.add(listener);
  }

  waitFor(method: string): Promise<CdpEvent> {
    return new Promise((resolve) => {
      const listener = (event: CdpEvent) => {
        if (event.method !== method) return;
        this.#listeners.delete(listener);
        resolve(event);
      };
      this.#listeners.add(listener);
    });
  }

  /** Ask Chromium to quit; kill it if it has not exited after 10 s. */
  async close(): Promise<void> {
    await this.send("Browser.close").catch(() => {});
    const exited = await within(this.exited, 10_000, "Chromium to exit")
      .catch(() => undefined);
    if (exited === undefined) {
      this.#child.kill("SIGKILL");
      await this.exited;
    }
  }
}

/** Draw every fixture chart into `dir/charts` and return gallery entries for them. */
async function writeFixtureCharts(dir: string): Promise<GalleryEntry[]> {
  const { document } = new JSDOM("").window;
  const source =
    "Source: tokenbook chart fixtures (invented numbers) · tokenbook";
  const base = {
    document,
    source,
    subtitle: "Fixture data for the browser test",
  };
  const charts: [string, string, SVGSVGElement][] = [
    [
      "agent_task_cost",
      "Cost of one agent task",
      agentTaskCostChart(fixtures.agentTaskCostFrame(), {
        ...base,
        title: "Cost of one agent task",
      }),
    ],
    [
      "ratio_vs_cache_hit",
      "Premium vs cheap by cache hit rate",
      ratioVsCacheHitChart(fixtures.ratioVsCacheHitFrame(), {
        ...base,
        title: "Premium vs cheap by cache hit rate",
        claimedRatio: 26,
        markRate: 0.8,
      }),
    ],
    [
      "revenue_comparison",
      "Revenue, published vs cache-aware",
      revenueComparisonChart(fixtures.revenueComparisonFrame(), {
        ...base,
        title: "Revenue, published vs cache-aware",
      }),
    ],
    [
      "token_dollar_share",
      "Token and dollar shares",
      tokenDollarShareChart(fixtures.tokenDollarShareFrame(), {
        ...base,
        title: "Token and dollar shares",
      }),
    ],
    [
      "origin_share",
      "Share of tokens by origin",
      originShareChart(fixtures.originShareFrame(), {
        ...base,
        title: "Share of tokens by origin",
      }),
    ],
    [
      "top_models",
      "Top 10 models by week",
      topModelsChart(fixtures.topModelsFrame(), {
        ...base,
        title: "Top 10 models by week",
      }),
    ],
    [
      "benchmark_scatter",
      "Benchmark score vs tokens",
      benchmarkScatterChart(fixtures.benchmarkScatterFrame(), {
        ...base,
        title: "Benchmark score vs tokens",
        benchmark: "SWE-bench Verified (%)",
      }),
    ],
    [
      "movers",
      "Biggest movers",
      moversChart(fixtures.moversFrame(), { ...base, title: "Biggest movers" }),
    ],
  ];
  const entries: GalleryEntry[] = [];
  for (const [i, [name, title, svg]] of charts.entries()) {
    await writeChartFiles(`${dir}/charts`, name, svg);
    entries.push({
      name,
      title,
      caption: `Fixture chart ${i + 1} of ${charts.length} & its <caption>.`,
      claims: [{
        id: `C${i + 1}`,
        verdict: VERDICTS[i % VERDICTS.length],
        note: "fixture",
      }],
      svg: `charts/${name}.svg`,
      png: `charts/${name}.png`,
    });
  }
  return entries;
}

Deno.test({
  name:
    "the gallery page shows every chart in headless Chromium without console errors",
  ignore: !hasChromium && !inCi,
  fn: async () => {
    assert.ok(
      hasChromium,
      `${CHROMIUM} is missing; CI is set, so this test must run`,
    );
    const dir = await Deno.makeTempDir({ prefix: "tokenbook-gallery-" });
    const browser = new Browser(`${dir}/profile`);
    try {
      const entries = await writeFixtureCharts(dir);
      await Deno.writeTextFile(
        `${dir}/index.html`,
        galleryHtml({
          title: "tokenbook charts (fixtures)",
          generated: "fixture data",
        }, entries),
      );
      const { targetId } = await browser.send("Target.createTarget", {
        url: "about:blank",
      });
      const { sessionId } = await browser.send("Target.attachToTarget", {
        targetId,
        flatten: true,
      });
      const page = (method: string, params: Record<string, unknown> = {}) =>
        browser.send(method, params, sessionId);

      const errors: string[] = [];
      browser.on(({ method, params }) => {
        if (
          method === "Runtime.consoleAPICalled" &&
          ["error", "assert"].includes(params.type as string)
        ) {
          errors.push(`console.${params.type}: ${JSON.stringify(params.args)}`);
        } else if (method === "Runtime.exceptionThrown") {
          errors.push(`exception: ${JSON.stringify(params.exceptionDetails)}`);
        } else if (method === "Log.entryAdded") {
          const entry = params.entry as {
            level: string;
            text: string;
            url?: string;
          };
          if (entry.level === "error") {
            errors.push(`log: ${entry.text} ${entry.url ?? ""}`);
          }
        }
      });
      await page("Page.enable");
      await page("Runtime.enable");
      await page("Log.enable");
      await page("Emulation.setDeviceMetricsOverride", {
        width: 900,
        height: 1200,
        deviceScaleFactor: 1,
        mobile: false,
      });
      const loaded = browser.waitFor("Page.loadEventFired");
      await page("Page.navigate", { url: `file://${dir}/index.html` });
      await within(loaded, TIMEOUT_MS, "loading the gallery");

      const { result } = await page("Runtime.evaluate", {
        expression: `[...document.images].map((img) => ({
          src: img.getAttribute("src"), complete: img.complete, naturalWidth: img.naturalWidth,
        }))`,
        returnByValue: true,
      });
      const images = result.value as {
        src: string;
        complete: boolean;
        naturalWidth: number;
      }[];
      assert.deepEqual(
        images.map((image) => image.src),
        entries.map((entry) => entry.svg),
      );
      for (const image of images) {
        // Every chart is 720px wide (CHART_WIDTH).
        assert.ok(
          image.complete && image.naturalWidth === 720,
          `${image.src} did not load: ${JSON.stringify(image)}`,
        );
      }
      assert.deepEqual(errors, []);

      const { cssContentSize } = await page("Page.getLayoutMetrics");
      const { data } = await page("Page.captureScreenshot", {
        format: "png",
        captureBeyondViewport: true,
        clip: {
          x: 0,
          y: 0,
          width: cssContentSize.width,
          height: cssContentSize.height,
          scale: 1,
        },
      });
      const screenshot = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      assert.deepEqual([...screenshot.slice(1, 4)], [80, 78, 71], "a PNG");
      const out = new URL("../../.test-artifacts/", import.meta.url);
      await Deno.mkdir(out, { recursive: true });
      await Deno.writeFile(
        new URL("gallery_browser_test.png", out),
        screenshot,
      );
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

/** The label column of each chart's CSV whose every value is drawn as text in the chart. */
const KIT_LABELS: Record<string, string> = {
  revenue_published_vs_cache_aware: "model",
  token_vs_dollar_share: "vendor",
  top_models_weekly: "model",
  tokens_vs_benchmark: "model",
  weekly_movers: "model",
  cache_hit_observed: "model",
};

Deno.test({
  name:
    "the report's gallery shows each chart's kit in headless Chromium: alt text from its JSON, CSV labels drawn, social card 1200×630",
  ignore: !hasChromium && !inCi,
  fn: async () => {
    assert.ok(
      hasChromium,
      `${CHROMIUM} is missing; CI is set, so this test must run`,
    );
    const { buildReport } = await import("../../lib/report/report.ts");
    const { csvParse } = await import("d3-dsv");
    const { truncateLabel } = await import("../../lib/charts/chart_style.ts");
    const dir = await Deno.makeTempDir({ prefix: "tokenbook-kit-" });
    const browser = new Browser(`${dir}/profile`);
    try {
      await buildReport({ dataDir: "data", outDir: `${dir}/out` });
      const { targetId } = await browser.send("Target.createTarget", {
        url: "about:blank",
      });
      const { sessionId } = await browser.send("Target.attachToTarget", {
        targetId,
        flatten: true,
      });
      const page = (method: string, params: Record<string, unknown> = {}) =>
        browser.send(method, params, sessionId);
      await page("Page.enable");
      const open = async (url: string) => {
        const loaded = browser.waitFor("Page.loadEventFired");
        await page("Page.navigate", { url });
        await within(loaded, TIMEOUT_MS, `loading ${url}`);
      };
      const evaluate = async <T>(expression: string): Promise<T> => {
        const { result } = await page("Runtime.evaluate", {
          expression,
          returnByValue: true,
          awaitPromise: true,
        });
        return result.value as T;
      };

      await open(`file://${dir}/out/index.html`);
      const figures = await evaluate<
        { id: string; alt: string; links: string[] }[]
      >(`[...document.querySelectorAll("main figure")].map((f) => ({
        id: f.id, alt: f.querySelector("img").getAttribute("alt"),
        links: [...f.querySelectorAll(".downloads a")].map((a) => a.getAttribute("href")),
      }))`);
      assert.ok(figures.length >= 9, `${figures.length} figures`);
      for (const figure of figures) {
        const meta = JSON.parse(
          await Deno.readTextFile(`${dir}/out/charts/${figure.id}.json`),
        );
        assert.equal(figure.alt, meta.alt, figure.id);
        assert.ok(meta.alt.length <= 300, figure.id);
        assert.deepEqual(
          figure.links,
          ["svg", "png", "dark_svg", "dark_png", "social_png", "csv", "json"]
            .map((role) => `charts/${meta.files[role]}`),
        );

        // The social card, as the browser decodes it.
        await open(`file://${dir}/out/charts/${meta.files.social_png}`);
        const size = await evaluate<number[]>(
          `[document.images[0].naturalWidth, document.images[0].naturalHeight]`,
        );
        assert.deepEqual(size, [1200, 630], figure.id);

        // Every label of the CSV is drawn in the chart, as the browser renders it.
        const column = KIT_LABELS[figure.id];
        if (column === undefined) continue;
        await open(`file://${dir}/out/charts/${meta.files.svg}`);
        const drawn = await evaluate<string[]>(
          `[...document.querySelectorAll("text")].map((t) => t.textContent)`,
        );
        const rows = csvParse(
          await Deno.readTextFile(`${dir}/out/charts/${meta.files.csv}`),
        );
        assert.ok(rows.length > 0, figure.id);
        for (const row of rows) {
          const label = truncateLabel(String(row[column]));
          assert.ok(
            drawn.some((text) => text.includes(label)),
            `${figure.id}: ${label} is in the CSV but not drawn`,
          );
        }
      }
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
