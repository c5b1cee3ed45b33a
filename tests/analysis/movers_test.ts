import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { classifyModels } from "../../lib/analysis/model_info.ts";
import { weeklyModelTokens } from "../../lib/analysis/weekly.ts";
import {
  checkDailyTable,
  movers,
  topEntriesExits,
  weekOverWeek,
} from "../../lib/analysis/movers.ts";

// Real-data values were computed by hand with python3 over
// data/raw/rankings-daily/*.json: weekly sums per permaslug (other row
// excluded), ranked by tokens descending then permaslug.

const ws = await loadWorkspace("data");
const classified = classifyModels(ws.rankings, ws.modelIdentity, ws.vendors);
const weekly = weeklyModelTokens(classified);

/** Three weeks of two models; the third week is partial. */
function small(): pl.DataFrame {
  return pl.DataFrame({
    week_start: [
      "2026-06-01",
      "2026-06-01",
      "2026-06-08",
      "2026-06-08",
      "2026-06-15",
      "2026-06-15",
    ],
    days_covered: [7, 7, 7, 7, 2, 2],
    model: ["A", "B", "A", "B", "A", "B"],
    permaslug: ["a/a", "b/b", "a/a", "b/b", "a/a", "b/b"],
    vendor: ["a", "b", "a", "b", "a", "b"],
    origin: ["US", "China", "US", "China", "US", "China"],
    tokens: [100, 50, 75, 65, 10, 40],
    share: [0.6, 0.3, 0.5, 0.4, 0.2, 0.8],
    rank: [1, 2, 1, 2, 2, 1],
    wow_change: [null, null, -0.25, 0.3, null, null],
  });
}

Deno.test("movers() keeps only changes beyond ±30%, not one of exactly 30%", () => {
  const moved = movers(small());
  assert.deepEqual(moved.getColumn("model").toArray(), []);
  const lower = movers(small(), { threshold: 0.2 }).toRecords();
  assert.deepEqual(lower.map((r) => [r.model, r.direction]), [
    ["B", "up"],
    ["A", "down"],
  ]);
  assert.throws(() => movers(small(), { threshold: -1 }), RangeError);
});

Deno.test("weekOverWeek() never compares a partial week", () => {
  const changes = weekOverWeek(small());
  assert.deepEqual(
    changes.getColumn("week_start").unique().toArray(),
    ["2026-06-08"],
  );
  // B swapped places with A in the partial week, but that is not a change.
  assert.equal(topEntriesExits(small(), 1).height, 0);
});

Deno.test("topEntriesExits() finds MiniMax M3 and Claude Opus 4.8 entering the top 10 in the week of 2026-06-01", () => {
  // python3: top 10 of 2026-06-01 vs 2026-05-25 — entered: minimax-m3
  // (rank 3, unranked before), claude-4.8-opus (25 → 10); left:
  // gemini-3-flash-preview (10 → 11), mimo-v2.5-pro (8 → 13).
  const changes = topEntriesExits(weekly, 10).filter(
    pl.col("week_start").eq(pl.lit("2026-06-01")),
  ).toRecords();
  assert.deepEqual(
    changes.map((r) => [r.permaslug, r.change, r.rank, r.prev_rank]),
    [
      ["minimax/minimax-m3-20260531", "entered top 10", 3, null],
      ["anthropic/claude-4.8-opus-20260528", "entered top 10", 10, 25],
      ["google/gemini-3-flash-preview-20251217", "left top 10", 11, 10],
      ["xiaomi/mimo-v2.5-pro-20260422", "left top 10", 13, 8],
    ],
  );
});

Deno.test("movers() finds 8 models beyond ±30% in the week of 2026-06-01, Qwen3 235B first", () => {
  // python3: models in the top 50 on all 7 days of both weeks with
  // |tokens / last week − 1| > 0.3: 8; the largest rise is
  // qwen/qwen3-235b-a22b-07-25 at +62.1%. (Counting models present on only
  // some days gave 24, led by step-3.7-flash at +781.8% from 2 days to 7.)
  const moved = movers(weekly).filter(
    pl.col("week_start").eq(pl.lit("2026-06-01")),
  );
  assert.equal(moved.height, 8);
  const first = moved.toRecords()[0];
  assert.equal(first.permaslug, "qwen/qwen3-235b-a22b-07-25");
  assert.ok(Math.abs((first.wow_change as number) - 0.6214987016109366) < 1e-9);
});

Deno.test("checkDailyTable() compares the 2026-06-08 table's stated tokens with the day's rows", () => {
  // 002 article ("the most-used AI models", source day 2026-06-08): #1
  // Deepseek V4 Flash 4.6T, 139.3T run-rate; #2 Minimax M3 4.5T.
  // python3: 2026-06-08 deepseek-v4-flash 759726963292 (rank 1),
  // minimax-m3 438877706584 (rank 4); V4 Flash 2026-06-08..14 = 4414168571989.
  const checked = checkDailyTable(classified, "2026-06-08", [
    { model: "Deepseek V4 Flash", tokens: 4.6e12, run_rate_30d: 139.3e12 },
    { model: "Minimax M3", tokens: 4.5e12, run_rate_30d: 136.1e12 },
    { model: "No Such Model", tokens: 1e9 },
  ], ws.modelIdentity).toRecords();
  assert.deepEqual(
    checked.map((
      r,
    ) => [r.stated_rank, r.permaslug, r.actual_tokens, r.actual_rank]),
    [
      [1, "deepseek/deepseek-v4-flash-20260423", 759_726_963_292, 1],
      [2, "minimax/minimax-m3-20260531", 438_877_706_584, 4],
      [3, null, null, null],
    ],
  );
  assert.ok(
    Math.abs((checked[0].ratio as number) - 4.6e12 / 759_726_963_292) < 1e-12,
  );
  assert.equal(checked[0].actual_run_rate_30d, 759_726_963_292 * 30);
  assert.equal(checked[0].stated_run_rate_30d, 139.3e12);
  assert.equal(checked[0].tokens_7d_from_day, 4_414_168_571_989);
});

Deno.test("checkDailyTable() refuses a day the data does not cover", () => {
  assert.throws(
    () => checkDailyTable(classified, "2026-05-01", []),
    /no ranked model that day/,
  );
});
