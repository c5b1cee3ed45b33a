/**
 * The house style shared by every tokenbook chart: font, sizes, the origin
 * palette, axis number formats with units, label truncation, and
 * {@linkcode chartFrame}, which draws the title, subtitle, legend and source
 * line inside the SVG so an exported file stands alone in an article.
 *
 * Text widths are measured from DejaVu Sans advance widths (the font resvg
 * and the gallery use), because jsdom cannot measure text.
 *
 * @module
 */

import { formatPercent, formatTokens } from "../text/format.ts";
import {
  ADVANCE_BOLD,
  ADVANCE_OTHER,
  ADVANCE_REGULAR,
} from "./font_metrics.ts";

/** Options every chart function takes. Sizes are in CSS pixels. */
export interface ChartOptions {
  /** The DOM document to create elements in (e.g. jsdom's `new JSDOM("").window.document`). */
  document: Document;
  /** Headline drawn at the top of the chart. */
  title: string;
  /** Optional one- or two-line explanation drawn under the title. */
  subtitle?: string;
  /** Source line drawn at the bottom, e.g. `"Source: OpenRouter rankings-daily, CC BY 4.0 · tokenbook"`. */
  source: string;
  /** Width in pixels (default {@linkcode CHART_WIDTH}). */
  width?: number;
  /** Height in pixels (default {@linkcode CHART_HEIGHT}). */
  height?: number;
  /** Alt text, written as the SVG's `<desc>` (the title is its `<title>`). */
  description?: string;
}

/** One entry of the legend row drawn under the subtitle. */
export interface LegendItem {
  /** Text next to the swatch. */
  label: string;
  /** Fill colour of the swatch (CSS colour). */
  color: string;
  /** Draw the swatch hatched, as partial data is drawn. */
  hatched?: boolean;
  /** The swatch's shape, matching the mark it stands for: a square (bars, areas; the default), a filled dot, or a ring (an unfilled dot). */
  shape?: "square" | "dot" | "ring";
}

/** The plot area left between the header and the source line, in pixels. */
export interface PlotArea {
  /** Width of the plot area in pixels. */
  width: number;
  /** Height of the plot area in pixels. */
  height: number;
}

/**
 * Font family of every text in a chart; resvg loads it from the system fonts.
 *
 * @example The family
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(FONT_FAMILY, "DejaVu Sans");
 * ```
 */
export const FONT_FAMILY = "DejaVu Sans";

/**
 * Default chart width in pixels, readable at article column width.
 *
 * @example Default size
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(CHART_WIDTH, 720);
 * ```
 */
export const CHART_WIDTH = 720;

/**
 * Default chart height in pixels.
 *
 * @example Default size
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(CHART_HEIGHT, 440);
 * ```
 */
export const CHART_HEIGHT = 440;

/**
 * Font sizes in pixels for each kind of text.
 *
 * @example The title is the largest text
 * ```ts
 * import assert from "node:assert/strict";
 * assert.ok(FONT_SIZE.title > FONT_SIZE.subtitle && FONT_SIZE.subtitle > FONT_SIZE.source);
 * ```
 */
export const FONT_SIZE = {
  title: 18,
  subtitle: 13,
  legend: 12,
  axis: 11,
  label: 11,
  source: 10,
} as const;

/**
 * Text colours: headline, secondary text, and muted text (source, "no data").
 *
 * @example Headline colour
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(TEXT_COLOR.title, "#1a1a1a");
 * ```
 */
export const TEXT_COLOR = {
  title: "#1a1a1a",
  body: "#333333",
  muted: "#666666",
} as const;

/**
 * Model origins in the order they are stacked and listed in legends.
 *
 * @example Order
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(ORIGINS, ["China", "US", "Europe", "other", "unknown"]);
 * ```
 */
export const ORIGINS = ["China", "US", "Europe", "other", "unknown"] as const;

/**
 * Colour of each origin, from the colour-blind-safe Okabe-Ito palette; the
 * same in every chart. Origins not listed (e.g. "other (not in top 50)") are
 * drawn in {@linkcode NEUTRAL_GREY}.
 *
 * @example China is vermillion
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(ORIGIN_COLORS.China, "#D55E00");
 * ```
 */
