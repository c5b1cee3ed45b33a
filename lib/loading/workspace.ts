/**
 * Find and load everything in a data folder: the raw API responses in
 * `raw/<source>/` and the tables in `reference/`. A newer file dropped into a
 * source folder is picked up with no code or config change.
 *
 * @module
 */
import pl from "nodejs-polars";
import { absentDataset } from "../text/markdown.ts";
import {
  loadInferenceStats,
  parseInferenceStatsFile,
  type TrackerFile,
} from "./inference_stats.ts";
import {
  loadModelsList,
  type ModelCard,
  parseModelsListFile,
} from "./models_list.ts";
import { type Loaded } from "./frames.ts";
import {
  loadObservedPrices,
  parseObservedPricesFile,
} from "./observed_prices.ts";
import { type Problem } from "./problems.ts";
import {
  loadRankingsDaily,
  parseRankingsFile,
  type RankingsFileMeta,
} from "./rankings_daily.ts";
import { loadAppRankings, parseAppRankingsFile } from "./app_rankings.ts";
import {
  loadRankingSegments,
  parseRankingSegmentFile,
} from "./rankings_segments.ts";
import {
  loadBenchmarksFeed,
  parseBenchmarksFeedFile,
} from "./benchmarks_feed.ts";
import { loadSessionCost, parseSessionCostFile } from "./session_cost.ts";
import { loadReferenceCsv, type ReferenceTable } from "./reference.ts";
import { readJson, readText, unwrapEnvelope } from "./input.ts";
import { isCalendarDate } from "../base/dates.ts";

import {
  listDataFolder,
  OPTIONAL_SOURCES,
  type OptionalSource,
  RAW_SOURCES,
  type RawSource,
  REFERENCE_FILES,
} from "./sources.ts";

export {
  OPTIONAL_SOURCES,
  type OptionalSource,
  RAW_SOURCES,
  type RawSource,
  REFERENCE_FILES,
};

/**
 * What the ledger's checks read besides the frames, loaded by the loaders
 * with their validation (the analyses read no files).
 */
export interface WorkspaceEvidence {
  /** Model descriptions and Hugging Face ids from the models-list files (snapshots up to `asOf`). */
  modelCards: ModelCard[];
  /** The tracker's file-level figures, one per weekly file (weeks up to `asOf`). */
  trackerFiles: TrackerFile[];
  /** Text of `reference/a16z_report_figures.md`, or empty when absent. */
  a16zFigures: string;
  /** Path of that file. */
  a16zFile: string;
}

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
  /** Self-hosted serving setups: GPUs, GPU $/h, throughput, with sources (`reference/self_hosting.csv`). */
  selfHosting: pl.DataFrame;
  /** Published cost-per-task figures of benchmark runs, with sources (`reference/cost_per_task.csv`). */
  costPerTask: pl.DataFrame;
  /** openrouter.ai's observed effective prices and cache-hit rates (see `ObservedPriceRow`). */
  observedPrices: pl.DataFrame;
  /** The files read, per source. */
  files: Record<RawSource | OptionalSource | "reference", string[]>;
  /** The `meta` block of each rankings-daily file (for `rankingsCitation()`). */
  rankingsMeta: RankingsFileMeta[];
  /** App-rankings rows (see `AppRankingRow`); empty when absent. */
  appRankings: pl.DataFrame;
  /** Session-cost rows (see `SessionCostRow`); empty when absent. */
  sessionCost: pl.DataFrame;
  /** rankings-daily by use-case category, weekly (see `RankingSegmentRow`); empty when absent. */
  rankingsByCategory: pl.DataFrame;
  /** rankings-daily by context-length bucket, weekly (see `RankingSegmentRow`); empty when absent. */
  rankingsByContext: pl.DataFrame;
  /** The models list's own `benchmarks` field, one score per row (see `ModelBenchmarkRow`); empty when no snapshot carries it. */
  modelBenchmarks: pl.DataFrame;
  /** OpenRouter's benchmarks feed for Artificial Analysis (see `BenchmarkFeedRow`); empty when absent. */
  benchmarkFeed: pl.DataFrame;
  /** The optional datasets with no file in `raw/` (e.g. `["app-rankings"]`). */
  absentDatasets: OptionalSource[];
  /** Evidence beyond the frames for the ledger (see `WorkspaceEvidence`). */
  evidence: WorkspaceEvidence;
  /**
   * The optional datasets whose saved files hold no row (up to `asOf`): an
   * empty page the API answered, for instance. Every analysis treats them
   * as absent (see {@linkcode absentLine}).
   */
  emptyDatasets: OptionalSource[];
  /** Warnings from every loader. */
  warnings: Problem[];
}

