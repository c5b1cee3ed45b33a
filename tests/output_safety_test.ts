// Slow (~20 s): besides fast checks of writeOutputDir(), builds the report on
// copies of data/ and runs the report and charts commands as subprocesses.
// Every folder written here is a temporary one; data/ is only read.
//
// The data-loss cases come from a review: `--data /tmp/x/mydata --out /tmp/x`
// deleted mydata, `--out` equal to the data folder replaced it, and any
// existing folder given as --out was wiped.
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  markerText,
  OUTPUT_MARKER,
  OUTPUT_MARKER_TEXT,
  writeOutputDir,
} from "../lib/tooling/output_dir.ts";
import { runNotebooks } from "../lib/tooling/notebook_runner.ts";
import { buildReport } from "../lib/report/report.ts";
import { loadWorkspace, WorkspaceError } from "../lib/loading/workspace.ts";
import { copyDir, inTempDir, names, runDeno } from "./_helpers.ts";

const REPORT_CLI = new URL("../cli/report.ts", import.meta.url).pathname;
const CHARTS_CLI = new URL("../cli/charts.ts", import.meta.url).pathname;
const PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-ffi",
  "--allow-env",
  "--allow-sys",
];
const RANKINGS = "raw/rankings-daily/2026-05-24_2026-06-22.json";

/** Every file below `dir` as relative path → bytes, sorted by path. */
async function snapshot(dir: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  async function walk(sub: string): Promise<void> {
    const entries: Deno.DirEntry[] = [];
    for await (const entry of Deno.readDir(join(dir, sub))) {
      entries.push(entry);
    }
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const entry of entries) {
      const rel = sub === "" ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory) await walk(rel);
      else files.set(rel, await Deno.readFile(join(dir, rel)));
    }
  }
  await walk("");
  return files;
}

/** Assert that `dir` holds exactly the files of `before`, byte for byte. */
async function assertUnchanged(
  dir: string,
  before: Map<string, Uint8Array>,
): Promise<void> {
  const after = await snapshot(dir);
  assert.deepEqual([...after.keys()], [...before.keys()]);
  for (const [path, bytes] of before) {
    assert.deepEqual(after.get(path), bytes, path);
  }
}

/** The messages writeOutputDir() refuses with, for an output folder `out` and a protected folder `input`. */
const refusal = {
  holds: (out: string, input: string) =>
    `Cannot write output folder "${out}": it holds the input folder "${input}", which replacing it would delete; choose another --out`,
  is: (out: string, input: string) =>
    `Cannot write output folder "${out}": it is the input folder "${input}", which replacing it would delete; choose another --out`,
  inside: (out: string, input: string) =>
    `Cannot write output folder "${out}": it is inside the input folder "${input}", which no command may write into; choose another --out`,
  foreign: (out: string) =>
    new RegExp(
      `^Cannot write output folder "${
        out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      }": it exists and holds \\d+ file\\(s\\) tokenbook did not write \\(.+\\); move them elsewhere or choose another --out$`,
    ),
};

/** A build that counts its calls and writes one file. */
function countingBuild(): {
  build: (dir: string) => Promise<void>;
  calls: () => number;
} {
  let calls = 0;
  return {
    build: async (dir) => {
      calls++;
      await Deno.writeTextFile(join(dir, "report.md"), "# new\n");
    },
    calls: () => calls,
  };
}

Deno.test("writeOutputDir() refuses an output folder that holds, is or lies inside a protected folder, before building anything", async () => {
  await inTempDir(async (parent) => {
    const x = join(parent, "x");
    const mydata = join(x, "mydata");
    await Deno.mkdir(join(mydata, "raw", "rankings-daily"), {
      recursive: true,
    });
    await Deno.writeTextFile(join(mydata, "claims.csv"), "id\n");
    await Deno.writeTextFile(
      join(mydata, "raw", "rankings-daily", "a.json"),
      "[]",
    );
    const before = await snapshot(parent);
    const { build, calls } = countingBuild();

    for (
      const [outDir, message] of [
        [x, refusal.holds(x, mydata)],
        [mydata, refusal.is(mydata, mydata)],
        [join(mydata, "out"), refusal.inside(join(mydata, "out"), mydata)],
        [`${mydata}/../mydata/`, refusal.is(mydata, mydata)],
      ]
    ) {
      await assert.rejects(
        writeOutputDir(outDir, build, { protect: [mydata] }),
        { name: "RangeError", message },
      );
    }
    assert.equal(calls(), 0);
    await assertUnchanged(parent, before);
  });
});

