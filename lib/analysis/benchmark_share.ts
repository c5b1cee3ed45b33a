/**
 * Benchmark score against token share: one benchmark series at a time
 * (series differ in scale and method and are never mixed), joined to the
 * weekly token share of the models that carry a score, with their input
 * list price, and the rank correlations per week.
 *
 * Only models in OpenRouter's published daily top 50 have a share, so every
 * result is about the top of the chart, not the whole market.
 *
 * @module
 */
import pl from "nodejs-polars";
import {
  type PermutationOptions,
  permutationPValue,
  spearmanEach,
} from "./correlation.ts";
import { addDays, DAYS_PER_WEEK } from "../base/dates.ts";
import { feedAsBenchmarkTable } from "../loading/benchmarks_feed.ts";

/** Options of {@linkcode benchmarkVsShare}. */
export interface BenchmarkOptions {
  /** The benchmark series, exactly as in the benchmarks table's `benchmark` column. */
  benchmark: string;
  /**
   * OpenRouter list prices over time (`openrouter_id`, `date`, `input`, USD
   * per million tokens). When given, each week's price is the latest record
   * dated on or before that week's Sunday, falling back to the models list
   * for a model with no such record; prices move, so this matches the price
   * to the week.
   */
  priceHistory?: pl.DataFrame;
}

/**
 * The rows of the benchmarks table whose model has two or more different
 * scores in the same series. {@linkcode benchmarkVsShare} leaves those
 * models out; list them next to any result.
 *
 * @param benchmarks The benchmarks table (`model`, `benchmark`, `score`, `source_url`, `source_date`).
 * @param benchmark Only this series, when given.
 * @returns Columns `benchmark, model, score, source_url, source_date`, one
 * row per published score, sorted by benchmark, model, score.
 * @throws Never, for a frame with the benchmarks table's columns.
 *
 * @example Two sources disagree
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const benchmarks = pl.DataFrame({
 *   model: ["GLM-5", "GLM-5", "M2"],
 *   benchmark: ["AA", "AA", "AA"],
 *   score: [40.6, 50, 36],
 *   source_url: ["a", "b", "c"],
 *   source_date: ["2026-03", "2026-02-19", "2026-03"],
 * });
 * assert.deepEqual(conflictingScores(benchmarks).getColumn("score").toArray(), [40.6, 50]);
 * ```
 */
export function conflictingScores(
  benchmarks: pl.DataFrame,
  benchmark?: string,
): pl.DataFrame {
  const series = benchmark === undefined
    ? benchmarks
    : benchmarks.filter(pl.col("benchmark").eq(pl.lit(benchmark)));
  return series
    .filter(pl.col("score").nUnique().over("benchmark", "model").gt(1))
    .select("benchmark", "model", "score", "source_url", "source_date")
    .sort(["benchmark", "model", "score", "source_url"]);
}

/**
 * Which benchmark model each permaslug counts towards: its own
 * `benchmark_name`, or, for a variant without one (a `:free` row), the name
 * of the model with the same `model_id`. `model_id` is the priced id.
 */
function benchmarkModels(modelIdentity: pl.DataFrame): pl.DataFrame {
  const named = modelIdentity
    .filter(pl.col("benchmark_name").str.lengths().gt(0))
    .select("permaslug", "model_id", "benchmark_name");
  const byId = named
    .filter(pl.col("model_id").str.lengths().gt(0))
    .sort(["model_id", "permaslug"])
    .unique({ subset: "model_id", keep: "first", maintainOrder: true })
    .select(
      pl.col("model_id"),
      pl.col("benchmark_name").alias("_inherited"),
    );
  const inherited = modelIdentity
    .filter(
      pl.col("benchmark_name").str.lengths().eq(0)
        .and(pl.col("model_id").str.lengths().gt(0)),
    )
    .select("permaslug", "model_id")
    .join(byId, { on: "model_id", how: "inner" })
    .select(
      pl.col("permaslug"),
      pl.col("model_id"),
      pl.col("_inherited").alias("benchmark_name"),
    );
  return pl.concat([named, inherited]).sort("permaslug");
}

