/**
 * report.md's "Since the last run" section (`deno task report --compare
 * PREV_OUT`): what changed against a previous output folder, read only from
 * that folder's machine-readable outputs (`claims.json`, `summary.json`, and
 * the tables when an older run has no summary), so it works across data
 * versions and code versions.
 *
 * @module
 */
import { csvParse } from "d3-dsv";
import { join } from "node:path";
import { escapeMarkdown, markdownCode } from "../text/escape.ts";
import { formatPercent, formatTokens, formatUsd } from "../text/format.ts";
import type { RunSummary, SummaryModel } from "./summary.ts";

/**
 * The claim fields the comparison reads (those of a `LedgerEntry`, loosely
 * typed: a previous run's claims.json may come from another version).
 */
export interface ComparedClaim {
  /** Claim id. */
  id: string;
  /** Verdict. */
  verdict: string;
  /** The reproduced value (a number, a boolean or null). */
  reproduced: unknown;
  /** The reproduced value as printed. */
  reproduced_display: string;
  /** What the check found. */
  note: string;
  /** The files and records it rests on. */
  evidence: string;
}

/** A previous run, as read from its output folder. */
export interface PreviousRun {
  /** The folder it was read from. */
  dir: string;
  /** Its summary; for a run older than `summary.json`, what its tables tell. */
  summary: RunSummary;
  /** Whether `summary.json` was there (else the summary comes from the tables). */
  fromSummary: boolean;
  /** Its claims ledger. */
  claims: ComparedClaim[];
  /** The raw files read, by path relative to the folder (kept in the new output's `previous/`). */
  files: Record<string, string>;
}

/** The previous folder is not a tokenbook output with a claims ledger. */
export class PreviousRunError extends RangeError {}

const TABLES = [
  "tables/model_tokens_weekly.csv",
  "tables/origin_share_weekly.csv",
  "tables/weekly_totals.csv",
] as const;

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/**
 * Read a previous output folder's `claims.json`, `summary.json` and tables,
 * all into memory (so the folder may be replaced afterwards).
 *
 * @param dir The previous output folder.
 * @returns The previous run.
 * @throws {PreviousRunError} When the folder has no readable `claims.json`.
 */
export async function readPreviousRun(dir: string): Promise<PreviousRun> {
  const claimsText = await readOptional(join(dir, "claims.json"));
  if (claimsText === undefined) {
    throw new PreviousRunError(
      `--compare ${dir}: no claims.json there, expected an output folder of deno task report`,
    );
  }
  let claims: ComparedClaim[];
  try {
    claims = JSON.parse(claimsText);
    if (!Array.isArray(claims)) throw new TypeError("not an array");
  } catch (cause) {
    throw new PreviousRunError(
      `--compare ${dir}: claims.json is not a JSON array of claims (${
        (cause as Error).message
      })`,
    );
  }
  const files: Record<string, string> = { "claims.json": claimsText };
  const summaryText = await readOptional(join(dir, "summary.json"));
  if (summaryText !== undefined) files["summary.json"] = summaryText;
  for (const table of TABLES) {
    const text = await readOptional(join(dir, table));
    if (text !== undefined) files[table] = text;
  }
  const summary = summaryText !== undefined
    ? JSON.parse(summaryText) as RunSummary
    : summaryFromTables(files);
  return {
    dir,
    summary,
    fromSummary: summaryText !== undefined,
    claims,
    files,
  };
}

/** What an older run's tables tell of its summary (no prices, no chart digests). */
function summaryFromTables(files: Record<string, string>): RunSummary {
  const rows = (name: string): Record<string, string>[] =>
    files[name] === undefined
      ? []
      : csvParse(files[name]) as unknown as Record<string, string>[];
  const totals = rows("tables/weekly_totals.csv");
  const complete = totals.filter((r) => r.days_covered === "7");
  const week = complete.map((r) => String(r.week_start)).sort().at(-1) ?? null;
  const total = totals.find((r) => r.week_start === week);
  const models = rows("tables/model_tokens_weekly.csv")
    .filter((r) => r.week_start === week && r.rank !== "")
    .map((r) => ({
      rank: Number(r.rank),
      model: String(r.model),
      tokens: Number(r.tokens),
      share: Number(r.share),
    }))
    .sort((a, b) => a.rank - b.rank).slice(0, 50);
  return {
    version: 1,
    data: {
      rankings: null,
      as_of: null,
      latest_complete_week: week,
      model_snapshots: [],
    },
    headline: {
      total_tokens: total === undefined ? null : Number(total.tokens),
      wow_change: total === undefined || total.wow_change === ""
        ? null
        : Number(total.wow_change),
      top_model: models[0] ?? null,
      agent_task_ratio: null,
      tracker_revenue: null,
    },
    origin_shares: Object.fromEntries(
      rows("tables/origin_share_weekly.csv").filter((r) =>
        r.week_start === week
      ).map((r) => [String(r.origin), Number(r.share)]),
    ),
    top_models: models,
    list_prices: [],
    list_prices_date: null,
    chart_data: {},
  };
}

