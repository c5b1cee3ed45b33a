// Output folders in careless hands: a user's files inside an output folder,
// a user's folder inside one, an output folder reached through a symbolic
// link into the data, two runs into one folder, and kill -9 at random
// moments of a report run. Every byte a user wrote is kept, and the output
// folder is always the complete old one or the complete new one.
// SLOW: runs the report command as a subprocess several times.

import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { OUTPUT_MARKER, writeOutputDir } from "../lib/tooling/output_dir.ts";
import { mulberry32 } from "../lib/base/random.ts";
import { copyDir, inTempDir, names, runDeno } from "./_helpers.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const REPORT_CLI = join(ROOT, "cli", "report.ts");
const PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-ffi",
  "--allow-env",
  "--allow-sys",
];

/** Every file below `dir` as relative path → bytes, sorted by path (links not followed). */
async function snapshot(dir: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  async function walk(rel: string): Promise<void> {
    const entries = await Array.fromAsync(Deno.readDir(join(dir, rel)));
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const entry of entries) {
      const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else if (entry.isSymlink) {
        files.set(
          path,
          new TextEncoder().encode(
            `-> ${await Deno.readLink(join(dir, path))}`,
          ),
        );
      } else files.set(path, await Deno.readFile(join(dir, path)));
    }
  }
  await walk("");
  return files;
}

function assertSameFiles(
  actual: Map<string, Uint8Array>,
  expected: Map<string, Uint8Array>,
  what: string,
): void {
  assert.deepEqual([...actual.keys()], [...expected.keys()], what);
  for (const [path, bytes] of expected) {
    assert.deepEqual(actual.get(path), bytes, `${what}: ${path}`);
  }
}

async function report(
  data: string,
  out: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return await runDeno([
    "run",
    ...PERMISSIONS,
    REPORT_CLI,
    "--data",
    data,
    "--out",
    out,
  ]);
}

Deno.test("--out out/my_analysis refuses a user's folder inside an output folder and keeps every byte of it", async () => {
  await inTempDir(async (parent) => {
    const out = join(parent, "out");
    const first = await report(join(ROOT, "data"), out);
    assert.equal(first.code, 0, first.stderr);
    const mine = join(out, "my_analysis");
    await Deno.mkdir(join(mine, "drafts"), { recursive: true });
    await Deno.writeTextFile(join(mine, "notes.md"), "# my notes\n");
    await Deno.writeTextFile(join(mine, "drafts", "a.txt"), "draft\n");
    const before = await snapshot(parent);

    const { code, stdout, stderr } = await report(join(ROOT, "data"), mine);

    assert.equal(code, 2, stderr);
    assert.equal(stdout, "");
    assert.match(
      stderr,
      new RegExp(
        `^error: Cannot write output folder "${mine}": it exists and holds 2 file\\(s\\) tokenbook did not write \\("${
          join(mine, "drafts", "a.txt")
        }", "${
          join(mine, "notes.md")
        }"\\); move them elsewhere or choose another --out\\nNothing was written\\.\\n$`,
      ),
    );
    assertSameFiles(await snapshot(parent), before, "after the refusal");
  });
});

Deno.test("--out out refuses when a user added files to out/ or out/charts/, and keeps every byte", async () => {
  await inTempDir(async (parent) => {
    const out = join(parent, "out");
    assert.equal((await report(join(ROOT, "data"), out)).code, 0);
    await Deno.writeTextFile(join(out, "notes.md"), "mine\n");
    await Deno.writeTextFile(join(out, "charts", "my_chart.svg"), "<svg/>");
    const before = await snapshot(parent);

    const { code, stderr } = await report(join(ROOT, "data"), out);

    assert.equal(code, 2, stderr);
    assert.match(stderr, /holds 2 file\(s\) tokenbook did not write/);
    assert.match(stderr, /charts\/my_chart\.svg/);
    assertSameFiles(await snapshot(parent), before, "after the refusal");

    // Once the user moves them out, the folder is replaced as before.
    await Deno.remove(join(out, "notes.md"));
    await Deno.remove(join(out, "charts", "my_chart.svg"));
    const again = await report(join(ROOT, "data"), out);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(await names(parent), ["out"]);
  });
});

Deno.test("with data/raw a link to archive/raw, --out archive/raw/derived is refused and the archive is untouched", async () => {
  await inTempDir(async (parent) => {
    const data = join(parent, "data");
    await copyDir(join(ROOT, "data"), data);
    await Deno.mkdir(join(parent, "archive"));
    await Deno.rename(join(data, "raw"), join(parent, "archive", "raw"));
    await Deno.symlink(join(parent, "archive", "raw"), join(data, "raw"));
    const before = await snapshot(parent);

    for (
      const out of [
        join(parent, "archive", "raw", "derived"),
        join(parent, "archive"),
      ]
    ) {
      const { code, stderr } = await report(data, out);
      assert.equal(code, 2, stderr);
      assert.match(stderr, /^error: Cannot write output folder /);
      assert.match(stderr, /through a symbolic link|raw data folder/);
    }
    assertSameFiles(await snapshot(parent), before, "after the refusals");

    // The data through the link is fine as input.
    const ok = await report(data, join(parent, "out"));
    assert.equal(ok.code, 0, ok.stderr);
  });
});

