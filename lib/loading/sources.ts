/**
 * The source registry: which file of a data folder is read by which loader.
 * `deno task validate`, the report and the notebooks' `loadWorkspace` all
 * list a data folder through {@linkcode listDataFolder}, so they agree on
 * every file: what one reads the others read, and what none reads is listed
 * (`unread`) instead of skipped silently.
 *
 * A data folder holds `raw/<source>/*.json` (the API responses),
 * `reference/<table>.csv` and `claims.csv`. Symbolic links are followed; one
 * that is broken or loops, a folder where a file belongs (a folder named
 * `x.json`), a file where a folder belongs and a folder that cannot be read
 * are each a problem line.
 *
 * @module
 */
import pl from "nodejs-polars";
import { error, warning } from "./problems.ts";
import type { Problem } from "./problems.ts";
import { loadReferenceCsv, type ReferenceTable } from "./reference.ts";
import { loadModelsList } from "./models_list.ts";
import type { Loaded } from "./frames.ts";
import { loadRankingsDaily } from "./rankings_daily.ts";
import { loadInferenceStats } from "./inference_stats.ts";
import { loadAppRankings } from "./app_rankings.ts";
import { loadSessionCost } from "./session_cost.ts";
import { loadObservedPrices } from "./observed_prices.ts";
import { readClaims } from "./claims.ts";
import { loadBenchmarksFeed } from "./benchmarks_feed.ts";
import { loadRankingSegments } from "./rankings_segments.ts";

/** The raw sources, each a folder of JSON files under `raw/`. */
export const RAW_SOURCES = [
  "openrouter-models",
  "rankings-daily",
  "inference-stats",
] as const;
/** One of {@linkcode RAW_SOURCES}. */
export type RawSource = typeof RAW_SOURCES[number];

/**
 * The Data API datasets that may be absent: none is bundled, `deno task
 * fetch` saves them. An absent one is listed in `absent`, not warned about.
 */
export const OPTIONAL_SOURCES = [
  "app-rankings",
  "session-cost",
  "observed-prices",
  "openrouter-benchmarks",
  "rankings-by-category",
  "rankings-by-context",
] as const;
/** One of {@linkcode OPTIONAL_SOURCES}. */
export type OptionalSource = typeof OPTIONAL_SOURCES[number];

/**
 * The file extension each raw source's loader reads: `.json` (API responses)
 * except `observed-prices`, whose snapshots are CSV files.
 *
 * @param source A raw or optional source.
 * @returns The extension, with its dot.
 */
export function sourceExtension(source: RawSource | OptionalSource): string {
  return source === "observed-prices" ? ".csv" : ".json";
}

/** The reference tables, by file name under `reference/`. */
export const REFERENCE_FILES: Record<ReferenceTable, string> = {
  vendors: "vendors.csv",
  models: "models.csv",
  benchmarks: "benchmarks.csv",
  priceHistory: "prices_history_openrouter.csv",
  articlePrices: "article_prices.csv",
  selfHosting: "self_hosting.csv",
  costPerTask: "cost_per_task.csv",
};

/**
 * Files of `reference/` that are not tables but are read all the same: the
 * a16z report's figures, which the claims ledger reads as evidence
 * (`claimEvidence()` in lib/claims/load.ts).
 */
export const REFERENCE_EVIDENCE_FILES: readonly string[] = [
  "a16z_report_figures.md",
];

/** The claims table of a data folder. */
export const CLAIMS_FILE = "claims.csv";

/**
 * The file where `deno task fetch` counts each account's requests of the day
 * (by a hash of the key, never the key): read by no loader, listed nowhere.
 */
export const FETCH_BUDGET_FILE = ".fetch-budget.json";

/**
 * What the temporary file of a save carries in its name (`x.json.partial-…`):
 * one left in a source folder means a fetch was killed while saving.
 */
export const PARTIAL_MARK = ".partial-";

/** What a raw source folder should hold, as the warning for a missing or empty one says. */
export const RAW_EXPECTED = "at least one .json file";

/** What a missing reference table's error expects. */
const REFERENCE_EXPECTED =
  "an existing file (every reference table is needed; see data/README.md)";

/** Every file of a data folder, by the loader that reads it, and the problems of its layout. */
export interface DataFolderListing {
  /** The data folder, as given. */
  dataDir: string;
  /** The JSON files of each raw source, sorted by name. */
  raw: Record<RawSource | OptionalSource, string[]>;
  /** The optional sources with no `.json` file. */
  absent: OptionalSource[];
  /** The path of each reference table that exists as a file. */
  reference: Partial<Record<ReferenceTable, string>>;
  /** The path of `claims.csv`, or null when it is missing or not a file. */
  claims: string | null;
  /** Files no loader reads (notes, READMEs, other tables), sorted. */
  unread: string[];
  /** Errors and warnings about the folder's layout, in folder order. */
  problems: Problem[];
}

