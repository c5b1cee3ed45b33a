/**
 * The charts of the report: each chart function fed from the analyses, with
 * its title, caption, source line and the claims it illustrates.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { Analyses } from "../report/analysis.ts";
import {
  agentTaskCostChart,
  benchmarkScatterChart,
  moversChart,
  originShareChart,
  ratioVsCacheHitChart,
  revenueComparisonChart,
  tokenDollarShareChart,
  topModelsChart,
} from "./charts.ts";

/** One chart of the report. */
export interface ReportChart {
  /** File name without extension. */
  name: string;
  /** Title drawn in the chart. */
  title: string;
  /** Caption for the gallery. */
  caption: string;
  /** Ids of the claims it illustrates. */
  claimIds: string[];
  /** The chart. */
  svg: SVGSVGElement;
}

const RANKINGS_SOURCE = "Source: OpenRouter rankings-daily, CC BY 4.0";
const TRACKER_SOURCE =
  "Source: openrouter-inference-stats (tracked top models), OpenRouter list prices";

const COMPONENTS: Record<string, string> = {
  uncached_input_usd: "uncached input",
  cache_read_usd: "cache read",
  cache_write_usd: "cache write",
  output_usd: "output",
};

/**
 * Build every chart of the report from the analyses.
 *
 * @param results The analyses.
 * @param document A DOM document (jsdom's) to build the SVG in.
 * @returns The charts, in gallery order.
 */
