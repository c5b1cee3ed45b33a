/**
 * Quality per dollar: each model's benchmark score against what a stated
 * task costs it at OpenRouter's list prices, cache reads billed at the
 * cache-read rate (`taskCost`), the accuracy-vs-cost Pareto frontier per
 * benchmark, and how far beneath it every other model sits.
 *
 * One benchmark series at a time (scales differ). A score is priced at the
 * list price in force on the score's date (`priceOn`): what the model cost
 * when the score was published. An undated score, or one dated before the
 * model had an OpenRouter price, is priced on a stated fallback date, and
 * the row says which (`price_basis`). No composite "efficiency" score is
 * formed: the frontier is drawn instead.
 *
 * @module
 */
import pl from "nodejs-polars";
import { taskCost, type TaskTokens } from "./cost.ts";
import { priceOn } from "./prices.ts";
import { conflictingScores } from "./benchmark_share.ts";
import { frameOf } from "../loading/frames.ts";

/** Options of {@linkcode qualityPerDollar}. */
export interface QualityPerDollarOptions {
  /** The task priced for every model. */
  task: TaskTokens;
  /** The day to price a score on when its own date is not a calendar date or the model had no price yet, `YYYY-MM-DD`. */
  fallbackDate: string;
  /** Only this series (default: every series of the table). */
  benchmark?: string;
  /** Price every score on this day instead of its own date (the frontier "on a date"), `YYYY-MM-DD`. */
  priceDate?: string;
}

/** Column dtypes of {@linkcode qualityPerDollar}'s frame. */
export const QUALITY_PER_DOLLAR_SCHEMA = {
  benchmark: pl.Utf8,
  model: pl.Utf8,
  display_name: pl.Utf8,
  model_id: pl.Utf8,
  score: pl.Float64,
  score_date: pl.Utf8,
  price_date: pl.Utf8,
  price_basis: pl.Utf8,
  cache_hit_rate: pl.Float64,
  task_cost_usd: pl.Float64,
  usd_per_solve: pl.Float64,
  assumptions: pl.Utf8,
} as const;

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Benchmark name → model id and display name (first permaslug naming it, by permaslug). */
function identities(
  modelIdentity: pl.DataFrame,
): Map<string, { model_id: string; display_name: string }> {
  const rows = modelIdentity
    .filter(
      pl.col("benchmark_name").str.lengths().gt(0).and(
        pl.col("model_id").str.lengths().gt(0),
      ),
    )
    .sort("permaslug")
    .toRecords() as {
      benchmark_name: string;
      model_id: string;
      display_name: string;
    }[];
  const out = new Map<string, { model_id: string; display_name: string }>();
  for (const row of rows) {
    if (!out.has(row.benchmark_name)) {
      out.set(row.benchmark_name, {
        model_id: row.model_id,
        display_name: row.display_name,
      });
    }
  }
  return out;
}

