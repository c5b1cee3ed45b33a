/**
 * Loader for OpenRouter's app-rankings dataset
 * (`GET /api/v1/datasets/app-rankings`): the public apps (agents, IDEs,
 * chat front-ends) ranked by the tokens they sent inside a date window.
 *
 * @module
 */
import pl from "nodejs-polars";
import { characterProblem, parseTokenCount } from "./input.ts";
import { error } from "./problems.ts";
import {
  checkMetaDates,
  isInteger,
  loadDatasetFiles,
  objectRecord,
  readDatasetFile,
} from "./_dataset.ts";
import type { Loaded } from "./frames.ts";
import type { Problem } from "./problems.ts";

/** One app in one window, a row of {@linkcode loadAppRankings}'s frame. */
export interface AppRankingRow {
  /** First day of the window (`meta.start_date`), `YYYY-MM-DD` UTC. */
  window_start: string;
  /** Last day of the window (`meta.end_date`), inclusive. */
  window_end: string;
  /** The API's `sort`: `popular` (by tokens) or `trending` (by excess growth), from the file name. */
  sort_by: string;
  /** Position in the window, 1 = most tokens (absolute across pages). */
  rank: number;
  /** OpenRouter's stable numeric app id. */
  app_id: number;
  /** The app's public name. */
  app_name: string;
  /** Requests attributed to the app in the window. */
  total_requests: number;
  /** Prompt + completion tokens attributed to the app in the window. */
  total_tokens: number;
  /** `meta.as_of` of the file. */
  as_of: string;
  /** The file the row came from. */
  source_file: string;
}

/** Column dtypes of the frame {@linkcode loadAppRankings} returns. */
export const APP_RANKINGS_SCHEMA = {
  window_start: pl.Utf8,
  window_end: pl.Utf8,
  sort_by: pl.Utf8,
  rank: pl.Int64,
  app_id: pl.Int64,
  app_name: pl.Utf8,
  total_requests: pl.Int64,
  total_tokens: pl.Int64,
  as_of: pl.Utf8,
  source_file: pl.Utf8,
} as const;

/** The sort a saved file holds, read from its name: `.trending.` in the name, else `popular`. */
function sortOf(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return /\.trending\./.test(base) ? "trending" : "popular";
}

/**
 * Parse one saved app-rankings response into rows and problems, without
 * throwing. The window comes from `meta.start_date` and `meta.end_date`.
 *
 * @param file Path of the file, used in messages.
 * @returns The rows, every problem found, and `meta.as_of` (or null).
 */
export async function parseAppRankingsFile(
  file: string,
): Promise<
  { rows: AppRankingRow[]; problems: Problem[]; asOf: string | null }
> {
  const read = await readDatasetFile(file);
  const problems = [...read.problems];
  const { start_date: start, end_date: end } = read.meta;
  checkMetaDates(file, read, problems);
  if (problems.length > 0) return { rows: [], problems, asOf: read.asOf };
  const rows: AppRankingRow[] = [];
  const seen = new Map<number, number>();
  read.records.forEach((record, index) => {
    const where = `data[${index}]`;
    const r = objectRecord(
      file,
      where,
      record,
      "an object with app_id, app_name, rank, total_requests and total_tokens",
      problems,
    );
    if (r === undefined) return;
    const before = problems.length;
    if (!isInteger(r.app_id, 0)) {
      problems.push(
        error(file, where, "app_id", r.app_id, "a non-negative integer"),
      );
    }
    if (typeof r.app_name !== "string" || r.app_name.trim() === "") {
      problems.push(
        error(file, where, "app_name", r.app_name, "a non-empty name"),
      );
    } else {
      const bad = characterProblem(file, where, "app_name", r.app_name, "name");
      if (bad !== undefined) problems.push(bad);
    }
    if (!isInteger(r.rank, 1)) {
      problems.push(error(file, where, "rank", r.rank, "an integer ≥ 1"));
    }
    if (!isInteger(r.total_requests, 0)) {
      problems.push(
        error(
          file,
          where,
          "total_requests",
          r.total_requests,
          "a non-negative integer",
        ),
      );
    }
    const tokens = parseTokenCount(r.total_tokens);
    if (tokens === undefined) {
      problems.push(
        error(
          file,
          where,
          "total_tokens",
          r.total_tokens,
          "a non-negative integer (decimal string) below 2^53",
        ),
      );
    }
    if (problems.length > before) return;
    const earlier = seen.get(r.app_id as number);
    if (earlier !== undefined) {
      problems.push(
        error(
          file,
          where,
          "app_id",
          r.app_id,
          `one row per app (also data[${earlier}])`,
        ),
      );
      return;
    }
    seen.set(r.app_id as number, index);
    rows.push({
      window_start: start as string,
      window_end: end as string,
      sort_by: sortOf(file),
      rank: r.rank as number,
      app_id: r.app_id as number,
      app_name: r.app_name as string,
      total_requests: r.total_requests as number,
      total_tokens: tokens!,
      as_of: read.asOf!,
      source_file: file,
    });
  });
  return { rows, problems, asOf: read.asOf };
}

/**
 * Load and merge saved app-rankings responses (several pages, several
 * windows) into one frame (columns: see {@linkcode AppRankingRow}), sorted by
 * window end descending, sort, rank. An app in the same window and sort in
 * two files with the same figures is kept once; with other figures the file
 * with the later `meta.as_of` wins and the other is listed as a warning
 * (code `restated`); when `as_of` cannot decide it is an error.
 *
 * @param files Paths of app-rankings JSON files.
 * @returns The frame, the warnings and the errors (with errors, the frame is empty).
 *
 * @example No file, no rows
 * ```ts
 * import assert from "node:assert/strict";
 * const { frame, errors } = await loadAppRankings([]);
 * assert.equal(errors.length, 0);
 * assert.equal(frame.height, 0);
 * ```
 */
export function loadAppRankings(files: readonly string[]): Promise<Loaded> {
  return loadDatasetFiles(files, {
    parse: parseAppRankingsFile,
    record: (r) => `app_id ${r.app_id}`,
    key: (r) =>
      `${r.window_start}_${r.window_end} ${r.sort_by} app ${r.app_id}`,
    sameValues: (a, b) =>
      a.rank === b.rank && a.app_name === b.app_name &&
      a.total_requests === b.total_requests &&
      a.total_tokens === b.total_tokens,
    schema: APP_RANKINGS_SCHEMA,
    order: (frame) =>
      frame.sort(
        ["window_end", "window_start", "sort_by", "rank", "app_id"],
        [true, true, false, false, false],
      ),
  });
}
