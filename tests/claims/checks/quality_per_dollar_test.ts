import assert from "node:assert/strict";
import { qualityPerDollarChecks } from "../../../lib/claims/checks/quality_per_dollar.ts";
import { claim, entry, run } from "../../_claims_fixture.ts";

// 000 = "The OpenRouter Pricing Truth" (2026-06-08), section ②: "MiMo-V2-Flash ranks first among open
// models on SWE-bench Verified, near Claude Sonnet 4.5 quality, at roughly 3.5% of the API bill."

Deno.test("task_cost_share: MiMo-V2-Flash's article task is 2.48 % of Sonnet 4.5's, not ~3.5 % (pt-22)", () => {
  assert.ok("task_cost_share" in qualityPerDollarChecks.checks);
  const pt22 = run(claim("pt-22"));
  // 0.0058 ÷ 0.234 = 2.4786 %; ~3.5 % is ±0.175 points
  assert.equal(pt22.verdict, "contradicted");
  assert.ok(Math.abs(Number(pt22.reproduced) - 0.0058 / 0.234 * 100) < 1e-9);
  assert.match(
    pt22.note!,
    /MiMo-V2-Flash \$0\.0058 a task \(price of 2026-05-15\), beneath the frontier: Tencent Hy3 preview/,
  );
  // the ledger gives the same
  assert.equal(entry("pt-22").verdict, "contradicted");
});

Deno.test("near_quality: 73.4 is 95.08 % of Sonnet 4.5's 77.2, inside the policy's ±5 % for \"near\" (pt-48)", () => {
  const pt48 = run(claim("pt-48"));
  assert.equal(pt48.verdict, "reproduced-under-assumptions");
  assert.match(
    pt48.note!,
    /73\.4 against Claude Sonnet 4\.5 77\.2: 95\.0777% of its score, 3\.8 points below/,
  );
  // against Claude Opus 4.5 instead, 73.4 ÷ 80.9 = 90.7 % is outside ±5 %
  const c = claim("pt-48");
  const lower = run({ ...c, params: { ...c.params, b: "Claude Opus 4.5" } });
  assert.equal(lower.verdict, "contradicted");
});

Deno.test('near_frontier: 73.4 against Claude Opus 4.7\'s 87.6 is 83.8 %, so "near-frontier" is contradicted (pt-49)', () => {
  const pt49 = run(claim("pt-49"));
  assert.equal(pt49.verdict, "contradicted");
  assert.match(pt49.note!, /the best, Claude Opus 4\.7 87\.6: 83\.79% of it/);
  assert.match(
    pt49.note!,
    /Frontier models: Tencent Hy3 preview 74\.4 for \$0\.00504, DeepSeek V4 Flash 79/,
  );
});

Deno.test("the quality checks are unverifiable for a model without a priced score", () => {
  const c = claim("pt-48");
  const none = run({ ...c, params: { ...c.params, a: "Nobody 1" } });
  assert.equal(none.verdict, "unverifiable");
  assert.match(none.note!, /no priced SWE-bench Verified .* for Nobody 1/);
});
