import assert from "node:assert/strict";
import { absentLine, loadWorkspace } from "../../lib/loading/workspace.ts";
import { sessionCostComparison } from "../../lib/findings/session_cost.ts";
import { copyDir, inTempDir, writeJson } from "../_helpers.ts";

Deno.test("loadWorkspace() lists app-rankings, session-cost and benchmarks as absent in the bundled data, with no warning", async () => {
  const ws = await loadWorkspace("data");
  assert.deepEqual(ws.absentDatasets, [
    "app-rankings",
    "session-cost",
    "openrouter-benchmarks",
    "rankings-by-category",
    "rankings-by-context",
  ]);
  assert.equal(ws.benchmarkFeed.height, 0);
  assert.equal(ws.appRankings.height, 0);
  assert.equal(ws.sessionCost.height, 0);
  assert.equal(
    ws.warnings.some((w) => /app-rankings|session-cost/.test(w.file)),
    false,
  );
  assert.deepEqual(ws.rankingsMeta.map((m) => m.as_of), [null]);
});

Deno.test("loadWorkspace() loads a session-cost file dropped into raw/session-cost/ and stops on its errors", async () => {
  await inTempDir(async (dir) => {
    await copyDir("data", dir);
    await Deno.mkdir(`${dir}/raw/session-cost`);
    const file = `${dir}/raw/session-cost/2026-06-21.offset-0.json`;
    const cell = {
      app_name: "Cline",
      app_slug: "cline",
      median_session_cost_usd: 0.42,
      model_permaslug: "deepseek/deepseek-v4-flash-20260423",
      turn_range: "2-9-turns",
    };
    const meta = {
      as_of: "2026-06-22T02:00:00Z",
      version: "v1",
      window_days: 30,
      window_end_date: "2026-06-21",
    };
    await writeJson(file, { data: [cell], meta });
    const ws = await loadWorkspace(dir);
    assert.deepEqual(ws.absentDatasets, [
      "app-rankings",
      "openrouter-benchmarks",
      "rankings-by-category",
      "rankings-by-context",
    ]);
    assert.deepEqual(
      ws.sessionCost.getColumn("median_session_cost_usd").toArray(),
      [0.42],
    );
    // --as-of before the window's end leaves the cell out
    const cut = await loadWorkspace(dir, { asOf: "2026-06-20" });
    assert.equal(cut.sessionCost.height, 0);
    await writeJson(file, { data: [{ ...cell, turn_range: "many" }], meta });
    await assert.rejects(() => loadWorkspace(dir), /Invalid data: 1 error/);
  });
});

Deno.test("an empty session-cost page is listed in emptyDatasets and gets an absent line; the comparison on it is empty with its columns", async () => {
  await inTempDir(async (dir) => {
    await copyDir("data", dir);
    await Deno.mkdir(`${dir}/raw/session-cost`);
    await writeJson(`${dir}/raw/session-cost/2026-08-23.offset-0.json`, {
      data: [],
      meta: {
        as_of: "2026-08-23T02:00:00Z",
        version: "v1",
        window_days: null,
        window_end_date: null,
      },
    });
    const ws = await loadWorkspace(dir);
    assert.equal(ws.absentDatasets.includes("session-cost"), false);
    assert.deepEqual(ws.emptyDatasets, ["session-cost"]);
    assert.equal(
      absentLine(ws, "session-cost"),
      "session-cost: absent (the files saved in `data/raw/session-cost/` hold no row).",
    );
    assert.equal(absentLine(ws, "observed-prices"), null);
    const finding = sessionCostComparison(ws.sessionCost, ws.modelIdentity, {
      cheap: "DeepSeek V4 Flash",
      dear: "Claude Sonnet 4.5",
      statedRatio: 26,
    });
    assert.equal(finding.table.height, 0);
    // The columns notebook 01 shows are there, so the table renders as empty.
    for (
      const column of [
        "app_name",
        "turn_range",
        "cheap_usd",
        "dear_usd",
        "observed_ratio",
        "observed_vs_stated",
      ]
    ) {
      assert.ok(finding.table.columns.includes(column), column);
    }
    assert.equal(finding.medianRatio, null);
  });
});
