/**
 * The agent-task cost comparison of "The OpenRouter Pricing Truth"
 * (2026-06-08): one task of 100K input + 10K output tokens with 80% of the
 * input a cache hit, DeepSeek V4 Flash against Claude Sonnet 4.5.
 *
 * @module
 */
import pl from "nodejs-polars";
import {
  type CacheTreatment,
  type PriceRow,
  taskCost,
  type TaskTokens,
} from "./cost.ts";
import { findPrice, priceDates } from "./prices.ts";
import { frameOf } from "../loading/frames.ts";
import { EPSILON } from "../base/numbers.ts";

/** The article's task: 100K input, 10K output, 80% cache hits. */
export const ARTICLE_TASK: TaskTokens = {
  inputTokens: 100_000,
  outputTokens: 10_000,
  cacheHitRate: 0.8,
};
/** The cheap model of the comparison. */
export const CHEAP_MODEL = "deepseek/deepseek-v4-flash";
/** The premium model of the comparison. */
export const PREMIUM_MODEL = "anthropic/claude-sonnet-4.5";
/** Every cache treatment, in the order tables show them. */
export const TREATMENTS: readonly CacheTreatment[] = [
  "cache-read-rate",
  "cache-free",
  "no-cache",
];

/** Column dtypes of the task-cost frames (`tables/agent_task_cost.csv`). */
export const TASK_COST_SCHEMA = {
  scenario: pl.Utf8,
  model_id: pl.Utf8,
  price_source: pl.Utf8,
  price_date: pl.Utf8,
  cache_treatment: pl.Utf8,
  cache_hit_rate: pl.Float64,
  uncached_input_usd: pl.Float64,
  cache_read_usd: pl.Float64,
  cache_write_usd: pl.Float64,
  output_usd: pl.Float64,
  total_usd: pl.Float64,
  assumptions: pl.Utf8,
} as const;

function costRow(
  scenario: string,
  price: PriceRow,
  task: TaskTokens,
  treatment: CacheTreatment,
) {
  const cost = taskCost(task, price, treatment);
  return {
    scenario,
    model_id: price.model_id,
    price_source: price.source,
    price_date: price.source_date,
    cache_treatment: treatment,
    cache_hit_rate: task.cacheHitRate,
    uncached_input_usd: cost.uncached_input_usd,
    cache_read_usd: cost.cache_read_usd,
    cache_write_usd: cost.cache_write_usd,
    output_usd: cost.output_usd,
    total_usd: cost.total_usd,
    assumptions: cost.assumptions.join("; "),
  };
}

/**
 * Every price row of a model across every source and date, priced under every
 * cache treatment: the search space in which to find what makes an article's
 * figure come out (the rows of {@linkcode costCandidates}).
 *
 * @param prices The frame from `priceRows`.
 * @param modelId The model.
 * @param task The task (default: the article's).
 * @returns One row per price row and treatment (columns: {@linkcode TASK_COST_SCHEMA}).
 */
export function allTaskCosts(
  prices: pl.DataFrame,
  modelId: string,
  task: TaskTokens = ARTICLE_TASK,
): pl.DataFrame {
  const rows = costCandidates(prices, modelId, { task }).map((c) =>
    costRow("search", c.price, task, c.treatment)
  );
  return frameOf(rows, TASK_COST_SCHEMA);
}

/**
 * Which (price source, date, treatment) combinations give a stated cost
 * within a tolerance.
 *
 * @param costs A frame from {@linkcode allTaskCosts}.
 * @param statedUsd The article's figure.
 * @param toleranceUsd Half a unit of the figure's last digit (0.0005 for "$0.008").
 * @returns The matching rows, closest first.
 */
export function matchStatedCost(
  costs: pl.DataFrame,
  statedUsd: number,
  toleranceUsd: number,
): pl.DataFrame {
  return costs
    .withColumns(
      pl.col("total_usd").minus(pl.lit(statedUsd)).abs().alias("distance_usd"),
    )
    .filter(
      pl.col("distance_usd").lessThanEquals(pl.lit(toleranceUsd + EPSILON)),
    )
    .sort(["distance_usd", "price_source", "price_date", "cache_treatment"]);
}

