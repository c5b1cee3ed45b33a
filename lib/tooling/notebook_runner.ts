/**
 * Execute the project's notebooks headless through Jupyter with the Deno
 * kernel, and write executed copies and HTML renderings.
 *
 * The pure parts (argument parsing, command lines, reading nbconvert's
 * error output) are exported separately so they can be tested without
 * Jupyter; {@linkcode runNotebooks} ties them together.
 *
 * Why a run failed is read in `notebook_errors.ts`, the HTML renderings are
 * made safe in `notebook_sanitise.ts`; both are re-exported here.
 *
 * @module
 */

import { basename, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeOutputDir } from "./output_dir.ts";
import {
  type NotebookCell,
  NotebookExecutionError,
  parseExecutionError,
  stripAnsi,
} from "./notebook_errors.ts";
import {
  disarmNotebookOutputs,
  withScriptsForbidden,
} from "./notebook_sanitise.ts";
import { isCalendarDate } from "../base/dates.ts";
import {
  DATA_RECORD,
  dataRecordText,
  rankingsPeriodOfFiles,
} from "./notebook_record.ts";

export {
  type CellFailure,
  formatCellFailure,
  type NotebookCell,
  NotebookExecutionError,
  parseExecutionError,
  stripAnsi,
} from "./notebook_errors.ts";
export {
  disarmNotebookOutputs,
  HTML_POLICY,
  withScriptsForbidden,
} from "./notebook_sanitise.ts";

/** Name of the environment variable that tells notebooks where the data folder is. */
export const DATA_ENV_VAR = "TOKENBOOK_DATA";

/**
 * Name of the environment variable that tells notebooks the day to cut the
 * data at (`YYYY-MM-DD`, like `report --as-of`); empty or unset means all data.
 */
export const AS_OF_ENV_VAR = "TOKENBOOK_AS_OF";

/** Jupyter kernel the notebooks run on, as registered by `deno jupyter --install`. */
export const DENO_KERNEL_NAME = "deno";

/**
 * The execute preprocessor used instead of nbconvert's own: it keeps outputs
 * that Deno's kernel publishes after reporting idle (see
 * `cli/jupyter/tokenbook_execute.py`), which nbconvert would otherwise drop.
 */
export const GRACE_PREPROCESSOR = "tokenbook_execute.GraceExecutePreprocessor";

/** The folder holding `tokenbook_execute.py`, put on PYTHONPATH for nbconvert. */
export const PREPROCESSOR_DIR =
  new URL("../../cli/jupyter", import.meta.url).pathname;

/** Seconds a single cell may run before it counts as failed. */
export const CELL_TIMEOUT_SECONDS = 120;

/** A program and its arguments, ready for `Deno.Command`. */
export interface CommandLine {
  /** The program to run. */
  command: string;
  /** Its arguments, unquoted. */
  args: string[];
}

/** Settings shared by the Jupyter command lines. */
export interface JupyterOptions {
  /** The `jupyter` program (default `"jupyter"`, found on PATH). */
  jupyter?: string;
  /** Kernel to execute with (default {@linkcode DENO_KERNEL_NAME}). */
  kernelName?: string;
  /** Seconds a cell may run (default {@linkcode CELL_TIMEOUT_SECONDS}). */
  timeoutSeconds?: number;
}

/**
 * Build the command line that executes one notebook and writes the executed
 * copy, under the same file name, into `outputDir`.
 *
 * @param notebook Path of the notebook, usually its file name with the notebooks folder as working directory.
 * @param outputDir Folder the executed copy is written to.
 * @param options Program, kernel and cell timeout.
 * @returns The `jupyter nbconvert --execute` command line.
 * @throws {RangeError} When the timeout is not a positive whole number of seconds.
 *
 * @example Execute with the Deno kernel
 * ```ts
 * import assert from "node:assert/strict";
 * const { command, args } = executeNotebookCommand("01_usage.ipynb", "/tmp/out");
 * assert.equal(command, "jupyter");
 * assert.deepEqual(args, [
 *   "nbconvert", "--to", "notebook",
 *   '--NotebookExporter.preprocessors=["tokenbook_execute.GraceExecutePreprocessor"]',
 *   "--GraceExecutePreprocessor.enabled=True",
 *   "--GraceExecutePreprocessor.kernel_name=deno",
 *   "--GraceExecutePreprocessor.timeout=120",
 *   "--output-dir=/tmp/out",
 *   "01_usage.ipynb",
 * ]);
 * ```
 */
