/**
 * `deno task fetch`'s work: bring a data folder up to date from OpenRouter's
 * Data API, requesting only what is missing, saving each response verbatim
 * under the name its loader reads, and summarising what changed.
 *
 * @module
 */
import { addDays, isCalendarDate } from "../base/dates.ts";
import { dateInFileName } from "../loading/input.ts";
import { FETCH_BUDGET_FILE, PARTIAL_MARK } from "../loading/sources.ts";
import { parseAppRankingsFile } from "../loading/app_rankings.ts";
import { parseModelsListFile } from "../loading/models_list.ts";
import { formatProblem, type Problem, showValue } from "../loading/problems.ts";
import { parseRankingsFile } from "../loading/rankings_daily.ts";
import { parseSessionCostFile } from "../loading/session_cost.ts";
import {
  CONTEXT_BUCKETS,
  parseRankingSegmentFile,
  RANKING_CATEGORIES,
  segmentSlug,
} from "../loading/rankings_segments.ts";
import {
  BENCHMARKS_FEED_SOURCE,
  parseBenchmarksFeedFile,
} from "../loading/benchmarks_feed.ts";
import { DailyBudget } from "./budget.ts";
import {
  type ApiResponse,
  AuthError,
  type ClientOptions,
  DAILY_REQUEST_LIMIT,
  DataApiClient,
  RequestError,
} from "./client.ts";
import {
  type DateWindow,
  DEFAULT_SPAN_DAYS,
  planRankingsWindows,
} from "./plan.ts";
import {
  commitFiles,
  discardFiles,
  type PendingFile,
  removeStalePartials,
  type SavedFile,
  stageFile,
  UnsafeNameError,
} from "./save.ts";

/** The datasets `deno task fetch` knows, by their `--datasets` names. */
export const DATASETS = [
  "rankings-daily",
  "models",
  "app-rankings",
  "session-cost",
  "benchmarks",
  "rankings-by-category",
  "rankings-by-context",
] as const;
/** One of {@linkcode DATASETS}. */
export type Dataset = typeof DATASETS[number];
/**
 * The datasets fetched when `--datasets` is not given: all but the two
 * rankings-daily splits, which cost 12 and 5 requests a window (one per
 * documented category or bucket) and are asked for by name.
 */
export const DEFAULT_DATASETS: readonly Dataset[] = DATASETS.filter((name) =>
  name !== "rankings-by-category" && name !== "rankings-by-context"
);

/**
 * Rows per app-rankings page and the largest offset asked: the documented
 * limits, "`limit` integer (1-100)" and "`offset` integer (0-100)"
 * (openrouter.ai/docs/cookbook/administration/data-api, "App Rankings"), so
 * pages at offsets 0 and 100, at most the top 200 apps.
 */
export const APP_RANKINGS_PAGE = { limit: 100, maxOffset: 100 } as const;
/** The days of the app-rankings window: 30 up to `until`, the API's default window. */
export const APP_RANKINGS_DAYS = 30;
/**
 * Rows per session-cost page and the largest offset: the documented limits,
 * "Maximum number of cells to return (1-500)" and "Number of sorted cells to
 * skip (0-5000)" (OpenRouter API reference, "Cost per session by harness and
 * model").
 */
export const SESSION_COST_PAGE = { limit: 500, maxOffset: 5000 } as const;
/**
 * The largest body accepted per dataset, in MB, counted on the bytes received
 * and again after gzip/br decoding (`--max-body-mb` replaces them all). Each
 * is over ten times the largest answer the documented limits allow: a
 * 366-day rankings-daily window (at most 51 rows a day) is about 2.5 MB, the
 * models list about 0.5 MB, a page of 100 apps or 500 session-cost cells
 * about 0.1 MB.
 */
export const MAX_BODY_MB: Record<Dataset, number> = {
  "rankings-daily": 32,
  "models": 32,
  "app-rankings": 4,
  "session-cost": 8,
  "benchmarks": 8,
  "rankings-by-category": 8,
  "rankings-by-context": 8,
};
/** Session-cost is refreshed weekly: a saved window ending this many days before `until` or later is current. */
export const SESSION_COST_FRESH_DAYS = 7;

