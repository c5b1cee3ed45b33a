/**
 * Export charts: deterministic SVG text (stable under re-rendering, as
 * Observable Plot's own test suite normalises its snapshots), PNG via resvg,
 * and both written to a folder.
 *
 * @module
 */

import { renderAsync, Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import { FONT_FAMILY } from "./chart_style.ts";
import { darkSvgText, type Theme, themedSvgText } from "./chart_theme.ts";

/**
 * The zoom the social card is rendered at: it is drawn at 800×420 and
 * rendered at 1.5×, so all its type scales with it (an 11 px axis label is
 * 16.5 px on the 1200×630 card, the title 27 px).
 *
 * @example 800 × 1.5 = 1200
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(800 * SOCIAL_ZOOM, 1200);
 * ```
 */
export const SOCIAL_ZOOM = 1.5;

const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK_NS = "http://www.w3.org/1999/xlink";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";
const PLOT_CLASS = /\bplot-[0-9a-f]{6}\b/g;
const NUMBER = /(?<![\d.])-?(?:\d+(?:\.\d+)?|\.\d+)(?:e[-+]?\d+)?/gi;
const HEX_COLOR = /^#[0-9a-f]{3,8}$/i;
const NOT_ROUNDED = /^(id|class|href|xlink:href|xmlns(:.*)?|aria-.*)$/;

/**
 * The class name that replaces Plot's random `plot-xxxxxx` class in exported SVG.
 *
 * @example Stable class
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(STABLE_CLASS, "tokenbook-chart");
 * ```
 */
export const STABLE_CLASS = "tokenbook-chart";

function roundNumbers(value: string): string {
  return value.replace(
    NUMBER,
    (n) => /[.e]/i.test(n) ? String(Number(Number(n).toFixed(3))) : n,
  );
}

/**
 * Serialize a chart to SVG text that is byte-identical for identical charts:
 * adds the `xmlns` attributes, replaces Plot's random class with
 * {@linkcode STABLE_CLASS}, renumbers ids in document order (`tokenbook-1`,
 * `tokenbook-2`, …) together with their `url(#…)` and `href="#…"`
 * references, rounds decimals in attributes and path data to 3 places, and
 * puts each element on its own line (never inside a `<text>`). The element
 * passed in is not modified.
 *
 * @param svg The chart, e.g. from `originShareChart`.
 * @returns Standalone SVG text ending with a newline.
 *
 * @example Ids are renumbered and numbers rounded
 * ```ts
 * import assert from "node:assert/strict";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const host = document.createElement("div");
 * host.innerHTML = '<svg class="plot-1a2b3c"><clipPath id="plot-clip-7"><rect width="1.23456"></rect></clipPath><g clip-path="url(#plot-clip-7)"></g></svg>';
 * const text = serializeSvg(host.querySelector("svg") as SVGSVGElement);
 * assert.match(text, /class="tokenbook-chart"/);
 * assert.match(text, /id="tokenbook-1"/);
 * assert.match(text, /clip-path="url\(#tokenbook-1\)"/);
 * assert.match(text, /width="1.235"/);
 * ```
 */
export function serializeSvg(svg: SVGSVGElement): string {
  const root = svg.cloneNode(true) as SVGSVGElement;
  root.setAttributeNS(XMLNS_NS, "xmlns", SVG_NS);
  root.setAttributeNS(XMLNS_NS, "xmlns:xlink", XLINK_NS);
  const elements = [root, ...root.querySelectorAll("*")];

  const ids = new Map<string, string>();
  for (const element of elements) {
    if (element.id !== "") {
      ids.set(element.id, `tokenbook-${ids.size + 1}`);
    }
  }
  const renumber = (id: string) => ids.get(id) ?? id;

  for (const element of elements) {
    if (element.localName === "style") {
      element.textContent = (element.textContent ?? "").replace(
        PLOT_CLASS,
        STABLE_CLASS,
      );
    }
    for (const attribute of [...element.attributes]) {
      let value = attribute.value;
      if (attribute.name === "class") {
        value = value.replace(PLOT_CLASS, STABLE_CLASS);
      } else if (attribute.name === "id") {
        value = renumber(value);
      } else if (attribute.localName === "href" && value.startsWith("#")) {
        value = `#${renumber(value.slice(1))}`;
      } else {
        value = value.replace(
          /url\(#([^)]+)\)/g,
          (_, id) => `url(#${renumber(id)})`,
        );
      }
      if (!NOT_ROUNDED.test(attribute.name) && !HEX_COLOR.test(value)) {
        value = roundNumbers(value);
      }
      if (value !== attribute.value) attribute.value = value;
    }
  }

  const window = root.ownerDocument.defaultView;
  if (window === null) {
    throw new TypeError(
      "Cannot serialize SVG: its document has no window (XMLSerializer)",
    );
  }
  const text = new window.XMLSerializer().serializeToString(root);
  return `${text.replace(/>(?=<(?!\/?tspan\b|\/text\b))/g, ">\n")}\n`;
}

/**
 * Render SVG text to PNG with resvg, using system fonts (DejaVu Sans by default).
 *
 * @param svgText Standalone SVG text with `xmlns`, e.g. from {@linkcode serializeSvg}.
 * @param scale Zoom factor: the PNG is `scale` times the SVG's width and height (default 2).
 * @returns The PNG file's bytes.
 * @throws {SyntaxError} If resvg cannot parse the SVG text.
 *
 * @example A 10×5 SVG becomes a 20×10 PNG
 * ```ts
 * import assert from "node:assert/strict";
 * const png = svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"></svg>');
 * const view = new DataView(png.buffer, png.byteOffset);
 * assert.deepEqual([view.getUint32(16), view.getUint32(20)], [20, 10]);
 * ```
 */
export function svgToPng(svgText: string, scale = 2): Uint8Array {
  let resvg: Resvg;
  try {
    resvg = new Resvg(svgText, pngOptions(scale));
  } catch (error) {
    throw notSvg(error);
  }
  const png = resvg.render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

function pngOptions(scale: number): ResvgRenderOptions {
  return {
    font: { loadSystemFonts: true, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: "zoom", value: scale },
  };
}

function notSvg(error: unknown): SyntaxError {
  return new SyntaxError(
    `Cannot render SVG to PNG: ${(error as Error).message}`,
    { cause: error },
  );
}

/**
 * {@linkcode svgToPng} on resvg's worker threads: the same bytes, while the
 * caller goes on (several charts render at once, one per core).
 *
 * @param svgText Standalone SVG text with `xmlns`.
 * @param scale Zoom factor (default 2).
 * @returns The PNG file's bytes.
 * @throws {SyntaxError} (rejects) If resvg cannot parse the SVG text.
 *
 * @example The same bytes as svgToPng
 * ```ts
 * import assert from "node:assert/strict";
 * const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"><rect width="4" height="4"/></svg>';
 * assert.deepEqual(await svgToPngAsync(svg), svgToPng(svg));
 * ```
 */
export async function svgToPngAsync(
  svgText: string,
  scale = 2,
): Promise<Uint8Array> {
  let png: Awaited<ReturnType<typeof renderAsync>>;
  try {
    png = await renderAsync(svgText, pngOptions(scale));
  } catch (error) {
    throw notSvg(error);
  }
  const bytes = png.asPng();
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A chart ready to write: its SVG text, and its PNG rendering on resvg's worker threads. */
export interface ChartFiles {
  /** The file name without extension. */
  name: string;
  /** The SVG text ({@linkcode serializeSvg}), in the chart's theme. */
  svgText: string;
  /** The PNG bytes, rendering ({@linkcode svgToPngAsync}, scale 2). */
  png: Promise<Uint8Array>;
  /** The rest of the chart's kit, when it was drawn with one. */
  kit?: KitFiles;
}

/** The kit's files beside `NAME.svg` and `NAME.png`. */
export interface KitFiles {
  /** `NAME.dark.svg`. */
  darkSvgText: string;
  /** `NAME.dark.png`, rendering at scale 2. */
  darkPng: Promise<Uint8Array>;
  /** `NAME.social.png`, 1200×630, rendering. */
  socialPng: Promise<Uint8Array>;
  /** `NAME.csv`. */
  csv: string;
  /** `NAME.json`. */
  json: string;
}

/** What the renderer is given: a chart, and optionally its kit (see `chartKit`). */
export interface ChartToRender {
  /** The file name without extension: letters, digits, `-` and `_`. */
  name: string;
  /** The chart, light. */
  svg: SVGSVGElement;
  /** The kit: the social card drawn at 800×420, the CSV, the metadata, the theme of `NAME.svg`. */
  kit?: {
    social: SVGSVGElement;
    csv: string;
    meta: unknown;
    theme: Theme;
  };
}

/** Throw a TypeError unless `name` is a plain file name: letters, digits, `-` and `_`. */
function requireChartName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) {
    throw new TypeError(
      `Cannot write chart files: name is ${
        JSON.stringify(name)
      }, expected letters, digits, "-" and "_"`,
    );
  }
}

/**
 * A renderer that serialises each chart it is given and starts its PNGs at
 * once on resvg's worker threads, one render per core at a time, so renders
 * run beside whatever the caller does next (drawing the next chart,
 * evaluating the ledger); write them with {@linkcode saveChartFiles}. With a
 * kit it also makes the dark variant ({@linkcode darkSvgText}), the social
 * card (rendered at 1.5×: 800×420 becomes 1200×630) and the CSV and JSON.
 *
 * @returns A function of a chart (and its kit), returning its files; it
 * throws a `TypeError` for a name that is not a plain file name.
 */
export function chartRenderer(): (chart: ChartToRender) => ChartFiles {
  const lanes: Promise<unknown>[] = Array.from(
    { length: Math.max(1, navigator.hardwareConcurrency) },
    () => Promise.resolve(),
  );
  let next = 0;
  const render = (svgText: string, scale: number) => {
    const lane = next++ % lanes.length;
    const png = lanes[lane].then(() => svgToPngAsync(svgText, scale));
    // A failed render is reported when saveChartFiles awaits it, not as an
    // unhandled rejection if the caller fails first.
    lanes[lane] = png.catch(() => {});
    return png;
  };
  return ({ name, svg, kit }) => {
    requireChartName(name);
    const lightText = serializeSvg(svg);
    if (kit === undefined) {
      return { name, svgText: lightText, png: render(lightText, 2) };
    }
    const darkText = darkSvgText(lightText);
    const svgText = themedSvgText(lightText, kit.theme);
    const socialText = themedSvgText(serializeSvg(kit.social), kit.theme);
    return {
      name,
      svgText,
      png: render(svgText, 2),
      kit: {
        darkSvgText: darkText,
        darkPng: render(darkText, 2),
        socialPng: render(socialText, SOCIAL_ZOOM),
        csv: kit.csv,
        json: `${JSON.stringify(kit.meta, null, 2)}\n`,
      },
    };
  };
}

/**
 * Serialise charts and start rendering their PNGs ({@linkcode chartRenderer}).
 *
 * @param charts Each chart's file name (letters, digits, `-` and `_`), SVG element and optional kit.
 * @returns The charts' files, in order.
 * @throws {TypeError} If a name is not a plain file name (before any render starts).
 */
export function renderChartFiles(
  charts: readonly ChartToRender[],
): ChartFiles[] {
  for (const { name } of charts) requireChartName(name);
  return charts.map(chartRenderer());
}

/**
 * Write charts from {@linkcode renderChartFiles} as `NAME.svg` and
 * `NAME.png` into a folder, creating the folder; a chart with a kit also
 * gets `NAME.dark.svg`, `NAME.dark.png`, `NAME.social.png`, `NAME.csv` and
 * `NAME.json`.
 *
 * @param dir The folder.
 * @param files The charts' files.
 * @returns The paths of `NAME.svg` and `NAME.png`, in order.
 */
export async function saveChartFiles(
  dir: string,
  files: readonly ChartFiles[],
): Promise<{ svgPath: string; pngPath: string }[]> {
  await Deno.mkdir(dir, { recursive: true });
  const written = [];
  for (const file of files) {
    const svgPath = `${dir}/${file.name}.svg`;
    const pngPath = `${dir}/${file.name}.png`;
    await Deno.writeTextFile(svgPath, file.svgText);
    await Deno.writeFile(pngPath, await file.png);
    const kit = file.kit;
    if (kit !== undefined) {
      const at = (ending: string) => `${dir}/${file.name}.${ending}`;
      await Deno.writeTextFile(at("dark.svg"), kit.darkSvgText);
      await Deno.writeFile(at("dark.png"), await kit.darkPng);
      await Deno.writeFile(at("social.png"), await kit.socialPng);
      await Deno.writeTextFile(at("csv"), kit.csv);
      await Deno.writeTextFile(at("json"), kit.json);
    }
    written.push({ svgPath, pngPath });
  }
  return written;
}

/**
 * Write a chart as `NAME.svg` (via {@linkcode serializeSvg}) and `NAME.png`
 * (via {@linkcode svgToPngAsync}, scale 2) into a folder, creating the folder.
 *
 * @param dir The folder to write into.
 * @param name The file name without extension: letters, digits, `-` and `_`.
 * @param svg The chart.
 * @returns The paths written.
 * @throws {TypeError} If `name` is not a plain file name.
 *
 * @example Write a chart to a temporary folder
 * ```ts
 * import assert from "node:assert/strict";
 * import { JSDOM } from "jsdom";
 * import { chartFrame } from "./chart_style.ts";
 * const { document } = new JSDOM("").window;
 * const dir = await Deno.makeTempDir();
 * const svg = chartFrame({ document, title: "Empty", source: "Source: none" }, null);
 * const { svgPath, pngPath } = await writeChartFiles(dir, "empty", svg);
 * assert.equal(svgPath, `${dir}/empty.svg`);
 * assert.ok((await Deno.stat(pngPath)).size > 0);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeChartFiles(
  dir: string,
  name: string,
  svg: SVGSVGElement,
): Promise<{ svgPath: string; pngPath: string }> {
  const [written] = await saveChartFiles(
    dir,
    renderChartFiles([{ name, svg }]),
  );
  return written;
}
