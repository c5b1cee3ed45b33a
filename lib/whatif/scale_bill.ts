/**
 * The bill of a large per-request log, at scale: the rows are read with a
 * polars lazy scan (CSV, NDJSON or Parquet of the canonical workload
 * columns), each row gets its rate bucket (how many of its price's
 * `min_prompt_tokens` thresholds its prompt per request exceeds), and the
 * rows are summed by model, day, rate bucket and stream **before** pricing;
 * each of the few sums is then billed exactly by `requestBill()` at the
 * rates of its bucket. Billing is linear in the counts within a bucket, so
 * the total equals the sum of the per-row bills (checked in tests against
 * `asRanBill()`, the row-by-row path).
 *
 * Memory stays bounded in the rows: the scan is collected in streaming mode
 * and only the sums are materialised.
 *
 * Limits of this path: a row's day is the first 10 characters of its `date`
 * or of its `timestamp` (which must be UTC, ending in `Z`); prices with a
 * time-of-day window, and inputs with a bad row (negative or fractional
 * counts, cache parts above the prompt, reasoning above the completion), are
 * left to the row-by-row path, which names every problem.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { PriceRow } from "../analysis/cost.ts";
import {
  listPriceOn,
  type PriceBook,
  resolveModelId,
} from "../analysis/model_prices.ts";
import { overridesOf } from "../analysis/price_book.ts";
import { requestBill } from "../analysis/request_bill.ts";
import {
  addExact,
  type ExactDecimal,
  exactToNumber,
} from "../loading/decimal.ts";

/** The count columns of the canonical workload, summed per bucket. */
export const COUNT_COLUMNS = [
  "requests",
  "prompt_tokens",
  "cached_tokens",
  "cache_write_tokens",
  "cache_write_1h_tokens",
  "completion_tokens",
  "reasoning_tokens",
  "web_searches",
] as const;

/** Why the fast path cannot bill an input (the row-by-row path must). */
export class NeedsRowPath extends Error {}

/** The bill of a large log. */
export interface ScaleBill {
  /** Exact total at list prices, USD. */
  usd: number;
  /** The exact total. */
  exact: ExactDecimal;
  /** Logged total, USD, or null when no `logged_usd` column. */
  logged_usd: number | null;
  /** Rows read. */
  rows: number;
  /** Buckets billed (model × day × rate bucket × stream). */
  buckets: number;
  /** Per model, day, band, stream and whether the rows logged a cost: the sums, the bill (`bill_usd`) and the price record (`price_source`, `price_date`), sorted. */
  frame: pl.DataFrame;
  /** What the bill assumed, per model. */
  assumptions: string[];
}

/** Scan a canonical workload file lazily by its extension. */
export function scanWorkload(file: string): pl.LazyDataFrame {
  const lower = file.toLowerCase();
  if (lower.endsWith(".parquet")) return pl.scanParquet(file);
  if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) {
    return pl.scanJson(file);
  }
  return pl.scanCSV(file, { inferSchemaLength: 0 });
}

/**
 * Bill a large per-request log exactly, aggregating before pricing.
 *
 * @param scan The rows, lazily (`scanWorkload()`), with the canonical columns.
 * @param book The price book.
 * @param onProgress Receives a line per stage (for stderr).
 * @returns The bill.
 * @throws {NeedsRowPath} When a row is bad, a model is unknown or unpriced on a day, or a price has a time-of-day window: the row-by-row path names every problem.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const book = { prices: pl.DataFrame({ source: ["OpenRouter models list"], source_date: ["2026-05-01"], model_id: ["a/m"], input_usd_per_mtok: [1], output_usd_per_mtok: [2], cache_read_usd_per_mtok: [0.1], cache_write_usd_per_mtok: [null], overrides_json: ["[]"] }), modelIdentity: pl.DataFrame({ permaslug: [], model_id: [] }), observedPrices: pl.DataFrame(), inference: pl.DataFrame() };
 * const rows = pl.DataFrame({ date: ["2026-06-01", "2026-06-01"], stream: ["s", "s"], model: ["a/m", "a/m"], prompt_tokens: ["1000000", "1000000"], cached_tokens: ["0", "500000"], completion_tokens: ["0", "0"], requests: ["1", "1"] });
 * const bill = billAtScale(rows.lazy(), book as never);
 * assert.equal(bill.usd, 1.55);
 * ```
 */
