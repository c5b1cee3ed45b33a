import assert from "node:assert/strict";
import { runAnalyses } from "../lib/report/analysis.ts";
import { claimChecks, type ClaimContext } from "../lib/claims/claim_checks.ts";
import {
  type Claim,
  type Evaluation,
  loadClaims,
} from "../lib/claims/claims.ts";
import { loadWorkspace } from "../lib/loading/workspace.ts";

// Each check is run on a claim of data/claims.csv, and on a variant of it
// whose stated figure is the one the data gives, to show both verdicts come
// from the data. Figures from data were computed outside this code with
// python3 over the raw files:
//   rows = json.load(open("data/raw/rankings-daily/2026-05-24_2026-06-22.json"))["data"]
//   week = [r for r in rows if "2026-06-01" <= r["date"] <= "2026-06-07"]
// vendor → origin from data/reference/vendors.csv; tracker figures from
// data/raw/inference-stats/*.json; prices from data/reference/prices_history_openrouter.csv.

const ws = await loadWorkspace("data");
const claims = await loadClaims("data/claims.csv");
const results = runAnalyses(ws, claims);
const ctx: ClaimContext = {
  classified: results.classified,
  weeklyModels: results.weeklyModels,
  weeklyTotals: results.weeklyTotals,
  weeklyOrigins: results.weeklyOrigins,
  weeklyVendors: results.weeklyVendors,
  vendors: ws.vendors,
  modelIdentity: ws.modelIdentity,
  models: ws.models,
  prices: results.prices,
  inference: ws.inference,
  benchmarks: ws.benchmarks,
  correlations: results.benchmarkCorrelations,
  claims,
};
const checks = claimChecks(ctx);

function claim(id: string, change: Partial<Claim> = {}): Claim {
  const found = claims.find((c) => c.id === id);
  assert.ok(found !== undefined, `no claim ${id}`);
  return { ...found, ...change };
}

function run(c: Claim): Evaluation {
  const check = checks[c.check];
  assert.ok(check !== undefined, `no check ${c.check}`);
  return check(c);
}

Deno.test("week_total_tokens sums the calendar week, and is unverifiable for a week the data does not fully cover", () => {
  // python: sum(int(r["total_tokens"]) for r in week) = 36135310767290.
  const pt01 = run(claim("pt-01"));
  assert.equal(pt01.verdict, "contradicted");
  assert.equal(pt01.reproduced, 36_135_310_767_290);
  const fits = run(claim("pt-01", { stated: 36.14e12, quote: "36.14T" }));
  assert.equal(fits.verdict, "reproduced");
  // 2026-05-18 … 24: only 05-24 is in the data.
  const bb01 = run(claim("bb-01"));
  assert.equal(bb01.verdict, "unverifiable");
  assert.match(bb01.note ?? "", /has 1 of 7 days/);
  // bb-24's week of 2025-05-19: none of it.
  assert.match(run(claim("bb-24")).note ?? "", /has 0 of 7 days/);
});

Deno.test("week_total_wow_pct compares two complete weeks: +13.56%, not the article's +7.4%", () => {
  // python: 36135310767290 / 31821170937871 − 1 = 0.135574515… (2026-05-25 … 31 = 31821170937871).
  const pt02 = run(claim("pt-02"));
  assert.equal(pt02.verdict, "contradicted");
  assert.ok(Math.abs(pt02.reproduced! - 13.5574515402) < 1e-9);
  assert.equal(
    run(claim("pt-02", { stated: 13.56, quote: "+13.56% WoW" })).verdict,
    "reproduced",
  );
});

Deno.test("model_week_tokens resolves the model id to its permaslug and sums its week", () => {
  // python: deepseek/deepseek-v4-flash-20260423 in week (7 rows) = 3685130902674.
  const pt04 = run(claim("pt-04"));
  assert.equal(pt04.verdict, "contradicted");
  assert.equal(pt04.reproduced, 3_685_130_902_674);
  assert.equal(
    run(claim("pt-04", { stated: 3.685e12, quote: "3.685T" })).verdict,
    "reproduced",
  );
});

Deno.test("model_daily_peak_tokens takes the model's largest day and reads 'above' as a lower bound", () => {
  // python: max over week of deepseek-v4-flash-20260423 = 728581604611 (2026-06-07).
  const pt10 = run(claim("pt-10"));
  assert.equal(pt10.verdict, "contradicted");
  assert.equal(pt10.reproduced, 728_581_604_611);
  const lower = run(
    claim("pt-10", { stated: 700e9, quote: "daily peaks above 700B" }),
  );
  assert.equal(lower.verdict, "reproduced");
  assert.match(lower.method, /at least 700\.00B tokens\/day/);
});

Deno.test("origin_week_tokens sums the week by the vendor's origin in vendors.csv", () => {
  // python over week, origin of the permaslug's vendor: China 18250165228305,
  // US 12470171046760 (other 2727901884678, unknown 2529102406861, Europe 157970200686).
  const pt06 = run(claim("pt-06"));
  assert.equal(pt06.reproduced, 18_250_165_228_305);
  assert.equal(pt06.verdict, "contradicted");
  const pt07 = run(claim("pt-07"));
  assert.equal(pt07.reproduced, 12_470_171_046_760);
  assert.equal(
    run(claim("pt-06", { stated: 18.25e12, quote: "18.25T" })).verdict,
    "reproduced",
  );
});

