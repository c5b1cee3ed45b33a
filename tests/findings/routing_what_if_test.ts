import assert from "node:assert/strict";
import { priceRows } from "../../lib/analysis/prices.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { routingWhatIfFindings } from "../../lib/findings/routing_what_if.ts";
import { loadWhatIfInputs } from "../../lib/whatif/load_inputs.ts";
import { billByTrack } from "../../lib/whatif/engine.ts";

const ws = await loadWorkspace("data");
const book = { ...ws, prices: priceRows(ws).prices };
const POLICY = "data/examples/routing_skeleton.policy.json";
const undated = await loadWhatIfInputs(
  POLICY,
  "data/examples/case_study_team.workload.csv",
);
const dated = await loadWhatIfInputs(
  POLICY,
  "data/examples/case_study_team_month_spike.workload.csv",
);
if (!undated.ok || !dated.ok) throw new Error("the examples must load");
const findings = routingWhatIfFindings(book, {
  policy: undated.policy,
  workload: undated.workload,
  month: dated.workload,
});

Deno.test("routingWhatIfFindings(): the case study's stated mix implies -82.4% at list prices on 2026-05-24, 43.4 points more than the stated -39%", () => {
  const c = findings.caseStudy;
  assert.equal(c.as_of, "2026-05-24");
  assert.equal(c.implied_bill_usd.toFixed(2), "564.69");
  assert.equal(c.implied_change_pct.toFixed(1), "-82.4");
  assert.equal(c.difference_pts.toFixed(1), "43.4");
  // $1,940 / $564.69: the stated bill needs 3.4× the tokens.
  assert.equal(c.volume_ratio_for_stated_bill.toFixed(2), "3.44");
  assert.equal(
    findings.caseStudyObserved.implied_change_pct.toFixed(1),
    "-79.8",
  );
});

Deno.test("routingWhatIfFindings(): the implied change stays between -83.0% and -81.1% over 30 input/cached share pairs", () => {
  assert.equal(findings.sensitivity.cells, 30);
  // Lowest: 50% input, 90% of it cached. Highest: 99% input, 90% cached, per million tokens:
  // Sonnet 0.99 × (0.1 × 3 + 0.9 × 0.3) + 0.01 × 15 = $0.7143; the mix
  // 0.62 × 0.02972 + 0.18 × 0.034973 + 0.12 × 0.12405 + 0.08 × 1.1905 = $0.134848 → -81.12%
  assert.equal(findings.sensitivity.low_pct.toFixed(2), "-83.04");
  assert.equal(findings.sensitivity.high_pct.toFixed(2), "-81.12");
});

Deno.test("routingWhatIfFindings(): the case study's 18% gray pool is above the skeleton's 10% max_share, and the engine moves 8% to the token track", () => {
  assert.deepEqual(findings.grayPool, {
    case_study_share: 0.18,
    skeleton_max_share: 0.1,
  });
  const gray = findings.skeleton.events.find((e) =>
    e.kind === "gray_pool_limit"
  )!;
  assert.equal(gray.value?.toFixed(3), "0.180");
  // The skeleton at 2026-05-24 prices: $3,200.00 → $499.80 (see whatif_cli_test.ts for the hand check).
  assert.equal(Math.round(findings.skeleton.total.now_usd * 100), 320000);
  assert.equal(Math.round(findings.skeleton.total.policy_usd * 100), 49980);
});

Deno.test("routingWhatIfFindings(): in the month with a spike the cap is passed in the week of 06-08, the 15% overrun in the week of 06-15, and the week of 06-22 is downgraded", () => {
  assert.deepEqual(findings.monthWeeks.cap_exceeded, [
    "2026-06-08",
    "2026-06-15",
    "2026-06-22",
  ]);
  assert.deepEqual(findings.monthWeeks.downgrade_triggered, [
    "2026-06-15",
    "2026-06-22",
  ]);
  assert.deepEqual(findings.monthWeeks.downgrade_applied, ["2026-06-22"]);
  assert.equal(findings.monthWeeks.gray_pool_limit.length, 4);
  // Opus 4.7 is 5/3 of Sonnet 4.6's price: weeks 1–3 of audit traffic cost (1 + 8 + 1) × 7/30 × 8% × $3,200 × 5/3.
  const cap = findings.month.events.filter((e) => e.kind === "cap_exceeded");
  assert.equal(cap[0].value?.toFixed(2), "896.00");
  assert.equal(cap[1].value?.toFixed(2), "995.56");
  const bill = billByTrack(findings.month).toRecords();
  assert.ok(
    bill.some((r) =>
      r.track === "dollar_track downgraded" && r.routing === "policy"
    ),
  );
});
