/**
 * Assumed against observed cache-hit rate per model, as a dumbbell, with
 * what the observed rate does to a task's cost written at the right.
 *
 * @module
 */
import pl from "nodejs-polars";
import * as Plot from "@observablehq/plot";
import {
  changeTick,
  chartFrame,
  type ChartOptions,
  FONT_SIZE,
  percentTick,
  SERIES_COLORS,
  TEXT_COLOR,
  truncateLabel,
} from "./chart_style.ts";
import { hasRows, labelMargin } from "./_chart_helpers.ts";

/**
 * Each model's observed cache-hit rate against the rate an article assumes,
 * joined by a line, with the change in the task's cost the observed rate
 * implies (list prices) at the right. Models keep the frame's order (e.g.
 * `cacheHitRows()`: highest observed rate first).
 *
 * @param frame Columns `label` (str), `assumed_rate` and `observed_rate`
 * (f64, fraction 0–1) and `cost_ratio` (f64: cost at the observed rate ÷ cost
 * at the assumed one).
 * @param options Document, texts and size.
 * @returns The chart's `<svg>` element.
 * @throws {TypeError} If a non-empty frame lacks one of the columns.
 *
 * @example Two models
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const frame = pl.DataFrame({ label: ["Flash", "Sonnet"], assumed_rate: [0.8, 0.8], observed_rate: [0.685, 0.513], cost_ratio: [1.16, 1.33] });
 * const svg = cacheHitChart(frame, { document, title: "Cache hits", source: "Source: test" });
 * assert.equal(svg.tagName, "svg");
 * assert.match(svg.textContent ?? "", /\+33%/);
 * ```
 */
export function cacheHitChart(
  frame: pl.DataFrame,
  options: ChartOptions,
): SVGSVGElement {
  const chart = "cacheHitChart";
  const legend = [
    { label: "assumed", color: "#9a9a9a", shape: "ring" as const },
    { label: "observed", color: SERIES_COLORS[0], shape: "dot" as const },
  ];
  const columns = ["label", "assumed_rate", "observed_rate", "cost_ratio"];
  if (!hasRows(frame, chart, columns)) return chartFrame(options, null, legend);
  const rows = frame.select(...columns).toRecords() as {
    label: string;
    assumed_rate: number;
    observed_rate: number;
    cost_ratio: number;
  }[];
  const cost = (r: (typeof rows)[number]) => changeTick(r.cost_ratio - 1);
  return chartFrame(options, ({ width, height }) =>
    Plot.plot({
      document: options.document,
      width,
      height,
      marginLeft: labelMargin(rows.map((r) => truncateLabel(r.label))),
      marginRight: labelMargin(["cost", ...rows.map(cost)]) + 12,
      marginBottom: 40,
      x: {
        domain: [0, 1],
        tickFormat: percentTick,
        label: "share of prompt tokens read from cache",
        labelAnchor: "right",
        labelArrow: "none",
        grid: true,
      },
      y: {
        domain: rows.map((r) => r.label),
        label: null,
        tickFormat: (label) => truncateLabel(label),
      },
      marks: [
        Plot.link(rows, {
          x1: "assumed_rate",
          x2: "observed_rate",
          y: "label",
          stroke: "#c8c8c8",
          strokeWidth: 2,
        }),
        Plot.dot(rows, {
          x: "assumed_rate",
          y: "label",
          r: 4.5,
          fill: "white",
          stroke: legend[0].color,
          strokeWidth: 1.5,
        }),
        Plot.dot(rows, {
          x: "observed_rate",
          y: "label",
          r: 5.5,
          fill: legend[1].color,
          stroke: "white",
        }),
        Plot.text(rows, {
          x: 1,
          y: "label",
          text: cost,
          textAnchor: "start",
          dx: 14,
          fill: TEXT_COLOR.title,
          fontSize: FONT_SIZE.label,
        }),
        Plot.text([{ x: 1, y: rows[0].label }], {
          x: "x",
          y: "y",
          text: () => "cost",
          textAnchor: "start",
          dx: 14,
          dy: -14,
          fill: TEXT_COLOR.muted,
          fontSize: FONT_SIZE.label,
        }),
      ],
    }), legend);
}
