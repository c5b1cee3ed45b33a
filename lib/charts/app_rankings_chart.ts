/**
 * The app-rankings chart for notebook 02: which apps drive the token
 * volume OpenRouter publishes, as horizontal bars.
 *
 * @module
 */
import type pl from "nodejs-polars";
import * as Plot from "@observablehq/plot";
import { formatPercent } from "../text/format.ts";
import {
  chartFrame,
  type ChartOptions,
  FONT_SIZE,
  SERIES_COLORS,
  TEXT_COLOR,
  tokensTick,
  truncateLabel,
} from "./chart_style.ts";
import { hasRows, labelMargin } from "./_chart_helpers.ts";

/**
 * Apps by tokens in one window as horizontal bars, most tokens first, each
 * labelled with its tokens and its share of the listed apps' tokens.
 *
 * @param frame Columns `app_name` (str), `total_tokens` (i64, tokens in the
 * window) and `token_share` (f64, fraction 0–1), as `appRankingsTable()` gives.
 * @param options Document, texts and size.
 * @returns The chart's `<svg>` element.
 * @throws {TypeError} If a non-empty frame lacks one of the columns.
 *
 * @example Two apps
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const frame = pl.DataFrame({ app_name: ["Cline", "Roo Code"], total_tokens: [3e12, 1e12], token_share: [0.75, 0.25] });
 * const svg = appRankingsChart(frame, { document, title: "Apps", source: "Source: test" });
 * assert.match(svg.textContent ?? "", /Cline.*3T · 75\.0%/);
 * ```
 */
export function appRankingsChart(
  frame: pl.DataFrame,
  options: ChartOptions,
): SVGSVGElement {
  const columns = ["app_name", "total_tokens", "token_share"];
  if (!hasRows(frame, "appRankingsChart", columns)) {
    return chartFrame(options, null);
  }
  const rows = frame.select(...columns)
    .sort(["total_tokens", "app_name"], [true, false])
    .toRecords() as {
      app_name: string;
      total_tokens: number;
      token_share: number;
    }[];
  const label = (r: (typeof rows)[number]) =>
    `${tokensTick(r.total_tokens)} · ${formatPercent(r.token_share)}`;
  return chartFrame(options, ({ width, height }) =>
    Plot.plot({
      document: options.document,
      width,
      height,
      marginLeft: labelMargin(rows.map((r) => truncateLabel(r.app_name))),
      marginRight: 96,
      marginBottom: 36,
      x: {
        label: "tokens in the window",
        labelAnchor: "right",
        labelArrow: "none",
        tickFormat: tokensTick,
        grid: true,
        nice: true,
      },
      y: {
        domain: rows.map((r) => r.app_name),
        label: null,
        tickFormat: (name) => truncateLabel(name),
      },
      marks: [
        Plot.barX(rows, {
          x: "total_tokens",
          y: "app_name",
          fill: SERIES_COLORS[0],
        }),
        Plot.ruleX([0]),
        Plot.text(rows, {
          x: "total_tokens",
          y: "app_name",
          text: label,
          textAnchor: "start",
          dx: 4,
          fill: TEXT_COLOR.title,
          fontSize: FONT_SIZE.label - 1,
        }),
      ],
    }));
}
