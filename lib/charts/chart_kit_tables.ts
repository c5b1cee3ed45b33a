/**
 * What each chart's kit says about its data: the table exactly as drawn
 * (`NAME.csv`: one tidy row per mark, units in the column names) and the alt
 * text written from that table (at most about 300 characters, naming the
 * extremes), one entry per chart of the registry.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { Analyses } from "../run/analyses.ts";
import type { ChartName } from "./registry.ts";
import { formatDay, formatTokens } from "../text/format.ts";
import { changeTick, timesTick, usdTick } from "./chart_style.ts";
import { TOP_MODELS_WINDOW, topModelsRows } from "./top_models_chart.ts";

/** How one chart's kit describes its data. */
export interface ChartKitTable {
  /** The rows the chart draws, tidy, with units in the column names. */
  table(frame: pl.DataFrame, results: Analyses): pl.DataFrame;
  /** Alt text from the drawn rows (`table`'s output): what the data shows, its extremes. */
  alt(table: pl.DataFrame, results: Analyses): string;
}

/** The longest alt text, in characters. */
export const ALT_MAX = 300;

type Row = Record<string, unknown>;

const tokens = (n: unknown) => `${formatTokens(Number(n), 2)} tokens`;
const week = (monday: unknown) => `the week of ${formatDay(String(monday))}`;

/** The row with the largest (or, with `smallest`, the smallest) value of `column`; ties go to the first row. */
function extreme(rows: Row[], column: string, smallest = false): Row {
  return rows.reduce((a, b) => {
    const [x, y] = [Number(a[column]), Number(b[column])];
    return (smallest ? y < x : y > x) ? b : a;
  });
}

/** Cut a text to {@linkcode ALT_MAX} characters at a word, ending with "…". */
function fit(text: string): string {
  if (text.length <= ALT_MAX) return text;
  const cut = text.slice(0, ALT_MAX - 1);
  return `${cut.slice(0, cut.lastIndexOf(" "))}…`;
}

/** Round the float columns of a drawn table for its CSV: 6 significant digits, as drawn to a reader's precision. */
function rounded(frame: pl.DataFrame): pl.DataFrame {
  return frame.withColumns(
    ...frame.columns.filter((c) => frame.getColumn(c).dtype.equals(pl.Float64))
      .map((c) => pl.col(c).round(6)),
  );
}

const agentTaskCost: ChartKitTable = {
  table: (frame) =>
    rounded(frame.select(
      pl.col("label").alias("bar"),
      "component",
      "cost_usd",
    )),
  alt: (table) => {
    const totals = table.groupBy("bar").agg(pl.col("cost_usd").sum())
      .sort(["cost_usd", "bar"]).toRecords() as Row[];
    if (totals.length === 0) return "No agent-task costs to show.";
    const [low, high] = [totals[0], totals[totals.length - 1]];
    return fit(
      `One agent task costs from ${
        usdTick(Number(low.cost_usd))
      } (${low.bar}) to ${
        usdTick(Number(high.cost_usd))
      } (${high.bar}) across ${totals.length} bars, each split into uncached input, cache read, cache write and output.`,
    );
  },
};

const ratioVsCacheHit: ChartKitTable = {
  table: (frame) =>
    rounded(frame.select(
      "series",
      pl.col("cache_hit_rate").mul(100).alias("cache_hit_percent"),
      pl.col("cheap_usd").alias("deepseek_v4_flash_cost_usd"),
      pl.col("premium_usd").alias("claude_sonnet_4_5_cost_usd"),
      pl.col("ratio").alias("cost_ratio_times"),
    )),
  alt: (table) => {
    const rows = table.toRecords() as Row[];
    if (rows.length === 0) return "No cost ratios to show.";
    const low = extreme(rows, "cost_ratio_times", true);
    const high = extreme(rows, "cost_ratio_times");
    const oneSeries = low.series === high.series;
    const at = (r: Row) =>
      `${timesTick(Number(r.cost_ratio_times))} at ${
        Math.round(Number(r.cache_hit_percent))
      }% cache hits${oneSeries ? "" : ` (${r.series})`}`;
    const rises =
      Number(high.cache_hit_percent) > Number(low.cache_hit_percent);
    return fit(
      `Claude Sonnet 4.5 costs between ${at(low)} and ${
        at(high)
      } what DeepSeek V4 Flash costs for the same agent task${
        oneSeries ? ` (prices: ${low.series})` : ""
      }; the ratio is highest with ${
        rises ? "the most" : "the least"
      } input read from cache.`,
    );
  },
};

