// Tests of lib/charts/registry.ts on the bundled data (runs every analysis
// once, ~1–3 s). The six ±30% moves of the week of 2026-06-15 are those
// notebook 05 counts (`movers(weekly, { threshold: 0.3 })`): GPT-5.5 +115%,
// GLM 5.1 +81%, Kimi K2.6 +37%, Claude Opus 4.8 +36%, GPT-5.4 +33%,
// Qwen3.7 Max −32%.
import assert from "node:assert/strict";
import { JSDOM } from "jsdom";
import pl from "nodejs-polars";
import { runAnalyses } from "../../lib/run/analyses.ts";
import { loadClaims } from "../../lib/claims/claims.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { movers } from "../../lib/analysis/movers.ts";
import {
  CHART_NAMES,
  CHART_SPECS,
  chartData,
  drawChart,
  MOVE_THRESHOLD,
} from "../../lib/charts/registry.ts";
import { reportCharts } from "../../lib/charts/report_charts.ts";
import { serializeSvg } from "../../lib/charts/chart_export.ts";
import { once } from "../_helpers.ts";

const { document } = new JSDOM("").window;

const bundled = once(async () =>
  runAnalyses(
    await loadWorkspace("data"),
    await loadClaims("data/claims.csv"),
  )
);

/** The texts of a chart's `<text>` elements, tspans joined by a space. */
function texts(svg: SVGSVGElement): string[] {
  return [...svg.querySelectorAll("text")].map((text) => {
    const spans = [...text.querySelectorAll("tspan")];
    return spans.length > 0
      ? spans.map((s) => s.textContent).join(" ")
      : text.textContent ?? "";
  });
}

Deno.test("CHART_SPECS holds one spec per report chart, in gallery order", () => {
  assert.deepEqual(CHART_SPECS.map((spec) => spec.name), [...CHART_NAMES]);
  assert.deepEqual([...CHART_NAMES], [
    "agent_task_cost",
    "ratio_vs_cache_hit",
    "revenue_published_vs_cache_aware",
    "token_vs_dollar_share",
    "origin_share_weekly",
    "top_models_weekly",
    "tokens_vs_benchmark",
    "weekly_movers",
    "cache_hit_observed",
    "quality_per_dollar",
    "self_hosting_break_even",
  ]);
});

Deno.test("drawChart() draws each chart byte-identically to the report's", async () => {
  const results = await bundled();
  const report = reportCharts(results, document);
  assert.equal(report.length, CHART_NAMES.length);
  for (const chart of report) {
    assert.equal(
      serializeSvg(drawChart(chart.name, results, document)),
      serializeSvg(chart.svg),
      chart.name,
    );
  }
});

Deno.test("drawChart() refuses an unknown chart name, listing the names", async () => {
  const results = await bundled();
  assert.throws(
    () => drawChart("movers", results, document),
    (error) =>
      error instanceof RangeError &&
      /"movers".*expected one of "agent_task_cost".*"weekly_movers"/
        .test(error.message),
  );
});

Deno.test("the ratio chart labels the claim's stated ratio (the ledger's), not a figure of its own", async () => {
  const results = await bundled();
  const stated = results.ledger.find((e) => e.id === "pt-42")!.stated;
  const label = (claimStated: number) => {
    const claims = results.claims.map((claim) =>
      claim.id === "pt-42" ? { ...claim, stated: claimStated } : claim
    );
    return texts(
      drawChart("ratio_vs_cache_hit", { ...results, claims }, document),
    )
      .filter((text) => text.startsWith("article:"));
  };
  // pt-42 "26× difference"
  assert.equal(stated, 26);
  assert.deepEqual(label(stated), ["article: 26×"]);
  assert.deepEqual(label(31), ["article: 31×"]);
});

Deno.test("the cost chart's labels carry no claim ids and its legend only drawn components", async () => {
  const results = await bundled();
  const all = texts(drawChart("agent_task_cost", results, document));
  const ids = results.ledger.map((entry) => entry.id);
  for (const text of all) {
    for (const id of ids) assert.ok(!text.includes(`(${id})`), text);
  }
  // No bar of the bundled table has a cache-write cost (every value is 0).
  assert.equal(
    results.agentTaskCost.getColumn("cache_write_usd").abs().max(),
    0,
  );
  assert.ok(!all.includes("cache write"), all.join(" | "));
  assert.ok(all.includes("cache read"));
});

Deno.test("the movers chart draws every ±30% move the analysis counts, and says how many", async () => {
  const results = await bundled();
  const counted = movers(results.weeklyModels, { threshold: MOVE_THRESHOLD })
    .filter(pl.col("week_start").eq(pl.lit("2026-06-15")));
  assert.equal(counted.height, 6);
  const frame = chartData("weekly_movers", results);
  assert.deepEqual(
    frame.getColumn("model").toArray().sort(),
    counted.getColumn("model").toArray().sort(),
  );
  const svg = drawChart("weekly_movers", results, document);
  const drawn = texts(svg);
  for (const model of counted.getColumn("model").toArray() as string[]) {
    assert.ok(drawn.includes(model), `${model} is not drawn`);
  }
  assert.equal(svg.querySelectorAll('g[aria-label="bar"] rect').length, 6);
  assert.ok(
    drawn.includes("6 models moved more than ±30%, week of 2026-06-15"),
    drawn.slice(0, 3).join(" | "),
  );
});
