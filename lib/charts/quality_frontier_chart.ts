/**
 * Benchmark score against the cost of a stated task, the Pareto frontier
 * drawn as a step line, every model labelled, and the articles' claims
 * ("near X's quality at x% of the bill") marked as dashed links between the
 * two models they compare.
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
  NEUTRAL_GREY,
  SERIES_COLORS,
  svgElement,
  truncateLabel,
  usdTick,
} from "./chart_style.ts";
import { hasRows, logAxisX, plotBase } from "./_chart_helpers.ts";
import { placeLabels, samplePolyline } from "./_label_placer.ts";

/** A claim drawn on the chart: a dashed link from one model's point to another's, with its label. */
export interface ClaimMark {
  /** The model the claim is about (a value of the `label` column). */
  from: string;
  /** The model it is compared with. */
  to: string;
  /** The text drawn at the link's middle, e.g. `pt-22 "~3.5% of the bill": 2.5% here`. */
  label: string;
}

/** Options of {@linkcode qualityFrontierChart}: the columns to read (as Plot's marks take them) and the claims to mark. */
export interface QualityFrontierOptions extends ChartOptions {
  /** The score axis' label, e.g. the benchmark's name. */
  scoreLabel: string;
  /** Column of the score (default `score`). */
  y?: string;
  /** Column of the task cost, USD (default `task_cost_usd`). */
  x?: string;
  /** Column of the point's label (default `display_name`). */
  label?: string;
  /** Column of the frontier flag (default `on_frontier`). */
  frontier?: string;
  /** Claims to mark. */
  claims?: readonly ClaimMark[];
}

/** The frontier's colour. */
const FRONTIER = SERIES_COLORS[2];
/** The claims' colour. */
const CLAIM = SERIES_COLORS[0];

/**
 * Score against task cost (log scale), the frontier as a step line through
 * its models, points beneath it in grey, a label per model, and each claim
 * as a dashed link between its two models.
 *
 * @param frame One row per model with the columns named in `options`.
 *   Rows with a null score or cost are left out.
 * @param options Document, texts, size, column names and claims.
 * @returns The chart's `<svg>` element.
 * @throws {TypeError} If a non-empty frame lacks one of the columns.
 *
 * @example Three models, one beneath the frontier, one claim
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const frame = pl.DataFrame({ display_name: ["A", "B", "C"], score: [60, 80, 70], task_cost_usd: [0.01, 0.2, 0.3], on_frontier: [true, true, false] });
 * const svg = qualityFrontierChart(frame, { document, title: "Score per dollar", source: "Source: test", scoreLabel: "Bench (%)", claims: [{ from: "A", to: "B", label: "claim" }] });
 * assert.equal(svg.querySelectorAll('g[aria-label="dot"] circle').length, 3);
 * assert.match(svg.textContent ?? "", /claim/);
 * ```
 */
