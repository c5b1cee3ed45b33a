/**
 * `deno task notebooks [--data DIR] [--out DIR] [--as-of YYYY-MM-DD]`: execute every notebook
 * headless through Jupyter with the Deno kernel and write the executed
 * notebooks and their HTML renderings to `OUT/notebooks/`.
 *
 * Exit codes: 0 when every notebook ran, 1 when one failed (the notebook,
 * cell and error are printed) or Jupyter is missing, 2 on a usage error.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { join, relative, resolve } from "node:path";
import {
  AS_OF_ENV_VAR,
  DATA_ENV_VAR,
  formatProgress,
  listNotebooks,
  NotebookExecutionError,
  runNotebooks,
} from "../lib/tooling/notebook_runner.ts";
import { escapeTerminal } from "../lib/text/escape.ts";
import { relinkGallery } from "../lib/report/relink_gallery.ts";
import {
  asOfOption,
  parseCliArgs,
  UsageError,
  wholeNumberOption,
} from "./_args.ts";
import { NOTEBOOKS_OPTIONS } from "./_options.ts";

/** Usage text of `deno task notebooks`. */
export const NOTEBOOKS_USAGE =
  `Usage: deno task notebooks [--data DIR] [--out DIR] [--as-of YYYY-MM-DD] [--notebooks DIR] [--jobs N]

Execute every notebooks/*.ipynb (sorted by name) headless through Jupyter with
the Deno kernel, and write the executed notebooks and their HTML renderings to
OUT/notebooks/. The folder is replaced whole, and only when every notebook ran.

Options:
  --data DIR  Data folder the notebooks read, passed to them as
              ${DATA_ENV_VAR} (default: data/ in the project).
  --out DIR   Output folder (default: out/ in the project).
  --as-of YYYY-MM-DD
              Use only data dated up to that day, as \`report --as-of\`
              does; passed to the notebooks as ${AS_OF_ENV_VAR}.
  --notebooks DIR
              Folder of notebooks to run (default: notebooks/ in the
              project); for trying the runner on other notebooks.
  --jobs N    Notebooks run at once, each in its own kernel (default: 2,
              or 1 on a one-core machine).
  --help      Show this text.`;

/** Options of `deno task notebooks`, resolved to absolute paths. */
export interface NotebooksArgs {
  /** Absolute path of the data folder the notebooks read. */
  dataDir: string;
  /** Absolute path of the output folder; notebooks go into its `notebooks/` subfolder. */
  outDir: string;
  /** Absolute path of the folder of notebooks to run. */
  notebooksDir: string;
  /** The day to cut the data at (`--as-of`), or null for all data. */
  asOf: string | null;
  /** Notebooks run at once (`--jobs N`; default 2, or 1 on a one-core machine). */
  jobs: number;
  /** Whether `--help` was given. */
  help: boolean;
}

/**
 * Parse the command-line arguments of `deno task notebooks`.
 *
 * Paths given on the command line are resolved against `cwd` (the folder
 * the user ran the command in); the defaults `data/`, `out/` and
 * `notebooks/` are resolved against the project root.
 *
 * @param args The arguments after the script name.
 * @param paths `cwd`: folder relative paths are resolved against; `root`: the project root.
 * @returns The data and output folders as absolute paths.
 * @throws {UsageError} (a TypeError) On an unknown option, a missing value or a stray positional argument.
 *
 * @example Defaults and overrides
 * ```ts
 * import assert from "node:assert/strict";
 * const paths = { cwd: "/home/ana/tokenbook/notebooks", root: "/home/ana/tokenbook" };
 * assert.deepEqual(parseNotebooksArgs([], paths), {
 *   dataDir: "/home/ana/tokenbook/data",
 *   outDir: "/home/ana/tokenbook/out",
 *   notebooksDir: "/home/ana/tokenbook/notebooks",
 *   asOf: null,
 *   jobs: Math.min(2, navigator.hardwareConcurrency),
 *   help: false,
 * });
 * assert.equal(
 *   parseNotebooksArgs(["--data", "../fixtures"], paths).dataDir,
 *   "/home/ana/tokenbook/fixtures",
 * );
 * assert.equal(parseNotebooksArgs(["--as-of", "2026-06-07"], paths).asOf, "2026-06-07");
 * ```
 */
