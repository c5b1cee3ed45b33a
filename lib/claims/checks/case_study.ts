/**
 * Checks of "Billing Beats Benchmarks"' case study (a six-person team moves
 * from all-Sonnet, about $3,200/month, to 62% V4 Flash, 18% Hy3 preview, 12%
 * Gemini 3 Flash and 8% Opus, and reports −39%), through the what-if engine's
 * {@linkcode caseStudyImplied}: the month's tokens are derived from the
 * stated all-Sonnet bill at Sonnet's list price, then priced under the stated
 * mix at each model's list price on the article's date. What that takes (the
 * tracker's input/cached token mix, the model ids the article's names are
 * taken as) is declared in `data/claims.csv`'s `assumption` column.
 *
 * @module
 */
import {
  CASE_STUDY,
  type CaseStudyImplied,
  caseStudyImplied,
} from "../../whatif/case_study.ts";
import { formatUsd } from "../../text/format.ts";
import {
  compareStated,
  contradictedByArticle,
  type Evaluation,
  unverifiable,
} from "../compare.ts";
import type { CheckFamily, ClaimInputs } from "./_inputs.ts";
import type { CheckedClaim } from "../compare.ts";
import { findById } from "../lookup.ts";

/** The named method of the case-study checks. */
export const CASE_STUDY_METHOD =
  "caseStudyImplied(): tokens of the stated all-Sonnet bill at Sonnet's list price, priced under the stated mix at list prices in force on the article's date, cached input at the cache-read rate";

const EVIDENCE =
  "data/reference/prices_history_openrouter.csv and data/raw/openrouter-models/ (list prices); data/raw/inference-stats/ (token mix)";

function implied(
  claim: CheckedClaim,
  inputs: ClaimInputs,
): CaseStudyImplied | Evaluation {
  try {
    return caseStudyImplied(
      {
        prices: inputs.prices,
        modelIdentity: inputs.modelIdentity,
        observedPrices: inputs.observedPrices,
        inference: inputs.inference,
      },
      { asOf: claim.article_date },
    );
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause;
    return unverifiable(
      CASE_STUDY_METHOD,
      `the data cannot price the stated mix: ${cause.message}`,
    );
  }
}

function pct(value: number): string {
  return `${value > 0 ? "+" : ""}${value.toFixed(1)}%`;
}

function impliedNote(result: CaseStudyImplied): string {
  const tokens = (result.assumptions.tokens_per_month / 1e9).toFixed(2);
  const parts = result.models.map((m) =>
    `${m.model} ${(m.token_share * 100).toFixed(0)}% → ${
      formatUsd(m.bill_usd)
    } (${m.price_source} ${m.price_date})`
  );
  return `the stated mix implies ${formatUsd(result.implied_bill_usd)}/month (${
    pct(result.implied_change_pct)
  }) for the ${tokens}B tokens a month that ${
    formatUsd(result.stated.bill_before_usd)
  } buys on ${result.baseline.model} (${result.baseline.price_source} ${result.baseline.price_date}); ${
    parts.join("; ")
  }. The stated ${
    formatUsd(result.stated.bill_after_usd)
  } fits the mix only with ${
    result.volume_ratio_for_stated_bill.toFixed(1)
  }× the tokens; the article's own $1,940 ÷ $3,200 is ${
    pct(
      (result.stated.bill_after_usd / result.stated.bill_before_usd - 1) * 100,
    )
  }`;
}

/**
 * The case study's bill change (−39%) against what its stated mix implies at
 * list prices.
 *
 * @param claim The claim (bb-59).
 * @param inputs The checks' inputs.
 * @returns The evaluation.
 */
export function caseStudyChange(
  claim: CheckedClaim,
  inputs: ClaimInputs,
): Evaluation {
  const result = implied(claim, inputs);
  if ("verdict" in result) return result;
  return compareStated(claim, result.implied_change_pct, CASE_STUDY_METHOD, {
    note: impliedNote(result),
    evidence: EVIDENCE,
  });
}

/**
 * The case study's bill after the move ($1,940) against the bill its stated
 * mix implies for the same tokens.
 *
 * @param claim The claim (bb-58).
 * @param inputs The checks' inputs.
 * @returns The evaluation.
 */
export function caseStudyBillAfter(
  claim: CheckedClaim,
  inputs: ClaimInputs,
): Evaluation {
  const result = implied(claim, inputs);
  if ("verdict" in result) return result;
  return compareStated(claim, result.implied_bill_usd, CASE_STUDY_METHOD, {
    note: impliedNote(result),
    evidence: EVIDENCE,
  });
}

/**
 * "Gray pool traffic stayed under 10%" against the article's own mix, which
 * sends 18% of the tokens to the Hy3 preview gray pool.
 *
 * @param claim The claim (bb-61).
 * @param inputs The checks' inputs (its `claims`: the gray-pool share named in `params.others`).
 * @returns The evaluation.
 */
export function caseStudyGrayPool(
  claim: CheckedClaim,
  inputs: ClaimInputs,
): Evaluation {
  const otherId = claim.params.others ?? "";
  const other = findById(inputs.claims, otherId);
  const method =
    "the article's own gray-pool share of the team's tokens (its stated mix)";
  if (other === undefined) {
    return unverifiable(method, `no claim ${otherId} to compare with`);
  }
  const grayShare =
    CASE_STUDY.mix.find((m) => m.model === "tencent/hy3-preview")!.share * 100;
  if (Math.abs(grayShare - other.stated) > 1e-9) {
    return unverifiable(
      method,
      `${otherId} states ${other.stated}%, the case study's mix ${grayShare}%`,
    );
  }
  return contradictedByArticle(
    claim,
    other.stated,
    method,
    `${other.id}: "${other.quote}"`,
  ) ?? unverifiable(
    method,
    `consistent with the article's own ${other.id} (${other.stated}%), which is no evidence: nothing bundled shows the team's traffic`,
  );
}

/** The case-study family, registered in `checks/mod.ts`. */
export const caseStudyChecks: CheckFamily = {
  name: "case study",
  checks: {
    case_study_change: caseStudyChange,
    case_study_bill_after: caseStudyBillAfter,
    case_study_gray_pool: caseStudyGrayPool,
  },
};
