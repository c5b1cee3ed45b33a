import assert from "node:assert/strict";
import {
  cacheAwareUsd,
  TRACKER_FORMULA_ASSUMPTION,
  trackerRow,
} from "../../../lib/claims/checks/tracker.ts";
import { claim, inputs, run } from "../../_claims_fixture.ts";

// 004 = "OpenRouter Inference Revenue Statistics" (2026-02-09); figures from
// data/raw/inference-stats/*.json with python3 in exact decimals.

Deno.test("tracker_total_revenue compares the tracker's own total_revenue, at the quote's precision", () => {
  // python3: 2025-11-30.json total_revenue 2523142.13 = the chart's bar (ir-08);
  // the sum of its rows' estimated_revenue is 2523142.14 (cent rounding).
  const ir08 = run(claim("ir-08"));
  assert.equal(ir08.verdict, "reproduced-under-assumptions");
  assert.equal(ir08.reproduced, 2_523_142.13);
  assert.equal(ir08.tolerance, 0.005);
  assert.match(ir08.evidence!, /2025-11-30\.json: total_revenue/);
  // 2025-12-21.json total_revenue 3084659.53; the chart says 3106880.8 (ir-11): $22,221.27 apart.
  const ir11 = run(claim("ir-11"));
  assert.equal(ir11.verdict, "contradicted");
  assert.equal(ir11.reproduced, 3_084_659.53);
  assert.match(ir11.note ?? "", /xiaomi\/mimo-v2-flash-20251210:free/);
  const none = run(claim("ir-11", { params: { week: "2026-03-01" } }));
  assert.equal(none.verdict, "unverifiable");
  assert.match(none.note ?? "", /no inference-stats file for 2026-03-01/);
});

Deno.test("tracker_model_revenue reproduces the tracker's figure to the cent only under its declared formula", () => {
  // Sonnet 4.5, 2026-02-08: 693492831109 × 3e-6 + 12153926465 × 1.5e-5 + 448382174257 × 3e-7
  // = 2397302.0425791 → 2397302.04.
  const ir24 = claim("ir-24");
  assert.ok(ir24.assumption.includes(TRACKER_FORMULA_ASSUMPTION));
  const result = run(ir24);
  assert.equal(result.verdict, "reproduced-under-assumptions");
  assert.equal(result.method_flawed, true);
  assert.equal(result.corrected, 1_052_155.52);
  const centOff = run(claim("ir-24", { stated: 2397302.05 }));
  assert.equal(centOff.verdict, "contradicted");
  // Without the declared assumption the check bills as OpenRouter does: contradicted.
  const undeclared = run(claim("ir-24", { assumption: "" }));
  assert.equal(undeclared.verdict, "contradicted");
  assert.equal(undeclared.reproduced, 1_052_155.52);
});

Deno.test("cacheAwareUsd() bills cached tokens once, at the cache-read rate", () => {
  const row = trackerRow(
    inputs,
    "2026-02-08",
    "anthropic/claude-4.5-sonnet-20250929",
  )!;
  assert.ok(Math.abs(cacheAwareUsd(row) - 1052155.5198081) < 1e-6);
});

Deno.test("the token breakdown: 'Response' tokens are completion minus reasoning; the file lacks the article's free model", () => {
  // python: 2026-02-08.json sum(completion − reasoning) = 153263265838; the pie says 159844805519.
  const ir91 = run(claim("ir-91"));
  assert.equal(ir91.verdict, "unverifiable");
  assert.match(ir91.note ?? "", /gives 153\.26B tokens\/week/);
  // Trinity's own row (343.0B ± 0.5B, 98.1% ± 0.05% prompt) allows
  // 342.5B × 1.85% = 6.34B … 343.5B × 1.95% = 6.70B response tokens; the gap is 6.58B.
  assert.match(
    ir91.note ?? "",
    /its row \(6\.34B tokens\/week … 6\.70B tokens\/week as printed\)/,
  );
  // Per-model Prompt %: prompt ÷ (prompt + completion).
  assert.equal(run(claim("ir-21")).verdict, "reproduced");
});

Deno.test("tracker_model_wow_pct is unverifiable when the model is new to the tracker's file", () => {
  // MiniMax M2.1 is not in the 2026-02-01 file, where percent_change 0 means "no previous week".
  const ir67 = run(claim("ir-67"));
  assert.equal(ir67.verdict, "unverifiable");
  assert.match(
    ir67.note ?? "",
    /not in the tracker's previous file \(2026-02-01\)/,
  );
  assert.equal(run(claim("ir-25")).verdict, "reproduced");
});
