/**
 * Loader for the weekly files of the public tracker
 * "openrouter-inference-stats": per model, the 7-day token breakdown scraped
 * from OpenRouter model pages, list prices (USD per token) and the tracker's
 * own `estimated_revenue`, kept as a published figure.
 *
 * @module
 */
import pl from "nodejs-polars";
import { z } from "zod";
import {
  characterProblem,
  dateInFileName,
  isUsablePrice,
  readJson,
  zodProblems,
} from "./input.ts";
import { isCalendarDate } from "../base/dates.ts";
import { error, warning } from "./problems.ts";
import { perTokenToPerMtok } from "./decimal.ts";
import { type Loaded, loadedOf } from "./frames.ts";
import type { Problem } from "./problems.ts";

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const price = z.number().nonnegative().finite();

const modelSchema = z.object({
  rank: z.number().int().positive(),
  slug: z.string().min(1),
  name: z.string(),
  total_tokens: count,
  percent_change: z.number().finite().nullable(),
  prompt_tokens: count,
  completion_tokens: count,
  reasoning_tokens: count,
  cached_tokens: count,
  request_count: count,
  prompt_price: price,
  completion_price: price,
  reasoning_price: price,
  cache_read_price: price,
  estimated_revenue: z.number().nonnegative().finite(),
  is_free: z.boolean(),
}).passthrough();

const fileSchema = z.object({
  date: z.string(),
  models: z.array(z.unknown()),
  total_revenue: z.number().finite().optional(),
  total_tokens: z.number().finite().optional(),
}).passthrough();

/** The file-level figures of one tracker weekly file: what the row frame does not keep. */
export interface TrackerFile {
  /** The week, from the file's `date`. */
  date: string;
  /** The file. */
  file: string;
  /** The tracker's published weekly revenue (`total_revenue`), or null when absent. */
  total_revenue: number | null;
  /** `total_tokens`, or null. */
  total_tokens: number | null;
  /** `token_breakdown`: prompt, completion, reasoning and cached tokens (absent keys left out). */
  token_breakdown: Record<string, number>;
}

/** The file-level figures of a parsed weekly file, or null without a dated week. */
function trackerFileOf(file: string, value: unknown): TrackerFile | null {
  const week = value as Record<string, unknown>;
  if (typeof week?.date !== "string") return null;
  const number = (v: unknown) => typeof v === "number" ? v : null;
  const breakdown = week.token_breakdown;
  const entries = breakdown !== null && typeof breakdown === "object"
    ? Object.entries(breakdown as Record<string, unknown>)
    : [];
  return {
    date: week.date,
    file,
    total_revenue: number(week.total_revenue),
    total_tokens: number(week.total_tokens),
    token_breakdown: Object.fromEntries(
      entries.filter(([, v]) => typeof v === "number"),
    ) as Record<string, number>,
  };
}

/** Codes of the warnings this loader raises about a model-week. */
export const INFERENCE_WARNING_CODES = {
  breakdown_zero: "token breakdown all zero while total_tokens is not",
  total_mismatch: "total_tokens differs from prompt_tokens + completion_tokens",
  duplicate_breakdown:
    "token breakdown identical to another model's in the same week",
  free_variant_priced: "a :free variant carrying paid prices",
  zero_price: "priced at zero but not a :free variant",
} as const;

