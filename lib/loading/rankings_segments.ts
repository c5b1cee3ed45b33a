/**
 * Loader for rankings-daily split by use case or by context length:
 * `GET /api/v1/datasets/rankings-daily?category=…&period=week` and
 * `…?context_bucket=…&period=week`, as `deno task fetch` saves them in
 * `raw/rankings-by-category/` and `raw/rankings-by-context/`, one file per
 * window and segment: `START_END.category-<slug>.json`,
 * `START_END.context-<bucket>.json` (the segment comes from the name, which
 * the fetch builds from the request).
 *
 * OpenRouter documents the parameters: `category` "Restrict to a use-case
 * category (e.g. `programming`, `roleplay`). Sourced from a sampled,
 * upsampled dataset, so `total_tokens` is an estimate and is aggregated
 * weekly (the trailing weekly bucket may include traffic past `end_date`).
 * Cannot be combined with `modality`, `context_bucket`, or `language_type`."
 * `context_bucket` "Restrict to requests whose context length falls in this
 * bucket (`1K`, `10K`, `100K`, `1M`, or `10M`). Exact dataset — cannot be
 * combined with `category` or `language_type`." `period`: "week buckets by
 * ISO week start".
 *
 * @module
 */
import pl from "nodejs-polars";
import { isCalendarDate } from "../base/dates.ts";
import { parseTokenCount } from "./input.ts";
import {
  checkMetaDates,
  loadDatasetFiles,
  objectRecord,
  readDatasetFile,
} from "./_dataset.ts";
import type { Loaded } from "./frames.ts";
import { error, type Problem } from "./problems.ts";

/** The use-case categories OpenRouter documents for rankings-daily's `category`. */
export const RANKING_CATEGORIES = [
  "programming",
  "roleplay",
  "marketing",
  "marketing/seo",
  "technology",
  "science",
  "translation",
  "legal",
  "finance",
  "health",
  "trivia",
  "academia",
] as const;

/** The context-length buckets OpenRouter documents for rankings-daily's `context_bucket`. */
export const CONTEXT_BUCKETS = ["1K", "10K", "100K", "1M", "10M"] as const;

