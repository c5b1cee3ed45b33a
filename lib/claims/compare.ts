/**
 * Comparing a value from data with a claim's stated figure, and the shapes
 * of a check's result.
 *
 * @module
 */
import { formatTokens, formatUsd } from "../text/format.ts";
import type { Claim } from "./load.ts";
import { type Precision, precisionOf } from "./tolerance.ts";
import type { Verdict } from "./verdicts.ts";
import { EPSILON } from "../base/numbers.ts";
import type { Flag } from "./flags.ts";

/** A claim as a check receives it: with its precision read from the quote and its column. */
export type CheckedClaim = Claim & { precision?: Precision };

/** The result of one check. */
export interface Evaluation {
  /** The value from data, or null. For a yes/no claim: 1 (yes) or 0 (no). */
  reproduced: number | null;
  /** Verdict. */
  verdict: Verdict;
  /** Method and tolerance. */
  method: string;
  /** Note: by how much, what would verify it, what else to know. */
  note?: string;
  /** Absolute tolerance used, or null when no figure was compared. */
  tolerance?: number | null;
  /** The tolerance rule, in words. */
  tolerance_rule?: string;
  /** Stated against reproduced, in words ("+0.4%", "−2.1 points", "yes against no"). */
  difference?: string;
  /** The evidence: file and record, or the article's own table. */
  evidence?: string;
  /** The figure reproduces with the source's own method, and that method is wrong. */
  method_flawed?: boolean;
  /** The corrected value when the method is flawed, in the claim's unit. */
  corrected?: number | null;
  /** How the corrected value is computed. */
  corrected_method?: string;
  /** Flags besides `method_flawed` (a flag never changes the verdict). */
  flags?: Flag[];
}

/**
 * Render a claim's figure in its unit for people: tokens as T/B, dollars with
 * `$`, percent with `%`, yes/no for yes/no claims.
 *
 * @param value The figure in base units.
 * @param unit The claim's unit.
 * @returns Readable text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(formatFigure(28_900_000_000_000, "tokens/week"), "28.90T tokens/week");
 * assert.equal(formatFigure(7.4, "percent"), "7.4%");
 * assert.equal(formatFigure(0.21, "USD"), "$0.21");
 * assert.equal(formatFigure(1, "boolean"), "yes");
 * ```
 */
export function formatFigure(value: number, unit: string = ""): string {
  if (unit === "boolean") {
    return value === 1 ? "yes" : value === 0 ? "no" : `${value}`;
  }
  if (unit.startsWith("tokens")) return `${formatTokens(value)} ${unit}`;
  if (unit.startsWith("USD per M")) return `$${round(value)}/M`;
  if (unit.startsWith("USD")) {
    const amount = Math.abs(value) < 1
      ? `${value < 0 ? "-" : ""}$${round(Math.abs(value))}`
      : formatUsd(value);
    return `${amount}${unit.slice(3)}`;
  }
  if (unit === "percent") return `${round(value)}%`;
  if (unit === "ratio") return `${round(value)}×`;
  if (unit === "params") return `${formatTokens(value)} parameters`;
  return `${round(value)}${unit === "" || unit === "other" ? "" : ` ${unit}`}`;
}

/**
 * Round to 6 significant digits for display, keeping integers whole.
 *
 * @param value A number.
 * @returns The rounded number.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(round(26.2500000001), 26.25);
 * ```
 */
export function round(value: number): number {
  if (Number.isInteger(value)) return value;
  return Number(value.toPrecision(6));
}

/**
 * The difference between a reproduced and a stated figure, in words: points
 * for percentages, a relative change otherwise.
 *
 * @param stated The stated figure.
 * @param value The reproduced figure.
 * @param unit The claim's unit.
 * @returns E.g. `+0.4%`, `-2.1 points`, `yes against no`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(differenceOf(3.43e12, 3.5e12, "tokens/week"), "+2.0%");
 * assert.equal(differenceOf(12, 9.5, "percent"), "-2.5 points");
 * ```
 */
