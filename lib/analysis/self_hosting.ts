/**
 * Self-hosting against the API: what a million tokens cost on rented GPUs at
 * a given utilisation, against the OpenRouter list price of the same model
 * for the same token mix, and the utilisation and monthly volume at which the
 * two break even.
 *
 * The formula the public write-ups use (data/reference/self_hosting.csv):
 * `$/Mtok = GPU $/h × GPUs ÷ (tokens/s × 3600 × utilisation) × 1e6`, applied
 * once with the setup's input (prefill) throughput and once with its output
 * (decode) throughput. A task's self-hosted cost is the GPU time its input
 * and output take, so the GPUs are priced for the seconds each phase uses.
 *
 * Cache reads are billed on both sides. The API bills cached input at its
 * cache-read price (`taskCost`); self-hosted, prefix caching skips the
 * prefill of a cached prefix, so a cached input token is charged
 * `cachedInputCostFactor` (default {@linkcode CACHED_PREFILL_COST_FACTOR})
 * of an uncached one: an assumption, since no source measures it, returned
 * with every row.
 *
 * @module
 */
import pl from "nodejs-polars";
import { type PriceRow, taskCost, type TaskTokens } from "./cost.ts";
import { priceOn } from "./prices.ts";
import { frameOf } from "../loading/frames.ts";

/** Utilisation of inference-only fleets as reported: "10–20 %" (news.ycombinator.com/item?id=45064329). */
export const FLEET_UTILISATION = {
  low: 0.1,
  high: 0.2,
  source: "https://news.ycombinator.com/item?id=45064329",
} as const;

/** Hours in an average month: 365 × 24 ÷ 12. */
export const HOURS_PER_MONTH = 730;

/**
 * What a cached input token costs self-hosted, as a fraction of an uncached
 * (prefilled) one: prefix caching skips the prefill, but the cached prefix
 * still occupies KV-cache memory and batch slots. 0.1 is an assumption (the
 * ratio of cache-read to input price many APIs charge), not a measurement.
 */
export const CACHED_PREFILL_COST_FACTOR = 0.1;

/**
 * Self-hosted cost of a million tokens: GPU $/h × GPUs ÷ (tokens/s × 3600 ×
 * utilisation) × 1e6.
 *
 * @param gpuUsdPerHour Rental price of one GPU, USD per hour.
 * @param gpus GPUs the setup uses.
 * @param tokensPerSecond Throughput of the whole setup at full use, tokens per second.
 * @param utilisation Fraction 0–1 of the paid hours the GPUs serve at that throughput.
 * @returns USD per million tokens.
 * @throws {RangeError} When a price, GPU count or throughput is not positive, or the utilisation is outside (0, 1].
 *
 * @example One H100 at $2.49/h decoding 1,800 tokens/s (gpuadvisor.com)
 * ```ts
 * import assert from "node:assert/strict";
 * // 2.49 ÷ (1800 × 3600) × 1e6 = 0.3843 at full use; at 20 % use, 5× that
 * assert.equal(selfHostedUsdPerMtok(2.49, 1, 1800, 1).toFixed(4), "0.3843");
 * assert.equal(selfHostedUsdPerMtok(2.49, 1, 1800, 0.2).toFixed(4), "1.9213");
 * ```
 */
export function selfHostedUsdPerMtok(
  gpuUsdPerHour: number,
  gpus: number,
  tokensPerSecond: number,
  utilisation: number,
): number {
  const bad = Object.entries({ gpuUsdPerHour, gpus, tokensPerSecond })
    .filter(([, value]) => !(Number.isFinite(value) && value > 0))
    .map(([name, value]) => `${name} is ${value}`);
  if (!(utilisation > 0 && utilisation <= 1)) {
    bad.push(
      `utilisation is ${utilisation}, expected a fraction above 0 and at most 1`,
    );
  }
  if (bad.length > 0) {
    throw new RangeError(
      `Cannot price self-hosted tokens: ${
        bad.join("; ")
      } (prices, GPUs and throughput must be positive)`,
    );
  }
  return gpuUsdPerHour * gpus / (tokensPerSecond * 3600 * utilisation) * 1e6;
}

/** The prefill-to-decode throughput ratio of the setups that report both, and where it comes from. */
export interface PrefillDecodeRatio {
  /** Input tokens/s ÷ output tokens/s (mean over the setups with both). */
  ratio: number;
  /** The setups it comes from, in words. */
  basis: string;
}

