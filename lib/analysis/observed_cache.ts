/**
 * The agent task of "The OpenRouter Pricing Truth" (2026-06-08) under what
 * customers actually pay: the article assumes 80% of the input is read from
 * cache for both models; openrouter.ai publishes each model's observed
 * cache-hit rate and the effective prices customers paid. The snapshot
 * (`raw/observed-prices/`) is dated **after** the article: it describes
 * August 2026, not the article's June.
 *
 * @module
 */
import pl from "nodejs-polars";
import { taskCost, type TaskTokens } from "./cost.ts";
import {
  ARTICLE_TASK,
  CHEAP_MODEL,
  consistentRatios,
  PREMIUM_MODEL,
} from "./agent_task.ts";
import { MODELS_LIST_SOURCE, PRICE_HISTORY_SOURCE } from "./prices.ts";
import { frameOf } from "../loading/frames.ts";
import {
  findObserved,
  OBSERVED_PRICES_SOURCE,
} from "../loading/observed_prices.ts";
import { listPriceOn, type PriceBook } from "./model_prices.ts";

/** One model of the task, priced three ways. */
export interface ObservedCacheModel {
  /** Model id. */
  model: string;
  /** The list price used: source and date (the latest on or before the snapshot). */
  price_source: string;
  price_date: string;
  /** The observed cache-hit rate, fraction 0–1. */
  observed_cache_hit_rate: number;
  /** The task at list prices with the article's cache-hit rate, USD. */
  list_usd_at_article_rate: number;
  /** The task at list prices with the model's observed cache-hit rate, USD. */
  list_usd_at_observed_rate: number;
  /** Observed effective prices, USD per million tokens (input: per prompt token, cached included). */
  effective_input_usd_per_mtok: number;
  effective_output_usd_per_mtok: number;
  /** The task at the effective prices, USD. */
  effective_usd: number;
}

/** The findings of the observed-rates section (notebook 01, report). */
export interface ObservedCacheFindings {
  /** The observed snapshot's date and source. */
  snapshot_date: string;
  source: string;
  /** The article's date, its ratio and the cache-hit rate it assumes. */
  article_date: string;
  stated_ratio: number;
  article_cache_hit_rate: number;
  /** Days from the article to the snapshot (positive: the snapshot is later). */
  days_after_article: number;
  /** The task. */
  task: TaskTokens;
  /** The cheap and the premium model. */
  cheap: ObservedCacheModel;
  premium: ObservedCacheModel;
  /** Premium ÷ cheap: list prices at the article's rate, at the observed rates, at the effective prices. */
  ratio_at_article_rate: number;
  ratio_at_observed_rates: number;
  ratio_at_effective_prices: number;
  /** The consistent-pricing range: one source, cache reads billed for both, every price date. */
  consistent_low: number;
  consistent_high: number;
  consistent_dates: number;
}

function priced(
  book: PriceBook,
  model: string,
  snapshot: string,
  task: TaskTokens,
): ObservedCacheModel {
  const observed = findObserved(book.observedPrices, model, snapshot);
  const price = listPriceOn(book, model, snapshot);
  if (observed === undefined || price === undefined) {
    throw new RangeError(
      `Cannot price the task for ${model}: ${
        observed === undefined
          ? `no observed price on or before ${snapshot}`
          : `no list price on or before ${snapshot}`
      }`,
    );
  }
  const atRate = (cacheHitRate: number) =>
    taskCost({ ...task, cacheHitRate }, price).total_usd;
  return {
    model,
    price_source: price.source,
    price_date: price.source_date,
    observed_cache_hit_rate: observed.weighted_cache_hit_rate,
    list_usd_at_article_rate: atRate(task.cacheHitRate),
    list_usd_at_observed_rate: atRate(observed.weighted_cache_hit_rate),
    effective_input_usd_per_mtok: observed.weighted_input_usd_per_mtok,
    effective_output_usd_per_mtok: observed.weighted_output_usd_per_mtok,
    effective_usd: (task.inputTokens * observed.weighted_input_usd_per_mtok +
      task.outputTokens * observed.weighted_output_usd_per_mtok) / 1e6,
  };
}

/**
 * Price the article's task (a) at each model's observed cache-hit rate with
 * the list prices in force on the snapshot date, and (b) at the observed
 * effective prices, beside the article's ratio and the consistent-pricing
 * range of `consistentRatios()`.
 *
 * @param book The price book (prices and observed prices).
 * @param stated The article's ratio and date (claim pt-42: 26, 2026-06-08).
 * @param options `snapshot`: the observed snapshot to use (default the latest); `task` (default the article's).
 * @returns The findings.
 * @throws {RangeError} When a model has no observed or list price by the snapshot.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { priceRows } from "./prices.ts";
 * const ws = await loadWorkspace("data");
 * const f = observedCacheFindings({ ...ws, prices: priceRows(ws).prices }, { ratio: 26, articleDate: "2026-06-08" });
 * assert.equal(f.snapshot_date, "2026-08-28");
 * assert.ok(f.ratio_at_observed_rates > f.ratio_at_article_rate);
 * ```
 */
