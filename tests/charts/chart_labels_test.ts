// Label layout of every report chart, read back from the SVG as drawn: no two
// texts overlap, no text leaves the canvas, no two label leader lines cross
// and no leader runs through another text. Run on the bundled data and on a
// synthetic three-year run of rankings-daily (lib/tooling/synthetic_rankings.ts,
// seed 42) before the bundled month; ~10–20 s (three years are 56K rows).
//
// Text boxes are approximations, stated here once: a line's width is the sum
// of DejaVu Sans advance widths at its font size (`textWidth`, the widths
// resvg uses for the PNG; bold widths for bold text), its box runs from
// 0.76em above the baseline to 0.24em below, positions come from the
// `x`/`y`/`dx`/`dy` attributes (em converted at the font size) and the
// `translate()` transforms of the text and its ancestors. Boxes may touch;
// they must not overlap by more than 0.5px both ways.
import assert from "node:assert/strict";
import { JSDOM } from "jsdom";
import pl from "nodejs-polars";
import { join } from "node:path";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { loadClaims } from "../../lib/claims/claims.ts";
import { type Analyses, runAnalyses } from "../../lib/run/analyses.ts";
import { CHART_NAMES, drawChart } from "../../lib/charts/registry.ts";
import { moversChart } from "../../lib/charts/movers_chart.ts";
import { serializeSvg } from "../../lib/charts/chart_export.ts";
import { textWidth } from "../../lib/charts/chart_style.ts";
import {
  type Box,
  type Segment,
  segmentHitsBox,
  segmentsCross,
} from "../../lib/charts/_label_placer.ts";
import { syntheticRankingsYear } from "../../lib/tooling/synthetic_rankings.ts";
import { mulberry32 } from "../../lib/base/random.ts";
import { copyDir, once } from "../_helpers.ts";

const { document } = new JSDOM("").window;
const parse = (svg: string) =>
  new JSDOM(svg, { contentType: "image/svg+xml" }).window.document;

/** One line of text as drawn, with its estimated box. */
interface TextLine {
  text: string;
  box: Box;
  /** The `<text>` element it belongs to. */
  element: Element;
}

/** The value of an attribute on the element or its nearest ancestor that has it. */
function inherited(element: Element, name: string): string | null {
  for (let e: Element | null = element; e !== null; e = e.parentElement) {
    const value = e.getAttribute(name);
    if (value !== null) return value;
  }
  return null;
}

/** A length in px: "12", "12px" or "0.32em" (at `fontSize`). */
function length(value: string | null, fontSize: number): number {
  if (value === null || value === "") return 0;
  const number = Number.parseFloat(value);
  return value.endsWith("em") ? number * fontSize : number;
}

/** The sum of the `translate()` transforms (and nested `<svg>` x/y) of an element and its ancestors. */
function offset(element: Element): [number, number] {
  let [x, y] = [0, 0];
  for (let e: Element | null = element; e !== null; e = e.parentElement) {
    const transform = e.getAttribute("transform");
    if (transform !== null) {
      const match = /^translate\(([-\d.e]+)(?:[ ,]+([-\d.e]+))?\)$/.exec(
        transform.trim(),
      );
      assert.ok(match, `unsupported transform ${transform}`);
      x += Number(match[1]);
      y += Number(match[2] ?? 0);
    }
    if (e.tagName.toLowerCase() === "svg" && e.parentElement !== null) {
      x += length(e.getAttribute("x"), 0);
      y += length(e.getAttribute("y"), 0);
    }
  }
  return [x, y];
}

/** Every line of text of a chart, with its box in the chart's pixels. */
function textLines(svg: Document): TextLine[] {
  const lines: TextLine[] = [];
  for (const text of svg.querySelectorAll("text")) {
    const fontSize = Number.parseFloat(inherited(text, "font-size") ?? "16");
    const bold = inherited(text, "font-weight") === "bold";
    const anchor = inherited(text, "text-anchor") ?? "start";
    const [ox, oy] = offset(text);
    const x = ox + length(text.getAttribute("x"), fontSize) +
      length(text.getAttribute("dx"), fontSize);
    let y = oy + length(text.getAttribute("y"), fontSize) +
      length(text.getAttribute("dy"), fontSize);
    const spans = [...text.querySelectorAll("tspan")];
    const parts = spans.length > 0
      ? spans.map((span) => {
        if (span.getAttribute("y") !== null) {
          y = oy + length(span.getAttribute("y"), fontSize);
        }
        y += length(span.getAttribute("dy"), fontSize);
        const spanX = span.getAttribute("x") !== null
          ? ox + length(span.getAttribute("x"), fontSize)
          : x;
        return { text: span.textContent ?? "", x: spanX, y };
      })
      : [{ text: text.textContent ?? "", x, y }];
    for (const part of parts) {
      if (part.text.trim() === "") continue;
      const width = textWidth(part.text, fontSize, bold);
      const left = part.x -
        (anchor === "end" ? width : anchor === "middle" ? width / 2 : 0);
      lines.push({
        text: part.text,
        element: text,
        box: {
          left,
          right: left + width,
          top: part.y - fontSize * 0.76,
          bottom: part.y + fontSize * 0.24,
        },
      });
    }
  }
  return lines;
}