/**
 * The comparison under consistent assumptions: for each price source, on each
 * date it recorded a price for either model, both models priced from that one
 * source as of that date, cache reads charged for both.
 *
 * @param prices The frame from `priceRows`.
 * @param sources The sources to use.
 * @param task The task (default: the article's).
 * @returns Columns `price_source, price_date, cheap_usd, premium_usd, ratio, assumptions`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { MODELS_LIST_SOURCE, priceRows } from "./prices.ts";
 * const { prices } = priceRows(await loadWorkspace("data"));
 * const table = consistentRatios(prices, [MODELS_LIST_SOURCE]);
 * assert.equal(table.height, 1);
 * ```
 */
export function consistentRatios(
  prices: pl.DataFrame,
  sources: readonly string[],
  task: TaskTokens = ARTICLE_TASK,
): pl.DataFrame {
  const rows: Record<string, unknown>[] = [];
  for (const source of sources) {
    for (
      const date of priceDates(prices, [CHEAP_MODEL, PREMIUM_MODEL], source)
    ) {
      const cheap = findPrice(prices, CHEAP_MODEL, source, date);
      const premium = findPrice(prices, PREMIUM_MODEL, source, date);
      if (cheap === undefined || premium === undefined) continue;
      const cheapCost = taskCost(task, cheap);
      const premiumCost = taskCost(task, premium);
      rows.push({
        price_source: source,
        price_date: date,
        cheap_usd: cheapCost.total_usd,
        premium_usd: premiumCost.total_usd,
        ratio: premiumCost.total_usd / cheapCost.total_usd,
        assumptions: [...cheapCost.assumptions, ...premiumCost.assumptions]
          .join("; "),
      });
    }
  }
  return frameOf(rows, {
    price_source: pl.Utf8,
    price_date: pl.Utf8,
    cheap_usd: pl.Float64,
    premium_usd: pl.Float64,
    ratio: pl.Float64,
    assumptions: pl.Utf8,
  });
}

/**
 * The premium/cheap cost ratio against the cache-hit rate, 0 to 100%.
 *
 * @param pairs Named price pairs: `{ series, cheap, premium }`.
 * @param steps Number of intervals between 0 and 1 (default 20: every 5%).
 * @param task The task's input and output (its hit rate is replaced).
 * @returns Columns `series, cache_hit_rate, cheap_usd, premium_usd, ratio`.
 *
 * @example Equal prices give a ratio of 1 at every rate
 * ```ts
 * import assert from "node:assert/strict";
 * const p = { source: "s", source_date: "d", model_id: "m", input_usd_per_mtok: 1, output_usd_per_mtok: 2, cache_read_usd_per_mtok: 0.1, cache_write_usd_per_mtok: null };
 * const curve = ratioByCacheHitRate([{ series: "same", cheap: p, premium: p }], 4);
 * assert.deepEqual(curve.getColumn("ratio").toArray(), [1, 1, 1, 1, 1]);
 * ```
 */
export function ratioByCacheHitRate(
  pairs: readonly { series: string; cheap: PriceRow; premium: PriceRow }[],
  steps = 20,
  task: TaskTokens = ARTICLE_TASK,
): pl.DataFrame {
  const rows: Record<string, unknown>[] = [];
  for (const { series, cheap, premium } of pairs) {
    for (let i = 0; i <= steps; i++) {
      const rate = i / steps;
      const at = { ...task, cacheHitRate: rate };
      const cheapUsd = taskCost(at, cheap).total_usd;
      const premiumUsd = taskCost(at, premium).total_usd;
      rows.push({
        series,
        cache_hit_rate: rate,
        cheap_usd: cheapUsd,
        premium_usd: premiumUsd,
        ratio: premiumUsd / cheapUsd,
      });
    }
  }
  return frameOf(rows, {
    series: pl.Utf8,
    cache_hit_rate: pl.Float64,
    cheap_usd: pl.Float64,
    premium_usd: pl.Float64,
    ratio: pl.Float64,
  });
}

/**
 * The rows of `tables/agent_task_cost.csv`: both models under each price
 * source's latest prices (cache reads charged), the article's own prices, and
 * the combination that reproduces each of the article's figures.
 *
 * @param prices The frame from `priceRows`.
 * @param scenarios Named price rows and treatments to price the task with.
 * @param task The task (default: the article's).
 * @returns Columns {@linkcode TASK_COST_SCHEMA}.
 */
