/**
 * The example workload of `data/examples/`: the case study's six-person team
 * of "2026 OpenRouter: Billing Beats Benchmarks" before its switch, all on
 * Claude Sonnet 4.6, with the public tracker's token mix (input share,
 * cached share, tokens per request), sized so that a month costs the stated
 * "about $3,200" at Sonnet's list price on the article's date, and split
 * into the case study's four task classes by its stated shares.
 *
 * @module
 */
import { CASE_STUDY, caseStudyImplied } from "./case_study.ts";
import type { PriceBook } from "../analysis/model_prices.ts";
import type { Track } from "./policy.ts";
import { trackerTokenMix } from "./token_mix.ts";
import { WORKLOAD_COLUMNS, type WorkloadRow } from "./workload.ts";

/** The case study's task classes as streams, their share of tokens and the skeleton's route for each. */
export const EXAMPLE_STREAMS: readonly {
  stream: string;
  share: number;
  route: Track;
  note: string;
}[] = [
  {
    stream: "agents_ide",
    share: 0.62,
    route: "token_track",
    note: "agents and Cursor (62% to V4 Flash)",
  },
  {
    stream: "gray_experiments",
    share: 0.18,
    route: "gray_pool",
    note: "the gray pool (18% to Hy3 preview)",
  },
  {
    stream: "multimodal_docs",
    share: 0.12,
    route: "token_track",
    note:
      "multimodal docs (12% to Gemini 3 Flash; the skeleton has no Gemini route)",
  },
  {
    stream: "security_audit",
    share: 0.08,
    route: "dollar_track",
    note: "security audit (8% on Opus)",
  },
];

/** Options of {@linkcode caseStudyWorkload}. */
export interface ExampleWorkloadOptions {
  /** Mondays of the weeks to spread the month over (each week 7/30 of the month); none: one undated month. */
  weeks?: readonly string[];
  /** One stream's volume multiplied in one week (a spike). */
  spike?: { stream: string; week: string; factor: number };
}

/**
 * Build the example workload.
 *
 * @param book The price book (prices and the tracker's rows).
 * @param options Weeks and a spike, for a dated month.
 * @returns Workload rows, all on the case study's `before_model`.
 *
 * @example One undated month costs the stated $3,200 on Sonnet
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { priceRows } from "../analysis/prices.ts";
 * const ws = await loadWorkspace("data");
 * const rows = caseStudyWorkload({ ...ws, prices: priceRows(ws).prices });
 * assert.deepEqual(rows.map((r) => r.stream), ["agents_ide", "gray_experiments", "multimodal_docs", "security_audit"]);
 * assert.equal(rows[0].model, "anthropic/claude-sonnet-4.6");
 * ```
 */
export function caseStudyWorkload(
  book: PriceBook,
  options: ExampleWorkloadOptions = {},
): WorkloadRow[] {
  const mix = trackerTokenMix(book.inference);
  const monthly = caseStudyImplied(book, { mix }).assumptions.tokens_per_month;
  const periods: (string | null)[] = options.weeks === undefined
    ? [null]
    : [...options.weeks];
  const scale = options.weeks === undefined ? 1 : 7 / 30;
  const rows: WorkloadRow[] = [];
  for (const date of periods) {
    for (const { stream, share } of EXAMPLE_STREAMS) {
      const spike = options.spike !== undefined &&
          options.spike.stream === stream && options.spike.week === date
        ? options.spike.factor
        : 1;
      const tokens = Math.round(monthly * scale * share * spike);
      const prompt = Math.round(tokens * mix.input_share);
      rows.push({
        record: `line ${rows.length + 2}`,
        stream,
        model: CASE_STUDY.before_model,
        date,
        prompt_tokens: prompt,
        cached_tokens: Math.round(prompt * mix.cached_share),
        completion_tokens: tokens - prompt,
        requests: Math.round(tokens / mix.tokens_per_request),
        logged_usd: null,
      });
    }
  }
  return rows;
}

/**
 * Write workload rows as a workload CSV (with a `date` column when dated).
 *
 * @param rows The rows.
 * @returns The CSV text, ending in a newline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const csv = workloadCsv([{ record: "", stream: "agents", model: "a/b", date: null, prompt_tokens: 10, cached_tokens: 5, completion_tokens: 1, requests: 1, logged_usd: null }]);
 * assert.equal(csv, "stream,model,prompt_tokens,cached_tokens,completion_tokens,requests\nagents,a/b,10,5,1,1\n");
 * ```
 */
export function workloadCsv(rows: readonly WorkloadRow[]): string {
  const dated = rows.some((r) => r.date !== null);
  const header = [...(dated ? ["date"] : []), ...WORKLOAD_COLUMNS].join(",");
  const lines = rows.map((r) =>
    [
      ...(dated ? [r.date] : []),
      r.stream,
      r.model,
      r.prompt_tokens,
      r.cached_tokens ?? 0,
      r.completion_tokens,
      r.requests,
    ].join(",")
  );
  return [header, ...lines].join("\n") + "\n";
}

/**
 * The dated example: the same month spread over the four full weeks of June
 * 2026, with the security-audit stream at eight times its volume in the
 * week of 2026-06-08 (an audit backlog), so the Dollar track's budget cap
 * and downgrade have something to do.
 */
export const EXAMPLE_MONTH: ExampleWorkloadOptions = {
  weeks: ["2026-06-01", "2026-06-08", "2026-06-15", "2026-06-22"],
  spike: { stream: "security_audit", week: "2026-06-08", factor: 8 },
};
