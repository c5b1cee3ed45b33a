/**
 * Synthetic rankings-daily data for benchmarks: a long run of days built from
 * the real days, so loaders can be timed on a year of data while only a month
 * is bundled.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { isCalendarDate } from "../base/dates.ts";
import type { RankingRow } from "../loading/rankings_daily.ts";
import { mulberry32 } from "../base/random.ts";

/** A real row the synthetic days are drawn from (see {@linkcode RankingRow}). */
export type RealRankingRow = Pick<RankingRow, "date" | "permaslug" | "tokens">;

/** One record of a rankings-daily API response. */
export interface RankingsDailyRecord {
  /** The day, `YYYY-MM-DD` (UTC). */
  date: string;
  /** Versioned model slug, or `other`. */
  model_permaslug: string;
  /** Total tokens (prompt + completion) that day, as a decimal string like the API's. */
  total_tokens: string;
}

/** A rankings-daily API response: `GET /api/v1/datasets/rankings-daily`. */
export interface RankingsDailyEnvelope {
  /** The rows, by date, then tokens descending. */
  data: RankingsDailyRecord[];
  /** The days covered and the API version. */
  meta: { start_date: string; end_date: string; version: "v1" };
}

/** Options of {@linkcode syntheticRankingsYear}. */
export interface SyntheticRankingsOptions {
  /** Number of days to generate (default 365). */
  days?: number;
  /** First day, `YYYY-MM-DD` (default: the `days` days just before the first real day, so the two never overlap). */
  startDate?: string;
  /** Seed of the pseudo-random generator (default 42); the same seed gives the same data. */
  seed?: number;
  /**
   * Factor applied to every synthetic day's tokens after the trend (default
   * 1): below 1 to keep a long run's total under 2^53, which the loader
   * requires (see {@linkcode scaleBelow}).
   */
  scale?: number;
}

/**
 * The `scale` that keeps `days` synthetic days drawn from `real` summing
 * below `limit` tokens (at most 1): every synthetic day totals at most the
 * largest real daily total, so `days` × that total × scale stays below it.
 *
 * @param real The real rows (see {@linkcode syntheticRankingsYear}).
 * @param days Days to generate.
 * @param limit The total to stay below (default 2^52, half the loader's 2^53).
 * @returns The factor, in (0, 1].
 *
 * @example A day of 1,000 tokens, 10 days, below 5,000
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(scaleBelow([{ date: "2026-06-01", permaslug: "other", tokens: 1000 }], 10, 5000), 0.5);
 * ```
 */
export function scaleBelow(
  real: pl.DataFrame | readonly RealRankingRow[],
  days: number,
  limit = 2 ** 52,
): number {
  const totals = new Map<string, number>();
  for (const row of realRows(real)) {
    totals.set(row.date, (totals.get(row.date) ?? 0) + row.tokens);
  }
  const highest = Math.max(0, ...totals.values());
  return highest * days <= limit ? 1 : limit / (highest * days);
}

/** Share of the real range of daily totals where the trend starts and ends (fraction 0–1). */
const TREND_FROM = 0.2;
const TREND_TO = 0.8;
/** Largest day-to-day deviation from the trend, as a fraction 0–1 of the real range. */
const NOISE = 0.15;
const DAY_MS = 86_400_000;

function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS)
    .toISOString().slice(0, 10);
}

function realRows(real: pl.DataFrame | readonly RealRankingRow[]) {
  if (Array.isArray(real)) return real as readonly RealRankingRow[];
  return (real as pl.DataFrame).select("date", "permaslug", "tokens")
    .toRecords() as unknown as RealRankingRow[];
}

/**
 * Build a rankings-daily API response of `days` days from real rankings.
 * Day `i` copies real day `i mod n` (the real days in date order, so a month
 * of data is cycled through) with its models, ranks and token shares, and
 * scales all its rows by one factor so that the day's total follows a smooth
 * trend across the run plus seeded noise: the trend rises from 20 % to 80 %
 * of the way between the smallest and the largest real daily total, and the
 * noise moves a day by up to 15 % of that range either way, so every
 * synthetic daily total lies within the real range. Rows are kept as
 * whole tokens, written as decimal strings like the API's.
 *
 * @param real The real rows (a frame from `loadRankingsDaily`, or rows with `date`, `permaslug` and `tokens`).
 * @param options `days` (default 365), `startDate` (default: the days just before the first real day), `seed` (default 42) and `scale` (default 1).
 * @returns The envelope `{data, meta}`, with as many rows per day as the real day it copies (51 in OpenRouter's data: 50 models and `other`).
 * @throws {RangeError} When `days` is not a positive whole number, `startDate` is not a calendar date, `real` has no rows, or a real day totals 0 tokens.
 *
 * @example Every synthetic day of a one-day source keeps that day's total
 * ```ts
 * import assert from "node:assert/strict";
 * const year = syntheticRankingsYear([
 *   { date: "2026-06-01", permaslug: "deepseek/deepseek-v4-flash-20260423", tokens: 600 },
 *   { date: "2026-06-01", permaslug: "other", tokens: 400 },
 * ], { days: 3, startDate: "2025-01-01" });
 * assert.equal(year.data.length, 6);
 * assert.deepEqual(year.meta, { start_date: "2025-01-01", end_date: "2025-01-03", version: "v1" });
 * assert.deepEqual(year.data.slice(0, 2).map((r) => r.total_tokens), ["600", "400"]);
 * ```
 */
