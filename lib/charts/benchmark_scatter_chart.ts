/**
 * A benchmark score against tokens used, one labelled point per model.
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
  svgElement,
  tokensTick,
  truncateLabel,
} from "./chart_style.ts";
import {
  hasRows,
  logAxisX,
  originLegend,
  originScale,
  plotBase,
} from "./_chart_helpers.ts";
import { placeLabels } from "./_label_placer.ts";

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
      ...plotBase(options.document, { width, height }, margin),
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
  }, originLegend(origins).map((item) => ({ ...item, shape: "dot" as const })));
}
