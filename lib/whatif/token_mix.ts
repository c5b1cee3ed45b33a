/**
 * The shape of a typical OpenRouter workload, from the public tracker
 * "openrouter-inference-stats": what share of tokens is input, what share of
 * input is read from cache, and how many tokens a request carries.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { TaskTokens } from "../analysis/cost.ts";

/** A token mix: shares and sizes, with the data it comes from. */
export interface TokenMix {
  /** Fraction 0–1 of all tokens (prompt + completion) that are prompt tokens. */
  input_share: number;
  /** Fraction 0–1 of prompt tokens read from cache. */
  cached_share: number;
  /** Tokens (prompt + completion) per request. */
  tokens_per_request: number;
  /** Where the mix comes from, in words with its dates. */
  basis: string;
}

/**
 * The tracker's token mix: sums of prompt, completion and cached tokens and
 * requests over every model-week with a token breakdown (prompt tokens > 0).
 *
 * @param inference The tracker's rows (`loadInferenceStats()`).
 * @returns The mix and its basis.
 * @throws {RangeError} When no row has a token breakdown.
 *
 * @example The bundled tracker weeks
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * const mix = trackerTokenMix((await loadWorkspace("data")).inference);
 * // 38.36T prompt and 2.48T completion tokens; 18.66T of the prompt cached.
 * assert.equal(mix.input_share.toFixed(3), "0.939");
 * assert.equal(mix.cached_share.toFixed(3), "0.486");
 * ```
 */
export function trackerTokenMix(inference: pl.DataFrame): TokenMix {
  const rows = inference.filter(pl.col("prompt_tokens").gt(0));
  if (rows.height === 0) {
    throw new RangeError(
      "Cannot take the tracker's token mix: no model-week has a token breakdown (prompt_tokens > 0)",
    );
  }
  const sum = (column: string) =>
    (rows.getColumn(column).cast(pl.Float64).toArray() as number[])
      .reduce((a, b) => a + b, 0);
  const prompt = sum("prompt_tokens");
  const completion = sum("completion_tokens");
  const dates = (rows.getColumn("snapshot_date").toArray() as string[]).sort();
  const models = new Set(rows.getColumn("slug").toArray()).size;
  return {
    input_share: prompt / (prompt + completion),
    cached_share: sum("cached_tokens") / prompt,
    tokens_per_request: (prompt + completion) / sum("request_count"),
    basis:
      `openrouter-inference-stats, ${rows.height} model-weeks of ${models} models, weeks of ${
        dates[0]
      } … ${dates[dates.length - 1]}`,
  };
}

/**
 * One average request of a token mix as a task to price: its tokens split
 * into input and output by the mix's input share, its cache-hit rate the
 * mix's cached share.
 *
 * @param mix A token mix (e.g. from {@linkcode trackerTokenMix}).
 * @returns The task's input and output tokens and cache-hit rate.
 *
 * @example 1,000 tokens a request, 90 % of them input, half of that cached
 * ```ts
 * import assert from "node:assert/strict";
 * const task = taskTokensOf({ input_share: 0.9, cached_share: 0.5, tokens_per_request: 1000, basis: "test" });
 * assert.deepEqual(task, { inputTokens: 900, outputTokens: 100, cacheHitRate: 0.5 });
 * ```
 */
export function taskTokensOf(mix: TokenMix): TaskTokens {
  const inputTokens = mix.tokens_per_request * mix.input_share;
  return {
    inputTokens,
    outputTokens: mix.tokens_per_request - inputTokens,
    cacheHitRate: mix.cached_share,
  };
}
