/**
 * The findings of notebook 06 (routing what-if): the case study of "2026
 * OpenRouter: Billing Beats Benchmarks" re-priced, the article's routing
 * skeleton applied to the example workload, and its budget cap and
 * downgrade over a month with a spike. The notebook's conclusions are
 * templates over this object.
 *
 * @module
 */
import {
  CASE_STUDY,
  type CaseStudyImplied,
  caseStudyImplied,
  caseStudySensitivity,
} from "../whatif/case_study.ts";
import { whatIfBill, type WhatIfResult } from "../whatif/engine.ts";
import type { PriceBook } from "../analysis/model_prices.ts";
import type { Policy } from "../whatif/policy.ts";
import type { Workload } from "../whatif/workload.ts";

/** Input shares the sensitivity tries (fraction of tokens that are input). */
export const SENSITIVITY_INPUT_SHARES = [0.5, 0.7, 0.8, 0.9, 0.95, 0.99];
/** Cached shares the sensitivity tries (fraction of input read from cache). */
export const SENSITIVITY_CACHED_SHARES = [0, 0.25, 0.5, 0.75, 0.9];

/** What notebook 06 concludes from. */
export interface RoutingWhatIfFindings {
  /** The stated mix at list prices on the article's date, the tracker's token mix. */
  caseStudy: CaseStudyImplied;
  /** The same with each model's observed cache-hit rate (a snapshot dated after the article). */
  caseStudyObserved: CaseStudyImplied;
  /** The date of the observed snapshot those rates come from, or null when the data has none (then the tracker's shares stand in). */
  observedSnapshot: string | null;
  /** The implied change over the sensitivity grid, percent: lowest and highest. */
  sensitivity: { low_pct: number; high_pct: number; cells: number };
  /** The case study's gray-pool share (Hy3 preview) against the skeleton's max_share. */
  grayPool: { case_study_share: number; skeleton_max_share: number };
  /** The skeleton applied to the undated example month. */
  skeleton: WhatIfResult;
  /** The skeleton applied to the dated month with a spike. */
  month: WhatIfResult;
  /** Weeks (Mondays) of the month in which each rule triggered. */
  monthWeeks: {
    cap_exceeded: string[];
    downgrade_triggered: string[];
    downgrade_applied: string[];
    gray_pool_limit: string[];
  };
}

function priced(
  workload: Workload,
  policy: Policy,
  book: PriceBook,
  asOf: string | null,
): WhatIfResult {
  const out = whatIfBill(workload, policy, book, { asOf });
  if (!out.ok) {
    throw new RangeError(
      `Cannot price ${workload.file}: ${
        out.problems.map((p) =>
          `${p.file} ${p.record} ${p.field}: ${p.expected}`
        )
          .join("; ")
      }`,
    );
  }
  return out.result;
}

/**
 * Compute notebook 06's findings.
 *
 * @param book The price book.
 * @param inputs The skeleton policy, the undated example workload and the dated month with a spike.
 * @returns The findings.
 * @throws {RangeError} When a workload cannot be priced under the policy.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { priceRows } from "../analysis/prices.ts";
 * import { loadWhatIfInputs } from "../whatif/load_inputs.ts";
 * const ws = await loadWorkspace("data");
 * const book = { ...ws, prices: priceRows(ws).prices };
 * const a = await loadWhatIfInputs("data/examples/routing_skeleton.policy.json", "data/examples/case_study_team.workload.csv");
 * const b = await loadWhatIfInputs("data/examples/routing_skeleton.policy.json", "data/examples/case_study_team_month_spike.workload.csv");
 * assert.ok(a.ok && b.ok);
 * const f = routingWhatIfFindings(book, { policy: a.policy, workload: a.workload, month: b.workload });
 * assert.ok(f.caseStudy.implied_change_pct < f.caseStudy.stated.change_pct);
 * ```
 */
export function routingWhatIfFindings(
  book: PriceBook,
  inputs: { policy: Policy; workload: Workload; month: Workload },
): RoutingWhatIfFindings {
  const caseStudy = caseStudyImplied(book);
  const caseStudyObserved = caseStudyImplied(book, { cache: "observed" });
  const grid = caseStudySensitivity(
    book,
    SENSITIVITY_INPUT_SHARES,
    SENSITIVITY_CACHED_SHARES,
  ).getColumn("implied_change_pct");
  const skeleton = priced(
    inputs.workload,
    inputs.policy,
    book,
    CASE_STUDY.article_date,
  );
  const month = priced(inputs.month, inputs.policy, book, null);
  const weeksOf = (kind: string) =>
    month.events.filter((e) => e.kind === kind && e.week !== null)
      .map((e) => e.week!);
  return {
    caseStudy,
    caseStudyObserved,
    observedSnapshot: book.observedPrices.height === 0
      ? null
      : (book.observedPrices.getColumn("snapshot_date").toArray() as string[])
        .sort().at(-1)!,
    sensitivity: {
      low_pct: grid.min() as number,
      high_pct: grid.max() as number,
      cells: grid.length,
    },
    grayPool: {
      case_study_share:
        CASE_STUDY.mix.find((m) => m.model === "tencent/hy3-preview")!.share,
      skeleton_max_share: inputs.policy.gray_pool.max_share,
    },
    skeleton,
    month,
    monthWeeks: {
      cap_exceeded: weeksOf("cap_exceeded"),
      downgrade_triggered: weeksOf("downgrade_triggered"),
      downgrade_applied: weeksOf("downgrade_applied"),
      gray_pool_limit: weeksOf("gray_pool_limit"),
    },
  };
}
