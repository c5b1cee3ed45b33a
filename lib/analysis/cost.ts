/**
 * The cost of one request or agent task from token counts and a price row.
 *
 * Cached tokens are part of the prompt (input) tokens, as OpenRouter reports
 * them and as LiteLLM prices them: they are billed at the cache-read rate
 * instead of the input rate, never on top of it. Reasoning tokens are part of
 * the output and billed at the output rate.
 *
 * @module
 */

/** One model's prices from one dated source, USD per million tokens. */
export interface PriceRow {
  /** Where the prices come from, e.g. "OpenRouter models list". */
  source: string;
  /** The date of the source, `YYYY-MM-DD`. */
  source_date: string;
  /** The model id, e.g. `deepseek/deepseek-v4-flash`. */
  model_id: string;
  /** Uncached input price. */
  input_usd_per_mtok: number;
  /** Output price (reasoning included). */
  output_usd_per_mtok: number;
  /** Cache-read price; null when the source gives none. */
  cache_read_usd_per_mtok: number | null;
  /** Cache-write price (5-minute); null when the source gives none. */
  cache_write_usd_per_mtok: number | null;
  /** One-hour cache-write price; null or absent when the source gives none. */
  cache_write_1h_usd_per_mtok?: number | null;
  /** Reasoning price (reasoning tokens are part of the output); null or absent: billed at the output rate. */
  reasoning_usd_per_mtok?: number | null;
  /** USD per request; null or absent when none. */
  request_usd?: number | null;
  /** USD per web search; null or absent when none. */
  web_search_usd?: number | null;
  /** USD per input image; null or absent when none. */
  image_usd?: number | null;
  /** Fraction 0–1 taken off the whole bill; null or absent when none. */
  discount?: number | null;
  /** `overrides[]` as JSON text of `PriceOverride`s (`lib/loading/models_list.ts`); absent: none. */
  overrides_json?: string;
}

/** The token counts of one task. */
export interface TaskTokens {
  /** Input (prompt) tokens, cached ones included. */
  inputTokens: number;
  /** Output (completion) tokens, reasoning included. */
  outputTokens: number;
  /** Fraction 0–1 of the input tokens read from the cache. */
  cacheHitRate: number;
  /** Input tokens written to the cache (billed at the cache-write rate instead of the input rate); default 0. */
  cacheWriteTokens?: number;
}

/**
 * How cached input is billed:
 * - `cache-read-rate`: at the cache-read price (OpenRouter's and LiteLLM's treatment);
 * - `cache-free`: not billed at all (what an article does when it drops cache reads);
 * - `no-cache`: no cache discount: every input token at the input price.
 */
export type CacheTreatment = "cache-read-rate" | "cache-free" | "no-cache";

/** A task's cost by component, USD, with the assumptions made. */
export interface TaskCost {
  /** Uncached input tokens × input price. */
  uncached_input_usd: number;
  /** Cached input tokens × cache-read price. */
  cache_read_usd: number;
  /** Cache-write tokens × cache-write price. */
  cache_write_usd: number;
  /** Output tokens × output price. */
  output_usd: number;
  /** The sum of the components. */
  total_usd: number;
  /** Assumptions the figure depends on, in words (empty when none). */
  assumptions: string[];
}

/**
 * Price one task.
 *
 * @param tokens The task's token counts.
 * @param price The model's price row.
 * @param treatment How cached input is billed (default `cache-read-rate`).
 * @returns The cost by component and the assumptions made. A price row with
 *   no cache-read price bills cached tokens at the input rate, and says so.
 * @throws {RangeError} When a count is negative or the hit rate is outside 0–1.
 *
 * @example The article's agent task on Claude Sonnet 4.5 list prices
 * ```ts
 * import assert from "node:assert/strict";
 * const sonnet = { source: "s", source_date: "2025-09-29", model_id: "anthropic/claude-sonnet-4.5", input_usd_per_mtok: 3, output_usd_per_mtok: 15, cache_read_usd_per_mtok: 0.3, cache_write_usd_per_mtok: 3.75 };
 * const cost = taskCost({ inputTokens: 100_000, outputTokens: 10_000, cacheHitRate: 0.8 }, sonnet);
 * // 20K × $3/M + 80K × $0.30/M + 10K × $15/M = 0.06 + 0.024 + 0.15
 * assert.ok(Math.abs(cost.total_usd - 0.234) < 1e-12);
 * ```
 */