export function syntheticRankingsYear(
  real: pl.DataFrame | readonly RealRankingRow[],
  options: SyntheticRankingsOptions = {},
): RankingsDailyEnvelope {
  const days = options.days ?? 365;
  if (!Number.isInteger(days) || days <= 0) {
    throw new RangeError(
      `Cannot generate rankings: days is ${days}, expected a positive whole number`,
    );
  }
  const byDate = new Map<string, RealRankingRow[]>();
  for (const row of realRows(real)) {
    byDate.set(row.date, [...byDate.get(row.date) ?? [], row]);
  }
  if (byDate.size === 0) {
    throw new RangeError(
      "Cannot generate rankings: the real rankings have no rows, expected at least one day",
    );
  }
  const dates = [...byDate.keys()].sort();
  const realDays = dates.map((date) => {
    const rows = [...byDate.get(date)!].sort((a, b) =>
      b.tokens - a.tokens || (a.permaslug < b.permaslug ? -1 : 1)
    );
    const total = rows.reduce((sum, row) => sum + row.tokens, 0);
    if (total <= 0) {
      throw new RangeError(
        `Cannot generate rankings: real day ${date} totals ${total} tokens, expected a positive total`,
      );
    }
    return { rows, total };
  });
  const startDate = options.startDate ?? addDays(dates[0], -days);
  if (!isCalendarDate(startDate)) {
    throw new RangeError(
      `Cannot generate rankings: startDate is ${
        JSON.stringify(startDate)
      }, expected a calendar date YYYY-MM-DD`,
    );
  }
  const lowest = Math.min(...realDays.map((d) => d.total));
  const highest = Math.max(...realDays.map((d) => d.total));
  const random = mulberry32(options.seed ?? 42);
  const data: RankingsDailyRecord[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(startDate, i);
    const template = realDays[i % realDays.length];
    const trend = days === 1
      ? (TREND_FROM + TREND_TO) / 2
      : TREND_FROM + (TREND_TO - TREND_FROM) * i / (days - 1);
    const position = trend + (random() * 2 - 1) * NOISE;
    const factor = (options.scale ?? 1) *
      (lowest + position * (highest - lowest)) / template.total;
    for (const row of template.rows) {
      data.push({
        date,
        model_permaslug: row.permaslug,
        total_tokens: String(Math.round(row.tokens * factor)),
      });
    }
  }
  return {
    data,
    meta: {
      start_date: startDate,
      end_date: addDays(startDate, days - 1),
      version: "v1",
    },
  };
}

/** One file of {@linkcode syntheticRankingsFiles}: its name and content. */
export interface SyntheticRankingsFile {
  /** `START_END.json`, the first and last day it covers. */
  name: string;
  /** The API response it holds. */
  envelope: RankingsDailyEnvelope;
}

/**
 * Split {@linkcode syntheticRankingsYear}'s days into files of `daysPerFile`
 * days each, as a weekly or yearly download job would save them: each file
 * named `START_END.json` and holding the `{data, meta}` envelope of its days.
 *
 * @param real The real rows (see {@linkcode syntheticRankingsYear}).
 * @param options The options of {@linkcode syntheticRankingsYear}, and
 * `daysPerFile` (default 365; the last file holds the remainder).
 * @returns The files, in date order.
 * @throws {RangeError} When `daysPerFile` is not a positive whole number, or
 * as {@linkcode syntheticRankingsYear} does.
 *
 * @example Ten days in files of four
 * ```ts
 * import assert from "node:assert/strict";
 * const files = syntheticRankingsFiles([
 *   { date: "2026-06-01", permaslug: "other", tokens: 400 },
 * ], { days: 10, startDate: "2025-01-01", daysPerFile: 4 });
 * assert.deepEqual(files.map((f) => f.name), [
 *   "2025-01-01_2025-01-04.json",
 *   "2025-01-05_2025-01-08.json",
 *   "2025-01-09_2025-01-10.json",
 * ]);
 * assert.deepEqual(files[2].envelope.meta, { start_date: "2025-01-09", end_date: "2025-01-10", version: "v1" });
 * ```
 */
export function syntheticRankingsFiles(
  real: pl.DataFrame | readonly RealRankingRow[],
  options: SyntheticRankingsOptions & { daysPerFile?: number } = {},
): SyntheticRankingsFile[] {
  const daysPerFile = options.daysPerFile ?? 365;
  if (!Number.isInteger(daysPerFile) || daysPerFile <= 0) {
    throw new RangeError(
      `Cannot split rankings into files: daysPerFile is ${daysPerFile}, expected a positive whole number`,
    );
  }
  const all = syntheticRankingsYear(real, options);
  const files: SyntheticRankingsFile[] = [];
  let start = 0;
  while (start < all.data.length) {
    const first = all.data[start].date;
    const last = addDays(first, daysPerFile - 1);
    let end = start;
    while (end < all.data.length && all.data[end].date <= last) end++;
    const data = all.data.slice(start, end);
    const meta = {
      start_date: first,
      end_date: data[data.length - 1].date,
      version: "v1" as const,
    };
    files.push({
      name: `${meta.start_date}_${meta.end_date}.json`,
      envelope: { data, meta },
    });
    start = end;
  }
  return files;
}