export function differenceOf(
  stated: number,
  value: number,
  unit: string,
): string {
  const sign = (n: number) => (n >= 0 ? "+" : "");
  if (unit === "boolean") {
    return value === stated
      ? "none"
      : `${formatFigure(value, unit)} against ${formatFigure(stated, unit)}`;
  }
  if (unit === "percent") {
    return `${sign(value - stated)}${round(value - stated)} points`;
  }
  if (stated === 0) return `${sign(value)}${round(value)}`;
  return `${sign(value - stated)}${((value / stated - 1) * 100).toFixed(1)}%`;
}

/**
 * Compare a value from data with a claim's stated figure, reading bounds and
 * tolerance from the quote (and from its table column when the claim carries
 * its `precision`). A match is `reproduced`, or
 * `reproduced-under-assumptions` when the claim declares an assumption in
 * `claims.csv`; a miss is `contradicted`.
 *
 * @param claim The claim.
 * @param value The value from data.
 * @param method The named method that produced it.
 * @param extra A note and the evidence (file and record).
 * @returns The evaluation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const claim = { stated: 3_430_000_000_000, quote: "3.43T", unit: "tokens/week", assumption: "" } as CheckedClaim;
 * assert.equal(compareStated(claim, 3_432_000_000_000, "m").verdict, "reproduced");
 * assert.equal(compareStated(claim, 5_000_000_000_000, "m").verdict, "contradicted");
 * ```
 */
export function compareStated(
  claim:
    & Pick<Claim, "stated" | "quote">
    & Partial<Pick<Claim, "unit" | "assumption">>
    & { precision?: Precision },
  value: number,
  method: string,
  extra: { note?: string; evidence?: string } = {},
): Evaluation {
  const unit = claim.unit ?? "";
  const precision = claim.precision ??
    precisionOf({ stated: claim.stated, quote: claim.quote, unit });
  const { tolerance, bound, magnitude } = precision;
  let ok: boolean;
  let rule: string;
  if (bound === "at-least") {
    ok = value >= claim.stated - EPSILON;
    rule = `at least ${
      formatFigure(claim.stated, unit)
    } (the quote states a lower bound)`;
  } else if (magnitude) {
    ok = value > 0 && Math.abs(Math.log10(value / claim.stated)) <= 0.5;
    rule = "of the same order of magnitude (within ×3.16)";
  } else if (bound === "at-most") {
    ok = value <= claim.stated + EPSILON;
    rule = `at most ${
      formatFigure(claim.stated, unit)
    } (the quote states an upper bound)`;
  } else {
    ok = Math.abs(value - claim.stated) <=
      tolerance + Math.abs(claim.stated) * EPSILON;
    rule = tolerance === 0
      ? "exactly"
      : `within ±${
        formatFigure(tolerance, unit === "boolean" ? "" : unit)
      } (${precision.rule})`;
  }
  const difference = differenceOf(claim.stated, value, unit);
  const notes = [extra.note ?? ""];
  if (!ok) {
    notes.unshift(
      `data gives ${formatFigure(value, unit)} against the stated ${
        formatFigure(claim.stated, unit)
      } (${difference})`,
    );
  }
  const declared = (claim.assumption ?? "") !== "";
  return {
    reproduced: Number.isInteger(value) ? value : Number(value.toPrecision(15)),
    verdict: ok
      ? (declared ? "reproduced-under-assumptions" : "reproduced")
      : "contradicted",
    method: `${method}; reproduced when ${rule}`,
    note: notes.filter((n) => n !== "").join(". "),
    tolerance: bound === "point" && !magnitude ? tolerance : null,
    tolerance_rule: rule,
    difference,
    evidence: extra.evidence ?? "",
  };
}

/**
 * Compare a yes/no claim with the data: `reproduced` (or
 * `reproduced-under-assumptions` with a declared assumption) when the data
 * says yes, `contradicted` when it says no, `unverifiable` when it cannot
 * tell. The reproduced value is 1 (yes) or 0 (no), never a measure such as a
 * correlation: that belongs in the note.
 *
 * @param claim The claim (its declared assumption decides between the two reproduced verdicts).
 * @param holds Whether the data supports the claim, or null when it cannot tell.
 * @param method The named method.
 * @param note What the data shows.
 * @param evidence File and record.
 * @returns The evaluation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const claim = { assumption: "" } as CheckedClaim;
 * assert.deepEqual([compareBoolean(claim, false, "m", "").reproduced, compareBoolean(claim, false, "m", "").verdict], [0, "contradicted"]);
 * ```
 */
