/**
 * Loader for OpenRouter's benchmarks feed for Artificial Analysis
 * (`GET /api/v1/benchmarks?source=artificial-analysis`): per model, the
 * Artificial Analysis Intelligence, Coding and Agentic indices (composite
 * scores, higher is better, null where Artificial Analysis has none) and
 * OpenRouter's price per token. Cite it with `benchmarksCitation()`
 * (lib/text/citation.ts).
 *
 * The documented item: `source`, `model_permaslug`, `display_name` (the
 * SDKs call it `aa_name`, "Model name as listed on Artificial Analysis"),
 * `intelligence_index`, `coding_index`, `agentic_index`, `pricing`
 * (`{prompt, completion}` USD per token as decimal strings, or null); the
 * `meta` carries `as_of`, `source`, `source_url`, `citation`, `model_count`.
 *
 * @module
 */
import pl from "nodejs-polars";
import { perTokenToPerMtok } from "./decimal.ts";
import { loadDatasetFiles, objectRecord, readDatasetFile } from "./_dataset.ts";
import type { Loaded } from "./frames.ts";
import { error, type Problem } from "./problems.ts";

/** The three Artificial Analysis indices the feed carries, by field name. */
export const BENCHMARK_FEED_INDICES = [
  "intelligence_index",
  "coding_index",
  "agentic_index",
] as const;

/** One model of one saved answer, a row of {@linkcode loadBenchmarksFeed}'s frame. */
export interface BenchmarkFeedRow {
  /** The UTC day of the answer's `meta.as_of`, `YYYY-MM-DD`. */
  snapshot_date: string;
  /** `meta.source`: `artificial-analysis`. */
  source: string;
  /** The model's OpenRouter identifier, as the feed gives it. */
  model_permaslug: string;
  /** The model's name on Artificial Analysis. */
  display_name: string;
  /** Artificial Analysis Intelligence Index, or null. */
  intelligence_index: number | null;
  /** Artificial Analysis Coding Index, or null. */
  coding_index: number | null;
  /** Artificial Analysis Agentic Index, or null. */
  agentic_index: number | null;
  /** OpenRouter's prompt price, USD per million tokens, or null. */
  prompt_usd_per_mtok: number | null;
  /** OpenRouter's completion price, USD per million tokens, or null. */
  completion_usd_per_mtok: number | null;
  /** `meta.as_of` of the file. */
  as_of: string;
  /** The file the row came from. */
  source_file: string;
}

/** Column dtypes of the frame {@linkcode loadBenchmarksFeed} returns. */
export const BENCHMARKS_FEED_SCHEMA = {
  snapshot_date: pl.Utf8,
  source: pl.Utf8,
  model_permaslug: pl.Utf8,
  display_name: pl.Utf8,
  intelligence_index: pl.Float64,
  coding_index: pl.Float64,
  agentic_index: pl.Float64,
  prompt_usd_per_mtok: pl.Float64,
  completion_usd_per_mtok: pl.Float64,
  as_of: pl.Utf8,
  source_file: pl.Utf8,
} as const;

/** The feed's only source tokenbook reads. */
export const BENCHMARKS_FEED_SOURCE = "artificial-analysis";

/**
 * Parse one saved benchmarks answer into rows and problems, without
 * throwing: `meta.source` must be `artificial-analysis`, every item an
 * object with a non-empty `model_permaslug` (once per file) and a name, each
 * index a finite number ≥ 0 or null, `pricing` null or decimal strings.
 *
 * @param file Path of the file, used in messages.
 * @returns The rows, every problem found, and `meta.as_of` (or null).
 */
export async function parseBenchmarksFeedFile(
  file: string,
): Promise<
  { rows: BenchmarkFeedRow[]; problems: Problem[]; asOf: string | null }
> {
  const read = await readDatasetFile(file);
  const problems = [...read.problems];
  if (
    read.problems.length === 0 && read.meta.source !== BENCHMARKS_FEED_SOURCE
  ) {
    problems.push(
      error(
        file,
        "meta",
        "source",
        read.meta.source,
        `"${BENCHMARKS_FEED_SOURCE}" (the request's source)`,
      ),
    );
  }
  if (problems.length > 0) return { rows: [], problems, asOf: read.asOf };
  const rows: BenchmarkFeedRow[] = [];
  const seen = new Map<string, number>();
  read.records.forEach((record, index) => {
    const where = `data[${index}]`;
    const r = objectRecord(
      file,
      where,
      record,
      "an object with model_permaslug, display_name and the three indices",
      problems,
    );
    if (r === undefined) return;
    const before = problems.length;
    if (
      typeof r.model_permaslug !== "string" || r.model_permaslug.trim() === ""
    ) {
      problems.push(
        error(
          file,
          where,
          "model_permaslug",
          r.model_permaslug,
          "a non-empty model id",
        ),
      );
    }
    const name = r.display_name ?? r.aa_name;
    if (typeof name !== "string" || name.trim() === "") {
      problems.push(
        error(file, where, "display_name", name, "a non-empty model name"),
      );
    }
    const indices: Record<string, number | null> = {};
    for (const field of BENCHMARK_FEED_INDICES) {
      const value = r[field];
      if (value === null || value === undefined) indices[field] = null;
      else if (
        typeof value === "number" && Number.isFinite(value) && value >= 0
      ) {
        indices[field] = value;
      } else {
        problems.push(
          error(file, where, field, value, "a score ≥ 0 (a number), or null"),
        );
      }
    }
    const prices: Record<string, number | null> = {
      prompt: null,
      completion: null,
    };
    if (r.pricing !== null && r.pricing !== undefined) {
      const pricing = r.pricing as Record<string, unknown>;
      if (typeof pricing !== "object" || Array.isArray(pricing)) {
        problems.push(
          error(
            file,
            where,
            "pricing",
            r.pricing,
            "an object {prompt, completion}, or null",
          ),
        );
      } else {
        for (const side of ["prompt", "completion"] as const) {
          const value = pricing[side];
          if (value === null || value === undefined) continue;
          const mtok = typeof value === "string" || typeof value === "number"
            ? perTokenToPerMtok(value)
            : undefined;
          if (mtok === undefined || mtok < 0) {
            problems.push(
              error(
                file,
                `${where}.pricing`,
                side,
                value,
                "a decimal string in USD per token, ≥ 0",
              ),
            );
          } else prices[side] = mtok;
        }
      }
    }
    if (problems.length > before) return;
    const slug = r.model_permaslug as string;
    const earlier = seen.get(slug);
    if (earlier !== undefined) {
      problems.push(
        error(
          file,
          where,
          "model_permaslug",
          slug,
          `one row per model (also data[${earlier}])`,
        ),
      );
      return;
    }
    seen.set(slug, index);
    rows.push({
      snapshot_date: new Date(read.asOf!).toISOString().slice(0, 10),
      source: BENCHMARKS_FEED_SOURCE,
      model_permaslug: slug,
      display_name: name as string,
      intelligence_index: indices.intelligence_index,
      coding_index: indices.coding_index,
      agentic_index: indices.agentic_index,
      prompt_usd_per_mtok: prices.prompt,
      completion_usd_per_mtok: prices.completion,
      as_of: read.asOf!,
      source_file: file,
    });
  });
  return { rows, problems, asOf: read.asOf };
}

