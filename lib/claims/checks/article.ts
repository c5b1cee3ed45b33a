/**
 * Checks of an article against its own other figures (`article_consistency`):
 * a disagreement is `contradicted` with the article named as the evidence;
 * agreement verifies nothing, so it stays `unverifiable`.
 *
 * @module
 */
import {
  compareStated,
  contradictedByArticle,
  round,
  unverifiable,
} from "../compare.ts";
import type { Check, CheckFamily } from "./_inputs.ts";
import { findById } from "../lookup.ts";

const articleConsistency: Check = (claim, inputs) => {
  const ids = (claim.params.others ?? "").split("|");
  const others = ids.map((id) => findById(inputs.claims, id));
  const formula = claim.params.formula ?? "";
  const method = `the article's own figures: ${formula} (${ids.join(", ")})`;
  if (others.some((c) => c === undefined) || others.length !== 2) {
    return unverifiable(method, "the figures it depends on are missing");
  }
  const [x, y] = others.map((c) => c!.stated);
  const value = formula.endsWith("-1") ? (y / x - 1) * 100 : x / y;
  const own = contradictedByArticle(
    claim,
    value,
    method,
    ids.map((id, i) => `${id} "${others[i]!.quote}"`).join(", "),
  );
  if (own !== undefined) return own;
  const consistent = compareStated(claim, value, method);
  return {
    ...unverifiable(
      method,
      `consistent with the article's own ${ids.join(" and ")} (${
        round(value)
      }), which cannot verify it: those figures are not in the bundled data; data that settles ${
        ids.join(" and ")
      } would verify it`,
    ),
    tolerance: consistent.tolerance,
    tolerance_rule: consistent.tolerance_rule,
  };
};

/** The article against itself. */
export const articleChecks: CheckFamily = {
  name: "article",
  checks: { article_consistency: articleConsistency },
};
