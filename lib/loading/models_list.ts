/**
 * Loader for OpenRouter's models list (`GET /api/v1/models`), saved as the
 * API's `{"data": [...]}` envelope or as the bare array.
 *
 * @module
 */
import pl from "nodejs-polars";
import { z } from "zod";
import {
  characterProblem,
  dateInFileName,
  isUsablePrice,
  MAX_UNIX_SECONDS,
  readJson,
  snapshotDateOf,
  unwrapEnvelope,
  zodProblems,
} from "./input.ts";
import { error, warning } from "./problems.ts";
import { scaleDecimal } from "./decimal.ts";
import type { Problem } from "./problems.ts";
import { frameOf, type Loaded, loadedOf } from "./frames.ts";

/** A price as the API writes it: a decimal string in USD per token, `"-1"` for router models. */
const priceText = z.string().regex(
  /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/,
  "a decimal string in USD per token",
);

const score = z.number().nonnegative().finite().nullable().optional();

/**
 * The models list's `benchmarks` field, as OpenRouter's OpenAPI file
 * documents `ModelBenchmarks`: "Third-party benchmark rankings for this
 * model. Omitted when no benchmark data is available." —
 * `artificial_analysis` (`AABenchmarkEntry`: the Intelligence, Coding and
 * Agentic indices, each a number or null) and `design_arena` (ELO entries
 * per arena and category).
 */
const benchmarksSchema = z.object({
  artificial_analysis: z.object({
    intelligence_index: score,
    coding_index: score,
    agentic_index: score,
  }).passthrough().nullable().optional(),
  design_arena: z.array(
    z.object({
      arena: z.string().min(1),
      category: z.string().min(1),
      elo: z.number().finite(),
      rank: z.number().int().positive(),
      win_rate: z.number().finite(),
    }).passthrough(),
  ).optional(),
}).passthrough();

const modelSchema = z.object({
  id: z.string().min(1),
  canonical_slug: z.string().min(1),
  name: z.string(),
  created: z.number().refine(
    (t) => Number.isInteger(t) && t >= 0 && t <= MAX_UNIX_SECONDS,
    `a Unix time: whole seconds from 0 to ${MAX_UNIX_SECONDS} (9999-12-31)`,
  ),
  context_length: z.number().int().nonnegative().max(
    Number.MAX_SAFE_INTEGER,
    "a whole number of tokens below 2^53",
  ).nullable().optional(),
  pricing: z.object({
    prompt: priceText,
    completion: priceText,
    input_cache_read: priceText.optional(),
    input_cache_write: priceText.optional(),
    internal_reasoning: priceText.optional(),
    input_cache_write_1h: priceText.optional(),
    request: priceText.optional(),
    web_search: priceText.optional(),
    image: priceText.optional(),
    discount: z.union([z.number(), priceText]).optional(),
    overrides: z.array(z.record(z.unknown())).optional(),
  }).passthrough(),
  benchmarks: benchmarksSchema.nullable().optional(),
}).passthrough();

/**
 * One score of the models list's `benchmarks` field, a row of the
 * `benchmarks` frame {@linkcode loadModelsList} returns: an Artificial
 * Analysis index (`source` `artificial-analysis`, `metric`
 * `intelligence_index` / `coding_index` / `agentic_index`) or a Design Arena
 * figure (`source` `design-arena`, `metric` `elo` / `rank` / `win_rate`, with
 * its arena and category).
 */
export interface ModelBenchmarkRow {
  /** The snapshot date (from the file name). */
  snapshot_date: string;
  /** The model id. */
  id: string;
  /** `artificial-analysis` or `design-arena`. */
  source: string;
  /** Design Arena's arena, or empty. */
  arena: string;
  /** Design Arena's category, or empty. */
  category: string;
  /** The figure's name. */
  metric: string;
  /** Its value. */
  value: number;
  /** The file the row came from. */
  source_file: string;
}

/** Column dtypes of the models list's `benchmarks` frame. */
export const MODEL_BENCHMARKS_SCHEMA = {
  snapshot_date: pl.Utf8,
  id: pl.Utf8,
  source: pl.Utf8,
  arena: pl.Utf8,
  category: pl.Utf8,
  metric: pl.Utf8,
  value: pl.Float64,
  source_file: pl.Utf8,
} as const;

/**
 * The parts of OpenRouter's `pricing` object tokenbook reads: the column each
 * becomes and the power of ten that turns the API's decimal into that
 * column's unit (6: USD per token → USD per million tokens; 0: kept as is).
 */
