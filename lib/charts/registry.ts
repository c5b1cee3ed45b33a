/**
 * One spec per chart: how each chart shapes its data from the analyses, its
 * title, subtitle, caption, source line and the claims it illustrates. The
 * report (`reportCharts`) and the notebooks (`drawChart`) both draw from
 * here, so the two cannot drift apart.
 *
 * Claim figures drawn in a chart (the article's ratio, its prices) are read
 * from the claims ledger in the analyses, never written here.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { Analyses } from "../run/analyses.ts";
import { ARTICLE_TASK } from "../analysis/agent_task.ts";
import { movers, weekOverWeek } from "../analysis/movers.ts";
import { DAYS_PER_WEEK } from "../base/dates.ts";
import { formatPercent, formatTokens } from "../text/format.ts";
import { CHART_HEIGHT } from "./chart_style.ts";
import { chartKit } from "./chart_kit.ts";
import { agentTaskCostChart } from "./agent_task_cost_chart.ts";
import { benchmarkScatterChart } from "./benchmark_scatter_chart.ts";
import { moversChart } from "./movers_chart.ts";
import { originShareChart } from "./origin_share_chart.ts";
import { ratioVsCacheHitChart } from "./ratio_vs_cache_hit_chart.ts";
import { revenueComparisonChart } from "./revenue_comparison_chart.ts";
import { tokenDollarShareChart } from "./token_dollar_share_chart.ts";
import { TOP_MODELS_WINDOW, topModelsChart } from "./top_models_chart.ts";
import {
  type ChartPeriod,
  rankingsSourceLine,
  trackerSourceLine,
} from "./source_line.ts";
import { addDays } from "../base/dates.ts";
import { formatDay, formatDayRange } from "../text/format.ts";
import { cacheHitChart } from "./cache_hit_chart.ts";
import { findById } from "../claims/lookup.ts";
import {
  type ClaimMark,
  qualityFrontierChart,
} from "./quality_frontier_chart.ts";
import { breakEvenChart } from "./break_even_chart.ts";
import {
  FLEET_UTILISATION,
  selfHostingBreakEven,
} from "../analysis/self_hosting.ts";

/** The texts of a chart: drawn inside it (title, subtitle, source) or beside it (caption). */
export interface ChartTexts {
  /** Title drawn in the chart; says what the chart draws. */
  title: string;
  /** Subtitle drawn under the title: units, scope, window. */
  subtitle: string;
  /** Caption for the gallery or an article, a sentence or two. */
  caption: string;
  /** Source line drawn at the chart's foot. */
  source: string;
}

/** The charts of the report, in gallery order. */
export const CHART_NAMES = [
  "agent_task_cost",
  "ratio_vs_cache_hit",
  "revenue_published_vs_cache_aware",
  "token_vs_dollar_share",
  "origin_share_weekly",
  "top_models_weekly",
  "tokens_vs_benchmark",
  "weekly_movers",
  "cache_hit_observed",
  "quality_per_dollar",
  "self_hosting_break_even",
] as const;

/** The name of one chart of the report (also its file name without extension). */
export type ChartName = (typeof CHART_NAMES)[number];

/** One chart: its data, its texts, the claims it illustrates, and how it is drawn. */
export interface ChartSpec {
  /** File name without extension, e.g. `"weekly_movers"`. */
  readonly name: ChartName;
  /** Ids of the ledger's claims the chart illustrates. */
  readonly claimIds: readonly string[];
  /** Whether the analyses hold what the chart draws (the report leaves out the others). */
  available(results: Analyses): boolean;
  /** Title, subtitle, caption and source line for these analyses. */
  texts(results: Analyses): ChartTexts;
  /** The first and last day the chart shows, or null when no day is shown. */
  period(results: Analyses): ChartPeriod | null;
  /** Where a reader finds the source, and its licence, for the chart's kit. */
  readonly origin: ChartSource;
  /** The frame the chart draws, shaped from the analyses. */
  data(results: Analyses): pl.DataFrame;
  /** The chart's default width in pixels (default `CHART_WIDTH`, 720). */
  readonly width?: number;
  /** The chart's height at its default width, in pixels (its aspect). */
  readonly height: number;
  /** Draw `frame` (from `data`) with `texts` in `document`, at `size`. */
  draw(
    frame: pl.DataFrame,
    texts: ChartTexts & { description?: string },
    results: Analyses,
    document: Document,
    size: ChartSize,
  ): SVGSVGElement;
}

