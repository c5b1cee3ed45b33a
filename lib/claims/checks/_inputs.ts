/**
 * What the checks read, and the helpers several check families share.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { CheckedClaim, Evaluation } from "../compare.ts";
import { unverifiable } from "../compare.ts";
import type { Claim, ClaimEvidence } from "../load.ts";
import { addDays, DAYS_PER_WEEK } from "../../base/dates.ts";
import { findModel } from "../../analysis/model_info.ts";
import {
  recordsOf,
  rowsBetween,
  rowsWhere,
  spanOf,
} from "../../analysis/lookup.ts";

/** Everything the checks read: the workspace's frames, the analyses' results and the bundled evidence. */
export interface ClaimInputs {
  /** Rankings rows with model, vendor and origin (`classifyModels`). */
  classified: pl.DataFrame;
  /** `weeklyModelTokens`. */
  weeklyModels: pl.DataFrame;
  /** `weeklyTotals`. */
  weeklyTotals: pl.DataFrame;
  /** `weeklyOriginShare`. */
  weeklyOrigins: pl.DataFrame;
  /** `weeklyVendorTokens`. */
  weeklyVendors: pl.DataFrame;
  /** Vendor reference table. */
  vendors: pl.DataFrame;
  /** Model identity reference table. */
  modelIdentity: pl.DataFrame;
  /** The models-list frame. */
  models: pl.DataFrame;
  /** `priceRows(...).prices`. */
  prices: pl.DataFrame;
  /** The inference-stats frame. */
  inference: pl.DataFrame;
  /** openrouter.ai's observed prices and cache-hit rates (may be empty). */
  observedPrices: pl.DataFrame;
  /** Benchmark scores. */
  benchmarks: pl.DataFrame;
  /** Self-hosted serving setups (`reference/self_hosting.csv`). */
  selfHosting: pl.DataFrame;
  /** `correlations(benchmarkVsShare(...))` rows: benchmark, week_start, n, rho_share_score, p_share_score, … */
  correlations: pl.DataFrame;
  /** Every claim, for checks of an article against its own other figures. */
  claims: readonly Claim[];
  /** Model descriptions, Hugging Face ids and the a16z figures. */
  evidence: ClaimEvidence;
}

/** One check: a plain function of the claim and the inputs. */
export type Check = (claim: CheckedClaim, inputs: ClaimInputs) => Evaluation;

/** A family of checks, registered in `checks/mod.ts`. */
export interface CheckFamily {
  /** The family's name, e.g. `rankings`. */
  name: string;
  /** Its checks, by the names `data/claims.csv` uses. */
  checks: Readonly<Record<string, Check>>;
}

/**
 * A file path as evidence: relative to the data folder, written `data/…`,
 * so a ledger reads the same wherever the data folder is.
 */
export function dataPath(inputs: ClaimInputs, file: string): string {
  const dir = inputs.evidence?.dataDir?.replace(/\/+$/, "");
  if (dir && file.startsWith(`${dir}/`)) {
    return `data/${file.slice(dir.length + 1)}`;
  }
  return file;
}

/** The rows of a frame as records. */
export function rowsOf(frame: pl.DataFrame): Record<string, unknown>[] {
  return frame.toRecords() as Record<string, unknown>[];
}

/** A column as floats. */
export function f64(frame: pl.DataFrame, column: string): number[] {
  return frame.getColumn(column).cast(pl.Float64).toArray() as number[];
}

/** The sum of a column. */
export function sumOf(frame: pl.DataFrame, column: string): number {
  return f64(frame, column).reduce((a, b) => a + b, 0);
}

/** The method text of the rankings sums. */
export const RANKINGS =
  "sum of rankings-daily total_tokens over the calendar week (Mon–Sun, UTC), top 50 + other";

/** Days of data in a week, 0 when the week is outside the data. */
export function daysCovered(inputs: ClaimInputs, week: string): number {
  const row = recordsOf(rowsWhere(inputs.weeklyTotals, "week_start", week))[0];
  return row === undefined ? 0 : Number(row.days_covered);
}

/** "rankings-daily covers A … B". */
export function dataSpan(inputs: ClaimInputs): string {
  if (inputs.classified.height === 0) return "no rankings data";
  const [first, last] = spanOf(inputs.classified, "date");
  return `rankings-daily covers ${first} … ${last}`;
}

/** Unverifiable unless the week is complete in the data. */
export function needWeek(
  inputs: ClaimInputs,
  week: string | undefined,
  method: string,
): Evaluation | undefined {
  if (week === undefined) {
    return unverifiable(method, "the claim names no week");
  }
  const days = daysCovered(inputs, week);
  if (days < DAYS_PER_WEEK) {
    return unverifiable(
      method,
      `the week of ${week} has ${days} of 7 days in the data; a rankings-daily file covering ${week} … ${
        addDays(week, 6)
      } would verify it`,
    );
  }
  return undefined;
}

/** The file(s) and rows of rankings-daily a figure rests on. */
export function rankingsEvidence(
  inputs: ClaimInputs,
  from: string,
  to: string,
  what = "every row",
): string {
  const rows = rowsBetween(inputs.classified, "date", from, to);
  const files = rows.height === 0
    ? []
    : [...new Set(rows.getColumn("source_file").toArray() as string[])]
      .map((f) => dataPath(inputs, f)).sort();
  return `${files.join(", ") || "rankings-daily"}: ${what} dated ${from}${
    from === to ? "" : ` … ${to}`
  }`;
}

/** A model name or id as the rankings' permaslug. */
export function permaslugOf(inputs: ClaimInputs, name: string): string {
  return findModel(inputs.modelIdentity, name) ?? name;
}

/** Vendor ids whose id or name matches any of `names` ("DeepSeek|Tencent"). */
export function vendorIds(inputs: ClaimInputs, names: string): string[] {
  const wanted = names.split("|").map((n) => n.trim().toLowerCase());
  return rowsOf(inputs.vendors)
    .filter((v) =>
      wanted.some((w) =>
        String(v.vendor).toLowerCase() === w ||
        String(v.vendor_name).toLowerCase().startsWith(w)
      )
    )
    .map((v) => String(v.vendor));
}

/** The rows of the models ranked in one week. */
export function weekModels(inputs: ClaimInputs, week: string): pl.DataFrame {
  return rowsWhere(inputs.weeklyModels, "week_start", week);
}

/** A week's total tokens (top 50 + other). */
export function weekTotal(inputs: ClaimInputs, week: string): number {
  return Number(
    recordsOf(rowsWhere(inputs.weeklyTotals, "week_start", week))[0]?.tokens ??
      0,
  );
}

/** Tokens of some vendors in one week. */
export function vendorWeekTokens(
  inputs: ClaimInputs,
  week: string,
  vendors: string[],
): number {
  return sumOf(
    rowsWhere(inputs.weeklyVendors, "week_start", week).filter(
      pl.col("vendor").isIn(vendors),
    ),
    "tokens",
  );
}

/** Percent change from `before` to `now`. */
export function percentChange(now: number, before: number): number {
  return (now / before - 1) * 100;
}

/** The claims of the same article with a given check (the article's other figures). */
export function articleClaims(
  inputs: ClaimInputs,
  claim: Claim,
  check: string,
): Claim[] {
  return inputs.claims.filter((c) =>
    c.article === claim.article && c.check === check
  );
}