export function billAtScale(
  scan: pl.LazyDataFrame,
  book: PriceBook,
  onProgress: (line: string) => void = () => {},
): ScaleBill {
  const started = performance.now();
  const columns = scan.columns;
  const has = (c: string) => columns.includes(c);
  if (!has("date") && !has("timestamp")) {
    throw new NeedsRowPath("the fast path needs a date or timestamp column");
  }
  const count = (c: string) =>
    (has(c) ? pl.col(c).cast(pl.Int64, false) : pl.lit(0).cast(pl.Int64))
      .alias(c);
  const day = has("timestamp")
    ? pl.col("timestamp").cast(pl.Utf8).str.slice(0, 10).alias("day")
    : pl.col("date").cast(pl.Utf8).str.slice(0, 10).alias("day");
  const typed = scan.select(
    day,
    pl.col("stream").cast(pl.Utf8),
    pl.col("model").cast(pl.Utf8),
    ...COUNT_COLUMNS.map(count),
    (has("logged_usd")
      ? pl.col("logged_usd").cast(pl.Float64, false)
      : pl.lit(null).cast(pl.Float64)).alias("logged_usd"),
    ...(has("timestamp")
      ? [pl.col("timestamp").cast(pl.Utf8).str.endsWith("Z").alias("utc")]
      : [pl.lit(true).alias("utc")]),
  );
  // Distinct (model, day) with their row counts and a bad-row count, in one pass.
  const bad = pl.col("prompt_tokens").lt(0).or(
    pl.col("completion_tokens").lt(0),
  )
    .or(pl.col("cached_tokens").lt(0)).or(pl.col("cache_write_tokens").lt(0))
    .or(pl.col("cache_write_1h_tokens").lt(0))
    .or(pl.col("reasoning_tokens").lt(0)).or(pl.col("requests").lt(1))
    .or(pl.col("web_searches").lt(0))
    .or(
      pl.col("cached_tokens").plus(pl.col("cache_write_tokens")).plus(
        pl.col("cache_write_1h_tokens"),
      ).gt(pl.col("prompt_tokens")),
    )
    .or(pl.col("reasoning_tokens").gt(pl.col("completion_tokens")))
    .or(pl.col("utc").not()).or(pl.col("day").isNull())
    .or(pl.col("model").isNull()).or(pl.col("stream").isNull());
  // Every long-context threshold of the book: a row's band is how many it
  // exceeds (prompt per request), so one pass can sum by band before the
  // prices are looked up; a price's own bucket follows from the band.
  const global = [
    ...new Set(
      (book.prices.toRecords() as unknown as PriceRow[]).flatMap((p) =>
        overridesOf(p).map((o) => o.min_prompt_tokens)
      ).filter((t): t is number => t !== null),
    ),
  ].sort((a, b) => a - b);
  const perRequest = pl.col("prompt_tokens").div(pl.col("requests"));
  const band = global.length === 0
    ? pl.lit(0).cast(pl.Int64)
    : pl.sumHorizontal(
      global.map((t) =>
        pl.when(perRequest.gt(pl.lit(t))).then(pl.lit(1)).otherwise(pl.lit(0))
      ),
    ).cast(pl.Int64);
  const isBad = bad.or(
    pl.anyHorizontal(COUNT_COLUMNS.map((c) => pl.col(c).isNull())),
  );
  const sums = typed.withColumns(
    band.alias("band"),
    pl.col("logged_usd").isNotNull().alias("logged"),
  )
    .groupBy(["model", "day", "band", "stream", "logged"]).agg(
      ...COUNT_COLUMNS.map((c) => pl.col(c).sum()),
      pl.col("logged_usd").sum().alias("logged_usd"),
      pl.len().alias("rows"),
      isBad.sum().alias("bad"),
    ).collectSync({ engine: "streaming" }).sort([
      "model",
      "day",
      "band",
      "stream",
      "logged",
    ]);
  const badRows = sums.height === 0 ? 0 : sums.getColumn("bad").sum() as number;
  if (badRows > 0) {
    throw new NeedsRowPath(`${badRows} rows the fast path cannot bill`);
  }
  const totalRows = sums.height === 0
    ? 0
    : sums.getColumn("rows").sum() as number;
  onProgress(
    `read and summed ${
      totalRows.toLocaleString("en-US")
    } rows into ${sums.height} buckets in ${
      ((performance.now() - started) / 1000).toFixed(1)
    } s`,
  );
  const priceCache = new Map<string, PriceRow>();
  const priceOf = (model: string, day: string): PriceRow => {
    const key = `${model}\u0000${day}`;
    let price = priceCache.get(key);
    if (price === undefined) {
      const id = resolveModelId(book, model);
      price = id === undefined ? undefined : listPriceOn(book, id, day);
      if (price === undefined) {
        throw new NeedsRowPath(`${model} has no list price on ${day}`);
      }
      if (overridesOf(price).some((o) => o.utc_start !== null)) {
        throw new NeedsRowPath(`${price.model_id} has a time-of-day price`);
      }
      priceCache.set(key, price);
    }
    return price;
  };
  // Bill each bucket exactly at its rates: a prompt per request just above
  // the band's lower threshold selects the same overrides as every row in it.
  const usd: number[] = [];
  const parts: ExactDecimal[] = [];
  const sources: string[] = [];
  const dates: string[] = [];
  const assumptions = new Set<string>();
  for (const r of sums.toRecords() as Record<string, number & string>[]) {
    const probe = r.band === 0 ? 0 : global[r.band - 1] + 1;
    const bill = requestBill(
      {
        prompt_tokens: r.prompt_tokens,
        completion_tokens: r.completion_tokens,
        cached_tokens: r.cached_tokens,
        cache_write_tokens: r.cache_write_tokens,
        cache_write_1h_tokens: r.cache_write_1h_tokens,
        reasoning_tokens: r.reasoning_tokens,
        requests: r.requests,
        web_searches: r.web_searches,
      },
      priceOf(r.model, r.day),
      { promptPerRequest: probe },
    );
    usd.push(bill.usd);
    parts.push(bill.exact);
    const price = priceOf(r.model, r.day);
    sources.push(price.source);
    dates.push(price.source_date);
    for (const note of bill.assumptions) assumptions.add(note);
  }
  const exact = addExact(...parts);
  const logged = has("logged_usd")
    ? (sums.getColumn("logged_usd").sum() as number)
    : null;
  onProgress(
    `billed ${sums.height} buckets in ${
      ((performance.now() - started) / 1000).toFixed(1)
    } s`,
  );
  return {
    usd: exactToNumber(exact),
    exact,
    logged_usd: logged,
    rows: totalRows,
    buckets: sums.height,
    frame: sums.withColumns(
      pl.Series("bill_usd", usd, pl.Float64),
      pl.Series("price_source", sources, pl.Utf8),
      pl.Series("price_date", dates, pl.Utf8),
    ),
    assumptions: [...assumptions].sort(),
  };
}