Deno.test("vendor_week_wow_pct leaves xAI unverifiable: its only model is in the top 50 on 3 and 1 days", () => {
  // python: x-ai rows are grok-4.3 only, in the top 50 on 3 days of the week
  // of 2026-05-25 and 1 day of 2026-06-01: the data holds only part of its
  // volume, so its −60.7% change says nothing about xAI's volume.
  const pt12 = run(claim("pt-12"));
  assert.equal(pt12.verdict, "unverifiable");
  assert.equal(pt12.reproduced, null);
  assert.match(
    pt12.note ?? "",
    /none of xAI's models is in the top 50 on all 7 days of both weeks \(Grok 4\.3\)/,
  );
  // Anthropic's models that are in the top 50 every day of both weeks give a change.
  const anthropic = run(
    claim("pt-12", { params: { week: "2026-06-01", vendor: "Anthropic" } }),
  );
  assert.notEqual(anthropic.reproduced, null);
});

Deno.test("weighted_input_price blends input and cache-read prices: $0.02756/M at 90% hits, not ~$0.044/M", () => {
  // Price history as of 2026-06-08: V4 Flash 2026-05-30, 0.0983 input / 0.0197 cache read.
  // 0.1 × 0.0983 + 0.9 × 0.0197 = 0.00983 + 0.01773 = 0.02756.
  // $0.044 needs (0.0983 − 0.044) / (0.0983 − 0.0197) = 0.69084 → 69.084% hits.
  const pt24 = run(claim("pt-24"));
  assert.equal(pt24.verdict, "contradicted");
  assert.equal(pt24.reproduced, 0.02756);
  assert.match(pt24.note ?? "", /dated 2026-05-30/);
  assert.match(pt24.note ?? "", /would need a hit rate of 69\.084%/);
  assert.equal(
    run(claim("pt-24", { stated: 0.0276, quote: "~$0.0276/M" })).verdict,
    "reproduced",
  );
});

Deno.test("agent_task_daily_cost multiplies the task by its runs: 500 × $0.00784 = $3.92 ≈ $4, 500 × $0.21 = $105", () => {
  // 000 article: "Five hundred Agent runs per day ≈ $4 vs $105".
  const pt43 = run(claim("pt-43"));
  assert.equal(pt43.verdict, "reproduced-under-assumptions");
  assert.equal(pt43.reproduced, 3.92);
  assert.match(pt43.assumptions ?? "", /dated 2026-04-24/);
  // With the 2026-05-30 price-history prices: 500 × 0.005508 = 2.754.
  assert.match(pt43.note ?? "", /the figure is 2\.754 USD/);
  const pt44 = run(claim("pt-44"));
  assert.equal(pt44.verdict, "reproduced-under-assumptions");
  assert.equal(pt44.reproduced, 105);
  assert.match(pt44.assumptions ?? "", /not billed at all/);
  // With cache reads charged: 500 × 0.234 = 117.
  assert.match(pt44.note ?? "", /the figure is 117 USD/);
});

Deno.test("catalog_model_count counts the models list of the date, :free variants included", () => {
  // python: len(json.load(open("data/raw/openrouter-models/2026-05-01.models.json"))) = 371,
  // 29 of them ":free".
  const bb10 = run(claim("bb-10"));
  assert.equal(bb10.verdict, "reproduced"); // "300+": at least 300
  assert.equal(bb10.reproduced, 371);
  assert.match(bb10.note ?? "", /342 without the :free variants/);
  const missing = run(claim("bb-10", { params: { date: "2026-04-01" } }));
  assert.equal(missing.verdict, "unverifiable");
  assert.match(missing.note ?? "", /no models-list snapshot dated 2026-04-01/);
});

Deno.test("tracker_total_revenue sums a week's estimated_revenue within $0.02 for cent rounding", () => {
  // python (exact decimals): 2025-11-30.json sums to 2523142.14; the 004 chart's
  // bar says 2523142.13 (ir-08), a cent of rounding apart.
  const ir08 = run(claim("ir-08"));
  assert.equal(ir08.verdict, "reproduced");
  // 2025-12-21.json sums to 3084659.55; the chart says 3106880.8 (ir-11).
  const ir11 = run(claim("ir-11"));
  assert.equal(ir11.verdict, "contradicted");
  assert.match(ir11.note ?? "", /22221\.25 USD apart/);
  // ir-01 "$6.25M": 6247827.58 within ±5000 (half of the last digit, 0.01M).
  const ir01 = run(claim("ir-01"));
  assert.equal(ir01.verdict, "reproduced");
  assert.equal(ir01.reproduced, 6_247_827.58); // to the cent
  const none = run(claim("ir-11", { params: { week: "2026-03-01" } }));
  assert.equal(none.verdict, "unverifiable");
  assert.match(none.note ?? "", /no inference-stats file for 2026-03-01/);
});

Deno.test("tracker_model_revenue reproduces the tracker's figure to the cent and no closer", () => {
  // 2026-02-08.json, Sonnet 4.5: 693492831109 × 3e-6 + 12153926465 × 1.5e-5
  // + 448382174257 × 3e-7 = 2397302.0425791 → 2397302.04.
  assert.equal(run(claim("ir-24")).verdict, "reproduced-under-assumptions");
  const centOff = run(claim("ir-24", { stated: 2397302.05 }));
  assert.equal(centOff.verdict, "contradicted");
  assert.equal(centOff.reproduced, 2397302.04);
});
