/**
 * What changed from one complete week to the next: rank and volume changes,
 * the models beyond a week-over-week threshold, entries to and exits from
 * the top N; and a check of a published one-day top table against the data.
 *
 * Only complete weeks (7 days of data) whose previous week is also complete
 * are compared. The `other` row is not a model and never moves.
 *
 * @module
 */
import pl from "nodejs-polars";
import { findModel } from "./model_info.ts";
import { addDays, DAYS_PER_WEEK } from "../base/dates.ts";

/** How many days a run-rate extrapolates a single day to. */
export const RUN_RATE_DAYS = 30;

/** Ranked rows of complete weeks, with the same model's row of the week before when that week is complete too. */
function comparableWeeks(weekly: pl.DataFrame): {
  current: pl.DataFrame;
  previous: pl.DataFrame;
} {
  const ranked = weekly.filter(
    pl.col("days_covered").eq(DAYS_PER_WEEK).and(pl.col("rank").isNotNull()),
  );
  const complete = new Set(
    ranked.getColumn("week_start").unique().toArray() as string[],
  );
  const comparable = [...complete]
    .filter((week) => complete.has(addDays(week, -DAYS_PER_WEEK)))
    .sort();
  const weeks = pl.DataFrame({
    week_start: comparable,
    _previous_week: comparable.map((week) => addDays(week, -DAYS_PER_WEEK)),
  }, { schema: { week_start: pl.Utf8, _previous_week: pl.Utf8 } });
  const current = ranked.join(weeks.select("week_start"), {
    on: "week_start",
    how: "inner",
  });
  const previous = ranked
    .join(
      weeks.select(
        pl.col("week_start").alias("_next_week"),
        pl.col("_previous_week"),
      ),
      { leftOn: "week_start", rightOn: "_previous_week", how: "inner" },
    )
    .select(
      pl.col("_next_week").alias("week_start"),
      pl.col("permaslug"),
      pl.col("model").alias("prev_model"),
      pl.col("vendor").alias("prev_vendor"),
      pl.col("origin").alias("prev_origin"),
      pl.col("tokens").alias("prev_tokens"),
      pl.col("rank").alias("prev_rank"),
    );
  return { current, previous };
}

/**
 * Every ranked model of every complete week whose previous week is complete
 * too, with last week's tokens and rank.
 *
 * @param weekly A frame from `weeklyModelTokens`.
 * @returns Columns `week_start, permaslug, model, vendor, origin, tokens,
 * prev_tokens, wow_change` (fraction; null when the model was not ranked the
 * week before), `rank, prev_rank, rank_change` (`prev_rank − rank`: positive
 * is a move up), sorted by week, then rank.
 * @throws Never, for a frame from `weeklyModelTokens`.
 *
 * @example A model climbs from 2nd to 1st
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const weekly = pl.DataFrame({
 *   week_start: ["2026-06-01", "2026-06-01", "2026-06-08", "2026-06-08"],
 *   days_covered: [7, 7, 7, 7],
 *   model: ["A", "B", "A", "B"],
 *   permaslug: ["a/a", "b/b", "a/a", "b/b"],
 *   vendor: ["a", "b", "a", "b"],
 *   origin: ["US", "China", "US", "China"],
 *   tokens: [100, 50, 90, 150],
 *   share: [0.5, 0.25, 0.3, 0.5],
 *   rank: [1, 2, 2, 1],
 *   wow_change: [null, null, -0.1, 2],
 * });
 * const [top] = weekOverWeek(weekly).toRecords();
 * assert.deepEqual([top.model, top.prev_rank, top.rank_change, top.wow_change], ["B", 2, 1, 2]);
 * ```
 */
export function weekOverWeek(weekly: pl.DataFrame): pl.DataFrame {
  const { current, previous } = comparableWeeks(weekly);
  return current
    .join(
      previous.select("week_start", "permaslug", "prev_tokens", "prev_rank"),
      { on: ["week_start", "permaslug"], how: "left" },
    )
    .withColumns(
      pl.col("prev_rank").minus(pl.col("rank")).cast(pl.Int64).alias(
        "rank_change",
      ),
    )
    .select(
      "week_start",
      "permaslug",
      "model",
      "vendor",
      "origin",
      "tokens",
      "prev_tokens",
      "wow_change",
      "rank",
      "prev_rank",
      "rank_change",
    )
    .sort(["week_start", "rank", "permaslug"]);
}

/** Options of {@linkcode movers}. */
export interface MoversOptions {
  /** The week-over-week change to go beyond, as a fraction (default 0.3 = ±30%). */
  threshold?: number;
}

