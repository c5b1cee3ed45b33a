/**
 * Lookups in frames that never change, each computed once per frame: a
 * frame's rows split by one column's values (one polars `partitionBy`, in
 * place of one `filter` per lookup: every polars call on a small frame costs
 * a thread hand-off, so hundreds of tiny filters cost more than the work) and
 * a frame's rows as read-only records.
 *
 * The memo is a `WeakMap` on the frame object: polars frames are immutable,
 * so a cached answer cannot go stale, and it is freed with its frame.
 *
 * @module
 */
import pl from "nodejs-polars";

const partitions = new WeakMap<
  pl.DataFrame,
  Map<string, Map<unknown, pl.DataFrame>>
>();
const records = new WeakMap<
  pl.DataFrame,
  readonly Readonly<Record<string, unknown>>[]
>();

/**
 * A frame's rows grouped by the values of one column, each group in the
 * frame's row order.
 *
 * @param frame The frame.
 * @param column The column.
 * @returns Sub-frames by value (null for nulls); computed once per frame and column.
 */
export function partsBy(
  frame: pl.DataFrame,
  column: string,
): ReadonlyMap<unknown, pl.DataFrame> {
  let byColumn = partitions.get(frame);
  if (byColumn === undefined) {
    byColumn = new Map();
    partitions.set(frame, byColumn);
  }
  let parts = byColumn.get(column);
  if (parts === undefined) {
    parts = new Map();
    if (frame.height > 0) {
      for (const part of frame.partitionBy(column, true)) {
        parts.set(part.getColumn(column).get(0), part);
      }
    }
    byColumn.set(column, parts);
  }
  return parts;
}

/**
 * The rows whose `column` equals `value`, in the frame's order: the same rows
 * as `frame.filter(pl.col(column).eq(pl.lit(value)))`. A slice when the
 * frame is sorted by a text column ({@linkcode rowsBetween}), else from
 * {@linkcode partsBy}.
 *
 * @param frame The frame.
 * @param column The column.
 * @param value The value (not null).
 * @returns The rows, or an empty frame with the same columns.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const frame = pl.DataFrame({ week: ["a", "b", "a"], n: [1, 2, 3] });
 * assert.deepEqual(rowsWhere(frame, "week", "a").getColumn("n").toArray(), [1, 3]);
 * assert.equal(rowsWhere(frame, "week", "z").height, 0);
 * assert.deepEqual(rowsWhere(frame, "week", "z").columns, ["week", "n"]);
 * ```
 */
export function rowsWhere(
  frame: pl.DataFrame,
  column: string,
  value: string | number | boolean,
): pl.DataFrame {
  if (typeof value === "string" && frame.height > 0) {
    // A frame sorted by the column: one slice (see rowsBetween).
    if (runsOf(frame, column) !== null) {
      return rowsBetween(frame, column, value, value);
    }
  }
  return partsBy(frame, column).get(value) ?? frame.head(0);
}

/**
 * A frame's rows as records, converted once per frame. The array and its
 * records are frozen: they are shared by every caller.
 *
 * @param frame The frame.
 * @returns The records, in row order.
 */
export function recordsOf(
  frame: pl.DataFrame,
): readonly Readonly<Record<string, unknown>>[] {
  let rows = records.get(frame);
  if (rows === undefined) {
    rows = Object.freeze(
      (frame.toRecords() as Record<string, unknown>[]).map((r) =>
        Object.freeze(r)
      ),
    );
    records.set(frame, rows);
  }
  return rows;
}

const spans = new WeakMap<pl.DataFrame, Map<string, [string, string]>>();

/**
 * The smallest and largest value of a text column (ISO dates sort as text),
 * computed once per frame and column.
 *
 * @param frame A frame with at least one row.
 * @param column A text column.
 * @returns `[first, last]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * assert.deepEqual(spanOf(pl.DataFrame({ d: ["2026-05-02", "2026-04-30"] }), "d"), ["2026-04-30", "2026-05-02"]);
 * ```
 */