export function qualityFrontierChart(
  frame: pl.DataFrame,
  options: QualityFrontierOptions,
): SVGSVGElement {
  const x = options.x ?? "task_cost_usd";
  const y = options.y ?? "score";
  const label = options.label ?? "display_name";
  const frontier = options.frontier ?? "on_frontier";
  const columns = [label, y, x, frontier];
  if (!hasRows(frame, "qualityFrontierChart", columns)) {
    return chartFrame(options, null);
  }
  const rows = (frame
    .select(
      pl.col(label).alias("label"),
      pl.col(y).cast(pl.Float64).alias("score"),
      pl.col(x).cast(pl.Float64).alias("cost"),
      pl.col(frontier).alias("frontier"),
    )
    .filter(pl.col("score").isNotNull().and(pl.col("cost").gt(0)))
    .sort(["cost", "score", "label"], [false, true, false])
    .toRecords()) as {
      label: string;
      score: number;
      cost: number;
      frontier: boolean;
    }[];
  if (rows.length === 0) return chartFrame(options, null);
  const costs = rows.map((r) => r.cost);
  const domain: [number, number] = [
    Math.min(...costs) / 1.6,
    Math.max(...costs) * 1.6,
  ];
  const onFrontier = rows.filter((r) => r.frontier);
  const byLabel = new Map(rows.map((r) => [r.label, r]));
  const links = (options.claims ?? []).flatMap((claim) => {
    const a = byLabel.get(claim.from);
    const b = byLabel.get(claim.to);
    return a && b ? [{ a, b, text: claim.label }] : [];
  });
  const margin = { left: 52, right: 20, top: 24, bottom: 40 };
  const legend = [
    {
      label: "on the frontier (no model scores more for less)",
      color: FRONTIER,
    },
    { label: "beneath it", color: NEUTRAL_GREY },
    ...(links.length > 0 ? [{ label: "article's claim", color: CLAIM }] : []),
  ];
  return chartFrame(options, ({ width, height }) => {
    const plot = Plot.plot({
      ...plotBase(options.document, { width, height }, margin),
      x: { type: "log", domain },
      y: {
        label: options.scoreLabel,
        labelArrow: "none",
        grid: true,
        nice: true,
        inset: 10,
      },
      marks: [
        logAxisX(domain, usdTick, "cost of the task, USD (log scale)"),
        Plot.line(onFrontier, {
          x: "cost",
          y: "score",
          curve: "step-after",
          stroke: FRONTIER,
          strokeWidth: 1.5,
        }),
        Plot.link(links, {
          x1: (d: typeof links[number]) => d.a.cost,
          y1: (d: typeof links[number]) => d.a.score,
          x2: (d: typeof links[number]) => d.b.cost,
          y2: (d: typeof links[number]) => d.b.score,
          stroke: CLAIM,
          strokeWidth: 1.5,
          strokeDasharray: "5,3",
        }),
        Plot.dot(rows, {
          x: "cost",
          y: "score",
          fill: (r: typeof rows[number]) =>
            r.frontier ? FRONTIER : NEUTRAL_GREY,
          stroke: "white",
          r: 5,
        }),
      ],
    });
    const sx = plot.scale("x")!;
    const sy = plot.scale("y")!;
    const point = (cost: number, score: number) => ({
      x: sx.apply(cost) as number,
      y: sy.apply(score) as number,
    });
    const claimLabels = links.map((link) => {
      const a = point(link.a.cost, link.a.score);
      const b = point(link.b.cost, link.b.score);
      return {
        x: (a.x + b.x) / 2,
        y: (a.y + b.y) / 2,
        text: link.text,
        radius: 0,
      };
    });
    const modelLabels = mergeCoincident(
      [...onFrontier, ...rows.filter((r) => !r.frontier)].map((r) => ({
        ...point(r.cost, r.score),
        text: r.label,
        radius: 5,
      })),
    ).map((l) => ({ ...l, text: truncateLabel(l.text, 34) }));
    // The claims' links are obstacles labels keep off (the frontier's steps
    // are not: with them the crowded 80-point band leaves labels no room).
    const obstacles = [
      ...links.flatMap((link) => {
        const a = point(link.a.cost, link.a.score);
        const b = point(link.b.cost, link.b.score);
        return samplePolyline([[a.x, a.y], [b.x, b.y]]);
      }),
    ];
    const group = svgElement(options.document, "g", { "aria-label": "labels" });
    group.append(
      ...placeLabels(options.document, [...claimLabels, ...modelLabels], {
        bounds: {
          left: margin.left,
          right: width - 4,
          top: 0,
          bottom: height - margin.bottom,
        },
        obstacles,
      }),
    );
    plot.append(group);
    return plot;
  }, legend);
}

/** Points closer than this (px) share one label. */
const COINCIDENT_PX = 4;

/**
 * One label for points drawn on top of each other (closer than
 * {@linkcode COINCIDENT_PX}): the names joined, their common leading words
 * written once ("Claude Opus 4.5 / 4.6").
 *
 * @param labels Points with their labels, most important first.
 * @returns The labels, coincident ones merged into the first of them.
 *
 * @example Two Opus versions drawn on one spot
 * ```ts
 * import assert from "node:assert/strict";
 * const merged = mergeCoincident([
 *   { x: 10, y: 10, text: "Claude Opus 4.5", radius: 5 },
 *   { x: 11, y: 11, text: "Claude Opus 4.6", radius: 5 },
 * ]);
 * assert.deepEqual(merged.map((l) => l.text), ["Claude Opus 4.5 / 4.6"]);
 * ```
 */
export function mergeCoincident(
  labels: { x: number; y: number; text: string; radius: number }[],
): { x: number; y: number; text: string; radius: number }[] {
  const groups: { x: number; y: number; radius: number; texts: string[] }[] =
    [];
  for (const label of labels) {
    const near = groups.find((g) =>
      Math.hypot(g.x - label.x, g.y - label.y) < COINCIDENT_PX
    );
    if (near === undefined) {
      groups.push({
        x: label.x,
        y: label.y,
        radius: label.radius,
        texts: [label.text],
      });
    } else near.texts.push(label.text);
  }
  return groups.map((g) => ({
    x: g.x,
    y: g.y,
    radius: g.radius,
    text: joinNames(g.texts),
  }));
}

/** "Claude Opus 4.5", "Claude Opus 4.6" → "Claude Opus 4.5 / 4.6". */
function joinNames(names: string[]): string {
  if (names.length === 1) return names[0];
  const words = names.map((n) => n.split(" "));
  let common = 0;
  while (
    common < words[0].length - 1 &&
    words.every((w) => w.length - 1 > common && w[common] === words[0][common])
  ) common++;
  const head = words[0].slice(0, common).join(" ");
  const tails = words.map((w) => w.slice(common).join(" "));
  return `${head}${head === "" ? "" : " "}${tails.join(" / ")}`;
}