/**
 * The prefill-to-decode throughput ratio measured by the setups that report
 * both throughputs, for setups that report only output throughput.
 *
 * @param setups The self-hosting reference table (`setup_id`, `input_tokens_per_s`, `output_tokens_per_s`).
 * @returns The mean ratio and its basis.
 * @throws {RangeError} When no setup reports both throughputs.
 *
 * @example LMSYS's DeepSeek V3 node: 52.3k input and 22.3k output tokens/s
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const setups = pl.DataFrame({ setup_id: ["a", "b"], input_tokens_per_s: [52300, null], output_tokens_per_s: [22300, 1800] });
 * assert.equal(prefillDecodeRatio(setups).ratio.toFixed(3), "2.345");
 * ```
 */
export function prefillDecodeRatio(setups: pl.DataFrame): PrefillDecodeRatio {
  const both = setups.filter(
    pl.col("input_tokens_per_s").isNotNull().and(
      pl.col("output_tokens_per_s").isNotNull(),
    ),
  ).sort("setup_id");
  if (both.height === 0) {
    throw new RangeError(
      "Cannot infer input throughput: no setup in the self-hosting table reports both input_tokens_per_s and output_tokens_per_s",
    );
  }
  const input = both.getColumn("input_tokens_per_s").toArray() as number[];
  const output = both.getColumn("output_tokens_per_s").toArray() as number[];
  const ratios = input.map((value, i) => value / output[i]);
  const ratio = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  const ids = both.getColumn("setup_id").toArray() as string[];
  return {
    ratio,
    basis: `assumed ${
      ratio.toFixed(2)
    }× the output throughput (prefill ÷ decode of ${ids.join(", ")})`,
  };
}

/** A named token mix to price: one task's tokens. */
export interface NamedMix {
  /** The mix's name in the table, e.g. "article task". */
  name: string;
  /** Its tokens and cache-hit rate. */
  tokens: TaskTokens;
}

/** Options of {@linkcode selfHostingBreakEven}. */
export interface SelfHostingOptions {
  /** The day whose OpenRouter list prices the API side uses, `YYYY-MM-DD`. */
  date: string;
  /** Fraction 0–1 of the paid GPU hours spent serving at the stated throughput. */
  utilisation: number;
  /** The token mixes to compare on. */
  mixes: readonly NamedMix[];
  /** Self-hosted cost of a cached input token ÷ an uncached one (default {@linkcode CACHED_PREFILL_COST_FACTOR}). */
  cachedInputCostFactor?: number;
}

/** Column dtypes of {@linkcode selfHostingBreakEven}'s frame. */
export const BREAK_EVEN_SCHEMA = {
  setup_id: pl.Utf8,
  setup: pl.Utf8,
  model: pl.Utf8,
  gpus: pl.Float64,
  gpu_usd_per_hour: pl.Float64,
  api_model_id: pl.Utf8,
  mix: pl.Utf8,
  utilisation: pl.Float64,
  input_usd_per_mtok_full_use: pl.Float64,
  output_usd_per_mtok_full_use: pl.Float64,
  self_usd_per_mtok_full_use: pl.Float64,
  self_usd_per_mtok: pl.Float64,
  api_usd_per_mtok: pl.Float64,
  api_price_date: pl.Utf8,
  self_hosting_cheaper: pl.Bool,
  break_even_utilisation: pl.Float64,
  monthly_gpu_usd: pl.Float64,
  capacity_tokens_per_month: pl.Float64,
  break_even_tokens_per_month: pl.Float64,
  input_throughput_basis: pl.Utf8,
  source_url: pl.Utf8,
  source_date: pl.Utf8,
  assumptions: pl.Utf8,
} as const;

/** One setup's row of the reference table, as the model reads it. */
interface Setup {
  setup_id: string;
  setup: string;
  model: string;
  api_model_id: string;
  gpus: number;
  gpu_usd_per_hour: number;
  input_tokens_per_s: number | null;
  output_tokens_per_s: number;
  source_url: string;
  source_date: string;
}

/** Self-hosted cost of one task at full use, USD. */
function selfTaskUsdFullUse(
  setup: Setup,
  inputTokensPerSecond: number,
  tokens: TaskTokens,
  cachedFactor: number,
): { input: number; output: number; task: number } {
  const input = selfHostedUsdPerMtok(
    setup.gpu_usd_per_hour,
    setup.gpus,
    inputTokensPerSecond,
    1,
  );
  const output = selfHostedUsdPerMtok(
    setup.gpu_usd_per_hour,
    setup.gpus,
    setup.output_tokens_per_s,
    1,
  );
  const cached = tokens.inputTokens * tokens.cacheHitRate;
  const uncached = tokens.inputTokens - cached;
  const task = (uncached * input + cached * cachedFactor * input +
    tokens.outputTokens * output) / 1e6;
  return { input, output, task };
}

