/**
 * The dark variant of a chart: the same exported SVG with the house
 * neutrals swapped for dark ones. The origin and series colours (Okabe-Ito)
 * stay as they are, so a colour means the same in both; the text keeps the
 * light chart's contrast (the title #1a1a1a on white is 17:1, #f2f2f2 on
 * #16181c is 16:1; the muted source line 5.7:1 on white, 8:1 here).
 *
 * @module
 */

/** The themes a chart is drawn in. */
export const THEMES = ["light", "dark"] as const;

/** A chart theme. */
export type Theme = (typeof THEMES)[number];

/**
 * The dark palette: each house neutral of the light chart (lower-case) and
 * what it becomes. Colours not listed are kept.
 *
 * @example The background and the title
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(DARK_PALETTE.white, "#16181c");
 * assert.equal(DARK_PALETTE["#1a1a1a"], "#f2f2f2");
 * ```
 */
export const DARK_PALETTE: Readonly<Record<string, string>> = {
  // background, label halos, hatch stripes
  white: "#16181c",
  "#ffffff": "#16181c",
  "#fafafa": "#1f2227",
  // title, body text and rules, muted text
  "#1a1a1a": "#f2f2f2",
  "#333333": "#dedede",
  "#666666": "#b0b0b0",
  // grid lines and frames
  "#dddddd": "#3a3e45",
  "#c8c8c8": "#4a4f57",
  "#eeeeee": "#2a2d33",
};

const PAINT = /\b(fill|stroke|color|stop-color)="([^"]*)"/g;

/**
 * The dark variant of an exported chart: every `fill`, `stroke`, `color` and
 * `stop-color` attribute holding a house neutral of
 * {@linkcode DARK_PALETTE} takes its dark counterpart; nothing else changes,
 * so the result is as deterministic as the input.
 *
 * @param svgText Standalone SVG text, e.g. from `serializeSvg`.
 * @returns The dark SVG text.
 *
 * @example Background and text swap, an origin colour stays
 * ```ts
 * import assert from "node:assert/strict";
 * const light = '<svg><rect fill="white"/><text fill="#1a1a1a">T</text><rect fill="#D55E00"/></svg>';
 * assert.equal(
 *   darkSvgText(light),
 *   '<svg><rect fill="#16181c"/><text fill="#f2f2f2">T</text><rect fill="#D55E00"/></svg>',
 * );
 * ```
 */
export function darkSvgText(svgText: string): string {
  return svgText.replace(PAINT, (whole, name: string, value: string) => {
    const dark = DARK_PALETTE[value.toLowerCase()];
    return dark === undefined ? whole : `${name}="${dark}"`;
  });
}

/**
 * The SVG text of a chart in a theme.
 *
 * @param svgText The light chart's SVG text.
 * @param theme `"light"` (unchanged) or `"dark"` ({@linkcode darkSvgText}).
 * @returns The SVG text in that theme.
 *
 * @example Light is the chart as drawn
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(themedSvgText('<rect fill="white"/>', "light"), '<rect fill="white"/>');
 * ```
 */
export function themedSvgText(svgText: string, theme: Theme): string {
  return theme === "dark" ? darkSvgText(svgText) : svgText;
}
