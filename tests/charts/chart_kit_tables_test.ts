// chart_kit_tables.ts on small frames; the bundled data's kits are in chart_kit_test.ts.
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { Analyses } from "../../lib/run/analyses.ts";
import {
  ALT_MAX,
  CHART_KIT_TABLES,
} from "../../lib/charts/chart_kit_tables.ts";

const results = {
  period: { inference: ["2026-02-08", "2026-02-08"] },
} as unknown as Analyses;

Deno.test("the movers' kit table has units in its column names and its alt names the largest rise and fall", () => {
  const kit = CHART_KIT_TABLES.weekly_movers;
  const table = kit.table(
    pl.DataFrame({
      model: ["Up", "Down", "Mid"],
      origin: ["US", "China", "US"],
      prev_tokens: [1e12, 2e12, 1e12],
      tokens: [2.5e12, 1e12, 1.4e12],
      wow_change: [1.5, -0.5, 0.4],
    }),
    results,
  );
  assert.deepEqual(table.columns, [
    "model",
    "origin",
    "tokens_week_before",
    "tokens_week",
    "change_percent",
  ]);
  assert.deepEqual(table.getColumn("change_percent").toArray(), [150, 40, -50]);
  assert.equal(
    kit.alt(table, results),
    "3 models moved more than ±30% week over week: the largest rise Up +150% (2.50T tokens), the largest fall Down −50% (1.00T tokens).",
  );
});

Deno.test("an alt text longer than ALT_MAX is cut at a word", () => {
  const kit = CHART_KIT_TABLES.tokens_vs_benchmark;
  const long = "M".repeat(120);
  const table = kit.table(
    pl.DataFrame({
      model: [`${long}1`, `${long}2`],
      origin: ["US", "US"],
      score: [80, 70],
      tokens: [2e12, 1e9],
    }),
    results,
  );
  const alt = kit.alt(table, results);
  assert.ok(alt.length <= ALT_MAX, `${alt.length}`);
  assert.ok(alt.endsWith("…"));
});
