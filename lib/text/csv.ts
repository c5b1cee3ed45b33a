/**
 * CSV text of a polars frame, as every output of tokenbook writes it.
 *
 * @module
 */
import type pl from "nodejs-polars";

/**
 * Render a frame as CSV text with a header and a trailing newline.
 *
 * @param frame The frame.
 * @returns CSV text.
 *
 * @example Two rows
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * assert.equal(frameToCsv(pl.DataFrame({ model: ["A", "B"] })), "model\nA\nB\n");
 * ```
 */
export function frameToCsv(frame: pl.DataFrame): string {
  const text = frame.writeCSV().toString();
  return text.endsWith("\n") ? text : `${text}\n`;
}
