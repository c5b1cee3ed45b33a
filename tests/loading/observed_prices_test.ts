import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  findObserved,
  loadObservedPrices,
  OBSERVED_PRICES_COLUMNS,
  parseObservedPricesFile,
} from "../../lib/loading/observed_prices.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { validatePaths } from "../../lib/loading/validate.ts";
import { copyDir, inTempDir, problem, writeLines } from "../_helpers.ts";

const BUNDLED =
  "data/raw/observed-prices/2026-08-28.model_price_headline.excerpt.csv";
const HEADER = OBSERVED_PRICES_COLUMNS.join(",");
const FLASH_LINE =
  "deepseek/deepseek-v4-flash,deepseek/deepseek-v4-flash-20260423,standard,17,0.05091474906707632,0.24535767012416781,0.6851556399218667";

Deno.test("loadObservedPrices() reads the bundled excerpt: 26 standard rows dated 2026-08-28 from the file name", async () => {
  const { frame, errors, warnings } = await loadObservedPrices([BUNDLED]);
  assert.deepEqual([errors, warnings], [[], []]);
  assert.equal(frame.height, 26);
  assert.deepEqual(frame.getColumn("snapshot_date").unique().toArray(), [
    "2026-08-28",
  ]);
  assert.deepEqual(frame.getColumn("variant").unique().toArray(), [
    "standard",
  ]);
});

Deno.test("findObserved() gives the issue's figures: V4 Flash hits the cache on 0.685 of prompt tokens, Sonnet 4.5 on 0.513", async () => {
  const { frame } = await loadObservedPrices([BUNDLED]);
  // issue 16 / shared data README: 0.685 and 0.513, not 0.80 each.
  const flash = findObserved(frame, "deepseek/deepseek-v4-flash")!;
  assert.equal(flash.weighted_cache_hit_rate, 0.6851556399218667);
  assert.equal(flash.weighted_input_usd_per_mtok, 0.05091474906707632);
  assert.equal(flash.n_endpoints, 17);
  const sonnet = findObserved(frame, "anthropic/claude-sonnet-4.5")!;
  assert.equal(sonnet.weighted_cache_hit_rate.toFixed(3), "0.513");
  assert.equal(
    findObserved(frame, "deepseek/deepseek-v4-flash", "2026-08-27"),
    undefined,
  );
  assert.equal(findObserved(frame, "openai/gpt-4o"), undefined);
});

Deno.test("parseObservedPricesFile() reports every bad field with its line, and a missing date in the file name", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/prices.csv`;
    await writeLines(file, [
      HEADER,
      FLASH_LINE,
      "a/b,a/b-1,premium,0,-1,x,1.5",
      FLASH_LINE,
      "c/d,c/d-1,standard,3,0.1",
    ]);
    const { rows, problems } = await parseObservedPricesFile(file);
    assert.deepEqual(rows, []);
    assert.deepEqual(problems, [
      problem(
        file,
        "",
        "",
        "",
        "a file name starting with the snapshot date YYYY-MM-DD",
      ),
      problem(
        file,
        "line 3",
        "variant",
        '"premium"',
        'one of "standard", "free", "batch"',
      ),
      problem(file, "line 3", "n_endpoints", '"0"', "a positive integer"),
      problem(
        file,
        "line 3",
        "weighted_input_usd_per_mtok",
        '"-1"',
        "a non-negative number",
      ),
      problem(
        file,
        "line 3",
        "weighted_output_usd_per_mtok",
        '"x"',
        "a non-negative number",
      ),
      problem(
        file,
        "line 3",
        "weighted_cache_hit_rate",
        '"1.5"',
        "a fraction from 0 to 1",
      ),
      problem(
        file,
        "line 4",
        "model_id+variant",
        '"deepseek/deepseek-v4-flash|standard"',
        "one row per model variant (also on line 2)",
      ),
      problem(
        file,
        "line 5",
        "",
        "",
        "7 fields like the header (this row has 5)",
      ),
    ]);
  });
});

Deno.test("loadObservedPrices() refuses a wrong header and two files of one snapshot date", async () => {
  await inTempDir(async (dir) => {
    const bad = `${dir}/2026-08-28.bad.csv`;
    await writeLines(bad, ["model_id,cache_hit", "a/b,0.5"]);
    const one = await loadObservedPrices([bad]);
    assert.equal(one.frame.height, 0);
    assert.deepEqual(one.errors, [
      problem(
        bad,
        "line 1",
        "",
        '"model_id,cache_hit"',
        `the header ${HEADER}`,
      ),
    ]);
    const twin = `${dir}/2026-08-28.twin.csv`;
    await writeLines(twin, [HEADER, FLASH_LINE]);
    const two = await loadObservedPrices([BUNDLED, twin]);
    assert.equal(two.frame.height, 0);
    assert.deepEqual(two.errors, [
      problem(
        twin,
        "",
        "",
        "",
        `one file per snapshot date (2026-08-28 is also ${BUNDLED})`,
      ),
    ]);
  });
});

Deno.test("loadWorkspace() picks up raw/observed-prices/*.csv, cuts it at --as-of, and loads a data folder without it", async () => {
  const ws = await loadWorkspace("data");
  assert.equal(ws.observedPrices.height, 26);
  assert.deepEqual(ws.files["observed-prices"], [BUNDLED]);
  const before = await loadWorkspace("data", { asOf: "2026-06-08" });
  assert.equal(before.observedPrices.height, 0);
  await inTempDir(async (dir) => {
    await copyDir("data", `${dir}/data`);
    await Deno.remove(`${dir}/data/raw/observed-prices`, { recursive: true });
    const without = await loadWorkspace(`${dir}/data`);
    assert.equal(without.observedPrices.height, 0);
    assert.deepEqual(without.warnings.length, ws.warnings.length);
  });
});

Deno.test("validatePaths() covers observed prices: a summary line for the bundled file and every error of a bad one", async () => {
  const result = await validatePaths([BUNDLED]);
  assert.equal(result.ok, true);
  assert.deepEqual(result.summaries, [{
    source: "observed-prices",
    files: 1,
    rows: 26,
    models: 26,
    dates: ["2026-08-28", "2026-08-28"],
  }]);
  await inTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/observed-prices`);
    const file = `${dir}/observed-prices/2026-09-01.csv`;
    await writeLines(file, [HEADER, FLASH_LINE.replace("0.6851", "1.6851")]);
    const bad = await validatePaths([dir]);
    assert.equal(bad.ok, false);
    assert.deepEqual(bad.problems.map((p) => [p.record, p.field]), [[
      "line 2",
      "weighted_cache_hit_rate",
    ]]);
  });
  const all = await validatePaths(["data"]);
  assert.ok(all.summaries.some((s) => s.source === "observed-prices"));
  assert.equal(
    all.summaries.find((s) => s.source === "observed-prices")?.rows,
    26,
  );
  // The frame keeps the file's own columns beside the snapshot date.
  const { frame } = await loadObservedPrices([BUNDLED]);
  assert.deepEqual(
    frame.select(...OBSERVED_PRICES_COLUMNS).columns,
    [...OBSERVED_PRICES_COLUMNS],
  );
  assert.equal(frame.filter(pl.col("n_endpoints").eq(1)).height, 1);
});
