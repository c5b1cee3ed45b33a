/**
 * The what-if bill: a workload priced as it ran and under a routing policy,
 * at the list prices in force on one day, with the playbook's two rules of
 * "2026 OpenRouter: Billing Beats Benchmarks" applied:
 *
 * - **gray pool limit**: in each period (a Monday–Sunday week when the
 *   workload has dates, else the whole workload) the gray pool takes at most
 *   `max_share` of the tokens (prompt + completion); the overflow of each
 *   gray-routed row goes to the Token track's primary, pro rata;
 * - **budget cap and downgrade** (Step 4): at the end of each week (its
 *   Sunday) the Dollar track's spend month to date (the month of that
 *   Sunday) is compared with `budget_cap_usd`; above the cap is reported,
 *   and above it by more than 15% the following week's non-incident
 *   Dollar-track traffic moves to `downgrade_to` (default the Token track's
 *   primary). Without dates the rule cannot run: the period's Dollar-track
 *   spend is compared with the cap and nothing is downgraded.
 *
 * Costs use `taskCost()` (`lib/analysis/cost.ts`): cached tokens are part of
 * the prompt tokens, billed at the cache-read rate. Cached tokens a workload
 * gives are kept under the policy; when it gives none (activity files), each
 * model's default share is used (`defaultCacheShare()`), and the result says
 * which. Traffic that stays on the model it ran on keeps its logged cost
 * when the workload logged one (activity files), so a kept route never shows
 * a change that is only the list-price estimate. A token-track primary with
 * no price falls back to the first fallback that has one.
 *
 * @module
 */
import pl from "nodejs-polars";
import { type PriceRow, taskCost } from "../analysis/cost.ts";
import { addDays, weekStart } from "../base/dates.ts";
import { frameOf } from "../loading/frames.ts";
import { formatTokens } from "../text/format.ts";
import { error, warning } from "../loading/problems.ts";
import type { Problem } from "../loading/problems.ts";
import {
  type CacheShare,
  defaultCacheShare,
  listPriceOn,
  type PriceBook,
  resolveModelId,
} from "../analysis/model_prices.ts";
import type { Policy, Track } from "./policy.ts";
import type { Workload, WorkloadRow } from "./workload.ts";

/** Step 4's overrun: downgrade when month-to-date spend exceeds the cap by more than this many percent. */
export const DOWNGRADE_OVERRUN_PCT = 15;

/** The spend above which Step 4 downgrades: the cap plus 15%, computed so that $100 gives exactly $115. */
function downgradeThreshold(capUsd: number): number {
  return capUsd * (100 + DOWNGRADE_OVERRUN_PCT) / 100;
}

/** The track of a priced portion: a policy track, or what a rule did to it. */
export type PortionTrack =
  | Track
  | "gray_pool overflow"
  | "dollar_track downgraded"
  | "unrouted";

/** When a rule triggered. */
export interface WhatIfEvent {
  /** Monday of the week (`YYYY-MM-DD`), or null for an undated workload. */
  week: string | null;
  /** Which rule. */
  kind:
    | "gray_pool_limit"
    | "cap_exceeded"
    | "downgrade_triggered"
    | "downgrade_applied"
    | "fallback_used"
    | "cap_not_applied";
  /** What happened, in words with the figures. */
  detail: string;
  /** The figure the rule compared (a share 0–1 or USD), or null. */
  value: number | null;
  /** The limit it was compared with, or null. */
  limit: number | null;
}

/** Options of {@linkcode whatIfBill}. */
export interface WhatIfOptions {
  /** Prices in force on this day; null: the workload's last date, else the latest prices. */
  asOf?: string | null;
  /** Cached share 0–1 for rows without cached tokens; null: each model's default. */
  cacheHit?: number | null;
  /** The policy file's path, for problem lines (default `policy`). */
  policyFile?: string;
}

