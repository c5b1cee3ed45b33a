import assert from "node:assert/strict";
import {
  before,
  locateFigure,
  printedFigures,
  SCALES,
} from "../../lib/claims/figures.ts";
import { claim } from "../_claims_fixture.ts";

// Article 004 = "OpenRouter Inference Revenue Statistics" (2026-02-09), table
// "Model Breakdown"; 000 = "The OpenRouter Pricing Truth" (2026-06-08).

/** The fields of a printed figure that say what it is (not where). */
function shape(quote: string) {
  return printedFigures(quote).map((f) => ({
    text: f.text,
    value: f.value,
    decimals: f.decimals,
    scale: f.scale,
    prefix: f.prefix,
    suffix: f.suffix,
    word: f.word,
  }));
}

Deno.test("printedFigures() reads prefix, digits, scale and suffix of each number", () => {
  assert.deepEqual(shape("$3.00/M and 706.0B, up +7.4%"), [
    // "3.00": 2 decimals, value 3; "/M" is the per-million suffix, not a scale.
    {
      text: "$3.00/M",
      value: 3,
      decimals: 2,
      scale: 1,
      prefix: "$",
      suffix: "/M",
      word: false,
    },
    // 706.0 × 1e9 = 706e9, one decimal as printed.
    {
      text: "706.0B",
      value: 706e9,
      decimals: 1,
      scale: 1e9,
      prefix: "",
      suffix: "",
      word: false,
    },
    {
      text: "+7.4%",
      value: 7.4,
      decimals: 1,
      scale: 1,
      prefix: "+",
      suffix: "%",
      word: false,
    },
  ]);
});

Deno.test("printedFigures() drops thousands separators and reads scale words", () => {
  const [count, trillions, ratio] = printedFigures(
    "1,234,567 requests, 2.5 trillion tokens, 12× cheaper",
  );
  assert.equal(count.value, 1_234_567);
  assert.equal(count.decimals, 0);
  // 2.5 × 1e12 = 2.5e12.
  assert.equal(trillions.value, 2.5e12);
  assert.equal(trillions.scale, SCALES.trillion);
  assert.equal(trillions.text, "2.5 trillion");
  assert.equal(ratio.value, 12);
  assert.equal(ratio.suffix, "×");
});

Deno.test("printedFigures() takes a capital letter as a scale only when no lowercase letter follows", () => {
  // "5Kb" is not 5 thousand; "9.2T" is 9.2e12.
  const [kb, tera] = printedFigures("5Kb and 9.2T");
  assert.equal(kb.value, 5);
  assert.equal(kb.scale, 1);
  assert.equal(tera.value, 9.2e12);
});

Deno.test("printedFigures() adds figures in words by position, with their offsets", () => {
  const quote = "nearly double US models at 4.9T, a fifth of the total";
  const figures = printedFigures(quote);
  assert.deepEqual(figures.map((f) => [f.text, f.value, f.word]), [
    ["double", 2, true],
    ["4.9T", 4.9e12, false],
    ["fifth", 5, true],
  ]);
  // A digit figure's span starts at the one space the pattern allows before
  // its digits (text is trimmed, offsets are not): " 4.9T" starts at 26.
  for (const f of figures) {
    assert.equal(quote.slice(f.start, f.end).trim(), f.text);
  }
  assert.deepEqual(figures.map((f) => [f.start, f.end]), [
    [7, 13],
    [26, 31],
    [35, 40],
  ]);
  assert.deepEqual(printedFigures("no numbers here"), []);
});

Deno.test("SCALES maps suffixes and words to powers of ten", () => {
  assert.deepEqual(SCALES, {
    T: 1e12,
    B: 1e9,
    M: 1e6,
    K: 1e3,
    trillion: 1e12,
    billion: 1e9,
    million: 1e6,
    thousand: 1e3,
  });
});

Deno.test("locateFigure() also matches the figure before its scale, and prefers digits to words", () => {
  // stated 706 against "706.0B": 706e9 / 1e9 = 706.
  assert.equal(locateFigure(706, "706.0B tokens", "")?.text, "706.0B");
  // "2 models, double the rest": the digit 2 wins over the word "double".
  assert.equal(
    locateFigure(2, "2 models, double the rest", "ratio")?.word,
    false,
  );
  // A negative figure matches its absolute value: "-9%" is the stated -9.
  assert.equal(locateFigure(-9, "| $2.40M | -9% |", "percent")?.text, "-9%");
});

Deno.test("before() gives the text since the previous figure, at most 30 characters", () => {
  const quote = "Chinese models: 9.2T tokens—nearly double US models at 4.9T";
  const figures = printedFigures(quote);
  // figures: 9.2T, double, 4.9T.
  assert.equal(before(quote, figures[2]), " US models at");
  assert.equal(before(quote, figures[1]), " tokens—nearly ");
  // The first figure: no previous one, so from the start of the quote to
  // the figure's span, which takes in the space before "9.2T".
  assert.equal(before(quote, figures[0]), "Chinese models:");
  // A long gap is cut to the 30 characters before the figure's span (which
  // begins at the space before "2"): 30 of the 40 x's.
  const long = "1 " + "x".repeat(40) + " 2";
  assert.equal(before(long, printedFigures(long)[1]), "x".repeat(30));
});

Deno.test("locateFigure() finds the stated figure by value and unit, not the first number equal to it", () => {
  // 004, rank 3 row: the rank "3" comes first, the input price "$3.00/M" is the figure.
  const row = claim("ir-22").quote;
  assert.equal(locateFigure(3, row, "USD per M tokens")?.text, "$3.00/M");
  assert.equal(locateFigure(3, row, "rank")?.text, "3");
  // 004, Gemini 2.5 Flash row: "2.5" of the model's name against "$2.50/M".
  assert.equal(
    locateFigure(2.5, claim("ir-51").quote, "USD per M tokens")?.text,
    "$2.50/M",
  );
  // 000: the second of two approximate prices.
  assert.equal(
    locateFigure(0.197, "~$0.098 ~$0.197", "USD per M tokens")?.text,
    "$0.197",
  );
  // Words: "one-tenth", "nearly double", "fifth".
  assert.equal(
    locateFigure(0.1, "roughly one-tenth of input", "ratio")?.word,
    true,
  );
  assert.equal(
    locateFigure(2, "nearly double US models at 4.9T", "ratio")?.text,
    "double",
  );
  assert.equal(
    locateFigure(5, "fifth consecutive week", "weeks")?.text,
    "fifth",
  );
  assert.equal(locateFigure(42, "28.9T", "tokens/week"), undefined);
});