export function reportCharts(
  results: Analyses,
  document: Document,
): ReportChart[] {
  const through = results.period.rankings?.[1] ?? "n/a";
  const rankingsSource =
    `${RANKINGS_SOURCE} · data through ${through} · tokenbook`;
  const trackerSource = `${TRACKER_SOURCE} · weeks ${
    results.period.inference?.join(" … ") ?? "n/a"
  } · tokenbook`;
  const charts: ReportChart[] = [];
  /** Add a chart whose gallery title is the title drawn in it. */
  const add = (
    spec: { name: string; title: string; caption: string; claimIds: string[] },
    draw: (texts: { document: Document; title: string }) => SVGSVGElement,
  ) => charts.push({ ...spec, svg: draw({ document, title: spec.title }) });

  const costLong = pl.concat(
    Object.entries(COMPONENTS).map(([column, component]) =>
      results.agentTaskCost.select(
        pl.concatString([
          pl.col("model_id").str.split("/").lst.last().str.replace(
            "deepseek-",
            "",
          ).str.replace("claude-", ""),
          pl.col("scenario"),
        ], " · ").alias("label"),
        pl.lit(component).alias("component"),
        pl.col(column).alias("cost_usd"),
      )
    ),
  );
  add({
    name: "agent_task_cost",
    title: "One agent task: DeepSeek V4 Flash vs Claude Sonnet 4.5",
    caption:
      "Cost of one task (100K input, 10K output, 80% cache hits) by component, for the prices and cache treatments that reproduce the article's $0.008 and $0.21, and under one consistent price source.",
    claimIds: ["pt-40", "pt-41", "pt-42"],
  }, (texts) =>
    agentTaskCostChart(costLong, {
      ...texts,
      subtitle:
        "100K input + 10K output tokens, 80% of input from cache; USD per task",
      source:
        "Source: OpenRouter models list, price history (models.dev), the article's prices · tokenbook",
      height: 520,
    }));
  add({
    name: "ratio_vs_cache_hit",
    title: "How many times cheaper is Flash? It depends on the cache",
    caption:
      "Sonnet 4.5 cost ÷ DeepSeek V4 Flash cost for the agent task, against the share of input read from cache, cache reads charged for both models.",
    claimIds: ["pt-42"],
  }, (texts) =>
    ratioVsCacheHitChart(results.agentTaskSensitivity, {
      ...texts,
      subtitle:
        "Sonnet 4.5 ÷ DeepSeek V4 Flash, agent task, cache reads charged for both",
      source:
        "Source: OpenRouter models list and price history (models.dev) · tokenbook",
      claimedRatio: 26,
      markRate: 0.8,
    }));
  const lastRevenueWeek = results.period.inference?.[1];
  const vendorNames = results.weeklyVendors.select("vendor", "vendor_name")
    .unique().sort("vendor");
  if (lastRevenueWeek !== undefined) {
    add({
      name: "revenue_published_vs_cache_aware",
      title:
        `Tracker revenue vs cache-aware revenue, week of ${lastRevenueWeek}`,
      caption:
        "The tracker's published revenue bills cached tokens twice (at the input rate and again at the cache-read rate); the cache-aware figure bills them once, at the cache-read rate.",
      claimIds: ["ir-01", "ir-24", "ir-31"],
    }, (texts) =>
      revenueComparisonChart(
        results.revenue.filter(
          pl.col("week").eq(pl.lit(lastRevenueWeek)).and(
            pl.col("excluded").not(),
          ),
        )
          .select(
            pl.col("name").alias("model"),
            pl.col("published_revenue_usd").alias("published_usd"),
            pl.col("revenue_cache_aware_usd").alias("cache_aware_usd"),
          ),
        {
          ...texts,
          subtitle: "USD per week per model, tracked top models",
          source: trackerSource,
        },
      ));
    add({
      name: "token_vs_dollar_share",
      title:
        `Token share vs dollar share by vendor, week of ${lastRevenueWeek}`,
      caption:
        "Share of the tracked models' tokens and of their cache-aware revenue, per vendor, in the tracker's latest week. Scope: the tracker's top models of OpenRouter, not the whole platform; the articles' May 2026 figures are not covered by this data.",
      claimIds: ["bb-03", "bb-04"],
    }, (texts) =>
      tokenDollarShareChart(
        results.vendorShares.filter(pl.col("week").eq(pl.lit(lastRevenueWeek)))
          .join(vendorNames, { on: "vendor", how: "left" })
          .select(
            pl.col("vendor_name").fillNull(pl.col("vendor")).alias("vendor"),
            "token_share",
            pl.col("dollar_share_cache_aware").alias("dollar_share"),
          ),
        {
          ...texts,
          subtitle:
            "Tracked top models only; dollars are cache-aware revenue at list prices",
          source: trackerSource,
        },
      ));
  }
  add({
    name: "origin_share_weekly",
    title: "Share of OpenRouter token volume by model origin",
    caption:
      "Weekly share of tokens by the origin of the model's vendor. Scope: OpenRouter's published top 50 plus the `other` row, not global usage. Partial weeks are marked.",
    claimIds: ["pt-06", "pt-07", "pt-08", "bb-06"],
  }, (texts) =>
    originShareChart(results.weeklyOrigins, {
      ...texts,
      subtitle: "Calendar weeks (Mon–Sun); share of the top 50 + other",
      source: rankingsSource,
    }));
  add(
    {
      name: "top_models_weekly",
      title: "Top 10 models by weekly tokens",
      caption:
        "The ten models with the most tokens in each complete week, coloured by origin.",
      claimIds: ["pt-04", "pt-09", "pt-11"],
    },
    (texts) =>
      topModelsChart(
        results.weeklyModels.filter(pl.col("days_covered").eq(pl.lit(7))),
        {
          ...texts,
          subtitle: "Complete calendar weeks only",
          source: rankingsSource,
          height: 640,
        },
      ),
  );
  const latest = results.period.latestCompleteWeek;
  const series = "SWE-bench Verified (vendor-reported, %)";
  if (latest !== null) {
    add({
      name: "tokens_vs_benchmark",
      title: `Weekly tokens vs SWE-bench Verified, week of ${latest}`,
      caption:
        "Each model's tokens in the latest complete week (log scale) against its vendor-reported SWE-bench Verified score.",
      claimIds: ["bb-50"],
    }, (texts) =>
      benchmarkScatterChart(
        results.benchmarkShare.filter(
          pl.col("benchmark").eq(pl.lit(series)).and(
            pl.col("week_start").eq(pl.lit(latest)),
          ),
        ),
        {
          ...texts,
          subtitle:
            "Vendor-reported scores; models in OpenRouter's top 50 only",
          source: `${rankingsSource}; benchmarks as published by vendors`,
          benchmark: series,
        },
      ));
    add({
      name: "weekly_movers",
      title: `Week-over-week movers, week of ${latest}`,
      caption:
        "Change in weekly tokens against the previous complete week, for the top-20 models that were in the top 50 on every day of both weeks; dashed lines at ±30%, the article's routing-ticket threshold.",
      claimIds: ["pt-12"],
    }, (texts) =>
      moversChart(
        results.weeklyModels.filter(
          pl.col("week_start").eq(pl.lit(latest)).and(
            pl.col("rank").lessThanEquals(pl.lit(20)),
          ),
        )
          .dropNulls("wow_change"),
        {
          ...texts,
          subtitle: "Top 20 models; change in weekly tokens vs the week before",
          source: rankingsSource,
        },
      ));
  }
  return charts;
}
