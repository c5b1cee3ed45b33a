/**
 * Checks of weekly and daily token volumes against OpenRouter's
 * rankings-daily: platform totals, one model's tokens, rank, peak and
 * run-rate.
 *
 * @module
 */
import pl from "nodejs-polars";
import {
  compareBoolean,
  compareStated,
  round,
  unverifiable,
} from "../compare.ts";
import { dailyPeak, growthStreak } from "../../analysis/weekly.ts";
import { addDays } from "../../base/dates.ts";
import { RUN_RATE_DAYS } from "../../analysis/movers.ts";
import { formatTokens } from "../../text/format.ts";
import {
  type Check,
  type CheckFamily,
  daysCovered,
  needWeek,
  percentChange,
  permaslugOf,
  RANKINGS,
  rankingsEvidence,
  rowsOf,
  sumOf,
  weekModels,
  weekTotal,
} from "./_inputs.ts";
import { rowsBetween } from "../../analysis/lookup.ts";

const weekEvidence = (
  inputs: Parameters<Check>[1],
  week: string,
  what?: string,
) => rankingsEvidence(inputs, week, addDays(week, 6), what);

const modelRow = (inputs: Parameters<Check>[1], week: string, slug: string) =>
  rowsOf(
    weekModels(inputs, week).filter(pl.col("permaslug").eq(pl.lit(slug))),
  )[0];

const weekTotalTokens: Check = (claim, inputs) => {
  const week = claim.params.week;
  return needWeek(inputs, week, RANKINGS) ??
    compareStated(claim, weekTotal(inputs, week), RANKINGS, {
      note: "scope: OpenRouter's published top 50 + other, not global usage",
      evidence: weekEvidence(inputs, week),
    });
};

const weekTotalWowPct: Check = (claim, inputs) => {
  const week = claim.params.week;
  const method = `week-over-week change of the weekly total (${RANKINGS})`;
  return needWeek(inputs, week, method) ??
    needWeek(inputs, addDays(week, -7), method) ??
    compareStated(
      claim,
      percentChange(
        weekTotal(inputs, week),
        weekTotal(inputs, addDays(week, -7)),
      ),
      method,
      {
        evidence: rankingsEvidence(inputs, addDays(week, -7), addDays(week, 6)),
      },
    );
};

const consecutiveGrowthWeeks: Check = (claim, inputs) => {
  const week = claim.params.week;
  const method =
    "consecutive complete weeks whose total grew, ending at the week (growthStreak)";
  const missing = needWeek(inputs, week, method);
  if (missing !== undefined) return missing;
  const streak = growthStreak(inputs.weeklyTotals, week);
  const first = addDays(week, -7 * streak);
  const evidence = rankingsEvidence(
    inputs,
    addDays(first, -7),
    addDays(week, 6),
  );
  if (daysCovered(inputs, addDays(first, -7)) === 7) {
    return compareStated(claim, streak, method, {
      note: `the week of ${first} did not grow`,
      evidence,
    });
  }
  if (streak >= claim.stated) {
    return compareStated(claim, streak, method, { evidence });
  }
  return unverifiable(
    method,
    `the data shows ${streak} week(s) of growth up to ${week} and has no complete week before ${first}; rankings-daily back to ${
      addDays(week, -7 * claim.stated)
    } would verify it`,
  );
};

const modelWeekTokens: Check = (claim, inputs) => {
  const week = claim.params.week;
  const slug = permaslugOf(inputs, claim.params.model);
  const method = `model's tokens summed over the week (${RANKINGS})`;
  const missing = needWeek(inputs, week, method);
  if (missing !== undefined) return missing;
  const row = modelRow(inputs, week, slug);
  return compareStated(claim, Number(row?.tokens ?? 0), method, {
    note: row === undefined ? `${slug} not in the top 50 that week` : "",
    evidence: weekEvidence(inputs, week, `rows of ${slug}`),
  });
};

const modelWeekWowPct: Check = (claim, inputs) => {
  const week = claim.params.week;
  const slug = permaslugOf(inputs, claim.params.model);
  const method = "model's weekly tokens against the previous complete week";
  const missing = needWeek(inputs, week, method) ??
    needWeek(inputs, addDays(week, -7), method);
  if (missing !== undefined) return missing;
  const now = modelRow(inputs, week, slug);
  const before = modelRow(inputs, addDays(week, -7), slug);
  if (now === undefined || before === undefined) {
    return unverifiable(method, `${slug} is missing from one of the two weeks`);
  }
  return compareStated(
    claim,
    percentChange(Number(now.tokens), Number(before.tokens)),
    method,
    {
      evidence: rankingsEvidence(
        inputs,
        addDays(week, -7),
        addDays(week, 6),
        `rows of ${slug}`,
      ),
    },
  );
};