/** What to fetch and how. */
export interface FetchOptions {
  /** The data folder; responses go to `DATA/raw/<source>/`. */
  dataDir: string;
  /** First rankings day wanted; default: the first saved day, or 29 days before `until`. */
  since?: string | null;
  /** Last rankings day wanted; default: the most recent completed UTC day. */
  until?: string | null;
  /** The datasets to fetch (default all of {@linkcode DATASETS}). */
  datasets?: readonly Dataset[];
  /** Only print the requests that would be made. */
  dryRun?: boolean;
  /** The current time (default: the clock); names the models-list snapshot. */
  now?: Date;
  /** Client settings: base URL, key, pacing, retries, progress lines. */
  client: ClientOptions;
  /** Longest rankings window in days (default `MAX_WINDOW_DAYS` of plan.ts: 366, the documented maximum). */
  maxWindowDays?: number;
  /** Last days re-requested (default `RECHECK_DAYS`). */
  recheckDays?: number;
  /** The body limit in MB for every dataset, replacing {@linkcode MAX_BODY_MB}. */
  maxBodyMb?: number;
  /** Requests allowed per UTC day and account key, shared by the day's runs (default {@linkcode DAILY_REQUEST_LIMIT}). */
  dailyRequestLimit?: number;
}

/** The body limit for `dataset`'s requests, in bytes. */
function bodyLimit(options: FetchOptions, dataset: Dataset): number {
  return (options.maxBodyMb ?? MAX_BODY_MB[dataset]) * 1024 * 1024;
}

/** What a run did, for the summary. */
export interface FetchSummary {
  /** Files written (paths). */
  written: string[];
  /** Rankings days that no saved file had before. */
  daysAdded: string[];
  /** Rankings days whose figures OpenRouter restated (saved as a new file). */
  restated: string[];
  /** Requests the run made, retries included (0 for a dry run). */
  requests: number;
  /** The requests a dry run would make (first page only for paged datasets). */
  planned: string[];
  /** One line per dataset step that failed; the run still did the others. */
  failures: string[];
  /** Notes: what was skipped and why. */
  notes: string[];
  /** Today's requests with this key, when any was counted, e.g. `requests today (2026-06-23 UTC) with this key: 6 of 500, counted in …`. */
  budget?: string;
}

/** Whether `cause` is a file-system error (`Deno.errors.*`): a folder that cannot be written, a name taken. */
function isFileSystemError(cause: unknown): boolean {
  return Object.values(Deno.errors).some((kind) => cause instanceof kind);
}

/**
 * A response refused before anything is saved: one problem line naming the
 * request, the field, the value and what was expected.
 */
function refusal(
  request: string,
  problems: readonly { field: string; value: unknown; expected: string }[],
): RequestError {
  const lines = problems.slice(0, 10).map((p) =>
    formatProblem({
      severity: "error",
      file: `GET ${request}`,
      record: "",
      field: p.field,
      value: showValue(p.value),
      expected: p.expected,
    })
  );
  const more = problems.length > 10
    ? `\n… and ${problems.length - 10} more`
    : "";
  return new RequestError(
    `GET ${request}: the response has ${problems.length} problem(s), nothing saved:\n${
      lines.join("\n")
    }${more}`,
  );
}

/**
 * The problems of a response whose `meta.start_date` / `meta.end_date` do not
 * echo the requested dates (the API echoes the resolved window in them).
 */
function echoProblems(
  meta: Record<string, unknown>,
  requested: { start_date: string; end_date: string },
): { field: string; value: unknown; expected: string }[] {
  const out = [];
  for (const field of ["start_date", "end_date"] as const) {
    if (meta[field] !== requested[field]) {
      out.push({
        field: `meta.${field}`,
        value: meta[field],
        expected: `${JSON.stringify(requested[field])}, the requested ${field}`,
      });
    }
  }
  return out;
}

/** A planned window's dates, checked to be calendar dates before any name is built from them. */
function requestedWindow(window: DateWindow): { start: string; end: string } {
  if (!isCalendarDate(window.start) || !isCalendarDate(window.end)) {
    throw new RangeError(
      `Cannot request ${window.start} … ${window.end}: expected calendar dates YYYY-MM-DD`,
    );
  }
  return window;
}

/** The most recent completed UTC day before `now`. */
function lastCompleteDay(now: Date): string {
  return addDays(now.toISOString().slice(0, 10), -1);
}

