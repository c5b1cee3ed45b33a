/**
 * The findings of notebook 02 (China- vs US-origin models, week by week, and
 * two articles' figures about them): every number and flag its summary
 * states, each figure next to the article's with the ledger's comparison.
 *
 * @module
 */
import pl from "nodejs-polars";
import { findModel } from "../analysis/model_info.ts";
import { dailyPeak, growthStreak, topModels } from "../analysis/weekly.ts";
import { addDays, DAYS_PER_WEEK } from "../base/dates.ts";
import { type Claim, compareStated } from "../claims/claims.ts";
import { OTHER_ORIGIN, UNKNOWN_ORIGIN } from "../analysis/model_info.ts";
import type { Analyses } from "../run/analyses.ts";
import type { Workspace } from "../loading/workspace.ts";
import { requireById } from "../claims/lookup.ts";

/** How a figure from the data stands against the article's, by the ledger's method ({@linkcode compareStated}). */
export type Relation = "in line with" | "above" | "below";

/** A figure from the data beside the article's. */
export interface Compared {
  /** The claim id. */
  id: string;
  /** The value from the data, in the claim's unit. */
  value: number;
  /** The article's figure as it reads (`28.9T`, `7.4%`, `2×`). */
  stated: string;
  /** The data against the article's figure. */
  relation: Relation;
}

/** The findings of notebook 02. */
export interface ChinaUsShareFindings {
  /** First and last day of data, number of days, the first day's weekday, complete weeks. */
  coverage: {
    firstDay: string;
    firstWeekday: string;
    lastDay: string;
    days: number;
    completeWeeks: string[];
  };
  /** "The OpenRouter Pricing Truth" and its week. */
  pt: {
    article: string;
    week: string;
    daysCovered: number;
    /** Weekly tokens (pt-01) and week-over-week change in percent (pt-02, null when the week before is partial). */
    total: Compared;
    wow: Compared | null;
    /** The growth streak ending that week, where it stops, and what it says of pt-03's quote. */
    streak: {
      weeks: number;
      quote: string;
      stated: string;
      stopWeek: string;
      /** "holds": at least the stated; "unverifiable": no change computable at the stop; "contradicted": a fall. */
      status: "holds" | "unverifiable" | "contradicted";
      /** The change at the stop week (a fraction), when there is one. */
      stopChange: number | null;
      /** Whether the stop week itself is complete (else it is partial). */
      stopWeekComplete: boolean;
      /** The streak up to the latest complete week. */
      latestWeek: string;
      latestWeeks: number;
    };
    /** China- and US-origin tokens (pt-06, pt-07) and their shares (fractions); China ÷ US (pt-08). */
    china: Compared & { share: number };
    us: Compared & { share: number };
    chinaToUs: Compared & { quote: string; articleOwn: number };
    /** Shares of the `other` row and of unknown origin, and the largest unknown model. */
    otherShare: number;
    unknownShare: number;
    largestUnknown: { model: string; tokens: number } | null;
    /** China-origin models among the week's ten most used. */
    chinaTop10Slots: number;
    /** China's share in every complete week, in order; the US share in the latest. */
    chinaShareByWeek: { week: string; share: number }[];
    usShareLatest: number;
    /** The model of pt-04/pt-09/pt-10 that week: rank, tokens, daily peaks. */
    flash: {
      model: string;
      rank: number;
      statedRank: number;
      tokens: Compared;
      peakQuote: string;
      peakStated: string;
      daysAbove: number;
      days: number;
      busiestDay: string;
      busiest: Compared;
      daysAboveAllData: number;
      daysAllData: number;
      maxDay: string;
      maxTokens: number;
    };
    /** All models of the series vendor (bb-40) that week. */
    series: { vendor: string; tokens: number };
  };
  /** "Billing Beats Benchmarks" and its week. */
  bb: {
    article: string;
    week: string;
    daysCovered: number;
    /** The ledger's figures of that week shown, and how many are unverifiable. */
    ledgerFigures: number;
    unverifiable: number;
    /** Whether both articles give the identical total and change (bb-01 = pt-01, bb-17 = pt-02). */
    sameTotals: boolean;
    totalStated: string;
    wowStated: string;
    /** bb-14's quote, against pt's week total. */
    laterTotal: Compared & { quote: string };
    /** Its own China figure as a share of its own total (bb-19 ÷ bb-01, percent), against bb-06. */
    ownChinaShare: Compared & { quote: string; ofStated: [string, string] };
    /** Rows of its top-10 table labelled "(China)", against bb-26. */
    ownChinaRows: number;
    chinaRowsStated: number;
    chinaRowsQuote: string;
    /** Its series vendor's table rows added up, against its series total (bb-40). */
    ownSeries: Compared & { vendor: string; rows: string[] };
    /** Its top-10 table: rows, and those outside the data's top 10 the first complete week after. */
    tableRows: number;
    firstWeekAfter: string;
    droppedOut: { model: string; claim: string; rank: number | null }[];
  };
  /** The article's top-10 table beside the data in the two complete weeks after it. */
  articleVsData: pl.DataFrame;
  /** The series vendor's tokens, week by week. */
  seriesWeekly: pl.DataFrame;
  /** The peak model's busiest day per week, and its days above the stated bound. */
  peaks: pl.DataFrame;
  /** The ledger ids this notebook's claims table shows. */
  ledgerIds: string[];
}