/**
 * One benchmark series against weekly token share, for complete weeks only.
 * A benchmark model's tokens are the sum over its permaslugs (paid and
 * `:free` variants, matched through `modelIdentity.benchmark_name`, or the
 * `model_id` of a named model for a variant without a name). Models whose
 * scores in the series conflict are left out (see
 * {@linkcode conflictingScores}); identical duplicates count once.
 *
 * @param weekly A frame from `weeklyModelTokens`.
 * @param modelIdentity The model-identity table.
 * @param benchmarks The benchmarks table.
 * @param models The models list (`snapshot_date`, `id`, `input_usd_per_mtok`):
 * the price is taken from its latest snapshot.
 * @param options `benchmark`: the series; `priceHistory`: prices dated by
 * week instead of the single models-list snapshot.
 * @returns Columns `benchmark, week_start, model` (the benchmark's model
 * name), `score` (benchmark units), `tokens` (tokens that week), `share`
 * (fraction 0–1 of the week's published tokens), `price` (input list price,
 * USD per million tokens, null when the model id is not in the snapshot)
 * and `origin`, sorted by week, share descending, model.
 * @throws {RangeError} When the series is not in `benchmarks` (the message
 * lists the series there are).
 *
 * @example A paid and a free variant count as one model
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const weekly = pl.DataFrame({
 *   week_start: ["2026-06-01", "2026-06-01", "2026-06-01"],
 *   days_covered: [7, 7, 7],
 *   permaslug: ["x/m-1", "x/m-1:free", "other"],
 *   origin: ["China", "China", "other (not in top 50)"],
 *   tokens: [30, 10, 60],
 *   share: [0.3, 0.1, 0.6],
 * });
 * const identity = pl.DataFrame({
 *   permaslug: ["x/m-1", "x/m-1:free"],
 *   model_id: ["x/m", "x/m"],
 *   benchmark_name: ["M 1", ""],
 * });
 * const benchmarks = pl.DataFrame({ model: ["M 1"], benchmark: ["Bench (%)"], score: [70], source_url: ["u"], source_date: ["2026-01-01"] });
 * const models = pl.DataFrame({ snapshot_date: ["2026-05-01"], id: ["x/m"], input_usd_per_mtok: [0.1] });
 * const [row] = benchmarkVsShare(weekly, identity, benchmarks, models, { benchmark: "Bench (%)" }).toRecords();
 * assert.equal(row.tokens, 40);
 * assert.equal(row.share, 0.4);
 * assert.equal(row.price, 0.1);
 * ```
 */
export function benchmarkVsShare(
  weekly: pl.DataFrame,
  modelIdentity: pl.DataFrame,
  benchmarks: pl.DataFrame,
  models: pl.DataFrame,
  options: BenchmarkOptions,
): pl.DataFrame {
  const series = benchmarks.filter(
    pl.col("benchmark").eq(pl.lit(options.benchmark)),
  );
  if (series.height === 0) {
    const known =
      (benchmarks.getColumn("benchmark").unique().toArray() as string[]).sort();
    throw new RangeError(
      `Cannot compare benchmark "${options.benchmark}" with token share: no such series, expected one of ${
        known.map((name) => JSON.stringify(name)).join(", ")
      }`,
    );
  }
  const scores = series
    .filter(pl.col("score").nUnique().over("model").eq(1))
    .select("model", "score")
    .unique({ subset: "model", keep: "first", maintainOrder: true });
  const latest = (models.getColumn("snapshot_date").toArray() as string[])
    .sort().at(-1);
  const prices = models
    .filter(pl.col("snapshot_date").eq(pl.lit(latest ?? "")))
    .select(
      pl.col("id").alias("model_id"),
      pl.col("input_usd_per_mtok").cast(pl.Float64).alias("price"),
    )
    .unique({ subset: "model_id", keep: "first", maintainOrder: true });
  let joined = weekly
    .filter(pl.col("days_covered").eq(DAYS_PER_WEEK))
    .join(benchmarkModels(modelIdentity), { on: "permaslug", how: "inner" })
    .groupBy(["week_start", "benchmark_name"])
    .agg(
      pl.col("tokens").sum(),
      pl.col("share").sum(),
      pl.col("origin").first(),
      pl.col("model_id").sort().first(),
    )
    .join(scores, {
      leftOn: "benchmark_name",
      rightOn: "model",
      how: "inner",
    })
    .join(prices, { on: "model_id", how: "left" });
  if (options.priceHistory !== undefined) {
    joined = joined
      .join(weeklyPrices(joined, options.priceHistory), {
        on: ["week_start", "model_id"],
        how: "left",
      })
      .withColumns(
        pl.col("_week_price").fillNull(pl.col("price")).alias("price"),
      );
  }
  return joined
    .select(
      pl.lit(options.benchmark).alias("benchmark"),
      pl.col("week_start"),
      pl.col("benchmark_name").alias("model"),
      pl.col("score").cast(pl.Float64),
      pl.col("tokens"),
      pl.col("share"),
      pl.col("price"),
      pl.col("origin"),
    )
    .sort(["week_start", "share", "model"], [false, true, false]);
}

