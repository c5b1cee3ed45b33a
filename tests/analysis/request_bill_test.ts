import assert from "node:assert/strict";
import {
  calcPrice,
  type ModelPrice,
  type Provider,
} from "@pydantic/genai-prices";
import type { PriceRow } from "../../lib/analysis/cost.ts";
import {
  priceOnDay,
  priceRows,
  ratesFor,
} from "../../lib/analysis/price_book.ts";
import {
  requestBill,
  type RequestUsage,
} from "../../lib/analysis/request_bill.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import type { PriceOverride } from "../../lib/loading/models_list.ts";

// The oracle: genai-prices' calcPrice (MIT, an independent implementation),
// given the same rates as a custom provider and the same usage in its own
// conventions (input_tokens include cache reads and writes; cache_write_tokens
// include the 1-hour writes; output_tokens include output_reasoning_tokens;
// requests_kcount is charged once per call, so the oracle bills one request).

const GENAI_KEYS: Record<string, { key: string; per: number }> = {
  input_usd_per_mtok: { key: "input_mtok", per: 1 },
  output_usd_per_mtok: { key: "output_mtok", per: 1 },
  cache_read_usd_per_mtok: { key: "cache_read_mtok", per: 1 },
  cache_write_usd_per_mtok: { key: "cache_write_mtok", per: 1 },
  cache_write_1h_usd_per_mtok: { key: "cache_write_1h_mtok", per: 1 },
  reasoning_usd_per_mtok: { key: "output_reasoning_mtok", per: 1 },
  request_usd: { key: "requests_kcount", per: 1000 },
  web_search_usd: { key: "web_searches_kcount", per: 1000 },
};

/** genai-prices' price set for rates; a missing cache price is given as the input rate (tokenbook's documented fallback). */
function genaiPrices(rates: Record<string, number | null>): ModelPrice {
  const price: ModelPrice = {};
  for (const [column, { key, per }] of Object.entries(GENAI_KEYS)) {
    let value = rates[column];
    if (value == null && column.startsWith("cache_")) {
      value = rates.input_usd_per_mtok;
    }
    if (value != null) price[key] = value * per;
  }
  return price;
}

/** The oracle's bill of one request under a record and its long-context/window overrides. */
function oracle(
  usage: Required<RequestUsage>,
  price: PriceRow,
  utcTime: string,
): number {
  // The rates genai-prices must use: for long-context tiers, its own TieredPrices;
  // time windows are resolved into the request's rates by the same ratesFor()
  // only when a window exists (genai-prices' time_of_date needs a full price set).
  const overrides = JSON.parse(price.overrides_json ?? "[]") as PriceOverride[];
  const hasWindow = overrides.some((o) => o.utc_start !== null);
  const base = ratesFor({ ...price, overrides_json: "[]" }, 0, null).rates;
  const prices = genaiPrices(base);
  if (!hasWindow) {
    for (const o of overrides) {
      for (const [column, value] of Object.entries(o.rates)) {
        const spec = GENAI_KEYS[column];
        const current = prices[spec.key] as
          | number
          | { base: number; tiers: { start: number; price: number }[] };
        const tier = { start: o.min_prompt_tokens!, price: value * spec.per };
        prices[spec.key] = typeof current === "number"
          ? { base: current, tiers: [tier] } as never
          : { ...current, tiers: [...current.tiers, tier] } as never;
      }
    }
  }
  const windowed = hasWindow
    ? [
      { prices },
      ...overrides.filter((o) => o.utc_start !== null).map((o) => ({
        constraint: {
          type: "time_of_date" as const,
          start_time: `${o.utc_start}Z`,
          end_time: `${o.utc_end}Z`,
        },
        prices: { ...prices, ...genaiPrices({ ...base, ...o.rates }) },
      })),
    ]
    : prices;
  const provider: Provider = {
    id: "tokenbook-test",
    name: "tokenbook test",
    api_pattern: ".*",
    models: [{ id: "m", match: { equals: "m" }, prices: windowed }],
  };
  const result = calcPrice(
    {
      input_tokens: usage.prompt_tokens,
      cache_read_tokens: usage.cached_tokens,
      cache_write_tokens: usage.cache_write_tokens +
        usage.cache_write_1h_tokens,
      cache_write_1h_tokens: usage.cache_write_1h_tokens,
      output_tokens: usage.completion_tokens,
      output_reasoning_tokens: usage.reasoning_tokens,
      web_searches: usage.web_searches,
    },
    "m",
    {
      provider,
      timestamp: new Date(`2026-05-20T${utcTime}Z`),
    },
  );
  assert.ok(result !== null);
  return result.total_price * (1 - (price.discount ?? 0));
}

