import assert from "node:assert/strict";
import {
  MOVER_THRESHOLD,
  weeklyMoversFindings,
} from "../../lib/findings/weekly_movers.ts";
import { loadClaims } from "../../lib/claims/claims.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { runAnalyses } from "../../lib/run/analyses.ts";

// Pinned values computed independently with python3 over
// data/raw/rankings-daily/2026-05-24_2026-06-22.json and data/claims.csv
// (weeks Monday–Sunday; a change only for models with a row on all 7 days of
// both complete weeks; the `other` row never a mover):
//   complete weeks 2026-05-25, 06-01, 06-08, 06-15;
//   beyond ±30%: 06-01 4 up 4 down, 06-08 6 up 3 down, 06-15 5 up 1 down;
//   06-15 rises gpt-5.5 +114.5%, glm-5.1 +81.0%, kimi-k2.6 +36.9%;
//   falls qwen3.7-max -31.7%, claude-4.6-sonnet -27.7%, gemini-3.1-pro-preview -21.2%;
//   2026-06-08: all rows 6,525,604,702,068 tokens; deepseek-v4-flash 759,726,963,292;
//   the 12 stated rows sum to 30.8228T; stated ÷ day 5.674–10.253;
//   stated ÷ 7 days from the day − 1: +2.01% to +7.28%, closer to the 7 days in
//   12 of 12 rows; 8 of 12 stated ranks differ from the day's ranking.
const ws = await loadWorkspace("data");
const claims = await loadClaims("data/claims.csv");
const findings = weeklyMoversFindings(runAnalyses(ws, claims), claims, ws);
const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  );

Deno.test("weeklyMoversFindings() counts the ±30% movers of each compared week: 4+4, 6+3, 5+1", () => {
  assert.equal(findings.threshold, MOVER_THRESHOLD);
  assert.deepEqual(findings.weeksCompared, [
    "2026-06-01",
    "2026-06-08",
    "2026-06-15",
  ]);
  assert.deepEqual(findings.moversPerWeek, [
    { week: "2026-06-01", up: 4, down: 4 },
    { week: "2026-06-08", up: 6, down: 3 },
    { week: "2026-06-15", up: 5, down: 1 },
  ]);
  assert.equal(findings.moved.height, 23);
});

Deno.test("weeklyMoversFindings() names the week of 2026-06-15's largest rises and falls", () => {
  assert.equal(findings.latestWeek, "2026-06-15");
  assert.deepEqual(findings.latestRises.map((m) => m.model), [
    "GPT-5.5",
    "GLM 5.1",
    "Kimi K2.6",
  ]);
  close(findings.latestRises[0].change, 1.1454656, 1e-6);
  assert.deepEqual(
    [findings.latestRises[0].prevRank, findings.latestRises[0].rank],
    [21, 11],
  );
  assert.deepEqual(findings.latestFalls.map((m) => m.model), [
    "Qwen3.7 Max",
    "Claude Sonnet 4.6",
    "Gemini 3.1 Pro Preview",
  ]);
  close(findings.latestFalls[0].change, -0.3169761, 1e-6);
});

Deno.test("weeklyMoversFindings() finds the one-day table 5.7× to 10.3× the day, and within +2% to +7% of 7 days", () => {
  const table = findings.dailyTable!;
  assert.equal(table.day, "2026-06-08");
  assert.equal(table.rows, 12);
  assert.equal(table.contradicted, 12);
  close(table.ratioLow, 5.673967, 1e-5);
  close(table.ratioHigh, 10.253426, 1e-5);
  close(table.weekOffLow, 0.0200664, 1e-6);
  close(table.weekOffHigh, 0.0727679, 1e-6);
  assert.equal(table.closerToWeek, 12);
  assert.equal(table.rankMismatches.length, 8);
});

Deno.test("weeklyMoversFindings() sums the stated rows to 30.82T, 4.72× the 6.53T published for the day", () => {
  const table = findings.dailyTable!;
  assert.equal(table.dayTotal, 6_525_604_702_068);
  close(table.statedSum, 30.8228e12, 1e3);
  close(table.statedSumToDay, 4.723363, 1e-6);
  assert.deepEqual(
    table.leader,
    {
      model: "DeepSeek V4 Flash",
      actualRank: 1,
      statedTokens: 4.6e12,
      actualTokens: 759_726_963_292,
      statedRunRate: 139.3e12,
      actualRunRate: 759_726_963_292 * 30,
    },
  );
  assert.equal(table.runRateConsistent, 12);
});

Deno.test("weeklyMoversFindings() has no one-day table when the data is cut before its day, and still counts the movers", async () => {
  const cut = await loadWorkspace("data", { asOf: "2026-06-07" });
  const cutFindings = weeklyMoversFindings(
    runAnalyses(cut, claims),
    claims,
    cut,
  );
  assert.equal(cutFindings.dailyTable, null);
  assert.deepEqual(cutFindings.weeksCompared, ["2026-06-01"]);
  assert.deepEqual(cutFindings.moversPerWeek, [{
    week: "2026-06-01",
    up: 4,
    down: 4,
  }]);
});
