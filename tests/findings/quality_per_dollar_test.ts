import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  QUALITY_BENCHMARK,
  QUALITY_CLAIMS,
  qualityPerDollarFindings,
} from "../../lib/findings/quality_per_dollar.ts";
import { results, ws } from "../_claims_fixture.ts";

const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  );

const findings = qualityPerDollarFindings(ws, results);

Deno.test("qualityPerDollarFindings(): the SWE-bench Verified frontier on the article task is Hy3 → V4 Flash → M2.5 → V4 Pro → Opus 4.7", () => {
  const swe = findings.frontiers.find((f) =>
    f.benchmark === QUALITY_BENCHMARK
  )!;
  assert.deepEqual(swe.frontier.map((m) => m.model), [
    "Tencent Hy3 preview",
    "DeepSeek V4 Flash",
    "MiniMax M2.5",
    "DeepSeek V4 Pro",
    "Claude Opus 4.7",
  ]);
  // 24 of the 29 scores are priced (5 models have no model id)
  assert.equal(swe.priced, 24);
  // Opus 4.7 at its launch price 2026-04-16 ($5/$25/$0.50): 0.1 + 0.04 + 0.25
  close(swe.frontier[4].costUsd, 0.39, 1e-12);
});

Deno.test("qualityPerDollarFindings(): MiMo-V2-Flash sits beneath the frontier, Hy3 preview scoring more for 1/1.15 of its cost", () => {
  const mimo = findings.points.filter(
    pl.col("benchmark").eq(pl.lit(QUALITY_BENCHMARK)).and(
      pl.col("model").eq(pl.lit("Xiaomi MiMo-V2-Flash")),
    ),
  ).toRecords()[0];
  assert.equal(mimo.on_frontier, false);
  assert.equal(mimo.dominated_by, "Tencent Hy3 preview");
  // 0.0058 ÷ 0.00504 (Hy3 preview, 2026-06-20: 20K × 0.12 + 80K × 0.012 + 10K × 0.168)
  close(Number(mimo.cost_multiple), 0.0058 / 0.00504, 1e-9);
});

Deno.test("qualityPerDollarFindings(): the frontier keeps its five models from 0 to 95 % cache hits; MiMo's bill share falls from 2.9 % to 2.3 %", () => {
  const s = findings.cacheSensitivity;
  assert.deepEqual(s.sometimes, []);
  assert.equal(s.always.length, 5);
  const share = s.billShare!;
  assert.deepEqual([share.a, share.b], [
    "Xiaomi MiMo-V2-Flash",
    "Claude Sonnet 4.5",
  ]);
  // at 0 %: (100K × 0.10 + 10K × 0.30) ÷ (100K × 3 + 10K × 15) = 0.013 ÷ 0.45
  close(share.byRate[0].share, 0.013 / 0.45, 1e-12);
  // at 80 %: 0.0058 ÷ 0.234
  close(share.byRate[2].share, 0.0058 / 0.234, 1e-12);
});

Deno.test("qualityPerDollarFindings(): the tracker's token mix gives the same SWE-bench frontier", () => {
  assert.deepEqual(findings.mixChanges, []);
  close(findings.trackerTask.cacheHitRate, 0.486, 5e-4);
});

Deno.test("qualityPerDollarFindings(): Vals' $1.24 per SWE-bench test is 5.3× the list-price article task on Sonnet 4", () => {
  const vals =
    findings.costPerTask.filter(pl.col("source").eq(pl.lit("Vals AI")))
      .toRecords()[0];
  close(Number(vals.measured_to_list_ratio), 1.24 / 0.234, 1e-9);
});

Deno.test("qualityPerDollarFindings() carries the ledger's verdicts on the quality claims", () => {
  assert.deepEqual(findings.claims.map((c) => [c.id, c.verdict]), [
    ["pt-21", "contradicted"],
    ["pt-22", "contradicted"],
    ["pt-48", "reproduced-under-assumptions"],
    ["pt-49", "contradicted"],
  ]);
  assert.deepEqual(findings.claims.map((c) => c.id), [...QUALITY_CLAIMS]);
});

Deno.test("qualityPerDollarFindings({ priceDate }) prices every score on one day: on 2026-06-08 V4 Flash's task is $0.0055, not its launch $0.0078", () => {
  const onDay = qualityPerDollarFindings(ws, results, {
    priceDate: "2026-06-08",
  });
  assert.equal(onDay.priceDate, "2026-06-08");
  const swe = onDay.frontiers.find((f) => f.benchmark === QUALITY_BENCHMARK)!;
  const flash = swe.frontier.find((m) => m.model === "DeepSeek V4 Flash")!;
  // price history 2026-05-30 ($0.0983/$0.1966/$0.0197): 20K × 0.0983 + 80K × 0.0197 + 10K × 0.1966
  close(flash.costUsd, 0.001966 + 0.001576 + 0.001966, 1e-12);
  assert.equal(findings.priceDate, null);
});
