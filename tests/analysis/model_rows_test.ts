import assert from "node:assert/strict";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { priceRows } from "../../lib/analysis/prices.ts";
import { modelRows } from "../../lib/analysis/model_rows.ts";

Deno.test("modelRows() on the bundled prices: a typo of a model id names it and the nearest ids, every typo at once", async () => {
  const { prices } = priceRows(await loadWorkspace("data"));
  const both = modelRows(prices, [
    "deepseek/deepseek-v4-flash",
    "anthropic/claude-sonnet-4.5",
  ]);
  assert.deepEqual(
    [...new Set(both.getColumn("model_id").toArray())].sort(),
    ["anthropic/claude-sonnet-4.5", "deepseek/deepseek-v4-flash"],
  );
  assert.throws(
    () =>
      modelRows(prices, ["deepseek/deepseek-v4-flsh", "anthropic/sonnet-4.5"]),
    (error: Error) =>
      error instanceof RangeError &&
      /no "deepseek\/deepseek-v4-flsh" \(nearest: "deepseek\/deepseek-v4-flash"/
        .test(error.message) &&
      /; no "anthropic\/sonnet-4\.5" \(nearest: /.test(error.message),
  );
  assert.throws(() => modelRows(prices, ["x"], "slug"), /no column "slug"/);
});
