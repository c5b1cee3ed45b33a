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
 * Costs are exact bills (`requestBill()`, `lib/analysis/request_bill.ts`)
 * from every part of the price in force on each row's own day (or on
 * `asOf` when given): cache reads and writes are part of the prompt tokens,
 * reasoning part of the completion; a row of several requests takes the
 * long-context switch on its mean prompt per request, and says so. Cached tokens a workload
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
import type { PriceRow } from "../analysis/cost.ts";
import { overridesOf } from "../analysis/price_book.ts";
import { requestBill } from "../analysis/request_bill.ts";
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
  unknownModelExpected,
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
  /** Prices in force on this day for every row; null or absent: each row at the prices of its own day (undated rows: the latest prices). */
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
  /** The day whose prices were used for every row, or null: each row at its own day's prices (undated rows: the latest). */
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
  /** What the bill assumed, per model, in words (a missing cache price billed at the input rate, the long-context switch on a row's mean prompt per request, a time window not applied). */
  assumptions?: string[];
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

/** One problem per policy model and workload day on which it has no list price yet. */
function policyDayProblems(
  book: PriceBook,
  models: readonly string[],
  days: readonly (string | null)[],
  file: string,
): Problem[] {
  const problems: Problem[] = [];
  const fields = new Map<string, string>([
    [models[0], "token_track.primary"],
    [models[1], "dollar_track.primary"],
    [models[2], "gray_pool.model"],
    [models[3], "dollar_track.downgrade_to"],
  ].reverse() as [string, string][]);
  const distinct = [...new Set(days)].sort((a, b) =>
    (a ?? "").localeCompare(b ?? "")
  );
  for (const model of [...new Set(models)].sort()) {
    for (const day of distinct) {
      if (listPriceOn(book, model, day) !== undefined) continue;
      problems.push(
        error(
          file,
          "",
          fields.get(model) ?? "model",
          model,
          `a model with a list price on or before ${
            day ?? "the latest data"
          } (the workload has traffic that day; OpenRouter price history or models list)`,
        ),
      );
    }
  }
  return problems;
}

function tokensOf(row: WorkloadRow): number {
  return row.prompt_tokens + row.completion_tokens;
}

/**
 * The workload's periods: its rows by Monday–Sunday week (`weekStart`), and
 * every calendar week from the first to the last, empty ones included, so a
 * downgrade applies to the week that follows, not the next one with data.
 * An undated workload is one period, keyed null.
 *
 * @param rows The workload's rows.
 * @returns The rows by week and the weeks in order.
 *
 * @example A gap week is kept
 * ```ts
 * import assert from "node:assert/strict";
 * const row = (date: string) => ({ date }) as never;
 * const { weeks, periods } = weekBuckets([row("2026-06-01"), row("2026-06-17")]);
 * assert.deepEqual(weeks, ["2026-06-01", "2026-06-08", "2026-06-15"]);
 * assert.equal(periods.get("2026-06-08"), undefined);
 * ```
 */
export function weekBuckets(rows: readonly WorkloadRow[]): {
  periods: Map<string | null, WorkloadRow[]>;
  weeks: (string | null)[];
} {
  const periods = new Map<string | null, WorkloadRow[]>();
  for (const row of rows) {
    const key = row.date === null ? null : weekStart(row.date);
    const list = periods.get(key);
    if (list === undefined) periods.set(key, [row]);
    else list.push(row);
  }
  const dataWeeks = [...periods.keys()].sort((a, b) =>
    (a ?? "").localeCompare(b ?? "")
  );
  const weeks: (string | null)[] = [];
  if (dataWeeks[0] === null) weeks.push(null);
  else if (dataWeeks.length > 0) {
    const last = dataWeeks[dataWeeks.length - 1]!;
    for (let w = dataWeeks[0]; w <= last; w = addDays(w, 7)) weeks.push(w);
  }
  return { periods, weeks };
}

/**
 * The gray pool's limit in one period: the share of each gray-routed row the
 * pool keeps (1 within `max_share` of the period's tokens, prompt +
 * completion; else `max_share × total / gray tokens`), and the event when it
 * binds.
 *
 * @param rows The period's rows.
 * @param week The period's Monday, or null when undated.
 * @param policy The policy.
 * @param token The token track's model, where the overflow goes.
 * @returns The kept share and the event, or null.
 *
 * @example 25% of the tokens in the pool, 10% allowed: it keeps 40% of each row
 * ```ts
 * import assert from "node:assert/strict";
 * const row = (stream: string, prompt_tokens: number) => ({ stream, prompt_tokens, completion_tokens: 0 }) as never;
 * const policy = { routes: { gray: "gray_pool", agents: "token_track" }, gray_pool: { max_share: 0.1 } } as never;
 * const limit = grayPoolLimit([row("agents", 900), row("gray", 300)], null, policy, "a/cheap");
 * assert.equal(limit.keep.toFixed(2), "0.40");
 * assert.equal(limit.event?.value, 0.25);
 * ```
 */