/** Columns of {@linkcode WhatIfResult.rows} (also `whatif.csv`). */
export const WHATIF_SCHEMA = {
  stream: pl.Utf8,
  track: pl.Utf8,
  model_now: pl.Utf8,
  model: pl.Utf8,
  prompt_tokens: pl.Float64,
  cached_tokens: pl.Float64,
  completion_tokens: pl.Float64,
  requests: pl.Float64,
  now_usd: pl.Float64,
  policy_usd: pl.Float64,
  change_usd: pl.Float64,
  change_pct: pl.Float64,
  now_basis: pl.Utf8,
  price_source: pl.Utf8,
  price_date: pl.Utf8,
  cache_basis: pl.Utf8,
} as const;

/** The priced workload. */
export interface WhatIfResult {
  /** The day whose prices were used, or null for the latest. */
  asOf: string | null;
  /** Per stream, track and model (columns {@linkcode WHATIF_SCHEMA}), sorted. */
  rows: pl.DataFrame;
  /** Per track: `track`, `now_usd`, `policy_usd`, `change_usd`, sorted by track. */
  byTrack: pl.DataFrame;
  /** Totals, USD. */
  total: {
    now_usd: number;
    policy_usd: number;
    change_usd: number;
    change_pct: number;
  };
  /** When each rule triggered, in order. */
  events: WhatIfEvent[];
  /** Resolved models with the price used: id, source, date. */
  prices: PriceRow[];
  /** Warnings (a stream without a route, a fallback used). */
  warnings: Problem[];
  /** The workload's first and last date, or null when undated. */
  period: [string, string] | null;
}

interface Portion {
  row: WorkloadRow;
  track: PortionTrack;
  model: string;
  fraction: number;
}

/** Resolve and price every model the policy names; problems for the unknown and unpriced. */
function policyModels(
  book: PriceBook,
  policy: Policy,
  asOf: string | null,
  file: string,
) {
  const problems: Problem[] = [];
  const events: WhatIfEvent[] = [];
  const priced = (field: string, id: string): string | undefined => {
    const resolved = resolveModelId(book, id);
    if (resolved === undefined) {
      problems.push(
        error(
          file,
          "",
          field,
          id,
          "a model known to the price tables or data/reference/models.csv",
        ),
      );
      return undefined;
    }
    if (listPriceOn(book, resolved, asOf) === undefined) {
      problems.push(
        error(
          file,
          "",
          field,
          id,
          `a model with a list price on or before ${
            asOf ?? "the latest data"
          } (OpenRouter price history or models list)`,
        ),
      );
      return undefined;
    }
    return resolved;
  };
  // The token track: the primary, else the first priced fallback.
  let token: string | undefined;
  const primary = resolveModelId(book, policy.token_track.primary);
  if (primary !== undefined && listPriceOn(book, primary, asOf) !== undefined) {
    token = primary;
  } else {
    const fallbacks = policy.token_track.fallback.map((id) =>
      resolveModelId(book, id)
    );
    const index = fallbacks.findIndex((id) =>
      id !== undefined && listPriceOn(book, id, asOf) !== undefined
    );
    if (index < 0) {
      token = priced("token_track.primary", policy.token_track.primary);
    } else {
      token = fallbacks[index];
      events.push({
        week: null,
        kind: "fallback_used",
        detail:
          `token_track.primary ${policy.token_track.primary} has no list price on ${
            asOf ?? "the latest data"
          }: token_track.fallback[${index}] ${token} is used`,
        value: null,
        limit: null,
      });
    }
  }
  policy.token_track.fallback.forEach((id, i) => {
    if (resolveModelId(book, id) === undefined) {
      problems.push(
        error(
          file,
          "",
          `token_track.fallback[${i}]`,
          id,
          "a model known to the price tables or data/reference/models.csv",
        ),
      );
    }
  });
  const dollar = priced("dollar_track.primary", policy.dollar_track.primary);
  const gray = priced("gray_pool.model", policy.gray_pool.model);
  const downgrade = policy.dollar_track.downgrade_to === null
    ? token
    : priced("dollar_track.downgrade_to", policy.dollar_track.downgrade_to);
  return { token, dollar, gray, downgrade, problems, events };
}

function tokensOf(row: WorkloadRow): number {
  return row.prompt_tokens + row.completion_tokens;
}

