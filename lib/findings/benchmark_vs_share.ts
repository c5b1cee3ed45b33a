/**
 * The findings of notebook 03 (benchmark scores against token share and
 * price): per-series correlation summaries, the ledger's verdict on
 * "nearly inversely related", and the independent series up close.
 *
 * @module
 */
import pl from "nodejs-polars";
import {
  benchmarkVsShare,
  conflictingScores,
  correlations,
} from "../analysis/benchmark_share.ts";
import { topModels } from "../analysis/weekly.ts";
import type { LedgerEntry } from "../claims/claims.ts";
import { type Analyses, BENCHMARK_SERIES } from "../run/analyses.ts";
import { FEED_SERIES } from "../loading/benchmarks_feed.ts";
import type { Workspace } from "../loading/workspace.ts";
import {
  NEARLY_INVERSE_RHO,
  nearlyInverseReading,
} from "../claims/checks/benchmarks.ts";
import { findById } from "../claims/lookup.ts";

/** The significance level the summaries count weeks against. */
export const ALPHA = 0.05;

/** A series the report leaves out, computed here the same way. */
export const EXTRA_BENCHMARK_SERIES = "LMArena Text overall (Elo)";

/** How rho behaves across the weeks of a series. */
export type RhoRelation =
  | "nearly inverse every week"
  | "negative every week"
  | "positive every week"
  | "changes sign"
  | "undefined";

/** One series over its complete weeks. */
export interface SeriesSummary {
  /** The series. */
  benchmark: string;
  /** Complete weeks, and the fewest and most models with a score in one week. */
  weeks: number;
  nMin: number;
  nMax: number;
  /** Distinct models over the weeks, and those present in every week. */
  models: number;
  modelsEveryWeek: number;
  /** rho(share, score): lowest, highest, behaviour, weeks with p < {@linkcode ALPHA}. */
  rhoScore: {
    low: number | null;
    high: number | null;
    relation: RhoRelation;
    weeksSignificant: number;
  };
  /** rho(share, price), the same. */
  rhoPrice: {
    low: number | null;
    high: number | null;
    relation: RhoRelation;
    weeksSignificant: number;
  };
  /** Weeks in which |rho(share, price)| > |rho(share, score)|. */
  weeksPriceStronger: number;
}

/** The findings of notebook 03. */
export interface BenchmarkVsShareFindings {
  /** The series, the report's first. */
  series: string[];
  /** Scores left out for conflicting within a series. */
  conflicts: pl.DataFrame;
  /** Score, share and price per series, model and complete week (the report's series and the extra one). */
  versus: pl.DataFrame;
  /** Spearman correlations per series and complete week. */
  rho: pl.DataFrame;
  /** The latest complete week. */
  latestWeek: string;
  /** One summary per series, most models first. */
  bySeries: SeriesSummary[];
  /** The ledger's entry for the article's sentence (bb-50), and the mean rho its note gives (the same {@linkcode nearlyInverseReading}). */
  claim:
    & Pick<
      LedgerEntry,
      "id" | "quote" | "verdict" | "method" | "reproduced"
    >
    & { meanRho: number | null; seriesWeeks: number };
  /** Series meeting the ledger's reading (every week with at least MIN_SAMPLE_SIZE (8) models, and at least one such week). */
  meetingReading: string[];
  /** Series with fewer than MIN_SAMPLE_SIZE (8) models in every week, to which the reading does not apply. */
  tooFewModels: string[];
  /** The independent series, and its latest week up close. */
  independent: {
    summary: SeriesSummary;
    latest: { rho: number | null; n: number; p: number | null };
    /** The two lowest scorers that week: score, share (fraction) and price (USD per million input tokens, or null). */
    lowScorers: {
      model: string;
      score: number;
      share: number;
      price: number | null;
    }[];
    /** The series' median share that week, and how many of the two lowest scorers are above it. */
    medianShare: number;
    lowScorersAboveMedian: number;
    /** That week's five most used models, and those the series has no score for. */
    top: string[];
    topUnscored: string[];
  };
  /** Fewest and most models of any series in any week. */
  nRange: { low: number; high: number };
  /** Ledger entries reproduced from the a16z figures file's transcriptions (flagged ⚑ secondary source). */
  secondarySource: string[];
}

