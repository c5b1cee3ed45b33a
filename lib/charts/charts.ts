/**
 * Article-ready charts: pure functions from a polars DataFrame to an
 * `<svg>` element in the house style of {@linkcode chartFrame}, drawn with
 * Observable Plot on the `document` passed in. No I/O; export with
 * `lib/charts/chart_export.ts`.
 *
 * Every chart copes with an empty frame ("no data") and truncates long
 * labels to 28 characters. Origins keep their colour from `ORIGIN_COLORS`
 * (lib/charts/chart_style.ts) in every chart.
 *
 * @module
 */

import pl from "nodejs-polars";
import * as Plot from "@observablehq/plot";
import { formatPercent, formatUsd } from "../text/format.ts";
import {
  changeTick,
  chartFrame,
  type ChartOptions,
  FONT_SIZE,
  HATCH_ID,
  type LegendItem,
  NEUTRAL_GREY,
  originColor,
  originOrder,
  percentTick,
  SERIES_COLORS,
  svgElement,
  TEXT_COLOR,
  textWidth,
  timesTick,
  tokensTick,
  truncateLabel,
  usdTick,
} from "./chart_style.ts";
import {
  distinct,
  hasRows,
  labelMargin,
  logAxisX,
  placeFixedLabel,
  placeLabels,
  samplePolyline,
  thinWeeks,
  weekTick,
} from "./_chart_helpers.ts";

export type { ChartOptions } from "./chart_style.ts";

const RULE = "#333333";

function originScale(origins: string[]) {
  const domain = originOrder(origins);
  return { domain, range: domain.map(originColor) };
}

function originLegend(origins: string[]): LegendItem[] {
  return originOrder(origins).map((origin) => ({
    label: origin,
    color: originColor(origin),
  }));
}

function seriesLegend(series: string[]): LegendItem[] {
  return series.map((label, i) => ({
    label,
    color: SERIES_COLORS[i % SERIES_COLORS.length],
  }));
}

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
  const components = distinct([
    ...COMPONENTS.map((c) => c.label),
    ...rows.map((row) => row.component),
  ]);
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
      document: options.document,
      width,
      height,
      marginLeft: margin.left,
      marginRight: margin.right,
      marginTop: margin.top,
      marginBottom: margin.bottom,
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

/**
 * One week's revenue per model priced two ways, as a dumbbell: published
 * prices and cache-aware prices, with the difference in percent at the
 * right. Models are ordered by published revenue; the dollar axis is
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
  const legend = seriesLegend(["published prices", "cache-aware prices"]);
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
      y: {
        domain: rows.map((r) => r.model),
        label: null,
        tickFormat: (m) => truncateLabel(m),
      },
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

/**
 * Weekly share of tokens by model origin, as 100% stacked bars. Weeks with
 * fewer than 7 days of data are hatched and labelled "partial: N days"
 * (on two lines, to fit a narrow bar).
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
  return chartFrame(options, ({ width, height }) => {
    const ticks = thinWeeks(weekNames, width - 70);
    return Plot.plot({
      document: options.document,
      width,
      height,
      marginLeft: 52,
      marginRight: 18,
      marginTop: partial.length > 0 ? 36 : 20,
      marginBottom: 40,
      x: {
        domain: weekNames,
        ticks,
        tickFormat: (w, i) => weekTick(w, ticks[i - 1]),
        label: null,
        padding: 0.15,
      },
      y: {
        domain: [0, 1],
        tickFormat: percentTick,
        label: "share of tokens",
        labelArrow: "none",
        grid: true,
      },
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
        Plot.text(partial, {
          x: "week_start",
          y: "total_share",
          text: (w) =>
            `partial:\n${w.days_covered} day${w.days_covered === 1 ? "" : "s"}`,
          lineAnchor: "bottom",
          dy: -4,
          fill: TEXT_COLOR.title,
          fontSize: FONT_SIZE.label - 1,
        }),
        Plot.ruleY([0], { stroke: RULE }),
      ],
    });
  }, legend);
}

/**
 * The ten most used models of each week as a bump chart: rank by week, one
 * line per model coloured by origin. The first week's models are labelled
 * at the left with their rank, the latest week's at the right with their
 * tokens; a model that entered and left the top 10 in between is labelled
 * at its last point when there is room.
 *
 * @param frame Columns `week_start` (str, YYYY-MM-DD), `model` (str),
 * `tokens` (f64, tokens in the week), `rank` (i64, 1 = most tokens) and
 * `origin` (str). Rows with rank above 10 are left out.
 * @param options Document, texts and size.
 * @returns The chart's `<svg>` element.
 * @throws {TypeError} If a non-empty frame lacks one of the columns.
 *
 * @example Two weeks
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const frame = pl.DataFrame({
 *   week_start: ["2026-06-01", "2026-06-01", "2026-06-08"],
 *   model: ["A", "B", "A"],
 *   tokens: [2e12, 1e12, 3e12],
 *   rank: [1, 2, 1],
 *   origin: ["China", "US", "China"],
 * });
 * const svg = topModelsChart(frame, { document, title: "Top models", source: "Source: test" });
 * assert.equal(svg.tagName, "svg");
 * assert.match(svg.textContent ?? "", /#2 B.*A · 3T/);
 * ```
 */
