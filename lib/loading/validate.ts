/**
 * The data validator behind `deno task validate [PATH...]`: checks files or
 * folders, reports every problem with file, record, field, value and what was
 * expected, and summarises what each source holds.
 *
 * @module
 */
import pl from "nodejs-polars";
import { loadInferenceStats } from "./inference_stats.ts";
import { loadObservedPrices } from "./observed_prices.ts";
import { loadModelsList } from "./models_list.ts";
import { type Loaded } from "./frames.ts";
import { DataError, type Problem } from "./problems.ts";
import { loadClaims } from "./claims.ts";
import { loadRankingsDaily } from "./rankings_daily.ts";
import { loadReferenceCsv, type ReferenceTable } from "./reference.ts";
import { detectSource } from "./workspace.ts";
import { loadAppRankings } from "./app_rankings.ts";
import { loadSessionCost } from "./session_cost.ts";
import { loadBenchmarksFeed } from "./benchmarks_feed.ts";
import { loadRankingSegments } from "./rankings_segments.ts";
import {
  CLAIMS_FILE,
  isDataFolder,
  listDataFolder,
  OPTIONAL_SOURCES,
  RAW_SOURCES,
  type RawSource,
} from "./sources.ts";
import { error } from "./problems.ts";

/** What one source holds, for the summary. */
export interface SourceSummary {
  /** Source name: a raw source or `reference/<table>`. */
  source: string;
  /** Files read. */
  files: number;
  /** Valid records loaded. */
  rows: number;
  /** Distinct models (or vendors, for the vendor table). */
  models: number;
  /** First and last date covered, or null when the source has no dates. */
  dates: [string, string] | null;
}

/** The validator's verdict over a set of paths. */
export interface ValidationResult {
  /** Every problem, errors first, in file order. */
  problems: Problem[];
  /** One summary per source found. */
  summaries: SourceSummary[];
  /** Files found that no loader reads (notes, READMEs, other tables). */
  unread: string[];
  /** True when no problem is an error. */
  ok: boolean;
  /** Optional datasets (app-rankings, session-cost) with no file in a data folder given: `DATA/raw/<source>`. */
  absent: string[];
  /** Optional fields no saved file carries, in words (the models list's `benchmarks`). */
  absentFields: string[];
}

/**
 * The `.json` and `.csv` files below a path that is not a data folder
 * (symbolic links followed), and a problem for each one that cannot be read
 * as a file: a folder named `x.json`, a broken or looping link, an
 * unreadable folder.
 */
async function expand(
  path: string,
  problems: Problem[],
  seen = new Set<string>(),
): Promise<string[]> {
  const info = await Deno.stat(path);
  if (info.isFile) return [path];
  const real = await Deno.realPath(path);
  if (seen.has(real)) return []; // a link back into a folder already listed
  seen.add(real);
  const out: string[] = [];
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(path)) names.push(entry.name);
  } catch (cause) {
    problems.push(
      error(
        path,
        "",
        "",
        undefined,
        `a readable folder (${(cause as Error).message})`,
      ),
    );
    return out;
  }
  for (const name of names.sort()) {
    const child = `${path.replace(/\/$/, "")}/${name}`;
    const data = /\.(json|csv)$/.test(name);
    let kind: Deno.FileInfo;
    try {
      kind = await Deno.stat(child);
    } catch (cause) {
      if (data) {
        problems.push(
          error(
            child,
            "",
            "",
            undefined,
            `a readable file (${(cause as Error).message})`,
          ),
        );
      }
      continue;
    }
    if (kind.isDirectory && !data) {
      out.push(...await expand(child, problems, seen));
    } else if (kind.isFile && data) out.push(child);
    else if (data) {
      problems.push(
        error(
          child,
          "",
          "",
          undefined,
          "a file (this is a folder; a .json or .csv name is read as data)",
        ),
      );
    }
  }
  return out;
}

function range(frame: pl.DataFrame, column: string): [string, string] | null {
  if (frame.height === 0) return null;
  const values = frame.getColumn(column).toArray() as string[];
  const sorted = [...values].sort();
  return [sorted[0], sorted[sorted.length - 1]];
}