/** What a path is, following symbolic links; a failure is a problem's expected text. */
type Kind = "file" | "folder" | "missing" | "other" | { failed: string };

async function kindOf(path: string): Promise<Kind> {
  try {
    const info = await Deno.stat(path);
    return info.isFile ? "file" : info.isDirectory ? "folder" : "other";
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) {
      // A dangling symbolic link is not "missing": it is broken.
      try {
        await Deno.lstat(path);
        return { failed: "a symbolic link to an existing file or folder" };
      } catch {
        return "missing";
      }
    }
    return { failed: `a readable path (${(cause as Error).message})` };
  }
}

/** The entries of a folder, sorted, or the error that stops reading it. */
async function entriesOf(
  dir: string,
): Promise<{ names: string[] } | { failed: string }> {
  try {
    const names: string[] = [];
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
    return { names: names.sort() };
  } catch (cause) {
    return { failed: `a readable folder (${(cause as Error).message})` };
  }
}

/**
 * List a data folder: the files each loader reads, the files none reads, and
 * a problem line for everything in the way.
 *
 * - The data folder itself missing or not a folder: an error.
 * - `raw/<source>` missing or holding no `.json` file: a warning; all three
 *   so: an error (nothing to report on). It is a file, a broken or looping
 *   link, or unreadable: an error.
 * - `raw/<source>/x.json` that is a folder, a broken or looping link or
 *   unreadable: an error. Other names in a source folder are `unread`.
 * - `reference/<table>.csv` and `claims.csv` missing or not a file: an error.
 *
 * @param dataDir The data folder.
 * @returns The listing.
 *
 * @example The bundled data
 * ```ts
 * import assert from "node:assert/strict";
 * const listing = await listDataFolder("data");
 * assert.deepEqual(listing.problems, []);
 * assert.equal(listing.raw["rankings-daily"].length, 1);
 * assert.equal(listing.claims, "data/claims.csv");
 * assert.ok(listing.unread.includes("data/README.md"));
 * ```
 */
