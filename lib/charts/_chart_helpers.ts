/**
 * Private helpers of the chart files in lib/charts: input checks, origin
 * colours and legends, axis ticks. Label placement is in _label_placer.ts.
 *
 * @module
 */

import type pl from "nodejs-polars";
import * as Plot from "@observablehq/plot";
import { OTHER_ORIGIN } from "../analysis/model_info.ts";
import {
  FONT_SIZE,
  type LegendItem,
  originColor,
  originOrder,
  SERIES_COLORS,
  textWidth,
  truncateLabel,
} from "./chart_style.ts";

/** Colour of rules (zero lines, thresholds). */
export const RULE = "#333333";

/**
 * A Plot colour scale for origins, in the house order and colours.
 *
 * @param origins The origins drawn.
 * @returns `{ domain, range }` for Plot's `color` option.
 *
 * @example China before US
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(originScale(["US", "China"]).domain, ["China", "US"]);
 * ```
 */
export function originScale(
  origins: string[],
): { domain: string[]; range: string[] } {
  const domain = originOrder(origins);
  return { domain, range: domain.map(originColor) };
}

/**
 * The legend's label for the `other` row's origin ({@linkcode OTHER_ORIGIN}):
 * it is the tokens outside the day's top 50, of mixed origins, so it is not
 * called "other" next to the origin `other` (neither China, the US nor Europe).
 */
export const OUTSIDE_TOP_50_LABEL = "outside the top 50";

/**
 * Legend items for origins, in the house order and colours; the `other`
 * row's origin is labelled {@linkcode OUTSIDE_TOP_50_LABEL}, so the legend
 * has one "other" entry.
 *
 * @param origins The origins drawn.
 * @returns One item per origin.
 *
 * @example One origin; one "other"
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(originLegend(["US", "US"]).length, 1);
 * assert.deepEqual(originLegend(["other", "other (not in top 50)"]).map((i) => i.label), ["other", "outside the top 50"]);
 * ```
 */
export function originLegend(origins: string[]): LegendItem[] {
  return originOrder(origins).map((origin) => ({
    label: origin === OTHER_ORIGIN ? OUTSIDE_TOP_50_LABEL : origin,
    color: originColor(origin),
  }));
}

/**
 * Legend items for series, coloured in `SERIES_COLORS` order.
 *
 * @param series The series' labels, in order.
 * @returns One item per series.
 *
 * @example Two series
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(seriesLegend(["a", "b"]).map((i) => i.label), ["a", "b"]);
 * ```
 */
export function seriesLegend(series: string[]): LegendItem[] {
  return series.map((label, i) => ({
    label,
    color: SERIES_COLORS[i % SERIES_COLORS.length],
  }));
}

/**
 * Check that a non-empty frame has the columns a chart reads.
 *
 * @param frame The chart's input.
 * @param chart The chart function's name, for the message.
 * @param columns The columns the chart reads.
 * @returns `false` when the frame has no rows (the chart draws "no data").
 * @throws {TypeError} Listing every missing column.
 *
 * @example Empty, complete and incomplete frames
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * assert.equal(hasRows(pl.DataFrame(), "c", ["a"]), false);
 * assert.equal(hasRows(pl.DataFrame({ a: [1] }), "c", ["a"]), true);
 * assert.throws(() => hasRows(pl.DataFrame({ a: [1] }), "c", ["a", "b"]), /missing column "b"/);
 * ```
 */
export function hasRows(
  frame: pl.DataFrame,
  chart: string,
  columns: string[],
): boolean {
  if (frame.height === 0) return false;
  const missing = columns.filter((column) => !frame.columns.includes(column));
  if (missing.length > 0) {
    throw new TypeError(
      `Cannot draw ${chart}: frame is missing column${
        missing.length > 1 ? "s" : ""
      } ${missing.map((c) => JSON.stringify(c)).join(", ")}, expected ${
        columns.map((c) => JSON.stringify(c)).join(", ")
      } (it has ${frame.columns.map((c) => JSON.stringify(c)).join(", ")})`,
    );
  }
  return true;
}

/**
 * Distinct values in order of first appearance.
 *
 * @param values Any values.
 * @returns Each value once, first occurrence first.
 *
 * @example Keep first appearance
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(distinct(["b", "a", "b"]), ["b", "a"]);
 * ```
 */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/**
 * Margin for axis labels: the widest label (lines split at "\n") plus room
 * for the tick.
 *
 * @param labels The labels as drawn.
 * @param fontSize Font size in pixels (default the axis size).
 * @returns Margin in whole pixels.
 *
 * @example Two lines
 * ```ts
 * import assert from "node:assert/strict";
 * // "0000" is 4 × 0.636em = 27.984px at 11px.
 * assert.equal(labelMargin(["00\n0000"], 11), 40);
 * ```
 */
