/**
 * The source lines drawn at the foot of the charts: one function per data
 * source, so every chart that draws from a source cites it the same way.
 *
 * @module
 */
import type { Analyses } from "../run/analyses.ts";
import { rankingsCitation } from "../text/citation.ts";

/**
 * The source line of every chart drawn from OpenRouter's rankings-daily
 * dataset: OpenRouter's citation with the newest `meta.as_of` of the files
 * the analyses used ({@linkcode rankingsCitation}: it says so when a file has
 * no original meta), the licence, the last day of data and tokenbook. The one
 * place that words the rankings citation for charts.
 *
 * @param results The analyses (their `period.rankings`, `rankingsMeta` and `classified` rows).
 * @returns e.g. `"Source: OpenRouter (openrouter.ai/rankings), as of 2026-06-25T02:00:00Z. CC BY 4.0 · data through 2026-06-22 · tokenbook"`.
 *
 * @example A file with its meta, and the bundled month without one
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Analyses } from "../run/analyses.ts";
 * const results = {
 *   period: { rankings: ["2026-05-24", "2026-06-22"] },
 *   rankingsMeta: [{ file: "a.json", as_of: "2026-06-25T02:00:00Z", start_date: "2026-05-24", end_date: "2026-06-22", version: "v1" }],
 * } as unknown as Analyses;
 * assert.equal(
 *   rankingsSourceLine(results),
 *   "Source: OpenRouter (openrouter.ai/rankings), as of 2026-06-25T02:00:00Z. CC BY 4.0 · data through 2026-06-22 · tokenbook",
 * );
 * const bundled = { ...results, rankingsMeta: [{ ...results.rankingsMeta[0], as_of: null }] } as Analyses;
 * assert.match(rankingsSourceLine(bundled), /as of unknown: no original meta\.as_of in a\.json\./);
 * ```
 */
export function rankingsSourceLine(results: Analyses): string {
  const through = results.period.rankings?.[1] ?? "n/a";
  const citation = rankingsCitation(results.rankingsMeta ?? [], {
    rankings: results.classified,
  });
  return `${citation} CC BY 4.0 · data through ${through} · tokenbook`;
}

/**
 * The source line of every chart drawn from the openrouter-inference-stats
 * tracker: the tracker, the price list and the weeks covered.
 *
 * @param results The analyses (their `period.inference`).
 * @returns The line, ending with "· tokenbook".
 *
 * @example The tracker's weeks
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Analyses } from "../run/analyses.ts";
 * const results = { period: { inference: ["2025-11-16", "2026-02-08"] } } as unknown as Analyses;
 * assert.match(trackerSourceLine(results), /weeks 2025-11-16 … 2026-02-08 · tokenbook$/);
 * ```
 */
export function trackerSourceLine(results: Analyses): string {
  const weeks = results.period.inference?.join(" … ") ?? "n/a";
  return `Source: openrouter-inference-stats (tracked top models), OpenRouter list prices · weeks ${weeks} · tokenbook`;
}
