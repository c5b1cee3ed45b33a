import assert from "node:assert/strict";
import { rankingsChecks } from "../../../lib/claims/checks/rankings.ts";
import { rankingsOriginChecks } from "../../../lib/claims/checks/rankings_origins.ts";
import {
  rankingsVendorChecks,
  WESTERN_VENDORS,
} from "../../../lib/claims/checks/rankings_vendors.ts";
import { claim, run } from "../../_claims_fixture.ts";

// Each check runs on a claim of data/claims.csv and on a variant whose stated
// figure is the one the data gives, so both verdicts come from the data.
// python3 over the raw files:
//   rows = json.load(open("data/raw/rankings-daily/2026-05-24_2026-06-22.json"))["data"]
//   week = [r for r in rows if "2026-06-01" <= r["date"] <= "2026-06-07"]
// vendor → origin from data/reference/vendors.csv.

Deno.test("the rankings families register the checks claims.csv names", () => {
  assert.ok("week_total_tokens" in rankingsChecks.checks);
  assert.ok("origin_week_tokens" in rankingsOriginChecks.checks);
  assert.ok("vendor_week_tokens" in rankingsVendorChecks.checks);
  assert.ok(WESTERN_VENDORS.includes("x-ai"));
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

Deno.test("origin_week_tokens sums the week by the vendor's origin in vendors.csv", () => {
  // python: China 18250165228305, US 12470171046760.
  const pt06 = run(claim("pt-06"));
  assert.equal(pt06.reproduced, 18_250_165_228_305);
  assert.equal(pt06.verdict, "contradicted");
  assert.equal(run(claim("pt-07")).reproduced, 12_470_171_046_760);
  assert.equal(
    run(claim("pt-06", { stated: 18.25e12, quote: "18.25T" })).verdict,
    "reproduced",
  );
});

Deno.test("for a week the data lacks, the article's own figures can contradict it but never reproduce it", () => {
  // bb-21 "US 4.93T": its own US rows (Sonnet 4.6 1.35T + Gemini 3 Flash 1.06T + Grok 4.1 Fast 0.721T) stay below it.
  assert.equal(run(claim("bb-21")).verdict, "unverifiable");
  // bb-23 "China > US": 9.223T > 4.93T by its own figures, which cannot verify it.
  const bb23 = run(claim("bb-23"));
  assert.equal(bb23.verdict, "unverifiable");
  assert.match(bb23.note ?? "", /cannot verify it/);
  // bb-19 "9.223T" is below its own China-origin top-10 rows (10.289T).
  assert.equal(run(claim("bb-19")).verdict, "contradicted");
  // With a stated total above those rows, the same check is unverifiable.
  assert.equal(
    run(claim("bb-19", { stated: 10.5e12, quote: "10.5T" })).verdict,
    "unverifiable",
  );
});

Deno.test("vendor_week_wow_pct leaves xAI unverifiable: its only model is in the top 50 on 3 and 1 days", () => {
  const pt12 = run(claim("pt-12"));
  assert.equal(pt12.verdict, "unverifiable");
  assert.match(
    pt12.note ?? "",
    /none of xAI's models is in the top 50 on all 7 days of both weeks \(Grok 4\.3\)/,
  );
  const anthropic = run(
    claim("pt-12", { params: { week: "2026-06-01", vendor: "Anthropic" } }),
  );
  assert.notEqual(anthropic.reproduced, null);
});

Deno.test("yes/no rankings claims give 1 or 0 with the figures in the note", () => {
  // pt-15: DeepSeek's week of 2026-06-01 tokens exceed Anthropic's.
  const pt15 = run(claim("pt-15"));
  assert.equal(pt15.verdict, "reproduced");
  assert.equal(pt15.reproduced, 1);
  assert.match(pt15.note ?? "", /DeepSeek .*T; Anthropic .*T/);
  const pt14 = run(claim("pt-14"));
  assert.equal(pt14.reproduced, 0);
  assert.equal(pt14.verdict, "contradicted");
});