/** A segment as a file-name part: `/` (in `marketing/seo`) becomes `--`. */
export function segmentSlug(segment: string): string {
  return segment.replace(/\//g, "--");
}

/** One model in one week of one segment, a row of {@linkcode loadRankingSegments}'s frame. */
export interface RankingSegmentRow {
  /** `category` or `context_bucket`. */
  segment_kind: string;
  /** The category or bucket, e.g. `programming`, `100K`. */
  segment: string;
  /** The row's `date`: the ISO week's Monday (`period=week`). */
  week_start: string;
  /** The model's permaslug, or `other`. */
  permaslug: string;
  /** Tokens that week (for a category, OpenRouter's estimate). */
  tokens: number;
  /** The requested window's first day (`meta.start_date`). */
  window_start: string;
  /** Its last day (`meta.end_date`). */
  window_end: string;
  /** `meta.as_of` of the file. */
  as_of: string;
  /** The file the row came from. */
  source_file: string;
}

/** Column dtypes of the frame {@linkcode loadRankingSegments} returns. */
export const RANKING_SEGMENTS_SCHEMA = {
  segment_kind: pl.Utf8,
  segment: pl.Utf8,
  week_start: pl.Utf8,
  permaslug: pl.Utf8,
  tokens: pl.Int64,
  window_start: pl.Utf8,
  window_end: pl.Utf8,
  as_of: pl.Utf8,
  source_file: pl.Utf8,
} as const;

/** The segment a saved file holds, from its name, or undefined. */
function segmentOf(
  file: string,
): { kind: string; segment: string } | undefined {
  const base = file.split(/[\\/]/).pop() ?? file;
  const match =
    /^\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.(category|context)-([^.]+)(\..*)?\.json(\.partial-[0-9a-f]+)?$/
      .exec(base);
  if (match === null) return undefined;
  const segment = match[2].replace(/--/g, "/");
  if (match[1] === "category") {
    return (RANKING_CATEGORIES as readonly string[]).includes(segment)
      ? { kind: "category", segment }
      : undefined;
  }
  return (CONTEXT_BUCKETS as readonly string[]).includes(segment)
    ? { kind: "context_bucket", segment }
    : undefined;
}

/**
 * Parse one saved answer into rows and problems, without throwing: the name
 * must say the segment, `meta.start_date` / `meta.end_date` be calendar
 * dates, each row a calendar `date`, a `model_permaslug` and a
 * `total_tokens` count, once per week and model.
 *
 * @param file Path of the file, used in messages.
 * @returns The rows, every problem found, and `meta.as_of` (or null).
 */
export async function parseRankingSegmentFile(
  file: string,
): Promise<
  { rows: RankingSegmentRow[]; problems: Problem[]; asOf: string | null }
> {
  const read = await readDatasetFile(file);
  const problems = [...read.problems];
  const segment = segmentOf(file);
  if (segment === undefined) {
    problems.push(
      error(
        file,
        "",
        "file name",
        file.split(/[\\/]/).pop(),
        `START_END.category-<one of ${
          RANKING_CATEGORIES.map(segmentSlug).join(", ")
        }>.json or START_END.context-<one of ${
          CONTEXT_BUCKETS.join(", ")
        }>.json, as deno task fetch names them`,
      ),
    );
  }
  const { start_date: start, end_date: end } = read.meta;
  checkMetaDates(file, read, problems);
  if (problems.length > 0) return { rows: [], problems, asOf: read.asOf };
  const rows: RankingSegmentRow[] = [];
  const seen = new Map<string, number>();
  read.records.forEach((record, index) => {
    const where = `data[${index}]`;
    const r = objectRecord(
      file,
      where,
      record,
      "an object with date, model_permaslug and total_tokens",
      problems,
    );
    if (r === undefined) return;
    const before = problems.length;
    if (!isCalendarDate(r.date)) {
      problems.push(
        error(file, where, "date", r.date, "a calendar date YYYY-MM-DD"),
      );
    }
    if (typeof r.model_permaslug !== "string" || r.model_permaslug === "") {
      problems.push(
        error(
          file,
          where,
          "model_permaslug",
          r.model_permaslug,
          "a non-empty permaslug",
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
    const key = `${r.date} ${r.model_permaslug}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(
        error(
          file,
          where,
          "model_permaslug",
          r.model_permaslug,
          `one row per week and model (also data[${earlier}])`,
        ),
      );
      return;
    }
    seen.set(key, index);
    rows.push({
      segment_kind: segment!.kind,
      segment: segment!.segment,
      week_start: r.date as string,
      permaslug: r.model_permaslug as string,
      tokens: tokens!,
      window_start: start as string,
      window_end: end as string,
      as_of: read.asOf!,
      source_file: file,
    });
  });
  return { rows, problems, asOf: read.asOf };
}

/**
 * Load saved category or context-bucket answers into one frame (columns:
 * see {@linkcode RankingSegmentRow}), sorted by window end (newest first),
 * segment, week, tokens (most first). A week and model of one window and
 * segment in two files: the same count once, another count from the later
 * `meta.as_of` (the other listed as a warning, code `restated`).
 *
 * @param files Paths of the saved JSON files.
 * @returns The frame, the warnings and the errors (with errors, the frame is empty).
 *
 * @example No file, no rows
 * ```ts
 * import assert from "node:assert/strict";
 * const { frame, errors } = await loadRankingSegments([]);
 * assert.deepEqual([frame.height, errors.length], [0, 0]);
 * ```
 */
export function loadRankingSegments(
  files: readonly string[],
): Promise<Loaded> {
  return loadDatasetFiles(files, {
    parse: parseRankingSegmentFile,
    record: (r) => `${r.week_start} ${r.permaslug}`,
    key: (r) =>
      `${r.window_start}_${r.window_end} ${r.segment_kind} ${r.segment} ${r.week_start} ${r.permaslug}`,
    sameValues: (a, b) => a.tokens === b.tokens,
    schema: RANKING_SEGMENTS_SCHEMA,
    order: (frame) =>
      frame.sort(
        ["window_end", "segment", "week_start", "tokens", "permaslug"],
        [true, false, false, true, false],
      ),
  });
}

/**
 * The files a segments frame was read from with their `meta.as_of`, for
 * `rankingsCitation()` (the split answers are rankings-daily's, cited as it is).
 *
 * @param frame A frame from {@linkcode loadRankingSegments}.
 * @returns One entry per file, sorted by file.
 */
export function segmentFileMeta(
  frame: pl.DataFrame,
): { file: string; as_of: string | null }[] {
  const seen = new Map<string, string>();
  for (const r of frame.select("source_file", "as_of").toRecords()) {
    seen.set(String(r.source_file), String(r.as_of));
  }
  return [...seen.entries()].sort().map(([file, as_of]) => ({ file, as_of }));
}
