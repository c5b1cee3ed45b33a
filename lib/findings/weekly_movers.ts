/**
 * The findings of notebook 05 (week-over-week movers, and the one-day table
 * of "the most-used AI models"): every number and flag its summary states.
 *
 * @module
 */
import pl from "nodejs-polars";
import {
  checkDailyTable,
  movers,
  RUN_RATE_DAYS,
  topEntriesExits,
  weekOverWeek,
} from "../analysis/movers.ts";
import { type Claim, toleranceOf } from "../claims/claims.ts";
import type { Analyses } from "../run/analyses.ts";
import type { Workspace } from "../loading/workspace.ts";

/**
 * The week-over-week change beyond which a model counts as a mover, as a
 * fraction: "treat a 30%+ WoW move as a routing ticket" ("2026 OpenRouter:
 * Billing Beats Benchmarks").
 */
export const MOVER_THRESHOLD = 0.3;

/** One model's move from one week to the next. */
export interface Move {
  /** Display name. */
  model: string;
  /** Week-over-week change of its tokens, a fraction. */
  change: number;
  /** Last week's rank. */
  prevRank: number;
  /** This week's rank. */
  rank: number;
}

/** The findings of notebook 05. */
export interface WeeklyMoversFindings {
  /** The mover threshold used, a fraction. */
  threshold: number;
  /** Every model-week with a change: the {@linkcode weekOverWeek} rows. */
  changes: pl.DataFrame;
  /** The movers beyond ±threshold ({@linkcode movers}). */
  moved: pl.DataFrame;
  /** Entries to and exits from the top 10 and top 50. */
  entriesExits: pl.DataFrame;
  /** The complete weeks compared with a complete week before, sorted. */
  weeksCompared: string[];
  /** Movers per compared week, up and down. */
  moversPerWeek: { week: string; up: number; down: number }[];
  /** The latest compared week. */
  latestWeek: string;
  /** Its three largest rises, largest first, and three largest falls, largest fall first. */
  latestRises: Move[];
  /** See `latestRises`. */
  latestFalls: Move[];
  /** Top-10 entries and exits per compared week (`change`: "entered" | "left"). */
  top10Changes: {
    week: string;
    changes: { model: string; change: string }[];
  }[];
  /** The one-day table of the article, checked against the day's data; null when the data has no row for its day (e.g. cut before it). */
  dailyTable: DailyTableFindings | null;
}

/** The one-day table of "the most-used AI models" against the day's data. */
export interface DailyTableFindings {
  /** The source day. */
  day: string;
  /** The article. */
  article: string;
  /** Stated vs data, one row per table row in the article's order. */
  frame: pl.DataFrame;
  /** Rows, and how many the ledger finds contradicted. */
  rows: number;
  contradicted: number;
  /** Stated ÷ actual tokens that day: lowest and highest. */
  ratioLow: number;
  ratioHigh: number;
  /** The stated leader (the table's first row). */
  leader: {
    model: string;
    actualRank: number;
    statedTokens: number;
    actualTokens: number;
    statedRunRate: number | null;
    actualRunRate: number;
  };
  /** The stated rows added up, and everything published for the day (top 50 + other). */
  statedSum: number;
  dayTotal: number;
  /** `statedSum` ÷ `dayTotal`. */
  statedSumToDay: number;
  /** Rows whose stated rank is not the day's rank. */
  rankMismatches: { model: string; stated: number; actual: number | null }[];
  /** Stated ÷ the model's tokens over 7 days from the day, minus 1: lowest and highest. */
  weekOffLow: number;
  weekOffHigh: number;
  /** Rows closer (on a log scale) to that 7-day total than to the day. */
  closerToWeek: number;
  /** Stated run-rates equal to the stated day × 30 within both figures' rounding. */
  runRateConsistent: number;
  /** Days in the run-rate (30). */
  runRateDays: number;
  /** The table's ledger entries (rows and run-rates), and those the ledger flags ⚑ period mislabelled. */
  ledgerEntries: number;
  periodMislabelled: number;
}

type Row = Record<string, unknown>;

function move(r: Row): Move {
  return {
    model: String(r.model),
    change: Number(r.wow_change),
    prevRank: Number(r.prev_rank),
    rank: Number(r.rank),
  };
}