/**
 * Load saved benchmarks answers into one frame (columns: see
 * {@linkcode BenchmarkFeedRow}), newest snapshot first, then by model. Two
 * answers of one UTC day are merged by model: the same figures once, other
 * figures from the later `meta.as_of` (the other listed as a warning, code
 * `restated`).
 *
 * @param files Paths of the saved JSON files (`raw/openrouter-benchmarks/*.json`).
 * @returns The frame, the warnings and the errors (with errors, the frame is empty).
 *
 * @example No file, no rows
 * ```ts
 * import assert from "node:assert/strict";
 * const { frame, errors } = await loadBenchmarksFeed([]);
 * assert.deepEqual([frame.height, errors.length], [0, 0]);
 * ```
 */
export function loadBenchmarksFeed(files: readonly string[]): Promise<Loaded> {
  return loadDatasetFiles(files, {
    parse: parseBenchmarksFeedFile,
    record: (r) => r.model_permaslug,
    key: (r) => `${r.snapshot_date} ${r.model_permaslug}`,
    sameValues: (a, b) =>
      a.display_name === b.display_name &&
      BENCHMARK_FEED_INDICES.every((f) => a[f] === b[f]) &&
      a.prompt_usd_per_mtok === b.prompt_usd_per_mtok &&
      a.completion_usd_per_mtok === b.completion_usd_per_mtok,
    schema: BENCHMARKS_FEED_SCHEMA,
    order: (frame) =>
      frame.sort(["snapshot_date", "model_permaslug"], [true, false]),
  });
}

/**
 * The latest snapshot of the feed, as rows of the benchmarks table
 * (`model`, `benchmark`, `score`, `source_url`, `source_date`), one series
 * per index, so the benchmark-vs-share analysis reads it as it reads
 * `reference/benchmarks.csv`. The model is the feed's `model_permaslug`.
 *
 * @param feed A frame from {@linkcode loadBenchmarksFeed}.
 * @returns The rows, sorted by benchmark and model (none for an empty feed).
 */
export function feedAsBenchmarkTable(feed: pl.DataFrame): pl.DataFrame {
  const schema = {
    model: pl.Utf8,
    benchmark: pl.Utf8,
    score: pl.Float64,
    source_url: pl.Utf8,
    source_date: pl.Utf8,
  };
  if (feed.height === 0) return pl.DataFrame({}, { schema });
  const latest = (feed.getColumn("snapshot_date").toArray() as string[]).sort()
    .at(-1)!;
  const rows = feed.filter(pl.col("snapshot_date").eq(pl.lit(latest)))
    .toRecords() as unknown as BenchmarkFeedRow[];
  const out = BENCHMARK_FEED_INDICES.flatMap((field) =>
    rows.filter((row) => row[field] !== null).map((row) => ({
      model: row.model_permaslug,
      benchmark: FEED_SERIES[field],
      score: row[field] as number,
      source_url: "https://artificialanalysis.ai",
      source_date: row.snapshot_date,
    }))
  );
  return pl.DataFrame(out, { schema }).sort(["benchmark", "model"]);
}

/** The series name of each index, as the benchmark-vs-share tables show it. */
export const FEED_SERIES: Record<
  typeof BENCHMARK_FEED_INDICES[number],
  string
> = {
  intelligence_index:
    "Artificial Analysis Intelligence Index (OpenRouter benchmarks feed)",
  coding_index: "Artificial Analysis Coding Index (OpenRouter benchmarks feed)",
  agentic_index:
    "Artificial Analysis Agentic Index (OpenRouter benchmarks feed)",
};

/**
 * The `meta.as_of` of the feed's latest snapshot, for its citation.
 *
 * @param feed A frame from {@linkcode loadBenchmarksFeed}.
 * @returns The timestamp, or null when no feed is saved.
 */
export function latestFeedAsOf(feed: pl.DataFrame): string | null {
  if (feed.height === 0) return null;
  return (feed.getColumn("as_of").toArray() as string[]).sort().at(-1)!;
}
