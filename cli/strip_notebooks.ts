/**
 * Strip outputs from notebooks in place, so they are stored in git without
 * results: every code cell gets `"outputs": []`, `"execution_count": null`
 * and loses nbclient's timing metadata. Sources and everything else stay.
 *
 * ```sh
 * deno run --allow-read --allow-write cli/strip_notebooks.ts            # notebooks/*.ipynb
 * deno run --allow-read --allow-write cli/strip_notebooks.ts a.ipynb    # given notebooks or folders
 * deno run --allow-read cli/strip_notebooks.ts --check                  # exit 1 if any has outputs
 * ```
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

/** The command that strips the project's notebooks, for messages. */
export const STRIP_COMMAND =
  "deno run --allow-read --allow-write cli/strip_notebooks.ts";

/** The kernelspec every project notebook must carry, as `deno jupyter --install` registers it. */
export const DENO_KERNELSPEC = {
  name: "deno",
  display_name: "Deno",
  language: "typescript",
} as const;

/**
 * Remove outputs, execution counts and execution timings from a notebook's
 * JSON text.
 *
 * @param text The notebook file's contents.
 * @param path The file's path, for the error message.
 * @returns The stripped notebook as Jupyter writes it (one-space indent, final newline), or `text` itself when there was nothing to strip.
 * @throws {SyntaxError} When `text` is not JSON.
 * @throws {TypeError} When the JSON has no `cells` list.
 *
 * @example Strip an executed cell
 * ```ts
 * import assert from "node:assert/strict";
 * const executed = JSON.stringify({
 *   cells: [{ cell_type: "code", execution_count: 3, metadata: {}, outputs: [{ output_type: "stream", name: "stdout", text: ["42\n"] }], source: "42" }],
 *   metadata: {}, nbformat: 4, nbformat_minor: 5,
 * });
 * const stripped = JSON.parse(stripNotebookOutputs(executed, "a.ipynb"));
 * assert.deepEqual(stripped.cells[0].outputs, []);
 * assert.equal(stripped.cells[0].execution_count, null);
 * assert.equal(stripped.cells[0].source, "42");
 * ```
 */
export function stripNotebookOutputs(text: string, path: string): string {
  const notebook = parseNotebook(text, path);
  if (!Array.isArray(notebook.cells)) {
    throw new TypeError(
      `Cannot strip "${path}": cells is ${
        JSON.stringify(notebook.cells) ?? "missing"
      }, expected a list of cells`,
    );
  }
  let changed = false;
  for (const cell of notebook.cells) {
    if (typeof cell !== "object" || cell === null) continue;
    if (cell.cell_type === "code") {
      if (!Array.isArray(cell.outputs) || cell.outputs.length > 0) {
        cell.outputs = [];
        changed = true;
      }
      if (cell.execution_count !== null) {
        cell.execution_count = null;
        changed = true;
      }
    }
    if (isRecord(cell.metadata) && "execution" in cell.metadata) {
      delete cell.metadata.execution;
      changed = true;
    }
  }
  return changed ? `${JSON.stringify(notebook, null, 1)}\n` : text;
}

/**
 * List everything that keeps a notebook from being stored as the project
 * wants: valid nbformat 4 JSON with the Deno kernelspec, cell ids where
 * nbformat 4.5 requires them, and no outputs or execution counts.
 *
 * @param text The notebook file's contents.
 * @param path The file's path, named in every message.
 * @returns One message per problem (empty when the notebook is clean), in file order.
 * @throws Never: text that is not JSON is reported as a problem.
 *
 * @example An executed cell has two problems
 * ```ts
 * import assert from "node:assert/strict";
 * const text = JSON.stringify({
 *   cells: [{ cell_type: "code", execution_count: 1, id: "a", metadata: {}, outputs: [{ output_type: "error" }], source: "x" }],
 *   metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
 *   nbformat: 4, nbformat_minor: 5,
 * });
 * assert.deepEqual(notebookProblems(text, "notebooks/01.ipynb"), [
 *   "notebooks/01.ipynb: cells[0].outputs has 1 entry, expected none",
 *   "notebooks/01.ipynb: cells[0].execution_count is 1, expected null",
 * ]);
 * ```
 */
