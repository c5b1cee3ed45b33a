/**
 * A team's bill by routing track, as it ran and under a policy: one stacked
 * horizontal bar per routing, the total at each bar's end.
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
  NEUTRAL_GREY,
  TEXT_COLOR,
  truncateLabel,
  usdTick,
} from "./chart_style.ts";
import { distinct, hasRows, labelMargin } from "./_chart_helpers.ts";

/** Colours of the tracks (Okabe–Ito, as the other charts). */
const TRACK_COLORS: Readonly<Record<string, string>> = {
  token_track: "#56B4E9",
  "gray_pool overflow": "#B9DFF4",
  gray_pool: "#999999",
  dollar_track: "#E69F00",
  "dollar_track downgraded": "#F5CF80",
  unrouted: "#333333",
};

/**
 * The bill by track under two routings.
 *
 * @param frame Columns `routing` (str, one bar each, in order of first
 * appearance), `track` (str) and `usd` (f64), as `billByTrack()` gives.
 * @param options Document, texts and size.
 * @returns The chart's `<svg>` element.
 * @throws {TypeError} If a non-empty frame lacks one of the columns.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const frame = pl.DataFrame({ routing: ["now", "now", "policy", "policy"], track: ["token_track", "dollar_track", "token_track", "dollar_track"], usd: [2944, 256, 73, 427] });
 * const svg = whatIfBillChart(frame, { document, title: "Bill", source: "Source: test" });
 * assert.match(svg.textContent ?? "", /\$3,200\.00/);
 * assert.match(svg.textContent ?? "", /\$500\.00/);
 * ```
 */
export function whatIfBillChart(
  frame: pl.DataFrame,
  options: ChartOptions,
): SVGSVGElement {
  const chart = "whatIfBillChart";
  const columns = ["routing", "track", "usd"];
  const tracksOf = (f: pl.DataFrame) =>
    distinct(f.getColumn("track").toArray() as string[]);
  const legendOf = (tracks: string[]) =>
    tracks.map((label) => ({
      label,
      color: TRACK_COLORS[label] ?? NEUTRAL_GREY,
    }));
  if (!hasRows(frame, chart, columns)) {
    return chartFrame(
      options,
      null,
      legendOf(["token_track", "gray_pool", "dollar_track"]),
    );
  }
  const rows = frame.select(...columns).toRecords() as {
    routing: string;
    track: string;
    usd: number;
  }[];
  const routings = distinct(rows.map((r) => r.routing));
  const tracks = tracksOf(frame);
  const legend = legendOf(tracks);
  const totals = routings.map((routing) => ({
    routing,
    usd: rows.filter((r) => r.routing === routing).reduce(
      (sum, r) => sum + r.usd,
      0,
    ),
  }));
  return chartFrame(options, ({ width, height }) =>
    Plot.plot({
      document: options.document,
      width,
      height,
      marginLeft: labelMargin(routings.map((r) => truncateLabel(r))),
      marginRight: labelMargin(totals.map((t) => formatUsd(t.usd))) + 8,
      marginBottom: 36,
      x: {
        label: "USD",
        labelAnchor: "right",
        labelArrow: "none",
        tickFormat: usdTick,
        grid: true,
        nice: true,
      },
      y: {
        domain: routings,
        label: null,
        tickFormat: (r) => truncateLabel(r),
      },
      color: {
        domain: legend.map((l) => l.label),
        range: legend.map((l) => l.color),
      },
      marks: [
        Plot.barX(rows, {
          x: "usd",
          y: "routing",
          fill: "track",
          order: tracks,
        }),
        Plot.ruleX([0], { stroke: "#333333" }),
        Plot.text(totals, {
          x: "usd",
          y: "routing",
          text: (t) => formatUsd(t.usd),
          textAnchor: "start",
          dx: 5,
          fill: TEXT_COLOR.title,
          fontSize: FONT_SIZE.label,
        }),
      ],
    }), legend);
}
