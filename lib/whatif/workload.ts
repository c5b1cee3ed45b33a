/**
 * A team's token workload, read from either of two files:
 *
 * - a CSV with the columns
 *   `stream,model,prompt_tokens,cached_tokens,completion_tokens,requests`
 *   (one period's totals; `cached_tokens` are part of `prompt_tokens`), in
 *   any order, and these optional ones ({@linkcode OPTIONAL_WORKLOAD_COLUMNS}):
 *   `date` (`YYYY-MM-DD`, the day the row's traffic ran, which prices the row
 *   on its day and lets the budget cap work week by week) or `timestamp`
 *   (ISO 8601 with a zone, one request per row: its UTC day and time of day
 *   choose the rates), `cache_write_tokens` and `cache_write_1h_tokens`
 *   (part of the prompt, like `cached_tokens`: the three together fit in
 *   `prompt_tokens`), `reasoning_tokens` (part of `completion_tokens`),
 *   `web_searches` and `logged_usd` (the cost the source logged, USD);
 * - a saved response of OpenRouter's `GET /api/v1/activity` (the
 *   `{"data": [...]}` envelope or the bare array): per day, model and
 *   endpoint, `prompt_tokens`, `completion_tokens`, `reasoning_tokens`,
 *   `requests` and `usage` (USD). It has no cached tokens, so the engine
 *   assumes a cached share per model, and says which.
 *
 * @module
 */
import { csvParse, csvParseRows } from "d3-dsv";
import { z } from "zod";
import {
  csvQuoteProblem,
  parseTokenCount,
  unwrapEnvelope,
  zodProblems,
} from "../loading/input.ts";
import { isCalendarDate } from "../base/dates.ts";
import { error } from "../loading/problems.ts";
import type { Problem } from "../loading/problems.ts";

/** The header of a workload CSV (a `date` column may come first). */
export const WORKLOAD_COLUMNS = [
  "stream",
  "model",
  "prompt_tokens",
  "cached_tokens",
  "completion_tokens",
  "requests",
] as const;

/** Optional columns of a workload CSV (see the module doc). */
export const OPTIONAL_WORKLOAD_COLUMNS = [
  "date",
  "timestamp",
  "cache_write_tokens",
  "cache_write_1h_tokens",
  "reasoning_tokens",
  "web_searches",
  "logged_usd",
] as const;

/** One row of a workload: one stream's traffic on one model (on one day, when dated). */
export interface WorkloadRow {
  /** Where the row is in its file: `line 3` or `data[4]`. */
  record: string;
  /** The stream of work, e.g. `agents`; for activity files, from the policy's `streams` or the model id. */
  stream: string;
  /** The model the traffic ran on, as written. */
  model: string;
  /** The day, `YYYY-MM-DD`, or null for an undated period's totals. */
  date: string | null;
  /** Prompt (input) tokens, cached ones included. */
  prompt_tokens: number;
  /** Cached prompt tokens, or null when the file does not say (activity files). */
  cached_tokens: number | null;
  /** Completion (output) tokens, reasoning included. */
  completion_tokens: number;
  /** Requests. */
  requests: number;
  /** The cost as logged (activity `usage`, `logged_usd`), USD, or null. */
  logged_usd: number | null;
  /** Prompt tokens written to the 5-minute cache (part of the prompt); absent: 0. */
  cache_write_tokens?: number;
  /** Prompt tokens written to the 1-hour cache (part of the prompt); absent: 0. */
  cache_write_1h_tokens?: number;
  /** Completion tokens spent reasoning (part of the completion); absent: 0. */
  reasoning_tokens?: number;
  /** Web searches; absent: 0. */
  web_searches?: number;
  /** UTC time of day `HH:MM:SS` of a one-request row (from `timestamp`); absent or null: unknown. */
  utc_time?: string | null;
  /** The prompt tokens per request that choose the long-context rates when the export gives a bucket instead of requests (Anthropic's `context_window`); absent: `prompt_tokens / requests`. */
  prompt_per_request?: number;
  /** True when the export marks the traffic as bring-your-own-key (activity `byok_usage_inference` > 0). */
  byok?: boolean;
}

