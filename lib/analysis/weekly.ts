/**
 * Calendar-week aggregates of the rankings-daily rows: weeks run Monday to
 * Sunday (UTC) and are named by their Monday. A week with fewer than seven
 * days of data is partial: it is shown with its `days_covered`, and no
 * week-over-week change is ever computed from or to it.
 *
 * Shares are shares of OpenRouter's published rows (the daily top 50 plus
 * the `other` row), not of global usage.
 *
 * @module
 */
import pl from "nodejs-polars";
import { rowsBetween } from "./lookup.ts";
import { addDays, DAYS_PER_WEEK, weekStart } from "../base/dates.ts";

/** Throw a TypeError naming every column `frame` lacks. */
function requireColumns(
  frame: pl.DataFrame,
  columns: readonly string[],
  what: string,
): void {
  const missing = columns.filter((column) => !frame.columns.includes(column));
  if (missing.length > 0) {
    throw new TypeError(
      `Cannot compute ${what}: the frame has columns ${
        frame.columns.join(",")
      }, expected also ${missing.join(",")}`,
    );
  }
}

/**
 * Add `week_start` and `days_covered`: the complete days of the week in the
 * whole frame. A day is complete when it holds the day's full ranking, that
 * is its `other` row (when the frame has an `is_other` column; without one,
 * every date counts). Six days holding one model each are not six days.
 */
function withWeeks(
  frame: pl.DataFrame,
  columns: readonly string[],
  what: string,
  options: { daily?: boolean } = {},
): pl.DataFrame {
  requireColumns(frame, ["date", "tokens", ...columns], what);
  const dates = frame.getColumn("date").unique().toArray() as string[];
  const complete = frame.columns.includes("is_other")
    ? frame.filter(pl.col("is_other")).getColumn("date").unique()
      .toArray() as string[]
    : dates;
  const perWeek = new Map<string, number>();
  for (const date of complete) {
    const week = weekStart(date);
    perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
  }
  const weeks = pl.DataFrame({
    date: dates,
    week_start: dates.map(weekStart),
    days_covered: dates.map((date) => perWeek.get(weekStart(date)) ?? 0),
  }, {
    schema: { date: pl.Utf8, week_start: pl.Utf8, days_covered: pl.Int64 },
  });
  // Only the columns the caller needs are carried through the join.
  const kept = frame.select("date", "tokens", ...new Set(columns));
  // A caller that only sums tokens gets one row per day and key, summed
  // first (exact: whole numbers in 64 bits), so the join and the week's
  // grouping run over days instead of every ranked row.
  const rows: pl.DataFrame = options.daily
    ? kept.groupBy(["date", ...new Set(columns)]).agg(pl.col("tokens").sum())
    : kept;
  return rows.join(weeks, { on: "date", how: "left" });
}

/** `numerator / denominator` as Float64 (never integer division). */
function ratio(numerator: pl.Expr, denominator: pl.Expr): pl.Expr {
  return numerator.cast(pl.Float64).div(denominator.cast(pl.Float64));
}

/**
 * Add `wow_change`: tokens over the same key's tokens in the previous week,
 * minus one; null when that week is missing or either week is partial.
 */
