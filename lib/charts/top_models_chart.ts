/**
 * The ten most used models of each week, as a bump chart. A pure function from a polars DataFrame to an `<svg>` in the
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
  svgElement,
  TEXT_COLOR,
  tokensTick,
  truncateLabel,
} from "./chart_style.ts";
import {
  distinct,
  hasRows,
  labelMargin,
  placeLabels,
  thinWeeks,
  weekTick,
} from "./_chart_helpers.ts";
import { originLegend, originScale } from "./_chart_helpers.ts";

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
 * How many of the latest complete weeks the top-models chart draws one by
 * one; earlier weeks are summed in one column.
 *
 * @example Twelve weeks
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(TOP_MODELS_WINDOW, 12);
 * ```
 */
export const TOP_MODELS_WINDOW = 12;