/**
 * Every benchmark score with the cost of the task on its model, at the list
 * price in force on the score's date (else on `fallbackDate`, said in
 * `price_basis`). Scores that conflict within a series are left out (list
 * them with `conflictingScores`); identical duplicates count once. A model
 * without a model id, or without an OpenRouter price by either date, keeps
 * its row with a null cost and the reason in `price_basis`.
 *
 * @param benchmarks The benchmarks table (`model`, `benchmark`, `score`, `source_date`).
 * @param modelIdentity The model-identity table (`permaslug`, `model_id`, `display_name`, `benchmark_name`).
 * @param prices The frame from `priceRows`.
 * @param options The task, the fallback date and optionally one series.
 * @returns Columns {@linkcode QUALITY_PER_DOLLAR_SCHEMA}: `task_cost_usd` is
 *   USD per task; `usd_per_solve` is the task cost ÷ (score ÷ 100) for a
 *   series in percent (the "cost per solve" of holyai.me/solve-tax), null
 *   otherwise. Sorted by benchmark, score descending, model.
 * @throws {RangeError} When the series is not in the table.
 *
 * @example One model, priced on its score's date
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const benchmarks = pl.DataFrame({ model: ["M"], vendor: ["v"], benchmark: ["B (%)"], score: [50], source_url: ["u"], source_date: ["2026-02-01"] });
 * const identity = pl.DataFrame({ permaslug: ["x/m-1"], model_id: ["x/m"], display_name: ["Model M"], aliases: [""], benchmark_name: ["M"] });
 * const prices = pl.DataFrame({ source: ["OpenRouter models list"], source_date: ["2026-01-01"], model_id: ["x/m"], input_usd_per_mtok: [1], output_usd_per_mtok: [2], cache_read_usd_per_mtok: [0.1], cache_write_usd_per_mtok: [null] });
 * const task = { inputTokens: 100_000, outputTokens: 10_000, cacheHitRate: 0.8 };
 * const [row] = qualityPerDollar(benchmarks, identity, prices, { task, fallbackDate: "2026-06-08" }).toRecords();
 * // 20K × $1/M + 80K × $0.10/M + 10K × $2/M = 0.02 + 0.008 + 0.02
 * assert.equal(Number(row.task_cost_usd).toFixed(3), "0.048");
 * assert.equal(Number(row.usd_per_solve).toFixed(3), "0.096");
 * assert.equal(row.price_date, "2026-01-01");
 * ```
 */
export function qualityPerDollar(
  benchmarks: pl.DataFrame,
  modelIdentity: pl.DataFrame,
  prices: pl.DataFrame,
  options: QualityPerDollarOptions,
): pl.DataFrame {
  let series = benchmarks;
  if (options.benchmark !== undefined) {
    series = benchmarks.filter(
      pl.col("benchmark").eq(pl.lit(options.benchmark)),
    );
    if (series.height === 0) {
      const known = [
        ...new Set(benchmarks.getColumn("benchmark").toArray() as string[]),
      ].sort();
      throw new RangeError(
        `Cannot price benchmark "${options.benchmark}": no such series, expected one of ${
          known.map((n) => JSON.stringify(n)).join(", ")
        }`,
      );
    }
  }
  const conflicts = conflictingScores(series).select("benchmark", "model")
    .unique();
  const scores = series
    .join(conflicts, { on: ["benchmark", "model"], how: "anti" })
    .sort(["benchmark", "model", "source_date"])
    .unique({
      subset: ["benchmark", "model"],
      keep: "first",
      maintainOrder: true,
    })
    .toRecords() as {
      benchmark: string;
      model: string;
      score: number;
      source_date: string;
    }[];
  const ids = identities(modelIdentity);
  const rows = scores.map((s) => {
    const identity = ids.get(s.model);
    return {
      benchmark: s.benchmark,
      model: s.model,
      display_name: identity?.display_name ?? s.model,
      model_id: identity?.model_id ?? null,
      score: s.score,
      score_date: s.source_date,
      cache_hit_rate: options.task.cacheHitRate,
      ...pricedTask(s.benchmark, s.score, s.source_date, identity?.model_id, {
        prices,
        ...options,
      }),
    };
  });
  return frameOf(rows, QUALITY_PER_DOLLAR_SCHEMA).sort(
    ["benchmark", "score", "model"],
    [false, true, false],
  );
}

