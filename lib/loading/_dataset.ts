/**
 * Private helpers for the Data API loaders (app-rankings, session-cost):
 * reading a saved `{data, meta}` response and merging the rows of several
 * files, where a later `meta.as_of` restates an earlier one.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { isCalendarDate } from "../base/dates.ts";
import { readJson } from "./input.ts";
import { error, warning } from "./problems.ts";
import { type Loaded, loadedOf } from "./frames.ts";
import type { Problem } from "./problems.ts";

/** A saved Data API response: its records, its meta block and the problems of its shape. */
export interface DatasetFile {
  /** Path of the file. */
  file: string;
  /** The `data` records. */
  records: unknown[];
  /** The `meta` block (empty when absent). */
  meta: Record<string, unknown>;
  /** `meta.as_of` when it is a readable timestamp, else null. */
  asOf: string | null;
  /** Problems of the file's shape. */
  problems: Problem[];
}

/** Read a saved `{"data": [...], "meta": {...}}` response; `meta` is required. */
export async function readDatasetFile(file: string): Promise<DatasetFile> {
  const out: DatasetFile = {
    file,
    records: [],
    meta: {},
    asOf: null,
    problems: [],
  };
  const read = await readJson(file);
  if (!read.ok) return { ...out, problems: read.problems };
  const value = read.value as { data?: unknown; meta?: unknown };
  if (
    value === null || typeof value !== "object" || Array.isArray(value) ||
    !Array.isArray(value.data)
  ) {
    out.problems.push(
      error(
        file,
        "",
        "",
        undefined,
        'an object {"data": [...], "meta": {...}}',
      ),
    );
    return out;
  }
  out.records = value.data;
  if (
    value.meta === null || typeof value.meta !== "object" ||
    Array.isArray(value.meta)
  ) {
    out.problems.push(
      error(file, "meta", "", value.meta, "an object (the API's meta block)"),
    );
    return out;
  }
  out.meta = value.meta as Record<string, unknown>;
  const asOf = out.meta.as_of;
  if (typeof asOf === "string" && Number.isFinite(Date.parse(asOf))) {
    out.asOf = asOf;
  } else {
    out.problems.push(
      error(file, "meta", "as_of", asOf, "an ISO-8601 timestamp"),
    );
  }
  return out;
}

/** True for a finite number that is a whole number ≥ `min`. */
export function isInteger(value: unknown, min: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) &&
    value >= min;
}

/**
 * Merge the rows of several files by key. A key carried twice with the same
 * values is kept once; with different values, the row of the file with the
 * later `as_of` is kept and the other listed as a warning (code `restated`),
 * or, when the `as_of` cannot decide, it is an error naming both files.
 */
export function mergeByKey<Row extends { source_file: string }>(
  rows: readonly { row: Row; asOf: string | null; record: string }[],
  keyOf: (row: Row) => string,
  sameValues: (a: Row, b: Row) => boolean,
): { rows: Row[]; problems: Problem[] } {
  const kept = new Map<string, { row: Row; asOf: string | null }>();
  const problems: Problem[] = [];
  const time = (asOf: string | null) =>
    asOf === null ? Number.NaN : Date.parse(asOf);
  for (const entry of rows) {
    const key = keyOf(entry.row);
    const earlier = kept.get(key);
    if (earlier === undefined) {
      kept.set(key, entry);
      continue;
    }
    if (sameValues(earlier.row, entry.row)) continue;
    const [a, b] = [time(earlier.asOf), time(entry.asOf)];
    if (Number.isNaN(a) || Number.isNaN(b) || a === b) {
      problems.push(
        error(
          entry.row.source_file,
          entry.record,
          "",
          key,
          `the same values as in ${earlier.row.source_file}, or a later meta.as_of in one of them`,
        ),
      );
      continue;
    }
    const [older, newer] = a < b ? [earlier, entry] : [entry, earlier];
    problems.push(
      warning(
        older.row.source_file,
        key,
        "",
        older.asOf,
        `no restatement; restated by ${newer.row.source_file} (meta.as_of ${newer.asOf}), whose values are used`,
        "restated",
      ),
    );
    kept.set(key, newer);
  }
  return { rows: [...kept.values()].map((e) => e.row), problems };
}

