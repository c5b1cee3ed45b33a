import assert from "node:assert/strict";
import { rankingsChecks } from "../../../lib/claims/checks/rankings.ts";
import { claim, run } from "../../_claims_fixture.ts";

// Each check runs on a claim of data/claims.csv and on a variant whose stated
// figure is the one the data gives, so both verdicts come from the data.
// python3 over the raw files:
//   rows = json.load(open("data/raw/rankings-daily/2026-05-24_2026-06-22.json"))["data"]
//   week = [r for r in rows if "2026-06-01" <= r["date"] <= "2026-06-07"]
// vendor → origin from data/reference/vendors.csv.

// The origin and vendor families are tested in rankings_origins_test.ts and
// rankings_vendors_test.ts beside this file.

Deno.test("the rankings family registers the checks claims.csv names", () => {
  assert.ok("week_total_tokens" in rankingsChecks.checks);
});

Deno.test("week_total_tokens sums the calendar week, and is unverifiable for a week the data does not fully cover", () => {
  // python: sum(int(r["total_tokens"]) for r in week) = 36135310767290.
  const pt01 = run(claim("pt-01"));
  assert.equal(pt01.verdict, "contradicted");
  assert.equal(pt01.reproduced, 36_135_310_767_290);
  assert.match(
    pt01.evidence!,
    /^data\/raw\/rankings-daily\/2026-05-24_2026-06-22\.json: every row dated 2026-06-01 … 2026-06-07/,
  );
  assert.equal(
    run(claim("pt-01", { stated: 36.14e12, quote: "36.14T" })).verdict,
    "reproduced",
  );
  // 2026-05-18 … 24: only 05-24 is in the data; bb-24's week of 2025-05-19: none of it.
  assert.match(run(claim("bb-01")).note ?? "", /has 1 of 7 days/);
  assert.match(run(claim("bb-24")).note ?? "", /has 0 of 7 days/);
});

Deno.test("week_total_wow_pct compares two complete weeks: +13.56%, not the article's +7.4%", () => {
  // python: 36135310767290 / 31821170937871 − 1 = 0.135574515…
  const pt02 = run(claim("pt-02"));
  assert.equal(pt02.verdict, "contradicted");
  assert.ok(Math.abs(pt02.reproduced! - 13.5574515402) < 1e-9);
  assert.equal(
    run(claim("pt-02", { stated: 13.56, quote: "+13.56% WoW" })).verdict,
    "reproduced",
  );
});

Deno.test("consecutive_growth_weeks counts with growthStreak and is unverifiable past the data", () => {
  // The data has complete weeks from 2026-05-25: one week of growth up to 2026-06-01.
  const pt03 = run(claim("pt-03"));
  assert.equal(pt03.verdict, "unverifiable");
  assert.match(pt03.note ?? "", /1 week\(s\) of growth up to 2026-06-01/);
  assert.equal(
    run(claim("pt-03", { stated: 1, quote: "first week of growth" })).verdict,
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

Deno.test("model_daily_peak_tokens takes the model's largest day (dailyPeak) and reads 'above' as a lower bound", () => {
  // python: max over week of deepseek-v4-flash-20260423 = 728581604611 (2026-06-07).
  const pt10 = run(claim("pt-10"));
  assert.equal(pt10.verdict, "contradicted");
  assert.equal(pt10.reproduced, 728_581_604_611);
  assert.match(pt10.note ?? "", /peak day 2026-06-07/);
  const lower = run(
    claim("pt-10", { stated: 700e9, quote: "daily peaks above 700B" }),
  );
  assert.equal(lower.verdict, "reproduced");
});

Deno.test("model_day_tokens and run_rate_30d read the day's row: 002's per-day figures are contradicted", () => {
  // python: deepseek-v4-flash-20260423 on 2026-06-08 = 759733… tokens (759.73B), × 30 = 22.79T.
  const mu01 = run(claim("mu-01"));
  assert.equal(mu01.verdict, "contradicted");
  assert.ok(Math.abs(mu01.reproduced! - 759.73e9) < 0.01e9);
  const mu02 = run(claim("mu-02"));
  assert.equal(mu02.reproduced, mu01.reproduced! * 30);
  // mu-25: the day's leader is DeepSeek V4 Flash.
  assert.equal(run(claim("mu-25")).verdict, "reproduced");
});