/** `as_of` made safe for a file name: `2026-07-01T02:00:00Z` → `20260701T020000Z`. */
function asOfTag(meta: Record<string, unknown>): string {
  const asOf = typeof meta.as_of === "string" ? meta.as_of : "unknown";
  return asOf.replace(/[^0-9A-Za-z]/g, "").slice(0, 24) || "unknown";
}

async function listJson(dir: string): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isFile && entry.name.endsWith(".json")) {
        out.push(`${dir}/${entry.name}`);
      }
    }
  } catch (cause) {
    if (!(cause instanceof Deno.errors.NotFound)) throw cause;
  }
  return out.sort();
}

/**
 * Stage the responses, check them with `check`, and save them all or none.
 * Problems from `check` that are errors stop the save.
 */
async function saveChecked(
  files: PendingFile[],
  check: (staged: string) => Promise<Problem[]>,
): Promise<{ saved: SavedFile[]; errors: Problem[] }> {
  const staged: string[] = [];
  try {
    for (const file of files) staged.push(await stageFile(file));
    const errors: Problem[] = [];
    for (const [i, path] of staged.entries()) {
      // a problem names the request (or the name to be saved), never the
      // temporary file, which is gone when the message is read
      const file = files[i];
      const label = file.request === undefined
        ? `the answer to be saved as ${file.name}`
        : `GET ${file.request}`;
      errors.push(
        ...(await check(path)).filter((p) => p.severity === "error").map((
          p,
        ) => p.file === path ? { ...p, file: label } : p),
      );
    }
    if (errors.length > 0) {
      await discardFiles(staged);
      return { saved: [], errors };
    }
    const saved = await commitFiles(
      files.map((file, i) => ({ file, staged: staged[i] })),
    );
    return { saved, errors: [] };
  } catch (cause) {
    await discardFiles(staged);
    throw cause;
  }
}