/** How {@linkcode loadDatasetFiles} reads and merges one Data API dataset. */
export interface DatasetSpec<Row extends { source_file: string }> {
  /** Parse one saved response into rows, its `as_of` and its problems. */
  parse: (
    file: string,
  ) => Promise<{ rows: Row[]; problems: Problem[]; asOf: string | null }>;
  /** The record a row is named by in a problem. */
  record: (row: Row) => string;
  /** The key under which two files carry the same row. */
  key: (row: Row) => string;
  /** Whether two rows with the same key carry the same values. */
  sameValues: (a: Row, b: Row) => boolean;
  /** The frame's columns. */
  schema: Record<string, pl.DataType>;
  /** The frame's order. */
  order: (frame: pl.DataFrame) => pl.DataFrame;
}

/**
 * Load saved responses of one Data API dataset (pages, windows) into one
 * frame: each file parsed, the rows merged by key ({@linkcode mergeByKey}:
 * a later `meta.as_of` restates an earlier one), errors and warnings split
 * ({@linkcode loadedOf}).
 *
 * @param files Paths of the saved JSON files.
 * @param spec How to parse, key, compare and order the rows.
 * @returns The frame, the warnings and the errors (with errors, the frame is empty).
 */
export async function loadDatasetFiles<Row extends { source_file: string }>(
  files: readonly string[],
  spec: DatasetSpec<Row>,
): Promise<Loaded> {
  const problems: Problem[] = [];
  const entries: { row: Row; asOf: string | null; record: string }[] = [];
  for (const file of files) {
    const parsed = await spec.parse(file);
    problems.push(...parsed.problems);
    for (const row of parsed.rows) {
      entries.push({ row, asOf: parsed.asOf, record: spec.record(row) });
    }
  }
  const merged = mergeByKey(entries, spec.key, spec.sameValues);
  problems.push(...merged.problems);
  return loadedOf(merged.rows, problems, spec.schema, spec.order);
}

/**
 * Check that a saved answer's `meta` gives calendar dates for the named
 * fields (only when the file itself was read without problems), adding a
 * problem per bad field.
 *
 * @param file The file, for the messages.
 * @param read The file as `readDatasetFile()` read it.
 * @param problems Receives the problems.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const problems: import("./problems.ts").Problem[] = [];
 * checkMetaDates("f.json", { meta: { start_date: "2026-06-01", end_date: "June" }, problems: [] }, problems);
 * assert.deepEqual(problems.map((p) => p.field), ["end_date"]);
 * ```
 */
export function checkMetaDates(
  file: string,
  read: { meta: Record<string, unknown>; problems: readonly Problem[] },
  problems: Problem[],
): void {
  if (read.problems.length > 0) return;
  for (const field of ["start_date", "end_date"]) {
    const value = read.meta[field];
    if (!isCalendarDate(value)) {
      problems.push(
        error(file, "meta", field, value, "a calendar date YYYY-MM-DD"),
      );
    }
  }
}

/**
 * A record of a saved answer's `data` as an object, or undefined after
 * adding a problem naming what the record should have been.
 *
 * @param file The file.
 * @param where The record's path, e.g. `data[3]`.
 * @param record The record.
 * @param expected What it should be ("an object with app_id, … and total_tokens").
 * @param problems Receives the problem.
 * @returns The record, or undefined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const problems: import("./problems.ts").Problem[] = [];
 * assert.equal(objectRecord("f", "data[0]", [1], "an object", problems), undefined);
 * assert.deepEqual(objectRecord("f", "data[1]", { a: 1 }, "an object", problems), { a: 1 });
 * assert.equal(problems.length, 1);
 * ```
 */
export function objectRecord(
  file: string,
  where: string,
  record: unknown,
  expected: string,
  problems: Problem[],
): Record<string, unknown> | undefined {
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    problems.push(error(file, where, "", record, expected));
    return undefined;
  }
  return record as Record<string, unknown>;
}