/** One model in one weekly snapshot, a row of {@linkcode loadInferenceStats}'s frame. */
export interface InferenceStatsRow {
  /** Date of the weekly snapshot (the file's `date`), `YYYY-MM-DD`. */
  snapshot_date: string;
  /** Model slug as the tracker writes it (versioned, may end in `:free`). */
  slug: string;
  /** Display name. */
  name: string;
  /** The tracker's rank of the model on OpenRouter's rankings page. */
  rank: number;
  /** Total tokens of the 7 days, as published. */
  total_tokens: number;
  /** Prompt (input) tokens, cached ones included. */
  prompt_tokens: number;
  /** Completion (output) tokens, reasoning included. */
  completion_tokens: number;
  /** Reasoning tokens (part of completion tokens). */
  reasoning_tokens: number;
  /** Cached input tokens (part of prompt tokens). */
  cached_tokens: number;
  /** Requests. */
  request_count: number;
  /** Week-over-week change of total tokens, percent, as published. */
  percent_change: number | null;
  /** Input list price, USD per million tokens. */
  prompt_usd_per_mtok: number;
  /** Output list price, USD per million tokens. */
  completion_usd_per_mtok: number;
  /** Reasoning list price, USD per million tokens. */
  reasoning_usd_per_mtok: number;
  /** Cache-read list price, USD per million tokens. */
  cache_read_usd_per_mtok: number;
  /** The tracker's published revenue estimate, USD. */
  published_revenue_usd: number;
  /** The tracker's own free flag. */
  is_free: boolean;
  /** Codes of the warnings raised about this row, comma-separated; null when none. */
  warning: string | null;
  /** The file the row came from. */
  source_file: string;
}

/** Column dtypes of the frame {@linkcode loadInferenceStats} returns. */
export const INFERENCE_SCHEMA = {
  snapshot_date: pl.Utf8,
  slug: pl.Utf8,
  name: pl.Utf8,
  rank: pl.Int64,
  total_tokens: pl.Int64,
  prompt_tokens: pl.Int64,
  completion_tokens: pl.Int64,
  reasoning_tokens: pl.Int64,
  cached_tokens: pl.Int64,
  request_count: pl.Int64,
  percent_change: pl.Float64,
  prompt_usd_per_mtok: pl.Float64,
  completion_usd_per_mtok: pl.Float64,
  reasoning_usd_per_mtok: pl.Float64,
  cache_read_usd_per_mtok: pl.Float64,
  published_revenue_usd: pl.Float64,
  is_free: pl.Bool,
  warning: pl.Utf8,
  source_file: pl.Utf8,
} as const;

type ModelRecord = z.infer<typeof modelSchema>;

function rowWarnings(
  file: string,
  where: string,
  model: ModelRecord,
  others: ModelRecord[],
): Problem[] {
  const out: Problem[] = [];
  const breakdown = model.prompt_tokens + model.completion_tokens +
    model.cached_tokens + model.reasoning_tokens;
  const codes = INFERENCE_WARNING_CODES;
  if (breakdown === 0 && model.total_tokens > 0) {
    out.push(
      warning(
        file,
        where,
        "prompt_tokens",
        model.prompt_tokens,
        `a breakdown with total_tokens ${model.total_tokens} (${codes.breakdown_zero})`,
        "breakdown_zero",
      ),
    );
  } else if (
    model.total_tokens !== model.prompt_tokens + model.completion_tokens
  ) {
    out.push(
      warning(
        file,
        where,
        "total_tokens",
        model.total_tokens,
        `prompt_tokens + completion_tokens = ${
          model.prompt_tokens + model.completion_tokens
        } (${codes.total_mismatch})`,
        "total_mismatch",
      ),
    );
  }
  const twin = others.find((other) =>
    other !== model && breakdown > 0 &&
    other.prompt_tokens === model.prompt_tokens &&
    other.completion_tokens === model.completion_tokens &&
    other.cached_tokens === model.cached_tokens
  );
  if (twin !== undefined) {
    out.push(
      warning(
        file,
        where,
        "prompt_tokens",
        model.prompt_tokens,
        `a breakdown of its own (${codes.duplicate_breakdown}: ${twin.slug})`,
        "duplicate_breakdown",
      ),
    );
  }
  const priced = model.prompt_price > 0 || model.completion_price > 0;
  if (model.slug.endsWith(":free") && priced) {
    out.push(
      warning(
        file,
        where,
        "prompt_price",
        model.prompt_price,
        `price 0 for a :free variant (${codes.free_variant_priced})`,
        "free_variant_priced",
      ),
    );
  }
  if (!model.slug.endsWith(":free") && !priced && model.total_tokens > 0) {
    out.push(
      warning(
        file,
        where,
        "prompt_price",
        model.prompt_price,
        `a non-zero price for a model that is not a :free variant (${codes.zero_price})`,
        "zero_price",
      ),
    );
  }
  return out;
}

