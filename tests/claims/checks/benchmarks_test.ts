import assert from "node:assert/strict";
import {
  MIN_SAMPLE_SIZE,
  NEARLY_INVERSE_RHO,
  SWE_BENCH_VERIFIED,
} from "../../../lib/claims/checks/benchmarks.ts";
import { claim, inputs, run } from "../../_claims_fixture.ts";

Deno.test("the 'nearly inverse' threshold and minimum sample size are named exports", () => {
  assert.equal(NEARLY_INVERSE_RHO, -0.5);
  assert.equal(MIN_SAMPLE_SIZE, 8);
});

Deno.test("benchmark_share_correlation answers yes or no, with the correlations in the note", () => {
  const bb50 = run(claim("bb-50"));
  assert.equal(bb50.verdict, "contradicted");
  assert.equal(bb50.reproduced, 0);
  assert.match(bb50.note ?? "", /mean rho/);
  assert.match(bb50.method, /rho ≤ -0\.5 in every complete week/);
});

Deno.test("benchmark_rank counts open-weights models (a Hugging Face id in the models list) scoring higher", () => {
  // benchmarks.csv, SWE-bench Verified (vendor-reported): MiMo-V2-Flash 73.4; open models above it
  // dated by 2026-06-08: DeepSeek V4 Pro 80.6, MiniMax M2.5 80.2, Kimi K2.6 80.2, DeepSeek V4 Flash 79,
  // MiMo-V2.5-Pro 78.9, Kimi K2.5 76.8, Step 3.5 Flash 74.4, MiniMax M2.1 74, GLM-4.7 73.8.
  assert.ok(SWE_BENCH_VERIFIED.startsWith("SWE-bench Verified"));
  const pt21 = run(claim("pt-21"));
  assert.equal(pt21.reproduced, 10);
  assert.equal(pt21.verdict, "contradicted");
  assert.match(pt21.note ?? "", /DeepSeek V4 Pro 80\.6/);
  // Without the models list's Hugging Face ids the check cannot tell open from closed.
  const saved = inputs.evidence.modelCards;
  try {
    inputs.evidence.modelCards = [];
    assert.equal(run(claim("pt-21")).verdict, "unverifiable");
  } finally {
    inputs.evidence.modelCards = saved;
  }
});