const modelWeekRank: Check = (claim, inputs) => {
  const week = claim.params.week;
  const slug = permaslugOf(inputs, claim.params.model);
  const method = "rank by weekly tokens among the top-50 rows (other excluded)";
  const missing = needWeek(inputs, week, method);
  if (missing !== undefined) return missing;
  const row = modelRow(inputs, week, slug);
  const rank = row?.rank === undefined || row.rank === null
    ? null
    : Number(row.rank);
  const evidence = weekEvidence(inputs, week);
  if (claim.params.test === "rank_gt_10") {
    return compareBoolean(
      claim,
      rank === null || rank > 10,
      method,
      `rank ${rank ?? "outside the top 50"}`,
      evidence,
    );
  }
  if (claim.params.test === "new_top10_entrant") {
    const prev = needWeek(inputs, addDays(week, -7), method);
    if (prev !== undefined) return prev;
    const before = modelRow(inputs, addDays(week, -7), slug);
    return compareBoolean(
      claim,
      rank !== null && rank <= 10 && !(Number(before?.rank ?? 99) <= 10),
      method,
      `rank ${rank} now, ${before?.rank ?? "–"} the week before`,
      evidence,
    );
  }
  const top = rowsOf(
    weekModels(inputs, week).filter(pl.col("rank").eq(pl.lit(claim.stated))),
  )[0];
  return compareStated(claim, rank ?? 51, method, {
    note: rank === null
      ? `${slug} not ranked that week (51 = outside the top 50)`
      : top === undefined
      ? ""
      : `rank ${claim.stated} that week: ${top.model} (${
        formatTokens(Number(top.tokens))
      })`,
    evidence,
  });
};

const modelDailyPeakTokens: Check = (claim, inputs) => {
  const week = claim.params.week;
  const slug = permaslugOf(inputs, claim.params.model);
  const method = "largest single-day total_tokens of the model in the week";
  const missing = needWeek(inputs, week, method);
  if (missing !== undefined) return missing;
  const peak = dailyPeak(inputs.classified, slug, week);
  return compareStated(claim, peak?.tokens ?? 0, method, {
    note: peak === undefined
      ? `${slug} has no row that week`
      : `peak day ${peak.date}`,
    evidence: weekEvidence(inputs, week, `rows of ${slug}`),
  });
};

const dayRow = (inputs: Parameters<Check>[1], day: string, slug: string) =>
  rowsOf(
    rowsBetween(inputs.classified, "date", day, day).filter(
      pl.col("permaslug").eq(pl.lit(slug)),
    ),
  )[0];

const hasDay = (inputs: Parameters<Check>[1], day: string) =>
  rowsBetween(inputs.classified, "date", day, day).height > 0;

/** How far from a model's 7-day total a "per day" figure may lie for the column to read as 7-day totals. */
export const SEVEN_DAY_TOLERANCE = 0.1;
/** The fewest rows of a "per day" column for its rank order to count as evidence. */
export const MIN_PERIOD_ROWS = 5;

/** A "per day" column of an article read against the models' 7-day totals. */
export interface PerDayColumn {
  /** The day the column names. */
  day: string;
  /** Its rows (claims of `model_day_tokens` of that article and day). */
  ids: string[];
  /** Stated ÷ the model's 7-day total from the day, lowest and highest (null when a row lacks its 7 days). */
  ratio: { low: number; high: number } | null;
  /** Whether the rows, ordered by 7-day total, are in the order of the stated figures. */
  sameOrder: boolean;
  /** Whether the column is 7-day totals: at least {@linkcode MIN_PERIOD_ROWS} rows, every ratio within {@linkcode SEVEN_DAY_TOLERANCE} of 1, the same order. */
  weekly: boolean;
}

/**
 * The article's "per day" column a claim belongs to (its `model_day_tokens`
 * rows for the same day), against each model's 7-day total from that day:
 * the test behind the ⚑ period mislabelled flag, computed from data.
 *
 * @param inputs The checks' inputs.
 * @param claim A claim of the column (or a run-rate computed from it: same article and day).
 * @returns The column.
 */
export function perDayColumn(
  inputs: Parameters<Check>[1],
  claim: { article: string; params: Record<string, string> },
): PerDayColumn {
  const day = claim.params.day;
  const rows = inputs.claims.filter((c) =>
    c.article === claim.article && c.check === "model_day_tokens" &&
    c.params.day === day
  ).map((c) => {
    const slug = permaslugOf(inputs, c.params.model);
    const week = rowsBetween(inputs.classified, "date", day, addDays(day, 6))
      .filter(pl.col("permaslug").eq(pl.lit(slug)));
    return {
      id: c.id,
      stated: c.stated,
      seven: week.height === 7 ? sumOf(week, "tokens") : null,
    };
  });
  const complete = rows.every((r) => r.seven !== null && r.seven > 0);
  const ratios = complete ? rows.map((r) => r.stated / r.seven!) : [];
  const byWeek = [...rows].sort((a, b) => (b.seven ?? 0) - (a.seven ?? 0));
  const sameOrder = complete &&
    byWeek.every((r, i) => i === 0 || byWeek[i - 1].stated >= r.stated);
  const ratio = complete && rows.length > 0
    ? { low: Math.min(...ratios), high: Math.max(...ratios) }
    : null;
  return {
    day,
    ids: rows.map((r) => r.id),
    ratio,
    sameOrder,
    weekly: rows.length >= MIN_PERIOD_ROWS && ratio !== null && sameOrder &&
      ratios.every((q) => Math.abs(q - 1) <= SEVEN_DAY_TOLERANCE),
  };
}

