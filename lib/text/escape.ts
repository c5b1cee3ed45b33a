/**
 * Text from the data is untrusted: a model slug or name can hold Markdown,
 * HTML, a terminal escape sequence or a right-to-left override. These
 * functions make such text safe to put into Markdown, HTML, SVG and the
 * terminal, and show control and bidirectional characters visibly as
 * `\u{202e}` instead of letting them act.
 *
 * Ordinary text (letters of any script, digits, `/ - . : _` in slugs,
 * emoji) passes through every function unchanged.
 *
 * @module
 */

/**
 * Characters that act instead of printing: C0 controls (tab and newline
 * included), DEL, C1 controls, and the Unicode format characters that
 * reorder or hide text (bidirectional marks, embeddings, overrides and
 * isolates, zero-width characters, the byte-order mark, line and paragraph
 * separators).
 */
const INVISIBLE =
  /[\p{Cc}\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\u3164\ufeff\ufff9-\ufffb]/gu;

/**
 * Whether `text` holds a control or bidirectional character (see
 * {@linkcode visibleText}).
 *
 * @param text Any text.
 * @returns True when {@linkcode visibleText} would change it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(hasInvisible("deepseek/deepseek-v4-flash"), false);
 * assert.equal(hasInvisible("evil\u202egpj.exe"), true);
 * assert.equal(hasInvisible("a\u0000b"), true);
 * ```
 */
export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}

/**
 * Show every control and bidirectional character as `\u{HEX}`, so text from
 * the data cannot move the cursor, recolour a terminal, hide itself or
 * reverse the text after it. Applying it twice changes nothing more.
 *
 * @param text Any text.
 * @returns The text with each such character replaced by `\u{hex}`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(visibleText("ok/model-1"), "ok/model-1");
 * assert.equal(visibleText("a\u202eb"), "a\\u{202e}b");
 * assert.equal(visibleText("\u001b[31mred"), "\\u{1b}[31mred");
 * assert.equal(visibleText("a\nb\u0000"), "a\\u{a}b\\u{0}");
 * assert.equal(visibleText(visibleText("a\u202eb")), "a\\u{202e}b");
 * ```
 */
