import assert from "node:assert/strict";
import {
  formatSummaries,
  type SourceSummary,
  validatePaths,
} from "../../lib/loading/validate.ts";
import {
  type CommandOutput,
  copyDir,
  inTempDir,
  problem,
  runTask,
  withBom,
  writeLines,
} from "../_helpers.ts";

// tests/fixtures/bad/: one small file per source, each with several problems
// (see its README.md).
const BAD = "tests/fixtures/bad";
const BAD_RANKINGS = `${BAD}/rankings-daily/2026-06-01_2026-06-02.json`;
const BAD_INFERENCE = `${BAD}/inference-stats/2026-02-15.json`;
const BAD_MODELS = `${BAD}/openrouter-models/2026-06-01.models.json`;
const BAD_VENDORS = `${BAD}/vendors.csv`;

const TOKENS_EXPECTED = "a non-negative integer (decimal string) below 2^53";

// Summaries of two sources of data/, with row counts, distinct models and date
// ranges read with python3 from the files.
const RANKINGS_SUMMARY: SourceSummary = {
  source: "rankings-daily",
  files: 1,
  rows: 1530,
  models: 81,
  dates: ["2026-05-24", "2026-06-22"],
};
const INFERENCE_SUMMARY: SourceSummary = {
  source: "inference-stats",
  files: 13,
  rows: 117,
  models: 20,
  dates: ["2025-11-16", "2026-02-08"],
};

/** Run `deno task validate PATH...` and return its exit code and output. */
function runValidate(...paths: string[]): Promise<CommandOutput> {
  return runTask("validate", paths);
}

Deno.test("validatePaths() finds no error in the bundled data/ and summarises each source", async () => {
  const result = await validatePaths(["data"]);
  assert.equal(result.ok, true);
  assert.deepEqual(result.problems.filter((p) => p.severity === "error"), []);
  // 4 models priced 0, 29 inference model-weeks, 1 duplicate benchmark.
  assert.equal(result.problems.length, 34);
  const table = (source: string, rows: number) => ({
    source: `reference/${source}`,
    files: 1,
    rows,
    models: 0,
    dates: null,
  });
  assert.deepEqual(result.summaries, [
    {
      source: "openrouter-models",
      files: 1,
      rows: 371,
      models: 371,
      dates: ["2026-05-01", "2026-05-01"],
    },
    RANKINGS_SUMMARY,
    INFERENCE_SUMMARY,
    // raw/observed-prices: the 26-row excerpt of 2026-08-28.
    {
      source: "observed-prices",
      files: 1,
      rows: 26,
      models: 26,
      dates: ["2026-08-28", "2026-08-28"],
    },
    // data/claims.csv: 240 claims.
    { source: "claims", files: 1, rows: 240, models: 0, dates: null },
    table("articlePrices", 4),
    table("benchmarks", 135),
    table("costPerTask", 4),
    table("models", 94),
    table("priceHistory", 190),
    table("selfHosting", 6),
    table("vendors", 25),
  ]);
});

Deno.test("validatePaths() lists every problem of every bad file, errors first", async () => {
  const result = await validatePaths([BAD]);
  assert.equal(result.ok, false);
  assert.deepEqual(result.problems, [
    problem(
      BAD_MODELS,
      "[0]",
      "pricing.prompt",
      '"NaN"',
      "a decimal string in USD per token",
    ),
    problem(BAD_MODELS, "[1]", "canonical_slug", "missing", "string"),
    problem(BAD_RANKINGS, "data[1]", "total_tokens", '"-5"', TOKENS_EXPECTED),
    problem(BAD_RANKINGS, "data[2]", "total_tokens", '"1.5"', TOKENS_EXPECTED),
    problem(
      BAD_RANKINGS,
      "data[3]",
      "date",
      '"2026-02-30"',
      "a calendar date YYYY-MM-DD",
    ),
    problem(BAD_RANKINGS, "data[3]", "total_tokens", '"abc"', TOKENS_EXPECTED),
    problem(
      BAD_INFERENCE,
      "models[0]",
      "cached_tokens",
      "901",
      "at most prompt_tokens (900): cached tokens are part of the prompt",
    ),
    problem(
      BAD_INFERENCE,
      "models[1]",
      "completion_tokens",
      "-100",
      "a number ≥ 0",
    ),
    problem(
      BAD_VENDORS,
      "line 3",
      "origin",
      '"Martian"',
      'one of "China", "US", "Europe", "other", "unknown"',
    ),
    problem(
      BAD_VENDORS,
      "line 4",
      "vendor",
      '"deepseek"',
      "a unique vendor (also on line 2)",
    ),
  ]);
});