type Row = Record<string, unknown>;

/** A claim's figure as the article writes it: tokens in T/B (4 significant digits), percent, ratio. */
function statedText(claim: Claim): string {
  const value = claim.stated;
  if (claim.unit.startsWith("tokens")) {
    return value >= 1e12
      ? `${+(value / 1e12).toPrecision(4)}T`
      : `${+(value / 1e9).toPrecision(4)}B`;
  }
  if (claim.unit === "percent") return `${value}%`;
  return claim.unit === "ratio" ? `${value}×` : `${value}`;
}

/**
 * What the steps of {@linkcode chinaUsShareFindings} share: the claims and a
 * figure-beside-claim comparison, the analyses' frames, and the weeks.
 */
export interface OriginShareContext {
  /** A claim by id (a TypeError naming the findings when it is missing). */
  claim: (id: string) => Claim;
  /** A figure from the data beside claim `id`, by the ledger's method. */
  compared: (id: string, value: number) => Compared;
  results: Analyses;
  claims: readonly Claim[];
  ws: Workspace;
  /** The first row of a frame matching a filter. */
  rowOf: (frame: pl.DataFrame, filter: pl.Expr) => Row | undefined;
  /** `week_start` equals the week. */
  weekIs: (week: string) => pl.Expr;
  /** The days of data, sorted; the complete weeks, sorted; the latest complete week ("" when none). */
  days: string[];
  completeWeeks: string[];
  latest: string;
  /** Days of data in a week. */
  daysCovered: (week: string) => number;
}

/**
 * Step 1: the shared context of the origin-share findings.
 *
 * @param results The analyses.
 * @param claims The claims.
 * @param ws The workspace.
 * @returns The context the other steps read.
 */
export function originShareContext(
  results: Analyses,
  claims: readonly Claim[],
  ws: Workspace,
): OriginShareContext {
  const claim = (id: string): Claim =>
    requireById(claims, id, "the origin-share findings");
  const compared = (id: string, value: number): Compared => {
    const c = claim(id);
    const same = compareStated(c, value, "").verdict !== "contradicted";
    return {
      id,
      value,
      stated: statedText(c),
      relation: same ? "in line with" : value > c.stated ? "above" : "below",
    };
  };
  const totals = results.weeklyTotals;
  const rowOf = (frame: pl.DataFrame, filter: pl.Expr) =>
    frame.filter(filter).toRecords()[0] as Row | undefined;
  const weekIs = (week: string) => pl.col("week_start").eq(pl.lit(week));
  const days = [
    ...new Set(results.classified.getColumn("date").toArray() as string[]),
  ].sort();
  const completeWeeks = (totals.filter(pl.col("partial").not())
    .getColumn("week_start").toArray() as string[]).sort();
  return {
    claim,
    compared,
    results,
    claims,
    ws,
    rowOf,
    weekIs,
    days,
    completeWeeks,
    latest: completeWeeks.at(-1) ?? "",
    daysCovered: (week: string) =>
      Number(rowOf(totals, weekIs(week))?.days_covered ?? 0),
  };
}