export const PRICING_KEYS = {
  prompt: { column: "input_usd_per_mtok", shift: 6, unit: "USD per token" },
  completion: {
    column: "output_usd_per_mtok",
    shift: 6,
    unit: "USD per token",
  },
  input_cache_read: {
    column: "cache_read_usd_per_mtok",
    shift: 6,
    unit: "USD per token",
  },
  input_cache_write: {
    column: "cache_write_usd_per_mtok",
    shift: 6,
    unit: "USD per token",
  },
  input_cache_write_1h: {
    column: "cache_write_1h_usd_per_mtok",
    shift: 6,
    unit: "USD per token",
  },
  internal_reasoning: {
    column: "reasoning_usd_per_mtok",
    shift: 6,
    unit: "USD per token",
  },
  request: { column: "request_usd", shift: 0, unit: "USD per request" },
  web_search: { column: "web_search_usd", shift: 0, unit: "USD per search" },
  image: { column: "image_usd", shift: 0, unit: "USD per image" },
  discount: { column: "discount", shift: 0, unit: "a fraction 0–1" },
} as const;

/** A key of {@linkcode PRICING_KEYS}. */
export type PricingKey = keyof typeof PRICING_KEYS;

/** A rate column of the price book (a value of {@linkcode PRICING_KEYS}' `column`). */
export type RateColumn = (typeof PRICING_KEYS)[PricingKey]["column"];

/**
 * One entry of a pricing object's `overrides[]`, normalised: the conditions
 * (`min_prompt_tokens`: applies when a request's prompt tokens are strictly
 * greater; `utc_start`/`utc_end`: a time-of-day window, `HH:MM[:SS]` UTC,
 * wrapping past midnight when the start is later than the end) and the rates
 * it sets, in the price book's units. Rates it does not set are inherited.
 */
