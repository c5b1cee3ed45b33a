/**
 * The findings of notebook 01 (the "26×" agent-task comparison): every number
 * and flag its conclusion states, computed from {@linkcode runAnalyses}'s
 * results and the claims, so the notebook only writes prose around them.
 *
 * @module
 */
import pl from "nodejs-polars";
import {
  allTaskCosts,
  ARTICLE_TASK,
  CHEAP_MODEL,
  matchStatedCost,
  PREMIUM_MODEL,
} from "../analysis/agent_task.ts";
import {
  type CacheTreatment,
  type PriceRow,
  taskCost,
} from "../analysis/cost.ts";
import {
  findPrice,
  MODELS_LIST_SOURCE,
  PRICE_HISTORY_SOURCE,
} from "../analysis/prices.ts";
import { type Claim, flagText, toleranceOf } from "../claims/claims.ts";
import type { Analyses } from "../run/analyses.ts";
import { EPSILON } from "../base/numbers.ts";
import { requireById } from "../claims/lookup.ts";

/** How the article's figure for one model comes out. */
export interface ArticleFigure {
  /** The claim id (`pt-40` for Flash, `pt-41` for Sonnet). */
  claimId: string;
  /** The article's figure, USD per task. */
  statedUsd: number;
  /** The model. */
  modelId: string;
  /** The price row the analysis matched to the figure (closest within the figure's rounding). */
  price: PriceRow;
  /** The cache treatment of that match. */
  treatment: CacheTreatment;
  /** The task's cost under that price and treatment, USD. */
  totalUsd: number;
  /** Every treatment that gives the figure with some price row of the model. */
  treatmentsGiving: CacheTreatment[];
}

/** The findings of notebook 01. */
export interface AgentTaskCostFindings {
  /** The article's date (claim pt-42). */
  articleDate: string;
  /**
   * Every price row of both models priced under each cache treatment: columns
   * `model_id, price_source, price_date, cache_read_rate_usd, cache_free_usd,
   * no_cache_usd` (USD per task), by model, source and date.
   */
  candidates: pl.DataFrame;
  /** The task's cache-hit rate, a fraction. */
  cacheHitRate: number;
  /** Cached input tokens of the task. */
  cachedTokens: number;
  /** The Flash figure; `launchPrice`: the matched price is the source's first for Flash. */
  flash: ArticleFigure & {
    launchPrice: boolean;
    /** Days between the matched price's date and the article's. */
    daysBeforeArticle: number;
    /** The task priced with the article's own table price for Flash, per treatment. */
    ownPriceCosts: { treatment: CacheTreatment; totalUsd: number }[];
    /** How many of those give the article's figure. */
    ownPriceMatches: number;
  };
  /** The Sonnet figure; `billed`: the task billed as OpenRouter bills (cache reads at the cache-read rate). */
  sonnet: ArticleFigure & {
    billed: { price: PriceRow; totalUsd: number };
  };
  /** The article's ratio (pt-42) and its two figures divided. */
  ratio: {
    stated: number;
    ofFigures: number;
    sameAssumptions: boolean;
    /** The ledger's flags on pt-42, as printed ("⚑ incompatible assumptions"). */
    ledgerFlags: string[];
  };
  /** The article's runs per day (pt-43): its quote, and both matched costs times the runs. */
  runs: { quote: string; perDay: number; flashUsd: number; sonnetUsd: number };
  /** One price source, cache reads billed for both: the range over the price dates. */
  consistent: {
    low: number;
    high: number;
    dates: number;
    /** The price history's prices in force on the article's date. */
    atArticleDate: {
      priceDate: string;
      ratio: number;
      flashRunsUsd: number;
      sonnetRunsUsd: number;
    };
    /** Where the article's ratio lies against the range. */
    claim: "below" | "inside" | "above";
  };
  /** The ratio against the cache-hit rate, per price series. */
  cacheCurve: {
    series: { series: string; low: number; high: number }[];
    minRate: number;
    maxRate: number;
    /** The series that is higher at the lowest rate. */
    higherAtMinRate: string;
    /** The curve point closest to the article's ratio. */
    nearest: { series: string; cacheHitRate: number; ratio: number };
  };
}

type Row = Record<string, unknown>;