function distinct(frame: pl.DataFrame, column: string): number {
  return frame.height === 0 ? 0 : frame.getColumn(column).nUnique();
}

/**
 * Validate files and folders. Raw files of one source are loaded together,
 * so clashes between files (the same day with different values) are found too.
 *
 * A data folder (one holding `raw/`, `reference/` or `claims.csv`) is listed
 * by the source registry, exactly as the report and the notebooks list it;
 * other folders are searched for `.json` and `.csv` files.
 *
 * @param paths Files or folders.
 * @returns Every problem and a summary per source.
 *
 * @example The bundled data is valid
 * ```ts
 * import assert from "node:assert/strict";
 * const result = await validatePaths(["data"]);
 * assert.equal(result.ok, true);
 * ```
 */
export async function validatePaths(
  paths: readonly string[],
): Promise<ValidationResult> {
  const problems: Problem[] = [];
  const unread: string[] = [];
  const absent: string[] = [];
  const absentFields: string[] = [];
  const groups = new Map<string, string[]>();
  const add = (source: string, file: string) =>
    groups.set(source, [...groups.get(source) ?? [], file]);
  for (const path of paths) {
    if (await isDataFolder(path)) {
      // A data folder is listed exactly as the report and notebooks list it.
      const listing = await listDataFolder(path);
      problems.push(...listing.problems);
      unread.push(...listing.unread);
      for (const source of [...RAW_SOURCES, ...OPTIONAL_SOURCES]) {
        for (const file of listing.raw[source]) add(source, file);
      }
      for (const source of listing.absent) {
        absent.push(`${path.replace(/\/+$/, "")}/raw/${source}`);
      }
      for (const [table, file] of Object.entries(listing.reference)) {
        add(table, file);
      }
      if (listing.claims !== null) add("claims", listing.claims);
      continue;
    }
    let files: string[];
    try {
      files = await expand(path, problems);
    } catch (cause) {
      problems.push({
        severity: "error",
        file: path,
        record: "",
        field: "",
        value: "",
        expected: `an existing file or folder (${(cause as Error).message})`,
      });
      continue;
    }
    for (const file of files) {
      if (file.split(/[\\/]/).pop() === CLAIMS_FILE) {
        add("claims", file);
        continue;
      }
      const source = await detectSource(file);
      if (source === undefined) {
        if (file.endsWith(".json")) {
          problems.push({
            severity: "error",
            file,
            record: "",
            field: "",
            value: "",
            expected:
              "a rankings-daily, models-list or inference-stats JSON file (could not tell which)",
          });
        } else unread.push(file);
        continue;
      }
      add(source, file);
    }
  }
  const summaries: SourceSummary[] = [];
  const order = (source: string) => {
    const raw = [...RAW_SOURCES, ...OPTIONAL_SOURCES as readonly string[]]
      .indexOf(source);
    return raw >= 0 ? `0${raw}` : source === "claims" ? "1" : `2${source}`;
  };
  const sorted = [...groups.entries()].sort(([a], [b]) =>
    order(a).localeCompare(order(b))
  );
  for (const [source, files] of sorted) {
    if (source === "observed-prices") {
      const loaded = await loadObservedPrices(files);
      problems.push(...loaded.errors, ...loaded.warnings);
      summaries.push({
        source,
        files: files.length,
        rows: loaded.frame.height,
        models: distinct(loaded.frame, "model_id"),
        dates: range(loaded.frame, "snapshot_date"),
      });
    } else if ((OPTIONAL_SOURCES as readonly string[]).includes(source)) {
      const loaded = source === "app-rankings"
        ? await loadAppRankings(files)
        : source === "openrouter-benchmarks"
        ? await loadBenchmarksFeed(files)
        : source === "rankings-by-category" || source === "rankings-by-context"
        ? await loadRankingSegments(files)
        : await loadSessionCost(files);
      problems.push(...loaded.errors, ...loaded.warnings);
      const [models, dates] = source === "app-rankings"
        ? [0, range(loaded.frame, "window_end")]
        : source === "rankings-by-category" || source === "rankings-by-context"
        ? [
          distinct(loaded.frame, "permaslug"),
          range(loaded.frame, "week_start"),
        ]
        : source === "openrouter-benchmarks"
        ? [
          distinct(loaded.frame, "model_permaslug"),
          range(loaded.frame, "snapshot_date"),
        ]
        : [
          distinct(loaded.frame, "model_permaslug"),
          range(loaded.frame, "window_end_date"),
        ];
      summaries.push({
        source,
        files: files.length,
        rows: loaded.frame.height,
        models,
        dates,
      });
    } else if ((RAW_SOURCES as readonly string[]).includes(source)) {
      const raw = source as RawSource;
      const loaded: Loaded = raw === "openrouter-models"
        ? await loadModelsList(files)
        : raw === "rankings-daily"
        ? await loadRankingsDaily(files)
        : await loadInferenceStats(files);
      problems.push(...loaded.errors, ...loaded.warnings);
      const frame = loaded.frame;
      const [models, dates] = raw === "openrouter-models"
        ? [distinct(frame, "id"), range(frame, "snapshot_date")]
        : raw === "rankings-daily"
        ? [
          distinct(frame.filter(pl.col("is_other").not()), "permaslug"),
          range(frame, "date"),
        ]
        : [distinct(frame, "slug"), range(frame, "snapshot_date")];
      summaries.push({
        source,
        files: files.length,
        rows: frame.height,
        models,
        dates,
      });
      if (raw === "openrouter-models") {
        const scores = (loaded as Loaded & { benchmarks: pl.DataFrame })
          .benchmarks;
        if (scores.height > 0) {
          summaries.push({
            source: "openrouter-models: benchmarks field",
            files: new Set(scores.getColumn("source_file").toArray()).size,
            rows: scores.height,
            models: distinct(scores, "id"),
            dates: range(scores, "snapshot_date"),
          });
        } else if (frame.height > 0) {
          absentFields.push(
            "the models list's benchmarks field (no saved snapshot carries it)",
          );
        }
      }
    } else {
      for (const file of files) {
        if (source === "claims") {
          let rows = 0;
          try {
            rows = (await loadClaims(file)).length;
          } catch (cause) {
            if (!(cause instanceof DataError)) throw cause;
            problems.push(...cause.problems);
          }
          summaries.push({
            source: "claims",
            files: 1,
            rows,
            models: 0,
            dates: null,
          });
          continue;
        }
        const loaded = await loadReferenceCsv(source as ReferenceTable, file);
        problems.push(...loaded.errors, ...loaded.warnings);
        summaries.push({
          source: `reference/${source}`,
          files: 1,
          rows: loaded.frame.height,
          models: 0,
          dates: null,
        });
      }
    }
  }
  problems.sort((
    a,
    b,
  ) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  return {
    problems,
    summaries,
    unread: [...new Set(unread)].sort(),
    ok: !problems.some((p) => p.severity === "error"),
    absent,
    absentFields,
  };
}

/**
 * Render the summaries as an aligned text table.
 *
 * @param summaries One summary per source.
 * @returns Lines of text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const text = formatSummaries([{ source: "rankings-daily", files: 1, rows: 1530, models: 81, dates: ["2026-05-24", "2026-06-22"] }]);
 * assert.match(text, /rankings-daily\s+1 file\s+1530 rows\s+81 models\s+2026-05-24 … 2026-06-22/);
 * ```
 */
export function formatSummaries(summaries: readonly SourceSummary[]): string {
  const width = Math.max(...summaries.map((s) => s.source.length), 6);
  return summaries.map((s) => {
    const parts = [
      s.source.padEnd(width),
      `${s.files} file${s.files === 1 ? " " : "s"}`.padEnd(8),
      `${s.rows} rows`.padEnd(10),
      s.models > 0 ? `${s.models} models`.padEnd(11) : "".padEnd(11),
      s.dates === null ? "" : `${s.dates[0]} … ${s.dates[1]}`,
    ];
    return parts.join("  ").trimEnd();
  }).join("\n");
}
