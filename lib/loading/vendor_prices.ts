/**
 * Vendors' own list prices, from `@pydantic/genai-prices` (MIT): a second,
 * independent source next to OpenRouter's. Each vendor's price of a model is
 * loaded as a price-book record of the source {@linkcode VENDOR_SOURCE}, in
 * the price book's columns and units:
 *
 * - a price with a `start_date` constraint is a record dated that day; a
 *   price without one is undated (`source_date` null: the package gives no
 *   start, so it is in force on every day before the next dated record);
 * - a tiered price (`{ base, tiers: [{ start, price }] }`) is the base rate
 *   plus one override per tier start with `min_prompt_tokens` = start
 *   (genai-prices switches the whole request when the prompt is strictly
 *   above the start, as OpenRouter's `min_prompt_tokens` does);
 * - a `time_of_date` price is an override with `utc_start`/`utc_end`, on
 *   every record of the model (genai-prices applies its windows on every day);
 * - `requests_kcount` and `web_searches_kcount` (USD per 1,000) become
 *   `request_usd` and `web_search_usd` (USD per one), `output_reasoning_mtok`
 *   the reasoning rate, `cache_write_mtok` the 5-minute cache write.
 *
 * These are the vendors' prices, never OpenRouter's: they are not the price
 * in force of an OpenRouter bill; the report compares the two.
 *
 * @module
 */
import pl from "nodejs-polars";
import {
  calcPrice,
  type ModelInfo,
  type ModelPrice,
  type TieredPrices,
} from "@pydantic/genai-prices";
import { scaleDecimal } from "./decimal.ts";
import { frameOf } from "./frames.ts";
import type { PriceOverride, RateColumn } from "./models_list.ts";

/** The package version the vendor prices come from (deno.json pins it). */
export const GENAI_PRICES_VERSION = "0.1.8";

/** Source name of the vendors' list prices. */
export const VENDOR_SOURCE =
  `vendor list price (genai-prices ${GENAI_PRICES_VERSION})`;

/**
 * genai-prices' provider id for an OpenRouter vendor prefix, where the
 * package knows the vendor (checked in tests: each id has models).
 */
export const VENDOR_PROVIDERS: Readonly<Record<string, string>> = {
  anthropic: "anthropic",
  openai: "openai",
  google: "google",
  deepseek: "deepseek",
  "x-ai": "x-ai",
  moonshotai: "moonshotai",
  mistralai: "mistral",
  minimax: "minimax",
  "z-ai": "zai",
  cohere: "cohere",
  perplexity: "perplexity",
  "arcee-ai": "arcee-ai",
};

/** genai-prices' price keys the price book reads: its column and the shift to its unit. */
const VENDOR_KEYS: Readonly<
  Record<string, { column: RateColumn; shift: number }>
> = {
  input_mtok: { column: "input_usd_per_mtok", shift: 0 },
  output_mtok: { column: "output_usd_per_mtok", shift: 0 },
  cache_read_mtok: { column: "cache_read_usd_per_mtok", shift: 0 },
  cache_write_mtok: { column: "cache_write_usd_per_mtok", shift: 0 },
  cache_write_1h_mtok: { column: "cache_write_1h_usd_per_mtok", shift: 0 },
  output_reasoning_mtok: { column: "reasoning_usd_per_mtok", shift: 0 },
  requests_kcount: { column: "request_usd", shift: -3 },
  web_searches_kcount: { column: "web_search_usd", shift: -3 },
};

/** Column dtypes of {@linkcode vendorPrices}' frame (the price book's, plus the vendor's ids). */
export const VENDOR_PRICE_SCHEMA = {
  source: pl.Utf8,
  source_date: pl.Utf8,
  model_id: pl.Utf8,
  input_usd_per_mtok: pl.Float64,
  output_usd_per_mtok: pl.Float64,
  cache_read_usd_per_mtok: pl.Float64,
  cache_write_usd_per_mtok: pl.Float64,
  cache_write_1h_usd_per_mtok: pl.Float64,
  reasoning_usd_per_mtok: pl.Float64,
  request_usd: pl.Float64,
  web_search_usd: pl.Float64,
  image_usd: pl.Float64,
  discount: pl.Float64,
  overrides_json: pl.Utf8,
  vendor_provider: pl.Utf8,
  vendor_model: pl.Utf8,
} as const;

function isTiered(value: unknown): value is TieredPrices {
  return typeof value === "object" && value !== null && "base" in value &&
    "tiers" in value;
}

