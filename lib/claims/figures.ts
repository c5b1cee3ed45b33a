/**
 * Numbers as a quote prints them: every figure with its digits, scale and
 * markings, and the one that is a claim's stated figure.
 *
 * @module
 */

/** A number as the quote prints it. */
export interface PrintedFigure {
  /** The text, e.g. `$3.00/M`, `706.0B`, `one-tenth`. */
  text: string;
  /** Its value in base units. */
  value: number;
  /** Digits after the decimal point as printed (0 for words). */
  decimals: number;
  /** Multiplier of its suffix (T, B, M, K, trillion…), 1 when none. */
  scale: number;
  /** The digits after the decimal point, as printed. */
  fraction: string;
  /** True for a figure written in words ("double", "one-tenth"). */
  word: boolean;
  /** Where it starts and ends in the quote. */
  start: number;
  /** End offset (exclusive). */
  end: number;
  /** Prefix characters (`$`, `#`, `+`, `-`). */
  prefix: string;
  /** Suffix (`%`, `/M`, `×`, `+`), trimmed. */
  suffix: string;
}

/** Multipliers of the scale suffixes and words (T, B, M, K, trillion…). */
export const SCALES: Record<string, number> = {
  T: 1e12,
  B: 1e9,
  M: 1e6,
  K: 1e3,
  trillion: 1e12,
  billion: 1e9,
  million: 1e6,
  thousand: 1e3,
};

const WORDS: Record<string, number> = {
  double: 2,
  twice: 2,
  "one-tenth": 0.1,
  "a tenth": 10,
  half: 0.5,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  twelvefold: 12,
};

const NUMBER =
  /([$#+\-−]*)\s?(\d[\d,]*(?:\.\d+)?)(?:\s?(trillion|billion|million|thousand)\b|([TBMK])(?![a-z]))?(\s?(?:%|\/M|×|\+))?/g;

/**
 * Every number printed in a quote, in order: digits with their prefix, scale
 * and suffix, and figures written in words ("double", "one-tenth").
 *
 * @param quote The article's words.
 * @returns The figures, by position.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(printedFigures("706.0B | $3.00/M").map((f) => f.text), ["706.0B", "$3.00/M"]);
 * ```
 */
export function printedFigures(quote: string): PrintedFigure[] {
  const out: PrintedFigure[] = [];
  for (const m of quote.matchAll(NUMBER)) {
    const digits = m[2].replace(/,/g, "");
    const fraction = digits.includes(".") ? digits.split(".")[1] : "";
    const scale = SCALES[m[3] ?? m[4] ?? ""] ?? 1;
    out.push({
      text: m[0].trim(),
      value: Number(digits) * scale,
      decimals: fraction.length,
      scale,
      fraction,
      word: false,
      start: m.index!,
      end: m.index! + m[0].length,
      prefix: m[1],
      suffix: (m[5] ?? "").trim(),
    });
  }
  for (const [word, value] of Object.entries(WORDS)) {
    for (
      const m of quote.matchAll(new RegExp(`\\b${word}\\b`, "gi"))
    ) {
      out.push({
        text: m[0],
        value,
        decimals: 0,
        scale: 1,
        fraction: "",
        word: true,
        start: m.index!,
        end: m.index! + m[0].length,
        prefix: "",
        suffix: "",
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function sameValue(a: number, b: number): boolean {
  return Math.abs(Math.abs(a) - Math.abs(b)) <= Math.abs(b) * 1e-9 + 1e-15;
}

/** How well a printed number's markings fit the claim's unit. */
function unitFit(figure: PrintedFigure, unit: string): number {
  if (unit.startsWith("USD")) return figure.prefix.includes("$") ? 2 : 0;
  if (unit === "percent") return figure.suffix === "%" ? 2 : 0;
  if (unit.startsWith("tokens") || unit === "params") {
    return figure.scale > 1 ? 2 : 0;
  }
  if (unit === "ratio") return figure.suffix === "×" ? 1 : 0;
  if (unit === "rank") return figure.prefix.includes("#") ? 1 : 0;
  return 0;
}

/**
 * The number in a quote that is the stated figure: equal to it in value,
 * and among those the one whose markings fit the unit (`$` for dollars, `%`
 * for percent, a T/B suffix for tokens), the first on a tie; figures in
 * words ("nearly double") only when no digits match.
 *
 * @param stated The stated figure in base units.
 * @param quote The article's words.
 * @param unit The claim's unit.
 * @returns The printed figure, or undefined when the quote has none equal to it.
 *
 * @example "$3.00/M", not the rank "3" of the same table row
 * ```ts
 * import assert from "node:assert/strict";
 * const row = "| 3 | [Claude Sonnet 4.5](…) | 706.0B | 448.4B | 98.3% | 1.7% | $3.00/M | $15.00/M | $2.40M | -9% |";
 * assert.equal(locateFigure(3, row, "USD per M tokens")?.text, "$3.00/M");
 * assert.equal(locateFigure(706e9, row, "tokens/week")?.text, "706.0B");
 * ```
 */
export function locateFigure(
  stated: number,
  quote: string,
  unit = "",
): PrintedFigure | undefined {
  const all = printedFigures(quote);
  const matches = (list: PrintedFigure[]) =>
    list.filter((f) =>
      sameValue(f.value, stated) ||
      (f.scale > 1 && sameValue(f.value / f.scale, stated))
    );
  let found = matches(all.filter((f) => !f.word));
  if (found.length === 0) found = matches(all.filter((f) => f.word));
  if (found.length === 0) return undefined;
  return found.reduce((best, f) =>
    unitFit(f, unit) > unitFit(best, unit) ? f : best
  );
}

/**
 * The text between a figure and the number before it (at most 30 characters).
 *
 * @param quote The article's words.
 * @param figure A figure printed in it.
 * @returns The text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const quote = "Chinese models: 9.2T tokens—nearly double US models at 4.9T";
 * assert.equal(before(quote, printedFigures(quote)[2]), " US models at");
 * ```
 */
export function before(quote: string, figure: PrintedFigure): string {
  const previous = printedFigures(quote).filter((f) => f.end <= figure.start)
    .at(-1);
  return quote.slice(
    Math.max(previous?.end ?? 0, figure.start - 30),
    figure.start,
  );
}
