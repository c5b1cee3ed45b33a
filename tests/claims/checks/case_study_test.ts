import assert from "node:assert/strict";
import { caseStudyChecks } from "../../../lib/claims/checks/case_study.ts";
import { claim, run } from "../../_claims_fixture.ts";

// 001 = "2026 OpenRouter: Billing Beats Benchmarks", section 8: all-Sonnet "about
// $3,200/month" moves to 62% V4 Flash, 18% Hy3 preview, 12% Gemini 3 Flash, 8% Opus,
// "Four weeks later the bill was $1,940 (-39%)". List prices in force on 2026-05-24:
// Sonnet 4.6 3/15/0.30 and Opus 4.7 5/25/0.50 (models list 2026-05-01) — Opus is
// exactly 5/3 of Sonnet on every component, so its 8% of the month's tokens costs
// 3200 × 0.08 × 5/3 = $426.67 whatever the token mix.

Deno.test("case_study_change: the stated mix implies about −82% at list prices, so the −39% is contradicted", () => {
  assert.deepEqual(Object.keys(caseStudyChecks.checks).sort(), [
    "case_study_bill_after",
    "case_study_change",
    "case_study_gray_pool",
  ]);
  const bb59 = run(claim("bb-59"));
  assert.equal(bb59.verdict, "contradicted");
  assert.ok(
    bb59.reproduced! < -80 && bb59.reproduced! > -85,
    `${bb59.reproduced}`,
  );
  // The note shows the Opus part, $426.67 = 3200 × 0.08 × 5/3.
  assert.match(bb59.note ?? "", /anthropic\/claude-opus-4\.7 8% → \$426\.67/);
  assert.match(bb59.note ?? "", /−?-39\.4%/);
});

Deno.test("case_study_change: a figure the mix does give is reproduced under the declared assumption, never plainly", () => {
  const fits = run(claim("bb-59", { stated: -82, quote: "$564 (-82%)" }));
  assert.equal(fits.verdict, "reproduced-under-assumptions");
  const undeclared = run(
    claim("bb-59", { stated: -82, quote: "$564 (-82%)", assumption: "" }),
  );
  assert.equal(undeclared.verdict, "reproduced");
});

Deno.test("case_study_bill_after: $1,940 against the implied bill of the same tokens, which is far lower", () => {
  const bb58 = run(claim("bb-58"));
  assert.equal(bb58.verdict, "contradicted");
  // Opus alone is $426.67; the three cheap models add well under $200 more.
  assert.ok(
    bb58.reproduced! > 426.67 && bb58.reproduced! < 700,
    `${bb58.reproduced}`,
  );
});

Deno.test("case_study_gray_pool: 'stayed under 10%' is contradicted by the article's own 18% gray pool (bb-55)", () => {
  const bb61 = run(claim("bb-61"));
  assert.equal(bb61.verdict, "contradicted");
  assert.match(bb61.evidence ?? "", /bb-55/);
  // Were the article's own gray-pool share within the bound, nothing would settle it.
  const within = run(
    claim("bb-61", { stated: 20, quote: "Gray pool traffic stayed under 20%" }),
  );
  assert.equal(within.verdict, "unverifiable");
});
