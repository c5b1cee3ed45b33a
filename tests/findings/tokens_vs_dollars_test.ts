import assert from "node:assert/strict";
import {
  anthropicFindings,
  formulaFindings,
  tokensVsDollarsFindings,
  trackerArticleFindings,
  weeklyRevenueTotals,
} from "../../lib/findings/tokens_vs_dollars.ts";
import { loadClaims } from "../../lib/claims/claims.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { runAnalyses } from "../../lib/run/analyses.ts";

// Pinned values computed independently with python3 over the 13 files of
// data/raw/inference-stats/ (9 models each):
//   formula = prompt × prompt_price + completion × completion_price + cached × cache_read_price,
//   rounded to the cent, equals estimated_revenue in 117 of 117 rows;
//   cache-aware = (prompt − cached) × prompt_price + cached × cache_read_price + completion × completion_price;
//   2026-02-08: published $6,247,827.58, cache-aware $2,815,251.63 (45.06%); over weeks 45.06%–62.45%;
//   Anthropic (rows with an all-zero or duplicated breakdown left out; tokens = prompt + completion):
//   token share 14.74%–34.78%, cache-aware dollar share 50.58%–81.66%, dollars ÷ tokens 2.152–3.433;
//   2026-02-08 file total_tokens 5,223,333,238,768;
//   chart bars ir-11 $3,106,880.80 − file $3,084,659.55 = $22,221.25 (MiMo-V2-Flash :free, 170,932,816,899
//   tokens, all-zero breakdown → $0.13/M); ir-14 $4,609,777.81 − $4,558,077.74 = $51,700.07.
const ws = await loadWorkspace("data");
const claims = await loadClaims("data/claims.csv");
const results = runAnalyses(ws, claims);
const findings = tokensVsDollarsFindings(results, claims, ws);
const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  );

Deno.test("tokensVsDollarsFindings() reproduces every published estimated_revenue with the stated formula: 117 of 117", () => {
  assert.deepEqual(findings.data, {
    modelWeeks: 117,
    files: 13,
    firstWeek: "2025-11-16",
    latestWeek: "2026-02-08",
    modelsPerWeek: { low: 9, high: 9 },
  });
  assert.equal(findings.formulaMatches, 117);
  assert.equal(findings.cachedWithinPrompt, 117);
  assert.equal(findings.totalIsPromptPlusCompletion + findings.otherRows, 117);
});

Deno.test("tokensVsDollarsFindings() bills cached tokens once: $2,815,251.63 of $6,247,827.58 in the latest week", () => {
  close(findings.latest.publishedUsd, 6_247_827.58, 0.005);
  close(findings.latest.cacheAwareUsd, 2_815_251.63, 0.005);
  close(findings.latest.cacheAwareShare, 0.4505969, 1e-6);
  close(findings.cacheAwareShare.low, 0.4505969, 1e-6);
  close(findings.cacheAwareShare.high, 0.6245424, 1e-6);
  assert.equal(findings.keepsLeast.name, "MiniMax: MiniMax M2.1");
  assert.equal(findings.keepsMost.name, "Google: Gemini 2.5 Flash Lite");
  assert.equal(findings.excludedRows, 5);
});

Deno.test("tokensVsDollarsFindings() gives Anthropic 14.7%–34.8% of tokens and 50.6%–81.7% of cache-aware dollars", () => {
  const { anthropic, article } = findings;
  close(anthropic.tokenShare.low, 0.1473508, 1e-6);
  close(anthropic.tokenShare.high, 0.3477528, 1e-6);
  close(anthropic.dollarShareCacheAware.low, 0.5058395, 1e-6);
  close(anthropic.dollarShareCacheAware.high, 0.8166130, 1e-6);
  close(anthropic.dollarsPerTokenShare.low, 2.152281, 1e-5);
  close(anthropic.dollarsPerTokenShare.high, 3.432893, 1e-5);
  assert.equal(article.trafficPercent, 12);
  assert.equal(article.dollarsPercent, 46);
  assert.deepEqual(article.verdicts, ["unverifiable"]);
});

