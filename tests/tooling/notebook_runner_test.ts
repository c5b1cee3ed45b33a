// Fast, offline tests of the notebook runner: no Jupyter needed. The real
// Jupyter run is in tests/ui/notebooks_execute_test.ts.
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  executeNotebookCommand,
  formatProgress,
  htmlCommand,
  listNotebooks,
  NotebookExecutionError,
  type NotebookProgress,
  runNotebooks,
} from "../../lib/tooling/notebook_runner.ts";
import { parseNotebooksArgs } from "../../cli/notebooks.ts";
import {
  OUTPUT_MARKER,
  OUTPUT_MARKER_TEXT,
} from "../../lib/tooling/output_dir.ts";
import { inTempDir, names } from "../_helpers.ts";

const fixtures = new URL("../fixtures/notebooks/", import.meta.url).pathname;
const paths = {
  cwd: "/home/ana/tokenbook/notebooks",
  root: "/home/ana/tokenbook",
};

Deno.test("parseNotebooksArgs() defaults to data/, out/ and notebooks/ in the project root", () => {
  assert.deepEqual(parseNotebooksArgs([], paths), {
    dataDir: "/home/ana/tokenbook/data",
    outDir: "/home/ana/tokenbook/out",
    notebooksDir: "/home/ana/tokenbook/notebooks",
    asOf: null,
    jobs: Math.min(2, navigator.hardwareConcurrency),
    help: false,
  });
});

Deno.test("parseNotebooksArgs() resolves given folders against the user's working directory", () => {
  assert.deepEqual(
    parseNotebooksArgs(
      ["--data", "../tests/fixtures", "--out=/tmp/run", "--notebooks", "."],
      paths,
    ),
    {
      dataDir: "/home/ana/tokenbook/tests/fixtures",
      outDir: "/tmp/run",
      notebooksDir: "/home/ana/tokenbook/notebooks",
      asOf: null,
      jobs: Math.min(2, navigator.hardwareConcurrency),
      help: false,
    },
  );
  assert.equal(parseNotebooksArgs(["--help"], paths).help, true);
  assert.equal(parseNotebooksArgs(["-h"], paths).help, true);
});

Deno.test("parseNotebooksArgs() rejects unknown options, stray arguments and empty folders with a TypeError", () => {
  for (
    const args of [
      ["--date", "data"],
      ["data"],
      ["--data"],
      ["--out="],
    ]
  ) {
    assert.throws(
      () => parseNotebooksArgs(args, paths),
      TypeError,
      args.join(" "),
    );
  }
});

Deno.test("parseNotebooksArgs() takes --as-of like report --as-of and refuses a day that does not exist", () => {
  assert.equal(
    parseNotebooksArgs(["--as-of", "2026-06-07"], paths).asOf,
    "2026-06-07",
  );
  assert.equal(
    parseNotebooksArgs(["--as-of=2026-06-07"], paths).asOf,
    "2026-06-07",
  );
  assert.throws(
    () => parseNotebooksArgs(["--as-of", "2026-02-30"], paths),
    (error: Error) =>
      error instanceof TypeError && error.name === "UsageError" &&
      error.message ===
        '--as-of is "2026-02-30", expected a calendar date YYYY-MM-DD that exists (such as 2026-06-07)',
  );
});

Deno.test("runNotebooks() passes --as-of to every kernel in TOKENBOOK_AS_OF, sets it empty without one, and records it in DATA.txt", async () => {
  await inTempDir(async (dir) => {
    const { program, log } = await fakeJupyter(dir);
    const notebooksDir = join(dir, "notebooks");
    await Deno.mkdir(notebooksDir);
    await Deno.mkdir(join(dir, "data"));
    await Deno.writeTextFile(
      join(notebooksDir, "01_a.ipynb"),
      notebookJson("1"),
    );
    const run = (outputDir: string, asOf?: string) =>
      runNotebooks({
        notebooksDir,
        dataDir: join(dir, "data"),
        outputDir: join(dir, outputDir),
        jupyter: program,
        asOf,
      });
    await run("cut", "2026-06-07");
    await run("all");
    const asOfs = (await Deno.readTextFile(log)).trim().split("\n")
      .filter((call) => call.includes("GraceExecutePreprocessor"))
      .map((call) => call.split("|")[3]);
    assert.deepEqual(asOfs, ["2026-06-07", ""]);
    assert.equal(
      await Deno.readTextFile(join(dir, "cut", "DATA.txt")),
      `${join(dir, "data")}\nas of 2026-06-07\n`,
    );
    assert.equal(
      await Deno.readTextFile(join(dir, "all", "DATA.txt")),
      `${join(dir, "data")}\n`,
    );
    await assert.rejects(() => run("bad", "June"), RangeError);
  });
});

