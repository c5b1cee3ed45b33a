/**
 * The price book: every dated price record of every source in one polars
 * frame, with every part of OpenRouter's pricing object, and the one rule
 * for the price in force on a day.
 *
 * Sources: the models-list snapshots ({@linkcode MODELS_LIST_SOURCE}, with
 * `overrides[]`), OpenRouter's price history mirrored by models.dev
 * ({@linkcode PRICE_HISTORY_SOURCE}), the prices the articles state, and
 * the vendors' own list prices (`VENDOR_SOURCE`, from genai-prices; never
 * taken for OpenRouter's).
 *
 * **The price in force on a day** ({@linkcode priceOnDay}) is the latest
 * record dated on or before that day among the sources asked for (by
 * default OpenRouter's two: the price history and the models list). On a
 * tie of dates the source listed first wins (the price history); several
 * records of one source on one day: the last one listed wins. An undated
 * record (a vendor price without a start date) is older than every dated one.
 *
 * **The rates of one request** ({@linkcode ratesFor}): the record's rates,
 * then each override in order whose conditions hold (prompt tokens
 * strictly above `min_prompt_tokens`; the request's UTC time of day inside
 * `utc_start`–`utc_end`), each setting the keys it gives: later entries win
 * key by key, absent keys inherit.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { PriceRow } from "./cost.ts";
import { frameOf } from "../loading/frames.ts";
import type { PriceOverride, RateColumn } from "../loading/models_list.ts";

/** Source name of the models-list snapshots. */
export const MODELS_LIST_SOURCE = "OpenRouter models list";
/** Source name of the price history mirrored by models.dev. */
export const PRICE_HISTORY_SOURCE = "OpenRouter price history (models.dev)";

/** OpenRouter's own price sources, in the order a tie on the same date is broken. */
export const OPENROUTER_SOURCES: readonly string[] = [
  PRICE_HISTORY_SOURCE,
  MODELS_LIST_SOURCE,
];

/** Every rate column of a price record, in the book's order and units (USD per million tokens, USD per unit, or a fraction). */
export const RATE_COLUMNS: readonly RateColumn[] = [
  "input_usd_per_mtok",
  "output_usd_per_mtok",
  "cache_read_usd_per_mtok",
  "cache_write_usd_per_mtok",
  "cache_write_1h_usd_per_mtok",
  "reasoning_usd_per_mtok",
  "request_usd",
  "web_search_usd",
  "image_usd",
  "discount",
];

