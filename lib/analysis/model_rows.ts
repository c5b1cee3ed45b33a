/**
 * Rows of a frame for the models a reader names, with an error that says
 * which names are not in the data and which ids are nearest: a typo in a
 * notebook never gives an empty table with no message.
 *
 * @module
 */
import pl from "nodejs-polars";

/** How many near ids the error names. */
const NEAREST = 3;

/** Levenshtein distance between two strings. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The ids of a column nearest to a name, by edit distance (ties in code-unit order).
 *
 * @param name The name asked for.
 * @param known The ids in the data.
 * @param count How many (default 3).
 * @returns The nearest ids, nearest first.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(nearestIds("deepseek/deepseek-v4-flsh", ["deepseek/deepseek-v4-flash", "openai/gpt-5", "deepseek/deepseek-v4-pro"], 2),
 *   ["deepseek/deepseek-v4-flash", "deepseek/deepseek-v4-pro"]);
 * ```
 */
export function nearestIds(
  name: string,
  known: readonly string[],
  count = NEAREST,
): string[] {
  return [...new Set(known)].map((id) => [id, distance(name, id)] as const)
    .sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .slice(0, count).map(([id]) => id);
}

/**
 * The rows of `frame` whose `column` is one of `ids`.
 *
 * @param frame The frame, e.g. `results.prices`.
 * @param ids The model ids (or names) asked for.
 * @param column The column to match (default `model_id`).
 * @returns The matching rows, in the frame's order.
 * @throws {RangeError} Naming every id not in the column, each with its nearest ids.
 * @throws {TypeError} When the frame has no such column.
 *
 * @example A typo names the nearest ids
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const prices = pl.DataFrame({ model_id: ["deepseek/deepseek-v4-flash", "anthropic/claude-sonnet-4.5"], usd: [0.1, 3] });
 * assert.equal(modelRows(prices, ["anthropic/claude-sonnet-4.5"]).height, 1);
 * assert.throws(
 *   () => modelRows(prices, ["deepseek/deepseek-v4-flsh"]),
 *   /model_id has no "deepseek\/deepseek-v4-flsh" \(nearest: "deepseek\/deepseek-v4-flash", "anthropic\/claude-sonnet-4.5"\)/,
 * );
 * ```
 */
export function modelRows(
  frame: pl.DataFrame,
  ids: readonly string[],
  column = "model_id",
): pl.DataFrame {
  if (!frame.columns.includes(column)) {
    throw new TypeError(
      `Cannot pick models: the frame has no column "${column}" (columns: ${
        frame.columns.join(", ")
      })`,
    );
  }
  const known = frame.getColumn(column).unique().toArray().filter((v) =>
    typeof v === "string"
  ) as string[];
  const missing = ids.filter((id) => !known.includes(id));
  if (missing.length > 0) {
    throw new RangeError(
      `Cannot pick models: ${column} has ${
        missing.map((id) =>
          `no ${JSON.stringify(id)} (nearest: ${
            nearestIds(id, known).map((n) => JSON.stringify(n)).join(", ")
          })`
        ).join("; ")
      }`,
    );
  }
  return frame.filter(pl.col(column).isIn([...ids]));
}
