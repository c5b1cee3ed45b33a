/**
 * The case study of "2026 OpenRouter: Billing Beats Benchmarks" (week of
 * 2026-05-18…24), re-priced: a six-person team moved from all-Sonnet, "about
 * $3,200/month", to 62% DeepSeek V4 Flash, 18% Hy3 preview, 12% Gemini 3
 * Flash and 8% Opus, and reports a bill of $1,940 (−39%) four weeks later.
 * What does that mix imply at the list prices in force on the article's date?
 *
 * The article names no versions: "Claude Sonnet" is taken as Claude Sonnet
 * 4.6 and "Opus" as Claude Opus 4.7 (the Dollar-track primary of the
 * article's own skeleton), the latest of each on the article's date; Sonnet
 * 4.5 and 4.6 have the same list prices, as do Opus 4.5, 4.6 and 4.7.
 *
 * @module
 */
import pl from "nodejs-polars";
import { taskCost } from "../analysis/cost.ts";
import { frameOf } from "../loading/frames.ts";
import {
  defaultCacheShare,
  listPriceOn,
  type PriceBook,
} from "../analysis/model_prices.ts";
import { type TokenMix, trackerTokenMix } from "./token_mix.ts";

/** The case study as the article states it. */
export const CASE_STUDY = {
  article: "2026 OpenRouter: Billing Beats Benchmarks",
  /** The article's date (its data week ends on it). */
  article_date: "2026-05-24",
  team_size: 6,
  /** "about $3,200/month" on all-Sonnet. */
  bill_before_usd: 3200,
  /** "Four weeks later the bill was $1,940". */
  bill_after_usd: 1940,
  /** "(-39%)". */
  stated_change_pct: -39,
  /** "defaulted Claude Sonnet across IDE, agents, and docs". */
  before_model: "anthropic/claude-sonnet-4.6",
  /** The stated mix, shares of tokens. */
  mix: [
    { model: "deepseek/deepseek-v4-flash", share: 0.62 },
    { model: "tencent/hy3-preview", share: 0.18 },
    { model: "google/gemini-3-flash-preview", share: 0.12 },
    { model: "anthropic/claude-opus-4.7", share: 0.08 },
  ],
} as const;

/** How cached input is assumed: one tracker share for every model, or each model's observed rate. */
export type CacheAssumption = "tracker" | "observed";

/** One model of the re-priced case study. */
export interface CaseStudyModel {
  /** Model id. */
  model: string;
  /** Share 0–1 of the team's tokens (1 for the all-Sonnet baseline). */
  token_share: number;
  /** Price source and date. */
  price_source: string;
  price_date: string;
  /** List prices, USD per million tokens. */
  input_usd_per_mtok: number;
  output_usd_per_mtok: number;
  cache_read_usd_per_mtok: number | null;
  /** Cached share 0–1 of its input, and where it comes from. */
  cached_share: number;
  cached_basis: string;
  /** Cost of a million tokens of the assumed mix, USD. */
  usd_per_mtok: number;
  /** Its part of the monthly bill, USD. */
  bill_usd: number;
}

/** What the case study's stated mix implies, with every assumption as data. */
export interface CaseStudyImplied {
  /** Prices in force on this day. */
  as_of: string;
  /** The article's figures. */
  stated: {
    bill_before_usd: number;
    bill_after_usd: number;
    change_pct: number;
  };
  /** The all-Sonnet month the token volume is derived from. */
  baseline: CaseStudyModel;
  /** The stated mix, re-priced. */
  models: CaseStudyModel[];
  /** The assumptions the figures depend on. */
  assumptions: {
    /** Tokens a month: the stated bill ÷ Sonnet's cost per token under the mix. */
    tokens_per_month: number;
    /** Fraction 0–1 of tokens that are input. */
    input_share: number;
    /** `tracker` (one share for all) or `observed` (each model's rate). */
    cache: CacheAssumption;
    /** Where the input share (and the tracker's cached share) come from. */
    mix_basis: string;
    /** Which model ids the article's names were taken as. */
    models_taken_as: string;
  };
  /** The bill the stated mix implies for the same tokens, USD/month. */
  implied_bill_usd: number;
  /** Its change from the stated all-Sonnet bill, percent. */
  implied_change_pct: number;
  /** The stated change minus the implied change, percentage points (positive: the article saves less). */
  difference_pts: number;
  /** How many times the token volume would have to grow for the stated $1,940 under the mix. */
  volume_ratio_for_stated_bill: number;
}

/**
 * Re-price the case study: derive the monthly token volume from the stated
 * all-Sonnet bill at Sonnet's list price, then price the same tokens under
 * the stated mix at each model's list price on the article's date.
 *
 * @param book The price book.
 * @param options `asOf` (default the article's date), `cache` (default
 *   `tracker`), `mix` (default the tracker's token mix), `inputShare` and
 *   `cachedShare` to override the mix's shares (for sensitivity).
 * @returns The implied bill and change, with the assumptions.
 * @throws {RangeError} When a model has no list price by `asOf`, or a share is outside 0–1.
 *
 * @example The stated mix saves far more than −39% at list prices
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { priceRows } from "../analysis/prices.ts";
 * const ws = await loadWorkspace("data");
 * const implied = caseStudyImplied({ ...ws, prices: priceRows(ws).prices });
 * assert.ok(implied.implied_change_pct < -39);
 * assert.equal(Math.round(implied.baseline.bill_usd), 3200);
 * ```
 */