const revenue: ChartKitTable = {
  table: (frame) =>
    rounded(frame.select(
      "model",
      pl.col("published_usd").alias("published_revenue_usd"),
      pl.col("cache_aware_usd").alias("cache_aware_revenue_usd"),
    )),
  alt: (table, results) => {
    const rows = table.withColumns(
      pl.col("cache_aware_revenue_usd").div(pl.col("published_revenue_usd"))
        .minus(1).alias("change"),
    ).toRecords() as Row[];
    if (rows.length === 0) return "No tracker revenue to show.";
    const top = extreme(rows, "published_revenue_usd");
    const most = extreme(rows, "change", true);
    const least = extreme(rows, "change");
    return fit(
      `For ${rows.length} tracked models in the tracker's file of ${
        formatDay(results.period.inference?.[1] ?? "")
      }, cache-aware revenue differs from the published figure by ${
        changeTick(Number(least.change))
      } (${least.model}) to ${
        changeTick(Number(most.change))
      } (${most.model}); the largest, ${top.model}, goes from ${
        usdTick(Number(top.published_revenue_usd))
      } to ${usdTick(Number(top.cache_aware_revenue_usd))}.`,
    );
  },
};

const tokenVsDollarShare: ChartKitTable = {
  table: (frame) =>
    rounded(frame.select(
      "vendor",
      pl.col("token_share").mul(100).alias("token_share_percent"),
      pl.col("dollar_share").mul(100).alias("dollar_share_percent"),
    )),
  alt: (table) => {
    const rows = table.toRecords() as Row[];
    if (rows.length === 0) return "No vendor shares to show.";
    const dollars = extreme(rows, "dollar_share_percent");
    const tokensTop = extreme(rows, "token_share_percent");
    const pct = (x: unknown) => `${Number(x).toFixed(1)}%`;
    return fit(
      `${dollars.vendor} has ${
        pct(dollars.token_share_percent)
      } of the tracked tokens but ${
        pct(dollars.dollar_share_percent)
      } of the dollars, the most of ${rows.length} vendors; ${tokensTop.vendor} has the most tokens, ${
        pct(tokensTop.token_share_percent)
      }, and ${pct(tokensTop.dollar_share_percent)} of the dollars.`,
    );
  },
};

const originShare: ChartKitTable = {
  table: (frame) =>
    rounded(
      frame.select(
        "week_start",
        pl.col("days_covered").alias("days_of_data"),
        "origin",
        "tokens",
        pl.col("share").mul(100).alias("share_percent"),
      ).sort(["week_start", "origin"]),
    ),
  alt: (table) => {
    const rows = table.toRecords() as Row[];
    const complete = rows.filter((r) => Number(r.days_of_data) === 7);
    if (complete.length === 0) return "No complete week of origin shares.";
    const weeks = [...new Set(complete.map((r) => String(r.week_start)))]
      .sort();
    const [first, last] = [weeks[0], weeks[weeks.length - 1]];
    const inWeek = (w: string) => complete.filter((r) => r.week_start === w);
    const lead = extreme(inWeek(last), "share_percent");
    const before = inWeek(first).find((r) => r.origin === lead.origin);
    const pct = (x: unknown) => `${Math.round(Number(x))}%`;
    const partial = rows.length > complete.length
      ? " Partial weeks are marked."
      : "";
    return fit(
      `${lead.origin}'s share of OpenRouter's top-50 tokens went from ${
        before === undefined ? "n/a" : pct(before.share_percent)
      } in ${week(first)} to ${pct(lead.share_percent)} in ${
        week(last)
      }, the largest of any origin, over ${weeks.length} complete weeks.${partial}`,
    );
  },
};