/** `YYYY-MM` of a day. */
function monthOf(date: string): string {
  return date.slice(0, 7);
}

/**
 * Price a workload as it ran and under a policy.
 *
 * @param workload The workload (`parseWorkloadCsv()` or `parseActivity()`).
 * @param policy The policy (`parsePolicy()`).
 * @param book The price book.
 * @param options `asOf`, `cacheHit`, `policyFile`.
 * @returns The result, or every problem that stops it (unknown models,
 *   missing prices, a `cacheHit` outside 0–1), each naming the file and field.
 *
 * @example One stream moved from Sonnet 4.6 to V4 Flash
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { priceRows } from "../analysis/prices.ts";
 * const ws = await loadWorkspace("data");
 * const book = { ...ws, prices: priceRows(ws).prices };
 * const workload = { file: "w.csv", kind: "csv" as const, rows: [{ record: "line 2", stream: "agents", model: "anthropic/claude-sonnet-4.6", date: null, prompt_tokens: 1_000_000, cached_tokens: 500_000, completion_tokens: 100_000, requests: 10, logged_usd: null }] };
 * const policy = { token_track: { primary: "deepseek/deepseek-v4-flash", fallback: [] }, dollar_track: { primary: "anthropic/claude-opus-4.7", budget_cap_usd: 800, downgrade_to: null, incident_streams: [] }, gray_pool: { model: "openrouter/owl-alpha", max_share: 0.1 }, routes: { agents: "token_track" as const }, streams: {} };
 * const result = whatIfBill(workload, policy, book, { asOf: "2026-05-24" });
 * assert.ok(result.ok);
 * // Sonnet: 0.5M × $3 + 0.5M × $0.30 + 0.1M × $15 = $3.15; Flash: 0.5M × $0.10 + 0.5M × $0.02 + 0.1M × $0.20 = $0.08
 * assert.equal(Math.round(result.result.total.now_usd * 100), 315);
 * assert.equal(Math.round(result.result.total.policy_usd * 100), 8);
 * ```
 */
