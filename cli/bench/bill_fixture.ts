/**
 * The benchmark's per-request log: `requests.csv` (seeded, one request per
 * row, a month of four models and two streams, prompts on both sides of a
 * 200K long-context threshold) and `prices.csv` (each model's price records,
 * one with a mid-month change, two with a long-context tier), written so
 * tokenbook (`bill_scale.ts`) and pandas (`bill_pandas.py`) bill the same
 * rows at the same prices.
 *
 * @module
 */
import pl from "nodejs-polars";
import { join } from "node:path";
import {
  MODELS_LIST_SOURCE,
  PRICE_SCHEMA,
} from "../../lib/analysis/price_book.ts";
import { frameOf } from "../../lib/loading/frames.ts";

/** The fixture's price records, in `prices.csv`'s columns (null: the tier inherits). */
export const BENCH_PRICES = [
  {
    model_id: "acme/sonnet",
    source_date: "2026-05-01",
    input: 3,
    output: 15,
    cache_read: 0.3,
    cache_write: 3.75,
    cache_write_1h: 6,
    reasoning: 15,
    request: 0,
    web_search: 0.01,
    discount: 0,
    min_prompt_tokens: 200000,
    tier_input: 6,
    tier_output: 22.5,
    tier_cache_read: 0.6,
    tier_cache_write: 7.5,
    tier_cache_write_1h: 12,
  },
  {
    model_id: "acme/flash",
    source_date: "2026-05-01",
    input: 0.14,
    output: 0.28,
    cache_read: 0.0028,
    cache_write: 0.14,
    cache_write_1h: 0.14,
    reasoning: 0.28,
    request: 0,
    web_search: 0,
    discount: 0,
    min_prompt_tokens: null,
    tier_input: null,
    tier_output: null,
    tier_cache_read: null,
    tier_cache_write: null,
    tier_cache_write_1h: null,
  },
  {
    model_id: "acme/flash",
    source_date: "2026-06-16",
    input: 0.098,
    output: 0.196,
    cache_read: 0.02,
    cache_write: 0.098,
    cache_write_1h: 0.098,
    reasoning: 0.196,
    request: 0,
    web_search: 0,
    discount: 0,
    min_prompt_tokens: null,
    tier_input: null,
    tier_output: null,
    tier_cache_read: null,
    tier_cache_write: null,
    tier_cache_write_1h: null,
  },
  {
    model_id: "acme/research",
    source_date: "2026-05-01",
    input: 2,
    output: 8,
    cache_read: 2,
    cache_write: 2,
    cache_write_1h: 2,
    reasoning: 3,
    request: 0.0004,
    web_search: 0.005,
    discount: 0.1,
    min_prompt_tokens: null,
    tier_input: null,
    tier_output: null,
    tier_cache_read: null,
    tier_cache_write: null,
    tier_cache_write_1h: null,
  },
  {
    model_id: "acme/opus",
    source_date: "2026-05-01",
    input: 5,
    output: 25,
    cache_read: 0.5,
    cache_write: 6.25,
    cache_write_1h: 10,
    reasoning: 25,
    request: 0,
    web_search: 0.01,
    discount: 0,
    min_prompt_tokens: 200000,
    tier_input: 10,
    tier_output: 37.5,
    tier_cache_read: 1,
    tier_cache_write: 12.5,
    tier_cache_write_1h: 20,
  },
] as const;

/** `prices.csv` as a price-book frame (rates, and the tier as an override). */
export function benchPriceFrame(): pl.DataFrame {
  return frameOf(
    BENCH_PRICES.map((p) => ({
      source: MODELS_LIST_SOURCE,
      source_date: p.source_date,
      model_id: p.model_id,
      input_usd_per_mtok: p.input,
      output_usd_per_mtok: p.output,
      cache_read_usd_per_mtok: p.cache_read,
      cache_write_usd_per_mtok: p.cache_write,
      cache_write_1h_usd_per_mtok: p.cache_write_1h,
      reasoning_usd_per_mtok: p.reasoning,
      request_usd: p.request,
      web_search_usd: p.web_search,
      discount: p.discount,
      overrides_json: JSON.stringify(
        p.min_prompt_tokens === null ? [] : [{
          min_prompt_tokens: p.min_prompt_tokens,
          utc_start: null,
          utc_end: null,
          rates: {
            input_usd_per_mtok: p.tier_input,
            output_usd_per_mtok: p.tier_output,
            cache_read_usd_per_mtok: p.tier_cache_read,
            cache_write_usd_per_mtok: p.tier_cache_write,
            cache_write_1h_usd_per_mtok: p.tier_cache_write_1h,
          },
        }],
      ),
    })),
    PRICE_SCHEMA,
  );
}

/**
 * Write `prices.csv` and `requests.csv` (`rows` requests) to `dir`.
 *
 * @param dir The folder.
 * @param rows How many requests.
 */
export function writeBillFixture(dir: string, rows: number): void {
  pl.DataFrame(BENCH_PRICES.map((p) => ({ ...p }))).writeCSV(
    join(dir, "prices.csv"),
  );
  let a = 21;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const models = ["acme/sonnet", "acme/flash", "acme/research", "acme/opus"];
  const column = () => new Array<number>(rows);
  const c = {
    prompt_tokens: column(),
    cached_tokens: column(),
    cache_write_tokens: column(),
    cache_write_1h_tokens: column(),
    completion_tokens: column(),
    reasoning_tokens: column(),
    web_searches: column(),
  };
  const timestamp = new Array<string>(rows);
  const stream = new Array<string>(rows);
  const model = new Array<string>(rows);
  for (let i = 0; i < rows; i++) {
    const prompt = Math.floor(next() * (next() < 0.1 ? 400_000 : 60_000));
    const cached = Math.floor(next() * prompt);
    const write = Math.floor(next() * 0.5 * (prompt - cached));
    const write1h = Math.floor(next() * 0.2 * (prompt - cached - write));
    const completion = Math.floor(next() * 4_000);
    c.prompt_tokens[i] = prompt;
    c.cached_tokens[i] = cached;
    c.cache_write_tokens[i] = write;
    c.cache_write_1h_tokens[i] = write1h;
    c.completion_tokens[i] = completion;
    c.reasoning_tokens[i] = Math.floor(next() * completion);
    c.web_searches[i] = next() < 0.05 ? 1 : 0;
    const day = 1 + Math.floor(next() * 30);
    const second = Math.floor(next() * 86_400);
    timestamp[i] = `2026-06-${String(day).padStart(2, "0")}T${
      String(Math.floor(second / 3600)).padStart(2, "0")
    }:${String(Math.floor(second / 60) % 60).padStart(2, "0")}:${
      String(second % 60).padStart(2, "0")
    }Z`;
    stream[i] = next() < 0.7 ? "agents" : "ide";
    model[i] = models[Math.floor(next() * models.length)];
  }
  pl.DataFrame({
    timestamp,
    stream,
    model,
    ...Object.fromEntries(
      Object.entries(c).map((
        [name, values],
      ) => [name, pl.Series(name, values, pl.Int64)]),
    ),
    requests: pl.Series("requests", new Array(rows).fill(1), pl.Int64),
  }).writeCSV(join(dir, "requests.csv"));
}