/**
 * The models whose tokens changed by more than ±threshold from one complete
 * week to the next (a model new to the ranking has no change and is an
 * entry instead: see {@linkcode topEntriesExits}).
 *
 * @param weekly A frame from `weeklyModelTokens`.
 * @param options `threshold`: fraction, default 0.3.
 * @returns The {@linkcode weekOverWeek} rows with |wow_change| > threshold,
 * plus `direction` ("up" | "down"), sorted by week, then change descending,
 * then permaslug.
 * @throws {RangeError} When the threshold is negative or not finite.
 *
 * @example Only moves beyond ±30% are kept
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const weekly = pl.DataFrame({
 *   week_start: ["2026-06-01", "2026-06-01", "2026-06-08", "2026-06-08"],
 *   days_covered: [7, 7, 7, 7],
 *   model: ["A", "B", "A", "B"],
 *   permaslug: ["a/a", "b/b", "a/a", "b/b"],
 *   vendor: ["a", "b", "a", "b"],
 *   origin: ["US", "China", "US", "China"],
 *   tokens: [100, 50, 90, 150],
 *   share: [0.5, 0.25, 0.3, 0.5],
 *   rank: [1, 2, 2, 1],
 *   wow_change: [null, null, -0.1, 2],
 * });
 * assert.deepEqual(movers(weekly).getColumn("model").toArray(), ["B"]);
 * ```
 */
export function movers(
  weekly: pl.DataFrame,
  options: MoversOptions = {},
): pl.DataFrame {
  const threshold = options.threshold ?? 0.3;
  if (!Number.isFinite(threshold) || threshold < 0) {
    throw new RangeError(
      `Cannot find movers: threshold is ${threshold}, expected a non-negative fraction such as 0.3`,
    );
  }
  return weekOverWeek(weekly)
    .filter(
      pl.col("wow_change").isNotNull()
        .and(pl.col("wow_change").abs().gt(threshold)),
    )
    .withColumns(
      pl.when(pl.col("wow_change").gt(0)).then(pl.lit("up"))
        .otherwise(pl.lit("down")).alias("direction"),
    )
    .sort(["week_start", "wow_change", "permaslug"], [false, true, false]);
}

/**
 * The models that entered or left the top `n` from one complete week to the
 * next.
 *
 * @param weekly A frame from `weeklyModelTokens`.
 * @param n Size of the top (e.g. 10 or 50).
 * @returns Columns `week_start, permaslug, model, change` ("entered top N" |
 * "left top N"), `rank` (this week; null when not ranked) and `prev_rank`
 * (the week before; null when not ranked), sorted by week, change, rank,
 * previous rank, permaslug.
 * @throws {RangeError} When `n` is not a positive whole number.
 *
 * @example B enters the top 1, A leaves it
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const weekly = pl.DataFrame({
 *   week_start: ["2026-06-01", "2026-06-01", "2026-06-08", "2026-06-08"],
 *   days_covered: [7, 7, 7, 7],
 *   model: ["A", "B", "A", "B"],
 *   permaslug: ["a/a", "b/b", "a/a", "b/b"],
 *   vendor: ["a", "b", "a", "b"],
 *   origin: ["US", "China", "US", "China"],
 *   tokens: [100, 50, 90, 150],
 *   share: [0.5, 0.25, 0.3, 0.5],
 *   rank: [1, 2, 2, 1],
 *   wow_change: [null, null, -0.1, 2],
 * });
 * const changes = topEntriesExits(weekly, 1).toRecords();
 * assert.deepEqual(changes.map((r) => [r.model, r.change]), [["B", "entered top 1"], ["A", "left top 1"]]);
 * ```
 */
export function topEntriesExits(weekly: pl.DataFrame, n: number): pl.DataFrame {
  if (!Number.isInteger(n) || n <= 0) {
    throw new RangeError(
      `Cannot find entries to the top ${n}: expected a positive whole number`,
    );
  }
  const { current, previous } = comparableWeeks(weekly);
  const entered = current
    .filter(pl.col("rank").ltEq(n))
    .join(previous.select("week_start", "permaslug", "prev_rank"), {
      on: ["week_start", "permaslug"],
      how: "left",
    })
    .filter(pl.col("prev_rank").isNull().or(pl.col("prev_rank").gt(n)))
    .select(
      "week_start",
      "permaslug",
      "model",
      pl.lit(`entered top ${n}`).alias("change"),
      "rank",
      "prev_rank",
    );
  const left = previous
    .filter(pl.col("prev_rank").ltEq(n))
    .join(current.select("week_start", "permaslug", "rank"), {
      on: ["week_start", "permaslug"],
      how: "left",
    })
    .filter(pl.col("rank").isNull().or(pl.col("rank").gt(n)))
    .select(
      pl.col("week_start"),
      pl.col("permaslug"),
      pl.col("prev_model").alias("model"),
      pl.lit(`left top ${n}`).alias("change"),
      pl.col("rank"),
      pl.col("prev_rank"),
    );
  return pl.concat([
    entered.withColumns(
      pl.col("rank").cast(pl.Int64),
      pl.col("prev_rank").cast(pl.Int64),
    ),
    left.withColumns(
      pl.col("rank").cast(pl.Int64),
      pl.col("prev_rank").cast(pl.Int64),
    ),
  ]).sort(["week_start", "change", "rank", "prev_rank", "permaslug"]);
}