/** A seeded generator (mulberry32), so every run draws the same usages. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function usages(seed: number, n: number): Required<RequestUsage>[] {
  const next = random(seed);
  const int = (max: number) => Math.floor(next() * (max + 1));
  return Array.from({ length: n }, () => {
    const prompt = int(next() < 0.3 ? 600_000 : 50_000);
    const cached = int(prompt);
    const write5m = int(prompt - cached);
    const write1h = int(prompt - cached - write5m);
    const completion = int(20_000);
    return {
      prompt_tokens: prompt,
      cached_tokens: cached,
      cache_write_tokens: write5m,
      cache_write_1h_tokens: write1h,
      completion_tokens: completion,
      reasoning_tokens: int(completion),
      requests: 1,
      web_searches: int(3),
    };
  });
}

function assertClose(actual: number, expected: number, label: string) {
  // genai-prices sums floats; tokenbook is exact. Relative tolerance 1e-12.
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1e-6, Math.abs(expected)),
    `${label}: ${actual} vs genai-prices ${expected}`,
  );
}

const { prices } = priceRows(await loadWorkspace("data"));

Deno.test("requestBill() equals genai-prices' calcPrice on 300 random requests for each of five bundled price records (cache writes, reasoning, web search)", () => {
  // Chosen for their parts in 2026-05-01.models.json: Sonnet 4.5 (cache read + write),
  // sonar-deep-research (internal_reasoning 3 against completion 8, web_search 0.005),
  // V4 Flash (no cache-write price: billed at the input rate), GPT-5 mini, Gemini 2.5 Flash.
  const models = [
    "anthropic/claude-sonnet-4.5",
    "perplexity/sonar-deep-research",
    "deepseek/deepseek-v4-flash",
    "openai/gpt-5-mini",
    "google/gemini-2.5-flash",
  ];
  models.forEach((model, i) => {
    const price = priceOnDay(prices, model, "2026-05-01")!;
    assert.ok(price !== undefined, model);
    for (const usage of usages(i + 1, 300)) {
      const bill = requestBill(usage, price, { utcTime: "12:00:00" });
      assertClose(bill.usd, oracle(usage, price, "12:00:00"), model);
    }
  });
});

const longContext: PriceRow = {
  source: "test",
  source_date: "2026-05-01",
  model_id: "acme/long",
  input_usd_per_mtok: 3,
  output_usd_per_mtok: 15,
  cache_read_usd_per_mtok: 0.3,
  cache_write_usd_per_mtok: 3.75,
  cache_write_1h_usd_per_mtok: 6,
  reasoning_usd_per_mtok: 10,
  request_usd: 0.0004,
  web_search_usd: 0.01,
  discount: 0.2,
  overrides_json: JSON.stringify([
    {
      min_prompt_tokens: 200000,
      utc_start: null,
      utc_end: null,
      rates: {
        input_usd_per_mtok: 6,
        output_usd_per_mtok: 22.5,
        cache_read_usd_per_mtok: 0.6,
        cache_write_usd_per_mtok: 7.5,
        cache_write_1h_usd_per_mtok: 12,
      },
    },
  ]),
};

Deno.test("requestBill() switches every rate of a request strictly above 200K prompt tokens, as genai-prices' tiers do, with request, search and discount", () => {
  for (const usage of usages(42, 400)) {
    const bill = requestBill(usage, longContext);
    assertClose(bill.usd, oracle(usage, longContext, "12:00:00"), "long");
    assert.equal(
      bill.applied.overrides.length,
      usage.prompt_tokens > 200_000 ? 1 : 0,
    );
  }
});

Deno.test("requestBill() prices a time-of-day window as genai-prices does: DeepSeek's peak hours", () => {
  const peak: PriceRow = {
    ...longContext,
    discount: null,
    overrides_json: JSON.stringify([{
      min_prompt_tokens: null,
      utc_start: "01:00:00",
      utc_end: "04:00:00",
      rates: { input_usd_per_mtok: 0.44, output_usd_per_mtok: 1.32 },
    }]),
  };
  for (const time of ["00:59:59", "01:00:00", "03:59:59", "04:00:00"]) {
    for (const usage of usages(7, 50)) {
      const bill = requestBill(usage, peak, { utcTime: time });
      assertClose(bill.usd, oracle(usage, peak, time), time);
    }
  }
});

Deno.test("requestBill() is exact to the last digit: 123,457 uncached tokens at $0.0028/M and a 10% discount", () => {
  const tiny: PriceRow = {
    source: "s",
    source_date: "d",
    model_id: "a/m",
    input_usd_per_mtok: 0.0028,
    output_usd_per_mtok: 0,
    cache_read_usd_per_mtok: null,
    cache_write_usd_per_mtok: null,
    discount: 0.1,
  };
  const bill = requestBill(
    { prompt_tokens: 123_457, completion_tokens: 0 },
    tiny,
  );
  // 123457 × 0.0028e-6 = 0.0003456796; × 0.9 = 0.00031111164
  assert.equal(bill.usd_text, "0.00031111164");
});

Deno.test("requestBill() bills a missing cache price at the input rate and says so, and bills reasoning at the completion rate when no reasoning price is given", () => {
  // V4 Flash in 2026-05-01.models.json: prompt 0.14, completion 0.28, cache read 0.0028, no cache write.
  const flash = priceOnDay(prices, "deepseek/deepseek-v4-flash", "2026-05-01")!;
  const bill = requestBill({
    prompt_tokens: 1_000_000,
    cache_write_tokens: 500_000,
    completion_tokens: 1_000_000,
    reasoning_tokens: 400_000,
  }, flash);
  // 0.5M × 0.14 + 0.5M × 0.14 (write at the input rate) + 0.6M × 0.28 + 0.4M × 0.28
  assert.equal(bill.usd_text, "0.42");
  assert.deepEqual(bill.assumptions, [
    "deepseek/deepseek-v4-flash: no cache-write (5 min) price in OpenRouter models list 2026-05-01; cache-write (5 min) tokens billed at the input rate",
  ]);
});

Deno.test("requestBill() takes the long-context switch on the mean prompt per request of a bucket", () => {
  // 3 requests of 300K-token prompts in one row: 900K prompt tokens, 300K per request > 200K.
  const bucket = requestBill(
    { prompt_tokens: 900_000, completion_tokens: 0, requests: 3 },
    { ...longContext, discount: null, request_usd: null },
  );
  assert.equal(bucket.usd_text, "5.4");
  // 5 requests of 150K each: 750K prompt tokens, below the switch.
  const small = requestBill(
    { prompt_tokens: 750_000, completion_tokens: 0, requests: 5 },
    { ...longContext, discount: null, request_usd: null },
  );
  assert.equal(small.usd_text, "2.25");
});

Deno.test("requestBill() refuses cache parts above the prompt, reasoning above the completion and negative counts", () => {
  assert.throws(
    () =>
      requestBill({
        prompt_tokens: 10,
        cached_tokens: 6,
        cache_write_tokens: 5,
        completion_tokens: 0,
      }, longContext),
    /cached_tokens \+ cache_write_tokens \+ cache_write_1h_tokens = 11 exceed prompt_tokens 10/,
  );
  assert.throws(
    () =>
      requestBill(
        { prompt_tokens: 1, completion_tokens: 1, reasoning_tokens: 2 },
        longContext,
      ),
    /reasoning_tokens 2 exceed completion_tokens 1/,
  );
  assert.throws(
    () => requestBill({ prompt_tokens: -1, completion_tokens: 0 }, longContext),
    RangeError,
  );
});