export function observedCacheFindings(
  book: PriceBook,
  stated: { ratio: number; articleDate: string },
  options: { snapshot?: string; task?: TaskTokens } = {},
): ObservedCacheFindings {
  const task = options.task ?? ARTICLE_TASK;
  const dates =
    (book.observedPrices.getColumn("snapshot_date").toArray() as string[])
      .sort();
  const snapshot = options.snapshot ?? dates[dates.length - 1];
  if (snapshot === undefined) {
    throw new RangeError(
      "Cannot price the task at observed rates: no observed-prices snapshot is loaded (data/raw/observed-prices/)",
    );
  }
  const cheap = priced(book, CHEAP_MODEL, snapshot, task);
  const premium = priced(book, PREMIUM_MODEL, snapshot, task);
  const consistent = consistentRatios(book.prices, [
    MODELS_LIST_SOURCE,
    PRICE_HISTORY_SOURCE,
  ], task).getColumn("ratio");
  return {
    snapshot_date: snapshot,
    source: OBSERVED_PRICES_SOURCE,
    article_date: stated.articleDate,
    stated_ratio: stated.ratio,
    article_cache_hit_rate: task.cacheHitRate,
    days_after_article:
      (Date.parse(snapshot) - Date.parse(stated.articleDate)) /
      86_400_000,
    task,
    cheap,
    premium,
    ratio_at_article_rate: premium.list_usd_at_article_rate /
      cheap.list_usd_at_article_rate,
    ratio_at_observed_rates: premium.list_usd_at_observed_rate /
      cheap.list_usd_at_observed_rate,
    ratio_at_effective_prices: premium.effective_usd / cheap.effective_usd,
    consistent_low: consistent.min() as number,
    consistent_high: consistent.max() as number,
    consistent_dates: consistent.length,
  };
}

/**
 * Assumed against observed cache-hit rate for every model with an observed
 * rate and a list price with a cache-read price by the snapshot (without
 * one, cached input bills at the input rate and the rate changes nothing),
 * and what the observed rate does to the task's cost at list prices: cost at
 * the observed rate ÷ cost at the assumed one (above 1: the task costs more
 * than assumed). Labels are the display names of `models.csv`.
 *
 * @param book The price book.
 * @param options `snapshot` (default the latest), `task` (default the article's; its rate is the assumed one).
 * @returns Columns `model`, `label`, `assumed_rate`, `observed_rate`, `cost_ratio`, `price_date`, sorted by observed rate.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { priceRows } from "./prices.ts";
 * const ws = await loadWorkspace("data");
 * const rows = cacheHitRows({ ...ws, prices: priceRows(ws).prices });
 * assert.equal(rows.height, 18);
 * ```
 */
export function cacheHitRows(
  book: PriceBook,
  options: { snapshot?: string; task?: TaskTokens } = {},
): pl.DataFrame {
  const task = options.task ?? ARTICLE_TASK;
  const observed = book.observedPrices.filter(
    pl.col("variant").eq(pl.lit("standard")),
  );
  const dates = (observed.getColumn("snapshot_date").toArray() as string[])
    .sort();
  const snapshot = options.snapshot ?? dates[dates.length - 1];
  const names = new Map<string, string>();
  for (
    const row of book.modelIdentity.toRecords() as {
      permaslug: string;
      model_id: string | null;
      display_name: string;
    }[]
  ) {
    if (row.model_id && !row.permaslug.endsWith(":free")) {
      names.set(row.model_id, row.display_name);
    }
  }
  const rows = (observed.filter(pl.col("snapshot_date").eq(pl.lit(snapshot)))
    .toRecords() as { model_id: string; weighted_cache_hit_rate: number }[])
    .flatMap((o) => {
      const price = listPriceOn(book, o.model_id, snapshot);
      if (price === undefined || price.cache_read_usd_per_mtok === null) {
        return [];
      }
      const at = (rate: number) =>
        taskCost({ ...task, cacheHitRate: rate }, price).total_usd;
      return [{
        model: o.model_id,
        label: names.get(o.model_id) ?? o.model_id,
        assumed_rate: task.cacheHitRate,
        observed_rate: o.weighted_cache_hit_rate,
        cost_ratio: at(o.weighted_cache_hit_rate) / at(task.cacheHitRate),
        price_date: price.source_date,
      }];
    });
  return frameOf(rows, {
    model: pl.Utf8,
    label: pl.Utf8,
    assumed_rate: pl.Float64,
    observed_rate: pl.Float64,
    cost_ratio: pl.Float64,
    price_date: pl.Utf8,
  }).sort(["observed_rate", "model"], [true, false]);
}
