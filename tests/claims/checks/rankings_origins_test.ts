import assert from "node:assert/strict";
import { rankingsOriginChecks } from "../../../lib/claims/checks/rankings_origins.ts";
import { claim, run } from "../../_claims_fixture.ts";

// Each check runs on a claim of data/claims.csv and on a variant whose stated
// figure is the one the data gives, so both verdicts come from the data.
// python3 over the raw files:
//   rows = json.load(open("data/raw/rankings-daily/2026-05-24_2026-06-22.json"))["data"]
//   week = [r for r in rows if "2026-06-01" <= r["date"] <= "2026-06-07"]
//   prev = [r for r in rows if "2026-05-25" <= r["date"] <= "2026-05-31"]
// origin = vendors.csv origin of the permaslug's prefix ("unknown" when absent).
// Week of 2026-06-01: all 36135310767290, China 18250165228305,
// US 12470171046760; week of 2026-05-25: China 14270937541826.
// Articles: pt = "The OpenRouter Pricing Truth" (2026-06-08), bb = "Billing
// Beats Benchmarks" (2026-05-24, its weeks are mostly outside the data).

/** A claim moved to the week of 2026-06-01, which the data covers. */
function inCoveredWeek(id: string, change: Record<string, unknown> = {}) {
  const c = claim(id);
  return claim(id, {
    params: { ...c.params, week: "2026-06-01" },
    ...change,
  });
}

Deno.test("rankingsOriginChecks registers the six origin checks claims.csv names", () => {
  assert.equal(rankingsOriginChecks.name, "rankings: origins");
  assert.deepEqual(Object.keys(rankingsOriginChecks.checks).sort(), [
    "origin_lead_streak_weeks",
    "origin_ratio",
    "origin_week_share_pct",
    "origin_week_tokens",
    "origin_week_wow_pct",
    "top10_origin_count",
  ]);
  // Moved from tests/claims/checks/rankings_test.ts.
  assert.ok("origin_week_tokens" in rankingsOriginChecks.checks);
});

Deno.test("origin_ratio divides the origins' weekly tokens: China ÷ US is 1.46, not 'nearly double' (pt-08)", () => {
  // python: 18250165228305 / 12470171046760 = 1.4635056054862021; "nearly double" is 2 ± 5%.
  const pt08 = run(claim("pt-08"));
  assert.equal(pt08.verdict, "contradicted");
  assert.ok(Math.abs(pt08.reproduced! - 1.4635056054862021) < 1e-12);
  assert.match(pt08.evidence!, /every row dated 2026-06-01 … 2026-06-07/);
  assert.equal(
    run(claim("pt-08", { stated: 1.46, quote: "1.46×" })).verdict,
    "reproduced",
  );
});

Deno.test("origin_ratio with test a_gt_b answers yes or no in a covered week, and stays unverifiable on the article's own figures (bb-23)", () => {
  // bb-23's week of 2026-05-18 is not in the data: its own 9.223T > 4.93T cannot verify it.
  const bb23 = run(claim("bb-23"));
  assert.equal(bb23.verdict, "unverifiable");
  // In the week of 2026-06-01, China ÷ US = 1.4635 > 1: yes.
  const covered = run(inCoveredWeek("bb-23"));
  assert.equal(covered.verdict, "reproduced");
  assert.equal(covered.reproduced, 1);
  assert.match(covered.note!, /China ÷ US = 1\.46351/);
});

Deno.test("origin_week_share_pct is the origin's tokens over the week's, and unverifiable for a period without rankings", () => {
  // python: 18250165228305 / 36135310767290 × 100 = 50.50507340544365.
  const share = run(inCoveredWeek("bb-06"));
  assert.ok(Math.abs(share.reproduced! - 50.50507340544365) < 1e-9);
  // "exceed 45%" is a lower bound that 50.5 meets.
  assert.equal(share.verdict, "reproduced");
  assert.equal(
    run(inCoveredWeek("bb-06", { stated: 52, quote: "52.0%" })).verdict,
    "contradicted",
  );
  // bb-05 names a period ("early 2025"), not a week.
  const bb05 = run(claim("bb-05"));
  assert.equal(bb05.verdict, "unverifiable");
  assert.match(bb05.note!, /no rankings data for early-2025/);
});

Deno.test("origin_week_wow_pct compares two complete weeks of one origin (bb-20 moved to 2026-06-01)", () => {
  // bb-20's own week (2026-05-18) has 1 of 7 days in the data.
  assert.match(run(claim("bb-20")).note!, /has 1 of 7 days/);
  // python: (18250165228305 / 14270937541826 − 1) × 100 = 27.883435652468336.
  const wow = run(inCoveredWeek("bb-20"));
  assert.ok(Math.abs(wow.reproduced! - 27.883435652468336) < 1e-9);
  assert.equal(wow.verdict, "contradicted");
  assert.equal(
    run(inCoveredWeek("bb-20", { stated: 27.88, quote: "+27.88%" })).verdict,
    "reproduced",
  );
  // The week before 2026-05-25 is partial, so its change cannot be measured.
  const early = run(claim("bb-20", {
    params: { week: "2026-05-25", origin: "China" },
  }));
  assert.equal(early.verdict, "unverifiable");
  assert.match(early.note!, /the week of 2026-05-18 has 1 of 7 days/);
});

Deno.test("origin_lead_streak_weeks is unverifiable: the data holds too few weeks", () => {
  assert.match(run(claim("bb-02")).note!, /has 1 of 7 days/);
  assert.equal(
    run(inCoveredWeek("bb-02")).note,
    "needs the previous weeks too",
  );
});

Deno.test("top10_origin_count counts the origin's models among the week's top 10 by tokens", () => {
  // python, week of 2026-06-01, models by tokens (the `other` row left out):
  // v4-flash CN, hy3-preview CN, minimax-m3 CN, mimo-v2.5 CN, owl-alpha unknown,
  // claude-4.6-sonnet US, v4-pro CN, claude-4.7-opus US, v3.2 CN, claude-4.8-opus US
  // → 6 China-origin models.
  const count = run(inCoveredWeek("bb-26", { stated: 6, quote: "six of ten" }));
  assert.equal(count.reproduced, 6);
  assert.equal(count.verdict, "reproduced");
  assert.equal(run(inCoveredWeek("bb-26")).verdict, "contradicted");
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