/** An ISO 8601 timestamp with a zone → its UTC day and time of day, or undefined. */
export function utcDayAndTime(
  text: string,
): { date: string; time: string } | undefined {
  const trimmed = text.trim();
  if (
    !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/
      .test(trimmed)
  ) return undefined;
  const time = new Date(trimmed.replace(" ", "T"));
  if (Number.isNaN(time.getTime())) return undefined;
  if (!isCalendarDate(trimmed.slice(0, 10))) return undefined;
  const iso = time.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

/** A workload read from one file. */
export interface Workload {
  /** The file's path. */
  file: string;
  /** `csv`, `activity`, `openrouter-usage` or `anthropic-usage`. */
  kind: "csv" | "activity" | "openrouter-usage" | "anthropic-usage";
  /** The rows, in file order. */
  rows: WorkloadRow[];
}

type Parsed = { ok: true; workload: Workload } | {
  ok: false;
  problems: Problem[];
};

/**
 * Parse a workload CSV.
 *
 * @param text The file's text.
 * @param file The file's path, for problem lines.
 * @returns The workload, or every problem found (line, field, value, expected).
 *
 * @example Cached tokens above the prompt tokens
 * ```ts
 * import assert from "node:assert/strict";
 * const text = "stream,model,prompt_tokens,cached_tokens,completion_tokens,requests\nagents,a/b,100,150,10,1\n";
 * const result = parseWorkloadCsv(text, "w.csv");
 * assert.equal(result.ok, false);
 * if (!result.ok) assert.equal(result.problems[0].field, "cached_tokens");
 * ```
 */
export function parseWorkloadCsv(text: string, file: string): Parsed {
  const quote = csvQuoteProblem(file, text);
  if (quote !== undefined) return { ok: false, problems: [quote] };
  const records = csvParse(text) as unknown as
    & Record<string, string>[]
    & { columns: string[] };
  const columns = records.columns;
  const plain = WORKLOAD_COLUMNS.join(",");
  const known = new Set<string>([
    ...WORKLOAD_COLUMNS,
    ...OPTIONAL_WORKLOAD_COLUMNS,
  ]);
  const missing = WORKLOAD_COLUMNS.filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !known.has(c));
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (
    missing.length > 0 || unknown.length > 0 || repeated.length > 0 ||
    (columns.includes("date") && columns.includes("timestamp"))
  ) {
    return {
      ok: false,
      problems: [
        error(
          file,
          "line 1",
          "",
          columns.join(","),
          `the header ${plain} (optionally preceded by date), in any order, with the optional columns ${
            OPTIONAL_WORKLOAD_COLUMNS.join(", ")
          } (date or timestamp, not both)`,
        ),
      ],
    };
  }
  const has = (c: string) => columns.includes(c);
  const dated = has("date");
  const stamped = has("timestamp");
  const countFields = [
    "prompt_tokens",
    "cached_tokens",
    "completion_tokens",
    "requests",
    ...[
      "cache_write_tokens",
      "cache_write_1h_tokens",
      "reasoning_tokens",
      "web_searches",
    ].filter(has),
  ];
  const widths = csvParseRows(text).map((fields: string[]) => fields.length);
  const problems: Problem[] = [];
  const rows: WorkloadRow[] = [];
  records.forEach((record, index) => {
    const record_ = `line ${index + 2}`;
    if (widths[index + 1] !== columns.length) {
      problems.push(
        error(
          file,
          record_,
          "",
          undefined,
          `${columns.length} fields like the header (this row has ${
            widths[index + 1]
          })`,
        ),
      );
      return;
    }
    const before = problems.length;
    const counts: Record<string, number> = {};
    for (const field of countFields) {
      const count = parseTokenCount(record[field]);
      if (count === undefined) {
        problems.push(
          error(file, record_, field, record[field], "a non-negative integer"),
        );
      } else counts[field] = count;
    }
    for (const field of ["stream", "model"]) {
      if ((record[field] ?? "").trim() === "") {
        problems.push(
          error(file, record_, field, record[field], "a non-empty name"),
        );
      }
    }
    if (dated && !isCalendarDate(record.date)) {
      problems.push(
        error(file, record_, "date", record.date, "a calendar date YYYY-MM-DD"),
      );
    }
    const when = stamped ? utcDayAndTime(record.timestamp) : undefined;
    if (stamped && when === undefined) {
      problems.push(
        error(
          file,
          record_,
          "timestamp",
          record.timestamp,
          "an ISO 8601 time with a zone, e.g. 2026-06-01T14:03:22Z",
        ),
      );
    }
    if (stamped && counts.requests !== undefined && counts.requests !== 1) {
      problems.push(
        error(
          file,
          record_,
          "requests",
          counts.requests,
          "1: a row with a timestamp is one request",
        ),
      );
    }
    let logged: number | null = null;
    if (has("logged_usd") && record.logged_usd.trim() !== "") {
      const value = Number(record.logged_usd.trim());
      if (
        !/^\d+(\.\d+)?([eE][+-]?\d+)?$/.test(record.logged_usd.trim()) ||
        !Number.isFinite(value)
      ) {
        problems.push(
          error(
            file,
            record_,
            "logged_usd",
            record.logged_usd,
            "a non-negative decimal in USD, or empty",
          ),
        );
      } else logged = value;
    }
    const parts = (counts.cached_tokens ?? 0) +
      (counts.cache_write_tokens ?? 0) + (counts.cache_write_1h_tokens ?? 0);
    if (counts.prompt_tokens !== undefined && parts > counts.prompt_tokens) {
      const field = counts.cached_tokens > counts.prompt_tokens ||
          (!has("cache_write_tokens") && !has("cache_write_1h_tokens"))
        ? "cached_tokens"
        : has("cache_write_1h_tokens") && counts.cache_write_1h_tokens > 0
        ? "cache_write_1h_tokens"
        : "cache_write_tokens";
      problems.push(
        error(
          file,
          record_,
          field,
          counts[field],
          field === "cached_tokens" && parts === counts.cached_tokens
            ? `at most prompt_tokens (${counts.prompt_tokens}): cached tokens are part of the prompt`
            : `cached_tokens + cache_write_tokens + cache_write_1h_tokens (${parts}) at most prompt_tokens (${counts.prompt_tokens}): cache reads and writes are part of the prompt`,
        ),
      );
    }
    if (
      counts.reasoning_tokens !== undefined &&
      counts.completion_tokens !== undefined &&
      counts.reasoning_tokens > counts.completion_tokens
    ) {
      problems.push(
        error(
          file,
          record_,
          "reasoning_tokens",
          counts.reasoning_tokens,
          `at most completion_tokens (${counts.completion_tokens}): reasoning is part of the completion`,
        ),
      );
    }
    if (problems.length > before) return;
    const row: WorkloadRow = {
      record: record_,
      stream: record.stream.trim(),
      model: record.model.trim(),
      date: dated ? record.date : when?.date ?? null,
      prompt_tokens: counts.prompt_tokens,
      cached_tokens: counts.cached_tokens,
      completion_tokens: counts.completion_tokens,
      requests: counts.requests,
      logged_usd: logged,
    };
    for (
      const field of [
        "cache_write_tokens",
        "cache_write_1h_tokens",
        "reasoning_tokens",
        "web_searches",
      ] as const
    ) {
      if (counts[field] !== undefined) row[field] = counts[field];
    }
    if (when !== undefined) row.utc_time = when.time;
    rows.push(row);
  });
  if (rows.length === 0 && problems.length === 0) {
    problems.push(error(file, "", "", undefined, "at least one workload row"));
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, workload: { file, kind: "csv", rows } };
}

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const activityItem = z.object({
  date: z.string().refine(isCalendarDate, "a calendar date YYYY-MM-DD"),
  model: z.string().trim().min(1),
  prompt_tokens: count,
  completion_tokens: count,
  reasoning_tokens: count,
  requests: count,
  usage: z.number().finite().nonnegative(),
}).passthrough();