Deno.test("tokensVsDollarsFindings() traces the four chart bars above the files to the free MiMo row at $0.13/M", () => {
  const { barGaps } = findings;
  assert.deepEqual(barGaps.ids, ["ir-11", "ir-12", "ir-13", "ir-14"]);
  assert.deepEqual([barGaps.firstWeek, barGaps.lastWeek], [
    "2025-12-21",
    "2026-01-11",
  ]);
  // Against the files' own total_revenue, as the ledger reads them: 3106880.80 − 3084659.53 (ir-11),
  // 4609777.81 − 4558077.75 (ir-14).
  close(barGaps.gapUsd.low, 22_221.27, 0.005);
  close(barGaps.gapUsd.high, 51_700.06, 0.005);
  close(barGaps.gapUsdPerMtok.low, 0.13, 1e-6);
  close(barGaps.gapUsdPerMtok.high, 0.13, 1e-6);
  assert.deepEqual(findings.totalTokens, {
    stated: 5.57e12,
    file: 5_223_333_238_768,
    freeModel: 343e9,
  });
});

Deno.test("tokensVsDollarsFindings() counts the ledger's verdicts on the 2026-02-09 article and lists the week-over-week ones", () => {
  const total = findings.trackerVerdicts.reduce((sum, v) => sum + v.claims, 0);
  assert.equal(total, 92);
  const contradicted = findings.trackerVerdicts.find((v) =>
    v.verdict === "contradicted"
  )?.claims;
  assert.equal(
    contradicted,
    findings.barGaps.ids.length + findings.otherContradicted.length +
      findings.weekOverWeek.length,
  );
});

// The steps of tokensVsDollarsFindings, each on its own (issue 25).
const byWeek = weeklyRevenueTotals(results, ws);

Deno.test("weeklyRevenueTotals() gives the ledger's weekly totals: the file's total_revenue and the cache-aware sum to the cent", () => {
  assert.equal(byWeek.height, 13);
  const week = (byWeek.toRecords() as Record<string, unknown>[]).find((r) =>
    r.week === "2025-11-16"
  )!;
  // The file says total_revenue 2740620.94; its rows' estimated_revenue sum to 2740620.95.
  assert.equal(week.published_usd, 2_740_620.94);
  assert.equal(week.stated_formula_usd !== week.published_usd, true);
  const ir06 = results.ledger.find((e) => e.id === "ir-06")!;
  assert.equal(week.published_usd, ir06.reproduced);
  assert.equal(week.cache_aware_usd, ir06.corrected);
});

Deno.test("formulaFindings(), anthropicFindings() and trackerArticleFindings() compose to tokensVsDollarsFindings()", () => {
  const formula = formulaFindings(results, ws, byWeek);
  assert.equal(formula.formulaMatches, 117);
  assert.equal(formula.data.latestWeek, "2026-02-08");
  const anthropic = anthropicFindings(results);
  assert.deepEqual(anthropic.article.verdicts, ["unverifiable"]);
  const article = trackerArticleFindings(results, claims, byWeek);
  assert.deepEqual(article.tenthModel.ids, [
    "ir-02",
    "ir-03",
    "ir-05",
    "ir-89",
    "ir-91",
  ]);
  // Frames compared by their rows.
  const plain = (v: unknown) =>
    JSON.stringify(
      v,
      (_k, x) =>
        x && typeof x === "object" && typeof x.toRecords === "function"
          ? x.toRecords()
          : x,
    );
  assert.equal(
    plain({ ...formula, ...anthropic, ...article }),
    plain(findings),
  );
  assert.throws(
    () =>
      trackerArticleFindings(
        results,
        claims.filter((c) => c.id !== "ir-82"),
        byWeek,
      ),
    /claim ir-82 is missing/,
  );
});
