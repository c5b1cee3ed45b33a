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
 * as `frame.filter(pl.col(column).eq(pl.lit(value)))`, from
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
