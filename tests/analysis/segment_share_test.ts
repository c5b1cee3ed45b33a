import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { segmentShares } from "../../lib/analysis/segment_share.ts";
import { loadRankingSegments } from "../../lib/loading/rankings_segments.ts";

const CATEGORY = "tests/fixtures/rankings-by-category";
const CONTEXT = "tests/fixtures/rankings-by-context";
const files = (dir: string) =>
  [...Deno.readDirSync(dir)].map((e) => `${dir}/${e.name}`).filter((f) =>
    f.endsWith(".json")
  ).sort();

Deno.test("segmentShares() shares the latest window's tokens out by segment, with each segment's top model", async () => {
  const { frame } = await loadRankingSegments(files(CATEGORY));
  // 6 weeks: programming 6 × 4000, roleplay 6 × 2500, marketing/seo 6 × 500
  assert.deepEqual(segmentShares(frame).toRecords(), [
    {
      segment: "programming",
      total_tokens: 24000,
      token_share: 24000 / 42000,
      top_model: "anthropic/claude-4.6-sonnet-20260217",
      window_start: "2026-05-24",
      window_end: "2026-06-22",
    },
    {
      segment: "roleplay",
      total_tokens: 15000,
      token_share: 15000 / 42000,
      top_model: "deepseek/deepseek-v4-flash-20260423",
      window_start: "2026-05-24",
      window_end: "2026-06-22",
    },
    {
      segment: "marketing/seo",
      total_tokens: 3000,
      token_share: 3000 / 42000,
      top_model: "google/gemini-3-flash-preview-20251217",
      window_start: "2026-05-24",
      window_end: "2026-06-22",
    },
  ]);
  const context = await loadRankingSegments(files(CONTEXT));
  assert.deepEqual(
    segmentShares(context.frame).toRecords().map((
      r,
    ) => [r.segment, r.token_share]),
    [["100K", 0.9], ["1K", 0.1]],
  );
});

Deno.test("segmentShares() gives no row for no data", () => {
  assert.equal(segmentShares(pl.DataFrame({})).height, 0);
});