export function grayPoolLimit(
  rows: readonly WorkloadRow[],
  week: string | null,
  policy: Policy,
  token: string,
): { keep: number; event: WhatIfEvent | null } {
  const total = rows.reduce((sum, r) => sum + tokensOf(r), 0);
  const grayTokens = rows.filter((r) => policy.routes[r.stream] === "gray_pool")
    .reduce((sum, r) => sum + tokensOf(r), 0);
  const maxShare = policy.gray_pool.max_share;
  if (!(grayTokens > 0 && grayTokens > maxShare * total)) {
    return { keep: 1, event: null };
  }
  const keep = maxShare * total / grayTokens;
  return {
    keep,
    event: {
      week,
      kind: "gray_pool_limit",
      detail: `gray pool routes ${(grayTokens / total * 100).toFixed(1)}% of ${
        week === null ? "the workload's" : "the week's"
      } tokens, above its max_share ${(maxShare * 100).toFixed(1)}%: ${
        formatTokens(grayTokens * (1 - keep))
      } tokens go to the token track (${token})`,
      value: grayTokens / total,
      limit: maxShare,
    },
  };
}

/**
 * Resolve the workload's own models and check each has a list price on each
 * row's day (unless the row logged its cost): one problem per unknown model,
 * naming its nearest known ids, or per model and day without a price yet,
 * naming its first record and how many rows it covers.
 *
 * @param workload The workload.
 * @param book The price book.
 * @param dayOf The day a row is priced on.
 * @returns The resolved id of each model as written, and the problems.
 */
export function resolveWorkloadModels(
  workload: Workload,
  book: PriceBook,
  dayOf: (row: WorkloadRow) => string | null,
): { resolved: Map<string, string>; problems: Problem[] } {
  // The workload's own models: known and priced on each row's day, unless
  // the cost was logged. One problem per model (unknown) or model and day
  // (no price yet), naming its first record and how many rows it covers.
  const resolved = new Map<string, string>();
  const problems: Problem[] = [];
  const missing = new Map<
    string,
    { row: WorkloadRow; expected: string; rows: number }
  >();
  for (const row of workload.rows) {
    const id = resolveModelId(book, row.model);
    const day = dayOf(row);
    if (id !== undefined && listPriceOn(book, id, day) !== undefined) {
      resolved.set(row.model, id);
    } else if (row.logged_usd === null || id === undefined) {
      const key = id === undefined ? row.model : `${row.model}\u0000${day}`;
      const seen = missing.get(key);
      if (seen !== undefined) seen.rows++;
      else {
        missing.set(key, {
          row,
          rows: 1,
          expected: id === undefined
            ? unknownModelExpected(book, row.model)
            : `a model with a list price on or before ${
              day ?? "the latest data"
            } (OpenRouter price history or models list)`,
        });
      }
    } else resolved.set(row.model, id);
  }
  for (const { row, expected, rows } of missing.values()) {
    problems.push(
      error(
        workload.file,
        rows > 1 ? `${row.record} (and ${rows - 1} more rows)` : row.record,
        "model",
        row.model,
        expected,
      ),
    );
  }
  return { resolved, problems };
}

/**
 * Step 4 on an undated workload: the Dollar track's spend over the whole
 * workload against the monthly cap; without weeks nothing is downgraded.
 *
 * @param spend The Dollar track's spend, USD.
 * @param cap The monthly cap, USD.
 * @returns The `cap_not_applied` event, or null within the cap.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(undatedCap(90, 100), null);
 * assert.match(undatedCap(120, 100)!.detail, /by more than 15%; the workload has no dates/);
 * ```
 */
export function undatedCap(spend: number, cap: number): WhatIfEvent | null {
  if (!(spend > cap)) return null;
  return {
    week: null,
    kind: "cap_not_applied",
    detail: `the Dollar track costs $${
      spend.toFixed(2)
    } over the workload, above the $${cap.toFixed(2)} monthly cap${
      spend > downgradeThreshold(cap) ? " by more than 15%" : ""
    }; the workload has no dates, so no week is downgraded`,
    value: spend,
    limit: cap,
  };
}

/**
 * Step 4 at the end of a week (its Sunday): the Dollar track's spend month
 * to date (the month of that Sunday) against the cap; above it is reported,
 * and more than 15% above it downgrades the following week.
 *
 * @param week The week's Monday.
 * @param spendByDay The Dollar track's spend per day so far, USD.
 * @param cap The monthly cap, USD.
 * @param downgradeModel Where a downgraded week's traffic goes.
 * @returns Whether the next week is downgraded, and the events.
 *
 * @example $120 in June by Sunday 06-21 against a $100 cap
 * ```ts
 * import assert from "node:assert/strict";
 * const spend = new Map([["2026-06-01", 60], ["2026-06-10", 60], ["2026-05-31", 500]]);
 * const out = weekEndCap("2026-06-15", spend, 100, "a/cheap");
 * assert.equal(out.downgradeNext, true);
 * assert.deepEqual(out.events.map((e) => [e.kind, e.value]), [["cap_exceeded", 120], ["downgrade_triggered", 120]]);
 * ```
 */