/**
 * Step 2: what the rankings data covers.
 *
 * @param ctx The context ({@linkcode originShareContext}).
 * @returns First and last day, days, the first day's weekday, complete weeks.
 */
export function dataCoverage(
  ctx: OriginShareContext,
): ChinaUsShareFindings["coverage"] {
  const { days } = ctx;
  return {
    firstDay: days[0] ?? "",
    firstWeekday: days.length === 0 ? "" : new Date(`${days[0]}T00:00:00Z`)
      .toLocaleDateString("en-US", { weekday: "long", timeZone: "UTC" }),
    lastDay: days.at(-1) ?? "",
    days: days.length,
    completeWeeks: ctx.completeWeeks,
  };
}

/**
 * Step 3: the daily peaks of the model of pt-10 (DeepSeek V4 Flash), week by
 * week, against the article's bound.
 *
 * @param ctx The context.
 * @returns The model's permaslug, its rows, the bound, and one row per week (busiest day, days above the bound).
 */
export function peakDays(ctx: OriginShareContext): {
  model: string;
  rows: pl.DataFrame;
  threshold: number;
  peaks: pl.DataFrame;
} {
  const { claim, results } = ctx;
  const { classified, weeklyTotals: totals } = results;
  const model = findModel(ctx.ws.modelIdentity, claim("pt-10").params.model) ??
    claim("pt-10").params.model;
  const threshold = claim("pt-10").stated;
  const rows = classified.filter(pl.col("permaslug").eq(pl.lit(model)));
  const peaks = pl.DataFrame(
    (totals.getColumn("week_start").toArray() as string[]).map((week) => ({
      week_start: week,
      ...dailyPeak(classified, model, week),
      days_above_stated: rows
        .filter(
          pl.col("date").gtEq(pl.lit(week)).and(
            pl.col("date").ltEq(pl.lit(addDays(week, DAYS_PER_WEEK - 1))),
          ),
        )
        .filter(pl.col("tokens").gt(threshold)).height,
    })),
  );
  return { model, rows, threshold, peaks };
}

/**
 * Step 4: the series vendor's (bb-40) tokens, week by week.
 *
 * @param ctx The context.
 * @returns Columns week_start, days_covered, vendor, tokens, share, wow_change.
 */
export function seriesVendorWeekly(ctx: OriginShareContext): pl.DataFrame {
  const vendor = ctx.claim("bb-40").params.vendor.toLowerCase();
  return ctx.results.weeklyVendors
    .filter(pl.col("vendor").eq(pl.lit(vendor)))
    .select(
      "week_start",
      "days_covered",
      "vendor",
      "tokens",
      "share",
      "wow_change",
    );
}

/**
 * Step 5: "The OpenRouter Pricing Truth" against its week: the platform
 * total, its change and growth streak, the origins, the top 10, and the
 * peak model.
 *
 * @param ctx The context.
 * @param peak The peak model's days ({@linkcode peakDays}).
 * @param seriesWeekly The series vendor's weeks ({@linkcode seriesVendorWeekly}).
 * @returns The `pt` part of the findings.
 */
