/**
 * Every analysis of tokenbook over one workspace, in one pure function: the
 * report command, the chart export and the notebooks all call it, so each
 * figure has one source.
 *
 * @module
 */
import type { RankingsFileMeta } from "../loading/rankings_daily.ts";
import {
  cacheHitRows,
  type ObservedCacheFindings,
  observedCacheFindings,
} from "../findings/observed_cache.ts";
import pl from "nodejs-polars";
import {
  ARTICLE_TASK,
  CHEAP_MODEL,
  consistentRatios,
  PREMIUM_MODEL,
  ratioByCacheHitRate,
  reproduceStatedCost,
  taskCostTable,
} from "../analysis/agent_task.ts";
import { benchmarkVsShare, correlations } from "../analysis/benchmark_share.ts";
import {
  type Claim,
  type ClaimEvidence,
  claimEvidence,
  evaluateClaims,
  type LedgerEntry,
  precisionOf,
} from "../claims/claims.ts";
import type { CacheTreatment, PriceRow } from "../analysis/cost.ts";
import {
  classifyModels,
  unknownModels,
  unknownVendors,
} from "../analysis/model_info.ts";
import {
  findPrice,
  MODELS_LIST_SOURCE,
  PRICE_HISTORY_SOURCE,
  priceRows,
  type SkippedPrice,
} from "../analysis/prices.ts";
import { revenueWeekly, vendorShares } from "../analysis/revenue.ts";
import {
  weeklyModelTokens,
  weeklyOriginShare,
  weeklyTotals,
  weeklyVendorTokens,
} from "../analysis/weekly.ts";
import type { Workspace } from "../loading/workspace.ts";

/** The benchmark series joined to token share, one at a time. */
export const BENCHMARK_SERIES = [
  "SWE-bench Verified (vendor-reported, %)",
  "SWE-bench Verified bash-only (mini-SWE-agent, independent, %)",
  "Artificial Analysis Intelligence Index v4.0 (0-100)",
] as const;

/** The periods the data covers. */
export interface Period {
  /** First and last day of rankings-daily, or null. */
  rankings: [string, string] | null;
  /** The latest complete (7-day) week's Monday, or null. */
  latestCompleteWeek: string | null;
  /** The latest week in the data when it is partial, or null. */
  partialWeek: { week_start: string; days_covered: number } | null;
  /** First and last inference-stats week, or null. */
  inference: [string, string] | null;
  /** Models-list snapshot dates. */
  modelSnapshots: string[];
}

/** Everything computed from one workspace. */
export interface Analyses {
  /** The periods covered. */
  period: Period;
  /** The `meta` block of each rankings-daily file (for OpenRouter's citation). */
  rankingsMeta: RankingsFileMeta[];
  /** The agent task at observed cache-hit rates and effective prices, or null without an observed-prices snapshot (or without claim pt-42). */
  observedCache: ObservedCacheFindings | null;
  /** Assumed vs observed cache-hit rate per model, for the chart (empty without a snapshot). */
  cacheHitRows: pl.DataFrame;
  /** Rankings rows with model, vendor and origin. */
  classified: pl.DataFrame;
  /** Weekly tokens, share, rank and change per model. */
  weeklyModels: pl.DataFrame;
  /** Weekly tokens and share per origin. */
  weeklyOrigins: pl.DataFrame;
  /** Weekly totals. */
  weeklyTotals: pl.DataFrame;
  /** Weekly tokens per vendor. */
  weeklyVendors: pl.DataFrame;
  /** Vendors not in `reference/vendors.csv`. */
  unknownVendors: string[];
  /** Permaslugs not in `reference/models.csv`. */
  unknownModels: string[];
  /** Every dated price. */
  prices: pl.DataFrame;
  /** Price records left out. */
  skippedPrices: SkippedPrice[];
  /** `tables/agent_task_cost.csv`. */
  agentTaskCost: pl.DataFrame;
  /** The ratio under consistent assumptions for each price source and date. */
  agentTaskRatios: pl.DataFrame;
  /** The ratio against the cache-hit rate. */
  agentTaskSensitivity: pl.DataFrame;
  /** `tables/revenue_weekly.csv`. */
  revenue: pl.DataFrame;
  /** Token share and dollar share per vendor and week. */
  vendorShares: pl.DataFrame;
  /** `tables/benchmark_vs_share.csv`, every series. */
  benchmarkShare: pl.DataFrame;
  /** Spearman correlations per series and complete week. */
  benchmarkCorrelations: pl.DataFrame;
  /** The claims ledger. */
  ledger: LedgerEntry[];
}

