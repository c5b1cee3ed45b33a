/**
 * The bill of one request (or of a bucket of requests that share their
 * rates), exactly, in decimals, from every part of the price in force:
 *
 * - uncached input = prompt − cached − cache writes (5 min) − cache writes (1 h);
 * - each part at its rate: uncached at `prompt`, cached at
 *   `input_cache_read`, writes at `input_cache_write` and
 *   `input_cache_write_1h`; completion tokens other than reasoning at
 *   `completion`, reasoning tokens (part of the completion) at
 *   `internal_reasoning` when the price gives one, else at `completion`;
 * - plus `request` × requests and `web_search` × searches;
 * - all × (1 − `discount`);
 * - the rates come from the overrides that apply (`ratesFor()`: prompt
 *   tokens per request strictly above `min_prompt_tokens`; the request's UTC
 *   time of day inside a window);
 * - a missing cache price (read, 5-minute or 1-hour write) is billed at the
 *   input rate, and the bill says so in its assumptions.
 *
 * Every product and sum is exact (`ExactDecimal`): rates are the decimals
 * the price files wrote, counts are whole numbers, so the bill is exact to
 * the last digit; `usd` is the nearest float of the exact `usd_text`.
 *
 * @module
 */
import type { PriceRow } from "./cost.ts";
import { type AppliedRates, ratesFor } from "./price_book.ts";
import {
  addExact,
  decimalText,
  type ExactDecimal,
  exactDecimal,
  exactToNumber,
  mulExact,
} from "../loading/decimal.ts";
import type { RateColumn } from "../loading/models_list.ts";

/** The token and request counts of a request, or of a bucket of requests priced alike. */
export interface RequestUsage {
  /** Prompt tokens, cached and cache-written ones included. */
  prompt_tokens: number;
  /** Completion tokens, reasoning included. */
  completion_tokens: number;
  /** Prompt tokens read from the cache (default 0). */
  cached_tokens?: number;
  /** Prompt tokens written to the 5-minute cache (default 0). */
  cache_write_tokens?: number;
  /** Prompt tokens written to the 1-hour cache (default 0). */
  cache_write_1h_tokens?: number;
  /** Completion tokens spent reasoning (default 0). */
  reasoning_tokens?: number;
  /** Requests (default 1). */
  requests?: number;
  /** Web searches (default 0). */
  web_searches?: number;
}

/** Options of {@linkcode requestBill}. */
export interface RequestBillOptions {
  /** The request's UTC time of day `HH:MM:SS`, for time-of-day overrides; null or absent: unknown. */
  utcTime?: string | null;
  /** The prompt tokens per request that choose the long-context overrides; absent: `prompt_tokens / requests`. */
  promptPerRequest?: number;
}

/** The parts of a bill, in USD, exact. */
export interface BillParts {
  uncached_input: ExactDecimal;
  cache_read: ExactDecimal;
  cache_write_5m: ExactDecimal;
  cache_write_1h: ExactDecimal;
  completion: ExactDecimal;
  reasoning: ExactDecimal;
  request: ExactDecimal;
  web_search: ExactDecimal;
}

/** The bill of a request. */
export interface RequestBill {
  /** The total, USD, the float nearest {@linkcode RequestBill.usd_text}. */
  usd: number;
  /** The exact total, USD, as decimal text. */
  usd_text: string;
  /** The exact total. */
  exact: ExactDecimal;
  /** Each part before the discount, exact, USD. */
  parts: BillParts;
  /** The rates used and the overrides that gave them. */
  applied: AppliedRates;
  /** Assumptions, in words (a missing cache price billed at the input rate, a window not applied). */
  assumptions: string[];
}

const PER_MTOK = exactDecimal("1e-6");
const ZERO: ExactDecimal = { units: 0n, scale: 0 };

function count(name: string, value: number | undefined): number {
  const n = value ?? 0;
  if (!(Number.isFinite(n) && n >= 0)) {
    throw new RangeError(
      `Cannot bill a request: ${name} is ${value}, expected a non-negative count`,
    );
  }
  return n;
}