/**
 * Parse one weekly tracker file into rows and problems, without throwing.
 *
 * @param file Path of the file, used in messages.
 * @returns The rows and every problem found.
 */
export async function parseInferenceStatsFile(
  file: string,
): Promise<
  { rows: InferenceStatsRow[]; problems: Problem[]; totals: TrackerFile | null }
> {
  const read = await readJson(file);
  if (!read.ok) return { rows: [], problems: read.problems, totals: null };
  const totals = trackerFileOf(file, read.value);
  const problems: Problem[] = [];
  const parsedFile = fileSchema.safeParse(read.value);
  if (!parsedFile.success) {
    problems.push(
      ...zodProblems(file, "", read.value, parsedFile.error.issues),
    );
    const models = (read.value as { models?: unknown } | null)?.models;
    // Without a list of models there is nothing more to check.
    if (!Array.isArray(models)) return { rows: [], problems, totals };
  }
  const week = read.value as { date: unknown; models: unknown[] };
  const snapshotDate = week.date as string;
  if (typeof week.date === "string" && !isCalendarDate(snapshotDate)) {
    problems.push(
      error(file, "", "date", snapshotDate, "a calendar date YYYY-MM-DD"),
    );
  }
  const named = dateInFileName(file);
  if (
    named !== undefined && isCalendarDate(snapshotDate) &&
    named !== snapshotDate
  ) {
    problems.push(
      error(
        file,
        "",
        "date",
        snapshotDate,
        `${named}, the date the file name gives (rename the file after the week it holds)`,
      ),
    );
  }
  const valid: { where: string; model: ModelRecord }[] = [];
  week.models.forEach((record, index) => {
    const where = `models[${index}]`;
    const parsed = modelSchema.safeParse(record);
    if (!parsed.success) {
      problems.push(...zodProblems(file, where, record, parsed.error.issues));
      return;
    }
    const model = parsed.data;
    const characters = [
      characterProblem(file, where, "slug", model.slug, "identifier"),
      characterProblem(file, where, "name", model.name, "name"),
    ].filter((p) => p !== undefined);
    const prices = (
      [
        "prompt_price",
        "completion_price",
        "reasoning_price",
        "cache_read_price",
      ] as const
    ).filter((key) => !isUsablePrice(perTokenToPerMtok(model[key]) ?? NaN))
      .map((key) =>
        error(
          file,
          where,
          key,
          model[key],
          "a price in USD per token small enough that 2^53 tokens cost a finite amount",
        )
      );
    if (characters.length > 0 || prices.length > 0) {
      problems.push(...characters, ...prices);
      return;
    }
    if (model.cached_tokens > model.prompt_tokens) {
      problems.push(
        error(
          file,
          where,
          "cached_tokens",
          model.cached_tokens,
          `at most prompt_tokens (${model.prompt_tokens}): cached tokens are part of the prompt`,
        ),
      );
      return;
    }
    if (model.reasoning_tokens > model.completion_tokens) {
      problems.push(
        error(
          file,
          where,
          "reasoning_tokens",
          model.reasoning_tokens,
          `at most completion_tokens (${model.completion_tokens}): reasoning is part of the completion`,
        ),
      );
      return;
    }
    const duplicate = valid.find((v) => v.model.slug === model.slug);
    if (duplicate !== undefined) {
      problems.push(
        error(
          file,
          where,
          "slug",
          model.slug,
          `one row per model (also at ${duplicate.where})`,
        ),
      );
      return;
    }
    valid.push({ where, model });
  });
  const models = valid.map((v) => v.model);
  const rows = valid.map(({ where, model }): InferenceStatsRow => {
    const warnings = rowWarnings(file, where, model, models);
    problems.push(...warnings);
    return {
      snapshot_date: snapshotDate,
      slug: model.slug,
      name: model.name,
      rank: model.rank,
      total_tokens: model.total_tokens,
      prompt_tokens: model.prompt_tokens,
      completion_tokens: model.completion_tokens,
      reasoning_tokens: model.reasoning_tokens,
      cached_tokens: model.cached_tokens,
      request_count: model.request_count,
      percent_change: model.percent_change,
      prompt_usd_per_mtok: perTokenToPerMtok(model.prompt_price)!,
      completion_usd_per_mtok: perTokenToPerMtok(model.completion_price)!,
      reasoning_usd_per_mtok: perTokenToPerMtok(model.reasoning_price)!,
      cache_read_usd_per_mtok: perTokenToPerMtok(model.cache_read_price)!,
      published_revenue_usd: model.estimated_revenue,
      is_free: model.is_free,
      warning: warnings.length === 0
        ? null
        : warnings.map((w) => w.code).join(","),
      source_file: file,
    };
  });
  return { rows, problems, totals };
}