export function executeNotebookCommand(
  notebook: string,
  outputDir: string,
  options: JupyterOptions = {},
): CommandLine {
  const timeoutSeconds = options.timeoutSeconds ?? CELL_TIMEOUT_SECONDS;
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new RangeError(
      `Cannot execute "${notebook}": timeoutSeconds is ${timeoutSeconds}, expected a positive whole number of seconds`,
    );
  }
  return {
    command: options.jupyter ?? "jupyter",
    args: [
      "nbconvert",
      "--to",
      "notebook",
      `--NotebookExporter.preprocessors=["${GRACE_PREPROCESSOR}"]`,
      "--GraceExecutePreprocessor.enabled=True",
      `--GraceExecutePreprocessor.kernel_name=${
        options.kernelName ?? DENO_KERNEL_NAME
      }`,
      `--GraceExecutePreprocessor.timeout=${timeoutSeconds}`,
      `--output-dir=${outputDir}`,
      notebook,
    ],
  };
}

/**
 * Build the command line that renders an (executed) notebook to HTML in
 * `outputDir`, without executing it again.
 *
 * @param notebook Path of the executed notebook.
 * @param outputDir Folder the `.html` file is written to.
 * @param options The `jupyter` program.
 * @returns The `jupyter nbconvert --to html` command line.
 * @throws Never.
 *
 * @example Render to HTML
 * ```ts
 * import assert from "node:assert/strict";
 * const { args } = htmlCommand("/tmp/out/01_usage.ipynb", "/tmp/out");
 * assert.deepEqual(args, ["nbconvert", "--to", "html", "--output-dir=/tmp/out", "/tmp/out/01_usage.ipynb"]);
 * ```
 */
export function htmlCommand(
  notebook: string,
  outputDir: string,
  options: Pick<JupyterOptions, "jupyter"> = {},
): CommandLine {
  return {
    command: options.jupyter ?? "jupyter",
    args: ["nbconvert", "--to", "html", `--output-dir=${outputDir}`, notebook],
  };
}

/** Progress of a {@linkcode runNotebooks} run, one event before and one after each notebook. */
export interface NotebookProgress {
  /** `start` before a notebook runs, `ok` or `failed` after. */
  status: "start" | "ok" | "failed";
  /** 1-based position of the notebook in the run. */
  index: number;
  /** Number of notebooks in the run. */
  total: number;
  /** File name of the notebook. */
  notebook: string;
  /** Wall-clock seconds the notebook took (execution and HTML); absent for `start`. */
  seconds?: number;
}

/**
 * Render progress the way `deno task notebooks` prints it: the `start` part
 * opens the line, the `ok`/`failed` part ends it.
 *
 * @param event A progress event.
 * @returns `"[2/5] 02_china_us_share.ipynb ... "` for `start`, `"ok (3.1 s)"` or `"failed (3.1 s)"` after.
 * @throws Never.
 *
 * @example One full line
 * ```ts
 * import assert from "node:assert/strict";
 * const start = formatProgress({ status: "start", index: 2, total: 5, notebook: "02_china_us_share.ipynb" });
 * const end = formatProgress({ status: "ok", index: 2, total: 5, notebook: "02_china_us_share.ipynb", seconds: 3.14 });
 * assert.equal(start + end, "[2/5] 02_china_us_share.ipynb ... ok (3.1 s)");
 * ```
 */
export function formatProgress(event: NotebookProgress): string {
  if (event.status === "start") {
    return `[${event.index}/${event.total}] ${event.notebook} ... `;
  }
  return `${event.status} (${(event.seconds ?? 0).toFixed(1)} s)`;
}

/**
 * List the notebooks in a folder: every `*.ipynb` file, sorted by name
 * (code point order, so `01_…` comes before `02_…`).
 *
 * @param notebooksDir The folder to list.
 * @returns File names, not paths; empty when the folder does not exist.
 * @throws {Deno.errors.PermissionDenied} When the folder cannot be read.
 *
 * @example Sorted, notebooks only
 * ```ts
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * for (const name of ["02_b.ipynb", "01_a.ipynb", "notes.md"]) await Deno.writeTextFile(`${dir}/${name}`, "{}");
 * assert.deepEqual(await listNotebooks(dir), ["01_a.ipynb", "02_b.ipynb"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function listNotebooks(notebooksDir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(notebooksDir)) {
      if (entry.isFile && entry.name.endsWith(".ipynb")) names.push(entry.name);
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  return names.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Tell whether Jupyter and the Deno kernel are installed, so notebooks can run.
 *
 * @param options The `jupyter` program and the kernel to look for.
 * @returns `null` when ready, else a sentence saying what is missing and how to install it.
 * @throws Never: a missing program is reported in the returned sentence.
 *
 * @example A missing program
 * ```ts
 * import assert from "node:assert/strict";
 * const reason = await jupyterMissing({ jupyter: "no-such-jupyter-program" });
 * assert.match(reason ?? "", /not installed/);
 * ```
 */