function withWowChange(
  frame: pl.DataFrame,
  keys: string[],
  presence?: string,
): pl.DataFrame {
  const weeks = frame.getColumn("week_start").unique().toArray() as string[];
  const nextWeek = pl.DataFrame({
    week_start: weeks,
    _next: weeks.map((week) => addDays(week, DAYS_PER_WEEK)),
  }, { schema: { week_start: pl.Utf8, _next: pl.Utf8 } });
  const previous = frame
    .select(
      "week_start",
      ...keys,
      "tokens",
      "days_covered",
      ...(presence === undefined ? [] : [presence]),
    )
    .join(nextWeek, { on: "week_start", how: "left" })
    .select(
      pl.col("_next").alias("week_start"),
      ...keys.map((key) => pl.col(key)),
      pl.col("tokens").alias("_prev_tokens"),
      pl.col("days_covered").alias("_prev_days"),
      ...(presence === undefined
        ? []
        : [pl.col(presence).alias("_prev_present")]),
    );
  let comparable = pl.col("_prev_tokens").isNotNull()
    .and(pl.col("_prev_tokens").gt(0))
    .and(pl.col("days_covered").eq(DAYS_PER_WEEK))
    .and(pl.col("_prev_days").eq(DAYS_PER_WEEK));
  if (presence !== undefined) {
    // A model out of the top 50 on some days has only part of its volume in
    // the data: comparing such weeks would measure its rank, not its volume.
    comparable = comparable
      .and(pl.col(presence).eq(DAYS_PER_WEEK))
      .and(pl.col("_prev_present").eq(DAYS_PER_WEEK));
  }
  return frame
    .join(previous, { on: ["week_start", ...keys], how: "left" })
    .withColumns(
      pl.when(comparable)
        .then(ratio(pl.col("tokens"), pl.col("_prev_tokens")).minus(1))
        .otherwise(pl.lit(null).cast(pl.Float64))
        .alias("wow_change"),
    )
    .drop(
      "_prev_tokens",
      "_prev_days",
      ...(presence === undefined ? [] : ["_prev_present"]),
    );
}

/**
 * Tokens per model per calendar week, with share of the week, rank and
 * week-over-week change.
 *
 * - `days_covered`: complete days of that week, across the whole frame (0–7):
 *   days holding their `other` row, the day's full ranking.
 * - `share`: fraction 0–1 of the week's tokens, the `other` row included in
 *   the total (a share of OpenRouter's published top 50 + other).
 * - `rank`: 1 = most tokens that week, ties broken by permaslug; null for
 *   the `other` row.
 * - `wow_change`: tokens / the same permaslug's tokens the week before − 1
 *   (0.3 is +30%); null when the model was not ranked that week, either
 *   week is partial, or the model was out of the top 50 on some day of
 *   either week (then the data holds only part of its volume).
 * - `days_in_top50`: days of the week the model was in the day's top 50.
 *
 * @param classified A frame from `classifyModels` (needs `date`,
 * `permaslug`, `tokens`, `is_other`, `model`, `vendor`, `origin`).
 * @returns Columns `week_start, days_covered, model, permaslug, vendor,
 * origin, tokens, share, rank, wow_change`, sorted by week, then rank (the
 * `other` row last).
 * @throws {TypeError} When a needed column is missing.
 *
 * @example Two complete weeks of one model and the other row
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const days = Array.from({ length: 14 }, (_, i) => `2026-06-${String(i + 1).padStart(2, "0")}`);
 * const classified = pl.DataFrame({
 *   date: [...days, ...days],
 *   permaslug: [...days.map(() => "a/x"), ...days.map(() => "other")],
 *   tokens: [...days.map((d) => (d < "2026-06-08" ? 10 : 15)), ...days.map(() => 10)],
 *   is_other: [...days.map(() => false), ...days.map(() => true)],
 *   model: [...days.map(() => "X"), ...days.map(() => "Other")],
 *   vendor: [...days.map(() => "a"), ...days.map(() => "other")],
 *   origin: [...days.map(() => "US"), ...days.map(() => "other (not in top 50)")],
 * });
 * const weekly = weeklyModelTokens(classified).toRecords();
 * assert.equal(weekly[2].week_start, "2026-06-08");
 * assert.equal(weekly[2].tokens, 105);
 * assert.equal(weekly[2].share, 0.6);
 * assert.equal(weekly[2].wow_change, 0.5);
 * assert.equal(weekly[3].rank, null);
 * ```
 */
