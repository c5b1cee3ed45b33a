/**
 * Find and load everything in a data folder: the raw API responses in
 * `raw/<source>/` and the tables in `reference/`. A newer file dropped into a
 * source folder is picked up with no code or config change.
 *
 * @module
 */
import pl from "nodejs-polars";
import {
  loadInferenceStats,
  parseInferenceStatsFile,
} from "./inference_stats.ts";
import {
  type Loaded,
  loadModelsList,
  parseModelsListFile,
} from "./models_list.ts";
import {
  loadObservedPrices,
  parseObservedPricesFile,
} from "./observed_prices.ts";
import { type Problem } from "./problems.ts";
import { loadRankingsDaily, parseRankingsFile } from "./rankings_daily.ts";
import { loadReferenceCsv, type ReferenceTable } from "./reference.ts";
import {
  error,
  isCalendarDate,
  readJson,
  unwrapEnvelope,
  warning,
} from "./_input.ts";

/** The raw sources, each a folder of JSON files under `raw/`. */
export const RAW_SOURCES = [
  "openrouter-models",
  "rankings-daily",
  "inference-stats",
] as const;
/** One of {@linkcode RAW_SOURCES}. */
export type RawSource = typeof RAW_SOURCES[number];

/**
 * The folder under `raw/` of openrouter.ai's observed prices: CSV files
 * named `YYYY-MM-DD….csv` (the snapshot date). Optional: a data folder
 * without it loads with an empty `observedPrices` frame and no warning.
 */
export const OBSERVED_PRICES_FOLDER = "observed-prices";

/** The reference tables, by file name under `reference/`. */
export const REFERENCE_FILES: Record<ReferenceTable, string> = {
  vendors: "vendors.csv",
  models: "models.csv",
  benchmarks: "benchmarks.csv",
  priceHistory: "prices_history_openrouter.csv",
  articlePrices: "article_prices.csv",
};

/** Everything loaded from one data folder. */
export interface Workspace {
  /** The data folder. */
  dataDir: string;
  /** The day the data was cut at (`--as-of`), or null for everything. */
  asOf: string | null;
  /** The models-list snapshots (see `ModelPriceRow`). */
  models: pl.DataFrame;
  /** The rankings-daily rows (see `RankingRow`). */
  rankings: pl.DataFrame;
  /** The inference-stats rows (see `InferenceStatsRow`). */
  inference: pl.DataFrame;
  /** Vendor → country and origin. */
  vendors: pl.DataFrame;
  /** Model identity across sources. */
  modelIdentity: pl.DataFrame;
  /** Benchmark scores as published. */
  benchmarks: pl.DataFrame;
  /** OpenRouter list prices over time (USD per million tokens). */
  priceHistory: pl.DataFrame;
  /** The prices the articles state, as their own dated source. */
  articlePrices: pl.DataFrame;
  /** openrouter.ai's observed effective prices and cache-hit rates (see `ObservedPriceRow`). */
  observedPrices: pl.DataFrame;
  /** The files read, per source. */
  files: Record<
    RawSource | typeof OBSERVED_PRICES_FOLDER | "reference",
    string[]
  >;
  /** Warnings from every loader. */
  warnings: Problem[];
}

/** What a raw source folder should hold, as the warning for a missing or empty one says. */
const RAW_EXPECTED = "at least one .json file";

/** What a missing reference table's error expects. */
const REFERENCE_EXPECTED =
  "an existing file (every reference table is needed; see data/README.md)";

/** Whether nothing exists at `path`. */
async function isMissing(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return false;
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) return true;
    throw cause;
  }
}

async function listJson(dir: string, extension = ".json"): Promise<string[]> {
  const files: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isFile && entry.name.endsWith(extension)) {
        files.push(`${dir}/${entry.name}`);
      }
    }
  } catch (cause) {
    if (!(cause instanceof Deno.errors.NotFound)) throw cause;
  }
  return files.sort();
}

/**
 * List the raw files of every source under `dataDir/raw/`, sorted by name.
 *
 * @param dataDir The data folder.
 * @returns The JSON files per source (an absent folder gives an empty list).
 *
 * @example The bundled data
 * ```ts
 * import assert from "node:assert/strict";
 * const files = await listRawFiles("data");
 * assert.equal(files["inference-stats"].length >= 13, true);
 * ```
 */