export function taskCost(
  tokens: TaskTokens,
  price: PriceRow,
  treatment: CacheTreatment = "cache-read-rate",
): TaskCost {
  const { inputTokens, outputTokens, cacheHitRate } = tokens;
  const cacheWriteTokens = tokens.cacheWriteTokens ?? 0;
  if (!(inputTokens >= 0 && outputTokens >= 0 && cacheWriteTokens >= 0)) {
    throw new RangeError(
      `Cannot price a task with negative token counts: ${
        JSON.stringify(tokens)
      }`,
    );
  }
  if (!(cacheHitRate >= 0 && cacheHitRate <= 1)) {
    throw new RangeError(
      `Cannot price a task: cacheHitRate is ${cacheHitRate}, expected a fraction from 0 to 1`,
    );
  }
  const assumptions: string[] = [];
  const cached = treatment === "no-cache" ? 0 : inputTokens * cacheHitRate;
  const written = Math.min(cacheWriteTokens, inputTokens - cached);
  const uncached = inputTokens - cached - written;
  let cacheReadRate = price.cache_read_usd_per_mtok;
  if (treatment === "cache-free") {
    cacheReadRate = 0;
    if (cached > 0) assumptions.push("cache reads not billed");
  } else if (cacheReadRate === null && cached > 0) {
    cacheReadRate = price.input_usd_per_mtok;
    assumptions.push(
      `${price.model_id}: no cache-read price in ${price.source} ${price.source_date}; cached input billed at the input rate`,
    );
  }
  if (treatment === "no-cache" && inputTokens * cacheHitRate > 0) {
    assumptions.push("no cache discount: all input at the input rate");
  }
  let cacheWriteRate = price.cache_write_usd_per_mtok;
  if (cacheWriteRate === null && written > 0) {
    cacheWriteRate = price.input_usd_per_mtok;
    assumptions.push(
      `${price.model_id}: no cache-write price in ${price.source}; cache writes billed at the input rate`,
    );
  }
  const perToken = (usdPerMtok: number | null) => (usdPerMtok ?? 0) / 1e6;
  const cost = {
    uncached_input_usd: uncached * perToken(price.input_usd_per_mtok),
    cache_read_usd: cached * perToken(cacheReadRate),
    cache_write_usd: written * perToken(cacheWriteRate),
    output_usd: outputTokens * perToken(price.output_usd_per_mtok),
  };
  return {
    ...cost,
    total_usd: cost.uncached_input_usd + cost.cache_read_usd +
      cost.cache_write_usd + cost.output_usd,
    assumptions,
  };
}

/**
 * Input cost per million input tokens once cache hits are blended in.
 *
 * @param price The model's price row.
 * @param cacheHitRate Fraction 0–1 of input read from the cache.
 * @returns USD per million input tokens.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const p = { source: "s", source_date: "d", model_id: "m", input_usd_per_mtok: 0.098, output_usd_per_mtok: 0.196, cache_read_usd_per_mtok: 0.02, cache_write_usd_per_mtok: null };
 * assert.ok(Math.abs(blendedInputPrice(p, 0.9) - 0.0278) < 1e-12);
 * ```
 */
export function blendedInputPrice(
  price: PriceRow,
  cacheHitRate: number,
): number {
  const cost = taskCost(
    { inputTokens: 1e6, outputTokens: 0, cacheHitRate },
    price,
  );
  return cost.total_usd;
}