export async function jupyterMissing(
  options: Pick<JupyterOptions, "jupyter" | "kernelName"> = {},
): Promise<string | null> {
  const jupyter = options.jupyter ?? "jupyter";
  const kernelName = options.kernelName ?? DENO_KERNEL_NAME;
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(jupyter, {
      args: ["kernelspec", "list", "--json"],
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      return `"${jupyter}" is not installed: ${JUPYTER_INSTALL_HINT}`;
    }
    return `"${jupyter}" cannot be run: ${String(error)}`;
  }
  if (!output.success) {
    return `"${jupyter} kernelspec list" failed: ${
      new TextDecoder().decode(output.stderr).trim()
    }`;
  }
  let kernels: Record<string, unknown>;
  try {
    kernels = JSON.parse(new TextDecoder().decode(output.stdout)).kernelspecs;
  } catch {
    return `"${jupyter} kernelspec list --json" did not print JSON`;
  }
  if (
    typeof kernels !== "object" || kernels === null || !(kernelName in kernels)
  ) {
    return `the Jupyter kernel "${kernelName}" is not installed: run \`deno task setup\``;
  }
  return null;
}

const JUPYTER_INSTALL_HINT =
  "apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client python3-nbclient python3-ipykernel (or run .ci/run)";

export { DATA_RECORD } from "./notebook_record.ts";

/** Options of {@linkcode runNotebooks}. */
export interface RunNotebooksOptions extends JupyterOptions {
  /** Folder holding the notebooks; it is the working directory of every kernel. */
  notebooksDir: string;
  /** Data folder, passed to the notebooks as an absolute path in {@linkcode DATA_ENV_VAR}. */
  dataDir: string;
  /** Day to cut the data at, passed in {@linkcode AS_OF_ENV_VAR} (default null: all data, the variable set empty). */
  asOf?: string | null;
  /** Folder that receives the executed notebooks and HTML files, replaced whole (usually `out/notebooks`). */
  outputDir: string;
  /**
   * The output folder `outputDir` lies in (`out` for `out/notebooks`), whose
   * lock it takes so the report and the notebooks take turns (default:
   * `outputDir` itself; see `writeOutputDir`).
   */
  lockFolder?: string;
  /** File names inside `notebooksDir` to run, in this order (default: {@linkcode listNotebooks}). */
  notebooks?: string[];
  /** Called before and after each notebook. */
  onProgress?: (event: NotebookProgress) => void;
  /** How many notebooks run at once, each in its own kernel (default 1). */
  concurrency?: number;
}

/** One notebook that ran. */
export interface NotebookResult {
  /** File name of the notebook. */
  notebook: string;
  /** Wall-clock seconds for execution and HTML rendering. */
  seconds: number;
}

