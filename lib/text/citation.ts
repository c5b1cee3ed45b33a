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
 * OpenRouter's citation line for anything built on rankings-daily, taken
 * from the data itself (the newest `meta.as_of` of the files used, the days
 * shown), worded for print: never a file name, a field path or "unknown".
 * What the files lack (an original `meta.as_of`) is said in words by
 * {@linkcode rankingsProvenance}, for the report's data section.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { formatDay, formatDayRange } from "./format.ts";

/** What the citation reads of a rankings-daily file's `meta` (the loader's `RankingsFileMeta` has it). */
export interface CitedFile {
  /** Path of the file. */
  file: string;
  /** `meta.as_of` verbatim, or null when the file has none. */
  as_of: string | null;
  /** `meta.start_date`, or null. */
  start_date?: string | null;
  /** `meta.end_date`, or null. */
  end_date?: string | null;
}

/** The name main gave {@linkcode CitedFile} (issue 25); the same type. */
export type CitedFileMeta = CitedFile;

/** Options of {@linkcode rankingsCitation}. */
export interface CitationOptions {
  /** The frame the figure was built from (`date`, `source_file`): only the files it names count as used, and its days are the period when `period` is not given. */
  rankings?: pl.DataFrame;
  /** First and last day the figure shows, `YYYY-MM-DD`. */
  period?: readonly [string, string] | null;
  /** The day the data was cut at (`--as-of`), or null: adds "data to {day}". */
  dataTo?: string | null;
  /** Add "Licensed under CC BY 4.0.", as OpenRouter asks when the data itself is republished (a table). */
  licence?: boolean;
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
export const RANKINGS_SOURCE = OFFICIAL_CITATIONS["rankings-daily"].replace(
  ", as of {as_of}.",
  "",
);
/** The page a chart or table of rankings-daily links as its source. */
export const RANKINGS_URL = "https://openrouter.ai/rankings";
/** How a file without OpenRouter's own `meta.as_of` reached tokenbook, in words. */
const ARCHIVED = "via a public archive";

function isDated(m: CitedFile): boolean {
  return m.as_of !== null && Number.isFinite(Date.parse(m.as_of));
}

/** The files a frame used (all when no frame, or an empty one, is given). */
function usedFiles(
  meta: readonly CitedFile[],
  rankings: pl.DataFrame | undefined,
): CitedFile[] {
  if (rankings === undefined || rankings.height === 0) return [...meta];
  const files = new Set(
    rankings.getColumn("source_file").toArray() as string[],
  );
  return meta.filter((m) => files.has(m.file));
}

function periodOf(
  used: readonly CitedFile[],
  options: CitationOptions,
): readonly [string, string] | null {
  if (options.period !== undefined) return options.period;
  const frame = options.rankings;
  if (frame !== undefined && frame.height > 0) {
    const days = frame.getColumn("date").unique().sort().toArray() as string[];
    return [days[0], days[days.length - 1]];
  }
  const starts = used.map((m) => m.start_date).filter((d) => d != null);
  const ends = used.map((m) => m.end_date).filter((d) => d != null);
  if (starts.length === 0 || ends.length === 0) return null;
  return [starts.sort()[0]!, ends.sort().at(-1)!];
}

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

/**
 * The newest original `meta.as_of` of the rankings-daily files used, verbatim.
 *
 * @param meta The `meta` of the rankings-daily files.
 * @param rankings The frame a figure was built from: only the files it names count.
 * @returns The `as_of`, or null when no file used has one.
 *
 * @example One dated file of two
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(newestAsOf([{ file: "a", as_of: null }, { file: "b", as_of: "2026-07-01T02:00:00Z" }]), "2026-07-01T02:00:00Z");
 * assert.equal(newestAsOf([{ file: "a", as_of: null }]), null);
 * ```
 */
export function newestAsOf(
  meta: readonly CitedFile[],
  rankings?: pl.DataFrame,
): string | null {
  const dated = usedFiles(meta, rankings).filter(isDated);
  return dated.reduce<string | null>(
    (a, b) => a === null || Date.parse(b.as_of!) > Date.parse(a) ? b.as_of : a,
    null,
  );
}

/**
 * The citation OpenRouter asks for, fit for print. With an `as_of` in the
 * files used: "Source: OpenRouter (openrouter.ai/rankings), as of {as_of}"
 * (the newest, verbatim) and the days shown. Without one (the bundled month,
 * whose envelope was rebuilt): the days shown and how the data came, "via a
 * public archive". A cut (`dataTo`) says "data to {day}". Never a file name,
 * a field path or "unknown".
 *
 * @param meta The `meta` of the rankings-daily files (`Workspace.rankingsMeta`).
 * @param options The frame used, the period shown, the cut, the licence.
 * @returns One line, ending with a full stop.
 *
 * @example A fetched file, the bundled month, a cut
 * ```ts
 * import assert from "node:assert/strict";
 * const fetched = { file: "raw/rankings-daily/2026-06-23_2026-06-30.json", as_of: "2026-07-01T02:00:00Z", start_date: "2026-06-23", end_date: "2026-06-30" };
 * const bundled = { file: "raw/rankings-daily/2026-05-24_2026-06-22.json", as_of: null, start_date: "2026-05-24", end_date: "2026-06-22" };
 * assert.equal(
 *   rankingsCitation([fetched], { licence: true }),
 *   "Source: OpenRouter (openrouter.ai/rankings), as of 2026-07-01T02:00:00Z; daily data 23–30 June 2026. Licensed under CC BY 4.0.",
 * );
 * assert.equal(
 *   rankingsCitation([bundled]),
 *   "Source: OpenRouter (openrouter.ai/rankings), daily data 24 May – 22 June 2026, via a public archive.",
 * );
 * assert.equal(
 *   rankingsCitation([bundled, fetched], { period: ["2026-06-01", "2026-06-07"], dataTo: "2026-06-07" }),
 *   "Source: OpenRouter (openrouter.ai/rankings), as of 2026-07-01T02:00:00Z; daily data 1–7 June 2026, partly via a public archive; data to 7 June 2026.",
 * );
 * ```
 */
export function rankingsCitation(
  meta: readonly CitedFile[],
  options: CitationOptions = {},
): string {
  const used = usedFiles(meta, options.rankings);
  const dated = used.filter(isDated);
  const newest = dated.reduce<CitedFile | undefined>(
    (a, b) =>
      a === undefined || Date.parse(b.as_of!) > Date.parse(a.as_of!) ? b : a,
    undefined,
  );
  const period = periodOf(used, options);
  const parts: string[] = [];
  if (newest !== undefined) parts.push(`as of ${newest.as_of}`);
  if (period !== null) {
    const archived = used.length === 0 || dated.length === used.length
      ? ""
      : dated.length === 0
      ? `, ${ARCHIVED}`
      : `, partly ${ARCHIVED}`;
    parts.push(`daily data ${formatDayRange(...period)}${archived}`);
  } else if (used.length > 0 && newest === undefined) parts.push(ARCHIVED);
  if (options.dataTo != null) {
    parts.push(`data to ${formatDay(options.dataTo)}`);
  }
  const line = parts.length === 0
    ? `${RANKINGS_SOURCE}.`
    : `${RANKINGS_SOURCE}, ${parts.join("; ")}.`;
  return options.licence === true ? `${line} ${LICENCE_SENTENCE}` : line;
}

/**
 * The diagnostic behind the citation, for the report's data section: which
 * rankings-daily files carry no original `meta.as_of`, and so are cited by
 * their period and provenance rather than OpenRouter's "as of".
 *
 * @param meta The `meta` of the rankings-daily files.
 * @param options `rankings`: only files named in its `source_file` count.
 * @returns A sentence naming every such file, or null when every file has its `as_of`.
 *
 * @example The bundled month
 * ```ts
 * import assert from "node:assert/strict";
 * const bundled = { file: "data/raw/rankings-daily/2026-05-24_2026-06-22.json", as_of: null };
 * assert.equal(
 *   rankingsProvenance([bundled]),
 *   "1 rankings-daily file has no original meta.as_of (its envelope was rebuilt, so it does not say when OpenRouter generated it); charts and tables cite its days and provenance instead of OpenRouter's \"as of\": 2026-05-24_2026-06-22.json.",
 * );
 * assert.equal(rankingsProvenance([{ file: "a.json", as_of: "2026-07-01T02:00:00Z" }]), null);
 * ```
 */
export function rankingsProvenance(
  meta: readonly CitedFile[],
  options: { rankings?: pl.DataFrame } = {},
): string | null {
  const undated = usedFiles(meta, options.rankings).filter((m) => !isDated(m))
    .map((m) => m.file.split(/[\\/]/).pop() ?? m.file);
  if (undated.length === 0) return null;
  const files = undated.length === 1 ? "file has" : "files have";
  const one = undated.length === 1;
  return `${undated.length} rankings-daily ${files} no original meta.as_of (${
    one ? "its envelope was" : "their envelopes were"
  } rebuilt, so ${
    one ? "it does" : "they do"
  } not say when OpenRouter generated ${
    one ? "it" : "them"
  }); charts and tables cite ${
    one ? "its" : "their"
  } days and provenance instead of OpenRouter's "as of": ${
    undated.join(", ")
  }.`;
}
