/**
 * Export charts: deterministic SVG text (stable under re-rendering, as
 * Observable Plot's own test suite normalises its snapshots), PNG via resvg,
 * and both written to a folder.
 *
 * @module
 */

import { Resvg } from "@resvg/resvg-js";
import { FONT_FAMILY } from "./chart_style.ts";

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
    resvg = new Resvg(svgText, {
      font: { loadSystemFonts: true, defaultFontFamily: FONT_FAMILY },
      fitTo: { mode: "zoom", value: scale },
    });
  } catch (error) {
    throw new SyntaxError(
      `Cannot render SVG to PNG: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const png = resvg.render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/**
 * Write a chart as `NAME.svg` (via {@linkcode serializeSvg}) and `NAME.png`
 * (via {@linkcode svgToPng}, scale 2) into a folder, creating the folder.
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
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) {
    throw new TypeError(
      `Cannot write chart files: name is ${
        JSON.stringify(name)
      }, expected letters, digits, "-" and "_"`,
    );
  }
  await Deno.mkdir(dir, { recursive: true });
  const svgText = serializeSvg(svg);
  const svgPath = `${dir}/${name}.svg`;
  const pngPath = `${dir}/${name}.png`;
  await Deno.writeTextFile(svgPath, svgText);
  await Deno.writeFile(pngPath, svgToPng(svgText));
  return { svgPath, pngPath };
}
