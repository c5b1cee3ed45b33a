/**
 * The findings of notebook 04 (the inference-revenue tracker: its formula,
 * cache-aware revenue, token vs dollar share, the 2026-02-09 article): every
 * number and flag its conclusion states.
 *
 * @module
 */
import pl from "nodejs-polars";
import { REVENUE_EXCLUDED_WARNINGS } from "../analysis/revenue.ts";
import {
  type Claim,
  claimEvidence,
  type LedgerEntry,
  type Verdict,
} from "../claims/claims.ts";
import { trackerWeekRevenue } from "../claims/checks/tracker.ts";
import { rowsWhere } from "../analysis/lookup.ts";
import type { Analyses } from "../run/analyses.ts";
import type { Workspace } from "../loading/workspace.ts";
import { findById } from "../claims/lookup.ts";

/** A lowest and highest value. */
export interface Range {
  /** Lowest. */
  low: number;
  /** Highest. */
  high: number;
}

/** The findings of notebook 04. */
export interface TokensVsDollarsFindings {
  /** Model-weeks, weekly files, first and latest week, tracked models per week (lowest, highest). */
  data: {
    modelWeeks: number;
    files: number;
    firstWeek: string;
    latestWeek: string;
    modelsPerWeek: Range;
  };
  /** Rows whose published `estimated_revenue` the stated formula gives to the cent. */
  formulaMatches: number;
  /** Per week: models, rows reproduced, published, formula and cache-aware totals (USD), cache-aware ÷ published. */
  byWeek: pl.DataFrame;
  /** Rows with cached ≤ prompt tokens; rows with total = prompt + completion; of the others, those with a warning. */
  cachedWithinPrompt: number;
  totalIsPromptPlusCompletion: number;
  otherRows: number;
  otherRowsWarned: number;
  /** The latest week: published and cache-aware totals (USD) and their ratio. */
  latest: {
    publishedUsd: number;
    cacheAwareUsd: number;
    cacheAwareShare: number;
  };
  /** Cache-aware ÷ published over all weeks. */
  cacheAwareShare: Range;
  /** That week's models keeping the least and the most of their published revenue. */
  keepsLeast: { name: string; ratio: number };
  keepsMost: { name: string; ratio: number };
  /** Rows excluded from the shares, and the warnings that exclude them. */
  excludedRows: number;
  excludedWarnings: readonly string[];
  /** Anthropic over the tracked weeks: shares (fractions) and dollar ÷ token share. */
  anthropic: {
    tokenShare: Range;
    dollarShareCacheAware: Range;
    dollarSharePublished: Range;
    dollarsPerTokenShare: Range;
  };
  /** The article's "12% of traffic, 46% of dollars" (bb-03, bb-04): figures, their ratio, quotes and their distinct verdicts. */
  article: {
    trafficPercent: number;
    dollarsPercent: number;
    ratio: number;
    quotes: [string, string];
    verdicts: Verdict[];
  };
  /** Anthropic's share of all rankings tokens in complete weeks, and the first such week. */
  anthropicPlatform: { share: Range; firstWeek: string; frame: pl.DataFrame };
  /** The 2026-02-09 article (claims ir-*): verdict counts, in verdict order. */
  trackerVerdicts: { verdict: Verdict; claims: number }[];
  /** Chart bars above the files: the gaps, in USD and in USD per million tokens of the week's all-zero row. */
  barGaps: {
    frame: pl.DataFrame;
    ids: string[];
    firstWeek: string;
    lastWeek: string;
    gapUsd: Range;
    gapUsdPerMtok: Range;
  };
  /** The article's total tokens (ir-02), the latest file's, and the free model's (ir-82). */
  totalTokens: { stated: number; file: number; freeModel: number };
  /** Token figures of the summary against the latest file plus the missing free model. */
  tokenCheck: pl.DataFrame;
  /** The ir-* entries the missing free model leaves unverifiable (the file is older than the article), and their verdicts. */
  tenthModel: { ids: string[]; verdicts: Verdict[] };
  /** Contradicted ir-* claims that are not bars or week-over-week changes. */
  otherContradicted: string[];
  /** Contradicted week-over-week changes: id, stated and reproduced percent. */
  weekOverWeek: { id: string; stated: number; reproduced: number | null }[];
}

type Row = Record<string, unknown>;

function range(frame: pl.DataFrame, column: string): Range {
  const series = frame.getColumn(column);
  return { low: Number(series.min()), high: Number(series.max()) };
}

/**
 * Per tracker week: models, rows the stated formula reproduces, the published
 * total and the cache-aware total exactly as the ledger reads them
 * ({@linkcode trackerWeekRevenue}: the file's own `total_revenue`, the
 * cache-aware sum to the cent), the stated formula's total, and cache-aware ÷
 * published. So the notebook's weekly totals are the ledger's, to the cent.
 *
 * @param results The analyses (their `revenue` frame).
 * @param ws The workspace (its tracker frame and files).
 * @returns Columns week, models, reproduced, published_usd, stated_formula_usd, cache_aware_usd, cache_aware_share, by week.
 */
