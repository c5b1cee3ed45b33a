import assert from "node:assert/strict";
import {
  defaultCacheShare,
  listPriceOn,
  type PriceBook,
  resolveModelId,
  stripRoutingPrefix,
} from "../../lib/analysis/model_prices.ts";
import pl from "nodejs-polars";
import {
  MODELS_LIST_SOURCE,
  PRICE_HISTORY_SOURCE,
  PRICE_SCHEMA,
  priceRows,
} from "../../lib/analysis/prices.ts";
import { frameOf } from "../../lib/loading/frames.ts";
import { OBSERVED_PRICES_SOURCE } from "../../lib/loading/observed_prices.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";

// Figures read off the bundled files:
// - data/reference/prices_history_openrouter.csv, deepseek/deepseek-v4-flash:
//   2026-04-24 $0.14/$0.28, 2026-05-15 $0.126, 2026-05-16 $0.112,
//   2026-05-22 $0.1/$0.2/cache $0.02, 2026-05-30 $0.0983, …, last row
//   2026-06-30 $0.098/$0.196/$0.02.
// - data/raw/openrouter-models/2026-05-01.models.json: v4-flash prompt
//   0.00000014 per token = $0.14/M.
// - data/raw/observed-prices/2026-08-28…csv: v4-flash weighted_cache_hit_rate
//   0.6851556399218667.
// - data/raw/inference-stats: google/gemini-2.5-pro (not in the observed
//   file) last appears in 2026-01-18.json with cached 154066657886 of prompt
//   358453009131 tokens: 0.42980991639463373.

const ws = await loadWorkspace("data");
const book: PriceBook = { ...ws, prices: priceRows(ws).prices };
const FLASH = "deepseek/deepseek-v4-flash";

Deno.test("stripRoutingPrefix() drops openrouter/ only before a vendor/model id, and trims", () => {
  assert.equal(stripRoutingPrefix(`openrouter/${FLASH}`), FLASH);
  assert.equal(stripRoutingPrefix(`  openrouter/${FLASH} `), FLASH);
  assert.equal(stripRoutingPrefix(FLASH), FLASH);
  assert.equal(
    stripRoutingPrefix("openrouter/owl-alpha"),
    "openrouter/owl-alpha",
  );
  assert.equal(
    stripRoutingPrefix("openrouter/openrouter/owl-alpha"),
    "openrouter/owl-alpha",
  );
  // Only a leading prefix: "x/openrouter/y" is left alone.
  assert.equal(stripRoutingPrefix("x/openrouter/y"), "x/openrouter/y");
});

Deno.test("resolveModelId() keeps a priced id, maps an alias through models.csv, and refuses the unknown", () => {
  assert.equal(resolveModelId(book, FLASH), FLASH);
  assert.equal(resolveModelId(book, `openrouter/${FLASH}`), FLASH);
  // models.csv: minimax/minimax-m2.7-20260318 has model_id minimax/minimax-m2.7, alias minimax/m2.7.
  assert.equal(resolveModelId(book, "minimax/m2.7"), "minimax/minimax-m2.7");
  // Alias "DeepSeek-V4-Flash" of deepseek/deepseek-v4-flash-20260423.
  assert.equal(resolveModelId(book, "DeepSeek-V4-Flash"), FLASH);
  assert.equal(resolveModelId(book, "acme/unknown-1"), undefined);
  assert.equal(resolveModelId(book, "  "), undefined);
});

