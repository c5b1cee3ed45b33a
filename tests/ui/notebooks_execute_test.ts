// SLOW: executes notebooks through Jupyter with the Deno kernel (a few
// seconds per notebook). Needs `jupyter` (apt: jupyter-nbconvert,
// jupyter-client, python3-nbclient, python3-ipykernel) and the kernel from
// `deno task setup`. Without them these tests are skipped on a developer's
// machine and fail in CI (CI set), where .ci/run installs both.
import assert from "node:assert/strict";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  jupyterMissing,
  listNotebooks,
  NotebookExecutionError,
  type NotebookProgress,
  runNotebooks,
  stripAnsi,
} from "../../lib/tooling/notebook_runner.ts";
import {
  OUTPUT_MARKER,
  OUTPUT_MARKER_TEXT,
} from "../../lib/tooling/output_dir.ts";
import { inTempDir, names, runTask } from "../_helpers.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const fixtures = join(root, "tests", "fixtures", "notebooks");
const ci = (Deno.env.get("CI") ?? "") !== "" && Deno.env.get("CI") !== "false";
const missing = await jupyterMissing();
const ignore = missing !== null && !ci;
if (ignore) {
  console.warn(`Skipping notebook execution tests: ${missing}`);
}

/**
 * A test that needs Jupyter and the Deno kernel, given a fresh temporary output
 * folder. Skipped when they are missing, except in CI, where it fails with the
 * reason.
 */
function notebookTest(
  name: string,
  body: (outDir: string) => Promise<void>,
): void {
  Deno.test({
    name,
    ignore,
    async fn() {
      assert.equal(
        missing,
        null,
        `CI must be able to run notebooks: ${missing}`,
      );
      await inTempDir(body);
    },
  });
}

interface ExecutedCell {
  cell_type: string;
  outputs?: { output_type: string; data?: Record<string, string | string[]> }[];
}

/** The cells of an executed notebook. */
async function executedCells(path: string): Promise<ExecutedCell[]> {
  return JSON.parse(await Deno.readTextFile(path)).cells;
}

/** Joined text of a mime bundle entry, which nbformat stores as a string or lines. */
function text(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join("") : value ?? "";
}

notebookTest(
  "deno task notebooks runs every notebook in notebooks/ against the bundled data, and each ends with a cell that shows output",
  async (outDir) => {
    const notebooks = await listNotebooks(join(root, "notebooks"));
    if (notebooks.length === 0) console.warn("notebooks/ has no notebooks yet");
    const run = await runTask("notebooks", ["--out", outDir], { cwd: root });
    const output = run.stdout + run.stderr;
    assert.equal(run.code, 0, output);
    for (const [i, notebook] of notebooks.entries()) {
      assert.match(
        output,
        new RegExp(
          `\\[${i + 1}/${notebooks.length}\\] ${
            notebook.replaceAll(".", "\\.")
          } \\.\\.\\. ok \\(\\d+\\.\\d s\\)`,
        ),
      );
    }

    const written = await names(join(outDir, "notebooks"));
    const expected = [
      OUTPUT_MARKER,
      "DATA.txt",
      ...notebooks.flatMap((name) => [name.replace(/\.ipynb$/, ".html"), name]),
    ].sort();
    assert.deepEqual(written, expected);

    for (const notebook of notebooks) {
      const cells = await executedCells(join(outDir, "notebooks", notebook));
      const errors = cells.flatMap((cell, i) =>
        (cell.outputs ?? []).some((output) => output.output_type === "error")
          ? [i + 1]
          : []
      );
      assert.deepEqual(errors, [], `${notebook}: error outputs in cells`);
      // The HTML shows dollar amounts as "$", never the markup that keeps
      // MathJax away from them as text.
      const html = await Deno.readTextFile(
        join(outDir, "notebooks", notebook.replace(/\.ipynb$/, ".html")),
      );
      assert.ok(
        !html.includes("&lt;span&gt;&#36;"),
        `${notebook}: the HTML shows "<span>$</span>" as text`,
      );
      const last = cells.at(-1);
      assert.equal(
        last?.cell_type,
        "code",
        `${notebook}: the last cell should be code that shows the summary`,
      );
      assert.ok(
        (last?.outputs ?? []).length > 0,
        `${notebook}: the last cell (cell ${cells.length}) produced no output`,
      );
    }
  },
);

