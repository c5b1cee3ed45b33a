/**
 * Adapter for Anthropic's usage report (`GET
 * /v1/organizations/usage_report/messages`, Admin API), saved as its JSON
 * response: `data[]` time buckets (`starting_at`, `ending_at`), each with
 * `results[]` per model (and workspace, API key, service tier, context
 * window when grouped so).
 *
 * Token conventions, from Anthropic's API reference for that endpoint and
 * for the Messages `usage` object: the input of a request is the sum of
 * `uncached_input_tokens`, `cache_read_input_tokens` and the cache creations
 * (`cache_creation.ephemeral_5m_input_tokens`,
 * `cache_creation.ephemeral_1h_input_tokens`), so here `prompt_tokens` is
 * that sum and the three cached parts are parts of it; `output_tokens`
 * include any thinking (the report gives no separate reasoning count);
 * `server_tool_use.web_search_requests` are web searches. The report counts
 * no requests, so a row's long-context switch comes from its
 * `context_window` bucket (`"0-200k"`: base rates; `"200k-1M"`: the rates
 * above 200K prompt tokens) and `requests` is 0. Its cost is not in this
 * report (the cost report is separate), so nothing is reconciled.
 *
 * @module
 */
import { z } from "zod";
import { error, type Problem } from "../loading/problems.ts";
import type { Workload, WorkloadRow } from "./workload.ts";

/**
 * Anthropic's model names → OpenRouter ids, the one table the adapter uses
 * (each id is checked against the bundled models list in tests). Dated
 * snapshot names and their undated aliases both map.
 */
export const ANTHROPIC_MODEL_IDS: Readonly<Record<string, string>> = {
  "claude-3-haiku-20240307": "anthropic/claude-3-haiku",
  "claude-3-5-haiku-20241022": "anthropic/claude-3.5-haiku",
  "claude-3-5-haiku-latest": "anthropic/claude-3.5-haiku",
  "claude-3-7-sonnet-20250219": "anthropic/claude-3.7-sonnet",
  "claude-3-7-sonnet-latest": "anthropic/claude-3.7-sonnet",
  "claude-sonnet-4-20250514": "anthropic/claude-sonnet-4",
  "claude-sonnet-4-0": "anthropic/claude-sonnet-4",
  "claude-opus-4-20250514": "anthropic/claude-opus-4",
  "claude-opus-4-0": "anthropic/claude-opus-4",
  "claude-opus-4-1-20250805": "anthropic/claude-opus-4.1",
  "claude-opus-4-1": "anthropic/claude-opus-4.1",
  "claude-sonnet-4-5-20250929": "anthropic/claude-sonnet-4.5",
  "claude-sonnet-4-5": "anthropic/claude-sonnet-4.5",
  "claude-haiku-4-5-20251001": "anthropic/claude-haiku-4.5",
  "claude-haiku-4-5": "anthropic/claude-haiku-4.5",
  "claude-opus-4-5-20251101": "anthropic/claude-opus-4.5",
  "claude-opus-4-5": "anthropic/claude-opus-4.5",
  "claude-opus-4-6": "anthropic/claude-opus-4.6",
  "claude-sonnet-4-6": "anthropic/claude-sonnet-4.6",
  "claude-opus-4-7": "anthropic/claude-opus-4.7",
};

/** The prompt tokens per request a `context_window` bucket stands for (its lower bound + 1), or undefined. */
export function contextWindowPrompt(bucket: string): number | undefined {
  const match = /^(\d+)(k|M)?-(\d+)(k|M)?$/.exec(bucket.trim());
  if (match === null) return undefined;
  const scale = (unit: string | undefined) =>
    unit === "k" ? 1_000 : unit === "M" ? 1_000_000 : 1;
  const lower = Number(match[1]) * scale(match[2]);
  return lower === 0 ? 0 : lower + 1;
}

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const result = z.object({
  model: z.string().trim().min(1),
  uncached_input_tokens: count,
  cache_read_input_tokens: count.optional(),
  cache_creation: z.object({
    ephemeral_5m_input_tokens: count.optional(),
    ephemeral_1h_input_tokens: count.optional(),
  }).passthrough().nullable().optional(),
  output_tokens: count,
  server_tool_use: z.object({ web_search_requests: count.optional() })
    .passthrough().nullable().optional(),
  context_window: z.string().nullable().optional(),
  workspace_id: z.string().nullable().optional(),
}).passthrough();
const bucket = z.object({
  starting_at: z.string().regex(/^\d{4}-\d{2}-\d{2}T/, "an RFC 3339 time"),
  results: z.array(z.unknown()),
}).passthrough();

