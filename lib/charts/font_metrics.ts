/**
 * DejaVu Sans advance widths, the font resvg and the gallery set every chart
 * in: data for `textWidth()` (lib/charts/chart_style.ts), since jsdom cannot
 * measure text. Thousandths of an em, measured with resvg.
 *
 * @module
 */

/**
 * Advance widths of the regular face for ASCII 32..126, in thousandths of an em.
 *
 * @example The space and the digits
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(ADVANCE_REGULAR.length, 95);
 * assert.equal(ADVANCE_REGULAR["0".charCodeAt(0) - 32], 636);
 * ```
 */
// deno-fmt-ignore
export const ADVANCE_REGULAR: readonly number[] = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390,
  500, 838, 318, 361, 316, 337, 636, 636, 636, 636,
  636, 636, 636, 636, 636, 636, 337, 337, 838, 838,
  838, 531, 1000, 709, 686, 698, 770, 632, 575, 775,
  752, 295, 295, 656, 557, 863, 748, 787, 603, 787,
  695, 635, 595, 732, 684, 989, 685, 611, 685, 390,
  337, 390, 838, 500, 500, 613, 635, 550, 635, 615,
  344, 635, 634, 278, 278, 579, 278, 974, 634, 612,
  635, 635, 395, 521, 392, 634, 592, 818, 592, 592,
  525, 636, 337, 636, 838,
];

/**
 * Advance widths of the bold face for ASCII 32..126, in thousandths of an em.
 *
 * @example The digits are wider in bold
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(ADVANCE_BOLD["0".charCodeAt(0) - 32], 696);
 * ```
 */
// deno-fmt-ignore
export const ADVANCE_BOLD: readonly number[] = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457,
  523, 838, 380, 415, 380, 365, 696, 696, 696, 696,
  696, 696, 696, 696, 696, 696, 400, 400, 838, 838,
  838, 580, 1000, 774, 762, 734, 830, 683, 683, 821,
  837, 372, 372, 775, 637, 995, 837, 850, 733, 850,
  770, 680, 703, 812, 774, 1103, 771, 724, 725, 457,
  365, 457, 838, 500, 500, 675, 716, 593, 716, 678,
  405, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
  716, 716, 493, 595, 478, 712, 652, 924, 645, 652,
  582, 712, 365, 712, 838,
];

/**
 * Advance widths of the non-ASCII characters the charts use (both faces), in
 * thousandths of an em; any other character counts 700.
 *
 * @example The ellipsis
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(ADVANCE_OTHER["…"], 1000);
 * ```
 */
export const ADVANCE_OTHER: Readonly<Record<string, number>> = {
  "…": 1000,
  "×": 838,
  "·": 318,
  "–": 500,
  "—": 1000,
  "▲": 769,
  "▼": 769,
};
