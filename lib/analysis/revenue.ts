/**
 * Revenue from the inference-stats weeks: the tracker's published formula,
 * reproduced to the cent, against a cache-aware formula; and token share
 * against dollar share per vendor.
 *
 * The tracker ("OpenRouter Inference Revenue Statistics", 2026-02-09) states
 * `revenue = prompt_tokens × prompt_price + completion_tokens × output_price
 * + cached_tokens × cache_read_price`. On OpenRouter, prompt tokens already
 * include cached tokens, so that formula bills every cached token twice: once
 * at the full input price and again at the cache-read price. The cache-aware
 * formula bills `(prompt − cached) × input + cached × cache_read + completion × output`.
 *
 * Scope: the tracker follows the top ~9 models of OpenRouter's rankings page
 * each week, not the whole platform.
 *
 * @module
 */
import pl from "nodejs-polars";

/**
 * Warning codes whose rows are left out of revenue analyses, because their
 * breakdown is not the model's own: `breakdown_zero` rows, and the `:free`
 * twin of a `duplicate_breakdown` pair (the paid row it copies is kept).
 */
export const REVENUE_EXCLUDED_WARNINGS = [
  "breakdown_zero",
  "duplicate_breakdown",
] as const;

/** A USD amount rounded to the cent, half away from zero. */
export function roundCents(usd: number): number {
  return Math.sign(usd) * Math.round(Math.abs(usd) * 100 + 1e-9) / 100;
}

/**
 * Revenue per model and week under both formulas (the rows of
 * `tables/revenue_weekly.csv`).
 *
 * @param inference The inference-stats frame of a workspace.
 * @returns Columns `week, model, name, vendor, total_tokens, prompt_tokens,
 *   cached_tokens, uncached_prompt_tokens, completion_tokens, reasoning_tokens,
 *   prompt_usd_per_mtok, completion_usd_per_mtok, cache_read_usd_per_mtok,
 *   published_revenue_usd, revenue_published_formula_usd,
 *   published_formula_matches, revenue_cache_aware_usd, cache_aware_ratio,
 *   warning, excluded`, sorted by week and published revenue.
 *
 * @example The tracker's formula gives its published figure to the cent
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * const ws = await loadWorkspace("data");
 * const table = revenueWeekly(ws.inference);
 * assert.equal(table.getColumn("published_formula_matches").toArray().every(Boolean), true);
 * ```
 */
export function revenueWeekly(inference: pl.DataFrame): pl.DataFrame {
  const f = (name: string) => pl.col(name).cast(pl.Float64);
  const perToken = (name: string) => f(name).div(pl.lit(1e6));
  const published = f("prompt_tokens").mul(perToken("prompt_usd_per_mtok"))
    .plus(f("completion_tokens").mul(perToken("completion_usd_per_mtok")))
    .plus(f("cached_tokens").mul(perToken("cache_read_usd_per_mtok")));
  const cacheAware = f("prompt_tokens").minus(f("cached_tokens")).mul(
    perToken("prompt_usd_per_mtok"),
  )
    .plus(f("cached_tokens").mul(perToken("cache_read_usd_per_mtok")))
    .plus(f("completion_tokens").mul(perToken("completion_usd_per_mtok")));
  const frame = inference
    .withColumns(
      published.alias("revenue_published_formula_raw"),
      cacheAware.alias("revenue_cache_aware_usd"),
      pl.col("slug").str.split("/").lst.first().alias("vendor"),
      pl.col("prompt_tokens").minus(pl.col("cached_tokens")).alias(
        "uncached_prompt_tokens",
      ),
      pl.col("warning").fillNull("").str.contains("breakdown_zero")
        .or(
          pl.col("warning").fillNull("").str.contains("duplicate_breakdown")
            .and(pl.col("slug").str.contains(":free")),
        )
        .alias("excluded"),
    );
  const rounded =
    (frame.getColumn("revenue_published_formula_raw").toArray() as number[])
      .map(roundCents);
  return frame
    .withColumns(
      pl.Series("revenue_published_formula_usd", rounded, pl.Float64),
    )
    .withColumns(
      pl.col("revenue_published_formula_usd").minus(
        pl.col("published_revenue_usd"),
      ).abs()
        .lessThan(pl.lit(0.005)).alias("published_formula_matches"),
      pl.when(pl.col("revenue_published_formula_raw").gt(pl.lit(0)))
        .then(
          pl.col("revenue_cache_aware_usd").div(
            pl.col("revenue_published_formula_raw"),
          ),
        )
        .otherwise(pl.lit(null)).alias("cache_aware_ratio"),
    )
    .select(
      pl.col("snapshot_date").alias("week"),
      pl.col("slug").alias("model"),
      "name",
      "vendor",
      "total_tokens",
      "prompt_tokens",
      "cached_tokens",
      "uncached_prompt_tokens",
      "completion_tokens",
      "reasoning_tokens",
      "prompt_usd_per_mtok",
      "completion_usd_per_mtok",
      "cache_read_usd_per_mtok",
      "published_revenue_usd",
      "revenue_published_formula_usd",
      "published_formula_matches",
      "revenue_cache_aware_usd",
      "cache_aware_ratio",
      "warning",
      "excluded",
    )
    .sort(["week", "published_revenue_usd", "model"], [false, true, false]);
}

/**
 * Token share against dollar share per vendor and week, over the tracked
 * models, leaving out rows whose breakdown is not their own.
 *
 * @param revenue The frame from {@linkcode revenueWeekly}.
 * @returns Columns `week, vendor, tokens, token_share, published_usd,
 *   dollar_share_published, cache_aware_usd, dollar_share_cache_aware`.
 *   Tokens are prompt + completion tokens, the same breakdown the dollars
 *   are computed from (some weeks' published `total_tokens` differ from it).
 *
 * @example Shares sum to one each week
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * const shares = vendorShares(revenueWeekly((await loadWorkspace("data")).inference));
 * const week = shares.filter(pl.col("week").eq(pl.lit("2026-02-08")));
 * assert.ok(Math.abs((week.getColumn("token_share").sum() as number) - 1) < 1e-9);
 * ```
 */
export function vendorShares(revenue: pl.DataFrame): pl.DataFrame {
  return revenue
    .filter(pl.col("excluded").not())
    .groupBy(["week", "vendor"])
    .agg(
      pl.col("prompt_tokens").plus(pl.col("completion_tokens")).cast(pl.Float64)
        .sum().alias("tokens"),
      pl.col("published_revenue_usd").sum().alias("published_usd"),
      pl.col("revenue_cache_aware_usd").sum().alias("cache_aware_usd"),
    )
    .sort(["week", "vendor"]) // fixed row order, so the shares' sums (over "week") are the same each run
    .withColumns(
      pl.col("tokens").div(pl.col("tokens").sum().over("week")).alias(
        "token_share",
      ),
      pl.col("published_usd").div(pl.col("published_usd").sum().over("week"))
        .alias("dollar_share_published"),
      pl.col("cache_aware_usd").div(
        pl.col("cache_aware_usd").sum().over("week"),
      ).alias("dollar_share_cache_aware"),
    )
    .select(
      "week",
      "vendor",
      "tokens",
      "token_share",
      "published_usd",
      "dollar_share_published",
      "cache_aware_usd",
      "dollar_share_cache_aware",
    )
    .sort(["week", "cache_aware_usd", "vendor"], [false, true, false]);
}