export interface PriceOverride {
  /** Applies when the request's prompt tokens are strictly greater; null: any size. */
  min_prompt_tokens: number | null;
  /** Window start, `HH:MM:SS` UTC; null: no window. */
  utc_start: string | null;
  /** Window end (exclusive), `HH:MM:SS` UTC; null: no window. */
  utc_end: string | null;
  /** The rates the entry sets, by column. */
  rates: Partial<Record<RateColumn, number>>;
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?Z?$/;

/** `HH:MM[:SS][Z]` → `HH:MM:SS`, or undefined. */
function timeOfDay(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const match = TIME_OF_DAY.exec(value.trim());
  return match === null
    ? undefined
    : `${match[1]}:${match[2]}:${match[3] ?? "00"}`;
}

/**
 * Normalise one `overrides[]` entry, reporting every bad field through `bad`.
 *
 * @param entry The entry as the API gives it.
 * @param where Its JSON path, e.g. `pricing.overrides[0]`.
 * @param bad Receives each problem (field, value, expected).
 * @returns The override (bad fields left out).
 *
 * @example A long-context entry
 * ```ts
 * import assert from "node:assert/strict";
 * const o = parseOverride({ min_prompt_tokens: 200000, prompt: "0.000006" }, "o", () => assert.fail());
 * assert.deepEqual(o, { min_prompt_tokens: 200000, utc_start: null, utc_end: null, rates: { input_usd_per_mtok: 6 } });
 * ```
 */
export function parseOverride(
  entry: Record<string, unknown>,
  where: string,
  bad: (field: string, value: unknown, expected: string) => void,
): PriceOverride {
  const override: PriceOverride = {
    min_prompt_tokens: null,
    utc_start: null,
    utc_end: null,
    rates: {},
  };
  for (const [key, value] of Object.entries(entry)) {
    if (key === "min_prompt_tokens") {
      if (Number.isSafeInteger(value) && (value as number) >= 0) {
        override.min_prompt_tokens = value as number;
      } else bad(`${where}.${key}`, value, "a non-negative whole number");
    } else if (key === "utc_start" || key === "utc_end") {
      const time = timeOfDay(value);
      if (time === undefined) {
        bad(`${where}.${key}`, value, "a UTC time of day HH:MM[:SS]");
      } else override[key] = time;
    } else if (key in PRICING_KEYS) {
      const spec = PRICING_KEYS[key as PricingKey];
      const scaled = typeof value === "string" || typeof value === "number"
        ? scaleDecimal(String(value), spec.shift)
        : undefined;
      if (scaled === undefined || scaled < 0 || !isUsablePrice(scaled)) {
        bad(`${where}.${key}`, value, `a non-negative decimal (${spec.unit})`);
      } else override.rates[spec.column] = scaled;
    }
  }
  if ((override.utc_start === null) !== (override.utc_end === null)) {
    bad(
      `${where}.${override.utc_start === null ? "utc_start" : "utc_end"}`,
      undefined,
      "utc_start and utc_end together",
    );
  }
  return override;
}

/** One model of one models-list snapshot, as a row of {@linkcode loadModelsList}'s frame. */
export interface ModelPriceRow {
  /** Date of the snapshot (from the file name), `YYYY-MM-DD`. */
  snapshot_date: string;
  /** Model id as used in API requests, e.g. `deepseek/deepseek-v4-flash` or `…:free`. */
  id: string;
  /** Versioned slug shared by a model and its `:free` variant; matches rankings' permaslug. */
  canonical_slug: string;
  /** Display name. */
  name: string;
  /** Vendor: the part of `id` before the slash. */
  vendor: string;
  /** True for `:free` variants. */
  is_free: boolean;
  /** True for router models priced `-1` (price decided per request); their prices are null. */
  is_router: boolean;
  /** Uncached input price, USD per million tokens. */
  input_usd_per_mtok: number | null;
  /** Output price, USD per million tokens. */
  output_usd_per_mtok: number | null;
  /** Cache-read price, USD per million tokens; null when the list gives none. */
  cache_read_usd_per_mtok: number | null;
  /** Cache-write price, USD per million tokens; null when the list gives none. */
  cache_write_usd_per_mtok: number | null;
  /** Reasoning price, USD per million tokens; null when the list gives none (billed as output). */
  reasoning_usd_per_mtok: number | null;
  /** One-hour cache-write price (`input_cache_write_1h`), USD per million tokens; null when none. */
  cache_write_1h_usd_per_mtok: number | null;
  /** Price per request (`request`), USD; null when none. */
  request_usd: number | null;
  /** Price per web search (`web_search`), USD; null when none. */
  web_search_usd: number | null;
  /** Price per input image (`image`), USD; null when none. */
  image_usd: number | null;
  /** Discount (`discount`), a fraction 0–1 taken off the whole bill; null when none. */
  discount: number | null;
  /** `overrides[]` normalised to {@linkcode PriceOverride}s as JSON text (`[]` when none). */
  overrides_json: string;
  /** Context window, tokens. */
  context_length: number | null;
  /** Creation date of the model, `YYYY-MM-DD` (UTC). */
  created_date: string;
  /** Hugging Face repository of the model's open weights; null when the list gives none. */
  hugging_face_id: string | null;
  /** The file the row came from. */
  source_file: string;
}

/** Column dtypes of the frame {@linkcode loadModelsList} returns. */
export const MODELS_LIST_SCHEMA = {
  snapshot_date: pl.Utf8,
  id: pl.Utf8,
  canonical_slug: pl.Utf8,
  name: pl.Utf8,
  vendor: pl.Utf8,
  is_free: pl.Bool,
  is_router: pl.Bool,
  input_usd_per_mtok: pl.Float64,
  output_usd_per_mtok: pl.Float64,
  cache_read_usd_per_mtok: pl.Float64,
  cache_write_usd_per_mtok: pl.Float64,
  reasoning_usd_per_mtok: pl.Float64,
  cache_write_1h_usd_per_mtok: pl.Float64,
  request_usd: pl.Float64,
  web_search_usd: pl.Float64,
  image_usd: pl.Float64,
  discount: pl.Float64,
  overrides_json: pl.Utf8,
  context_length: pl.Int64,
  created_date: pl.Utf8,
  hugging_face_id: pl.Utf8,
  source_file: pl.Utf8,
} as const;

/** One model as the models list describes it: text the price frame does not keep. */
export interface ModelCard {
  /** Snapshot date, from the file name. */
  snapshot_date: string;
  /** Model id. */
  id: string;
  /** The list's own description text (empty when the record has none). */
  description: string;
  /** Hugging Face repository of the open weights, or empty when there is none. */
  hugging_face_id: string;
  /** The file and record, e.g. `data/raw/openrouter-models/2026-05-01.models.json[123]`. */
  record: string;
}

/**
 * Parse one models-list file into rows and problems, without throwing.
 *
 * @param file Path of the file (used in messages and for the snapshot date).
 * @returns The rows and every problem found.
 */
export async function parseModelsListFile(
  file: string,
): Promise<
  {
    rows: ModelPriceRow[];
    problems: Problem[];
    cards: ModelCard[];
    benchmarks: ModelBenchmarkRow[];
  }
> {
  const benchmarks: ModelBenchmarkRow[] = [];
  const problems: Problem[] = [];
  const cards: ModelCard[] = [];
  const snapshotDate = snapshotDateOf(file, problems);
  const read = await readJson(file);
  if (!read.ok) {
    return {
      rows: [],
      problems: [...problems, ...read.problems],
      cards,
      benchmarks,
    };
  }
  const envelope = unwrapEnvelope(read.value);
  if (envelope === undefined) {
    return {
      rows: [],
      problems: [
        ...problems,
        error(
          file,
          "",
          "",
          undefined,
          'a JSON array of models or an object {"data": [...]}',
        ),
      ],
      cards,
      benchmarks,
    };
  }
  const { records, prefix } = envelope;
  const rows: ModelPriceRow[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, index) => {
    const where = `${prefix}[${index}]`;
    const parsed = modelSchema.safeParse(record);
    if (!parsed.success) {
      problems.push(...zodProblems(file, where, record, parsed.error.issues));
      return;
    }
    const model = parsed.data;
    const characters = [
      characterProblem(file, where, "id", model.id, "identifier"),
      characterProblem(
        file,
        where,
        "canonical_slug",
        model.canonical_slug,
        "identifier",
      ),
      characterProblem(file, where, "name", model.name, "name"),
    ].filter((p) => p !== undefined);
    if (characters.length > 0) {
      problems.push(...characters);
      return;
    }
    if (seen.has(model.id)) {
      problems.push(
        error(
          file,
          where,
          "id",
          model.id,
          `a unique id (also at ${prefix}[${seen.get(model.id)}])`,
        ),
      );
      return;
    }
    seen.set(model.id, index);
    const pricing = model.pricing;
    const isRouter = pricing.prompt === "-1" && pricing.completion === "-1";
    if (!isRouter && (pricing.prompt === "-1" || pricing.completion === "-1")) {
      const [minus, other] = pricing.prompt === "-1"
        ? ["prompt", "completion"]
        : ["completion", "prompt"];
      problems.push(
        error(
          file,
          where,
          `pricing.${minus}`,
          "-1",
          `"-1" on both prompt and completion for a router model (pricing.${other} is ${
            JSON.stringify(pricing[other as "prompt" | "completion"])
          }), or a non-negative price in USD per token`,
        ),
      );
      return;
    }
    const bad = (field: string, value: unknown, expected: string) =>
      problems.push(error(file, where, field, value, expected));
    const price = (key: PricingKey, text: unknown = pricing[key]) => {
      if (text === undefined || isRouter) return null;
      const scaled = typeof text === "string" || typeof text === "number"
        ? scaleDecimal(String(text), PRICING_KEYS[key].shift)
        : undefined;
      if (scaled === undefined || scaled < 0 || !isUsablePrice(scaled)) {
        bad(
          `pricing.${key}`,
          text,
          PRICING_KEYS[key].shift === 6
            ? 'a non-negative price in USD per token, small enough that 2^53 tokens cost a finite amount (or "-1" for a router model)'
            : `a non-negative decimal (${PRICING_KEYS[key].unit})`,
        );
        return null;
      }
      return scaled;
    };
    const discount = price("discount");
    if (discount !== null && discount > 1) {
      bad("pricing.discount", pricing.discount, "a fraction from 0 to 1");
    }
    const overrides = isRouter
      ? []
      : (pricing.overrides ?? []).map((entry, i) =>
        parseOverride(entry, `pricing.overrides[${i}]`, bad)
      );
    const row: ModelPriceRow = {
      snapshot_date: snapshotDate ?? "",
      id: model.id,
      canonical_slug: model.canonical_slug,
      name: model.name,
      vendor: model.id.split("/")[0],
      is_free: model.id.endsWith(":free"),
      is_router: isRouter,
      input_usd_per_mtok: price("prompt"),
      output_usd_per_mtok: price("completion"),
      cache_read_usd_per_mtok: price("input_cache_read"),
      cache_write_usd_per_mtok: price("input_cache_write"),
      reasoning_usd_per_mtok: price("internal_reasoning"),
      cache_write_1h_usd_per_mtok: price("input_cache_write_1h"),
      request_usd: price("request"),
      web_search_usd: price("web_search"),
      image_usd: price("image"),
      discount,
      overrides_json: JSON.stringify(overrides),
      context_length: model.context_length ?? null,
      created_date: new Date(model.created * 1000).toISOString().slice(0, 10),
      hugging_face_id: typeof model.hugging_face_id === "string" &&
          model.hugging_face_id.trim() !== ""
        ? model.hugging_face_id.trim()
        : null,
      source_file: file,
    };
    if (
      !row.is_free && !row.is_router && row.input_usd_per_mtok === 0 &&
      row.output_usd_per_mtok === 0
    ) {
      problems.push(
        warning(
          file,
          where,
          "pricing.prompt",
          pricing.prompt,
          `a non-zero price for ${model.id}, which is not a :free variant`,
          "zero_price",
        ),
      );
    }
    rows.push(row);
    const text = (key: string) => {
      const value = (record as Record<string, unknown>)[key];
      return typeof value === "string" ? value : "";
    };
    const aa = model.benchmarks?.artificial_analysis;
    for (
      const metric of [
        "intelligence_index",
        "coding_index",
        "agentic_index",
      ] as const
    ) {
      const value = aa?.[metric];
      if (typeof value !== "number") continue;
      benchmarks.push({
        snapshot_date: row.snapshot_date,
        id: model.id,
        source: "artificial-analysis",
        arena: "",
        category: "",
        metric,
        value,
        source_file: file,
      });
    }
    for (const entry of model.benchmarks?.design_arena ?? []) {
      for (const metric of ["elo", "rank", "win_rate"] as const) {
        benchmarks.push({
          snapshot_date: row.snapshot_date,
          id: model.id,
          source: "design-arena",
          arena: entry.arena,
          category: entry.category,
          metric,
          value: entry[metric],
          source_file: file,
        });
      }
    }
    cards.push({
      snapshot_date: row.snapshot_date,
      id: model.id,
      description: text("description"),
      hugging_face_id: text("hugging_face_id"),
      record: `${file}[${index}]`,
    });
  });
  return { rows, problems, cards, benchmarks };
}

