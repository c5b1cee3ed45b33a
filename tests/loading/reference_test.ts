import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  loadReferenceCsv,
  type ReferenceTable,
} from "../../lib/loading/reference.ts";
import { inTempDir, problem, withBom, writeLines } from "../_helpers.ts";

const REF = "data/reference";

/** The lines of a real reference file, without the final newline. */
async function realLines(name: string): Promise<string[]> {
  const text = await Deno.readTextFile(`${REF}/${name}`);
  return text.replace(/\n$/, "").split("\n");
}

Deno.test("loadReferenceCsv() loads every real reference table without errors", async () => {
  // python3 csv.DictReader row counts of data/reference/*.csv.
  const tables: [ReferenceTable, string, number][] = [
    ["vendors", "vendors.csv", 25],
    ["models", "models.csv", 94],
    ["benchmarks", "benchmarks.csv", 135],
    ["priceHistory", "prices_history_openrouter.csv", 190],
    ["articlePrices", "article_prices.csv", 4],
    ["selfHosting", "self_hosting.csv", 6],
    ["costPerTask", "cost_per_task.csv", 4],
  ];
  for (const [table, name, rows] of tables) {
    const { frame, errors } = await loadReferenceCsv(table, `${REF}/${name}`);
    assert.deepEqual(errors, [], name);
    assert.equal(frame.height, rows, name);
  }
});

Deno.test("loadReferenceCsv() reads each vendor's origin from vendors.csv", async () => {
  // data/reference/vendors.csv: 25 vendors; python3 Counter of origin.
  const { frame } = await loadReferenceCsv("vendors", `${REF}/vendors.csv`);
  const counts = frame.groupBy("origin").len().sort("origin").toRecords();
  assert.deepEqual(counts, [
    { origin: "China", len: 11 },
    { origin: "Europe", len: 1 },
    { origin: "US", len: 10 },
    { origin: "other", len: 2 },
    { origin: "unknown", len: 1 },
  ]);
  const pick = frame.filter(
    pl.col("vendor").isIn(["deepseek", "mistralai", "openrouter"]),
  ).select("vendor", "country", "origin").toRecords();
  assert.deepEqual(pick, [
    { vendor: "deepseek", country: "China", origin: "China" },
    { vendor: "mistralai", country: "France", origin: "Europe" },
    { vendor: "openrouter", country: "undisclosed", origin: "unknown" },
  ]);
});

Deno.test("loadReferenceCsv() keeps both published Zhipu GLM-5 AA v4.0 scores and warns about the duplicate", async () => {
  // data/reference/benchmarks.csv lines 87 and 101: "Zhipu GLM-5",
  // "Artificial Analysis Intelligence Index v4.0 (0-100)", 40.6 and 50.
  const file = `${REF}/benchmarks.csv`;
  const { frame, warnings, errors } = await loadReferenceCsv(
    "benchmarks",
    file,
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, [{
    severity: "warning",
    file,
    record: "line 101",
    field: "model+benchmark",
    value: '"Zhipu GLM-5|Artificial Analysis Intelligence Index v4.0 (0-100)"',
    expected: "a unique model+benchmark (also on line 87)",
    code: "duplicate_key",
  }]);
  const scores = frame.filter(
    pl.col("model").eq(pl.lit("Zhipu GLM-5")).and(
      pl.col("benchmark").eq(
        pl.lit("Artificial Analysis Intelligence Index v4.0 (0-100)"),
      ),
    ),
  ).getColumn("score").toArray();
  assert.deepEqual(scores, [40.6, 50]);
});