Deno.test("writeOutputDir() follows symbolic links when it compares the output folder with a protected one", async () => {
  await inTempDir(async (parent) => {
    const mydata = join(parent, "mydata");
    await Deno.mkdir(mydata);
    await Deno.writeTextFile(join(mydata, "claims.csv"), "id\n");
    const link = join(parent, "link");
    await Deno.symlink(mydata, link);
    const before = await snapshot(mydata);

    await assert.rejects(
      writeOutputDir(link, countingBuild().build, { protect: [mydata] }),
      { name: "RangeError", message: refusal.is(link, mydata) },
    );
    await assert.rejects(
      writeOutputDir(join(link, "out"), countingBuild().build, {
        protect: [mydata],
      }),
      {
        name: "RangeError",
        message: refusal.inside(join(link, "out"), mydata),
      },
    );
    await assertUnchanged(mydata, before);
    assert.deepEqual(await names(parent), ["link", "mydata"]);
  });
});

Deno.test("writeOutputDir() refuses a non-empty folder it did not write and leaves it untouched", async () => {
  await inTempDir(async (parent) => {
    const foreign = join(parent, "thesis");
    await Deno.mkdir(join(foreign, "chapters"), { recursive: true });
    await Deno.writeTextFile(join(foreign, "notes.txt"), "my notes\n");
    await Deno.writeTextFile(join(foreign, "chapters", "01.md"), "# One\n");
    const file = join(parent, "notes.md");
    await Deno.writeTextFile(file, "not a folder\n");
    const before = await snapshot(parent);
    const { build, calls } = countingBuild();

    for (
      const [outDir, message] of [
        [foreign, refusal.foreign(foreign)],
        [
          file,
          `Cannot write output folder "${file}": it exists and is not a folder; remove it or choose another --out`,
        ],
      ] as [string, string | RegExp][]
    ) {
      await assert.rejects(writeOutputDir(outDir, build), {
        name: "RangeError",
        message,
      });
    }
    assert.equal(calls(), 0);
    await assertUnchanged(parent, before);
  });
});

Deno.test("writeOutputDir() writes into a missing or empty folder and adds the marker", async () => {
  await inTempDir(async (parent) => {
    const empty = join(parent, "empty");
    await Deno.mkdir(empty);
    for (const outDir of [join(parent, "missing"), empty]) {
      await writeOutputDir(outDir, countingBuild().build);
      assert.deepEqual(await names(outDir), [OUTPUT_MARKER, "report.md"]);
    }
    assert.equal(
      await Deno.readTextFile(join(empty, OUTPUT_MARKER)),
      "Written by tokenbook (writeOutputDir); tokenbook commands replace this folder whole.\nFiles written by tokenbook:\nreport.md\n",
    );
    assert.deepEqual(await names(parent), ["empty", "missing"]);
  });
});

