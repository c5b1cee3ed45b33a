/**
 * Weekly share of tokens by model origin, as 100% stacked bars (stacked
 * areas over more than two years of weeks).
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
  HATCH_ID,
  originOrder,
  percentTick,
  TEXT_COLOR,
  textWidth,
} from "./chart_style.ts";
import {
  hasRows,
  originLegend,
  originScale,
  RULE,
  thinWeeks,
  weekTick,
} from "./_chart_helpers.ts";

/** The share axis of both layouts. */
const SHARE_AXIS = {
  domain: [0, 1],
  tickFormat: percentTick,
  label: "share of tokens",
  labelArrow: "none",
  grid: true,
} as const;

/** Margins of both layouts: room above the plot for a partial week's label. */
function margins(hasPartial: boolean) {
  return {
    marginLeft: 52,
    marginRight: 18,
    marginTop: hasPartial ? 36 : 20,
    marginBottom: 40,
  };
}

/** "partial:" and the week's days, on two lines. */
function partialLabel(week: { days_covered: number }): string {
  return `partial:\n${week.days_covered} day${
    week.days_covered === 1 ? "" : "s"
  }`;
}

/** Beyond this many weeks the shares are drawn as stacked areas on a time axis: bars would be under a pixel wide, and one mark per week and origin makes the chart's size grow with the range. */
export const LONG_RANGE_WEEKS = 104;

/**
 * Weekly share of tokens by model origin, as 100% stacked bars. Weeks with
 * fewer than 7 days of data are hatched and labelled "partial: N days"
 * (on two lines, to fit a narrow bar; at either end of an axis of many
 * narrow bars, aligned to the bar's outer edge so it stays in the plot).
 * Over more than {@linkcode LONG_RANGE_WEEKS} weeks, the shares are stacked
 * areas on a time axis (one path per origin, so the chart's size does not
 * grow with the range) and a partial week is a hatched band.
 *
 * @param frame Columns `week_start` (str, Monday as YYYY-MM-DD),
 * `days_covered` (i64, 1–7), `origin` (str) and `share` (f64, fraction 0–1
 * of the week's tokens).
 * @param options Document, texts and size.
 * @returns The chart's `<svg>` element.
 * @throws {TypeError} If a non-empty frame lacks one of the columns.
 *
 * @example A partial week
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const frame = pl.DataFrame({
 *   week_start: ["2026-06-01", "2026-06-01"],
 *   days_covered: [3, 3],
 *   origin: ["China", "US"],
 *   share: [0.4, 0.6],
 * });
 * const svg = originShareChart(frame, { document, title: "Origins", source: "Source: test" });
 * assert.equal(svg.tagName, "svg");
 * const label = [...svg.querySelectorAll("text")]
 *   .find((text) => text.textContent?.startsWith("partial:"))!;
 * const lines = [...label.querySelectorAll("tspan")].map((t) => t.textContent);
 * assert.deepEqual(lines, ["partial:", "3 days"]);
 * ```
 */
