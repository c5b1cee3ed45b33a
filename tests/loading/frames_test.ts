import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { frameOf, loadedOf } from "../../lib/loading/frames.ts";
import { error, warning } from "../../lib/loading/problems.ts";

const schema = { id: pl.Utf8, tokens: pl.Int64, price: pl.Float64 };

Deno.test("frameOf() builds the schema's columns in order, with their dtypes, from rows", () => {
  const frame = frameOf([
    { id: "a", tokens: 5, price: 0.5, extra: "dropped" },
    { id: "b", tokens: 7 },
  ], schema);
  assert.deepEqual(frame.columns, ["id", "tokens", "price"]);
  assert.deepEqual(frame.dtypes.map(String), [
    "DataType(String)",
    "DataType(Int64)",
    "DataType(Float64)",
  ]);
  assert.deepEqual(frame.getColumn("id").toArray(), ["a", "b"]);
  // A missing field is null, not 0.
  assert.deepEqual(frame.getColumn("price").toArray(), [0.5, null]);
  assert.equal(frame.getColumn("tokens").sum(), 12);
});

Deno.test("frameOf() of no rows keeps every column with its dtype", () => {
  const empty = frameOf([], schema);
  assert.equal(empty.height, 0);
  assert.deepEqual(empty.columns, ["id", "tokens", "price"]);
  assert.equal(String(empty.getColumn("tokens").dtype), "DataType(Int64)");
});

Deno.test("loadedOf() splits errors from warnings and orders the frame when there are no errors", () => {
  const note = warning(
    "f.json",
    "data[1]",
    "tokens",
    0,
    "a positive count",
    "zero",
  );
  const loaded = loadedOf(
    [{ id: "b", tokens: 2 }, { id: "a", tokens: 1 }],
    [note],
    schema,
    (frame) => frame.sort("id"),
  );
  assert.deepEqual(loaded.frame.getColumn("id").toArray(), ["a", "b"]);
  assert.deepEqual(loaded.warnings, [note]);
  assert.deepEqual(loaded.errors, []);
});

Deno.test("loadedOf() with any error gives an empty frame with its columns, and keeps every problem", () => {
  const bad = error("f.json", "data[0]", "id", 5, "a string");
  const worse = error("g.json", "data[3]", "tokens", "x", "an integer");
  const note = warning("f.json", "data[1]", "tokens", 0, "a positive count");
  let ordered = false;
  const loaded = loadedOf(
    [{ id: "a", tokens: 1 }],
    [bad, note, worse],
    schema,
    (frame) => {
      ordered = true;
      return frame;
    },
  );
  assert.equal(loaded.frame.height, 0);
  assert.deepEqual(loaded.frame.columns, ["id", "tokens", "price"]);
  assert.deepEqual(loaded.errors, [bad, worse]);
  assert.deepEqual(loaded.warnings, [note]);
  // The order function is not asked to sort rows that will not be used.
  assert.equal(ordered, false);
});
