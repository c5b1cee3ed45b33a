import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  costPerTaskComparison,
  frontierByCacheHitRate,
  paretoFrontier,
  qualityPerDollar,
} from "../../lib/analysis/quality_per_dollar.ts";
import { ARTICLE_TASK } from "../../lib/analysis/agent_task.ts";
import { priceRows } from "../../lib/analysis/prices.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";

const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  );

/** Five models of one series: cost and score chosen so the frontier is A, B, D. */
const FIXTURE = pl.DataFrame({
  benchmark: ["S", "S", "S", "S", "S", "T"],
  model: ["A", "B", "C", "D", "E", "A"],
  score: [60, 75, 70, 80, 75, 10],
  task_cost_usd: [0.01, 0.02, 0.05, 0.2, 0.3, 5],
});

Deno.test("paretoFrontier() on a five-model fixture: A, B and D on the frontier; C and E named with how far beneath", () => {
  const f = paretoFrontier(FIXTURE).filter(pl.col("benchmark").eq(pl.lit("S")));
  const rows = f.toRecords() as Record<string, unknown>[];
  assert.deepEqual(rows.map((r) => r.model), ["A", "B", "C", "D", "E"]);
  assert.deepEqual(rows.map((r) => r.on_frontier), [
    true,
    true,
    false,
    true,
    false,
  ]);
  // C (70 for $0.05): B scores 75 for $0.02 → dominated by B, 0.05 ÷ 0.02 = 2.5×, 75 − 70 = 5 points
  const c = rows[2];
  assert.equal(c.dominated_by, "B");
  close(Number(c.cost_multiple), 2.5, 1e-12);
  assert.equal(c.score_gap, 5);
  // E (75 for $0.30): the cheapest frontier model scoring ≥ 75 is B ($0.02) → 15×; the best frontier
  // score at ≤ $0.30 is D's 80 → 5 points
  const e = rows[4];
  assert.equal(e.dominated_by, "B");
  close(Number(e.cost_multiple), 15, 1e-12);
  assert.equal(e.score_gap, 5);
  // the other series is its own frontier
  const t = paretoFrontier(FIXTURE).filter(pl.col("benchmark").eq(pl.lit("T")));
  assert.deepEqual(t.getColumn("on_frontier").toArray(), [true]);
});

Deno.test("paretoFrontier() puts one of two identical points on the frontier and the other 1× and 0 points beneath", () => {
  const f = paretoFrontier(pl.DataFrame({
    benchmark: ["S", "S"],
    model: ["Y", "X"],
    score: [50, 50],
    task_cost_usd: [0.1, 0.1],
  }));
  assert.deepEqual(f.getColumn("model").toArray(), ["X", "Y"]);
  assert.deepEqual(f.getColumn("on_frontier").toArray(), [true, false]);
  assert.deepEqual(f.getColumn("cost_multiple").toArray(), [null, 1]);
  assert.deepEqual(f.getColumn("score_gap").toArray(), [null, 0]);
});

Deno.test("paretoFrontier() leaves unpriced rows out and names a missing column", () => {
  const f = paretoFrontier(pl.DataFrame({
    benchmark: ["S", "S"],
    model: ["A", "B"],
    score: [50, 90],
    task_cost_usd: [0.1, null],
  }));
  assert.deepEqual(f.getColumn("model").toArray(), ["A"]);
  assert.throws(
    () => paretoFrontier(FIXTURE.drop("score")),
    (e: Error) =>
      e instanceof TypeError && /missing column\(s\) score/.test(e.message),
  );
});

const ws = await loadWorkspace("data");
const { prices } = priceRows(ws);
const SWE = "SWE-bench Verified (vendor-reported, %)";

Deno.test("qualityPerDollar() prices MiMo-V2-Flash and Claude Sonnet 4.5 on the article's task at the prices of 2026-06-08", () => {
  const table = qualityPerDollar(ws.benchmarks, ws.modelIdentity, prices, {
    task: ARTICLE_TASK,
    fallbackDate: "2026-06-08",
    benchmark: SWE,
    priceDate: "2026-06-08",
  });
  const row = (model: string) =>
    table.filter(pl.col("model").eq(pl.lit(model))).toRecords()[0];
  // MiMo-V2-Flash, price history 2026-05-15 ($0.10/$0.30/$0.01): 20K × 0.10 + 80K × 0.01 + 10K × 0.30 = 0.002 + 0.0008 + 0.003
  close(Number(row("Xiaomi MiMo-V2-Flash").task_cost_usd), 0.0058, 1e-12);
  // Sonnet 4.5, models list 2026-05-01 ($3/$15/$0.30): 0.06 + 0.024 + 0.15
  close(Number(row("Claude Sonnet 4.5").task_cost_usd), 0.234, 1e-12);
  // cost per solve: 0.0058 ÷ 0.734
  close(
    Number(row("Xiaomi MiMo-V2-Flash").usd_per_solve),
    0.0058 / 0.734,
    1e-12,
  );
  assert.equal(row("Claude Sonnet 4.5").price_basis, "in force on 2026-06-08");
  // a model the identity table cannot price keeps its row, with the reason
  assert.match(String(row("GPT-4o (2024-11-20)").price_basis), /no model id/);
});

