import assert from "node:assert/strict";
import {
  rankingsVendorChecks,
  WESTERN_VENDORS,
} from "../../../lib/claims/checks/rankings_vendors.ts";
import { claim, run } from "../../_claims_fixture.ts";

// python3 over the raw files:
//   rows = json.load(open("data/raw/rankings-daily/2026-05-24_2026-06-22.json"))["data"]
//   week = [r for r in rows if "2026-06-01" <= r["date"] <= "2026-06-07"]
//   prev = [r for r in rows if "2026-05-25" <= r["date"] <= "2026-05-31"]
// vendor = the permaslug's prefix. Week of 2026-06-01: all 36135310767290,
// deepseek 6550495669699, anthropic 5142610025417, google 4076454328710;
// week of 2026-05-25: all 31821170937871, anthropic 5438447149191.

/** A claim moved to the week of 2026-06-01, which the data covers. */
function inCoveredWeek(id: string, change: Record<string, unknown> = {}) {
  const c = claim(id);
  return claim(id, {
    params: { ...c.params, week: "2026-06-01" },
    ...change,
  });
}

Deno.test("rankingsVendorChecks registers the six vendor checks; WESTERN_VENDORS are the six Western vendors", () => {
  assert.deepEqual(Object.keys(rankingsVendorChecks.checks).sort(), [
    "model_group_token_share_pct",
    "vendor_token_share_pct",
    "vendor_week_compare",
    "vendor_week_margin",
    "vendor_week_tokens",
    "vendor_week_wow_pct",
  ]);
  assert.deepEqual([...WESTERN_VENDORS], [
    "anthropic",
    "openai",
    "google",
    "x-ai",
    "meta-llama",
    "mistralai",
  ]);
  // Moved from tests/claims/checks/rankings_test.ts.
  assert.ok("vendor_week_tokens" in rankingsVendorChecks.checks);
  assert.ok(WESTERN_VENDORS.includes("x-ai"));
});

Deno.test("vendor_week_tokens sums every model of the vendor in a covered week (bb-40 moved to 2026-06-01)", () => {
  assert.match(run(claim("bb-40")).note!, /has 1 of 7 days/);
  const deepseek = run(inCoveredWeek("bb-40"));
  // python: sum of week rows with prefix "deepseek/" = 6550495669699.
  assert.equal(deepseek.reproduced, 6_550_495_669_699);
  // "approximately 5.74T" is ±5%: 5.45T–6.03T, below 6.55T.
  assert.equal(deepseek.verdict, "contradicted");
  assert.equal(
    run(inCoveredWeek("bb-40", { stated: 6.55e12, quote: "6.55T" })).verdict,
    "reproduced",
  );
});

Deno.test("vendor_week_wow_pct measures the vendor over its models in the top 50 all 14 days", () => {
  // python: anthropic models on 7 of 7 days of both weeks: claude-4.5-haiku,
  // claude-4.6-opus, claude-4.6-sonnet, claude-4.7-opus; their tokens change
  // by (week / prev − 1) × 100 = −22.48125981285769 %. Left out:
  // claude-4.5-opus, claude-4.5-sonnet, claude-4.8-opus.
  const anthropic = run(
    claim("pt-12", { params: { week: "2026-06-01", vendor: "Anthropic" } }),
  );
  assert.ok(Math.abs(anthropic.reproduced! + 22.48125981285769) < 1e-9);
  // compareStated() puts the difference first; the check appends the left-out models.
  assert.match(
    anthropic.note!,
    /left out, not in the top 50 every day: Claude Opus 4\.8, Claude Sonnet 4\.5, Claude Opus 4\.5$/,
  );
});

Deno.test("vendor_token_share_pct is the vendor's tokens over the week's (bb-03 moved to 2026-06-01)", () => {
  // python: 5142610025417 / 36135310767290 × 100 = 14.231536732962418;
  // "roughly 12%" is 12 ± 5% (11.4–12.6).
  const share = run(inCoveredWeek("bb-03"));
  assert.ok(Math.abs(share.reproduced! - 14.231536732962418) < 1e-9);
  assert.equal(share.verdict, "contradicted");
  assert.equal(
    run(inCoveredWeek("bb-03", { stated: 14.2, quote: "14.2%" })).verdict,
    "reproduced",
  );
});

Deno.test("vendor_week_compare with a_gt_each_b needs the vendor above every other named one (bb-42 moved to 2026-06-01)", () => {
  // python: deepseek 6.55T > anthropic 5.14T and google 4.08T.
  const compare = run(inCoveredWeek("bb-42", {
    stated: 1,
    unit: "boolean",
  }));
  assert.equal(compare.reproduced, 1);
  assert.match(
    compare.note!,
    /^DeepSeek 6\.55T; Anthropic 5\.14T; Google 4\.08T/,
  );
  // Google against DeepSeek and Anthropic: 4.08T is below both.
  const google = run(inCoveredWeek("bb-42", {
    stated: 1,
    unit: "boolean",
    params: {
      week: "2026-06-01",
      a: "Google",
      b: "DeepSeek|Anthropic",
      test: "a_gt_each_b",
    },
  }));
  assert.equal(google.reproduced, 0);
  assert.equal(google.verdict, "contradicted");
});

Deno.test("model_group_token_share_pct adds the named models, with * as a wildcard: 26.3%, not ~80% (pt-45)", () => {
  // python: deepseek-v4-flash-20260423 + hy3-preview-20260421 + the three
  // xiaomi/mimo-* models of the week = 9517986257760;
  // ÷ 36135310767290 × 100 = 26.339848905840224.
  const pt45 = run(claim("pt-45"));
  assert.ok(Math.abs(pt45.reproduced! - 26.339848905840224) < 1e-9);
  assert.equal(pt45.verdict, "contradicted");
  assert.equal(
    pt45.note!.replace(/^models counted: /, "").split(", ").length,
    5,
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
