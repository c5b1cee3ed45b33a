import assert from "node:assert/strict";
import { selfHostingChecks } from "../../../lib/claims/checks/self_hosting.ts";
import { claim, run } from "../../_claims_fixture.ts";

// 000 = "The OpenRouter Pricing Truth" (2026-06-08), section "Local inference vs API".

Deno.test("self_hosting_unbeatable: at 20 % use LMSYS's DeepSeek V3 node costs about 4× V4 Flash's API for the article's task (pt-51)", () => {
  assert.ok("self_hosting_unbeatable" in selfHostingChecks.checks);
  const pt51 = run(claim("pt-51"));
  assert.equal(pt51.verdict, "reproduced-under-assumptions");
  assert.equal(pt51.reproduced, 1);
  // self-hosted at full use: (20K × 0.084980 + 80K × 0.1 × 0.084980 + 10K × 0.199302) ÷ 110K = $0.039750/M; ÷ 0.2 = $0.19875/M
  // API, V4 Flash 2026-05-30 ($0.0983/$0.1966/$0.0197): (20K × 0.0983 + 80K × 0.0197 + 10K × 0.1966) ÷ 110K = $0.050073/M
  // break-even 0.039750 ÷ 0.050073 = 79.38 %
  assert.match(pt51.note!, /self-hosted \$0\.198748\/M/);
  assert.match(pt51.note!, /API's \$0\.0500727\/M/);
  assert.match(pt51.note!, /breaks even at 79\.38\d*% utilisation/);
  assert.match(
    pt51.note!,
    /"unless you already own an H100 cluster" is not checked/,
  );
  assert.match(pt51.evidence!, /setup_id "lmsys-deepseek-v3-8xh100-node"/);
});

Deno.test("self_hosting_unbeatable is contradicted at full use, where the node is cheaper than the API", () => {
  const c = claim("pt-51");
  const full = run({ ...c, params: { ...c.params, utilisation: "1" } });
  assert.equal(full.verdict, "contradicted");
  assert.equal(full.reproduced, 0);
});

Deno.test("self_hosting_unbeatable is unverifiable for a setup the table does not hold", () => {
  const c = claim("pt-51");
  const none = run({ ...c, params: { ...c.params, setup: "nowhere" } });
  assert.equal(none.verdict, "unverifiable");
  assert.match(none.note!, /no setup "nowhere"/);
});

Deno.test("the local-inference claims the data cannot check stay unverifiable, saying what would (pt-52, bb-62)", () => {
  for (const id of ["pt-52", "bb-62"]) {
    const c = claim(id);
    assert.equal(c.check, "none");
    assert.match(c.needs!, /not in bundled data/);
  }
});
