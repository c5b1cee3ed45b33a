import assert from "node:assert/strict";
import type pl from "nodejs-polars";
import {
  FEED_SERIES,
  feedAsBenchmarkTable,
  loadBenchmarksFeed,
} from "../../lib/loading/benchmarks_feed.ts";
import { formatProblem } from "../../lib/loading/problems.ts";
import { inTempDir, writeJson } from "../_helpers.ts";

const rowOf = (frame: pl.DataFrame, slug: string) =>
  frame.toRecords().find((r) => r.model_permaslug === slug)!;

const FIXTURE = "tests/fixtures/benchmarks/2026-06-23.artificial-analysis.json";

Deno.test("loadBenchmarksFeed() reads the documented shape: indices, prices per million tokens, as_of", async () => {
  const { frame, errors, warnings } = await loadBenchmarksFeed([FIXTURE]);
  assert.deepEqual([errors, warnings], [[], []]);
  assert.equal(frame.height, 9);
  const opus = rowOf(frame, "anthropic/claude-4.7-opus-20260416");
  assert.deepEqual(opus, {
    snapshot_date: "2026-06-23",
    source: "artificial-analysis",
    model_permaslug: "anthropic/claude-4.7-opus-20260416",
    display_name: "Claude Opus 4.7 (synthetic)",
    intelligence_index: 60,
    coding_index: 58,
    agentic_index: 55,
    prompt_usd_per_mtok: 5,
    completion_usd_per_mtok: 25,
    as_of: "2026-06-23T12:00:00.000Z",
    source_file: FIXTURE,
  });
  // a null index and a null pricing stay null
  const hy3 = rowOf(frame, "tencent/hy3-preview");
  assert.equal(hy3.agentic_index, null);
  const gemini = rowOf(frame, "google/gemini-3-flash-preview");
  assert.equal(gemini.prompt_usd_per_mtok, null);
  const table = feedAsBenchmarkTable(frame);
  assert.equal(
    table.toRecords().filter((r) => r.benchmark === FEED_SERIES.agentic_index)
      .length,
    8,
  );
  assert.deepEqual(table.columns, [
    "model",
    "benchmark",
    "score",
    "source_url",
    "source_date",
  ]);
});

Deno.test("loadBenchmarksFeed() names every bad record and field, and loads nothing from a bad file", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-06-23.artificial-analysis.json`;
    await writeJson(file, {
      data: [
        { model_permaslug: "", display_name: "A", intelligence_index: 1 },
        { model_permaslug: "b/b", display_name: "B", coding_index: -1 },
        { model_permaslug: "c/c", aa_name: "C", pricing: { prompt: "x" } },
        { model_permaslug: "d/d", display_name: "D" },
        { model_permaslug: "d/d", display_name: "D again" },
        "not an object",
      ],
      meta: { as_of: "2026-06-23T12:00:00Z", source: "artificial-analysis" },
    });
    const { frame, errors } = await loadBenchmarksFeed([file]);
    assert.equal(frame.height, 0);
    assert.deepEqual(errors.map(formatProblem), [
      `error: ${file}: data[0].model_permaslug is "", expected a non-empty model id`,
      `error: ${file}: data[1].coding_index is -1, expected a score ≥ 0 (a number), or null`,
      `error: ${file}: data[2].pricing.prompt is "x", expected a decimal string in USD per token, ≥ 0`,
      `error: ${file}: data[4].model_permaslug is "d/d", expected one row per model (also data[3])`,
      `error: ${file}: data[5] is "not an object", expected an object with model_permaslug, display_name and the three indices`,
    ]);
    await writeJson(file, {
      data: [],
      meta: { as_of: "2026-06-23T12:00:00Z", source: "design-arena" },
    });
    assert.deepEqual(
      (await loadBenchmarksFeed([file])).errors.map(formatProblem),
      [
        `error: ${file}: meta.source is "design-arena", expected "artificial-analysis" (the request's source)`,
      ],
    );
  });
});
