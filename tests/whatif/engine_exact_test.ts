import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  MODELS_LIST_SOURCE,
  PRICE_HISTORY_SOURCE,
  PRICE_SCHEMA,
} from "../../lib/analysis/price_book.ts";
import { frameOf } from "../../lib/loading/frames.ts";
import { OBSERVED_PRICES_SCHEMA } from "../../lib/loading/observed_prices.ts";
import { INFERENCE_SCHEMA } from "../../lib/loading/inference_stats.ts";
import { whatIfBill } from "../../lib/whatif/engine.ts";
import type { PriceBook } from "../../lib/analysis/model_prices.ts";
import { parsePolicy } from "../../lib/whatif/policy.ts";
import { parseWorkloadCsv, type Workload } from "../../lib/whatif/workload.ts";

// A price book whose figures are easy to compute by hand: acme/big changes
// price on 2026-06-10, acme/late is first priced on 2026-06-15 (released
// mid-month), acme/long has a long-context override above 200K prompt tokens.
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
      cache_write_usd_per_mtok: 3.75,
      cache_write_1h_usd_per_mtok: 6,
    }),
    record(PRICE_HISTORY_SOURCE, "2026-06-10", "acme/big", {
      input_usd_per_mtok: 2,
      output_usd_per_mtok: 10,
      cache_read_usd_per_mtok: 0.2,
    }),
    record(MODELS_LIST_SOURCE, "2026-05-01", "acme/cheap", {
      input_usd_per_mtok: 0.1,
      output_usd_per_mtok: 0.2,
      cache_read_usd_per_mtok: 0.02,
    }),
    record(MODELS_LIST_SOURCE, "2026-06-15", "acme/late", {
      input_usd_per_mtok: 1,
      output_usd_per_mtok: 1,
    }),
    record(MODELS_LIST_SOURCE, "2026-05-01", "acme/long", {
      input_usd_per_mtok: 3,
      output_usd_per_mtok: 15,
      overrides_json: JSON.stringify([{
        min_prompt_tokens: 200000,
        utc_start: null,
        utc_end: null,
        rates: { input_usd_per_mtok: 6, output_usd_per_mtok: 22.5 },
      }]),
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

const parsedPolicy = parsePolicy({
  token_track: { primary: "acme/cheap", fallback: [] },
  dollar_track: { primary: "acme/big", budget_cap_usd: 1e9 },
  gray_pool: { model: "acme/cheap", max_share: 1 },
  routes: { agents: "token_track" },
}, "policy.json");
if (!parsedPolicy.ok) throw new Error("bad policy");
const POLICY = parsedPolicy.policy;

function workload(lines: string[]): Workload {
  const parsed = parseWorkloadCsv(lines.join("\n") + "\n", "w.csv");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.workload;
}

Deno.test("parseWorkloadCsv() reads the optional per-request columns: a timestamp gives the UTC day and time, cache writes and reasoning are kept", () => {
  const w = workload([
    "timestamp,stream,model,prompt_tokens,cached_tokens,cache_write_tokens,cache_write_1h_tokens,completion_tokens,reasoning_tokens,requests,web_searches,logged_usd",
    "2026-06-01T23:30:00-02:00,agents,acme/big,1000,100,200,300,50,20,1,2,0.0042",
  ]);
  const row = w.rows[0];
  assert.equal(row.date, "2026-06-02");
  assert.equal(row.utc_time, "01:30:00");
  assert.deepEqual(
    [
      row.cache_write_tokens,
      row.cache_write_1h_tokens,
      row.reasoning_tokens,
      row.web_searches,
      row.logged_usd,
    ],
    [200, 300, 20, 2, 0.0042],
  );
});

Deno.test("parseWorkloadCsv() names the line and field of every bad per-request row: parts above the prompt, reasoning above the completion, a bad timestamp, a timestamped row of several requests", () => {
  const parsed = parseWorkloadCsv(
    [
      "timestamp,stream,model,prompt_tokens,cached_tokens,cache_write_tokens,completion_tokens,reasoning_tokens,requests",
      "2026-06-01T10:00:00Z,agents,acme/big,100,60,50,10,0,1",
      "2026-06-01T10:00:00Z,agents,acme/big,100,0,0,10,11,1",
      "yesterday,agents,acme/big,100,0,0,10,0,1",
      "2026-06-01T10:00:00Z,agents,acme/big,100,0,0,10,0,4",
      "2026-06-01T10:00:00Z,agents,acme/big,1.5,0,0,-1,0,1",
    ].join("\n") + "\n",
    "w.csv",
  );
  assert.equal(parsed.ok, false);
  if (parsed.ok) return;
  assert.deepEqual(
    parsed.problems.map((p) => `${p.record} ${p.field} ${p.value}`),
    [
      "line 2 cache_write_tokens 50",
      "line 3 reasoning_tokens 11",
      'line 4 timestamp "yesterday"',
      "line 5 requests 4",
      'line 6 prompt_tokens "1.5"',
      'line 6 completion_tokens "-1"',
    ],
  );
});

Deno.test("whatIfBill() prices each row on its own day: acme/big at $3/M on 2026-06-01 and $2/M on 2026-06-12", () => {
  const out = whatIfBill(
    workload([
      "date,stream,model,prompt_tokens,cached_tokens,completion_tokens,requests",
      "2026-06-01,agents,acme/big,1000000,0,0,1",
      "2026-06-12,agents,acme/big,1000000,0,0,1",
    ]),
    POLICY,
    BOOK,
  );
  assert.ok(out.ok);
  assert.equal(out.result.total.now_usd, 5);
  // With --as-of, every row at that day's prices, as before.
  const forced = whatIfBill(
    workload([
      "date,stream,model,prompt_tokens,cached_tokens,completion_tokens,requests",
      "2026-06-01,agents,acme/big,1000000,0,0,1",
      "2026-06-12,agents,acme/big,1000000,0,0,1",
    ]),
    POLICY,
    BOOK,
    { asOf: "2026-06-12" },
  );
  assert.ok(forced.ok);
  assert.equal(forced.result.total.now_usd, 4);
});

Deno.test("whatIfBill() bills 5-minute and 1-hour cache writes at their rates", () => {
  // 1M prompt: 0.2M uncached × $3 + 0.5M cached × $0.30 + 0.2M × $3.75 + 0.1M × $6 = 0.6 + 0.15 + 0.75 + 0.6
  const out = whatIfBill(
    workload([
      "date,stream,model,prompt_tokens,cached_tokens,cache_write_tokens,cache_write_1h_tokens,completion_tokens,requests",
      "2026-06-01,agents,acme/big,1000000,500000,200000,100000,0,1",
    ]),
    POLICY,
    BOOK,
  );
  assert.ok(out.ok);
  assert.equal(out.result.total.now_usd, 2.1);
});

Deno.test("whatIfBill() gives a model released mid-month one problem line per day before its first price, not one per row", () => {
  const rows = ["2026-06-13", "2026-06-13", "2026-06-13", "2026-06-14"].map((
    day,
  ) => `${day},agents,acme/late,1000,0,0,1`);
  const out = whatIfBill(
    workload([
      "date,stream,model,prompt_tokens,cached_tokens,completion_tokens,requests",
      ...rows,
      "2026-06-15,agents,acme/late,1000,0,0,1",
    ]),
    POLICY,
    BOOK,
  );
  assert.equal(out.ok, false);
  if (out.ok) return;
  assert.deepEqual(out.problems.map((p) => [p.record, p.expected]), [
    [
      "line 2 (and 2 more rows)",
      "a model with a list price on or before 2026-06-13 (OpenRouter price history or models list)",
    ],
    [
      "line 5",
      "a model with a list price on or before 2026-06-14 (OpenRouter price history or models list)",
    ],
  ]);
});

Deno.test("whatIfBill() takes the long-context switch on a row's mean prompt per request, and says so", () => {
  // 900K prompt tokens over 3 requests: 300K per request > 200K → $6/M = $5.40;
  // over 5 requests, 180K each → $3/M = $2.70.
  const price = (requests: number) => {
    const out = whatIfBill(
      workload([
        "date,stream,model,prompt_tokens,cached_tokens,completion_tokens,requests",
        `2026-06-01,agents,acme/long,900000,0,0,${requests}`,
      ]),
      POLICY,
      BOOK,
    );
    assert.ok(out.ok);
    return out.result;
  };
  assert.equal(price(3).total.now_usd, 5.4);
  assert.equal(price(5).total.now_usd, 2.7);
  assert.deepEqual(price(3).assumptions, [
    "acme/long: OpenRouter models list 2026-05-01 has a long-context price; rows of several requests take it on their mean prompt per request",
  ]);
  assert.deepEqual(price(1).assumptions, []);
});