export function originShareChart(
  frame: pl.DataFrame,
  options: ChartOptions,
): SVGSVGElement {
  const chart = "originShareChart";
  const columns = ["week_start", "days_covered", "origin", "share"];
  if (!hasRows(frame, chart, columns)) return chartFrame(options, null);
  const rows = frame
    .select(...columns)
    .withColumns(pl.col("origin").fillNull("unknown"))
    .toRecords() as { week_start: string; origin: string; share: number }[];
  const weeks = frame
    .groupBy("week_start")
    .agg(
      pl.col("days_covered").min().alias("days_covered"),
      pl.col("share").sum().alias("total_share"),
    )
    .sort("week_start")
    .toRecords() as {
      week_start: string;
      days_covered: number;
      total_share: number;
    }[];
  const partial = weeks.filter((w) => w.days_covered < 7);
  const origins = rows.map((row) => row.origin);
  const legend = originLegend(origins);
  if (partial.length > 0) {
    legend.push({ label: "partial week", color: "#999999", hatched: true });
  }
  const weekNames = weeks.map((w) => w.week_start);
  if (weekNames.length > LONG_RANGE_WEEKS) {
    return longRangeChart(rows, weeks, partial, origins, options, legend);
  }
  return chartFrame(options, ({ width, height }) => {
    const ticks = thinWeeks(weekNames, width - 70);
    // A partial week's label is centred on its bar, unless the bars are too
    // narrow for that at either end of the axis: then it starts at the first
    // bar's left edge or ends at the last bar's right edge.
    const step = (width - 70) / weekNames.length;
    const edge = step * 0.42;
    const half = textWidth("partial:", FONT_SIZE.label - 1) / 2;
    const anchorOf = (w: { week_start: string }) =>
      half <= step / 2
        ? "middle"
        : w.week_start === weekNames[0]
        ? "start"
        : w.week_start === weekNames.at(-1)
        ? "end"
        : "middle";
    return Plot.plot({
      document: options.document,
      width,
      height,
      ...margins(partial.length > 0),
      x: {
        domain: weekNames,
        ticks,
        tickFormat: (w, i) => weekTick(w, ticks[i - 1]),
        label: null,
        padding: 0.15,
      },
      y: SHARE_AXIS,
      color: originScale(origins),
      marks: [
        Plot.barY(rows, {
          x: "week_start",
          y: "share",
          fill: "origin",
          order: originOrder(origins),
        }),
        Plot.barY(partial, {
          x: "week_start",
          y1: 0,
          y2: "total_share",
          fill: `url(#${HATCH_ID})`,
        }),
        ...(["start", "middle", "end"] as const).map((anchor) =>
          Plot.text(partial.filter((w) => anchorOf(w) === anchor), {
            x: "week_start",
            y: "total_share",
            text: partialLabel,
            lineAnchor: "bottom",
            textAnchor: anchor,
            dx: anchor === "start" ? -edge : anchor === "end" ? edge : 0,
            dy: -4,
            fill: TEXT_COLOR.title,
            fontSize: FONT_SIZE.label - 1,
          })
        ),
        Plot.ruleY([0], { stroke: RULE }),
      ],
    });
  }, legend);
}

/** A week's Monday as a UTC date, and the Monday after it. */
function weekSpan(week: string): { x1: Date; x2: Date } {
  const x1 = new Date(`${week}T00:00:00Z`);
  return { x1, x2: new Date(x1.getTime() + 7 * 86_400_000) };
}

/** {@linkcode originShareChart} over many weeks: stacked areas on a time axis. */
function longRangeChart(
  rows: { week_start: string; origin: string; share: number }[],
  weeks: { week_start: string; days_covered: number; total_share: number }[],
  partial: { week_start: string; days_covered: number; total_share: number }[],
  origins: string[],
  options: ChartOptions,
  legend: ReturnType<typeof originLegend>,
): SVGSVGElement {
  // Every origin in every week (0 where it has no tokens), so the stacked
  // areas line up week by week.
  const share = new Map(
    rows.map((row) => [`${row.week_start}|${row.origin}`, row.share]),
  );
  const present = [...new Set(origins)];
  // Each week's shares hold from its Monday to the next ("step-after"); the
  // last week is closed at its end.
  const last = weeks.at(-1)!.week_start;
  const filled = [
    ...weeks.map((week) => ({
      week: week.week_start,
      date: weekSpan(week.week_start).x1,
    })),
    { week: last, date: weekSpan(last).x2 },
  ].flatMap(({ week, date }) =>
    present.map((origin) => ({
      date,
      origin,
      share: share.get(`${week}|${origin}`) ?? 0,
    }))
  );
  const middle = weeks[Math.floor(weeks.length / 2)].week_start;
  const bands = partial.map((week) => ({
    ...weekSpan(week.week_start),
    ...week,
  }));
  return chartFrame(options, ({ width, height }) =>
    Plot.plot({
      document: options.document,
      width,
      height,
      ...margins(partial.length > 0),
      x: { type: "utc", label: null },
      y: SHARE_AXIS,
      color: originScale(origins),
      marks: [
        Plot.areaY(filled, {
          x: "date",
          y: "share",
          fill: "origin",
          order: originOrder(origins),
          curve: "step-after",
        }),
        Plot.rectY(bands, {
          x1: "x1",
          x2: "x2",
          y1: 0,
          y2: "total_share",
          fill: `url(#${HATCH_ID})`,
        }),
        // A label stays inside the plot: it starts at a band in the first
        // half of the range and ends at one in the second.
        ...(["start", "end"] as const).map((anchor) =>
          Plot.text(
            bands.filter((band) =>
              (band.week_start < middle) === (anchor === "start")
            ),
            {
              x: anchor === "start" ? "x1" : "x2",
              y: "total_share",
              text: partialLabel,
              lineAnchor: "bottom",
              textAnchor: anchor,
              dy: -4,
              fill: TEXT_COLOR.title,
              fontSize: FONT_SIZE.label - 1,
            },
          )
        ),
        Plot.ruleY([0], { stroke: RULE }),
      ],
    }), legend);
}