export async function listDataFolder(
  dataDir: string,
): Promise<DataFolderListing> {
  const listing: DataFolderListing = {
    dataDir,
    raw: Object.fromEntries(
      [...RAW_SOURCES, ...OPTIONAL_SOURCES].map((source) => [
        source,
        [] as string[],
      ]),
    ) as Record<RawSource | OptionalSource, string[]>,
    absent: [],
    reference: {},
    claims: null,
    unread: [],
    problems: [],
  };
  const problems = listing.problems;
  const fail = (path: string, expected: string) =>
    problems.push(error(path, "", "", undefined, expected));
  const dir = dataDir.replace(/\/+$/, "") || "/";
  const top = await kindOf(dir);
  if (top !== "folder") {
    fail(
      dir,
      typeof top === "object"
        ? top.failed
        : "a data folder (with raw/, reference/ and claims.csv)",
    );
    return listing;
  }
  const topEntries = await entriesOf(dir);
  if ("failed" in topEntries) {
    fail(dir, topEntries.failed);
    return listing;
  }
  const known = new Set(["raw", "reference", CLAIMS_FILE, FETCH_BUDGET_FILE]);

  // raw/<source>/*.json
  const rawDir = `${dir}/raw`;
  const rawKind = await kindOf(rawDir);
  const sourceWarnings: Problem[] = [];
  if (typeof rawKind === "object") fail(rawDir, rawKind.failed);
  else if (rawKind !== "folder" && rawKind !== "missing") {
    fail(rawDir, "a folder holding the raw source folders");
  }
  const rawEntries = rawKind === "folder"
    ? await entriesOf(rawDir)
    : { names: [] };
  if ("failed" in rawEntries) fail(rawDir, rawEntries.failed);
  else {
    for (const name of rawEntries.names) {
      if (
        ![...RAW_SOURCES, ...OPTIONAL_SOURCES].includes(name as RawSource)
      ) {
        await listUnread(`${rawDir}/${name}`, listing);
      }
    }
  }
  for (const source of [...RAW_SOURCES, ...OPTIONAL_SOURCES]) {
    const sourceDir = `${rawDir}/${source}`;
    const kind = rawKind === "folder" ? await kindOf(sourceDir) : "missing";
    if (typeof kind === "object") {
      fail(sourceDir, kind.failed);
      continue;
    }
    if (kind !== "folder" && kind !== "missing") {
      fail(
        sourceDir,
        `a folder of ${sourceExtension(source)} files (this is a ${kind})`,
      );
      continue;
    }
    if (kind === "folder") {
      const entries = await entriesOf(sourceDir);
      if ("failed" in entries) {
        fail(sourceDir, entries.failed);
        continue;
      }
      for (const name of entries.names) {
        const path = `${sourceDir}/${name}`;
        const extension = sourceExtension(source);
        if (name.includes(PARTIAL_MARK)) {
          problems.push(
            warning(
              path,
              "",
              "",
              undefined,
              "no leftover: this is the temporary file of a deno task fetch that was interrupted while saving (no loader reads it; the next fetch removes it)",
              "stale_partial",
            ),
          );
          continue;
        }
        if (!name.endsWith(extension)) {
          await listUnread(path, listing);
          continue;
        }
        const entryKind = await kindOf(path);
        if (entryKind === "file") listing.raw[source].push(path);
        else if (typeof entryKind === "object") fail(path, entryKind.failed);
        else {
          fail(
            path,
            `a file (this is a ${entryKind}; a ${extension} name is read as data)`,
          );
        }
      }
    }
    if (
      listing.raw[source].length === 0 &&
      (OPTIONAL_SOURCES as readonly string[]).includes(source)
    ) {
      listing.absent.push(source as OptionalSource);
    } else if (listing.raw[source].length === 0) {
      sourceWarnings.push(
        warning(sourceDir, "", "", undefined, RAW_EXPECTED),
      );
    }
  }
  const rawErrors = problems.some((p) => p.file.startsWith(rawDir));
  if (sourceWarnings.length === RAW_SOURCES.length && !rawErrors) {
    fail(
      rawDir,
      `at least one .json file in ${
        RAW_SOURCES.map((source) => `raw/${source}/`).join(", ")
      }: there is nothing to report on`,
    );
  }

  // reference/<table>.csv
  const referenceDir = `${dir}/reference`;
  const referenceKind = await kindOf(referenceDir);
  const tableNames = new Set([
    ...Object.values(REFERENCE_FILES),
    ...REFERENCE_EVIDENCE_FILES,
  ]);
  if (referenceKind === "folder") {
    const entries = await entriesOf(referenceDir);
    if ("failed" in entries) fail(referenceDir, entries.failed);
    else {
      for (const name of entries.names) {
        if (!tableNames.has(name)) {
          await listUnread(`${referenceDir}/${name}`, listing);
        }
      }
    }
  }
  for (const [table, name] of Object.entries(REFERENCE_FILES)) {
    const path = `${referenceDir}/${name}`;
    const kind = await kindOf(path);
    if (kind === "file") listing.reference[table as ReferenceTable] = path;
    else if (kind === "missing") fail(path, REFERENCE_EXPECTED);
    else if (typeof kind === "object") fail(path, kind.failed);
    else fail(path, `a CSV file (this is a ${kind})`);
  }

  // claims.csv
  const claims = `${dir}/${CLAIMS_FILE}`;
  const claimsKind = await kindOf(claims);
  if (claimsKind === "file") listing.claims = claims;
  else if (claimsKind === "missing") {
    fail(claims, "an existing file: the claims of the five articles");
  } else if (typeof claimsKind === "object") fail(claims, claimsKind.failed);
  else fail(claims, `a CSV file (this is a ${claimsKind})`);

  for (const name of topEntries.names) {
    if (!known.has(name)) await listUnread(`${dir}/${name}`, listing);
  }
  problems.push(...sourceWarnings);
  listing.unread.sort();
  return listing;
}

/** Add a path no loader reads to `unread`: a file, or every file below a folder. */
async function listUnread(
  path: string,
  listing: DataFolderListing,
): Promise<void> {
  const kind = await kindOf(path);
  if (kind !== "folder") {
    listing.unread.push(path);
    return;
  }
  const entries = await entriesOf(path);
  if ("failed" in entries) {
    listing.unread.push(path);
    return;
  }
  for (const name of entries.names) {
    // A looping link would recurse forever: list it, do not enter it.
    const entry = `${path}/${name}`;
    if ((await Deno.lstat(entry)).isSymlink) listing.unread.push(entry);
    else await listUnread(entry, listing);
  }
}

/**
 * Whether `dir` looks like a data folder (it holds `raw/` or `reference/`),
 * so {@linkcode listDataFolder} applies to it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(await isDataFolder("data"), true);
 * assert.equal(await isDataFolder("data/raw"), false);
 * ```
 */
export async function isDataFolder(dir: string): Promise<boolean> {
  for (const name of ["raw", "reference"]) {
    try {
      await Deno.lstat(`${dir}/${name}`);
      return true;
    } catch {
      // not there
    }
  }
  return false;
}

