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

/**
 * An exact decimal: `units × 10^-scale`. Sums and products of prices and
 * token counts stay exact in it; only the final figure is rounded to a float.
 */
export interface ExactDecimal {
  /** The digits, as an integer. */
  units: bigint;
  /** Places after the decimal point (≥ 0). */
  scale: number;
}

/**
 * The exact decimal a number or decimal text writes: for a float, the
 * shortest text that reads back as it (`String(x)`), which is the decimal a
 * price file wrote (`0.0028` stays 0.0028, not the binary fraction nearest it).
 *
 * @param value A finite number or decimal text.
 * @returns The exact decimal.
 * @throws {RangeError} When the value is not a finite decimal.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(exactDecimal(0.0028), { units: 28n, scale: 4 });
 * assert.deepEqual(exactDecimal("3e-6"), { units: 3n, scale: 6 });
 * assert.deepEqual(exactDecimal(1500), { units: 1500n, scale: 0 });
 * ```
 */
export function exactDecimal(value: number | string): ExactDecimal {
  const text = typeof value === "number" ? String(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (
    match === null || (match[2] === "" && (match[3] ?? "") === "") ||
    (typeof value === "number" && !Number.isFinite(value))
  ) {
    throw new RangeError(`Cannot read ${JSON.stringify(value)} as a decimal`);
  }
  const [, sign, intPart, fracPart = "", exponent = "0"] = match;
  const exp = Number(exponent);
  if (Math.abs(exp) > 400) {
    throw new RangeError(`Cannot read ${JSON.stringify(value)} as a decimal`);
  }
  let units = BigInt((intPart + fracPart) || "0");
  let scale = fracPart.length - exp;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: sign === "-" ? -units : units, scale };
}

/**
 * The sum of exact decimals.
 *
 * @param values The terms.
 * @returns Their exact sum.
 *
 * @example 0.1 + 0.2 is 0.3
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(decimalText(addExact(exactDecimal(0.1), exactDecimal(0.2))), "0.3");
 * ```
 */
export function addExact(...values: ExactDecimal[]): ExactDecimal {
  const scale = Math.max(0, ...values.map((v) => v.scale));
  let units = 0n;
  for (const v of values) units += v.units * 10n ** BigInt(scale - v.scale);
  return { units, scale };
}

/**
 * The product of exact decimals.
 *
 * @param values The factors.
 * @returns Their exact product.
 *
 * @example 123,456 tokens at $0.0028 per million
 * ```ts
 * import assert from "node:assert/strict";
 * const perToken = mulExact(exactDecimal(0.0028), exactDecimal("1e-6"));
 * assert.equal(decimalText(mulExact(exactDecimal(123456), perToken)), "0.0003456768");
 * ```
 */
export function mulExact(...values: ExactDecimal[]): ExactDecimal {
  let units = 1n, scale = 0;
  for (const v of values) {
    units *= v.units;
    scale += v.scale;
  }
  return { units, scale };
}

/**
 * An exact decimal as text, every digit kept, trailing zeros dropped.
 *
 * @param value The decimal.
 * @returns E.g. `"0.0003456768"`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(decimalText({ units: -1500n, scale: 3 }), "-1.5");
 * assert.equal(decimalText({ units: 0n, scale: 9 }), "0");
 * ```
 */
export function decimalText(value: ExactDecimal): string {
  const negative = value.units < 0n;
  let digits = (negative ? -value.units : value.units).toString();
  if (value.scale === 0) return (negative ? "-" : "") + digits;
  digits = digits.padStart(value.scale + 1, "0");
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale).replace(/0+$/, "");
  const text = fraction === "" ? whole : `${whole}.${fraction}`;
  return (negative && text !== "0" ? "-" : "") + text;
}

/**
 * The float nearest an exact decimal.
 *
 * @param value The decimal.
 * @returns The number.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(exactToNumber(addExact(exactDecimal(0.1), exactDecimal(0.2))), 0.3);
 * ```
 */
export function exactToNumber(value: ExactDecimal): number {
  return Number(decimalText(value));
}
