import assert from "node:assert/strict";
import { priceChecks } from "../../../lib/claims/checks/prices.ts";
import {
  MODELS_LIST_SOURCE,
  PRICE_HISTORY_SOURCE,
  priceOn,
} from "../../../lib/analysis/prices.ts";
import {
  priceEvidence,
  priceInForce,
  priceText,
} from "../../../lib/claims/checks/_prices.ts";
import { claim, inputs, run } from "../../_claims_fixture.ts";

// 000 = "The OpenRouter Pricing Truth" (2026-06-08). Prices from
// data/reference/prices_history_openrouter.csv and the 2026-05-01 models list.

Deno.test("priceOn() is the latest OpenRouter record up to the day: Flash on 2026-06-08 is the 2026-05-30 history record", () => {
  const flash = priceOn(
    inputs.prices,
    "deepseek/deepseek-v4-flash",
    "2026-06-08",
  )!;
  assert.equal(flash.source, PRICE_HISTORY_SOURCE);
  assert.equal(flash.source_date, "2026-05-30");
  assert.equal(flash.input_usd_per_mtok, 0.0983);
  // The article's own prices are never the price in force.
  assert.notEqual(flash.source, "The OpenRouter Pricing Truth (AI Notes)");
  assert.equal(
    priceOn(inputs.prices, "deepseek/deepseek-v4-flash", "2026-01-01"),
    undefined,
  );
});

Deno.test("list_price compares the price in force, or the tracker's recorded price for a tracker week", () => {
  assert.ok("list_price" in priceChecks.checks);
  // "~$0.098": 0.0983 within ±5%.
  const pt26 = run(claim("pt-26"));
  assert.equal(pt26.verdict, "reproduced");
  assert.equal(pt26.reproduced, 0.0983);
  assert.match(
    pt26.evidence!,
    /prices_history_openrouter\.csv: openrouter_id "deepseek\/deepseek-v4-flash", record dated 2026-05-30/,
  );
  // 004's "$3.00/M" from the tracker's 2026-02-08 file.
  const ir22 = run(claim("ir-22"));
  assert.equal(ir22.verdict, "reproduced");
  assert.match(
    ir22.evidence!,
    /inference-stats\/2026-02-08\.json: models\[\] slug/,
  );
  assert.equal(
    run(claim("pt-26", { stated: 0.12, quote: "$0.12" })).verdict,
    "contradicted",
  );
});

Deno.test("weighted_input_price blends input and cache-read prices: $0.02756/M at 90% hits, not ~$0.044/M", () => {
  // 0.1 × 0.0983 + 0.9 × 0.0197 = 0.02756; $0.044 needs (0.0983 − 0.044) / (0.0983 − 0.0197) = 69.084% hits.
  const pt24 = run(claim("pt-24"));
  assert.equal(pt24.verdict, "contradicted");
  assert.equal(pt24.reproduced, 0.02756);
  assert.match(pt24.note ?? "", /would need a hit rate of 69\.084%/);
  assert.equal(
    run(claim("pt-24", { stated: 0.0276, quote: "~$0.0276/M" })).verdict,
    "reproduced-under-assumptions",
  );
});

Deno.test("price_ratio divides prices in force on the date: Sonnet input ÷ Flash input ≈ 30.5", () => {
  // 3 / 0.0983 = 30.519; "~1/30" is 30 ± 1.5.
  const pt46 = run(claim("pt-46"));
  assert.equal(pt46.verdict, "reproduced");
  assert.ok(Math.abs(pt46.reproduced! - 3 / 0.0983) < 1e-9);
  // MiMo-V2-Flash cache read ÷ input = 0.01 / 0.1 = 0.1: "roughly one-tenth".
  assert.equal(run(claim("pt-25")).verdict, "reproduced");
});

Deno.test("top_models_input_price takes the median price in force of the week's top 10", () => {
  const pt05 = run(claim("pt-05"));
  assert.equal(pt05.verdict, "contradicted");
  // 8 list prices: 0.063 0.0983 0.14 0.2288 | 0.3 0.435 3 5 → (0.2288 + 0.3) / 2.
  assert.ok(Math.abs(pt05.reproduced! - (0.2288 + 0.3) / 2) < 1e-12);
  assert.match(pt05.note ?? "", /the median of 8 of the 10 models/);
  // Owl Alpha's $0/$0 is not a list price; Claude Opus 4.8 has no OpenRouter id, so no price.
  assert.match(
    pt05.note ?? "",
    /left out: Owl Alpha \(\$0\/\$0 in data\/raw\/openrouter-models\/2026-05-01\.models\.json[^)]*\): not a list price\)/,
  );
  assert.match(
    pt05.note ?? "",
    /Claude Opus 4\.8 \(no OpenRouter id for anthropic\/claude-4\.8-opus-20260528/,
  );
  assert.doesNotMatch(pt05.note ?? "", /Owl Alpha \$0[,;]/);
});

// ---- lib/claims/checks/_prices.ts (the leading underscore dropped, so its
// tests live here beside prices.ts's) ----

Deno.test("priceInForce() gives the price in force with its citation, or undefined before any record", () => {
  // prices_history_openrouter.csv: deepseek/deepseek-v4-flash 2026-05-30 $0.0983/$0.1966/$0.0197.
  const flash = priceInForce(
    inputs,
    "deepseek/deepseek-v4-flash",
    "2026-06-08",
  );
  assert.equal(flash?.price.source_date, "2026-05-30");
  assert.equal(flash?.price.input_usd_per_mtok, 0.0983);
  assert.equal(
    flash?.evidence,
    `data/reference/prices_history_openrouter.csv: openrouter_id "deepseek/deepseek-v4-flash", record dated 2026-05-30 (${PRICE_HISTORY_SOURCE})`,
  );
  // The first v4-flash record is dated 2026-04-24.
  assert.equal(
    priceInForce(inputs, "deepseek/deepseek-v4-flash", "2026-04-01"),
    undefined,
  );
  assert.equal(priceInForce(inputs, "acme/none", "2026-06-08"), undefined);
});

Deno.test("priceEvidence() cites a models-list price by its snapshot file and id", () => {
  assert.equal(
    priceEvidence({
      source: MODELS_LIST_SOURCE,
      source_date: "2026-05-01",
      model_id: "openai/gpt-5",
      input_usd_per_mtok: 1.25,
      output_usd_per_mtok: 10,
      cache_read_usd_per_mtok: 0.125,
      cache_write_usd_per_mtok: null,
    }),
    'data/raw/openrouter-models/2026-05-01.models.json: id "openai/gpt-5" (prices in force on 2026-05-01)',
  );
});

Deno.test("priceText() writes input/output/cache-read prices, with – for no cache price", () => {
  const row = {
    source: MODELS_LIST_SOURCE,
    source_date: "2026-05-01",
    model_id: "a/b",
    input_usd_per_mtok: 0.1,
    output_usd_per_mtok: 0.3,
    cache_read_usd_per_mtok: 0.01,
    cache_write_usd_per_mtok: null,
  };
  assert.equal(priceText(row), "$0.1/$0.3/$0.01 per M input/output/cache read");
  assert.equal(
    priceText({ ...row, cache_read_usd_per_mtok: null }),
    "$0.1/$0.3/$– per M input/output/cache read",
  );
});