function claimOf(claims: readonly Claim[], id: string): Claim {
  return requireById(claims, id, "the agent-task findings");
}

function treatmentsGiving(
  prices: pl.DataFrame,
  modelId: string,
  claim: Claim,
): CacheTreatment[] {
  const costs = allTaskCosts(prices, modelId);
  const tolerance = toleranceOf(claim.stated, claim.quote, claim.unit);
  const matches = matchStatedCost(costs, claim.stated, tolerance);
  return [
    ...new Set(
      matches.getColumn("cache_treatment").toArray() as CacheTreatment[],
    ),
  ].sort();
}

function figure(
  results: Analyses,
  claim: Claim,
  modelId: string,
): ArticleFigure {
  const row = results.agentTaskCost
    .filter(
      pl.col("model_id").eq(pl.lit(modelId)).and(
        pl.col("scenario").str.contains(`(${claim.id})`, true),
      ),
    )
    .toRecords()[0] as Row | undefined;
  if (row === undefined) {
    throw new RangeError(
      `Cannot compute the agent-task findings: no price reproduces ${claim.id} ($${claim.stated}), expected a scenario row in agentTaskCost`,
    );
  }
  const price = findPrice(
    results.prices,
    modelId,
    String(row.price_source),
    String(row.price_date),
  )!;
  return {
    claimId: claim.id,
    statedUsd: claim.stated,
    modelId,
    price,
    treatment: row.cache_treatment as CacheTreatment,
    totalUsd: Number(row.total_usd),
    treatmentsGiving: treatmentsGiving(results.prices, modelId, claim),
  };
}

const DAY_MS = 86_400_000;

/**
 * Compute the findings of notebook 01 from the analyses.
 *
 * @param results The analyses ({@linkcode runAnalyses}).
 * @param claims The claims (pt-40 … pt-43 are used).
 * @returns The numbers and flags of the notebook's conclusion.
 * @throws {TypeError} When a claim of the passage is missing.
 * @throws {RangeError} When an article figure has no reproducing price.
 *
 * @example The bundled data
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { loadClaims } from "../claims/claims.ts";
 * import { runAnalyses } from "../run/analyses.ts";
 * const claims = await loadClaims("data/claims.csv");
 * const findings = agentTaskCostFindings(runAnalyses(await loadWorkspace("data"), claims), claims);
 * assert.equal(findings.ratio.sameAssumptions, false);
 * ```
 */