/**
 * Execute notebooks (one after another, or `concurrency` at a time) through Jupyter with the Deno kernel
 * and write each executed copy (`NAME.ipynb`) and its HTML rendering
 * (`NAME.html`) to `outputDir`, with `DATA.txt` naming the data folder they
 * ran on (relative to the working directory when it lies below it), then
 * `as of YYYY-MM-DD` (the day the data was cut at) and
 * `rankings-daily FIRST … LAST` (the days its rankings files cover) when
 * they apply (see `dataRecordText`).
 *
 * The notebooks run with their folder as working directory and the data
 * folder in {@linkcode DATA_ENV_VAR}. The first failing notebook stops the
 * run; `outputDir` is then left as it was (see
 * {@linkcode writeOutputDir}). With no notebooks, `outputDir` holds only
 * `DATA.txt` (and the marker of {@linkcode writeOutputDir}).
 *
 * @param options Folders, notebooks, Jupyter settings and a progress callback.
 * @returns One result per notebook, in the order they ran.
 * @throws {NotebookExecutionError} When a cell fails, naming the notebook and cell.
 * @throws {Deno.errors.NotFound} When the data folder or `jupyter` is missing.
 * @throws {RangeError} When `asOf` is not a calendar date, or `outputDir` is inside `data/raw`, is, holds or
 * lies inside the data or notebooks folder, or exists and was not written by
 * tokenbook (see {@linkcode writeOutputDir}); no notebook runs.
 *
 * @example A run with no notebooks writes only the record of its data folder
 * ```ts
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * await Deno.mkdir(`${dir}/data`);
 * const results = await runNotebooks({
 *   notebooksDir: `${dir}/notebooks`, dataDir: `${dir}/data`, outputDir: `${dir}/out/notebooks`,
 * });
 * assert.deepEqual(results, []);
 * assert.equal(await Deno.readTextFile(`${dir}/out/notebooks/DATA.txt`), `${dir}/data\n`);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function runNotebooks(
  options: RunNotebooksOptions,
): Promise<NotebookResult[]> {
  const notebooksDir = resolve(options.notebooksDir);
  const dataDir = resolve(options.dataDir);
  const asOf = options.asOf ?? null;
  if (asOf !== null && !isCalendarDate(asOf)) {
    throw new RangeError(
      `Cannot run notebooks: asOf is ${
        JSON.stringify(asOf)
      }, expected a calendar date YYYY-MM-DD`,
    );
  }
  await requireDirectory(dataDir, "data folder");
  const notebooks = options.notebooks ?? await listNotebooks(notebooksDir);
  const results: NotebookResult[] = [];

  await writeOutputDir(options.outputDir, async (tmpDir) => {
    await Deno.writeTextFile(
      join(tmpDir, DATA_RECORD),
      dataRecordText({
        data: shownPath(dataDir),
        as_of: asOf,
        rankings: await rankingsPeriodOfFiles(dataDir, asOf),
      }),
    );
    const runOne = async (position: number, notebook: string) => {
      const progress = {
        index: position + 1,
        total: notebooks.length,
        notebook,
      };
      options.onProgress?.({ status: "start", ...progress });
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;

      const executed = await runCommand(
        executeNotebookCommand(notebook, tmpDir, options),
        {
          cwd: notebooksDir,
          env: {
            [DATA_ENV_VAR]: notebookDataPath(dataDir, notebooksDir),
            // Always set, so a value in the caller's environment never leaks in.
            [AS_OF_ENV_VAR]: asOf ?? "",
            PYTHONPATH: [PREPROCESSOR_DIR, Deno.env.get("PYTHONPATH")].filter(
              Boolean,
            ).join(":"),
          },
        },
      );
      if (!executed.success) {
        options.onProgress?.({
          status: "failed",
          ...progress,
          seconds: seconds(),
        });
        const cells = await readCells(join(notebooksDir, notebook));
        throw new NotebookExecutionError(
          parseExecutionError(notebook, executed.stderr, cells),
          shownPath(join(notebooksDir, notebook)),
        );
      }

      // Render a copy whose Markdown outputs can start no raw HTML (they may
      // carry slugs and names from the data), then forbid scripts in the page.
      const renderDir = join(tmpDir, `.render-${position}`);
      await Deno.mkdir(renderDir);
      const renderCopy = join(renderDir, basename(notebook));
      await Deno.writeTextFile(
        renderCopy,
        disarmNotebookOutputs(
          await Deno.readTextFile(join(tmpDir, basename(notebook))),
        ),
      );
      const rendered = await runCommand(
        htmlCommand(renderCopy, tmpDir, options),
        { cwd: notebooksDir, env: {} },
      );
      await Deno.remove(renderDir, { recursive: true });
      if (rendered.success) {
        const html = join(
          tmpDir,
          basename(notebook).replace(/\.ipynb$/, ".html"),
        );
        await Deno.writeTextFile(
          html,
          withScriptsForbidden(await Deno.readTextFile(html)),
        );
      }
      if (!rendered.success) {
        options.onProgress?.({
          status: "failed",
          ...progress,
          seconds: seconds(),
        });
        throw new NotebookExecutionError(
          {
            notebook,
            cell: null,
            source: null,
            error: `HTML rendering failed:\n${
              stripAnsi(rendered.stderr).trim().split("\n").slice(-15).join(
                "\n",
              )
            }`,
          },
          shownPath(join(notebooksDir, notebook)),
        );
      }

      results[position] = { notebook, seconds: seconds() };
      options.onProgress?.({ status: "ok", ...progress, seconds: seconds() });
    };
    // Notebooks run `concurrency` at a time (each in its own kernel); the
    // first failure in notebook order stops the run once the running ones end.
    let next = 0;
    const failures: { position: number; error: unknown }[] = [];
    const worker = async () => {
      while (failures.length === 0 && next < notebooks.length) {
        const position = next++;
        try {
          await runOne(position, notebooks[position]);
        } catch (error) {
          failures.push({ position, error });
        }
      }
    };
    const concurrency = Math.max(
      1,
      Math.min(options.concurrency ?? 1, notebooks.length),
    );
    await Promise.all(Array.from({ length: concurrency }, worker));
    if (failures.length > 0) {
      throw failures.sort((a, b) => a.position - b.position)[0].error;
    }
  }, { protect: [dataDir, notebooksDir], lockFolder: options.lockFolder });
  return results;
}

/** Run a command, capturing its output as text; a missing program becomes a clear NotFound. */
async function runCommand(
  line: CommandLine,
  options: { cwd: string; env: Record<string, string> },
): Promise<{ success: boolean; stdout: string; stderr: string }> {
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(line.command, {
      args: line.args,
      cwd: options.cwd,
      env: options.env,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(
        `Cannot run notebooks: "${line.command}" is not installed: ${JUPYTER_INSTALL_HINT}`,
      );
    }
    throw error;
  }
  const decoder = new TextDecoder();
  return {
    success: output.success,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** Read a notebook's cells for error reporting; an unreadable notebook has none. */
async function readCells(path: string): Promise<NotebookCell[]> {
  try {
    const notebook = JSON.parse(await Deno.readTextFile(path));
    return Array.isArray(notebook?.cells) ? notebook.cells : [];
  } catch {
    return [];
  }
}

/** Throw NotFound unless `path` is a folder. */
async function requireDirectory(path: string, what: string): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(
        `Cannot run notebooks: the ${what} "${path}" does not exist`,
      );
    }
    throw error;
  }
  if (!info.isDirectory) {
    throw new Deno.errors.NotFound(
      `Cannot run notebooks: the ${what} "${path}" is not a folder`,
    );
  }
}

