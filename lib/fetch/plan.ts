/**
 * Which rankings-daily days to request: the days in a range that the saved
 * files do not cover, plus the last few days again (they may be restated),
 * grouped into as few date windows as the API allows.
 *
 * @module
 */
import { addDays } from "../base/dates.ts";

/**
 * The longest window requested at once, in days. OpenRouter's Data API
 * documentation (openrouter.ai/docs/cookbook/administration/data-api,
 * "Rankings Daily", rules): "The maximum span between `start_date` and
 * `end_date` is 366 days (one year + 1 leap day). Wider windows return
 * `400 Bad Request`." Both bounds are inclusive, so a window holds at most
 * 366 days.
 */
export const MAX_WINDOW_DAYS = 366;
/**
 * The days requested when nothing is saved and no `--since` is given: 30, the
 * API's own default window ("`start_date` … Default: 30 days before
 * `end_date`").
 */
export const DEFAULT_SPAN_DAYS = 30;
/** How many of the newest saved days are requested again, since OpenRouter may restate them. */
export const RECHECK_DAYS = 3;
/** The first day of the rankings-daily dataset. */
export const DATASET_START = "2025-01-01";

/** One request's date window, both ends inclusive (`YYYY-MM-DD`, UTC). */
export interface DateWindow {
  /** First day. */
  start: string;
  /** Last day. */
  end: string;
}

/** What {@linkcode planRankingsWindows} decided. */
export interface RankingsPlan {
  /** The windows to request, in date order. */
  windows: DateWindow[];
  /** Days in the range that no saved file covers. */
  missing: string[];
  /** Days already saved that are requested again (the newest {@linkcode RECHECK_DAYS}). */
  recheck: string[];
}

/**
 * Plan the rankings-daily requests for `since … until`: every day not in
 * `have`, plus the newest `recheckDays` days of `have` in the range,
 * covered greedily by windows of at most `maxWindowDays` days (each window
 * starts at the first day still to fetch and reaches as far as it may; this
 * gives the fewest windows). A window may span days already saved between two
 * missing ones: they cost no extra request.
 *
 * @param have The days the saved files already cover.
 * @param range `since` and `until` (inclusive); `since` is raised to {@linkcode DATASET_START}.
 * @param options `recheckDays` (default {@linkcode RECHECK_DAYS}), `maxWindowDays` (default {@linkcode MAX_WINDOW_DAYS}).
 * @returns The windows, the missing days and the re-checked days.
 * @throws {RangeError} When `since` is after `until` or `maxWindowDays` is below 1.
 *
 * @example Two gaps, one window
 * ```ts
 * import assert from "node:assert/strict";
 * const have = new Set(["2026-06-02", "2026-06-03", "2026-06-05"]);
 * const plan = planRankingsWindows(have, { since: "2026-06-01", until: "2026-06-05" }, { recheckDays: 1 });
 * assert.deepEqual(plan.missing, ["2026-06-01", "2026-06-04"]);
 * assert.deepEqual(plan.recheck, ["2026-06-05"]);
 * assert.deepEqual(plan.windows, [{ start: "2026-06-01", end: "2026-06-05" }]);
 * ```
 */
export function planRankingsWindows(
  have: ReadonlySet<string>,
  range: { since: string; until: string },
  options: { recheckDays?: number; maxWindowDays?: number } = {},
): RankingsPlan {
  const recheckDays = options.recheckDays ?? RECHECK_DAYS;
  const maxWindowDays = options.maxWindowDays ?? MAX_WINDOW_DAYS;
  if (!(maxWindowDays >= 1)) {
    throw new RangeError(
      `Cannot plan windows of ${maxWindowDays} days: expected at least 1`,
    );
  }
  const since = range.since < DATASET_START ? DATASET_START : range.since;
  if (since > range.until) {
    throw new RangeError(
      `Cannot plan ${since} … ${range.until}: the first day is after the last`,
    );
  }
  const missing: string[] = [];
  const saved: string[] = [];
  for (let day = since; day <= range.until; day = addDays(day, 1)) {
    (have.has(day) ? saved : missing).push(day);
  }
  const recheck = recheckDays > 0 ? saved.slice(-recheckDays) : [];
  const wanted = [...missing, ...recheck].sort();
  const windows: DateWindow[] = [];
  for (const day of wanted) {
    const last = windows.at(-1);
    if (last !== undefined && day <= addDays(last.start, maxWindowDays - 1)) {
      last.end = day;
    } else windows.push({ start: day, end: day });
  }
  return { windows, missing, recheck };
}
