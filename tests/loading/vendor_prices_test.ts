import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { findProvider } from "@pydantic/genai-prices";
import {
  VENDOR_PROVIDERS,
  VENDOR_SOURCE,
  vendorPrices,
} from "../../lib/loading/vendor_prices.ts";
import { priceOnDay, ratesFor } from "../../lib/analysis/price_book.ts";

Deno.test("every provider id of VENDOR_PROVIDERS is known to genai-prices", () => {
  for (const [vendor, provider] of Object.entries(VENDOR_PROVIDERS)) {
    const found = findProvider({ providerId: provider });
    assert.ok(found !== undefined && found.models.length > 0, vendor);
  }
});

Deno.test("vendorPrices() loads Sonnet 4.5's tiers as a long-context override: $6/M input and $22.5/M output above 200K prompt tokens", () => {
  // genai-prices 0.1.8, anthropic claude-sonnet-4-5: input_mtok {base 3, tiers [{start 200000, price 6}]},
  // output_mtok {base 15, tiers [{200000, 22.5}]}, cache_write_1h_mtok {base 6, tiers [{200000, 12}]}, web_searches_kcount 10.
  const frame = vendorPrices(["anthropic/claude-sonnet-4.5"]);
  const record = priceOnDay(frame, "anthropic/claude-sonnet-4.5", null, [
    VENDOR_SOURCE,
  ])!;
  assert.equal(record.cache_write_1h_usd_per_mtok, 6);
  assert.equal(record.web_search_usd, 0.01);
  const long = ratesFor(record, 200_001, null).rates;
  assert.deepEqual(
    [
      long.input_usd_per_mtok,
      long.output_usd_per_mtok,
      long.cache_read_usd_per_mtok,
      long.cache_write_1h_usd_per_mtok,
    ],
    [6, 22.5, 0.6, 12],
  );
  assert.equal(ratesFor(record, 200_000, null).rates.input_usd_per_mtok, 3);
});

Deno.test("vendorPrices() dates DeepSeek V4 Flash's 2026-08-17 price and keeps its peak-hour windows on every record", () => {
  // genai-prices 0.1.8, deepseek deepseek-v4-flash: base 0.14/0.0028/0.28; start_date 2026-08-17 0.22/0.007/0.66;
  // time_of_date 01:00–04:00Z and 06:00–10:00Z 0.44/0.014/1.32.
  const frame = vendorPrices(["deepseek/deepseek-v4-flash"]);
  assert.deepEqual(frame.getColumn("source_date").toArray(), [
    null,
    "2026-08-17",
  ]);
  const june = priceOnDay(frame, "deepseek/deepseek-v4-flash", "2026-06-01", [
    VENDOR_SOURCE,
  ])!;
  const september = priceOnDay(
    frame,
    "deepseek/deepseek-v4-flash",
    "2026-09-01",
    [VENDOR_SOURCE],
  )!;
  assert.equal(ratesFor(june, 1, "12:00:00").rates.input_usd_per_mtok, 0.14);
  assert.equal(ratesFor(june, 1, "02:00:00").rates.input_usd_per_mtok, 0.44);
  assert.equal(
    ratesFor(september, 1, "12:00:00").rates.input_usd_per_mtok,
    0.22,
  );
  assert.equal(
    ratesFor(september, 1, "07:00:00").rates.output_usd_per_mtok,
    1.32,
  );
});

Deno.test("vendorPrices() leaves out vendors genai-prices does not know and models it does not match", () => {
  const frame = vendorPrices([
    "qwen/qwen3-coder",
    "anthropic/no-such-model-9",
    "openai/gpt-5-mini",
  ]);
  assert.deepEqual(frame.getColumn("model_id").toArray(), [
    "openai/gpt-5-mini",
  ]);
  assert.equal(
    frame.filter(pl.col("source").eq(pl.lit(VENDOR_SOURCE))).height,
    1,
  );
});