Deno.test("writeOutputDir() replaces the files it wrote before, and refuses when a user added a file, leaving it untouched", async () => {
  await inTempDir(async (parent) => {
    const outDir = join(parent, "out");
    await writeOutputDir(outDir, async (dir) => {
      await Deno.mkdir(join(dir, "charts"));
      await Deno.writeTextFile(join(dir, "charts", "old.svg"), "<svg/>");
    });

    // Only files of its manifest: replaced whole, stale chart gone.
    await writeOutputDir(outDir, countingBuild().build);
    const files = await snapshot(outDir);
    assert.deepEqual([...files.keys()], [OUTPUT_MARKER, "report.md"]);
    assert.equal(
      new TextDecoder().decode(files.get(OUTPUT_MARKER)),
      markerText(["report.md"]),
    );

    // A file the user added: refused, nothing changes.
    await Deno.writeTextFile(join(outDir, "my notes.md"), "mine");
    const before = await snapshot(outDir);
    const counting = countingBuild();
    await assert.rejects(writeOutputDir(outDir, counting.build), {
      name: "RangeError",
      message: new RegExp(
        `^Cannot write output folder "${outDir}": it exists and holds 1 file\\(s\\) tokenbook did not write \\("${
          join(outDir, "my notes.md")
        }"\\)`,
      ),
    });
    assert.equal(counting.calls(), 0);
    assert.deepEqual(await snapshot(outDir), before);
    assert.deepEqual(await names(parent), ["out"]);
  });
});

Deno.test("writeOutputDir() replaces a folder that lies inside a folder it wrote (out/charts after the report)", async () => {
  await inTempDir(async (parent) => {
    const outDir = join(parent, "out");
    await writeOutputDir(outDir, async (dir) => {
      await Deno.mkdir(join(dir, "charts"));
      await Deno.writeTextFile(join(dir, "charts", "old.svg"), "<svg/>");
    });

    await writeOutputDir(join(outDir, "charts"), async (dir) => {
      await Deno.writeTextFile(join(dir, "new.svg"), "<svg/>");
    });

    assert.deepEqual(await names(join(outDir, "charts")), [
      OUTPUT_MARKER,
      "new.svg",
    ]);
  });
});

Deno.test("writeOutputDir() replaces an unmarked folder holding only kept entries and folders it wrote, and carries the kept entries over", async () => {
  await inTempDir(async (parent) => {
    // `deno task notebooks`, `deno task charts` and `deno task bench` ran
    // before the first report: out/ itself has no marker.
    const outDir = join(parent, "out");
    await writeOutputDir(join(outDir, "notebooks"), async (dir) => {
      await Deno.writeTextFile(join(dir, "01_usage.html"), "<html>1</html>");
    });
    await writeOutputDir(join(outDir, "charts"), async (dir) => {
      await Deno.writeTextFile(join(dir, "old.svg"), "<svg/>");
    });
    await Deno.writeTextFile(join(outDir, "bench.md"), "# benchmarks\n");

    await writeOutputDir(outDir, countingBuild().build, {
      keep: ["notebooks", "bench.md"],
    });

    assert.deepEqual([...(await snapshot(outDir)).keys()], [
      OUTPUT_MARKER,
      "bench.md",
      `notebooks/${OUTPUT_MARKER}`,
      "notebooks/01_usage.html",
      "report.md",
    ]);
    assert.equal(
      await Deno.readTextFile(join(outDir, "bench.md")),
      "# benchmarks\n",
    );

    // An unmarked folder with anything else in it is refused.
    const other = join(parent, "other");
    await Deno.mkdir(other);
    await Deno.writeTextFile(join(other, "bench.md"), "# benchmarks\n");
    await Deno.writeTextFile(join(other, "draft.md"), "# mine\n");
    await assert.rejects(
      writeOutputDir(other, countingBuild().build, {
        keep: ["notebooks", "bench.md"],
      }),
      { name: "RangeError", message: refusal.foreign(other) },
    );
    assert.deepEqual(await names(other), ["bench.md", "draft.md"]);
  });
});

Deno.test("writeOutputDir() keeps refusing to write into data/raw", async () => {
  await inTempDir(async (parent) => {
    const raw = join(parent, "data", "raw");
    await Deno.mkdir(raw, { recursive: true });
    await assert.rejects(
      writeOutputDir(join(raw, "x"), countingBuild().build),
      {
        name: "RangeError",
        message:
          `Cannot write output folder "${raw}/x": it is inside the raw data folder "${raw}", which no command may write into`,
      },
    );
    assert.deepEqual(await names(raw), []);
  });
});

