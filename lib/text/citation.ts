/**
 * Every citation line tokenbook prints for a dataset it did not make, worded
 * as the source asks, word for word. Notebooks, charts and the report call
 * these functions and write no citation of their own.
 *
 * OpenRouter's Data API documentation
 * (openrouter.ai/docs/cookbook/administration/data-api, "License and
 * citation") says: "`rankings-daily` and `app-rankings` each name one in their
 * description, in this form: `Source: OpenRouter (openrouter.ai/rankings), as
 * of <meta.as_of>.` Use the source URL named in that endpoint's own
 * description and take the timestamp from `meta.as_of` in the response. For
 * `session-cost`, which does not name one, cite: `Source: OpenRouter Data API
 * (openrouter.ai/docs/cookbook/administration/data-api), as of
 * <meta.as_of>.` Add `Licensed under CC BY 4.0.` to the citation when you
 * republish the data itself rather than quoting a figure from it."
 * rankings-daily's description: "Source: OpenRouter (openrouter.ai/rankings),
 * as of {as_of}."; app-rankings': "Source: OpenRouter (openrouter.ai/apps), as
 * of {as_of}."; the benchmarks answer for `source=artificial-analysis`
 * carries its own in `meta.citation`: "Source: Artificial Analysis
 * (artificialanalysis.ai) via OpenRouter (openrouter.ai/rankings)."
 *
 * @module
 */
import type pl from "nodejs-polars";

/** What a citation needs of one data file's `meta` (a rankings-daily file's `RankingsFileMeta` is one). */
export interface CitedFileMeta {
  /** Path of the file. */
  file: string;
  /** `meta.as_of` verbatim (an ISO-8601 timestamp), or null when the file has none. */
  as_of: string | null;
}

/**
 * The official citation of each dataset, `{as_of}` standing for the
 * response's `meta.as_of` (the benchmarks line has none).
 */
export const OFFICIAL_CITATIONS = {
  "rankings-daily":
    "Source: OpenRouter (openrouter.ai/rankings), as of {as_of}.",
  "app-rankings": "Source: OpenRouter (openrouter.ai/apps), as of {as_of}.",
  "session-cost":
    "Source: OpenRouter Data API (openrouter.ai/docs/cookbook/administration/data-api), as of {as_of}.",
  "benchmarks":
    "Source: Artificial Analysis (artificialanalysis.ai) via OpenRouter (openrouter.ai/rankings).",
} as const;

/** The sentence OpenRouter asks to add when the data itself is republished (a table). */
export const LICENCE_SENTENCE = "Licensed under CC BY 4.0.";

/** The source OpenRouter names for rankings-daily. */
const SOURCE = OFFICIAL_CITATIONS["rankings-daily"].replace(
  ", as of {as_of}.",
  "",
);

/** The official line with `as_of` put in, "unknown" when there is none. */
function withAsOf(
  template: string,
  asOf: string | null | undefined,
  licence: boolean | undefined,
): string {
  const line = template.replace("{as_of}", asOf ?? "unknown");
  return licence === true ? `${line} ${LICENCE_SENTENCE}` : line;
}

/**
 * app-rankings' citation: "Source: OpenRouter (openrouter.ai/apps), as of
 * {as_of}." with the `meta.as_of` of the pages used.
 *
 * @param asOf The pages' `meta.as_of` (null or undefined: "unknown").
 * @param options `licence`: add "Licensed under CC BY 4.0." (a republished table).
 * @returns One line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(appRankingsCitation("2026-06-23T02:00:00Z"), "Source: OpenRouter (openrouter.ai/apps), as of 2026-06-23T02:00:00Z.");
 * ```
 */
export function appRankingsCitation(
  asOf: string | null | undefined,
  options: { licence?: boolean } = {},
): string {
  return withAsOf(OFFICIAL_CITATIONS["app-rankings"], asOf, options.licence);
}

/**
 * session-cost's citation: "Source: OpenRouter Data API
 * (openrouter.ai/docs/cookbook/administration/data-api), as of {as_of}."
 *
 * @param asOf The pages' `meta.as_of` (null or undefined: "unknown").
 * @param options `licence`: add "Licensed under CC BY 4.0.".
 * @returns One line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(
 *   sessionCostCitation("2026-06-23T02:00:00Z", { licence: true }),
 *   "Source: OpenRouter Data API (openrouter.ai/docs/cookbook/administration/data-api), as of 2026-06-23T02:00:00Z. Licensed under CC BY 4.0.",
 * );
 * ```
 */