/**
 * List the raw files of every source under `dataDir/raw/`, sorted by name,
 * as the source registry ({@linkcode listDataFolder}) finds them.
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
): Promise<Record<RawSource | OptionalSource, string[]>> {
  return (await listDataFolder(dataDir)).raw;
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
 * The files are those the source registry lists ({@linkcode listDataFolder}),
 * the same `deno task validate` checks. A raw source folder
 * (`raw/openrouter-models/`, `raw/rankings-daily/`, `raw/inference-stats/`)
 * that is missing or holds no `.json` file gives a warning naming the folder;
 * when all three are, there is nothing to report on and that is an error. A
 * missing `reference/*.csv` file or `claims.csv`, a folder where a file
 * belongs, a broken or looping link and an unreadable folder are errors
 * naming them.
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
  const listing = await listDataFolder(dataDir);
  const raw = listing.raw;
  const sourceErrors = listing.problems.filter((p) => p.severity === "error");
  const sourceWarnings = listing.problems.filter((p) =>
    p.severity === "warning"
  );
  const rankings = await loadRankingsDaily(raw["rankings-daily"]);
  const models = await loadModelsList(raw["openrouter-models"]);
  const inference = await loadInferenceStats(raw["inference-stats"]);
  const results: Record<string, Loaded> = {
    models,
    rankings,
    inference,
    appRankings: await loadAppRankings(raw["app-rankings"]),
    sessionCost: await loadSessionCost(raw["session-cost"]),
    benchmarkFeed: await loadBenchmarksFeed(raw["openrouter-benchmarks"]),
    rankingsByCategory: await loadRankingSegments(raw["rankings-by-category"]),
    rankingsByContext: await loadRankingSegments(raw["rankings-by-context"]),
  };
  results.observedPrices = await loadObservedPrices(raw["observed-prices"]);
  const referenceFiles: string[] = [];
  for (const [table, name] of Object.entries(REFERENCE_FILES)) {
    const file = listing.reference[table as ReferenceTable];
    referenceFiles.push(file ?? `${dataDir}/reference/${name}`);
    if (file === undefined) continue;
    const key = table === "models" ? "modelIdentity" : table;
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
    selfHosting: results.selfHosting.frame,
    costPerTask: results.costPerTask.frame,
    observedPrices: upTo(results.observedPrices.frame, "snapshot_date"),
    files: { ...raw, reference: referenceFiles },
    warnings,
    rankingsMeta: rankings.meta,
    appRankings: upTo(results.appRankings.frame, "window_end"),
    sessionCost: upTo(results.sessionCost.frame, "window_end_date"),
    benchmarkFeed: upTo(results.benchmarkFeed.frame, "snapshot_date"),
    modelBenchmarks: upTo(models.benchmarks, "snapshot_date"),
    rankingsByCategory: upTo(results.rankingsByCategory.frame, "window_end"),
    rankingsByContext: upTo(results.rankingsByContext.frame, "window_end"),
    absentDatasets: listing.absent,
    emptyDatasets: emptyOf(listing.absent, {
      "app-rankings": upTo(results.appRankings.frame, "window_end"),
      "session-cost": upTo(results.sessionCost.frame, "window_end_date"),
      "observed-prices": upTo(results.observedPrices.frame, "snapshot_date"),
      "openrouter-benchmarks": upTo(
        results.benchmarkFeed.frame,
        "snapshot_date",
      ),
      "rankings-by-category": upTo(
        results.rankingsByCategory.frame,
        "window_end",
      ),
      "rankings-by-context": upTo(
        results.rankingsByContext.frame,
        "window_end",
      ),
    }),
    evidence: await evidenceOf(
      dataDir,
      asOf,
      models.cards,
      inference.trackerFiles,
    ),
  };
}

/** The ledger's evidence up to `asOf`, and the a16z figures file's text (empty when absent). */
async function evidenceOf(
  dataDir: string,
  asOf: string | null,
  cards: readonly ModelCard[],
  trackerFiles: readonly TrackerFile[],
): Promise<WorkspaceEvidence> {
  const upTo = (date: string) => asOf === null || date <= asOf;
  const a16zFile = `${dataDir}/reference/a16z_report_figures.md`;
  const a16z = await readText(a16zFile);
  return {
    modelCards: cards.filter((card) =>
      /^\d{4}-\d{2}-\d{2}$/.test(card.snapshot_date) && upTo(card.snapshot_date)
    ),
    trackerFiles: trackerFiles.filter((week) => upTo(week.date)),
    a16zFigures: a16z.ok ? a16z.value : "",
    a16zFile,
  };
}

