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
  dataSpan,
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
    `the data shows ${streak} week(s) of growth up to ${week} and has no complete week before ${first} (${
      dataSpan(inputs)
    }); rankings-daily back to ${
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

const modelDayTokens: Check = (claim, inputs) => {
  const { day } = claim.params;
  const slug = permaslugOf(inputs, claim.params.model);
  const method = "total_tokens of the model on that day in rankings-daily";
  if (!hasDay(inputs, day)) {
    return unverifiable(
      method,
      `no rankings-daily rows for ${day} (${
        dataSpan(inputs)
      }); the day's rankings-daily rows would verify it`,
    );
  }
  const row = dayRow(inputs, day, slug);
  const week = rowsBetween(inputs.classified, "date", day, addDays(day, 6))
    .filter(pl.col("permaslug").eq(pl.lit(slug)));
  const sevenDays = sumOf(week, "tokens");
  const looksWeekly = week.height === 7 &&
    Math.abs(claim.stated / sevenDays - 1) <= 0.1;
  return compareStated(claim, Number(row?.tokens ?? 0), method, {
    note: row === undefined
      ? `${slug} not in that day's top 50`
      : looksWeekly
      ? `the stated figure is within 10% of the model's 7-day total from ${day} (${
        formatTokens(sevenDays)
      }): the "per day" column looks like a 7-day sum`
      : "",
    evidence: rankingsEvidence(inputs, day, day, `row of ${slug}`),
  });
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
      `no rankings-daily rows for ${day} (${dataSpan(inputs)})`,
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
      `no rankings-daily rows for ${day} (${dataSpan(inputs)})`,
    );
  }
  const row = dayRow(inputs, day, slug);
  return compareStated(
    claim,
    Number(row?.tokens ?? 0) * RUN_RATE_DAYS,
    method,
    {
      evidence: rankingsEvidence(inputs, day, day, `row of ${slug}`),
    },
  );
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
      `the data has ${days} of the ${wanted} days (${dataSpan(inputs)})`,
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
