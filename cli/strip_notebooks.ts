/**
 * Strip outputs from notebooks in place, so they are stored in git without
 * results: every code cell gets `"outputs": []`, `"execution_count": null`
 * and loses session metadata (timings, scroll and collapse state); the
 * kernelspec and `language_info` are set to the project's; the file is
 * written exactly as Jupyter's nbformat writes it. Sources, ids, tags and
 * other metadata stay. A notebook the Jupyter UI saved after a session strips
 * back to its committed bytes.
 *
 * ```sh
 * deno run --allow-read --allow-write cli/strip_notebooks.ts            # notebooks/*.ipynb
 * deno run --allow-read --allow-write cli/strip_notebooks.ts a.ipynb    # given notebooks or folders
 * deno run --allow-read cli/strip_notebooks.ts --check                  # exit 1 if any would change
 * deno run --allow-read cli/strip_notebooks.ts --stdin < a.ipynb        # git clean filter: stdin to stdout
 * ```
 *
 * `deno task setup` installs the `--stdin` form as the git clean filter
 * `tokenbook-strip` that `.gitattributes` names for `*.ipynb` (the nbstripout
 * convention), so `git status` and `git diff` ignore outputs a session saved.
 *
 * It only ever writes `*.ipynb` files and refuses anything under `data/`.
 * Exit codes: 0 done (or clean with `--check`), 1 outputs found with
 * `--check` or a notebook could not be read, 2 usage error.
 *
 * @module
 */

import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCliArgs, UsageError } from "./_args.ts";
import {
  notebookProblems,
  STRIP_COMMAND,
  stripNotebookOutputs,
} from "../lib/tooling/notebook_strip.ts";

// The library part lives in lib/tooling/notebook_strip.ts; its names are
// re-exported for the commands and tests that import them from here.
export * from "../lib/tooling/notebook_strip.ts";

/** The git clean filter command `deno task setup` installs (run by git in the repository's top folder; `%f` is the file). */
export const STRIP_FILTER_COMMAND =
  "deno run --quiet --allow-read cli/strip_notebooks.ts --stdin %f";

/** The `*.ipynb` files a list of files and folders names; folders are listed one level deep. */
async function notebookFiles(targets: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const target of targets) {
    const info = await Deno.stat(target);
    if (info.isDirectory) {
      const names: string[] = [];
      for await (const entry of Deno.readDir(target)) {
        if (entry.isFile && entry.name.endsWith(".ipynb")) {
          names.push(entry.name);
        }
      }
      names.sort();
      files.push(...names.map((name) => join(target, name)));
    } else if (target.endsWith(".ipynb")) {
      files.push(target);
    } else {
      throw new TypeError(`Cannot strip "${target}": not a .ipynb notebook`);
    }
  }
  return files;
}

/** Write a file by renaming a finished temporary file over it. */
async function replaceFile(path: string, text: string): Promise<void> {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.tmp-${crypto.randomUUID().slice(0, 8)}`,
  );
  await Deno.writeTextFile(tmp, text);
  try {
    await Deno.rename(tmp, path);
  } catch (error) {
    await Deno.remove(tmp);
    throw error;
  }
}

/** The git clean filter: stdin to stdout; what cannot be read passes through unchanged. */
async function filterStdin(name: string): Promise<number> {
  const input = await new Response(Deno.stdin.readable).arrayBuffer();
  const text = new TextDecoder().decode(input);
  let output: Uint8Array;
  try {
    output = new TextEncoder().encode(stripNotebookOutputs(text, name));
  } catch (error) {
    console.error(
      `warning: ${(error as Error).message}; stored unchanged`,
    );
    output = new Uint8Array(input);
  }
  let written = 0;
  while (written < output.length) {
    written += await Deno.stdout.write(output.subarray(written));
  }
  return 0;
}

async function main(args: string[]): Promise<number> {
  const root = fileURLToPath(new URL("..", import.meta.url));
  // Under `deno task`, INIT_CWD is where the user typed the command; read it
  // only when allowed, so the plain `deno run` in STRIP_COMMAND never prompts.
  const envAllowed =
    Deno.permissions.querySync({ name: "env", variable: "INIT_CWD" }).state ===
      "granted";
  const cwd = (envAllowed ? Deno.env.get("INIT_CWD") : undefined) ??
    Deno.cwd();
  let values: { check?: boolean; stdin?: boolean };
  let positionals: string[];
  let help: boolean;
  try {
    ({ values, positionals, help } = parseCliArgs(args, {
      check: { type: "boolean" },
      stdin: { type: "boolean" },
    }, { positionals: true }));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`error: ${error.message}`);
    return 2;
  }
  if (help) {
    console.log(
      `Usage: ${STRIP_COMMAND} [--check] [NOTEBOOK_OR_FOLDER...]\n` +
        `       ${STRIP_FILTER_COMMAND}\n\n` +
        "Strip outputs, execution counts and session metadata from notebooks in\n" +
        "place and write them in the stored form (default: notebooks/*.ipynb).\n" +
        "With --check, write nothing and exit 1 if any notebook would change.\n" +
        "With --stdin, read one notebook on standard input and write its stored\n" +
        "form to standard output (the git clean filter; text that is not a\n" +
        "notebook passes through unchanged, with a warning). Never touches data/.",
    );
    return 0;
  }
  if (values.stdin) return await filterStdin(positionals[0] ?? "<stdin>");

  const dataDir = join(root, "data");
  const targets = positionals.length === 0
    ? [join(root, "notebooks")]
    : positionals.map((target) => resolve(cwd, target));
  for (const target of targets) {
    const rel = relative(dataDir, target);
    const insideData = rel === "" ||
      (!rel.startsWith("..") && !rel.startsWith(sep));
    const segments = target.split(sep);
    const insideRaw = segments.some((segment, i) =>
      segment === "data" && segments[i + 1] === "raw"
    );
    if (insideData || insideRaw) {
      console.error(
        `error: Cannot strip "${target}": notebooks under data/ are never touched`,
      );
      return 2;
    }
  }

  let files: string[];
  try {
    const defaultMissing = positionals.length === 0 &&
      !(await Deno.stat(targets[0]).then(() => true, () => false));
    files = defaultMissing ? [] : await notebookFiles(targets);
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    return 2;
  }

  let changed = 0;
  let failed = 0;
  for (const file of files) {
    const shown = relative(cwd, file);
    try {
      const text = await Deno.readTextFile(file);
      const stripped = stripNotebookOutputs(text, shown);
      if (stripped === text) continue;
      changed++;
      if (values.check) {
        const hasOutputs = notebookProblems(text, shown).some((problem) =>
          !problem.includes("is not in the stored form")
        );
        console.log(
          `${shown}: ${
            hasOutputs ? "has outputs" : "is not in the stored form"
          }`,
        );
      } else {
        await replaceFile(file, stripped);
        console.log(`${shown}: stripped`);
      }
    } catch (error) {
      console.error(`error: ${(error as Error).message}`);
      failed++;
    }
  }
  const verb = values.check ? "would change" : "stripped";
  console.log(`${files.length} notebooks checked, ${changed} ${verb}`);
  if (failed > 0) return 1;
  return values.check && changed > 0 ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
