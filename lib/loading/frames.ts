/**
 * Frames as every loader builds them: a frame from rows with an explicit
 * schema (so an empty input keeps its columns), and what a loader returns
 * (the frame, its warnings and its errors).
 *
 * @module
 */
import pl from "nodejs-polars";
import type { Problem } from "./problems.ts";

/** What a loader returns: the frame and the warnings about records it kept or left out. */
export interface Loaded {
  /** The validated, normalised rows. */
  frame: pl.DataFrame;
  /** Warnings: valid but suspicious records, each naming file, record and field. */
  warnings: Problem[];
  /** Errors: when non-empty, `frame` is empty and must not be used. */
  errors: Problem[];
}

/**
 * What a loader returns from its rows and problems: the problems split into
 * errors and warnings, and the frame of the rows (empty, with its columns,
 * when there is any error), in the loader's order.
 *
 * @param rows The rows of every file.
 * @param problems Every problem of every file.
 * @param schema The frame's columns and dtypes.
 * @param order Sorts the frame (the loader's documented order).
 * @returns The loaded frame and its problems.
 *
 * @example An error empties the frame but keeps its columns
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const schema = { id: pl.Utf8 };
 * const bad = { severity: "error" as const, file: "f", record: "", field: "", value: "", expected: "x" };
 * assert.equal(loadedOf([{ id: "a" }], [bad], schema, (f) => f).frame.height, 0);
 * assert.deepEqual(loadedOf([{ id: "b" }, { id: "a" }], [], schema, (f) => f.sort("id")).frame.getColumn("id").toArray(), ["a", "b"]);
 * ```
 */
export function loadedOf(
  rows: readonly object[],
  problems: readonly Problem[],
  schema: Record<string, pl.DataType>,
  order: (frame: pl.DataFrame) => pl.DataFrame,
): Loaded {
  const errors = problems.filter((p) => p.severity === "error");
  const warnings = problems.filter((p) => p.severity === "warning");
  if (errors.length > 0) {
    return { frame: frameOf([], schema), warnings, errors };
  }
  return { frame: order(frameOf(rows, schema)), warnings, errors };
}

/** Build a frame from rows with an explicit schema, so empty inputs keep their columns. */
export function frameOf(
  rows: readonly object[],
  schema: Record<string, pl.DataType>,
): pl.DataFrame {
  const columns: Record<string, pl.Series> = {};
  for (const [name, dtype] of Object.entries(schema)) {
    const values = rows.map((row) =>
      (row as Record<string, unknown>)[name] ?? null
    );
    columns[name] = pl.Series(name, values, dtype);
  }
  return pl.DataFrame(columns);
}