export function topModelsChart(
  frame: pl.DataFrame,
  options: ChartOptions,
): SVGSVGElement {
  const chart = "topModelsChart";
  const columns = ["week_start", "model", "tokens", "rank", "origin"];
  if (!hasRows(frame, chart, columns)) return chartFrame(options, null);
  const top = frame
    .select(...columns)
    .filter(pl.col("rank").lessThanEquals(10))
    .withColumns(pl.col("origin").fillNull("unknown"))
    .sort(["model", "week_start"]);
  if (top.height === 0) return chartFrame(options, null);
  type Row = {
    week_start: string;
    model: string;
    tokens: number;
    rank: number;
    origin: string;
  };
  const rows = top.toRecords() as Row[];
  const weeks = distinct(rows.map((r) => r.week_start)).sort();
  const [first, latest] = [weeks[0], weeks[weeks.length - 1]];
  const origins = rows.map((r) => r.origin);
  // One run per model from its first to its last week in the top 10, with
  // a gap (NaN rank) for each week it was out.
  const runs = [...Map.groupBy(rows, (r) => r.model).values()];
  const lines = runs.flatMap((run) => {
    const byWeek = new Map(run.map((r) => [r.week_start, r]));
    return weeks
      .slice(
        weeks.indexOf(run[0].week_start),
        weeks.indexOf(run.at(-1)!.week_start) + 1,
      )
      .map((week) =>
        byWeek.get(week) ?? { ...run[0], week_start: week, rank: NaN }
      );
  });
  const leftLabel = (r: Row) =>
    weeks.length > 1 ? `#${r.rank} ${truncateLabel(r.model)}` : `#${r.rank}`;
  const rightLabel = (r: Row) =>
    `${truncateLabel(r.model)} · ${tokensTick(r.tokens)}`;
  const leftRows = rows.filter((r) => r.week_start === first);
  const rightRows = rows.filter((r) => r.week_start === latest);
  const innerRows = runs
    .filter((run) =>
      run[0].week_start !== first && run.at(-1)!.week_start !== latest
    )
    .map((run) => run.at(-1)!)
    .sort((a, b) =>
      a.week_start.localeCompare(b.week_start) || a.rank - b.rank
    );
  const fontSize = FONT_SIZE.label;
  return chartFrame(options, ({ width, height }) => {
    const side = (labels: string[]) =>
      Math.min(labelMargin(labels, fontSize), width * 0.36);
    const margin = {
      left: side(leftRows.map(leftLabel)),
      right: side(rightRows.map(rightLabel)),
      top: 10,
      bottom: 40,
    };
    const ticks = thinWeeks(weeks, width - margin.left - margin.right);
    const sideLabel = (rows: Row[], text: (r: Row) => string, left: boolean) =>
      Plot.text(rows, {
        x: "week_start",
        y: "rank",
        text,
        textAnchor: left ? "end" : "start",
        dx: left ? -9 : 9,
        fill: TEXT_COLOR.title,
        fontSize,
      });
    const plot = Plot.plot({
      document: options.document,
      width,
      height,
      marginLeft: margin.left,
      marginRight: margin.right,
      marginTop: margin.top,
      marginBottom: margin.bottom,
      x: {
        type: "point",
        domain: weeks,
        ticks,
        tickFormat: (w, i) => weekTick(w, ticks[i - 1]),
        label: null,
        padding: 0,
        inset: 12,
      },
      y: { domain: [1, 10], reverse: true, axis: null, inset: 8 },
      color: originScale(origins),
      marks: [
        Plot.line(lines, {
          x: "week_start",
          y: "rank",
          z: "model",
          stroke: "origin",
          strokeWidth: 2,
          strokeOpacity: 0.75,
        }),
        Plot.dot(rows, {
          x: "week_start",
          y: "rank",
          fill: "origin",
          stroke: "white",
          r: 4.5,
        }),
        sideLabel(leftRows, leftLabel, true),
        weeks.length > 1 ? sideLabel(rightRows, rightLabel, false) : null,
      ],
    });
    const x = plot.scale("x")!;
    const y = plot.scale("y")!;
    const at = (r: Row) => ({
      x: x.apply(r.week_start),
      y: y.apply(r.rank),
      radius: 5,
    });
    const group = svgElement(options.document, "g", { "aria-label": "labels" });
    group.append(
      ...placeLabels(
        options.document,
        innerRows.map((r) => ({ ...at(r), text: truncateLabel(r.model) })),
        {
          bounds: {
            left: margin.left,
            right: width - margin.right,
            top: 0,
            bottom: height - margin.bottom,
          },
          obstacles: rows.map(at),
          fontSize: fontSize - 1,
          dropCrowded: true,
        },
      ),
    );
    plot.append(group);
    return plot;
  }, originLegend(origins));
}

