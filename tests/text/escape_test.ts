import assert from "node:assert/strict";
import {
  disarmMarkdownHtml,
  escapeHtml,
  escapeMarkdown,
  escapeTerminal,
  hasInvisible,
  markdownCode,
  visibleText,
} from "../../lib/text/escape.ts";

/** Slugs and names as they appear in the bundled data. */
const ORDINARY = [
  "deepseek/deepseek-v4-flash-20260423",
  "x-ai/grok-4.1-fast:free",
  "Anthropic: Claude Sonnet 4.5",
  "data[12].total_tokens",
  "Zhipu GLM-5 (0-100)",
  "通义千问 Qwen3",
];

Deno.test("ordinary slugs and names pass every escaper unchanged", () => {
  for (const text of ORDINARY) {
    assert.equal(visibleText(text), text);
    assert.equal(escapeTerminal(text), text);
    assert.equal(escapeMarkdown(text), text);
    assert.equal(hasInvisible(text), false);
  }
  assert.equal(
    escapeHtml("Anthropic: Claude Sonnet 4.5"),
    "Anthropic: Claude Sonnet 4.5",
  );
});

Deno.test("every C0, DEL, C1 and bidirectional control is shown as \\u{hex}, and showing twice changes nothing", () => {
  const controls = [
    ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
    "\u007f",
    "\u0085",
    "\u009b",
    "\u061c",
    "\u200b",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202e",
    "\u2066",
    "\u2069",
    "\ufeff",
  ];
  for (const c of controls) {
    const shown = visibleText(`a${c}b`);
    assert.equal(shown, `a\\u{${c.codePointAt(0)!.toString(16)}}b`);
    assert.equal(visibleText(shown), shown);
    assert.equal(hasInvisible(`a${c}b`), true);
  }
});

Deno.test("escapeMarkdown() leaves no tag, code span, emphasis, link or table cell to open", () => {
  const hostile =
    "<img src=x onerror=alert(1)> `code` *em* _em_ ~~s~~ [a](javascript:x) ![i](y) a|b &amp; \\";
  const escaped = escapeMarkdown(hostile, { table: true });
  assert.doesNotMatch(escaped, /[<>`*~|\\]/);
  assert.doesNotMatch(escaped, /\]\(/);
  assert.doesNotMatch(escaped, /&amp;(?!#|lt|gt|amp)/);
  assert.equal(
    escaped,
    "&lt;img src=x onerror=alert(1)&gt; &#96;code&#96; &#42;em&#42; &#95;em&#95; &#126;&#126;s&#126;&#126; [a&#93;(javascript:x) ![i&#93;(y) a&#124;b &amp;amp; &#92;",
  );
});

Deno.test("markdownCode() keeps a plain path as a code span and escapes one that could break out", () => {
  assert.equal(markdownCode("data"), "`data`");
  assert.equal(markdownCode("/tmp/my data"), "`/tmp/my data`");
  assert.equal(markdownCode("a`b"), "a&#96;b");
  assert.equal(markdownCode("a\u202eb"), "a&#92;u{202e}b");
});

Deno.test("escapeHtml() escapes the five HTML characters, and escapeTerminal() keeps line breaks when asked", () => {
  assert.equal(
    escapeHtml(`<a href="x" title='y'>&</a>`),
    "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
  );
  assert.equal(escapeTerminal("a\nb"), "a\\u{a}b");
  assert.equal(
    escapeTerminal("a\n\tb\u001b", { lines: true }),
    "a\n\tb\\u{1b}",
  );
});

Deno.test("disarmMarkdownHtml() turns tags into text outside code and leaves code spans and fences alone", () => {
  assert.equal(
    disarmMarkdownHtml(
      "**<b>x</b>** `<i>` <!-- c --> a < b\n```\n<script>\n```\n",
    ),
    "**&lt;b>x&lt;/b>** `<i>` &lt;!-- c --> a < b\n```\n<script>\n```\n",
  );
});
