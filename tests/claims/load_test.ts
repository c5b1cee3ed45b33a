import assert from "node:assert/strict";
import * as load from "../../lib/claims/load.ts";
import { claimEvidence } from "../../lib/claims/load.ts";
import { loadClaims, parseParams } from "../../lib/loading/claims.ts";
import { ws } from "../_claims_fixture.ts";

// Figures from the bundled files (python3 json.load):
// data/raw/inference-stats/2026-02-08.json total_revenue 6247827.58,
// total_tokens 5223333238768; 13 weekly files 2025-11-16 … 2026-02-08;
// data/raw/openrouter-models/2026-05-01.models.json: deepseek/deepseek-v4-flash
// hugging_face_id "deepseek-ai/DeepSeek-V4-Flash".

Deno.test("claimEvidence() is the workspace's evidence with its data folder, read from no file", () => {
  const evidence = {
    modelCards: [],
    trackerFiles: [],
    a16zFigures: "text",
    a16zFile: "x/a16z.md",
  };
  assert.deepEqual(claimEvidence({ dataDir: "/nowhere", evidence }), {
    dataDir: "/nowhere",
    ...evidence,
  });
});

Deno.test("claimEvidence() of the bundled workspace holds the tracker totals, model cards and a16z figures", () => {
  const evidence = claimEvidence(ws);
  assert.equal(evidence.dataDir, ws.dataDir);
  assert.equal(evidence.trackerFiles.length, 13);
  const feb08 = evidence.trackerFiles.find((f) => f.date === "2026-02-08");
  assert.equal(feb08?.total_revenue, 6_247_827.58);
  const flash = evidence.modelCards.find((c) =>
    c.id === "deepseek/deepseek-v4-flash"
  );
  assert.equal(flash?.hugging_face_id, "deepseek-ai/DeepSeek-V4-Flash");
  assert.match(evidence.a16zFile, /a16z_report_figures\.md$/);
  assert.ok(evidence.a16zFigures.length > 0);
});

Deno.test("lib/claims/load.ts re-exports claims.csv loading from lib/loading/claims.ts", () => {
  assert.equal(load.loadClaims, loadClaims);
  assert.equal(load.parseParams, parseParams);
});
