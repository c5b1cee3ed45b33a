/**
 * Number formats with units, shared by notebooks, tables, the report and charts.
 *
 * @module
 */

/**
 * What every formatter prints for a value that is not a finite number
 * (Infinity, NaN): never "$∞" or "NaN%".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(formatUsd(Infinity), NOT_A_NUMBER);
 * assert.equal(formatPercent(0 / 0), "n/a");
 * ```
 */
export const NOT_A_NUMBER = "n/a";

/**
 * Format a token count with a T/B/M/K suffix (decimal, 1T = 10^12 tokens).
 *
 * @param tokens A count of tokens.
 * @param digits Significant decimals after the point (default 2).
 * @returns e.g. `"3.43T"`, `"806B"` is written `"806.00B"` with digits 2.
 *
 * @example Trillions
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(formatTokens(3_430_000_000_000), "3.43T");
 * assert.equal(formatTokens(822_800_000_000, 1), "822.8B");
 * ```
 */
export function formatTokens(tokens: number, digits = 2): string {
  if (!Number.isFinite(tokens)) return NOT_A_NUMBER;
  const units: [number, string][] = [[1, ""], [1e3, "K"], [1e6, "M"], [
    1e9,
    "B",
  ], [1e12, "T"]];
  const abs = Math.abs(tokens);
  let index = units.findLastIndex(([size]) => abs >= size);
  if (index < 0) return tokens.toFixed(0);
  // Choose the unit after rounding, so 999,999 is "1.00M", not "1000.00K".
  if (
    index < units.length - 1 &&
    Number((abs / units[index][0]).toFixed(index === 0 ? 0 : digits)) >= 1000
  ) index++;
  if (index === 0) return tokens.toFixed(0);
  const [size, suffix] = units[index];
  return `${(tokens / size).toFixed(digits)}${suffix}`;
}

/**
 * Format US dollars, with more decimals for small amounts.
 *
 * @param usd An amount in US dollars.
 * @returns e.g. `"$0.0078"`, `"$105.00"`, `"$2,397,302.04"`.
 *
 * @example Small and large amounts
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(formatUsd(0.00784), "$0.0078");
 * assert.equal(formatUsd(2397302.04), "$2,397,302.04");
 * ```
 */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return NOT_A_NUMBER;
  const decimalsFor = (
    abs: number,
  ) => (abs >= 1 || abs === 0 ? 2 : abs >= 0.01 ? 3 : 4);
  let decimals = decimalsFor(Math.abs(usd));
  // Decide the decimals on the rounded amount, so 0.9999 is "$1.00", not "$1.000".
  decimals = decimalsFor(Number(Math.abs(usd).toFixed(decimals)));
  const rounded = Number(Math.abs(usd).toFixed(decimals));
  const text = Math.abs(usd).toLocaleString("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return `${usd < 0 && rounded !== 0 ? "-" : ""}$${text}`;
}

/**
 * Format a fraction 0–1 as a percentage.
 *
 * @param fraction A share as a fraction (0.5 is 50%).
 * @param digits Decimals (default 1).
 * @returns e.g. `"45.3%"`.
 *
 * @example Half
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(formatPercent(0.4532), "45.3%");
 * ```
 */
export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return NOT_A_NUMBER;
  return `${(fraction * 100).toFixed(digits)}%`;
}

/**
 * Format a price in USD per million tokens.
 *
 * @param usdPerMtok A price in USD per million tokens.
 * @returns e.g. `"$0.098/M"`.
 *
 * @example Cheap and premium prices
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(formatUsdPerMtok(0.098), "$0.098/M");
 * assert.equal(formatUsdPerMtok(15), "$15/M");
 * ```
 */
export function formatUsdPerMtok(usdPerMtok: number): string {
  if (!Number.isFinite(usdPerMtok)) return NOT_A_NUMBER;
  return `$${Number(usdPerMtok.toPrecision(4))}/M`;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

function dayParts(date: string): [number, string, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = match === null ? undefined : MONTHS[Number(match[2]) - 1];
  if (match === null || month === undefined || Number(match[3]) < 1) {
    throw new RangeError(
      `Cannot format date ${JSON.stringify(date)}: expected YYYY-MM-DD`,
    );
  }
  return [Number(match[3]), month, Number(match[1])];
}

/**
 * Spell a day out as a reader writes it: `"8 June 2026"`.
 *
 * @param date A day, `YYYY-MM-DD`.
 * @returns Day, month name and year.
 * @throws {RangeError} When `date` is not `YYYY-MM-DD`.
 *
 * @example A day
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(formatDay("2026-06-08"), "8 June 2026");
 * ```
 */
export function formatDay(date: string): string {
  return dayParts(date).join(" ");
}

/**
 * Spell a period of days out, naming the month and year once where both
 * ends share them: `"1–7 June 2026"`, `"24 May – 22 June 2026"`,
 * `"28 December 2025 – 3 January 2026"`; one day is that day.
 *
 * @param start First day, `YYYY-MM-DD`.
 * @param end Last day, `YYYY-MM-DD`.
 * @returns The period in words, with an en dash.
 * @throws {RangeError} When a date is not `YYYY-MM-DD`.
 *
 * @example Within a month, across months, across years
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(formatDayRange("2026-06-01", "2026-06-07"), "1–7 June 2026");
 * assert.equal(formatDayRange("2026-05-24", "2026-06-22"), "24 May – 22 June 2026");
 * assert.equal(formatDayRange("2025-12-28", "2026-01-03"), "28 December 2025 – 3 January 2026");
 * assert.equal(formatDayRange("2026-06-15", "2026-06-15"), "15 June 2026");
 * ```
 */
export function formatDayRange(start: string, end: string): string {
  const [d1, m1, y1] = dayParts(start);
  const [d2, m2, y2] = dayParts(end);
  if (start === end) return formatDay(start);
  if (y1 !== y2) return `${formatDay(start)} – ${formatDay(end)}`;
  if (m1 !== m2) return `${d1} ${m1} – ${d2} ${m2} ${y2}`;
  return `${d1}–${d2} ${m2} ${y2}`;
}