export function weeklyRevenueTotals(
  results: Analyses,
  ws: Workspace,
): pl.DataFrame {
  const files = new Map(
    claimEvidence(ws).trackerFiles.map((f) => [f.date, f]),
  );
  const counts = results.revenue
    .groupBy("week")
    .agg(
      pl.len().alias("models"),
      pl.col("published_formula_matches").cast(pl.Int32).sum().alias(
        "reproduced",
      ),
      pl.col("revenue_published_formula_usd").sum().alias(
        "stated_formula_usd",
      ),
    )
    .sort("week");
  const weeks = counts.getColumn("week").toArray() as string[];
  const totals = weeks.map((week) =>
    trackerWeekRevenue(
      rowsWhere(ws.inference, "snapshot_date", week),
      files.get(week),
    )
  );
  return pl.DataFrame({
    week: weeks,
    published_usd: totals.map((t) => t.published),
    cache_aware_usd: totals.map((t) => t.corrected),
  }).join(counts, { on: "week" }).sort("week").select(
    "week",
    "models",
    "reproduced",
    "published_usd",
    "stated_formula_usd",
    "cache_aware_usd",
  ).withColumns(
    pl.col("cache_aware_usd").div(pl.col("published_usd")).alias(
      "cache_aware_share",
    ),
  );
}

/** A claim by id, or a TypeError naming the tracker findings. */
function claimLookup(claims: readonly Claim[]): (id: string) => Claim {
  const claimById = new Map(claims.map((c) => [c.id, c]));
  return (id: string): Claim => {
    const found = claimById.get(id);
    if (found === undefined) {
      throw new TypeError(
        `Cannot compute the tracker findings: claim ${id} is missing, expected it in claims.csv`,
      );
    }
    return found;
  };
}

/** The part of the findings about the tracker's formula and its rows (sections 1–3 of notebook 04). */
export type FormulaFindings = Pick<
  TokensVsDollarsFindings,
  | "data"
  | "formulaMatches"
  | "byWeek"
  | "cachedWithinPrompt"
  | "totalIsPromptPlusCompletion"
  | "otherRows"
  | "otherRowsWarned"
  | "latest"
  | "cacheAwareShare"
  | "keepsLeast"
  | "keepsMost"
  | "excludedRows"
  | "excludedWarnings"
>;

/**
 * Step 1: the tracker's formula against its rows: the weekly totals, the
 * rows it reproduces, where cached tokens sit, the latest week, and the rows
 * the warnings exclude.
 *
 * @param results The analyses (their `revenue` frame and tracker period).
 * @param ws The workspace.
 * @param byWeek The weekly totals ({@linkcode weeklyRevenueTotals}).
 * @returns That part of the findings.
 */
export function formulaFindings(
  results: Analyses,
  ws: Workspace,
  byWeek: pl.DataFrame,
): FormulaFindings {
  const revenue = results.revenue;
  const [firstWeek, latestWeek] = results.period.inference!;
  const latestTotals = byWeek.filter(pl.col("week").eq(pl.lit(latestWeek)))
    .toRecords()[0] as Row;
  const latestRows = revenue.filter(pl.col("week").eq(pl.lit(latestWeek)));
  const byRatio = latestRows.filter(pl.col("cache_aware_ratio").isNotNull())
    .sort(["cache_aware_ratio", "model"]).toRecords() as Row[];
  const keeps = (r: Row) => ({
    name: String(r.name),
    ratio: Number(r.cache_aware_ratio),
  });
  const sumsUp = pl.col("total_tokens").eq(
    pl.col("prompt_tokens").plus(pl.col("completion_tokens")),
  );
  const modelsPerWeek = byWeek.getColumn("models");
  return {
    data: {
      modelWeeks: revenue.height,
      files: ws.files["inference-stats"].length,
      firstWeek,
      latestWeek,
      modelsPerWeek: {
        low: Number(modelsPerWeek.min()),
        high: Number(modelsPerWeek.max()),
      },
    },
    formulaMatches: revenue.filter(pl.col("published_formula_matches")).height,
    byWeek,
    cachedWithinPrompt: revenue.filter(
      pl.col("cached_tokens").lessThanEquals(pl.col("prompt_tokens")),
    ).height,
    totalIsPromptPlusCompletion: revenue.filter(sumsUp).height,
    otherRows: revenue.filter(sumsUp.not()).height,
    otherRowsWarned: revenue.filter(
      sumsUp.not().and(pl.col("warning").isNotNull()),
    ).height,
    latest: {
      publishedUsd: Number(latestTotals.published_usd),
      cacheAwareUsd: Number(latestTotals.cache_aware_usd),
      cacheAwareShare: Number(latestTotals.cache_aware_share),
    },
    cacheAwareShare: range(byWeek, "cache_aware_share"),
    keepsLeast: keeps(byRatio[0]),
    keepsMost: keeps(byRatio[byRatio.length - 1]),
    excludedRows: revenue.filter(pl.col("excluded")).height,
    excludedWarnings: REVENUE_EXCLUDED_WARNINGS,
  };
}