export function pricingTruthFindings(
  ctx: OriginShareContext,
  peak: ReturnType<typeof peakDays>,
  seriesWeekly: pl.DataFrame,
): ChinaUsShareFindings["pt"] {
  const { claim, compared, rowOf, weekIs, daysCovered, latest, results } = ctx;
  const { weeklyModels: weekly, weeklyTotals: totals, weeklyOrigins: origins } =
    results;
  const ptWeek = claim("pt-01").params.week;
  const total = rowOf(totals, weekIs(ptWeek)) ?? {};
  const wowOf = (week: string) => {
    const change = rowOf(totals, weekIs(week))?.wow_change;
    return change === null || change === undefined ? null : Number(change);
  };
  const streak = growthStreak(totals, ptWeek);
  const stopWeek = addDays(ptWeek, -DAYS_PER_WEEK * streak);
  const originIn = (origin: string, week = ptWeek) =>
    rowOf(origins, weekIs(week).and(pl.col("origin").eq(pl.lit(origin)))) ??
      { tokens: 0, share: 0 };
  const [china, us, unknown, other] = [
    "China",
    "US",
    UNKNOWN_ORIGIN,
    OTHER_ORIGIN,
  ]
    .map((origin) => originIn(origin));
  const unknownTop = rowOf(
    weekly,
    weekIs(ptWeek).and(pl.col("origin").eq(pl.lit(UNKNOWN_ORIGIN))),
  );
  const top10 = topModels(weekly, 10);
  const flashWeek = rowOf(
    weekly,
    weekIs(ptWeek).and(pl.col("permaslug").eq(pl.lit(peak.model))),
  ) ?? {};
  const flashPeak = rowOf(peak.peaks, weekIs(ptWeek)) ?? {};
  const flashMax = (peak.rows.sort(["tokens", "date"], [true, false])
    .toRecords()[0] ?? {}) as Row;
  const wow = wowOf(ptWeek);
  return {
    article: claim("pt-01").article,
    week: ptWeek,
    daysCovered: daysCovered(ptWeek),
    total: compared("pt-01", Number(total.tokens ?? 0)),
    wow: wow === null ? null : compared("pt-02", wow * 100),
    streak: {
      weeks: streak,
      quote: claim("pt-03").quote,
      stated: statedText(claim("pt-03")),
      stopWeek,
      status: streak >= claim("pt-03").stated
        ? "holds"
        : wowOf(stopWeek) === null
        ? "unverifiable"
        : "contradicted",
      stopChange: wowOf(stopWeek),
      stopWeekComplete: daysCovered(stopWeek) === DAYS_PER_WEEK,
      latestWeek: latest,
      latestWeeks: latest === "" ? 0 : growthStreak(totals, latest),
    },
    china: {
      ...compared("pt-06", Number(china.tokens)),
      share: Number(china.share),
    },
    us: { ...compared("pt-07", Number(us.tokens)), share: Number(us.share) },
    chinaToUs: {
      ...compared("pt-08", Number(china.tokens) / Number(us.tokens)),
      quote: claim("pt-08").quote,
      articleOwn: claim("pt-06").stated / claim("pt-07").stated,
    },
    otherShare: Number(other.share),
    unknownShare: Number(unknown.share),
    largestUnknown: unknownTop === undefined ? null : {
      model: String(unknownTop.model),
      tokens: Number(unknownTop.tokens),
    },
    chinaTop10Slots: top10.filter(
      weekIs(ptWeek).and(pl.col("origin").eq(pl.lit("China"))),
    ).height,
    chinaShareByWeek: ctx.completeWeeks.map((week) => ({
      week,
      share: Number(originIn("China", week).share),
    })),
    usShareLatest: Number(originIn("US", latest).share),
    flash: {
      model: String(flashWeek.model ?? peak.model),
      rank: Number(flashWeek.rank),
      statedRank: claim("pt-09").stated,
      tokens: compared("pt-04", Number(flashWeek.tokens ?? 0)),
      peakQuote: claim("pt-10").quote,
      peakStated: statedText(claim("pt-10")),
      daysAbove: Number(flashPeak.days_above_stated ?? 0),
      days: Number(flashPeak.days ?? 0),
      busiestDay: String(flashPeak.date ?? ""),
      busiest: compared("pt-10", Number(flashPeak.tokens ?? 0)),
      daysAboveAllData: peak.rows.filter(pl.col("tokens").gt(peak.threshold))
        .height,
      daysAllData: peak.rows.height,
      maxDay: String(flashMax.date ?? ""),
      maxTokens: Number(flashMax.tokens ?? 0),
    },
    series: {
      vendor: claim("bb-40").params.vendor,
      tokens: Number(rowOf(seriesWeekly, weekIs(ptWeek))?.tokens ?? 0),
    },
  };
}

/**
 * Step 6: "Billing Beats Benchmarks"' top-10 table beside the data in the
 * two complete weeks after its week.
 *
 * @param ctx The context.
 * @returns The table's claims, the weeks after, and the frame (article rank, claim, row, tokens, then rank/tokens/wow per week).
 */