/** One row of a published one-day top table. */
export interface StatedDayRow {
  /** The model as the article names it. */
  model: string;
  /** Tokens that day as stated. */
  tokens: number;
  /** The 30-day run-rate as stated, if the table has one. */
  run_rate_30d?: number;
}

/**
 * Check a published one-day top table against the data: for each stated row
 * (in the article's order: its rank), the model's actual tokens and rank
 * that day (the `other` row not ranked), the ratio stated / actual, the
 * 30-day run-rate (day × 30) stated and actual, and the model's tokens over
 * the 7 days starting that day (to tell a day from a week).
 *
 * @param classified Rankings rows (`date`, `permaslug`, `tokens`; `model`
 * used for matching names when no identity table is given).
 * @param day The source day, `YYYY-MM-DD`.
 * @param rows The table's rows, in its order.
 * @param modelIdentity The model-identity table, to resolve article names
 * and aliases (see `findModel`); without it names must match `model` or
 * `permaslug` (case-insensitive).
 * @returns Columns `stated_rank, model, permaslug` (null when unresolved),
 * `stated_tokens, actual_tokens, actual_rank, ratio` (stated / actual),
 * `stated_run_rate_30d, actual_run_rate_30d, tokens_7d_from_day`.
 * @throws {RangeError} When the data has no row for `day`.
 *
 * @example A stated value twice the data
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const classified = pl.DataFrame({
 *   date: ["2026-06-08", "2026-06-08", "2026-06-08"],
 *   permaslug: ["a/a", "b/b", "other"],
 *   model: ["A", "B", "Other (outside top 50)"],
 *   tokens: [100, 300, 500],
 *   is_other: [false, false, true],
 * });
 * const [row] = checkDailyTable(classified, "2026-06-08", [{ model: "A", tokens: 200 }]).toRecords();
 * assert.deepEqual([row.actual_tokens, row.actual_rank, row.ratio, row.actual_run_rate_30d], [100, 2, 2, 3000]);
 * ```
 */
export function checkDailyTable(
  classified: pl.DataFrame,
  day: string,
  rows: readonly StatedDayRow[],
  modelIdentity?: pl.DataFrame,
): pl.DataFrame {
  const isOther = classified.columns.includes("is_other")
    ? pl.col("is_other")
    : pl.col("permaslug").eq(pl.lit("other"));
  const onDay = classified
    .filter(pl.col("date").eq(pl.lit(day)).and(isOther.not()))
    .sort(["tokens", "permaslug"], [true, false]);
  if (onDay.height === 0) {
    throw new RangeError(
      `Cannot check the table of ${day}: the data has no ranked model that day`,
    );
  }
  const ranked = onDay.toRecords() as {
    permaslug: string;
    model?: string;
    tokens: number;
  }[];
  const end = addDays(day, DAYS_PER_WEEK - 1);
  const week = classified
    .filter(
      pl.col("date").gtEq(pl.lit(day)).and(pl.col("date").ltEq(pl.lit(end))),
    )
    .groupBy("permaslug")
    .agg(pl.col("tokens").sum())
    .sort("permaslug")
    .toRecords() as { permaslug: string; tokens: number }[];
  const weekTokens = new Map(week.map((row) => [row.permaslug, row.tokens]));
  const resolve = (name: string): string | undefined => {
    if (modelIdentity !== undefined) return findModel(modelIdentity, name);
    const wanted = name.trim().toLowerCase();
    return ranked.find((row) =>
      row.permaslug.toLowerCase() === wanted ||
      (row.model ?? "").toLowerCase() === wanted
    )?.permaslug;
  };
  const out = rows.map((stated, index) => {
    const permaslug = resolve(stated.model) ?? null;
    const position = ranked.findIndex((row) => row.permaslug === permaslug);
    const actual = position >= 0 ? ranked[position].tokens : null;
    return {
      stated_rank: index + 1,
      model: stated.model,
      permaslug,
      stated_tokens: stated.tokens,
      actual_tokens: actual,
      actual_rank: position >= 0 ? position + 1 : null,
      ratio: actual !== null && actual > 0 ? stated.tokens / actual : null,
      stated_run_rate_30d: stated.run_rate_30d ?? null,
      actual_run_rate_30d: actual === null ? null : actual * RUN_RATE_DAYS,
      tokens_7d_from_day: permaslug === null
        ? null
        : weekTokens.get(permaslug) ?? null,
    };
  });
  return pl.DataFrame(out, {
    schema: {
      stated_rank: pl.Int64,
      model: pl.Utf8,
      permaslug: pl.Utf8,
      stated_tokens: pl.Float64,
      actual_tokens: pl.Int64,
      actual_rank: pl.Int64,
      ratio: pl.Float64,
      stated_run_rate_30d: pl.Float64,
      actual_run_rate_30d: pl.Int64,
      tokens_7d_from_day: pl.Int64,
    },
  });
}