/** The project root (the folder holding lib/). */
const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The data folder as the notebooks get it in {@linkcode DATA_ENV_VAR}:
 * relative to the notebooks' folder (their working directory) when it lies
 * in the project, so no executed notebook or its HTML carries the building
 * machine's absolute path (`../data`); a folder elsewhere is the user's own
 * path and stays absolute.
 *
 * @param dataDir The data folder, absolute.
 * @param notebooksDir The notebooks' folder, absolute.
 * @returns The path to pass.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fileURLToPath } from "node:url";
 * const root = fileURLToPath(new URL("../..", import.meta.url));
 * assert.equal(notebookDataPath(`${root}data`, `${root}notebooks`), "../data");
 * assert.equal(notebookDataPath("/srv/snapshots", `${root}notebooks`), "/srv/snapshots");
 * ```
 */
export function notebookDataPath(
  dataDir: string,
  notebooksDir: string,
): string {
  const inProject = relative(PROJECT_ROOT, dataDir);
  if (inProject.startsWith("..") || isAbsolute(inProject)) return dataDir;
  return relative(notebooksDir, dataDir) || ".";
}

/** A path relative to the working directory when it lies below it, else absolute. */
function shownPath(path: string): string {
  const rel = relative(Deno.cwd(), path);
  return rel === "" || rel.startsWith("..") ? path : rel;
}

/**
 * How long an executed notebook's Run All took once its kernel had started:
 * from the first cell's `iopub.status.busy` to the last cell's
 * `iopub.status.idle`, as nbclient records them in each cell's
 * `metadata.execution`.
 *
 * @param notebook An executed notebook (parsed `.ipynb`).
 * @returns Seconds, or null when no cell carries both timestamps.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const cell = (busy: string, idle: string) => ({ cell_type: "code", metadata: { execution: { "iopub.status.busy": busy, "iopub.status.idle": idle } } });
 * const notebook = { cells: [cell("2026-12-02T01:00:00.250Z", "2026-12-02T01:00:01.000Z"), { cell_type: "markdown", metadata: {} }, cell("2026-12-02T01:00:01.010Z", "2026-12-02T01:00:01.750Z")] };
 * assert.equal(runAllSeconds(notebook), 1.5);
 * assert.equal(runAllSeconds({ cells: [] }), null);
 * ```
 */
export function runAllSeconds(
  notebook: { cells: { metadata?: { execution?: Record<string, string> } }[] },
): number | null {
  const busy: number[] = [];
  const idle: number[] = [];
  for (const cell of notebook.cells) {
    const execution = cell.metadata?.execution ?? {};
    const start = Date.parse(execution["iopub.status.busy"] ?? "");
    const end = Date.parse(execution["iopub.status.idle"] ?? "");
    if (Number.isFinite(start) && Number.isFinite(end)) {
      busy.push(start);
      idle.push(end);
    }
  }
  return busy.length === 0
    ? null
    : (Math.max(...idle) - Math.min(...busy)) / 1000;
}