/** The price date, basis, task cost and cost per solve of one score. */
function pricedTask(
  benchmark: string,
  score: number,
  scoreDate: string,
  modelId: string | undefined,
  o: {
    prices: pl.DataFrame;
    task: TaskTokens;
    fallbackDate: string;
    priceDate?: string;
  },
) {
  const unpriced = (basis: string) => ({
    price_date: null,
    price_basis: basis,
    task_cost_usd: null,
    usd_per_solve: null,
    assumptions: "",
  });
  if (modelId === undefined) {
    return unpriced("no model id in the model-identity table");
  }
  const dated = CALENDAR_DATE.test(scoreDate);
  const on = o.priceDate ?? (dated ? scoreDate : undefined);
  let price = on === undefined ? undefined : priceOn(o.prices, modelId, on);
  let basis = o.priceDate === undefined
    ? "in force on the score's date"
    : `in force on ${o.priceDate}`;
  if (price === undefined && o.priceDate === undefined) {
    price = priceOn(o.prices, modelId, o.fallbackDate);
    basis = dated
      ? `no OpenRouter price by the score's date; in force on ${o.fallbackDate}`
      : `score undated; in force on ${o.fallbackDate}`;
  }
  if (price === undefined) {
    return unpriced(
      `no OpenRouter price for ${modelId} by ${o.priceDate ?? o.fallbackDate}`,
    );
  }
  const cost = taskCost(o.task, price);
  return {
    price_date: price.source_date,
    price_basis: basis,
    task_cost_usd: cost.total_usd,
    usd_per_solve: benchmark.includes("%") && score > 0
      ? cost.total_usd / (score / 100)
      : null,
    assumptions: cost.assumptions.join("; "),
  };
}

/**
 * The accuracy-vs-cost Pareto frontier of each series: a model is on it
 * when no other model scores at least as high for at most the cost (one of
 * the two strictly). Every model beneath it is named with how far: the
 * frontier model that beats it most cheaply (`dominated_by`: the cheapest
 * frontier model scoring at least as high), `cost_multiple` (its cost ÷
 * that model's, ≥ 1) and `score_gap` (the best frontier score at no more
 * than its cost, minus its score, in the series' units, ≥ 0). Rows without
 * a cost are left out.
 *
 * @param points Columns `benchmark, model, score, task_cost_usd` (e.g. from {@linkcode qualityPerDollar}).
 * @returns The priced rows with `on_frontier` (bool), `dominated_by`,
 *   `cost_multiple` and `score_gap` (null on the frontier), sorted by
 *   benchmark, cost, score descending, model.
 * @throws {TypeError} When a column is missing.
 *
 * @example C costs more than B and scores less: beneath the frontier
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const points = pl.DataFrame({ benchmark: ["B", "B", "B"], model: ["A", "B", "C"], score: [50, 70, 60], task_cost_usd: [0.01, 0.1, 0.2] });
 * const f = paretoFrontier(points);
 * assert.deepEqual(f.getColumn("on_frontier").toArray(), [true, true, false]);
 * assert.deepEqual(f.getColumn("dominated_by").toArray(), [null, null, "B"]);
 * assert.deepEqual(f.getColumn("cost_multiple").toArray(), [null, null, 2]);
 * assert.deepEqual(f.getColumn("score_gap").toArray(), [null, null, 10]);
 * ```
 */