/** The article's day table: its rows in the article's order, with the ledger's verdicts. */
function dailyTableFrame(
  results: Analyses,
  claims: readonly Claim[],
  ws: Workspace,
): { day: string; article: string; frame: pl.DataFrame } | null {
  const dayClaims = claims.filter((c) => c.check === "model_day_tokens");
  if (dayClaims.length === 0) {
    throw new TypeError(
      "Cannot compute the movers findings: claims.csv has no model_day_tokens claim, expected the one-day table's rows",
    );
  }
  const day = dayClaims[0].params.day;
  const article = dayClaims[0].article;
  const tableRank = (quote: string) =>
    Number(/#(\d+)/.exec(quote)?.[1] ?? Infinity);
  const rowClaims = dayClaims
    .filter((c) => c.article === article && c.params.day === day)
    .sort((a, b) => tableRank(a.quote) - tableRank(b.quote));
  const runRates = new Map(
    claims.filter((c) => c.check === "run_rate_30d" && c.params.day === day)
      .map((c) => [c.params.model, c]),
  );
  const verdicts = new Map(results.ledger.map((e) => [e.id, e.verdict]));
  const names = ws.modelIdentity
    .select("permaslug", pl.col("display_name").alias("model"))
    .unique({ subset: "permaslug", keep: "first", maintainOrder: true });
  const hasDay = results.classified.filter(
    pl.col("date").eq(pl.lit(day)).and(
      pl.col("permaslug").neq(pl.lit("other")),
    ),
  ).height > 0;
  if (!hasDay) return null;
  const frame = checkDailyTable(
    results.classified,
    day,
    rowClaims.map((c) => ({
      model: c.params.model,
      tokens: c.stated,
      run_rate_30d: runRates.get(c.params.model)?.stated,
    })),
    ws.modelIdentity,
  )
    .drop("model")
    .withColumns(
      pl.Series(
        "claims",
        rowClaims.map((c) =>
          [c.id, runRates.get(c.params.model)?.id].filter(Boolean).join(", ")
        ),
        pl.Utf8,
      ),
      pl.Series(
        "verdict",
        rowClaims.map((c) => verdicts.get(c.id) ?? null),
        pl.Utf8,
      ),
      pl.Series("quote", rowClaims.map((c) => c.quote), pl.Utf8),
      pl.col("stated_tokens").div(pl.col("tokens_7d_from_day")).alias(
        "ratio_to_7d",
      ),
    )
    .join(names, { on: "permaslug", how: "left" })
    .sort("stated_rank");
  return { day, article, frame };
}

/**
 * Compute the findings of notebook 05.
 *
 * @param results The analyses ({@linkcode runAnalyses}).
 * @param claims The claims (the `model_day_tokens` and `run_rate_30d` rows are used).
 * @param ws The workspace (its model-identity table names the models).
 * @returns The numbers and flags of the notebook's summary.
 * @throws {TypeError} When claims.csv has no one-day table.
 * @throws {RangeError} When the data has no row for the table's day.
 *
 * @example The bundled data
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { loadClaims } from "../claims/claims.ts";
 * import { runAnalyses } from "../run/analyses.ts";
 * const ws = await loadWorkspace("data");
 * const claims = await loadClaims("data/claims.csv");
 * const findings = weeklyMoversFindings(runAnalyses(ws, claims), claims, ws);
 * assert.equal(findings.latestWeek, "2026-06-15");
 * ```
 */
export function weeklyMoversFindings(
  results: Analyses,
  claims: readonly Claim[],
  ws: Workspace,
): WeeklyMoversFindings {
  const weekly = results.weeklyModels;
  const changes = weekOverWeek(weekly);
  const moved = movers(weekly, { threshold: MOVER_THRESHOLD });
  const rows = (frame: pl.DataFrame) => frame.toRecords() as Row[];
  const weeksCompared = [
    ...new Set(rows(changes).map((r) => String(r.week_start))),
  ].sort();
  const latestWeek = weeksCompared.at(-1) ?? "";
  const latest = rows(
    changes.filter(
      pl.col("week_start").eq(pl.lit(latestWeek)).and(
        pl.col("wow_change").isNotNull(),
      ),
    ).sort(["wow_change", "permaslug"], [true, false]),
  );
  const top10 = rows(topEntriesExits(weekly, 10));
  const num = (r: Row, key: string) => Number(r[key]);

  return {
    threshold: MOVER_THRESHOLD,
    changes,
    moved,
    entriesExits: pl.concat([
      topEntriesExits(weekly, 10),
      topEntriesExits(weekly, 50),
    ]),
    weeksCompared,
    moversPerWeek: weeksCompared.map((week) => {
      const mine = rows(moved).filter((r) => r.week_start === week);
      return {
        week,
        up: mine.filter((r) => r.direction === "up").length,
        down: mine.filter((r) => r.direction === "down").length,
      };
    }),
    latestWeek,
    latestRises: latest.filter((r) => num(r, "wow_change") > 0).slice(0, 3)
      .map(move),
    latestFalls: latest.filter((r) => num(r, "wow_change") < 0).slice(-3)
      .reverse().map(move),
    top10Changes: weeksCompared.map((week) => ({
      week,
      changes: top10.filter((r) => r.week_start === week).map((r) => ({
        model: String(r.model),
        change: String(r.change).replace(" top 10", ""),
      })),
    })),
    dailyTable: dailyTableFindings(results, claims, ws),
  };
}

/** The one-day table's findings, or null when the data has no row for its day. */
function dailyTableFindings(
  results: Analyses,
  claims: readonly Claim[],
  ws: Workspace,
): DailyTableFindings | null {
  const checked = dailyTableFrame(results, claims, ws);
  if (checked === null) return null;
  const { day, article, frame } = checked;
  const table = frame.toRecords() as Row[];
  const num = (r: Row, key: string) => Number(r[key]);
  const ratios = table.map((r) => num(r, "ratio"));
  const weekOff = table.map((r) => num(r, "ratio_to_7d") - 1);
  const leader = table[0];
  const statedSum = table.reduce((sum, r) => sum + num(r, "stated_tokens"), 0);
  const dayTotal = Number(
    results.classified.filter(pl.col("date").eq(pl.lit(day)))
      .getColumn("tokens").sum(),
  );
  const ids = (frame.getColumn("claims").toArray() as string[]).flatMap((c) =>
    c.split(", ")
  );
  return {
    day,
    article,
    frame,
    rows: table.length,
    contradicted: table.filter((r) => r.verdict === "contradicted").length,
    ratioLow: Math.min(...ratios),
    ratioHigh: Math.max(...ratios),
    leader: {
      model: String(leader.model),
      actualRank: num(leader, "actual_rank"),
      statedTokens: num(leader, "stated_tokens"),
      actualTokens: num(leader, "actual_tokens"),
      statedRunRate: leader.stated_run_rate_30d === null
        ? null
        : num(leader, "stated_run_rate_30d"),
      actualRunRate: num(leader, "actual_run_rate_30d"),
    },
    statedSum,
    dayTotal,
    statedSumToDay: statedSum / dayTotal,
    rankMismatches: table
      .filter((r) => r.actual_rank !== r.stated_rank)
      .map((r) => ({
        model: String(r.model),
        stated: num(r, "stated_rank"),
        actual: r.actual_rank === null ? null : num(r, "actual_rank"),
      })),
    weekOffLow: Math.min(...weekOff),
    weekOffHigh: Math.max(...weekOff),
    closerToWeek:
      table.filter((r) =>
        Math.abs(Math.log(num(r, "ratio_to_7d"))) <
          Math.abs(Math.log(num(r, "ratio")))
      ).length,
    // Half a unit of each figure's last digit (toleranceOf), the day's multiplied by 30.
    runRateConsistent: table.filter((r) =>
      r.stated_run_rate_30d !== null &&
      Math.abs(
          num(r, "stated_tokens") * RUN_RATE_DAYS -
            num(r, "stated_run_rate_30d"),
        ) <=
        RUN_RATE_DAYS *
              toleranceOf(num(r, "stated_tokens"), String(r.quote)) +
          toleranceOf(num(r, "stated_run_rate_30d"), String(r.quote))
    ).length,
    runRateDays: RUN_RATE_DAYS,
    ledgerEntries: ids.length,
    periodMislabelled:
      results.ledger.filter((e) =>
        ids.includes(e.id) && e.flags.includes("period mislabelled")
      ).length,
  };
}