/**
 * Bring `dataDir` up to date from the Data API. Rankings-daily: only the days
 * the saved files do not cover between `since` and `until`, in as few
 * windows as allowed, plus the last few days again; a re-checked window that
 * brings nothing new is not saved, one that restates a day is saved as a new
 * file (named with its `as_of` when the plain name is taken). Models list: at
 * most one snapshot per UTC day. App-rankings: the 30 days up to `until`,
 * once per window. Session-cost: when no saved window is a week old or newer.
 * Paged datasets are saved only when every page arrived.
 *
 * @param options What to fetch; see {@linkcode FetchOptions}.
 * @returns What was written, added and restated, and the requests made.
 * @throws {AuthError} On 401/403: nothing more is requested.
 * @throws {RangeError} When `since` is after `until`.
 *
 * @example A dry run makes no request
 * ```ts
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const summary = await fetchData({
 *   dataDir: dir, since: "2026-06-01", until: "2026-06-30", dryRun: true,
 *   datasets: ["rankings-daily"], client: { baseUrl: "http://127.0.0.1:9", apiKey: "" },
 * });
 * assert.deepEqual(summary.planned, ["GET /datasets/rankings-daily?start_date=2026-06-01&end_date=2026-06-30"]);
 * assert.equal(summary.requests, 0);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function fetchData(options: FetchOptions): Promise<FetchSummary> {
  const now = options.now ?? new Date();
  const until = options.until ?? lastCompleteDay(now);
  const datasets = options.datasets ?? DEFAULT_DATASETS;
  const log = options.client.log ?? (() => {});
  const budget = options.dryRun ? undefined : new DailyBudget(
    options.dataDir,
    options.client.apiKey,
    options.dailyRequestLimit ?? DAILY_REQUEST_LIMIT,
    () => options.now ?? new Date(),
  );
  const client = new DataApiClient({
    ...options.client,
    beforeRequest: (request) => budget?.take(request),
  });
  const summary: FetchSummary = {
    written: [],
    daysAdded: [],
    restated: [],
    requests: 0,
    planned: [],
    failures: [],
    notes: [],
  };
  const raw = `${options.dataDir}/raw`;
  const folders: Record<Dataset, string> = {
    "rankings-daily": `${raw}/rankings-daily`,
    "models": `${raw}/openrouter-models`,
    "app-rankings": `${raw}/app-rankings`,
    "session-cost": `${raw}/session-cost`,
    "benchmarks": `${raw}/openrouter-benchmarks`,
    "rankings-by-category": `${raw}/rankings-by-category`,
    "rankings-by-context": `${raw}/rankings-by-context`,
  };
  const steps: Record<Dataset, () => Promise<void>> = {
    "rankings-daily": () =>
      fetchRankings(client, options, until, folders["rankings-daily"], summary),
    "models": () => fetchModels(client, options, now, folders.models, summary),
    "app-rankings": () =>
      fetchAppRankings(
        client,
        options,
        until,
        folders["app-rankings"],
        summary,
      ),
    "session-cost": () =>
      fetchSessionCost(
        client,
        options,
        until,
        folders["session-cost"],
        summary,
      ),
    "benchmarks": () =>
      fetchBenchmarks(client, options, now, folders.benchmarks, summary),
    "rankings-by-category": () =>
      fetchSegments(
        client,
        options,
        until,
        "category",
        folders["rankings-by-category"],
        summary,
      ),
    "rankings-by-context": () =>
      fetchSegments(
        client,
        options,
        until,
        "context_bucket",
        folders["rankings-by-context"],
        summary,
      ),
  };
  try {
    if (!options.dryRun) {
      // the budget file's own temporary copy, left by a run killed mid-write
      const budgetFile = `${FETCH_BUDGET_FILE}${PARTIAL_MARK}`;
      try {
        for (
          const path of await removeStalePartials(options.dataDir, budgetFile)
        ) {
          summary.notes.push(
            `removed ${path}, a temporary file an interrupted run left`,
          );
        }
      } catch (cause) {
        if (!isFileSystemError(cause)) throw cause;
      }
    }
    for (const dataset of DATASETS) {
      if (!datasets.includes(dataset)) continue;
      try {
        if (!options.dryRun) {
          for (const path of await removeStalePartials(folders[dataset])) {
            summary.notes.push(
              `${dataset}: removed ${path}, a temporary file an interrupted run left`,
            );
          }
        }
        await steps[dataset]();
      } catch (cause) {
        if (cause instanceof RequestError || cause instanceof UnsafeNameError) {
          summary.failures.push(`${dataset}: ${cause.message}`);
          log(`${dataset}: nothing saved from the failed request`);
        } else if (isFileSystemError(cause)) {
          summary.failures.push(
            `${dataset}: cannot save under ${raw}: ${(cause as Error).message}`,
          );
          log(`${dataset}: nothing saved`);
        } else throw cause;
      }
    }
  } finally {
    summary.requests = client.requests;
    if (budget !== undefined && client.requests > 0) {
      summary.budget = budget.describe();
    }
  }
  return summary;
}

/** What the saved rankings files hold: days, figures, and days carried by a file without `as_of`. */
interface SavedRankings {
  days: Set<string>;
  tokens: Map<string, number>;
  undated: Set<string>;
}

async function fetchRankings(
  client: DataApiClient,
  options: FetchOptions,
  until: string,
  dir: string,
  summary: FetchSummary,
): Promise<void> {
  const saved: SavedRankings = {
    days: new Set(),
    tokens: new Map(),
    undated: new Set(),
  };
  for (const file of await listJson(dir)) {
    const parsed = await parseRankingsFile(file);
    for (const row of parsed.rows) {
      saved.days.add(row.date);
      saved.tokens.set(`${row.date}|${row.permaslug}`, row.tokens);
      if (parsed.meta.as_of === null) saved.undated.add(row.date);
    }
  }
  const since = options.since ??
    ([...saved.days].sort()[0] ?? addDays(until, 1 - DEFAULT_SPAN_DAYS));
  const plan = planRankingsWindows(saved.days, { since, until }, {
    maxWindowDays: options.maxWindowDays,
    recheckDays: options.recheckDays,
  });
  if (plan.windows.length === 0) {
    summary.notes.push(`rankings-daily: ${since} … ${until} already saved`);
  }
  for (const window of plan.windows) {
    const params = { start_date: window.start, end_date: window.end };
    if (options.dryRun) {
      summary.planned.push(
        plannedGet(client, "/datasets/rankings-daily", params),
      );
      continue;
    }
    const response = await client.get("/datasets/rankings-daily", params, {
      maxBodyBytes: bodyLimit(options, "rankings-daily"),
    });
    const missing = plan.missing.filter((d) =>
      d >= window.start && d <= window.end
    );
    await saveRankingsWindow(response, window, missing, dir, saved, summary);
  }
}

