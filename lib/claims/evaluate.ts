/**
 * Evaluating every claim with its check, and the ledger's entries (the rows
 * of `claims.json`).
 *
 * @module
 */
import { claimSentence } from "./sentence.ts";
import pl from "nodejs-polars";
import {
  type CheckedClaim,
  type Evaluation,
  formatFigure,
  unverifiable,
} from "./compare.ts";
import type { Claim } from "./load.ts";
import { checksByName } from "./checks/mod.ts";
import type { Check, ClaimInputs } from "./checks/_inputs.ts";
import { precisionOf } from "./tolerance.ts";
import { type Verdict, VERDICTS } from "./verdicts.ts";
import { type Flag, FLAGS, flagText } from "./flags.ts";

/** A claim with its evaluation: the rows of `claims.json`. */
export interface LedgerEntry {
  /** Claim id. */
  id: string;
  /** Article title and date, e.g. `"Billing Beats Benchmarks" (2026-05-24)`. */
  article: string;
  /** Section. */
  section: string;
  /** Exact quote. */
  quote: string;
  /** Stated figure (yes/no claims: 1). */
  stated: number;
  /** Unit. */
  unit: string;
  /** Figure reproduced from data, in the same unit, or null (yes/no claims: 1 yes, 0 no). */
  reproduced: number | null;
  /** Verdict. */
  verdict: Verdict;
  /** The named method, with its tolerance. */
  method: string;
  /** The assumption declared in `claims.csv` (empty when none). */
  assumptions: string;
  /** By how much, what would verify it, or what else to know. */
  note: string;
  /** The check's name in `claims.csv`. */
  check: string;
  /** The stated figure for people ("$3/M", "yes"). */
  stated_display: string;
  /** The reproduced figure for people, or "–". */
  reproduced_display: string;
  /** Reproduced against stated ("+0.4%", "-2 points", "no against the stated yes"), or empty. */
  difference: string;
  /** The absolute tolerance used, or null (bounds, orders of magnitude, nothing compared). */
  tolerance: number | null;
  /** The tolerance rule, in words. */
  tolerance_rule: string;
  /** The evidence: file and record, or the article itself. */
  evidence: string;
  /** The figure reproduces with a method that is itself wrong (see `corrected`). */
  method_flawed: boolean;
  /** The corrected value when the method is flawed, or null. */
  corrected: number | null;
  /** The corrected value for people, or empty. */
  corrected_display: string;
  /** How the corrected value is computed, or empty. */
  corrected_method: string;
  /** The entry's flags, in {@linkcode FLAGS} order ("method flawed" when `method_flawed`); empty when none. */
  flags: Flag[];
  /** One plain sentence a writer can paste: the article and its date, its words and figure, what the data shows for the period, the scope, the verdict. */
  sentence: string;
}

/**
 * Evaluate every claim: read its precision from its quote and its table
 * column, run its check on the inputs, and keep the declared assumption.
 * A claim whose check is `none` or unknown, or whose check throws, is
 * `unverifiable` with the reason.
 *
 * @param claims The claims.
 * @param inputs What the checks read.
 * @param checks Check functions by name (default: every registered family).
 * @returns The ledger entries in claim order.
 *
 * @example A claim with no check is unverifiable and says what would verify it
 * ```ts
 * import assert from "node:assert/strict";
 * const claim = { id: "x-01", article: "A", article_date: "2026-01-01", section: "lead", quote: "8 million users", stated: 8e6, unit: "users", check: "none", params: {}, needs: "user counts", assumption: "" };
 * const [entry] = evaluateClaims([claim], {} as never, {});
 * assert.equal(entry.verdict, "unverifiable");
 * assert.equal(entry.note, "would need: user counts");
 * ```
 */