export function parseNotebooksArgs(
  args: string[],
  paths: { cwd: string; root: string },
): NotebooksArgs {
  const { values, help } = parseCliArgs(args, NOTEBOOKS_OPTIONS);
  const folder = (option: "data" | "out" | "notebooks"): string => {
    const value = values[option];
    return value === undefined
      ? join(paths.root, option)
      : resolve(paths.cwd, value);
  };
  return {
    dataDir: folder("data"),
    outDir: folder("out"),
    notebooksDir: folder("notebooks"),
    asOf: asOfOption(values["as-of"]),
    jobs: wholeNumberOption("jobs", values.jobs) ??
      Math.min(2, navigator.hardwareConcurrency),
    help,
  };
}

const root = fileURLToPath(new URL("..", import.meta.url));
// `deno task` runs in the project root; INIT_CWD is where the user typed the command.
const userCwd = Deno.env.get("INIT_CWD") ?? Deno.cwd();
const encoder = new TextEncoder();

/** A path as the user would type it from where they ran the command. */
function shown(path: string): string {
  const rel = relative(userCwd, path);
  if (rel === "") return ".";
  return rel.startsWith("..") ? path : rel;
}

async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseNotebooksArgs(args, { cwd: userCwd, root });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`error: ${error.message}\n\n${NOTEBOOKS_USAGE}`);
    return 2;
  }
  if (parsed.help) {
    console.log(NOTEBOOKS_USAGE);
    return 0;
  }

  const outputDir = join(parsed.outDir, "notebooks");
  const { notebooksDir } = parsed;
  const notebooks = await listNotebooks(notebooksDir);
  console.log(
    `Running ${notebooks.length} notebook${
      notebooks.length === 1 ? "" : "s"
    } from ${shown(notebooksDir)}/ with ${DATA_ENV_VAR}=${parsed.dataDir}${
      parsed.asOf === null ? "" : ` and ${AS_OF_ENV_VAR}=${parsed.asOf}`
    }`,
  );
  if (notebooks.length === 0) {
    console.log(`No notebooks found in ${shown(notebooksDir)}/.`);
  }

  const started = performance.now();
  try {
    await runNotebooks({
      notebooksDir,
      dataDir: parsed.dataDir,
      asOf: parsed.asOf,
      outputDir,
      lockFolder: parsed.outDir,
      notebooks,
      concurrency: parsed.jobs,
      onProgress: (event) => {
        if (parsed.jobs === 1) {
          // One at a time: the name now, the outcome when it ends.
          const text = formatProgress(event);
          if (event.status === "start") {
            Deno.stdout.writeSync(encoder.encode(text));
          } else console.log(text);
        } else if (event.status !== "start") {
          // Several at once: one whole line per notebook as it ends.
          console.log(
            formatProgress({ ...event, status: "start" }) +
              formatProgress(event),
          );
        }
      },
    });
  } catch (error) {
    console.error(
      `error: ${escapeTerminal((error as Error).message, { lines: true })}`,
    );
    if (error instanceof NotebookExecutionError) {
      console.error(`Nothing was written to ${shown(outputDir)}/.`);
    }
    return 1;
  }
  const seconds = (performance.now() - started) / 1000;
  if (await relinkGallery(parsed.outDir)) {
    console.log(
      `Linked the notebooks from ${shown(join(parsed.outDir, "index.html"))}`,
    );
  }
  console.log(
    `Wrote ${notebooks.length} executed notebook${
      notebooks.length === 1 ? "" : "s"
    } and HTML renderings to ${shown(outputDir)}/ in ${seconds.toFixed(1)} s`,
  );
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
