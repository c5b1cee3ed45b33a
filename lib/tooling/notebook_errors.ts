/**
 * Why a notebook failed, read from nbconvert's error output: the failing
 * cell (its number among all cells and its source) and the error as the
 * kernel reported it, without colour codes. Pure: tested without Jupyter.
 *
 * @module
 */

/** The cells of a notebook, as far as error reporting needs them. */
export interface NotebookCell {
  /** `code`, `markdown` or `raw`. */
  cell_type: string;
  /** The source, as one string or as lines (nbformat allows both). */
  source: string | string[];
}

/** Why a notebook failed. */
export interface CellFailure {
  /** File name of the notebook. */
  notebook: string;
  /** 1-based position of the failing cell among all cells, or `null` when it could not be told. */
  cell: number | null;
  /** Source of the failing cell, or `null` when unknown. */
  source: string | null;
  /** The error as the kernel reported it (name, message, stack), without colour codes. */
  error: string;
}

const EXEC_ERROR_HEADER =
  "An error occurred while executing the following cell:\n------------------\n";
const SOURCE_END = "\n------------------\n";
const TIMEOUT_PATTERN =
  /A cell timed out while it was being executed, after (\d+) seconds\.\nThe message was: (.*)\.\nHere is a preview of the cell contents:\n-------------------\n([\s\S]*?)\n-------------------(?:\n|$)/;

/**
 * Read the output of a failed `jupyter nbconvert --execute` run and tell
 * which cell failed and how.
 *
 * nbconvert prints the failing cell's source and the kernel's error but not
 * the cell's position, so the source is matched against the notebook's code
 * cells; when several cells have the same source the first is named.
 * Timeouts, a dead kernel and a missing kernel are recognised too; anything
 * else is reported with the last lines of the output.
 *
 * @param notebook File name of the notebook, for the report.
 * @param stderr Everything nbconvert wrote to standard error.
 * @param cells The notebook's cells, in order.
 * @returns The failing cell (1-based, counting markdown cells too), its source and the error.
 * @throws Never: output it cannot read is reported as the error text.
 *
 * @example A cell that throws
 * ```ts
 * import assert from "node:assert/strict";
 * const stderr = [
 *   "nbclient.exceptions.CellExecutionError: An error occurred while executing the following cell:",
 *   "------------------",
 *   'throw new RangeError("no rows");',
 *   "------------------",
 *   "",
 *   "RangeError: no rows",
 *   "    at <anonymous>:1:7",
 *   "RangeError: no rows",
 *   "",
 * ].join("\n");
 * const cells = [
 *   { cell_type: "markdown", source: "# Usage" },
 *   { cell_type: "code", source: ["throw new ", 'RangeError("no rows");'] },
 * ];
 * assert.deepEqual(parseExecutionError("01_usage.ipynb", stderr, cells), {
 *   notebook: "01_usage.ipynb",
 *   cell: 2,
 *   source: 'throw new RangeError("no rows");',
 *   error: "RangeError: no rows\n    at <anonymous>:1:7",
 * });
 * ```
 */
export function parseExecutionError(
  notebook: string,
  stderr: string,
  cells: NotebookCell[],
): CellFailure {
  const text = stripAnsi(stderr).replaceAll("\r\n", "\n");
  const sources = cells.map((cell) =>
    cell.cell_type === "code" ? joinSource(cell.source) : null
  );

  const headerAt = text.lastIndexOf(EXEC_ERROR_HEADER);
  if (headerAt !== -1) {
    const rest = text.slice(headerAt + EXEC_ERROR_HEADER.length);
    const index = sources.findIndex((source) =>
      source !== null && rest.startsWith(source + SOURCE_END)
    );
    if (index !== -1) {
      const source = sources[index] as string;
      return {
        notebook,
        cell: index + 1,
        source,
        error: tidyTraceback(rest.slice(source.length + SOURCE_END.length)),
      };
    }
    const end = rest.indexOf(SOURCE_END);
    return {
      notebook,
      cell: null,
      source: end === -1 ? null : rest.slice(0, end),
      error: tidyTraceback(
        end === -1 ? rest : rest.slice(end + SOURCE_END.length),
      ),
    };
  }

  const timeout = TIMEOUT_PATTERN.exec(text);
  if (timeout !== null) {
    const preview = timeout[3];
    const index = sources.findIndex((source) =>
      source !== null && source.trim() === preview.trim()
    );
    return {
      notebook,
      cell: index === -1 ? null : index + 1,
      source: index === -1 ? null : sources[index],
      error: `Timeout: the cell ran longer than ${timeout[1]} seconds (${
        timeout[2]
      })`,
    };
  }

  const missingKernel = /No such kernel named (\S+)/.exec(text);
  if (missingKernel !== null) {
    return {
      notebook,
      cell: null,
      source: null,
      error: `NoSuchKernel: Jupyter has no kernel named ${
        missingKernel[1]
      }; register the Deno kernel with \`deno task setup\``,
    };
  }

  if (/DeadKernelError|Kernel died/.test(text)) {
    return {
      notebook,
      cell: null,
      source: null,
      error:
        "DeadKernelError: the Deno kernel died while running the notebook (out of memory, or a crash in a native module)",
    };
  }

  const lastLines = text.split("\n").filter((line) => line.trim() !== "")
    .slice(-15);
  return {
    notebook,
    cell: null,
    source: null,
    error: lastLines.length === 0
      ? "nbconvert failed without printing an error"
      : lastLines.join("\n"),
  };
}

