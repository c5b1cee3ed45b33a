import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  findPrice,
  MODELS_LIST_SOURCE,
  PRICE_HISTORY_SOURCE,
  priceDates,
  priceRows,
} from "../../lib/analysis/prices.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";

// Expected counts and prices were read outside this code, with python3 over
// data/reference/prices_history_openrouter.csv (190 records),
// data/raw/openrouter-models/2026-05-01.models.json (371 models) and
// data/reference/article_prices.csv (4 rows):
//   history kept   = records with input and output, not both 0          → 174
//   history left out: 16 (5 without input/output, 11 priced 0/0)
//   models list kept = not ":free", not a router (price "-1"), priced  → 339
//   article prices = 4
// Prices are USD per million tokens, compared exactly: they are the decimal
// values of the files, converted once (the models list's USD per token × 1e6
// is converted digit by digit in lib/loading/decimal.ts).

const ws = await loadWorkspace("data");
const { prices, skipped } = priceRows(ws);
const ARTICLE_SOURCE = "The OpenRouter Pricing Truth (AI Notes)";
const FLASH = "deepseek/deepseek-v4-flash";

function count(frame: pl.DataFrame, source: string): number {
  return frame.filter(pl.col("source").eq(pl.lit(source))).height;
}

Deno.test("priceRows() gathers the models list, the price history and the article prices", () => {
  assert.equal(count(prices, MODELS_LIST_SOURCE), 339);
  assert.equal(count(prices, PRICE_HISTORY_SOURCE), 174);
  assert.equal(count(prices, ARTICLE_SOURCE), 4);
  assert.equal(prices.height, 339 + 174 + 4);
  assert.deepEqual(prices.columns, [
    "source",
    "source_date",
    "model_id",
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
    "overrides_json",
  ]);
  // No ":free" variant and no router (openrouter/auto prices "-1") is a price row.
  const ids = prices.getColumn("model_id").toArray() as string[];
  assert.equal(ids.filter((id) => id.endsWith(":free")).length, 0);
  assert.equal(ids.includes("openrouter/auto"), false);
});

Deno.test("priceRows() keeps each source's own figures for one model", () => {
  // 2026-05-01.models.json, deepseek/deepseek-v4-flash pricing: prompt
  // "0.00000014", completion "0.00000028", input_cache_read "0.0000000028"
  // → 0.14 / 0.28 / 0.0028 per M (the list's cache read is 1/50 of input).
  assert.deepEqual(findPrice(prices, FLASH, MODELS_LIST_SOURCE), {
    source: MODELS_LIST_SOURCE,
    source_date: "2026-05-01",
    model_id: FLASH,
    input_usd_per_mtok: 0.14,
    output_usd_per_mtok: 0.28,
    cache_read_usd_per_mtok: 0.0028,
    cache_write_usd_per_mtok: null,
    cache_write_1h_usd_per_mtok: null,
    reasoning_usd_per_mtok: null,
    request_usd: null,
    web_search_usd: null,
    image_usd: null,
    discount: null,
    overrides_json: "[]",
  });
  // article_prices.csv: "DeepSeek V4 Flash ~$0.098 ~$0.197", no cache-read price.
  assert.deepEqual(findPrice(prices, FLASH, ARTICLE_SOURCE), {
    source: ARTICLE_SOURCE,
    source_date: "2026-06-08",
    model_id: FLASH,
    input_usd_per_mtok: 0.098,
    output_usd_per_mtok: 0.197,
    cache_read_usd_per_mtok: null,
    cache_write_usd_per_mtok: null,
    cache_write_1h_usd_per_mtok: null,
    reasoning_usd_per_mtok: null,
    request_usd: null,
    web_search_usd: null,
    image_usd: null,
    discount: null,
    overrides_json: "[]",
  });
});

Deno.test("priceRows() leaves out the 2026-06-25 all-zero V4 Flash record and the 2026-04-24 empty one, with reasons", () => {
  // prices_history_openrouter.csv line 21: deepseek/deepseek-v4-flash,2026-06-25,…,0,0,0
  // line 11: deepseek/deepseek-v4-flash,2026-04-24,8a0c3cb…,,,,,1048576
  const flashSkipped = skipped.filter((s) => s.model_id === FLASH);
  assert.deepEqual(flashSkipped, [
    {
      source: PRICE_HISTORY_SOURCE,
      source_date: "2026-04-24",
      model_id: FLASH,
      reason: "record without input/output prices",
    },
    {
      source: PRICE_HISTORY_SOURCE,
      source_date: "2026-06-25",
      model_id: FLASH,
      reason:
        "all-zero prices: a free model, or a sync artefact of a paid one; not a list price",
    },
  ]);
  assert.equal(skipped.length, 16);
  assert.equal(
    skipped.filter((s) => s.reason === "record without input/output prices")
      .length,
    5,
  );
  // No price-history row priced 0/0 is left. (The models list keeps its four
  // 0/0 entries, 2026-05-01.models.json [97] [98] [251] [252]: Lyria previews,
  // openrouter/free and openrouter/owl-alpha are listed at 0 by OpenRouter.)
  const zero = pl.col("input_usd_per_mtok").eq(0).and(
    pl.col("output_usd_per_mtok").eq(0),
  );
  assert.equal(
    prices.filter(zero.and(pl.col("source").eq(pl.lit(PRICE_HISTORY_SOURCE))))
      .height,
    0,
  );
  assert.deepEqual(
    prices.filter(zero).getColumn("model_id").toArray(),
    [
      "google/lyria-3-clip-preview",
      "google/lyria-3-pro-preview",
      "openrouter/free",
      "openrouter/owl-alpha",
    ],
  );
  // The price history's V4 Flash dates, without 2026-06-25:
  assert.deepEqual(priceDates(prices, [FLASH], PRICE_HISTORY_SOURCE), [
    "2026-04-24",
    "2026-05-15",
    "2026-05-16",
    "2026-05-22",
    "2026-05-30",
    "2026-06-12",
    "2026-06-13",
    "2026-06-16",
    "2026-06-17",
    "2026-06-26",
    "2026-06-30",
  ]);
});