/** Per week and model id: the latest input price dated on or before the week's Sunday. */
function weeklyPrices(
  joined: pl.DataFrame,
  priceHistory: pl.DataFrame,
): pl.DataFrame {
  const weeks = joined.getColumn("week_start").unique().toArray() as string[];
  const ends = pl.DataFrame({
    week_start: weeks,
    _week_end: weeks.map((week) => addDays(week, DAYS_PER_WEEK - 1)),
  }, { schema: { week_start: pl.Utf8, _week_end: pl.Utf8 } });
  const history = priceHistory
    .withRowIndex("_row")
    .filter(pl.col("input").isNotNull())
    .select(
      pl.col("openrouter_id").alias("model_id"),
      pl.col("date").alias("_price_date"),
      pl.col("_row"),
      pl.col("input").cast(pl.Float64),
    );
  return joined
    .select("week_start", "model_id")
    .unique()
    .join(ends, { on: "week_start", how: "left" })
    .join(history, { on: "model_id", how: "inner" })
    .filter(pl.col("_price_date").ltEq(pl.col("_week_end")))
    .groupBy(["week_start", "model_id"])
    .agg(
      pl.col("input").sortBy(["_price_date", "_row"]).last().alias(
        "_week_price",
      ),
    );
}

/** The paired samples of one benchmark and week, models in order of name. */
interface GroupSample {
  /** Shares of the models with a score. */
  share: number[];
  /** Their scores. */
  score: number[];
  /** Shares of the models with a score and a price. */
  pricedShare: number[];
  /** Their prices. */
  price: number[];
}

/**
 * The samples of each group, read from the frame's columns once. Models are
 * ordered by name as polars sorts them; when that order is not certain in
 * JavaScript (a name outside ASCII, or a model twice in a group), each group
 * is split and sorted by polars instead.
 */
function groupSamples(
  frame: pl.DataFrame,
  groups: readonly { benchmark: string; week_start: string }[],
): GroupSample[] {
  const column = <T>(name: string) => frame.getColumn(name).toArray() as T[];
  const benchmark = column<string>("benchmark");
  const week = column<string>("week_start");
  const model = column<string | null>("model");
  const score = column<number | null>("score");
  const share = column<number>("share");
  const price = column<number | null>("price");
  const rowsOf = new Map<string, number[]>();
  for (let i = 0; i < benchmark.length; i++) {
    const key = `${benchmark[i]}\u0000${week[i]}`;
    const rows = rowsOf.get(key);
    if (rows === undefined) rowsOf.set(key, [i]);
    else rows.push(i);
  }
  const ordered: number[][] = [];
  for (const group of groups) {
    const rows = rowsOf.get(`${group.benchmark}\u0000${group.week_start}`)!;
    const names = rows.map((i) => model[i]);
    if (
      names.some((name) => name === null || !/^\p{ASCII}*$/u.test(name)) ||
      new Set(names).size !== names.length
    ) return groupSamplesByPolars(frame, groups);
    ordered.push(
      [...rows].sort((a, b) => (model[a]! < model[b]! ? -1 : 1)),
    );
  }
  return ordered.map((rows) => {
    const scored = rows.filter((i) => score[i] !== null);
    const priced = scored.filter((i) => price[i] !== null);
    return {
      share: scored.map((i) => share[i]),
      score: scored.map((i) => score[i]!),
      pricedShare: priced.map((i) => share[i]),
      price: priced.map((i) => price[i]!),
    };
  });
}