export function weeklyModelTokens(classified: pl.DataFrame): pl.DataFrame {
  const weekly = withWeeks(classified, [
    "permaslug",
    "is_other",
    "model",
    "vendor",
    "origin",
  ], "weekly model tokens")
    .groupBy(["week_start", "permaslug"])
    .agg(
      pl.col("days_covered").first(),
      pl.col("model").first(),
      pl.col("vendor").first(),
      pl.col("origin").first(),
      pl.col("is_other").first(),
      pl.col("tokens").sum(),
      pl.col("date").nUnique().cast(pl.Int64).alias("days_in_top50"),
    )
    .withColumns(
      ratio(pl.col("tokens"), pl.col("tokens").sum().over("week_start"))
        .alias("share"),
    )
    .sort(
      ["week_start", "is_other", "tokens", "permaslug"],
      [false, false, true, false],
    )
    .withColumns(
      pl.when(pl.col("is_other"))
        .then(pl.lit(null).cast(pl.Int64))
        .otherwise(
          pl.col("tokens").rank("ordinal", true)
            .over("week_start", "is_other").cast(pl.Int64),
        )
        .alias("rank"),
    );
  return withWowChange(weekly, ["permaslug"], "days_in_top50")
    .sort(
      ["week_start", "is_other", "tokens", "permaslug"],
      [false, false, true, false],
    )
    .select(
      "week_start",
      "days_covered",
      "model",
      "permaslug",
      "vendor",
      "origin",
      "tokens",
      "share",
      "rank",
      "wow_change",
      "days_in_top50",
    );
}

/**
 * Tokens and share per origin per calendar week. The `other` row keeps its
 * own origin (`other (not in top 50)`) and counts in the total.
 *
 * @param classified A frame from `classifyModels`.
 * @returns Columns `week_start, days_covered, origin, tokens, share` (share:
 * fraction 0–1 of the week's published tokens), sorted by week, then tokens
 * descending, then origin.
 * @throws {TypeError} When a needed column is missing.
 *
 * @example Shares of one week with two days of data
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const classified = pl.DataFrame({
 *   date: ["2026-06-01", "2026-06-01", "2026-06-02"],
 *   tokens: [30, 10, 60],
 *   origin: ["China", "US", "China"],
 * });
 * const shares = weeklyOriginShare(classified).toRecords();
 * assert.deepEqual(shares.map((r) => [r.origin, r.share]), [["China", 0.9], ["US", 0.1]]);
 * assert.equal(shares[0].days_covered, 2);
 * ```
 */
export function weeklyOriginShare(classified: pl.DataFrame): pl.DataFrame {
  return withWeeks(classified, ["origin"], "weekly origin shares", {
    daily: true,
  })
    .groupBy(["week_start", "origin"])
    .agg(pl.col("days_covered").first(), pl.col("tokens").sum())
    .withColumns(
      ratio(pl.col("tokens"), pl.col("tokens").sum().over("week_start"))
        .alias("share"),
    )
    .sort(["week_start", "tokens", "origin"], [false, true, false])
    .select("week_start", "days_covered", "origin", "tokens", "share");
}

/**
 * Total published tokens per calendar week (top 50 + other).
 *
 * @param rankingsOrClassified Rankings rows, classified or not (needs `date`
 * and `tokens`).
 * @returns Columns `week_start, days_covered, tokens, daily_mean_tokens`
 * (tokens per day of data), `wow_change` (fraction; null unless this and
 * the previous week are both complete) and `partial` (fewer than 7 days),
 * sorted by week.
 * @throws {TypeError} When `date` or `tokens` is missing.
 *
 * @example A partial week is marked and never compared
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const rankings = pl.DataFrame({ date: ["2026-05-24", "2026-05-25"], tokens: [5, 7] });
 * const totals = weeklyTotals(rankings).toRecords();
 * assert.deepEqual(totals.map((r) => [r.week_start, r.days_covered, r.partial, r.wow_change]), [
 *   ["2026-05-18", 1, true, null],
 *   ["2026-05-25", 1, true, null],
 * ]);
 * ```
 */
