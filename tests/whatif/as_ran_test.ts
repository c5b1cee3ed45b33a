import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  MODELS_LIST_SOURCE,
  PRICE_HISTORY_SOURCE,
  PRICE_SCHEMA,
} from "../../lib/analysis/price_book.ts";
import type { PriceBook } from "../../lib/analysis/model_prices.ts";
import { frameOf } from "../../lib/loading/frames.ts";
import { OBSERVED_PRICES_SCHEMA } from "../../lib/loading/observed_prices.ts";
import { INFERENCE_SCHEMA } from "../../lib/loading/inference_stats.ts";
import {
  asRanBill,
  asRanMarkdown,
  type AsRanResult,
} from "../../lib/whatif/as_ran.ts";
import {
  parseActivity,
  parseWorkloadCsv,
  type Workload,
} from "../../lib/whatif/workload.ts";

const record = (
  source: string,
  source_date: string,
  model_id: string,
  rates: Record<string, unknown>,
) => ({ source, source_date, model_id, overrides_json: "[]", ...rates });
const BOOK: PriceBook = {
  prices: frameOf([
    record(PRICE_HISTORY_SOURCE, "2026-05-01", "acme/big", {
      input_usd_per_mtok: 3,
      output_usd_per_mtok: 15,
      cache_read_usd_per_mtok: 0.3,
    }),
    record(PRICE_HISTORY_SOURCE, "2026-06-10", "acme/big", {
      input_usd_per_mtok: 2,
      output_usd_per_mtok: 10,
      cache_read_usd_per_mtok: 0.2,
      cache_write_usd_per_mtok: 2.5,
    }),
    record(MODELS_LIST_SOURCE, "2026-05-01", "acme/cheap", {
      input_usd_per_mtok: 0.1,
      output_usd_per_mtok: 0.2,
    }),
    record(MODELS_LIST_SOURCE, "2026-06-15", "acme/late", {
      input_usd_per_mtok: 1,
      output_usd_per_mtok: 1,
    }),
  ], PRICE_SCHEMA),
  modelIdentity: pl.DataFrame({
    permaslug: ["acme/cheap-1"],
    model_id: ["acme/cheap"],
    display_name: ["Acme Cheap"],
    aliases: [""],
    benchmark_name: [""],
  }),
  observedPrices: frameOf([], OBSERVED_PRICES_SCHEMA),
  inference: frameOf([], INFERENCE_SCHEMA),
};

const HEADER =
  "timestamp,stream,model,prompt_tokens,cached_tokens,cache_write_tokens,completion_tokens,requests,logged_usd";

function workload(lines: string[]): Workload {
  const parsed = parseWorkloadCsv(
    [HEADER, ...lines].join("\n") + "\n",
    "w.csv",
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.workload;
}

function bill(w: Workload): AsRanResult {
  const out = asRanBill(w, BOOK);
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.result;
}

Deno.test("asRanBill() bills each request at its own day's price and reconciles per model and day", () => {
  // acme/big: 1M prompt on 06-01 at $3 = $3 (logged $3); on 06-12 at $2 = $2 (logged $2.50, +25%).
  const result = bill(workload([
    "2026-06-01T10:00:00Z,agents,acme/big,1000000,0,0,0,1,3",
    "2026-06-12T10:00:00Z,agents,acme/big,1000000,0,0,0,1,2.5",
  ]));
  assert.equal(result.total.recomputed_usd, 5);
  assert.equal(result.total.logged_usd, 5.5);
  assert.deepEqual(
    result.reconciliation.toRecords().map((r) => [
      r.date,
      r.logged_usd,
      r.recomputed_usd,
      r.difference_pct,
    ]),
    [["2026-06-01", 3, 3, 0], ["2026-06-12", 2.5, 2, 25]],
  );
  assert.deepEqual(result.mismatches.map((m) => [m.model, m.cause]), [[
    "acme/big",
    "a provider's own price: OpenRouter routed the traffic to a provider priced differently from the list price",
  ]]);
  const md = asRanMarkdown(result, "w.csv");
  assert.match(
    md,
    /\| acme\/big \| 2026-06-12 \| \$2\.50 \| \$2\.00 \| \$0\.50 \| \+25\.0% \|/,
  );
});

Deno.test("asRanBill() names an unpriced cache write as the likely cause, and a model within 1% is not listed", () => {
  // acme/cheap has no cache-write price: 1M written at the input rate $0.10; logged $0.125.
  const result = bill(workload([
    "2026-06-01T10:00:00Z,agents,acme/cheap,1000000,0,1000000,0,1,0.125",
    "2026-06-01T10:00:00Z,agents,acme/big,1000000,0,0,0,1,3.02",
  ]));
  assert.deepEqual(result.mismatches.map((m) => [m.model, m.cause]), [[
    "acme/cheap",
    "an unpriced cache write: the list gives no cache-write price, so the writes were billed at the input rate",
  ]]);
  assert.deepEqual(result.assumptions, [
    "acme/cheap: no cache-write (5 min) price in OpenRouter models list 2026-05-01; cache-write (5 min) tokens billed at the input rate",
  ]);
});

Deno.test("asRanBill() names BYOK when the activity export marks it, and a missing list price when a logged row has none", () => {
  const activity = parseActivity({
    data: [
      {
        date: "2026-06-01",
        model: "acme/big",
        usage: 0.05,
        byok_usage_inference: 3,
        requests: 1,
        prompt_tokens: 1000000,
        completion_tokens: 0,
        reasoning_tokens: 0,
      },
      {
        date: "2026-06-14",
        model: "acme/late",
        usage: 1,
        byok_usage_inference: 0,
        requests: 1,
        prompt_tokens: 1000000,
        completion_tokens: 0,
        reasoning_tokens: 0,
      },
    ],
  }, "activity.json");
  assert.ok(activity.ok);
  const result = bill(activity.workload);
  assert.deepEqual(result.mismatches.map((m) => [m.model, m.cause]), [
    [
      "acme/big",
      "BYOK: the provider bills the key's owner, OpenRouter logs only its fee",
    ],
    [
      "acme/late",
      "a price missing from the list: some rows have no list price on their day",
    ],
  ]);
});

Deno.test("asRanBill() gives one problem per model and day without a price, and one per unknown model, for rows without a logged cost", () => {
  const w = workload([
    "2026-06-13T10:00:00Z,agents,acme/late,10,0,0,0,1,",
    "2026-06-13T11:00:00Z,agents,acme/late,10,0,0,0,1,",
    "2026-06-14T10:00:00Z,agents,acme/late,10,0,0,0,1,",
    "2026-06-14T10:00:00Z,agents,acme/nope,10,0,0,0,1,",
    "2026-06-15T10:00:00Z,agents,acme/nope,10,0,0,0,1,",
  ]);
  const out = asRanBill(w, BOOK);
  assert.equal(out.ok, false);
  if (out.ok) return;
  assert.deepEqual(out.problems.map((p) => `${p.record} ${p.value}`), [
    'line 2 (and 1 more rows) "acme/late"',
    'line 4 "acme/late"',
    'line 5 (and 1 more rows) "acme/nope"',
  ]);
});