Deno.test("loadReferenceCsv() reads the OpenRouter price history with empty prices as null, not 0", async () => {
  // data/reference/prices_history_openrouter.csv line 10: deepseek-v4-flash
  // 2026-04-24 0.14 / 0.28 / 0.028, no cache write; line 11: same day, commit
  // 8a0c3cb…, every price empty; python3: 5 rows without input, 176 without
  // cache_write.
  const { frame } = await loadReferenceCsv(
    "priceHistory",
    `${REF}/prices_history_openrouter.csv`,
  );
  assert.equal(frame.getColumn("input").nullCount(), 5);
  assert.equal(frame.getColumn("cache_write").nullCount(), 176);
  const flash = frame.filter(
    pl.col("openrouter_id").eq(pl.lit("deepseek/deepseek-v4-flash")).and(
      pl.col("date").eq(pl.lit("2026-04-24")),
    ),
  ).toRecords();
  assert.deepEqual(flash, [
    {
      openrouter_id: "deepseek/deepseek-v4-flash",
      date: "2026-04-24",
      commit: "f340d82fc36a42eb655a499704491f2e77ca901d",
      input: 0.14,
      output: 0.28,
      cache_read: 0.028,
      cache_write: null,
      context: 1048576,
    },
    {
      openrouter_id: "deepseek/deepseek-v4-flash",
      date: "2026-04-24",
      commit: "8a0c3cb75f5d02c4d5b0cc6ed428195afd6436d7",
      input: null,
      output: null,
      cache_read: null,
      cache_write: null,
      context: 1048576,
    },
  ]);
  // Same file: anthropic/claude-sonnet-4.5 2025-09-29 3.0 / 15.0 / 0.3 / 3.75.
  const sonnet = frame.filter(
    pl.col("openrouter_id").eq(pl.lit("anthropic/claude-sonnet-4.5")),
  ).select("date", "input", "output", "cache_read", "cache_write").row(0);
  assert.deepEqual(sonnet, ["2025-09-29", 3, 15, 0.3, 3.75]);
});

Deno.test("loadReferenceCsv() reads the prices the articles state as their own dated source", async () => {
  // data/reference/article_prices.csv line 3: xiaomi/mimo-v2-flash 0.10 / 0.30 /
  // 0.01; line 2: deepseek/deepseek-v4-flash 0.098 / 0.197, no cache price.
  const { frame } = await loadReferenceCsv(
    "articlePrices",
    `${REF}/article_prices.csv`,
  );
  const rows = frame.select(
    "model_id",
    "source_date",
    "input_usd_per_mtok",
    "output_usd_per_mtok",
    "cache_read_usd_per_mtok",
  ).head(2).toRecords();
  assert.deepEqual(rows, [
    {
      model_id: "deepseek/deepseek-v4-flash",
      source_date: "2026-06-08",
      input_usd_per_mtok: 0.098,
      output_usd_per_mtok: 0.197,
      cache_read_usd_per_mtok: null,
    },
    {
      model_id: "xiaomi/mimo-v2-flash",
      source_date: "2026-06-08",
      input_usd_per_mtok: 0.1,
      output_usd_per_mtok: 0.3,
      cache_read_usd_per_mtok: 0.01,
    },
  ]);
});

Deno.test("loadReferenceCsv() loads CRLF line endings and a byte-order mark into the same frame as LF", async () => {
  await inTempDir(async (dir) => {
    const cases: [ReferenceTable, string][] = [
      ["vendors", "vendors.csv"],
      ["benchmarks", "benchmarks.csv"],
      ["priceHistory", "prices_history_openrouter.csv"],
    ];
    for (const [table, name] of cases) {
      const lf = await Deno.readTextFile(`${REF}/${name}`);
      assert.equal(lf.includes("\r"), false);
      const crlf = `${dir}/crlf-${name}`;
      const bomCrlf = `${dir}/bom-crlf-${name}`;
      const crlfText = lf.replaceAll("\n", "\r\n");
      await Deno.writeTextFile(crlf, crlfText);
      await Deno.writeFile(bomCrlf, withBom(crlfText));
      const original = await loadReferenceCsv(table, `${REF}/${name}`);
      for (const file of [crlf, bomCrlf]) {
        const loaded = await loadReferenceCsv(table, file);
        assert.deepEqual(loaded.errors, [], file);
        assert.equal(loaded.frame.height, original.frame.height, file);
        assert.deepEqual(loaded.frame.columns, original.frame.columns, file);
        assert.deepEqual(
          loaded.frame.toRecords(),
          original.frame.toRecords(),
          file,
        );
        assert.deepEqual(
          loaded.warnings.map((w) => [w.record, w.value]),
          original.warnings.map((w) => [w.record, w.value]),
          file,
        );
      }
    }
  });
});

