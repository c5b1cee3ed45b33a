/**
 * Exact decimal scaling for prices: OpenRouter publishes prices as decimal
 * strings in USD per token; tokenbook works in USD per million tokens.
 * Multiplying the float `0.0000001 * 1e6` gives `0.09999999999999999`, so the
 * decimal point is moved in the text instead.
 *
 * @module
 */

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Multiply a decimal number written as text by 10^shift exactly, by moving
 * the decimal point, and return the nearest float.
 *
 * @param text A decimal such as `"0.0000001"`, `"3e-06"` or `"7.0000002e-08"`.
 * @param shift The power of ten to multiply by (6 turns per-token into per-million).
 * @returns The scaled number, or `undefined` when `text` is not a finite decimal.
 *
 * @example Per-token string to per-million
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(scaleDecimal("0.0000001", 6), 0.1);
 * assert.equal(scaleDecimal("0.0000000028", 6), 0.0028);
 * assert.equal(scaleDecimal("7.0000002e-08", 6), 0.070000002);
 * assert.equal(scaleDecimal("abc", 6), undefined);
 * assert.equal(scaleDecimal("1e999999999", 6), undefined);
 * assert.equal(scaleDecimal("1e-999999999", 6), undefined);
 * ```
 */
export function scaleDecimal(text: string, shift: number): number | undefined {
  const match = DECIMAL.exec(text.trim());
  if (match === null) return undefined;
  const [, sign, intPart, fracPart = "", exponent = "0"] = match;
  if (intPart === "" && fracPart === "") return undefined;
  const digits = intPart + fracPart;
  const point = intPart.length + shift + Number(exponent);
  // Beyond ±400 places the float is 0 or Infinity anyway; refuse before
  // padding with that many zeros (an exponent of 1e9 would exhaust memory).
  if (!Number.isFinite(point) || Math.abs(point) > 400) return undefined;
  let shifted: string;
  if (point <= 0) shifted = "0." + "0".repeat(-point) + digits;
  else if (point >= digits.length) {
    shifted = digits + "0".repeat(point - digits.length);
  } else shifted = digits.slice(0, point) + "." + digits.slice(point);
  const value = Number(sign + shifted);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Convert a price in USD per token to USD per million tokens exactly.
 *
 * @param usdPerToken A price per token, as the API's decimal string or a number.
 * @returns USD per million tokens, or `undefined` when the value is not a finite decimal.
 *
 * @example A number from a JSON file
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(perTokenToPerMtok(3e-6), 3);
 * assert.equal(perTokenToPerMtok("0.000015"), 15);
 * ```
 */
export function perTokenToPerMtok(
  usdPerToken: string | number,
): number | undefined {
  if (typeof usdPerToken === "number") {
    return Number.isFinite(usdPerToken)
      ? scaleDecimal(String(usdPerToken), 6)
      : undefined;
  }
  return scaleDecimal(usdPerToken, 6);
}
