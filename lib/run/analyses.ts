/**
 * Every analysis of tokenbook over one workspace, in one pure function: the
 * report command, the chart export and the notebooks all call it, so each
 * figure has one source.
 *
 * @module
 */
import { vendorComparison } from "../analysis/price_book.ts";
import { VENDOR_SOURCE, vendorPrices } from "../loading/vendor_prices.ts";
import type { RankingsFileMeta } from "../loading/rankings_daily.ts";
import type { ClaimInputs } from "../claims/checks/mod.ts";
import {
  cacheHitRows,
  type ObservedCacheFindings,
  observedCacheFindings,
} from "../analysis/observed_cache.ts";
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
import {
  benchmarkVsShare,
  correlations,
  feedVsShare,
} from "../analysis/benchmark_share.ts";
import {
  paretoFrontier,
  qualityPerDollar,
} from "../analysis/quality_per_dollar.ts";
import { selfHostingBreakEven } from "../analysis/self_hosting.ts";
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
  type ModelResolution,
  resolveModels,
} from "../analysis/model_identity.ts";
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
import { spanOf } from "../analysis/lookup.ts";
import { findById } from "../claims/lookup.ts";

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
  /** The day the data was cut at (`--as-of`), or null for all data. */
  dataTo: string | null;
}

/** Everything computed from one workspace. */
export interface Analyses {
  /** The periods covered. */
  period: Period;
  /** The `meta` block of each rankings-daily file (for OpenRouter's citation). */
  rankingsMeta: RankingsFileMeta[];
  /** The display name of each model (`reference/models.csv`): columns `permaslug`, `model_id`, `benchmark_name`, `display_name`, so every chart names a model the same way. */
  modelNames: pl.DataFrame;
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
  /** Ranked permaslugs that neither `reference/models.csv` nor the models list knows. */
  unknownModels: string[];
  /**
   * How each ranked permaslug resolves to a model (`reference`, a `variant`
   * of a reviewed model, a `draft` from the models list, or `unknown`).
   */
  modelResolutions: ModelResolution[];
  /** Every dated price. */
  prices: pl.DataFrame;
  /** Price records left out. */
  skippedPrices: SkippedPrice[];
  /** OpenRouter's latest list price against the vendor's own (genai-prices), per model and part (`vendorComparison()`). */
  vendorPriceComparison: pl.DataFrame;
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
  /** The self-hosting reference setups (`reference/self_hosting.csv`). */
  selfHostingSetups: pl.DataFrame;
  /** Each setup against its model's list price on the data's last day, on the article's agent task (`selfHostingBreakEven`; its break-even columns do not depend on the utilisation, taken as 1). */
  selfHostingBreakEven: pl.DataFrame;
  /** Every benchmark score against the article's agent task at the list prices in force on the score's date (else the data's last day), with the Pareto frontier per series (`qualityPerDollar`, `paretoFrontier`). */
  qualityPerDollar: pl.DataFrame;
  /** The claims the ledger evaluates, as loaded (their stated figures, before any check runs). */
  claims: readonly Claim[];
  /** The claims ledger. */
  ledger: LedgerEntry[];
}