export function whatIfBill(
  workload: Workload,
  policy: Policy,
  book: PriceBook,
  options: WhatIfOptions = {},
): { ok: true; result: WhatIfResult } | { ok: false; problems: Problem[] } {
  const policyFile = options.policyFile ?? "policy";
  const cacheHit = options.cacheHit ?? null;
  const dates = workload.rows.map((r) => r.date).filter((d): d is string =>
    d !== null
  ).sort();
  const period: [string, string] | null = dates.length > 0
    ? [dates[0], dates[dates.length - 1]]
    : null;
  const asOf = options.asOf ?? period?.[1] ?? null;
  if (cacheHit !== null && !(cacheHit >= 0 && cacheHit <= 1)) {
    return {
      ok: false,
      problems: [
        error("--cache-hit", "", "", cacheHit, "a share from 0 to 1"),
      ],
    };
  }
  const models = policyModels(book, policy, asOf, policyFile);
  const problems = [...models.problems];
  const warnings: Problem[] = [];
  // The workload's own models: known and priced, unless the cost was logged.
  const resolved = new Map<string, string>();
  for (const row of workload.rows) {
    const id = resolveModelId(book, row.model);
    if (id !== undefined && listPriceOn(book, id, asOf) !== undefined) {
      resolved.set(row.model, id);
    } else if (row.logged_usd === null || id === undefined) {
      problems.push(
        error(
          workload.file,
          row.record,
          "model",
          row.model,
          id === undefined
            ? "a model known to the price tables or data/reference/models.csv"
            : `a model with a list price on or before ${
              asOf ?? "the latest data"
            } (OpenRouter price history or models list)`,
        ),
      );
    } else resolved.set(row.model, id);
  }
  const unrouted = [...new Set(workload.rows.map((r) => r.stream))].filter((
    s,
  ) => policy.routes[s] === undefined);
  for (const stream of unrouted) {
    warnings.push(
      warning(
        policyFile,
        "",
        `routes.${stream}`,
        undefined,
        "a route for every stream of the workload (it stays on its own model)",
        "unrouted_stream",
      ),
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  const token = models.token!, dollar = models.dollar!, gray = models.gray!;
  const downgradeModel = models.downgrade!;
  const events = [...models.events];

  const priceCache = new Map<string, PriceRow>();
  const priceOf = (id: string) => {
    if (!priceCache.has(id)) priceCache.set(id, listPriceOn(book, id, asOf)!);
    return priceCache.get(id);
  };
  const shareCache = new Map<string, CacheShare>();
  const shareOf = (row: WorkloadRow, id: string): CacheShare => {
    if (row.cached_tokens !== null) {
      return {
        share: row.prompt_tokens === 0
          ? 0
          : row.cached_tokens / row.prompt_tokens,
        basis: "workload",
      };
    }
    if (!shareCache.has(id)) {
      shareCache.set(id, defaultCacheShare(book, id, cacheHit));
    }
    return shareCache.get(id)!;
  };
  const costOf = (row: WorkloadRow, id: string, fraction: number) => {
    const share = shareOf(row, id);
    const usd = taskCost({
      inputTokens: row.prompt_tokens * fraction,
      outputTokens: row.completion_tokens * fraction,
      cacheHitRate: share.share,
    }, priceOf(id)!).total_usd;
    return { usd, share };
  };
  // A portion that stays on the model it ran on costs what was logged, when
  // the workload logged a cost; otherwise it is priced at list prices.
  const keptOrPriced = (row: WorkloadRow, id: string, fraction: number) =>
    row.logged_usd !== null && resolved.get(row.model) === id
      ? {
        usd: row.logged_usd * fraction,
        share: shareOf(row, id),
        logged: true,
      }
      : { ...costOf(row, id, fraction), logged: false };

  // Periods: Monday–Sunday weeks when dated, else one.
  const periods = new Map<string | null, WorkloadRow[]>();
  for (const row of workload.rows) {
    const key = row.date === null ? null : weekStart(row.date);
    periods.set(key, [...periods.get(key) ?? [], row]);
  }
  // Every calendar week from the first to the last, empty ones included,
  // so a downgrade applies to the week that follows, not the next with data.
  const dataWeeks = [...periods.keys()].sort((a, b) =>
    (a ?? "").localeCompare(b ?? "")
  );
  const weeks: (string | null)[] = [];
  if (dataWeeks[0] === null) weeks.push(null);
  else {
    const last = dataWeeks[dataWeeks.length - 1]!;
    for (let w = dataWeeks[0]; w <= last; w = addDays(w, 7)) weeks.push(w);
  }
  const portions: Portion[] = [];
  const dollarSpendByDay = new Map<string, number>();
  let downgradeNext = false;
  const cap = policy.dollar_track.budget_cap_usd;
  const incident = new Set(policy.dollar_track.incident_streams);
  for (const week of weeks) {
    const rows = periods.get(week) ?? [];
    const total = rows.reduce((sum, r) => sum + tokensOf(r), 0);
    const grayRows = rows.filter((r) =>
      policy.routes[r.stream] === "gray_pool"
    );
    const grayTokens = grayRows.reduce((sum, r) => sum + tokensOf(r), 0);
    const maxShare = policy.gray_pool.max_share;
    let keep = 1;
    if (grayTokens > 0 && grayTokens > maxShare * total) {
      keep = maxShare * total / grayTokens;
      events.push({
        week,
        kind: "gray_pool_limit",
        detail: `gray pool routes ${
          (grayTokens / total * 100).toFixed(1)
        }% of ${
          week === null ? "the workload's" : "the week's"
        } tokens, above its max_share ${(maxShare * 100).toFixed(1)}%: ${
          formatTokens(grayTokens * (1 - keep))
        } tokens go to the token track (${token})`,
        value: grayTokens / total,
        limit: maxShare,
      });
    }
    const downgraded = downgradeNext;
    let movedTokens = 0;
    for (const row of rows) {
      const route = policy.routes[row.stream];
      if (route === undefined) {
        portions.push({
          row,
          track: "unrouted",
          model: resolved.get(row.model)!,
          fraction: 1,
        });
      } else if (route === "gray_pool") {
        if (keep > 0) {
          portions.push({
            row,
            track: "gray_pool",
            model: gray,
            fraction: keep,
          });
        }
        if (keep < 1) {
          portions.push({
            row,
            track: "gray_pool overflow",
            model: token,
            fraction: 1 - keep,
          });
        }
      } else if (route === "dollar_track") {
        if (downgraded && !incident.has(row.stream)) {
          movedTokens += tokensOf(row);
          portions.push({
            row,
            track: "dollar_track downgraded",
            model: downgradeModel,
            fraction: 1,
          });
        } else {
          portions.push({
            row,
            track: "dollar_track",
            model: dollar,
            fraction: 1,
          });
          if (row.date !== null) {
            dollarSpendByDay.set(
              row.date,
              (dollarSpendByDay.get(row.date) ?? 0) +
                keptOrPriced(row, dollar, 1).usd,
            );
          }
        }
      } else {
        portions.push({ row, track: "token_track", model: token, fraction: 1 });
      }
    }
    if (downgraded && movedTokens > 0) {
      events.push({
        week,
        kind: "downgrade_applied",
        detail: `week of ${week}: ${
          formatTokens(movedTokens)
        } non-incident Dollar-track tokens run on ${downgradeModel}`,
        value: movedTokens,
        limit: null,
      });
    }
    if (week === null) {
      const spend = portions.filter((p) => p.track === "dollar_track")
        .reduce(
          (sum, p) => sum + keptOrPriced(p.row, dollar, p.fraction).usd,
          0,
        );
      if (spend > cap) {
        events.push({
          week,
          kind: "cap_not_applied",
          detail: `the Dollar track costs $${
            spend.toFixed(2)
          } over the workload, above the $${cap.toFixed(2)} monthly cap${
            spend > downgradeThreshold(cap) ? " by more than 15%" : ""
          }; the workload has no dates, so no week is downgraded`,
          value: spend,
          limit: cap,
        });
      }
      continue;
    }
    const sunday = addDays(week, 6);
    const month = monthOf(sunday);
    const monthToDate = [...dollarSpendByDay].filter(([day]) =>
      monthOf(day) === month && day <= sunday
    ).reduce((sum, [, usd]) => sum + usd, 0);
    downgradeNext = monthToDate > downgradeThreshold(cap);
    if (monthToDate > cap) {
      events.push({
        week,
        kind: "cap_exceeded",
        detail: `Dollar-track spend ${month} to ${sunday}: $${
          monthToDate.toFixed(2)
        }, above the $${cap.toFixed(2)} cap (${
          ((monthToDate / cap - 1) * 100).toFixed(1)
        }% over)`,
        value: monthToDate,
        limit: cap,
      });
    }
    if (downgradeNext) {
      events.push({
        week,
        kind: "downgrade_triggered",
        detail: `more than 15% over the cap: the week of ${
          addDays(week, 7)
        } runs non-incident Dollar-track traffic on ${downgradeModel}`,
        value: monthToDate,
        limit: downgradeThreshold(cap),
      });
    }
  }

  const out = portions.map((p) => {
    const own = resolved.get(p.row.model)!;
    const nowUsd = keptOrPriced(p.row, own, p.fraction).usd;
    const policyCost = keptOrPriced(p.row, p.model, p.fraction);
    const ownPrice = priceOf(own);
    const price = priceOf(p.model);
    const share = policyCost.share;
    return {
      stream: p.row.stream,
      track: p.track,
      model_now: own,
      model: p.model,
      prompt_tokens: p.row.prompt_tokens * p.fraction,
      cached_tokens: p.row.prompt_tokens * p.fraction * share.share,
      completion_tokens: p.row.completion_tokens * p.fraction,
      requests: p.row.requests * p.fraction,
      now_usd: nowUsd,
      policy_usd: policyCost.usd,
      now_basis: p.row.logged_usd !== null
        ? "logged usage (activity)"
        : `${ownPrice!.source} ${ownPrice!.source_date}`,
      price_source: policyCost.logged
        ? "logged usage (activity)"
        : price!.source,
      price_date: policyCost.logged ? "" : price!.source_date,
      cache_basis: share.basis,
    };
  });
  const keys = [
    "stream",
    "track",
    "model_now",
    "model",
    "now_basis",
    "price_source",
    "price_date",
    "cache_basis",
  ];
  const rows = frameOf(out, WHATIF_SCHEMA).groupBy(keys).agg(
    pl.col("prompt_tokens").sum(),
    pl.col("cached_tokens").sum(),
    pl.col("completion_tokens").sum(),
    pl.col("requests").sum(),
    pl.col("now_usd").sum(),
    pl.col("policy_usd").sum(),
  ).withColumns(
    pl.col("policy_usd").minus(pl.col("now_usd")).alias("change_usd"),
    pl.when(pl.col("now_usd").gt(0)).then(
      pl.col("policy_usd").div(pl.col("now_usd")).minus(1).mul(100),
    ).otherwise(pl.lit(null)).alias("change_pct"),
  ).select(...Object.keys(WHATIF_SCHEMA)).sort(["stream", "track", "model"]);
  const byTrack = rows.groupBy("track").agg(
    pl.col("now_usd").sum(),
    pl.col("policy_usd").sum(),
  ).withColumns(
    pl.col("policy_usd").minus(pl.col("now_usd")).alias("change_usd"),
  ).sort("track");
  const nowTotal = out.reduce((sum, r) => sum + r.now_usd, 0);
  const policyTotal = out.reduce((sum, r) => sum + r.policy_usd, 0);
  const used = [...new Set(out.flatMap((r) => [r.model_now, r.model]))].sort()
    .map(priceOf).filter((p): p is PriceRow => p !== undefined);
  return {
    ok: true,
    result: {
      asOf,
      rows,
      byTrack,
      total: {
        now_usd: nowTotal,
        policy_usd: policyTotal,
        change_usd: policyTotal - nowTotal,
        change_pct: nowTotal > 0 ? (policyTotal / nowTotal - 1) * 100 : 0,
      },
      events,
      prices: used,
      warnings,
      period,
    },
  };
}

/** The tracks in the order bills show them. */
export const TRACK_ORDER: readonly PortionTrack[] = [
  "token_track",
  "gray_pool overflow",
  "gray_pool",
  "dollar_track",
  "dollar_track downgraded",
  "unrouted",
];

/**
 * The bill by track under the old routing (the workload as it ran) and the
 * new (the policy), long, as a stacked bar chart wants it. Under the old
 * routing each portion's cost counts towards the track its stream is routed
 * to, so both bars split the same traffic.
 *
 * @param result The priced workload.
 * @param labels Names of the two bars (default `now` and `policy`).
 * @returns Columns `routing`, `track`, `usd`; old bar first, tracks in {@linkcode TRACK_ORDER}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const byTrack = pl.DataFrame({ track: ["dollar_track", "token_track"], now_usd: [1, 3], policy_usd: [2, 0.5], change_usd: [1, -2.5] });
 * const bill = billByTrack({ byTrack } as never);
 * assert.deepEqual(bill.getColumn("track").toArray(), ["token_track", "dollar_track", "token_track", "dollar_track"]);
 * assert.deepEqual(bill.getColumn("usd").toArray(), [3, 1, 0.5, 2]);
 * ```
 */
export function billByTrack(
  result: WhatIfResult,
  labels: { now: string; policy: string } = { now: "now", policy: "policy" },
): pl.DataFrame {
  const rows = (result.byTrack.toRecords() as {
    track: PortionTrack;
    now_usd: number;
    policy_usd: number;
  }[]).sort((a, b) =>
    TRACK_ORDER.indexOf(a.track) - TRACK_ORDER.indexOf(b.track)
  );
  return frameOf([
    ...rows.map((r) => ({
      routing: labels.now,
      track: r.track,
      usd: r.now_usd,
    })),
    ...rows.map((r) => ({
      routing: labels.policy,
      track: r.track,
      usd: r.policy_usd,
    })),
  ], { routing: pl.Utf8, track: pl.Utf8, usd: pl.Float64 });
}
