/**
 * Notebooks as tokenbook stores them: without outputs, exactly as Jupyter's
 * nbformat writes them. {@linkcode stripNotebookOutputs} strips a notebook
 * (every code cell gets `"outputs": []`, `"execution_count": null` and loses
 * session metadata; the kernelspec and `language_info` are set to the
 * project's; sources, ids, tags and other metadata stay), and
 * {@linkcode notebookProblems} tells what a stored notebook still carries.
 * `cli/strip_notebooks.ts` is the command (and git clean filter) around it.
 *
 * @module
 */

/** The command that strips the project's notebooks, for messages. */
export const STRIP_COMMAND =
  "deno run --allow-read --allow-write cli/strip_notebooks.ts";

/** The kernelspec every project notebook must carry, as `deno jupyter --install` registers it. */
export const DENO_KERNELSPEC = {
  name: "deno",
  display_name: "Deno",
  language: "typescript",
} as const;

/** The `language_info` every stored notebook carries (the UI writes more, with versions that change). */
export const STORED_LANGUAGE_INFO = { name: "typescript" } as const;

/** Cell metadata the notebook UIs write about a session (output state, timings), dropped when stored. */
export const SESSION_CELL_METADATA = [
  "collapsed",
  "scrolled",
  "execution",
  "ExecuteTime",
  "trusted",
] as const;

/** Notebook metadata about a session (widget state, original format), dropped when stored. */
export const SESSION_NOTEBOOK_METADATA = [
  "widgets",
  "orig_nbformat",
  "orig_nbformat_minor",
] as const;

/**
 * Bring a notebook to the form it is stored in git: no outputs, execution
 * counts or session metadata, the Deno kernelspec, and exactly the bytes
 * Jupyter's nbformat writes (keys sorted, one-space indent, every `source`
 * as a list of lines, a final newline). Whatever the notebook UI saved after
 * a session strips back to the committed bytes, so the git clean filter
 * leaves `git status` clean.
 *
 * @param text The notebook file's contents.
 * @param path The file's path, for the error message.
 * @returns The notebook in its stored form (equal to `text` when it already is).
 * @throws {SyntaxError} When `text` is not JSON.
 * @throws {TypeError} When the JSON has no `cells` list.
 *
 * @example Strip an executed cell
 * ```ts
 * import assert from "node:assert/strict";
 * const executed = JSON.stringify({
 *   cells: [{ cell_type: "code", execution_count: 3, metadata: { scrolled: true }, outputs: [{ output_type: "stream", name: "stdout", text: ["42\n"] }], source: "const a = 1;\n42" }],
 *   metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" }, language_info: { name: "typescript", version: "6.0.3" } },
 *   nbformat: 4, nbformat_minor: 5,
 * });
 * const stripped = stripNotebookOutputs(executed, "a.ipynb");
 * const cell = JSON.parse(stripped).cells[0];
 * assert.deepEqual(cell.outputs, []);
 * assert.equal(cell.execution_count, null);
 * assert.deepEqual(cell.metadata, {});
 * assert.deepEqual(cell.source, ["const a = 1;\n", "42"]);
 * assert.deepEqual(JSON.parse(stripped).metadata.language_info, { name: "typescript" });
 * assert.equal(stripNotebookOutputs(stripped, "a.ipynb"), stripped);
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
  for (const cell of notebook.cells) {
    if (!isRecord(cell)) continue;
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }
    if (isRecord(cell.metadata)) {
      for (const key of SESSION_CELL_METADATA) delete cell.metadata[key];
      const jupyter = cell.metadata.jupyter;
      if (isRecord(jupyter)) {
        delete jupyter.outputs_hidden;
        if (Object.keys(jupyter).length === 0) delete cell.metadata.jupyter;
      }
    }
    const source = cell.source;
    if (
      typeof source === "string" ||
      (Array.isArray(source) && source.every((l) => typeof l === "string"))
    ) {
      cell.source = splitLines(
        Array.isArray(source) ? source.join("") : source,
      );
    }
  }
  if (isRecord(notebook.metadata)) {
    const metadata = notebook.metadata;
    for (const key of SESSION_NOTEBOOK_METADATA) delete metadata[key];
    metadata.kernelspec = { ...DENO_KERNELSPEC };
    metadata.language_info = { ...STORED_LANGUAGE_INFO };
  }
  return `${nbformatJson(notebook, 0)}\n`;
}

/**
 * Split text into lines that keep their line ends, as Python's
 * `str.splitlines(True)` does (nbformat stores `source` so).
 *
 * @param text The text.
 * @returns Its lines; `[]` for empty text.
 * @throws Never.
 *
 * @example Line ends are kept, the last line may have none
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(splitLines("a\nb\r\nc"), ["a\n", "b\r\n", "c"]);
 * assert.deepEqual(splitLines(""), []);
 * ```
 */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  // The line breaks of Python's str.splitlines, control characters included.
  // deno-lint-ignore no-control-regex
  const pattern = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
  let start = 0;
  for (const match of text.matchAll(pattern)) {
    const end = match.index + match[0].length;
    lines.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/**
 * JSON as Python's `json.dumps(value, sort_keys=True, indent=1,
 * ensure_ascii=False)` writes it, which is how nbformat saves notebooks.
 */
function nbformatJson(value: unknown, depth: number): string {
  const pad = (level: number) => " ".repeat(level);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${
      value.map((item) => pad(depth + 1) + nbformatJson(item, depth + 1))
        .join(",\n")
    }\n${pad(depth)}]`;
  }
  if (isRecord(value)) {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined)
      .sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
    if (keys.length === 0) return "{}";
    return `{\n${
      keys.map((key) =>
        `${pad(depth + 1)}${JSON.stringify(key)}: ${
          nbformatJson(value[key], depth + 1)
        }`
      ).join(",\n")
    }\n${pad(depth)}}`;
  }
  return JSON.stringify(value) ?? "null";
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
  if (problems.length === 0) {
    try {
      if (stripNotebookOutputs(text, path) !== text) {
        problems.push(
          `${path}: is not in the stored form (keys sorted, one-space indent, source as lines, ` +
            `language_info ${
              JSON.stringify(STORED_LANGUAGE_INFO)
            }, final newline), expected the bytes ${STRIP_COMMAND} writes`,
        );
      }
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
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
