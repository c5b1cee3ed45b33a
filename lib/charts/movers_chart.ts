/**
 * Week-over-week movers, as diverging bars.
 *
 * A pure function from a polars DataFrame to an `<svg>` element in the
 * house style of `chartFrame` (lib/charts/chart_style.ts); no I/O.
 *
 * @module
 */

import pl from "nodejs-polars";
import * as Plot from "@observablehq/plot";
import {
  changeTick,
  CHART_HEIGHT,
  chartFrame,
  type ChartOptions,
  FONT_SIZE,
  TEXT_COLOR,
  textWidth,
  truncateLabel,
} from "./chart_style.ts";
import {
  hasRows,
  labelMargin,
  modelAxis,
  originLegend,
  originScale,
  RULE,
} from "./_chart_helpers.ts";

/**
 * Week-over-week change in tokens for the latest week in the frame, as
 * diverging horizontal bars coloured by origin, with dashed rules at
 * ±threshold. Draws every row of that week, or with `limit` the largest
 * moves by size. Unless `height` is given, the chart is 440px tall or, for
 * more than 10 bars, 22px a bar more, so labels never crowd.
 *
 * @param frame Columns `week_start` (str, YYYY-MM-DD), `model` (str),
 * `wow_change` (f64, fraction: 0.3 is +30%) and `origin` (str).
 * @param options Document, texts and size; `threshold` (fraction, default
 * 0.3) places the rules, `limit` (default: none) caps the bars.
 * @returns The chart's `<svg>` element.
 * @throws {TypeError} If a non-empty frame lacks one of the columns.
 *
 * @example Only the latest week is drawn
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const frame = pl.DataFrame({
 *   week_start: ["2026-06-01", "2026-06-08", "2026-06-08"],
 *   model: ["Old", "Up", "Down"],
 *   wow_change: [2, 0.5, -0.4],
 *   origin: ["US", "China", "Europe"],
 * });
 * const svg = moversChart(frame, { document, title: "Movers", source: "Source: test" });
 * assert.equal(svg.tagName, "svg");
 * assert.match(svg.textContent ?? "", /Up.*Down/);
 * assert.doesNotMatch(svg.textContent ?? "", /Old/);
 * ```
 */
export function moversChart(
  frame: pl.DataFrame,
  options: ChartOptions & { threshold?: number; limit?: number },
): SVGSVGElement {
  const chart = "moversChart";
  const columns = ["week_start", "model", "wow_change", "origin"];
  if (!hasRows(frame, chart, columns)) return chartFrame(options, null);
  const threshold = options.threshold ?? 0.3;
  const weeks = frame.getColumn("week_start").unique().sort().toArray();
  const latest = weeks[weeks.length - 1] as string;
  const rows = frame
    .select(...columns)
    .filter(
      pl.col("week_start").eq(pl.lit(latest)).and(
        pl.col("wow_change").isNotNull(),
      ),
    )
    .withColumns(pl.col("origin").fillNull("unknown"))
    .sort([pl.col("wow_change").abs(), pl.col("model")], [true, false])
    .head(options.limit ?? frame.height)
    .sort(["wow_change", "model"], [true, false])
    .toRecords() as { model: string; wow_change: number; origin: string }[];
  if (rows.length === 0) return chartFrame(options, null);
  const origins = rows.map((r) => r.origin);
  const changes = rows.map((r) => r.wow_change);
  const dashed = { stroke: RULE, strokeDasharray: "5,4", strokeWidth: 1.25 };
  const label = (r: (typeof rows)[number]) => changeTick(r.wow_change);
  const labelFor = (positive: boolean) =>
    Plot.text(rows.filter((r) => (r.wow_change >= 0) === positive), {
      x: "wow_change",
      y: "model",
      text: label,
      textAnchor: positive ? "start" : "end",
      dx: positive ? 4 : -4,
      fill: TEXT_COLOR.title,
      fontSize: FONT_SIZE.label,
      stroke: "white",
      strokeWidth: 4,
    });
  const rules = [-threshold, threshold];
  // Fixed height unless the bars need more: 22px a bar plus the texts.
  const height = options.height ??
    Math.max(CHART_HEIGHT, 200 + 22 * rows.length);
  return chartFrame({ ...options, height }, ({ width, height }) =>
    Plot.plot({
      document: options.document,
      width,
      height,
      marginLeft: labelMargin(rows.map((r) => truncateLabel(r.model))),
      marginRight: 20,
      marginTop: 20,
      marginBottom: 40,
      x: {
        domain: [
          Math.min(-threshold, ...changes) * 1.05,
          Math.max(threshold, ...changes) * 1.05,
        ],
        insetLeft: textWidth("−100%", FONT_SIZE.label) + 8,
        insetRight: textWidth("+100%", FONT_SIZE.label) + 8,
        tickFormat: changeTick,
        label: `change in tokens vs the previous week (week of ${latest})`,
        labelAnchor: "right",
        labelArrow: "none",
        grid: true,
      },
      y: modelAxis(rows.map((r) => r.model)),
      color: originScale(origins),
      marks: [
        Plot.barX(rows, { x: "wow_change", y: "model", fill: "origin" }),
        Plot.ruleX([0], { stroke: RULE }),
        Plot.ruleX(rules, dashed),
        Plot.text(rules, {
          x: (d) => d,
          frameAnchor: "top",
          lineAnchor: "bottom",
          dy: -3,
          text: changeTick,
          fill: TEXT_COLOR.body,
          fontSize: FONT_SIZE.label - 1,
        }),
        labelFor(true),
        labelFor(false),
      ],
    }), originLegend(origins));
}
