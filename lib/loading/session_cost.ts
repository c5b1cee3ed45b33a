/**
 * Loader for OpenRouter's session-cost dataset
 * (`GET /api/v1/datasets/session-cost`): the median USD a real agent session
 * cost, per harness (app) × model × turn range, over a weekly refreshed
 * sample window.
 *
 * @module
 */
import pl from "nodejs-polars";
import { isCalendarDate } from "../base/dates.ts";
import { error } from "./problems.ts";
import {
  isInteger,
  loadDatasetFiles,
  objectRecord,
  readDatasetFile,
} from "./_dataset.ts";
import type { Loaded } from "./frames.ts";
import type { Problem } from "./problems.ts";

/** The turn ranges OpenRouter publishes, shortest sessions first. */
export const TURN_RANGES = [
  "1-turn",
  "2-9-turns",
  "10-49-turns",
  "50-plus-turns",
] as const;

/** One harness × model × turn range cell, a row of {@linkcode loadSessionCost}'s frame. */
export interface SessionCostRow {
  /** Last day of the sample window (`meta.window_end_date`), `YYYY-MM-DD` UTC. */
  window_end_date: string;
  /** Days in the sample window (`meta.window_days`). */
  window_days: number;
  /** The harness's stable slug, e.g. `hermes-agent`. */
  app_slug: string;
  /** The harness's display name. */
  app_name: string;
  /** The model's permaslug, as OpenRouter gives it. */
  model_permaslug: string;
  /** One of {@linkcode TURN_RANGES}. */
  turn_range: string;
  /** Median spend per sampled session, USD. */
  median_session_cost_usd: number;
  /** `meta.as_of` of the file. */
  as_of: string;
  /** The file the row came from. */
  source_file: string;
}

/** Column dtypes of the frame {@linkcode loadSessionCost} returns. */
export const SESSION_COST_SCHEMA = {
  window_end_date: pl.Utf8,
  window_days: pl.Int64,
  app_slug: pl.Utf8,
  app_name: pl.Utf8,
  model_permaslug: pl.Utf8,
  turn_range: pl.Utf8,
  median_session_cost_usd: pl.Float64,
  as_of: pl.Utf8,
  source_file: pl.Utf8,
} as const;

/**
 * Parse one saved session-cost response into rows and problems, without
 * throwing. A response with no published snapshot (`window_end_date` null)
 * and no rows is valid and gives no rows.
 *
 * @param file Path of the file, used in messages.
 * @returns The rows, every problem found, and `meta.as_of` (or null).
 */
export async function parseSessionCostFile(
  file: string,
): Promise<
  { rows: SessionCostRow[]; problems: Problem[]; asOf: string | null }
> {
  const read = await readDatasetFile(file);
  const problems = [...read.problems];
  const { window_end_date: end, window_days: days } = read.meta;
  if (read.problems.length === 0 && read.records.length > 0) {
    if (!isCalendarDate(end)) {
      problems.push(
        error(
          file,
          "meta",
          "window_end_date",
          end,
          "a calendar date YYYY-MM-DD (data has rows)",
        ),
      );
    }
    if (!isInteger(days, 1)) {
      problems.push(
        error(
          file,
          "meta",
          "window_days",
          days,
          "an integer ≥ 1 (data has rows)",
        ),
      );
    }
  }
  if (problems.length > 0) return { rows: [], problems, asOf: read.asOf };
  const rows: SessionCostRow[] = [];
  const seen = new Map<string, number>();
  read.records.forEach((record, index) => {
    const where = `data[${index}]`;
    const r = objectRecord(
      file,
      where,
      record,
      "an object with app_slug, app_name, model_permaslug, turn_range and median_session_cost_usd",
      problems,
    );
    if (r === undefined) return;
    const before = problems.length;
    for (const field of ["app_slug", "app_name", "model_permaslug"]) {
      if (typeof r[field] !== "string" || (r[field] as string).trim() === "") {
        problems.push(
          error(file, where, field, r[field], "a non-empty string"),
        );
      }
    }
    if (!(TURN_RANGES as readonly unknown[]).includes(r.turn_range)) {
      problems.push(
        error(
          file,
          where,
          "turn_range",
          r.turn_range,
          `one of ${TURN_RANGES.join(", ")}`,
        ),
      );
    }
    const cost = r.median_session_cost_usd;
    if (typeof cost !== "number" || !Number.isFinite(cost) || cost < 0) {
      problems.push(
        error(
          file,
          where,
          "median_session_cost_usd",
          cost,
          "a non-negative number of USD",
        ),
      );
    }
    if (problems.length > before) return;
    const key = `${r.app_slug} ${r.model_permaslug} ${r.turn_range}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(
        error(
          file,
          where,
          "",
          key,
          `one row per app, model and turn range (also data[${earlier}])`,
        ),
      );
      return;
    }
    seen.set(key, index);
    rows.push({
      window_end_date: end as string,
      window_days: days as number,
      app_slug: r.app_slug as string,
      app_name: r.app_name as string,
      model_permaslug: r.model_permaslug as string,
      turn_range: r.turn_range as string,
      median_session_cost_usd: cost as number,
      as_of: read.asOf!,
      source_file: file,
    });
  });
  return { rows, problems, asOf: read.asOf };
}

/**
 * Load and merge saved session-cost responses (pages and weekly windows) into
 * one frame (columns: see {@linkcode SessionCostRow}), sorted by window end
 * descending, app, model, turn range. A cell of one window carried by two
 * files with the same median is kept once; with another median the file with
 * the later `meta.as_of` wins and the other is listed as a warning (code
 * `restated`); when `as_of` cannot decide it is an error.
 *
 * @param files Paths of session-cost JSON files.
 * @returns The frame, the warnings and the errors (with errors, the frame is empty).
 *
 * @example No file, no rows
 * ```ts
 * import assert from "node:assert/strict";
 * const { frame, errors } = await loadSessionCost([]);
 * assert.equal(errors.length, 0);
 * assert.deepEqual(frame.columns.slice(0, 3), ["window_end_date", "window_days", "app_slug"]);
 * ```
 */
export function loadSessionCost(files: readonly string[]): Promise<Loaded> {
  return loadDatasetFiles(files, {
    parse: parseSessionCostFile,
    record: (r) => r.window_end_date,
    key: (r) =>
      `${r.window_end_date} ${r.app_slug} ${r.model_permaslug} ${r.turn_range}`,
    sameValues: (a, b) =>
      a.median_session_cost_usd === b.median_session_cost_usd &&
      a.app_name === b.app_name && a.window_days === b.window_days,
    schema: SESSION_COST_SCHEMA,
    order: (frame) =>
      frame.sort(
        ["window_end_date", "app_slug", "model_permaslug", "turn_range"],
        [true, false, false, false],
      ),
  });
}
