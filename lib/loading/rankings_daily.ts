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
  parseTokenCount,
  readJson,
  unwrapEnvelope,
} from "./input.ts";
import { isCalendarDate } from "../base/dates.ts";
import { error, warning } from "./problems.ts";
import { type Loaded, loadedOf } from "./frames.ts";
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

/**
 * The `meta` block of one rankings-daily file, kept so every figure can cite
 * OpenRouter's `as_of` (see `rankingsCitation()`).
 */
export interface RankingsFileMeta {
  /** Path of the file. */
  file: string;
  /** `meta.as_of` verbatim (an ISO-8601 timestamp), or null when the file has none. */
  as_of: string | null;
  /** `meta.start_date`, or null. */
  start_date: string | null;
  /** `meta.end_date`, or null. */
  end_date: string | null;
  /** `meta.version`, or null. */
  version: string | null;
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
): Promise<
  { rows: RankingRow[]; problems: Problem[]; meta: RankingsFileMeta }
> {
  const meta: RankingsFileMeta = {
    file,
    as_of: null,
    start_date: null,
    end_date: null,
    version: null,
  };
  const read = await readJson(file);
  if (!read.ok) return { rows: [], problems: read.problems, meta };
  const envelope = unwrapEnvelope(read.value);
  if (envelope === undefined) {
    return {
      meta,
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
  const problems: Problem[] = readMeta(file, read.value, meta);
  const rows: RankingRow[] = [];
  const seen = new Map<string, { index: number; tokens: number }>();
  const named = rangeInFileName(file);
  let range = named;
  let rangeSource =
    "the range the file name gives (rename the file after the days it holds)";
  if (named === undefined) {
    // Misnamed (latest.json): said so, and its rows are still checked
    // against the range its meta block gives, when it gives one.
    const fromMeta = isCalendarDate(meta.start_date) &&
        isCalendarDate(meta.end_date)
      ? [meta.start_date, meta.end_date] as [string, string]
      : undefined;
    problems.push(
      warning(
        file,
        "",
        "file name",
        file.split(/[\\/]/).pop() ?? file,
        `<start>_<end>.json, the first and last day the file holds (such as 2026-05-24_2026-06-22.json), so its rows can be checked against the range; ${
          fromMeta === undefined
            ? "it has no meta.start_date and meta.end_date either, so no range is checked"
            : `its rows are checked against meta's range ${fromMeta[0]} … ${
              fromMeta[1]
            } instead`
        }`,
        "misnamed_file",
      ),
    );
    range = fromMeta;
    rangeSource = "the range meta.start_date and meta.end_date give";
  }
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
            `a day from ${range[0]} to ${range[1]}, ${rangeSource}`,
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
  return { rows, problems, meta };
}

/** Fill `meta` from the envelope's `meta` block; a bad `as_of` is an error. */
function readMeta(
  file: string,
  value: unknown,
  meta: RankingsFileMeta,
): Problem[] {
  if (Array.isArray(value)) return [];
  const block = (value as { meta?: unknown }).meta;
  if (block === undefined || block === null) return [];
  if (typeof block !== "object" || Array.isArray(block)) {
    return [error(file, "meta", "", block, "an object (the API's meta block)")];
  }
  const fields = block as Record<string, unknown>;
  const text = (name: string) =>
    typeof fields[name] === "string" ? fields[name] as string : null;
  meta.start_date = text("start_date");
  meta.end_date = text("end_date");
  meta.version = text("version");
  if (fields.as_of === undefined || fields.as_of === null) return [];
  if (!isTimestamp(fields.as_of)) {
    return [
      error(file, "meta", "as_of", fields.as_of, "an ISO-8601 timestamp"),
    ];
  }
  meta.as_of = fields.as_of;
  return [];
}

/** True for an ISO-8601 date or timestamp that `Date.parse` reads. */
function isTimestamp(value: unknown): value is string {
  return typeof value === "string" &&
    /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) &&
    Number.isFinite(Date.parse(value));
}