/** The leader lines of the placed labels, in the chart's pixels, each with the text it leads to. */
function leaderLines(svg: Document): { segment: Segment; label: Element }[] {
  return [...svg.querySelectorAll('g[aria-label="labels"] line')].map(
    (line) => {
      const [ox, oy] = offset(line);
      const at = (name: string) => Number(line.getAttribute(name));
      return {
        segment: {
          x1: ox + at("x1"),
          y1: oy + at("y1"),
          x2: ox + at("x2"),
          y2: oy + at("y2"),
        },
        label: line.nextElementSibling!,
      };
    },
  );
}

/** Overlap of two boxes by more than `slack` px both ways. */
function overlap(a: Box, b: Box, slack = 0.5): boolean {
  return Math.min(a.right, b.right) - Math.max(a.left, b.left) > slack &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > slack;
}

/** Every layout fault of one chart, as sentences. */
function layoutFaults(svgText: string): string[] {
  const svg = parse(svgText);
  const root = svg.documentElement;
  const [width, height] = ["width", "height"].map((name) =>
    Number(root.getAttribute(name))
  );
  const lines = textLines(svg);
  const faults: string[] = [];
  // All pairs: a chart has at most a few hundred texts.
  for (const [i, a] of lines.entries()) {
    if (
      a.box.left < -0.5 || a.box.right > width + 0.5 || a.box.top < -0.5 ||
      a.box.bottom > height + 0.5
    ) {
      faults.push(`"${a.text}" leaves the ${width}×${height} canvas`);
    }
    for (const b of lines.slice(i + 1)) {
      if (a.element !== b.element && overlap(a.box, b.box)) {
        faults.push(`"${a.text}" overlaps "${b.text}"`);
      }
    }
  }
  const leaders = leaderLines(svg);
  for (const [i, a] of leaders.entries()) {
    for (const b of leaders.slice(i + 1)) {
      if (segmentsCross(a.segment, b.segment)) {
        faults.push(
          `the leaders of "${a.label.textContent}" and "${b.label.textContent}" cross`,
        );
      }
    }
    for (const line of lines) {
      if (line.element === a.label) continue;
      const inner = {
        left: line.box.left + 0.5,
        right: line.box.right - 0.5,
        top: line.box.top + 0.5,
        bottom: line.box.bottom - 0.5,
      };
      if (segmentHitsBox(a.segment, inner)) {
        faults.push(
          `the leader of "${a.label.textContent}" runs through "${line.text}"`,
        );
      }
    }
  }
  return faults;
}

const bundled = once(async () =>
  runAnalyses(await loadWorkspace("data"), await loadClaims("data/claims.csv"))
);