Deno.test("executeNotebookCommand() runs nbconvert with the Deno kernel, the cell timeout and the output folder", () => {
  assert.deepEqual(
    executeNotebookCommand(
      "02_china_us_share.ipynb",
      "/tmp/out/.notebooks.tmp-1",
    ),
    {
      command: "jupyter",
      args: [
        "nbconvert",
        "--to",
        "notebook",
        '--NotebookExporter.preprocessors=["tokenbook_execute.GraceExecutePreprocessor"]',
        "--GraceExecutePreprocessor.enabled=True",
        "--GraceExecutePreprocessor.kernel_name=deno",
        "--GraceExecutePreprocessor.timeout=120",
        "--output-dir=/tmp/out/.notebooks.tmp-1",
        "02_china_us_share.ipynb",
      ],
    },
  );
  const custom = executeNotebookCommand("a.ipynb", "/o", {
    jupyter: "/opt/jupyter/bin/jupyter",
    kernelName: "deno-dev",
    timeoutSeconds: 30,
  });
  assert.equal(custom.command, "/opt/jupyter/bin/jupyter");
  assert.ok(
    custom.args.includes("--GraceExecutePreprocessor.kernel_name=deno-dev"),
  );
  assert.ok(custom.args.includes("--GraceExecutePreprocessor.timeout=30"));
});

Deno.test("executeNotebookCommand() refuses a timeout that is not a positive whole number of seconds", () => {
  for (const timeoutSeconds of [0, -5, 1.5, Number.NaN]) {
    assert.throws(
      () => executeNotebookCommand("a.ipynb", "/o", { timeoutSeconds }),
      RangeError,
    );
  }
});

Deno.test("htmlCommand() renders the executed copy to HTML without executing it again", () => {
  const { command, args } = htmlCommand("/o/01_usage.ipynb", "/o");
  assert.equal(command, "jupyter");
  assert.deepEqual(args, [
    "nbconvert",
    "--to",
    "html",
    "--output-dir=/o",
    "/o/01_usage.ipynb",
  ]);
  assert.ok(!args.includes("--execute"));
});

Deno.test("formatProgress() ends a failed line with the seconds rounded to one decimal", () => {
  const event: NotebookProgress = {
    status: "failed",
    index: 3,
    total: 5,
    notebook: "03_prices.ipynb",
    seconds: 12.25,
  };
  assert.equal(formatProgress(event), "failed (12.3 s)");
  assert.equal(
    formatProgress({ ...event, status: "start" }),
    "[3/5] 03_prices.ipynb ... ",
  );
});

Deno.test("listNotebooks() returns no notebooks for a folder that does not exist", async () => {
  assert.deepEqual(await listNotebooks("/nonexistent/tokenbook/notebooks"), []);
});

Deno.test("listNotebooks() lists the fixture notebooks by name, skipping other files", async () => {
  assert.deepEqual(await listNotebooks(fixtures), [
    "failing.ipynb",
    "late_results.ipynb",
    "passing.ipynb",
  ]);
});

/**
 * A stand-in for `jupyter` that logs each call (working directory,
 * TOKENBOOK_DATA, arguments), copies notebooks instead of executing them,
 * and fails like nbconvert for a notebook containing FAIL.
 */
async function fakeJupyter(
  dir: string,
): Promise<{ program: string; log: string }> {
  const program = join(dir, "fake-jupyter");
  const log = join(dir, "calls.log");
  await Deno.writeTextFile(
    program,
    `#!/usr/bin/env bash
set -euo pipefail
echo "$PWD|\${TOKENBOOK_DATA:-}|$*|\${TOKENBOOK_AS_OF-unset}" >> '${log}'
nb="\${!#}"
for arg in "$@"; do case "$arg" in --output-dir=*) out="\${arg#--output-dir=}";; esac; done
if [ "$3" = notebook ]; then
  if grep -q FAIL "$nb"; then
    printf 'nbclient.exceptions.CellExecutionError: An error occurred while executing the following cell:\\n------------------\\nFAIL()\\n------------------\\n\\nReferenceError: FAIL is not defined\\n' >&2
    exit 1
  fi
  cp "$nb" "$out/"
else
  echo "<html>$(basename "$nb")</html>" > "$out/$(basename "$nb" .ipynb).html"
fi
`,
  );
  await Deno.chmod(program, 0o755);
  return { program, log };
}