Deno.test("loadReferenceCsv() reports every bad price-history row, not just the first", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/prices_history_openrouter.csv`;
    const [header, first] = await realLines("prices_history_openrouter.csv");
    const commit = "f340d82fc36a42eb655a499704491f2e77ca901d";
    const flash = "deepseek/deepseek-v4-flash";
    await writeLines(file, [
      header,
      first,
      `${flash},2026-02-30,${commit},0.14,0.28,0.028,,1048576`,
      `${flash},2026-13-01,${commit},-5,abc,NaN,Infinity,1048576`,
      `${flash},2026-05-01,xyz,0.14,0.28,0.028,,1e400`,
      `,2026-05-01,${commit},0.14,0.28,,,1048576`,
    ]);
    const { frame, errors } = await loadReferenceCsv("priceHistory", file);
    const number = "a non-negative number or empty";
    assert.deepEqual(errors, [
      problem(
        file,
        "line 3",
        "date",
        '"2026-02-30"',
        "a calendar date YYYY-MM-DD",
      ),
      problem(
        file,
        "line 4",
        "date",
        '"2026-13-01"',
        "a calendar date YYYY-MM-DD",
      ),
      problem(file, "line 4", "input", '"-5"', number),
      problem(file, "line 4", "output", '"abc"', number),
      problem(file, "line 4", "cache_read", '"NaN"', number),
      problem(file, "line 4", "cache_write", '"Infinity"', number),
      problem(file, "line 5", "commit", '"xyz"', "a 40-digit commit hash"),
      problem(file, "line 5", "context", '"1e400"', number),
      problem(
        file,
        "line 6",
        "openrouter_id",
        '""',
        "non-empty text",
      ),
    ]);
    assert.equal(frame.height, 0);
  });
});

Deno.test("loadReferenceCsv() reports every bad vendor row, a duplicate vendor included", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/vendors.csv`;
    const [header, anthropic, openai] = await realLines("vendors.csv");
    await writeLines(file, [
      header,
      anthropic,
      openai.replace(",US,", ",Mars,"),
      "acme,,Nowhere,other,made up",
      anthropic,
    ]);
    const { errors } = await loadReferenceCsv("vendors", file);
    assert.deepEqual(errors, [
      problem(
        file,
        "line 3",
        "origin",
        '"Mars"',
        'one of "China", "US", "Europe", "other", "unknown"',
      ),
      problem(
        file,
        "line 4",
        "vendor_name",
        '""',
        "non-empty text",
      ),
      problem(
        file,
        "line 5",
        "vendor",
        '"anthropic"',
        "a unique vendor (also on line 2)",
      ),
    ]);
  });
});