Deno.test("two runs into one output folder take turns: their builds never overlap and the result is whole", async () => {
  await inTempDir(async (parent) => {
    const out = join(parent, "out");
    const events: string[] = [];
    const run = (name: string) =>
      writeOutputDir(out, async (dir) => {
        events.push(`start ${name}`);
        for (let i = 0; i < 20; i++) {
          await Deno.writeTextFile(join(dir, `${i}.txt`), name);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        events.push(`end ${name}`);
      });
    await Promise.all([run("a"), run("b")]);
    assert.ok(
      events.join(",") === "start a,end a,start b,end b" ||
        events.join(",") === "start b,end b,start a,end a",
      events.join(","),
    );
    const files = await snapshot(out);
    const writers = new Set(
      [...files].filter(([path]) => path !== OUTPUT_MARKER).map(([, bytes]) =>
        new TextDecoder().decode(bytes)
      ),
    );
    assert.equal(writers.size, 1, "files of both runs mixed");
    assert.deepEqual(await names(parent), ["out"]);
  });
});

Deno.test("a run killed between the two renames is recovered by the next run: the old folder comes back whole, stale temporary folders go", async () => {
  await inTempDir(async (parent) => {
    const out = join(parent, "out");
    await writeOutputDir(out, async (dir) => {
      await Deno.writeTextFile(join(dir, "report.md"), "old\n");
    });
    const old = await snapshot(out);
    // What a kill left with tokenbook versions that kept them next to the
    // folder: the old folder renamed aside, a half-built new one.
    await Deno.rename(out, join(parent, ".out.old-0123abcd"));
    await Deno.mkdir(join(parent, ".out.tmp-89abcdef"));
    await Deno.writeTextFile(
      join(parent, ".out.tmp-89abcdef", "report.md"),
      "ha",
    );

    // The next run fails while building: the old folder must be back.
    await assert.rejects(
      writeOutputDir(out, () => Promise.reject(new Error("build failed"))),
      { message: "build failed" },
    );
    assertSameFiles(await snapshot(out), old, "the recovered folder");
    assert.deepEqual(await names(parent), ["out"]);
  });
});

Deno.test("a killed run whose new folder was complete is finished by the next run", async () => {
  await inTempDir(async (parent) => {
    const out = join(parent, "out");
    await writeOutputDir(out, async (dir) => {
      await Deno.writeTextFile(join(dir, "report.md"), "new\n");
    });
    const complete = await snapshot(out);
    // Killed after renaming the old folder aside, before the new one moved
    // in: both wait in the work folder next to it.
    await Deno.mkdir(join(parent, ".out.work"));
    await Deno.rename(out, join(parent, ".out.work", "tmp-0123abcd"));
    await Deno.mkdir(join(parent, ".out.work", "old-89abcdef"));
    await Deno.writeTextFile(
      join(parent, ".out.work", "old-89abcdef", OUTPUT_MARKER),
      "",
    );

    await assert.rejects(
      writeOutputDir(out, () => Promise.reject(new Error("build failed"))),
    );
    assertSameFiles(await snapshot(out), complete, "the finished swap");
    assert.deepEqual(await names(parent), ["out"]);
  });
});

Deno.test("kill -9 at random moments of a report run always leaves the complete old or new output, and the next run cleans up", async () => {
  await inTempDir(async (parent) => {
    const out = join(parent, "out");
    const first = await report(join(ROOT, "data"), out);
    assert.equal(first.code, 0, first.stderr);
    const whole = await snapshot(out);
    const random = mulberry32(9);
    const started = performance.now();
    const clean = await report(join(ROOT, "data"), join(parent, "timing"));
    assert.equal(clean.code, 0);
    const runSeconds = (performance.now() - started) / 1000;
    await Deno.remove(join(parent, "timing"), { recursive: true });

    for (let i = 0; i < 6; i++) {
      const delay = random() * runSeconds * 1000;
      const child = new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          ...PERMISSIONS,
          REPORT_CLI,
          "--data",
          join(ROOT, "data"),
          "--out",
          out,
        ],
        cwd: ROOT,
        stdout: "null",
        stderr: "null",
      }).spawn();
      await new Promise((resolve) => setTimeout(resolve, delay));
      try {
        child.kill("SIGKILL");
      } catch {
        // It had already finished.
      }
      await child.status;
      const present = await Deno.stat(out).then(() => true, () => false);
      if (present) {
        assertSameFiles(
          await snapshot(out),
          whole,
          `after a kill at ${delay.toFixed(0)} ms`,
        );
      } else {
        // Between the two renames: the old folder waits whole beside it.
        const backups = (await names(join(parent, ".out.work"))).filter((
          n,
        ) => n.startsWith("old-")).map((n) => join(".out.work", n));
        assert.equal(
          backups.length,
          1,
          `after a kill at ${delay.toFixed(0)} ms`,
        );
        assertSameFiles(
          await snapshot(join(parent, backups[0])),
          whole,
          "the backup",
        );
      }
    }
    const last = await report(join(ROOT, "data"), out);
    assert.equal(last.code, 0, last.stderr);
    assertSameFiles(await snapshot(out), whole, "after the last run");
    assert.deepEqual(await names(parent), ["out"]);
  });
});
