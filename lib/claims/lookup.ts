/**
 * Finding a claim or a ledger entry by its id: the one lookup every check,
 * finding and chart uses.
 *
 * @module
 */

/**
 * The item with an id, or undefined.
 *
 * @param items Claims or ledger entries.
 * @param id A claim id, e.g. `pt-42`.
 * @returns The first item with that id, or undefined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(findById([{ id: "pt-1" }, { id: "pt-2" }], "pt-2")?.id, "pt-2");
 * assert.equal(findById([{ id: "pt-1" }], "pt-9"), undefined);
 * ```
 */
export function findById<T extends { id: string }>(
  items: readonly T[],
  id: string,
): T | undefined {
  return items.find((item) => item.id === id);
}

/**
 * The item with an id; throws when the ledger lacks it.
 *
 * @param items Claims or ledger entries.
 * @param id A claim id.
 * @param what What was being computed, for the message ("the agent-task findings").
 * @returns The item.
 * @throws {TypeError} "Cannot compute {what}: claim {id} is missing, expected it in claims.csv".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.throws(() => requireById([], "pt-9", "the findings"), /claim pt-9 is missing/);
 * ```
 */
export function requireById<T extends { id: string }>(
  items: readonly T[],
  id: string,
  what: string,
): T {
  const found = findById(items, id);
  if (found === undefined) {
    throw new TypeError(
      `Cannot compute ${what}: claim ${id} is missing, expected it in claims.csv`,
    );
  }
  return found;
}