const topModels: ChartKitTable = {
  table: (frame) => {
    const columns = ["week_start", "model", "tokens", "rank", "origin"];
    if (frame.height === 0) {
      return pl.DataFrame({
        week: pl.Series("week", [], pl.Utf8),
        rank: pl.Series("rank", [], pl.Int64),
        model: pl.Series("model", [], pl.Utf8),
        origin: pl.Series("origin", [], pl.Utf8),
        tokens: pl.Series("tokens", [], pl.Int64),
      });
    }
    return topModelsRows(
      frame.select(...columns).withColumns(
        pl.col("origin").fillNull("unknown"),
      ),
      TOP_MODELS_WINDOW,
    ).rows.select(
      pl.col("week_start").alias("week"),
      "rank",
      "model",
      "origin",
      "tokens",
    ).sort(["week", "rank"]);
  },
  alt: (table) => {
    const rows = table.toRecords() as Row[];
    const weeks = [...new Set(rows.map((r) => String(r.week)))]
      .filter((w) => w !== "earlier").sort();
    if (weeks.length === 0) return "No complete week of model rankings.";
    const last = weeks[weeks.length - 1];
    const firsts = rows.filter((r) =>
      Number(r.rank) === 1 && r.week !== "earlier"
    );
    const leader = firsts.find((r) => r.week === last)!;
    const timesFirst = firsts.filter((r) => r.model === leader.model).length;
    const tenth = rows.find((r) => r.week === last && Number(r.rank) === 10);
    return fit(
      `${leader.model} was the most used model in ${week(last)} with ${
        tokens(leader.tokens)
      }, first in ${timesFirst} of ${weeks.length} weeks shown${
        tenth === undefined
          ? ""
          : `; tenth was ${tenth.model} with ${tokens(tenth.tokens)}`
      }.`,
    );
  },
};

const tokensVsBenchmark: ChartKitTable = {
  table: (frame) =>
    rounded(
      frame.select(
        "model",
        "origin",
        pl.col("score").alias("swe_bench_verified_percent"),
        "tokens",
      ).sort(["tokens", "model"], [true, false]),
    ),
  alt: (table) => {
    const rows = table.toRecords() as Row[];
    if (rows.length === 0) return "No models with a benchmark score.";
    const most = extreme(rows, "tokens");
    const best = extreme(rows, "swe_bench_verified_percent");
    const least = extreme(rows, "tokens", true);
    const score = (r: Row) => `${Number(r.swe_bench_verified_percent)}%`;
    return fit(
      `Of ${rows.length} models with a vendor-reported SWE-bench Verified score, ${most.model} has the most tokens (${
        tokens(most.tokens)
      }, ${score(most)}); the best score is ${best.model}'s ${score(best)} (${
        tokens(best.tokens)
      }); the fewest tokens, ${least.model}'s ${tokens(least.tokens)}.`,
    );
  },
};

const movers: ChartKitTable = {
  table: (frame) =>
    rounded(
      frame.select(
        "model",
        "origin",
        pl.col("prev_tokens").alias("tokens_week_before"),
        pl.col("tokens").alias("tokens_week"),
        pl.col("wow_change").mul(100).alias("change_percent"),
      ).sort(["change_percent", "model"], [true, false]),
    ),
  alt: (table) => {
    const rows = table.toRecords() as Row[];
    if (rows.length === 0) {
      return "No model's weekly tokens moved more than ±30%.";
    }
    const up = extreme(rows, "change_percent");
    const down = extreme(rows, "change_percent", true);
    const change = (r: Row) => changeTick(Number(r.change_percent) / 100);
    return fit(
      `${rows.length} model${
        rows.length === 1 ? "" : "s"
      } moved more than ±30% week over week: the largest rise ${up.model} ${
        change(up)
      } (${tokens(up.tokens_week)}), ${
        Number(down.change_percent) < 0
          ? `the largest fall ${down.model} ${change(down)} (${
            tokens(down.tokens_week)
          })`
          : "no fall beyond −30%"
      }.`,
    );
  },
};

