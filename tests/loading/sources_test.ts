import assert from "node:assert/strict";
import { join } from "node:path";
import { isDataFolder, listDataFolder } from "../../lib/loading/sources.ts";
import { copyDir, inTempDir } from "../_helpers.ts";

Deno.test("listDataFolder() lists the bundled data with no problem and names the files no loader reads", async () => {
  const listing = await listDataFolder("data");
  assert.deepEqual(listing.problems, []);
  assert.equal(listing.raw["inference-stats"].length, 13);
  assert.deepEqual(listing.raw["rankings-daily"], [
    "data/raw/rankings-daily/2026-05-24_2026-06-22.json",
  ]);
  assert.equal(listing.reference.vendors, "data/reference/vendors.csv");
  assert.deepEqual(listing.raw["observed-prices"], [
    "data/raw/observed-prices/2026-08-28.model_price_headline.excerpt.csv",
  ]);
  assert.deepEqual(listing.unread, [
    "data/README.md",
    "data/VERDICTS.md",
    "data/examples/README.md",
    "data/examples/anthropic_usage_report.json",
    "data/examples/case_study_team.workload.csv",
    "data/examples/case_study_team_month_spike.workload.csv",
    "data/examples/openrouter_usage.jsonl",
    "data/examples/per_request_logged.workload.csv",
    "data/examples/routing_skeleton.policy.json",
    "data/reference/benchmarks_notes.csv",
    "data/reference/prices_at_listing.csv",
    "data/reference/prices_latest.csv",
    "data/reference/prices_notes.csv",
  ]);
});

Deno.test("listDataFolder() follows links to files and folders, and lists non-JSON files of a source folder as unread", async () => {
  await inTempDir(async (dir) => {
    const data = join(dir, "data");
    await copyDir("data", data);
    await Deno.rename(join(data, "raw"), join(dir, "raw-archive"));
    await Deno.symlink(join(dir, "raw-archive"), join(data, "raw"));
    await Deno.writeTextFile(
      join(data, "raw", "rankings-daily", "notes.txt"),
      "saved by hand\n",
    );
    const listing = await listDataFolder(data);
    assert.deepEqual(listing.problems, []);
    assert.equal(listing.raw["inference-stats"].length, 13);
    assert.ok(
      listing.unread.includes(join(data, "raw", "rankings-daily", "notes.txt")),
    );
  });
});

Deno.test("listDataFolder() warns about an empty source folder and stops on a data folder that is missing", async () => {
  await inTempDir(async (dir) => {
    const data = join(dir, "data");
    await copyDir("data", data);
    await Deno.remove(join(data, "raw", "openrouter-models"), {
      recursive: true,
    });
    await Deno.mkdir(join(data, "raw", "openrouter-models"));
    const listing = await listDataFolder(data);
    assert.deepEqual(
      listing.problems.map((p) => [p.severity, p.file, p.expected]),
      [[
        "warning",
        join(data, "raw", "openrouter-models"),
        "at least one .json file",
      ]],
    );
    const missing = await listDataFolder(join(dir, "nowhere"));
    assert.deepEqual(missing.problems.map((p) => p.expected), [
      "a data folder (with raw/, reference/ and claims.csv)",
    ]);
  });
});

Deno.test("isDataFolder() tells a data folder from a folder of loose files", async () => {
  assert.equal(await isDataFolder("data"), true);
  assert.equal(await isDataFolder("tests/fixtures/bad"), false);
});
