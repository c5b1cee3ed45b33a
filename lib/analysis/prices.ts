/**
 * Dated price sources in one frame: the models-list snapshots, the OpenRouter
 * price history in `data/reference/`, and the prices the articles state.
 * Prices move, so every price keeps its source and date.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { PriceRow } from "./cost.ts";
import { frameOf } from "../loading/frames.ts";
import { recordsOf, rowsWhere } from "./lookup.ts";

/** Source name of the models-list snapshots. */
export const MODELS_LIST_SOURCE = "OpenRouter models list";
/** Source name of the price history mirrored by models.dev. */
export const PRICE_HISTORY_SOURCE = "OpenRouter price history (models.dev)";

/** Column dtypes of {@linkcode priceRows}' frame (the fields of `PriceRow`). */
export const PRICE_SCHEMA = {
  source: pl.Utf8,
  source_date: pl.Utf8,
  model_id: pl.Utf8,
  input_usd_per_mtok: pl.Float64,
  output_usd_per_mtok: pl.Float64,
  cache_read_usd_per_mtok: pl.Float64,
  cache_write_usd_per_mtok: pl.Float64,
} as const;

/** A price record left out, and why. */
export interface SkippedPrice {
  /** Source of the record. */
  source: string;
  /** Date of the record. */
  source_date: string;
  /** Model id. */
  model_id: string;
  /** Why it was left out. */
  reason: string;
}

/**
 * Gather every dated price into one frame. Price-history records without
 * input/output prices, and records priced all zero (sync artefacts of paid
 * models), are left out and returned as `skipped`. `:free` variants and
 * router models are not price rows.
 *
 * @param frames The models list, price history and article prices frames of a workspace.
 * @returns The price rows sorted by model, source and date, and the skipped records.
 *
 * @example Sonnet 4.5 in the bundled models list
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * const ws = await loadWorkspace("data");
 * const { prices } = priceRows(ws);
 * const sonnet = findPrice(prices, "anthropic/claude-sonnet-4.5", MODELS_LIST_SOURCE, "2026-06-08");
 * assert.equal(sonnet?.cache_read_usd_per_mtok, 0.3);
 * ```
 */
export function priceRows(frames: {
  models: pl.DataFrame;
  priceHistory: pl.DataFrame;
  articlePrices: pl.DataFrame;
}): { prices: pl.DataFrame; skipped: SkippedPrice[] } {
  const rows: PriceRow[] = [];
  const skipped: SkippedPrice[] = [];
  for (const m of frames.models.toRecords() as Record<string, unknown>[]) {
    if (
      m.is_free || m.is_router || m.input_usd_per_mtok === null ||
      m.output_usd_per_mtok === null
    ) continue;
    rows.push({
      source: MODELS_LIST_SOURCE,
      source_date: m.snapshot_date as string,
      model_id: m.id as string,
      input_usd_per_mtok: m.input_usd_per_mtok as number,
      output_usd_per_mtok: m.output_usd_per_mtok as number,
      cache_read_usd_per_mtok: m.cache_read_usd_per_mtok as number | null,
      cache_write_usd_per_mtok: m.cache_write_usd_per_mtok as number | null,
    });
  }
  for (
    const h of frames.priceHistory.toRecords() as Record<string, unknown>[]
  ) {
    const base = {
      source: PRICE_HISTORY_SOURCE,
      source_date: h.date as string,
      model_id: h.openrouter_id as string,
    };
    if (h.input === null || h.output === null) {
      skipped.push({ ...base, reason: "record without input/output prices" });
      continue;
    }
    if (h.input === 0 && h.output === 0) {
      skipped.push({
        ...base,
        reason:
          "all-zero prices: a free model, or a sync artefact of a paid one; not a list price",
      });
      continue;
    }
    rows.push({
      ...base,
      input_usd_per_mtok: h.input as number,
      output_usd_per_mtok: h.output as number,
      cache_read_usd_per_mtok: h.cache_read as number | null,
      cache_write_usd_per_mtok: h.cache_write as number | null,
    });
  }
  for (
    const a of frames.articlePrices.toRecords() as Record<string, unknown>[]
  ) {
    if (
      a.input_usd_per_mtok === null || a.output_usd_per_mtok === null
    ) continue;
    rows.push({
      source: a.source as string,
      source_date: a.source_date as string,
      model_id: a.model_id as string,
      input_usd_per_mtok: a.input_usd_per_mtok as number,
      output_usd_per_mtok: a.output_usd_per_mtok as number,
      cache_read_usd_per_mtok: a.cache_read_usd_per_mtok as number | null,
      cache_write_usd_per_mtok: null,
    });
  }
  const prices = frameOf(rows, PRICE_SCHEMA).sort({
    by: ["model_id", "source", "source_date"],
    maintainOrder: true,
  });
  return { prices, skipped };
}

/**
 * The price of a model in one source as of a day: the latest record dated on
 * or before that day. Several records on one day: the last one listed wins.
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
  const rows = recordsOf(rowsWhere(prices, "model_id", modelId)).filter((r) =>
    r.source === source &&
    (asOf === undefined || (r.source_date as string) <= asOf)
  );
  const last = rows.at(-1);
  return last === undefined ? undefined : { ...last } as unknown as PriceRow;
}

/** OpenRouter's own price sources, in the order a tie on the same date is broken. */
export const OPENROUTER_SOURCES: readonly string[] = [
  PRICE_HISTORY_SOURCE,
  MODELS_LIST_SOURCE,
];

/**
 * The price of a model on a date: the latest OpenRouter list-price record
 * (price history or models-list snapshot) dated on or before that day; on a
 * tie of dates the price history wins. Prices stated by articles are never
 * the price in force. The one rule the ledger, the analyses and notebook 01
 * share.
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
  const found = OPENROUTER_SOURCES.map((source) =>
    findPrice(prices, modelId, source, date)
  ).filter((p): p is PriceRow => p !== undefined);
  return found.reduce<PriceRow | undefined>(
    (best, p) =>
      best === undefined || p.source_date > best.source_date ? p : best,
    undefined,
  );
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
