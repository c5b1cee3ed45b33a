/**
 * Calendar dates as tokenbook writes them (`YYYY-MM-DD`, UTC): validation,
 * shifting by days, and the Monday of a week. Every room uses these; they
 * depend on nothing.
 *
 * @module
 */

/**
 * True when `text` is a real calendar date written `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(isCalendarDate("2026-02-28"), true);
 * assert.equal(isCalendarDate("2026-02-30"), false);
 * ```
 */
export function isCalendarDate(text: unknown): text is string {
  if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return false;
  }
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) &&
    date.toISOString().slice(0, 10) === text;
}

/** Days in a complete week. */
export const DAYS_PER_WEEK = 7;

/**
 * A calendar date shifted by a number of days (UTC).
 *
 * @param date A calendar date, `YYYY-MM-DD`.
 * @param days Days to add (negative to go back).
 * @returns The shifted date, `YYYY-MM-DD`.
 * @throws Never; an invalid `date` gives an invalid result, so pass calendar dates.
 *
 * @example Back one week across a month end
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(addDays("2026-06-01", -7), "2026-05-25");
 * ```
 */
export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/**
 * The Monday (UTC) of the calendar week a day falls in.
 *
 * @param date A calendar date, `YYYY-MM-DD`.
 * @returns The Monday of its week, `YYYY-MM-DD`.
 * @throws {SyntaxError} When `date` is not a calendar date `YYYY-MM-DD`.
 *
 * @example Sunday belongs to the week that started six days before
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(weekStart("2026-05-24"), "2026-05-18");
 * assert.equal(weekStart("2026-06-01"), "2026-06-01");
 * assert.equal(weekStart("2026-06-07"), "2026-06-01");
 * ```
 */
export function weekStart(date: string): string {
  if (!isCalendarDate(date)) {
    throw new SyntaxError(
      `Cannot find the week of ${
        JSON.stringify(date)
      }: expected a calendar date YYYY-MM-DD`,
    );
  }
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % DAYS_PER_WEEK));
}
