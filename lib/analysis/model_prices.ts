/**
 * What the what-if engine knows about a model: its id as the price tables
 * spell it, its list price in force on a day, and the cached share to assume
 * when a workload gives none.
 *
 * The price in force on a day is the price book's one rule (`priceOnDay()`
 * in `lib/analysis/price_book.ts`): the latest record dated on or before
 * that day in OpenRouter's price history or its models list; on the same day
 * the price history wins.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { PriceRow } from "./cost.ts";
import { hasPrice, priceOnDay } from "./price_book.ts";
import { findModel } from "./model_info.ts";
import {
  findObserved,
  OBSERVED_PRICES_SOURCE,
} from "../loading/observed_prices.ts";

/** The frames the engine prices with: `priceRows()`' prices and three workspace frames. */
export interface PriceBook {
  /** Dated prices, from `priceRows()`. */
  prices: pl.DataFrame;
  /** Model identity (`models.csv`), to resolve aliases such as `minimax/m2.7`. */
  modelIdentity: pl.DataFrame;
  /** openrouter.ai's observed cache-hit rates (`loadObservedPrices()`); may be empty. */
  observedPrices: pl.DataFrame;
  /** The tracker's weekly rows (`loadInferenceStats()`); may be empty. */
  inference: pl.DataFrame;
}

/** A cached share and where it comes from. */
export interface CacheShare {
  /** Fraction 0–1 of prompt tokens read from cache. */
  share: number;
  /** Where the share comes from, in words with its date. */
  basis: string;
}

/**
 * Strip the `openrouter/` routing prefix of an id written as in an
 * `openclaw.json` (`openrouter/deepseek/deepseek-v4-flash`), keeping ids whose
 * vendor is OpenRouter itself (`openrouter/owl-alpha`).
 *
 * @param id A model id, with or without the prefix.
 * @returns The id without the prefix.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(stripRoutingPrefix("openrouter/deepseek/deepseek-v4-flash"), "deepseek/deepseek-v4-flash");
 * assert.equal(stripRoutingPrefix("openrouter/openrouter/owl-alpha"), "openrouter/owl-alpha");
 * assert.equal(stripRoutingPrefix("openrouter/owl-alpha"), "openrouter/owl-alpha");
 * ```
 */
export function stripRoutingPrefix(id: string): string {
  const trimmed = id.trim();
  const rest = trimmed.slice("openrouter/".length);
  return trimmed.startsWith("openrouter/") && rest.includes("/")
    ? rest
    : trimmed;
}

/**
 * Resolve a model id as a policy or workload writes it to the id the price
 * tables use: the prefix stripped, then the id itself when some source
 * prices it, else the model-identity table's id for a matching name or
 * alias (`minimax/m2.7` → `minimax/minimax-m2.7`).
 *
 * @param book The price book.
 * @param id The id as written.
 * @returns The resolved id, or undefined when no table knows the model.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { priceRows } from "./prices.ts";
 * const ws = await loadWorkspace("data");
 * const book = { ...ws, prices: priceRows(ws).prices };
 * assert.equal(resolveModelId(book, "openrouter/minimax/m2.7"), "minimax/minimax-m2.7");
 * assert.equal(resolveModelId(book, "acme/unknown-1"), undefined);
 * ```
 */
export function resolveModelId(
  book: PriceBook,
  id: string,
): string | undefined {
  const bare = stripRoutingPrefix(id);
  if (bare === "") return undefined;
  if (hasPrice(book.prices, bare)) return bare;
  let permaslug: string | undefined;
  try {
    permaslug = findModel(book.modelIdentity, bare);
  } catch {
    return undefined;
  }
  if (permaslug === undefined) return undefined;
  const row = book.modelIdentity.filter(
    pl.col("permaslug").eq(pl.lit(permaslug)),
  ).toRecords()[0] as { model_id?: string | null } | undefined;
  const modelId = row?.model_id ?? "";
  return modelId === "" ? undefined : modelId;
}

/**
 * The list price of a model in force on a day: the more recent of the
 * latest price-history record and the latest models-list snapshot dated on
 * or before the day (the price history on a tie).
 *
 * @param book The price book.
 * @param modelId A resolved model id.
 * @param asOf The day, `YYYY-MM-DD`; null for the latest record.
 * @returns The price row with its source and date, or undefined when neither source has one.
 *
 * @example DeepSeek V4 Flash on the case study's date
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { priceRows } from "./prices.ts";
 * const ws = await loadWorkspace("data");
 * const book = { ...ws, prices: priceRows(ws).prices };
 * const price = listPriceOn(book, "deepseek/deepseek-v4-flash", "2026-05-24");
 * assert.equal(price?.source_date, "2026-05-22");
 * assert.equal(price?.input_usd_per_mtok, 0.1);
 * ```
 */