/**
 * The charts whose data changed since the previous run (all of them when
 * the previous run recorded no digest).
 *
 * @param previous The previous run's summary.
 * @param next This run's summary.
 * @returns Chart names, in this run's order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const a = { chart_data: { x: "1", y: "2" } };
 * const b = { chart_data: { x: "1", y: "3" } };
 * assert.deepEqual(changedCharts(a, b), ["y"]);
 * ```
 */
export function changedCharts(
  previous: Pick<RunSummary, "chart_data">,
  next: Pick<RunSummary, "chart_data">,
): string[] {
  return Object.keys(next.chart_data).filter((name) =>
    previous.chart_data[name] !== next.chart_data[name]
  );
}

const md = escapeMarkdown;

function tokens(value: number | null | undefined): string {
  return value === null || value === undefined ? "none" : formatTokens(value);
}

function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? "none" : formatPercent(value);
}

function oldNew(a: string, b: string): string {
  return a === b ? `${a} (unchanged)` : `${a} → ${b}`;
}

function modelText(m: SummaryModel | null): string {
  return m === null
    ? "none"
    : `${md(m.model)} ${formatTokens(m.tokens)} (${formatPercent(m.share)})`;
}

function usd(value: number | null): string {
  return value === null ? "none" : `${formatUsd(value)}/M`;
}

/** Names in `a` but not `b`, in `a`'s order. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const set = new Set(b);
  return a.filter((x) => !set.has(x));
}

/**
 * The section's Markdown lines, heading included.
 *
 * @param previous The previous run ({@linkcode readPreviousRun}).
 * @param next This run's summary and ledger.
 * @returns The lines.
 *
 * @example A new week and one claim that changed
 * ```ts
 * import assert from "node:assert/strict";
 * const summary = (week: string, top: string, china: number) => ({
 *   version: 1 as const,
 *   data: { rankings: ["2026-05-24", week] as [string, string], as_of: null, latest_complete_week: week, model_snapshots: [] },
 *   headline: { total_tokens: 1e12, wow_change: null, top_model: null, agent_task_ratio: null, tracker_revenue: null },
 *   origin_shares: { China: china }, top_models: [{ rank: 1, model: top, tokens: 1e12, share: 1 }],
 *   list_prices: [], list_prices_date: null, chart_data: {},
 * });
 * const claim = (verdict: string) => ({ id: "c-1", verdict, reproduced: 1, reproduced_display: "1", note: "n", evidence: "e" });
 * const lines = sinceLastRunSection(
 *   { dir: "prev", summary: summary("2026-06-15", "A", 0.5), fromSummary: true, claims: [claim("reproduced")], files: {} },
 *   { summary: summary("2026-08-10", "B", 0.6), claims: [claim("contradicted")] },
 * ).join("\n");
 * assert.match(lines, /Latest complete week: 2026-06-15 → 2026-08-10/);
 * assert.match(lines, /Top 10: entering B; leaving A/);
 * assert.match(lines, /China 50\.0% → 60\.0% \(\+10\.0 points\)/);
 * assert.match(lines, /c-1: reproduced → contradicted/);
 * ```
 */
