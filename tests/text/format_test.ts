import assert from "node:assert/strict";
import {
  formatPercent,
  formatTokens,
  formatUsd,
  formatUsdPerMtok,
} from "../../lib/text/format.ts";

// Expected strings are worked out by hand from lib/text/format.ts's documented
// rules: decimal suffixes (1K = 10^3 … 1T = 10^12 tokens), USD with 2
// decimals from $1 (and for zero), 3 from $0.01, 4 below, en-US thousands
// separators; percent from a fraction 0–1; prices to 4 significant digits.
// The figures quoted are the articles' (data/claims.csv) and the tracker's
// (data/raw/inference-stats/2026-02-08.json).

Deno.test("formatTokens() switches suffix exactly at each power of 1000", () => {
  assert.equal(formatTokens(1_000), "1.00K");
  assert.equal(formatTokens(1_000_000), "1.00M");
  assert.equal(formatTokens(1_000_000_000), "1.00B");
  assert.equal(formatTokens(1_000_000_000_000), "1.00T");
});

Deno.test("formatTokens() keeps the smaller suffix just below each threshold", () => {
  assert.equal(formatTokens(999_000), "999.00K");
  assert.equal(formatTokens(999_000_000), "999.00M");
  assert.equal(formatTokens(999_000_000_000), "999.00B");
});

Deno.test("formatTokens() has no unit above T, so a quadrillion reads 1000.00T", () => {
  assert.equal(formatTokens(1e15), "1000.00T");
});

Deno.test("formatTokens() writes the articles' figures with two decimals by default", () => {
  // pt-01: "weekly tokens across the platform hit 28.9T"
  assert.equal(formatTokens(28_900_000_000_000), "28.90T");
  // pt-04: "DeepSeek V4 Flash alone consumed 3.43T"
  assert.equal(formatTokens(3_430_000_000_000), "3.43T");
  // weekly total of 2026-06-15 from rankings-daily: 46,656,698,226,967 tokens
  assert.equal(formatTokens(46_656_698_226_967), "46.66T");
});

Deno.test("formatTokens() rounds to the number of digits asked for", () => {
  assert.equal(formatTokens(822_800_000_000, 1), "822.8B");
  assert.equal(formatTokens(3_430_000_000_000, 0), "3T");
  assert.equal(formatTokens(1_234_567, 3), "1.235M");
  assert.equal(formatTokens(705_646_757_574, 2), "705.65B");
});

Deno.test("formatTokens() puts the minus sign before a negative count", () => {
  assert.equal(formatTokens(-3_430_000_000_000), "-3.43T");
  assert.equal(formatTokens(-2_500), "-2.50K");
  assert.equal(formatTokens(-42), "-42");
});

Deno.test("formatTokens() writes counts below 1000 as whole numbers without suffix", () => {
  assert.equal(formatTokens(0), "0");
  assert.equal(formatTokens(999), "999");
  assert.equal(formatTokens(12.6), "13");
  // digits only apply to suffixed figures
  assert.equal(formatTokens(999, 3), "999");
});

Deno.test("formatTokens() moves to the next suffix when rounding reaches 1000", () => {
  // 999,999 tokens is 999.999K, which rounds to 1000.00K with 2 digits: the
  // next unit reads 1.00M.
  assert.equal(formatTokens(999_999), "1.00M");
  assert.equal(formatTokens(999_999_999_999), "1.00T");
});

Deno.test("formatUsd() writes amounts of $1 and more with two decimals", () => {
  assert.equal(formatUsd(1), "$1.00");
  assert.equal(formatUsd(105), "$105.00"); // pt-43: "$4 vs $105"
  assert.equal(formatUsd(3.925), "$3.93");
});

Deno.test("formatUsd() writes cents to a dollar with three decimals", () => {
  assert.equal(formatUsd(0.21), "$0.210"); // pt-41: "Claude Sonnet 4.5: ≈ $0.21"
  assert.equal(formatUsd(0.01), "$0.010");
  assert.equal(formatUsd(0.234), "$0.234");
});

Deno.test("formatUsd() writes amounts under a cent with four decimals", () => {
  assert.equal(formatUsd(0.00784), "$0.0078"); // pt-40: "≈ $0.008"
  assert.equal(formatUsd(0.005824), "$0.0058");
  assert.equal(formatUsd(0.0001), "$0.0001");
});

Deno.test("formatUsd() separates thousands with commas", () => {
  // ir-24: Claude Sonnet 4.5 estimated weekly revenue 2397302.04
  assert.equal(formatUsd(2_397_302.04), "$2,397,302.04");
  assert.equal(formatUsd(1_000), "$1,000.00");
  assert.equal(formatUsd(999.994), "$999.99");
  assert.equal(formatUsd(1_234_567_890.5), "$1,234,567,890.50");
});

Deno.test("formatUsd() puts the minus sign before the dollar sign", () => {
  assert.equal(formatUsd(-1_234.5), "-$1,234.50");
  assert.equal(formatUsd(-0.21), "-$0.210");
  assert.equal(formatUsd(-0.004), "-$0.0040");
});

Deno.test("formatUsd() writes zero with two decimals and no sign", () => {
  assert.equal(formatUsd(0), "$0.00");
  assert.equal(formatUsd(-0), "$0.00");
});

Deno.test("formatUsd() picks the decimals from the amount as rounded", () => {
  // $0.9999 rounds to a dollar, which reads $1.00 like formatUsd(1);
  // $0.00999 rounds to a cent, which reads $0.010 like formatUsd(0.01).
  assert.equal(formatUsd(0.9999), "$1.00");
  assert.equal(formatUsd(0.00999), "$0.010");
});

Deno.test("formatPercent() turns a fraction into a percentage with one decimal", () => {
  assert.equal(formatPercent(0.4532), "45.3%");
  assert.equal(formatPercent(1), "100.0%");
  assert.equal(formatPercent(0), "0.0%");
  assert.equal(formatPercent(0.074), "7.4%"); // pt-02: "+7.4% WoW"
});

Deno.test("formatPercent() takes the number of decimals and keeps the sign", () => {
  assert.equal(formatPercent(-0.73, 0), "-73%"); // pt-12: "down 73%"
  assert.equal(formatPercent(0.1989, 2), "19.89%"); // bb-20: "+19.89%"
  assert.equal(formatPercent(2.22, 0), "222%");
});

Deno.test("formatUsdPerMtok() keeps up to four significant digits and drops trailing zeros", () => {
  assert.equal(formatUsdPerMtok(0.098), "$0.098/M"); // article: Flash ~$0.098
  assert.equal(formatUsdPerMtok(15), "$15/M"); // Sonnet 4.5 output
  assert.equal(formatUsdPerMtok(3.75), "$3.75/M"); // Sonnet 4.5 cache write
  assert.equal(formatUsdPerMtok(0.1966), "$0.1966/M"); // Flash 2026-05-30 output
  assert.equal(formatUsdPerMtok(0.0028), "$0.0028/M"); // models list cache read
  assert.equal(formatUsdPerMtok(0.123456), "$0.1235/M");
  assert.equal(formatUsdPerMtok(0), "$0/M");
});