/** The bundled data with three synthetic years of rankings-daily before its month. */
const threeYears = once(async () => {
  const dir = await Deno.makeTempDir({ prefix: "tokenbook_charts_" });
  try {
    await copyDir("data", dir);
    const real = (await loadWorkspace("data")).rankings;
    const synthetic = syntheticRankingsYear(real, { days: 3 * 365, seed: 42 });
    await Deno.writeTextFile(
      join(
        dir,
        "raw/rankings-daily",
        `${synthetic.meta.start_date}_${synthetic.meta.end_date}.json`,
      ),
      JSON.stringify(synthetic),
    );
    return runAnalyses(
      await loadWorkspace(dir),
      await loadClaims(join(dir, "claims.csv")),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

function assertCleanLayout(
  results: Analyses,
  names: readonly (typeof CHART_NAMES)[number][] = CHART_NAMES,
) {
  const faults = names.flatMap((name) =>
    layoutFaults(serializeSvg(drawChart(name, results, document))).map((f) =>
      `${name}: ${f}`
    )
  );
  assert.deepEqual(faults, []);
}

Deno.test("layoutFaults() finds two overlapping texts, a text off the canvas and crossing leaders", () => {
  const faults = layoutFaults(
    `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" font-size="10">
      <text x="10" y="20">Alpha</text>
      <g transform="translate(5,0)"><text x="20" y="22">Beta</text></g>
      <text x="190" y="90">Gamma</text>
      <g aria-label="labels">
        <line x1="0" y1="50" x2="60" y2="90"/><text x="60" y="95">One</text>
        <line x1="0" y1="90" x2="60" y2="50"/><text x="100" y="50">Two</text>
      </g>
    </svg>`,
  );
  assert.deepEqual(faults, [
    `"Alpha" overlaps "Beta"`,
    `"Gamma" leaves the 200×100 canvas`,
    `the leaders of "One" and "Two" cross`,
  ]);
});

Deno.test("no report chart has overlapping texts or crossing leaders on the bundled data", async () => {
  assertCleanLayout(await bundled());
});

Deno.test("no report chart has overlapping texts or crossing leaders on three synthetic years", async () => {
  const results = await threeYears();
  // The run covers three years and a month of weeks.
  assert.ok(
    results.weeklyTotals.height > 150,
    `${results.weeklyTotals.height}`,
  );
  assertCleanLayout(results);
});

Deno.test("the top-models chart on three years draws the latest 8 weeks and one column for the rest", async () => {
  const results = await threeYears();
  const svg = drawChart("top_models_weekly", results, document);
  const ticks = [
    ...svg.querySelectorAll('g[aria-label="x-axis tick label"] text'),
  ].map((t) => t.textContent);
  const complete = results.weeklyTotals.filter(pl.col("days_covered").eq(7))
    .height;
  assert.equal(ticks[0], `earlier${complete - 8} weeks`);
  assert.ok(
    (svg.textContent ?? "").includes(
      `Latest 8 of ${complete} complete weeks`,
    ),
  );
  // The earlier column ranks models only, never the unranked `other` row.
  const left = [...svg.querySelectorAll('g[aria-label="text"] text')]
    .map((t) => t.textContent ?? "").filter((t) => /^#\d+ /.test(t));
  assert.equal(left.length, 10);
  assert.ok(left.every((t) => !t.includes("Other")), left.join(" | "));
});

Deno.test("moversChart() grows taller for 60 bars and keeps every label clear", () => {
  const random = mulberry32(11);
  const frame = pl.DataFrame({
    week_start: Array.from({ length: 60 }, () => "2026-06-15"),
    model: Array.from({ length: 60 }, (_, i) => `Model number ${i}`),
    wow_change: Array.from({ length: 60 }, () => random() * 3 - 1),
    origin: Array.from({ length: 60 }, (_, i) => (i % 2 ? "US" : "China")),
  });
  const svg = moversChart(frame, {
    document,
    title: "Movers",
    source: "Source: test",
  });
  assert.equal(svg.getAttribute("height"), String(200 + 22 * 60));
  assert.equal(svg.querySelectorAll('g[aria-label="bar"] rect').length, 60);
  assert.deepEqual(layoutFaults(serializeSvg(svg)), []);
});

/** The bundled data with its month replaced by `weeks` synthetic complete weeks ending Sunday 2026-06-21. */
async function weeksOfData(weeks: number): Promise<Analyses> {
  const dir = await Deno.makeTempDir({ prefix: "tokenbook_weeks_" });
  try {
    await copyDir("data", dir);
    const real = (await loadWorkspace("data")).rankings;
    for await (const entry of Deno.readDir(join(dir, "raw/rankings-daily"))) {
      await Deno.remove(join(dir, "raw/rankings-daily", entry.name));
    }
    const days = weeks * 7;
    const start = new Date(Date.UTC(2026, 5, 22) - days * 86_400_000)
      .toISOString().slice(0, 10);
    const synthetic = syntheticRankingsYear(real, {
      days,
      startDate: start,
      seed: weeks,
    });
    await Deno.writeTextFile(
      join(
        dir,
        "raw/rankings-daily",
        `${synthetic.meta.start_date}_${synthetic.meta.end_date}.json`,
      ),
      JSON.stringify(synthetic),
    );
    return runAnalyses(
      await loadWorkspace(dir),
      await loadClaims(join(dir, "claims.csv")),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

for (const weeks of [12, 52]) {
  Deno.test(`on ${weeks} weeks the weekly charts stay readable: the top models over the latest 8 weeks, labels only at the ends, one "other" in the legends`, async () => {
    const results = await weeksOfData(weeks);
    assert.equal(
      results.weeklyTotals.filter(pl.col("days_covered").eq(7)).height,
      weeks,
    );
    // The label placer's collision check, on every weekly chart as drawn.
    assertCleanLayout(results, [
      "top_models_weekly",
      "origin_share_weekly",
      "weekly_movers",
      "token_vs_dollar_share",
    ]);
    const svg = drawChart("top_models_weekly", results, document);
    const ticks = [
      ...svg.querySelectorAll('g[aria-label="x-axis tick label"] text'),
    ].map((t) => t.textContent);
    assert.equal(ticks[0], `earlier${weeks - 8} weeks`);
    assert.ok(
      (svg.textContent ?? "").includes(`Latest 8 of ${weeks} complete weeks`),
    );
    // No floating label: only the left (#rank) and right (· tokens) ends, ten each at most.
    assert.equal(svg.querySelectorAll('g[aria-label="labels"] text').length, 0);
    const labels = [...svg.querySelectorAll('g[aria-label="text"] text')]
      .map((t) => t.textContent ?? "");
    const left = labels.filter((t) => /^#\d+ /.test(t));
    const right = labels.filter((t) => / · \d/.test(t));
    assert.ok(left.length <= 10 && right.length <= 10, labels.join(" | "));
    assert.equal(left.length + right.length, labels.length, labels.join(" | "));
    for (const name of ["top_models_weekly", "origin_share_weekly"] as const) {
      const texts = [
        ...drawChart(name, results, document).querySelectorAll("text"),
      ].map((t) => t.textContent ?? "");
      assert.equal(texts.includes("other (not in top 50)"), false, name);
      assert.ok(
        texts.filter((t) => /\bother\b/i.test(t)).length <= 1,
        `${name}: ${texts.filter((t) => /other/i.test(t)).join(" | ")}`,
      );
    }
  });
}