export function agentTaskCostFindings(
  results: Analyses,
  claims: readonly Claim[],
): AgentTaskCostFindings {
  const [pt40, pt41, pt42, pt43] = ["pt-40", "pt-41", "pt-42", "pt-43"].map(
    (id) => claimOf(claims, id),
  );
  const articleDate = pt42.article_date;
  const flash = figure(results, pt40, CHEAP_MODEL);
  const sonnet = figure(results, pt41, PREMIUM_MODEL);

  const firstFlashDate = (results.prices
    .filter(
      pl.col("model_id").eq(pl.lit(CHEAP_MODEL)).and(
        pl.col("source").eq(pl.lit(flash.price.source)),
      ),
    )
    .getColumn("source_date").toArray() as string[]).sort()[0];
  const ownPrices = allTaskCosts(results.prices, CHEAP_MODEL).filter(
    pl.col("price_source").isIn([MODELS_LIST_SOURCE, PRICE_HISTORY_SOURCE])
      .not(),
  );
  const ownPriceCosts = (ownPrices.toRecords() as Row[]).map((r) => ({
    treatment: r.cache_treatment as CacheTreatment,
    totalUsd: Number(r.total_usd),
  }));
  const flashTolerance = toleranceOf(pt40.stated, pt40.quote, pt40.unit);

  // Sonnet billed as OpenRouter bills: the matched row's cache-read rate, else the models list's on the article's date.
  const billedPrice = sonnet.price.cache_read_usd_per_mtok !== null
    ? sonnet.price
    : findPrice(
      results.prices,
      PREMIUM_MODEL,
      MODELS_LIST_SOURCE,
      articleDate,
    )!;

  const runsPerDay = Number(pt43.params.runs);
  const ratios = results.agentTaskRatios;
  const low = Number(ratios.getColumn("ratio").min());
  const high = Number(ratios.getColumn("ratio").max());
  const atDate = ratios
    .filter(
      pl.col("price_source").eq(pl.lit(PRICE_HISTORY_SOURCE)).and(
        pl.col("price_date").lessThanEquals(pl.lit(articleDate)),
      ),
    )
    .sort("price_date")
    .tail(1).toRecords()[0] as Row;

  const curve = results.agentTaskSensitivity;
  const series = (curve.groupBy("series")
    .agg(
      pl.col("ratio").min().alias("low"),
      pl.col("ratio").max().alias("high"),
    )
    .sort("series").toRecords() as Row[]).map((r) => ({
      series: String(r.series),
      low: Number(r.low),
      high: Number(r.high),
    }));
  const minRate = Number(curve.getColumn("cache_hit_rate").min());
  const higher = curve.filter(pl.col("cache_hit_rate").eq(minRate))
    .sort(["ratio", "series"], [true, false]).toRecords()[0] as Row;
  const nearest = curve
    .withColumns(pl.col("ratio").minus(pt42.stated).abs().alias("distance"))
    .sort(["distance", "series", "cache_hit_rate"]).toRecords()[0] as Row;

  const candidates = pl.concat(
    [CHEAP_MODEL, PREMIUM_MODEL].map((model) =>
      allTaskCosts(results.prices, model)
    ),
  )
    .pivot("total_usd", {
      index: ["model_id", "price_source", "price_date"],
      on: "cache_treatment",
      aggregateFunc: "first",
    })
    .select(
      "model_id",
      "price_source",
      "price_date",
      pl.col("cache-read-rate").alias("cache_read_rate_usd"),
      pl.col("cache-free").alias("cache_free_usd"),
      pl.col("no-cache").alias("no_cache_usd"),
    )
    .sort(["model_id", "price_source", "price_date"], [true, false, false]);

  return {
    articleDate,
    candidates,
    cacheHitRate: ARTICLE_TASK.cacheHitRate,
    cachedTokens: ARTICLE_TASK.inputTokens * ARTICLE_TASK.cacheHitRate,
    flash: {
      ...flash,
      launchPrice: flash.price.source_date === firstFlashDate,
      daysBeforeArticle: (Date.parse(articleDate) -
        Date.parse(flash.price.source_date)) / DAY_MS,
      ownPriceCosts,
      ownPriceMatches:
        ownPriceCosts.filter((c) =>
          Math.abs(c.totalUsd - pt40.stated) <= flashTolerance + EPSILON
        ).length,
    },
    sonnet: {
      ...sonnet,
      billed: {
        price: billedPrice,
        totalUsd: taskCost(ARTICLE_TASK, billedPrice).total_usd,
      },
    },
    ratio: {
      stated: pt42.stated,
      ofFigures: pt41.stated / pt40.stated,
      sameAssumptions: flash.treatment === sonnet.treatment &&
        flash.price.source === sonnet.price.source &&
        flash.price.source_date === sonnet.price.source_date,
      ledgerFlags: (results.ledger.find((e) => e.id === pt42.id)?.flags ?? [])
        .map(flagText),
    },
    runs: {
      quote: pt43.quote,
      perDay: runsPerDay,
      flashUsd: flash.totalUsd * runsPerDay,
      sonnetUsd: sonnet.totalUsd * runsPerDay,
    },
    consistent: {
      low,
      high,
      dates: ratios.height,
      atArticleDate: {
        priceDate: String(atDate.price_date),
        ratio: Number(atDate.ratio),
        flashRunsUsd: Number(atDate.cheap_usd) * runsPerDay,
        sonnetRunsUsd: Number(atDate.premium_usd) * runsPerDay,
      },
      claim: pt42.stated < low
        ? "below"
        : pt42.stated > high
        ? "above"
        : "inside",
    },
    cacheCurve: {
      series,
      minRate,
      maxRate: Number(curve.getColumn("cache_hit_rate").max()),
      higherAtMinRate: String(higher.series),
      nearest: {
        series: String(nearest.series),
        cacheHitRate: Number(nearest.cache_hit_rate),
        ratio: Number(nearest.ratio),
      },
    },
  };
}
