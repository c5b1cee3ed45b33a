/**
 * Tolerances from the source's own printing. A figure is located in its
 * quote (the number that is the stated figure, by value and unit, not the
 * first number that happens to equal it), its printed precision read, and
 * for a row of an article's table the rounding rule inferred from every row
 * of that column. Approximate words mean ±5%.
 *
 * @module
 */
import type { Claim } from "./load.ts";
import {
  before,
  locateFigure,
  type PrintedFigure,
  printedFigures,
  SCALES,
} from "./figures.ts";

/** ±5%: the tolerance of a figure the article calls approximate (~, about, roughly, nearly). */
export const APPROXIMATE_TOLERANCE = 0.05;
/** A printed digit is taken as padding only when it is 0 in at least this many rows of a column. */
export const MIN_COLUMN_ROWS = 5;
/** Units whose figures are whole numbers compared exactly: counts, ranks, weeks, yes/no. */
export const EXACT_UNITS: readonly string[] = [
  "count",
  "rank",
  "weeks",
  "boolean",
];

/** How a figure is worded: a point value, or a lower or upper bound. */
export type Bound = "point" | "at-least" | "at-most";

/** The tolerance of a claim and how it was read. */
export interface Precision {
  /** The figure as located in the quote, or null when none matches. */
  printed: string | null;
  /** Absolute tolerance, in the claim's unit. */
  tolerance: number;
  /** The rule, in words, e.g. "±0.5B: the column prints 3 significant figures (all 9 rows)". */
  rule: string;
  /** Point value or bound. */
  bound: Bound;
  /** "On the order of": within a factor of √10. */
  magnitude: boolean;
  /** The quote calls the figure approximate. */
  approximate: boolean;
}

const APPROXIMATE =
  /~|≈|\babout\b|\broughly\b|\bnearly\b|\baround\b|\bapproximately\b|\bnear\b/i;

/** The step of a number's last significant digit, read from the number alone (28.9e12 → 1e11). */
function digitStep(abs: number): number {
  if (abs === 0) return 1;
  const text = abs.toPrecision(15).replace(/\.?0+$/, "");
  const [intPart, fracPart = ""] = text.split(".");
  return fracPart.length > 0
    ? 10 ** -fracPart.length
    : 10 ** (intPart.length - intPart.replace(/0+$/, "").length);
}

/** The printed step of one figure: a unit of its last printed digit. */
function printedStep(figure: PrintedFigure): number {
  if (figure.decimals > 0) return 10 ** -figure.decimals * figure.scale;
  return figure.scale;
}

/**
 * The rounding rule of one table column, from all of its rows: a decimal
 * place printed in every row but 0 in every one of at least
 * {@linkcode MIN_COLUMN_ROWS} rows is padding, not precision (the tracker
 * prints "706.0B" for 705.65B: 3 significant figures); a column that drops
 * trailing zeros ("1T" beside "4.6T") has the precision of its most precise
 * row.
 *
 * @param cells The printed figures of the column's rows.
 * @returns For each cell, its step (a unit of the last digit that carries information) and the rule in words.
 *
 * @example The tracker's Total Tokens column
 * ```ts
 * import assert from "node:assert/strict";
 * import { printedFigures } from "./figures.ts";
 * const cells = ["706.0B", "370.0B", "1.16T", "764.0B", "430.0B", "665.0B", "442.0B", "345.0B", "344.0B", "343.0B"]
 *   .map((t) => printedFigures(t)[0]);
 * assert.equal(columnSteps(cells)[0].step, 1e9);
 * assert.equal(columnSteps(cells)[2].step, 1e10);
 * ```
 */