Deno.test("loadReferenceCsv() reports scores that are not finite numbers", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/benchmarks.csv`;
    const [header, first, second, third, fourth] = await realLines(
      "benchmarks.csv",
    );
    // benchmarks.csv lines 2-5 have the scores 66.0, 73.1, … in column 4.
    const withScore = (line: string, score: string) => {
      const fields = line.split(",");
      fields[fields.length - 3] = score; // score, source_url, source_date
      return fields.join(",");
    };
    await writeLines(file, [
      header,
      withScore(first, "NaN"),
      withScore(second, "Infinity"),
      withScore(third, ""),
      withScore(fourth, "high"),
    ]);
    const { errors } = await loadReferenceCsv("benchmarks", file);
    assert.deepEqual(errors, [
      problem(file, "line 2", "score", '"NaN"', "a finite number"),
      problem(file, "line 3", "score", '"Infinity"', "a finite number"),
      problem(file, "line 4", "score", '""', "a finite number"),
      problem(file, "line 5", "score", '"high"', "a finite number"),
    ]);
  });
});

Deno.test("loadReferenceCsv() reports a header missing a column, and an empty file", async () => {
  await inTempDir(async (dir) => {
    const missing = `${dir}/benchmarks.csv`;
    const empty = `${dir}/vendors.csv`;
    await Deno.writeTextFile(
      missing,
      "model,vendor,benchmark,score,source_url\nDeepSeek V3.1,DeepSeek,x,66.0,https://example.org\n",
    );
    await Deno.writeFile(empty, withBom(""));
    const fromMissing = await loadReferenceCsv("benchmarks", missing);
    assert.deepEqual(fromMissing.errors, [
      problem(
        missing,
        "line 1",
        "",
        '"model,vendor,benchmark,score,source_url"',
        "a header with the columns model,vendor,benchmark,score,source_url,source_date (missing: source_date)",
      ),
    ]);
    assert.equal(fromMissing.frame.height, 0);
    assert.deepEqual(fromMissing.frame.columns, [
      "model",
      "vendor",
      "benchmark",
      "score",
      "source_url",
      "source_date",
    ]);
    const fromEmpty = await loadReferenceCsv("vendors", empty);
    assert.deepEqual(fromEmpty.errors, [
      problem(empty, "", "", "", "a non-empty file"),
    ]);
  });
});

Deno.test("loadReferenceCsv() reports a row with fewer fields than the header", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/prices_history_openrouter.csv`;
    const [header, first, second] = await realLines(
      "prices_history_openrouter.csv",
    );
    // A row cut after its input price: output, cache and context are gone.
    const cut = second.split(",").slice(0, 4).join(",");
    await writeLines(file, [header, first, cut]);
    const { frame, errors } = await loadReferenceCsv("priceHistory", file);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].file, file);
    assert.equal(errors[0].record, "line 3");
    assert.equal(frame.height, 0);
  });
});

Deno.test("loadReferenceCsv() counts lines inside a quoted field when it names a line", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/vendors.csv`;
    const [header, anthropic, openai] = await realLines("vendors.csv");
    // Line 2-3: one record whose quoted source spans two lines; line 4: bad.
    await writeLines(file, [
      header,
      'deepseek,DeepSeek,China,China,"Hangzhou DeepSeek AI',
      '(deepseek.com)"',
      openai.replace(",US,", ",Mars,"),
      anthropic,
    ]);
    const { errors } = await loadReferenceCsv("vendors", file);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].field, "origin");
    assert.equal(errors[0].record, "line 4");
  });
});

Deno.test("loadReferenceCsv() reports every bad self-hosting row: a GPU count of 0, an unparsable throughput, a missing source, a duplicate setup", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/self_hosting.csv`;
    const [header, first] = await realLines("self_hosting.csv");
    const row = (
      id: string,
      gpus: string,
      input: string,
      output: string,
      url: string,
    ) =>
      `${id},"a setup",M,x/m,${gpus},2.49,${input},${output},0.38,${url},2026-05,`;
    await writeLines(file, [
      header,
      first,
      row("a", "0", "", "1800", "https://example.com"),
      row("b", "1", "fast", "-3", ""),
      row(
        "gpuadvisor-llama31-70b-fp8-1xh100",
        "1",
        "",
        "1800",
        "https://example.com",
      ),
    ]);
    const { frame, errors } = await loadReferenceCsv("selfHosting", file);
    assert.deepEqual(errors, [
      problem(file, "line 3", "gpus", '"0"', "a positive number"),
      problem(
        file,
        "line 4",
        "input_tokens_per_s",
        '"fast"',
        "a non-negative number or empty",
      ),
      problem(
        file,
        "line 4",
        "output_tokens_per_s",
        '"-3"',
        "a positive number",
      ),
      problem(
        file,
        "line 4",
        "source_url",
        '""',
        "non-empty text",
      ),
      problem(
        file,
        "line 5",
        "setup_id",
        '"gpuadvisor-llama31-70b-fp8-1xh100"',
        "a unique setup_id (also on line 2)",
      ),
    ]);
    assert.equal(frame.height, 0);
  });
});