function span(frame: pl.DataFrame, column: string): [string, string] | null {
  if (frame.height === 0) return null;
  const values = (frame.getColumn(column).toArray() as string[]).sort();
  return [values[0], values[values.length - 1]];
}

function period(ws: Workspace, totals: pl.DataFrame): Period {
  const weeks = totals.toRecords() as {
    week_start: string;
    days_covered: number;
  }[];
  const complete = weeks.filter((w) => w.days_covered === 7).map((w) =>
    w.week_start
  ).sort();
  const last = [...weeks].sort((a, b) =>
    a.week_start.localeCompare(b.week_start)
  ).at(-1);
  return {
    rankings: span(ws.rankings, "date"),
    latestCompleteWeek: complete.at(-1) ?? null,
    partialWeek: last !== undefined && last.days_covered < 7
      ? { week_start: last.week_start, days_covered: last.days_covered }
      : null,
    inference: span(ws.inference, "snapshot_date"),
    modelSnapshots: [
      ...new Set(ws.models.getColumn("snapshot_date").toArray() as string[]),
    ].sort(),
  };
}

/** Scenario rows of the agent-task table: how each article figure comes out, then consistent comparisons. */
function agentTaskScenarios(
  prices: pl.DataFrame,
  claims: readonly Claim[],
  asOf: string,
): {
  scenario: string;
  price: PriceRow;
  treatment: CacheTreatment;
}[] {
  const out: {
    scenario: string;
    price: PriceRow;
    treatment: CacheTreatment;
  }[] = [];
  for (const claim of claims.filter((c) => c.check === "agent_task_cost")) {
    const match = reproduceStatedCost(
      prices,
      claim.params.model,
      claim.stated,
      precisionOf(claim, claims).tolerance,
      { asOf: claim.params.date ?? claim.article_date },
    );
    if (match === undefined) continue;
    out.push({
      scenario: `article's $${claim.stated} (${claim.id})`,
      price: match.price,
      treatment: match.treatment,
    });
  }
  const sources = [
    MODELS_LIST_SOURCE,
    PRICE_HISTORY_SOURCE,
    ...new Set(
      prices.filter(pl.col("model_id").eq(pl.lit(CHEAP_MODEL))).getColumn(
        "source",
      ).toArray() as string[],
    ),
  ];
  for (const source of [...new Set(sources)]) {
    const cheap = findPrice(prices, CHEAP_MODEL, source, asOf);
    const premium = findPrice(prices, PREMIUM_MODEL, source, asOf);
    if (cheap === undefined || premium === undefined) continue;
    const short = source === MODELS_LIST_SOURCE
      ? "models list"
      : source === PRICE_HISTORY_SOURCE
      ? "price history"
      : "article's prices";
    const label = `one source: ${short}`;
    out.push({ scenario: label, price: cheap, treatment: "cache-read-rate" }, {
      scenario: label,
      price: premium,
      treatment: "cache-read-rate",
    });
  }
  return out;
}

/**
 * Run every analysis.
 *
 * @param ws The loaded workspace.
 * @param claims The claims to evaluate (from `data/claims.csv`).
 * @param evidence What the checks read besides the frames (default: read from the workspace's files by `claimEvidence`).
 * @returns Every frame and the ledger.
 *
 * @example The bundled data
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { loadClaims } from "../claims/claims.ts";
 * const results = runAnalyses(await loadWorkspace("data"), await loadClaims("data/claims.csv"));
 * assert.equal(results.period.latestCompleteWeek, "2026-06-15");
 * ```
 */