/** A chart's size in pixels. */
export interface ChartSize {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/** A chart's source for its kit: the page a reader follows, and the licence. */
export interface ChartSource {
  /** The source's address. */
  url: string;
  /** The licence, as the source states it. */
  licence: string;
}

const RANKINGS: ChartSource = {
  url: "https://openrouter.ai/rankings",
  licence: "CC BY 4.0",
};
const TRACKER: ChartSource = {
  url: "https://github.com/johnbean393/openrouter-inference-stats",
  licence: "not stated by the source",
};
const PRICES: ChartSource = {
  url: "https://openrouter.ai/models",
  licence: "not stated by the source",
};
const OBSERVED: ChartSource = {
  url: "https://github.com/pacell/openrouter-stats",
  licence: "not stated by the source",
};

/** A week from its Monday to its Sunday, clipped to the days the rankings hold. */
function weekDays(results: Analyses, monday: string): ChartPeriod {
  const [first, last] = results.period.rankings ?? [monday, addDays(monday, 6)];
  const sunday = addDays(monday, 6);
  return [monday < first ? first : monday, sunday > last ? last : sunday];
}

/**
 * The tracker's latest weekly file by its date, spelled out: "the tracker's
 * file of 8 February 2026". The tracker dates a file by the day it summed
 * the 7 days before (a Sunday), not by a week's Monday as the rankings
 * charts do, so its charts say "file of", never "week of".
 */
function trackerFileOf(results: Analyses): string {
  const week = lastTrackerWeek(results);
  return week === undefined
    ? "no tracker file"
    : `the tracker's file of ${formatDay(week)}`;
}

/** The tracker's latest weekly file, as a period of one day (its `date`). */
function trackerWeek(results: Analyses): ChartPeriod | null {
  const week = lastTrackerWeek(results);
  return week === undefined ? null : [week, week];
}

/** The first and last of a frame's dates, or null for an empty frame. */
function spanOfColumn(frame: pl.DataFrame, column: string): ChartPeriod | null {
  if (frame.height === 0) return null;
  const values = frame.getColumn(column).unique().sort().toArray() as string[];
  return [values[0], values[values.length - 1]];
}

/** "; data to 7 June 2026" when the data was cut with `--as-of`, else nothing: every source line says when the data was cut. */
function dataTo(results: Analyses): string {
  const day = results.period.dataTo;
  return day == null ? "" : `; data to ${formatDay(day)}`;
}

/** "; prices dated 24 April – 8 June 2026", or nothing without dates. */
function pricesDated(period: ChartPeriod | null): string {
  return period === null ? "" : `; prices dated ${formatDayRange(...period)}`;
}

/** The weekly-change threshold of the movers chart: "treat a 30%+ WoW move as a routing ticket" (Billing Beats Benchmarks). */
export const MOVE_THRESHOLD = 0.3;

/** The benchmark series of the benchmark scatter. */
const BENCHMARK = "SWE-bench Verified (vendor-reported, %)";

/** Cost components of the agent-task table, column → legend label. */
const COST_COMPONENTS: Record<string, string> = {
  uncached_input_usd: "uncached input",
  cache_read_usd: "cache read",
  cache_write_usd: "cache write",
  output_usd: "output",
};

/** Each model's display name (`reference/models.csv`) by its `model_id` or its `benchmark_name`, so every chart names a model the same way. */
function displayNames(
  results: Analyses,
  key: "permaslug" | "model_id" | "benchmark_name",
): Map<string, string> {
  const rows = (results.modelNames?.toRecords() ?? []) as Record<
    string,
    string | null
  >[];
  return new Map(
    rows.filter((r) => r[key] && r.display_name).map((
      r,
    ) => [r[key]!, r.display_name!]),
  );
}

/** The claim with an id, or undefined: its stated figure, read without evaluating the ledger. */
function claimOf(results: Analyses, id: string) {
  return findById(results.claims, id);
}

/** A scenario label without the claim ids written in it: "article's $0.008 (pt-40)" → "article's $0.008". */
function withoutClaimIds(results: Analyses, label: string): string {
  const ids = results.claims.map((claim) => claim.id);
  return label.replace(
    /\s*\(([^()]*)\)/g,
    (whole, inside: string) =>
      inside.split(/,\s*/).every((part) => ids.includes(part)) ? "" : whole,
  ).trim();
}

/** The week the revenue charts draw: the tracker's latest. */
const lastTrackerWeek = (results: Analyses) => results.period.inference?.[1];

const comparedWeeks = new WeakMap<Analyses, string | null>();

/** The latest complete week whose previous week is complete too (the week the movers are counted in), or null; computed once per analyses. */
function latestComparedWeek(results: Analyses): string | null {
  if (!comparedWeeks.has(results)) {
    const weeks = weekOverWeek(results.weeklyModels).getColumn("week_start")
      .toArray() as string[];
    comparedWeeks.set(
      results,
      weeks.length === 0 ? null : weeks.reduce((a, b) => (a > b ? a : b)),
    );
  }
  return comparedWeeks.get(results)!;
}

const moverFrames = new WeakMap<Analyses, pl.DataFrame>();

/** Every move beyond ±MOVE_THRESHOLD in the latest compared week, as `movers()` counts them; computed once per analyses. */
function latestMoves(results: Analyses): pl.DataFrame {
  if (!moverFrames.has(results)) {
    moverFrames.set(
      results,
      movers(results.weeklyModels, { threshold: MOVE_THRESHOLD }).filter(
        pl.col("week_start").eq(pl.lit(latestComparedWeek(results) ?? "")),
      ),
    );
  }
  return moverFrames.get(results)!;
}

const agentTaskCost: ChartSpec = {
  name: "agent_task_cost",
  claimIds: ["pt-40", "pt-41", "pt-42"],
  available: (results) => results.agentTaskCost.height > 0,
  origin: PRICES,
  period: (results) => spanOfColumn(results.agentTaskCost, "price_date"),
  texts: (results) => {
    const stated = ["pt-40", "pt-41"].map((id) => claimOf(results, id))
      .filter((claim) => claim !== undefined).map((claim) =>
        `$${claim.stated}`
      );
    return {
      title: "One agent task: DeepSeek V4 Flash vs Claude Sonnet 4.5",
      subtitle: `${formatTokens(ARTICLE_TASK.inputTokens, 0)} input + ${
        formatTokens(ARTICLE_TASK.outputTokens, 0)
      } output tokens, ${
        formatPercent(ARTICLE_TASK.cacheHitRate, 0)
      } of input from cache; USD per task`,
      caption: `Cost of one task (${
        formatTokens(ARTICLE_TASK.inputTokens, 0)
      } input, ${formatTokens(ARTICLE_TASK.outputTokens, 0)} output, ${
        formatPercent(ARTICLE_TASK.cacheHitRate, 0)
      } cache hits) by component, for the prices and cache treatments that reproduce the article's ${
        stated.join(" and ")
      }, and under one consistent price source.`,
      source:
        `Source: OpenRouter models list, price history (models.dev), the article's prices${
          pricesDated(spanOfColumn(results.agentTaskCost, "price_date"))
        }${dataTo(results)} · tokenbook`,
    };
  },
  data: (results) => {
    const names = displayNames(results, "model_id");
    const labels = results.agentTaskCost.select("model_id", "scenario")
      .toRecords() as { model_id: string; scenario: string }[];
    const label = pl.Series(
      "label",
      labels.map((r) =>
        `${names.get(r.model_id) ?? r.model_id} · ${
          withoutClaimIds(results, r.scenario).replace(/^one source: /, "")
        }`
      ),
      pl.Utf8,
    );
    const withLabel = results.agentTaskCost.withColumns(label);
    return pl.concat(
      Object.entries(COST_COMPONENTS).map(([column, component]) =>
        withLabel.select(
          pl.col("label"),
          pl.lit(component).alias("component"),
          pl.col(column).alias("cost_usd"),
        )
      ),
    );
  },
  height: 520,
  draw: (frame, texts, _results, document, size) =>
    agentTaskCostChart(frame, { ...texts, document, ...size }),
};

const ratioVsCacheHit: ChartSpec = {
  name: "ratio_vs_cache_hit",
  claimIds: ["pt-42"],
  available: (results) => results.agentTaskSensitivity.height > 0,
  origin: PRICES,
  period: () => null,
  texts: (results) => ({
    title: "How many times cheaper is Flash? It depends on the cache",
    subtitle:
      "Sonnet 4.5 ÷ DeepSeek V4 Flash, agent task, cache reads charged for both",
    caption:
      "Sonnet 4.5 cost ÷ DeepSeek V4 Flash cost for the agent task, against the share of input read from cache, cache reads charged for both models.",
    source: `Source: OpenRouter models list and price history (models.dev)${
      dataTo(results)
    } · tokenbook`,
  }),
  data: (results) => results.agentTaskSensitivity,
  height: CHART_HEIGHT,
  draw: (frame, texts, results, document, size) =>
    ratioVsCacheHitChart(frame, {
      ...texts,
      document,
      ...size,
      claimedRatio: claimOf(results, "pt-42")?.stated,
      markRate: ARTICLE_TASK.cacheHitRate,
    }),
};

const revenuePublishedVsCacheAware: ChartSpec = {
  name: "revenue_published_vs_cache_aware",
  claimIds: ["ir-01", "ir-24", "ir-31"],
  available: (results) => lastTrackerWeek(results) !== undefined,
  origin: TRACKER,
  period: trackerWeek,
  texts: (results) => ({
    title: `Tracker revenue vs cache-aware revenue, ${trackerFileOf(results)}`,
    subtitle: "USD per week per model, tracked top models",
    caption:
      "The tracker's published revenue bills cached tokens twice (at the input rate and again at the cache-read rate); the cache-aware figure bills them once, at the cache-read rate.",
    source: trackerSourceLine(results, trackerWeek(results)),
  }),
  data: (results) =>
    results.revenue.filter(
      pl.col("week").eq(pl.lit(lastTrackerWeek(results) ?? "")).and(
        pl.col("excluded").not(),
      ),
    ).select(
      // The tracker's "Anthropic: Claude Sonnet 4.5" by its permaslug's one display name.
      pl.col("model").replace(
        [...displayNames(results, "permaslug").keys()],
        [...displayNames(results, "permaslug").values()],
      ).alias("display"),
      pl.col("model").alias("permaslug"),
      pl.col("name"),
      pl.col("published_revenue_usd").alias("published_usd"),
      pl.col("revenue_cache_aware_usd").alias("cache_aware_usd"),
    ).select(
      pl.when(pl.col("display").eq(pl.col("permaslug"))).then(pl.col("name"))
        .otherwise(pl.col("display")).alias("model"),
      "published_usd",
      "cache_aware_usd",
    ),
  height: CHART_HEIGHT,
  draw: (frame, texts, _results, document, size) =>
    revenueComparisonChart(frame, { ...texts, document, ...size }),
};

const tokenVsDollarShare: ChartSpec = {
  name: "token_vs_dollar_share",
  claimIds: ["bb-03", "bb-04"],
  available: (results) => lastTrackerWeek(results) !== undefined,
  origin: TRACKER,
  period: trackerWeek,
  texts: (results) => ({
    title: `Token share vs dollar share by vendor, ${trackerFileOf(results)}`,
    subtitle:
      "Tracked top models only; dollars are cache-aware revenue at list prices",
    caption:
      "Share of the tracked models' tokens and of their cache-aware revenue, per vendor, in the tracker's latest week. Scope: the tracker's top models of OpenRouter, not the whole platform; the articles' May 2026 figures are not covered by this data.",
    source: trackerSourceLine(results, trackerWeek(results)),
  }),
  data: (results) => {
    const vendorNames = results.weeklyVendors.select("vendor", "vendor_name")
      .unique().sort("vendor");
    return results.vendorShares
      .filter(pl.col("week").eq(pl.lit(lastTrackerWeek(results) ?? "")))
      .join(vendorNames, { on: "vendor", how: "left" })
      .select(
        pl.col("vendor_name").fillNull(pl.col("vendor")).alias("vendor"),
        "token_share",
        pl.col("dollar_share_cache_aware").alias("dollar_share"),
      );
  },
  height: CHART_HEIGHT,
  draw: (frame, texts, _results, document, size) =>
    tokenDollarShareChart(frame, { ...texts, document, ...size }),
};

const originShareWeekly: ChartSpec = {
  name: "origin_share_weekly",
  claimIds: ["pt-06", "pt-07", "pt-08", "bb-06"],
  available: () => true,
  origin: RANKINGS,
  period: (results) => results.period.rankings,
  texts: (results) => ({
    title: "Share of OpenRouter token volume by model origin",
    subtitle: "Calendar weeks (Mon–Sun); share of the top 50 + other",
    caption:
      "Weekly share of tokens by the origin of the model's vendor. Scope: OpenRouter's published top 50 plus the 'other' row, not global usage. Partial weeks are marked.",
    source: rankingsSourceLine(results),
  }),
  data: (results) => results.weeklyOrigins,
  height: CHART_HEIGHT,
  draw: (frame, texts, _results, document, size) =>
    originShareChart(frame, { ...texts, document, ...size }),
};

/** Complete weeks of the weekly model table. */
const completeWeeks = (results: Analyses) =>
  results.weeklyModels.filter(pl.col("days_covered").eq(pl.lit(DAYS_PER_WEEK)));

const topModelsWeekly: ChartSpec = {
  name: "top_models_weekly",
  claimIds: ["pt-04", "pt-09", "pt-11"],
  available: () => true,
  origin: RANKINGS,
  period: (results) => {
    const weeks = spanOfColumn(completeWeeks(results), "week_start");
    return weeks === null ? null : [weeks[0], addDays(weeks[1], 6)];
  },
  texts: (results) => {
    const weeks = completeWeeks(results).getColumn("week_start").unique()
      .length;
    const window = Math.min(weeks, TOP_MODELS_WINDOW);
    return {
      title: "Top 10 models by weekly tokens",
      subtitle: weeks > TOP_MODELS_WINDOW
        ? `Latest ${window} of ${weeks} complete weeks; the ${
          weeks - window
        } earlier weeks summed in one column`
        : `All ${weeks} complete calendar weeks (Mon–Sun)`,
      caption: weeks > TOP_MODELS_WINDOW
        ? `The ten models with the most tokens in each of the latest ${window} complete weeks, coloured by origin; the first column ranks the models by their tokens over the ${
          weeks - window
        } weeks before.`
        : "The ten models with the most tokens in each complete week, coloured by origin.",
      source: rankingsSourceLine(results, topModelsWeekly.period(results)),
    };
  },
  data: (results) => completeWeeks(results),
  height: 640,
  draw: (frame, texts, _results, document, size) =>
    topModelsChart(frame, { ...texts, document, ...size }),
};

const tokensVsBenchmark: ChartSpec = {
  name: "tokens_vs_benchmark",
  claimIds: ["bb-50"],
  available: (results) => results.period.latestCompleteWeek !== null,
  origin: RANKINGS,
  period: (results) => {
    const week = results.period.latestCompleteWeek;
    return week === null ? null : weekDays(results, week);
  },
  texts: (results) => ({
    title: `Weekly tokens vs SWE-bench Verified, week of ${
      results.period.latestCompleteWeek ?? "n/a"
    }`,
    subtitle: "Vendor-reported scores; models in OpenRouter's top 50 only",
    caption:
      "Each model's tokens in the latest complete week (log scale) against its vendor-reported SWE-bench Verified score.",
    source: rankingsSourceLine(
      results,
      tokensVsBenchmark.period(results),
      "benchmarks as published by vendors",
    ),
  }),
  data: (results) => {
    const frame = results.benchmarkShare.filter(
      pl.col("benchmark").eq(pl.lit(BENCHMARK)).and(
        pl.col("week_start").eq(
          pl.lit(results.period.latestCompleteWeek ?? ""),
        ),
      ),
    );
    const names = displayNames(results, "benchmark_name");
    const models = frame.getColumn("model").toArray() as string[];
    return frame.withColumns(
      pl.Series("model", models.map((m) => names.get(m) ?? m), pl.Utf8),
    );
  },
  height: CHART_HEIGHT,
  draw: (frame, texts, _results, document, size) =>
    benchmarkScatterChart(frame, {
      ...texts,
      document,
      ...size,
      benchmark: BENCHMARK,
    }),
};

const weeklyMovers: ChartSpec = {
  name: "weekly_movers",
  claimIds: ["pt-12"],
  available: (results) => latestComparedWeek(results) !== null,
  origin: RANKINGS,
  period: (results) => {
    const week = latestComparedWeek(results);
    return week === null
      ? null
      : [addDays(week, -7), weekDays(results, week)[1]];
  },
  texts: (results) => {
    const week = latestComparedWeek(results) ?? "n/a";
    const count = latestMoves(results).height;
    const threshold = `±${formatPercent(MOVE_THRESHOLD, 0)}`;
    return {
      title: `${count === 0 ? "No" : count} model${
        count === 1 ? "" : "s"
      } moved more than ${threshold}, week of ${week}`,
      subtitle:
        `Every model beyond ${threshold} week over week: change in weekly tokens vs the complete week before`,
      caption:
        `Every model whose weekly tokens changed by more than ${threshold} against the previous complete week (both weeks complete; a model new to the ranking is an entry, not a move); dashed lines at ${threshold}, the article's routing-ticket threshold.`,
      source: rankingsSourceLine(results, weeklyMovers.period(results)),
    };
  },
  data: latestMoves,
  height: CHART_HEIGHT,
  draw: (frame, texts, _results, document, size) =>
    moversChart(frame, {
      ...texts,
      document,
      ...size,
      threshold: MOVE_THRESHOLD,
    }),
};

/**
 * Every chart of the report, in gallery order, keyed by {@linkcode CHART_NAMES}.
 *
 * @example Eleven charts, each under its own name
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(CHART_SPECS.map((spec) => spec.name), [...CHART_NAMES]);
 * ```
 */
const cacheHitObserved: ChartSpec = {
  name: "cache_hit_observed",
  claimIds: ["pt-42"],
  available: (results) =>
    results.observedCache !== null && results.cacheHitRows.height > 0,
  origin: OBSERVED,
  period: (results) => {
    const day = results.observedCache?.snapshot_date;
    return day === undefined ? null : [day, day];
  },
  texts: (results) => {
    const f = results.observedCache!;
    const times = (x: number) => `${x.toFixed(1)}×`;
    return {
      title: `Customers cache less of their input than the ${
        Number(f.stated_ratio.toFixed(1))
      }× assumes`,
      subtitle:
        `Share of prompt tokens read from cache per model, observed ${f.snapshot_date} (after the article), ` +
        `against the article's ${
          Math.round(f.article_cache_hit_rate * 100)
        }%; at right, the agent task's cost at list prices, observed vs assumed rate`,
      caption: `At the observed cache-hit rates Sonnet 4.5 costs ${
        times(f.ratio_at_observed_rates)
      } what DeepSeek V4 Flash does for the article's task, ${
        times(f.ratio_at_effective_prices)
      } at the observed effective prices; the article says ${
        times(f.stated_ratio)
      } (${f.article_date}). The snapshot is ${f.days_after_article} days after the article.`,
      source:
        `Source: openrouter.ai effective pricing, via pacell/openrouter-stats, observed ${
          formatDayRange(f.snapshot_date, f.snapshot_date)
        }; OpenRouter list prices${dataTo(results)} · tokenbook`,
    };
  },
  data: (results) => results.cacheHitRows,
  height: 640,
  draw: (frame, texts, _results, document, size) =>
    cacheHitChart(frame, { ...texts, document, ...size }),
};

/** The claims the quality-per-dollar chart marks: "at x% of the bill" (pt-22) and "near-frontier" (pt-49). */
function qualityClaimMarks(
  results: Analyses,
  frame: pl.DataFrame,
): ClaimMark[] {
  const rows = frame.toRecords() as {
    model: string;
    display_name: string;
    score: number;
    task_cost_usd: number;
  }[];
  const of = (model: string | undefined) => rows.find((r) => r.model === model);
  const marks: ClaimMark[] = [];
  const bill = claimOf(results, "pt-22");
  const a = of(bill?.params.a);
  const b = of(bill?.params.b);
  if (bill && a && b) {
    marks.push({
      from: a.display_name,
      to: b.display_name,
      label: `${bill.id} "~${bill.stated}% of the bill": ${
        formatPercent(a.task_cost_usd / b.task_cost_usd, 1)
      } here`,
    });
  }
  const near = claimOf(results, "pt-49");
  const m = of(near?.params.a);
  const top = rows.reduce<typeof rows[number] | undefined>(
    (best, r) => (best === undefined || r.score > best.score ? r : best),
    undefined,
  );
  if (near && m && top && top !== m) {
    marks.push({
      from: m.display_name,
      to: top.display_name,
      label: `${near.id} "near-frontier": ${
        formatPercent(m.score / top.score, 0)
      } of the top score`,
    });
  }
  return marks;
}

const qualityPerDollarChart: ChartSpec = {
  name: "quality_per_dollar",
  claimIds: ["pt-22", "pt-48", "pt-49"],
  available: (results) =>
    results.qualityPerDollar.filter(pl.col("benchmark").eq(pl.lit(BENCHMARK)))
      .height > 0,
  texts: (results) => ({
    title: "SWE-bench Verified per dollar of one agent task",
    subtitle: `Vendor-reported score against the cost of ${
      formatTokens(ARTICLE_TASK.inputTokens, 0)
    } input + ${formatTokens(ARTICLE_TASK.outputTokens, 0)} output tokens, ${
      formatPercent(ARTICLE_TASK.cacheHitRate, 0)
    } cache hits billed at the cache-read rate, at the list price in force on each score's date`,
    caption:
      "Each model's vendor-reported SWE-bench Verified score against what the article's agent task costs it at OpenRouter list prices (log scale); the step line is the Pareto frontier (no model scores more for less). Dashed: the article's claims, between the models they compare.",
    source:
      `Source: vendors' SWE-bench Verified reports; OpenRouter list prices (models list, models.dev price history)${
        dataTo(results)
      } · tokenbook`,
  }),
  data: (results) =>
    results.qualityPerDollar.filter(pl.col("benchmark").eq(pl.lit(BENCHMARK))),
  origin: PRICES,
  period: (results) =>
    spanOfColumn(
      results.qualityPerDollar.filter(
        pl.col("benchmark").eq(pl.lit(BENCHMARK)).and(
          pl.col("price_date").isNotNull(),
        ),
      ),
      "price_date",
    ),
  width: 800,
  height: 640,
  draw: (frame, texts, results, document, size) =>
    qualityFrontierChart(frame, {
      ...texts,
      document,
      ...size,
      scoreLabel: BENCHMARK,
      claims: qualityClaimMarks(results, frame),
    }),
};

/** A setup as a bar label: "Llama 3.1 70B · 1 × $2.49/h". */
function setupLabel(r: Record<string, unknown>): string {
  return `${r.model} · ${r.gpus} × $${Number(r.gpu_usd_per_hour).toFixed(2)}/h`;
}

/** Each setup against its own model's list price, and the pair of pt-51 (a setup against DeepSeek V4 Flash's), lowest first. */
function breakEvenBars(results: Analyses): pl.DataFrame {
  const own = (results.selfHostingBreakEven.toRecords() as Record<
    string,
    unknown
  >[]).map((r) => ({
    label: setupLabel(r),
    break_even_utilisation: r.break_even_utilisation as number | null,
    comparison: "against the same model's list price",
    source_url: String(r.source_url),
  }));
  const claim = claimOf(results, "pt-51");
  const pair = claim === undefined ? [] : (selfHostingBreakEven(
    results.selfHostingSetups.withColumns(
      pl.lit(claim.params.api).alias("api_model_id"),
    ),
    results.prices,
    {
      date: claim.params.date ?? claim.article_date,
      utilisation: 1,
      mixes: [{ name: "article task", tokens: ARTICLE_TASK }],
    },
  ).filter(pl.col("setup_id").eq(pl.lit(claim.params.setup)))
    .toRecords() as Record<string, unknown>[]).map((r) => ({
      label: `${setupLabel(r)} (${claim.id})`,
      break_even_utilisation: r.break_even_utilisation as number | null,
      comparison: `against ${claim.params.api}'s list price (${claim.id})`,
      source_url: String(r.source_url),
    }));
  return pl.DataFrame([...own, ...pair], {
    schema: {
      label: pl.Utf8,
      break_even_utilisation: pl.Float64,
      comparison: pl.Utf8,
      source_url: pl.Utf8,
    },
  }).sort(["break_even_utilisation", "label"]);
}

const selfHostingBreakEvenChart: ChartSpec = {
  name: "self_hosting_break_even",
  claimIds: ["pt-51"],
  available: (results) => results.selfHostingBreakEven.height > 0,
  texts: (results) => {
    const hosts = [
      ...new Set(
        (results.selfHostingBreakEven.getColumn("source_url")
          .toArray() as string[])
          .map((url) => new URL(url).hostname),
      ),
    ].sort();
    const dates = results.selfHostingBreakEven.getColumn("api_price_date")
      .toArray() as (string | null)[];
    const latest = dates.filter((d): d is string => d !== null).sort().at(-1);
    return {
      title: "Utilisation at which rented GPUs beat the API",
      subtitle: `The article's agent task (${
        formatTokens(ARTICLE_TASK.inputTokens, 0)
      } input + ${formatTokens(ARTICLE_TASK.outputTokens, 0)} output, ${
        formatPercent(ARTICLE_TASK.cacheHitRate, 0)
      } cache hits, billed on both sides) self-hosted at the sources' GPU prices and throughputs, against OpenRouter list prices${
        latest === undefined ? "" : ` (latest price ${latest})`
      }; above 100% self-hosting never wins`,
      caption:
        "Self-hosted cost at full use ÷ the API's cost of the same task: the share of paid GPU hours a setup must serve to break even. Shaded: the 10–20% reported for inference-only fleets. Third-party throughputs: read them as ranges.",
      source: `Source: ${
        hosts.join(", ")
      } (GPU prices and throughput, as published); OpenRouter list prices${
        dataTo(results)
      } · tokenbook`,
    };
  },
  data: breakEvenBars,
  origin: {
    url: "https://openrouter.ai/models",
    licence: "each GPU price and throughput as its source publishes it",
  },
  period: (results) =>
    spanOfColumn(
      results.selfHostingBreakEven.filter(
        pl.col("api_price_date").isNotNull(),
      ),
      "api_price_date",
    ),
  height: CHART_HEIGHT,
  draw: (frame, texts, _results, document, size) =>
    breakEvenChart(frame, {
      ...texts,
      document,
      ...size,
      band: [FLEET_UTILISATION.low, FLEET_UTILISATION.high],
      bandLabel: "fleets: 10–20%",
    }),
};

export const CHART_SPECS: readonly ChartSpec[] = [
  agentTaskCost,
  ratioVsCacheHit,
  revenuePublishedVsCacheAware,
  tokenVsDollarShare,
  originShareWeekly,
  topModelsWeekly,
  tokensVsBenchmark,
  weeklyMovers,
  cacheHitObserved,
  qualityPerDollarChart,
  selfHostingBreakEvenChart,
];

/**
 * The spec of one chart.
 *
 * @param name A chart name of {@linkcode CHART_NAMES}.
 * @returns Its spec.
 * @throws {RangeError} When no chart has that name, listing the names.
 *
 * @example A known and an unknown name
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(chartSpec("weekly_movers").claimIds, ["pt-12"]);
 * assert.throws(() => chartSpec("weekly_mover"), /expected one of "agent_task_cost"/);
 * ```
 */
export function chartSpec(name: string): ChartSpec {
  const spec = CHART_SPECS.find((s) => s.name === name);
  if (spec === undefined) {
    throw new RangeError(
      `Cannot draw chart ${JSON.stringify(name)}: expected one of ${
        CHART_NAMES.map((n) => JSON.stringify(n)).join(", ")
      }`,
    );
  }
  return spec;
}

/**
 * The frame one chart draws, shaped from the analyses (for a notebook to
 * show next to the chart).
 *
 * @param name A chart name of {@linkcode CHART_NAMES}.
 * @param results The analyses.
 * @returns The frame, with the columns the chart function reads.
 * @throws {RangeError} When no chart has that name.
 */
export function chartData(name: string, results: Analyses): pl.DataFrame {
  return chartSpec(name).data(results);
}

/**
 * Draw one chart of the report from the analyses, exactly as the report
 * draws it (same data, title, subtitle, source line, alt text as `<desc>`). When the analyses hold
 * nothing for it (e.g. no tracker data), the chart says "no data".
 *
 * @param name A chart name of {@linkcode CHART_NAMES}.
 * @param results The analyses, from `runAnalyses`.
 * @param document A DOM document (jsdom's) to build the SVG in.
 * @returns The chart's `<svg>` element.
 * @throws {RangeError} When no chart has that name.
 *
 * @example An unknown chart
 * ```ts
 * import assert from "node:assert/strict";
 * import { JSDOM } from "jsdom";
 * import type { Analyses } from "../run/analyses.ts";
 * const { document } = new JSDOM("").window;
 * assert.throws(() => drawChart("pie", {} as Analyses, document), RangeError);
 * ```
 */
export function drawChart(
  name: string,
  results: Analyses,
  document: Document,
): SVGSVGElement {
  return chartKit(chartSpec(name), results, document).svg;
}
