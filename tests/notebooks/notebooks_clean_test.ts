// Notebooks are stored in git without outputs, as nbformat 4 with the Deno
// kernelspec, so diffs show code changes only and every run starts clean.
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  DENO_KERNELSPEC,
  notebookProblems,
  STRIP_COMMAND,
  stripNotebookOutputs,
} from "../../cli/strip_notebooks.ts";
import { listNotebooks } from "../../lib/tooling/notebook_runner.ts";
import { inTempDir, runDeno } from "../_helpers.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The notebooks in `folder` (relative to the project root) as paths from the
 * root. In CI's fresh clone these are exactly the notebooks in git; on a
 * developer's machine new notebooks are checked too, before they are
 * committed.
 */
async function storedNotebooks(folder: string): Promise<string[]> {
  return (await listNotebooks(join(root, folder))).map((name) =>
    `${folder}/${name}`
  );
}

/**
 * The text git stores for `path`: the staged version (what the clean filter
 * made of the file when it was added, or the commit in a fresh clone), or
 * the file itself when it is not tracked or git is missing.
 */
async function storedText(path: string): Promise<string> {
  const staged = await new Deno.Command("git", {
    args: ["show", `:${path}`],
    cwd: root,
    stdout: "piped",
    stderr: "null",
  }).output().catch(() => null);
  if (staged?.success) return new TextDecoder().decode(staged.stdout);
  return await Deno.readTextFile(join(root, path));
}

/** Problems of every notebook in `paths` as git stores them, or "" when all are clean. */
async function problemsOf(paths: string[]): Promise<string> {
  const problems: string[] = [];
  for (const path of paths) {
    problems.push(...notebookProblems(await storedText(path), path));
  }
  if (problems.length === 0) return "";
  return `${problems.length} problem${
    problems.length === 1 ? "" : "s"
  } in stored notebooks:\n` +
    problems.map((problem) => `  ${problem}`).join("\n") +
    `\nStrip outputs with: ${STRIP_COMMAND}` +
    `\n(the kernelspec must be ${
      JSON.stringify(DENO_KERNELSPEC)
    }; nbformat 4.5 cells need unique ids)`;
}

Deno.test("every notebook in notebooks/ is stored without outputs, as nbformat 4 with the Deno kernelspec", async () => {
  const paths = await storedNotebooks("notebooks");
  const problems = await problemsOf(paths);
  assert.equal(problems, "", problems);
});

Deno.test("the fixture notebooks are stored clean too", async () => {
  const paths = await storedNotebooks("tests/fixtures/notebooks");
  assert.ok(
    paths.length >= 2,
    `expected the fixtures, found ${paths.join(", ")}`,
  );
  const problems = await problemsOf(paths);
  assert.equal(problems, "", problems);
});

const kernelspec = { ...DENO_KERNELSPEC };

/** An executed notebook as nbconvert writes it: counts, outputs and timings. */
const executed = {
  cells: [
    {
      cell_type: "markdown",
      id: "m1",
      metadata: {},
      source: ["# Usage\n", "Tokens per week."],
    },
    {
      cell_type: "code",
      execution_count: 1,
      id: "c1",
      metadata: {
        execution: { "iopub.status.busy": "2026-06-01T10:00:00Z" },
        tags: ["keep"],
      },
      outputs: [
        {
          data: { "text/plain": ["3.43T"] },
          execution_count: 1,
          metadata: {},
          output_type: "execute_result",
        },
        { name: "stdout", output_type: "stream", text: ["loaded\n"] },
      ],
      source: ["const total = 3.43e12;\n", "formatTokens(total)"],
    },
  ],
  metadata: { kernelspec, language_info: { name: "typescript" } },
  nbformat: 4,
  nbformat_minor: 5,
};

Deno.test("notebookProblems() reports every output, count and timing of an executed notebook and tells the path", () => {
  assert.deepEqual(
    notebookProblems(JSON.stringify(executed), "notebooks/01_usage.ipynb"),
    [
      "notebooks/01_usage.ipynb: cells[1].metadata.execution holds execution timings, expected none",
      "notebooks/01_usage.ipynb: cells[1].outputs has 2 entries, expected none",
      "notebooks/01_usage.ipynb: cells[1].execution_count is 1, expected null",
    ],
  );
});

Deno.test("notebookProblems() reports a wrong kernelspec, nbformat 3 and a duplicate cell id together", () => {
  const text = JSON.stringify({
    ...executed,
    cells: [executed.cells[0], { ...executed.cells[0] }],
    metadata: {
      kernelspec: {
        name: "python3",
        display_name: "Python 3",
        language: "python",
      },
    },
    nbformat: 3,
  });
  assert.deepEqual(notebookProblems(text, "a.ipynb"), [
    "a.ipynb: nbformat is 3, expected 4",
    'a.ipynb: metadata.kernelspec is {"name":"python3","display_name":"Python 3","language":"python"}, ' +
    'expected {"name":"deno","display_name":"Deno","language":"typescript"}',
    'a.ipynb: cells[1].id is "m1", expected an id not used before (cells[0] has it)',
  ]);
});

