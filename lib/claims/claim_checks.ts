/**
 * The named checks behind the claims ledger: each computes a claim's figure
 * from the workspace's data (or from the articles' own other figures) and
 * compares it with what the article states.
 *
 * @module
 */
import pl from "nodejs-polars";
import { ARTICLE_TASK, reproduceStatedCost } from "../analysis/agent_task.ts";
import {
  type Claim,
  compareBoolean,
  compareStated,
  type Evaluation,
  formatFigure,
  round,
  toleranceOf,
  unverifiable,
} from "./claims.ts";
import {
  blendedInputPrice,
  type PriceRow,
  taskCost,
} from "../analysis/cost.ts";
import { findModel } from "../analysis/model_info.ts";
import {
  findPrice,
  MODELS_LIST_SOURCE,
  PRICE_HISTORY_SOURCE,
} from "../analysis/prices.ts";
import { formatTokens } from "../text/format.ts";

/** Everything the checks read: the workspace's frames and the analyses' results. */
export interface ClaimContext {
  /** Rankings rows with model, vendor and origin (`classifyModels`). */
  classified: pl.DataFrame;
  /** `weeklyModelTokens`. */
  weeklyModels: pl.DataFrame;
  /** `weeklyTotals`. */
  weeklyTotals: pl.DataFrame;
  /** `weeklyOriginShare`. */
  weeklyOrigins: pl.DataFrame;
  /** `weeklyVendorTokens`. */
  weeklyVendors: pl.DataFrame;
  /** Vendor reference table. */
  vendors: pl.DataFrame;
  /** Model identity reference table. */
  modelIdentity: pl.DataFrame;
  /** The models-list frame. */
  models: pl.DataFrame;
  /** `priceRows(...).prices`. */
  prices: pl.DataFrame;
  /** The inference-stats frame. */
  inference: pl.DataFrame;
  /** Benchmark scores. */
  benchmarks: pl.DataFrame;
  /** `correlations(benchmarkVsShare(...))` rows: benchmark, week_start, n, rho_share_score, p_share_score, … */
  correlations: pl.DataFrame;
  /** Every claim, for checks of an article against its own other figures. */
  claims: readonly Claim[];
}

const f64 = (frame: pl.DataFrame, column: string): number[] =>
  frame.getColumn(column).cast(pl.Float64).toArray() as number[];

function rowsOf(frame: pl.DataFrame): Record<string, unknown>[] {
  return frame.toRecords() as Record<string, unknown>[];
}

/** Days of data in a week, 0 when the week is outside the data. */
function daysCovered(ctx: ClaimContext, week: string): number {
  const row =
    rowsOf(ctx.weeklyTotals.filter(pl.col("week_start").eq(pl.lit(week))))[0];
  return row === undefined ? 0 : Number(row.days_covered);
}

function dataSpan(ctx: ClaimContext): string {
  if (ctx.classified.height === 0) return "no rankings data";
  const dates = (ctx.classified.getColumn("date").toArray() as string[]).sort();
  return `rankings-daily covers ${dates[0]} … ${dates[dates.length - 1]}`;
}

