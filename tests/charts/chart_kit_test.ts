// Tests of lib/charts/chart_kit.ts and lib/charts/chart_kit_tables.ts on the
// bundled data (runs every analysis once). The extremes pinned here are those
// of the drawn rows, read back from each kit's CSV; the week of 2026-06-15's
// movers are those notebook 05 counts (GPT-5.5 +115%, Qwen3.7 Max −32%).
import assert from "node:assert/strict";
import { JSDOM } from "jsdom";
import { csvParse } from "d3-dsv";
import { runAnalyses } from "../../lib/run/analyses.ts";
import { loadClaims } from "../../lib/claims/claims.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import {
  CHART_NAMES,
  CHART_SPECS,
  chartSpec,
} from "../../lib/charts/registry.ts";
import {
  chartKit,
  kitFileNames,
  SOCIAL_CARD,
} from "../../lib/charts/chart_kit.ts";
import { ALT_MAX } from "../../lib/charts/chart_kit_tables.ts";
import {
  renderChartFiles,
  saveChartFiles,
} from "../../lib/charts/chart_export.ts";
import { truncateLabel } from "../../lib/charts/chart_style.ts";
import { inTempDir, once } from "../_helpers.ts";

const { document } = new JSDOM("").window;

const bundled = once(async () =>
  runAnalyses(
    await loadWorkspace("data"),
    await loadClaims("data/claims.csv"),
  )
);

const kits = once(async () => {
  const results = await bundled();
  return CHART_SPECS.map((spec) => chartKit(spec, results, document));
});

const kitOf = async (name: string) =>
  (await kits()).find((kit) => kit.name === name)!;

/** The CSV rows of a kit. */
const rowsOf = (csv: string) => csvParse(csv) as Record<string, string>[];

/** The row with the largest (or smallest) value of a column. */
function extreme(
  rows: Record<string, string>[],
  column: string,
  smallest = false,
): Record<string, string> {
  return rows.reduce((a, b) =>
    (smallest
        ? Number(b[column]) < Number(a[column])
        : Number(b[column]) > Number(a[column]))
      ? b
      : a
  );
}