async function saveRankingsWindow(
  response: ApiResponse,
  window: DateWindow,
  missing: readonly string[],
  dir: string,
  saved: SavedRankings,
  summary: FetchSummary,
): Promise<void> {
  // The name comes from the request, never from the response: the window's
  // dates are validated calendar dates, and the answer must echo them.
  const { start, end } = requestedWindow(window);
  const refused = echoProblems(response.meta, {
    start_date: start,
    end_date: end,
  });
  response.data.forEach((row, i) => {
    const date = (row as { date?: unknown } | null)?.date;
    if (typeof date === "string" && (date < start || date > end)) {
      refused.push({
        field: `data[${i}].date`,
        value: date,
        expected: `a day in the requested window ${start} … ${end}`,
      });
    }
  });
  if (refused.length > 0) throw refusal(response.request, refused);
  const file: PendingFile = {
    dir,
    name: `${start}_${end}.json`,
    alternative: `${start}_${end}.as-of-${asOfTag(response.meta)}.json`,
    text: response.text,
  };
  const staged = await stageFile(file);
  try {
    const parsed = await parseRankingsFile(staged);
    const errors = parsed.problems.filter((p) => p.severity === "error");
    if (errors.length > 0) {
      throw new RequestError(
        `GET ${response.request}: the response has ${errors.length} problem(s), nothing saved:\n${
          errors.slice(0, 10).map((p) =>
            formatProblem({ ...p, file: `GET ${response.request}` })
          )
            .join("\n")
        }`,
      );
    }
    const added = [
      ...new Set(
        parsed.rows.map((r) => r.date).filter((d) => !saved.days.has(d)),
      ),
    ].sort();
    const restated = [
      ...new Set(
        parsed.rows.filter((r) => {
          const before = saved.tokens.get(`${r.date}|${r.permaslug}`);
          return before !== undefined && before !== r.tokens;
        }).map((r) => r.date),
      ),
    ].sort();
    const answered = new Set(parsed.rows.map((r) => r.date));
    const stillMissing = missing.filter((d) => !answered.has(d));
    if (stillMissing.length > 0) {
      summary.failures.push(
        `rankings-daily: GET ${response.request}: the answer has no row for ${stillMissing.length} requested day(s) not saved before (${
          stillMissing.length === 1
            ? stillMissing[0]
            : `${stillMissing[0]} … ${stillMissing.at(-1)}`
        }); they are still missing`,
      );
    }
    if (added.length === 0 && restated.length === 0) {
      if (stillMissing.length === 0) {
        summary.notes.push(
          `rankings-daily ${window.start} … ${window.end}: re-checked, unchanged`,
        );
      }
      await discardFiles([staged]);
      return;
    }
    const [result] = await commitFiles([{ file, staged }]);
    if (result.status === "written") summary.written.push(result.path);
    summary.daysAdded.push(...added);
    summary.restated.push(...restated);
    for (const day of restated.filter((d) => saved.undated.has(d))) {
      summary.notes.push(
        `rankings-daily ${day} is restated, but a saved file carrying it has no meta.as_of, so the loaders cannot tell which is newer: deno task validate reports the day until one of the files is moved out of raw/`,
      );
    }
    for (const row of parsed.rows) {
      saved.days.add(row.date);
      saved.tokens.set(`${row.date}|${row.permaslug}`, row.tokens);
    }
  } finally {
    await discardFiles([staged]);
  }
}

async function fetchModels(
  client: DataApiClient,
  options: FetchOptions,
  now: Date,
  dir: string,
  summary: FetchSummary,
): Promise<void> {
  const today = now.toISOString().slice(0, 10);
  const existing = (await listJson(dir)).filter((f) =>
    dateInFileName(f) === today
  );
  if (existing.length > 0) {
    summary.notes.push(`models: today's snapshot is saved (${existing[0]})`);
    return;
  }
  if (options.dryRun) {
    summary.planned.push("GET /models");
    return;
  }
  const response = await client.get("/models", {}, {
    maxBodyBytes: bodyLimit(options, "models"),
  });
  const file: PendingFile = {
    dir,
    name: `${today}.models.json`,
    alternative: `${today}.as-of-${
      now.toISOString().replace(/[^0-9A-Za-z]/g, "")
    }.models.json`,
    text: response.text,
    request: response.request,
  };
  await saveOrFail(
    `GET ${response.request}`,
    [file],
    parseModelsListFile,
    summary,
  );
}