Deno.test("qualityPerDollar() prices a score on its own date, else on the fallback date, and says which", () => {
  const table = qualityPerDollar(ws.benchmarks, ws.modelIdentity, prices, {
    task: ARTICLE_TASK,
    fallbackDate: "2026-06-08",
  });
  const row = (benchmark: string, model: string) =>
    table.filter(
      pl.col("benchmark").eq(pl.lit(benchmark)).and(
        pl.col("model").eq(pl.lit(model)),
      ),
    ).toRecords()[0];
  // V4 Flash's score (2026-04-24) at its launch price: 20K × 0.14 + 80K × 0.028 + 10K × 0.28 = 0.00784
  const flash = row(SWE, "DeepSeek V4 Flash");
  assert.equal(flash.price_date, "2026-04-24");
  close(Number(flash.task_cost_usd), 0.00784, 1e-12);
  // MiMo-V2-Flash's score (2025-12-16) predates its first OpenRouter price record
  assert.match(
    String(row(SWE, "Xiaomi MiMo-V2-Flash").price_basis),
    /^no OpenRouter price by the score's date; in force on 2026-06-08$/,
  );
  const undated = row(
    "Artificial Analysis Intelligence Index v4.0 (0-100)",
    "DeepSeek V4 Flash",
  );
  assert.equal(undated.price_basis, "score undated; in force on 2026-06-08");
  assert.equal(undated.usd_per_solve, null);
});

Deno.test("qualityPerDollar() names the series there are when asked for one that is not", () => {
  assert.throws(
    () =>
      qualityPerDollar(ws.benchmarks, ws.modelIdentity, prices, {
        task: ARTICLE_TASK,
        fallbackDate: "2026-06-08",
        benchmark: "MMLU",
      }),
    /no such series, expected one of .*SWE-bench Verified/,
  );
});

Deno.test("frontierByCacheHitRate() moves Claude Opus 4.7's task cost with the hit rate and keeps it on the SWE-bench frontier", () => {
  const table = frontierByCacheHitRate(
    ws.benchmarks,
    ws.modelIdentity,
    prices,
    { task: ARTICLE_TASK, fallbackDate: "2026-06-08", benchmark: SWE },
    [0, 0.8],
  );
  const opus = table.filter(pl.col("model").eq(pl.lit("Claude Opus 4.7")))
    .toRecords();
  // $5/$25/$0.50: 100K × 5 + 10K × 25 = 0.75 at 0 %; 0.1 + 0.04 + 0.25 = 0.39 at 80 %
  close(Number(opus[0].task_cost_usd), 0.75, 1e-12);
  close(Number(opus[1].task_cost_usd), 0.39, 1e-12);
  assert.deepEqual(opus.map((r) => r.on_frontier), [true, true]);
});

Deno.test("costPerTaskComparison(): Vals' Sonnet 4 at $1.24 a test is 5.3× the article task at list price; HAL's retired models have no list price", () => {
  const table = costPerTaskComparison(ws.costPerTask, prices, {
    task: ARTICLE_TASK,
    fallbackDate: "2026-06-08",
  });
  const rows = table.toRecords() as Record<string, unknown>[];
  const vals = rows.find((r) => r.source === "Vals AI")!;
  // claude-sonnet-4, models list 2026-05-01 ($3/$15/$0.30): 0.234 per article task; 1.24 ÷ 0.234 = 5.299
  close(Number(vals.list_task_usd), 0.234, 1e-12);
  close(Number(vals.measured_to_list_ratio), 1.24 / 0.234, 1e-12);
  // HAL o1-mini: $366.81 ÷ 500 = $0.7336 a task; ÷ 0.272 = $2.697 a solve
  const o1 = rows.find((r) => r.model === "o1-mini")!;
  close(Number(o1.measured_task_usd), 0.73362, 1e-9);
  close(Number(o1.measured_solve_usd), 0.73362 / 0.272, 1e-9);
  assert.equal(o1.list_task_usd, null);
});
