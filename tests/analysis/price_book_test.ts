import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  MODELS_LIST_SOURCE,
  OPENROUTER_SOURCES,
  PRICE_HISTORY_SOURCE,
  priceOnDay,
  priceRows,
  ratesFor,
  vendorComparison,
} from "../../lib/analysis/price_book.ts";
import type { PriceRow } from "../../lib/analysis/cost.ts";
import { findPrice, priceOn } from "../../lib/analysis/prices.ts";
import { listPriceOn } from "../../lib/analysis/model_prices.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import {
  VENDOR_SOURCE,
  vendorPrices,
} from "../../lib/loading/vendor_prices.ts";

const ws = await loadWorkspace("data");
const { prices } = priceRows(ws);

type Indexed = Record<string, unknown> & { row: number };
const allRecords: Indexed[] = (prices.toRecords() as Record<string, unknown>[])
  .map((r, row) => Object.assign({}, r, { row }));

/** The rule written the plain way, as a filter and a sort of every record: the oracle for priceOnDay. */
function plainPriceOn(
  modelId: string,
  day: string,
  sources: readonly string[],
): Record<string, unknown> | undefined {
  const rows = allRecords.filter((r) =>
    r.model_id === modelId && sources.includes(String(r.source)) &&
    String(r.source_date) <= day
  );
  rows.sort((a, b) =>
    String(a.source_date).localeCompare(String(b.source_date)) ||
    sources.indexOf(String(b.source)) - sources.indexOf(String(a.source)) ||
    a.row - b.row
  );
  const last = rows.at(-1);
  if (last === undefined) return undefined;
  const { row: _row, ...record } = last;
  return record;
}

Deno.test("priceOnDay() agrees with a plain filter-and-sort for every bundled model on every record date and the days between", () => {
  const days = [
    ...new Set(prices.getColumn("source_date").toArray() as string[]),
  ].sort();
  const probes = [...days, "2025-01-01", "2026-05-24", "2026-12-31"];
  const models = prices.getColumn("model_id").unique().toArray() as string[];
  let compared = 0;
  for (const model of models) {
    for (const day of probes) {
      for (
        const sources of [OPENROUTER_SOURCES, [MODELS_LIST_SOURCE], [
          PRICE_HISTORY_SOURCE,
        ]]
      ) {
        assert.deepEqual(
          priceOnDay(prices, model, day, sources),
          plainPriceOn(model, day, sources),
          `${model} ${day} ${sources.join("+")}`,
        );
        compared++;
      }
    }
  }
  assert.ok(compared > 10_000);
});

Deno.test("findPrice(), priceOn() and listPriceOn() are the one rule: V4 Flash on 2026-05-24 is the 2026-05-22 history record at $0.10/M", () => {
  // prices_history_openrouter.csv: deepseek/deepseek-v4-flash,2026-05-22,…,0.1,0.2,0.02
  const book = { ...ws, prices };
  const day = "2026-05-24";
  const model = "deepseek/deepseek-v4-flash";
  const one = priceOnDay(prices, model, day);
  assert.equal(one?.source_date, "2026-05-22");
  assert.equal(one?.input_usd_per_mtok, 0.1);
  assert.deepEqual(priceOn(prices, model, day), one);
  assert.deepEqual(listPriceOn(book, model, day), one);
  assert.deepEqual(findPrice(prices, model, PRICE_HISTORY_SOURCE, day), one);
  // The models list's 2026-05-01 snapshot is older, so it loses.
  assert.equal(
    findPrice(prices, model, MODELS_LIST_SOURCE, day)?.source_date,
    "2026-05-01",
  );
});

Deno.test("priceOnDay() breaks a tie of dates by source order, keeps the last record of a source on one day, and counts an undated record as the oldest", () => {
  const record = (source: string, date: string | null, input: number) => ({
    source,
    source_date: date,
    model_id: "a/m",
    input_usd_per_mtok: input,
  });
  const frame = pl.DataFrame([
    record("list", "2026-05-01", 1),
    record("history", "2026-05-01", 2),
    record("history", "2026-05-01", 3),
    record("vendor", null, 9),
  ]);
  assert.equal(
    priceOnDay(frame, "a/m", "2026-05-01", ["history", "list"])
      ?.input_usd_per_mtok,
    3,
  );
  assert.equal(
    priceOnDay(frame, "a/m", "2026-05-01", ["list", "history"])
      ?.input_usd_per_mtok,
    1,
  );
  assert.equal(
    priceOnDay(frame, "a/m", "2026-04-30", ["vendor"])?.input_usd_per_mtok,
    9,
  );
  assert.equal(
    priceOnDay(frame, "a/m", "2026-05-02", ["vendor", "list"])
      ?.input_usd_per_mtok,
    1,
  );
  assert.equal(priceOnDay(frame, "a/m", "2026-04-30", ["list"]), undefined);
});

