/**
 * The findings of notebook 07 (quality per dollar): each benchmark's
 * frontier of score against the cost of the article's agent task, the
 * models beneath it and how far, the same on a what-if workload's token
 * mix, the frontier's sensitivity to the cache-hit rate, published
 * cost-per-task figures against the list-price task, and the ledger's
 * verdicts on the articles' quality claims.
 *
 * @module
 */
import pl from "nodejs-polars";
import { ARTICLE_TASK } from "../analysis/agent_task.ts";
import { conflictingScores } from "../analysis/benchmark_share.ts";
import {
  costPerTaskComparison,
  frontierByCacheHitRate,
  paretoFrontier,
  qualityPerDollar,
} from "../analysis/quality_per_dollar.ts";
import type { TaskTokens } from "../analysis/cost.ts";
import type { LedgerEntry } from "../claims/claims.ts";
import type { Analyses } from "../run/analyses.ts";
import type { Workspace } from "../loading/workspace.ts";
import { taskTokensOf, trackerTokenMix } from "../whatif/token_mix.ts";

/** The series the chart draws and the claims read: the vendors' own SWE-bench Verified. */
export const QUALITY_BENCHMARK = "SWE-bench Verified (vendor-reported, %)";

/** The cache-hit rates of the sensitivity table, fractions. */
export const CACHE_HIT_RATES: readonly number[] = [0, 0.5, 0.8, 0.9, 0.95];

/** The ledger's quality-per-dollar claims, in the order the notebook shows them. */
export const QUALITY_CLAIMS: readonly string[] = [
  "pt-21",
  "pt-22",
  "pt-48",
  "pt-49",
];

/** One series' frontier, in order of cost. */
export interface SeriesFrontier {
  /** The benchmark series. */
  benchmark: string;
  /** Priced models in it. */
  priced: number;
  /** The frontier: model, score and task cost (USD), cheapest first. */
  frontier: { model: string; score: number; costUsd: number }[];
}

/** How the frontier of {@linkcode QUALITY_BENCHMARK} moves with the cache-hit rate. */
export interface CacheSensitivity {
  /** Per rate, the frontier's models, cheapest first. */
  byRate: { rate: number; models: string[] }[];
  /** Models on the frontier at every rate. */
  always: string[];
  /** Models on it at some rates only. */
  sometimes: string[];
  /** pt-22's two models ("a at x% of b's bill"): a's task cost as a fraction of b's at each rate. */
  billShare:
    | { a: string; b: string; byRate: { rate: number; share: number }[] }
    | null;
}

/** The findings of notebook 07. */
export interface QualityPerDollarFindings {
  /** The day undated scores (and scores older than a model's first price) are priced on. */
  fallbackDate: string;
  /** The one day every score is priced on, or null: each score on its own date. */
  priceDate: string | null;
  /** The article's task, and the tracker's average request with its basis. */
  articleTask: TaskTokens;
  trackerTask: TaskTokens;
  trackerMixBasis: string;
  /** Every score on the article task with its frontier columns (`paretoFrontier`). */
  points: pl.DataFrame;
  /** The same on the tracker's token mix. */
  trackerPoints: pl.DataFrame;
  /** Scores with no cost, and why (`price_basis`). */
  unpriced: pl.DataFrame;
  /** Scores left out for conflicting within their series. */
  conflicts: pl.DataFrame;
  /** Per series, its frontier on the article task. */
  frontiers: SeriesFrontier[];
  /** {@linkcode QUALITY_BENCHMARK}'s models whose frontier membership differs between the two mixes. */
  mixChanges: { model: string; articleTask: boolean; trackerMix: boolean }[];
  /** The frontier of {@linkcode QUALITY_BENCHMARK} against the cache-hit rate. */
  cacheSensitivity: CacheSensitivity;
  /** Published cost per task against the list-price task (`costPerTaskComparison`). */
  costPerTask: pl.DataFrame;
  /** The ledger's entries for {@linkcode QUALITY_CLAIMS}. */
  claims: Pick<
    LedgerEntry,
    "id" | "quote" | "verdict" | "reproduced" | "note"
  >[];
}

/**
 * The findings of notebook 07.
 *
 * @param ws The workspace (benchmarks, identity, the tracker and the cost-per-task table).
 * @param results Its analyses (prices, `qualityPerDollar` and the ledger).
 * @param options `priceDate`: price every score on this one day (`YYYY-MM-DD`) instead of its own date.
 * @returns The findings.
 * @throws {RangeError} When the tracker has no token breakdown.
 */
