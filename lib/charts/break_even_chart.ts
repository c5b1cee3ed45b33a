/**
 * The utilisation at which self-hosting breaks even with the API, one
 * horizontal bar per setup, with the band of utilisation inference fleets
 * report and a rule at 100% (beyond it self-hosting never wins).
 *
 * A pure function from a polars DataFrame to an `<svg>` element in the
 * house style of `chartFrame` (lib/charts/chart_style.ts); no I/O.
 *
 * @module
 */
import pl from "nodejs-polars";
import * as Plot from "@observablehq/plot";
import {
  CHART_HEIGHT,
  chartFrame,
  type ChartOptions,
  FONT_SIZE,
  percentTick,
  SERIES_COLORS,
  TEXT_COLOR,
  textWidth,
} from "./chart_style.ts";
import {
  hasRows,
  labelMargin,
  plotBase,
  RULE,
  seriesLegend,
} from "./_chart_helpers.ts";

/** Options of {@linkcode breakEvenChart}. */
export interface BreakEvenChartOptions extends ChartOptions {
  /** The shaded band of reported fleet utilisation, fractions (e.g. `[0.1, 0.2]`). */
  band?: readonly [number, number];
  /** Text beside the band, e.g. its source. */
  bandLabel?: string;
  /** Column of the bar's label (default `label`). */
  y?: string;
  /** Column of the break-even utilisation, a fraction (default `break_even_utilisation`). */
  x?: string;
  /** Column of the comparison each bar belongs to, coloured (default `comparison`). */
  fill?: string;
}

/**
 * Break-even utilisation per setup as horizontal bars, labelled with the
 * percentage, coloured by comparison, in the frame's order (top to bottom).
 *
 * @param frame One row per bar with the columns named in `options`; rows
 *   with a null utilisation are left out.
 * @param options Document, texts, size, the band and the column names.
 * @returns The chart's `<svg>` element.
 * @throws {TypeError} If a non-empty frame lacks one of the columns.
 *
 * @example Two setups, one never breaking even
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const frame = pl.DataFrame({ label: ["A", "B"], break_even_utilisation: [0.12, 1.4], comparison: ["own", "own"] });
 * const svg = breakEvenChart(frame, { document, title: "Break-even", source: "Source: test", band: [0.1, 0.2] });
 * assert.equal(svg.querySelectorAll('g[aria-label="bar"] rect').length, 2);
 * assert.match(svg.textContent ?? "", /12%.*140%/);
 * ```
 */
export function breakEvenChart(
  frame: pl.DataFrame,
  options: BreakEvenChartOptions,
): SVGSVGElement {
  const y = options.y ?? "label";
  const x = options.x ?? "break_even_utilisation";
  const fill = options.fill ?? "comparison";
  if (!hasRows(frame, "breakEvenChart", [y, x, fill])) {
    return chartFrame(options, null);
  }
  const rows = frame
    .select(
      pl.col(y).alias("label"),
      pl.col(x).cast(pl.Float64).alias("value"),
      pl.col(fill).alias("comparison"),
    )
    .filter(pl.col("value").isNotNull())
    .toRecords() as { label: string; value: number; comparison: string }[];
  if (rows.length === 0) return chartFrame(options, null);
  const comparisons = [...new Set(rows.map((r) => r.comparison))];
  const max = Math.max(1.05, ...rows.map((r) => r.value * 1.08));
  const band = options.band;
  const height = options.height ??
    Math.max(CHART_HEIGHT, 220 + 34 * rows.length);
  const margin = {
    left: labelMargin(rows.map((r) => r.label)),
    right: textWidth("100%", FONT_SIZE.label) + 16,
    top: 20,
    bottom: 40,
  };
  return chartFrame(
    { ...options, height },
    ({ width, height }) =>
      Plot.plot({
        ...plotBase(options.document, { width, height }, margin),
        x: {
          domain: [0, max],
          tickFormat: percentTick,
          label:
            "utilisation at which self-hosting costs what the API does (share of paid GPU hours)",
          labelAnchor: "right",
          labelArrow: "none",
          grid: true,
        },
        y: { domain: rows.map((r) => r.label), label: null },
        color: {
          domain: comparisons,
          range: SERIES_COLORS.slice(0, comparisons.length),
        },
        marks: [
          ...(band === undefined ? [] : [
            Plot.rectX([band], {
              x1: (d: readonly [number, number]) => d[0],
              x2: (d: readonly [number, number]) => d[1],
              fill: "#EEEEEE",
            }),
            Plot.text([band], {
              x: (d: readonly [number, number]) => (d[0] + d[1]) / 2,
              frameAnchor: "top",
              lineAnchor: "bottom",
              dy: -3,
              text: () => options.bandLabel ?? "",
              fill: TEXT_COLOR.body,
              fontSize: FONT_SIZE.label - 1,
            }),
          ]),
          Plot.barX(rows, { x: "value", y: "label", fill: "comparison" }),
          Plot.ruleX([1], { stroke: RULE, strokeDasharray: "5,4" }),
          Plot.text(rows, {
            x: "value",
            y: "label",
            text: (r: typeof rows[number]) => percentTick(r.value),
            textAnchor: "start",
            dx: 4,
            fill: TEXT_COLOR.title,
            fontSize: FONT_SIZE.label,
            stroke: "white",
            strokeWidth: 4,
          }),
        ],
      }),
    seriesLegend(comparisons),
  );
}
