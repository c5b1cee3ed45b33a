import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { agentTaskCostFindings } from "../../lib/findings/agent_task_cost.ts";
import { loadClaims } from "../../lib/claims/claims.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { runAnalyses } from "../../lib/run/analyses.ts";

// Pinned values worked out by hand from the raw price files, for the task of
// 100K input (80% = 80K cached, 20K uncached) and 10K output tokens:
//   cost = (20,000 × input + 80,000 × cache_read + 10,000 × output) / 1e6
// - Flash, data/reference/prices_history_openrouter.csv 2026-04-24 (0.14, 0.28, 0.028):
//   2,800 + 2,240 + 2,800 = 7,840e-6 → $0.00784; 45 days before 2026-06-08.
// - Flash, data/reference/article_prices.csv (0.098, 0.197, no cache read):
//   no-cache 9,800 + 1,970 = $0.01177; cache-free 1,960 + 1,970 = $0.00393.
// - Sonnet, article price (3, 15): cache-free 60,000 + 150,000 = $0.21;
//   models list 2026-05-01 (3, 15, 0.3): 60,000 + 24,000 + 150,000 = $0.234.
// - One source: python3 over the price history, Sonnet $0.234 ÷ Flash cost per date:
//   04-24 0.234/0.00784 = 29.85 (lowest); 06-13 0.234/0.0052 = 45.0 (highest);
//   05-30 (0.0983, 0.1966, 0.0197) → 0.005508 → 42.48, × 500 runs $2.754 vs $117.
// - Curve, models list (Flash 0.14, 0.28, 0.0028): 0% hits 0.45/0.0168 = 26.79,
//   100% 0.18/0.00308 = 58.44; price history 2026-06-17 (0.09, 0.18, 0.02):
//   0.45/0.0108 = 41.67, 0.18/0.0038 = 47.37.
const claims = await loadClaims("data/claims.csv");
const findings = agentTaskCostFindings(
  runAnalyses(await loadWorkspace("data"), claims),
  claims,
);
const close = (actual: number, expected: number, tolerance = 0.005) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  );

Deno.test("agentTaskCostFindings() finds the article's $0.008 at Flash's launch price, 45 days old, cache reads billed", () => {
  const { flash } = findings;
  assert.equal(flash.price.source, "OpenRouter price history (models.dev)");
  assert.equal(flash.price.source_date, "2026-04-24");
  assert.equal(flash.treatment, "cache-read-rate");
  close(flash.totalUsd, 0.00784, 1e-9);
  assert.equal(flash.launchPrice, true);
  assert.equal(flash.daysBeforeArticle, 45);
});

Deno.test("agentTaskCostFindings() finds that the article's own Flash price gives no $0.008 under any treatment", () => {
  const byTreatment = Object.fromEntries(
    findings.flash.ownPriceCosts.map((c) => [c.treatment, c.totalUsd]),
  );
  close(byTreatment["no-cache"], 0.01177, 1e-9);
  close(byTreatment["cache-free"], 0.00393, 1e-9);
  close(byTreatment["cache-read-rate"], 0.01177, 1e-9);
  assert.equal(findings.flash.ownPriceMatches, 0);
});

Deno.test("agentTaskCostFindings() finds Sonnet's $0.21 only with cached input free, and $0.234 billed as OpenRouter bills", () => {
  const { sonnet } = findings;
  assert.deepEqual(sonnet.treatmentsGiving, ["cache-free"]);
  close(sonnet.totalUsd, 0.21, 1e-9);
  assert.equal(sonnet.billed.price.source, "OpenRouter models list");
  assert.equal(sonnet.billed.price.cache_read_usd_per_mtok, 0.3);
  close(sonnet.billed.totalUsd, 0.234, 1e-9);
});

Deno.test("agentTaskCostFindings() says the 26× divides figures under different assumptions: $0.21 ÷ $0.008 = 26.25", () => {
  assert.deepEqual(findings.ratio, {
    stated: 26,
    ofFigures: 0.21 / 0.008,
    sameAssumptions: false,
    // The ledger's flag on pt-42, the same finding.
    ledgerFlags: ["⚑ incompatible assumptions"],
  });
  assert.equal(findings.runs.perDay, 500);
  close(findings.runs.flashUsd, 3.92, 1e-9);
  close(findings.runs.sonnetUsd, 105, 1e-9);
});

Deno.test("agentTaskCostFindings() puts one-source ratios at 29.85× to 45.0×, 42.48× on the article's date: the article's 26× is below", () => {
  const { consistent } = findings;
  close(consistent.low, 0.234 / 0.00784);
  close(consistent.high, 45);
  assert.equal(consistent.atArticleDate.priceDate, "2026-05-30");
  close(consistent.atArticleDate.ratio, 0.234 / 0.005508);
  close(consistent.atArticleDate.flashRunsUsd, 2.754);
  close(consistent.atArticleDate.sonnetRunsUsd, 117);
  assert.equal(consistent.claim, "below");
});

Deno.test("agentTaskCostFindings() reads the cache-hit curves: 26.79×–58.44× (models list), 41.67×–47.37× (price history)", () => {
  const [list, history] = findings.cacheCurve.series;
  assert.equal(list.series, "OpenRouter models list 2026-05-01");
  close(list.low, 0.45 / 0.0168);
  close(list.high, 0.18 / 0.00308);
  assert.equal(
    history.series,
    "OpenRouter price history (models.dev) 2026-06-17",
  );
  close(history.low, 0.45 / 0.0108);
  close(history.high, 0.18 / 0.0038);
  assert.equal(findings.cacheCurve.higherAtMinRate, history.series);
  assert.deepEqual(
    {
      ...findings.cacheCurve.nearest,
      ratio: Math.round(findings.cacheCurve.nearest.ratio * 100) / 100,
    },
    { series: list.series, cacheHitRate: 0, ratio: 26.79 },
  );
});

Deno.test("agentTaskCostFindings() lists every price row of both models under the three treatments, Flash first", () => {
  const first = findings.candidates.row(0);
  assert.deepEqual(findings.candidates.columns, [
    "model_id",
    "price_source",
    "price_date",
    "cache_read_rate_usd",
    "cache_free_usd",
    "no_cache_usd",
  ]);
  assert.equal(first[0], "deepseek/deepseek-v4-flash");
  const launch = findings.candidates.filter(
    pl.col("price_date").eq(pl.lit("2026-04-24")),
  ).row(0);
  // 2,800 + 2,240 + 2,800; 2,800 + 2,800; 14,000 + 2,800 (×1e-6 USD)
  assert.deepEqual(
    launch.slice(3).map((usd) => Math.round(Number(usd) * 1e6)),
    [7840, 5600, 16800],
  );
});