/**
 * True when parsed JSON has the usage report's shape (`data[]` of buckets
 * with `results[]`).
 *
 * @param value Parsed JSON.
 * @returns Whether the adapter applies.
 */
export function isAnthropicUsageReport(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const data = (value as { data?: unknown }).data;
  return Array.isArray(data) && data.length > 0 &&
    typeof data[0] === "object" && data[0] !== null &&
    Array.isArray((data[0] as { results?: unknown }).results);
}

/**
 * Parse an Anthropic usage report into a workload: one row per bucket and
 * result, dated by the bucket's `starting_at` (UTC day), the stream the
 * workspace id (else the model), the model mapped by
 * {@linkcode ANTHROPIC_MODEL_IDS}.
 *
 * @param value The parsed JSON.
 * @param file The file's path, for problem lines.
 * @returns The workload, or every problem (JSON path, field, value, expected).
 *
 * @example The documented example result
 * ```ts
 * import assert from "node:assert/strict";
 * const report = { data: [{ starting_at: "2025-08-01T00:00:00Z", ending_at: "2025-08-02T00:00:00Z", results: [{ model: "claude-sonnet-4-20250514", uncached_input_tokens: 1500, cache_read_input_tokens: 200, cache_creation: { ephemeral_1h_input_tokens: 1000, ephemeral_5m_input_tokens: 500 }, output_tokens: 500, server_tool_use: { web_search_requests: 10 }, context_window: "0-200k" }] }] };
 * const out = parseAnthropicUsage(report, "usage.json");
 * assert.ok(out.ok);
 * const row = out.workload.rows[0];
 * assert.deepEqual([row.model, row.prompt_tokens, row.cached_tokens, row.cache_write_tokens, row.cache_write_1h_tokens, row.web_searches], ["anthropic/claude-sonnet-4", 3200, 200, 500, 1000, 10]);
 * ```
 */
export function parseAnthropicUsage(
  value: unknown,
  file: string,
): { ok: true; workload: Workload } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const rows: WorkloadRow[] = [];
  if (!isAnthropicUsageReport(value)) {
    return {
      ok: false,
      problems: [
        error(
          file,
          "",
          "data",
          undefined,
          'a usage report: {"data": [{"starting_at", "results": [...]}]}',
        ),
      ],
    };
  }
  const data = (value as { data: unknown[] }).data;
  data.forEach((item, i) => {
    const b = bucket.safeParse(item);
    if (!b.success) {
      for (const issue of b.error.issues) {
        problems.push(
          error(
            file,
            `data[${i}]`,
            issue.path.join("."),
            undefined,
            issue.message,
          ),
        );
      }
      return;
    }
    b.data.results.forEach((raw, j) => {
      const where = `data[${i}].results[${j}]`;
      const parsed = result.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          problems.push(
            error(file, where, issue.path.join("."), undefined, issue.message),
          );
        }
        return;
      }
      const r = parsed.data;
      const model = ANTHROPIC_MODEL_IDS[r.model];
      if (model === undefined) {
        problems.push(
          error(
            file,
            where,
            "model",
            r.model,
            `a model of the mapping table (lib/whatif/anthropic_usage.ts): ${
              Object.keys(ANTHROPIC_MODEL_IDS).slice(0, 4).join(", ")
            }, …`,
          ),
        );
        return;
      }
      let promptPerRequest: number | undefined;
      if (r.context_window != null) {
        promptPerRequest = contextWindowPrompt(r.context_window);
        if (promptPerRequest === undefined) {
          problems.push(
            error(
              file,
              where,
              "context_window",
              r.context_window,
              'a bucket such as "0-200k" or "200k-1M"',
            ),
          );
          return;
        }
      }
      const cached = r.cache_read_input_tokens ?? 0;
      const write5m = r.cache_creation?.ephemeral_5m_input_tokens ?? 0;
      const write1h = r.cache_creation?.ephemeral_1h_input_tokens ?? 0;
      rows.push({
        record: where,
        stream: r.workspace_id ?? model,
        model,
        date: b.data.starting_at.slice(0, 10),
        prompt_tokens: r.uncached_input_tokens + cached + write5m + write1h,
        cached_tokens: cached,
        cache_write_tokens: write5m,
        cache_write_1h_tokens: write1h,
        completion_tokens: r.output_tokens,
        reasoning_tokens: 0,
        requests: 0,
        web_searches: r.server_tool_use?.web_search_requests ?? 0,
        logged_usd: null,
        prompt_per_request: promptPerRequest,
      });
    });
  });
  if (rows.length === 0 && problems.length === 0) {
    problems.push(error(file, "data", "", undefined, "at least one result"));
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, workload: { file, kind: "anthropic-usage", rows } };
}