export function notebookProblems(text: string, path: string): string[] {
  let notebook: Record<string, unknown>;
  try {
    notebook = parseNotebook(text, path);
  } catch (error) {
    return [(error as Error).message];
  }
  const problems: string[] = [];
  const problem = (where: string, value: unknown, expected: string) =>
    problems.push(
      `${path}: ${where} is ${
        JSON.stringify(value) ?? "missing"
      }, expected ${expected}`,
    );

  if (notebook.nbformat !== 4) problem("nbformat", notebook.nbformat, "4");
  const minor = notebook.nbformat_minor;
  if (!Number.isInteger(minor) || (minor as number) < 0) {
    problem("nbformat_minor", minor, "a non-negative integer");
  }
  const metadata = notebook.metadata;
  if (!isRecord(metadata)) {
    problem("metadata", metadata, "an object");
  } else {
    const kernelspec = metadata.kernelspec;
    const fits = isRecord(kernelspec) &&
      Object.keys(kernelspec).length === 3 &&
      Object.entries(DENO_KERNELSPEC).every(([key, value]) =>
        kernelspec[key] === value
      );
    if (!fits) {
      problem(
        "metadata.kernelspec",
        kernelspec,
        JSON.stringify(DENO_KERNELSPEC),
      );
    }
  }

  const cells = notebook.cells;
  if (!Array.isArray(cells)) {
    problem("cells", cells, "a list of cells");
    return problems;
  }
  const seenIds = new Map<string, number>();
  cells.forEach((cell: unknown, index: number) => {
    const at = `cells[${index}]`;
    if (!isRecord(cell)) {
      problem(at, cell, "a cell object");
      return;
    }
    if (!["code", "markdown", "raw"].includes(cell.cell_type as string)) {
      problem(`${at}.cell_type`, cell.cell_type, '"code", "markdown" or "raw"');
    }
    const source = cell.source;
    const sourceOk = typeof source === "string" ||
      (Array.isArray(source) &&
        source.every((line) => typeof line === "string"));
    if (!sourceOk) {
      problem(`${at}.source`, source, "a string or a list of strings");
    }
    if (!isRecord(cell.metadata)) {
      problem(`${at}.metadata`, cell.metadata, "an object");
    } else if ("execution" in cell.metadata) {
      problems.push(
        `${path}: ${at}.metadata.execution holds execution timings, expected none`,
      );
    }
    if (Number.isInteger(minor) && (minor as number) >= 5) {
      if (
        typeof cell.id !== "string" || !/^[a-zA-Z0-9-_]{1,64}$/.test(cell.id)
      ) {
        problem(
          `${at}.id`,
          cell.id,
          "1–64 letters, digits, - or _ (nbformat 4.5)",
        );
      } else if (seenIds.has(cell.id)) {
        problem(
          `${at}.id`,
          cell.id,
          `an id not used before (cells[${seenIds.get(cell.id)}] has it)`,
        );
      } else {
        seenIds.set(cell.id, index);
      }
    }
    if (cell.cell_type === "code") {
      if (!Array.isArray(cell.outputs)) {
        problem(`${at}.outputs`, cell.outputs, "an empty list");
      } else if (cell.outputs.length > 0) {
        const count = cell.outputs.length;
        problems.push(
          `${path}: ${at}.outputs has ${count} ${
            count === 1 ? "entry" : "entries"
          }, expected none`,
        );
      }
      if (cell.execution_count !== null) {
        problem(`${at}.execution_count`, cell.execution_count, "null");
      }
    } else if ("outputs" in cell || "execution_count" in cell) {
      problem(
        `${at}.outputs`,
        cell.outputs,
        `nothing on a ${String(cell.cell_type)} cell`,
      );
    }
  });
  return problems;
}

/** Parse notebook text, naming the file when it is not a JSON object. */
function parseNotebook(text: string, path: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(
      `${path}: not valid JSON (${
        (error as Error).message
      }), expected an nbformat 4 notebook`,
    );
  }
  if (!isRecord(value)) {
    throw new SyntaxError(
      `${path}: the JSON is ${
        JSON.stringify(value)?.slice(0, 40)
      }, expected an nbformat 4 notebook object`,
    );
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

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

async function main(args: string[]): Promise<number> {
  const root = fileURLToPath(new URL("..", import.meta.url));
  // Under `deno task`, INIT_CWD is where the user typed the command; read it
  // only when allowed, so the plain `deno run` in STRIP_COMMAND never prompts.
  const envAllowed =
    Deno.permissions.querySync({ name: "env", variable: "INIT_CWD" }).state ===
      "granted";
  const cwd = (envAllowed ? Deno.env.get("INIT_CWD") : undefined) ??
    Deno.cwd();
  let values: { check: boolean };
  let positionals: string[];
  let help: boolean;
  try {
    ({ values, positionals, help } = parseCliArgs(args, {
      check: { type: "boolean" },
    }, { positionals: true }));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`error: ${error.message}`);
    return 2;
  }
  if (help) {
    console.log(
      `Usage: ${STRIP_COMMAND} [--check] [NOTEBOOK_OR_FOLDER...]\n\n` +
        "Strip outputs, execution counts and timings from notebooks in place\n" +
        "(default: notebooks/*.ipynb). With --check, write nothing and exit 1\n" +
        "if any notebook would change. Never touches data/.",
    );
    return 0;
  }

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
        console.log(`${shown}: has outputs`);
      } else {
        await replaceFile(file, stripped);
        console.log(`${shown}: stripped`);
      }
    } catch (error) {
      console.error(`error: ${(error as Error).message}`);
      failed++;
    }
  }
  const verb = values.check ? "have outputs" : "stripped";
  console.log(`${files.length} notebooks checked, ${changed} ${verb}`);
  if (failed > 0) return 1;
  return values.check && changed > 0 ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