/**
 * A benchmark score against tokens used, one labelled point per model
 * coloured by origin, tokens on a log scale. Labels are placed beside their
 * point without overlapping others, largest models first.
 *
 * @param frame Columns `model` (str), `score` (f64, benchmark units),
 * `tokens` (f64, tokens) and `origin` (str). Rows with a null score or
 * tokens are left out.
 * @param options Document, texts and size; `benchmark` names the score axis.
 * @returns The chart's `<svg>` element.
 * @throws {TypeError} If a non-empty frame lacks one of the columns.
 *
 * @example Two models
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const frame = pl.DataFrame({ model: ["A", "B"], score: [60, 70], tokens: [1e11, 2e12], origin: ["China", "US"] });
 * const svg = benchmarkScatterChart(frame, { document, title: "Score", source: "Source: test", benchmark: "SWE-bench (%)" });
 * assert.equal(svg.tagName, "svg");
 * assert.match(svg.textContent ?? "", /SWE-bench \(%\)/);
 * ```
 */
export function benchmarkScatterChart(
  frame: pl.DataFrame,
  options: ChartOptions & { benchmark: string },
): SVGSVGElement {
  const chart = "benchmarkScatterChart";
  const columns = ["model", "score", "tokens", "origin"];
  if (!hasRows(frame, chart, columns)) return chartFrame(options, null);
  const clean = frame
    .select(...columns)
    .filter(pl.col("score").isNotNull().and(pl.col("tokens").gt(0)))
    .withColumns(pl.col("origin").fillNull("unknown"))
    .sort(["tokens", "model"], [true, false]);
  if (clean.height === 0) return chartFrame(options, null);
  const rows = clean.toRecords() as {
    model: string;
    score: number;
    tokens: number;
    origin: string;
  }[];
  const origins = rows.map((r) => r.origin);
  const tokens = rows.map((r) => r.tokens);
  const domain: [number, number] = [
    Math.min(...tokens) / 2,
    Math.max(...tokens) * 2,
  ];
  const margin = { left: 52, right: 20, top: 24, bottom: 40 };
  return chartFrame(options, ({ width, height }) => {
    const plot = Plot.plot({
      document: options.document,
      width,
      height,
      marginLeft: margin.left,
      marginRight: margin.right,
      marginTop: margin.top,
      marginBottom: margin.bottom,
      x: { type: "log", domain },
      y: {
        label: options.benchmark,
        labelArrow: "none",
        grid: true,
        nice: true,
        inset: 10,
      },
      color: originScale(origins),
      marks: [
        logAxisX(domain, tokensTick, "tokens (log scale)"),
        Plot.dot(rows, {
          x: "tokens",
          y: "score",
          fill: "origin",
          stroke: "white",
          r: 5.5,
        }),
      ],
    });
    const x = plot.scale("x")!;
    const y = plot.scale("y")!;
    const group = svgElement(options.document, "g", { "aria-label": "labels" });
    group.append(
      ...placeLabels(
        options.document,
        rows.map((r) => ({
          x: x.apply(r.tokens),
          y: y.apply(r.score),
          text: truncateLabel(r.model),
          radius: 5.5,
        })),
        {
          bounds: {
            left: margin.left,
            right: width - 4,
            top: 0,
            bottom: height - margin.bottom,
          },
        },
      ),
    );
    plot.append(group);
    return plot;
  }, originLegend(origins));
}

/**
 * Week-over-week change in tokens for the latest week in the frame, as
 * diverging horizontal bars coloured by origin, with dashed rules at
 * ±threshold. Shows the `limit` largest moves by size.
 *
 * @param frame Columns `week_start` (str, YYYY-MM-DD), `model` (str),
 * `wow_change` (f64, fraction: 0.3 is +30%) and `origin` (str).
 * @param options Document, texts and size; `threshold` (fraction, default
 * 0.3) places the rules, `limit` (default 15) caps the bars.
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
    .head(options.limit ?? 15)
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
  return chartFrame(options, ({ width, height }) =>
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
      y: {
        domain: rows.map((r) => r.model),
        label: null,
        tickFormat: (m) => truncateLabel(m),
      },
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
