/**
 * Loader for OpenRouter's rankings-daily dataset
 * (`GET /api/v1/datasets/rankings-daily`): per day, the top 50 models by
 * total tokens (prompt + completion) plus one `other` row for the rest.
 *
 * @module
 */
import pl from "nodejs-polars";
import {
  characterProblem,
  error,
  isCalendarDate,
  parseTokenCount,
  readJson,
  unwrapEnvelope,
  warning,
} from "./_input.ts";
import { frameOf, type Loaded } from "./models_list.ts";
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
  const range = rangeInFileName(file);
  const outside = new Map<string, number>();
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
    if (typeof permaslug === "string" && permaslug.trim() !== "") {
      const bad = characterProblem(
        file,
        where,
        "model_permaslug",
        permaslug,
        "identifier",
      );
      if (bad !== undefined) problems.push(bad);
    }
    if (
      range !== undefined && isCalendarDate(date) &&
      (date < range[0] || date > range[1])
    ) {
      if (!outside.has(date)) {
        problems.push(
          error(
            file,
            where,
            "date",
            date,
            `a day from ${range[0]} to ${
              range[1]
            }, the range the file name gives (rename the file after the days it holds)`,
          ),
        );
      }
      outside.set(date, (outside.get(date) ?? 0) + 1);
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
 * @param files Paths of rankings-daily JSON files.
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
): Promise<Loaded> {
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
  // With errors the frame is not used: add only the whole-data errors.
  const failed = problems.some((p) => p.severity === "error");
  problems.push(
    ...mergedProblems([...merged.values()]).filter((p) =>
      !failed || p.severity === "error"
    ),
  );
  const errors = problems.filter((p) => p.severity === "error");
  const warnings = problems.filter((p) => p.severity === "warning");
  if (errors.length > 0) {
    return { frame: frameOf([], RANKINGS_SCHEMA), warnings, errors };
  }
  const frame = frameOf([...merged.values()], RANKINGS_SCHEMA)
    .sort(["date", "tokens", "permaslug"], [false, true, false]);
  return { frame, warnings, errors };
}

/**
 * The date range a rankings-daily file name gives, `<start>_<end>…json`, or
 * undefined when the name does not start with two dates.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(rangeInFileName("raw/2026-05-24_2026-06-22.json"), ["2026-05-24", "2026-06-22"]);
 * assert.equal(rangeInFileName("raw/latest.json"), undefined);
 * ```
 */
export function rangeInFileName(file: string): [string, string] | undefined {
  const base = file.split(/[\\/]/).pop() ?? file;
  const match = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})/.exec(base);
  if (
    match === null || !isCalendarDate(match[1]) || !isCalendarDate(match[2])
  ) return undefined;
  return [match[1], match[2]];
}

/**
 * Problems of the merged rows as a whole: token totals beyond 2^53 (sums
 * would no longer be exact, and an Int64 sum could overflow), and days
 * without their `other` row (not the day's full ranking).
 */
function mergedProblems(rows: readonly RankingRow[]): Problem[] {
  const problems: Problem[] = [];
  const byDay = new Map<string, RankingRow[]>();
  let total = 0;
  let overflowed = false;
  for (const row of [...rows].sort((a, b) => a.date.localeCompare(b.date))) {
    byDay.set(row.date, [...byDay.get(row.date) ?? [], row]);
    total += row.tokens;
    if (!overflowed && total > Number.MAX_SAFE_INTEGER) {
      overflowed = true;
      problems.push(
        error(
          row.source_file,
          `${row.date} ${row.permaslug}`,
          "total_tokens",
          String(row.tokens),
          `token counts whose sum over all days stays below 2^53 (9007199254740991), so every total is exact; the sum passes it here`,
        ),
      );
    }
  }
  for (const [date, day] of byDay) {
    if (day.some((row) => row.is_other)) continue;
    problems.push({
      severity: "warning",
      file: day[0].source_file,
      record: date,
      field: "",
      value: `${day.length} row(s), none of them "${OTHER_PERMASLUG}"`,
      expected:
        `the day's full ranking, with its "${OTHER_PERMASLUG}" row; the day does not count as a covered day`,
      code: "day_incomplete",
    });
  }
  return problems;
}