/**
 * Load one or more models-list snapshots into one frame (see {@linkcode ModelPriceRow}
 * for the columns), sorted by snapshot date and id.
 *
 * @param files Paths of models-list JSON files, each named `YYYY-MM-DD….json`.
 * @returns The frame, the warnings and the errors (with errors, the frame is empty).
 *
 * @example Load the bundled snapshot
 * ```ts
 * import assert from "node:assert/strict";
 * const { frame, errors } = await loadModelsList(["data/raw/openrouter-models/2026-05-01.models.json"]);
 * assert.equal(errors.length, 0);
 * assert.equal(frame.height, 371);
 * ```
 */
export async function loadModelsList(
  files: readonly string[],
): Promise<Loaded & { cards: ModelCard[]; benchmarks: pl.DataFrame }> {
  const rows: ModelPriceRow[] = [];
  const benchmarks: ModelBenchmarkRow[] = [];
  const cards: ModelCard[] = [];
  const problems: Problem[] = [];
  const snapshots = new Map<string, string>();
  for (const file of files) {
    const date = dateInFileName(file);
    const earlier = date === undefined ? undefined : snapshots.get(date);
    if (earlier !== undefined) {
      problems.push(
        error(
          file,
          "",
          "file name",
          file.split(/[\\/]/).pop(),
          `one models list per snapshot date: ${earlier} is the snapshot of ${date} too (keep one of the two files)`,
        ),
      );
    }
    if (date !== undefined && earlier === undefined) snapshots.set(date, file);
    const parsed = await parseModelsListFile(file);
    rows.push(...parsed.rows);
    cards.push(...parsed.cards);
    benchmarks.push(...parsed.benchmarks);
    problems.push(...parsed.problems);
  }
  const loaded = loadedOf(
    rows,
    problems,
    MODELS_LIST_SCHEMA,
    (frame) => frame.sort(["snapshot_date", "id"]),
  );
  const failed = loaded.errors.length > 0;
  return {
    ...loaded,
    cards: failed ? [] : cards,
    benchmarks: frameOf(
      failed ? [] : benchmarks,
      MODEL_BENCHMARKS_SCHEMA,
    ).sort(["snapshot_date", "id", "source", "arena", "category", "metric"]),
  };
}
