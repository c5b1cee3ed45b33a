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
import { type Loaded, loadModelsList } from "./models_list.ts";
import { DataError, type Problem } from "./problems.ts";
import { loadClaims } from "../claims/claims.ts";
import { loadRankingsDaily } from "./rankings_daily.ts";
import { loadReferenceCsv, type ReferenceTable } from "./reference.ts";
import {
  detectSource,
  OBSERVED_PRICES_FOLDER,
  RAW_SOURCES,
  type RawSource,
} from "./workspace.ts";

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
  /** True when no problem is an error. */
  ok: boolean;
}

async function expand(path: string): Promise<string[]> {
  const info = await Deno.stat(path);
  if (info.isFile) return [path];
  const out: string[] = [];
  for await (const entry of Deno.readDir(path)) {
    const child = `${path.replace(/\/$/, "")}/${entry.name}`;
    // examples/ holds what-if inputs (policies, workloads), not source data.
    if (entry.isDirectory && entry.name === "examples") continue;
    if (entry.isDirectory) out.push(...await expand(child));
    else if (entry.isFile && /\.(json|csv)$/.test(entry.name)) out.push(child);
  }
  return out.sort();
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
 * @param paths Files or folders; folders are searched for `.json` and `.csv` files.
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
  const groups = new Map<string, string[]>();
  for (const path of paths) {
    let files: string[];
    try {
      files = await expand(path);
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
      if (file.split(/[\\/]/).pop() === "claims.csv") {
        groups.set("claims", [...groups.get("claims") ?? [], file]);
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
        }
        continue;
      }
      groups.set(source, [...groups.get(source) ?? [], file]);
    }
  }
  const summaries: SourceSummary[] = [];
  const order = (source: string) => {
    const raw = (RAW_SOURCES as readonly string[]).indexOf(source);
    if (source === OBSERVED_PRICES_FOLDER) return `0${RAW_SOURCES.length}`;
    return raw >= 0 ? `0${raw}` : source === "claims" ? "1" : `2${source}`;
  };
  const sorted = [...groups.entries()].sort(([a], [b]) =>
    order(a).localeCompare(order(b))
  );
  for (const [source, files] of sorted) {
    if ((RAW_SOURCES as readonly string[]).includes(source)) {
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
    } else if (source === OBSERVED_PRICES_FOLDER) {
      const loaded = await loadObservedPrices(files);
      problems.push(...loaded.errors, ...loaded.warnings);
      summaries.push({
        source,
        files: files.length,
        rows: loaded.frame.height,
        models: distinct(loaded.frame, "model_id"),
        dates: range(loaded.frame, "snapshot_date"),
      });
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
    ok: !problems.some((p) => p.severity === "error"),
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
