/**
 * The what-if bill as text: the summary table `deno task whatif` prints and
 * the `whatif.md` it writes beside `whatif.csv`. Text from the inputs (stream
 * and model names, file names) is escaped as every output of its kind is:
 * control characters shown as `\u{…}` in the terminal table, `|`, `<` and
 * newlines escaped in `whatif.md` (`lib/text/escape.ts`).
 *
 * @module
 */
import {
  escapeMarkdown,
  escapeTerminal,
  markdownCode,
} from "../text/escape.ts";
import { formatTokens, formatUsd } from "../text/format.ts";
import type { WhatIfResult } from "./engine.ts";

/** What the report names as its inputs. */
export interface WhatIfInputs {
  /** The policy file. */
  policyFile: string;
  /** The workload file. */
  workloadFile: string;
}

function change(pct: number | null): string {
  if (pct === null || !Number.isFinite(pct)) return "–";
  return `${pct > 0 ? "+" : ""}${pct.toFixed(1)}%`;
}

/** The rows of the summary, one per stream, track and model. */
function summaryRows(result: WhatIfResult): string[][] {
  const shown = (value: unknown) => escapeTerminal(String(value));
  return (result.rows.toRecords() as Record<string, unknown>[]).map((r) => [
    shown(r.stream),
    shown(r.track),
    r.model_now === r.model
      ? shown(r.model)
      : `${shown(r.model_now)} → ${shown(r.model)}`,
    formatTokens(Number(r.prompt_tokens) + Number(r.completion_tokens)),
    formatUsd(Number(r.now_usd)),
    formatUsd(Number(r.policy_usd)),
    change(r.change_pct as number | null),
  ]);
}

/**
 * The summary table, aligned for a terminal: one line per stream, track and
 * model, then the total.
 *
 * @param result The priced workload.
 * @returns Lines of text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const rows = pl.DataFrame({ stream: ["a"], track: ["token_track"], model_now: ["x/y"], model: ["x/z"], prompt_tokens: [1e6], completion_tokens: [0], now_usd: [3], policy_usd: [1], change_pct: [-66.7] });
 * const text = whatIfSummary({ rows, total: { now_usd: 3, policy_usd: 1, change_usd: -2, change_pct: -66.7 } } as never);
 * assert.match(text, /a\s+token_track\s+x\/y → x\/z\s+1\.00M\s+\$3\.00\s+\$1\.00\s+-66\.7%/);
 * assert.match(text, /total .*\$3\.00\s+\$1\.00\s+-66\.7%/);
 * ```
 */
export function whatIfSummary(result: WhatIfResult): string {
  const header = [
    "stream",
    "track",
    "model",
    "tokens",
    "now",
    "policy",
    "change",
  ];
  const total = [
    "total",
    "",
    "",
    "",
    formatUsd(result.total.now_usd),
    formatUsd(result.total.policy_usd),
    change(result.total.change_pct),
  ];
  const table = [header, ...summaryRows(result), total];
  const widths = header.map((_, i) =>
    Math.max(...table.map((r) => r[i].length))
  );
  return table.map((row) =>
    row.map((cell, i) =>
      i >= 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])
    )
      .join("  ").trimEnd()
  ).join("\n");
}

/**
 * `whatif.md`: inputs, totals, the table per stream, track and model, the
 * bill per track, when each rule triggered, the prices used (source and
 * date) and the warnings.
 *
 * @param result The priced workload.
 * @param inputs The files it came from.
 * @returns Markdown text ending in a newline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const rows = pl.DataFrame({ stream: ["a"], track: ["token_track"], model_now: ["x/y"], model: ["x/z"], prompt_tokens: [1e6], completion_tokens: [0], now_usd: [3], policy_usd: [1], change_pct: [-66.7] });
 * const byTrack = pl.DataFrame({ track: ["token_track"], now_usd: [3], policy_usd: [1], change_usd: [-2] });
 * const md = whatIfMarkdown({ asOf: "2026-05-24", rows, byTrack, total: { now_usd: 3, policy_usd: 1, change_usd: -2, change_pct: -66.7 }, events: [], prices: [], warnings: [], period: null }, { policyFile: "p.json", workloadFile: "w.csv" });
 * assert.match(md, /\$3\.00 now, \$1\.00 under the policy \(-66\.7%\)/);
 * ```
 */