const cacheHit: ChartKitTable = {
  table: (frame) =>
    rounded(frame.select(
      pl.col("label").alias("model"),
      pl.col("assumed_rate").mul(100).alias("assumed_cache_hit_percent"),
      pl.col("observed_rate").mul(100).alias("observed_cache_hit_percent"),
      pl.col("cost_ratio").alias("cost_observed_vs_assumed_times"),
    )),
  alt: (table) => {
    const rows = table.toRecords() as Row[];
    if (rows.length === 0) return "No observed cache-hit rates.";
    const low = extreme(rows, "observed_cache_hit_percent", true);
    const high = extreme(rows, "observed_cache_hit_percent");
    const below = rows.filter((r) =>
      Number(r.observed_cache_hit_percent) <
        Number(r.assumed_cache_hit_percent)
    ).length;
    const pct = (x: unknown) => `${Math.round(Number(x))}%`;
    return fit(
      `Observed cache-hit rates run from ${
        pct(low.observed_cache_hit_percent)
      } (${low.model}) to ${
        pct(high.observed_cache_hit_percent)
      } (${high.model}); ${below} of ${rows.length} models read less of their input from cache than the article's assumed ${
        pct(rows[0].assumed_cache_hit_percent)
      }.`,
    );
  },
};

const qualityPerDollar: ChartKitTable = {
  table: (frame) =>
    rounded(
      frame.select(
        pl.col("display_name").alias("model"),
        pl.col("score").alias("swe_bench_verified_percent"),
        pl.col("task_cost_usd").alias("agent_task_cost_usd"),
        "score_date",
        "price_date",
      ).sort(["agent_task_cost_usd", "model"]),
    ),
  alt: (table) => {
    const rows = table.toRecords() as Row[];
    if (rows.length === 0) return "No scored models with a list price.";
    const cheapest = extreme(rows, "agent_task_cost_usd", true);
    const dearest = extreme(rows, "agent_task_cost_usd");
    const best = extreme(rows, "swe_bench_verified_percent");
    const at = (r: Row) =>
      `${usdTick(Number(r.agent_task_cost_usd))} a task, ${
        Number(r.swe_bench_verified_percent)
      }%`;
    return fit(
      `Of ${rows.length} models, ${cheapest.model} is the cheapest (${
        at(cheapest)
      }) and ${dearest.model} the dearest (${
        at(dearest)
      }); the best score is ${best.model}'s (${at(best)}).`,
    );
  },
};

const selfHostingBreakEven: ChartKitTable = {
  table: (frame) =>
    rounded(
      frame.filter(pl.col("break_even_utilisation").isNotNull()).select(
        pl.col("label").alias("setup"),
        pl.col("break_even_utilisation").mul(100).alias(
          "break_even_utilisation_percent",
        ),
        "comparison",
        "source_url",
      ),
    ),
  alt: (table) => {
    const rows = table.toRecords() as Row[];
    if (rows.length === 0) return "No self-hosting setup with a break-even.";
    const low = extreme(rows, "break_even_utilisation_percent", true);
    const high = extreme(rows, "break_even_utilisation_percent");
    const never =
      rows.filter((r) => Number(r.break_even_utilisation_percent) > 100).length;
    const pct = (r: Row) =>
      `${Math.round(Number(r.break_even_utilisation_percent))}%`;
    return fit(
      `Rented GPUs break even with the API from ${
        pct(low)
      } utilisation (${low.setup}) to ${pct(high)} (${high.setup}); ${
        never === 0
          ? `all ${rows.length} setups break even below 100%`
          : `${never} of ${rows.length} setups need more than 100%, so never beat the API`
      }.`,
    );
  },
};

/**
 * Each chart's drawn table and alt text, by chart name.
 *
 * @example Every chart of the registry has one
 * ```ts
 * import assert from "node:assert/strict";
 * import { CHART_NAMES } from "./registry.ts";
 * assert.deepEqual(Object.keys(CHART_KIT_TABLES).sort(), [...CHART_NAMES].sort());
 * ```
 */
export const CHART_KIT_TABLES: Readonly<Record<ChartName, ChartKitTable>> = {
  agent_task_cost: agentTaskCost,
  ratio_vs_cache_hit: ratioVsCacheHit,
  revenue_published_vs_cache_aware: revenue,
  token_vs_dollar_share: tokenVsDollarShare,
  origin_share_weekly: originShare,
  top_models_weekly: topModels,
  tokens_vs_benchmark: tokensVsBenchmark,
  weekly_movers: movers,
  cache_hit_observed: cacheHit,
  quality_per_dollar: qualityPerDollar,
  self_hosting_break_even: selfHostingBreakEven,
};