/**
 * Step 2: Anthropic's token and dollar shares in the tracked weeks, the
 * article's "12% of traffic, 46% of dollars" (bb-03, bb-04), and Anthropic's
 * share of the whole platform in the rankings' complete weeks.
 *
 * @param results The analyses (vendor shares, weekly vendors, the ledger).
 * @returns That part of the findings.
 */
export function anthropicFindings(
  results: Analyses,
): Pick<
  TokensVsDollarsFindings,
  "anthropic" | "article" | "anthropicPlatform"
> {
  const entry = (id: string) => findById(results.ledger, id) as LedgerEntry;
  const anthropic = results.vendorShares
    .filter(pl.col("vendor").eq(pl.lit("anthropic")))
    .withColumns(
      pl.col("dollar_share_cache_aware").div(pl.col("token_share")).alias(
        "multiple",
      ),
    );
  const platform = results.weeklyVendors
    .filter(
      pl.col("vendor").eq(pl.lit("anthropic")).and(
        pl.col("days_covered").eq(7),
      ),
    )
    .select("week_start", "days_covered", "tokens", "share")
    .sort("week_start");
  const [bb03, bb04] = [entry("bb-03"), entry("bb-04")];
  return {
    anthropic: {
      tokenShare: range(anthropic, "token_share"),
      dollarShareCacheAware: range(anthropic, "dollar_share_cache_aware"),
      dollarSharePublished: range(anthropic, "dollar_share_published"),
      dollarsPerTokenShare: range(anthropic, "multiple"),
    },
    article: {
      trafficPercent: bb03.stated,
      dollarsPercent: bb04.stated,
      ratio: bb04.stated / bb03.stated,
      quotes: [bb03.quote, bb04.quote],
      verdicts: [...new Set([bb03.verdict, bb04.verdict])],
    },
    anthropicPlatform: {
      share: range(platform, "share"),
      firstWeek: String(platform.getColumn("week_start").get(0) ?? ""),
      frame: platform,
    },
  };
}

/** The part of the findings about the 2026-02-09 article (section 5 of notebook 04). */
export type TrackerArticleFindings = Pick<
  TokensVsDollarsFindings,
  | "trackerVerdicts"
  | "barGaps"
  | "totalTokens"
  | "tokenCheck"
  | "tenthModel"
  | "otherContradicted"
  | "weekOverWeek"
>;

/**
 * Step 3: the 2026-02-09 article against the tracker's files: the ledger's
 * verdicts on its ir-* claims, the chart bars above the files and what their
 * gaps are, its token totals against the latest file plus its missing free
 * model, and the entries that model leaves unverifiable.
 *
 * @param results The analyses (the revenue frame, the ledger, the tracker period).
 * @param claims The claims.
 * @param byWeek The weekly totals ({@linkcode weeklyRevenueTotals}).
 * @returns That part of the findings.
 */
