/**
 * Markdown that no MathJax typesets: the one helper every notebook text and
 * report text goes through, so a currency figure like "$0.008 vs $0.21" is
 * never turned into run-together italic maths.
 *
 * Why `\$` is not enough (checked in Debian's Notebook 6.4.12 and
 * nbconvert 6.5.3, both with MathJax 2.7 and `processEscapes: true`):
 *
 * - the classic Notebook hides `$…$` from its Markdown parser, then its
 *   `marked` turns `\$` into a bare `$` before MathJax runs, so a second
 *   `\$` in the same run of text is typeset as maths again;
 * - nbconvert's mistune treats `$…\$` as a maths span, so any `**bold**` or
 *   `` `code` `` between two escaped dollars is printed with its asterisks.
 *
 * What survives both, and JupyterLab, VS Code and GitHub: each dollar sign as
 * the entity `&#36;` inside its own `<span>`. No parser sees a `$` in the
 * source, and MathJax only pairs delimiters within one run of text, which the
 * element boundary breaks. Code spans and fenced code are left alone (MathJax
 * skips code, and the span would show literally there).
 *
 * @module
 */

/** The key of the method a Jupyter kernel for Deno calls to display a value (`Deno.jupyter.$display`). */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display");

/** What every `$` outside code becomes: the entity inside its own element. */
export const DOLLAR_HTML = "<span>&#36;</span>";

/**
 * Replace every `$` outside code spans and fenced code blocks by
 * {@linkcode DOLLAR_HTML}, so no Markdown renderer with MathJax or KaTeX
 * typesets it.
 *
 * @param markdown Markdown text, possibly with currency amounts.
 * @returns The same text with each dollar sign outside code protected.
 * @throws Never.
 *
 * @example Two amounts in one sentence, and a code span left alone
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(
 *   escapeDollars("**$0.008** vs $0.21 (`$x`)"),
 *   "**<span>&#36;</span>0.008** vs <span>&#36;</span>0.21 (`$x`)",
 * );
 * ```
 */
export function escapeDollars(markdown: string): string {
  // Fenced blocks, then code spans (a run of backticks closed by the same run).
  const code =
    /(^|\n)(```|~~~)[\s\S]*?\n\2[^\n]*|(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\3(?!`)/g;
  let out = "";
  let last = 0;
  for (const match of markdown.matchAll(code)) {
    out += markdown.slice(last, match.index).replaceAll("$", DOLLAR_HTML) +
      match[0];
    last = match.index + match[0].length;
  }
  return out + markdown.slice(last).replaceAll("$", DOLLAR_HTML);
}

/**
 * Markdown text ready for display: in a notebook the last expression of a
 * cell (Jupyter shows `text/markdown`, with the plain text as fallback for
 * an untrusted notebook); elsewhere its `markdown` holds the escaped text.
 */
export interface MarkdownText {
  /** The Markdown, dollar signs protected by {@linkcode escapeDollars}. */
  readonly markdown: string;
  /** The text as written, dollar signs as they are (for terminals and logs). */
  readonly plain: string;
  /** The Jupyter mime bundle (the Deno kernel calls this to display the value). */
  [JUPYTER_DISPLAY](): Record<string, string>;
}

/**
 * Build Markdown for display from a template: write the dollar signs as
 * they should read; every `$` outside code (in the literal parts and in the
 * values) is protected by {@linkcode escapeDollars}. Use it instead of
 * `Deno.jupyter.md` in every notebook.
 *
 * @param strings The literal parts of the template.
 * @param values The interpolated values (strings, numbers, anything with `String()`).
 * @returns The text, displayable in Jupyter.
 * @throws Never.
 *
 * @example A conclusion with two amounts
 * ```ts
 * import assert from "node:assert/strict";
 * const cost = "$0.008";
 * const text = md`Flash costs **${cost}**, Sonnet $0.21.`;
 * assert.equal(text.plain, "Flash costs **$0.008**, Sonnet $0.21.");
 * assert.equal(text.markdown.includes("$"), false);
 * assert.deepEqual(Object.keys(text[JUPYTER_DISPLAY]()), ["text/markdown", "text/plain"]);
 * ```
 */
export function md(
  strings: TemplateStringsArray,
  ...values: unknown[]
): MarkdownText {
  const plain = strings.reduce(
    (text, part, i) => text + String(values[i - 1]) + part,
  );
  return markdownText(plain);
}

/**
 * Wrap finished Markdown (e.g. built by a function) for display, the same way
 * as {@linkcode md}.
 *
 * @param plain Markdown with dollar signs written as they should read.
 * @returns The text, displayable in Jupyter.
 * @throws Never.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(markdownText("$4 vs $105").markdown, "<span>&#36;</span>4 vs <span>&#36;</span>105");
 * ```
 */
export function markdownText(plain: string): MarkdownText {
  const markdown = escapeDollars(plain);
  return {
    markdown,
    plain,
    [JUPYTER_DISPLAY]() {
      return { "text/markdown": markdown, "text/plain": plain };
    },
    toString() {
      return markdown;
    },
  } as MarkdownText;
}

/**
 * The one line a notebook section shows when its dataset is not in the data
 * folder: what is missing and the command that saves it.
 *
 * @param dataset The dataset's name, as `deno task fetch --datasets` takes it (e.g. `"session-cost"`).
 * @returns Markdown for a cell's output.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(
 *   absentDataset("session-cost").plain,
 *   "No session-cost data in this data folder: `deno task fetch --datasets session-cost` saves it (data/raw/session-cost/).",
 * );
 * ```
 */
export function absentDataset(dataset: string): MarkdownText {
  return markdownText(
    `No ${dataset} data in this data folder: \`deno task fetch --datasets ${dataset}\` saves it (data/raw/${dataset}/).`,
  );
}
