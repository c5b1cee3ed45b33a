import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  checkFile,
  detectSource,
  listRawFiles,
  loadWorkspace,
  WorkspaceError,
} from "../../lib/loading/workspace.ts";
import { copyDir, inTempDir, once, writeJson } from "../_helpers.ts";

/** The bundled data/ folder, loaded once for the tests that only read it. */
const bundledWorkspace = once(() => loadWorkspace("data"));

/** Sorted distinct values of a text column. */
function distinct(frame: pl.DataFrame, column: string): string[] {
  return frame.getColumn(column).unique().sort().toArray() as string[];
}

Deno.test("loadWorkspace() loads every source of the bundled data folder", async () => {
  const ws = await bundledWorkspace();
  assert.equal(ws.dataDir, "data");
  assert.equal(ws.asOf, null);
  // Row counts read with python3 from the raw JSON and reference CSV files.
  assert.deepEqual({
    models: ws.models.height,
    rankings: ws.rankings.height,
    inference: ws.inference.height,
    vendors: ws.vendors.height,
    modelIdentity: ws.modelIdentity.height,
    benchmarks: ws.benchmarks.height,
    priceHistory: ws.priceHistory.height,
    articlePrices: ws.articlePrices.height,
  }, {
    models: 371,
    rankings: 1530,
    inference: 117,
    vendors: 25,
    modelIdentity: 94,
    benchmarks: 135,
    priceHistory: 190,
    articlePrices: 4,
  });
  assert.deepEqual(ws.files["openrouter-models"], [
    "data/raw/openrouter-models/2026-05-01.models.json",
  ]);
  assert.deepEqual(ws.files["rankings-daily"], [
    "data/raw/rankings-daily/2026-05-24_2026-06-22.json",
  ]);
  assert.equal(ws.files["inference-stats"].length, 13);
  assert.equal(
    ws.files["inference-stats"][0],
    "data/raw/inference-stats/2025-11-16.json",
  );
  assert.deepEqual(ws.files.reference, [
    "data/reference/vendors.csv",
    "data/reference/models.csv",
    "data/reference/benchmarks.csv",
    "data/reference/prices_history_openrouter.csv",
    "data/reference/article_prices.csv",
    "data/reference/self_hosting.csv",
    "data/reference/cost_per_task.csv",
  ]);
});

Deno.test("loadWorkspace() gathers the 34 warnings of the real data: 4 models, 29 inference weeks, 1 benchmark", async () => {
  const ws = await bundledWorkspace();
  const byFile = new Map<string, number>();
  for (const w of ws.warnings) {
    const source = w.file.split("/").slice(0, 3).join("/");
    byFile.set(source, (byFile.get(source) ?? 0) + 1);
  }
  assert.deepEqual(Object.fromEntries(byFile), {
    "data/raw/openrouter-models": 4,
    "data/raw/inference-stats": 29,
    "data/reference/benchmarks.csv": 1,
  });
  assert.equal(ws.warnings.every((w) => w.severity === "warning"), true);
});

