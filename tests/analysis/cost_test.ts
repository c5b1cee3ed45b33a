import assert from "node:assert/strict";
import {
  blendedInputPrice,
  type PriceRow,
  taskCost,
} from "../../lib/analysis/cost.ts";

// Every expected figure below is worked out by hand in the comment next to it
// (token count × USD per million tokens ÷ 1e6). Sums of products of decimal
// prices are not exact in binary floating point, so USD figures are compared
// within USD_TOLERANCE, far below a thousandth of a cent.
const USD_TOLERANCE = 1e-12;

function assertUsd(actual: number, expected: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= USD_TOLERANCE,
    `${what}: got ${actual}, expected ${expected} ± ${USD_TOLERANCE}`,
  );
}

/** Claude Sonnet 4.5 list prices: data/reference/prices_history_openrouter.csv, 2025-09-30 record (3 / 15 / 0.3, cache write 3.75). */
const SONNET: PriceRow = {
  source: "OpenRouter price history (models.dev)",
  source_date: "2025-09-30",
  model_id: "anthropic/claude-sonnet-4.5",
  input_usd_per_mtok: 3,
  output_usd_per_mtok: 15,
  cache_read_usd_per_mtok: 0.3,
  cache_write_usd_per_mtok: 3.75,
};

/** DeepSeek V4 Flash launch prices: prices_history_openrouter.csv, 2026-04-24 record (0.14 / 0.28 / 0.028). */
const FLASH_AT_LAUNCH: PriceRow = {
  source: "OpenRouter price history (models.dev)",
  source_date: "2026-04-24",
  model_id: "deepseek/deepseek-v4-flash",
  input_usd_per_mtok: 0.14,
  output_usd_per_mtok: 0.28,
  cache_read_usd_per_mtok: 0.028,
  cache_write_usd_per_mtok: null,
};

/** DeepSeek V4 Flash as the 000 article's price table states it: data/reference/article_prices.csv (0.098 / 0.197, no cache-read price). */
const FLASH_AS_STATED: PriceRow = {
  source: "The OpenRouter Pricing Truth (AI Notes)",
  source_date: "2026-06-08",
  model_id: "deepseek/deepseek-v4-flash",
  input_usd_per_mtok: 0.098,
  output_usd_per_mtok: 0.197,
  cache_read_usd_per_mtok: null,
  cache_write_usd_per_mtok: null,
};

/** The 000 article's agent task, section "OpenRouter's real pricing is not what the sticker shows": 100K input + 10K output, 80% of input cache-hit. */
const TASK = { inputTokens: 100_000, outputTokens: 10_000, cacheHitRate: 0.8 };

Deno.test("taskCost() prices cached input at the cache-read rate, never on top of the input rate", () => {
  const cost = taskCost(TASK, SONNET);
  // 20K uncached × $3/M = 0.06; 80K cached × $0.30/M = 0.024; 10K out × $15/M = 0.15.
  assertUsd(cost.uncached_input_usd, 0.06, "uncached input");
  assertUsd(cost.cache_read_usd, 0.024, "cache read");
  assertUsd(cost.cache_write_usd, 0, "cache write");
  assertUsd(cost.output_usd, 0.15, "output");
  assertUsd(cost.total_usd, 0.234, "total");
  // Billing cached tokens on top of the input rate would give
  // 100K × $3/M + 80K × $0.30/M + 0.15 = 0.474; the cost must not be that.
  assert.ok(Math.abs(cost.total_usd - 0.474) > 0.1);
  assert.deepEqual(cost.assumptions, []);
});

Deno.test("taskCost() gives the article's $0.21 for Sonnet 4.5 only when cache reads are not billed", () => {
  // 000 article: "Claude Sonnet 4.5: ≈ $0.21" (pt-41). 20K × $3/M + 10K × $15/M = 0.06 + 0.15.
  const cost = taskCost(TASK, SONNET, "cache-free");
  assertUsd(cost.cache_read_usd, 0, "cache read");
  assertUsd(cost.total_usd, 0.21, "total");
  assert.deepEqual(cost.assumptions, ["cache reads not billed"]);
});

Deno.test("taskCost() without a cache discount bills all input at the input rate", () => {
  // 100K × $3/M + 10K × $15/M = 0.30 + 0.15.
  const cost = taskCost(TASK, SONNET, "no-cache");
  assertUsd(cost.uncached_input_usd, 0.3, "uncached input");
  assertUsd(cost.cache_read_usd, 0, "cache read");
  assertUsd(cost.total_usd, 0.45, "total");
  assert.deepEqual(cost.assumptions, [
    "no cache discount: all input at the input rate",
  ]);
});

Deno.test("taskCost() gives the article's ≈ $0.008 for DeepSeek V4 Flash at launch prices", () => {
  // 000 article: "DeepSeek V4 Flash: ≈ $0.008" (pt-40).
  // 20K × $0.14/M = 0.0028; 80K × $0.028/M = 0.00224; 10K × $0.28/M = 0.0028 → 0.00784.
  const cost = taskCost(TASK, FLASH_AT_LAUNCH);
  assertUsd(cost.uncached_input_usd, 0.0028, "uncached input");
  assertUsd(cost.cache_read_usd, 0.00224, "cache read");
  assertUsd(cost.output_usd, 0.0028, "output");
  assertUsd(cost.total_usd, 0.00784, "total");
  // "≈ $0.008" read as ±half a unit of the last digit, ±0.0005.
  assert.ok(Math.abs(cost.total_usd - 0.008) <= 0.0005);
});