export function compareBoolean(
  claim: Partial<Pick<Claim, "assumption">>,
  holds: boolean | null,
  method: string,
  note: string,
  evidence = "",
): Evaluation {
  if (holds === null) {
    return {
      reproduced: null,
      verdict: "unverifiable",
      method,
      note,
      evidence,
    };
  }
  const declared = (claim.assumption ?? "") !== "";
  return {
    reproduced: holds ? 1 : 0,
    verdict: holds
      ? (declared ? "reproduced-under-assumptions" : "reproduced")
      : "contradicted",
    method,
    note,
    tolerance: 0,
    tolerance_rule: "yes or no",
    difference: holds ? "none" : "no against the stated yes",
    evidence,
  };
}

/**
 * An `unverifiable` evaluation saying what data would verify the claim.
 *
 * @param method The named method that would apply.
 * @param note What is missing and what would verify it.
 * @returns The evaluation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(unverifiable("m", "needs X").verdict, "unverifiable");
 * ```
 */
export function unverifiable(method: string, note: string): Evaluation {
  return { reproduced: null, verdict: "unverifiable", method, note };
}

/**
 * A claim the article's own figures contradict: `contradicted`, with the
 * article named as the evidence.
 *
 * @param claim The claim.
 * @param value The figure the article's own other figures give, in the claim's unit.
 * @param method How they give it.
 * @param evidence Which of the article's figures (ids and words).
 * @param kind `value` when they give the figure itself; `upper` when they give at most `value`; `lower` when at least.
 * @returns The evaluation, or undefined when the article's figures do not contradict the claim.
 *
 * @example "exceed 45%" against the article's own 9.223T of 28.9T
 * ```ts
 * import assert from "node:assert/strict";
 * const claim = { id: "x", stated: 45, quote: "exceed 45%", unit: "percent", article: "A", assumption: "" } as CheckedClaim;
 * assert.equal(contradictedByArticle(claim, 31.9, "m", "bb-19")?.verdict, "contradicted");
 * assert.equal(contradictedByArticle(claim, 50, "m", "bb-19"), undefined);
 * const roughly = { id: "y", stated: 12, quote: "roughly 12%", unit: "percent", article: "A", assumption: "" } as CheckedClaim;
 * assert.equal(contradictedByArticle(roughly, 17, "m", "US total", "upper"), undefined);
 * ```
 */
export function contradictedByArticle(
  claim: CheckedClaim,
  value: number,
  method: string,
  evidence: string,
  kind: "value" | "upper" | "lower" = "value",
): Evaluation | undefined {
  const where = `the article itself ("${claim.article}"): ${evidence}`;
  if (kind === "value") {
    const result = compareStated({ ...claim, assumption: "" }, value, method, {
      evidence: where,
    });
    if (result.verdict !== "contradicted") return undefined;
    return {
      ...result,
      note: `the article's own figures disagree with it: ${result.note}`,
    };
  }
  const unit = claim.unit ?? "";
  const precision = claim.precision ??
    precisionOf({ stated: claim.stated, quote: claim.quote, unit });
  const low = precision.bound === "at-least"
    ? claim.stated
    : precision.bound === "at-most"
    ? -Infinity
    : claim.stated - precision.tolerance;
  const high = precision.bound === "at-most"
    ? claim.stated
    : precision.bound === "at-least"
    ? Infinity
    : claim.stated + precision.tolerance;
  const off = kind === "upper" ? value < low : value > high;
  if (!off) return undefined;
  return {
    reproduced: Number(value.toPrecision(15)),
    verdict: "contradicted",
    method: `${method}; contradicted when even the ${
      kind === "upper" ? "largest" : "smallest"
    } value they allow lies outside the stated figure's range`,
    note: `the article's own figures disagree with it: they put it at ${
      kind === "upper" ? "most" : "least"
    } ${formatFigure(value, unit)}, against the stated ${
      formatFigure(claim.stated, unit)
    } (${differenceOf(claim.stated, value, unit)})`,
    tolerance: precision.bound === "point" ? precision.tolerance : null,
    tolerance_rule: precision.rule,
    difference: differenceOf(claim.stated, value, unit),
    evidence: where,
  };
}