export function whatIfMarkdown(
  result: WhatIfResult,
  inputs: WhatIfInputs,
): string {
  const cell = (value: unknown) =>
    escapeMarkdown(String(value), { table: true });
  const lines: string[] = [
    "# What-if bill",
    "",
    `- Policy: ${markdownCode(inputs.policyFile)}`,
    `- Workload: ${markdownCode(inputs.workloadFile)}${
      result.period === null
        ? " (one period's totals, undated)"
        : ` (${result.period[0]} … ${result.period[1]})`
    }`,
    result.asOf === null && result.period !== null
      ? "- List prices in force on each row's own day (the latest record on or before it in OpenRouter's price history or models list)"
      : `- List prices in force on ${
        result.asOf ?? "the latest date in the data"
      } (the latest record on or before it in OpenRouter's price history or models list)`,
    "",
    `**${formatUsd(result.total.now_usd)} now, ${
      formatUsd(result.total.policy_usd)
    } under the policy (${change(result.total.change_pct)}).**`,
    "",
    "## Per stream, track and model",
    "",
    "| stream | track | model now | model under the policy | prompt tokens | cached | completion | now | policy | change | cached share from | policy price of |",
    "|---|---|---|---|--:|--:|--:|--:|--:|--:|---|---|",
    ...(result.rows.toRecords() as Record<string, unknown>[]).map((r) =>
      `| ${cell(r.stream)} | ${cell(r.track)} | ${cell(r.model_now)} | ${
        cell(r.model)
      } | ${formatTokens(Number(r.prompt_tokens))} | ${
        formatTokens(Number(r.cached_tokens))
      } | ${formatTokens(Number(r.completion_tokens))} | ${
        formatUsd(Number(r.now_usd))
      } | ${formatUsd(Number(r.policy_usd))} | ${
        change(r.change_pct as number | null)
      } | ${cell(r.cache_basis)} | ${cell(r.price_date ?? "")} |`
    ),
    "",
    "## Per track",
    "",
    "| track | now | policy | change |",
    "|---|--:|--:|--:|",
    ...(result.byTrack.toRecords() as Record<string, unknown>[]).map((r) =>
      `| ${cell(r.track)} | ${formatUsd(Number(r.now_usd))} | ${
        formatUsd(Number(r.policy_usd))
      } | ${formatUsd(Number(r.change_usd))} |`
    ),
    "",
    "## Rules triggered",
    "",
    ...(result.events.length === 0
      ? [
        "None: the gray pool stayed within its share and the Dollar track within its cap.",
      ]
      : result.events.map((e) =>
        `- ${e.week === null ? "" : `week of ${e.week}: `}**${
          escapeMarkdown(e.kind)
        }**: ${escapeMarkdown(e.detail)}`
      )),
    "",
    "## Prices used",
    "",
    "| model | source | date | input /M | output /M | cache read /M | cache write 5 min /M | cache write 1 h /M | reasoning /M | per request | per search | discount | overrides |",
    "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ...result.prices.map((p) =>
      `| ${cell(p.model_id)} | ${cell(p.source)} | ${
        cell(p.source_date)
      } | ${p.input_usd_per_mtok} | ${p.output_usd_per_mtok} | ${
        [
          p.cache_read_usd_per_mtok,
          p.cache_write_usd_per_mtok,
          p.cache_write_1h_usd_per_mtok,
          p.reasoning_usd_per_mtok,
          p.request_usd,
          p.web_search_usd,
          p.discount,
        ].map((v) => v ?? "–").join(" | ")
      } | ${JSON.parse(p.overrides_json ?? "[]").length || "–"} |`
    ),
    "",
    'Costs: the exact bill of each row from every part of the price in force on its day (`requestBill()`, lib/analysis/request_bill.ts): uncached prompt tokens (prompt − cached − cache writes) × input price + cached × cache-read price + 5-minute and 1-hour cache writes × their prices + completion tokens other than reasoning × output price + reasoning tokens × the reasoning price (else the output price) + requests × the per-request price + web searches × the per-search price, all × (1 − discount); the rates of the override that applies (prompt tokens per request strictly above its min_prompt_tokens, the time of day in its window). "Now" is the logged cost when the workload has one (activity files), else the workload\'s own model at the same list prices.',
  ];
  if ((result.assumptions ?? []).length > 0) {
    lines.push(
      "",
      "## Assumptions",
      "",
      ...(result.assumptions ?? []).map((a) => `- ${escapeMarkdown(a)}`),
    );
  }
  if (result.warnings.length > 0) {
    lines.push(
      "",
      "## Warnings",
      "",
      ...result.warnings.map((w) =>
        `- ${escapeMarkdown(w.file)}: ${escapeMarkdown(w.field)} — expected ${
          escapeMarkdown(w.expected)
        }`
      ),
    );
  }
  return lines.join("\n") + "\n";
}