export function paretoFrontier(points: pl.DataFrame): pl.DataFrame {
  const needed = ["benchmark", "model", "score", "task_cost_usd"];
  const missing = needed.filter((c) => !points.columns.includes(c));
  if (missing.length > 0) {
    throw new TypeError(
      `Cannot draw the Pareto frontier: missing column(s) ${
        missing.join(", ")
      } (have ${points.columns.join(", ")})`,
    );
  }
  const sorted = points
    .filter(
      pl.col("task_cost_usd").isNotNull().and(pl.col("score").isNotNull()),
    )
    .sort(
      ["benchmark", "task_cost_usd", "score", "model"],
      [false, false, true, false],
    );
  const benchmark = sorted.getColumn("benchmark").toArray() as string[];
  const model = sorted.getColumn("model").toArray() as string[];
  const score = sorted.getColumn("score").toArray() as number[];
  const cost = sorted.getColumn("task_cost_usd").toArray() as number[];
  const onFrontier: boolean[] = [];
  const frontierOf = new Map<string, number[]>();
  for (let i = 0; i < benchmark.length; i++) {
    const frontier = frontierOf.get(benchmark[i]) ?? [];
    const best = frontier.length === 0
      ? -Infinity
      : score[frontier[frontier.length - 1]];
    const on = score[i] > best;
    onFrontier.push(on);
    if (on) frontier.push(i);
    frontierOf.set(benchmark[i], frontier);
  }
  const dominatedBy: (string | null)[] = [];
  const multiple: (number | null)[] = [];
  const gap: (number | null)[] = [];
  for (let i = 0; i < benchmark.length; i++) {
    if (onFrontier[i]) {
      dominatedBy.push(null);
      multiple.push(null);
      gap.push(null);
      continue;
    }
    const frontier = frontierOf.get(benchmark[i])!;
    const cheapest = frontier.find((j) => score[j] >= score[i])!;
    const within = frontier.filter((j) => cost[j] <= cost[i]);
    dominatedBy.push(model[cheapest]);
    multiple.push(cost[i] / cost[cheapest]);
    gap.push(score[within[within.length - 1]] - score[i]);
  }
  return sorted.withColumns(
    pl.Series("on_frontier", onFrontier, pl.Bool),
    pl.Series("dominated_by", dominatedBy, pl.Utf8),
    pl.Series("cost_multiple", multiple, pl.Float64),
    pl.Series("score_gap", gap, pl.Float64),
  );
}

/**
 * The frontier at several cache-hit rates: the same task with its hit rate
 * replaced, priced and put through {@linkcode paretoFrontier} at each.
 *
 * @param benchmarks The benchmarks table.
 * @param modelIdentity The model-identity table.
 * @param prices The frame from `priceRows`.
 * @param options As {@linkcode qualityPerDollar}; the task's hit rate is replaced.
 * @param rates Cache-hit rates, fractions 0–1.
 * @returns Columns `benchmark, cache_hit_rate, model, display_name, score,
 *   task_cost_usd, on_frontier`, sorted by benchmark, rate, cost, model.
 * @throws {RangeError} When a rate is outside 0–1 (from `taskCost`).
 *
 * @example A cheap model with dear output and a dear one with cheap cache reads trade places
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const benchmarks = pl.DataFrame({ model: ["A", "B"], vendor: ["v", "v"], benchmark: ["S", "S"], score: [60, 70], source_url: ["u", "u"], source_date: ["2026-01-01", "2026-01-01"] });
 * const identity = pl.DataFrame({ permaslug: ["a", "b"], model_id: ["x/a", "x/b"], display_name: ["A", "B"], aliases: ["", ""], benchmark_name: ["A", "B"] });
 * const row = (id: string, input: number, cache: number) => ({ source: "OpenRouter models list", source_date: "2026-01-01", model_id: id, input_usd_per_mtok: input, output_usd_per_mtok: 1, cache_read_usd_per_mtok: cache, cache_write_usd_per_mtok: null });
 * const prices = pl.DataFrame([row("x/a", 1, 1), row("x/b", 2, 0.1)]);
 * const task = { inputTokens: 1_000_000, outputTokens: 0, cacheHitRate: 0 };
 * const table = frontierByCacheHitRate(benchmarks, identity, prices, { task, fallbackDate: "2026-06-01" }, [0, 1]);
 * // at 0 % A ($1) and B ($2) are both on the frontier; at 100 % B ($0.10) beats A ($1)
 * assert.deepEqual(table.filter(pl.col("on_frontier")).getColumn("model").toArray(), ["A", "B", "B"]);
 * ```
 */
export function frontierByCacheHitRate(
  benchmarks: pl.DataFrame,
  modelIdentity: pl.DataFrame,
  prices: pl.DataFrame,
  options: QualityPerDollarOptions,
  rates: readonly number[],
): pl.DataFrame {
  const frames = rates.map((rate) =>
    paretoFrontier(
      qualityPerDollar(benchmarks, modelIdentity, prices, {
        ...options,
        task: { ...options.task, cacheHitRate: rate },
      }),
    ).select(
      "benchmark",
      "cache_hit_rate",
      "model",
      "display_name",
      "score",
      "task_cost_usd",
      "on_frontier",
    )
  );
  return pl.concat(frames).sort([
    "benchmark",
    "cache_hit_rate",
    "task_cost_usd",
    "model",
  ]);
}