/**
 * Parse a saved `GET /api/v1/activity` response. Rows of one day and model
 * (several endpoints) stay separate; a model's stream is the policy's
 * `streams[model]` or else the model id.
 *
 * @param value The parsed JSON.
 * @param file The file's path, for problem lines.
 * @param streams Model id → stream (the policy's `streams`).
 * @returns The workload, or every problem found (JSON path, field, value, expected).
 *
 * @example One day on one model
 * ```ts
 * import assert from "node:assert/strict";
 * const value = { data: [{ date: "2026-05-18", model: "anthropic/claude-sonnet-4.6", model_permaslug: "anthropic/claude-4.6-sonnet-20260217", endpoint_id: "e1", provider_name: "Anthropic", usage: 1.5, byok_usage_inference: 0, requests: 10, prompt_tokens: 400000, completion_tokens: 20000, reasoning_tokens: 0 }] };
 * const result = parseActivity(value, "activity.json", { "anthropic/claude-sonnet-4.6": "ide" });
 * assert.equal(result.ok && result.workload.rows[0].stream, "ide");
 * assert.equal(result.ok && result.workload.rows[0].cached_tokens, null);
 * ```
 */
export function parseActivity(
  value: unknown,
  file: string,
  streams: Record<string, string> = {},
): Parsed {
  const envelope = unwrapEnvelope(value);
  if (envelope === undefined) {
    return {
      ok: false,
      problems: [
        error(
          file,
          "",
          "data",
          undefined,
          'an activity response: {"data": [...]} or an array of rows',
        ),
      ],
    };
  }
  const problems: Problem[] = [];
  const rows: WorkloadRow[] = [];
  envelope.records.forEach((item, index) => {
    const where = envelope.prefix === ""
      ? `[${index}]`
      : `${envelope.prefix}[${index}]`;
    const parsed = activityItem.safeParse(item);
    if (!parsed.success) {
      problems.push(...zodProblems(file, where, item, parsed.error.issues));
      return;
    }
    const row = parsed.data;
    if (row.reasoning_tokens > row.completion_tokens) {
      problems.push(
        error(
          file,
          where,
          "reasoning_tokens",
          row.reasoning_tokens,
          `at most completion_tokens (${row.completion_tokens}): reasoning is part of the completion`,
        ),
      );
      return;
    }
    rows.push({
      record: where,
      stream: streams[row.model] ?? row.model,
      model: row.model,
      date: row.date,
      prompt_tokens: row.prompt_tokens,
      cached_tokens: null,
      completion_tokens: row.completion_tokens,
      requests: row.requests,
      logged_usd: row.usage,
      reasoning_tokens: row.reasoning_tokens,
      byok: typeof row.byok_usage_inference === "number" &&
        row.byok_usage_inference > 0,
    });
  });
  if (rows.length === 0 && problems.length === 0) {
    problems.push(
      error(file, envelope.prefix, "", undefined, "at least one activity row"),
    );
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, workload: { file, kind: "activity", rows } };
}
