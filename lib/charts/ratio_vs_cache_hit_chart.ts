/**
 * How many times cheaper one model is than another, against the cache hit rate.
 *
 * A pure function from a polars DataFrame to an `<svg>` element in the
 * house style of `chartFrame` (lib/charts/chart_style.ts); no I/O.
 *
 * @module
 */

import pl from "nodejs-polars";
import * as Plot from "@observablehq/plot";
import {
  chartFrame,
  type ChartOptions,
  FONT_SIZE,
  percentTick,
  SERIES_COLORS,
  svgElement,
  timesTick,
} from "./chart_style.ts";
import {
  distinct,
  hasRows,
  plotBase,
  RULE,
  seriesLegend,
} from "./_chart_helpers.ts";
import { placeFixedLabel, samplePolyline } from "./_label_placer.ts";

/**
 * How many times cheaper the cheap model is than the premium one, as the
 * cache hit rate grows: one line per series (e.g. price source).
 *
 * @param frame Columns `cache_hit_rate` (f64, fraction 0–1), `ratio` (f64,
 * premium cost ÷ cheap cost) and `series` (str).
 * @param options Document, texts and size; `claimedRatio` draws a dashed
 * rule labelled "article: N×", `markRate` a vertical rule at a cache hit
 * rate (fraction 0–1).
 * @returns The chart's `<svg>` element.
 * @throws {TypeError} If a non-empty frame lacks one of the columns.
 *
 * @example One series and the claimed ratio
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const frame = pl.DataFrame({ cache_hit_rate: [0, 0.5, 1], ratio: [10, 15, 30], series: ["list", "list", "list"] });
 * const svg = ratioVsCacheHitChart(frame, { document, title: "Ratio", source: "Source: test", claimedRatio: 26 });
 * assert.equal(svg.tagName, "svg");
 * assert.match(svg.textContent ?? "", /article: 26×/);
 * ```
 */
export function ratioVsCacheHitChart(
  frame: pl.DataFrame,
  options: ChartOptions & { claimedRatio?: number; markRate?: number },
): SVGSVGElement {
  const chart = "ratioVsCacheHitChart";
  if (!hasRows(frame, chart, ["cache_hit_rate", "ratio", "series"])) {
    return chartFrame(options, null);
  }
  type Row = { series: string; cache_hit_rate: number; ratio: number };
  const rows = frame.select("series", "cache_hit_rate", "ratio")
    .toRecords() as Row[];
  const series = distinct(rows.map((row) => row.series));
  const sorted = frame.select("series", "cache_hit_rate", "ratio")
    .sort(["series", "cache_hit_rate"]).toRecords() as Row[];
  const { claimedRatio, markRate } = options;
  const dashed = { stroke: RULE, strokeDasharray: "5,4", strokeWidth: 1.25 };
  const margin = { left: 52, right: 24, top: 24, bottom: 40 };
  return chartFrame(options, ({ width, height }) => {
    const plot = Plot.plot({
      ...plotBase(options.document, { width, height }, margin),
      x: {
        label: "cache hit rate",
        labelAnchor: "right",
        labelArrow: "none",
        tickFormat: percentTick,
      },
      y: {
        label: "× cheaper",
        labelArrow: "none",
        tickFormat: timesTick,
        grid: true,
        zero: true,
        nice: true,
      },
      color: {
        domain: series,
        range: series.map((_, i) => SERIES_COLORS[i % SERIES_COLORS.length]),
      },
      marks: [
        Plot.ruleY([0], { stroke: RULE }),
        Plot.line(sorted, {
          x: "cache_hit_rate",
          y: "ratio",
          z: "series",
          stroke: "series",
          strokeWidth: 2.5,
        }),
        claimedRatio === undefined ? null : Plot.ruleY([claimedRatio], dashed),
        markRate === undefined
          ? null
          : Plot.ruleX([markRate], { ...dashed, stroke: "#888888" }),
      ],
    });
    // Rule labels go where no line runs: above or below the rule, left or right.
    const x = plot.scale("x")!;
    const y = plot.scale("y")!;
    const lines = series.flatMap((name) =>
      samplePolyline(
        sorted.filter((r) => r.series === name)
          .map((r) => [x.apply(r.cache_hit_rate), y.apply(r.ratio)]),
      )
    );
    const ascent = FONT_SIZE.label * 0.76;
    const group = svgElement(options.document, "g", { "aria-label": "labels" });
    if (claimedRatio !== undefined) {
      const ruleY = y.apply(claimedRatio);
      const [left, right] = [margin.left + 6, width - margin.right - 6];
      const [above, below] = [ruleY - 5, ruleY + 5 + ascent];
      group.append(placeFixedLabel(
        options.document,
        `article: ${timesTick(claimedRatio)}`,
        [
          { x: left, y: above, anchor: "start" },
          { x: left, y: below, anchor: "start" },
          { x: right, y: above, anchor: "end" },
          { x: right, y: below, anchor: "end" },
        ],
        lines,
      ));
    }
    if (markRate !== undefined) {
      const ruleX = x.apply(markRate);
      const [top, bottom] = [
        margin.top + ascent + 2,
        height - margin.bottom - 5,
      ];
      group.append(placeFixedLabel(
        options.document,
        `${percentTick(markRate)} cache hits`,
        [
          { x: ruleX + 5, y: top, anchor: "start" },
          { x: ruleX - 5, y: top, anchor: "end" },
          { x: ruleX + 5, y: bottom, anchor: "start" },
          { x: ruleX - 5, y: bottom, anchor: "end" },
        ],
        lines,
      ));
    }
    plot.append(group);
    return plot;
  }, seriesLegend(series));
}
