import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { classifyModels } from "../../lib/analysis/model_info.ts";
import { weeklyModelTokens } from "../../lib/analysis/weekly.ts";
import {
  benchmarkVsShare,
  conflictingScores,
  correlations,
  feedVsShare,
} from "../../lib/analysis/benchmark_share.ts";
import { FEED_SERIES } from "../../lib/loading/benchmarks_feed.ts";
import { loadClaims } from "../../lib/loading/claims.ts";
import { runAnalyses } from "../../lib/run/analyses.ts";
import { benchmarkVsShareFindings } from "../../lib/findings/benchmark_vs_share.ts";
import { copyDir, inTempDir } from "../_helpers.ts";

const SERIES = "Bench (%)";

// Two weeks: 2026-06-01 complete, 2026-06-08 with 3 days (partial).
const weekly = pl.DataFrame({
  week_start: [
    "2026-06-01",
    "2026-06-01",
    "2026-06-01",
    "2026-06-01",
    "2026-06-01",
    "2026-06-08",
  ],
  days_covered: [7, 7, 7, 7, 7, 3],
  permaslug: ["x/m-1", "x/m-1:free", "y/n-2", "z/glm", "other", "x/m-1"],
  origin: ["China", "China", "US", "China", "other (not in top 50)", "China"],
  tokens: [30, 10, 20, 5, 35, 9],
  share: [0.3, 0.1, 0.2, 0.05, 0.35, 1],
});
const identity = pl.DataFrame({
  permaslug: ["x/m-1", "x/m-1:free", "y/n-2", "z/glm"],
  model_id: ["x/m", "x/m", "y/n", "z/glm"],
  benchmark_name: ["M 1", "", "N 2", "GLM"],
});
const benchmarks = pl.DataFrame({
  model: ["M 1", "N 2", "N 2", "GLM", "GLM", "M 1"],
  benchmark: [SERIES, SERIES, SERIES, SERIES, SERIES, "Other index"],
  score: [70, 80, 80, 40.6, 50, 1000],
  source_url: ["a", "b", "b2", "c", "d", "e"],
  source_date: ["2026-01", "2026-02", "2026-02", "2026-03", "2026-02", "2026"],
});
const models = pl.DataFrame({
  snapshot_date: ["2026-04-01", "2026-05-01", "2026-05-01"],
  id: ["x/m", "x/m", "z/glm"],
  input_usd_per_mtok: [0.5, 0.1, 1],
});

Deno.test("benchmarkVsShare() sums a model's paid and :free variants and keeps complete weeks only", () => {
  const frame = benchmarkVsShare(weekly, identity, benchmarks, models, {
    benchmark: SERIES,
  });
  assert.deepEqual(frame.columns, [
    "benchmark",
    "week_start",
    "model",
    "score",
    "tokens",
    "share",
    "price",
    "origin",
  ]);
  assert.deepEqual(frame.toRecords(), [
    {
      benchmark: SERIES,
      week_start: "2026-06-01",
      model: "M 1",
      score: 70,
      tokens: 40,
      share: 0.4,
      price: 0.1,
      origin: "China",
    },
    {
      benchmark: SERIES,
      week_start: "2026-06-01",
      model: "N 2",
      score: 80,
      tokens: 20,
      share: 0.2,
      price: null,
      origin: "US",
    },
  ]);
});

Deno.test("benchmarkVsShare() leaves out a model whose scores in the series conflict, and conflictingScores() lists it", () => {
  const frame = benchmarkVsShare(weekly, identity, benchmarks, models, {
    benchmark: SERIES,
  });
  assert.equal(frame.filter(pl.col("model").eq(pl.lit("GLM"))).height, 0);
  const conflicts = conflictingScores(benchmarks, SERIES).toRecords();
  assert.deepEqual(conflicts.map((r) => [r.model, r.score, r.source_url]), [
    ["GLM", 40.6, "c"],
    ["GLM", 50, "d"],
  ]);
});