export function spanOf(
  frame: pl.DataFrame,
  column: string,
): readonly [string, string] {
  let byColumn = spans.get(frame);
  if (byColumn === undefined) {
    byColumn = new Map();
    spans.set(frame, byColumn);
  }
  let span = byColumn.get(column);
  if (span === undefined) {
    const [row] = frame.select(
      pl.col(column).min().alias("first"),
      pl.col(column).max().alias("last"),
    ).toRecords() as { first: unknown; last: unknown }[];
    span = [String(row.first), String(row.last)];
    byColumn.set(column, span);
  }
  return span;
}

/** Where each value of a sorted column starts and ends, for {@linkcode rowsBetween}. */
interface Runs {
  values: string[];
  first: number[];
  last: number[];
}

const runs = new WeakMap<pl.DataFrame, Map<string, Runs | null>>();

/** The runs of equal values of a text column in row order, or null unless each value's rows are together and the values ascend. */
function runsOf(frame: pl.DataFrame, column: string): Runs | null {
  let byColumn = runs.get(frame);
  if (byColumn === undefined) {
    byColumn = new Map();
    runs.set(frame, byColumn);
  }
  if (!byColumn.has(column)) {
    const rows = frame.select(pl.col(column)).withRowIndex("_row")
      .groupBy(column)
      .agg(
        pl.col("_row").min().alias("first"),
        pl.col("_row").max().alias("last"),
        pl.len().alias("n"),
      )
      .sort("first").toRecords() as {
        first: number;
        last: number;
        n: number;
      }[];
    const found: Runs = { values: [], first: [], last: [] };
    let ok = true;
    for (const [i, row] of rows.entries()) {
      const value = (row as Record<string, unknown>)[column];
      if (
        // Plain ASCII, where JavaScript's order is polars' (UTF-8 bytes).
        typeof value !== "string" || /[^\x20-\x7e]/.test(value) ||
        Number(row.last) - Number(row.first) + 1 !== Number(row.n) ||
        (i > 0 && !(found.values[i - 1] < value))
      ) {
        ok = false;
        break;
      }
      found.values.push(value);
      found.first.push(Number(row.first));
      found.last.push(Number(row.last));
    }
    byColumn.set(column, ok ? found : null);
  }
  return byColumn.get(column)!;
}

/**
 * The rows whose text `column` lies in `from … to` (inclusive), in the
 * frame's order: the same rows as a polars filter on the range. When the
 * frame is sorted by that column (rankings are, by date), the rows are one
 * zero-copy slice found by binary search over the column's runs, computed
 * once per frame; otherwise the filter.
 *
 * @param frame The frame.
 * @param column A text column (ISO dates sort as text).
 * @param from First value.
 * @param to Last value.
 * @returns The rows.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const frame = pl.DataFrame({ date: ["2026-06-01", "2026-06-01", "2026-06-02", "2026-06-04"], n: [1, 2, 3, 4] });
 * assert.deepEqual(rowsBetween(frame, "date", "2026-06-01", "2026-06-03").getColumn("n").toArray(), [1, 2, 3]);
 * assert.equal(rowsBetween(frame, "date", "2026-06-05", "2026-06-09").height, 0);
 * ```
 */
export function rowsBetween(
  frame: pl.DataFrame,
  column: string,
  from: string,
  to: string,
): pl.DataFrame {
  const found = frame.height === 0 ? null : runsOf(frame, column);
  if (found === null) {
    return frame.filter(
      pl.col(column).gtEq(pl.lit(from)).and(pl.col(column).ltEq(pl.lit(to))),
    );
  }
  // The first run at or after `from`, and the first run after `to`.
  const search = (value: string, after: boolean) => {
    let low = 0;
    let high = found.values.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const v = found.values[mid];
      if (after ? v <= value : v < value) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const start = search(from, false);
  const end = search(to, true);
  if (start >= end) return frame.head(0);
  return frame.slice(
    found.first[start],
    found.last[end - 1] - found.first[start] + 1,
  );
}