const priced: PriceRow = {
  source: "s",
  source_date: "2026-01-01",
  model_id: "a/m",
  input_usd_per_mtok: 3,
  output_usd_per_mtok: 15,
  cache_read_usd_per_mtok: 0.3,
  cache_write_usd_per_mtok: 3.75,
  overrides_json: JSON.stringify([
    {
      min_prompt_tokens: 200000,
      utc_start: null,
      utc_end: null,
      rates: { input_usd_per_mtok: 6, output_usd_per_mtok: 22.5 },
    },
    {
      min_prompt_tokens: null,
      utc_start: "22:00:00",
      utc_end: "02:00:00",
      rates: { input_usd_per_mtok: 1 },
    },
    {
      min_prompt_tokens: 500000,
      utc_start: null,
      utc_end: null,
      rates: { output_usd_per_mtok: 30 },
    },
  ]),
};

Deno.test("ratesFor() switches the whole request strictly above min_prompt_tokens, later overrides win key by key and absent keys inherit", () => {
  assert.equal(
    ratesFor(priced, 200_000, "12:00:00").rates.input_usd_per_mtok,
    3,
  );
  const long = ratesFor(priced, 600_000, "12:00:00");
  assert.deepEqual(long.overrides, [0, 2]);
  assert.equal(long.rates.input_usd_per_mtok, 6);
  assert.equal(long.rates.output_usd_per_mtok, 30);
  assert.equal(long.rates.cache_read_usd_per_mtok, 0.3);
  assert.equal(long.rates.reasoning_usd_per_mtok, null);
});

Deno.test("ratesFor() applies a time-of-day window that wraps past midnight, and says when a request has no time", () => {
  assert.equal(ratesFor(priced, 10, "23:30:00").rates.input_usd_per_mtok, 1);
  assert.equal(ratesFor(priced, 10, "01:59:59").rates.input_usd_per_mtok, 1);
  assert.equal(ratesFor(priced, 10, "02:00:00").rates.input_usd_per_mtok, 3);
  // The window comes after the long-context entry, so at night it wins the input key.
  const night = ratesFor(priced, 300_000, "23:00:00");
  assert.deepEqual(
    [night.rates.input_usd_per_mtok, night.rates.output_usd_per_mtok],
    [1, 22.5],
  );
  const unknown = ratesFor(priced, 10, null);
  assert.equal(unknown.windowUnknown, true);
  assert.equal(unknown.rates.input_usd_per_mtok, 3);
});

Deno.test("vendorComparison() finds Claude Sonnet 4.5 at the vendor's $3/$15 and flags Kimi K2.6, $0.55 on OpenRouter against Moonshot's $0.95", () => {
  // OpenRouter: models list 2026-05-01 anthropic/claude-sonnet-4.5 3/15/0.3/3.75;
  // prices_history_openrouter.csv moonshotai/kimi-k2.6 2026-06-30 0.55/3.2/0.11.
  // genai-prices 0.1.8: anthropic claude-sonnet-4-5 3/15/0.3/3.75, moonshotai kimi-k2.6 0.95/4/0.16.
  const models = prices.getColumn("model_id").unique().toArray() as string[];
  const table = vendorComparison(
    prices,
    vendorPrices(models),
    VENDOR_SOURCE,
  );
  const rows = (model: string) =>
    table.filter(pl.col("model_id").eq(pl.lit(model))).toRecords();
  const sonnet = rows("anthropic/claude-sonnet-4.5");
  assert.deepEqual(sonnet.map((r) => r.part), [
    "input",
    "output",
    "cache read",
    "cache write (5 min)",
  ]);
  assert.ok(sonnet.every((r) => r.above_1pct === false));
  const kimi = rows("moonshotai/kimi-k2.6");
  assert.equal(kimi[0].openrouter_usd_per_mtok, 0.55);
  assert.equal(kimi[0].vendor_usd_per_mtok, 0.95);
  assert.equal(kimi[0].above_1pct, true);
  assert.equal((kimi[0].difference_pct as number).toFixed(2), "-42.11");
  assert.equal(kimi[0].openrouter_date, "2026-06-30");
});