export const ORIGIN_COLORS: Readonly<Record<string, string>> = {
  China: "#D55E00",
  US: "#0072B2",
  Europe: "#009E73",
  other: "#CC79A7",
  unknown: "#999999",
};

/**
 * Grey for origins outside {@linkcode ORIGINS} and for anything without meaning.
 *
 * @example A light grey
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(NEUTRAL_GREY, "#BBBBBB");
 * ```
 */
export const NEUTRAL_GREY = "#BBBBBB";

/**
 * Colours for series that are not origins (price sources, measures), in
 * order of use: the Okabe-Ito colours the origins leave free.
 *
 * @example First two series
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(SERIES_COLORS.slice(0, 2), ["#E69F00", "#56B4E9"]);
 * ```
 */
export const SERIES_COLORS: readonly string[] = [
  "#E69F00",
  "#56B4E9",
  "#333333",
  "#F0E442",
];

/**
 * The colour of an origin, grey for origins outside {@linkcode ORIGINS}.
 *
 * @param origin An origin such as `"China"`.
 * @returns A CSS hex colour.
 *
 * @example Known and unknown origins
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(originColor("US"), "#0072B2");
 * assert.equal(originColor("other (not in top 50)"), "#BBBBBB");
 * ```
 */
export function originColor(origin: string): string {
  return Object.hasOwn(ORIGIN_COLORS, origin)
    ? ORIGIN_COLORS[origin]
    : NEUTRAL_GREY;
}

/**
 * Sort origins into legend order: {@linkcode ORIGINS} first, then the rest
 * alphabetically; duplicates removed.
 *
 * @param origins Origins as found in a frame, in any order.
 * @returns The distinct origins in legend and stacking order.
 *
 * @example Unknown origins go last
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(
 *   originOrder(["zz", "US", "China", "US"]),
 *   ["China", "US", "zz"],
 * );
 * ```
 */
export function originOrder(origins: Iterable<string>): string[] {
  const rank = (origin: string) => {
    const index = (ORIGINS as readonly string[]).indexOf(origin);
    return index === -1 ? ORIGINS.length : index;
  };
  return [...new Set(origins)].sort((a, b) =>
    rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)
  );
}

/**
 * Cut a label to at most `maxChars` characters, ending with an ellipsis.
 *
 * @param text The label, e.g. a model name.
 * @param maxChars The longest label kept whole (default 28).
 * @returns The label, or its first `maxChars - 1` characters (trailing
 * spaces dropped) followed by "…".
 *
 * @example A long model name
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(truncateLabel("Qwen3 Coder 480B A35B Instruct Turbo"), "Qwen3 Coder 480B A35B Instr…");
 * assert.equal(truncateLabel("GPT-5"), "GPT-5");
 * ```
 */
export function truncateLabel(text: string, maxChars = 28): string {
  const chars = [...text];
  if (chars.length <= maxChars) return text;
  return `${chars.slice(0, maxChars - 1).join("").trimEnd()}…`;
}

/**
 * Width of a line of text set in DejaVu Sans, from the font's advance widths.
 *
 * @param text One line of text.
 * @param fontSize Font size in pixels.
 * @param bold Whether the text is bold.
 * @returns Width in pixels.
 *
 * @example Ten digits at 10px
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(textWidth("0123456789", 10), 63.6);
 * ```
 */
export function textWidth(
  text: string,
  fontSize: number,
  bold = false,
): number {
  const table = bold ? ADVANCE_BOLD : ADVANCE_REGULAR;
  let thousandths = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    thousandths += code >= 32 && code <= 126
      ? table[code - 32]
      : ADVANCE_OTHER[char] ?? 700;
  }
  return Math.round(thousandths * fontSize) / 1000;
}

/**
 * Break text into lines no wider than `maxWidth`, at spaces.
 *
 * @param text The text to wrap.
 * @param fontSize Font size in pixels.
 * @param maxWidth Widest line allowed, in pixels.
 * @param bold Whether the text is bold.
 * @returns The lines; a single word wider than `maxWidth` stays whole.
 *
 * @example Two lines
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(wrapText("aaaa bbbb", 10, 40), ["aaaa", "bbbb"]);
 * ```
 */