/**
 * Load weekly tracker files into one frame (columns: see
 * {@linkcode InferenceStatsRow}), sorted by snapshot date, then published
 * revenue descending, then slug. Two files with the same snapshot date are an error.
 *
 * @param files Paths of the weekly JSON files.
 * @returns The frame, the warnings and the errors (with errors, the frame is empty).
 *
 * @example Load the last bundled week
 * ```ts
 * import assert from "node:assert/strict";
 * const { frame, errors } = await loadInferenceStats(["data/raw/inference-stats/2026-02-08.json"]);
 * assert.equal(errors.length, 0);
 * assert.equal(frame.height, 9);
 * ```
 */
export async function loadInferenceStats(
  files: readonly string[],
): Promise<Loaded & { trackerFiles: TrackerFile[] }> {
  const rows: InferenceStatsRow[] = [];
  const trackerFiles: TrackerFile[] = [];
  const problems: Problem[] = [];
  const weeks = new Map<string, string>();
  const sums = { tokens: 0, revenue: 0 };
  let overflowed = false;
  for (const file of files) {
    const parsed = await parseInferenceStatsFile(file);
    problems.push(...parsed.problems);
    const date = parsed.rows[0]?.snapshot_date;
    if (date !== undefined && weeks.has(date)) {
      problems.push(
        error(
          file,
          "",
          "date",
          date,
          `one file per week (also in ${weeks.get(date)})`,
        ),
      );
      continue;
    }
    if (date !== undefined) weeks.set(date, file);
    if (parsed.totals !== null) trackerFiles.push(parsed.totals);
    rows.push(...parsed.rows);
    parsed.rows.forEach((row) => {
      sums.tokens += row.total_tokens + row.prompt_tokens +
        row.completion_tokens;
      sums.revenue += row.published_revenue_usd;
      if (
        !overflowed &&
        (sums.tokens > Number.MAX_SAFE_INTEGER ||
          !Number.isFinite(sums.revenue))
      ) {
        overflowed = true;
        const tokens = sums.tokens > Number.MAX_SAFE_INTEGER;
        problems.push(
          error(
            file,
            `week ${row.snapshot_date}, slug ${row.slug}`,
            tokens ? "total_tokens" : "estimated_revenue",
            tokens ? row.total_tokens : row.published_revenue_usd,
            tokens
              ? "token counts whose sum over all weeks stays below 2^53 (9007199254740991), so every total is exact; the sum passes it here"
              : "revenues whose sum over all weeks is a finite number; the sum overflows here",
          ),
        );
      }
    });
  }
  const loaded = loadedOf(
    rows,
    problems,
    INFERENCE_SCHEMA,
    (frame) =>
      frame.sort(["snapshot_date", "published_revenue_usd", "slug"], [
        false,
        true,
        false,
      ]),
  );
  return {
    ...loaded,
    trackerFiles: loaded.errors.length > 0 ? [] : trackerFiles,
  };
}
