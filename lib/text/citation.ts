/**
 * OpenRouter's citation line for anything built on rankings-daily, taken
 * from the data itself: the newest `meta.as_of` of the files used.
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

/** The source OpenRouter names for rankings-daily. */
const SOURCE = "Source: OpenRouter (openrouter.ai/rankings)";
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
  return options.licence === true ? `${line} Licensed under CC BY 4.0.` : line;
}