export function wrapText(
  text: string,
  fontSize: number,
  maxWidth: number,
  bold = false,
): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (line !== "" && textWidth(candidate, fontSize, bold) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

/**
 * Axis tick and label format for token counts, to 3 significant digits:
 * `"500B"`, `"1.5T"`, `"987B"`.
 *
 * @param tokens A count of tokens.
 * @returns The count with a T/B/M/K suffix and no trailing zeros.
 *
 * @example Trillions and billions
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(tokensTick(1_500_000_000_000), "1.5T");
 * assert.equal(tokensTick(986_680_000_000), "987B");
 * assert.equal(tokensTick(2_254_000_000_000), "2.25T");
 * ```
 */
export function tokensTick(tokens: number): string {
  const rounded = Number(tokens.toPrecision(3));
  return formatTokens(rounded, 2).replace(/\.?0+(?=[TBMK]$)/, "");
}

/**
 * Axis tick format for a fraction 0–1 shown as a whole percentage.
 *
 * @param fraction A share or rate as a fraction (0.8 is 80%).
 * @returns e.g. `"80%"`.
 *
 * @example Eighty percent
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(percentTick(0.8), "80%");
 * ```
 */
export function percentTick(fraction: number): string {
  return formatPercent(fraction, 0);
}

/**
 * Axis tick format for a signed change given as a fraction (0.3 is +30%).
 *
 * @param fraction A relative change.
 * @returns e.g. `"+30%"`, `"−50%"` (with a minus sign), `"0%"`.
 *
 * @example Up and down
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(changeTick(0.3), "+30%");
 * assert.equal(changeTick(-0.5), "−50%");
 * ```
 */
export function changeTick(fraction: number): string {
  const percent = Math.round(fraction * 100);
  if (percent === 0) return "0%";
  return `${percent > 0 ? "+" : "−"}${Math.abs(percent)}%`;
}

/**
 * Axis tick format for US dollars, compact: `"$0.50"`, `"$12"`, `"$40K"`, `"$2.4M"`.
 *
 * @param usd An amount in US dollars.
 * @returns The amount with a K/M/B suffix above a thousand.
 *
 * @example Thousands and millions
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(usdTick(40_000), "$40K");
 * assert.equal(usdTick(2_400_000), "$2.4M");
 * assert.equal(usdTick(0.5), "$0.50");
 * ```
 */
export function usdTick(usd: number): string {
  const abs = Math.abs(usd);
  const sign = usd < 0 ? "-" : "";
  for (const [size, suffix] of [[1e9, "B"], [1e6, "M"], [1e3, "K"]] as const) {
    if (abs >= size) {
      return `${sign}$${Number((abs / size).toFixed(1))}${suffix}`;
    }
  }
  if (abs >= 10 || Number.isInteger(abs)) {
    return `${sign}$${Number(abs.toFixed(0))}`;
  }
  return `${sign}$${abs.toFixed(abs >= 0.1 ? 2 : 3)}`;
}

/**
 * Axis tick format for a multiple, e.g. how many times cheaper: `"26×"`.
 *
 * @param times A ratio.
 * @returns The ratio with at most one decimal and a "×".
 *
 * @example A ratio
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(timesTick(26), "26×");
 * assert.equal(timesTick(2.25), "2.3×");
 * ```
 */
export function timesTick(times: number): string {
  return `${Number(times.toFixed(1))}×`;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const PADDING = 16;
// Plot draws its axis labels 3px from its edges: inset it so they line up
// with the title and source at PADDING.
const PLOT_INSET = PADDING - 3;
const LINE_HEIGHT = 1.3;
const SWATCH = 11;

/**
 * Id of the hatch pattern {@linkcode chartFrame} defines when a legend item
 * is hatched; fill with `url(#tokenbook-hatch)` to mark partial data.
 *
 * @example Use as a fill
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(`url(#${HATCH_ID})`, "url(#tokenbook-hatch)");
 * ```
 */
export const HATCH_ID = "tokenbook-hatch";

/**
 * Create an SVG element with attributes.
 *
 * @param document The document to create the element in.
 * @param tag The SVG tag name, e.g. `"text"`.
 * @param attributes Attribute names and values; numbers are written as is.
 * @param text Optional text content.
 * @returns The new element.
 *
 * @example A text element
 * ```ts
 * import assert from "node:assert/strict";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const text = svgElement(document, "text", { x: 4 }, "hi");
 * assert.equal(text.outerHTML, '<text x="4">hi</text>');
 * ```
 */
export function svgElement(
  document: Document,
  tag: string,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElement {
  const element = document.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  if (text !== undefined) element.textContent = text;
  return element;
}

function textLines(
  document: Document,
  lines: string[],
  x: number,
  firstBaseline: number,
  attributes: Record<string, string | number>,
): { elements: SVGElement[]; bottom: number } {
  const fontSize = Number(attributes["font-size"]);
  const elements = lines.map((line, i) =>
    svgElement(document, "text", {
      x,
      y: firstBaseline + i * fontSize * LINE_HEIGHT,
      ...attributes,
    }, line)
  );
  const last = firstBaseline + (lines.length - 1) * fontSize * LINE_HEIGHT;
  return { elements, bottom: last + fontSize * (LINE_HEIGHT - 1) + 3 };
}

function legendRow(
  document: Document,
  items: LegendItem[],
  top: number,
  maxWidth: number,
): { elements: SVGElement[]; bottom: number } {
  const elements: SVGElement[] = [];
  const rowHeight = FONT_SIZE.legend * 1.5;
  let x = PADDING;
  let y = top;
  for (const item of items) {
    const width = SWATCH + 5 + textWidth(item.label, FONT_SIZE.legend) + 14;
    if (x > PADDING && x + width > PADDING + maxWidth) {
      x = PADDING;
      y += rowHeight;
    }
    const swatch = { x, y: y + 1, width: SWATCH, height: SWATCH };
    if (item.shape === "dot" || item.shape === "ring") {
      // A fully rounded rect, so a chart's own marks stay its only circles.
      const ring = item.shape === "ring";
      const inset = ring ? 1 : 0;
      elements.push(
        svgElement(document, "rect", {
          x: swatch.x + inset,
          y: swatch.y + inset,
          width: SWATCH - 2 * inset,
          height: SWATCH - 2 * inset,
          rx: SWATCH / 2 - inset,
          fill: ring ? "white" : item.color,
          ...(ring ? { stroke: item.color, "stroke-width": 1.5 } : {}),
        }),
      );
    } else {
      elements.push(
        svgElement(document, "rect", { ...swatch, fill: item.color }),
      );
    }
    if (item.hatched) {
      elements.push(
        svgElement(document, "rect", { ...swatch, fill: `url(#${HATCH_ID})` }),
      );
    }
    elements.push(
      svgElement(document, "text", {
        x: x + SWATCH + 5,
        y: y + SWATCH,
        "font-size": FONT_SIZE.legend,
        fill: TEXT_COLOR.body,
      }, item.label),
    );
    x += width;
  }
  return { elements, bottom: y + rowHeight + 2 };
}

function hatchPattern(document: Document): SVGElement {
  const defs = svgElement(document, "defs", {});
  const pattern = svgElement(document, "pattern", {
    id: HATCH_ID,
    width: 6,
    height: 6,
    patternUnits: "userSpaceOnUse",
    patternTransform: "rotate(45)",
  });
  pattern.append(
    svgElement(document, "rect", {
      width: 6,
      height: 6,
      fill: "white",
      "fill-opacity": 0.45,
    }),
    svgElement(document, "line", {
      x1: 0,
      y1: 0,
      x2: 0,
      y2: 6,
      stroke: "white",
      "stroke-width": 2.5,
    }),
  );
  defs.append(pattern);
  return defs;
}

/**
 * Draw the house frame of a chart: white background, title, subtitle,
 * legend, the plot body and the source line, all inside one `<svg>`.
 *
 * The body is drawn by `drawBody`, called with the size left for it (the
 * full width less 13px each side, so that Plot's axis labels, 3px inside its
 * edges, line up with the title); it
 * usually returns the `<svg>` of `Plot.plot(...)`, whose children are moved
 * into a `<g>` (Plot's `<style>` is dropped: the file must not depend on CSS).
 * When `drawBody` is `null` the plot area shows "no data".
 *
 * @param options Document, texts and size of the chart.
 * @param drawBody Draws the plot for a given area, or `null` for no data.
 * @param legend Legend items drawn under the subtitle; a hatched item also
 * defines the pattern `url(#tokenbook-hatch)` for the body to use.
 * @returns The chart's `<svg>` element.
 *
 * @example An empty chart still has its title and source
 * ```ts
 * import assert from "node:assert/strict";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const svg = chartFrame({ document, title: "Nothing yet", source: "Source: none" }, null);
 * assert.equal(svg.getAttribute("width"), "720");
 * const texts = [...svg.querySelectorAll("text")].map((t) => t.textContent);
 * assert.deepEqual(texts, ["Nothing yet", "Source: none", "no data"]);
 * assert.equal(svg.getAttribute("role"), "img");
 * assert.equal(svg.querySelector("title")?.textContent, "Nothing yet");
 * ```
 */
export function chartFrame(
  options: ChartOptions,
  drawBody: ((area: PlotArea) => Element) | null,
  legend: LegendItem[] = [],
): SVGSVGElement {
  const { document } = options;
  const width = options.width ?? CHART_WIDTH;
  const height = options.height ?? CHART_HEIGHT;
  const textWidthMax = width - 2 * PADDING;
  const svg = svgElement(document, "svg", {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    "font-family": `${FONT_FAMILY}, sans-serif`,
    "font-size": FONT_SIZE.axis,
    color: TEXT_COLOR.body,
    role: "img",
  }) as SVGSVGElement;
  svg.append(svgElement(document, "title", {}, options.title));
  if (options.description !== undefined) {
    svg.append(svgElement(document, "desc", {}, options.description));
  }
  if (legend.some((item) => item.hatched)) svg.append(hatchPattern(document));
  svg.append(
    svgElement(document, "rect", { width, height, fill: "white" }),
  );

  const title = textLines(
    document,
    wrapText(options.title, FONT_SIZE.title, textWidthMax, true),
    PADDING,
    PADDING + FONT_SIZE.title * 0.8,
    {
      "font-size": FONT_SIZE.title,
      "font-weight": "bold",
      fill: TEXT_COLOR.title,
    },
  );
  svg.append(...title.elements);
  let top = title.bottom;
  if (options.subtitle) {
    const subtitle = textLines(
      document,
      wrapText(options.subtitle, FONT_SIZE.subtitle, textWidthMax),
      PADDING,
      top + FONT_SIZE.subtitle,
      { "font-size": FONT_SIZE.subtitle, fill: TEXT_COLOR.body },
    );
    svg.append(...subtitle.elements);
    top = subtitle.bottom;
  }
  if (legend.length > 0) {
    const row = legendRow(document, legend, top + 4, textWidthMax);
    svg.append(...row.elements);
    top = row.bottom;
  }

  const sourceLines = wrapText(options.source, FONT_SIZE.source, textWidthMax);
  const sourceHeight = sourceLines.length * FONT_SIZE.source * LINE_HEIGHT;
  const sourceTop = height - PADDING / 2 - sourceHeight;
  svg.append(
    ...textLines(
      document,
      sourceLines,
      PADDING,
      sourceTop + FONT_SIZE.source,
      { "font-size": FONT_SIZE.source, fill: TEXT_COLOR.muted },
    ).elements,
  );

  const area = {
    width: width - 2 * PLOT_INSET,
    height: Math.max(0, sourceTop - 4 - top),
  };
  const body = svgElement(document, "g", {
    transform: `translate(${PLOT_INSET},${top})`,
  });
  if (drawBody === null) {
    body.append(
      svgElement(document, "rect", {
        x: PADDING - PLOT_INSET,
        y: 0,
        width: textWidthMax,
        height: area.height,
        fill: "#fafafa",
        stroke: "#dddddd",
      }),
      svgElement(document, "text", {
        x: area.width / 2,
        y: area.height / 2,
        "text-anchor": "middle",
        "dominant-baseline": "middle",
        "font-size": FONT_SIZE.subtitle,
        fill: TEXT_COLOR.muted,
      }, "no data"),
    );
  } else {
    const plot = drawBody(area);
    for (const name of ["fill", "text-anchor", "font-variant"]) {
      const value = plot.getAttribute(name);
      if (value !== null) body.setAttribute(name, value);
    }
    body.append(
      ...[...plot.childNodes].filter((node) => node.nodeName !== "style"),
    );
  }
  svg.append(body);
  return svg;
}
