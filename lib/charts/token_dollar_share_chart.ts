/**
 * Token share against dollar share, per vendor.
 *
 * A pure function from a polars DataFrame to an `<svg>` element in the
 * house style of `chartFrame` (lib/charts/chart_style.ts); no I/O.
 *
 * @module
 */

import pl from "nodejs-polars";
import * as Plot from "@observablehq/plot";
import { formatPercent } from "../text/format.ts";
import {
  chartFrame,
  type ChartOptions,
  FONT_SIZE,
  percentTick,
  TEXT_COLOR,
  truncateLabel,
} from "./chart_style.ts";
import { hasRows, labelMargin, RULE, seriesLegend } from "./_chart_helpers.ts";

/**
 * Each vendor's share of tokens next to its share of dollars, as paired
 * horizontal bars, vendors ordered by token share.
 *
 * @param frame Columns `vendor` (str), `token_share` (f64, fraction 0–1)
 * and `dollar_share` (f64, fraction 0–1).
 * @param options Document, texts and size.
 * @returns The chart's `<svg>` element.
 * @throws {TypeError} If a non-empty frame lacks one of the columns.
 *
 * @example Two vendors
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const frame = pl.DataFrame({ vendor: ["A", "B"], token_share: [0.6, 0.4], dollar_share: [0.2, 0.8] });
 * const svg = tokenDollarShareChart(frame, { document, title: "Shares", source: "Source: test" });
 * assert.equal(svg.tagName, "svg");
 * assert.match(svg.textContent ?? "", /80\.0%/);
 * ```
 */
export function tokenDollarShareChart(
  frame: pl.DataFrame,
  options: ChartOptions,
): SVGSVGElement {
  const chart = "tokenDollarShareChart";
  const measures = ["share of tokens", "share of dollars"];
  const legend = seriesLegend(measures);
  if (!hasRows(frame, chart, ["vendor", "token_share", "dollar_share"])) {
    return chartFrame(options, null, legend);
  }
  const ordered = frame.sort(["token_share", "vendor"], [true, false]);
  const vendors = ordered.getColumn("vendor").toArray() as string[];
  const rows = pl.concat([
    ordered.select(
      pl.col("vendor"),
      pl.lit(measures[0]).alias("measure"),
      pl.col("token_share").alias("share"),
    ),
    ordered.select(
      pl.col("vendor"),
      pl.lit(measures[1]).alias("measure"),
      pl.col("dollar_share").alias("share"),
    ),
  ]).toRecords() as { vendor: string; measure: string; share: number }[];
  return chartFrame(options, ({ width, height }) =>
    Plot.plot({
      document: options.document,
      width,
      height,
      marginLeft: labelMargin(vendors.map((v) => truncateLabel(v))),
      marginRight: 52,
      marginBottom: 36,
      x: {
        label: "share of the total",
        labelAnchor: "right",
        labelArrow: "none",
        tickFormat: percentTick,
        grid: true,
        nice: true,
      },
      fy: {
        domain: vendors,
        label: null,
        axis: "left",
        tickFormat: (v) => truncateLabel(v),
        padding: 0.2,
      },
      y: { domain: measures, axis: null, padding: 0.05 },
      color: {
        domain: legend.map((l) => l.label),
        range: legend.map((l) => l.color),
      },
      marks: [
        Plot.barX(rows, {
          x: "share",
          y: "measure",
          fy: "vendor",
          fill: "measure",
        }),
        Plot.ruleX([0], { stroke: RULE }),
        Plot.text(rows, {
          x: "share",
          y: "measure",
          fy: "vendor",
          text: (r) => formatPercent(r.share),
          textAnchor: "start",
          dx: 4,
          fill: TEXT_COLOR.title,
          fontSize: FONT_SIZE.label - 1,
        }),
      ],
    }), legend);
}