export function taskCostTable(
  scenarios: readonly {
    scenario: string;
    price: PriceRow;
    treatment: CacheTreatment;
  }[],
  task: TaskTokens = ARTICLE_TASK,
): pl.DataFrame {
  return frameOf(
    scenarios.map((s) => costRow(s.scenario, s.price, task, s.treatment)),
    TASK_COST_SCHEMA,
  );
}

/** A price row and cache treatment that reproduce a stated cost. */
export interface CostMatch {
  /** The price row. */
  price: PriceRow;
  /** How cached input is billed. */
  treatment: CacheTreatment;
  /** The cost it gives, USD (× runs). */
  usd: number;
}

/**
 * Find the price row (dated on or before `asOf`) and cache treatment whose
 * cost comes closest to a stated figure, within a tolerance: what an article
 * must have assumed. Ties go to the most recent price, then the source name,
 * then the treatment order of {@linkcode TREATMENTS}.
 *
 * @param prices The frame from `priceRows`.
 * @param modelId The model.
 * @param statedUsd The article's figure, USD.
 * @param toleranceUsd How far from it still counts.
 * @param options `asOf` (only prices dated up to that day), `task` (default the article's), `runs` (default 1).
 * @returns The closest match, or undefined when nothing comes within the tolerance.
 *
 * @example Flash's $0.008 needs its launch prices
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { priceRows } from "./prices.ts";
 * const { prices } = priceRows(await loadWorkspace("data"));
 * const match = reproduceStatedCost(prices, CHEAP_MODEL, 0.008, 0.0005, { asOf: "2026-06-08" });
 * assert.equal(match?.price.source_date, "2026-04-24");
 * assert.equal(match?.treatment, "cache-read-rate");
 * ```
 */
export function reproduceStatedCost(
  prices: pl.DataFrame,
  modelId: string,
  statedUsd: number,
  toleranceUsd: number,
  options: { asOf?: string; task?: TaskTokens; runs?: number } = {},
): CostMatch | undefined {
  const matches = costCandidates(prices, modelId, options).filter((m) =>
    Math.abs(m.usd - statedUsd) <= toleranceUsd + EPSILON
  );
  matches.sort((a, b) =>
    Math.abs(a.usd - statedUsd) - Math.abs(b.usd - statedUsd) ||
    b.price.source_date.localeCompare(a.price.source_date) ||
    a.price.source.localeCompare(b.price.source) ||
    TREATMENTS.indexOf(a.treatment) - TREATMENTS.indexOf(b.treatment)
  );
  return matches[0];
}

/**
 * The one cost search space: every price record of a model (dated on or
 * before `asOf`, from every source) under every cache treatment, with the
 * task's cost. {@linkcode allTaskCosts} (notebook 01's table) and
 * {@linkcode reproduceStatedCost} (the ledger's explanation of a figure)
 * both search it. A match here explains a figure; it never verifies one.
 *
 * @param prices The frame from `priceRows`.
 * @param modelId The model.
 * @param options `asOf` (only prices dated up to that day), `task` (default the article's), `runs` (default 1).
 * @returns One candidate per price record and treatment, in the frame's order.
 *
 * @example Flash has several price records, each under three treatments
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { priceRows } from "./prices.ts";
 * const { prices } = priceRows(await loadWorkspace("data"));
 * const candidates = costCandidates(prices, CHEAP_MODEL, { asOf: "2026-06-08" });
 * assert.equal(candidates.length % TREATMENTS.length, 0);
 * assert.ok(candidates.every((c) => c.price.source_date <= "2026-06-08"));
 * ```
 */
export function costCandidates(
  prices: pl.DataFrame,
  modelId: string,
  options: { asOf?: string; task?: TaskTokens; runs?: number } = {},
): CostMatch[] {
  const task = options.task ?? ARTICLE_TASK;
  const runs = options.runs ?? 1;
  let rows = prices.filter(pl.col("model_id").eq(pl.lit(modelId)));
  if (options.asOf !== undefined) {
    rows = rows.filter(
      pl.col("source_date").lessThanEquals(pl.lit(options.asOf)),
    );
  }
  return (rows.toRecords() as unknown as PriceRow[]).flatMap((price) =>
    TREATMENTS.map((treatment) => ({
      price,
      treatment,
      usd: taskCost(task, price, treatment).total_usd * runs,
    }))
  );
}