export function columnSteps(
  cells: readonly PrintedFigure[],
): { step: number; rule: string }[] {
  const stripping = cells.length >= MIN_COLUMN_ROWS &&
    cells.some((c) => c.decimals > 0) &&
    !cells.some((c) => c.fraction.endsWith("0"));
  return cells.map((cell) => {
    if (stripping) {
      const peers = cells.filter((c) => c.scale === cell.scale);
      const decimals = Math.max(...peers.map((c) => c.decimals));
      return {
        step: 10 ** -decimals * cell.scale,
        rule:
          `the column drops trailing zeros; its ${peers.length} rows at this scale print up to ${decimals} decimal(s)`,
      };
    }
    const peers = cells.filter((c) =>
      c.scale === cell.scale && c.decimals === cell.decimals
    );
    if (peers.length < MIN_COLUMN_ROWS || cell.decimals === 0) {
      return { step: printedStep(cell), rule: "as printed" };
    }
    let place = cell.decimals;
    while (
      place > 0 && peers.every((c) => c.fraction[place - 1] === "0")
    ) place -= 1;
    if (place === cell.decimals) {
      return { step: printedStep(cell), rule: "as printed" };
    }
    return {
      step: 10 ** -place * cell.scale,
      rule: `the column's last ${
        cell.decimals - place
      } printed decimal(s) are 0 in all ${peers.length} rows printed this way: padding, not precision`,
    };
  });
}

/** The column a table claim belongs to: same article, table, check and field. */
function columnKey(claim: Claim): string | undefined {
  if (!claim.section.startsWith("table:")) return undefined;
  return [
    claim.article,
    claim.section,
    claim.check,
    claim.params.field ?? "",
    claim.params.type ?? "",
  ].join("\u0000");
}

function approximateAt(quote: string, figure: PrintedFigure): boolean {
  const text = before(quote, figure);
  if (APPROXIMATE.test(text)) return true;
  // "~1/30": the marker sits before the numerator of a fraction.
  const numerator = printedFigures(quote).filter((f) => f.end <= figure.start)
    .at(-1);
  return text === "/" && numerator !== undefined &&
    APPROXIMATE.test(before(quote, numerator));
}

function boundAt(quote: string, figure: PrintedFigure): Bound {
  const text = before(quote, figure);
  if (
    figure.suffix.endsWith("+") || quote.slice(figure.end).startsWith("+") ||
    /\b(above|more than|exceeds?|over|at least)\s*$/i.test(text.trim()) ||
    /\b(above|more than|exceeds?|at least)\b/i.test(text)
  ) return "at-least";
  if (/\b(under|below|less than|at most)\b/i.test(text)) return "at-most";
  return "point";
}

function formatStep(step: number, scale: number): string {
  const suffix =
    Object.entries(SCALES).find(([k, v]) => v === scale && k.length === 1)
      ?.[0] ?? "";
  return `${Number((step / scale).toPrecision(6))}${suffix}`;
}

/**
 * The precision of one claim: the figure located in its quote, its bound,
 * and its tolerance. For a row of an article's table, the column's rounding
 * rule ({@linkcode columnSteps}) over every claim of the same column; for a
 * sentence, half a unit of the last digit as printed; ±5% when the words
 * just before the figure call it approximate (and for a figure in words such
 * as "a tenth"); exact for counts, ranks, weeks and yes/no.
 *
 * @param claim The claim.
 * @param claims Every claim, to find the other rows of its column.
 * @returns The precision.
 *
 * @example The tracker's "706.0B" is 3 significant figures: ±0.5B
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadClaims } from "./load.ts";
 * const claims = await loadClaims("data/claims.csv");
 * const sonnet = claims.find((c) => c.id === "ir-19")!;
 * assert.equal(precisionOf(sonnet, claims).tolerance, 5e8);
 * ```
 */
