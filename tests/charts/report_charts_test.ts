// Runs every analysis over the bundled data twice (whole and cut at
// 2026-06-07), ~1–3 s each, then draws the report's charts.
import assert from "node:assert/strict";
import { JSDOM } from "jsdom";
import { runAnalyses } from "../../lib/run/analyses.ts";
import { loadClaims } from "../../lib/claims/claims.ts";
import {
  type ReportChart,
  reportCharts,
} from "../../lib/charts/report_charts.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { CHART_SPECS } from "../../lib/charts/registry.ts";
import { once } from "../_helpers.ts";

// The last day of rankings-daily, 2026-06-22, and the latest complete week of
// data cut at 2026-06-07, 2026-06-01, were computed with python3 over
// data/raw/rankings-daily/2026-05-24_2026-06-22.json (max of "date"; Monday
// weeks with 7 days); the chart names and their order are those of the
// report's gallery (lib/charts/report_charts.ts).

const { document } = new JSDOM("").window;

const claims = once(() => loadClaims("data/claims.csv"));

/** The analyses and charts of the bundled data, cut at `asOf` when given. */
async function chartsOf(asOf: string | null) {
  const results = runAnalyses(
    await loadWorkspace("data", { asOf }),
    await claims(),
  );
  return { results, charts: reportCharts(results, document) };
}

const bundled = once(() => chartsOf(null));
const cutAtJune7 = once(() => chartsOf("2026-06-07"));

/** The charts drawn from rankings-daily, whose source line names its last day. */
const RANKINGS_CHARTS = [
  "origin_share_weekly",
  "top_models_weekly",
  "tokens_vs_benchmark",
  "weekly_movers",
];

function byName(charts: ReportChart[], name: string): ReportChart {
  const chart = charts.find((c) => c.name === name);
  assert.ok(chart, `no chart named ${name}`);
  return chart;
}

Deno.test("reportCharts() draws the report's eleven charts under unique snake_case names", async () => {
  const { charts } = await bundled();
  assert.deepEqual(charts.map((c) => c.name), [
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
  assert.equal(new Set(charts.map((c) => c.name)).size, 11);
  for (const { name } of charts) assert.match(name, /^[a-z_]+$/);
});

Deno.test("reportCharts() returns each chart as an <svg> element", async () => {
  for (const chart of (await bundled()).charts) {
    assert.equal(chart.svg.tagName.toLowerCase(), "svg", chart.name);
    assert.ok(chart.svg.outerHTML.startsWith("<svg"), chart.name);
  }
});

Deno.test("reportCharts() draws each chart's title inside its SVG", async () => {
  const missing = (await bundled()).charts
    .filter((c) => !(c.svg.textContent ?? "").includes(c.title))
    .map((c) => `${c.name}: ${JSON.stringify(c.title)}`);
  assert.deepEqual(missing, []);
});

// The source line wraps over several <text> lines: compare without white space.
const squeezed = (svg: SVGSVGElement) =>
  (svg.textContent ?? "").replace(/\s+/g, "");

Deno.test("reportCharts() draws a source line ending with tokenbook in every chart", async () => {
  const { results, charts } = await bundled();
  for (const chart of charts) {
    const { source } = CHART_SPECS.find((s) => s.name === chart.name)!
      .texts(results);
    assert.match(source, /^Source: [^·]+( · [^·]+)* · tokenbook$/, chart.name);
    // Drawn whole, wrapped over lines.
    assert.ok(
      squeezed(chart.svg).includes(source.replace(/\s+/g, "")),
      chart.name,
    );
  }
});

Deno.test("reportCharts() cites OpenRouter by the days each rankings chart shows and the provenance in words (the bundled month has no as_of)", async () => {
  const { charts } = await bundled();
  // The days shown: every day (origin share), the four complete weeks (top
  // models), the latest complete week (benchmark), the two compared weeks (movers).
  const days: Record<string, string> = {
    origin_share_weekly: "24May–22June2026",
    top_models_weekly: "25May–21June2026",
    tokens_vs_benchmark: "15–21June2026",
    weekly_movers: "8–21June2026",
  };
  for (const name of RANKINGS_CHARTS) {
    const text = squeezed(byName(charts, name).svg);
    assert.ok(
      text.includes(
        `Source:OpenRouter(openrouter.ai/rankings),dailydata${
          days[name]
        },viaapublicarchive.CCBY4.0`,
      ),
      `${name}: ${text.slice(0, 300)}`,
    );
  }
});

Deno.test("no chart's source line holds a file name, a field path or 'unknown'", async () => {
  const { results } = await bundled();
  for (const spec of CHART_SPECS) {
    const { source } = spec.texts(results);
    assert.doesNotMatch(source, /\.(json|csv|md)\b/, `${spec.name}: ${source}`);
    assert.doesNotMatch(
      source,
      /\bmeta\.|\bas_of\b|[a-z]+\.[a-z_]+\[/,
      `${spec.name}: ${source}`,
    );
    assert.doesNotMatch(source, /unknown/i, `${spec.name}: ${source}`);
  }
});

Deno.test("reportCharts() links every chart only to claims of the ledger", async () => {
  const { results, charts } = await bundled();
  const ids = new Set(results.ledger.map((e) => e.id));
  for (const chart of charts) {
    assert.ok(chart.claimIds.length > 0, `${chart.name} illustrates no claim`);
    for (const id of chart.claimIds) {
      assert.ok(ids.has(id), `${chart.name}: claim ${id} is not in the ledger`);
    }
  }
});

Deno.test("reportCharts() on data cut at 2026-06-07 names week 2026-06-01 in the benchmark chart", async () => {
  const { charts } = await cutAtJune7();
  const chart = byName(charts, "tokens_vs_benchmark");
  assert.equal(
    chart.title,
    "Weekly tokens vs SWE-bench Verified, week of 2026-06-01",
  );
  const text = chart.svg.textContent ?? "";
  assert.ok(text.includes(chart.title), text.slice(0, 300));
  assert.ok(
    squeezed(chart.svg).includes(
      "dailydata1–7June2026,viaapublicarchive;datato7June2026.",
    ),
    text.slice(0, 300),
  );
});

Deno.test("every chart drawn from data cut at 2026-06-07 says 'data to 7 June 2026' in its source line", async () => {
  const { results } = await cutAtJune7();
  for (const spec of CHART_SPECS.filter((s) => s.available(results))) {
    assert.match(
      spec.texts(results).source,
      /data to 7 June 2026\b.* · tokenbook$/,
      spec.name,
    );
  }
});