Deno.test("benchmarkVsShare() never mixes two series", () => {
  const other = benchmarkVsShare(weekly, identity, benchmarks, models, {
    benchmark: "Other index",
  });
  assert.deepEqual(other.getColumn("score").toArray(), [1000]);
  assert.deepEqual(other.getColumn("benchmark").toArray(), ["Other index"]);
});

Deno.test("benchmarkVsShare() takes the week's price from the price history when given", () => {
  const priceHistory = pl.DataFrame({
    openrouter_id: ["y/n", "y/n", "y/n"],
    date: ["2026-05-01", "2026-06-07", "2026-06-08"],
    input: [2, 3, 4],
  });
  const frame = benchmarkVsShare(weekly, identity, benchmarks, models, {
    benchmark: SERIES,
    priceHistory,
  });
  // N 2: latest record dated on or before Sunday 2026-06-07 is 3; M 1 has
  // no history and keeps the models-list price.
  assert.deepEqual(frame.getColumn("price").toArray(), [0.1, 3]);
});

Deno.test("benchmarkVsShare() names the series it knows when asked for a missing one", () => {
  assert.throws(
    () =>
      benchmarkVsShare(weekly, identity, benchmarks, models, {
        benchmark: "MMLU",
      }),
    (error: Error) =>
      error instanceof RangeError &&
      /"Bench \(%\)", "Other index"/.test(error.message),
  );
});

Deno.test("correlations() gives rho, n and a p-value per week, price on priced models only", () => {
  const frame = pl.DataFrame({
    benchmark: ["B", "B", "B", "B", "B"],
    week_start: Array(5).fill("2026-06-01"),
    model: ["a", "b", "c", "d", "e"],
    score: [60, 70, 80, 90, 75],
    share: [0.5, 0.2, 0.15, 0.1, 0.05],
    price: [0.1, 0.4, 1, 3, null],
  });
  const [row] = correlations(frame).toRecords();
  // python3 scipy.stats.spearmanr([0.5,0.2,0.15,0.1,0.05],[60,70,80,90,75])
  // → −0.7; exact permutation p over the 120 orders (itertools): 28/120.
  assert.equal(row.n, 5);
  assert.ok(Math.abs((row.rho_share_score as number) + 0.7) < 1e-12);
  assert.ok(Math.abs((row.p_share_score as number) - 28 / 120) < 1e-12);
  assert.equal(row.n_price, 4);
  assert.equal(row.rho_share_price, -1);
  assert.ok(Math.abs((row.p_share_price as number) - 2 / 24) < 1e-12);
});

Deno.test("benchmarkVsShare() joins DeepSeek V4 Flash's vendor-reported SWE-bench score to its 2026-06-01 share", async () => {
  const ws = await loadWorkspace("data");
  const classified = classifyModels(ws.rankings, ws.modelIdentity, ws.vendors);
  const frame = benchmarkVsShare(
    weeklyModelTokens(classified),
    ws.modelIdentity,
    ws.benchmarks,
    ws.models,
    { benchmark: "SWE-bench Verified (vendor-reported, %)" },
  );
  const flash = frame.filter(
    pl.col("week_start").eq(pl.lit("2026-06-01")).and(
      pl.col("model").eq(pl.lit("DeepSeek V4 Flash")),
    ),
  ).toRecords();
  // data/reference/benchmarks.csv: 79.0; python3 over rankings-daily: 3685130902674.
  assert.equal(flash.length, 1);
  assert.equal(flash[0].score, 79);
  assert.equal(flash[0].tokens, 3_685_130_902_674);
  // Only complete weeks: 2026-05-25 … 2026-06-15.
  assert.deepEqual(
    frame.getColumn("week_start").unique().sort().toArray(),
    ["2026-05-25", "2026-06-01", "2026-06-08", "2026-06-15"],
  );
  // The one conflict in the bundled table: Zhipu GLM-5 in AA v4.0 (40.6 vs 50).
  const conflicts = conflictingScores(ws.benchmarks).toRecords();
  assert.deepEqual(conflicts.map((r) => [r.model, r.score]), [
    ["Zhipu GLM-5", 40.6],
    ["Zhipu GLM-5", 50],
  ]);
});