function span(frame: pl.DataFrame, column: string): [string, string] | null {
  return frame.height === 0 ? null : [...spanOf(frame, column)];
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
    dataTo: ws.asOf,
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

/** A lazily computed value of {@linkcode runAnalyses}' result. */
type Getters<T> = { [K in keyof T]: () => T[K] };

/**
 * An object whose properties are computed on first read and then kept: each
 * getter runs at most once (again only if it threw).
 */
function memoised<T extends object>(getters: Getters<T>): T {
  const out = {} as T;
  for (const key of Object.keys(getters) as (keyof T)[]) {
    let computed: { value: T[keyof T] } | undefined;
    Object.defineProperty(out, key, {
      enumerable: true,
      get() {
        computed ??= { value: getters[key]() };
        return computed.value;
      },
    });
  }
  return out;
}

/** The workspace fields the analyses read: a cached result is reused only while all are the same objects. */
const INPUTS = [
  "asOf",
  "models",
  "rankings",
  "inference",
  "vendors",
  "modelIdentity",
  "benchmarks",
  "priceHistory",
  "articlePrices",
  "selfHosting",
  "costPerTask",
  "observedPrices",
] as const satisfies readonly (keyof Workspace)[];

/** One result per workspace object, with what it was computed from. */
const cache = new WeakMap<Workspace, {
  inputs: unknown[];
  claims: readonly Claim[];
  claimList: Claim[];
  analyses: Analyses;
}>();

/**
 * Every analysis of a workspace, each computed once, when first read.
 *
 * The result has one property per analysis (see {@linkcode Analyses}); a
 * property is computed the first time it is read, with what it needs, and
 * kept. So a notebook that reads `weeklyOrigins` runs the classification
 * and the weekly origin shares, and not the claims ledger or the
 * permutation tests; the report, which reads everything, runs each once.
 * Calling `runAnalyses` again with the same workspace and claims (the same
 * objects, unchanged) returns the same result, so nothing is computed
 * twice in one process.
 *
 * @param ws The loaded workspace.
 * @param claims The claims to evaluate (from `data/claims.csv`).
 * @param evidence What the checks read besides the frames (default: read from the workspace's files by `claimEvidence` when the ledger is first read; a result with explicit evidence is not cached).
 * @returns Every frame and the ledger, computed on first read.
 *
 * @example The bundled data
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { loadClaims } from "../claims/claims.ts";
 * const ws = await loadWorkspace("data");
 * const claims = await loadClaims("data/claims.csv");
 * const results = runAnalyses(ws, claims);
 * assert.equal(results.period.latestCompleteWeek, "2026-06-15");
 * assert.equal(runAnalyses(ws, claims), results);
 * assert.equal(results.weeklyOrigins, results.weeklyOrigins);
 * ```
 */
export function runAnalyses(
  ws: Workspace,
  claims: readonly Claim[],
  evidence?: ClaimEvidence,
): Analyses {
  if (evidence !== undefined) return lazyAnalyses(ws, claims, evidence);
  const inputs = INPUTS.map((key) => ws[key]);
  const cached = cache.get(ws);
  if (
    cached !== undefined && cached.claims === claims &&
    cached.inputs.every((input, i) => input === inputs[i]) &&
    cached.claimList.length === claims.length &&
    cached.claimList.every((claim, i) => claim === claims[i])
  ) return cached.analyses;
  const analyses = lazyAnalyses(ws, claims);
  cache.set(ws, { inputs, claims, claimList: [...claims], analyses });
  return analyses;
}

/** {@linkcode runAnalyses}' result, not cached. */
function lazyAnalyses(
  ws: Workspace,
  claims: readonly Claim[],
  evidence?: ClaimEvidence,
): Analyses {
  const priced = memoised({ value: () => priceRows(ws) });
  const observed = memoised({
    value: () => observedAnalyses(ws, results.prices, claims),
  });
  const asOf = memoised({
    value: () => ws.asOf ?? results.period.rankings?.[1] ?? "9999-12-31",
  });
  const results: Analyses = memoised<Analyses>({
    period: () => period(ws, results.weeklyTotals),
    rankingsMeta: () => ws.rankingsMeta,
    modelNames: () =>
      ws.modelIdentity.select(
        "permaslug",
        "model_id",
        "benchmark_name",
        "display_name",
      ).sort(["display_name", "permaslug"]),
    claims: () => claims,
    observedCache: () => observed.value.observedCache,
    cacheHitRows: () => observed.value.cacheHitRows,
    classified: () =>
      classifyModels(ws.rankings, ws.modelIdentity, ws.vendors, ws.models),
    modelResolutions: () =>
      ws.rankings.height === 0 ? [] : resolveModels(
        ws.rankings.getColumn("permaslug").unique().toArray() as string[],
        ws.modelIdentity,
        ws.models,
      ),
    weeklyModels: () => weeklyModelTokens(results.classified),
    weeklyOrigins: () => weeklyOriginShare(results.classified),
    weeklyTotals: () => weeklyTotals(results.classified),
    weeklyVendors: () => weeklyVendorTokens(results.classified),
    unknownVendors: () => unknownVendors(results.classified),
    unknownModels: () => unknownModels(results.classified),
    prices: () => priced.value.prices,
    vendorPriceComparison: () =>
      vendorComparison(
        results.prices,
        vendorPrices(
          results.prices.getColumn("model_id").unique().toArray() as string[],
        ),
        VENDOR_SOURCE,
      ),
    skippedPrices: () => priced.value.skipped,
    agentTaskCost: () =>
      taskCostTable(
        agentTaskScenarios(results.prices, claims, asOf.value),
        ARTICLE_TASK,
      ),
    agentTaskRatios: () =>
      consistentRatios(results.prices, [
        MODELS_LIST_SOURCE,
        PRICE_HISTORY_SOURCE,
      ]),
    agentTaskSensitivity: () =>
      ratioByCacheHitRate(
        [MODELS_LIST_SOURCE, PRICE_HISTORY_SOURCE].flatMap((source) => {
          const cheap = findPrice(
            results.prices,
            CHEAP_MODEL,
            source,
            asOf.value,
          );
          const premium = findPrice(
            results.prices,
            PREMIUM_MODEL,
            source,
            asOf.value,
          );
          return cheap && premium
            ? [{ series: `${source} ${cheap.source_date}`, cheap, premium }]
            : [];
        }),
      ),
    revenue: () => revenueWeekly(ws.inference),
    vendorShares: () => vendorShares(results.revenue),
    benchmarkShare: () =>
      pl.concat([
        ...BENCHMARK_SERIES.map((benchmark) =>
          benchmarkVsShare(
            results.weeklyModels,
            ws.modelIdentity,
            ws.benchmarks,
            ws.models,
            { benchmark, priceHistory: ws.priceHistory },
          )
        ),
        // OpenRouter's benchmarks feed, when a snapshot is saved: its three
        // Artificial Analysis indices, each a series of its own
        ...feedVsShare(
          results.weeklyModels,
          ws.modelIdentity,
          ws.benchmarkFeed,
          ws.models,
          { priceHistory: ws.priceHistory },
        ),
      ]),
    benchmarkCorrelations: () =>
      results.benchmarkShare.height === 0
        ? results.benchmarkShare
        : correlations(results.benchmarkShare),
    selfHostingSetups: () => ws.selfHosting,
    selfHostingBreakEven: () =>
      selfHostingBreakEven(ws.selfHosting, results.prices, {
        date: asOf.value,
        utilisation: 1,
        mixes: [{ name: "article task", tokens: ARTICLE_TASK }],
      }),
    qualityPerDollar: () =>
      paretoFrontier(
        qualityPerDollar(ws.benchmarks, ws.modelIdentity, results.prices, {
          task: ARTICLE_TASK,
          fallbackDate: asOf.value,
        }),
      ),
    ledger: () =>
      evaluateClaims(
        claims,
        claimInputs(ws, results, claims, evidence ?? claimEvidence(ws)),
      ),
  });
  return results;
}

/**
 * What the ledger's checks read: the workspace's frames, the analyses' results
 * and the bundled evidence, in one place for the ledger and its tests.
 *
 * @param ws The workspace.
 * @param results Its analyses.
 * @param claims Every claim.
 * @param evidence Model descriptions, Hugging Face ids, tracker totals, the a16z figures.
 * @returns The checks' inputs.
 */
export function claimInputs(
  ws: Workspace,
  results: Analyses,
  claims: readonly Claim[],
  evidence: ClaimEvidence,
): ClaimInputs {
  return {
    classified: results.classified,
    weeklyModels: results.weeklyModels,
    weeklyTotals: results.weeklyTotals,
    weeklyOrigins: results.weeklyOrigins,
    weeklyVendors: results.weeklyVendors,
    vendors: ws.vendors,
    modelIdentity: ws.modelIdentity,
    models: ws.models,
    prices: results.prices,
    inference: ws.inference,
    observedPrices: ws.observedPrices,
    benchmarks: ws.benchmarks,
    selfHosting: ws.selfHosting,
    correlations: results.benchmarkCorrelations,
    claims,
    evidence,
  };
}

/** The observed-prices analyses (issue: the 26× under what customers pay); empty without a snapshot. */
function observedAnalyses(
  ws: Workspace,
  prices: pl.DataFrame,
  claims: readonly Claim[],
): { observedCache: ObservedCacheFindings | null; cacheHitRows: pl.DataFrame } {
  const ratio = findById(claims, "pt-42");
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