/** The optional datasets that have files but no row. */
function emptyOf(
  absent: readonly OptionalSource[],
  frames: Record<OptionalSource, pl.DataFrame>,
): OptionalSource[] {
  return OPTIONAL_SOURCES.filter((source) =>
    !absent.includes(source) && frames[source].height === 0
  );
}

/**
 * The line an analysis shows instead of its result when an optional dataset
 * has no row: no file saved (`absentDataset`'s line), or saved files that
 * hold none (an empty page).
 *
 * @param ws The workspace's `absentDatasets` and `emptyDatasets`.
 * @param source The optional dataset.
 * @returns The line (Markdown), or null when the dataset has rows.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const ws = { absentDatasets: ["app-rankings" as const], emptyDatasets: ["session-cost" as const] };
 * assert.match(absentLine(ws, "app-rankings")!, /^No app-rankings data in this data folder/);
 * assert.equal(absentLine(ws, "session-cost"), "session-cost: absent (the files saved in `data/raw/session-cost/` hold no row).");
 * ```
 */
export function absentLine(
  ws: {
    absentDatasets: readonly OptionalSource[];
    emptyDatasets?: readonly OptionalSource[];
  },
  source: OptionalSource,
): string | null {
  if (ws.absentDatasets.includes(source)) {
    return absentDataset(source).markdown;
  }
  if (ws.emptyDatasets?.includes(source)) {
    return `${source}: absent (the files saved in \`data/raw/${source}/\` hold no row).`;
  }
  return null;
}

/**
 * Tell which source a file holds: by its folder name, else by its content.
 *
 * @param file Path of a data file.
 * @returns The raw source or reference table, or undefined when it cannot be told.
 */
export async function detectSource(
  file: string,
): Promise<RawSource | OptionalSource | ReferenceTable | undefined> {
  const parts = file.split(/[\\/]/);
  const folder = parts.at(-2) ?? "";
  const name = parts.at(-1) ?? "";
  if ((RAW_SOURCES as readonly string[]).includes(folder)) {
    return folder as RawSource;
  }
  if ((OPTIONAL_SOURCES as readonly string[]).includes(folder)) {
    return folder as OptionalSource;
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
  if (first !== undefined && "intelligence_index" in first) {
    return "openrouter-benchmarks";
  }
  if (first !== undefined && "model_permaslug" in first) {
    return "rankings-daily";
  }
  if (first !== undefined && "pricing" in first) return "openrouter-models";
  if (first !== undefined && "app_id" in first) return "app-rankings";
  if (first !== undefined && "median_session_cost_usd" in first) {
    return "session-cost";
  }
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
    case "app-rankings": {
      const { rows, problems } = await parseAppRankingsFile(file);
      return { source, records: rows.length, problems };
    }
    case "session-cost": {
      const { rows, problems } = await parseSessionCostFile(file);
      return { source, records: rows.length, problems };
    }
    case "rankings-by-category":
    case "rankings-by-context": {
      const { rows, problems } = await parseRankingSegmentFile(file);
      return { source, records: rows.length, problems };
    }
    case "openrouter-benchmarks": {
      const { rows, problems } = await parseBenchmarksFeedFile(file);
      return { source, records: rows.length, problems };
    }
    case "observed-prices": {
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