/** The note of a flagged column: its rows, order and ratios. */
export function perDayColumnText(column: PerDayColumn): string {
  return `the column's ${column.ids.length} rows follow the rank order of the models' 7-day totals from ${column.day} and are ${
    column.ratio!.low.toFixed(2)
  }–${
    column.ratio!.high.toFixed(2)
  }× them: the "per day" column is 7-day totals`;
}

const modelDayTokens: Check = (claim, inputs) => {
  const { day } = claim.params;
  const slug = permaslugOf(inputs, claim.params.model);
  const method = "total_tokens of the model on that day in rankings-daily";
  if (!hasDay(inputs, day)) {
    return unverifiable(
      method,
      `no rankings-daily rows for ${day}; the day's rankings-daily rows would verify it`,
    );
  }
  const row = dayRow(inputs, day, slug);
  const week = rowsBetween(inputs.classified, "date", day, addDays(day, 6))
    .filter(pl.col("permaslug").eq(pl.lit(slug)));
  const sevenDays = sumOf(week, "tokens");
  const column = perDayColumn(inputs, claim);
  const result = compareStated(claim, Number(row?.tokens ?? 0), method, {
    note: row === undefined
      ? `${slug} not in that day's top 50`
      : column.weekly
      ? `the stated figure is ${
        (claim.stated / sevenDays).toFixed(2)
      }× the model's 7-day total from ${day} (${formatTokens(sevenDays)}); ${
        perDayColumnText(column)
      }`
      : "",
    evidence: rankingsEvidence(inputs, day, day, `row of ${slug}`),
  });
  return column.weekly ? { ...result, flags: ["period mislabelled"] } : result;
};

const modelDayRank: Check = (claim, inputs) => {
  const { day } = claim.params;
  const slug = permaslugOf(inputs, claim.params.model);
  const method =
    "rank by total_tokens among the day's top-50 rows (other excluded)";
  const dayRows = rowsBetween(inputs.classified, "date", day, day).filter(
    pl.col("is_other").not(),
  ).sort(["tokens", "permaslug"], [true, false]);
  if (dayRows.height === 0) {
    return unverifiable(
      method,
      `no rankings-daily rows for ${day}`,
    );
  }
  const rank =
    (dayRows.getColumn("permaslug").toArray() as string[]).indexOf(slug) + 1;
  return compareStated(claim, rank === 0 ? 51 : rank, method, {
    evidence: rankingsEvidence(inputs, day, day),
  });
};

const runRate30d: Check = (claim, inputs) => {
  const { day } = claim.params;
  const slug = permaslugOf(inputs, claim.params.model);
  const method =
    `tokens of the model that day × ${RUN_RATE_DAYS} (the article's stated run-rate method)`;
  if (!hasDay(inputs, day)) {
    return unverifiable(
      method,
      `no rankings-daily rows for ${day}`,
    );
  }
  const row = dayRow(inputs, day, slug);
  const column = perDayColumn(inputs, claim);
  const result = compareStated(
    claim,
    Number(row?.tokens ?? 0) * RUN_RATE_DAYS,
    method,
    {
      evidence: rankingsEvidence(inputs, day, day, `row of ${slug}`),
    },
  );
  if (!column.weekly) return result;
  return {
    ...result,
    note: `${result.note}; it is the "per day" figure × ${RUN_RATE_DAYS}, and ${
      perDayColumnText(column)
    }, so this is about ${RUN_RATE_DAYS} weeks of tokens, not ${RUN_RATE_DAYS} days`,
    flags: ["period mislabelled"],
  };
};

const windowTotalTokens: Check = (claim, inputs) => {
  const { start, end } = claim.params;
  const method = `sum of all rankings-daily rows from ${start} to ${end}`;
  const rows = rowsBetween(inputs.classified, "date", start, end);
  const days = new Set(rows.getColumn("date").toArray() as string[]).size;
  const wanted = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
  if (days < wanted) {
    return unverifiable(
      method,
      `the data has ${days} of the ${wanted} days from ${start} to ${end}`,
    );
  }
  return compareStated(claim, sumOf(rows, "tokens"), method, {
    note: `${days} days of data; ${round(sumOf(rows, "tokens") / 1e12)}T`,
    evidence: rankingsEvidence(inputs, start, end),
  });
};

/** Platform totals and single models in rankings-daily. */
export const rankingsChecks: CheckFamily = {
  name: "rankings",
  checks: {
    week_total_tokens: weekTotalTokens,
    week_total_wow_pct: weekTotalWowPct,
    consecutive_growth_weeks: consecutiveGrowthWeeks,
    model_week_tokens: modelWeekTokens,
    model_week_wow_pct: modelWeekWowPct,
    model_week_rank: modelWeekRank,
    model_daily_peak_tokens: modelDailyPeakTokens,
    model_day_tokens: modelDayTokens,
    model_day_rank: modelDayRank,
    run_rate_30d: runRate30d,
    window_total_tokens: windowTotalTokens,
  },
};