Deno.test("loadWorkspace() picks up newer files dropped into a copy of data/ with no code change", async () => {
  await inTempDir(async (dir) => {
    const data = `${dir}/data`;
    await copyDir("data", data);
    // A new rankings day, as a bare array, overlapping the last bundled day
    // with the same value (2026-06-22 xiaomi/mimo-v2.5-20260422 715477630000).
    await writeJson(`${data}/raw/rankings-daily/2026-06-22_2026-06-23.json`, [
      {
        date: "2026-06-22",
        model_permaslug: "xiaomi/mimo-v2.5-20260422",
        total_tokens: "715477630000",
      },
      {
        date: "2026-06-23",
        model_permaslug: "xiaomi/mimo-v2.5-20260422",
        total_tokens: "700000000000",
      },
      {
        date: "2026-06-23",
        model_permaslug: "deepseek/deepseek-v4-flash-20260423",
        total_tokens: "600000000000",
      },
      { date: "2026-06-23", model_permaslug: "other", total_tokens: "1000" },
    ]);
    // A new models-list snapshot, in the API's envelope.
    const models = JSON.parse(
      await Deno.readTextFile(
        "data/raw/openrouter-models/2026-05-01.models.json",
      ),
    ) as { id: string }[];
    await writeJson(`${data}/raw/openrouter-models/2026-06-01.models.json`, {
      data: models.filter((m) =>
        m.id === "deepseek/deepseek-v4-flash" ||
        m.id === "anthropic/claude-sonnet-4.5"
      ),
    });
    // A new inference week.
    const week = JSON.parse(
      await Deno.readTextFile("data/raw/inference-stats/2026-02-08.json"),
    );
    week.date = "2026-02-15";
    await writeJson(`${data}/raw/inference-stats/2026-02-15.json`, week);

    const ws = await loadWorkspace(data);
    assert.equal(ws.rankings.height, 1533);
    const dates = distinct(ws.rankings, "date");
    assert.equal(dates.length, 31);
    assert.equal(dates[30], "2026-06-23");
    assert.deepEqual(
      ws.rankings.filter(pl.col("date").eq(pl.lit("2026-06-23")))
        .select("permaslug", "tokens", "is_other").toRecords(),
      [
        {
          permaslug: "xiaomi/mimo-v2.5-20260422",
          tokens: 700000000000,
          is_other: false,
        },
        {
          permaslug: "deepseek/deepseek-v4-flash-20260423",
          tokens: 600000000000,
          is_other: false,
        },
        { permaslug: "other", tokens: 1000, is_other: true },
      ],
    );
    assert.equal(ws.models.height, 373);
    assert.deepEqual(distinct(ws.models, "snapshot_date"), [
      "2026-05-01",
      "2026-06-01",
    ]);
    assert.equal(ws.inference.height, 126);
    assert.equal(distinct(ws.inference, "snapshot_date").length, 14);
    assert.deepEqual(ws.files["rankings-daily"], [
      `${data}/raw/rankings-daily/2026-05-24_2026-06-22.json`,
      `${data}/raw/rankings-daily/2026-06-22_2026-06-23.json`,
    ]);
  });
});

Deno.test("loadWorkspace() with asOf keeps only data dated up to that day", async () => {
  // python3: rankings rows dated <= 2026-06-01: 459 (9 days × 51); price
  // history rows dated <= 2026-06-01: 103; article prices are dated 2026-06-08.
  const june = await loadWorkspace("data", { asOf: "2026-06-01" });
  assert.equal(june.asOf, "2026-06-01");
  assert.equal(june.rankings.height, 459);
  assert.deepEqual(distinct(june.rankings, "date").at(-1), "2026-06-01");
  assert.equal(june.models.height, 371);
  assert.equal(june.inference.height, 117);
  assert.equal(june.priceHistory.height, 103);
  assert.equal(june.articlePrices.height, 0);
  // Tables without dates are not cut.
  assert.equal(june.vendors.height, 25);
  assert.equal(june.benchmarks.height, 135);
  assert.equal(june.modelIdentity.height, 94);

  // python3: 7 weeks (63 rows) dated <= 2026-01-01; 27 price-history rows.
  const newYear = await loadWorkspace("data", { asOf: "2026-01-01" });
  assert.equal(newYear.rankings.height, 0);
  assert.equal(newYear.models.height, 0);
  assert.equal(newYear.inference.height, 63);
  assert.equal(
    distinct(newYear.inference, "snapshot_date").at(-1),
    "2025-12-28",
  );
  assert.equal(newYear.priceHistory.height, 27);
  assert.deepEqual(newYear.rankings.columns, june.rankings.columns);

  // The cut day itself is kept.
  const firstDay = await loadWorkspace("data", { asOf: "2026-05-24" });
  assert.equal(firstDay.rankings.height, 51);
  assert.equal(
    (await loadWorkspace("data", { asOf: null })).rankings.height,
    1530,
  );
});

Deno.test("loadWorkspace() throws a WorkspaceError listing the errors of every bad file", async () => {
  await inTempDir(async (dir) => {
    const data = `${dir}/data`;
    await copyDir("data", data);
    const rankings = `${data}/raw/rankings-daily/2026-06-23_2026-06-23.json`;
    await writeJson(rankings, [
      { date: "2026-06-23", model_permaslug: "a/b", total_tokens: "-5" },
      { date: "2026-06-23", model_permaslug: "a/c", total_tokens: "1.5" },
    ]);
    const vendors = `${data}/reference/vendors.csv`;
    const text = await Deno.readTextFile(vendors);
    await Deno.writeTextFile(vendors, text + "acme,Acme,Mars,Martian,x\n");
    await assert.rejects(
      loadWorkspace(data),
      (thrown: unknown) => {
        assert.ok(thrown instanceof WorkspaceError);
        assert.equal(thrown.message, "Invalid data: 3 error(s)");
        assert.deepEqual(
          thrown.errors.map((e) => [e.file, e.record, e.field, e.value]),
          [
            [rankings, "[0]", "total_tokens", '"-5"'],
            [rankings, "[1]", "total_tokens", '"1.5"'],
            [vendors, "line 27", "origin", '"Martian"'],
          ],
        );
        assert.equal(thrown.warnings.length, 34);
        return true;
      },
    );
  });
});