export async function listRawFiles(
  dataDir: string,
): Promise<Record<RawSource, string[]>> {
  const out = {} as Record<RawSource, string[]>;
  for (const source of RAW_SOURCES) {
    out[source] = await listJson(`${dataDir}/raw/${source}`);
  }
  return out;
}

/** The load failed: every error of every file, and the warnings. */
export class WorkspaceError extends Error {
  /** Every error found. */
  readonly errors: readonly Problem[];
  /** Every warning found. */
  readonly warnings: readonly Problem[];

  /**
   * @param errors The errors found.
   * @param warnings The warnings found.
   */
  constructor(errors: readonly Problem[], warnings: readonly Problem[]) {
    super(`Invalid data: ${errors.length} error(s)`);
    this.name = "WorkspaceError";
    this.errors = errors;
    this.warnings = warnings;
  }
}

/**
 * Load every source of a data folder, optionally cut at a day.
 *
 * A raw source folder (`raw/openrouter-models/`, `raw/rankings-daily/`,
 * `raw/inference-stats/`) that is missing or holds no `.json` file gives a
 * warning naming the folder; when all three are, there is nothing to report
 * on and that is an error. A missing `reference/*.csv` file is an error
 * naming it.
 *
 * @param dataDir The data folder (with `raw/` and `reference/`).
 * @param options `asOf`: keep only data dated up to that day (`YYYY-MM-DD`).
 * @returns The workspace.
 * @throws {WorkspaceError} When any file has an error, a reference table is
 * missing or no raw source has a file; it lists every error.
 * @throws {RangeError} When `asOf` is not a calendar date.
 *
 * @example Load the bundled data
 * ```ts
 * import assert from "node:assert/strict";
 * const ws = await loadWorkspace("data");
 * assert.equal(ws.rankings.height, 1530);
 * ```
 */
export async function loadWorkspace(
  dataDir: string,
  options: { asOf?: string | null } = {},
): Promise<Workspace> {
  const asOf = options.asOf ?? null;
  if (asOf !== null && !isCalendarDate(asOf)) {
    throw new RangeError(
      `Cannot cut the data at ${
        JSON.stringify(asOf)
      }: expected a calendar date YYYY-MM-DD`,
    );
  }
  const raw = await listRawFiles(dataDir);
  const sourceErrors: Problem[] = [];
  const sourceWarnings: Problem[] = RAW_SOURCES
    .filter((source) => raw[source].length === 0)
    .map((source) =>
      warning(`${dataDir}/raw/${source}`, "", "", undefined, RAW_EXPECTED)
    );
  if (sourceWarnings.length === RAW_SOURCES.length) {
    sourceErrors.push(
      error(
        `${dataDir}/raw`,
        "",
        "",
        undefined,
        `at least one .json file in ${
          RAW_SOURCES.map((source) => `raw/${source}/`).join(", ")
        }: there is nothing to report on`,
      ),
    );
  }
  const results: Record<string, Loaded> = {
    models: await loadModelsList(raw["openrouter-models"]),
    rankings: await loadRankingsDaily(raw["rankings-daily"]),
    inference: await loadInferenceStats(raw["inference-stats"]),
  };
  const observedFiles = await listJson(
    `${dataDir}/raw/${OBSERVED_PRICES_FOLDER}`,
    ".csv",
  );
  results.observedPrices = await loadObservedPrices(observedFiles);
  const referenceFiles: string[] = [];
  for (const [table, name] of Object.entries(REFERENCE_FILES)) {
    const file = `${dataDir}/reference/${name}`;
    referenceFiles.push(file);
    const key = table === "models" ? "modelIdentity" : table;
    if (await isMissing(file)) {
      sourceErrors.push(
        error(file, "", "", undefined, REFERENCE_EXPECTED),
      );
      continue;
    }
    results[key] = await loadReferenceCsv(table as ReferenceTable, file);
  }
  const errors = [
    ...sourceErrors,
    ...Object.values(results).flatMap((r) => r.errors),
  ];
  const warnings = [
    ...sourceWarnings,
    ...Object.values(results).flatMap((r) => r.warnings),
  ];
  if (errors.length > 0) throw new WorkspaceError(errors, warnings);
  const upTo = (frame: pl.DataFrame, column: string) =>
    asOf === null
      ? frame
      : frame.filter(pl.col(column).lessThanEquals(pl.lit(asOf)));
  return {
    dataDir,
    asOf,
    models: upTo(results.models.frame, "snapshot_date"),
    rankings: upTo(results.rankings.frame, "date"),
    inference: upTo(results.inference.frame, "snapshot_date"),
    vendors: results.vendors.frame,
    modelIdentity: results.modelIdentity.frame,
    benchmarks: results.benchmarks.frame,
    priceHistory: upTo(results.priceHistory.frame, "date"),
    articlePrices: upTo(results.articlePrices.frame, "source_date"),
    observedPrices: upTo(results.observedPrices.frame, "snapshot_date"),
    files: {
      ...raw,
      [OBSERVED_PRICES_FOLDER]: observedFiles,
      reference: referenceFiles,
    },
    warnings,
  };
}