export function weeklyTotals(rankingsOrClassified: pl.DataFrame): pl.DataFrame {
  const totals = withWeeks(rankingsOrClassified, [], "weekly totals", {
    daily: true,
  })
    .groupBy("week_start")
    .agg(pl.col("days_covered").first(), pl.col("tokens").sum())
    .withColumns(
      pl.when(pl.col("days_covered").gt(0))
        .then(ratio(pl.col("tokens"), pl.col("days_covered")))
        .otherwise(pl.lit(null))
        .alias("daily_mean_tokens"),
      pl.col("days_covered").lt(DAYS_PER_WEEK).alias("partial"),
    );
  return withWowChange(totals, [])
    .sort("week_start")
    .select(
      "week_start",
      "days_covered",
      "tokens",
      "daily_mean_tokens",
      "wow_change",
      "partial",
    );
}

/**
 * Tokens per vendor per calendar week. A vendor's tokens are those of its
 * models in the daily top 50; its models outside it are in the `other` row
 * (vendor `other`), so a vendor's change also moves with models entering or
 * leaving the top 50.
 *
 * @param classified A frame from `classifyModels`.
 * @returns Columns `week_start, days_covered, vendor, vendor_name, origin,
 * tokens, share, wow_change`, sorted by week, then tokens descending, then
 * vendor.
 * @throws {TypeError} When a needed column is missing.
 *
 * @example Two DeepSeek models count as one vendor
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const classified = pl.DataFrame({
 *   date: ["2026-06-01", "2026-06-01", "2026-06-01"],
 *   tokens: [30, 10, 60],
 *   vendor: ["deepseek", "deepseek", "anthropic"],
 *   vendor_name: ["DeepSeek", "DeepSeek", "Anthropic"],
 *   origin: ["China", "China", "US"],
 * });
 * const vendors = weeklyVendorTokens(classified).toRecords();
 * assert.deepEqual(vendors.map((r) => [r.vendor, r.tokens, r.share]), [["anthropic", 60, 0.6], ["deepseek", 40, 0.4]]);
 * ```
 */
export function weeklyVendorTokens(classified: pl.DataFrame): pl.DataFrame {
  const weekly = withWeeks(
    classified,
    ["vendor", "vendor_name", "origin"],
    "weekly vendor tokens",
    { daily: true },
  )
    .groupBy(["week_start", "vendor"])
    .agg(
      pl.col("days_covered").first(),
      pl.col("vendor_name").first(),
      pl.col("origin").first(),
      pl.col("tokens").sum(),
    )
    .withColumns(
      ratio(pl.col("tokens"), pl.col("tokens").sum().over("week_start"))
        .alias("share"),
    );
  return withWowChange(weekly, ["vendor"])
    .sort(["week_start", "tokens", "vendor"], [false, true, false])
    .select(
      "week_start",
      "days_covered",
      "vendor",
      "vendor_name",
      "origin",
      "tokens",
      "share",
      "wow_change",
    );
}

/**
 * The `n` most used models of each week (the `other` row never counts).
 *
 * @param weekly A frame from {@linkcode weeklyModelTokens}.
 * @param n How many models per week (a positive whole number).
 * @returns The rows with rank 1…n, sorted by week, then rank.
 * @throws {RangeError} When `n` is not a positive whole number.
 *
 * @example The other row never ranks
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const weekly = pl.DataFrame({ week_start: ["2026-06-01", "2026-06-01", "2026-06-01"], rank: [2, null, 1], model: ["B", "Other", "A"] });
 * assert.deepEqual(topModels(weekly, 1).getColumn("model").toArray(), ["A"]);
 * ```
 */
export function topModels(weekly: pl.DataFrame, n: number): pl.DataFrame {
  if (!Number.isInteger(n) || n <= 0) {
    throw new RangeError(
      `Cannot take the top ${n} models: expected a positive whole number`,
    );
  }
  return weekly
    .filter(pl.col("rank").isNotNull().and(pl.col("rank").ltEq(n)))
    .sort(["week_start", "rank"]);
}

