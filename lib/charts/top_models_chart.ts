/**
 * The ten most used models of each week, as a bump chart.
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
  TEXT_COLOR,
  tokensTick,
  truncateLabel,
} from "./chart_style.ts";
import {
  distinct,
  hasRows,
  labelMargin,
  originLegend,
  originScale,
  plotBase,
  thinWeeks,
  weekTick,
} from "./_chart_helpers.ts";

/** The x position of the column that sums the weeks before the window. */
export const EARLIER_WEEKS = "earlier";

/**
 * The ten most used models of each week as a bump chart: rank by week, one
 * line per model coloured by origin. Only the latest `window` weeks (default
 * {@linkcode TOP_MODELS_WINDOW}) are drawn one by one; when there are more,
 * a first column ("earlier", N weeks) ranks the models by their tokens summed
 * over all the weeks before the window, so the chart stays readable for any
 * date range and costs the same for a month or twenty years. The first
 * column's models are labelled at the left with their rank, the latest
 * week's at the right with their tokens, and nothing in between: labels
 * only at the two ends, where each sits at its own rank and none can lie
 * on the crossing lines, however many weeks are drawn.
 *
 * @param frame Columns `week_start` (str, YYYY-MM-DD), `model` (str),
 * `tokens` (f64, tokens in the week), `rank` (i64, 1 = most tokens in that
 * week) and `origin` (str); every ranked model of every week (the earlier
 * column needs the models outside the weekly top 10 too). Ranks above 10
 * are not drawn.
 * @param options Document, texts and size; `window`: weeks drawn one by one.
 * @returns The chart's `<svg>` element.
 * @throws {TypeError} If a non-empty frame lacks one of the columns.
 * @throws {RangeError} If `window` is not a whole number of at least 1.
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
 * // With a one-week window the first week becomes the "earlier" column.
 * const windowed = topModelsChart(frame, { document, title: "Top models", source: "Source: test", window: 1 });
 * assert.match(windowed.textContent ?? "", /earlier1 week/);
 * ```
 */