export function listPriceOn(
  book: PriceBook,
  modelId: string,
  asOf: string | null,
): PriceRow | undefined {
  return priceOnDay(book.prices, modelId, asOf);
}

/**
 * The cached share to assume for a model when a workload gives no cached
 * tokens: the `--cache-hit` option when given, else the model's observed
 * cache-hit rate on openrouter.ai (latest snapshot), else the tracker's
 * cached share of prompt tokens in its latest week with the model, else 0.
 * The basis says which, with its date.
 *
 * @param book The price book.
 * @param modelId A resolved model id.
 * @param cacheHit The `--cache-hit` option, or null.
 * @returns The share and its basis.
 *
 * @example The observed rate wins over the tracker's share
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { priceRows } from "./prices.ts";
 * const ws = await loadWorkspace("data");
 * const book = { ...ws, prices: priceRows(ws).prices };
 * const flash = defaultCacheShare(book, "deepseek/deepseek-v4-flash", null);
 * assert.equal(flash.share.toFixed(3), "0.685");
 * assert.match(flash.basis, /observed .* 2026-08-28/);
 * assert.equal(defaultCacheShare(book, "deepseek/deepseek-v4-flash", 0.5).share, 0.5);
 * ```
 */
export function defaultCacheShare(
  book: PriceBook,
  modelId: string,
  cacheHit: number | null,
): CacheShare {
  if (cacheHit !== null) {
    return { share: cacheHit, basis: `--cache-hit ${cacheHit}` };
  }
  const observed = findObserved(book.observedPrices, modelId);
  if (observed !== undefined) {
    return {
      share: observed.weighted_cache_hit_rate,
      basis: `observed cache-hit rate ${
        observed.weighted_cache_hit_rate.toFixed(3)
      } (${OBSERVED_PRICES_SOURCE}, ${observed.snapshot_date})`,
    };
  }
  const slugs = book.modelIdentity.filter(
    pl.col("model_id").eq(pl.lit(modelId)),
  ).getColumn("permaslug").toArray() as string[];
  const weeks = book.inference.height === 0 ? book.inference : book.inference
    .filter(
      pl.col("slug").isIn(slugs).and(pl.col("prompt_tokens").gt(0)),
    ).sort("snapshot_date");
  if (weeks.height > 0) {
    const last = weeks.tail(1).toRecords()[0] as {
      snapshot_date: string;
      prompt_tokens: number;
      cached_tokens: number;
    };
    const share = last.cached_tokens / last.prompt_tokens;
    return {
      share,
      basis: `tracker's cached share ${
        share.toFixed(3)
      } (inference-stats, week of ${last.snapshot_date})`,
    };
  }
  return { share: 0, basis: "no cached share known: none assumed" };
}

/** Edit distance (insertions, deletions, substitutions) between two ids. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The known model ids nearest an id nobody knows, for a problem line: the
 * price book's ids by edit distance (ties by id), at most `count`.
 *
 * @param book The price book.
 * @param id The id as written.
 * @param count How many (default 3).
 * @returns The nearest ids.
 *
 * @example A typo
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const book = { prices: pl.DataFrame({ model_id: ["anthropic/claude-sonnet-4.5", "openai/gpt-5"] }) } as never;
 * assert.deepEqual(nearestModelIds(book, "anthropic/claude-sonet-4.5", 1), ["anthropic/claude-sonnet-4.5"]);
 * ```
 */
export function nearestModelIds(
  book: Pick<PriceBook, "prices">,
  id: string,
  count = 3,
): string[] {
  const bare = stripRoutingPrefix(id);
  const ids = [
    ...new Set(book.prices.getColumn("model_id").toArray() as string[]),
  ];
  return ids.map((known) => ({ known, distance: editDistance(bare, known) }))
    .sort((a, b) => a.distance - b.distance || a.known.localeCompare(b.known))
    .slice(0, count).map((x) => x.known);
}

/** The problem text for a model no table knows, naming the nearest known ids. */
export function unknownModelExpected(
  book: Pick<PriceBook, "prices">,
  id: string,
): string {
  const nearest = nearestModelIds(book, id);
  return `a model known to the price tables or data/reference/models.csv${
    nearest.length === 0 ? "" : ` (nearest known: ${nearest.join(", ")})`
  }`;
}
