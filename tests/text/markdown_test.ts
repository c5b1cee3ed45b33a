import assert from "node:assert/strict";
import {
  DOLLAR_HTML,
  escapeDollars,
  JUPYTER_DISPLAY,
  markdownText,
  md,
} from "../../lib/text/markdown.ts";

// The protected form was chosen by rendering each candidate in Debian's
// Notebook 6.4.12 (live UI) and nbconvert 6.5.3 HTML with MathJax 2.7 in
// headless Chromium: "$0.008 vs $0.21" and "\$…\$" were typeset or lost their
// bold, "<span>&#36;</span>" read as plain dollars in both.

Deno.test("escapeDollars() leaves no bare $ outside code, so MathJax finds no delimiter pair", () => {
  const text =
    "> Flash: ≈ $0.008 · Sonnet: ≈ $0.21 · **26×**. 500 runs ≈ $4 vs $105.";
  const escaped = escapeDollars(text);
  assert.equal(escaped.includes("$"), false);
  assert.equal(escaped.split(DOLLAR_HTML).length - 1, 4);
  assert.equal(escaped.replaceAll(DOLLAR_HTML, "$"), text);
});

Deno.test("escapeDollars() keeps dollars inside code spans and fenced code as written", () => {
  assert.equal(
    escapeDollars("`$x` and ``a ` $b`` cost $1"),
    "`$x` and ``a ` $b`` cost <span>&#36;</span>1",
  );
  const fenced = "Cost $1\n```ts\nconst s = `$${x}`;\n```\nthen $2";
  assert.equal(
    escapeDollars(fenced),
    "Cost <span>&#36;</span>1\n```ts\nconst s = `$${x}`;\n```\nthen <span>&#36;</span>2",
  );
});

Deno.test("escapeDollars() returns text without dollars unchanged", () => {
  const text = "Sonnet costs **26.3×** what Flash does (`cache-read-rate`).";
  assert.equal(escapeDollars(text), text);
});

Deno.test("md`` protects dollars in the literal parts and in interpolated values alike", () => {
  const usd = "$0.0078";
  const text = md`**${usd} for Flash**, $0.21 for Sonnet, ${500} runs`;
  assert.equal(text.plain, "**$0.0078 for Flash**, $0.21 for Sonnet, 500 runs");
  assert.equal(
    text.markdown,
    "**<span>&#36;</span>0.0078 for Flash**, <span>&#36;</span>0.21 for Sonnet, 500 runs",
  );
});

Deno.test("markdownText() displays as text/markdown with the unescaped text as the plain fallback", () => {
  const bundle = markdownText("$4 vs $105")[JUPYTER_DISPLAY]();
  assert.deepEqual(bundle, {
    "text/markdown": "<span>&#36;</span>4 vs <span>&#36;</span>105",
    "text/plain": "$4 vs $105",
  });
  assert.equal(JUPYTER_DISPLAY, Symbol.for("Jupyter.display"));
});
