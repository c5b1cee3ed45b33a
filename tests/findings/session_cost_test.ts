import assert from "node:assert/strict";
import { loadClaims } from "../../lib/claims/claims.ts";
import { sessionCostComparison } from "../../lib/findings/session_cost.ts";
import { loadSessionCost } from "../../lib/loading/session_cost.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { inTempDir, once, writeJson } from "../_helpers.ts";

// Session-cost cells in the documented shape, made up for the test (no
// snapshot is bundled): two harnesses; Claude Sonnet 4.5 under its request id
// (as OpenRouter's example names models), DeepSeek V4 Flash under its
// permaslug; one cell of another model and one Sonnet-only cell.
const META = {
  as_of: "2026-06-22T02:00:00Z",
  version: "v1",
  window_days: 30,
  window_end_date: "2026-06-21",
};
const FLASH = "deepseek/deepseek-v4-flash-20260423";
const SONNET = "anthropic/claude-sonnet-4.5";
const cell = (app: string, model: string, turn: string, usd: number) => ({
  app_name: app.toUpperCase(),
  app_slug: app,
  median_session_cost_usd: usd,
  model_permaslug: model,
  turn_range: turn,
});
const CELLS = [
  cell("cline", FLASH, "10-49-turns", 0.08),
  cell("cline", SONNET, "10-49-turns", 1.6), // 20×
  cell("cline", FLASH, "2-9-turns", 0.01),
  cell("cline", SONNET, "2-9-turns", 0.3), // 30×
  cell("roo-code", FLASH, "1-turn", 0.002),
  cell("roo-code", SONNET, "1-turn", 0.05), // 25×
  cell("roo-code", SONNET, "50-plus-turns", 9),
  cell("roo-code", "x-ai/grok-4", "1-turn", 0.04),
];

const identity = once(async () => (await loadWorkspace("data")).modelIdentity);

async function finding(cells: unknown[], meta = META) {
  return await inTempDir(async (dir) => {
    await writeJson(`${dir}/s.json`, { data: cells, meta });
    const { frame } = await loadSessionCost([`${dir}/s.json`]);
    return sessionCostComparison(frame, await identity(), {
      cheap: "DeepSeek V4 Flash",
      dear: "Claude Sonnet 4.5",
      statedRatio: 26,
    });
  });
}

Deno.test("sessionCostComparison() pairs the two models within each harness and turn range, in turn order", async () => {
  const result = await finding(CELLS);
  assert.deepEqual(result.slugs, {
    cheap: [FLASH, "deepseek/deepseek-v4-flash"],
    dear: ["anthropic/claude-4.5-sonnet-20250929", SONNET],
  });
  const rows = result.table.select("app_slug", "turn_range", "observed_ratio")
    .toRecords() as {
      app_slug: string;
      turn_range: string;
      observed_ratio: number;
    }[];
  assert.deepEqual(rows.map((r) => [r.app_slug, r.turn_range]), [
    ["cline", "2-9-turns"],
    ["cline", "10-49-turns"],
    ["roo-code", "1-turn"],
  ]);
  // 0.3 / 0.01, 1.6 / 0.08, 0.05 / 0.002
  const expected = [30, 20, 25];
  rows.forEach((r, i) =>
    assert.ok(Math.abs(r.observed_ratio - expected[i]) < 1e-9)
  );
  assert.ok(Math.abs(result.medianRatio! - 25) < 1e-9);
  assert.deepEqual(result.ratioRange!.map((x) => Math.round(x)), [20, 30]);
  assert.equal(result.windowEndDate, "2026-06-21");
  assert.equal(result.windowDays, 30);
  assert.equal(result.asOf, "2026-06-22T02:00:00Z");
  assert.equal(result.statedRatio, 26);
  const vs = result.table.getColumn("observed_vs_stated").toArray() as number[];
  assert.ok(Math.abs(vs[0] - 30 / 26) < 1e-9);
});

Deno.test("sessionCostComparison() uses the claims ledger's 26× (pt-42) as the stated ratio", async () => {
  const claims = await loadClaims("data/claims.csv");
  const pt42 = claims.find((c) => c.id === "pt-42")!;
  assert.equal(pt42.stated, 26);
  assert.equal(pt42.check, "agent_task_ratio");
});

Deno.test("sessionCostComparison() gives an empty table and no ratio when no snapshot is loaded", async () => {
  const result = await finding([], {
    ...META,
    window_days: null as unknown as number,
    window_end_date: null as unknown as string,
  });
  assert.equal(result.table.height, 0);
  assert.equal(result.medianRatio, null);
  assert.equal(result.windowEndDate, null);
});

Deno.test("sessionCostComparison() names a model the reference table does not know", async () => {
  const { frame } = await loadSessionCost([]);
  const modelIdentity = await identity();
  assert.throws(
    () =>
      sessionCostComparison(frame, modelIdentity, {
        cheap: "No Such Model",
        dear: "Claude Sonnet 4.5",
        statedRatio: 26,
      }),
    /no model in reference\/models.csv is called "No Such Model"/,
  );
});
