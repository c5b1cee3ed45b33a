/**
 * The data validator behind `deno task validate [PATH...]`: checks files or
 * folders, reports every problem with file, record, field, value and what was
 * expected, and summarises what each source holds.
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { Loaded } from "./frames.ts";
import type { Problem } from "./problems.ts";
import { detectSource } from "./workspace.ts";
import {
  checkSource,
  CLAIMS_FILE,
  dateRange,
  distinct,
  isDataFolder,
  listDataFolder,
  OPTIONAL_SOURCES,
  RAW_SOURCES,
  SOURCE_LOADERS,
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

/** The files found for each source, and what listing them found. */
interface Listing {
  /** Source → its files, in the order found. */
  groups: Map<string, string[]>;
  problems: Problem[];
  unread: string[];
  absent: string[];
}

/** Step 1a: a data folder, listed exactly as the report and notebooks list it. */
async function listData(path: string, into: Listing): Promise<void> {
  const listing = await listDataFolder(path);
  into.problems.push(...listing.problems);
  into.unread.push(...listing.unread);
  for (const source of [...RAW_SOURCES, ...OPTIONAL_SOURCES]) {
    for (const file of listing.raw[source]) add(into, source, file);
  }
  for (const source of listing.absent) {
    into.absent.push(`${path.replace(/\/+$/, "")}/raw/${source}`);
  }
  for (const [table, file] of Object.entries(listing.reference)) {
    add(into, table, file);
  }
  if (listing.claims !== null) add(into, "claims", listing.claims);
}

/** Step 1b: any other file or folder, each file's source told by its folder or content. */
async function listLoose(path: string, into: Listing): Promise<void> {
  let files: string[];
  try {
    files = await expand(path, into.problems);
  } catch (cause) {
    into.problems.push(
      error(
        path,
        "",
        "",
        undefined,
        `an existing file or folder (${(cause as Error).message})`,
      ),
    );
    return;
  }
  for (const file of files) {
    if (file.split(/[\\/]/).pop() === CLAIMS_FILE) {
      add(into, "claims", file);
      continue;
    }
    const source = await detectSource(file);
    if (source !== undefined) add(into, source, file);
    else if (file.endsWith(".json")) {
      into.problems.push(
        error(
          file,
          "",
          "",
          undefined,
          "a rankings-daily, models-list or inference-stats JSON file (could not tell which)",
        ),
      );
    } else into.unread.push(file);
  }
}

function add(into: Listing, source: string, file: string): void {
  into.groups.set(source, [...into.groups.get(source) ?? [], file]);
}

/** Step 2's order: the raw sources as the registry lists them, then claims, then the reference tables by name. */
function sourceOrder(source: string): string {
  const raw = [...RAW_SOURCES, ...OPTIONAL_SOURCES as readonly string[]]
    .indexOf(source);
  return raw >= 0 ? `0${raw}` : source === "claims" ? "1" : `2${source}`;
}

/**
 * Step 2: check each source's files through the one source dispatch
 * (`checkSource`, lib/loading/sources.ts): the raw files of a source
 * together, a reference table or claims file one by one.
 */
async function checkSources(
  groups: Map<string, string[]>,
): Promise<
  { problems: Problem[]; summaries: SourceSummary[]; absentFields: string[] }
> {
  const problems: Problem[] = [];
  const summaries: SourceSummary[] = [];
  const absentFields: string[] = [];
  const sorted = [...groups.entries()].sort(([a], [b]) =>
    sourceOrder(a).localeCompare(sourceOrder(b))
  );
  for (const [source, files] of sorted) {
    const together = source in SOURCE_LOADERS;
    for (const batch of together ? [files] : files.map((file) => [file])) {
      const check = await checkSource(
        source as Parameters<typeof checkSource>[0],
        batch,
      );
      problems.push(...check.problems);
      const { rows, models, dates } = check;
      summaries.push({
        source: together || source === "claims"
          ? source
          : `reference/${source}`,
        files: batch.length,
        rows,
        models,
        dates,
      });
      if (source === "openrouter-models" && check.loaded !== undefined) {
        const field = modelsBenchmarksField(check.loaded, rows);
        if (typeof field === "string") absentFields.push(field);
        else if (field !== null) summaries.push(field);
      }
    }
  }
  return { problems, summaries, absentFields };
}

/**
 * The models list's own `benchmarks` field: its summary line when some
 * snapshot carries scores, else the sentence saying none does (null for an
 * empty models list).
 */
function modelsBenchmarksField(
  loaded: Loaded,
  rows: number,
): SourceSummary | string | null {
  const scores = (loaded as Loaded & { benchmarks?: pl.DataFrame }).benchmarks;
  if (scores !== undefined && scores.height > 0) {
    return {
      source: "openrouter-models: benchmarks field",
      files: new Set(scores.getColumn("source_file").toArray()).size,
      rows: scores.height,
      models: distinct(scores, "id"),
      dates: dateRange(scores, "snapshot_date"),
    };
  }
  return rows > 0
    ? "the models list's benchmarks field (no saved snapshot carries it)"
    : null;
}

/**
 * Validate files and folders. Raw files of one source are loaded together,
 * so clashes between files (the same day with different values) are found too.
 *
 * A data folder (one holding `raw/`, `reference/` or `claims.csv`) is listed
 * by the source registry, exactly as the report and the notebooks list it;
 * other folders are searched for `.json` and `.csv` files. Then every
 * source is checked through the registry's one dispatch, and the problems
 * are put errors first.
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
  const listing: Listing = {
    groups: new Map(),
    problems: [],
    unread: [],
    absent: [],
  };
  for (const path of paths) {
    if (await isDataFolder(path)) await listData(path, listing);
    else await listLoose(path, listing);
  }
  const checked = await checkSources(listing.groups);
  const problems = [...listing.problems, ...checked.problems];
  // Errors first; the sort is stable, so file order stays within each.
  problems.sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1
  );
  return {
    problems,
    summaries: checked.summaries,
    unread: [...new Set(listing.unread)].sort(),
    ok: !problems.some((p) => p.severity === "error"),
    absent: listing.absent,
    absentFields: checked.absentFields,
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