/** {@linkcode groupSamples} with polars splitting and sorting each group. */
function groupSamplesByPolars(
  frame: pl.DataFrame,
  groups: readonly { benchmark: string; week_start: string }[],
): GroupSample[] {
  const parts = new Map<string, pl.DataFrame>();
  for (const part of frame.partitionBy(["benchmark", "week_start"], true)) {
    const key = part.select("benchmark", "week_start").row(0).join("\u0000");
    parts.set(key, part);
  }
  return groups.map(({ benchmark, week_start }) => {
    const group = parts.get(`${benchmark}\u0000${week_start}`)!.sort("model");
    const scored = group.filter(pl.col("score").isNotNull());
    const priced = scored.filter(pl.col("price").isNotNull());
    return {
      share: scored.getColumn("share").toArray() as number[],
      score: scored.getColumn("score").toArray() as number[],
      pricedShare: priced.getColumn("share").toArray() as number[],
      price: priced.getColumn("price").toArray() as number[],
    };
  });
}

/** NaN (undefined statistic) as null, for tables. */
function orNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/**
 * Spearman's rho and its two-sided permutation p-value, per benchmark and
 * week, for share against score and share against price. A positive rho
 * means higher scores (or prices) go with more share.
 *
 * @param frame A frame from {@linkcode benchmarkVsShare} (several series may be stacked).
 * @param options Permutations and seed for the p-values (defaults 10,000 and 42).
 * @returns Columns `benchmark, week_start, n` (models with a score),
 * `rho_share_score, p_share_score, rho_share_price, p_share_price` and
 * `n_price` (models with a score and a price: the price columns use only
 * those), sorted by benchmark, week. Statistics are null when undefined
 * (fewer than 2 models or a constant column).
 * @throws {RangeError} When `options.permutations` is not a positive whole number.
 *
 * @example Share falls as score rises
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const frame = pl.DataFrame({
 *   benchmark: ["B", "B", "B", "B"],
 *   week_start: ["2026-06-01", "2026-06-01", "2026-06-01", "2026-06-01"],
 *   model: ["a", "b", "c", "d"],
 *   score: [60, 70, 80, 90],
 *   share: [0.4, 0.3, 0.2, 0.1],
 *   price: [0.1, 0.5, null, 3],
 * });
 * const [row] = correlations(frame).toRecords();
 * assert.equal(row.n, 4);
 * assert.equal(row.rho_share_score, -1);
 * assert.equal(row.n_price, 3);
 * assert.equal(row.rho_share_price, -1);
 * ```
 */
export function correlations(
  frame: pl.DataFrame,
  options: PermutationOptions = {},
): pl.DataFrame {
  const groups = frame
    .select("benchmark", "week_start")
    .unique()
    .sort(["benchmark", "week_start"])
    .toRecords() as { benchmark: string; week_start: string }[];
  const samples = groupSamples(frame, groups);
  const rhoScore = spearmanEach(
    samples.map(({ share, score }) => ({ x: share, y: score })),
  );
  const rhoPrice = spearmanEach(
    samples.map(({ pricedShare, price }) => ({ x: pricedShare, y: price })),
  );
  const rows = groups.map(({ benchmark, week_start }, i) => {
    const { share, score, pricedShare, price } = samples[i];
    return {
      benchmark,
      week_start,
      n: share.length,
      rho_share_score: orNull(rhoScore[i]),
      p_share_score: orNull(permutationPValue(share, score, options)),
      rho_share_price: orNull(rhoPrice[i]),
      p_share_price: orNull(permutationPValue(pricedShare, price, options)),
      n_price: pricedShare.length,
    };
  });
  return pl.DataFrame(rows, {
    schema: {
      benchmark: pl.Utf8,
      week_start: pl.Utf8,
      n: pl.Int64,
      rho_share_score: pl.Float64,
      p_share_score: pl.Float64,
      rho_share_price: pl.Float64,
      p_share_price: pl.Float64,
      n_price: pl.Int64,
    },
  });
}