/** What checking one source's files found: every problem, and what the files hold. */
export interface SourceCheck {
  /** Errors and warnings of the files. */
  problems: Problem[];
  /** Valid records loaded. */
  rows: number;
  /** Distinct models (0 when the source has none to count). */
  models: number;
  /** First and last date covered, or null when the source has no dates. */
  dates: [string, string] | null;
  /** What the loader returned (a raw or optional source only), for what else it carries. */
  loaded?: Loaded;
}

/**
 * The first and last value of a date column, or null for an empty frame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * assert.deepEqual(dateRange(pl.DataFrame({ d: ["2026-06-02", "2026-06-01"] }), "d"), ["2026-06-01", "2026-06-02"]);
 * ```
 */
export function dateRange(
  frame: pl.DataFrame,
  column: string,
): [string, string] | null {
  if (frame.height === 0) return null;
  const values = [...frame.getColumn(column).toArray() as string[]].sort();
  return [values[0], values[values.length - 1]];
}

/** The number of distinct values of a column (0 for an empty frame). */
export function distinct(frame: pl.DataFrame, column: string): number {
  return frame.height === 0 ? 0 : frame.getColumn(column).nUnique();
}

/** A source's loader and what its frame's summary counts: models by one column, dates by another. */
interface SourceLoader {
  load(files: string[]): Promise<Loaded>;
  models?: (frame: pl.DataFrame) => number;
  dates?: string;
}

/**
 * The one dispatch from a raw or optional source to its loader and summary
 * columns, shared by `validate` (and kept beside the registry that lists the
 * files, so a new source is declared once).
 */
export const SOURCE_LOADERS: Record<RawSource | OptionalSource, SourceLoader> =
  {
    "openrouter-models": {
      load: loadModelsList,
      models: (frame) => distinct(frame, "id"),
      dates: "snapshot_date",
    },
    "rankings-daily": {
      load: loadRankingsDaily,
      models: (frame) =>
        distinct(frame.filter(pl.col("is_other").not()), "permaslug"),
      dates: "date",
    },
    "inference-stats": {
      load: loadInferenceStats,
      models: (frame) => distinct(frame, "slug"),
      dates: "snapshot_date",
    },
    "app-rankings": { load: loadAppRankings, dates: "window_end" },
    "session-cost": {
      load: loadSessionCost,
      models: (frame) => distinct(frame, "model_permaslug"),
      dates: "window_end_date",
    },
    "observed-prices": {
      load: loadObservedPrices,
      models: (frame) => distinct(frame, "model_id"),
      dates: "snapshot_date",
    },
    "openrouter-benchmarks": {
      load: loadBenchmarksFeed,
      models: (frame) => distinct(frame, "model_permaslug"),
      dates: "snapshot_date",
    },
    "rankings-by-category": {
      load: loadRankingSegments,
      models: (frame) => distinct(frame, "permaslug"),
      dates: "week_start",
    },
    "rankings-by-context": {
      load: loadRankingSegments,
      models: (frame) => distinct(frame, "permaslug"),
      dates: "week_start",
    },
  };

/**
 * Check the files of one source together (so clashes between files are
 * found too): a raw or optional source through {@linkcode SOURCE_LOADERS},
 * a reference table or `claims.csv` file by file.
 *
 * @param source A raw or optional source, a reference table, or `claims`.
 * @param file The files of the source (one for a reference table or claims).
 * @returns Every problem and what the files hold.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const check = await checkSource("openrouter-models", ["data/raw/openrouter-models/2026-05-01.models.json"]);
 * assert.deepEqual([check.rows, check.models, check.dates], [371, 371, ["2026-05-01", "2026-05-01"]]);
 * ```
 */
export async function checkSource(
  source: RawSource | OptionalSource | ReferenceTable | "claims",
  files: string[],
): Promise<SourceCheck> {
  if (source === "claims") {
    const { claims, problems } = await readClaims(files[0]);
    return {
      problems,
      rows: problems.length > 0 ? 0 : claims.length,
      models: 0,
      dates: null,
    };
  }
  if (source in SOURCE_LOADERS) {
    const loader = SOURCE_LOADERS[source as RawSource | OptionalSource];
    const loaded = await loader.load(files);
    return {
      problems: [...loaded.errors, ...loaded.warnings],
      rows: loaded.frame.height,
      models: loader.models?.(loaded.frame) ?? 0,
      dates: loader.dates === undefined
        ? null
        : dateRange(loaded.frame, loader.dates),
      loaded,
    };
  }
  const loaded = await loadReferenceCsv(source as ReferenceTable, files[0]);
  return {
    problems: [...loaded.errors, ...loaded.warnings],
    rows: loaded.frame.height,
    models: 0,
    dates: null,
  };
}