Deno.test("taskCost() bills cached input at the input rate when a price row has no cache-read price, and says so", () => {
  // 20K × $0.098/M = 0.00196; 80K cached, no cache-read price → × $0.098/M = 0.00784;
  // 10K × $0.197/M = 0.00197 → 0.01177.
  const cost = taskCost(TASK, FLASH_AS_STATED);
  assertUsd(cost.uncached_input_usd, 0.00196, "uncached input");
  assertUsd(cost.cache_read_usd, 0.00784, "cache read at the input rate");
  assertUsd(cost.total_usd, 0.01177, "total");
  assert.equal(cost.assumptions.length, 1);
  assert.match(cost.assumptions[0], /^deepseek\/deepseek-v4-flash: /);
  assert.match(cost.assumptions[0], /no cache-read price/);
  assert.match(
    cost.assumptions[0],
    /The OpenRouter Pricing Truth \(AI Notes\)/,
  );
  assert.match(cost.assumptions[0], /cached input billed at the input rate/);
});

Deno.test("taskCost() makes no cache-read assumption when nothing is cached", () => {
  // 100K × $0.098/M + 10K × $0.197/M = 0.0098 + 0.00197 = 0.01177.
  const cost = taskCost({ ...TASK, cacheHitRate: 0 }, FLASH_AS_STATED);
  assertUsd(cost.total_usd, 0.01177, "total");
  assert.deepEqual(cost.assumptions, []);
});

Deno.test("taskCost() bills cache writes at the cache-write rate instead of the input rate", () => {
  // 80K cached × $0.30/M = 0.024; 10K written × $3.75/M = 0.0375;
  // 10K uncached × $3/M = 0.03; 10K out × $15/M = 0.15 → 0.2415.
  const cost = taskCost({ ...TASK, cacheWriteTokens: 10_000 }, SONNET);
  assertUsd(cost.uncached_input_usd, 0.03, "uncached input");
  assertUsd(cost.cache_write_usd, 0.0375, "cache write");
  assertUsd(cost.total_usd, 0.2415, "total");
});

Deno.test("taskCost() accepts hit rates of exactly 0 and 1", () => {
  // 0%: 100K × $3/M + 0.15 = 0.45; 100%: 100K × $0.30/M + 0.15 = 0.18.
  assertUsd(
    taskCost({ ...TASK, cacheHitRate: 0 }, SONNET).total_usd,
    0.45,
    "0%",
  );
  assertUsd(
    taskCost({ ...TASK, cacheHitRate: 1 }, SONNET).total_usd,
    0.18,
    "100%",
  );
});

Deno.test("taskCost() throws a RangeError on negative token counts", () => {
  assert.throws(
    () => taskCost({ ...TASK, inputTokens: -1 }, SONNET),
    RangeError,
  );
  assert.throws(
    () => taskCost({ ...TASK, outputTokens: -10_000 }, SONNET),
    RangeError,
  );
  assert.throws(
    () => taskCost({ ...TASK, cacheWriteTokens: -5 }, SONNET),
    /negative token counts/,
  );
});

Deno.test("taskCost() throws a RangeError on a hit rate outside 0–1", () => {
  assert.throws(
    () => taskCost({ ...TASK, cacheHitRate: 1.01 }, SONNET),
    (error: unknown) =>
      error instanceof RangeError &&
      /cacheHitRate is 1\.01/.test(error.message),
  );
  assert.throws(
    () => taskCost({ ...TASK, cacheHitRate: -0.1 }, SONNET),
    RangeError,
  );
  // A percent passed where a fraction is expected.
  assert.throws(
    () => taskCost({ ...TASK, cacheHitRate: 80 }, SONNET),
    RangeError,
  );
  assert.throws(
    () => taskCost({ ...TASK, cacheHitRate: NaN }, SONNET),
    RangeError,
  );
});

Deno.test("blendedInputPrice() at a 90% hit rate gives $0.0278/M for V4 Flash, not the article's ~$0.044/M", () => {
  // Prices: prices_history_openrouter.csv 2026-06-12 record for V4 Flash, 0.098 input / 0.02 cache read.
  const flash: PriceRow = {
    ...FLASH_AT_LAUNCH,
    source_date: "2026-06-12",
    input_usd_per_mtok: 0.098,
    output_usd_per_mtok: 0.196,
    cache_read_usd_per_mtok: 0.02,
  };
  // 0.1 × 0.098 + 0.9 × 0.02 = 0.0098 + 0.018 = 0.0278.
  const blended = blendedInputPrice(flash, 0.9);
  assertUsd(blended, 0.0278, "blended input price");
  // 000 article, section ③ (pt-24): "pulling weighted average input cost toward
  // ~$0.044/M". "~" read as ±5% (±0.0022); 0.0278 is far outside it.
  assert.ok(Math.abs(blended - 0.044) > 0.044 * 0.05);
  // The blend ignores output: the same at any output price.
  assertUsd(
    blendedInputPrice({ ...flash, output_usd_per_mtok: 99 }, 0.9),
    0.0278,
    "blend with another output price",
  );
});

Deno.test("taskCost() throws a RangeError on a token count that is not a number", () => {
  // A claim parameter such as "input=100K" reaches taskCost as Number("100K") = NaN;
  // it must stop with a RangeError like a negative count, not price the task at NaN.
  assert.throws(
    () => taskCost({ ...TASK, inputTokens: NaN }, SONNET),
    RangeError,
  );
  assert.throws(
    () => taskCost({ ...TASK, outputTokens: NaN }, SONNET),
    RangeError,
  );
});