Deno.test("with a saved benchmarks feed, the analyses join its three indices to token share, and cite it", async () => {
  await inTempDir(async (dir) => {
    await copyDir("data", dir);
    await Deno.mkdir(`${dir}/raw/openrouter-benchmarks`);
    await Deno.copyFile(
      "tests/fixtures/benchmarks/2026-06-23.artificial-analysis.json",
      `${dir}/raw/openrouter-benchmarks/2026-06-23.artificial-analysis.json`,
    );
    const ws = await loadWorkspace(dir);
    assert.ok(!ws.absentDatasets.includes("openrouter-benchmarks"));
    const results = runAnalyses(ws, await loadClaims("data/claims.csv"));
    const feedRows = results.benchmarkShare.filter(
      pl.col("benchmark").str.contains("OpenRouter benchmarks feed"),
    );
    const byseries = new Map<string, Set<string>>();
    for (const r of feedRows.toRecords()) {
      const set = byseries.get(String(r.benchmark)) ?? new Set();
      set.add(String(r.model));
      byseries.set(String(r.benchmark), set);
    }
    // 8 fixture models are on the bundled chart (the 9th is not); Hy3 has
    // no agentic index. Matched by model id, and one by dated permaslug.
    assert.deepEqual(
      [...byseries.entries()].map(([k, v]) => [k, v.size]).sort(),
      [
        [FEED_SERIES.agentic_index, 7],
        [FEED_SERIES.coding_index, 8],
        [FEED_SERIES.intelligence_index, 8],
      ],
    );
    assert.ok(
      byseries.get(FEED_SERIES.intelligence_index)!.has(
        "anthropic/claude-4.7-opus-20260416",
      ),
    );
    assert.ok(
      !byseries.get(FEED_SERIES.intelligence_index)!.has(
        "example/not-on-the-chart",
      ),
    );
    // each week's score is the feed's, and the share the chart's
    const opus = feedRows.filter(
      pl.col("model").eq(pl.lit("anthropic/claude-4.7-opus-20260416")).and(
        pl.col("benchmark").eq(pl.lit(FEED_SERIES.coding_index)),
      ),
    ).toRecords();
    assert.ok(opus.length >= 3);
    assert.ok(opus.every((r) => r.score === 58));
    // correlations per feed series and week, as for the other series
    const rho = results.benchmarkCorrelations.filter(
      pl.col("benchmark").eq(pl.lit(FEED_SERIES.intelligence_index)),
    );
    assert.equal(rho.height, opus.length);
    // MiniMax M3 enters the top 50 on 2026-06-01 (python3), after the first complete week
    assert.deepEqual(rho.select("week_start", "n").toRecords(), [
      { week_start: "2026-05-25", n: 7 },
      { week_start: "2026-06-01", n: 8 },
      { week_start: "2026-06-08", n: 8 },
      { week_start: "2026-06-15", n: 8 },
    ]);
    // the notebook's findings list the feed's series too
    const findings = benchmarkVsShareFindings(results, ws);
    assert.deepEqual(findings.series.slice(-3), [
      FEED_SERIES.intelligence_index,
      FEED_SERIES.coding_index,
      FEED_SERIES.agentic_index,
    ]);
  });
});

Deno.test("without a saved benchmarks feed, no feed series appears", async () => {
  const ws = await loadWorkspace("data");
  assert.deepEqual(
    feedVsShare(
      weeklyModelTokens(
        classifyModels(ws.rankings, ws.modelIdentity, ws.vendors),
      ),
      ws.modelIdentity,
      ws.benchmarkFeed,
      ws.models,
    ),
    [],
  );
});
