/**
 * What `out/notebooks/DATA.txt` records about the data the notebooks ran on
 * (the data folder, the `--as-of` day, the rankings-daily period), and
 * whether that run is the one a report describes: the gallery marks, and
 * does not link, notebooks that ran on other data than the report.
 *
 * @module
 */
import { join } from "node:path";

/** The file in `out/notebooks/` that records the data the notebooks ran on. */
export const DATA_RECORD = "DATA.txt";

/** What a notebooks run recorded. */
export interface NotebookRun {
  /** The data folder, as recorded (first line). */
  data: string;
  /** The `--as-of` day, or null for all data. */
  as_of: string | null;
  /** First and last day of the rankings-daily files, or null when none. */
  rankings: [string, string] | null;
}

const DAY = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})/;

/**
 * The days the rankings-daily files of a data folder cover, from their
 * names (`START_END….json`), cut at `asOf`: what a run on that folder sees,
 * without loading the data.
 *
 * @param dataDir The data folder.
 * @param asOf The day the data is cut at, or null.
 * @returns First and last day, or null when there is no file (or none up to `asOf`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(await rankingsPeriodOfFiles("data", null), ["2026-05-24", "2026-06-22"]);
 * assert.deepEqual(await rankingsPeriodOfFiles("data", "2026-06-07"), ["2026-05-24", "2026-06-07"]);
 * ```
 */
export async function rankingsPeriodOfFiles(
  dataDir: string,
  asOf: string | null,
): Promise<[string, string] | null> {
  let first: string | null = null;
  let last: string | null = null;
  try {
    for await (
      const entry of Deno.readDir(join(dataDir, "raw/rankings-daily"))
    ) {
      const match = entry.isFile && entry.name.endsWith(".json")
        ? entry.name.match(DAY)
        : null;
      if (match === null) continue;
      const [, start, end] = match;
      if (asOf !== null && start > asOf) continue;
      const cut = asOf !== null && end > asOf ? asOf : end;
      if (first === null || start < first) first = start;
      if (last === null || cut > last) last = cut;
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return first === null || last === null ? null : [first, last];
}

/**
 * The text of `DATA.txt`: the data folder; `as of DAY` when cut; and
 * `rankings-daily FIRST … LAST` when the folder has rankings files.
 *
 * @param run What to record.
 * @returns The file's text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(dataRecordText({ data: "data", as_of: null, rankings: ["2026-05-24", "2026-06-22"] }),
 *   "data\nrankings-daily 2026-05-24 … 2026-06-22\n");
 * assert.deepEqual(parseDataRecord("data\nas of 2026-06-07\n"), { data: "data", as_of: "2026-06-07", rankings: null });
 * ```
 */
export function dataRecordText(run: NotebookRun): string {
  return [
    run.data,
    ...(run.as_of === null ? [] : [`as of ${run.as_of}`]),
    ...(run.rankings === null
      ? []
      : [`rankings-daily ${run.rankings[0]} … ${run.rankings[1]}`]),
  ].map((line) => `${line}\n`).join("");
}

/**
 * Read a `DATA.txt` written by {@linkcode dataRecordText}.
 *
 * @param text The file's text.
 * @returns What it records.
 */
export function parseDataRecord(text: string): NotebookRun {
  const lines = text.split("\n").filter((line) => line !== "");
  const asOf = lines.find((line) => line.startsWith("as of "));
  const rankings = lines.find((line) => line.startsWith("rankings-daily "))
    ?.slice("rankings-daily ".length).split(" … ");
  return {
    data: lines[0] ?? "",
    as_of: asOf === undefined ? null : asOf.slice("as of ".length),
    rankings: rankings?.length === 2 ? [rankings[0], rankings[1]] : null,
  };
}

/** Whether the notebooks in an output folder ran on the data a report describes. */
export interface NotebookFreshness {
  /** True when they ran on the same rankings period and `--as-of` day. */
  current: boolean;
  /** Why not, in a few words (empty when current). */
  reason: string;
}

/**
 * Compare the notebooks' recorded run with the report's data.
 *
 * @param run The notebooks' record, or null when there is none.
 * @param report The report's rankings period and `--as-of` day.
 * @returns Whether they are current, and why not.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const report = { rankings: ["2026-05-24", "2026-08-22"] as [string, string], as_of: null };
 * assert.deepEqual(notebookFreshness({ data: "data", as_of: null, rankings: ["2026-05-24", "2026-06-22"] }, report),
 *   { current: false, reason: "ran on rankings 2026-05-24 … 2026-06-22; the report is on 2026-05-24 … 2026-08-22" });
 * assert.equal(notebookFreshness({ data: "data", as_of: null, rankings: report.rankings }, report).current, true);
 * ```
 */
export function notebookFreshness(
  run: NotebookRun | null,
  report: { rankings: [string, string] | null; as_of: string | null },
): NotebookFreshness {
  const period = (p: [string, string] | null) =>
    p === null ? "no rankings" : `${p[0]} … ${p[1]}`;
  if (run === null) {
    return {
      current: false,
      reason: "no record of the data they ran on",
    };
  }
  if (period(run.rankings) !== period(report.rankings)) {
    return {
      current: false,
      reason: `ran on rankings ${period(run.rankings)}; the report is on ${
        period(report.rankings)
      }`,
    };
  }
  if (run.as_of !== report.as_of) {
    return {
      current: false,
      reason: `ran as of ${run.as_of ?? "all data"}; the report as of ${
        report.as_of ?? "all data"
      }`,
    };
  }
  return { current: true, reason: "" };
}

/**
 * Read an output folder's `notebooks/DATA.txt`.
 *
 * @param outDir The output folder.
 * @returns The record, or null when there is none.
 */
export async function readNotebookRun(
  outDir: string,
): Promise<NotebookRun | null> {
  try {
    return parseDataRecord(
      await Deno.readTextFile(join(outDir, "notebooks", DATA_RECORD)),
    );
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}