notebookTest(
  "runNotebooks() gives the kernel the data folder in TOKENBOOK_DATA and the notebook's folder as working directory, and writes HTML",
  async (outDir) => {
    const dataDir = join(root, "data");
    const results = await runNotebooks({
      notebooksDir: fixtures,
      notebooks: ["passing.ipynb"],
      dataDir,
      outputDir: join(outDir, "notebooks"),
    });
    assert.deepEqual(results.map((result) => result.notebook), [
      "passing.ipynb",
    ]);

    const cells = await executedCells(
      join(outDir, "notebooks", "passing.ipynb"),
    );
    const summary = text(cells.at(-1)?.outputs?.[0]?.data?.["text/markdown"]);
    // A data folder inside the project reaches the kernel relative to the
    // notebook's folder, so no output prints the building machine's path.
    assert.equal(
      summary,
      `Data folder: **${
        relative(fixtures, dataDir)
      }**; working directory: **${fixtures}**`,
    );
    const html = await Deno.readTextFile(
      join(outDir, "notebooks", "passing.html"),
    );
    assert.ok(
      html.includes(`working directory: <strong>${fixtures}</strong>`),
    );
  },
);

notebookTest(
  "runNotebooks() keeps every result the kernel may publish late under its own cell (the grace period of cells ending in a bare expression)",
  async (outDir) => {
    await runNotebooks({
      notebooksDir: fixtures,
      notebooks: ["late_results.ipynb"],
      dataDir: join(root, "data"),
      outputDir: join(outDir, "notebooks"),
    });
    const cells = (await executedCells(
      join(outDir, "notebooks", "late_results.ipynb"),
    )).filter((cell) => cell.cell_type === "code");
    assert.equal(cells.length, 12);
    for (const [index, cell] of cells.entries()) {
      const i = index + 1;
      const results = (cell.outputs ?? []).filter((output) =>
        output.output_type === "execute_result"
      );
      assert.deepEqual(
        results.map((output) =>
          // The kernel colours its plain-text results for a terminal.
          stripAnsi(text(output.data?.["text/plain"]))
        ),
        [i % 3 === 0 ? `"cell ${i}: ${i * 7}"` : `${i * 7}`],
        `cell ${i}`,
      );
    }
  },
);

notebookTest(
  "runNotebooks() stops at the failing fixture with its name, cell 3 and the RangeError, and leaves the output folder untouched",
  async (outDir) => {
    const outputDir = join(outDir, "notebooks");
    await Deno.mkdir(outputDir);
    await Deno.writeTextFile(
      join(outputDir, OUTPUT_MARKER),
      OUTPUT_MARKER_TEXT,
    );
    await Deno.writeTextFile(
      join(outputDir, "previous.html"),
      "previous run",
    );
    const events: string[] = [];

    const error = await runNotebooks({
      notebooksDir: fixtures,
      notebooks: ["failing.ipynb", "passing.ipynb"],
      dataDir: join(root, "data"),
      outputDir,
      onProgress: (event: NotebookProgress) =>
        events.push(`${event.status} ${event.notebook}`),
    }).then(() => null, (error) => error);

    assert.ok(error instanceof NotebookExecutionError, String(error));
    assert.equal(error.failure.notebook, "failing.ipynb");
    assert.equal(error.failure.cell, 3);
    assert.equal(
      error.failure.source,
      "throw new RangeError(`fixture failure: answer is ${answer}`);",
    );
    assert.match(
      error.failure.error,
      /^RangeError: fixture failure: answer is 42\n\s+at /,
    );
    assert.deepEqual(events, ["start failing.ipynb", "failed failing.ipynb"]);
    assert.deepEqual(await names(outDir), ["notebooks"]);
    assert.deepEqual(await names(outputDir), [OUTPUT_MARKER, "previous.html"]);
  },
);

notebookTest(
  "deno task notebooks exits 1 and prints the failing notebook, its cell number and the error",
  async (outDir) => {
    const { code, stdout, stderr } = await runTask(
      "notebooks",
      // One at a time, so the run provably stops before the next notebook.
      ["--notebooks", fixtures, "--out", outDir, "--jobs", "1"],
      { cwd: root },
    );
    assert.equal(code, 1, stdout + stderr);
    assert.match(
      stdout,
      /\[1\/3\] failing\.ipynb \.\.\. failed \(\d+\.\d s\)/,
    );
    assert.ok(!stdout.includes("late_results.ipynb"), stdout);
    assert.ok(!stdout.includes("passing.ipynb"), stdout);
    assert.match(
      stderr,
      /^error: Notebook "tests\/fixtures\/notebooks\/failing\.ipynb" failed at cell 3: RangeError: fixture failure: answer is 42$/m,
    );
    assert.deepEqual(await names(outDir), []);
  },
);