type Row = Record<string, unknown>;

function relationOf(
  low: number | null,
  high: number | null,
  min: number | null,
): RhoRelation {
  if (high === null || low === null || min === null) return "undefined";
  if (high <= NEARLY_INVERSE_RHO) return "nearly inverse every week";
  if (high < 0) return "negative every week";
  if (min > 0) return "positive every week";
  return "changes sign";
}

function orNull(value: unknown): number | null {
  return value === null || value === undefined || Number.isNaN(Number(value))
    ? null
    : Number(value);
}

/**
 * Compute the findings of notebook 03.
 *
 * @param results The analyses ({@linkcode runAnalyses}): the report's series.
 * @param ws The workspace: the extra series is joined from it the same way.
 * @returns The numbers and flags of the notebook's verdict.
 * @throws {TypeError} When the ledger has no entry bb-50.
 *
 * @example The bundled data
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { loadClaims } from "../claims/claims.ts";
 * import { runAnalyses } from "../run/analyses.ts";
 * const ws = await loadWorkspace("data");
 * const findings = benchmarkVsShareFindings(runAnalyses(ws, await loadClaims("data/claims.csv")), ws);
 * assert.equal(findings.claim.verdict, "contradicted");
 * ```
 */
export function benchmarkVsShareFindings(
  results: Analyses,
  ws: Workspace,
): BenchmarkVsShareFindings {
  const entry = findById(results.ledger, "bb-50");
  if (entry === undefined) {
    throw new TypeError(
      "Cannot compute the benchmark findings: the ledger has no bb-50, expected the claim in claims.csv",
    );
  }
  const extra = benchmarkVsShare(
    results.weeklyModels,
    ws.modelIdentity,
    ws.benchmarks,
    ws.models,
    { benchmark: EXTRA_BENCHMARK_SERIES, priceHistory: ws.priceHistory },
  );
  // the report's series, the extra one, then the benchmarks feed's (when saved)
  const feedSeries = Object.values(FEED_SERIES).filter((name) =>
    results.benchmarkShare.filter(pl.col("benchmark").eq(pl.lit(name)))
      .height > 0
  );
  const series: string[] = [
    ...BENCHMARK_SERIES,
    EXTRA_BENCHMARK_SERIES,
    ...feedSeries,
  ];
  const versus = pl.concat([results.benchmarkShare, extra]);
  const rho = pl.concat([
    results.benchmarkCorrelations,
    extra.height === 0
      ? results.benchmarkCorrelations.head(0)
      : correlations(extra),
  ]);
  // The ledger's reading, on the ledger's series (its mean rho) and on every series shown here.
  const ledgerReading = nearlyInverseReading(results.benchmarkCorrelations);
  const allReading = nearlyInverseReading(rho);
  const latestWeek = (versus.getColumn("week_start").toArray() as string[])
    .sort().at(-1) ?? "";

  const presence = versus
    .groupBy(["benchmark", "model"])
    .agg(pl.col("week_start").nUnique().alias("weeks_present"))
    .withColumns(
      pl.col("weeks_present").max().over("benchmark").alias("weeks_total"),
    )
    .groupBy("benchmark")
    .agg(
      pl.len().alias("models"),
      pl.col("weeks_present").eq(pl.col("weeks_total")).sum().alias(
        "models_every_week",
      ),
    );
  const aggregated = rho
    .groupBy("benchmark")
    .agg(
      pl.len().alias("weeks"),
      pl.col("n").min().alias("n_min"),
      pl.col("n").max().alias("n_max"),
      pl.col("rho_share_score").min().alias("score_low"),
      pl.col("rho_share_score").max().alias("score_high"),
      pl.col("p_share_score").lt(ALPHA).sum().alias("score_significant"),
      pl.col("rho_share_price").min().alias("price_low"),
      pl.col("rho_share_price").max().alias("price_high"),
      pl.col("p_share_price").lt(ALPHA).sum().alias("price_significant"),
      pl.col("rho_share_price").abs().gt(pl.col("rho_share_score").abs()).sum()
        .alias("price_stronger"),
    )
    .join(presence, { on: "benchmark", how: "left" })
    .sort(["n_max", "benchmark"], [true, false]);
  const bySeries: SeriesSummary[] = (aggregated.toRecords() as Row[]).map(
    (r) => {
      const [scoreLow, scoreHigh, priceLow, priceHigh] = [
        orNull(r.score_low),
        orNull(r.score_high),
        orNull(r.price_low),
        orNull(r.price_high),
      ];
      return {
        benchmark: String(r.benchmark),
        weeks: Number(r.weeks),
        nMin: Number(r.n_min),
        nMax: Number(r.n_max),
        models: Number(r.models),
        modelsEveryWeek: Number(r.models_every_week),
        rhoScore: {
          low: scoreLow,
          high: scoreHigh,
          relation: relationOf(scoreLow, scoreHigh, scoreLow),
          weeksSignificant: Number(r.score_significant ?? 0),
        },
        rhoPrice: {
          low: priceLow,
          high: priceHigh,
          relation: relationOf(priceLow, priceHigh, priceLow),
          weeksSignificant: Number(r.price_significant ?? 0),
        },
        weeksPriceStronger: Number(r.price_stronger ?? 0),
      };
    },
  );

  const independentName = BENCHMARK_SERIES.find((name) =>
    name.includes("independent")
  )!;
  const summary = bySeries.find((s) => s.benchmark === independentName)!;
  const latestRho = (rho.filter(
    pl.col("benchmark").eq(pl.lit(independentName)).and(
      pl.col("week_start").eq(pl.lit(latestWeek)),
    ),
  ).toRecords()[0] ?? {}) as Row;
  const rows = versus.filter(
    pl.col("benchmark").eq(pl.lit(independentName)).and(
      pl.col("week_start").eq(pl.lit(latestWeek)),
    ),
  );
  const medianShare = Number(rows.getColumn("share").median());
  const lowScorers =
    (rows.sort(["score", "model"]).head(2).toRecords() as Row[])
      .map((r) => ({
        model: String(r.model),
        score: Number(r.score),
        share: Number(r.share),
        price: orNull(r.price),
      }));
  const scored = new Set(rows.getColumn("model").toArray() as string[]);
  const top = topModels(
    results.weeklyModels.filter(pl.col("week_start").eq(pl.lit(latestWeek))),
    5,
  )
    .join(ws.modelIdentity.select("permaslug", "benchmark_name"), {
      on: "permaslug",
      how: "left",
    })
    .sort("rank").toRecords() as Row[];

  return {
    series,
    conflicts: conflictingScores(ws.benchmarks).filter(
      pl.col("benchmark").isIn(series),
    ),
    versus,
    rho,
    latestWeek,
    bySeries,
    claim: {
      id: entry.id,
      quote: entry.quote,
      verdict: entry.verdict,
      method: entry.method,
      reproduced: entry.reproduced,
      meanRho: ledgerReading.meanRho,
      seriesWeeks: ledgerReading.counted.length,
    },
    meetingReading: allReading.series.filter((s) => s.holds).map((s) =>
      s.benchmark
    ),
    tooFewModels: allReading.tooFewModels,
    independent: {
      summary,
      latest: {
        rho: orNull(latestRho.rho_share_score),
        n: Number(latestRho.n ?? 0),
        p: orNull(latestRho.p_share_score),
      },
      lowScorers,
      medianShare,
      lowScorersAboveMedian: lowScorers.filter((r) => r.share > medianShare)
        .length,
      top: top.map((r) => String(r.model)),
      topUnscored: top.filter((r) => !scored.has(String(r.benchmark_name)))
        .map((r) => String(r.model)),
    },
    nRange: {
      low: Math.min(...bySeries.map((s) => s.nMin)),
      high: Math.max(...bySeries.map((s) => s.nMax)),
    },
    secondarySource: results.ledger.filter((e) =>
      e.flags.includes("secondary source")
    ).map((e) => e.id),
  };
}
