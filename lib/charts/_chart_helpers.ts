/**
 * Private helpers for lib/charts/charts.ts: input checks, axis ticks, and a greedy
 * label placer that keeps point labels from overlapping.
 *
 * @module
 */

import type pl from "nodejs-polars";
import * as Plot from "@observablehq/plot";
import {
  FONT_SIZE,
  type LegendItem,
  originColor,
  originOrder,
  SERIES_COLORS,
  svgElement,
  TEXT_COLOR,
  textWidth,
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
 * Legend items for origins, in the house order and colours.
 *
 * @param origins The origins drawn.
 * @returns One item per origin.
 *
 * @example One origin
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(originLegend(["US", "US"]).length, 1);
 * ```
 */
export function originLegend(origins: string[]): LegendItem[] {
  return originOrder(origins).map((origin) => ({
    label: origin,
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

/** A rectangle in pixels. */
interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** A label to place next to a point, in the plot's pixel coordinates. */
export interface PointLabel {
  x: number;
  y: number;
  text: string;
  /** Radius of the point the label belongs to. */
  radius: number;
}

type Anchor = "start" | "middle" | "end";

/** Whether two boxes come closer than 2px. */
function overlaps(a: Box, b: Box): boolean {
  const gap = 2;
  return a.left < b.right + gap && b.left < a.right + gap &&
    a.top < b.bottom + gap && b.top < a.bottom + gap;
}

/** The box of one line of text with its baseline at `y`. */
function textBox(
  text: string,
  x: number,
  y: number,
  anchor: Anchor,
  fontSize: number,
): Box {
  const width = textWidth(text, fontSize);
  const left = x -
    (anchor === "end" ? width : anchor === "middle" ? width / 2 : 0);
  return {
    left,
    right: left + width,
    top: y - fontSize * 0.76,
    bottom: y + fontSize * 0.24,
  };
}

function pointBox({ x, y, radius }: Omit<PointLabel, "text">): Box {
  return {
    left: x - radius,
    right: x + radius,
    top: y - radius,
    bottom: y + radius,
  };
}

/** A `<text>` with a white halo, readable over lines and grid. */
function haloText(
  document: Document,
  text: string,
  x: number,
  y: number,
  anchor: Anchor,
  fontSize: number,
): SVGElement {
  return svgElement(document, "text", {
    x,
    y,
    "text-anchor": anchor,
    "font-size": fontSize,
    fill: TEXT_COLOR.title,
    stroke: "white",
    "stroke-width": 4,
    "stroke-linejoin": "round",
    "paint-order": "stroke",
  }, text);
}

/**
 * Points every `step` pixels along a polyline, as obstacles for labels.
 *
 * @param points Vertices in pixels; a NaN coordinate breaks the line.
 * @param step Distance between samples in pixels (default 3).
 * @returns Sample points with a 1.5px radius.
 *
 * @example A 9px segment
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(samplePolyline([[0, 0], [9, 0]]).map((p) => p.x), [0, 3, 6, 9]);
 * ```
 */
export function samplePolyline(
  points: [number, number][],
  step = 3,
): Omit<PointLabel, "text">[] {
  const samples: Omit<PointLabel, "text">[] = [];
  for (const [i, [x, y]] of points.entries()) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    samples.push({ x, y, radius: 1.5 });
    const next = points[i + 1];
    if (!next || !Number.isFinite(next[0]) || !Number.isFinite(next[1])) {
      continue;
    }
    const count = Math.ceil(Math.hypot(next[0] - x, next[1] - y) / step);
    for (let k = 1; k < count; k++) {
      samples.push({
        x: x + ((next[0] - x) * k) / count,
        y: y + ((next[1] - y) * k) / count,
        radius: 1.5,
      });
    }
  }
  return samples;
}

/**
 * A label for a rule or a line: the first of `candidates` (baseline
 * position and anchor) whose text stays clear of `obstacles`, else the first.
 *
 * @param document The document to create the element in.
 * @param text The label.
 * @param candidates Positions to try, in order of preference.
 * @param obstacles Points the label must not cover.
 * @param fontSize Font size in pixels.
 * @returns A `<text>` with a white halo.
 *
 * @example The first position is taken
 * ```ts
 * import assert from "node:assert/strict";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const candidates = [{ x: 0, y: 10, anchor: "start" as const }, { x: 0, y: 40, anchor: "start" as const }];
 * const label = placeFixedLabel(document, "26×", candidates, [{ x: 5, y: 8, radius: 1 }]);
 * assert.equal(label.getAttribute("y"), "40");
 * ```
 */