export function runAnalyses(
  ws: Workspace,
  claims: readonly Claim[],
  evidence: ClaimEvidence = claimEvidence(ws),
): Analyses {
  const classified = classifyModels(ws.rankings, ws.modelIdentity, ws.vendors);
  const weeklyModels = weeklyModelTokens(classified);
  const totals = weeklyTotals(classified);
  const weeklyOrigins = weeklyOriginShare(classified);
  const weeklyVendors = weeklyVendorTokens(classified);
  const { prices, skipped } = priceRows(ws);
  const periods = period(ws, totals);
  const asOf = ws.asOf ?? periods.rankings?.[1] ?? "9999-12-31";
  const sensitivityPairs = [MODELS_LIST_SOURCE, PRICE_HISTORY_SOURCE].flatMap(
    (source) => {
      const cheap = findPrice(prices, CHEAP_MODEL, source, asOf);
      const premium = findPrice(prices, PREMIUM_MODEL, source, asOf);
      return cheap && premium
        ? [{ series: `${source} ${cheap.source_date}`, cheap, premium }]
        : [];
    },
  );
  const revenue = revenueWeekly(ws.inference);
  const benchmarkShare = pl.concat(
    BENCHMARK_SERIES.map((benchmark) =>
      benchmarkVsShare(
        weeklyModels,
        ws.modelIdentity,
        ws.benchmarks,
        ws.models,
        { benchmark, priceHistory: ws.priceHistory },
      )
    ),
  );
  const benchmarkCorrelations = benchmarkShare.height === 0
    ? benchmarkShare
    : correlations(benchmarkShare);
  const partial = {
    classified,
    weeklyModels,
    weeklyTotals: totals,
    weeklyOrigins,
    weeklyVendors,
    vendors: ws.vendors,
    modelIdentity: ws.modelIdentity,
    models: ws.models,
    prices,
    inference: ws.inference,
    observedPrices: ws.observedPrices,
    benchmarks: ws.benchmarks,
    correlations: benchmarkCorrelations,
    claims,
    evidence,
  };
  return {
    period: periods,
    rankingsMeta: ws.rankingsMeta,
    ...observedAnalyses(ws, prices, claims),
    classified,
    weeklyModels,
    weeklyOrigins,
    weeklyTotals: totals,
    weeklyVendors,
    unknownVendors: unknownVendors(classified),
    unknownModels: unknownModels(classified),
    prices,
    skippedPrices: skipped,
    agentTaskCost: taskCostTable(
      agentTaskScenarios(prices, claims, asOf),
      ARTICLE_TASK,
    ),
    agentTaskRatios: consistentRatios(prices, [
      MODELS_LIST_SOURCE,
      PRICE_HISTORY_SOURCE,
    ]),
    agentTaskSensitivity: ratioByCacheHitRate(sensitivityPairs),
    revenue,
    vendorShares: vendorShares(revenue),
    benchmarkShare,
    benchmarkCorrelations,
    ledger: evaluateClaims(claims, partial),
  };
}

/** The observed-prices analyses (issue: the 26× under what customers pay); empty without a snapshot. */
function observedAnalyses(
  ws: Workspace,
  prices: pl.DataFrame,
  claims: readonly Claim[],
): { observedCache: ObservedCacheFindings | null; cacheHitRows: pl.DataFrame } {
  const ratio = claims.find((claim) => claim.id === "pt-42");
  if (ws.observedPrices.height === 0 || ratio === undefined) {
    return { observedCache: null, cacheHitRows: pl.DataFrame() };
  }
  const book = { ...ws, prices };
  return {
    observedCache: observedCacheFindings(book, {
      ratio: ratio.stated,
      articleDate: ratio.article_date,
    }),
    cacheHitRows: cacheHitRows(book),
  };
}
