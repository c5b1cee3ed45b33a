import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import {
  MODELS_LIST_SOURCE,
  PRICE_SCHEMA,
  priceOnDay,
} from "../../lib/analysis/price_book.ts";
import type { PriceBook } from "../../lib/analysis/model_prices.ts";
import { requestBill } from "../../lib/analysis/request_bill.ts";
import { addExact, decimalText } from "../../lib/loading/decimal.ts";
import { frameOf } from "../../lib/loading/frames.ts";
import { OBSERVED_PRICES_SCHEMA } from "../../lib/loading/observed_prices.ts";
import { INFERENCE_SCHEMA } from "../../lib/loading/inference_stats.ts";
import {
  billAtScale,
  NeedsRowPath,
  scanWorkload,
} from "../../lib/whatif/scale_bill.ts";
import { inTempDir } from "../_helpers.ts";

const longContext = JSON.stringify([
  {
    min_prompt_tokens: 200000,
    utc_start: null,
    utc_end: null,
    rates: { input_usd_per_mtok: 6, output_usd_per_mtok: 22.5 },
  },
  {
    min_prompt_tokens: 400000,
    utc_start: null,
    utc_end: null,
    rates: { cache_read_usd_per_mtok: 1 },
  },
]);
const BOOK: PriceBook = {
  prices: frameOf([
    {
      source: MODELS_LIST_SOURCE,
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
      overrides_json: longContext,
    },
    {
      source: MODELS_LIST_SOURCE,
      source_date: "2026-06-10",
      model_id: "acme/long",
      input_usd_per_mtok: 2.5,
      output_usd_per_mtok: 12,
      cache_read_usd_per_mtok: 0.25,
      discount: 0.1,
      overrides_json: longContext,
    },
    {
      source: MODELS_LIST_SOURCE,
      source_date: "2026-05-01",
      model_id: "acme/flat",
      input_usd_per_mtok: 0.14,
      output_usd_per_mtok: 0.28,
      cache_read_usd_per_mtok: 0.0028,
      overrides_json: "[]",
    },
  ], PRICE_SCHEMA),
  modelIdentity: pl.DataFrame({ permaslug: [], model_id: [] }),
  observedPrices: frameOf([], OBSERVED_PRICES_SCHEMA),
  inference: frameOf([], INFERENCE_SCHEMA),
};

/** Seeded rows (mulberry32) over two models, a price change on 06-10, both sides of both thresholds. */
function rows(n: number): Record<string, string | number>[] {
  let a = 7;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * (max + 1));
  return Array.from({ length: n }, () => {
    const requests = 1 + int(2);
    const prompt = int(600_000) * requests;
    const cached = int(prompt);
    const write = int(prompt - cached);
    const write1h = int(prompt - cached - write);
    const completion = int(30_000);
    return {
      date: `2026-06-${String(1 + int(19)).padStart(2, "0")}`,
      stream: ["agents", "ide"][int(1)],
      model: ["acme/long", "acme/flat"][int(1)],
      prompt_tokens: prompt,
      cached_tokens: cached,
      cache_write_tokens: write,
      cache_write_1h_tokens: write1h,
      completion_tokens: completion,
      reasoning_tokens: int(completion),
      requests,
      web_searches: int(2),
    };
  });
}

/** The row-by-row exact bill: each row at its day's price, summed exactly. */
function rowByRow(data: Record<string, string | number>[]): string {
  return decimalText(addExact(...data.map((r) =>
    requestBill(
      r as never,
      priceOnDay(BOOK.prices, String(r.model), String(r.date))!,
    ).exact
  )));
}

Deno.test("billAtScale() equals the row-by-row exact bill to the last digit on 3,000 rows, read as CSV, NDJSON and Parquet", async () => {
  const data = rows(3_000);
  const expected = rowByRow(data);
  const counts = Object.keys(data[0]).filter((c) =>
    !["date", "stream", "model"].includes(c)
  );
  const frame = pl.DataFrame(data).withColumns(
    ...counts.map((c) => pl.col(c).cast(pl.Int64)),
  );
  await inTempDir(async (dir) => {
    const files = {
      csv: join(dir, "w.csv"),
      ndjson: join(dir, "w.ndjson"),
      parquet: join(dir, "w.parquet"),
    };
    frame.writeCSV(files.csv);
    frame.writeJSON(files.ndjson, { format: "lines" });
    frame.writeParquet(files.parquet);
    // The three files are written synchronously; make sure they are there.
    for (const file of Object.values(files)) await Deno.stat(file);
    for (const file of Object.values(files)) {
      const bill = billAtScale(scanWorkload(file), BOOK);
      assert.equal(decimalText(bill.exact), expected, file);
      assert.equal(bill.rows, 3_000);
      // 2 models × ≤ 20 days × ≤ 3 bands (the book's two thresholds) × 2 streams
      assert.ok(bill.buckets <= 2 * 20 * 3 * 2 && bill.buckets > 50);
    }
  });
});

Deno.test("billAtScale() leaves a bad row, an unpriced model-day and a non-UTC timestamp to the row-by-row path", () => {
  const base = {
    date: "2026-06-01",
    stream: "s",
    model: "acme/flat",
    prompt_tokens: "10",
    cached_tokens: "20",
    completion_tokens: "0",
    requests: "1",
  };
  assert.throws(
    () => billAtScale(pl.DataFrame([base]).lazy(), BOOK),
    NeedsRowPath,
  );
  assert.throws(
    () =>
      billAtScale(
        pl.DataFrame([{ ...base, cached_tokens: "0", date: "2026-04-01" }])
          .lazy(),
        BOOK,
      ),
    /acme\/flat has no list price on 2026-04-01/,
  );
  const { date: _date, ...undated } = base;
  assert.throws(
    () =>
      billAtScale(
        pl.DataFrame([{
          ...undated,
          cached_tokens: "0",
          timestamp: "2026-06-01T10:00:00+02:00",
        }]).lazy(),
        BOOK,
      ),
    /1 rows the fast path cannot bill/,
  );
});