/** Save files checked by a loader's parse function; a response with errors is not saved. */
async function saveOrFail(
  request: string,
  files: PendingFile[],
  parse: (file: string) => Promise<{ problems: Problem[] }>,
  summary: FetchSummary,
): Promise<void> {
  const { saved, errors } = await saveChecked(
    files,
    async (staged) => (await parse(staged)).problems,
  );
  if (errors.length > 0) {
    throw new RequestError(
      `${request}: the response has ${errors.length} problem(s), nothing saved:\n${
        errors.slice(0, 10).map(formatProblem).join("\n")
      }`,
    );
  }
  for (const file of saved) {
    if (file.status === "written") summary.written.push(file.path);
    else summary.notes.push(`${file.path}: unchanged`);
  }
}

/**
 * The benchmarks answer's `max_results`: the documented maximum,
 * "`max_results` integer (1–100)" (openrouter.ai/docs/cookbook/administration/data-api,
 * "Benchmarks"). The endpoint documents no offset, so 100 models is all one
 * request can have; a full answer is noted.
 */
export const BENCHMARKS_MAX_RESULTS = 100;

async function fetchBenchmarks(
  client: DataApiClient,
  options: FetchOptions,
  now: Date,
  dir: string,
  summary: FetchSummary,
): Promise<void> {
  const today = now.toISOString().slice(0, 10);
  const existing = (await listJson(dir)).filter((f) =>
    dateInFileName(f) === today
  );
  if (existing.length > 0) {
    summary.notes.push(
      `benchmarks: today's snapshot is saved (${existing[0]})`,
    );
    return;
  }
  const params = {
    source: BENCHMARKS_FEED_SOURCE,
    max_results: BENCHMARKS_MAX_RESULTS,
  };
  if (options.dryRun) {
    summary.planned.push(plannedGet(client, "/benchmarks", params));
    return;
  }
  const response = await client.get("/benchmarks", params, {
    maxBodyBytes: bodyLimit(options, "benchmarks"),
  });
  if (response.meta.source !== BENCHMARKS_FEED_SOURCE) {
    throw refusal(response.request, [{
      field: "meta.source",
      value: response.meta.source,
      expected: `"${BENCHMARKS_FEED_SOURCE}", the requested source`,
    }]);
  }
  if (response.data.length >= BENCHMARKS_MAX_RESULTS) {
    summary.notes.push(
      `benchmarks: the answer holds ${response.data.length} models, the most one request returns (max_results ${BENCHMARKS_MAX_RESULTS}); models past them are not saved`,
    );
  }
  const file: PendingFile = {
    dir,
    name: `${today}.${BENCHMARKS_FEED_SOURCE}.json`,
    alternative: `${today}.as-of-${
      asOfTag(response.meta)
    }.${BENCHMARKS_FEED_SOURCE}.json`,
    text: response.text,
    request: response.request,
  };
  await saveOrFail(
    `GET ${response.request}`,
    [file],
    parseBenchmarksFeedFile,
    summary,
  );
}

/**
 * rankings-daily split by every documented `category` (or `context_bucket`),
 * weekly (`period=week`: "With category or language_type only week (default)
 * and month are available — day is rejected with a 400"), for the 30 days up
 * to `until`, once per window; saved all or none, since shares between
 * segments need every segment of the window.
 */