export function precisionOf(
  claim: Pick<Claim, "stated" | "quote" | "unit"> & Partial<Claim>,
  claims: readonly Claim[] = [],
): Precision {
  const unit = claim.unit ?? "";
  const figure = locateFigure(claim.stated, claim.quote, unit);
  const magnitude = figure !== undefined &&
    /order of\s*$/i.test(before(claim.quote, figure).trim());
  const bound = figure === undefined ? "point" : boundAt(claim.quote, figure);
  const approximate = figure !== undefined &&
    (approximateAt(claim.quote, figure) || figure.word);
  const base = {
    printed: figure?.text ?? null,
    bound,
    magnitude,
    approximate,
  };
  if (EXACT_UNITS.includes(unit)) {
    return { ...base, tolerance: 0, rule: "exact (a count, rank or yes/no)" };
  }
  const abs = Math.abs(claim.stated);
  let step: number;
  let rule: string;
  const key = claim.section === undefined
    ? undefined
    : columnKey(claim as Claim);
  const column = key === undefined
    ? []
    : claims.filter((c) => columnKey(c) === key);
  const cells = column.map((c) => locateFigure(c.stated, c.quote, c.unit));
  const at = column.findIndex((c) => c.id === claim.id);
  if (
    figure !== undefined && !figure.word && at >= 0 &&
    cells.every((c) => c !== undefined && !c.word)
  ) {
    const found = columnSteps(cells as PrintedFigure[])[at];
    step = found.step;
    rule = found.rule === "as printed"
      ? `half a unit of the last printed digit of "${figure.text}"${
        column.length >= MIN_COLUMN_ROWS
          ? ` (the column's ${column.length} rows agree)`
          : ""
      }`
      : `half a unit of ${formatStep(step, figure.scale)}: ${found.rule}`;
  } else if (figure !== undefined && !figure.word) {
    step = printedStep(figure);
    rule = `half a unit of the last printed digit of "${figure.text}"`;
  } else {
    step = digitStep(abs);
    rule = figure === undefined
      ? "half a unit of the figure's last digit (the quote does not print it)"
      : `"${figure.text}" is written in words`;
  }
  const half = Number((step / 2).toPrecision(12));
  if (approximate) {
    const five = Number((abs * APPROXIMATE_TOLERANCE).toPrecision(12));
    const tolerance = figure?.word ? five : Math.max(half, five);
    return {
      ...base,
      tolerance,
      rule: `±5%: the quote calls the figure approximate${
        tolerance > five ? ` (its printed digit is coarser: ${rule})` : ""
      }`,
    };
  }
  return {
    ...base,
    tolerance: claim.stated === 0 && figure === undefined ? 0.005 : half,
    rule,
  };
}

/**
 * The tolerance of a stated figure read from its quote alone (no column
 * context): see {@linkcode precisionOf}.
 *
 * @param stated The stated figure in base units.
 * @param quote The article's words.
 * @param unit The claim's unit; counts, ranks and weeks are exact.
 * @returns The absolute tolerance, in the figure's unit.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(toleranceOf(28_900_000_000_000, "28.9T", "tokens/week"), 50_000_000_000);
 * assert.equal(toleranceOf(12, "roughly 12%", "percent"), 0.6);
 * assert.equal(toleranceOf(2.5, "| 6 | Gemini 2.5 Flash | $0.3000/M | $2.50/M |", "USD per M tokens"), 0.005);
 * ```
 */
export function toleranceOf(stated: number, quote: string, unit = ""): number {
  return precisionOf({ stated, quote, unit }).tolerance;
}

/**
 * Read from a quote whether its figure is a bound ("above 800B", "under 2%",
 * "45%+") or a point value, from the words next to the figure.
 *
 * @param quote The article's words.
 * @param stated The figure, to find it in the quote (default: the first number).
 * @returns The kind of figure.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(boundOf("daily peaks above 800B", 800e9), "at-least");
 * assert.equal(boundOf("under 2% of weekly traffic", 2), "at-most");
 * assert.equal(boundOf("3.43T", 3.43e12), "point");
 * ```
 */
export function boundOf(quote: string, stated?: number): Bound {
  const figure = stated === undefined
    ? printedFigures(quote)[0]
    : locateFigure(stated, quote);
  return figure === undefined ? "point" : boundAt(quote, figure);
}
