// Reading nbconvert's error output (lib/tooling/notebook_errors.ts): the
// failing cell and the error, without Jupyter. Moved from
// notebook_runner_test.ts when the runner was split (issue 25); unchanged.
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  type CellFailure,
  formatCellFailure,
  type NotebookCell,
  NotebookExecutionError,
  parseExecutionError,
} from "../../lib/tooling/notebook_errors.ts";

const fixtures = new URL("../fixtures/notebooks/", import.meta.url).pathname;

const failingCells: NotebookCell[] = JSON.parse(
  Deno.readTextFileSync(join(fixtures, "failing.ipynb")),
).cells;

Deno.test("parseExecutionError() names cell 3 and the RangeError from nbconvert's real output for the failing fixture", () => {
  // Captured from `jupyter nbconvert --execute` (nbconvert 6.5.3, Deno 2.9.6 kernel) on failing.ipynb.
  const stderr = Deno.readTextFileSync(
    join(fixtures, "failing.nbconvert-stderr.txt"),
  );
  assert.deepEqual(parseExecutionError("failing.ipynb", stderr, failingCells), {
    notebook: "failing.ipynb",
    cell: 3,
    source: "throw new RangeError(`fixture failure: answer is ${answer}`);",
    error: "RangeError: fixture failure: answer is 42\n    at <anonymous>:1:28",
  });
});

/** nbclient's CellExecutionError text for a cell source and a kernel traceback. */
function cellExecutionError(source: string, traceback: string): string {
  const ename = traceback.split(":")[0];
  const evalue = traceback.split("\n")[0].slice(ename.length + 2);
  return [
    "[NbConvertApp] Converting notebook x.ipynb to notebook",
    "Traceback (most recent call last):",
    '  File "/usr/bin/jupyter-nbconvert", line 33, in <module>',
    "nbclient.exceptions.CellExecutionError: An error occurred while executing the following cell:",
    "------------------",
    source,
    "------------------",
    "",
    traceback,
    `${ename}: ${evalue}`,
    "",
  ].join("\n");
}

Deno.test("parseExecutionError() counts markdown cells and names the first of several cells with the same source", () => {
  const cells: NotebookCell[] = [
    { cell_type: "markdown", source: "# Prices" },
    { cell_type: "markdown", source: "frame.head()" },
    { cell_type: "code", source: ["const frame = load();\n", "frame.head()"] },
    { cell_type: "code", source: "frame.head()" },
    { cell_type: "code", source: "frame.head()" },
  ];
  const failure = parseExecutionError(
    "03_prices.ipynb",
    cellExecutionError(
      "frame.head()",
      "\x1b[31mReferenceError\x1b[0m: frame is not defined\n    at <anonymous>:1:1",
    ),
    cells,
  );
  assert.equal(failure.cell, 4);
  assert.equal(
    failure.error,
    "ReferenceError: frame is not defined\n    at <anonymous>:1:1",
  );
});

Deno.test("parseExecutionError() matches a multi-line source that itself contains a dashed line", () => {
  const source = "// ------------------\nconst x = 1;\n------------------\nx";
  const cells: NotebookCell[] = [
    { cell_type: "code", source: "1" },
    { cell_type: "code", source },
  ];
  const failure = parseExecutionError(
    "a.ipynb",
    cellExecutionError(source, "SyntaxError: Unexpected token '--'"),
    cells,
  );
  assert.equal(failure.cell, 2);
  assert.equal(failure.error, "SyntaxError: Unexpected token '--'");
});

Deno.test("parseExecutionError() keeps the printed source but no cell number when the notebook changed meanwhile", () => {
  const failure = parseExecutionError(
    "a.ipynb",
    cellExecutionError("oldCell()", "TypeError: oldCell is not a function"),
    [{ cell_type: "code", source: "newCell()" }],
  );
  assert.deepEqual(failure, {
    notebook: "a.ipynb",
    cell: null,
    source: "oldCell()",
    error: "TypeError: oldCell is not a function",
  });
});

Deno.test("parseExecutionError() reports a timed-out cell with its number and the timeout in seconds", () => {
  const stderr = [
    "nbclient.exceptions.CellTimeoutError: A cell timed out while it was being executed, after 120 seconds.",
    "The message was: Cell execution timed out.",
    "Here is a preview of the cell contents:",
    "-------------------",
    "await new Promise(() => {});",
    "-------------------",
    "",
  ].join("\n");
  const failure = parseExecutionError("a.ipynb", stderr, [
    { cell_type: "markdown", source: "# Wait" },
    { cell_type: "code", source: "await new Promise(() => {});\n" },
  ]);
  assert.equal(failure.cell, 2);
  assert.equal(
    failure.error,
    "Timeout: the cell ran longer than 120 seconds (Cell execution timed out)",
  );
});

Deno.test("parseExecutionError() tells to run the setup task when the Deno kernel is not registered", () => {
  const stderr =
    "jupyter_client.kernelspec.NoSuchKernel: No such kernel named deno\n";
  const failure = parseExecutionError("a.ipynb", stderr, []);
  assert.equal(failure.cell, null);
  assert.match(failure.error, /no kernel named deno.*deno task setup/);
});

Deno.test("parseExecutionError() recognises a dead kernel", () => {
  const stderr = "nbclient.exceptions.DeadKernelError: Kernel died\n";
  assert.match(
    parseExecutionError("a.ipynb", stderr, []).error,
    /^DeadKernelError: the Deno kernel died/,
  );
});

Deno.test("parseExecutionError() falls back to the last 15 lines of unknown output", () => {
  const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
  const failure = parseExecutionError("a.ipynb", lines.join("\n\n"), []);
  assert.equal(failure.error, lines.slice(5).join("\n"));
  assert.equal(
    parseExecutionError("a.ipynb", "\n", []).error,
    "nbconvert failed without printing an error",
  );
});

Deno.test("formatCellFailure() says when the cell is unknown and leaves out a missing source", () => {
  const failure: CellFailure = {
    notebook: "01_usage.ipynb",
    cell: null,
    source: null,
    error: "DeadKernelError: the Deno kernel died",
  };
  assert.equal(
    formatCellFailure(failure),
    'Notebook "01_usage.ipynb" failed: DeadKernelError: the Deno kernel died',
  );
  const error = new NotebookExecutionError({
    ...failure,
    cell: 2,
    source: "a\nb",
  });
  assert.equal(error.name, "NotebookExecutionError");
  assert.equal(error.failure.cell, 2);
  assert.equal(
    error.message,
    'Notebook "01_usage.ipynb" failed at cell 2: DeadKernelError: the Deno kernel died\nCell 2:\n  a\n  b',
  );
});