/**
 * Bill one request, or a bucket of requests that share their rates (the
 * long-context switch is taken on the prompt tokens per request:
 * `prompt_tokens / requests`).
 *
 * @param usage The counts.
 * @param price The price record in force on the request's day.
 * @param options The request's UTC time of day.
 * @returns The exact bill with its parts, rates and assumptions.
 * @throws {RangeError} When a count is negative or not finite, the cache parts exceed the prompt, or reasoning exceeds the completion.
 *
 * @example Sonnet 4.5: a 10K-token prompt with 6K read from cache and 2K written for an hour
 * ```ts
 * import assert from "node:assert/strict";
 * const sonnet = { source: "s", source_date: "2026-05-01", model_id: "anthropic/claude-sonnet-4.5", input_usd_per_mtok: 3, output_usd_per_mtok: 15, cache_read_usd_per_mtok: 0.3, cache_write_usd_per_mtok: 3.75, cache_write_1h_usd_per_mtok: 6 };
 * const bill = requestBill({ prompt_tokens: 10_000, cached_tokens: 6_000, cache_write_1h_tokens: 2_000, completion_tokens: 500 }, sonnet);
 * // 2K × $3 + 6K × $0.30 + 2K × $6 + 500 × $15, per million = 0.006 + 0.0018 + 0.012 + 0.0075
 * assert.equal(bill.usd_text, "0.0273");
 * ```
 */
export function requestBill(
  usage: RequestUsage,
  price: PriceRow,
  options: RequestBillOptions = {},
): RequestBill {
  const prompt = count("prompt_tokens", usage.prompt_tokens);
  const completion = count("completion_tokens", usage.completion_tokens);
  const cached = count("cached_tokens", usage.cached_tokens);
  const write5m = count("cache_write_tokens", usage.cache_write_tokens);
  const write1h = count("cache_write_1h_tokens", usage.cache_write_1h_tokens);
  const reasoning = count("reasoning_tokens", usage.reasoning_tokens);
  const requests = count("requests", usage.requests ?? 1);
  const searches = count("web_searches", usage.web_searches);
  const uncached = prompt - cached - write5m - write1h;
  if (uncached < 0) {
    throw new RangeError(
      `Cannot bill a request: cached_tokens + cache_write_tokens + cache_write_1h_tokens = ${
        cached + write5m + write1h
      } exceed prompt_tokens ${prompt}`,
    );
  }
  if (reasoning > completion) {
    throw new RangeError(
      `Cannot bill a request: reasoning_tokens ${reasoning} exceed completion_tokens ${completion}`,
    );
  }
  const perRequest = options.promptPerRequest ??
    (requests > 0 ? prompt / requests : prompt);
  const applied = ratesFor(price, perRequest, options.utcTime ?? null);
  const rates = applied.rates;
  const assumptions: string[] = [];
  const where = `${price.source} ${price.source_date ?? "(undated)"}`;
  const input = rates.input_usd_per_mtok ?? 0;
  const orInput = (column: RateColumn, tokens: number, what: string) => {
    const rate = rates[column];
    if (rate !== null) return rate;
    if (tokens > 0) {
      assumptions.push(
        `${price.model_id}: no ${what} price in ${where}; ${what} tokens billed at the input rate`,
      );
    }
    return input;
  };
  const tokensAt = (tokens: number, usdPerMtok: number) =>
    tokens === 0 || usdPerMtok === 0
      ? ZERO
      : mulExact(exactDecimal(tokens), exactDecimal(usdPerMtok), PER_MTOK);
  const output = rates.output_usd_per_mtok ?? 0;
  const parts: BillParts = {
    uncached_input: tokensAt(uncached, input),
    cache_read: tokensAt(
      cached,
      orInput("cache_read_usd_per_mtok", cached, "cache-read"),
    ),
    cache_write_5m: tokensAt(
      write5m,
      orInput("cache_write_usd_per_mtok", write5m, "cache-write (5 min)"),
    ),
    cache_write_1h: tokensAt(
      write1h,
      orInput("cache_write_1h_usd_per_mtok", write1h, "cache-write (1 h)"),
    ),
    completion: tokensAt(completion - reasoning, output),
    reasoning: tokensAt(reasoning, rates.reasoning_usd_per_mtok ?? output),
    request: rates.request_usd === null || requests === 0
      ? ZERO
      : mulExact(exactDecimal(requests), exactDecimal(rates.request_usd)),
    web_search: rates.web_search_usd === null || searches === 0
      ? ZERO
      : mulExact(exactDecimal(searches), exactDecimal(rates.web_search_usd)),
  };
  if (applied.windowUnknown) {
    assumptions.push(
      `${price.model_id}: ${where} has a time-of-day price; the request has no time, so it is billed at the rates outside every window`,
    );
  }
  let exact = addExact(...Object.values(parts));
  if (rates.discount !== null && rates.discount !== 0) {
    exact = mulExact(
      exact,
      addExact({ units: 1n, scale: 0 }, {
        ...exactDecimal(rates.discount),
        units: -exactDecimal(rates.discount).units,
      }),
    );
  }
  return {
    usd: exactToNumber(exact),
    usd_text: decimalText(exact),
    exact,
    parts,
    applied,
    assumptions,
  };
}
