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
import { join, relative } from "node:path";
import {
  AS_OF_ENV_VAR,
  DATA_ENV_VAR,
  formatProgress,
  listNotebooks,
  NotebookExecutionError,
  NOTEBOOKS_USAGE,
  parseNotebooksArgs,
  runNotebooks,
} from "../lib/tooling/notebook_runner.ts";

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
    console.error(`error: ${(error as Error).message}\n\n${NOTEBOOKS_USAGE}`);
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
    console.error(`error: ${(error as Error).message}`);
    if (error instanceof NotebookExecutionError) {
      console.error(`Nothing was written to ${shown(outputDir)}/.`);
    }
    return 1;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Wrote ${notebooks.length} executed notebook${
      notebooks.length === 1 ? "" : "s"
    } and HTML renderings to ${shown(outputDir)}/ in ${seconds.toFixed(1)} s`,
  );
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
