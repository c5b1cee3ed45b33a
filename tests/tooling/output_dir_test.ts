import assert from "node:assert/strict";
import { join } from "node:path";
import {
  markerText,
  OUTPUT_MARKER,
  OUTPUT_MARKER_TEXT,
  writeOutputDir,
} from "../../lib/tooling/output_dir.ts";
import { inTempDir, names } from "../_helpers.ts";

/** Every file below `dir` as relative path → contents, sorted by path. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  async function walk(sub: string): Promise<void> {
    for await (const entry of Deno.readDir(join(dir, sub))) {
      const rel = sub === "" ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory) await walk(rel);
      else files[rel] = await Deno.readTextFile(join(dir, rel));
    }
  }
  await walk("");
  return Object.fromEntries(
    Object.entries(files).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0),
  );
}

Deno.test("writeOutputDir() leaves the previous folder byte-identical and no temporary folder when the build fails", async () => {
  await inTempDir(async (parent) => {
    const outDir = join(parent, "out");
    await Deno.mkdir(join(outDir, "charts"), { recursive: true });
    await Deno.writeTextFile(join(outDir, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
    await Deno.writeTextFile(join(outDir, "report.md"), "# Old report\n");
    await Deno.writeTextFile(join(outDir, "charts", "share.svg"), "<svg/>");
    const before = await snapshot(outDir);

    await assert.rejects(
      writeOutputDir(outDir, async (tmpDir) => {
        await Deno.writeTextFile(join(tmpDir, "report.md"), "# Half");
        throw new Error("chart failed");
      }),
      { message: "chart failed" },
    );

    assert.deepEqual(await snapshot(outDir), before);
    assert.deepEqual(await names(parent), ["out"]);
  });
});

Deno.test("writeOutputDir() creates no folder at all when the first build fails", async () => {
  await inTempDir(async (parent) => {
    await assert.rejects(
      writeOutputDir(join(parent, "out"), () => {
        throw new TypeError("bad frame");
      }),
      TypeError,
    );
    assert.deepEqual(await names(parent), []);
  });
});

Deno.test("writeOutputDir() replaces the old contents entirely, so stale files are gone", async () => {
  await inTempDir(async (parent) => {
    const outDir = join(parent, "out");
    await Deno.mkdir(join(outDir, "old"), { recursive: true });
    await Deno.writeTextFile(join(outDir, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
    await Deno.writeTextFile(join(outDir, "stale.html"), "stale");
    await Deno.writeTextFile(join(outDir, "old", "stale.svg"), "stale");

    await writeOutputDir(outDir, async (tmpDir) => {
      await Deno.mkdir(join(tmpDir, "notebooks"));
      await Deno.writeTextFile(join(tmpDir, "notebooks", "01.html"), "fresh");
    });

    assert.deepEqual(await snapshot(outDir), {
      [OUTPUT_MARKER]: markerText(["notebooks/01.html"]),
      "notebooks/01.html": "fresh",
    });
    assert.deepEqual(await names(parent), ["out"]);
  });
});

Deno.test("writeOutputDir() creates missing parent folders", async () => {
  await inTempDir(async (parent) => {
    const outDir = join(parent, "out", "notebooks");
    await writeOutputDir(outDir, async (tmpDir) => {
      await Deno.writeTextFile(join(tmpDir, "a.txt"), "a");
    });
    assert.deepEqual(await snapshot(join(parent, "out")), {
      [`notebooks/${OUTPUT_MARKER}`]: markerText(["a.txt"]),
      "notebooks/a.txt": "a",
    });
  });
});

Deno.test("writeOutputDir() refuses a folder inside or equal to data/raw and never calls the build", async () => {
  await inTempDir(async (parent) => {
    const raw = join(parent, "data", "raw");
    await Deno.mkdir(join(raw, "rankings-daily"), { recursive: true });
    await Deno.writeTextFile(join(raw, "rankings-daily", "a.json"), "{}");
    const before = await snapshot(parent);
    let builds = 0;
    const build = () => {
      builds++;
      return Promise.resolve();
    };

    for (
      const outDir of [
        raw,
        join(raw, "rankings-daily"),
        join(raw, "new", "deeper"),
        `${raw}/../raw`,
      ]
    ) {
      await assert.rejects(writeOutputDir(outDir, build), {
        name: "RangeError",
        message: /inside the raw data folder/,
      });
    }
    assert.equal(builds, 0);
    assert.deepEqual(await snapshot(parent), before);
  });
});

Deno.test("writeOutputDir() refuses a folder whose replacement would remove data/raw", async () => {
  await inTempDir(async (parent) => {
    await Deno.mkdir(join(parent, "data", "raw"), { recursive: true });
    for (const outDir of [parent, join(parent, "data")]) {
      await assert.rejects(
        writeOutputDir(outDir, () => Promise.resolve()),
        { name: "RangeError", message: /would remove the raw data folder/ },
      );
    }
    assert.deepEqual(await names(join(parent, "data")), ["raw"]);
  });
});

Deno.test("writeOutputDir() allows a folder named raw that is not under data", async () => {
  await inTempDir(async (parent) => {
    const outDir = join(parent, "out", "raw");
    await writeOutputDir(outDir, async (tmpDir) => {
      await Deno.writeTextFile(join(tmpDir, "x.txt"), "x");
    });
    assert.deepEqual(await snapshot(outDir), {
      [OUTPUT_MARKER]: markerText(["x.txt"]),
      "x.txt": "x",
    });
  });
});