/**
 * Which feed model each rankings permaslug counts towards, as a
 * model-identity table (`permaslug`, `model_id`, `benchmark_name`) for
 * {@linkcode benchmarkVsShare}: OpenRouter's benchmarks feed names a model by
 * its OpenRouter id, either a dated permaslug or a model id, so a permaslug
 * matches the feed when it, the permaslug without its `:variant`, or its
 * `model_id` (from the model-identity table) is the feed's
 * `model_permaslug`. The `benchmark_name` is that `model_permaslug`.
 *
 * @param weekly A frame from `weeklyModelTokens` (its `permaslug` column).
 * @param modelIdentity The model-identity table.
 * @param feedModels The feed's `model_permaslug` values.
 * @returns One row per permaslug that matches, sorted by permaslug.
 *
 * @example A dated permaslug, its model id and a `:free` variant
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const weekly = pl.DataFrame({ permaslug: ["x/m-20260101", "x/m-20260101:free", "y/n"] });
 * const identity = pl.DataFrame({ permaslug: ["x/m-20260101"], model_id: ["x/m"], benchmark_name: [""] });
 * const rows = feedModelIdentity(weekly, identity, ["x/m"]).toRecords();
 * assert.deepEqual(rows.map((r) => r.benchmark_name), ["x/m", "x/m"]);
 * ```
 */
export function feedModelIdentity(
  weekly: pl.DataFrame,
  modelIdentity: pl.DataFrame,
  feedModels: readonly string[],
): pl.DataFrame {
  const feed = new Set(feedModels);
  const idOf = new Map(
    (modelIdentity.select("permaslug", "model_id").toRecords() as {
      permaslug: string;
      model_id: string | null;
    }[]).map((r) => [r.permaslug, r.model_id ?? ""]),
  );
  const permaslugs = [
    ...new Set(weekly.getColumn("permaslug").toArray() as string[]),
  ].sort();
  const rows = permaslugs.flatMap((permaslug) => {
    const base = permaslug.replace(/:[^/]*$/, "");
    const modelId = idOf.get(permaslug) ?? idOf.get(base) ?? "";
    const name = [permaslug, base, modelId].find((id) =>
      id !== "" && feed.has(id)
    );
    return name === undefined
      ? []
      : [{ permaslug, model_id: modelId, benchmark_name: name }];
  });
  return pl.DataFrame(rows, {
    schema: { permaslug: pl.Utf8, model_id: pl.Utf8, benchmark_name: pl.Utf8 },
  });
}

/**
 * Every series of OpenRouter's benchmarks feed (the latest snapshot's
 * Artificial Analysis Intelligence, Coding and Agentic indices) against
 * weekly token share, exactly as {@linkcode benchmarkVsShare} joins the
 * benchmarks table, the feed's models matched by {@linkcode feedModelIdentity}.
 *
 * @param weekly A frame from `weeklyModelTokens`.
 * @param modelIdentity The model-identity table.
 * @param feed A frame from `loadBenchmarksFeed` (empty: no series).
 * @param models The models list (prices).
 * @param options `priceHistory`: prices dated by week.
 * @returns One frame per series with a score for some model on the chart
 * (columns as {@linkcode benchmarkVsShare}); none for an empty feed.
 */
export function feedVsShare(
  weekly: pl.DataFrame,
  modelIdentity: pl.DataFrame,
  feed: pl.DataFrame,
  models: pl.DataFrame,
  options: { priceHistory?: pl.DataFrame } = {},
): pl.DataFrame[] {
  const table = feedAsBenchmarkTable(feed);
  if (table.height === 0) return [];
  const identity = feedModelIdentity(
    weekly,
    modelIdentity,
    table.getColumn("model").toArray() as string[],
  );
  const series = [
    ...new Set(table.getColumn("benchmark").toArray() as string[]),
  ]
    .sort();
  return series.map((benchmark) =>
    benchmarkVsShare(weekly, identity, table, models, {
      benchmark,
      priceHistory: options.priceHistory,
    })
  ).filter((frame) => frame.height > 0);
}