/**
 * Published cost-per-task figures of real benchmark runs against the list
 * price of a stated task on the same model: the measured cost includes every
 * token the agent really spent (reasoning, retries, long trajectories), the
 * list-price task only the stated shape, so their ratio shows the gap.
 *
 * @param costPerTask The reference table (`data/reference/cost_per_task.csv`).
 * @param prices The frame from `priceRows`.
 * @param options The stated task and the day to price it on when a source is undated.
 * @returns Columns `source, benchmark, model, model_id, score_pct,
 *   measured_task_usd` (cost ÷ tasks), `measured_solve_usd`
 *   (÷ score/100), `price_date`, `list_task_usd` (null without a price),
 *   `measured_to_list_ratio`, `source_url`, `source_date`, in the table's order.
 *
 * @example HAL's gpt-4o: $79.84 for 500 tasks at 29.8 %
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const table = pl.DataFrame({ source: ["HAL"], benchmark: ["SWE"], model: ["gpt-4o"], model_id: ["openai/gpt-4o"], score_pct: [29.8], cost_usd: [79.84], tasks: [500], source_url: ["u"], source_date: ["n/a"], note: [""] });
 * const prices = pl.DataFrame({ source: ["OpenRouter models list"], source_date: ["2026-05-01"], model_id: ["openai/gpt-4o"], input_usd_per_mtok: [2.5], output_usd_per_mtok: [10], cache_read_usd_per_mtok: [null], cache_write_usd_per_mtok: [null] });
 * const [row] = costPerTaskComparison(table, prices, { task: { inputTokens: 100_000, outputTokens: 10_000, cacheHitRate: 0.8 }, fallbackDate: "2026-06-08" }).toRecords();
 * assert.equal(Number(row.measured_task_usd).toFixed(4), "0.1597");
 * // no cache-read price: 100K × $2.50/M + 10K × $10/M = 0.35
 * assert.equal(Number(row.list_task_usd).toFixed(2), "0.35");
 * ```
 */
export function costPerTaskComparison(
  costPerTask: pl.DataFrame,
  prices: pl.DataFrame,
  options: { task: TaskTokens; fallbackDate: string },
): pl.DataFrame {
  const rows = (costPerTask.toRecords() as Record<string, unknown>[]).map(
    (r) => {
      const date = CALENDAR_DATE.test(String(r.source_date))
        ? String(r.source_date)
        : options.fallbackDate;
      const price = priceOn(prices, String(r.model_id), date) ??
        priceOn(prices, String(r.model_id), options.fallbackDate);
      const measured = Number(r.cost_usd) / Number(r.tasks);
      const list = price === undefined
        ? null
        : taskCost(options.task, price).total_usd;
      return {
        source: r.source,
        benchmark: r.benchmark,
        model: r.model,
        model_id: r.model_id,
        score_pct: r.score_pct,
        measured_task_usd: measured,
        measured_solve_usd: measured / (Number(r.score_pct) / 100),
        price_date: price?.source_date ?? null,
        list_task_usd: list,
        measured_to_list_ratio: list === null ? null : measured / list,
        source_url: r.source_url,
        source_date: r.source_date,
      };
    },
  );
  return frameOf(rows, {
    source: pl.Utf8,
    benchmark: pl.Utf8,
    model: pl.Utf8,
    model_id: pl.Utf8,
    score_pct: pl.Float64,
    measured_task_usd: pl.Float64,
    measured_solve_usd: pl.Float64,
    price_date: pl.Utf8,
    list_task_usd: pl.Float64,
    measured_to_list_ratio: pl.Float64,
    source_url: pl.Utf8,
    source_date: pl.Utf8,
  });
}
