/**
 * The source lines drawn at the foot of the charts: one function per data
 * source, so every chart that draws from a source cites it the same way.
 *
 * @module
 */
import type { Analyses } from "../report/analysis.ts";

/**
 * The source line of every chart drawn from OpenRouter's rankings-daily
 * dataset: the dataset, its licence, the last day of data and tokenbook.
 * The one place that words the rankings citation.
 *
 * @param results The analyses (their `period.rankings`).
 * @returns e.g. `"Source: OpenRouter rankings-daily, CC BY 4.0 · data through 2026-06-22 · tokenbook"`.
 *
 * @example The last day of data
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Analyses } from "../report/analysis.ts";
 * const results = { period: { rankings: ["2026-05-24", "2026-06-22"] } } as unknown as Analyses;
 * assert.equal(
 *   rankingsSourceLine(results),
 *   "Source: OpenRouter rankings-daily, CC BY 4.0 · data through 2026-06-22 · tokenbook",
 * );
 * ```
 */
export function rankingsSourceLine(results: Analyses): string {
  const through = results.period.rankings?.[1] ?? "n/a";
  return `Source: OpenRouter rankings-daily, CC BY 4.0 · data through ${through} · tokenbook`;
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
 * import type { Analyses } from "../report/analysis.ts";
 * const results = { period: { inference: ["2025-11-16", "2026-02-08"] } } as unknown as Analyses;
 * assert.match(trackerSourceLine(results), /weeks 2025-11-16 … 2026-02-08 · tokenbook$/);
 * ```
 */
export function trackerSourceLine(results: Analyses): string {
  const weeks = results.period.inference?.join(" … ") ?? "n/a";
  return `Source: openrouter-inference-stats (tracked top models), OpenRouter list prices · weeks ${weeks} · tokenbook`;
}