Deno.test("listRawFiles() lists the JSON files of each source, sorted, and nothing for a missing folder", async () => {
  await inTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/raw/rankings-daily`, { recursive: true });
    for (
      const name of [
        "2026-06-01_2026-06-07.json",
        "2026-05-24_2026-05-31.json",
        "notes.txt",
        "2026-06-08.json.bak",
      ]
    ) {
      await Deno.writeTextFile(`${dir}/raw/rankings-daily/${name}`, "[]");
    }
    await Deno.mkdir(`${dir}/raw/rankings-daily/old.json`);
    assert.deepEqual(await listRawFiles(dir), {
      "openrouter-models": [],
      "rankings-daily": [
        `${dir}/raw/rankings-daily/2026-05-24_2026-05-31.json`,
        `${dir}/raw/rankings-daily/2026-06-01_2026-06-07.json`,
      ],
      "inference-stats": [],
      "app-rankings": [],
      "session-cost": [],
      "observed-prices": [],
      "openrouter-benchmarks": [],
      "rankings-by-category": [],
      "rankings-by-context": [],
    });
  });
});

Deno.test("detectSource() tells a file's source by its folder, its reference name or its content", async () => {
  assert.equal(
    await detectSource("data/raw/rankings-daily/2026-05-24_2026-06-22.json"),
    "rankings-daily",
  );
  assert.equal(
    await detectSource("data/raw/inference-stats/2026-02-08.json"),
    "inference-stats",
  );
  assert.equal(await detectSource("data/reference/vendors.csv"), "vendors");
  assert.equal(
    await detectSource("data/reference/prices_history_openrouter.csv"),
    "priceHistory",
  );
  assert.equal(
    await detectSource("data/reference/benchmarks_notes.csv"),
    undefined,
  );
  await inTempDir(async (dir) => {
    const rankings = `${dir}/rankings.json`;
    const models = `${dir}/models.json`;
    const inference = `${dir}/week.json`;
    const other = `${dir}/other.json`;
    await writeJson(rankings, {
      data: [{
        date: "2026-05-24",
        model_permaslug: "other",
        total_tokens: "1",
      }],
    });
    await writeJson(models, [{ id: "a/b", pricing: { prompt: "0" } }]);
    await writeJson(inference, { date: "2026-02-08", models: [] });
    await writeJson(other, { hello: "world" });
    assert.equal(await detectSource(rankings), "rankings-daily");
    assert.equal(await detectSource(models), "openrouter-models");
    assert.equal(await detectSource(inference), "inference-stats");
    assert.equal(await detectSource(other), undefined);
  });
});

Deno.test("checkFile() checks one file of any kind and counts its records", async () => {
  const rankings = await checkFile(
    "data/raw/rankings-daily/2026-05-24_2026-06-22.json",
  );
  assert.deepEqual(rankings, {
    source: "rankings-daily",
    records: 1530,
    problems: [],
  });
  const benchmarks = await checkFile("data/reference/benchmarks.csv");
  assert.equal(benchmarks.source, "reference/benchmarks");
  assert.equal(benchmarks.records, 135);
  assert.deepEqual(benchmarks.problems.map((p) => [p.severity, p.record]), [[
    "warning",
    "line 101",
  ]]);
  const week = await checkFile("data/raw/inference-stats/2025-12-21.json");
  assert.equal(week.records, 9);
  assert.deepEqual(week.problems.map((p) => p.code), [
    "breakdown_zero",
    "free_variant_priced",
  ]);
  const unknown = await checkFile("data/reference/benchmarks_notes.csv");
  assert.equal(unknown.source, "unknown");
  assert.equal(unknown.problems.length, 1);
  assert.equal(unknown.problems[0].severity, "error");
});