export function weekEndCap(
  week: string,
  spendByDay: ReadonlyMap<string, number>,
  cap: number,
  downgradeModel: string,
): { downgradeNext: boolean; events: WhatIfEvent[] } {
  const events: WhatIfEvent[] = [];
  const sunday = addDays(week, 6);
  const month = monthOf(sunday);
  const monthToDate = [...spendByDay].filter(([day]) =>
    monthOf(day) === month && day <= sunday
  ).reduce((sum, [, usd]) => sum + usd, 0);
  const downgradeNext = monthToDate > downgradeThreshold(cap);
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
  return { downgradeNext, events };
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
  // Policy models are chosen (primary or fallback) on this day; rows are
  // priced on `options.asOf` when given, else on their own day.
  const forcedDay = options.asOf ?? null;
  const asOf = forcedDay ?? period?.[1] ?? null;
  const dayOf = (row: WorkloadRow): string | null => forcedDay ?? row.date;
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
  const own = resolveWorkloadModels(workload, book, dayOf);
  problems.push(...own.problems);
  const resolved = own.resolved;
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
  if (problems.length === 0) {
    problems.push(...policyDayProblems(
      book,
      [models.token!, models.dollar!, models.gray!, models.downgrade!],
      workload.rows.map(dayOf),
      policyFile,
    ));
  }
  if (problems.length > 0) return { ok: false, problems };
  const token = models.token!, dollar = models.dollar!, gray = models.gray!;
  const downgradeModel = models.downgrade!;
  const events = [...models.events];

  const priceCache = new Map<string, PriceRow>();
  const priceOf = (id: string, day: string | null) => {
    const key = `${id}\u0000${day}`;
    let price = priceCache.get(key);
    if (price === undefined) {
      price = listPriceOn(book, id, day)!;
      priceCache.set(key, price);
    }
    return price;
  };
  const assumptions = new Set<string>();
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
    const price = priceOf(id, dayOf(row));
    const bill = requestBill(
      {
        prompt_tokens: row.prompt_tokens,
        completion_tokens: row.completion_tokens,
        cached_tokens: row.cached_tokens ?? row.prompt_tokens * share.share,
        cache_write_tokens: row.cache_write_tokens ?? 0,
        cache_write_1h_tokens: row.cache_write_1h_tokens ?? 0,
        reasoning_tokens: row.reasoning_tokens ?? 0,
        requests: row.requests,
        web_searches: row.web_searches ?? 0,
      },
      price,
      {
        utcTime: row.utc_time ?? null,
        promptPerRequest: row.prompt_per_request,
      },
    );
    for (const note of bill.assumptions) assumptions.add(note);
    if (
      row.requests > 1 &&
      overridesOf(price).some((o) => o.min_prompt_tokens !== null)
    ) {
      assumptions.add(
        `${id}: ${price.source} ${price.source_date} has a long-context price; rows of several requests take it on their mean prompt per request`,
      );
    }
    return { usd: bill.usd * fraction, share };
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

  const { periods, weeks } = weekBuckets(workload.rows);
  const portions: Portion[] = [];
  const dollarSpendByDay = new Map<string, number>();
  let downgradeNext = false;
  const cap = policy.dollar_track.budget_cap_usd;
  const incident = new Set(policy.dollar_track.incident_streams);
  for (const week of weeks) {
    const rows = periods.get(week) ?? [];
    const gray_ = grayPoolLimit(rows, week, policy, token);
    const keep = gray_.keep;
    if (gray_.event !== null) events.push(gray_.event);
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
      const event = undatedCap(spend, cap);
      if (event !== null) events.push(event);
      continue;
    }
    const checked = weekEndCap(week, dollarSpendByDay, cap, downgradeModel);
    downgradeNext = checked.downgradeNext;
    events.push(...checked.events);
  }

  const out = portions.map((p) => {
    const own = resolved.get(p.row.model)!;
    const nowUsd = keptOrPriced(p.row, own, p.fraction).usd;
    const policyCost = keptOrPriced(p.row, p.model, p.fraction);
    const ownPrice = priceOf(own, dayOf(p.row));
    const price = priceOf(p.model, dayOf(p.row));
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
  ).select(...Object.keys(WHATIF_SCHEMA)).sort([
    "stream",
    "track",
    "model",
    "price_date",
    "now_basis",
    "cache_basis",
  ]);
  const byTrack = rows.groupBy("track").agg(
    pl.col("now_usd").sum(),
    pl.col("policy_usd").sum(),
  ).withColumns(
    pl.col("policy_usd").minus(pl.col("now_usd")).alias("change_usd"),
  ).sort("track");
  const nowTotal = out.reduce((sum, r) => sum + r.now_usd, 0);
  const policyTotal = out.reduce((sum, r) => sum + r.policy_usd, 0);
  const used = [
    ...new Map([...priceCache.values()].map((p) => [
      `${p.model_id}\u0000${p.source}\u0000${p.source_date}`,
      p,
    ])).values(),
  ].sort((a, b) =>
    a.model_id.localeCompare(b.model_id) ||
    a.source_date.localeCompare(b.source_date) ||
    a.source.localeCompare(b.source)
  );
  return {
    ok: true,
    result: {
      asOf: forcedDay,
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
      assumptions: [...assumptions].sort(),
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
