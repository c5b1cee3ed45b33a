// out/summary.json (lib/report/summary.ts) on the bundled data.
import assert from "node:assert/strict";
import { runSummary } from "../../lib/report/summary.ts";
import { runAnalyses } from "../../lib/run/analyses.ts";
import { loadClaims } from "../../lib/claims/claims.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { CHART_NAMES } from "../../lib/charts/registry.ts";

Deno.test("runSummary() on the bundled data: the week, its top 50 and origin shares, list prices and a digest per chart", async () => {
  const results = runAnalyses(
    await loadWorkspace("data"),
    await loadClaims("data/claims.csv"),
  );
  const summary = await runSummary(results, null, CHART_NAMES);
  assert.deepEqual(summary.data.rankings, ["2026-05-24", "2026-06-22"]);
  assert.equal(summary.data.latest_complete_week, "2026-06-15");
  // report.md: "Token volume … **46.66T**", "Top model: DeepSeek V4 Flash with 4.94T (10.6%)".
  assert.equal(Math.round(summary.headline.total_tokens! / 1e10) / 100, 46.66);
  assert.equal(summary.headline.top_model?.model, "DeepSeek V4 Flash");
  assert.equal(summary.top_models.length, 50);
  assert.deepEqual(
    summary.top_models.map((m) => m.rank),
    Array.from({ length: 50 }, (_, i) => i + 1),
  );
  const shares = Object.values(summary.origin_shares).reduce(
    (a, b) => a + b,
    0,
  );
  assert.ok(Math.abs(shares - 1) < 1e-9, `${shares}`);
  assert.ok(Math.abs(summary.origin_shares.China - 0.544) < 1e-3);
  assert.equal(summary.list_prices_date, "2026-05-01");
  const flash = summary.list_prices.find((p) =>
    p.id === "deepseek/deepseek-v4-flash"
  );
  assert.deepEqual(flash, {
    id: "deepseek/deepseek-v4-flash",
    input: 0.14,
    output: 0.28,
    cache_read: 0.0028,
  });
  assert.deepEqual(Object.keys(summary.chart_data), [...CHART_NAMES]);
  assert.ok(
    Object.values(summary.chart_data).every((d) => /^[0-9a-f]{64}$/.test(d)),
  );
  // The same analyses give the same summary, byte for byte.
  assert.equal(
    JSON.stringify(await runSummary(results, null, CHART_NAMES)),
    JSON.stringify(summary),
  );
});
