/**
 * Adapter for OpenRouter's per-request usage, saved as JSONL: one chat
 * completion response per line (`model`, `created`, `usage`), as OpenRouter's
 * Usage Accounting returns it with every response
 * (https://openrouter.ai/docs/use-cases/usage-accounting).
 *
 * Token conventions, from that page: `usage.prompt_tokens` and
 * `usage.completion_tokens` are counted with the model's native tokenizer;
 * `prompt_tokens_details.cached_tokens` are the prompt tokens read from the
 * cache and `prompt_tokens_details.cache_write_tokens` those written to it,
 * both parts of `prompt_tokens`; `completion_tokens_details.reasoning_tokens`
 * are part of `completion_tokens`; `cost` is in credits (USD). OpenRouter
 * does not say which cache lifetime a write used, so writes are read as
 * 5-minute writes (`cache_write_tokens`). `created` is the response's Unix
 * time in seconds; it gives the request's UTC day and time of day.
 *
 * @module
 */
import { z } from "zod";
import { error, type Problem } from "../loading/problems.ts";
import type { Workload, WorkloadRow } from "./workload.ts";

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const responseLine = z.object({
  model: z.string().trim().min(1),
  created: z.number().int().nonnegative().max(253402300799),
  usage: z.object({
    prompt_tokens: count,
    completion_tokens: count,
    prompt_tokens_details: z.object({
      cached_tokens: count.optional(),
      cache_write_tokens: count.optional(),
    }).passthrough().nullable().optional(),
    completion_tokens_details: z.object({
      reasoning_tokens: count.optional(),
    }).passthrough().nullable().optional(),
    cost: z.number().finite().nonnegative().nullable().optional(),
  }).passthrough(),
}).passthrough();

/**
 * True when a line of text looks like an OpenRouter response with usage (a
 * JSON object with `model` and a `usage` object): the content test that
 * picks this adapter.
 *
 * @param firstLine The file's first non-empty line.
 * @returns Whether the adapter applies.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(isOpenRouterUsageLine('{"model":"a/b","created":1,"usage":{"prompt_tokens":1}}'), true);
 * assert.equal(isOpenRouterUsageLine("stream,model,prompt_tokens"), false);
 * ```
 */
export function isOpenRouterUsageLine(firstLine: string): boolean {
  try {
    const value = JSON.parse(firstLine);
    return typeof value === "object" && value !== null &&
      typeof value.model === "string" && typeof value.usage === "object" &&
      value.usage !== null;
  } catch {
    return false;
  }
}

/**
 * Parse OpenRouter per-request usage JSONL into a workload (one request per
 * row; the stream is the policy's `streams[model]`, else the model id).
 *
 * @param text The file's text.
 * @param file The file's path, for problem lines.
 * @param streams Model id → stream.
 * @returns The workload, or every problem (line, field, value, expected).
 *
 * @example One response with a cache read, a cache write and reasoning
 * ```ts
 * import assert from "node:assert/strict";
 * const line = JSON.stringify({ model: "anthropic/claude-sonnet-4.5", created: 1780300800, usage: { prompt_tokens: 194, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 100 }, completion_tokens_details: { reasoning_tokens: 0 }, cost: 0.95 } });
 * const out = parseOpenRouterUsage(line + "\n", "usage.jsonl");
 * assert.ok(out.ok);
 * assert.deepEqual([out.workload.rows[0].date, out.workload.rows[0].cache_write_tokens, out.workload.rows[0].logged_usd], ["2026-06-01", 100, 0.95]);
 * ```
 */
export function parseOpenRouterUsage(
  text: string,
  file: string,
  streams: Record<string, string> = {},
): { ok: true; workload: Workload } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const rows: WorkloadRow[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    const where = `line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      problems.push(
        error(file, where, "", line.slice(0, 80), `a JSON object (${cause})`),
      );
      return;
    }
    const parsed = responseLine.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(
          error(
            file,
            where,
            issue.path.join("."),
            undefined,
            issue.message,
          ),
        );
      }
      return;
    }
    const r = parsed.data;
    const cached = r.usage.prompt_tokens_details?.cached_tokens ?? 0;
    const written = r.usage.prompt_tokens_details?.cache_write_tokens ?? 0;
    const reasoning = r.usage.completion_tokens_details?.reasoning_tokens ?? 0;
    if (cached + written > r.usage.prompt_tokens) {
      problems.push(
        error(
          file,
          where,
          "usage.prompt_tokens_details",
          cached + written,
          `cached_tokens + cache_write_tokens at most usage.prompt_tokens (${r.usage.prompt_tokens}): both are parts of the prompt`,
        ),
      );
      return;
    }
    if (reasoning > r.usage.completion_tokens) {
      problems.push(
        error(
          file,
          where,
          "usage.completion_tokens_details.reasoning_tokens",
          reasoning,
          `at most usage.completion_tokens (${r.usage.completion_tokens}): reasoning is part of the completion`,
        ),
      );
      return;
    }
    const iso = new Date(r.created * 1000).toISOString();
    rows.push({
      record: where,
      stream: streams[r.model] ?? r.model,
      model: r.model,
      date: iso.slice(0, 10),
      utc_time: iso.slice(11, 19),
      prompt_tokens: r.usage.prompt_tokens,
      cached_tokens: cached,
      cache_write_tokens: written,
      completion_tokens: r.usage.completion_tokens,
      reasoning_tokens: reasoning,
      requests: 1,
      logged_usd: r.usage.cost ?? null,
    });
  });
  if (rows.length === 0 && problems.length === 0) {
    problems.push(error(file, "", "", undefined, "at least one response line"));
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, workload: { file, kind: "openrouter-usage", rows } };
}
