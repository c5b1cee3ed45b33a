import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  partsBy,
  recordsOf,
  rowsBetween,
  rowsWhere,
  spanOf,
} from "../../lib/analysis/lookup.ts";

const frame = pl.DataFrame({
  week: ["2026-06-08", "2026-06-01", "2026-06-08", null, "2026-06-01"],
  model: ["a", "b", "c", "d", "e"],
  tokens: [1, 2, 3, 4, 5],
});

Deno.test("rowsWhere() gives the rows a polars filter gives, in the frame's order", () => {
  for (const week of ["2026-06-08", "2026-06-01", "2026-05-25"]) {
    const filtered = frame.filter(pl.col("week").eq(pl.lit(week)));
    const looked = rowsWhere(frame, "week", week);
    assert.deepEqual(looked.toRecords(), filtered.toRecords());
    assert.deepEqual(looked.columns, frame.columns);
  }
});

Deno.test("partsBy() splits once per frame and column, nulls apart", () => {
  const parts = partsBy(frame, "week");
  assert.equal(partsBy(frame, "week"), parts);
  assert.deepEqual(
    [...parts.keys()].sort(),
    [
      "2026-06-01",
      "2026-06-08",
      null,
    ].sort(),
  );
  assert.deepEqual(parts.get(null)?.getColumn("model").toArray(), ["d"]);
  assert.equal(partsBy(pl.DataFrame({ week: [] as string[] }), "week").size, 0);
});

Deno.test("a different frame with the same contents gets its own answer", () => {
  const other = frame.withColumns(pl.col("tokens").mul(10));
  assert.deepEqual(
    rowsWhere(other, "week", "2026-06-01").getColumn("tokens").toArray(),
    [20, 50],
  );
  assert.deepEqual(
    rowsWhere(frame, "week", "2026-06-01").getColumn("tokens").toArray(),
    [2, 5],
  );
});

Deno.test("recordsOf() converts once and hands out frozen records", () => {
  const rows = recordsOf(frame);
  assert.equal(recordsOf(frame), rows);
  assert.deepEqual(rows, frame.toRecords());
  assert.throws(() => (rows as Record<string, unknown>[]).push({}), TypeError);
  assert.throws(() => {
    (rows[0] as Record<string, unknown>).tokens = 9;
  }, TypeError);
});

Deno.test("spanOf() gives the first and last date, nulls ignored", () => {
  assert.deepEqual(spanOf(frame, "week"), ["2026-06-01", "2026-06-08"]);
});

const sorted = pl.DataFrame({
  date: ["2026-05-30", "2026-05-30", "2026-06-01", "2026-06-02", "2026-06-02"],
  n: [1, 2, 3, 4, 5],
});
const unsorted = pl.DataFrame({
  date: ["2026-06-02", "2026-05-30", "2026-06-01", "2026-05-30"],
  n: [1, 2, 3, 4],
});
const notAscii = pl.DataFrame({ date: ["a", "é", "z"], n: [1, 2, 3] });

Deno.test("rowsBetween() and rowsWhere() give a polars filter's rows, sorted frame or not", () => {
  const ranges = [
    ["2026-05-30", "2026-05-30"],
    ["2026-05-29", "2026-06-01"],
    ["2026-05-31", "2026-05-31"],
    ["2026-06-01", "2026-06-09"],
    ["2026-06-03", "2026-06-09"],
    ["2026-06-02", "2026-05-30"],
    ["a", "f"],
    ["b", "z"],
  ];
  for (const frame of [sorted, unsorted, notAscii]) {
    for (const [from, to] of ranges) {
      const filtered = frame.filter(
        pl.col("date").gtEq(pl.lit(from)).and(pl.col("date").ltEq(pl.lit(to))),
      );
      assert.deepEqual(
        rowsBetween(frame, "date", from, to).toRecords(),
        filtered.toRecords(),
        `${from} … ${to}`,
      );
      assert.deepEqual(
        rowsWhere(frame, "date", from).toRecords(),
        frame.filter(pl.col("date").eq(pl.lit(from))).toRecords(),
        from,
      );
    }
  }
  assert.equal(rowsBetween(sorted.head(0), "date", "a", "z").height, 0);
});
