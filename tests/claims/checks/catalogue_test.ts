import assert from "node:assert/strict";
import { catalogueChecks } from "../../../lib/claims/checks/catalogue.ts";
import { articleChecks } from "../../../lib/claims/checks/article.ts";
import { claim, inputs, run } from "../../_claims_fixture.ts";

Deno.test("model_params reads parameter counts from the models list's own description", () => {
  assert.ok("model_params" in catalogueChecks.checks);
  // 2026-05-01.models.json, deepseek/deepseek-v4-flash: "… with 284B total parameters and 13B activated parameters".
  assert.equal(run(claim("pt-17")).reproduced, 284e9);
  assert.equal(run(claim("pt-18")).verdict, "reproduced");
  // xiaomi/mimo-v2-flash: "309B total parameters and 15B active parameters".
  assert.equal(run(claim("pt-20")).reproduced, 15e9);
  assert.equal(
    run(claim("pt-17", { stated: 300e9, quote: "300B total" })).verdict,
    "contradicted",
  );
  const unknown = run(
    claim("pt-17", { params: { model: "nobody/none", part: "total" } }),
  );
  assert.equal(unknown.verdict, "unverifiable");
});

Deno.test("a16z_figure reads a figure from data/reference/a16z_report_figures.md", () => {
  const bb08 = run(claim("bb-08"));
  assert.equal(bb08.verdict, "reproduced");
  assert.equal(bb08.reproduced, 11);
  assert.match(bb08.evidence!, /a16z_report_figures\.md/);
  // bb-11 "60+ providers" rests on the declared assumption that the count did not fall since the report.
  assert.equal(run(claim("bb-11")).verdict, "reproduced-under-assumptions");
  const saved = inputs.evidence.a16zFigures;
  try {
    inputs.evidence.a16zFigures = "";
    assert.equal(run(claim("bb-08")).verdict, "unverifiable");
  } finally {
    inputs.evidence.a16zFigures = saved;
  }
});

Deno.test("context_length and catalog_model_count read the models list up to the date", () => {
  // 2026-05-01.models.json: 371 records, 29 ":free".
  const bb10 = run(claim("bb-10"));
  assert.equal(bb10.reproduced, 371);
  assert.match(bb10.note ?? "", /342 without the :free variants/);
  // "256K" is 262,144 in the list: K read as 1,024.
  assert.equal(run(claim("pt-33")).verdict, "reproduced");
  assert.equal(
    run(claim("bb-10", { params: { date: "2026-04-01" } })).verdict,
    "unverifiable",
  );
});

Deno.test("article_consistency contradicts only when the article's own figures disagree", () => {
  assert.ok("article_consistency" in articleChecks.checks);
  // bb-25 "~12×": 28.9 / 2.4 = 12.04, consistent, which verifies nothing.
  const bb25 = run(claim("bb-25"));
  assert.equal(bb25.verdict, "unverifiable");
  assert.match(bb25.note ?? "", /cannot verify it/);
  const off = run(claim("bb-25", { stated: 15, quote: "~15×" }));
  assert.equal(off.verdict, "contradicted");
  assert.match(off.evidence!, /^the article itself/);
});
