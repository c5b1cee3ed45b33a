import assert from "node:assert/strict";
import {
  loadSessionCost,
  TURN_RANGES,
} from "../../lib/loading/session_cost.ts";
import { inTempDir, problem, writeJson } from "../_helpers.ts";

// Files in the documented shape (OpenRouter docs, SessionCostResponse):
// {"data": [{app_name, app_slug, median_session_cost_usd, model_permaslug,
// turn_range}], "meta": {as_of, version, window_days, window_end_date}}.
const META = {
  as_of: "2026-05-12T02:00:00.000Z",
  version: "v1",
  window_days: 30,
  window_end_date: "2026-05-11",
};
const cell = (turn: string, usd: number) => ({
  app_name: "Hermes Agent",
  app_slug: "hermes-agent",
  median_session_cost_usd: usd,
  model_permaslug: "anthropic/claude-4.8-opus",
  turn_range: turn,
});

Deno.test("loadSessionCost() loads the documented example cell with its window", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-05-11.offset-0.json`;
    await writeJson(file, { data: [cell("10-49-turns", 1.74)], meta: META });
    const { frame, errors } = await loadSessionCost([file]);
    assert.deepEqual(errors, []);
    assert.deepEqual(frame.drop("source_file").toRecords(), [{
      window_end_date: "2026-05-11",
      window_days: 30,
      app_slug: "hermes-agent",
      app_name: "Hermes Agent",
      model_permaslug: "anthropic/claude-4.8-opus",
      turn_range: "10-49-turns",
      median_session_cost_usd: 1.74,
      as_of: "2026-05-12T02:00:00.000Z",
    }]);
    assert.deepEqual(TURN_RANGES, [
      "1-turn",
      "2-9-turns",
      "10-49-turns",
      "50-plus-turns",
    ]);
  });
});

Deno.test("loadSessionCost() reports an unknown turn range, a negative cost and a duplicate cell", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-05-11.offset-0.json`;
    await writeJson(file, {
      data: [
        cell("3-turns", 1),
        cell("1-turn", -0.5),
        cell("2-9-turns", 0.4),
        cell("2-9-turns", 0.5),
      ],
      meta: META,
    });
    const { errors } = await loadSessionCost([file]);
    assert.deepEqual(errors, [
      problem(
        file,
        "data[0]",
        "turn_range",
        '"3-turns"',
        `one of ${TURN_RANGES.join(", ")}`,
      ),
      problem(
        file,
        "data[1]",
        "median_session_cost_usd",
        "-0.5",
        "a non-negative number of USD",
      ),
      problem(
        file,
        "data[3]",
        "",
        '"hermes-agent anthropic/claude-4.8-opus 2-9-turns"',
        "one row per app, model and turn range (also data[2])",
      ),
    ]);
  });
});

Deno.test("loadSessionCost() accepts a response with no published snapshot, and rejects rows without a window", async () => {
  await inTempDir(async (dir) => {
    const none = `${dir}/none.json`;
    await writeJson(none, {
      data: [],
      meta: { ...META, window_days: null, window_end_date: null },
    });
    const empty = await loadSessionCost([none]);
    assert.deepEqual([empty.errors, empty.frame.height], [[], 0]);
    const bad = `${dir}/bad.json`;
    await writeJson(bad, {
      data: [cell("1-turn", 0.1)],
      meta: { ...META, window_days: null, window_end_date: null },
    });
    assert.deepEqual((await loadSessionCost([bad])).errors, [
      problem(
        bad,
        "meta",
        "window_end_date",
        "null",
        "a calendar date YYYY-MM-DD (data has rows)",
      ),
      problem(
        bad,
        "meta",
        "window_days",
        "null",
        "an integer ≥ 1 (data has rows)",
      ),
    ]);
  });
});