/** What {@linkcode loadRankingsDaily} returns: the frame, the problems and each file's meta. */
export interface LoadedRankings extends Loaded {
  /** The `meta` block of every file read, in the order given. */
  meta: RankingsFileMeta[];
}

/**
 * Load and merge rankings-daily files into one frame (columns: see
 * {@linkcode RankingRow}), sorted by date, then tokens descending, then permaslug.
 * A (date, permaslug) carried by two files with the same value is kept once.
 * A day that two files give different values is a restatement: when the file
 * with the latest `meta.as_of` among those carrying the day is later than
 * every file that disagrees with it, that file's rows are used for the day
 * and each superseded file is listed as a warning (code `restated`);
 * otherwise every differing value is an error naming both files.
 *
 * Clean files take a fast column-wise path (`_fast_rankings.ts`); when any
 * check fails there, every file is loaded record by record, which names
 * each problem. Both paths give the same frame.
 *
 * @param files Paths of rankings-daily JSON files.
 * @param options `fast: false` skips the fast path (for tests comparing the two).
 * @returns The frame, the warnings, the errors (with errors, the frame is empty) and each file's meta.
 *
 * @example Load the bundled month
 * ```ts
 * import assert from "node:assert/strict";
 * const { frame, errors, meta } = await loadRankingsDaily(["data/raw/rankings-daily/2026-05-24_2026-06-22.json"]);
 * assert.equal(errors.length, 0);
 * assert.equal(frame.height, 1530);
 * assert.equal(meta[0].as_of, null); // the envelope was rebuilt: no as_of
 * ```
 */