async function fetchSegments(
  client: DataApiClient,
  options: FetchOptions,
  until: string,
  kind: "category" | "context_bucket",
  dir: string,
  summary: FetchSummary,
): Promise<void> {
  const dataset = kind === "category"
    ? "rankings-by-category"
    : "rankings-by-context";
  const segments: readonly string[] = kind === "category"
    ? RANKING_CATEGORIES
    : CONTEXT_BUCKETS;
  const prefix = kind === "category" ? "category" : "context";
  const start = addDays(until, 1 - APP_RANKINGS_DAYS);
  const nameOf = (segment: string) =>
    `${start}_${until}.${prefix}-${segmentSlug(segment)}`;
  const saved = await listJson(dir);
  if (
    segments.every((s) => saved.some((f) => f.endsWith(`/${nameOf(s)}.json`)))
  ) {
    summary.notes.push(`${dataset}: ${start} … ${until} already saved`);
    return;
  }
  const params = (segment: string) => ({
    start_date: start,
    end_date: until,
    [kind]: segment,
    period: "week",
  });
  if (options.dryRun) {
    for (const segment of segments) {
      summary.planned.push(
        plannedGet(client, "/datasets/rankings-daily", params(segment)),
      );
    }
    return;
  }
  const files: PendingFile[] = [];
  for (const segment of segments) {
    const response = await client.get(
      "/datasets/rankings-daily",
      params(segment),
      { maxBodyBytes: bodyLimit(options, dataset) },
    );
    const refused = echoProblems(response.meta, {
      start_date: start,
      end_date: until,
    });
    if (refused.length > 0) throw refusal(response.request, refused);
    files.push({
      dir,
      name: `${nameOf(segment)}.json`,
      alternative: `${nameOf(segment)}.as-of-${asOfTag(response.meta)}.json`,
      text: response.text,
      request: response.request,
    });
  }
  await saveOrFail(
    `GET /datasets/rankings-daily?${kind}=…`,
    files,
    parseRankingSegmentFile,
    summary,
  );
}

/** A dry run's line for a GET: the path and query, without the base URL. */
function plannedGet(
  client: DataApiClient,
  path: string,
  params: Record<string, string | number>,
): string {
  return `GET ${client.url(path, params).slice(client.url("").length)}`;
}

/**
 * GET a paged dataset: offsets 0, `limit`, 2 × `limit`, … for at most
 * `maxPages` pages, stopping after the first page shorter than `limit`.
 */
async function getPages(
  client: DataApiClient,
  path: string,
  params: (offset: number) => Record<string, string | number>,
  limit: number,
  maxPages: number,
  maxBodyBytes: number,
): Promise<ApiResponse[]> {
  const pages: ApiResponse[] = [];
  for (let page = 0; page < maxPages; page++) {
    const response = await client.get(path, params(page * limit), {
      maxBodyBytes,
    });
    pages.push(response);
    if (response.data.length < limit) break;
  }
  return pages;
}

async function fetchAppRankings(
  client: DataApiClient,
  options: FetchOptions,
  until: string,
  dir: string,
  summary: FetchSummary,
): Promise<void> {
  const start = addDays(until, 1 - APP_RANKINGS_DAYS);
  const first = `${start}_${until}.popular.offset-0.json`;
  if ((await listJson(dir)).some((f) => f.endsWith(`/${first}`))) {
    summary.notes.push(`app-rankings: ${start} … ${until} already saved`);
    return;
  }
  const params = (offset: number) => ({
    sort: "popular",
    start_date: start,
    end_date: until,
    limit: APP_RANKINGS_PAGE.limit,
    offset,
  });
  if (options.dryRun) {
    summary.planned.push(
      plannedGet(client, "/datasets/app-rankings", params(0)),
    );
    return;
  }
  const pages = await getPages(
    client,
    "/datasets/app-rankings",
    params,
    APP_RANKINGS_PAGE.limit,
    APP_RANKINGS_PAGE.maxOffset / APP_RANKINGS_PAGE.limit + 1,
    bodyLimit(options, "app-rankings"),
  );
  if (pages.at(-1)!.data.length === APP_RANKINGS_PAGE.limit) {
    summary.notes.push(
      `app-rankings: the top ${
        pages.length * APP_RANKINGS_PAGE.limit
      } apps saved; the API pages no further (offset at most ${APP_RANKINGS_PAGE.maxOffset})`,
    );
  }
  for (const response of pages) {
    const refused = echoProblems(response.meta, {
      start_date: start,
      end_date: until,
    });
    if (refused.length > 0) throw refusal(response.request, refused);
  }
  const files: PendingFile[] = pages.map((response, page) => {
    const offset = page * APP_RANKINGS_PAGE.limit;
    return {
      dir,
      name: `${start}_${until}.popular.offset-${offset}.json`,
      alternative: `${start}_${until}.popular.offset-${offset}.as-of-${
        asOfTag(response.meta)
      }.json`,
      text: response.text,
      request: response.request,
    };
  });
  await saveOrFail(
    "GET /datasets/app-rankings",
    files,
    parseAppRankingsFile,
    summary,
  );
}

