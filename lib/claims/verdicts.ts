/**
 * The four verdicts of the claims ledger and their written definitions: the
 * one place the policy is worded. `claims.md`, `report.md` and the gallery
 * print {@linkcode VERDICT_DEFINITIONS}; `data/VERDICTS.md` is the long form.
 *
 * @module
 */
import { FLAG_DEFINITIONS, flagDefinitionsMarkdown } from "./flags.ts";

/** The four verdicts. */
export const VERDICTS = [
  "reproduced",
  "reproduced-under-assumptions",
  "contradicted",
  "unverifiable",
] as const;
/** One of {@linkcode VERDICTS}. */
export type Verdict = typeof VERDICTS[number];

/**
 * One paragraph per verdict, for readers of the outputs.
 *
 * @example Every verdict is defined
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(Object.keys(VERDICT_DEFINITIONS), [...VERDICTS]);
 * ```
 */
export const VERDICT_DEFINITIONS: Readonly<Record<Verdict, string>> = {
  reproduced:
    "The figure follows from the bundled data at the article's date, under OpenRouter's actual billing (the list prices in force that day; cached input billed at the cache-read rate, never on top of the input rate), within the tolerance the source's own printing implies: half a unit of the last digit as the source prints it (for a table column, the rounding rule that fits all of its rows), or ±5% when the article says the figure is approximate (~, about, roughly, nearly).",
  "reproduced-under-assumptions":
    "The figure follows from the data only under an assumption declared before the check, in the `assumption` column of data/claims.csv (for example the tracker's own revenue formula, or the article's stated task shape). An assumption is never found by searching for one that makes the figure come out.",
  contradicted:
    "The bundled data, or the article's own other figures, disagree with the figure beyond its tolerance. The entry says by how much and, where a search of prices and cache treatments finds one, what would have produced the figure; that explanation never changes the verdict. When the evidence is the article itself (its own table against its sentence), the article is named as the evidence.",
  unverifiable:
    "Nothing bundled can settle the figure either way. The entry says what data would.",
};

/**
 * The flag of a figure computed by a method that is itself wrong (the
 * tracker's revenue formula bills cached tokens twice): the entry shows the
 * corrected value beside the reproduced one. The other flags: `flags.ts`.
 */
export const METHOD_FLAWED_DEFINITION = `method flawed: ${
  FLAG_DEFINITIONS["method flawed"]
}`;

/**
 * The definitions as Markdown: one paragraph per verdict, then one per flag.
 *
 * @returns Markdown paragraphs, without a heading.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.match(verdictDefinitionsMarkdown(), /^\*\*reproduced\*\*: The figure follows/);
 * assert.ok(verdictDefinitionsMarkdown().includes("**⚑ method flawed**"));
 * assert.ok(verdictDefinitionsMarkdown().includes("**⚑ period mislabelled**"));
 * ```
 */
export function verdictDefinitionsMarkdown(): string {
  return [
    ...VERDICTS.map((v) => `**${v}**: ${VERDICT_DEFINITIONS[v]}`),
    flagDefinitionsMarkdown(),
  ].join("\n\n");
}
