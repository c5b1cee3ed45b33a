/**
 * Cost of one agent task per model and price source, stacked by cost component.
 *
 * A pure function from a polars DataFrame to an `<svg>` element in the
 * house style of `chartFrame` (lib/charts/chart_style.ts); no I/O.
 *
 * @module
 */

import pl from "nodejs-polars";
import * as Plot from "@observablehq/plot";
import { formatUsd } from "../text/format.ts";
import {
  chartFrame,
  type ChartOptions,
  FONT_SIZE,
  type LegendItem,
  NEUTRAL_GREY,
  TEXT_COLOR,
  truncateLabel,
  usdTick,
} from "./chart_style.ts";
import { distinct, hasRows, labelMargin, RULE } from "./_chart_helpers.ts";

/** Cost components of an agent task, in stacking order, with their colours. */
const COMPONENTS: readonly LegendItem[] = [
  { label: "uncached input", color: "#56B4E9" },
  { label: "cache read", color: "#B9DFF4" },
  { label: "cache write", color: "#E69F00" },
  { label: "output", color: "#333333" },
];

/**
 * Cost of one agent task per model and price source, as horizontal bars
 * stacked by cost component, the total in USD written at each bar's end.
 * The legend lists only the components that some bar draws.
 * Bars keep the order of their first row in the frame; a label such as
 * "DeepSeek V4 Flash · models list 2026-05-01" is drawn on two lines.
 *
 * @param frame Columns `label` (str, one bar each), `component` (str:
 * "uncached input", "cache read", "cache write" or "output") and `cost_usd`
 * (f64, USD per task).
 * @param options Document, texts and size.
 * @returns The chart's `<svg>` element.
 * @throws {TypeError} If a non-empty frame lacks one of the columns.
 *
 * @example Two bars
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const frame = pl.DataFrame({
 *   label: ["cheap", "cheap", "premium"],
 *   component: ["uncached input", "output", "output"],
 *   cost_usd: [0.01, 0.02, 0.5],
 * });
 * const svg = agentTaskCostChart(frame, { document, title: "Cost per task", source: "Source: test" });
 * assert.equal(svg.tagName, "svg");
 * assert.match(svg.textContent ?? "", /\$0\.030/);
 * ```
 */
export function agentTaskCostChart(
  frame: pl.DataFrame,
  options: ChartOptions,
): SVGSVGElement {
  const chart = "agentTaskCostChart";
  if (!hasRows(frame, chart, ["label", "component", "cost_usd"])) {
    return chartFrame(options, null, [...COMPONENTS]);
  }
  const rows = frame.select("label", "component", "cost_usd").toRecords() as {
    label: string;
    component: string;
    cost_usd: number;
  }[];
  const labels = distinct(rows.map((row) => row.label));
  const totals = frame.groupBy("label")
    .agg(pl.col("cost_usd").sum().alias("total_usd"))
    .sort("label")
    .toRecords() as { label: string; total_usd: number }[];
  // The legend lists only the components some bar draws (a cost above 0).
  const drawn = new Set(
    rows.filter((row) => row.cost_usd > 0).map((row) => row.component),
  );
  const components = distinct([
    ...COMPONENTS.map((c) => c.label),
    ...rows.map((row) => row.component),
  ]).filter((component) => drawn.has(component));
  const legend = components.map((label) => ({
    label,
    color: COMPONENTS.find((c) => c.label === label)?.color ?? NEUTRAL_GREY,
  }));
  // "model · price source" is drawn on two lines, each truncated.
  const barLabel = (label: string) =>
    label.split(" · ").map((part) => truncateLabel(part)).join("\n");
  return chartFrame(options, ({ width, height }) =>
    Plot.plot({
      document: options.document,
      width,
      height,
      marginLeft: labelMargin(labels.map(barLabel)),
      marginRight: labelMargin(totals.map((t) => formatUsd(t.total_usd))),
      marginBottom: 36,
      x: {
        label: "cost per task (USD)",
        labelAnchor: "right",
        labelArrow: "none",
        tickFormat: usdTick,
        grid: true,
        nice: true,
      },
      y: { domain: labels, label: null, tickFormat: barLabel },
      color: {
        domain: legend.map((c) => c.label),
        range: legend.map((c) => c.color),
      },
      marks: [
        Plot.barX(rows, {
          x: "cost_usd",
          y: "label",
          fill: "component",
          order: components,
        }),
        Plot.ruleX([0], { stroke: RULE }),
        Plot.text(totals, {
          x: "total_usd",
          y: "label",
          text: (t) => formatUsd(t.total_usd),
          textAnchor: "start",
          dx: 5,
          fill: TEXT_COLOR.title,
          fontSize: FONT_SIZE.label,
        }),
      ],
    }), legend);
}
