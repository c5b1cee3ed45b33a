import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  SELF_HOSTING_CLAIMS,
  selfHostingFindings,
} from "../../lib/findings/self_hosting.ts";
import { results, ws } from "../_claims_fixture.ts";

const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  );

const findings = selfHostingFindings(ws, results, { utilisation: 0.15 });

Deno.test("selfHostingFindings(): six setups × two mixes, the API priced on the article's date", () => {
  assert.equal(findings.date, "2026-06-08");
  assert.equal(findings.breakEven.height, 12);
  assert.deepEqual(findings.mixes.map((m) => m.name), [
    "article task",
    "tracker mix",
  ]);
  // the tracker mix: 38.36T prompt, 2.48T completion, 48.6 % of the prompt cached
  close(findings.mixes[1].tokens.cacheHitRate, 0.486, 5e-4);
  assert.equal(findings.outputOnlySetups, 5);
});

Deno.test("selfHostingFindings(): the R1-Distill 70B H100 breaks even at 9.3 % against its list price, not ~55 %", () => {
  // self at full use: (20K × 0.14044 + 80K × 0.1 × 0.14044 + 10K × 0.32937) ÷ 110K = $0.065690/M
  // API deepseek-r1-distill-llama-70b, 2026-05-01: (100K × 0.70 + 10K × 0.80) ÷ 110K = $0.709091/M
  // 0.065690 ÷ 0.709091 = 9.264 %
  assert.equal(
    findings.lowestBreakEven.setupId,
    "llmversus-r1-distill-70b-fp8-1xh100",
  );
  close(findings.lowestBreakEven.utilisation, 0.09264, 5e-5);
  const llm = findings.sourceFigures.filter((f) =>
    f.setupId.startsWith("llmversus")
  );
  assert.deepEqual(llm.map((f) => f.statedValue), [0.55, 0.55]);
});

Deno.test("selfHostingFindings(): at 15 % use only the R1-Distill and DeepSeek V3 setups beat their API on the article task", () => {
  assert.deepEqual(findings.cheaperAtUtilisation, [
    {
      mix: "article task",
      setups: [
        "llmversus-r1-distill-70b-fp8-1xh100",
        "lmsys-deepseek-v3-8xh100-node",
      ],
    },
    { mix: "tracker mix", setups: ["llmversus-r1-distill-70b-fp8-1xh100"] },
  ]);
  // and the curve agrees at 15 %
  const at15 = findings.curve.filter(
    pl.col("utilisation").eq(0.15).and(pl.col("mix").eq(pl.lit("article task")))
      .and(pl.col("self_hosting_cheaper")),
  );
  assert.deepEqual(at15.getColumn("setup_id").toArray(), [
    "llmversus-r1-distill-70b-fp8-1xh100",
    "lmsys-deepseek-v3-8xh100-node",
  ]);
});

Deno.test("selfHostingFindings(): kshirol's partial-use prints are within 1.6 % of the formula (1.743 vs 1.72, 5.229 vs 5.15)", () => {
  // 5.2288 ÷ 5.15 − 1 = 1.53 %; 1.7429 ÷ 1.72 − 1 = 1.33 %
  close(findings.partialUseGap, 5.228758 / 5.15 - 1, 1e-6);
});

Deno.test("selfHostingFindings() carries the ledger's verdicts on the local-vs-API claims", () => {
  assert.deepEqual(findings.claims.map((c) => c.id), [...SELF_HOSTING_CLAIMS]);
  const verdicts = Object.fromEntries(
    findings.claims.map((c) => [c.id, c.verdict]),
  );
  assert.deepEqual(verdicts, {
    "pt-50": "reproduced-under-assumptions",
    "pt-51": "reproduced-under-assumptions",
    "pt-47": "unverifiable",
    "pt-52": "unverifiable",
    "bb-62": "unverifiable",
  });
});