export function articleTop10VsData(ctx: OriginShareContext): {
  tableClaims: Claim[];
  weeksAfter: string[];
  frame: pl.DataFrame;
} {
  const { claim, claims, ws, weekIs } = ctx;
  const weekly = ctx.results.weeklyModels;
  const bbArticle = claim("bb-01").article;
  const bbWeek = claim("bb-01").params.week;
  const tableClaims = claims.filter((c) =>
    c.article === bbArticle && c.check === "model_week_tokens" &&
    c.params.week === bbWeek
  );
  const tableWow = new Map(
    claims.filter((c) =>
      c.article === bbArticle && c.check === "model_week_wow_pct" &&
      c.params.week === bbWeek
    ).map((c) => [c.params.model, c.stated / 100]),
  );
  const articleTop10 = pl.DataFrame(
    tableClaims.map((c, index) => ({
      article_rank: Number(/table rank (\d+)/.exec(c.needs)?.[1] ?? index + 1),
      claim: c.id,
      article_row: c.quote,
      permaslug: findModel(ws.modelIdentity, c.params.model) ?? c.params.model,
      article_tokens: c.stated,
      article_wow_change: tableWow.get(c.params.model) ?? null,
    })),
    {
      schema: {
        article_rank: pl.Int64,
        claim: pl.Utf8,
        article_row: pl.Utf8,
        permaslug: pl.Utf8,
        article_tokens: pl.Float64,
        article_wow_change: pl.Float64,
      },
    },
  );
  const weeksAfter = ctx.completeWeeks.filter((week) => week > bbWeek).slice(
    0,
    2,
  );
  const names = ws.modelIdentity
    .select("permaslug", pl.col("display_name").alias("model"))
    .unique({ subset: "permaslug", keep: "first", maintainOrder: true });
  const frame = weeksAfter.reduce(
    (frame, week) =>
      frame.join(
        weekly.filter(weekIs(week)).select(
          "permaslug",
          pl.col("rank").alias(`rank ${week}`),
          pl.col("tokens").alias(`tokens ${week}`),
          pl.col("wow_change").alias(`wow_change ${week}`),
        ),
        { on: "permaslug", how: "left" },
      ),
    articleTop10.join(names, { on: "permaslug", how: "left" }),
  ).sort("article_rank");
  return { tableClaims, weeksAfter, frame };
}

/** The ledger ids notebook 02's claims table shows, for a top-10 table's claims. */
export function originShareLedgerIds(tableClaims: readonly Claim[]): string[] {
  return [
    ..."01 02 03 04 06 07 08 09 10 11".split(" ").map((n) => `pt-${n}`),
    ..."01 06 14 17 18 19 21 23 26".split(" ").map((n) => `bb-${n}`),
    ...tableClaims.map((c) => c.id),
    "bb-40",
  ];
}

/**
 * Step 7: "Billing Beats Benchmarks" against its week, the other article and
 * its own figures.
 *
 * @param ctx The context.
 * @param table Its top-10 table beside the data ({@linkcode articleTop10VsData}).
 * @param ledgerIds The ids the notebook shows ({@linkcode originShareLedgerIds}).
 * @param ptWeekTokens The data's tokens of pt-01's week (bb-14 names that total).
 * @returns The `bb` part of the findings.
 */