/**
 * Render a failure as a message for the terminal: the notebook, the cell
 * number, the error, then the cell's source.
 *
 * @param failure The failure to render.
 * @param notebookPath How to name the notebook (default its file name).
 * @returns Several lines of text, no trailing newline.
 * @throws Never.
 *
 * @example Name notebook and cell
 * ```ts
 * import assert from "node:assert/strict";
 * const message = formatCellFailure({
 *   notebook: "01_usage.ipynb", cell: 4, source: "frame.sum()", error: "TypeError: frame is undefined",
 * }, "notebooks/01_usage.ipynb");
 * assert.equal(message, [
 *   'Notebook "notebooks/01_usage.ipynb" failed at cell 4: TypeError: frame is undefined',
 *   "Cell 4:",
 *   "  frame.sum()",
 * ].join("\n"));
 * ```
 */
export function formatCellFailure(
  failure: CellFailure,
  notebookPath: string = failure.notebook,
): string {
  const where = failure.cell === null
    ? `Notebook "${notebookPath}" failed`
    : `Notebook "${notebookPath}" failed at cell ${failure.cell}`;
  const lines = [`${where}: ${failure.error}`];
  if (failure.source !== null) {
    lines.push(failure.cell === null ? "Cell:" : `Cell ${failure.cell}:`);
    for (const line of failure.source.split("\n")) lines.push(`  ${line}`);
  }
  return lines.join("\n");
}

/**
 * Thrown by {@linkcode runNotebooks} when a notebook fails; the message is
 * {@linkcode formatCellFailure}'s and `failure` keeps the parts.
 *
 * @example Catch and read the cell number
 * ```ts
 * import assert from "node:assert/strict";
 * const error = new NotebookExecutionError({
 *   notebook: "02_china_us_share.ipynb", cell: 5, source: "share.sum()", error: "TypeError: share is undefined",
 * });
 * assert.equal(error.failure.cell, 5);
 * assert.match(error.message, /^Notebook "02_china_us_share\.ipynb" failed at cell 5: TypeError/);
 * ```
 */
export class NotebookExecutionError extends Error {
  /** Which notebook and cell failed, and the error. */
  readonly failure: CellFailure;

  /**
   * Wrap a failure.
   *
   * @param failure Which notebook and cell failed, and the error.
   * @param notebookPath How to name the notebook in the message.
   */
  constructor(failure: CellFailure, notebookPath?: string) {
    super(formatCellFailure(failure, notebookPath));
    this.name = "NotebookExecutionError";
    this.failure = failure;
  }
}

/** A cell's source as one string. */
function joinSource(source: string | string[]): string {
  return (Array.isArray(source) ? source.join("") : source).replaceAll(
    "\r\n",
    "\n",
  );
}

/**
 * Remove ANSI colour and cursor codes (the kernel colours tracebacks and
 * plain-text results for a terminal).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(stripAnsi("\x1b[33m7\x1b[39m"), "7");
 * ```
 */
export function stripAnsi(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, "");
}

/**
 * Trim a kernel traceback: drop blank edges and nbclient's closing
 * `ename: evalue` line when the traceback already starts with it.
 */
function tidyTraceback(traceback: string): string {
  const lines = traceback.trim().split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === lines[0]) lines.pop();
  return lines.join("\n").trim();
}