export function visibleText(text: string): string {
  return String(text).replace(
    INVISIBLE,
    (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`,
  );
}

/**
 * Text for a terminal: control characters (escape sequences included) and
 * bidirectional characters shown visibly, as {@linkcode visibleText} does;
 * with `lines`, line breaks (and tabs) stay, for messages of several lines.
 *
 * @param text Text from the data.
 * @param options `lines`: keep `\n` and `\t`.
 * @returns Text that prints as itself.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(escapeTerminal("x\u001b]0;pwned\u0007"), "x\\u{1b}]0;pwned\\u{7}");
 * assert.equal(escapeTerminal("a\n\u001bb", { lines: true }), "a\n\\u{1b}b");
 * ```
 */
export function escapeTerminal(
  text: string,
  options: { lines?: boolean } = {},
): string {
  if (!options.lines) return visibleText(text);
  return String(text).split("\n").map((line) =>
    line.split("\t").map(visibleText).join("\t")
  ).join("\n");
}

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text for HTML or SVG (XML), in element content or a quoted attribute:
 * `& < > " '` as entities, control and bidirectional characters shown
 * visibly (XML forbids most C0 controls; a NUL would make the SVG invalid).
 *
 * @param text Text from the data.
 * @returns Text that renders as itself and can start no tag or attribute.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(escapeHtml('<img src=x onerror="alert(1)">'), "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
 * assert.equal(escapeHtml("a\u0000b"), "a\\u{0}b");
 * assert.equal(escapeHtml("Claude Sonnet 4.5"), "Claude Sonnet 4.5");
 * ```
 */
export function escapeHtml(text: string): string {
  return visibleText(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/** Markdown characters as numeric character references, which every renderer reads as the character itself. */
const MARKDOWN_ENTITIES: Record<string, string> = {
  "\\": "&#92;",
  "`": "&#96;",
  "*": "&#42;",
  "~": "&#126;",
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
  "|": "&#124;",
  "_": "&#95;",
  "]": "&#93;",
};

/**
 * Text for inline Markdown (a list item, a table cell, a sentence): it can
 * open no HTML tag, entity, code span, emphasis, strike-through, table
 * column, link or image, and control and bidirectional characters are shown
 * visibly (a newline cannot start a heading or end the list item).
 *
 * Characters that could act are written as character references (`&lt;`,
 * `&#96;`), which CommonMark, GitHub and Jupyter's mistune all render as the
 * character itself (a backslash escape is not understood by every
 * renderer): `\ \` * ~ < > &` always, `|` in a table cell, `_` at the edge
 * of a word, `]` before `(`, `[` or `:`. So `data[12].total_tokens` and
 * `deepseek/deepseek-v4-flash` pass unchanged.
 *
 * @param text Text from the data.
 * @param options `table`: the text goes into a table cell, so `|` is escaped too.
 * @returns Markdown that renders as the text itself.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(escapeMarkdown("data[12].total_tokens"), "data[12].total_tokens");
 * assert.equal(escapeMarkdown("<script>"), "&lt;script&gt;");
 * assert.equal(escapeMarkdown("[click](javascript:alert(1))"), "[click&#93;(javascript:alert(1))");
 * assert.equal(escapeMarkdown("a|b `c` *d* _e_"), "a|b &#96;c&#96; &#42;d&#42; &#95;e&#95;");
 * assert.equal(escapeMarkdown("a|b", { table: true }), "a&#124;b");
 * assert.equal(escapeMarkdown("x\n# title"), "x&#92;u{a}# title");
 * ```
 */
export function escapeMarkdown(
  text: string,
  options: { table?: boolean } = {},
): string {
  return visibleText(text)
    .replace(
      options.table ? /[\\`*~<>&|]/g : /[\\`*~<>&]/g,
      (c) => MARKDOWN_ENTITIES[c],
    )
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "&#95;")
    .replace(/\](?=[(\[:])/g, "&#93;");
}

/**
 * Text as an inline Markdown code span, when it can be one: no backtick and
 * no control or bidirectional character; otherwise the text escaped with
 * {@linkcode escapeMarkdown}, so it still renders as itself.
 *
 * @param text A path or name.
 * @returns `` `text` `` or the escaped text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(markdownCode("data"), "`data`");
 * assert.equal(markdownCode("a`<b>"), "a&#96;&lt;b&gt;");
 * ```
 */
export function markdownCode(text: string): string {
  return text.includes("`") || hasInvisible(text)
    ? escapeMarkdown(text, { table: true })
    : `\`${text}\``;
}

/** The MathJax-safe dollar of `escapeDollars` (`DOLLAR_HTML` in lib/text/markdown.ts). */
const SAFE_DOLLAR = "<span>&#36;</span>";

/**
 * Markdown written by code that may have put untrusted text into it (a
 * notebook's `Deno.jupyter.md` output), made unable to start raw HTML: every
 * `<` that could open a tag, comment or autolink becomes `&lt;`, outside code
 * spans and fenced blocks (where Markdown shows `<` as itself already).
 * Everything else (emphasis, links, tables) is left as written, and so is the
 * one piece of markup tokenbook itself writes into Markdown: the MathJax-safe
 * dollar `<span>&#36;</span>` of `escapeDollars` (lib/text/markdown.ts), which
 * carries no attribute and no script.
 *
 * @param markdown Markdown text.
 * @returns The same Markdown with no raw HTML.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(disarmMarkdownHtml("**a** <img src=x onerror=alert(1)>"), "**a** &lt;img src=x onerror=alert(1)>");
 * assert.equal(disarmMarkdownHtml("`<b>` and 1 < 2"), "`<b>` and 1 < 2");
 * assert.equal(disarmMarkdownHtml("**<span>&#36;</span>0.21**"), "**<span>&#36;</span>0.21**");
 * assert.equal(disarmMarkdownHtml("<span onclick=x>&#36;</span>"), "&lt;span onclick=x>&#36;&lt;/span>");
 * ```
 */
export function disarmMarkdownHtml(markdown: string): string {
  const disarm = (text: string) =>
    text.split(SAFE_DOLLAR).map((part) =>
      part.replace(/<(?=[A-Za-z!/?])/g, "&lt;")
    ).join(SAFE_DOLLAR);
  let out = "";
  let last = 0;
  for (const code of markdown.matchAll(/(`+)[\s\S]*?(?<!`)\1(?!`)/g)) {
    out += disarm(markdown.slice(last, code.index)) + code[0];
    last = code.index + code[0].length;
  }
  return out + disarm(markdown.slice(last));
}
