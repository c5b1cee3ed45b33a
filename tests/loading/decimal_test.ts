import assert from "node:assert/strict";
import { perTokenToPerMtok, scaleDecimal } from "../../lib/loading/decimal.ts";

const MODELS_FILE = "data/raw/openrouter-models/2026-05-01.models.json";
const PRICE_KEYS = [
  "prompt",
  "completion",
  "input_cache_read",
  "input_cache_write",
  "internal_reasoning",
] as const;

Deno.test('perTokenToPerMtok() turns "0.0000001" into exactly 0.1, where float multiplication gives 0.09999999999999999', () => {
  assert.equal(0.0000001 * 1e6, 0.09999999999999999);
  assert.equal(perTokenToPerMtok("0.0000001"), 0.1);
});

Deno.test("perTokenToPerMtok() converts the models list's decimal strings exactly", () => {
  // data/raw/openrouter-models/2026-05-01.models.json: deepseek/deepseek-v4-flash
  // 0.00000014 / 0.00000028 / 0.0000000028; anthropic/claude-sonnet-4.5
  // 0.000003 / 0.000015 / 0.0000003 / 0.00000375; openai/gpt-oss-120b 0.000000039;
  // meta-llama/llama-3.2-3b-instruct 0.000000051; google/gemini-2.5-flash cache
  // write 0.00000008333333333333334 (22 significant digits, as published).
  const cases: [string, number][] = [
    ["0.00000014", 0.14],
    ["0.00000028", 0.28],
    ["0.0000000028", 0.0028],
    ["0.000003", 3],
    ["0.000015", 15],
    ["0.0000003", 0.3],
    ["0.00000375", 3.75],
    ["0.000000039", 0.039],
    ["0.000000051", 0.051],
    ["0.00000008333333333333334", 0.08333333333333334],
    ["0", 0],
    ["-1", -1000000],
  ];
  for (const [text, usdPerMtok] of cases) {
    assert.equal(perTokenToPerMtok(text), usdPerMtok, text);
  }
});

Deno.test("perTokenToPerMtok() converts the inference tracker's JSON numbers exactly", () => {
  // data/raw/inference-stats/2026-02-08.json: claude sonnet 4.5 3e-06 / 1.5e-05 / 3e-07,
  // kimi-k2.5 cache read 7.0000002e-08, minimax-m2.1 cache read 2.99999997e-08,
  // deepseek-v3.2 cache read 1.25e-07, kimi-k2.5 completion 2.25e-06.
  assert.equal(perTokenToPerMtok(3e-6), 3);
  assert.equal(perTokenToPerMtok(1.5e-5), 15);
  assert.equal(perTokenToPerMtok(3e-7), 0.3);
  assert.equal(perTokenToPerMtok(7.0000002e-8), 0.070000002);
  assert.equal(perTokenToPerMtok(2.99999997e-8), 0.0299999997);
  assert.equal(perTokenToPerMtok(1.25e-7), 0.125);
  assert.equal(perTokenToPerMtok(2.25e-6), 2.25);
  assert.equal(perTokenToPerMtok(0), 0);
});

Deno.test("perTokenToPerMtok() gives the nearest float to the exact value for every price in the 2026-05-01 models list", async () => {
  const models = JSON.parse(await Deno.readTextFile(MODELS_FILE)) as {
    pricing: Record<string, string>;
  }[];
  const texts = new Set<string>();
  for (const model of models) {
    for (const key of PRICE_KEYS) {
      const text = model.pricing[key];
      if (text !== undefined && text !== "-1") texts.add(text);
    }
  }
  // python3 over the same file: 194 distinct price strings, "-1" (routers)
  // among them; 32 differ from their exact value when multiplied as floats
  // (float(s) * 1e6 != Decimal(s) * 10**6).
  assert.equal(texts.size, 193);
  let naiveWrong = 0;
  for (const text of texts) {
    // Parsing the text with "e6" appended rounds the exact decimal times 10^6
    // once, to the nearest float (no price in this file has an exponent).
    const exact = Number(`${text}e6`);
    assert.equal(perTokenToPerMtok(text), exact, text);
    if (Number(text) * 1e6 !== exact) naiveWrong++;
  }
  assert.equal(naiveWrong, 32);
});

Deno.test("scaleDecimal() moves the decimal point for exponents, leading dots and trailing dots", () => {
  assert.equal(scaleDecimal("3e-06", 6), 3);
  assert.equal(scaleDecimal("7.0000002e-08", 6), 0.070000002);
  assert.equal(scaleDecimal("1E+3", 6), 1e9);
  assert.equal(scaleDecimal("1e-7", 6), 0.1);
  assert.equal(scaleDecimal(".5", 6), 500000);
  assert.equal(scaleDecimal("5.", 6), 5000000);
  assert.equal(scaleDecimal(" 0.25 ", 2), 25);
  assert.equal(scaleDecimal("-0.0000005", 6), -0.5);
  assert.equal(scaleDecimal("+12.5", -1), 1.25);
  assert.equal(scaleDecimal("0.1", 0), 0.1);
});

Deno.test("scaleDecimal() returns undefined for text that is not a finite decimal", () => {
  for (
    const text of [
      "abc",
      "",
      " ",
      ".",
      "-",
      "e5",
      "1e",
      "1.2.3",
      "0x10",
      "NaN",
      "Infinity",
      "1e400",
      "1,5",
    ]
  ) {
    assert.equal(scaleDecimal(text, 6), undefined, JSON.stringify(text));
  }
});

Deno.test("perTokenToPerMtok() returns undefined for NaN and Infinity", () => {
  assert.equal(perTokenToPerMtok(Number.NaN), undefined);
  assert.equal(perTokenToPerMtok(Infinity), undefined);
  assert.equal(perTokenToPerMtok(-Infinity), undefined);
  // 1e400 in a JSON file parses to Infinity.
  assert.equal(perTokenToPerMtok(JSON.parse("1e400")), undefined);
  assert.equal(perTokenToPerMtok("NaN"), undefined);
  assert.equal(perTokenToPerMtok("Infinity"), undefined);
});