/**
 * How many consecutive complete weeks of growth end at `week`: 0 when that
 * week did not grow; counting stops at the first week without a
 * week-over-week change (a partial week or the start of the data), so a
 * streak that reaches the start of the data is a lower bound.
 *
 * @param totals A frame from {@linkcode weeklyTotals}.
 * @param week The Monday of the last week of the streak, `YYYY-MM-DD`.
 * @returns The number of weeks, each with `wow_change` > 0.
 * @throws {RangeError} When `week` is not in `totals`.
 *
 * @example Two weeks of growth after a partial week
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const totals = pl.DataFrame({
 *   week_start: ["2026-05-18", "2026-05-25", "2026-06-01", "2026-06-08"],
 *   wow_change: [null, null, 0.1, 0.2],
 * });
 * assert.equal(growthStreak(totals, "2026-06-08"), 2);
 * assert.equal(growthStreak(totals, "2026-05-25"), 0);
 * ```
 */
export function growthStreak(totals: pl.DataFrame, week: string): number {
  const changes = new Map(
    (totals.select("week_start", "wow_change").toRecords() as {
      week_start: string;
      wow_change: number | null;
    }[]).map((row) => [row.week_start, row.wow_change]),
  );
  if (!changes.has(week)) {
    throw new RangeError(
      `Cannot count the growth streak ending at ${week}: the week is not in the totals (weeks ${
        [...changes.keys()].sort().join(", ")
      })`,
    );
  }
  let streak = 0;
  for (
    let current = week;
    (changes.get(current) ?? null) !== null && changes.get(current)! > 0;
    current = addDays(current, -DAYS_PER_WEEK)
  ) {
    streak += 1;
  }
  return streak;
}

/** The busiest day of one model in one week. */
export interface DailyPeak {
  /** The day, `YYYY-MM-DD`. */
  date: string;
  /** Tokens that day. */
  tokens: number;
  /** Days of that week on which the model was in the top 50. */
  days: number;
}

/**
 * The day with the most tokens for one model within one calendar week
 * (ties: the earlier day).
 *
 * @param classified Rankings rows (needs `date`, `permaslug`, `tokens`).
 * @param permaslug The model.
 * @param weekStartDate The Monday of the week, `YYYY-MM-DD`.
 * @returns The peak day, or undefined when the model has no row that week.
 * @throws {RangeError} When `weekStartDate` is not a Monday.
 *
 * @example The busiest of two days; the next week is not looked at
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const rows = pl.DataFrame({
 *   date: ["2026-06-01", "2026-06-02", "2026-06-08"],
 *   permaslug: ["a/x", "a/x", "a/x"],
 *   tokens: [5, 9, 20],
 * });
 * assert.deepEqual(dailyPeak(rows, "a/x", "2026-06-01"), { date: "2026-06-02", tokens: 9, days: 2 });
 * assert.equal(dailyPeak(rows, "b/y", "2026-06-01"), undefined);
 * ```
 */
export function dailyPeak(
  classified: pl.DataFrame,
  permaslug: string,
  weekStartDate: string,
): DailyPeak | undefined {
  if (weekStart(weekStartDate) !== weekStartDate) {
    throw new RangeError(
      `Cannot find the daily peak in the week of ${weekStartDate}: expected a Monday (that week starts ${
        weekStart(weekStartDate)
      })`,
    );
  }
  const end = addDays(weekStartDate, DAYS_PER_WEEK - 1);
  const days = rowsBetween(classified, "date", weekStartDate, end)
    .filter(pl.col("permaslug").eq(pl.lit(permaslug)))
    .sort(["tokens", "date"], [true, false])
    .select("date", "tokens")
    .toRecords() as { date: string; tokens: number }[];
  if (days.length === 0) return undefined;
  return { date: days[0].date, tokens: days[0].tokens, days: days.length };
}