export function placeFixedLabel(
  document: Document,
  text: string,
  candidates: { x: number; y: number; anchor: Anchor }[],
  obstacles: Omit<PointLabel, "text">[],
  fontSize: number = FONT_SIZE.label,
): SVGElement {
  const boxes = obstacles.map(pointBox);
  const free = candidates.find(({ x, y, anchor }) => {
    const box = textBox(text, x, y, anchor, fontSize);
    return !boxes.some((other) => overlaps(box, other));
  }) ?? candidates[0];
  return haloText(document, text, free.x, free.y, free.anchor, fontSize);
}

/**
 * Place labels next to points, greedily in the order given: each label takes
 * the first of eight positions around its point that overlaps no point (its
 * own, the other labels' or `obstacles`) and no label placed before it and
 * stays inside `bounds`; failing that, positions further away joined by a
 * leader line; failing that, the least crowded one, or none at all with
 * `dropCrowded`.
 *
 * @param document The document to create elements in.
 * @param labels Points with their labels, in pixels, most important first.
 * @param options `bounds` to stay inside, other `obstacles`, `fontSize`,
 * and `dropCrowded` to leave out labels that cannot be placed cleanly.
 * @returns `<text>` (and leader `<line>`) elements with a white halo.
 *
 * @example Two close points get labels on different sides
 * ```ts
 * import assert from "node:assert/strict";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const labels = placeLabels(document, [
 *   { x: 100, y: 50, text: "Alpha", radius: 4 },
 *   { x: 100, y: 58, text: "Beta", radius: 4 },
 * ], { bounds: { left: 0, right: 300, top: 0, bottom: 100 } });
 * assert.deepEqual(labels.map((l) => l.getAttribute("text-anchor")), ["start", "end"]);
 * ```
 */
export function placeLabels(
  document: Document,
  labels: PointLabel[],
  { bounds, obstacles = [], fontSize = FONT_SIZE.label, dropCrowded = false }: {
    bounds: Box;
    obstacles?: Omit<PointLabel, "text">[];
    fontSize?: number;
    dropCrowded?: boolean;
  },
): SVGElement[] {
  const points = [...labels, ...obstacles].map(pointBox);
  const placed: Box[] = [];
  const elements: SVGElement[] = [];
  const ascent = fontSize * 0.76;
  const descent = fontSize * 0.24;
  for (const label of labels) {
    const gap = label.radius + 3;
    const near: [number, number, Anchor][] = [
      [gap, ascent / 2 - 1, "start"],
      [-gap, ascent / 2 - 1, "end"],
      [0, -gap - descent, "middle"],
      [0, gap + ascent, "middle"],
      [gap - 2, -gap - descent + 2, "start"],
      [gap - 2, gap + ascent - 2, "start"],
      [-gap + 2, -gap - descent + 2, "end"],
      [-gap + 2, gap + ascent - 2, "end"],
    ];
    const far = [1, 2, 3].flatMap((step) => {
      const dy = step * (fontSize + 2);
      return near.slice(4).map(([dx, baseline, anchor]) =>
        [
          dx + Math.sign(dx) * 6,
          baseline + Math.sign(baseline) * dy,
          anchor,
        ] as [number, number, Anchor]
      );
    });
    let best: { dx: number; dy: number; anchor: Anchor; box: Box } | undefined;
    let bestScore = Infinity;
    for (const [index, [dx, dy, anchor]] of [...near, ...far].entries()) {
      const box = textBox(
        label.text,
        label.x + dx,
        label.y + dy,
        anchor,
        fontSize,
      );
      const inside = box.left >= bounds.left && box.right <= bounds.right &&
        box.top >= bounds.top && box.bottom <= bounds.bottom;
      const crowding = [...placed, ...points].filter((other) =>
        overlaps(box, other)
      ).length;
      const score = (inside ? 0 : 1000) + crowding * 10 + index * 0.01;
      if (score < bestScore) {
        bestScore = score;
        best = { dx, dy, anchor, box };
      }
      if (inside && crowding === 0) break;
    }
    const { dx, dy, anchor, box } = best!;
    if (dropCrowded && bestScore >= 10) continue;
    placed.push(box);
    if (Math.abs(dy) > fontSize + label.radius + 2) {
      elements.push(svgElement(document, "line", {
        x1: label.x,
        y1: label.y,
        x2: label.x + dx,
        y2: dy < 0 ? box.bottom : box.top,
        stroke: "#999999",
        "stroke-width": 0.75,
      }));
    }
    const text = haloText(
      document,
      label.text,
      label.x + dx,
      label.y + dy,
      anchor,
      fontSize,
    );
    text.setAttribute("fill", TEXT_COLOR.body);
    text.setAttribute("stroke-width", "3");
    elements.push(text);
  }
  return elements;
}