export function trackerArticleFindings(
  results: Analyses,
  claims: readonly Claim[],
  byWeek: pl.DataFrame,
): TrackerArticleFindings {
  const claim = claimLookup(claims);
  const revenue = results.revenue;
  const latestWeek = results.period.inference![1];
  const latestRows = revenue.filter(pl.col("week").eq(pl.lit(latestWeek)));
  const tracker = results.ledger.filter((e) => e.id.startsWith("ir-"));
  const counts = new Map<Verdict, number>();
  for (const e of tracker) {
    counts.set(e.verdict, (counts.get(e.verdict) ?? 0) + 1);
  }
  const contradicted = tracker.filter((e) => e.verdict === "contradicted");
  const checkOf = new Map(claims.map((c) => [c.id, c.check]));
  const bars = contradicted.filter((e) =>
    checkOf.get(e.id) === "tracker_total_revenue"
  );
  const barFrame = pl.DataFrame(
    bars.map((e) => ({
      id: e.id,
      week: claim(e.id).params.week,
      chart_usd: e.stated,
    })),
    { schema: { id: pl.Utf8, week: pl.Utf8, chart_usd: pl.Float64 } },
  )
    .join(
      byWeek.select("week", pl.col("published_usd").alias("file_usd")),
      { on: "week" },
    )
    .join(
      revenue.filter(pl.col("warning").str.contains("breakdown_zero"))
        .select("week", "model", "total_tokens"),
      { on: "week", how: "left" },
    )
    .withColumns(pl.col("chart_usd").minus(pl.col("file_usd")).alias("gap_usd"))
    .withColumns(
      pl.col("gap_usd").div(pl.col("total_tokens")).mul(1e6).alias(
        "gap_usd_per_mtok_of_row",
      ),
    )
    .sort("week");
  const wowChanges = contradicted.filter((e) =>
    e.method.includes("percent_change")
  );
  const barIds = bars.map((e) => e.id);

  const fileSum = (column: string) =>
    Number(latestRows.getColumn(column).sum());
  const freeTokens = claim("ir-82").stated;
  const freePromptShare = claim("ir-84").stated / 100;
  const tokenRows: [string, number, number, number][] = [
    [
      "Total Tokens Tracked (ir-02)",
      claim("ir-02").stated,
      fileSum("total_tokens"),
      freeTokens,
    ],
    [
      "Prompt Tokens (ir-89)",
      claim("ir-89").stated,
      fileSum("prompt_tokens"),
      freeTokens * freePromptShare,
    ],
    [
      "Response Tokens (ir-91)",
      claim("ir-91").stated,
      fileSum("completion_tokens") - fileSum("reasoning_tokens"),
      freeTokens * (1 - freePromptShare),
    ],
  ];
  const tokenCheck = pl.DataFrame(
    tokenRows.map(([figure, article, file, free]) => ({
      figure,
      article_tokens: article,
      file_tokens: file,
      free_model_tokens: free,
      file_plus_free_tokens: file + free,
      article_vs_file_plus_free_change: (article - file - free) / (file + free),
    })),
  );
  const tenth = tracker.filter((e) =>
    e.verdict === "unverifiable" &&
    /which the tracker's \S+ file lacks/.test(e.note)
  );
  return {
    trackerVerdicts: [...counts.entries()]
      .map(([verdict, n]) => ({ verdict, claims: n }))
      .sort((a, b) => a.verdict.localeCompare(b.verdict)),
    barGaps: {
      frame: barFrame,
      ids: barIds,
      firstWeek: String(barFrame.getColumn("week").get(0) ?? ""),
      lastWeek: String(
        barFrame.getColumn("week").get(barFrame.height - 1) ?? "",
      ),
      gapUsd: range(barFrame, "gap_usd"),
      gapUsdPerMtok: range(barFrame, "gap_usd_per_mtok_of_row"),
    },
    totalTokens: {
      stated: claim("ir-02").stated,
      file: fileSum("total_tokens"),
      freeModel: freeTokens,
    },
    tokenCheck,
    tenthModel: {
      ids: tenth.map((e) => e.id),
      verdicts: [...new Set(tenth.map((e) => e.verdict))],
    },
    otherContradicted: contradicted
      .filter((e) => !barIds.includes(e.id) && !wowChanges.includes(e))
      .map((e) => e.id),
    weekOverWeek: wowChanges.map((e) => ({
      id: e.id,
      stated: e.stated,
      reproduced: e.reproduced,
    })),
  };
}

/**
 * Compute the findings of notebook 04, in named steps (each exported and
 * tested on its own): the weekly totals ({@linkcode weeklyRevenueTotals}),
 * the formula against the rows ({@linkcode formulaFindings}), Anthropic's
 * shares ({@linkcode anthropicFindings}) and the 2026-02-09 article
 * ({@linkcode trackerArticleFindings}).
 *
 * @param results The analyses ({@linkcode runAnalyses}).
 * @param claims The claims (bb-03, bb-04 and the ir-* claims are used).
 * @param ws The workspace (for the number of weekly files).
 * @returns The numbers and flags of the notebook's conclusion.
 * @throws {TypeError} When the data has no tracker weeks or a needed claim is missing.
 *
 * @example The bundled data
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { loadClaims } from "../claims/claims.ts";
 * import { runAnalyses } from "../run/analyses.ts";
 * const ws = await loadWorkspace("data");
 * const claims = await loadClaims("data/claims.csv");
 * const findings = tokensVsDollarsFindings(runAnalyses(ws, claims), claims, ws);
 * assert.equal(findings.formulaMatches, findings.data.modelWeeks);
 * ```
 */
export function tokensVsDollarsFindings(
  results: Analyses,
  claims: readonly Claim[],
  ws: Workspace,
): TokensVsDollarsFindings {
  if (results.period.inference === null || results.revenue.height === 0) {
    throw new TypeError(
      "Cannot compute the tracker findings: the data has no inference-stats week, expected files in raw/inference-stats/",
    );
  }
  const byWeek = weeklyRevenueTotals(results, ws);
  return {
    ...formulaFindings(results, ws, byWeek),
    ...anthropicFindings(results),
    ...trackerArticleFindings(results, claims, byWeek),
  };
}
