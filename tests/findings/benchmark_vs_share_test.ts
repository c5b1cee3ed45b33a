import assert from "node:assert/strict";
import { benchmarkVsShareFindings } from "../../lib/findings/benchmark_vs_share.ts";
import { NEARLY_INVERSE_RHO } from "../../lib/claims/checks/benchmarks.ts";
import { loadClaims } from "../../lib/claims/claims.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { runAnalyses } from "../../lib/run/analyses.ts";

// Pinned values computed independently with python3: the week of 2026-06-15 of
// data/raw/rankings-daily/2026-05-24_2026-06-22.json, shares of all the week's
// tokens, summed per benchmark_name of data/reference/models.csv (a :free
// variant with its paid model, same model_id), joined to the bash-only series
// of data/reference/benchmarks.csv; Spearman with average ranks:
//   n = 7, rho = 1 − 6 × 90 / (7 × 48) = −0.60714; the two lowest scorers
//   gpt-oss-120b (26, share 1.2403%) and Gemini 2.5 Flash (28.73, 1.3308%);
//   median share 0.45299% (GPT-5 mini).
const ws = await loadWorkspace("data");
const findings = benchmarkVsShareFindings(
  runAnalyses(ws, await loadClaims("data/claims.csv")),
  ws,
);
const close = (actual: number | null, expected: number, tolerance: number) =>
  assert.ok(
    actual !== null && Math.abs(actual - expected) <= tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  );

Deno.test("benchmarkVsShareFindings() puts the independent series at rho −0.607 on 7 models in the week of 2026-06-15", () => {
  const { independent } = findings;
  assert.equal(findings.latestWeek, "2026-06-15");
  assert.equal(independent.latest.n, 7);
  close(independent.latest.rho, 1 - 6 * 90 / (7 * 48), 1e-9);
  assert.equal(
    independent.summary.benchmark,
    "SWE-bench Verified bash-only (mini-SWE-agent, independent, %)",
  );
});

Deno.test("benchmarkVsShareFindings() finds both lowest independent scorers above the series' median share", () => {
  const { independent } = findings;
  assert.deepEqual(independent.lowScorers.map((r) => [r.model, r.score]), [
    ["gpt-oss-120b", 26],
    ["Gemini 2.5 Flash", 28.73],
  ]);
  close(independent.lowScorers[0].share, 0.0124027764, 1e-9);
  close(independent.lowScorers[1].share, 0.0133076375, 1e-9);
  close(independent.medianShare, 0.0045299203, 1e-9);
  assert.equal(independent.lowScorersAboveMedian, 2);
});

Deno.test("benchmarkVsShareFindings() reads each series' rho against the ledger's −0.5 on weeks of at least 8 models: none meets it, and the 4–5-model LMArena never counts", () => {
  assert.equal(NEARLY_INVERSE_RHO, -0.5);
  assert.deepEqual(findings.meetingReading, []);
  assert.deepEqual(findings.tooFewModels, ["LMArena Text overall (Elo)"]);
  // The mean rho is the ledger's (bb-50's note: "mean rho -0.0711812 over 11 series-weeks").
  close(findings.claim.meanRho!, -0.0711812, 5e-8);
  assert.equal(findings.claim.seriesWeeks, 11);
  const widest = findings.bySeries[0];
  assert.equal(
    widest.benchmark,
    "Artificial Analysis Intelligence Index v4.0 (0-100)",
  );
  assert.equal(widest.rhoScore.relation, "positive every week");
  assert.deepEqual(findings.nRange, { low: 4, high: 22 });
  assert.equal(findings.claim.verdict, "contradicted");
});

Deno.test("benchmarkVsShareFindings() sees none of the week's five most used models in the independent series", () => {
  assert.deepEqual(findings.independent.top, findings.independent.topUnscored);
  assert.equal(findings.independent.top.length, 5);
  assert.equal(findings.independent.top[0], "DeepSeek V4 Flash");
});