Deno.test("findPrice() returns the latest record dated on or before the day", () => {
  // prices_history_openrouter.csv, V4 Flash: 2026-05-16 0.112/0.224/0.022,
  // next record 2026-05-22 0.1/0.2/0.02.
  const may20 = findPrice(prices, FLASH, PRICE_HISTORY_SOURCE, "2026-05-20");
  assert.equal(may20?.source_date, "2026-05-16");
  assert.equal(may20?.input_usd_per_mtok, 0.112);
  assert.equal(may20?.output_usd_per_mtok, 0.224);
  assert.equal(may20?.cache_read_usd_per_mtok, 0.022);
  // On the day of a record, that record.
  const may22 = findPrice(prices, FLASH, PRICE_HISTORY_SOURCE, "2026-05-22");
  assert.equal(may22?.source_date, "2026-05-22");
  assert.equal(may22?.input_usd_per_mtok, 0.1);
  // The day of the left-out all-zero record falls back to the record before
  // it (2026-06-17 0.09/0.18/0.02), not to zero prices.
  const june25 = findPrice(prices, FLASH, PRICE_HISTORY_SOURCE, "2026-06-25");
  assert.equal(june25?.source_date, "2026-06-17");
  assert.equal(june25?.input_usd_per_mtok, 0.09);
  // The launch day keeps the priced record of 2026-04-24 (0.14/0.28/0.028).
  const launch = findPrice(prices, FLASH, PRICE_HISTORY_SOURCE, "2026-04-24");
  assert.equal(launch?.input_usd_per_mtok, 0.14);
  assert.equal(launch?.cache_read_usd_per_mtok, 0.028);
});

Deno.test("findPrice() without a day returns the latest record", () => {
  // Last V4 Flash record: 2026-06-30 0.098/0.196/0.02.
  const latest = findPrice(prices, FLASH, PRICE_HISTORY_SOURCE);
  assert.equal(latest?.source_date, "2026-06-30");
  assert.equal(latest?.input_usd_per_mtok, 0.098);
  assert.equal(latest?.output_usd_per_mtok, 0.196);
});

Deno.test("findPrice() returns undefined before a source's first record, and for an unknown model or source", () => {
  // V4 Flash's first price-history record is 2026-04-24; the models list is dated 2026-05-01.
  assert.equal(
    findPrice(prices, FLASH, PRICE_HISTORY_SOURCE, "2026-04-23"),
    undefined,
  );
  assert.equal(
    findPrice(prices, FLASH, MODELS_LIST_SOURCE, "2026-04-30"),
    undefined,
  );
  assert.equal(
    findPrice(prices, "nolab/no-model", MODELS_LIST_SOURCE),
    undefined,
  );
  assert.equal(findPrice(prices, FLASH, "no such source"), undefined);
});

Deno.test("findPrice() takes the last record listed when a source has several on one day", () => {
  const historyOn = (model: string, day: string) =>
    findPrice(prices, model, PRICE_HISTORY_SOURCE, day);
  // prices_history_openrouter.csv lines 99–100: moonshotai/kimi-k2.6 2026-06-30
  // 0.66/3.41/0.144, then 0.55/3.2/0.11.
  const kimi = historyOn("moonshotai/kimi-k2.6", "2026-06-30");
  assert.equal(kimi?.input_usd_per_mtok, 0.55);
  assert.equal(kimi?.output_usd_per_mtok, 3.2);
  assert.equal(kimi?.cache_read_usd_per_mtok, 0.11);
  // Lines 147–148: google/gemini-3-flash-preview 2025-12-17 0.15/0.6/0.0375,
  // then 0.5/3.0/0.05 (the prices the tracker used: 5e-7 / 3e-6 / 5e-8 per token).
  const gemini = historyOn("google/gemini-3-flash-preview", "2025-12-17");
  assert.equal(gemini?.input_usd_per_mtok, 0.5);
  assert.equal(gemini?.output_usd_per_mtok, 3.0);
  assert.equal(gemini?.cache_read_usd_per_mtok, 0.05);
  // Lines 80–81: moonshotai/kimi-k2.5 2026-01-27 without, then with cache read 0.1.
  assert.equal(
    historyOn("moonshotai/kimi-k2.5", "2026-01-27")?.cache_read_usd_per_mtok,
    0.1,
  );
});