export function sinceLastRunSection(
  previous: PreviousRun,
  next: { summary: RunSummary; claims: readonly ComparedClaim[] },
): string[] {
  const a = previous.summary;
  const b = next.summary;
  const lines = ["## Since the last run", ""];
  lines.push(
    `Compared with the output folder ${
      markdownCode(previous.dir)
    } (its claims.json${
      previous.fromSummary
        ? " and summary.json"
        : " and tables; it has no summary.json, so prices and chart data are not compared"
    }); the files read are kept in \`previous/\`.`,
    "",
  );
  const span = (s: RunSummary) => s.data.rankings?.join(" … ") ?? "unknown";
  lines.push(
    `- Latest complete week: ${
      oldNew(
        a.data.latest_complete_week ?? "none",
        b.data.latest_complete_week ?? "none",
      )
    } (rankings ${span(a)} → ${span(b)}).`,
  );
  lines.push("- Headline figures, old → new:");
  lines.push(
    `  - Token volume of the latest complete week: ${
      oldNew(tokens(a.headline.total_tokens), tokens(b.headline.total_tokens))
    }; week over week ${
      oldNew(percent(a.headline.wow_change), percent(b.headline.wow_change))
    }.`,
  );
  lines.push(
    `  - Top model: ${
      oldNew(modelText(a.headline.top_model), modelText(b.headline.top_model))
    }.`,
  );
  const ratio = (r: RunSummary["headline"]["agent_task_ratio"]) =>
    r === null
      ? "none"
      : `${r.min.toFixed(1)}× to ${
        r.max.toFixed(1)
      }× over ${r.dates} price dates`;
  lines.push(
    `  - Agent task, Sonnet 4.5 ÷ V4 Flash: ${
      oldNew(
        ratio(a.headline.agent_task_ratio),
        ratio(b.headline.agent_task_ratio),
      )
    }.`,
  );
  const tracker = (t: RunSummary["headline"]["tracker_revenue"]) =>
    t === null
      ? "none"
      : `week of ${t.week}: published ${formatUsd(t.published)}, cache-aware ${
        formatUsd(t.cache_aware)
      }`;
  lines.push(
    `  - Tracker revenue: ${
      oldNew(
        tracker(a.headline.tracker_revenue),
        tracker(b.headline.tracker_revenue),
      )
    }.`,
  );
  for (const n of [10, 50]) {
    const before = a.top_models.filter((m) => m.rank <= n).map((m) => m.model);
    const after = b.top_models.filter((m) => m.rank <= n).map((m) => m.model);
    const entering = minus(after, before);
    const leaving = minus(before, after);
    lines.push(
      `- Top ${n}: ${
        entering.length === 0 && leaving.length === 0
          ? "the same models"
          : `entering ${
            entering.map((x) => md(x)).join(", ") || "none"
          }; leaving ${leaving.map((x) => md(x)).join(", ") || "none"}`
      }.`,
    );
  }
  const rankOf = new Map(a.top_models.map((m) => [m.model, m.rank]));
  const moves = b.top_models.flatMap((m) => {
    const old = rankOf.get(m.model);
    return old !== undefined && Math.abs(old - m.rank) > 3
      ? [`${md(m.model)} ${old} → ${m.rank}`]
      : [];
  });
  lines.push(
    `- Rank moves over 3 places (top 50 of the latest complete week): ${
      moves.join("; ") || "none"
    }.`,
  );
  const origins = [
    ...new Set([
      ...Object.keys(a.origin_shares),
      ...Object.keys(b.origin_shares),
    ]),
  ].sort();
  const shifts = origins.flatMap((origin) => {
    const before = a.origin_shares[origin] ?? 0;
    const after = b.origin_shares[origin] ?? 0;
    const points = (after - before) * 100;
    return Math.abs(points) > 1
      ? [
        `${md(origin)} ${formatPercent(before)} → ${formatPercent(after)} (${
          points > 0 ? "+" : ""
        }${points.toFixed(1)} points)`,
      ]
      : [];
  });
  lines.push(
    `- Origin share changes over 1 point: ${shifts.join("; ") || "none"}.`,
  );
  if (previous.fromSummary) {
    const oldPrices = new Map(a.list_prices.map((p) => [p.id, p]));
    const changes = b.list_prices.flatMap((p) => {
      const old = oldPrices.get(p.id);
      if (old === undefined) return [];
      const parts = (["input", "output", "cache_read"] as const).flatMap((
        key,
      ) =>
        old[key] === p[key]
          ? []
          : [`${key.replace("_", " ")} ${usd(old[key])} → ${usd(p[key])}`]
      );
      return parts.length === 0 ? [] : [`${md(p.id)}: ${parts.join(", ")}`];
    });
    lines.push(
      `- List-price changes (models list ${a.list_prices_date ?? "none"} → ${
        b.list_prices_date ?? "none"
      }): ${changes.join("; ") || "none"}.`,
    );
    const charts = changedCharts(a, b);
    lines.push(
      `- Charts whose data changed (marked in index.html): ${
        charts.join(", ") || "none"
      }.`,
    );
  }
  const oldClaims = new Map(previous.claims.map((c) => [c.id, c]));
  const changed = next.claims.flatMap((c) => {
    const old = oldClaims.get(c.id);
    if (old === undefined) return [`  - ${md(c.id)}: new claim, ${c.verdict}`];
    if (old.verdict === c.verdict && old.reproduced === c.reproduced) {
      return [];
    }
    const reason = old.evidence !== c.evidence
      ? `evidence ${md(old.evidence)} → ${md(c.evidence)}; ${md(c.note)}`
      : md(c.note);
    return [
      `  - ${md(c.id)}: ${oldNew(old.verdict, c.verdict)}, value ${
        oldNew(old.reproduced_display || "–", c.reproduced_display || "–")
      }. Why: ${reason}`,
    ];
  });
  lines.push(
    `- Claims whose verdict or value changed: ${
      changed.length === 0 ? "none." : `${changed.length}:`
    }`,
    ...changed,
  );
  return lines;
}