/** A minimal notebook whose only code cell has `source`. */
function notebookJson(source: string): string {
  return JSON.stringify({
    cells: [
      { cell_type: "markdown", metadata: {}, source: "# Title" },
      {
        cell_type: "code",
        execution_count: null,
        metadata: {},
        outputs: [],
        source,
      },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  });
}

Deno.test("runNotebooks() runs each notebook in the notebooks folder with the data folder in TOKENBOOK_DATA, then renders HTML", async () => {
  await inTempDir(async (dir) => {
    const { program, log } = await fakeJupyter(dir);
    const notebooksDir = join(dir, "notebooks");
    await Deno.mkdir(notebooksDir);
    await Deno.mkdir(join(dir, "data"));
    for (const name of ["02_b.ipynb", "01_a.ipynb"]) {
      await Deno.writeTextFile(join(notebooksDir, name), notebookJson("1"));
    }
    await Deno.mkdir(join(dir, "out", "notebooks"), { recursive: true });
    await Deno.writeTextFile(
      join(dir, "out", "notebooks", OUTPUT_MARKER),
      OUTPUT_MARKER_TEXT,
    );
    await Deno.writeTextFile(join(dir, "out", "notebooks", "stale.html"), "x");
    const events: string[] = [];

    const results = await runNotebooks({
      notebooksDir,
      dataDir: join(dir, "data"),
      outputDir: join(dir, "out", "notebooks"),
      jupyter: program,
      onProgress: (event) =>
        events.push(
          `${event.status} ${event.index}/${event.total} ${event.notebook}`,
        ),
    });

    assert.deepEqual(results.map((result) => result.notebook), [
      "01_a.ipynb",
      "02_b.ipynb",
    ]);
    assert.deepEqual(events, [
      "start 1/2 01_a.ipynb",
      "ok 1/2 01_a.ipynb",
      "start 2/2 02_b.ipynb",
      "ok 2/2 02_b.ipynb",
    ]);
    const calls = (await Deno.readTextFile(log)).trim().split("\n");
    assert.equal(calls.length, 4);
    for (const call of calls) {
      const [cwd, data, args] = call.split("|");
      assert.equal(cwd, notebooksDir);
      if (args.includes("GraceExecutePreprocessor")) {
        assert.equal(data, join(dir, "data"));
      }
    }
    assert.match(
      calls[0],
      /GraceExecutePreprocessor.enabled=True .*01_a\.ipynb\|/,
    );
    assert.match(calls[1], /--to html .*01_a\.ipynb\|/);
    assert.deepEqual(await names(join(dir, "out", "notebooks")), [
      OUTPUT_MARKER,
      "01_a.html",
      "01_a.ipynb",
      "02_b.html",
      "02_b.ipynb",
      "DATA.txt",
    ]);
  });
});

Deno.test("runNotebooks() stops at the first failing notebook, names its cell and leaves the output folder as it was", async () => {
  await inTempDir(async (dir) => {
    const { program, log } = await fakeJupyter(dir);
    const notebooksDir = join(dir, "notebooks");
    await Deno.mkdir(notebooksDir);
    await Deno.writeTextFile(
      join(notebooksDir, "01_a.ipynb"),
      notebookJson("1"),
    );
    await Deno.writeTextFile(
      join(notebooksDir, "02_b.ipynb"),
      notebookJson("FAIL()"),
    );
    await Deno.writeTextFile(
      join(notebooksDir, "03_c.ipynb"),
      notebookJson("3"),
    );
    const outputDir = join(dir, "out", "notebooks");
    await Deno.mkdir(outputDir, { recursive: true });
    await Deno.writeTextFile(
      join(outputDir, OUTPUT_MARKER),
      OUTPUT_MARKER_TEXT,
    );
    await Deno.writeTextFile(join(outputDir, "01_a.html"), "previous run");
    await Deno.mkdir(join(dir, "data"));

    const error = await runNotebooks({
      notebooksDir,
      dataDir: join(dir, "data"),
      outputDir,
      jupyter: program,
    }).then(() => null, (error) => error);

    assert.ok(error instanceof NotebookExecutionError, String(error));
    assert.deepEqual(error.failure, {
      notebook: "02_b.ipynb",
      cell: 2,
      source: "FAIL()",
      error: "ReferenceError: FAIL is not defined",
    });
    const calls = await Deno.readTextFile(log);
    assert.ok(!calls.includes("03_c.ipynb"), "03_c.ipynb must not run");
    assert.deepEqual(await names(join(dir, "out")), ["notebooks"]);
    assert.equal(
      await Deno.readTextFile(join(outputDir, "01_a.html")),
      "previous run",
    );
  });
});

Deno.test("runNotebooks() refuses a data folder that does not exist before running anything", async () => {
  await inTempDir(async (dir) => {
    await assert.rejects(
      runNotebooks({
        notebooksDir: fixtures,
        dataDir: join(dir, "no-data"),
        outputDir: join(dir, "out"),
        jupyter: "/nonexistent/jupyter",
      }),
      { name: "NotFound", message: /data folder ".*no-data" does not exist/ },
    );
    assert.deepEqual([...Deno.readDirSync(dir)], []);
  });
});

Deno.test("runNotebooks() says how to install Jupyter when the program is missing", async () => {
  await inTempDir(async (dir) => {
    await Deno.mkdir(join(dir, "data"));
    await assert.rejects(
      runNotebooks({
        notebooksDir: fixtures,
        notebooks: ["passing.ipynb"],
        dataDir: join(dir, "data"),
        outputDir: join(dir, "out"),
        jupyter: "/nonexistent/jupyter",
      }),
      {
        name: "NotFound",
        message: /"\/nonexistent\/jupyter" is not installed: apt-get install/,
      },
    );
  });
});
