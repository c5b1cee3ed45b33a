import assert from "node:assert/strict";
import {
  APPROXIMATE_TOLERANCE,
  boundOf,
  columnSteps,
  MIN_COLUMN_ROWS,
  precisionOf,
  toleranceOf,
} from "../../lib/claims/tolerance.ts";
import { printedFigures } from "../../lib/claims/figures.ts";
import { claim, claims } from "../_claims_fixture.ts";

// Article 004 = "OpenRouter Inference Revenue Statistics" (2026-02-09), table
// "Model Breakdown"; 000 = "The OpenRouter Pricing Truth" (2026-06-08); 002 =
// "OpenRouter rankings: the most-used AI models" (2026-06-08).

Deno.test("the tracker's Total Tokens column is read as 3 significant figures: 706.0B is ±0.5B, so 705.65B reproduces it", () => {
  // 004 Total Tokens: 706.0B, 370.0B, 1.16T, 764.0B, 430.0B, 665.0B, 442.0B, 345.0B, 344.0B, 343.0B.
  // Every one of the 9 "B" rows ends in ".0": the decimal is padding.
  const ir19 = claim("ir-19");
  const precision = precisionOf(ir19, claims);
  assert.equal(precision.printed, "706.0B");
  assert.equal(precision.tolerance, 5e8);
  assert.match(precision.rule, /0 in all 9 rows/);
  // python3: data/raw/inference-stats/2026-02-08.json, Sonnet 4.5 total_tokens = 705646757574.
  assert.ok(Math.abs(705_646_757_574 - ir19.stated) <= precision.tolerance);
  // "1.16T" uses its second decimal: ±0.005T.
  assert.equal(precisionOf(claim("ir-33"), claims).tolerance, 5e9);
  // The Cached column uses its decimal ("448.4B"): ±0.05B.
  assert.equal(precisionOf(claim("ir-20"), claims).tolerance, 5e7);
  // Read alone, without its column, "706.0B" would be ±0.05B and 705.65B would miss it.
  assert.equal(toleranceOf(706e9, ir19.quote, "tokens/week"), 5e7);
});

Deno.test('"| 3 | … $3.00/M" is ±$0.005, and so is "Gemini 2.5 … $2.50/M"', () => {
  assert.equal(precisionOf(claim("ir-22"), claims).tolerance, 0.005);
  assert.equal(precisionOf(claim("ir-51"), claims).tolerance, 0.005);
  // The quote alone gives the same: the figure is "$3.00/M", not the rank 3.
  assert.equal(toleranceOf(3, claim("ir-22").quote, "USD per M tokens"), 0.005);
});

Deno.test("columnSteps() keeps the printed precision when a column drops trailing zeros or has too few rows", () => {
  // 002's Tokens/day column: "1T" beside "4.6T" is 1.0T with its zero dropped.
  const day = [
    "4.6T",
    "4.5T",
    "4.3T",
    "3.7T",
    "2.6T",
    "2.5T",
    "2.2T",
    "2.1T",
    "1.3T",
    "1.2T",
    "1T",
    "822.8B",
  ]
    .map((t) => printedFigures(t)[0]);
  const steps = columnSteps(day);
  assert.equal(steps[10].step, 1e11);
  assert.equal(steps[11].step, 1e8);
  // Four rows whose last decimal is 0 are too few to call it padding.
  const few = ["1.0B", "2.0B", "3.0B", "4.0B"].map((t) => printedFigures(t)[0]);
  assert.equal(few.length < MIN_COLUMN_ROWS, true);
  assert.equal(columnSteps(few)[0].step, 1e8);
});

Deno.test('approximate words mean ±5%, nothing looser: "roughly one-tenth" is ±0.005, not ±50%', () => {
  assert.equal(APPROXIMATE_TOLERANCE, 0.05);
  // 000: "MiMo-V2-Flash cache read $0.01/M—roughly one-tenth of input" (pt-25).
  assert.equal(precisionOf(claim("pt-25"), claims).tolerance, 0.005);
  // "roughly 12%" → ±0.6 points; "~1/30" → ±1.5.
  assert.equal(
    toleranceOf(12, "Anthropic holds roughly 12% of traffic", "percent"),
    0.6,
  );
  assert.equal(precisionOf(claim("pt-46"), claims).tolerance, 1.5);
  // "nearly double" is ±5% of 2.
  assert.equal(precisionOf(claim("pt-08"), claims).tolerance, 0.1);
  // The marker must stand before the figure: in "nearly double US models at 4.9T"
  // the 4.9T is not approximate (±0.05T).
  assert.equal(precisionOf(claim("pt-07"), claims).tolerance, 5e10);
  // Not approximate: half a unit of the last printed digit.
  assert.equal(toleranceOf(28.9e12, "hit 28.9T", "tokens/week"), 5e10);
  assert.equal(toleranceOf(-3.5, "-3.5%", "percent"), 0.05);
});

Deno.test("counts, ranks, weeks and yes/no are exact", () => {
  assert.equal(toleranceOf(5, "fifth consecutive week", "weeks"), 0);
  assert.equal(toleranceOf(3, "#3", "rank"), 0);
  assert.equal(precisionOf(claim("bb-26"), claims).tolerance, 0);
});

Deno.test("boundOf() reads a bound from the words next to the figure only", () => {
  assert.equal(boundOf("daily peaks above 800B", 800e9), "at-least");
  assert.equal(boundOf("under 2% of weekly traffic", 2), "at-most");
  assert.equal(boundOf("Combined 45%+ of tokens", 45), "at-least");
  assert.equal(boundOf("3.43T", 3.43e12), "point");
  // "(+7.4% WoW)" is a sign, not "at least".
  assert.equal(boundOf("hit 28.9T (+7.4% WoW)", 7.4), "point");
  // "on the order of" is an order of magnitude.
  assert.equal(precisionOf(claim("bb-12"), claims).magnitude, true);
});
