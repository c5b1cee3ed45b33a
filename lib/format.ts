/**
 * Number formats with units, shared by notebooks, tables, the report and charts.
 *
 * @module
 */

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
  const abs = Math.abs(tokens);
  const units: [number, string][] = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [
    1e3,
    "K",
  ]];
  for (const [size, suffix] of units) {
    if (abs >= size) return `${(tokens / size).toFixed(digits)}${suffix}`;
  }
  return tokens.toFixed(0);
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
  const abs = Math.abs(usd);
  const decimals = abs >= 1 || abs === 0 ? 2 : abs >= 0.01 ? 3 : 4;
  const text = abs.toLocaleString("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return `${usd < 0 ? "-" : ""}$${text}`;
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
  return `$${Number(usdPerMtok.toPrecision(4))}/M`;
}