/** Unverifiable unless the week is complete in the data. */
function needWeek(
  ctx: ClaimContext,
  week: string | undefined,
  method: string,
): Evaluation | undefined {
  if (week === undefined) {
    return unverifiable(method, "the claim names no week");
  }
  const days = daysCovered(ctx, week);
  if (days < 7) {
    return unverifiable(
      method,
      `the week of ${week} has ${days} of 7 days in the data (${
        dataSpan(ctx)
      }); a rankings-daily file covering ${week} … ${
        addDays(week, 6)
      } would verify it`,
    );
  }
  return undefined;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function permaslugOf(ctx: ClaimContext, name: string): string {
  return findModel(ctx.modelIdentity, name) ?? name;
}

/** Vendor ids whose id or name matches any of `names` ("DeepSeek|Tencent"). */
function vendorIds(ctx: ClaimContext, names: string): string[] {
  const wanted = names.split("|").map((n) => n.trim().toLowerCase());
  return rowsOf(ctx.vendors)
    .filter((v) =>
      wanted.some((w) =>
        String(v.vendor).toLowerCase() === w ||
        String(v.vendor_name).toLowerCase().startsWith(w)
      )
    )
    .map((v) => String(v.vendor));
}

/** The row of one origin in one week of `weeklyOriginShare`, if any. */
function originRow(
  ctx: ClaimContext,
  week: string,
  origin: string,
): Record<string, unknown> | undefined {
  return rowsOf(
    ctx.weeklyOrigins.filter(
      pl.col("week_start").eq(pl.lit(week)).and(
        pl.col("origin").eq(pl.lit(origin)),
      ),
    ),
  )[0];
}

function weekModels(ctx: ClaimContext, week: string): pl.DataFrame {
  return ctx.weeklyModels.filter(pl.col("week_start").eq(pl.lit(week)));
}

function weekTotal(ctx: ClaimContext, week: string): number {
  return Number(
    rowsOf(ctx.weeklyTotals.filter(pl.col("week_start").eq(pl.lit(week))))[0]
      ?.tokens ?? 0,
  );
}

function vendorWeekTokens(
  ctx: ClaimContext,
  week: string,
  vendors: string[],
): number {
  const rows = ctx.weeklyVendors.filter(
    pl.col("week_start").eq(pl.lit(week)).and(pl.col("vendor").isIn(vendors)),
  );
  return f64(rows, "tokens").reduce((a, b) => a + b, 0);
}

const RANKINGS =
  "sum of rankings-daily total_tokens over the calendar week (Mon–Sun, UTC), top 50 + other";

function percentChange(now: number, before: number): number {
  return (now / before - 1) * 100;
}

function priceNearest(
  ctx: ClaimContext,
  modelId: string,
  date: string,
): { price: PriceRow; note: string } | undefined {
  const history = findPrice(ctx.prices, modelId, PRICE_HISTORY_SOURCE, date);
  const list = findPrice(ctx.prices, modelId, MODELS_LIST_SOURCE, date);
  const chosen =
    [history, list].filter((p) => p !== undefined).sort((a, b) =>
      b!.source_date.localeCompare(a!.source_date)
    )[0];
  if (chosen === undefined) return undefined;
  return {
    price: chosen,
    note: `price from ${chosen.source} dated ${chosen.source_date}`,
  };
}

/**
 * When a week's published total exceeds the sum of its rows, say whether the
 * gap is exactly what a row with an all-zero breakdown would earn if its
 * total tokens were priced at one round rate.
 */
function gapExplanation(week: pl.DataFrame, gapUsd: number): string {
  const zero = rowsOf(
    week.filter(pl.col("warning").fillNull("").str.contains("breakdown_zero")),
  );
  for (const row of zero) {
    const perMtok = gapUsd / Number(row.total_tokens) * 1e6;
    if (perMtok > 0 && Math.abs(perMtok - Number(perMtok.toFixed(2))) < 5e-5) {
      return `; the gap is ${row.slug}'s ${
        formatTokens(Number(row.total_tokens))
      } total tokens × $${
        perMtok.toFixed(2)
      } per M: that row has an all-zero token breakdown and $0 revenue in the file, so the chart priced it some other way`;
    }
  }
  return "";
}

/** Prices of several models from one source (price history first, then the models list), as of a date. */
function pricesFromOneSource(
  ctx: ClaimContext,
  modelIds: readonly string[],
  date: string,
): ({ price: PriceRow; note: string } | undefined)[] {
  for (const source of [PRICE_HISTORY_SOURCE, MODELS_LIST_SOURCE]) {
    const found = modelIds.map((id) => findPrice(ctx.prices, id, source, date));
    if (found.every((p) => p !== undefined)) {
      return found.map((price) => ({
        price: price!,
        note: `price from ${source} dated ${price!.source_date}`,
      }));
    }
  }
  return modelIds.map((id) => priceNearest(ctx, id, date));
}

const FIELD: Record<string, keyof PriceRow> = {
  input: "input_usd_per_mtok",
  output: "output_usd_per_mtok",
  cache_read: "cache_read_usd_per_mtok",
};

function trackerRow(
  ctx: ClaimContext,
  week: string,
  slug: string,
): Record<string, unknown> | undefined {
  return rowsOf(
    ctx.inference.filter(
      pl.col("snapshot_date").eq(pl.lit(week)).and(
        pl.col("slug").eq(pl.lit(slug)),
      ),
    ),
  )[0];
}

function trackerWeek(ctx: ClaimContext, week: string): pl.DataFrame {
  return ctx.inference.filter(pl.col("snapshot_date").eq(pl.lit(week)));
}

function trackerMissing(
  ctx: ClaimContext,
  week: string,
  slug: string,
): Evaluation {
  const weeks = [
    ...new Set(ctx.inference.getColumn("snapshot_date").toArray() as string[]),
  ].sort();
  const inWeek = trackerWeek(ctx, week).height > 0;
  return unverifiable(
    "inference-stats weekly file",
    inWeek
      ? `${slug} is not in the tracker's ${week} file (the file lists ${
        trackerWeek(ctx, week).height
      } models); the tracker's file with that model would verify it`
      : `no inference-stats file for ${week} (files: ${weeks[0] ?? "none"} … ${
        weeks.at(-1) ?? "none"
      })`,
  );
}

function agentTaskCost(
  ctx: ClaimContext,
  claim: Claim,
):
  | { best: Evaluation; consistent: number; consistentNote: string }
  | undefined {
  const modelId = claim.params.model;
  const task = {
    inputTokens: Number(claim.params.input ?? ARTICLE_TASK.inputTokens),
    outputTokens: Number(claim.params.output ?? ARTICLE_TASK.outputTokens),
    cacheHitRate: Number(claim.params.cache_hit ?? ARTICLE_TASK.cacheHitRate),
  };
  const runs = Number(claim.params.runs ?? 1);
  if (ctx.prices.filter(pl.col("model_id").eq(pl.lit(modelId))).height === 0) {
    return undefined;
  }
  const date = claim.params.date ?? claim.article_date;
  const current = priceNearest(ctx, modelId, date);
  const consistent = current === undefined
    ? NaN
    : taskCost(task, current.price).total_usd * runs;
  const consistentNote = current === undefined
    ? ""
    : `with one consistent price source (${current.price.source} ${current.price.source_date}, cache reads at the cache-read rate) the figure is ${
      round(consistent)
    } USD`;
  const method =
    `agent task cost: uncached input × input price + cache hits × cache-read price + output × output price (${task.inputTokens} input, ${task.outputTokens} output, ${
      task.cacheHitRate * 100
    }% cache hits${runs > 1 ? `, × ${runs} runs` : ""})`;
  if (Math.abs(consistent - claim.stated) <= toleranceFor(claim)) {
    return {
      best: compareStated(claim, consistent, method, { note: current!.note }),
      consistent,
      consistentNote,
    };
  }
  const m = reproduceStatedCost(
    ctx.prices,
    modelId,
    claim.stated,
    toleranceFor(claim),
    { asOf: date, task, runs },
  );
  if (m === undefined) {
    return {
      best: compareStated(claim, consistent, method, { note: consistentNote }),
      consistent,
      consistentNote,
    };
  }
  const treatmentText = m.treatment === "cache-free"
    ? "cached input (80K tokens) not billed at all"
    : m.treatment === "no-cache"
    ? "no cache discount"
    : "cache reads charged";
  return {
    best: compareStated(claim, m.usd, method, {
      assumptions:
        `prices of ${m.price.source} dated ${m.price.source_date} (${m.price.input_usd_per_mtok}/${m.price.output_usd_per_mtok}/${
          m.price.cache_read_usd_per_mtok ?? "–"
        } USD per M input/output/cache read); ${treatmentText}`,
      note: consistentNote,
    }),
    consistent,
    consistentNote,
  };
}

function toleranceFor(claim: Claim): number {
  return toleranceOf(claim.stated, claim.quote, claim.unit);
}

/**
 * The checks, by the names `data/claims.csv` uses.
 *
 * @param ctx The workspace's frames and analyses.
 * @returns Check functions by name.
 */
export function claimChecks(
  ctx: ClaimContext,
): Record<string, (claim: Claim) => Evaluation> {
  const byId = new Map(ctx.claims.map((c) => [c.id, c]));
  /** The article's per-model token claims for a tracker week whose model the file lacks. */
  const absentModels = (week: string): Claim[] =>
    ctx.claims.filter((c) =>
      c.check === "tracker_model_tokens" && c.params.week === week &&
      trackerRow(ctx, week, c.params.model) === undefined
    );
  const absentAssumption = (absent: Claim[]) =>
    `counts the article's own rows for ${
      absent.map((c) =>
        `${c.params.model} (${formatTokens(c.stated)}, ${c.id})`
      ).join(", ")
    }, which the tracker's file lacks`;
  /** One field of one model in one tracker week, against the stated figure. */
  const trackerField = (
    claim: Claim,
    column: string,
    note = "",
  ): Evaluation => {
    const row = trackerRow(ctx, claim.params.week, claim.params.model);
    if (row === undefined) {
      return trackerMissing(ctx, claim.params.week, claim.params.model);
    }
    return compareStated(
      claim,
      Number(row[column]),
      `${column} of the model in the tracker's file`,
      { note },
    );
  };
  return {
    week_total_tokens: (claim) => {
      const week = claim.params.week;
      return needWeek(ctx, week, RANKINGS) ??
        compareStated(claim, weekTotal(ctx, week), RANKINGS, {
          note:
            `scope: OpenRouter's published top 50 + other, not global usage`,
        });
    },
    week_total_wow_pct: (claim) => {
      const week = claim.params.week;
      const method = `week-over-week change of the weekly total (${RANKINGS})`;
      return needWeek(ctx, week, method) ??
        needWeek(ctx, addDays(week, -7), method) ??
        compareStated(
          claim,
          percentChange(
            weekTotal(ctx, week),
            weekTotal(ctx, addDays(week, -7)),
          ),
          method,
        );
    },
    consecutive_growth_weeks: (claim) => {
      const week = claim.params.week;
      const method =
        "consecutive complete weeks whose total grew, ending at the week";
      const missing = needWeek(ctx, week, method);
      if (missing !== undefined) return missing;
      let streak = 0;
      let current = week;
      while (
        daysCovered(ctx, current) === 7 &&
        daysCovered(ctx, addDays(current, -7)) === 7
      ) {
        if (weekTotal(ctx, current) <= weekTotal(ctx, addDays(current, -7))) {
          return compareStated(claim, streak, method, {
            note: `the week of ${current} did not grow`,
          });
        }
        streak += 1;
        current = addDays(current, -7);
      }
      if (streak >= claim.stated) return compareStated(claim, streak, method);
      return unverifiable(
        method,
        `the data shows ${streak} week(s) of growth up to ${week} and has no complete week before ${current} (${
          dataSpan(ctx)
        })`,
      );
    },
    model_week_tokens: (claim) => {
      const week = claim.params.week;
      const slug = permaslugOf(ctx, claim.params.model);
      const method = `model's tokens summed over the week (${RANKINGS})`;
      const missing = needWeek(ctx, week, method);
      if (missing !== undefined) return missing;
      const row = rowsOf(
        weekModels(ctx, week).filter(pl.col("permaslug").eq(pl.lit(slug))),
      )[0];
      return compareStated(claim, Number(row?.tokens ?? 0), method, {
        note: row === undefined ? `${slug} not in the top 50 that week` : "",
      });
    },
    model_week_wow_pct: (claim) => {
      const week = claim.params.week;
      const slug = permaslugOf(ctx, claim.params.model);
      const method = "model's weekly tokens against the previous complete week";
      const missing = needWeek(ctx, week, method) ??
        needWeek(ctx, addDays(week, -7), method);
      if (missing !== undefined) return missing;
      const now = rowsOf(
        weekModels(ctx, week).filter(pl.col("permaslug").eq(pl.lit(slug))),
      )[0];
      const before = rowsOf(
        weekModels(ctx, addDays(week, -7)).filter(
          pl.col("permaslug").eq(pl.lit(slug)),
        ),
      )[0];
      if (now === undefined || before === undefined) {
        return unverifiable(
          method,
          `${slug} is missing from one of the two weeks`,
        );
      }
      return compareStated(
        claim,
        percentChange(Number(now.tokens), Number(before.tokens)),
        method,
      );
    },
    model_week_rank: (claim) => {
      const week = claim.params.week;
      const slug = permaslugOf(ctx, claim.params.model);
      const method =
        "rank by weekly tokens among the top-50 rows (other excluded)";
      const missing = needWeek(ctx, week, method);
      if (missing !== undefined) return missing;
      const row = rowsOf(
        weekModels(ctx, week).filter(pl.col("permaslug").eq(pl.lit(slug))),
      )[0];
      const rank = row?.rank === undefined || row.rank === null
        ? null
        : Number(row.rank);
      const top = rowsOf(
        weekModels(ctx, week).filter(
          pl.col("rank").eq(pl.lit(Number(claim.stated))),
        ),
      )[0];
      const note = top === undefined
        ? ""
        : `rank ${claim.stated} that week: ${top.model} (${
          formatTokens(Number(top.tokens))
        })`;
      if (claim.params.test === "rank_gt_10") {
        return compareBoolean(
          rank === null || rank > 10,
          method,
          `rank ${rank ?? "outside the top 50"}`,
        );
      }
      if (claim.params.test === "new_top10_entrant") {
        const prev = needWeek(ctx, addDays(week, -7), method);
        if (prev !== undefined) return prev;
        const before = rowsOf(
          weekModels(ctx, addDays(week, -7)).filter(
            pl.col("permaslug").eq(pl.lit(slug)),
          ),
        )[0];
        return compareBoolean(
          rank !== null && rank <= 10 && !(Number(before?.rank ?? 99) <= 10),
          method,
          `rank ${rank} now, ${before?.rank ?? "–"} the week before`,
        );
      }
      if (rank === null) {
        return compareBoolean(false, method, `${slug} not ranked that week`);
      }
      return compareStated(claim, rank, method, { note });
    },
    model_daily_peak_tokens: (claim) => {
      const week = claim.params.week;
      const slug = permaslugOf(ctx, claim.params.model);
      const method = "largest single-day total_tokens of the model in the week";
      const missing = needWeek(ctx, week, method);
      if (missing !== undefined) return missing;
      const days = ctx.classified.filter(
        pl.col("permaslug").eq(pl.lit(slug)).and(
          pl.col("date").gtEq(pl.lit(week)),
        ).and(pl.col("date").ltEq(pl.lit(addDays(week, 6)))),
      );
      return compareStated(claim, Math.max(0, ...f64(days, "tokens")), method);
    },
    origin_week_tokens: (claim) => {
      const { week, origin } = claim.params;
      const method =
        `tokens of models whose vendor's origin is ${origin} (data/reference/vendors.csv), summed over the week`;
      const missing = needWeek(ctx, week, method);
      if (missing !== undefined) return missing;
      const row = originRow(ctx, week, origin);
      return compareStated(claim, Number(row?.tokens ?? 0), method, {
        note: "scope: top 50 + other; unknown-origin vendors counted apart",
      });
    },
    origin_week_wow_pct: (claim) => {
      const { week, origin } = claim.params;
      const method = `week-over-week change of ${origin}-origin tokens`;
      const missing = needWeek(ctx, week, method) ??
        needWeek(ctx, addDays(week, -7), method);
      if (missing !== undefined) return missing;
      const get = (w: string) =>
        Number(
          originRow(ctx, w, origin)?.tokens ?? 0,
        );
      return compareStated(
        claim,
        percentChange(get(week), get(addDays(week, -7))),
        method,
      );
    },
    origin_week_share_pct: (claim) => {
      const { week, origin } = claim.params;
      const method =
        `${origin}-origin tokens ÷ all tokens of the week (top 50 + other), percent`;
      if (week === undefined) {
        return unverifiable(
          method,
          `no rankings data for ${claim.params.period ?? "that period"} (${
            dataSpan(ctx)
          })`,
        );
      }
      const missing = needWeek(ctx, week, method);
      if (missing !== undefined) return missing;
      const row = originRow(ctx, week, origin);
      return compareStated(claim, Number(row?.share ?? 0) * 100, method);
    },
    origin_ratio: (claim) => {
      const { week, a, b } = claim.params;
      const method = `${a}-origin weekly tokens ÷ ${b}-origin weekly tokens`;
      const missing = needWeek(ctx, week, method);
      if (missing === undefined) {
        const get = (o: string) =>
          Number(
            originRow(ctx, week, o)?.tokens ?? 0,
          );
        const ratio = get(a) / get(b);
        if (claim.params.test === "a_gt_b") {
          return compareBoolean(ratio > 1, method, `ratio ${round(ratio)}`);
        }
        return compareStated(claim, ratio, method);
      }
      const same = ctx.claims.filter((c) =>
        c.article === claim.article && c.check === "origin_week_tokens" &&
        c.params.week === week
      );
      const ta = same.find((c) => c.params.origin === a)?.stated;
      const tb = same.find((c) => c.params.origin === b)?.stated;
      if (ta === undefined || tb === undefined) return missing;
      const consistency = `the article's own figures: ${a} ${
        formatTokens(ta)
      } ÷ ${b} ${formatTokens(tb)}`;
      const value = claim.params.test === "a_gt_b"
        ? (ta > tb ? 1 : 0)
        : ta / tb;
      const internal = claim.params.test === "a_gt_b"
        ? compareBoolean(ta > tb, consistency, "")
        : compareStated(claim, value, consistency);
      return internal.verdict === "contradicted"
        ? {
          ...internal,
          note:
            `${internal.note}. The article's own figures disagree with each other; ${missing.note}`,
        }
        : unverifiable(
          consistency,
          `consistent with the article's own figures (${
            round(value)
          }), but ${missing.note}`,
        );
    },
    origin_lead_streak_weeks: (claim) => {
      const method =
        "consecutive complete weeks in which China-origin tokens exceeded US-origin tokens";
      const week = claim.params.week;
      return needWeek(ctx, week, method) ??
        unverifiable(method, "needs the previous weeks too");
    },
    top10_origin_count: (claim) => {
      const { week, origin } = claim.params;
      const method =
        `number of ${origin}-origin vendors' models among the week's top 10 by tokens`;
      const missing = needWeek(ctx, week, method);
      if (missing === undefined) {
        const top = weekModels(ctx, week).filter(
          pl.col("rank").lessThanEquals(pl.lit(10)),
        );
        const count = top.filter(pl.col("origin").eq(pl.lit(origin))).height;
        return compareStated(claim, count, method, {
          note: `top 10: ${
            (top.sort("rank").getColumn("model").toArray() as string[]).join(
              ", ",
            )
          }`,
        });
      }
      return {
        ...missing,
        note:
          `${missing.note}. The article's own top-10 table labels six models "(China)": DeepSeek-V4-Flash, Hy3, DeepSeek-V3.2, DeepSeek-V4-Pro, MiniMax M2.7, Step 3.5 Flash`,
      };
    },
    vendor_week_tokens: (claim) => {
      const { week, vendor } = claim.params;
      const method =
        `tokens of every model of ${vendor} in the top 50, summed over the week`;
      return needWeek(ctx, week, method) ??
        compareStated(
          claim,
          vendorWeekTokens(ctx, week, vendorIds(ctx, vendor)),
          method,
        );
    },
    vendor_week_wow_pct: (claim) => {
      const { week, vendor } = claim.params;
      const method =
        `week-over-week change of ${vendor}'s tokens, over its models in the top 50 on all 7 days of both weeks`;
      const missing = needWeek(ctx, week, method) ??
        needWeek(ctx, addDays(week, -7), method);
      if (missing !== undefined) return missing;
      /** A vendor's change over its models present every day of both weeks, and the models left out. */
      const change = (ids: string[]) => {
        const rows = (w: string) =>
          rowsOf(weekModels(ctx, w).filter(pl.col("vendor").isIn(ids)));
        const now = rows(week);
        const before = rows(addDays(week, -7));
        const whole = (r: Record<string, unknown>) =>
          Number(r.days_in_top50) === 7;
        const kept = now.filter((r) =>
          whole(r) &&
          before.some((b) => b.permaslug === r.permaslug && whole(b))
        ).map((r) => String(r.permaslug));
        const sum = (list: Record<string, unknown>[]) =>
          list.filter((r) => kept.includes(String(r.permaslug)))
            .reduce((total, r) => total + Number(r.tokens), 0);
        const partial = [
          ...new Set([...now, ...before].map((r) => String(r.model))),
        ]
          .filter((m) =>
            !kept.some((k) =>
              rowsOf(
                ctx.modelIdentity.filter(pl.col("permaslug").eq(pl.lit(k))),
              )[0]?.display_name === m
            )
          );
        return {
          kept,
          partial,
          pct: kept.length === 0 ? null : percentChange(sum(now), sum(before)),
        };
      };
      if (claim.params.test === "only_xAI_negative") {
        const western = [
          "anthropic",
          "openai",
          "google",
          "x-ai",
          "meta-llama",
          "mistralai",
        ];
        const results = western.map((v) => ({ vendor: v, ...change([v]) }));
        const xai = results.find((r) => r.vendor === "x-ai")!;
        const shrinking = results.filter((r) => r.pct !== null && r.pct < 0)
          .map((r) => r.vendor);
        const others = shrinking.filter((v) => v !== "x-ai");
        if (others.length > 0) {
          return compareBoolean(
            false,
            method,
            `other Western vendors shrinking too: ${others.join(", ")}`,
          );
        }
        if (xai.pct === null) {
          return unverifiable(
            method,
            `no xAI model is in the top 50 on all 7 days of both weeks (${
              xai.partial.join(", ") || "none"
            }); among the measurable vendors, shrinking: ${
              shrinking.join(", ") || "none"
            }`,
          );
        }
        return compareBoolean(
          shrinking.length === 1 && shrinking[0] === "x-ai",
          method,
          `shrinking: ${shrinking.join(", ") || "none"}`,
        );
      }
      const result = change(vendorIds(ctx, vendor));
      if (result.pct === null) {
        return unverifiable(
          method,
          `none of ${vendor}'s models is in the top 50 on all 7 days of both weeks (${
            result.partial.join(", ") || "none in the data"
          }): the data holds only part of their volume`,
        );
      }
      return compareStated(claim, result.pct, method, {
        note: result.partial.length === 0
          ? ""
          : `left out, not in the top 50 every day: ${
            result.partial.join(", ")
          }`,
      });
    },
    vendor_token_share_pct: (claim) => {
      const { week, vendor } = claim.params;
      const method =
        `tokens of ${vendor}'s models ÷ all tokens of the week (top 50 + other), percent`;
      const missing = needWeek(ctx, week, method);
      if (missing !== undefined) return missing;
      const ids = vendorIds(ctx, vendor);
      const share = (w: string) =>
        vendorWeekTokens(ctx, w, ids) / weekTotal(ctx, w) * 100;
      if (claim.params.test === "share_up_vs_prev_week") {
        const prev = needWeek(ctx, addDays(week, -7), method);
        if (prev !== undefined) return prev;
        return compareBoolean(
          share(week) > share(addDays(week, -7)),
          method,
          `${round(share(addDays(week, -7)))}% → ${round(share(week))}%`,
        );
      }
      return compareStated(claim, share(week), method);
    },
    vendor_week_compare: (claim) => {
      const { week, a, b } = claim.params;
      const method = `weekly tokens of ${a} against ${b.replace("|", " and ")}`;
      const missing = needWeek(ctx, week, method);
      if (missing !== undefined) return missing;
      const ta = vendorWeekTokens(ctx, week, vendorIds(ctx, a));
      const others = b.split("|").map((name) => ({
        name,
        tokens: vendorWeekTokens(ctx, week, vendorIds(ctx, name)),
      }));
      return compareBoolean(
        others.every((o) => ta > o.tokens),
        method,
        `${a} ${formatTokens(ta)}; ${
          others.map((o) => `${o.name} ${formatTokens(o.tokens)}`).join("; ")
        }`,
      );
    },
    model_group_token_share_pct: (claim) => {
      const week = claim.params.week;
      const method =
        "tokens of the named models ÷ all tokens of the week (top 50 + other), percent";
      const missing = needWeek(ctx, week, method);
      if (missing !== undefined) return missing;
      const patterns = claim.params.models.split("|").map((p) =>
        new RegExp(
          `^${p.replace(/[.+?^${}()[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`,
        )
      );
      const rows = rowsOf(weekModels(ctx, week)).filter((r) =>
        patterns.some((p) => p.test(String(r.permaslug)))
      );
      const tokens = rows.reduce((sum, r) => sum + Number(r.tokens), 0);
      return compareStated(claim, tokens / weekTotal(ctx, week) * 100, method, {
        note: `models counted: ${rows.map((r) => r.model).join(", ")}`,
      });
    },
    model_day_tokens: (claim) => {
      const { day } = claim.params;
      const slug = permaslugOf(ctx, claim.params.model);
      const method = "total_tokens of the model on that day in rankings-daily";
      const row = rowsOf(
        ctx.classified.filter(
          pl.col("date").eq(pl.lit(day)).and(
            pl.col("permaslug").eq(pl.lit(slug)),
          ),
        ),
      )[0];
      if (ctx.classified.filter(pl.col("date").eq(pl.lit(day))).height === 0) {
        return unverifiable(
          method,
          `no rankings-daily rows for ${day} (${dataSpan(ctx)})`,
        );
      }
      const week = ctx.classified.filter(
        pl.col("permaslug").eq(pl.lit(slug))
          .and(pl.col("date").gtEq(pl.lit(day)))
          .and(pl.col("date").lessThanEquals(pl.lit(addDays(day, 6)))),
      );
      const sevenDays = f64(week, "tokens").reduce((a, b) => a + b, 0);
      const days = week.height;
      const looksWeekly = days === 7 &&
        Math.abs(claim.stated / sevenDays - 1) <= 0.1;
      return compareStated(claim, Number(row?.tokens ?? 0), method, {
        note: row === undefined
          ? `${slug} not in that day's top 50`
          : looksWeekly
          ? `the stated figure is within 10% of the model's 7-day total from ${day} (${
            formatTokens(sevenDays)
          }): the "per day" column looks like a 7-day sum`
          : "",
      });
    },
    model_day_rank: (claim) => {
      const { day } = claim.params;
      const slug = permaslugOf(ctx, claim.params.model);
      const method =
        "rank by total_tokens among the day's top-50 rows (other excluded)";
      const dayRows = ctx.classified.filter(
        pl.col("date").eq(pl.lit(day)).and(pl.col("is_other").not()),
      ).sort(["tokens", "permaslug"], [true, false]);
      if (dayRows.height === 0) {
        return unverifiable(method, `no rankings-daily rows for ${day}`);
      }
      const rank =
        (dayRows.getColumn("permaslug").toArray() as string[]).indexOf(slug) +
        1;
      return compareStated(claim, rank === 0 ? 51 : rank, method);
    },
    run_rate_30d: (claim) => {
      const { day } = claim.params;
      const slug = permaslugOf(ctx, claim.params.model);
      const method =
        "tokens of the model that day × 30 (the article's stated run-rate method)";
      const row = rowsOf(
        ctx.classified.filter(
          pl.col("date").eq(pl.lit(day)).and(
            pl.col("permaslug").eq(pl.lit(slug)),
          ),
        ),
      )[0];
      if (ctx.classified.filter(pl.col("date").eq(pl.lit(day))).height === 0) {
        return unverifiable(method, `no rankings-daily rows for ${day}`);
      }
      const dayClaim = ctx.claims.find((c) =>
        c.check === "model_day_tokens" && c.params.day === day &&
        c.params.model === claim.params.model
      );
      const internal = dayClaim === undefined
        ? ""
        : `internally, ${formatTokens(dayClaim.stated, 1)} × 30 = ${
          formatTokens(dayClaim.stated * 30, 1)
        }`;
      return compareStated(claim, Number(row?.tokens ?? 0) * 30, method, {
        note: internal,
      });
    },
    window_total_tokens: (claim) => {
      const { start, end } = claim.params;
      const method = `sum of all rankings-daily rows from ${start} to ${end}`;
      const rows = ctx.classified.filter(
        pl.col("date").gtEq(pl.lit(start)).and(
          pl.col("date").ltEq(pl.lit(end)),
        ),
      );
      const days = new Set(rows.getColumn("date").toArray() as string[]).size;
      const wanted = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
      if (days < wanted) {
        return unverifiable(
          method,
          `the data has ${days} of the ${wanted} days (${dataSpan(ctx)})`,
        );
      }
      return compareStated(
        claim,
        f64(rows, "tokens").reduce((a, b) => a + b, 0),
        method,
        { note: `${days} days of data` },
      );
    },
    top_models_input_price: (claim) => {
      const week = claim.params.week;
      const top = Number(claim.params.top ?? 10);
      const method =
        `median input list price of the week's top ${top} models (latest models-list or price-history record by then)`;
      const missing = needWeek(ctx, week, method);
      if (missing !== undefined) return missing;
      const rows = rowsOf(
        weekModels(ctx, week).filter(
          pl.col("rank").lessThanEquals(pl.lit(top)),
        ),
      );
      const priced = rows.map((r) => {
        const id = rowsOf(
          ctx.modelIdentity.filter(
            pl.col("permaslug").eq(
              pl.lit(String(r.permaslug)).str.replace(":free", ""),
            ),
          ),
        )[0]?.model_id;
        const price = id
          ? priceNearest(ctx, String(id), addDays(week, 6))?.price
          : undefined;
        return {
          model: String(r.model),
          price: String(r.permaslug).endsWith(":free")
            ? 0
            : price?.input_usd_per_mtok,
        };
      }).filter((p) => p.price !== undefined) as {
        model: string;
        price: number;
      }[];
      if (priced.length === 0) {
        return unverifiable(method, "no prices for the top models");
      }
      const sorted = priced.map((p) => p.price).sort((a, b) => a - b);
      const median = sorted.length % 2
        ? sorted[(sorted.length - 1) / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
      return compareStated(claim, median, method, {
        assumptions: `"the top of the chart" read as the top ${top}`,
        note: `${priced.length} of ${rows.length} priced: ${
          priced.map((p) => `${p.model} $${p.price}`).join(", ")
        }`,
      });
    },
    list_price: (claim) => {
      const field = claim.params.field;
      const date = claim.params.date ?? claim.article_date;
      const method = `${field} list price, USD per M tokens, as of ${date}`;
      const tracker = trackerRow(ctx, date, claim.params.model);
      if (tracker !== undefined) {
        const column = field === "input"
          ? "prompt_usd_per_mtok"
          : field === "output"
          ? "completion_usd_per_mtok"
          : "cache_read_usd_per_mtok";
        return compareStated(
          claim,
          Number(tracker[column]),
          `${method}, as the tracker recorded it in its ${date} file`,
        );
      }
      const found = priceNearest(ctx, claim.params.model, date);
      if (found === undefined) {
        return unverifiable(
          method,
          `no price for ${claim.params.model} in the models list or price history`,
        );
      }
      const value = found.price[FIELD[field]] as number | null;
      if (value === null) {
        return unverifiable(method, `${found.note} has no ${field} price`);
      }
      return compareStated(claim, value, `${method} (${found.note})`);
    },
    price_ratio: (claim) => {
      const date = claim.params.date ?? claim.article_date;
      if (claim.params.a_field !== undefined) {
        const found = priceNearest(ctx, claim.params.model, date);
        const method =
          `${claim.params.a_field} price ÷ ${claim.params.b_field} price of ${claim.params.model}`;
        if (found === undefined) return unverifiable(method, "no price");
        const a = found.price[FIELD[claim.params.a_field]] as number | null;
        const b = found.price[FIELD[claim.params.b_field]] as number | null;
        if (a === null || b === null) {
          return unverifiable(method, `${found.note} lacks a price`);
        }
        return compareStated(claim, a / b, method, { note: found.note });
      }
      const [pa, pb] = pricesFromOneSource(ctx, [
        claim.params.a,
        claim.params.b,
      ], date);

      const field = claim.params.field;
      const method = field === "blended"
        ? `cost of the article's agent task (100K in, 10K out, 80% cache hits) on ${claim.params.a} ÷ on ${claim.params.b}`
        : `${field} price of ${claim.params.a} ÷ ${field} price of ${claim.params.b}`;
      if (pa === undefined || pb === undefined) {
        return unverifiable(method, "a price is missing");
      }
      const valueOf = (a: PriceRow, b: PriceRow) => {
        const ratio = field === "blended"
          ? taskCost(ARTICLE_TASK, a).total_usd /
            taskCost(ARTICLE_TASK, b).total_usd
          : (a[FIELD[field]] as number) / (b[FIELD[field]] as number);
        return claim.unit === "percent" ? ratio * 100 : ratio;
      };
      const evaluation = compareStated(
        claim,
        valueOf(pa.price, pb.price),
        method,
        {
          assumptions: field === "blended"
            ? "the blend of input, cache and output is the article's agent task"
            : "",
          note: `${pa.note}; ${pb.note}`,
        },
      );
      // Say so when another price source would give another verdict.
      const listA = findPrice(
        ctx.prices,
        claim.params.a,
        MODELS_LIST_SOURCE,
        date,
      );
      const listB = findPrice(
        ctx.prices,
        claim.params.b,
        MODELS_LIST_SOURCE,
        date,
      );
      if (listA && listB && pa.price.source !== MODELS_LIST_SOURCE) {
        const other = compareStated(claim, valueOf(listA, listB), method);
        if (other.verdict !== evaluation.verdict) {
          evaluation.note =
            `${evaluation.note}. With the ${MODELS_LIST_SOURCE} of ${listA.source_date} it is ${
              formatFigure(valueOf(listA, listB), claim.unit)
            } (${other.verdict}): the verdict depends on the price source`;
        }
      }
      return evaluation;
    },
    weighted_input_price: (claim) => {
      const date = claim.params.date ?? claim.article_date;
      const rate = Number(claim.params.cache_hit);
      const found = priceNearest(ctx, claim.params.model, date);
      const method =
        `(1 − h) × input price + h × cache-read price with h = ${rate}`;
      if (found === undefined) return unverifiable(method, "no price");
      const value = blendedInputPrice(found.price, rate);
      const needed = (found.price.input_usd_per_mtok - claim.stated) /
        (found.price.input_usd_per_mtok -
          (found.price.cache_read_usd_per_mtok ?? 0));
      return compareStated(claim, value, method, {
        note: `${found.note}; $${claim.stated}/M would need a hit rate of ${
          round(needed * 100)
        }% at these prices`,
      });
    },
    context_length: (claim) => {
      const date = claim.params.date ?? claim.article_date;
      const method =
        "context length in the latest models-list or price-history record";
      const found = priceNearest(ctx, claim.params.model, date);
      const history = rowsOf(
        ctx.prices.filter(pl.col("model_id").eq(pl.lit(claim.params.model))),
      );
      const list = rowsOf(
        ctx.models.filter(pl.col("id").eq(pl.lit(claim.params.model))),
      )[0];
      const context = list?.context_length as number | undefined;
      if (context === undefined || found === undefined) {
        return unverifiable(
          method,
          `${claim.params.model} not in the models list (${history.length} price records)`,
        );
      }
      const method2 = `context_length in the models list ${
        list!.snapshot_date
      }`;
      const binary = /\d\s*K\b/.test(claim.quote)
        ? claim.stated / 1000 * 1024
        : null;
      if (binary !== null && context === binary) {
        return compareStated(
          { ...claim, stated: binary },
          context,
          `${method2} (K read as 1024 tokens)`,
        );
      }
      return compareStated(claim, context, method2);
    },
    catalog_model_count: (claim) => {
      const date = claim.params.date;
      const rows = ctx.models.filter(pl.col("snapshot_date").eq(pl.lit(date)));
      const method =
        `models in the models list of ${date} (all ids, :free variants included)`;
      if (rows.height === 0) {
        return unverifiable(method, `no models-list snapshot dated ${date}`);
      }
      return compareStated(claim, rows.height, method, {
        note: `${
          rows.filter(pl.col("is_free").not()).height
        } without the :free variants`,
      });
    },
    agent_task_cost: (claim) => {
      const result = agentTaskCost(ctx, claim);
      return result?.best ??
        unverifiable("agent task cost", `no price for ${claim.params.model}`);
    },
    agent_task_daily_cost: (claim) => {
      const result = agentTaskCost(ctx, claim);
      return result?.best ??
        unverifiable(
          "agent task cost × runs",
          `no price for ${claim.params.model}`,
        );
    },
    agent_task_ratio: (claim) => {
      const costOf = (model: string) =>
        ctx.claims.find((c) =>
          c.check === "agent_task_cost" && c.params.model === model &&
          c.article === claim.article
        );
      const a = costOf(claim.params.a);
      const b = costOf(claim.params.b);
      const date = claim.params.date ?? claim.article_date;
      const [pa, pb] = pricesFromOneSource(ctx, [
        claim.params.a,
        claim.params.b,
      ], date);

      const method =
        `cost of the agent task on ${claim.params.a} ÷ on ${claim.params.b}, both priced from one source with cache reads charged`;
      if (pa === undefined || pb === undefined) {
        return unverifiable(method, "a price is missing");
      }
      const consistent = taskCost(ARTICLE_TASK, pa.price).total_usd /
        taskCost(ARTICLE_TASK, pb.price).total_usd;
      const evaluation = compareStated(claim, consistent, method, {
        note: `${pa.note}; ${pb.note}`,
      });
      if (
        evaluation.verdict === "contradicted" && a !== undefined &&
        b !== undefined
      ) {
        evaluation.note =
          `${evaluation.note}. The article's 26× is its own two figures divided: $${a.stated} ÷ $${b.stated} = ${
            round(a.stated / b.stated)
          }, which mixes a Sonnet cost without cache-read charges and a Flash cost at launch prices with cache-read charges (see ${a.id}, ${b.id})`;
      }
      return evaluation;
    },
    tracker_total_revenue: (claim) => {
      const week = claim.params.week;
      const rows = trackerWeek(ctx, week);
      const method =
        `sum of the tracker's published estimated_revenue over its ${week} file; within $0.02 for cent rounding`;
      if (rows.height === 0) return trackerMissing(ctx, week, "the week");
      const total = f64(rows, "published_revenue_usd").reduce(
        (a, b) => a + b,
        0,
      );
      if (/^\d+\.\d{1,2}$/.test(String(claim.stated))) {
        const ok = Math.abs(total - claim.stated) <= 0.02;
        return {
          reproduced: Math.round(total * 100) / 100,
          verdict: ok ? "reproduced" : "contradicted",
          method,
          note: ok
            ? ""
            : `the ${week} file sums to $${
              total.toFixed(2)
            }, the article's chart says $${claim.stated} (${
              (claim.stated - total).toFixed(2)
            } USD apart)${
              ok ? "" : gapExplanation(rows, claim.stated - total)
            }`,
        };
      }
      return compareStated(claim, total, method);
    },
    tracker_total_tokens: (claim) => {
      const week = claim.params.week;
      const rows = trackerWeek(ctx, week);
      const method = `sum of total_tokens over the tracker's ${week} file`;
      if (rows.height === 0) return trackerMissing(ctx, week, "the week");
      const total = f64(rows, "total_tokens").reduce((a, b) => a + b, 0);
      const absent = absentModels(week);
      const plain = compareStated(claim, total, method);
      if (plain.verdict !== "contradicted" || absent.length === 0) return plain;
      const added = total + absent.reduce((sum, c) => sum + c.stated, 0);
      return compareStated(
        claim,
        added,
        `${method}, plus the article's own rows for models the file lacks`,
        {
          assumptions: absentAssumption(absent),
          note: `the file alone sums to ${formatTokens(total)}`,
        },
      );
    },
    tracker_model_count: (claim) => {
      const week = claim.params.week;
      const rows = trackerWeek(ctx, week);
      const method =
        `models in the tracker's ${week} file (${claim.params.type})`;
      if (rows.height === 0) return trackerMissing(ctx, week, "the week");
      const free = rows.filter(pl.col("is_free")).height;
      const value = claim.params.type === "free"
        ? free
        : claim.params.type === "paid"
        ? rows.height - free
        : rows.height;
      const plain = compareStated(claim, value, method);
      const absent = absentModels(week);
      if (plain.verdict !== "contradicted" || absent.length === 0) return plain;
      const absentFree =
        absent.filter((c) => c.params.model.endsWith(":free")).length;
      const withAbsent = value +
        (claim.params.type === "free"
          ? absentFree
          : claim.params.type === "paid"
          ? absent.length - absentFree
          : absent.length);
      return compareStated(
        claim,
        withAbsent,
        `${method}, plus the models the article lists and the file lacks`,
        {
          assumptions: absentAssumption(absent),
          note: `the file alone has ${value}`,
        },
      );
    },
    tracker_token_breakdown: (claim) => {
      const week = claim.params.week;
      const type = claim.params.type;
      if (claim.params.model !== undefined) {
        const row = trackerRow(ctx, week, claim.params.model);
        if (row === undefined) {
          return trackerMissing(ctx, week, claim.params.model);
        }
        return compareStated(
          claim,
          Number(row.prompt_tokens) / Number(row.total_tokens) * 100,
          "prompt_tokens ÷ total_tokens of the model, percent",
        );
      }
      const rows = trackerWeek(ctx, week);
      if (rows.height === 0) return trackerMissing(ctx, week, "the week");
      const column = `${type}_tokens`;
      const absent = absentModels(week);
      if (absent.length > 0) {
        const sum = f64(rows, column).reduce((a, b) => a + b, 0);
        return unverifiable(
          `sum of ${column} over the tracker's ${week} file`,
          `the article counts ${
            absent.map((c) => c.params.model).join(", ")
          }, which the file lacks, and does not give its ${type} tokens; the file's ${rows.height} models sum to ${
            formatTokens(sum)
          }`,
        );
      }
      const total = f64(rows, column).reduce((a, b) => a + b, 0);
      return compareStated(
        claim,
        total,
        `sum of ${column} over the tracker's ${week} file`,
      );
    },
    tracker_model_tokens: (claim) => trackerField(claim, "total_tokens"),
    tracker_model_cached_tokens: (claim) =>
      trackerField(claim, "cached_tokens"),
    tracker_model_revenue: (claim) => {
      const row = trackerRow(ctx, claim.params.week, claim.params.model);
      if (row === undefined) {
        return trackerMissing(ctx, claim.params.week, claim.params.model);
      }
      const formula =
        Number(row.prompt_tokens) * Number(row.prompt_usd_per_mtok) / 1e6 +
        Number(row.completion_tokens) * Number(row.completion_usd_per_mtok) /
          1e6 +
        Number(row.cached_tokens) * Number(row.cache_read_usd_per_mtok) / 1e6;
      const cacheAware =
        (Number(row.prompt_tokens) - Number(row.cached_tokens)) *
          Number(row.prompt_usd_per_mtok) / 1e6 +
        Number(row.cached_tokens) * Number(row.cache_read_usd_per_mtok) / 1e6 +
        Number(row.completion_tokens) * Number(row.completion_usd_per_mtok) /
          1e6;
      const ok = Math.abs(Math.round(formula * 100) / 100 - claim.stated) <=
        0.005 + 1e-9;
      return {
        reproduced: Math.round(formula * 100) / 100,
        verdict: ok ? "reproduced-under-assumptions" : "contradicted",
        method:
          "the tracker's stated formula: prompt × input price + completion × output price + cached × cache-read price, to the cent",
        assumptions:
          "the formula bills cached tokens twice: they are part of prompt_tokens and are charged again at the cache-read rate",
        note:
          `cache-aware revenue ((prompt − cached) × input + cached × cache read + completion × output): $${
            cacheAware.toFixed(2)
          }, ${round(cacheAware / formula * 100)}% of the published figure`,
      };
    },
    tracker_model_wow_pct: (claim) => {
      const before = trackerWeek(ctx, addDays(claim.params.week, -7));
      if (
        before.height > 0 &&
        trackerRow(ctx, claim.params.week, claim.params.model) !== undefined &&
        before.filter(pl.col("slug").eq(pl.lit(claim.params.model))).height ===
          0
      ) {
        return unverifiable(
          "percent_change of the model in the tracker's file",
          `${claim.params.model} is not in the tracker's previous file (${
            addDays(claim.params.week, -7)
          }), where the file's percent_change of 0 means "no previous week"; the model's previous-week tokens would verify it`,
        );
      }
      return trackerField(
        claim,
        "percent_change",
        "the tracker's own week-over-week figure",
      );
    },
    vendor_dollar_share_pct: (claim) => {
      const method =
        "vendor revenue ÷ revenue of all tracked models (inference-stats), cache-aware";
      const weeks = [
        ...new Set(
          ctx.inference.getColumn("snapshot_date").toArray() as string[],
        ),
      ].sort();
      return unverifiable(
        method,
        `no revenue data for the week of ${claim.params.week} (inference-stats covers ${
          weeks[0]
        } … ${
          weeks.at(-1)
        }, the top ~9 models only); see notebooks/04_tokens_vs_dollars for the tracked weeks`,
      );
    },
    benchmark_share_correlation: (claim) => {
      const method =
        'Spearman rank correlation of weekly token share against benchmark score, each series on its own, per complete week, with a permutation p-value; "nearly inversely related" read as rho ≤ −0.5 in every complete week of every series with at least 8 models';
      const rows = rowsOf(ctx.correlations).filter((r) => Number(r.n) >= 8);
      if (rows.length === 0) {
        return unverifiable(
          method,
          "no complete week with 8 or more benchmarked models in the top 50",
        );
      }
      const series = [...new Set(rows.map((r) => String(r.benchmark)))];
      const summary = series.map((name) => {
        const mine = rows.filter((r) => r.benchmark === name);
        const span = (column: string) => {
          const values = mine.map((r) => Number(r[column]));
          return `${round(Math.min(...values))} to ${
            round(Math.max(...values))
          }`;
        };
        return `${name}: rho ${span("rho_share_score")} (n ${span("n")}, p ${
          span("p_share_score")
        }, ${mine.length} weeks)`;
      });
      const rhos = rows.map((r) => Number(r.rho_share_score));
      const inverse = rhos.every((r) => r <= -0.5);
      return {
        reproduced: Number(
          (rhos.reduce((a, b) => a + b, 0) / rhos.length).toPrecision(12),
        ),
        verdict: inverse ? "reproduced" : "contradicted",
        method,
        note: `reproduced = mean rho over series and weeks. ${
          summary.join("; ")
        }. The week named (${claim.params.week}) is not complete in the data, so the complete weeks are used; only models in the top 50 appear, and vendor-reported scores use each vendor's own setup. The attributed OpenRouter × a16z report does not contain this claim (data/reference/a16z_report_figures.md)`,
      };
    },
    benchmark_rank: () => {
      const method =
        "rank of the model's score within the benchmark series among open-weights models in data/reference/benchmarks.csv";
      return unverifiable(
        method,
        "benchmarks.csv does not mark which models are open-weights, and covers only models on OpenRouter's top charts; an open-weights flag per model would verify it",
      );
    },
    article_consistency: (claim) => {
      const ids = (claim.params.others ?? "").split("|");
      const values = ids.map((id) => byId.get(id)?.stated);
      const formula = claim.params.formula ?? "";
      const method = `the article's own figures: ${formula} (${
        ids.join(", ")
      })`;
      if (values.some((v) => v === undefined) || values.length !== 2) {
        return unverifiable(method, "the figures it depends on are missing");
      }
      const [x, y] = values as number[];
      const value = formula.endsWith("-1") ? (y / x - 1) * 100 : x / y;
      const internal = compareStated(claim, value, method);
      if (internal.verdict === "contradicted") {
        return {
          ...internal,
          note: `the article's own figures ${
            ids.join(" and ")
          } disagree with it: ${internal.note}`,
        };
      }
      return unverifiable(
        method,
        `internally consistent (${round(value)} from ${
          ids.join(" and ")
        }), but those figures are not verified by the data`,
      );
    },
  };
}
