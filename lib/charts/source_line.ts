/**
 * The source lines drawn at the foot of the charts: one function per data
 * source, so every chart that draws from a source cites it the same way,
 * worded for print (the period shown in words, never a file name, a field
 * path or "unknown").
 *
 * @module
 */
import type { Analyses } from "../run/analyses.ts";
import { rankingsCitation } from "../text/citation.ts";
import { formatDay, formatDayRange } from "../text/format.ts";

/** First and last day a chart shows, `YYYY-MM-DD`. */
export type ChartPeriod = readonly [string, string];

/**
 * The source line of every chart drawn from OpenRouter's rankings-daily
 * dataset: OpenRouter's citation ({@linkcode rankingsCitation}: the newest
 * `meta.as_of` of the files the analyses used, or the provenance in words
 * when none has one), the days the chart shows, "data to {day}" when the data
 * was cut with `--as-of`, the licence and tokenbook.
 *
 * @param results The analyses (their `period`, `rankingsMeta` and `classified` rows).
 * @param shown The days the chart shows (default: every day of the rankings).
 * @param also Another source the chart draws on, after the licence (e.g. "benchmarks as published by vendors").
 * @returns One line, e.g. `"Source: OpenRouter (openrouter.ai/rankings), as of 2026-06-25T02:00:00Z; daily data 24 May – 22 June 2026. CC BY 4.0 · tokenbook"`.
 *
 * @example A file with its meta, and the bundled month without one
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Analyses } from "../run/analyses.ts";
 * const results = {
 *   period: { rankings: ["2026-05-24", "2026-06-22"], dataTo: null },
 *   rankingsMeta: [{ file: "a.json", as_of: "2026-06-25T02:00:00Z", start_date: "2026-05-24", end_date: "2026-06-22", version: "v1" }],
 * } as unknown as Analyses;
 * assert.equal(
 *   rankingsSourceLine(results),
 *   "Source: OpenRouter (openrouter.ai/rankings), as of 2026-06-25T02:00:00Z; daily data 24 May – 22 June 2026. CC BY 4.0 · tokenbook",
 * );
 * const bundled = { ...results, rankingsMeta: [{ ...results.rankingsMeta[0], as_of: null }] } as Analyses;
 * assert.equal(
 *   rankingsSourceLine(bundled, ["2026-06-15", "2026-06-21"]),
 *   "Source: OpenRouter (openrouter.ai/rankings), daily data 15–21 June 2026, via a public archive. CC BY 4.0 · tokenbook",
 * );
 * ```
 */
export function rankingsSourceLine(
  results: Analyses,
  shown?: ChartPeriod | null,
  also?: string,
): string {
  const citation = rankingsCitation(results.rankingsMeta ?? [], {
    rankings: results.classified,
    period: shown ?? results.period.rankings,
    dataTo: results.period.dataTo,
  });
  return `${citation} CC BY 4.0${
    also === undefined ? "" : `; ${also}`
  } · tokenbook`;
}

/**
 * The source line of every chart drawn from the openrouter-inference-stats
 * tracker: the tracker, the price list and the weeks shown (the tracker's
 * weekly files, dated by their `date`), "data to {day}" after a cut.
 *
 * @param results The analyses (their `period.inference` and `period.dataTo`).
 * @param shown The tracker weeks the chart shows (default: all of them).
 * @returns The line, ending with "· tokenbook".
 *
 * @example All weeks, one week
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Analyses } from "../run/analyses.ts";
 * const results = { period: { inference: ["2025-11-16", "2026-02-08"], dataTo: null } } as unknown as Analyses;
 * assert.equal(
 *   trackerSourceLine(results),
 *   "Source: openrouter-inference-stats, a public tracker of OpenRouter's top models; OpenRouter list prices; weekly files 16 November 2025 – 8 February 2026 · tokenbook",
 * );
 * assert.match(trackerSourceLine(results, ["2026-02-08", "2026-02-08"]), /weekly file of 8 February 2026 · tokenbook$/);
 * ```
 */
export function trackerSourceLine(
  results: Analyses,
  shown?: ChartPeriod | null,
): string {
  const weeks = shown ?? results.period.inference;
  const parts = [
    "Source: openrouter-inference-stats, a public tracker of OpenRouter's top models",
    "OpenRouter list prices",
  ];
  if (weeks != null) {
    parts.push(
      weeks[0] === weeks[1]
        ? `weekly file of ${formatDay(weeks[0])}`
        : `weekly files ${formatDayRange(...weeks)}`,
    );
  }
  if (results.period.dataTo != null) {
    parts.push(`data to ${formatDay(results.period.dataTo)}`);
  }
  return `${parts.join("; ")} · tokenbook`;
}