/**
 * Tell which source a file holds: by its folder name, else by its content.
 *
 * @param file Path of a data file.
 * @returns The raw source or reference table, or undefined when it cannot be told.
 */
export async function detectSource(
  file: string,
): Promise<
  RawSource | ReferenceTable | typeof OBSERVED_PRICES_FOLDER | undefined
> {
  const parts = file.split(/[\\/]/);
  const folder = parts.at(-2) ?? "";
  const name = parts.at(-1) ?? "";
  if (folder === OBSERVED_PRICES_FOLDER && name.endsWith(".csv")) {
    return OBSERVED_PRICES_FOLDER;
  }
  if ((RAW_SOURCES as readonly string[]).includes(folder)) {
    return folder as RawSource;
  }
  for (const [table, fileName] of Object.entries(REFERENCE_FILES)) {
    if (name === fileName) return table as ReferenceTable;
  }
  if (!name.endsWith(".json")) return undefined;
  const read = await readJson(file);
  if (!read.ok) return undefined;
  const value = read.value as Record<string, unknown>;
  const rows = unwrapEnvelope(value)?.records;
  if (
    value !== null && typeof value === "object" && Array.isArray(value.models)
  ) return "inference-stats";
  const first = rows?.[0] as Record<string, unknown> | undefined;
  if (first !== undefined && "model_permaslug" in first) {
    return "rankings-daily";
  }
  if (first !== undefined && "pricing" in first) return "openrouter-models";
  return undefined;
}

/**
 * Check one file of any known kind, returning every problem in it.
 *
 * @param file Path of a data file.
 * @returns The problems (errors and warnings) and the number of records read.
 */
export async function checkFile(
  file: string,
): Promise<{ source: string; records: number; problems: Problem[] }> {
  const source = await detectSource(file);
  switch (source) {
    case "openrouter-models": {
      const { rows, problems } = await parseModelsListFile(file);
      return { source, records: rows.length, problems };
    }
    case "rankings-daily": {
      const { rows, problems } = await parseRankingsFile(file);
      return { source, records: rows.length, problems };
    }
    case "inference-stats": {
      const { rows, problems } = await parseInferenceStatsFile(file);
      return { source, records: rows.length, problems };
    }
    case OBSERVED_PRICES_FOLDER: {
      const { rows, problems } = await parseObservedPricesFile(file);
      return { source, records: rows.length, problems };
    }
    case undefined:
      return {
        source: "unknown",
        records: 0,
        problems: [{
          severity: "error",
          file,
          record: "",
          field: "",
          value: "",
          expected:
            "a file in raw/openrouter-models, raw/rankings-daily, raw/inference-stats, raw/observed-prices or a known reference/*.csv",
        }],
      };
    default: {
      const loaded = await loadReferenceCsv(source, file);
      return {
        source: `reference/${source}`,
        records: loaded.frame.height,
        problems: [...loaded.errors, ...loaded.warnings],
      };
    }
  }
}