Deno.test("runNotebooks() refuses the notebooks folder or a folder inside the data folder as output, before running any notebook", async () => {
  await inTempDir(async (parent) => {
    const data = join(parent, "data");
    const notebooks = join(parent, "notebooks");
    await Deno.mkdir(data);
    await Deno.mkdir(notebooks);
    await Deno.writeTextFile(join(notebooks, "01_usage.ipynb"), "{}");
    const before = await snapshot(parent);

    for (
      const [outputDir, message] of [
        [notebooks, refusal.is(notebooks, notebooks)],
        [
          join(data, "notebooks"),
          refusal.inside(join(data, "notebooks"), data),
        ],
      ]
    ) {
      await assert.rejects(
        runNotebooks({
          notebooksDir: notebooks,
          dataDir: data,
          outputDir,
          // Never run: the output folder is refused first.
          jupyter: "no-such-jupyter-program",
        }),
        { name: "RangeError", message },
      );
    }
    await assertUnchanged(parent, before);
  });
});

Deno.test("runNotebooks() records the data folder in DATA.txt, relative to the working directory when below it, and the rankings period it holds", async () => {
  await inTempDir(async (parent) => {
    const outputDir = join(parent, "out", "notebooks");
    await runNotebooks({
      notebooksDir: join(parent, "notebooks"),
      dataDir: "data",
      outputDir,
      notebooks: [],
    });
    assert.equal(
      await Deno.readTextFile(join(outputDir, "DATA.txt")),
      "data\nrankings-daily 2026-05-24 … 2026-06-22\n",
    );

    const elsewhere = join(parent, "mydata");
    await Deno.mkdir(elsewhere);
    await runNotebooks({
      notebooksDir: join(parent, "notebooks"),
      dataDir: elsewhere,
      outputDir,
      notebooks: [],
    });
    assert.deepEqual(await names(outputDir), [OUTPUT_MARKER, "DATA.txt"]);
    assert.equal(
      await Deno.readTextFile(join(outputDir, "DATA.txt")),
      `${elsewhere}\n`,
    );
  });
});

Deno.test("buildReport() refuses an output folder that holds, is or lies inside the data folder, or is a foreign folder, and leaves them byte-identical", async () => {
  await inTempDir(async (parent) => {
    const x = join(parent, "x");
    const mydata = join(x, "mydata");
    await copyDir("data", mydata);
    const foreign = join(parent, "thesis");
    await Deno.mkdir(foreign);
    await Deno.writeTextFile(join(foreign, "notes.txt"), "my notes\n");
    const y = join(parent, "y");
    const chartsData = join(y, "charts");
    await copyDir("data", chartsData);
    const before = await snapshot(parent);

    for (
      const [outDir, message] of [
        [x, refusal.holds(x, mydata)],
        [mydata, refusal.is(mydata, mydata)],
        [join(mydata, "out"), refusal.inside(join(mydata, "out"), mydata)],
        [foreign, refusal.foreign(foreign)],
      ] as [string, string | RegExp][]
    ) {
      await assert.rejects(buildReport({ dataDir: mydata, outDir }), {
        name: "RangeError",
        message,
      });
    }
    // --charts-only replaces OUT/charts: refused when that is the data folder.
    await assert.rejects(
      buildReport({ dataDir: chartsData, outDir: y, chartsOnly: true }),
      { name: "RangeError", message: refusal.is(chartsData, chartsData) },
    );
    await assertUnchanged(parent, before);
  });
});