export function labelMargin(
  labels: string[],
  fontSize: number = FONT_SIZE.axis,
): number {
  const lines = labels.flatMap((label) => label.split("\n"));
  return Math.ceil(Math.max(0, ...lines.map((l) => textWidth(l, fontSize)))) +
    12;
}

/**
 * Ticks for a log axis: powers of ten, with 2× and 5× when the span is at
 * most 3.5 decades, and every integer mantissa when that leaves fewer than 2.
 *
 * @param min Lower end of the domain (positive).
 * @param max Upper end of the domain.
 * @returns Ticks inside the domain, ascending.
 *
 * @example Tokens from 40B to 7T
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(logTicks(4e10, 7e12), [5e10, 1e11, 2e11, 5e11, 1e12, 2e12, 5e12]);
 * assert.deepEqual(logTicks(2.1, 4.9), [3, 4]);
 * ```
 */
export function logTicks(min: number, max: number): number[] {
  const low = Math.floor(Math.log10(min));
  const high = Math.ceil(Math.log10(max));
  const mantissas = Math.log10(max / min) <= 3.5 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let exponent = low; exponent <= high; exponent++) {
    for (const mantissa of mantissas) {
      const tick = mantissa * 10 ** exponent;
      if (tick >= min && tick <= max) ticks.push(tick);
    }
  }
  if (ticks.length < 2 && mantissas.length < 9) {
    const every = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    return Array.from(
      { length: high - low + 1 },
      (_, i) => every.map((m) => m * 10 ** (low + i)),
    ).flat().filter((tick) => tick >= min && tick <= max);
  }
  return ticks;
}

/**
 * Grid and axis marks for a log x scale, with every tick of
 * {@linkcode logTicks} labelled by `format` (Plot's own log axis drops the
 * labels of 2× and 5× ticks when given a format function).
 *
 * @param domain The x domain.
 * @param format Tick label format.
 * @param label Axis label.
 * @returns Marks for `Plot.plot({ marks })`.
 *
 * @example A grid and an axis
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(logAxisX([1, 100], String, "x").length, 2);
 * ```
 */
export function logAxisX(
  domain: [number, number],
  format: (value: number) => string,
  label: string,
): Plot.Markish[] {
  const ticks = logTicks(domain[0], domain[1]);
  return [
    Plot.gridX(ticks),
    Plot.axisX(ticks, {
      text: format,
      label,
      labelAnchor: "right",
      labelArrow: "none",
    }),
  ];
}

const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/**
 * Tick label of a week: `"2026-06-01"` → `"1 Jun"`, with the year on a
 * second line for the first tick and where the year changes.
 *
 * @param week Week start as YYYY-MM-DD.
 * @param previous The tick before, if any.
 * @returns The label, possibly two lines.
 *
 * @example First tick and a later one
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(weekTick("2026-06-01", undefined), "1 Jun\n2026");
 * assert.equal(weekTick("2026-06-08", "2026-06-01"), "8 Jun");
 * ```
 */
export function weekTick(week: string, previous: string | undefined): string {
  const [year, month, day] = week.split("-");
  const label = `${Number(day)} ${MONTHS[Number(month) - 1] ?? month}`;
  return previous === undefined || previous.slice(0, 4) !== year
    ? `${label}\n${year}`
    : label;
}

/**
 * Every k-th week, so that week labels (about 48px each) fit into `width`.
 *
 * @param weeks All weeks, in order.
 * @param width Pixels available.
 * @returns The weeks to label.
 *
 * @example Ten weeks in 240px
 * ```ts
 * import assert from "node:assert/strict";
 * const weeks = Array.from({ length: 10 }, (_, i) => `w${i}`);
 * assert.deepEqual(thinWeeks(weeks, 240), ["w0", "w2", "w4", "w6", "w8"]);
 * ```
 */
export function thinWeeks(weeks: string[], width: number): string[] {
  const step = Math.max(1, Math.ceil((weeks.length * 48) / Math.max(width, 1)));
  return weeks.filter((_, i) => i % step === 0);
}

/** A chart's margins in pixels, as its label placement reads them too. */
export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The options every `Plot.plot` of a chart starts with: its document, its
 * size and its margins.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const options = plotBase({} as Document, { width: 640, height: 400 }, { left: 52, right: 20, top: 24, bottom: 40 });
 * assert.equal(options.marginLeft, 52);
 * assert.equal(options.height, 400);
 * ```
 */
export function plotBase(
  document: Document,
  size: { width: number; height: number },
  margin: Margins,
) {
  return {
    document,
    width: size.width,
    height: size.height,
    marginLeft: margin.left,
    marginRight: margin.right,
    marginTop: margin.top,
    marginBottom: margin.bottom,
  };
}

/** A y axis of model names, in the given order, long names shortened. */
export function modelAxis(models: string[]) {
  return {
    domain: models,
    label: null,
    tickFormat: (m: string) => truncateLabel(m),
  };
}