/**
 * Each setup against its model's API, per token mix: the self-hosted $/Mtok
 * at full use and at the utilisation given, the API's blended $/Mtok for
 * the same mix (list prices in force on the date, cache reads at the
 * cache-read rate), the break-even utilisation (self-hosted cost at full use
 * ÷ API cost: above it self-hosting is cheaper; above 1 it never is), and
 * the monthly token volume at which a month of rented GPUs costs what the
 * API would (monthly GPU bill ÷ API $ per token; equal to break-even
 * utilisation × the setup's monthly capacity).
 *
 * @param setups The self-hosting reference table (`data/reference/self_hosting.csv`).
 * @param prices The frame from `priceRows`.
 * @param options The price date, utilisation, mixes and the cached-input assumption.
 * @returns One row per setup and mix (columns {@linkcode BREAK_EVEN_SCHEMA}),
 *   in the table's order, each setup's mixes as given; the API columns are null when the model
 *   has no OpenRouter price by the date (the `assumptions` column says so).
 * @throws {RangeError} When the utilisation or a setup's figures are out of range.
 *
 * @example A $2/h GPU doing 1,000 input and 500 output tokens/s against an API at $0.50/$1.00
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const setups = pl.DataFrame({ setup_id: ["s"], setup: ["one GPU"], api_model_id: ["m"], gpus: [1], gpu_usd_per_hour: [2], input_tokens_per_s: [1000], output_tokens_per_s: [500], source_url: ["u"], source_date: ["2026-01-01"] });
 * const prices = pl.DataFrame({ source: ["OpenRouter models list"], source_date: ["2026-01-01"], model_id: ["m"], input_usd_per_mtok: [0.5], output_usd_per_mtok: [1], cache_read_usd_per_mtok: [null], cache_write_usd_per_mtok: [null] });
 * const mix = { name: "half", tokens: { inputTokens: 500_000, outputTokens: 500_000, cacheHitRate: 0 } };
 * const [row] = selfHostingBreakEven(setups, prices, { date: "2026-06-01", utilisation: 0.5, mixes: [mix] }).toRecords();
 * // input 2 ÷ 3.6 = $0.5556/M, output $1.1111/M; blended 0.8333 at full use, 1.6667 at 50 %; API 0.75
 * assert.equal(Number(row.self_usd_per_mtok).toFixed(4), "1.6667");
 * assert.equal(Number(row.break_even_utilisation).toFixed(4), "1.1111");
 * ```
 */
export function selfHostingBreakEven(
  setups: pl.DataFrame,
  prices: pl.DataFrame,
  options: SelfHostingOptions,
): pl.DataFrame {
  const { utilisation, date, mixes } = options;
  const cachedFactor = options.cachedInputCostFactor ??
    CACHED_PREFILL_COST_FACTOR;
  if (!(cachedFactor >= 0 && cachedFactor <= 1)) {
    throw new RangeError(
      `Cannot compare self-hosting: cachedInputCostFactor is ${cachedFactor}, expected a fraction from 0 to 1`,
    );
  }
  selfHostedUsdPerMtok(1, 1, 1, utilisation);
  const needsRatio = setups.filter(pl.col("input_tokens_per_s").isNull())
    .height > 0;
  const inferred = needsRatio ? prefillDecodeRatio(setups) : undefined;
  const rows: Record<string, unknown>[] = [];
  for (const setup of setups.toRecords() as unknown as Setup[]) {
    const inputTps = setup.input_tokens_per_s ??
      setup.output_tokens_per_s * inferred!.ratio;
    const basis = setup.input_tokens_per_s === null
      ? inferred!.basis
      : "stated by the source";
    const price = priceOn(prices, setup.api_model_id, date);
    for (const mix of mixes) {
      rows.push(
        breakEvenRow(setup, inputTps, basis, price, mix, {
          utilisation,
          cachedFactor,
          date,
        }),
      );
    }
  }
  return frameOf(rows, BREAK_EVEN_SCHEMA);
}