Deno.test("buildReport() replaces its previous output folder but keeps notebooks/ and bench.md from other commands", async () => {
  await inTempDir(async (parent) => {
    const outDir = join(parent, "out");
    await writeOutputDir(outDir, async (dir) => {
      await Deno.writeTextFile(join(dir, "stale.md"), "# old report\n");
    });
    await writeOutputDir(join(outDir, "notebooks"), async (dir) => {
      await Deno.writeTextFile(join(dir, "01_usage.html"), "<html>1</html>");
    });
    await Deno.writeTextFile(join(outDir, "bench.md"), "# benchmarks\n");

    await buildReport({ dataDir: "data", outDir });

    const top = await names(outDir);
    assert.deepEqual(top, [
      OUTPUT_MARKER,
      "bench.md",
      "charts",
      "claims.json",
      "claims.md",
      "index.html",
      "notebooks",
      "report.md",
      "summary.json",
      "tables",
    ]);
    assert.equal(
      await Deno.readTextFile(join(outDir, "bench.md")),
      "# benchmarks\n",
    );
    assert.equal(
      await Deno.readTextFile(join(outDir, "notebooks", "01_usage.html")),
      "<html>1</html>",
    );
    const marker = await Deno.readTextFile(join(outDir, OUTPUT_MARKER));
    assert.ok(marker.startsWith(OUTPUT_MARKER_TEXT));
    for (const file of ["bench.md", "report.md", "tables/weekly_totals.csv"]) {
      assert.ok(marker.includes(`\n${file}\n`), file);
    }
  });
});

Deno.test("the report command exits 2 and leaves the data folder byte-identical when --out holds it", async () => {
  await inTempDir(async (parent) => {
    const x = join(parent, "x");
    const mydata = join(x, "mydata");
    await copyDir("data", mydata);
    const before = await snapshot(parent);

    const { code, stdout, stderr } = await runDeno([
      "run",
      ...PERMISSIONS,
      REPORT_CLI,
      "--data",
      mydata,
      "--out",
      x,
    ]);

    assert.equal(code, 2, stderr);
    assert.equal(stdout, "");
    assert.equal(
      stderr,
      `error: ${refusal.holds(x, mydata)}\nNothing was written.\n`,
    );
    await assertUnchanged(parent, before);
  });
});

Deno.test("the report and charts commands print every problem with its file and record and exit 1 on bad data", async () => {
  await inTempDir(async (parent) => {
    const data = join(parent, "data");
    await copyDir("data", data);
    const file = join(data, RANKINGS);
    const rankings = JSON.parse(await Deno.readTextFile(file));
    rankings.data[12].total_tokens = "-5";
    rankings.data[40].date = "2026-06-31";
    await Deno.writeTextFile(file, JSON.stringify(rankings, null, 1));
    const out = join(parent, "out");

    for (const cli of [REPORT_CLI, CHARTS_CLI]) {
      const { code, stdout, stderr } = await runDeno([
        "run",
        ...PERMISSIONS,
        cli,
        "--data",
        data,
        "--out",
        out,
      ]);
      assert.equal(code, 1, stderr);
      assert.equal(stdout, "");
      assert.equal(
        stderr,
        [
          `error: ${file}: data[12].total_tokens is "-5", expected a non-negative integer (decimal string) below 2^53`,
          `error: ${file}: data[40].date is "2026-06-31", expected a calendar date YYYY-MM-DD`,
          "",
          `2 error(s) in ${data}: nothing was written`,
          "",
        ].join("\n"),
      );
    }
    assert.deepEqual(await names(parent), ["data"]);
  });
});

Deno.test("the report command exits 2 on --as-of 2026-02-30, a date that does not exist", async () => {
  await inTempDir(async (parent) => {
    const { code, stdout, stderr } = await runDeno([
      "run",
      ...PERMISSIONS,
      REPORT_CLI,
      "--data",
      "data",
      "--out",
      join(parent, "out"),
      "--as-of",
      "2026-02-30",
    ]);
    assert.equal(code, 2, stderr);
    assert.equal(stdout, "");
    assert.equal(
      stderr.split("\n")[0],
      'error: --as-of is "2026-02-30", expected a calendar date YYYY-MM-DD that exists (such as 2026-06-07)',
    );
    assert.match(stderr, /\nUsage: deno task report /);
    assert.deepEqual(await names(parent), []);
  });
});

