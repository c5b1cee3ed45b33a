/**
 * Share of tokens by segment: rankings-daily split by use-case category or
 * by context-length bucket (`loadRankingSegments()`), each segment's share of
 * all the segments' tokens in the latest saved window, for notebook 02.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { RankingSegmentRow } from "../loading/rankings_segments.ts";

/**
 * Each segment's share of the tokens of all segments, in the latest saved
 * window: a segment's tokens are the sum over its weeks and models.
 * Categories come from a sampled, upsampled dataset (estimates); a request
 * can fall in one context bucket only, so those shares are of all the
 * buckets' tokens.
 *
 * @param frame A frame from {@linkcode loadRankingSegments} (one kind).
 * @returns Columns `segment`, `total_tokens`, `token_share` (0–1), `top_model`
 * (the model with most tokens in the segment), `window_start`, `window_end`,
 * most tokens first; empty for an empty frame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const frame = pl.DataFrame({
 *   segment: ["programming", "programming", "roleplay"], week_start: ["2026-06-01", "2026-06-01", "2026-06-01"],
 *   permaslug: ["a", "b", "a"], tokens: [30, 10, 60], window_start: ["2026-05-24", "2026-05-24", "2026-05-24"],
 *   window_end: ["2026-06-22", "2026-06-22", "2026-06-22"],
 * });
 * const table = segmentShares(frame).toRecords();
 * assert.deepEqual(table.map((r) => [r.segment, r.token_share, r.top_model]), [["roleplay", 0.6, "a"], ["programming", 0.4, "a"]]);
 * ```
 */
export function segmentShares(frame: pl.DataFrame): pl.DataFrame {
  const schema = {
    segment: pl.Utf8,
    total_tokens: pl.Int64,
    token_share: pl.Float64,
    top_model: pl.Utf8,
    window_start: pl.Utf8,
    window_end: pl.Utf8,
  };
  if (frame.height === 0) return pl.DataFrame({}, { schema });
  const latest = (frame.getColumn("window_end").toArray() as string[]).sort()
    .at(-1)!;
  const rows = frame.filter(pl.col("window_end").eq(pl.lit(latest)))
    .toRecords() as unknown as RankingSegmentRow[];
  const bySegment = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const models = bySegment.get(row.segment) ?? new Map<string, number>();
    models.set(row.permaslug, (models.get(row.permaslug) ?? 0) + row.tokens);
    bySegment.set(row.segment, models);
  }
  const all = rows.reduce((sum, row) => sum + row.tokens, 0);
  const out = [...bySegment.entries()].map(([segment, models]) => {
    const total = [...models.values()].reduce((a, b) => a + b, 0);
    const top = [...models.entries()].filter(([slug]) => slug !== "other")
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    return {
      segment,
      total_tokens: total,
      token_share: all === 0 ? 0 : total / all,
      top_model: top?.[0] ?? "",
      window_start: rows[0].window_start,
      window_end: latest,
    };
  }).sort((a, b) =>
    b.total_tokens - a.total_tokens || (a.segment < b.segment ? -1 : 1)
  );
  return pl.DataFrame(out, { schema });
}
