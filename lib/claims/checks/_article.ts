/**
 * The article's own figures for one week, gathered from `claims.csv`: its
 * platform total, its per-origin totals and its per-model table rows. Checks
 * use them to find where an article contradicts itself; they never verify a
 * figure (a figure cannot verify itself).
 *
 * @module
 */
import type { Claim } from "../load.ts";
import type { Evaluation } from "../compare.ts";
import { addDays } from "../../base/dates.ts";
import {
  type ClaimInputs,
  permaslugOf,
  rankingsEvidence,
  rowsOf,
} from "./_inputs.ts";

/** The rankings-daily rows a weekly figure rests on (from `from` to the week's Sunday). */
export function weekEvidence(
  inputs: ClaimInputs,
  week: string,
  from = week,
): string {
  return rankingsEvidence(inputs, from, addDays(week, 6));
}

/**
 * For a week the data lacks: the article against its own figures when they
 * contradict it, else unverifiable. A contradiction between the article's own
 * figures stands whatever the data would show, so its note says why the data
 * cannot check the figure but never what data "would verify it" (that is
 * said of unverifiable entries only).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const missing = { reproduced: null, verdict: "unverifiable", method: "m", note: "the week has 1 of 7 days; a file covering it would verify it" } as const;
 * const own = { reproduced: 6, verdict: "contradicted", method: "m", note: "the article's own figures disagree with it" } as const;
 * assert.equal(orOwnFigures(missing, undefined), missing);
 * const note = orOwnFigures(missing, own).note!;
 * assert.ok(!note.includes("would verify"));
 * assert.match(note, /the week has 1 of 7 days/);
 * ```
 */
export function orOwnFigures(
  missing: Evaluation,
  own: Evaluation | undefined,
): Evaluation {
  if (own === undefined) return missing;
  const gap = (missing.note ?? "").replace(/; [^;]* would verify it$/, "");
  return {
    ...own,
    note:
      `${own.note}. The data cannot check the figure (${gap}), and the contradiction stands on the article's own figures whatever the data would show`,
  };
}

/** One row of an article's per-model table. */
export interface OwnRow {
  /** The claim id of the row. */
  id: string;
  /** The model's permaslug. */
  slug: string;
  /** Its vendor (slug prefix). */
  vendor: string;
  /** Its origin in `vendors.csv` (`unknown` when absent). */
  origin: string;
  /** The tokens the article states. */
  tokens: number;
}

/** An article's own figures for one week. */
export interface OwnWeek {
  /** Its platform total (`week_total_tokens`), if stated. */
  total?: Claim;
  /** Its per-origin totals (`origin_week_tokens`), by origin. */
  origins: Map<string, Claim>;
  /** Its per-model rows (`model_week_tokens`). */
  rows: OwnRow[];
}

/**
 * The article's own figures for the week a claim names.
 *
 * @param inputs The checks' inputs (claims and vendors).
 * @param claim The claim.
 * @returns Its article's total, origin totals and model rows for that week.
 */
export function ownWeek(inputs: ClaimInputs, claim: Claim): OwnWeek {
  const week = claim.params.week;
  const same = inputs.claims.filter((c) =>
    c.article === claim.article && c.params.week === week
  );
  const origins = new Map<string, Claim>();
  for (const c of same.filter((c) => c.check === "origin_week_tokens")) {
    origins.set(c.params.origin, c);
  }
  const originOf = new Map(
    rowsOf(inputs.vendors).map((v) => [String(v.vendor), String(v.origin)]),
  );
  const rows = same.filter((c) => c.check === "model_week_tokens").map((c) => {
    const slug = permaslugOf(inputs, c.params.model);
    const vendor = slug.split("/")[0];
    return {
      id: c.id,
      slug,
      vendor,
      origin: originOf.get(vendor) ?? "unknown",
      tokens: c.stated,
    };
  });
  return {
    total: same.find((c) => c.check === "week_total_tokens"),
    origins,
    rows,
  };
}

/** "bb-27 DeepSeek-V4-Flash 3.43T + …" for a note. */
export function rowList(rows: readonly OwnRow[]): string {
  return rows.map((r) => `${r.id} ${r.slug} ${(r.tokens / 1e12).toFixed(3)}T`)
    .join(" + ");
}