export function evaluateClaims(
  claims: readonly Claim[],
  inputs: ClaimInputs,
  checks: Record<string, Check> = checksByName(),
): LedgerEntry[] {
  return claims.map((claim) => {
    const check = checks[claim.check];
    const checked: CheckedClaim = {
      ...claim,
      precision: precisionOf(claim, claims),
    };
    let evaluation: Evaluation;
    if (check === undefined) {
      evaluation = unverifiable(
        "none",
        claim.needs === ""
          ? "no data in the workspace covers this claim"
          : `would need: ${claim.needs}`,
      );
    } else {
      try {
        evaluation = check(checked, inputs);
      } catch (cause) {
        evaluation = unverifiable(
          claim.check,
          `the check failed: ${(cause as Error).message}`,
        );
      }
    }
    const reproduced = evaluation.reproduced;
    const corrected = evaluation.corrected ?? null;
    const assumptions = evaluation.verdict === "reproduced-under-assumptions"
      ? claim.assumption
      : claim.assumption === ""
      ? ""
      : `declared: ${claim.assumption}`;
    const stated_display = formatFigure(claim.stated, claim.unit);
    const reproduced_display = reproduced === null
      ? "–"
      : formatFigure(reproduced, claim.unit);
    const note = evaluation.note ?? "";
    return {
      id: claim.id,
      article: `"${claim.article}" (${claim.article_date})`,
      section: claim.section,
      quote: claim.quote,
      stated: claim.stated,
      unit: claim.unit,
      reproduced,
      verdict: evaluation.verdict,
      method: evaluation.method,
      assumptions,
      note,
      check: claim.check,
      stated_display,
      reproduced_display,
      difference: reproduced === null ? "" : evaluation.difference ?? "",
      tolerance: evaluation.tolerance ?? null,
      tolerance_rule: evaluation.tolerance_rule ?? "",
      evidence: evaluation.evidence ?? "",
      method_flawed: evaluation.method_flawed ?? false,
      corrected,
      corrected_display: corrected === null
        ? ""
        : formatFigure(corrected, claim.unit),
      corrected_method: evaluation.corrected_method ?? "",
      flags: FLAGS.filter((f) =>
        f === "method flawed"
          ? evaluation.method_flawed === true
          : (evaluation.flags ?? []).includes(f)
      ),
      sentence: claimSentence(claim, {
        verdict: evaluation.verdict,
        stated_display,
        reproduced_display,
        assumptions,
        note,
      }),
    };
  });
}

/** Column dtypes of {@linkcode ledgerFrame}. */
export const LEDGER_SCHEMA = {
  id: pl.Utf8,
  article: pl.Utf8,
  section: pl.Utf8,
  quote: pl.Utf8,
  stated: pl.Float64,
  unit: pl.Utf8,
  reproduced: pl.Float64,
  verdict: pl.Utf8,
  method: pl.Utf8,
  assumptions: pl.Utf8,
  note: pl.Utf8,
  difference: pl.Utf8,
  tolerance: pl.Float64,
  evidence: pl.Utf8,
  method_flawed: pl.Bool,
  corrected: pl.Float64,
  flags: pl.Utf8,
  stated_display: pl.Utf8,
  reproduced_display: pl.Utf8,
  sentence: pl.Utf8,
} as const;

/**
 * Header labels for a ledger table whose figures are the display columns:
 * `stated_display` reads "stated", `reproduced_display` "reproduced".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(LEDGER_LABELS.stated_display, "stated");
 * ```
 */
export const LEDGER_LABELS: Readonly<Record<string, string>> = {
  stated_display: "stated",
  reproduced_display: "reproduced",
};

/**
 * The ledger as a frame (columns {@linkcode LEDGER_SCHEMA}).
 *
 * @param entries The ledger.
 * @returns One row per entry.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(ledgerFrame([]).height, 0);
 * ```
 */
export function ledgerFrame(entries: readonly LedgerEntry[]): pl.DataFrame {
  return pl.DataFrame(
    Object.fromEntries(
      Object.entries(LEDGER_SCHEMA).map(([name, dtype]) => [
        name,
        pl.Series(
          name,
          entries.map((e) =>
            name === "flags"
              ? e.flags.map(flagText).join(", ")
              : (e as unknown as Record<string, unknown>)[name] ?? null
          ),
          dtype,
        ),
      ]),
    ),
  );
}

/**
 * Count verdicts per article.
 *
 * @param entries The ledger.
 * @returns Columns `article, reproduced, reproduced-under-assumptions, contradicted, unverifiable, total`, by article.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(verdictSummary([]).height, 0);
 * ```
 */
export function verdictSummary(entries: readonly LedgerEntry[]): pl.DataFrame {
  const articles = [...new Set(entries.map((e) => e.article))];
  const rows = articles.map((article) => {
    const mine = entries.filter((e) => e.article === article);
    const row: Record<string, unknown> = { article };
    for (const verdict of VERDICTS) {
      row[verdict] = mine.filter((e) => e.verdict === verdict).length;
    }
    row.total = mine.length;
    return row;
  });
  return pl.DataFrame(rows);
}