Deno.test("validatePaths() puts errors before warnings across files", async () => {
  const result = await validatePaths([
    "data/raw/inference-stats/2025-12-21.json",
    BAD_RANKINGS,
  ]);
  assert.equal(result.ok, false);
  assert.deepEqual(
    result.problems.map((p) => [p.severity, p.file, p.record, p.code ?? ""]),
    [
      ["error", BAD_RANKINGS, "data[1]", ""],
      ["error", BAD_RANKINGS, "data[2]", ""],
      ["error", BAD_RANKINGS, "data[3]", ""],
      ["error", BAD_RANKINGS, "data[3]", ""],
      [
        "warning",
        "data/raw/inference-stats/2025-12-21.json",
        "models[8]",
        "breakdown_zero",
      ],
      [
        "warning",
        "data/raw/inference-stats/2025-12-21.json",
        "models[8]",
        "free_variant_priced",
      ],
    ],
  );
});

Deno.test("validatePaths() reports empty and malformed files and accepts a BOM and CRLF", async () => {
  await inTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/rankings-daily`);
    const empty = `${dir}/rankings-daily/2026-06-01_2026-06-01.json`;
    const malformed = `${dir}/rankings-daily/2026-06-02_2026-06-02.json`;
    const bom = `${dir}/rankings-daily/2026-06-03_2026-06-03.json`;
    const crlf = `${dir}/vendors.csv`;
    await Deno.writeFile(empty, new Uint8Array());
    await Deno.writeTextFile(
      malformed,
      '{"data": [\n  {"date": "2026-06-02"}\n  {"date": "2026-06-02"}\n]}\n',
    );
    const row = JSON.stringify({
      data: [{
        date: "2026-06-03",
        model_permaslug: "deepseek/deepseek-v4-flash-20260423",
        total_tokens: "1",
      }],
    });
    await Deno.writeFile(bom, withBom(row));
    const vendors = await Deno.readTextFile("data/reference/vendors.csv");
    await Deno.writeTextFile(crlf, vendors.replaceAll("\n", "\r\n"));
    const result = await validatePaths([dir]);
    assert.equal(result.ok, false);
    assert.equal(result.problems.length, 2);
    assert.deepEqual(
      result.problems[0],
      problem(empty, "", "", "", "a non-empty file"),
    );
    assert.equal(result.problems[1].file, malformed);
    assert.equal(result.problems[1].record, "line 3 column 3");
    assert.deepEqual(
      result.summaries.map((s) => [s.source, s.files, s.rows]),
      [["rankings-daily", 3, 0], ["reference/vendors", 1, 25]],
    );
  });
});

Deno.test("validatePaths() reports a path that does not exist and a JSON file of no known kind", async () => {
  await inTempDir(async (dir) => {
    const missing = `${dir}/no-such-folder`;
    const unknown = `${dir}/notes.json`;
    await Deno.writeTextFile(unknown, '{"hello": "world"}');
    const result = await validatePaths([missing, unknown]);
    assert.equal(result.ok, false);
    assert.equal(result.problems.length, 2);
    assert.equal(result.problems[0].file, missing);
    assert.match(result.problems[0].expected, /^an existing file or folder \(/);
    assert.deepEqual(
      result.problems[1],
      problem(
        unknown,
        "",
        "",
        "",
        "a rankings-daily, models-list or inference-stats JSON file (could not tell which)",
      ),
    );
    assert.deepEqual(result.summaries, []);
  });
});

Deno.test("formatSummaries() aligns one line per source", () => {
  const text = formatSummaries([
    RANKINGS_SUMMARY,
    INFERENCE_SUMMARY,
    { source: "reference/vendors", files: 1, rows: 25, models: 0, dates: null },
  ]);
  assert.equal(
    text,
    [
      "rankings-daily     1 file    1530 rows   81 models    2026-05-24 … 2026-06-22",
      "inference-stats    13 files  117 rows    20 models    2025-11-16 … 2026-02-08",
      "reference/vendors  1 file    25 rows",
    ].join("\n"),
  );
});

Deno.test("cli/validate.ts exits 1 on bad files and prints each problem with its file and record", async () => {
  const { code, stdout } = await runValidate(BAD);
  assert.equal(code, 1);
  const lines = stdout.split("\n");
  for (
    const line of [
      `error: ${BAD_RANKINGS}: data[1].total_tokens is "-5", expected ${TOKENS_EXPECTED}`,
      `error: ${BAD_RANKINGS}: data[2].total_tokens is "1.5", expected ${TOKENS_EXPECTED}`,
      `error: ${BAD_RANKINGS}: data[3].date is "2026-02-30", expected a calendar date YYYY-MM-DD`,
      `error: ${BAD_RANKINGS}: data[3].total_tokens is "abc", expected ${TOKENS_EXPECTED}`,
      `error: ${BAD_MODELS}: [0].pricing.prompt is "NaN", expected a decimal string in USD per token`,
      `error: ${BAD_INFERENCE}: models[0].cached_tokens is 901, expected at most prompt_tokens (900): cached tokens are part of the prompt`,
      `error: ${BAD_VENDORS}: line 4.vendor is "deepseek", expected a unique vendor (also on line 2)`,
    ]
  ) {
    assert.ok(lines.includes(line), `missing line: ${line}\n${stdout}`);
  }
  assert.equal(lines.filter((l) => l.startsWith("error: ")).length, 10);
  assert.ok(
    lines.includes(`10 error(s), 0 warning(s) in ${BAD}`),
    stdout,
  );
});

Deno.test("cli/validate.ts exits 0 on data/ and prints the summary", async () => {
  const { code, stdout } = await runValidate("data");
  assert.equal(code, 0, stdout);
  const lines = stdout.split("\n");
  assert.equal(lines.filter((l) => l.startsWith("error: ")).length, 0);
  assert.equal(lines.filter((l) => l.startsWith("warning: ")).length, 34);
  assert.ok(
    lines.includes(
      "rankings-daily           1 file    1530 rows   81 models    2026-05-24 … 2026-06-22",
    ),
    stdout,
  );
  assert.ok(lines.includes("0 error(s), 34 warning(s) in data"), stdout);
  assert.ok(
    lines.includes(
      'warning: data/reference/benchmarks.csv: line 101.model+benchmark is "Zhipu GLM-5|Artificial Analysis Intelligence Index v4.0 (0-100)", expected a unique model+benchmark (also on line 87)',
    ),
    stdout,
  );
});

Deno.test("validatePaths() checks claims.csv and names every bad row by line", async () => {
  await inTempDir(async (dir) => {
    const header =
      "id,article,article_date,section,quote,stated,unit,check,params,needs";
    await writeLines(`${dir}/claims.csv`, [
      header,
      "pt-01,A,2026-06-08,lead,28.9T,28900000000000,tokens/week,week_total_tokens,week=2026-06-01,",
      "pt-02,A,2026-06-08,lead,+7.4%,seven,percent,week_total_wow_pct,week=2026-06-01,",
      "pt-01,A,2026-06-08,lead,dup,1,count,none,,",
    ]);
    const result = await validatePaths([dir]);
    assert.equal(result.ok, false);
    assert.deepEqual(
      result.problems.map((p) => [p.record, p.field, p.value]),
      [["line 3", "stated", '"seven"'], ["line 4", "id", '"pt-01"']],
    );
    assert.deepEqual(result.summaries, [{
      source: "claims",
      files: 1,
      rows: 0,
      models: 0,
      dates: null,
    }]);
  });
});

Deno.test("deno task validate names a temporary file a killed fetch left, and reads no budget file", async () => {
  await inTempDir(async (dir) => {
    const data = `${dir}/data`;
    await copyDir("data", data);
    const stale =
      `${data}/raw/rankings-daily/2026-06-23_2026-06-30.json.partial-0123abcd`;
    await Deno.writeTextFile(stale, '{"data": [');
    await Deno.writeTextFile(`${data}/.fetch-budget.json`, "{}");
    const { code, stdout } = await runValidate(data);
    assert.equal(code, 0, stdout);
    assert.ok(
      stdout.split("\n").includes(
        `warning: ${stale}: expected no leftover: this is the temporary file of a deno task fetch that was interrupted while saving (no loader reads it; the next fetch removes it)`,
      ),
      stdout,
    );
    assert.doesNotMatch(stdout, /not read by any loader.*fetch-budget/);
  });
});