export function qualityPerDollarFindings(
  ws: Workspace,
  results: Analyses,
  options: { priceDate?: string | null } = {},
): QualityPerDollarFindings {
  const fallbackDate = ws.asOf ?? results.period.rankings?.[1] ??
    "9999-12-31";
  const priceDate = options.priceDate ?? undefined;
  const mix = trackerTokenMix(ws.inference);
  const trackerTask = taskTokensOf(mix);
  const priced = (task: TaskTokens) =>
    paretoFrontier(
      qualityPerDollar(ws.benchmarks, ws.modelIdentity, results.prices, {
        task,
        fallbackDate,
        priceDate,
      }),
    );
  const points = priceDate === undefined
    ? results.qualityPerDollar
    : priced(ARTICLE_TASK);
  const trackerPoints = priced(trackerTask);
  const common = { task: ARTICLE_TASK, fallbackDate, priceDate };
  return {
    fallbackDate,
    priceDate: priceDate ?? null,
    articleTask: ARTICLE_TASK,
    trackerTask,
    trackerMixBasis: mix.basis,
    points,
    trackerPoints,
    unpriced: qualityPerDollar(
      ws.benchmarks,
      ws.modelIdentity,
      results.prices,
      common,
    ).filter(pl.col("task_cost_usd").isNull())
      .select("benchmark", "model", "score", "price_basis"),
    conflicts: conflictingScores(ws.benchmarks),
    frontiers: frontiersOf(points),
    mixChanges: mixChanges(points, trackerPoints),
    cacheSensitivity: sensitivity(
      results.claims.find((c) => c.id === "pt-22")?.params,
      frontierByCacheHitRate(
        ws.benchmarks,
        ws.modelIdentity,
        results.prices,
        { ...common, benchmark: QUALITY_BENCHMARK },
        CACHE_HIT_RATES,
      ),
    ),
    costPerTask: costPerTaskComparison(ws.costPerTask, results.prices, {
      task: ARTICLE_TASK,
      fallbackDate: priceDate ?? fallbackDate,
    }),
    claims: QUALITY_CLAIMS.map((id) => results.ledger.find((e) => e.id === id))
      .filter((e): e is LedgerEntry => e !== undefined)
      .map(({ id, quote, verdict, reproduced, note }) => ({
        id,
        quote,
        verdict,
        reproduced,
        note,
      })),
  };
}

type Row = Record<string, unknown>;

function frontiersOf(points: pl.DataFrame): SeriesFrontier[] {
  const rows = points.toRecords() as Row[];
  const series = [...new Set(rows.map((r) => String(r.benchmark)))].sort();
  return series.map((benchmark) => {
    const mine = rows.filter((r) => r.benchmark === benchmark);
    return {
      benchmark,
      priced: mine.length,
      frontier: mine.filter((r) => r.on_frontier).map((r) => ({
        model: String(r.model),
        score: Number(r.score),
        costUsd: Number(r.task_cost_usd),
      })),
    };
  });
}

function mixChanges(
  article: pl.DataFrame,
  tracker: pl.DataFrame,
): QualityPerDollarFindings["mixChanges"] {
  const on = (frame: pl.DataFrame) =>
    new Map(
      (frame.filter(pl.col("benchmark").eq(pl.lit(QUALITY_BENCHMARK)))
        .toRecords() as Row[]).map((
          r,
        ) => [String(r.model), Boolean(r.on_frontier)]),
    );
  const a = on(article);
  const t = on(tracker);
  return [...a.keys()].sort()
    .filter((model) => t.has(model) && a.get(model) !== t.get(model))
    .map((model) => ({
      model,
      articleTask: a.get(model)!,
      trackerMix: t.get(model)!,
    }));
}

function sensitivity(
  pair: Record<string, string> | undefined,
  table: pl.DataFrame,
): CacheSensitivity {
  const everyRow = table.toRecords() as Row[];
  const cost = (model: string, rate: number) =>
    everyRow.find((r) => r.model === model && r.cache_hit_rate === rate)
      ?.task_cost_usd as number | undefined;
  let billShare: CacheSensitivity["billShare"] = null;
  if (pair?.a !== undefined && pair.b !== undefined) {
    const byRate = CACHE_HIT_RATES.flatMap((rate) => {
      const a = cost(pair.a, rate);
      const b = cost(pair.b, rate);
      return a === undefined || b === undefined ? [] : [{ rate, share: a / b }];
    });
    billShare = { a: pair.a, b: pair.b, byRate };
  }
  const rows = everyRow.filter((r) => r.on_frontier);
  const byRate = CACHE_HIT_RATES.map((rate) => ({
    rate,
    models: rows.filter((r) => r.cache_hit_rate === rate).map((r) =>
      String(r.model)
    ),
  }));
  const all = [...new Set(byRate.flatMap((r) => r.models))].sort();
  const always = all.filter((m) => byRate.every((r) => r.models.includes(m)));
  return {
    byRate,
    always,
    sometimes: all.filter((m) => !always.includes(m)),
    billShare,
  };
}