Deno.test("chartKit() makes a kit for every chart of the registry, with a JSON naming its source, licence, period and claims", async () => {
  const results = await bundled();
  const all = await kits();
  assert.deepEqual(all.map((k) => k.name), [...CHART_NAMES]);
  for (const kit of all) {
    const spec = chartSpec(kit.name);
    assert.deepEqual(kit.meta.claim_ids, [...spec.claimIds]);
    assert.equal(kit.meta.source, spec.texts(results).source);
    assert.match(kit.meta.source_url, /^https:\/\//);
    assert.ok(kit.meta.licence.length > 0);
    assert.deepEqual(kit.meta.files, kitFileNames(kit.name));
    assert.equal(kit.svg.getAttribute("role"), "img");
    assert.equal(kit.svg.querySelector("title")?.textContent, kit.meta.title);
    assert.equal(kit.svg.querySelector("desc")?.textContent, kit.meta.alt);
  }
  // The bundled month has no meta.as_of: the JSON says null, never "unknown".
  const origin = await kitOf("origin_share_weekly");
  assert.equal(origin.meta.as_of, null);
  assert.deepEqual(origin.meta.period, {
    start: "2026-05-24",
    end: "2026-06-22",
  });
  assert.equal(origin.meta.licence, "CC BY 4.0");
});

Deno.test("every alt text is at most 300 characters, written from the data, not the title", async () => {
  for (const kit of await kits()) {
    assert.ok(kit.meta.alt.length <= ALT_MAX, `${kit.name}: ${kit.meta.alt}`);
    assert.ok(kit.meta.alt.length > 60, `${kit.name}: ${kit.meta.alt}`);
    assert.notEqual(kit.meta.alt, kit.meta.title);
    assert.match(kit.meta.alt, /\d/, `${kit.name}: no figure`);
  }
});

Deno.test("the alt text names the extremes of the rows drawn (read back from the CSV)", async () => {
  const movers = await kitOf("weekly_movers");
  const moves = rowsOf(movers.csv);
  assert.equal(moves.length, 6);
  assert.equal(extreme(moves, "change_percent").model, "GPT-5.5");
  assert.equal(extreme(moves, "change_percent", true).model, "Qwen3.7 Max");
  assert.match(movers.meta.alt, /GPT-5\.5 \+115%.*Qwen3\.7 Max −32%/);

  const bench = await kitOf("tokens_vs_benchmark");
  const scored = rowsOf(bench.csv);
  for (
    const model of [
      extreme(scored, "tokens").model,
      extreme(scored, "swe_bench_verified_percent").model,
      extreme(scored, "tokens", true).model,
    ]
  ) assert.ok(bench.meta.alt.includes(model), `${model}: ${bench.meta.alt}`);

  const top = await kitOf("top_models_weekly");
  const ranked = rowsOf(top.csv);
  const lastWeek = ranked.map((r) => r.week).sort().at(-1)!;
  const first = ranked.find((r) => r.week === lastWeek && r.rank === "1")!;
  assert.ok(top.meta.alt.startsWith(`${first.model} was the most used model`));
  assert.match(top.meta.alt, /4\.94T tokens/);

  const shares = await kitOf("token_vs_dollar_share");
  const vendors = rowsOf(shares.csv);
  assert.ok(
    shares.meta.alt.startsWith(
      `${extreme(vendors, "dollar_share_percent").vendor} has`,
    ),
  );
});

Deno.test("each kit's CSV holds the rows drawn: every label in it is drawn in the SVG", async () => {
  const label: Record<string, string> = {
    revenue_published_vs_cache_aware: "model",
    token_vs_dollar_share: "vendor",
    top_models_weekly: "model",
    tokens_vs_benchmark: "model",
    weekly_movers: "model",
    cache_hit_observed: "model",
  };
  for (const [name, column] of Object.entries(label)) {
    const kit = await kitOf(name);
    const drawn = [...kit.svg.querySelectorAll("text")].map((t) =>
      t.textContent ?? ""
    ).join("\n");
    const rows = rowsOf(kit.csv);
    assert.ok(rows.length > 0, name);
    for (const row of rows) {
      const text = truncateLabel(row[column]);
      assert.ok(drawn.includes(text), `${name}: ${text} is not drawn`);
    }
  }
  // Top models: 10 per week shown, 4 complete weeks.
  const top = rowsOf((await kitOf("top_models_weekly")).csv);
  assert.equal(top.length, 40);
  // Origin share: one row per week and origin, the partial weeks included.
  const origin = rowsOf((await kitOf("origin_share_weekly")).csv);
  const results = await bundled();
  assert.equal(origin.length, results.weeklyOrigins.height);
  assert.deepEqual(Object.keys(origin[0]), [
    "week_start",
    "days_of_data",
    "origin",
    "tokens",
    "share_percent",
  ]);
});

Deno.test("chartKit() follows a writer's title, subtitle and width (the height keeps the aspect)", async () => {
  const results = await bundled();
  const kit = chartKit(chartSpec("top_models_weekly"), results, document, {
    title: "Who leads",
    subtitle: "Four weeks",
    width: 1080,
  });
  assert.equal(kit.svg.getAttribute("width"), "1080");
  assert.equal(kit.svg.getAttribute("height"), "960"); // 640 × 1080 / 720
  assert.equal(kit.meta.title, "Who leads");
  assert.equal(kit.svg.querySelector("text")?.textContent, "Who leads");
  assert.throws(
    () =>
      chartKit(chartSpec("weekly_movers"), results, document, { width: 50 }),
    /width is 50, expected a whole number of pixels from 320 to 4000/,
  );
});

Deno.test("the kit's files are written beside NAME.svg, the social card 1200×630, byte-identical on a second run", async () => {
  const results = await bundled();
  const render = () =>
    renderChartFiles(["weekly_movers", "origin_share_weekly"].map((name) => {
      const kit = chartKit(chartSpec(name), results, document);
      return { name, svg: kit.svg, kit };
    }));
  await inTempDir(async (dir) => {
    await saveChartFiles(`${dir}/a`, render());
    await saveChartFiles(`${dir}/b`, render());
    for (const name of ["weekly_movers", "origin_share_weekly"]) {
      for (const file of Object.values(kitFileNames(name))) {
        const a = await Deno.readFile(`${dir}/a/${file}`);
        const b = await Deno.readFile(`${dir}/b/${file}`);
        assert.ok(a.length > 0, file);
        assert.deepEqual(a, b, `${file} differs between runs`);
      }
      const png = await Deno.readFile(`${dir}/a/${name}.social.png`);
      const view = new DataView(png.buffer, png.byteOffset);
      assert.deepEqual(
        [view.getUint32(16), view.getUint32(20)],
        [SOCIAL_CARD.width, SOCIAL_CARD.height],
      );
      const dark = await Deno.readTextFile(`${dir}/a/${name}.dark.svg`);
      assert.match(dark, /<rect width="720" height="440" fill="#16181c"\/>/);
      const meta = JSON.parse(await Deno.readTextFile(`${dir}/a/${name}.json`));
      assert.equal(meta.name, name);
    }
  });
});

Deno.test("the charts name a model by its one display name (reference/models.csv): no slugs, no internal words", async () => {
  const bars = rowsOf((await kitOf("agent_task_cost")).csv).map((r) => r.bar);
  assert.ok(bars.includes("DeepSeek V4 Flash · models list"), bars.join("; "));
  assert.ok(bars.includes("Claude Sonnet 4.5 · article's $0.21"));
  for (const bar of bars) {
    assert.doesNotMatch(bar, /v4-flash|sonnet-4\.5|one source/, bar);
  }
  // Tencent's model is "Hy3 Preview" in the benchmark chart as in the top 10
  // (the benchmarks table calls it "Tencent Hy3 preview").
  const scored = rowsOf((await kitOf("tokens_vs_benchmark")).csv).map((r) =>
    r.model
  );
  const ranked = rowsOf((await kitOf("top_models_weekly")).csv).map((r) =>
    r.model
  );
  assert.ok(scored.includes("Hy3 Preview") && ranked.includes("Hy3 Preview"));
  assert.ok(!scored.includes("Tencent Hy3 preview"));
});

Deno.test("the tracker's charts name its file by its date (a Sunday), never 'week of' as the Monday weeks of the rankings charts", async () => {
  for (
    const name of ["revenue_published_vs_cache_aware", "token_vs_dollar_share"]
  ) {
    const kit = await kitOf(name);
    assert.match(kit.meta.title, /, the tracker's file of 8 February 2026$/);
    assert.doesNotMatch(kit.meta.title, /week of/);
  }
});

Deno.test("the tracker's revenue chart names models by the same display names as the rankings charts", async () => {
  const models = rowsOf((await kitOf("revenue_published_vs_cache_aware")).csv)
    .map((r) => r.model);
  assert.ok(models.includes("Claude Sonnet 4.5"), models.join("; "));
  assert.ok(models.includes("Kimi K2.5"), models.join("; "));
  for (const model of models) assert.doesNotMatch(model, /^[A-Za-z]+: /, model);
});