export function sessionCostCitation(
  asOf: string | null | undefined,
  options: { licence?: boolean } = {},
): string {
  return withAsOf(OFFICIAL_CITATIONS["session-cost"], asOf, options.licence);
}

/**
 * The benchmarks' citation (Artificial Analysis via OpenRouter), with the
 * `meta.as_of` of the saved answer after it, since the official line has no
 * date: "Source: Artificial Analysis (artificialanalysis.ai) via OpenRouter
 * (openrouter.ai/rankings). Data as of {as_of}."
 *
 * @param asOf The answer's `meta.as_of`, or null to print the official line alone.
 * @returns One line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(benchmarksCitation(null), "Source: Artificial Analysis (artificialanalysis.ai) via OpenRouter (openrouter.ai/rankings).");
 * assert.match(benchmarksCitation("2026-06-03T12:00:00Z"), /\(openrouter\.ai\/rankings\)\. Data as of 2026-06-03T12:00:00Z\.$/);
 * ```
 */
export function benchmarksCitation(asOf: string | null | undefined): string {
  const line = OFFICIAL_CITATIONS.benchmarks;
  return asOf === null || asOf === undefined
    ? line
    : `${line} Data as of ${asOf}.`;
}
/** How many files without `as_of` are named before "and N more". */
const NAMED = 3;

/**
 * The citation OpenRouter asks for: "Source: OpenRouter
 * (openrouter.ai/rankings), as of {meta.as_of}." with the newest `as_of` of
 * the files used (verbatim). A file without an original `meta.as_of` (such as
 * the bundled month, whose envelope was rebuilt) is named; when no file has
 * one, the `as_of` is "unknown". With `licence`, "Licensed under CC BY 4.0."
 * is added, as OpenRouter asks when the data itself is republished (a table).
 *
 * @param meta The `meta` of the rankings-daily files (`Workspace.rankingsMeta`).
 * @param options `rankings`: the frame the figure was built from; only files
 * named in its `source_file` column count as used. `licence`: add the
 * licence sentence.
 * @returns One line.
 *
 * @example A fetched file and the bundled month
 * ```ts
 * import assert from "node:assert/strict";
 * const meta = [
 *   { file: "raw/rankings-daily/2026-05-24_2026-06-22.json", as_of: null, start_date: null, end_date: null, version: "v1" },
 *   { file: "raw/rankings-daily/2026-06-23_2026-06-30.json", as_of: "2026-07-01T02:00:00Z", start_date: "2026-06-23", end_date: "2026-06-30", version: "v1" },
 * ];
 * assert.equal(
 *   rankingsCitation(meta),
 *   "Source: OpenRouter (openrouter.ai/rankings), as of 2026-07-01T02:00:00Z; no original meta.as_of in 2026-05-24_2026-06-22.json.",
 * );
 * assert.equal(
 *   rankingsCitation(meta.slice(1), { licence: true }),
 *   "Source: OpenRouter (openrouter.ai/rankings), as of 2026-07-01T02:00:00Z. Licensed under CC BY 4.0.",
 * );
 * ```
 */
export function rankingsCitation(
  meta: readonly CitedFileMeta[],
  options: { rankings?: pl.DataFrame; licence?: boolean } = {},
): string {
  let used = [...meta];
  if (options.rankings !== undefined && options.rankings.height > 0) {
    const files = new Set(
      options.rankings.getColumn("source_file").toArray() as string[],
    );
    used = used.filter((m) => files.has(m.file));
  }
  const dated = used.filter((m) =>
    m.as_of !== null && Number.isFinite(Date.parse(m.as_of))
  );
  const undated = used.filter((m) => !dated.includes(m))
    .map((m) => m.file.split(/[\\/]/).pop() ?? m.file);
  const newest = dated.reduce<CitedFileMeta | undefined>(
    (a, b) =>
      a === undefined || Date.parse(b.as_of!) > Date.parse(a.as_of!) ? b : a,
    undefined,
  );
  const named = undated.length > NAMED
    ? `${undated.slice(0, NAMED).join(", ")} and ${undated.length - NAMED} more`
    : undated.join(", ");
  let line: string;
  if (used.length === 0) line = `${SOURCE}, as of unknown: no file used.`;
  else if (newest === undefined) {
    line = `${SOURCE}, as of unknown: no original meta.as_of in ${named}.`;
  } else if (undated.length > 0) {
    line =
      `${SOURCE}, as of ${newest.as_of}; no original meta.as_of in ${named}.`;
  } else line = `${SOURCE}, as of ${newest.as_of}.`;
  return options.licence === true ? `${line} ${LICENCE_SENTENCE}` : line;
}