export function caseStudyImplied(
  book: PriceBook,
  options: {
    asOf?: string;
    cache?: CacheAssumption;
    mix?: TokenMix;
    inputShare?: number;
    cachedShare?: number;
  } = {},
): CaseStudyImplied {
  const asOf = options.asOf ?? CASE_STUDY.article_date;
  const cache = options.cache ?? "tracker";
  const mix = options.mix ?? trackerTokenMix(book.inference);
  const inputShare = options.inputShare ?? mix.input_share;
  const cachedShare = options.cachedShare ?? mix.cached_share;
  for (
    const [name, share] of [["inputShare", inputShare], [
      "cachedShare",
      cachedShare,
    ]] as const
  ) {
    if (!(share >= 0 && share <= 1)) {
      throw new RangeError(
        `Cannot re-price the case study: ${name} is ${share}, expected a share from 0 to 1`,
      );
    }
  }
  const perMtok = (model: string, tokenShare: number): CaseStudyModel => {
    const price = listPriceOn(book, model, asOf);
    if (price === undefined) {
      throw new RangeError(
        `Cannot re-price the case study: ${model} has no list price on or before ${asOf}`,
      );
    }
    const cached = cache === "observed"
      ? defaultCacheShare(book, model, null)
      : {
        share: cachedShare,
        basis: options.cachedShare === undefined
          ? `tracker's cached share (${mix.basis})`
          : "set for the sensitivity",
      };
    const usd = taskCost({
      inputTokens: 1e6 * inputShare,
      outputTokens: 1e6 * (1 - inputShare),
      cacheHitRate: cached.share,
    }, price).total_usd;
    return {
      model,
      token_share: tokenShare,
      price_source: price.source,
      price_date: price.source_date,
      input_usd_per_mtok: price.input_usd_per_mtok,
      output_usd_per_mtok: price.output_usd_per_mtok,
      cache_read_usd_per_mtok: price.cache_read_usd_per_mtok,
      cached_share: cached.share,
      cached_basis: cached.basis,
      usd_per_mtok: usd,
      bill_usd: 0,
    };
  };
  const shares = CASE_STUDY.mix.reduce((sum, m) => sum + m.share, 0);
  if (Math.abs(shares - 1) > 1e-9) {
    throw new RangeError(
      `Cannot re-price the case study: the mix's shares add up to ${shares}, expected 1`,
    );
  }
  const baseline = perMtok(CASE_STUDY.before_model, 1);
  const tokensPerMonth = CASE_STUDY.bill_before_usd / baseline.usd_per_mtok *
    1e6;
  baseline.bill_usd = CASE_STUDY.bill_before_usd;
  const models = CASE_STUDY.mix.map(({ model, share }) => {
    const row = perMtok(model, share);
    row.bill_usd = tokensPerMonth * share / 1e6 * row.usd_per_mtok;
    return row;
  });
  const implied = models.reduce((sum, m) => sum + m.bill_usd, 0);
  const impliedChange = (implied / CASE_STUDY.bill_before_usd - 1) * 100;
  return {
    as_of: asOf,
    stated: {
      bill_before_usd: CASE_STUDY.bill_before_usd,
      bill_after_usd: CASE_STUDY.bill_after_usd,
      change_pct: CASE_STUDY.stated_change_pct,
    },
    baseline,
    models,
    assumptions: {
      tokens_per_month: tokensPerMonth,
      input_share: inputShare,
      cache,
      mix_basis: options.inputShare === undefined
        ? mix.basis
        : "input share set for the sensitivity",
      models_taken_as:
        "Claude Sonnet → anthropic/claude-sonnet-4.6; Opus → anthropic/claude-opus-4.7 (the skeleton's Dollar-track primary); Hy3 preview → tencent/hy3-preview (paid); Gemini 3 Flash → google/gemini-3-flash-preview",
    },
    implied_bill_usd: implied,
    implied_change_pct: impliedChange,
    difference_pts: CASE_STUDY.stated_change_pct - impliedChange,
    volume_ratio_for_stated_bill: CASE_STUDY.bill_after_usd / implied,
  };
}

/**
 * The implied change of the case study over a grid of input and cached
 * shares (one cached share for every model).
 *
 * @param book The price book.
 * @param inputShares Input shares 0–1 to try.
 * @param cachedShares Cached shares 0–1 to try.
 * @param asOf Prices in force on this day (default the article's date).
 * @returns Columns `input_share`, `cached_share`, `implied_bill_usd`, `implied_change_pct`, sorted.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { priceRows } from "../analysis/prices.ts";
 * const ws = await loadWorkspace("data");
 * const grid = caseStudySensitivity({ ...ws, prices: priceRows(ws).prices }, [0.5, 0.95], [0, 0.9]);
 * assert.equal(grid.height, 4);
 * ```
 */
export function caseStudySensitivity(
  book: PriceBook,
  inputShares: readonly number[],
  cachedShares: readonly number[],
  asOf: string = CASE_STUDY.article_date,
): pl.DataFrame {
  const mix = trackerTokenMix(book.inference);
  const rows = inputShares.flatMap((inputShare) =>
    cachedShares.map((cachedShare) => {
      const implied = caseStudyImplied(book, {
        asOf,
        mix,
        inputShare,
        cachedShare,
      });
      return {
        input_share: inputShare,
        cached_share: cachedShare,
        implied_bill_usd: implied.implied_bill_usd,
        implied_change_pct: implied.implied_change_pct,
      };
    })
  );
  return frameOf(rows, {
    input_share: pl.Float64,
    cached_share: pl.Float64,
    implied_bill_usd: pl.Float64,
    implied_change_pct: pl.Float64,
  }).sort(["input_share", "cached_share"]);
}
