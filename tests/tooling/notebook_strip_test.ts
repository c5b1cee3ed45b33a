import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  DENO_KERNELSPEC,
  notebookProblems,
  stripNotebookOutputs,
} from "../../lib/tooling/notebook_strip.ts";

const FIXTURE = fileURLToPath(
  new URL("../fixtures/notebooks/passing.ipynb", import.meta.url),
);

Deno.test("stripNotebookOutputs() removes a session's outputs and counts, and the result has no problems", async () => {
  const stored = await Deno.readTextFile(FIXTURE);
  const notebook = JSON.parse(stored);
  const code = notebook.cells.find((c: { cell_type: string }) =>
    c.cell_type === "code"
  );
  code.execution_count = 3;
  code.outputs = [{ output_type: "stream", name: "stdout", text: ["hi\n"] }];
  const session = JSON.stringify(notebook, null, 1) + "\n";
  assert.ok(notebookProblems(session, "x.ipynb").length > 0);
  const stripped = stripNotebookOutputs(session, "x.ipynb");
  assert.deepEqual(notebookProblems(stripped, "x.ipynb"), []);
  const cells = JSON.parse(stripped).cells;
  for (const cell of cells) {
    if (cell.cell_type !== "code") continue;
    assert.deepEqual([cell.outputs, cell.execution_count], [[], null]);
  }
  assert.deepEqual(JSON.parse(stripped).metadata.kernelspec, DENO_KERNELSPEC);
  // Stripping is idempotent: the stored bytes strip to themselves.
  assert.equal(stripNotebookOutputs(stripped, "x.ipynb"), stripped);
});