export async function loadRankingsDaily(
  files: readonly string[],
  options: { fast?: boolean } = {},
): Promise<LoadedRankings> {
  if (options.fast !== false) {
    const fast = await loadRankingsFast(files);
    if (fast !== undefined) {
      // The meta blocks and the weekly sums, checked as the detailed path
      // does; anything it would object to sends every file down that path.
      const meta = files.map((file): RankingsFileMeta => ({
        file,
        as_of: null,
        start_date: null,
        end_date: null,
        version: null,
      }));
      const metaProblems = meta.flatMap((m, i) =>
        readMeta(m.file, { meta: fast.metaBlocks[i] }, m)
      );
      if (metaProblems.length === 0 && weeklySumsFit(fast.frame)) {
        return { frame: fast.frame, warnings: [], errors: [], meta };
      }
    }
  }
  const problems: Problem[] = [];
  const parsed: { file: string; rows: RankingRow[]; meta: RankingsFileMeta }[] =
    [];
  for (const file of files) {
    const result = await parseRankingsFile(file);
    problems.push(...result.problems);
    parsed.push({ file, rows: result.rows, meta: result.meta });
  }
  const merged = new Map<string, RankingRow>();
  const conflicts: { file: string; row: RankingRow; earlier: RankingRow }[] =
    [];
  for (const { file, rows } of parsed) {
    for (const row of rows) {
      const key = `${row.date}|${row.permaslug}`;
      const earlier = merged.get(key);
      if (earlier === undefined) merged.set(key, row);
      else if (earlier.tokens !== row.tokens) {
        conflicts.push({ file, row, earlier });
      }
    }
  }
  const winners = new Map<string, RankingRow[]>();
  for (const date of new Set(conflicts.map((c) => c.row.date))) {
    const decided = latestRestatement(parsed, date);
    if (decided === undefined) continue;
    winners.set(date, decided.rows);
    problems.push(...decided.warnings);
  }
  for (const { file, row, earlier } of conflicts) {
    if (winners.has(row.date)) continue;
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
  const rows = [
    ...[...merged.values()].filter((row) => !winners.has(row.date)),
    ...[...winners.values()].flat(),
  ];
  // With errors the frame is not used: add only the whole-data errors.
  const failed = problems.some((p) => p.severity === "error");
  problems.push(
    ...mergedProblems(rows).filter((p) => !failed || p.severity === "error"),
  );
  return {
    ...loadedOf(
      rows,
      problems,
      RANKINGS_SCHEMA,
      (frame) =>
        frame.sort(["date", "tokens", "permaslug"], [false, true, false]),
    ),
    meta: parsed.map((p) => p.meta),
  };
}

/**
 * Decide a restated day: the rows of the file with the latest `meta.as_of`
 * among the files carrying `date`, when every file that disagrees with it
 * has an earlier `as_of`; undefined when the `as_of` cannot decide.
 */
function latestRestatement(
  parsed: readonly {
    file: string;
    rows: RankingRow[];
    meta: RankingsFileMeta;
  }[],
  date: string,
): { rows: RankingRow[]; warnings: Problem[] } | undefined {
  const carrying = parsed
    .map((p) => ({ ...p, rows: p.rows.filter((row) => row.date === date) }))
    .filter((p) => p.rows.length > 0);
  const time = (p: { meta: RankingsFileMeta }) =>
    p.meta.as_of === null ? Number.NaN : Date.parse(p.meta.as_of);
  const dated = carrying.filter((p) => !Number.isNaN(time(p)));
  if (dated.length === 0) return undefined;
  const latest = dated.reduce((a, b) => time(b) > time(a) ? b : a);
  const tokensOf = new Map(
    latest.rows.map((row) => [row.permaslug, row.tokens]),
  );
  const warnings: Problem[] = [];
  for (const other of carrying) {
    if (other === latest) continue;
    const differs = other.rows.some((row) =>
      tokensOf.has(row.permaslug) && tokensOf.get(row.permaslug) !== row.tokens
    );
    if (!differs) continue;
    if (Number.isNaN(time(other)) || time(other) >= time(latest)) {
      return undefined;
    }
    warnings.push(
      warning(
        other.file,
        date,
        "",
        other.meta.as_of,
        `no restatement; restated by ${latest.file} (meta.as_of ${latest.meta.as_of}), whose rows for the day are used`,
        "restated",
      ),
    );
  }
  return { rows: latest.rows, warnings };
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
  const weekTotals = new Map<string, number>();
  const overflowed = new Set<string>();
  for (const row of [...rows].sort((a, b) => a.date.localeCompare(b.date))) {
    byDay.set(row.date, [...byDay.get(row.date) ?? [], row]);
    const week = mondayOf(row.date);
    const total = (weekTotals.get(week) ?? 0) + row.tokens;
    weekTotals.set(week, total);
    if (!overflowed.has(week) && total > Number.MAX_SAFE_INTEGER) {
      overflowed.add(week);
      problems.push(
        error(
          row.source_file,
          `${row.date} ${row.permaslug}`,
          "total_tokens",
          String(row.tokens),
          `token counts whose sum over a week (Monday ${week} to Sunday) stays below 2^53 (9007199254740991), so every weekly total is exact; the sum passes it here`,
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

/** The Monday (UTC) of the calendar week of a `YYYY-MM-DD` date. */
function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const offset = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - offset * 86_400_000).toISOString().slice(
    0,
    10,
  );
}

/** Whether every calendar week's token sum of a rankings frame stays below 2^53 (the detailed path's check). */
function weeklySumsFit(frame: pl.DataFrame): boolean {
  const days = frame.groupBy("date").agg(
    pl.col("tokens").cast(pl.Float64).sum().alias("tokens"),
  );
  const weeks = new Map<string, number>();
  const dates = days.getColumn("date").toArray() as string[];
  const sums = days.getColumn("tokens").toArray() as number[];
  for (const [i, date] of dates.entries()) {
    const week = mondayOf(date);
    const total = (weeks.get(week) ?? 0) + sums[i];
    if (total > Number.MAX_SAFE_INTEGER) return false;
    weeks.set(week, total);
  }
  return true;
}
