/**
 * Prices for the checks: the price in force on a date, and how to cite it.
 *
 * @module
 */
import type { PriceRow } from "../../analysis/cost.ts";
import { MODELS_LIST_SOURCE, priceOn } from "../../analysis/prices.ts";
import type { ClaimInputs } from "./_inputs.ts";

/** The price in force on a date, with its citation, or undefined. */
export function priceInForce(
  inputs: ClaimInputs,
  modelId: string,
  date: string,
): { price: PriceRow; evidence: string } | undefined {
  const price = priceOn(inputs.prices, modelId, date);
  if (price === undefined) return undefined;
  return { price, evidence: priceEvidence(price) };
}

/** File and record of a price row. */
export function priceEvidence(price: PriceRow): string {
  return price.source === MODELS_LIST_SOURCE
    ? `data/raw/openrouter-models/${price.source_date}.models.json: id "${price.model_id}" (prices in force on ${price.source_date})`
    : `data/reference/prices_history_openrouter.csv: openrouter_id "${price.model_id}", record dated ${price.source_date} (${price.source})`;
}

/** "$0.1/$0.3/$0.01 per M input/output/cache read". */
export function priceText(price: PriceRow): string {
  return `$${price.input_usd_per_mtok}/$${price.output_usd_per_mtok}/$${
    price.cache_read_usd_per_mtok ?? "–"
  } per M input/output/cache read`;
}