async function fetchSessionCost(
  client: DataApiClient,
  options: FetchOptions,
  until: string,
  dir: string,
  summary: FetchSummary,
): Promise<void> {
  const fresh = addDays(until, -SESSION_COST_FRESH_DAYS);
  const current = (await listJson(dir)).filter((f) =>
    (dateInFileName(f) ?? "") >= fresh
  );
  if (current.length > 0) {
    summary.notes.push(
      `session-cost: a window ending ${
        dateInFileName(current.at(-1)!)
      } is saved (refreshed weekly)`,
    );
    return;
  }
  const params = (offset: number) => ({
    limit: SESSION_COST_PAGE.limit,
    offset,
  });
  if (options.dryRun) {
    summary.planned.push(
      plannedGet(client, "/datasets/session-cost", params(0)),
    );
    return;
  }
  const pages = await getPages(
    client,
    "/datasets/session-cost",
    params,
    SESSION_COST_PAGE.limit,
    SESSION_COST_PAGE.maxOffset / SESSION_COST_PAGE.limit + 1,
    bodyLimit(options, "session-cost"),
  );
  const end = pages[0].meta.window_end_date;
  if (end === null && pages.every((p) => p.meta.window_end_date === null)) {
    summary.notes.push(
      "session-cost: OpenRouter has published no snapshot (window_end_date is null); nothing saved",
    );
    return;
  }
  // session-cost takes no date in its request, so the saved name carries the
  // answer's window_end_date: only a calendar date, the same on every page.
  const refused = pages.flatMap((response) =>
    isCalendarDate(response.meta.window_end_date) &&
      response.meta.window_end_date === end
      ? []
      : [{
        request: response.request,
        field: "meta.window_end_date",
        value: response.meta.window_end_date,
        expected: isCalendarDate(end)
          ? `${JSON.stringify(end)}, the first page's window_end_date`
          : "a calendar date YYYY-MM-DD (or null when no snapshot is published)",
      }]
  );
  if (refused.length > 0 || !isCalendarDate(end)) {
    throw refusal(refused[0].request, refused);
  }
  const files = pages.map((response, i) => ({
    dir,
    name: `${end}.offset-${i * SESSION_COST_PAGE.limit}.json`,
    alternative: `${end}.offset-${i * SESSION_COST_PAGE.limit}.as-of-${
      asOfTag(response.meta)
    }.json`,
    text: response.text,
    request: response.request,
  }));
  await saveOrFail(
    "GET /datasets/session-cost",
    files,
    parseSessionCostFile,
    summary,
  );
}

/**
 * Render a run's summary: files written, days added, restatements,
 * requests used, and every failure.
 *
 * @param summary What {@linkcode fetchData} returned.
 * @returns Lines of text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const text = formatFetchSummary({ written: ["a.json"], daysAdded: ["2026-06-01"], restated: [], requests: 2, planned: [], failures: [], notes: [] });
 * assert.match(text, /1 file written, 1 day added \(2026-06-01\), 0 days restated, 2 requests used/);
 * ```
 */
export function formatFetchSummary(summary: FetchSummary): string {
  const plural = (n: number, word: string) =>
    `${n} ${word}${n === 1 ? "" : "s"}`;
  const span = (days: string[]) =>
    days.length === 0
      ? ""
      : days.length === 1
      ? ` (${days[0]})`
      : ` (${[...days].sort()[0]} … ${[...days].sort().at(-1)})`;
  const lines = [
    ...summary.notes.map((note) => `note: ${note}`),
    ...summary.written.map((path) => `wrote ${path}`),
    ...summary.restated.map((day) =>
      `restated: ${day} (the file with the later meta.as_of is used; see deno task validate)`
    ),
    ...summary.failures.map((failure) => `failed: ${failure}`),
    ...(summary.budget === undefined ? [] : [summary.budget]),
    `${plural(summary.written.length, "file")} written, ${
      plural(summary.daysAdded.length, "day")
    } added${span(summary.daysAdded)}, ${
      plural(summary.restated.length, "day")
    } restated, ${plural(summary.requests, "request")} used`,
  ];
  return lines.join("\n");
}

export { AuthError, RequestError };
