import assert from "node:assert/strict";
import { join } from "node:path";
import { parseOpenRouterUsage } from "../../lib/whatif/openrouter_usage.ts";
import {
  detectWorkloadFormat,
  loadWhatIfInputs,
} from "../../lib/whatif/load_inputs.ts";
import { inTempDir } from "../_helpers.ts";

// The response shape of https://openrouter.ai/docs/use-cases/usage-accounting
// ("Response Format"): prompt_tokens 194 of which 100 written to the cache,
// completion_tokens 2, reasoning_tokens 0, cost 0.95 credits.
const DOCUMENTED = {
  object: "chat.completion.chunk",
  model: "anthropic/claude-sonnet-4.5",
  created: 1780300800, // 2026-06-01T08:00:00Z
  usage: {
    completion_tokens: 2,
    completion_tokens_details: { reasoning_tokens: 0 },
    cost: 0.95,
    cost_details: { upstream_inference_cost: 19 },
    prompt_tokens: 194,
    prompt_tokens_details: {
      cached_tokens: 0,
      cache_write_tokens: 100,
      audio_tokens: 0,
    },
    total_tokens: 196,
  },
};

Deno.test("parseOpenRouterUsage() reads the documented usage object: cache reads and writes inside prompt_tokens, reasoning inside completion_tokens, cost as the logged USD", () => {
  const out = parseOpenRouterUsage(
    JSON.stringify(DOCUMENTED) + "\n",
    "u.jsonl",
    { "anthropic/claude-sonnet-4.5": "ide" },
  );
  assert.ok(out.ok);
  const row = out.workload.rows[0];
  assert.deepEqual(
    [
      row.stream,
      row.date,
      row.utc_time,
      row.prompt_tokens,
      row.cached_tokens,
      row.cache_write_tokens,
      row.completion_tokens,
      row.reasoning_tokens,
      row.requests,
      row.logged_usd,
    ],
    ["ide", "2026-06-01", "08:00:00", 194, 0, 100, 2, 0, 1, 0.95],
  );
});

Deno.test("parseOpenRouterUsage() names the line and field of every bad response: not JSON, a negative count, cache parts above the prompt, reasoning above the completion", () => {
  const bad = (usage: Record<string, unknown>) =>
    JSON.stringify({ ...DOCUMENTED, usage: { ...DOCUMENTED.usage, ...usage } });
  const out = parseOpenRouterUsage(
    [
      "{not json",
      bad({ prompt_tokens: -1 }),
      bad({
        prompt_tokens_details: { cached_tokens: 150, cache_write_tokens: 100 },
      }),
      bad({ completion_tokens_details: { reasoning_tokens: 3 } }),
    ].join("\n") + "\n",
    "u.jsonl",
  );
  assert.equal(out.ok, false);
  if (out.ok) return;
  assert.deepEqual(out.problems.map((p) => `${p.record} ${p.field}`), [
    "line 1 ",
    "line 2 usage.prompt_tokens",
    "line 3 usage.prompt_tokens_details",
    "line 4 usage.completion_tokens_details.reasoning_tokens",
  ]);
});

Deno.test("loadWhatIfInputs() picks the adapter by content, whatever the file is called, and --format forces one", async () => {
  assert.equal(
    detectWorkloadFormat(JSON.stringify(DOCUMENTED)),
    "openrouter-usage",
  );
  await inTempDir(async (dir) => {
    const file = join(dir, "export.txt");
    await Deno.writeTextFile(file, JSON.stringify(DOCUMENTED) + "\n");
    const found = await loadWhatIfInputs(null, file);
    assert.ok(found.ok);
    assert.equal(found.workload.kind, "openrouter-usage");
    const forced = await loadWhatIfInputs(null, file, "csv");
    assert.equal(forced.ok, false);
  });
});