Deno.test("notebookProblems() reports text that is not JSON as one problem naming the file", () => {
  const problems = notebookProblems('{"cells": [', "notebooks/broken.ipynb");
  assert.equal(problems.length, 1);
  assert.match(
    problems[0],
    /^notebooks\/broken\.ipynb: not valid JSON \(.+\), expected an nbformat 4 notebook$/,
  );
});

Deno.test("stripNotebookOutputs() leaves sources, ids, tags and notebook metadata, and the result has no problems", () => {
  const stripped = stripNotebookOutputs(JSON.stringify(executed), "a.ipynb");
  assert.deepEqual(notebookProblems(stripped, "a.ipynb"), []);
  const notebook = JSON.parse(stripped);
  assert.deepEqual(notebook.cells[1], {
    cell_type: "code",
    execution_count: null,
    id: "c1",
    metadata: { tags: ["keep"] },
    outputs: [],
    source: ["const total = 3.43e12;\n", "formatTokens(total)"],
  });
  assert.deepEqual(notebook.cells[0], executed.cells[0]);
  assert.deepEqual(notebook.metadata, executed.metadata);
  assert.ok(
    stripped.startsWith('{\n "cells": [\n  {\n   "cell_type"'),
    "one-space indent like Jupyter",
  );
  assert.ok(stripped.endsWith("}\n"));
});

Deno.test("stripNotebookOutputs() returns a stored notebook's text unchanged, byte for byte, and rewrites other spacing", () => {
  const clean = stripNotebookOutputs(JSON.stringify(executed), "a.ipynb");
  assert.equal(stripNotebookOutputs(clean, "a.ipynb"), clean);
  const spaced = clean.replace('"cells"', '"cells"  ');
  assert.equal(stripNotebookOutputs(spaced, "a.ipynb"), clean);
  assert.deepEqual(notebookProblems(spaced, "a.ipynb"), [
    `a.ipynb: is not in the stored form (keys sorted, one-space indent, source as lines, language_info {"name":"typescript"}, final newline), expected the bytes ${STRIP_COMMAND} writes`,
  ]);
});

Deno.test("stripNotebookOutputs() refuses text that is not a notebook", () => {
  assert.throws(() => stripNotebookOutputs("[1, 2]", "a.ipynb"), SyntaxError);
  assert.throws(() => stripNotebookOutputs("{}", "a.ipynb"), TypeError);
});

/** Run the strip command; returns exit code and combined output. */
async function strip(
  args: string[],
  cwd: string,
): Promise<{ code: number; output: string }> {
  const { code, stdout, stderr } = await runDeno([
    // Exactly the documented command, with the script path made absolute.
    ...STRIP_COMMAND.split(" ").slice(1).map((arg) =>
      arg === "cli/strip_notebooks.ts" ? join(root, arg) : arg
    ),
    ...args,
  ], { cwd });
  return { code, output: stdout + stderr };
}

Deno.test("the strip command strips a folder in place, and --check then finds nothing", async () => {
  await inTempDir(async (dir) => {
    const path = join(dir, "01_usage.ipynb");
    await Deno.writeTextFile(path, JSON.stringify(executed));
    await Deno.writeTextFile(join(dir, "notes.txt"), "not a notebook");

    const before = await strip(["--check", "."], dir);
    assert.equal(before.code, 1, before.output);
    assert.match(before.output, /01_usage\.ipynb: has outputs/);
    assert.equal(await Deno.readTextFile(path), JSON.stringify(executed));

    const run = await strip(["."], dir);
    assert.equal(run.code, 0, run.output);
    assert.deepEqual(notebookProblems(await Deno.readTextFile(path), path), []);
    assert.equal(
      await Deno.readTextFile(join(dir, "notes.txt")),
      "not a notebook",
    );

    const after = await strip(["--check", "."], dir);
    assert.equal(after.code, 0, after.output);
    assert.match(after.output, /1 notebooks checked, 0 would change/);
  });
});

Deno.test("the strip command refuses to touch anything under data/", async () => {
  await inTempDir(async (dir) => {
    const raw = join(dir, "data", "raw");
    await Deno.mkdir(raw, { recursive: true });
    const path = join(raw, "x.ipynb");
    await Deno.writeTextFile(path, JSON.stringify(executed));
    for (const target of [path, raw, join(root, "data")]) {
      const run = await strip([target], dir);
      assert.equal(run.code, 2, run.output);
      assert.match(run.output, /under data\/ are never touched/);
    }
    assert.equal(await Deno.readTextFile(path), JSON.stringify(executed));
  });
});
