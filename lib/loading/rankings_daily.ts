/**
 * Loader for OpenRouter's rankings-daily dataset
 * (`GET /api/v1/datasets/rankings-daily`): per day, the top 50 models by
 * total tokens (prompt + completion) plus one `other` row for the rest.
 *
 * @module
 */
import pl from "nodejs-polars";
import {
  error,
  isCalendarDate,
  parseTokenCount,
  readJson,
  unwrapEnvelope,
  warning,
} from "./_input.ts";
import { frameOf, type Loaded } from "./models_list.ts";
import { loadRankingsFast } from "./_fast_rankings.ts";
import type { Problem } from "./problems.ts";

/** The permaslug OpenRouter uses for the row that sums every model outside the top 50. */
export const OTHER_PERMASLUG = "other";

/** One model on one day, a row of {@linkcode loadRankingsDaily}'s frame. */
export interface RankingRow {
  /** The day, `YYYY-MM-DD` (UTC). */
  date: string;
  /** Versioned model slug; matches `canonical_slug` in the models list. `other` for the rest. */
  permaslug: string;
  /** Total tokens (prompt + completion) that day. */
  tokens: number;
  /** True for the `other` row (every model outside the day's top 50). */
  is_other: boolean;
  /** The file the row came from (the first one, when several files carry it). */
  source_file: string;
}

/** Column dtypes of the frame {@linkcode loadRankingsDaily} returns. */
export const RANKINGS_SCHEMA = {
  date: pl.Utf8,
  permaslug: pl.Utf8,
  tokens: pl.Int64,
  is_other: pl.Bool,
  source_file: pl.Utf8,
} as const;

/**
 * Parse one rankings-daily file into rows and problems, without throwing.
 * Accepts the API's `{"data": [...], "meta": {...}}` envelope or a bare array.
 *
 * @param file Path of the file, used in messages.
 * @returns The rows and every problem found.
 */
export async function parseRankingsFile(
  file: string,
): Promise<{ rows: RankingRow[]; problems: Problem[] }> {
  const read = await readJson(file);
  if (!read.ok) return { rows: [], problems: read.problems };
  const envelope = unwrapEnvelope(read.value);
  if (envelope === undefined) {
    return {
      rows: [],
      problems: [
        error(
          file,
          "",
          "",
          undefined,
          'an object {"data": [...]} or a JSON array of rows',
        ),
      ],
    };
  }
  const { records, prefix } = envelope;
  const problems: Problem[] = [];
  const rows: RankingRow[] = [];
  const seen = new Map<string, { index: number; tokens: number }>();
  records.forEach((record, index) => {
    const where = `${prefix}[${index}]`;
    if (
      record === null || typeof record !== "object" || Array.isArray(record)
    ) {
      problems.push(
        error(
          file,
          where,
          "",
          record,
          "an object with date, model_permaslug and total_tokens",
        ),
      );
      return;
    }
    const { date, model_permaslug: permaslug, total_tokens: total } =
      record as Record<string, unknown>;
    const before = problems.length;
    if (!isCalendarDate(date)) {
      problems.push(
        error(file, where, "date", date, "a calendar date YYYY-MM-DD"),
      );
    }
    if (typeof permaslug !== "string" || permaslug.trim() === "") {
      problems.push(
        error(
          file,
          where,
          "model_permaslug",
          permaslug,
          "a non-empty model slug",
        ),
      );
    }
    const tokens = parseTokenCount(total);
    if (tokens === undefined) {
      problems.push(
        error(
          file,
          where,
          "total_tokens",
          total,
          "a non-negative integer (decimal string) below 2^53",
        ),
      );
    }
    if (problems.length > before) return;
    const key = `${date}|${permaslug}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      if (earlier.tokens === tokens) {
        problems.push(
          warning(
            file,
            where,
            "",
            `${date} ${permaslug}`,
            `one row per date and model (same as ${prefix}[${earlier.index}], kept once)`,
          ),
        );
      } else {
        problems.push(
          error(
            file,
            where,
            "total_tokens",
            total,
            `the same value as ${prefix}[${earlier.index}] (${earlier.tokens}) for ${date} ${permaslug}`,
          ),
        );
      }
      return;
    }
    seen.set(key, { index, tokens: tokens! });
    rows.push({
      date: date as string,
      permaslug: permaslug as string,
      tokens: tokens!,
      is_other: permaslug === OTHER_PERMASLUG,
      source_file: file,
    });
  });
  return { rows, problems };
}

/**
 * Load and merge rankings-daily files into one frame (columns: see
 * {@linkcode RankingRow}), sorted by date, then tokens descending, then permaslug.
 * A (date, permaslug) carried by two files with the same value is kept once;
 * with different values it is an error naming both files.
 *
 * Clean files take a fast column-wise path (`_fast_rankings.ts`); when any
 * check fails there, every file is loaded record by record, which names
 * each problem. Both paths give the same frame.
 *
 * @param files Paths of rankings-daily JSON files.
 * @param options `fast: false` skips the fast path (for tests comparing the two).
 * @returns The frame, the warnings and the errors (with errors, the frame is empty).
 *
 * @example Load the bundled month
 * ```ts
 * import assert from "node:assert/strict";
 * const { frame, errors } = await loadRankingsDaily(["data/raw/rankings-daily/2026-05-24_2026-06-22.json"]);
 * assert.equal(errors.length, 0);
 * assert.equal(frame.height, 1530);
 * ```
 */
export async function loadRankingsDaily(
  files: readonly string[],
  options: { fast?: boolean } = {},
): Promise<Loaded> {
  if (options.fast !== false) {
    const fast = await loadRankingsFast(files);
    if (fast !== undefined) return fast;
  }
  const problems: Problem[] = [];
  const merged = new Map<string, RankingRow>();
  for (const file of files) {
    const parsed = await parseRankingsFile(file);
    problems.push(...parsed.problems);
    for (const row of parsed.rows) {
      const key = `${row.date}|${row.permaslug}`;
      const earlier = merged.get(key);
      if (earlier === undefined) {
        merged.set(key, row);
      } else if (earlier.tokens !== row.tokens) {
        problems.push(
          error(
            file,
            `${row.date} ${row.permaslug}`,
            "total_tokens",
            String(row.tokens),
            `the same value as in ${earlier.source_file} (${earlier.tokens}), or only one file carrying this day`,
          ),
        );
      }
    }
  }
  const errors = problems.filter((p) => p.severity === "error");
  const warnings = problems.filter((p) => p.severity === "warning");
  if (errors.length > 0) {
    return { frame: frameOf([], RANKINGS_SCHEMA), warnings, errors };
  }
  const frame = frameOf([...merged.values()], RANKINGS_SCHEMA)
    .sort(["date", "tokens", "permaslug"], [false, true, false]);
  return { frame, warnings, errors };
}
