// Runs `deno task report` as a subprocess on the bundled data.
import assert from "node:assert/strict";
import { join } from "node:path";
import { inTempDir, runTask } from "../_helpers.ts";

Deno.test("deno task report prints the few lines that matter, ending with where to open the gallery", async () => {
  await inTempDir(async (dir) => {
    const out = join(dir, "out");
    const run = await runTask("report", ["--out", out]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, "");
    const lines = run.stdout.trim().split("\n");
    assert.equal(lines.length, 4, run.stdout);
    assert.match(
      lines[0],
      new RegExp(`^report written to ${out}/ in \\d+\\.\\d s$`),
    );
    assert.equal(
      lines[1],
      "rankings 2026-05-24 … 2026-06-22; latest complete week 2026-06-15",
    );
    assert.match(lines[2], /^claims: \d+ /);
    assert.equal(lines[3], `open ${out}/index.html`);
  });
});
