import assert from "node:assert/strict";
import {
  agentTaskChecks,
  explainCost,
} from "../../../lib/claims/checks/agent_task.ts";
import { precisionOf } from "../../../lib/claims/claims.ts";
import { claim, claims, inputs, run } from "../../_claims_fixture.ts";

// 000 = "The OpenRouter Pricing Truth" (2026-06-08): one agent task of 100K input +
// 10K output, 80% of the input cache hits. Prices in force on 2026-06-08:
// Flash (history 2026-05-30) 0.0983/0.1966/0.0197, Sonnet 4.5 (history 2025-09-30) 3/15/0.3.

Deno.test("agent_task_cost prices the task at the prices in force, cache reads at the cache-read rate", () => {
  assert.ok("agent_task_cost" in agentTaskChecks.checks);
  // Flash: 20K × 0.0983 + 80K × 0.0197 + 10K × 0.1966 (per M) = 0.005508.
  const pt40 = run(claim("pt-40"));
  assert.ok(Math.abs(pt40.reproduced! - 0.005508) < 1e-12);
  assert.equal(pt40.verdict, "contradicted");
  // A figure that does come out is reproduced under the declared task shape.
  const fits = run(claim("pt-40", { stated: 0.0055, quote: "≈ $0.0055" }));
  assert.equal(fits.verdict, "reproduced-under-assumptions");
});

Deno.test("agent_task_daily_cost multiplies by the runs: 500 × $0.005508 = $2.754, 500 × $0.234 = $117", () => {
  const pt43 = run(claim("pt-43"));
  assert.ok(Math.abs(pt43.reproduced! - 2.754) < 1e-9);
  assert.equal(pt43.verdict, "contradicted");
  const pt44 = run(claim("pt-44"));
  assert.ok(Math.abs(pt44.reproduced! - 117) < 1e-9);
  // The search explains $105: the article's own 3/15 with cached input not billed.
  assert.match(pt44.note ?? "", /cached input not billed at all gives \$105/);
});

Deno.test("explainCost() says when nothing in the prices gives the figure", () => {
  const odd = claim("pt-40", { stated: 0.5, quote: "≈ $0.5" });
  assert.match(
    explainCost(inputs, odd, precisionOf(odd, claims).tolerance),
    /no price record up to 2026-06-08 under any cache treatment gives \$0\.5/,
  );
});

Deno.test("agent_task_ratio is 42.48 with one rule for prices, and its note explains each half of the article's 26×", () => {
  // 0.234 / 0.005508 = 42.4837.
  const pt42 = run(claim("pt-42"));
  assert.equal(pt42.verdict, "contradicted");
  assert.ok(Math.abs(pt42.reproduced! - 0.234 / 0.005508) < 1e-9);
  assert.match(pt42.note ?? "", /\$0\.21 ÷ \$0\.008 = 26\.25/);
  assert.match(pt42.note ?? "", /pt-41 \$0\.21: the cost search/);
});