/** One genai-prices price set → base rates and the long-context overrides of its tiers. */
function ratesOf(
  price: ModelPrice,
): { rates: Partial<Record<RateColumn, number>>; tiers: PriceOverride[] } {
  const rates: Partial<Record<RateColumn, number>> = {};
  const byStart = new Map<number, Partial<Record<RateColumn, number>>>();
  for (const [key, value] of Object.entries(price)) {
    const spec = VENDOR_KEYS[key];
    if (spec === undefined || value === undefined) continue;
    const scale = (x: number) => scaleDecimal(String(x), spec.shift)!;
    if (isTiered(value)) {
      rates[spec.column] = scale(value.base);
      for (const tier of value.tiers) {
        const tierRates = byStart.get(tier.start) ?? {};
        tierRates[spec.column] = scale(tier.price);
        byStart.set(tier.start, tierRates);
      }
    } else rates[spec.column] = scale(value as number);
  }
  const tiers = [...byStart].sort(([a], [b]) => a - b).map((
    [start, tierRates],
  ) => ({
    min_prompt_tokens: start,
    utc_start: null,
    utc_end: null,
    rates: tierRates,
  }));
  return { rates, tiers };
}

/** `HH:MM:SSZ` → `HH:MM:SS`. */
function utcTime(text: string): string {
  const bare = text.replace(/Z$/, "");
  return bare.length === 5 ? `${bare}:00` : bare;
}

/**
 * The price-book records of one genai-prices model.
 *
 * @param model The model as genai-prices describes it.
 * @param modelId The OpenRouter id the records are filed under.
 * @param provider genai-prices' provider id.
 * @returns One record per undated or dated price set, with its overrides.
 *
 * @example A tiered price becomes a base rate and a long-context override
 * ```ts
 * import assert from "node:assert/strict";
 * const model = { id: "m", match: { equals: "m" }, prices: { input_mtok: { base: 3, tiers: [{ start: 200000, price: 6 }] }, output_mtok: 15 } } as never;
 * const [record] = vendorRecords(model, "acme/m", "acme");
 * assert.equal(record.input_usd_per_mtok, 3);
 * assert.deepEqual(JSON.parse(record.overrides_json as string)[0].rates, { input_usd_per_mtok: 6 });
 * ```
 */
export function vendorRecords(
  model: ModelInfo,
  modelId: string,
  provider: string,
): Record<string, unknown>[] {
  const entries = Array.isArray(model.prices)
    ? model.prices
    : [{ prices: model.prices }];
  const windows: PriceOverride[] = [];
  const dated: { date: string | null; price: ModelPrice }[] = [];
  for (const entry of entries) {
    const constraint = entry.constraint;
    if (constraint?.type === "time_of_date") {
      windows.push({
        min_prompt_tokens: null,
        utc_start: utcTime(constraint.start_time),
        utc_end: utcTime(constraint.end_time),
        rates: ratesOf(entry.prices).rates,
      });
    } else {
      dated.push({
        date: constraint?.type === "start_date" ? constraint.start_date : null,
        price: entry.prices,
      });
    }
  }
  return dated.map(({ date, price }) => {
    const { rates, tiers } = ratesOf(price);
    return {
      source: VENDOR_SOURCE,
      source_date: date,
      model_id: modelId,
      ...rates,
      discount: null,
      image_usd: null,
      overrides_json: JSON.stringify([...tiers, ...windows]),
      vendor_provider: provider,
      vendor_model: model.id,
    };
  });
}

/**
 * The vendors' own list prices of the given OpenRouter models, where
 * genai-prices knows the vendor ({@linkcode VENDOR_PROVIDERS}) and matches
 * the model name (the id after the vendor prefix, `:variant` dropped) with
 * its own matching rules.
 *
 * @param modelIds OpenRouter model ids.
 * @returns Records (columns {@linkcode VENDOR_PRICE_SCHEMA}) sorted by model and date, undated first.
 *
 * @example Claude Sonnet 4.5 at Anthropic: $3/M input, $6/M above 200K prompt tokens
 * ```ts
 * import assert from "node:assert/strict";
 * const frame = vendorPrices(["anthropic/claude-sonnet-4.5", "acme/unknown"]);
 * assert.equal(frame.height, 1);
 * assert.equal(frame.getColumn("vendor_model").get(0), "claude-sonnet-4-5");
 * assert.equal(frame.getColumn("input_usd_per_mtok").get(0), 3);
 * ```
 */
export function vendorPrices(modelIds: readonly string[]): pl.DataFrame {
  const rows: Record<string, unknown>[] = [];
  for (const modelId of [...new Set(modelIds)].sort()) {
    const [vendor, ...rest] = modelId.split("/");
    const provider = VENDOR_PROVIDERS[vendor];
    if (provider === undefined || rest.length === 0) continue;
    const name = rest.join("/").split(":")[0];
    const found = calcPrice({ input_tokens: 0 }, name, {
      providerId: provider,
    });
    if (found === null || found.provider.id !== provider) continue;
    rows.push(...vendorRecords(found.model, modelId, provider));
  }
  return frameOf(rows, VENDOR_PRICE_SCHEMA).sort({
    by: ["model_id", "source_date"],
    nullsLast: false,
    maintainOrder: true,
  });
}
