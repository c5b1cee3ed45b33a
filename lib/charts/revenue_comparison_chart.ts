/**
 * The tracker's published revenue against the cache-aware revenue, per model.
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
  chartFrame,
  type ChartOptions,
  FONT_SIZE,
  TEXT_COLOR,
  truncateLabel,
  usdTick,
} from "./chart_style.ts";
import {
  hasRows,
  labelMargin,
  logAxisX,
  modelAxis,
  seriesLegend,
} from "./_chart_helpers.ts";

/**
 * One week's revenue per model computed two ways, as a dumbbell: the
 * tracker's published revenue and the cache-aware revenue (both at list
 * prices; they differ in how cached tokens are billed), with the difference
 * in percent at the right. The legend names the two revenues. Models are ordered by published revenue; the dollar axis is
 * logarithmic when values span more than 20×.
 *
 * @param frame Columns `model` (str), `published_usd` (f64, USD) and
 * `cache_aware_usd` (f64, USD).
 * @param options Document, texts and size; `scale` forces the x scale.
 * @returns The chart's `<svg>` element.
 * @throws {TypeError} If a non-empty frame lacks one of the columns.
 * @throws {RangeError} If `scale` is "log" and a value is not above 0.
 *
 * @example One model
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const frame = pl.DataFrame({ model: ["A"], published_usd: [1000], cache_aware_usd: [400] });
 * const svg = revenueComparisonChart(frame, { document, title: "Revenue", source: "Source: test" });
 * assert.equal(svg.tagName, "svg");
 * assert.match(svg.textContent ?? "", /−60%/);
 * ```
 */
export function revenueComparisonChart(
  frame: pl.DataFrame,
  options: ChartOptions & { scale?: "log" | "linear" },
): SVGSVGElement {
  const chart = "revenueComparisonChart";
  // Dots in the chart, dots in the legend.
  const legend = seriesLegend(["published revenue", "cache-aware revenue"])
    .map((item) => ({ ...item, shape: "dot" as const }));
  if (!hasRows(frame, chart, ["model", "published_usd", "cache_aware_usd"])) {
    return chartFrame(options, null, legend);
  }
  const rows = frame
    .select("model", "published_usd", "cache_aware_usd")
    .sort(["published_usd", "model"], [true, false])
    .toRecords() as {
      model: string;
      published_usd: number;
      cache_aware_usd: number;
    }[];
  const values = rows.flatMap((r) => [r.published_usd, r.cache_aware_usd]);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const scale = options.scale ??
    (min > 0 && max / min > 20 ? "log" : "linear");
  if (scale === "log" && !(min > 0)) {
    throw new RangeError(
      `Cannot draw ${chart} on a log scale: the smallest revenue is ${min} USD, expected every value above 0`,
    );
  }
  const logDomain: [number, number] = [min / 1.5, max * 1.5];
  const change = (r: (typeof rows)[number]) =>
    changeTick(r.cache_aware_usd / r.published_usd - 1);
  const dots = [
    { key: "published_usd", color: legend[0].color },
    { key: "cache_aware_usd", color: legend[1].color },
  ] as const;
  return chartFrame(options, ({ width, height }) =>
    Plot.plot({
      document: options.document,
      width,
      height,
      marginLeft: labelMargin(rows.map((r) => truncateLabel(r.model))),
      marginRight: labelMargin(rows.map(change)) + 8,
      marginBottom: 40,
      x: scale === "log" ? { type: "log", domain: logDomain } : {
        type: "linear",
        zero: true,
        nice: true,
        tickFormat: usdTick,
        label: "revenue in the week (USD)",
        labelAnchor: "right",
        labelArrow: "none",
        grid: true,
      },
      y: modelAxis(rows.map((r) => r.model)),
      marks: [
        scale === "log"
          ? logAxisX(logDomain, usdTick, "revenue in the week (USD, log scale)")
          : null,
        Plot.link(rows, {
          x1: "published_usd",
          x2: "cache_aware_usd",
          y: "model",
          stroke: "#9a9a9a",
          strokeWidth: 2,
        }),
        dots.map(({ key, color }) =>
          Plot.dot(rows, {
            x: key,
            y: "model",
            r: 5.5,
            fill: color,
            stroke: "white",
          })
        ),
        Plot.text(rows, {
          x: (r) => Math.max(r.published_usd, r.cache_aware_usd),
          y: "model",
          text: change,
          textAnchor: "start",
          dx: 12,
          fill: TEXT_COLOR.title,
          fontSize: FONT_SIZE.label,
        }),
      ],
    }), legend);
}
