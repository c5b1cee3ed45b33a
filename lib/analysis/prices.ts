/**
 * Dated price sources in one frame: the models-list snapshots, the OpenRouter
 * price history in `data/reference/`, and the prices the articles state.
 * Prices move, so every price keeps its source and date. The frame and the
 * rule of the price in force live in `price_book.ts`; `findPrice` and
 * `priceOn` are that rule, kept under their names.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { PriceRow } from "./cost.ts";
import {
  MODELS_LIST_SOURCE,
  OPENROUTER_SOURCES,
  PRICE_HISTORY_SOURCE,
  PRICE_SCHEMA,
  priceOnDay,
  priceRows,
  type SkippedPrice,
} from "./price_book.ts";

export {
  MODELS_LIST_SOURCE,
  OPENROUTER_SOURCES,
  PRICE_HISTORY_SOURCE,
  PRICE_SCHEMA,
  priceRows,
  type SkippedPrice,
};

/**
 * The price of a model in one source as of a day: the price book's rule
 * ({@linkcode priceOnDay}) on that one source.
 *
 * @param prices The frame from {@linkcode priceRows}.
 * @param modelId The model id.
 * @param source The source name.
 * @param asOf The day, `YYYY-MM-DD`; omit for the latest record.
 * @returns The price row, or undefined when the source has none by then.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * const { prices } = priceRows(await loadWorkspace("data"));
 * assert.equal(findPrice(prices, "deepseek/deepseek-v4-flash", PRICE_HISTORY_SOURCE, "2026-04-30")?.input_usd_per_mtok, 0.14);
 * ```
 */
export function findPrice(
  prices: pl.DataFrame,
  modelId: string,
  source: string,
  asOf?: string,
): PriceRow | undefined {
  return priceOnDay(prices, modelId, asOf, [source]);
}

/**
 * The price of a model on a date: the price book's rule ({@linkcode priceOnDay})
 * on OpenRouter's two sources (the price history wins a tie). Prices stated
 * by articles are never the price in force.
 *
 * @param prices The frame from {@linkcode priceRows}.
 * @param modelId The model id.
 * @param date The day, `YYYY-MM-DD`.
 * @returns The price row, or undefined when no OpenRouter source has one by then.
 *
 * @example DeepSeek V4 Flash on the day "The OpenRouter Pricing Truth" was published
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * const { prices } = priceRows(await loadWorkspace("data"));
 * const flash = priceOn(prices, "deepseek/deepseek-v4-flash", "2026-06-08");
 * assert.equal(flash?.source, PRICE_HISTORY_SOURCE);
 * assert.ok(flash!.source_date <= "2026-06-08");
 * ```
 */
export function priceOn(
  prices: pl.DataFrame,
  modelId: string,
  date: string,
): PriceRow | undefined {
  return priceOnDay(prices, modelId, date);
}

/**
 * The distinct dates on which a source recorded a price for any of the models.
 *
 * @param prices The frame from {@linkcode priceRows}.
 * @param modelIds The models.
 * @param source The source name.
 * @returns Sorted dates.
 */
export function priceDates(
  prices: pl.DataFrame,
  modelIds: readonly string[],
  source: string,
): string[] {
  const rows = prices.filter(
    pl.col("model_id").isIn([...modelIds]).and(
      pl.col("source").eq(pl.lit(source)),
    ),
  );
  return [...new Set(rows.getColumn("source_date").toArray() as string[])]
    .sort();
}
