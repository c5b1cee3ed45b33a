import assert from "node:assert/strict";
import { loadRankingSegments } from "../../lib/loading/rankings_segments.ts";
import { formatProblem } from "../../lib/loading/problems.ts";
import { inTempDir, writeJson } from "../_helpers.ts";

const CATEGORY = "tests/fixtures/rankings-by-category";
const CONTEXT = "tests/fixtures/rankings-by-context";
const files = (dir: string) =>
  [...Deno.readDirSync(dir)].map((e) => `${dir}/${e.name}`).filter((f) =>
    f.endsWith(".json")
  ).sort();

Deno.test("loadRankingSegments() reads the weekly category answers, the segment from the name, and shares them", async () => {
  const { frame, errors, warnings } = await loadRankingSegments(
    files(CATEGORY),
  );
  assert.deepEqual([errors, warnings], [[], []]);
  assert.equal(frame.height, 30);
  const context = await loadRankingSegments(files(CONTEXT));
  assert.deepEqual(context.errors, []);
  assert.equal(context.frame.height, 12);
  assert.deepEqual(
    [...new Set(context.frame.getColumn("segment_kind").toArray())],
    ["context_bucket"],
  );
  assert.deepEqual(
    [...new Set(frame.getColumn("segment").toArray())].sort(),
    ["marketing/seo", "programming", "roleplay"],
  );
});

Deno.test("loadRankingSegments() names a bad name, record and field, and loads nothing from a bad file", async () => {
  await inTempDir(async (dir) => {
    const meta = {
      as_of: "2026-06-23T02:00:00Z",
      start_date: "2026-05-24",
      end_date: "2026-06-22",
    };
    const good = `${dir}/2026-05-24_2026-06-22.category-programming.json`;
    await writeJson(good, {
      data: [
        { date: "2026-06-31", model_permaslug: "a", total_tokens: "1" },
        { date: "2026-06-01", model_permaslug: "", total_tokens: "-1" },
        { date: "2026-06-01", model_permaslug: "b", total_tokens: "2" },
        { date: "2026-06-01", model_permaslug: "b", total_tokens: "3" },
      ],
      meta,
    });
    const unknown = `${dir}/2026-05-24_2026-06-22.category-cooking.json`;
    await writeJson(unknown, { data: [], meta });
    const { frame, errors } = await loadRankingSegments([good, unknown]);
    assert.equal(frame.height, 0);
    assert.deepEqual(errors.map(formatProblem), [
      `error: ${good}: data[0].date is "2026-06-31", expected a calendar date YYYY-MM-DD`,
      `error: ${good}: data[1].model_permaslug is "", expected a non-empty permaslug`,
      `error: ${good}: data[1].total_tokens is "-1", expected a non-negative integer (decimal string) below 2^53`,
      `error: ${good}: data[3].model_permaslug is "b", expected one row per week and model (also data[2])`,
      `error: ${unknown}: file name is "2026-05-24_2026-06-22.category-cooking.json", expected START_END.category-<one of programming, roleplay, marketing, marketing--seo, technology, science, translation, legal, finance, health, trivia, academia>.json or START_END.context-<one of 1K, 10K, 100K, 1M, 10M>.json, as deno task fetch names them`,
    ]);
  });
});