Deno.test("listPriceOn() takes the latest record on or before the day, from whichever source is more recent", () => {
  // 2026-05-10: history's 2026-04-24 against the models list of 2026-05-01 → the list.
  const may10 = listPriceOn(book, FLASH, "2026-05-10");
  assert.equal(may10?.source, MODELS_LIST_SOURCE);
  assert.equal(may10?.source_date, "2026-05-01");
  assert.equal(may10?.input_usd_per_mtok, 0.14);
  // 2026-05-15: the history's new price that day.
  const may15 = listPriceOn(book, FLASH, "2026-05-15");
  assert.equal(may15?.source, PRICE_HISTORY_SOURCE);
  assert.equal(may15?.source_date, "2026-05-15");
  assert.equal(may15?.input_usd_per_mtok, 0.126);
  // 2026-05-29: still the 2026-05-22 record.
  const may29 = listPriceOn(book, FLASH, "2026-05-29");
  assert.deepEqual(
    [
      may29?.source_date,
      may29?.input_usd_per_mtok,
      may29?.output_usd_per_mtok,
      may29?.cache_read_usd_per_mtok,
    ],
    ["2026-05-22", 0.1, 0.2, 0.02],
  );
});

Deno.test("listPriceOn() with no day gives the latest record, and nothing before a model is priced", () => {
  const latest = listPriceOn(book, FLASH, null);
  assert.equal(latest?.source_date, "2026-06-30");
  assert.equal(latest?.input_usd_per_mtok, 0.098);
  assert.equal(listPriceOn(book, FLASH, "2026-04-01"), undefined);
  assert.equal(listPriceOn(book, "acme/unknown-1", null), undefined);
});

Deno.test("listPriceOn() prefers the price history when both sources are dated the same day", () => {
  // The bundled data has no such tie (owl-alpha's 2026-05-01 history row is
  // all zero, which priceRows() skips), so one is added: a models-list row
  // for V4 Flash dated 2026-05-15 at $9/M beside the history's $0.126.
  const tie = frameOf([{
    source: MODELS_LIST_SOURCE,
    source_date: "2026-05-15",
    model_id: FLASH,
    input_usd_per_mtok: 9,
    output_usd_per_mtok: 9,
    cache_read_usd_per_mtok: null,
    cache_write_usd_per_mtok: null,
  }], PRICE_SCHEMA);
  const tied = { ...book, prices: pl.concat([book.prices, tie]) };
  const price = listPriceOn(tied, FLASH, "2026-05-15");
  assert.equal(price?.source, PRICE_HISTORY_SOURCE);
  assert.equal(price?.input_usd_per_mtok, 0.126);
  // The next day the history has 2026-05-16 ($0.112), newer than the tie.
  assert.equal(
    listPriceOn(tied, FLASH, "2026-05-16")?.input_usd_per_mtok,
    0.112,
  );
});

Deno.test("defaultCacheShare() takes --cache-hit first, then the observed rate, then the tracker's share, else 0", () => {
  assert.deepEqual(defaultCacheShare(book, FLASH, 0.25), {
    share: 0.25,
    basis: "--cache-hit 0.25",
  });
  // --cache-hit 0 is an answer, not a missing option.
  assert.equal(defaultCacheShare(book, FLASH, 0).share, 0);
  assert.deepEqual(defaultCacheShare(book, FLASH, null), {
    share: 0.6851556399218667,
    basis:
      `observed cache-hit rate 0.685 (${OBSERVED_PRICES_SOURCE}, 2026-08-28)`,
  });
  const pro = defaultCacheShare(book, "google/gemini-2.5-pro", null);
  assert.ok(Math.abs(pro.share - 154_066_657_886 / 358_453_009_131) < 1e-15);
  assert.equal(
    pro.basis,
    "tracker's cached share 0.430 (inference-stats, week of 2026-01-18)",
  );
  assert.deepEqual(defaultCacheShare(book, "acme/unknown-1", null), {
    share: 0,
    basis: "no cached share known: none assumed",
  });
});

Deno.test("defaultCacheShare() falls back to 0 when the observed and tracker frames are empty", () => {
  const bare: PriceBook = {
    ...book,
    observedPrices: book.observedPrices.head(0),
    inference: book.inference.head(0),
  };
  assert.equal(defaultCacheShare(bare, FLASH, null).share, 0);
});
