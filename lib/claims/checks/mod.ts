/**
 * The registry of check families. To add a family, write
 * `lib/claims/checks/<family>.ts` exporting a {@linkcode CheckFamily}, import
 * it here and add it to {@linkcode CHECK_FAMILIES}: one line. Its check
 * names then become valid in the `check` column of `data/claims.csv`.
 *
 * @module
 */
import { agentTaskChecks } from "./agent_task.ts";
import { articleChecks } from "./article.ts";
import { benchmarkChecks } from "./benchmarks.ts";
import { caseStudyChecks } from "./case_study.ts";
import { catalogueChecks } from "./catalogue.ts";
import type { Check, CheckFamily } from "./_inputs.ts";
import { priceChecks } from "./prices.ts";
import { qualityPerDollarChecks } from "./quality_per_dollar.ts";
import { rankingsChecks } from "./rankings.ts";
import { rankingsOriginChecks } from "./rankings_origins.ts";
import { rankingsVendorChecks } from "./rankings_vendors.ts";
import { revenueShareChecks, trackerChecks } from "./tracker.ts";
import { selfHostingChecks } from "./self_hosting.ts";

export type { Check, CheckFamily, ClaimInputs } from "./_inputs.ts";

/**
 * Every family of checks, in the order the ledger documents them.
 *
 * @example Every family has at least one check
 * ```ts
 * import assert from "node:assert/strict";
 * assert.ok(CHECK_FAMILIES.every((f) => Object.keys(f.checks).length > 0));
 * ```
 */
export const CHECK_FAMILIES: readonly CheckFamily[] = [
  rankingsChecks,
  rankingsOriginChecks,
  rankingsVendorChecks,
  trackerChecks,
  revenueShareChecks,
  priceChecks,
  agentTaskChecks,
  benchmarkChecks,
  qualityPerDollarChecks,
  selfHostingChecks,
  catalogueChecks,
  caseStudyChecks,
  articleChecks,
];

/**
 * The checks of some families by name.
 *
 * @param families The families (default: {@linkcode CHECK_FAMILIES}).
 * @returns Check functions by the names `data/claims.csv` uses.
 * @throws {RangeError} When two families register the same name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(typeof checksByName().list_price, "function");
 * ```
 */
export function checksByName(
  families: readonly CheckFamily[] = CHECK_FAMILIES,
): Record<string, Check> {
  const out: Record<string, Check> = {};
  for (const family of families) {
    for (const [name, check] of Object.entries(family.checks)) {
      if (name in out) {
        throw new RangeError(
          `Cannot register check "${name}" of family "${family.name}": another family registered it already`,
        );
      }
      out[name] = check;
    }
  }
  return out;
}