/** Column dtypes of the price book's frame ({@linkcode priceRows}). */
export const PRICE_SCHEMA = {
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

/** `pl.col(name)` cast to the book's dtype, or a typed null when the frame lacks the column. */
function column(frame: pl.DataFrame, name: string, as: string = name) {
  const dtype = (PRICE_SCHEMA as Record<string, pl.DataType>)[as];
  return (frame.columns.includes(name)
    ? pl.col(name).cast(dtype)
    : pl.lit(null).cast(dtype)).alias(as);
}

/** The book's columns from a source frame, renaming `renames` (book column → source column). */
function bookColumns(
  frame: pl.DataFrame,
  source: string,
  renames: Record<string, string>,
): pl.DataFrame {
  return frame.select(
    pl.lit(source).alias("source"),
    ...Object.keys(PRICE_SCHEMA).slice(1).map((name) =>
      name === "overrides_json" && !frame.columns.includes("overrides_json")
        ? pl.lit("[]").alias(name)
        : column(frame, renames[name] ?? name, name)
    ),
  );
}

/**
 * Gather every dated OpenRouter and article price into the price book's
 * frame, in polars. Price-history records without input/output prices, and
 * records priced all zero (sync artefacts of paid models), are left out and
 * returned as `skipped`. `:free` variants and router models are not price
 * rows. Vendor prices are a separate frame (`vendorPrices()`), compared with
 * these by {@linkcode vendorComparison}.
 *
 * @param frames The models list, price history and article prices frames of a workspace.
 * @returns The price rows (columns {@linkcode PRICE_SCHEMA}) sorted by model, source and date, and the skipped records.
 *
 * @example Sonnet 4.5 in the bundled models list
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * const ws = await loadWorkspace("data");
 * const { prices } = priceRows(ws);
 * const sonnet = priceOnDay(prices, "anthropic/claude-sonnet-4.5", "2026-06-08", [MODELS_LIST_SOURCE]);
 * assert.equal(sonnet?.cache_read_usd_per_mtok, 0.3);
 * assert.equal(sonnet?.web_search_usd, 0.01);
 * ```
 */
export function priceRows(frames: {
  models: pl.DataFrame;
  priceHistory: pl.DataFrame;
  articlePrices: pl.DataFrame;
}): { prices: pl.DataFrame; skipped: SkippedPrice[] } {
  const models = frames.models.filter(
    pl.col("is_free").not().and(pl.col("is_router").not())
      .and(pl.col("input_usd_per_mtok").isNotNull())
      .and(pl.col("output_usd_per_mtok").isNotNull()),
  );
  const history = frames.priceHistory;
  const hasPrices = pl.col("input").isNotNull().and(
    pl.col("output").isNotNull(),
  );
  const allZero = pl.col("input").eq(0).and(pl.col("output").eq(0));
  const good = history.filter(hasPrices.and(allZero.not()));
  const skipped = history.filter(hasPrices.not().or(allZero)).toRecords().map(
    (h) => ({
      source: PRICE_HISTORY_SOURCE,
      source_date: h.date as string,
      model_id: h.openrouter_id as string,
      reason: h.input === null || h.output === null
        ? "record without input/output prices"
        : "all-zero prices: a free model, or a sync artefact of a paid one; not a list price",
    }),
  );
  const articles = frames.articlePrices.filter(
    pl.col("input_usd_per_mtok").isNotNull().and(
      pl.col("output_usd_per_mtok").isNotNull(),
    ),
  );
  const parts = [
    bookColumns(models, MODELS_LIST_SOURCE, {
      source_date: "snapshot_date",
      model_id: "id",
    }),
    bookColumns(good, PRICE_HISTORY_SOURCE, {
      source_date: "date",
      model_id: "openrouter_id",
      input_usd_per_mtok: "input",
      output_usd_per_mtok: "output",
      cache_read_usd_per_mtok: "cache_read",
      cache_write_usd_per_mtok: "cache_write",
    }),
    articles.select(
      pl.col("source").cast(pl.Utf8),
      ...Object.keys(PRICE_SCHEMA).slice(1).map((name) =>
        name === "overrides_json"
          ? pl.lit("[]").alias(name)
          : name === "cache_write_usd_per_mtok"
          ? pl.lit(null).cast(pl.Float64).alias(name)
          : column(articles, name)
      ),
    ),
  ].filter((part) => part.height > 0);
  const prices = parts.length === 0
    ? frameOf([], PRICE_SCHEMA)
    : pl.concat(parts).sort({
      by: ["model_id", "source", "source_date"],
      maintainOrder: true,
    });
  return { prices, skipped };
}

const byModel = new WeakMap<
  pl.DataFrame,
  Map<string, readonly Readonly<PriceRow>[]>
>();

/** A price frame's records by model, in the frame's order; read once per frame. */
function recordsByModel(
  prices: pl.DataFrame,
): Map<string, readonly Readonly<PriceRow>[]> {
  let index = byModel.get(prices);
  if (index === undefined) {
    index = new Map();
    for (const record of prices.toRecords() as unknown as PriceRow[]) {
      const list = index.get(record.model_id) as PriceRow[] | undefined;
      if (list === undefined) index.set(record.model_id, [record]);
      else list.push(record);
    }
    byModel.set(prices, index);
  }
  return index;
}

/**
 * The models a price frame has records of.
 *
 * @param prices A price-book frame.
 * @returns Whether `modelId` has any record.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const prices = pl.DataFrame({ model_id: ["a/x"], source: ["s"], source_date: ["2026-01-01"] });
 * assert.equal(hasPrice(prices, "a/x"), true);
 * assert.equal(hasPrice(prices, "a/y"), false);
 * ```
 */
export function hasPrice(prices: pl.DataFrame, modelId: string): boolean {
  return recordsByModel(prices).has(modelId);
}

/**
 * The price of a model in force on a day: the latest record of the given
 * sources dated on or before the day; on a tie of dates the source listed
 * first wins; several records of one source on one day: the last listed.
 * The one rule the ledger, the agent-task analysis, the findings and the
 * what-if share (`findPrice`, `priceOn` and `listPriceOn` are this rule).
 *
 * @param prices A price-book frame ({@linkcode priceRows} or vendor prices).
 * @param modelId The model id.
 * @param day The day, `YYYY-MM-DD`; null or undefined for the latest record.
 * @param sources The sources to read, in tie-break order (default {@linkcode OPENROUTER_SOURCES}).
 * @returns A copy of the record, or undefined when no source has one by then.
 *
 * @example DeepSeek V4 Flash: the price history's 2026-05-22 record on 2026-05-24
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * const { prices } = priceRows(await loadWorkspace("data"));
 * const flash = priceOnDay(prices, "deepseek/deepseek-v4-flash", "2026-05-24");
 * assert.equal(flash?.source, PRICE_HISTORY_SOURCE);
 * assert.equal(flash?.source_date, "2026-05-22");
 * assert.equal(priceOnDay(prices, "deepseek/deepseek-v4-flash", "2026-01-01"), undefined);
 * ```
 */
export function priceOnDay(
  prices: pl.DataFrame,
  modelId: string,
  day?: string | null,
  sources: readonly string[] = OPENROUTER_SOURCES,
): PriceRow | undefined {
  let best: Readonly<PriceRow> | undefined;
  let bestRank = 0;
  for (const record of recordsByModel(prices).get(modelId) ?? []) {
    const rank = sources.indexOf(record.source);
    const date = record.source_date ?? "";
    if (rank < 0 || (day != null && date > day)) continue;
    const bestDate = best?.source_date ?? "";
    if (
      best === undefined || date > bestDate ||
      (date === bestDate && rank <= bestRank)
    ) {
      best = record;
      bestRank = rank;
    }
  }
  return best === undefined ? undefined : { ...best };
}

const parsedOverrides = new Map<string, PriceOverride[]>();

/** A record's overrides (parsed once per distinct text). */
export function overridesOf(price: PriceRow): PriceOverride[] {
  const text = price.overrides_json ?? "[]";
  let parsed = parsedOverrides.get(text);
  if (parsed === undefined) {
    parsed = JSON.parse(text) as PriceOverride[];
    parsedOverrides.set(text, parsed);
  }
  return parsed;
}

/** The rates of one request, and which overrides gave them. */
export interface AppliedRates {
  /** Every rate column; null where neither the record nor an override gives one. */
  rates: Record<RateColumn, number | null>;
  /** Indices of the overrides that applied, in order (empty: the record's own rates). */
  overrides: number[];
  /** True when an override has a time-of-day window and the request has no time, so it was not applied. */
  windowUnknown: boolean;
}

/** `HH:MM:SS` inside `[start, end)`, wrapping past midnight when start > end. */
function inWindow(time: string, start: string, end: string): boolean {
  return start <= end
    ? time >= start && time < end
    : time >= start || time < end;
}

/**
 * The rates of one request under a price record: its own rates, then every
 * override whose conditions hold, in order, each setting the keys it gives.
 *
 * @param price The record in force.
 * @param promptTokens The request's prompt tokens (a row of several requests: its mean per request).
 * @param utcTime The request's UTC time of day `HH:MM:SS`, or null when unknown.
 * @returns The rates and the overrides applied.
 *
 * @example Above 200K prompt tokens the long-context override switches the whole request
 * ```ts
 * import assert from "node:assert/strict";
 * const sonnet = { source: "s", source_date: "d", model_id: "m", input_usd_per_mtok: 3, output_usd_per_mtok: 15, cache_read_usd_per_mtok: 0.3, cache_write_usd_per_mtok: 3.75, overrides_json: JSON.stringify([{ min_prompt_tokens: 200000, utc_start: null, utc_end: null, rates: { input_usd_per_mtok: 6, output_usd_per_mtok: 22.5 } }]) };
 * assert.equal(ratesFor(sonnet, 200_000, null).rates.input_usd_per_mtok, 3);
 * const long = ratesFor(sonnet, 200_001, null);
 * assert.deepEqual([long.rates.input_usd_per_mtok, long.rates.output_usd_per_mtok, long.rates.cache_read_usd_per_mtok], [6, 22.5, 0.3]);
 * assert.deepEqual(long.overrides, [0]);
 * ```
 */
export function ratesFor(
  price: PriceRow,
  promptTokens: number,
  utcTime: string | null,
): AppliedRates {
  const rates = {} as Record<RateColumn, number | null>;
  for (const name of RATE_COLUMNS) {
    rates[name] = (price as unknown as Record<string, number | null>)[name] ??
      null;
  }
  const applied: number[] = [];
  let windowUnknown = false;
  overridesOf(price).forEach((override, index) => {
    if (
      override.min_prompt_tokens !== null &&
      !(promptTokens > override.min_prompt_tokens)
    ) return;
    if (override.utc_start !== null && override.utc_end !== null) {
      if (utcTime === null) {
        windowUnknown = true;
        return;
      }
      if (!inWindow(utcTime, override.utc_start, override.utc_end)) return;
    }
    for (const [name, value] of Object.entries(override.rates)) {
      rates[name as RateColumn] = value;
    }
    applied.push(index);
  });
  return { rates, overrides: applied, windowUnknown };
}

/** The parts the vendor comparison compares, with their names. */
export const COMPARED_PARTS: readonly { part: string; column: RateColumn }[] = [
  { part: "input", column: "input_usd_per_mtok" },
  { part: "output", column: "output_usd_per_mtok" },
  { part: "cache read", column: "cache_read_usd_per_mtok" },
  { part: "cache write (5 min)", column: "cache_write_usd_per_mtok" },
];

/** Column dtypes of {@linkcode vendorComparison}'s frame. */
export const VENDOR_COMPARISON_SCHEMA = {
  model_id: pl.Utf8,
  part: pl.Utf8,
  openrouter_usd_per_mtok: pl.Float64,
  vendor_usd_per_mtok: pl.Float64,
  difference_pct: pl.Float64,
  above_1pct: pl.Bool,
  openrouter_source: pl.Utf8,
  openrouter_date: pl.Utf8,
  vendor_model: pl.Utf8,
} as const;

/**
 * OpenRouter's list price against the vendor's own, for every model both
 * sources know: OpenRouter's latest record (price history or models list)
 * against the vendor's record in force on that record's date, part by part
 * where both give the part. `difference_pct` is OpenRouter's price over the
 * vendor's, minus 1, in percent (null when the vendor's is 0);
 * `above_1pct` flags every difference above 1% (a zero against non-zero too).
 *
 * @param prices The price book ({@linkcode priceRows}).
 * @param vendor The vendor prices (`vendorPrices()`).
 * @param vendorSource The vendor prices' source name.
 * @returns Columns {@linkcode VENDOR_COMPARISON_SCHEMA}, by model and part.
 *
 * @example A 10% mark-up is flagged, an equal price is not
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const or = pl.DataFrame({ source: ["OpenRouter models list"], source_date: ["2026-05-01"], model_id: ["a/m"], input_usd_per_mtok: [1.1], output_usd_per_mtok: [2] });
 * const vendor = pl.DataFrame({ source: ["v"], source_date: [null as string | null], model_id: ["a/m"], input_usd_per_mtok: [1], output_usd_per_mtok: [2], vendor_model: ["m"] });
 * const table = vendorComparison(or, vendor, "v");
 * assert.deepEqual(table.getColumn("above_1pct").toArray(), [true, false]);
 * assert.equal(Math.round(table.getColumn("difference_pct").get(0)), 10);
 * ```
 */
export function vendorComparison(
  prices: pl.DataFrame,
  vendor: pl.DataFrame,
  vendorSource: string,
): pl.DataFrame {
  const rows: Record<string, unknown>[] = [];
  for (const modelId of [...recordsByModel(vendor).keys()].sort()) {
    const openrouter = priceOnDay(prices, modelId, null);
    if (openrouter === undefined) continue;
    const own = priceOnDay(vendor, modelId, openrouter.source_date, [
      vendorSource,
    ]) as (PriceRow & { vendor_model?: string }) | undefined;
    if (own === undefined) continue;
    for (const { part, column: name } of COMPARED_PARTS) {
      const a = (openrouter as unknown as Record<string, number | null>)[name];
      const b = (own as unknown as Record<string, number | null>)[name];
      if (a == null || b == null) continue;
      const difference = b === 0 ? null : (a / b - 1) * 100;
      rows.push({
        model_id: modelId,
        part,
        openrouter_usd_per_mtok: a,
        vendor_usd_per_mtok: b,
        difference_pct: difference,
        above_1pct: difference === null ? a !== 0 : Math.abs(difference) > 1,
        openrouter_source: openrouter.source,
        openrouter_date: openrouter.source_date,
        vendor_model: own.vendor_model ?? "",
      });
    }
  }
  return frameOf(rows, VENDOR_COMPARISON_SCHEMA);
}
