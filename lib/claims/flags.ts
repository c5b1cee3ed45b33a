/**
 * The flags of the claims ledger: what a reader must know about a figure
 * besides its verdict. A flag never changes a verdict. Each entry of
 * `claims.json` lists its flags in `flags`; `claims.md`, `report.md` and the
 * notebooks print them as "⚑ <flag>". `data/VERDICTS.md` is the long form.
 *
 * @module
 */

/** The flags, in the order they are printed. */
export const FLAGS = [
  "method flawed",
  "period mislabelled",
  "incompatible assumptions",
  "secondary source",
] as const;
/** One of {@linkcode FLAGS}. */
export type Flag = typeof FLAGS[number];

/**
 * One sentence per flag, for readers of the outputs.
 *
 * @example Every flag is defined
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(Object.keys(FLAG_DEFINITIONS), [...FLAGS]);
 * ```
 */
export const FLAG_DEFINITIONS: Readonly<Record<Flag, string>> = {
  "method flawed":
    "the figure is reproduced with the source's own method, but that method is wrong (the tracker's revenue formula bills every cached token twice: once in prompt_tokens at the input price and again at the cache-read price). The corrected, cache-aware value is shown beside it.",
  "period mislabelled":
    'the figure is a different period from the one its label says: a column labelled "per day" whose rows follow the rank order of the models\' 7-day totals and each lie within 10% of them (SEVEN_DAY_TOLERANCE) is 7-day totals; figures computed from it (a 30-day run-rate of "day × 30") carry the flag too.',
  "incompatible assumptions":
    "the figure is a ratio of two figures priced under different rules: the cost search (which only explains, never verifies) finds each half under a different cache treatment, so the ratio compares neither model's actual bill.",
  "secondary source":
    "the figure is reproduced from a transcription or summary, not the primary document: the bundled figures file says so for that row (its source is not marked primary).",
};

/**
 * A flag as the outputs print it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(flagText("secondary source"), "⚑ secondary source");
 * ```
 */
export function flagText(flag: string): string {
  return `⚑ ${flag}`;
}

/**
 * The definitions as Markdown, one paragraph per flag.
 *
 * @returns Markdown paragraphs, without a heading.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.match(flagDefinitionsMarkdown(), /^\*\*⚑ method flawed\*\*: the figure/);
 * ```
 */
export function flagDefinitionsMarkdown(): string {
  return FLAGS.map((f) => `**${flagText(f)}**: ${FLAG_DEFINITIONS[f]}`).join(
    "\n\n",
  );
}