function breakEvenRow(
  setup: Setup,
  inputTps: number,
  basis: string,
  price: PriceRow | undefined,
  mix: NamedMix,
  o: { utilisation: number; cachedFactor: number; date: string },
): Record<string, unknown> {
  const tokens = mix.tokens.inputTokens + mix.tokens.outputTokens;
  const full = selfTaskUsdFullUse(setup, inputTps, mix.tokens, o.cachedFactor);
  const selfFull = full.task / tokens * 1e6;
  const monthlyGpuUsd = setup.gpus * setup.gpu_usd_per_hour * HOURS_PER_MONTH;
  const assumptions = [
    `self-hosted cached input at ${o.cachedFactor}× the prefill cost (prefix caching)`,
    `GPUs rented by the hour at the source's rate; utilisation ${o.utilisation} of paid hours`,
  ];
  let api: number | null = null;
  if (price === undefined) {
    assumptions.push(
      `no OpenRouter price for ${setup.api_model_id} by ${o.date}`,
    );
  } else {
    const cost = taskCost(mix.tokens, price);
    api = cost.total_usd / tokens * 1e6;
    assumptions.push(...cost.assumptions);
  }
  const selfAtU = selfFull / o.utilisation;
  return {
    setup_id: setup.setup_id,
    setup: setup.setup,
    model: setup.model,
    gpus: setup.gpus,
    gpu_usd_per_hour: setup.gpu_usd_per_hour,
    api_model_id: setup.api_model_id,
    mix: mix.name,
    utilisation: o.utilisation,
    input_usd_per_mtok_full_use: full.input,
    output_usd_per_mtok_full_use: full.output,
    self_usd_per_mtok_full_use: selfFull,
    self_usd_per_mtok: selfAtU,
    api_usd_per_mtok: api,
    api_price_date: price?.source_date ?? null,
    self_hosting_cheaper: api === null ? null : selfAtU < api,
    break_even_utilisation: api === null ? null : selfFull / api,
    monthly_gpu_usd: monthlyGpuUsd,
    capacity_tokens_per_month: monthlyGpuUsd / selfFull * 1e6,
    break_even_tokens_per_month: api === null
      ? null
      : monthlyGpuUsd / api * 1e6,
    input_throughput_basis: basis,
    source_url: setup.source_url,
    source_date: setup.source_date,
    assumptions: assumptions.join("; "),
  };
}

/**
 * Self-hosted $/Mtok against the API's at several utilisations: the curve
 * behind the break-even point, for a table or a chart.
 *
 * @param breakEven A frame from {@linkcode selfHostingBreakEven}.
 * @param utilisations Fractions 0–1 to evaluate (each above 0).
 * @returns Columns `setup_id, mix, utilisation, self_usd_per_mtok,
 *   api_usd_per_mtok, self_hosting_cheaper`, sorted by setup, mix, utilisation.
 * @throws {RangeError} When a utilisation is outside (0, 1].
 *
 * @example Cost falls as 1 ÷ utilisation
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const breakEven = pl.DataFrame({ setup_id: ["s"], mix: ["m"], self_usd_per_mtok_full_use: [0.2], api_usd_per_mtok: [0.5] });
 * const curve = utilisationCurve(breakEven, [0.2, 0.5, 1]);
 * assert.deepEqual(curve.getColumn("self_usd_per_mtok").toArray(), [1, 0.4, 0.2]);
 * assert.deepEqual(curve.getColumn("self_hosting_cheaper").toArray(), [false, true, true]);
 * ```
 */
export function utilisationCurve(
  breakEven: pl.DataFrame,
  utilisations: readonly number[],
): pl.DataFrame {
  for (const u of utilisations) selfHostedUsdPerMtok(1, 1, 1, u);
  const grid = pl.DataFrame({ utilisation: [...utilisations] }, {
    schema: { utilisation: pl.Float64 },
  });
  return breakEven
    .select("setup_id", "mix", "self_usd_per_mtok_full_use", "api_usd_per_mtok")
    .join(grid, { how: "cross" })
    .select(
      pl.col("setup_id"),
      pl.col("mix"),
      pl.col("utilisation"),
      pl.col("self_usd_per_mtok_full_use").div(pl.col("utilisation")).alias(
        "self_usd_per_mtok",
      ),
      pl.col("api_usd_per_mtok"),
    )
    .withColumns(
      pl.col("self_usd_per_mtok").lt(pl.col("api_usd_per_mtok")).alias(
        "self_hosting_cheaper",
      ),
    )
    .sort(["setup_id", "mix", "utilisation"]);
}