export function billingBeatsFindings(
  ctx: OriginShareContext,
  table: ReturnType<typeof articleTop10VsData>,
  ledgerIds: readonly string[],
  ptWeekTokens: number,
): ChinaUsShareFindings["bb"] {
  const { claim, compared, daysCovered } = ctx;
  const { tableClaims, weeksAfter, frame } = table;
  const bbArticle = claim("bb-01").article;
  const bbWeek = claim("bb-01").params.week;
  const seriesVendor = claim("bb-40").params.vendor.toLowerCase();
  const firstAfter = weeksAfter[0] ?? "";
  const rankAfter = `rank ${firstAfter}`;
  const bbLedger = ctx.results.ledger.filter((e) =>
    ledgerIds.includes(e.id) && e.id.startsWith("bb-") &&
    claim(e.id).params.week === bbWeek
  );
  const ownChinaShare = claim("bb-19").stated / claim("bb-01").stated * 100;
  const ownSeries = tableClaims.filter((c) =>
    c.params.model.startsWith(`${seriesVendor}/`)
  );
  return {
    article: bbArticle,
    week: bbWeek,
    daysCovered: daysCovered(bbWeek),
    ledgerFigures: bbLedger.length,
    unverifiable: bbLedger.filter((e) => e.verdict === "unverifiable").length,
    sameTotals: claim("pt-01").stated === claim("bb-01").stated &&
      claim("pt-02").stated === claim("bb-17").stated,
    totalStated: statedText(claim("bb-01")),
    wowStated: statedText(claim("bb-17")),
    laterTotal: {
      ...compared("bb-14", ptWeekTokens),
      quote: claim("bb-14").quote,
    },
    ownChinaShare: {
      ...compared("bb-06", ownChinaShare),
      quote: claim("bb-06").quote,
      ofStated: [statedText(claim("bb-19")), statedText(claim("bb-01"))],
    },
    ownChinaRows: tableClaims.filter((c) => c.quote.includes("(China)")).length,
    chinaRowsStated: claim("bb-26").stated,
    chinaRowsQuote: claim("bb-26").quote,
    ownSeries: {
      ...compared("bb-40", ownSeries.reduce((sum, c) => sum + c.stated, 0)),
      vendor: claim("bb-40").params.vendor,
      rows: ownSeries.map(statedText),
    },
    tableRows: tableClaims.length,
    firstWeekAfter: firstAfter,
    droppedOut: firstAfter === "" ? [] : (frame
      .filter(pl.col(rankAfter).isNull().or(pl.col(rankAfter).gt(10)))
      .toRecords() as Row[]).map((r) => ({
        model: String(r.model ?? r.permaslug),
        claim: String(r.claim),
        rank: r[rankAfter] === null ? null : Number(r[rankAfter]),
      })),
  };
}

/**
 * Compute the findings of notebook 02, in named steps (each exported and
 * tested on its own): the context ({@linkcode originShareContext}), the
 * coverage ({@linkcode dataCoverage}), the peak model's days
 * ({@linkcode peakDays}), the series vendor's weeks
 * ({@linkcode seriesVendorWeekly}), "The OpenRouter Pricing Truth"
 * ({@linkcode pricingTruthFindings}), the other article's top-10 table
 * ({@linkcode articleTop10VsData}) and "Billing Beats Benchmarks"
 * ({@linkcode billingBeatsFindings}).
 *
 * @param results The analyses ({@linkcode runAnalyses}).
 * @param claims The claims (pt-01 … pt-11, bb-01 … bb-40 are used).
 * @param ws The workspace (its model-identity table resolves the articles' model names).
 * @returns The numbers and flags of the notebook's summary.
 * @throws {TypeError} When a claim the summary needs is missing.
 *
 * @example The bundled data
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { loadClaims } from "../claims/claims.ts";
 * import { runAnalyses } from "../run/analyses.ts";
 * const ws = await loadWorkspace("data");
 * const claims = await loadClaims("data/claims.csv");
 * const findings = chinaUsShareFindings(runAnalyses(ws, claims), claims, ws);
 * assert.equal(findings.pt.week, "2026-06-01");
 * ```
 */
export function chinaUsShareFindings(
  results: Analyses,
  claims: readonly Claim[],
  ws: Workspace,
): ChinaUsShareFindings {
  const ctx = originShareContext(results, claims, ws);
  const peak = peakDays(ctx);
  const seriesWeekly = seriesVendorWeekly(ctx);
  const pt = pricingTruthFindings(ctx, peak, seriesWeekly);
  const table = articleTop10VsData(ctx);
  const ledgerIds = originShareLedgerIds(table.tableClaims);
  return {
    coverage: dataCoverage(ctx),
    pt,
    bb: billingBeatsFindings(ctx, table, ledgerIds, pt.total.value),
    articleVsData: table.frame,
    seriesWeekly,
    peaks: peak.peaks,
    ledgerIds,
  };
}