Deno.test("the report command exits 1 naming claims.csv when it is missing", async () => {
  await inTempDir(async (parent) => {
    const data = join(parent, "data");
    await copyDir("data", data);
    await Deno.remove(join(data, "claims.csv"));
    const claims = join(data, "claims.csv");

    const { code, stdout, stderr } = await runDeno([
      "run",
      ...PERMISSIONS,
      REPORT_CLI,
      "--data",
      data,
      "--out",
      join(parent, "out"),
    ]);

    assert.equal(code, 1, stderr);
    assert.equal(stdout, "");
    const lines = stderr.split("\n");
    assert.equal(
      lines[0],
      `error: ${claims}: expected an existing file: the claims of the five articles`,
      stderr,
    );
    assert.deepEqual(lines.slice(1), [
      "",
      `1 error(s) in ${data}: nothing was written`,
      "",
    ]);
    assert.deepEqual(await names(parent), ["data"]);
  });
});

Deno.test("loadWorkspace() warns about each raw source folder that is missing or empty", async () => {
  await inTempDir(async (parent) => {
    const data = join(parent, "data");
    await copyDir("data", data);
    // rankings-daily missing; inference-stats holds no .json file.
    await Deno.remove(join(data, "raw", "rankings-daily"), { recursive: true });
    await Deno.remove(join(data, "raw", "inference-stats"), {
      recursive: true,
    });
    await Deno.mkdir(join(data, "raw", "inference-stats"));
    await Deno.writeTextFile(
      join(data, "raw", "inference-stats", "README.txt"),
      "to fill\n",
    );

    const ws = await loadWorkspace(data);

    assert.deepEqual(ws.warnings.slice(0, 2), [
      {
        severity: "warning",
        file: `${data}/raw/rankings-daily`,
        record: "",
        field: "",
        value: "",
        expected: "at least one .json file",
      },
      {
        severity: "warning",
        file: `${data}/raw/inference-stats`,
        record: "",
        field: "",
        value: "",
        expected: "at least one .json file",
      },
    ]);
    assert.equal(
      ws.warnings.filter((w) => w.expected === "at least one .json file")
        .length,
      2,
    );
    assert.equal(ws.rankings.height, 0);
    assert.equal(ws.inference.height, 0);
    assert.equal(ws.models.height, 371); // the bundled models list
  });
});

Deno.test("loadWorkspace() throws a WorkspaceError when no raw source has a file", async () => {
  await inTempDir(async (parent) => {
    const data = join(parent, "data");
    await copyDir("data/reference", join(data, "reference"));
    await Deno.copyFile("data/claims.csv", join(data, "claims.csv"));
    await Deno.mkdir(join(data, "raw", "rankings-daily"), { recursive: true });

    await assert.rejects(loadWorkspace(data), (thrown: unknown) => {
      assert.ok(thrown instanceof WorkspaceError);
      assert.equal(thrown.message, "Invalid data: 1 error(s)");
      assert.deepEqual(thrown.errors, [{
        severity: "error",
        file: `${data}/raw`,
        record: "",
        field: "",
        value: "",
        expected:
          "at least one .json file in raw/openrouter-models/, raw/rankings-daily/, raw/inference-stats/: there is nothing to report on",
      }]);
      assert.deepEqual(
        thrown.warnings.filter((w) => w.expected === "at least one .json file")
          .map((w) => w.file),
        [
          `${data}/raw/openrouter-models`,
          `${data}/raw/rankings-daily`,
          `${data}/raw/inference-stats`,
        ],
      );
      return true;
    });
  });
});

Deno.test("loadWorkspace() names a missing reference table in its error", async () => {
  await inTempDir(async (parent) => {
    const data = join(parent, "data");
    await copyDir("data", data);
    const vendors = join(data, "reference", "vendors.csv");
    await Deno.remove(vendors);

    await assert.rejects(loadWorkspace(data), (thrown: unknown) => {
      assert.ok(thrown instanceof WorkspaceError);
      assert.deepEqual(thrown.errors, [{
        severity: "error",
        file: `${data}/reference/vendors.csv`,
        record: "",
        field: "",
        value: "",
        expected:
          "an existing file (every reference table is needed; see data/README.md)",
      }]);
      return true;
    });
  });
});
