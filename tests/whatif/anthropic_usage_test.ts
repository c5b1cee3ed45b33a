import assert from "node:assert/strict";
import {
  ANTHROPIC_MODEL_IDS,
  contextWindowPrompt,
  parseAnthropicUsage,
} from "../../lib/whatif/anthropic_usage.ts";
import { detectWorkloadFormat } from "../../lib/whatif/load_inputs.ts";
import { asRanBill } from "../../lib/whatif/as_ran.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { priceRows } from "../../lib/analysis/prices.ts";
import { hasPrice } from "../../lib/analysis/price_book.ts";
import { frameOf } from "../../lib/loading/frames.ts";
import { PRICE_SCHEMA } from "../../lib/analysis/price_book.ts";
import pl from "nodejs-polars";

// The example response of Anthropic's "Get Messages Usage Report"
// (GET /v1/organizations/usage_report/messages, API reference), one result.
const DOCUMENTED = {
  data: [{
    ending_at: "2025-08-02T00:00:00Z",
    results: [{
      api_key_id: "apikey_01Rj2N8SVvo6BePZj99NhmiT",
      cache_creation: {
        ephemeral_1h_input_tokens: 1000,
        ephemeral_5m_input_tokens: 500,
      },
      cache_read_input_tokens: 200,
      context_window: "0-200k",
      model: "claude-sonnet-4-20250514",
      output_tokens: 500,
      server_tool_use: { web_search_requests: 10 },
      service_tier: "standard",
      uncached_input_tokens: 1500,
      workspace_id: "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ",
    }],
    starting_at: "2025-08-01T00:00:00Z",
  }],
  has_more: true,
  next_page: "2019-12-27T18:11:19.117Z",
};

Deno.test("parseAnthropicUsage() reads the documented report: the prompt is uncached + cache read + both cache creations", () => {
  assert.equal(
    detectWorkloadFormat(JSON.stringify(DOCUMENTED)),
    "anthropic-usage",
  );
  const out = parseAnthropicUsage(DOCUMENTED, "usage.json");
  assert.ok(out.ok);
  const row = out.workload.rows[0];
  assert.deepEqual(
    [
      row.model,
      row.stream,
      row.date,
      row.prompt_tokens,
      row.cached_tokens,
      row.cache_write_tokens,
      row.cache_write_1h_tokens,
      row.completion_tokens,
      row.web_searches,
      row.prompt_per_request,
    ],
    [
      "anthropic/claude-sonnet-4",
      "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ",
      "2025-08-01",
      3200,
      200,
      500,
      1000,
      500,
      10,
      0,
    ],
  );
});

Deno.test("every id of the Anthropic name table is an OpenRouter id with a price in the bundled data", async () => {
  const { prices } = priceRows(await loadWorkspace("data"));
  for (const [name, id] of Object.entries(ANTHROPIC_MODEL_IDS)) {
    assert.ok(hasPrice(prices, id), `${name} → ${id}`);
  }
  assert.equal(
    ANTHROPIC_MODEL_IDS["claude-sonnet-4-5-20250929"],
    "anthropic/claude-sonnet-4.5",
  );
});

Deno.test("the context_window bucket selects the long-context rates: 200k-1M bills above the 200K override, 0-200k at base", () => {
  assert.equal(contextWindowPrompt("0-200k"), 0);
  assert.equal(contextWindowPrompt("200k-1M"), 200_001);
  const report = (window: string) => ({
    data: [{
      starting_at: "2026-06-01T00:00:00Z",
      results: [{
        model: "claude-sonnet-4-5-20250929",
        uncached_input_tokens: 1_000_000,
        output_tokens: 0,
        context_window: window,
      }],
    }],
  });
  const book = {
    prices: frameOf([{
      source: "OpenRouter models list",
      source_date: "2026-05-01",
      model_id: "anthropic/claude-sonnet-4.5",
      input_usd_per_mtok: 3,
      output_usd_per_mtok: 15,
      overrides_json: JSON.stringify([{
        min_prompt_tokens: 200000,
        utc_start: null,
        utc_end: null,
        rates: { input_usd_per_mtok: 6 },
      }]),
    }], PRICE_SCHEMA),
    modelIdentity: pl.DataFrame({ permaslug: [], model_id: [] }),
    observedPrices: pl.DataFrame(),
    inference: pl.DataFrame(),
  };
  const bill = (window: string) => {
    const parsed = parseAnthropicUsage(report(window), "u.json");
    assert.ok(parsed.ok);
    const out = asRanBill(parsed.workload, book as never);
    assert.ok(out.ok);
    return out.result.total.recomputed_usd;
  };
  assert.equal(bill("0-200k"), 3);
  assert.equal(bill("200k-1M"), 6);
});

Deno.test("parseAnthropicUsage() names the record and field of an unmapped model, a bad bucket and a negative count", () => {
  const out = parseAnthropicUsage({
    data: [{
      starting_at: "2026-06-01T00:00:00Z",
      results: [
        { model: "claude-next-9", uncached_input_tokens: 1, output_tokens: 0 },
        {
          model: "claude-sonnet-4-5",
          uncached_input_tokens: 1,
          output_tokens: 0,
          context_window: "huge",
        },
        {
          model: "claude-sonnet-4-5",
          uncached_input_tokens: -1,
          output_tokens: 0,
        },
      ],
    }],
  }, "u.json");
  assert.equal(out.ok, false);
  if (out.ok) return;
  assert.deepEqual(out.problems.map((p) => `${p.record} ${p.field}`), [
    "data[0].results[0] model",
    "data[0].results[1] context_window",
    "data[0].results[2] uncached_input_tokens",
  ]);
});
