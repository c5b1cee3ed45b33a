// One lock per output folder across all commands: `deno task report`
// (which swaps out/) and `deno task notebooks` (which writes out/notebooks/)
// started together, in either order, both finish, and the result holds both.
// SLOW: runs both commands as subprocesses, through their deno.json tasks.

import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeOutputDir } from "../../lib/tooling/output_dir.ts";
import { copyDir, inTempDir, names, runTask } from "../_helpers.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("timed out");
}

const exists = (path: string) => Deno.lstat(path).then(() => true, () => false);

for (const first of ["report", "notebooks"] as const) {
  Deno.test(`report and notebooks started together (${first} first) both finish, and out/ holds both`, async () => {
    await inTempDir(async (parent) => {
      const out = join(parent, "out");
      const notebooks = join(parent, "nb");
      await Deno.mkdir(notebooks);
      await Deno.copyFile(
        join(ROOT, "tests", "fixtures", "notebooks", "passing.ipynb"),
        join(notebooks, "passing.ipynb"),
      );
      const data = join(parent, "data");
      await copyDir(join(ROOT, "data"), data);
      const commands = {
        report: () => runTask("report", ["--data", data, "--out", out]),
        notebooks: () =>
          runTask("notebooks", [
            "--data",
            data,
            "--out",
            out,
            "--notebooks",
            notebooks,
          ]),
      };
      const second = first === "report" ? "notebooks" : "report";
      const a = commands[first]();
      // The second starts while the first holds out's lock.
      await until(() => exists(join(parent, ".out.lock")));
      const b = commands[second]();
      const [ra, rb] = await Promise.all([a, b]);
      assert.equal(ra.code, 0, `${first}: ${ra.stdout}${ra.stderr}`);
      assert.equal(rb.code, 0, `${second}: ${rb.stdout}${rb.stderr}`);
      assert.match(rb.stderr, /waiting for another tokenbook run writing/);
      assert.ok(await exists(join(out, "report.md")));
      assert.ok(await exists(join(out, "notebooks", "passing.html")));
      assert.deepEqual(await names(parent), ["data", "nb", "out"]);
    });
  });
}

Deno.test("a lock file removed while a run holds it is a worded error, not a crash", async () => {
  await inTempDir(async (parent) => {
    const out = join(parent, "out");
    await assert.rejects(
      writeOutputDir(out, async (dir) => {
        await Deno.writeTextFile(join(dir, "a.txt"), "a");
        await Deno.remove(join(parent, ".out.lock"));
      }),
      {
        name: "RangeError",
        message: new RegExp(
          `^Lost the lock "${parent}/\\.out\\.lock" of output folder "${out}": the file was removed while this run held it`,
        ),
      },
    );
  });
});

Deno.test("a folder inside an output folder takes the outer folder's lock and keeps its work beside the outer folder", async () => {
  await inTempDir(async (parent) => {
    const out = join(parent, "out");
    const seen: string[] = [];
    await writeOutputDir(join(out, "notebooks"), async (dir) => {
      seen.push(...await names(parent));
      assert.ok(dir.startsWith(join(parent, ".out.work", "notebooks.tmp-")));
      await Deno.writeTextFile(join(dir, "a.html"), "a");
    }, { lockFolder: out });
    assert.deepEqual(seen, [".out.lock", ".out.work"]);
    assert.deepEqual(await names(parent), ["out"]);
    assert.deepEqual(await names(out), ["notebooks"]);
  });
});
