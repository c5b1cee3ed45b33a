/**
 * `out/summary.json`: the report's headline figures in machine-readable
 * form, with the latest complete week's top 50 and origin shares, the
 * latest list prices and a digest of each chart's data, so a later run can
 * say what changed (`report --compare`) without recomputing this run, across
 * data versions.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { Analyses } from "../run/analyses.ts";
import { chartData } from "../charts/registry.ts";
import { MODELS_LIST_SOURCE } from "../analysis/prices.ts";
import type { ChartName } from "../charts/registry.ts";

/** One model of the latest complete week. */
export interface SummaryModel {
  /** 1 = most tokens. */
  rank: number;
  /** Display name. */
  model: string;
  /** Tokens in the week. */
  tokens: number;
  /** Fraction 0–1 of the week's tokens. */
  share: number;
}

/** One model's list prices in the latest models-list snapshot, USD per million tokens. */
export interface SummaryPrice {
  /** Model id (`deepseek/deepseek-v4-flash`). */
  id: string;
  /** Uncached input, or null. */
  input: number | null;
  /** Output, or null. */
  output: number | null;
  /** Cache read, or null. */
  cache_read: number | null;
}

/** What `summary.json` holds. */
export interface RunSummary {
  /** Format version. */
  version: 1;
  /** The data the run covered. */
  data: {
    /** First and last rankings day, or null. */
    rankings: [string, string] | null;
    /** The `--as-of` day, or null. */
    as_of: string | null;
    /** The latest complete week's Monday, or null. */
    latest_complete_week: string | null;
    /** Models-list snapshot dates. */
    model_snapshots: string[];
  };
  /** The headline figures of report.md. */
  headline: {
    /** Tokens of the latest complete week (top 50 + other), or null. */
    total_tokens: number | null;
    /** Week-over-week change of that total (fraction), or null. */
    wow_change: number | null;
    /** The top model of that week, or null. */
    top_model: SummaryModel | null;
    /** Sonnet ÷ Flash agent-task ratio over the price dates, or null. */
    agent_task_ratio: { min: number; max: number; dates: number } | null;
    /** The tracker's latest week: published and cache-aware revenue, USD, or null. */
    tracker_revenue:
      | { week: string; published: number; cache_aware: number }
      | null;
  };
  /** Share per origin in the latest complete week (fraction 0–1), by origin. */
  origin_shares: Record<string, number>;
  /** The ranked models of the latest complete week, by rank (at most 50). */
  top_models: SummaryModel[];
  /** Prices of every model in the latest models-list snapshot, by id. */
  list_prices: SummaryPrice[];
  /** The latest models-list snapshot date, or null. */
  list_prices_date: string | null;
  /** SHA-256 of each chart's data (the frame it draws, as CSV), by chart name. */
  chart_data: Record<string, string>;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(text),
  );
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

/**
 * The summary of one run.
 *
 * @param results The analyses.
 * @param asOf The `--as-of` day, or null.
 * @param charts The names of the charts the report draws.
 * @returns The summary.
 */
export async function runSummary(
  results: Analyses,
  asOf: string | null,
  charts: readonly ChartName[],
): Promise<RunSummary> {
  const p = results.period;
  const week = p.latestCompleteWeek;
  const total = week === null
    ? undefined
    : results.weeklyTotals.filter(pl.col("week_start").eq(pl.lit(week)))
      .toRecords()[0] as Record<string, number | null> | undefined;
  const models = week === null ? [] : (results.weeklyModels.filter(
    pl.col("week_start").eq(pl.lit(week)).and(pl.col("rank").isNotNull()),
  ).sort("rank").head(50).toRecords() as Record<string, unknown>[]).map((
    r,
  ) => ({
    rank: Number(r.rank),
    model: String(r.model),
    tokens: Number(r.tokens),
    share: Number(r.share),
  }));
  const origins = week === null
    ? []
    : results.weeklyOrigins.filter(pl.col("week_start").eq(pl.lit(week)))
      .sort("origin").toRecords() as Record<string, unknown>[];
  const ratios = results.agentTaskRatios.height === 0
    ? []
    : results.agentTaskRatios.getColumn("ratio").toArray() as number[];
  const lastWeek = p.inference?.[1];
  let tracker: RunSummary["headline"]["tracker_revenue"] = null;
  if (lastWeek !== undefined) {
    const rows = results.revenue.filter(
      pl.col("week").eq(pl.lit(lastWeek)).and(pl.col("excluded").not()),
    );
    tracker = {
      week: lastWeek,
      published: rows.getColumn("published_revenue_usd").sum() as number,
      cache_aware: rows.getColumn("revenue_cache_aware_usd").sum() as number,
    };
  }
  const listDate = p.modelSnapshots.at(-1) ?? null;
  const chartDigests: Record<string, string> = {};
  for (const name of charts) {
    chartDigests[name] = await sha256(
      chartData(name, results).writeCSV().toString(),
    );
  }
  return {
    version: 1,
    data: {
      rankings: p.rankings,
      as_of: asOf,
      latest_complete_week: week,
      model_snapshots: p.modelSnapshots,
    },
    headline: {
      total_tokens: total === undefined ? null : Number(total.tokens),
      wow_change: total?.wow_change ?? null,
      top_model: models[0] ?? null,
      agent_task_ratio: ratios.length === 0 ? null : {
        min: Math.min(...ratios),
        max: Math.max(...ratios),
        dates: ratios.length,
      },
      tracker_revenue: tracker,
    },
    origin_shares: Object.fromEntries(
      origins.map((r) => [String(r.origin), Number(r.share)]),
    ),
    top_models: models,
    list_prices: listDate === null ? [] : listPrices(results, listDate),
    list_prices_date: listDate,
    chart_data: chartDigests,
  };
}

function listPrices(results: Analyses, date: string): SummaryPrice[] {
  const rows = results.prices.filter(
    pl.col("source").eq(pl.lit(MODELS_LIST_SOURCE)).and(
      pl.col("source_date").eq(pl.lit(date)),
    ),
  );
  if (rows.height === 0) return [];
  const num = (v: unknown) =>
    v === null || v === undefined || Number.isNaN(Number(v)) ? null : Number(v);
  const byId = new Map<string, SummaryPrice>();
  for (const r of rows.toRecords() as Record<string, unknown>[]) {
    byId.set(String(r.model_id), {
      id: String(r.model_id),
      input: num(r.input_usd_per_mtok),
      output: num(r.output_usd_per_mtok),
      cache_read: num(r.cache_read_usd_per_mtok),
    });
  }
  return [...byId.values()].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  );
}