export function topModelsChart(
  frame: pl.DataFrame,
  options: ChartOptions & { window?: number },
): SVGSVGElement {
  const chart = "topModelsChart";
  const columns = ["week_start", "model", "tokens", "rank", "origin"];
  const window = options.window ?? TOP_MODELS_WINDOW;
  if (!Number.isInteger(window) || window < 1) {
    throw new RangeError(
      `Cannot draw ${chart}: window is ${window}, expected a whole number of weeks, at least 1`,
    );
  }
  if (!hasRows(frame, chart, columns)) return chartFrame(options, null);
  const { rows: top, earlierWeeks } = topModelsRows(
    frame.select(...columns).withColumns(pl.col("origin").fillNull("unknown")),
    window,
  );
  if (top.height === 0) return chartFrame(options, null);
  type Row = {
    week_start: string;
    model: string;
    tokens: number;
    rank: number;
    origin: string;
  };
  const rows = top.toRecords() as Row[];
  const weeks = [
    ...(earlierWeeks > 0 ? [EARLIER_WEEKS] : []),
    ...distinct(rows.map((r) => r.week_start))
      .filter((w) => w !== EARLIER_WEEKS).sort(),
  ];
  const [first, latest] = [weeks[0], weeks[weeks.length - 1]];
  const origins = rows.map((r) => r.origin);
  // One run per model from its first to its last column in the top 10,
  // with a gap (NaN rank) for each week it was out.
  const column = new Map(weeks.map((w, i) => [w, i]));
  // By model (code-unit order, as polars sorts), then column.
  rows.sort((a, b) =>
    (a.model < b.model ? -1 : a.model > b.model ? 1 : 0) ||
    column.get(a.week_start)! - column.get(b.week_start)!
  );
  const runs = [...Map.groupBy(rows, (r) => r.model).values()];
  const lines = runs.flatMap((run) => {
    const byWeek = new Map(run.map((r) => [r.week_start, r]));
    return weeks
      .slice(
        column.get(run[0].week_start)!,
        column.get(run.at(-1)!.week_start)! + 1,
      )
      .map((week) =>
        byWeek.get(week) ?? { ...run[0], week_start: week, rank: NaN }
      );
  });
  // The step from the earlier column into the window is dashed: it joins a
  // rank over many weeks to a rank in one week.
  const solid = lines.filter((r) => r.week_start !== EARLIER_WEEKS);
  const inFirstWeek = new Map(
    rows.filter((r) => r.week_start === weeks[1]).map((r) => [r.model, r]),
  );
  const bridges = earlierWeeks > 0
    ? rows.filter((r) => r.week_start === EARLIER_WEEKS).flatMap((r) => {
      const next = inFirstWeek.get(r.model);
      return next === undefined ? [] : [r, next];
    })
    : [];
  const tick = (w: string, previous: string | undefined) =>
    w === EARLIER_WEEKS
      ? `earlier\n${earlierWeeks} week${earlierWeeks === 1 ? "" : "s"}`
      : weekTick(w, previous === EARLIER_WEEKS ? undefined : previous);
  const leftLabel = (r: Row) =>
    weeks.length > 1 ? `#${r.rank} ${truncateLabel(r.model)}` : `#${r.rank}`;
  const rightLabel = (r: Row) =>
    `${truncateLabel(r.model)} · ${tokensTick(r.tokens)}`;
  const leftRows = rows.filter((r) => r.week_start === first);
  const rightRows = rows.filter((r) => r.week_start === latest);
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
      ...plotBase(options.document, { width, height }, margin),
      x: {
        type: "point",
        domain: weeks,
        ticks,
        tickFormat: (w, i) => tick(w, ticks[i - 1]),
        label: null,
        padding: 0,
        inset: 12,
      },
      y: { domain: [1, 10], reverse: true, axis: null, inset: 8 },
      color: originScale(origins),
      marks: [
        Plot.line(solid, {
          x: "week_start",
          y: "rank",
          z: "model",
          stroke: "origin",
          strokeWidth: 2,
          strokeOpacity: 0.75,
        }),
        Plot.line(bridges, {
          x: "week_start",
          y: "rank",
          z: "model",
          stroke: "origin",
          strokeWidth: 1.5,
          strokeOpacity: 0.6,
          strokeDasharray: "4,3",
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
    return plot;
  }, originLegend(origins));
}

/**
 * The rows to draw: the top 10 of each of the latest `window` weeks, and,
 * when there are more weeks, the top 10 of the earlier weeks' summed tokens
 * under the week {@linkcode EARLIER_WEEKS}: what {@linkcode topModelsChart}
 * draws (and the chart's kit exports).
 *
 * @param frame Columns `week_start`, `model`, `tokens`, `rank`, `origin`.
 * @param window Weeks drawn one by one.
 * @returns The rows (`week_start`, `model`, `tokens`, `rank`, `origin`) and
 * how many weeks the earlier column sums.
 *
 * @example Two weeks, a window of one
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const frame = pl.DataFrame({
 *   week_start: ["2026-06-01", "2026-06-08"], model: ["A", "A"],
 *   tokens: [2e12, 3e12], rank: [1, 1], origin: ["China", "China"],
 * });
 * const { rows, earlierWeeks } = topModelsRows(frame, 1);
 * assert.equal(earlierWeeks, 1);
 * assert.deepEqual(rows.getColumn("week_start").toArray(), ["earlier", "2026-06-08"]);
 * ```
 */
export function topModelsRows(
  frame: pl.DataFrame,
  window: number,
): { rows: pl.DataFrame; earlierWeeks: number } {
  const weeks = frame.getColumn("week_start").unique().sort()
    .toArray() as string[];
  const inWindow = weeks.slice(-window);
  const earlierWeeks = weeks.length - inWindow.length;
  const recent = frame.filter(
    pl.col("week_start").gtEq(pl.lit(inWindow[0] ?? "")).and(
      pl.col("rank").lessThanEquals(10),
    ),
  );
  if (earlierWeeks === 0) {
    return { rows: recent, earlierWeeks };
  }
  // Ranked rows only: the `other` row has no rank and is not a model.
  const earlier = frame.filter(
    pl.col("week_start").lt(pl.lit(inWindow[0])).and(
      pl.col("rank").isNotNull(),
    ),
  )
    .groupBy("model")
    .agg(
      pl.col("tokens").sum().alias("tokens"),
      pl.col("origin").first().alias("origin"),
    )
    .sort(["tokens", "model"], [true, false])
    .head(10);
  const summary = earlier.withColumns(
    pl.lit(EARLIER_WEEKS).alias("week_start"),
    pl.Series(
      "rank",
      Array.from({ length: earlier.height }, (_, i) => i + 1),
      pl.Int64,
    ),
  ).select("week_start", "model", "tokens", "rank", "origin");
  const rows = pl.concat([
    summary,
    recent.select(
      "week_start",
      "model",
      "tokens",
      pl.col("rank").cast(pl.Int64),
      "origin",
    ),
  ], { how: "vertical" });
  return { rows, earlierWeeks };
}

/**
 * How many of the latest complete weeks the top-models chart draws one by
 * one; earlier weeks are summed in one column.
 *
 * @example Eight weeks
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(TOP_MODELS_WINDOW, 8);
 * ```
 */
export const TOP_MODELS_WINDOW = 8;
