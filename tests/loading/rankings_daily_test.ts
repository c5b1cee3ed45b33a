import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadRankingsDaily } from "../../lib/loading/rankings_daily.ts";
import {
  inTempDir,
  once,
  problem,
  warning,
  withBom,
  writeJson,
} from "../_helpers.ts";

// data/raw/rankings-daily/2026-05-24_2026-06-22.json: {"data": [...], "meta":
// {...}}, 1530 rows, 30 days (2026-05-24 … 2026-06-22), 51 rows a day (top 50
// plus "other"), total_tokens written as decimal strings.
const RANKINGS_FILE = "data/raw/rankings-daily/2026-05-24_2026-06-22.json";

interface RankingRecord {
  date: string;
  model_permaslug: string;
  total_tokens: string;
}

async function realRows(): Promise<RankingRecord[]> {
  return JSON.parse(await Deno.readTextFile(RANKINGS_FILE)).data;
}

/** The real file, loaded once for the tests that only read it. */
const loadReal = once(() => loadRankingsDaily([RANKINGS_FILE]));

const TOKENS_EXPECTED = "a non-negative integer (decimal string) below 2^53";

Deno.test("loadRankingsDaily() loads 1530 rows over 30 days from the real month", async () => {
  const { frame, errors, warnings } = await loadReal();
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, []);
  assert.equal(frame.height, 1530);
  assert.deepEqual(frame.columns, [
    "date",
    "permaslug",
    "tokens",
    "is_other",
    "source_file",
  ]);
  const dates = frame.getColumn("date").unique().sort().toArray();
  assert.equal(dates.length, 30);
  assert.equal(dates[0], "2026-05-24");
  assert.equal(dates[29], "2026-06-22");
  const perDay = frame.groupBy("date").len().getColumn("len").unique()
    .toArray();
  assert.deepEqual(perDay, [51]);
  // python3: 81 distinct permaslugs besides "other".
  assert.equal(
    frame.filter(pl.col("is_other").not()).getColumn("permaslug").nUnique(),
    81,
  );
});

Deno.test("loadRankingsDaily() keeps every token count exactly: the month sums to 169887666482052", async () => {
  // python3: sum(int(row["total_tokens"])) over the 1530 rows, "other" included.
  const { frame } = await loadReal();
  assert.equal(frame.getColumn("tokens").sum(), 169887666482052);
  assert.equal(frame.getColumn("tokens").dtype.equals(pl.Int64), true);
});

Deno.test("loadRankingsDaily() puts 2026-05-24's top model first: deepseek/deepseek-v4-flash-20260423 with 595090081549 tokens", async () => {
  // 2026-05-24_2026-06-22.json data[0]: the largest row of 2026-05-24.
  const { frame } = await loadReal();
  const day = frame.filter(pl.col("date").eq(pl.lit("2026-05-24")));
  assert.deepEqual(day.head(3).select("permaslug", "tokens").toRecords(), [
    { permaslug: "deepseek/deepseek-v4-flash-20260423", tokens: 595090081549 },
    { permaslug: "tencent/hy3-preview-20260421", tokens: 400918535711 },
    { permaslug: "other", tokens: 363600933954 },
  ]);
  // python3: the last day's top model.
  const last = frame.filter(pl.col("date").eq(pl.lit("2026-06-22"))).row(0);
  assert.deepEqual(last.slice(0, 3), [
    "2026-06-22",
    "xiaomi/mimo-v2.5-20260422",
    715477630000,
  ]);
});

Deno.test("loadRankingsDaily() keeps the other row of each day and marks it", async () => {
  // 2026-05-24_2026-06-22.json data[50]: "other" 363600933954 on 2026-05-24;
  // python3: one "other" row on each of the 30 days, 420402502405 on 2026-06-22.
  const { frame } = await loadReal();
  const other = frame.filter(pl.col("is_other"));
  assert.equal(other.height, 30);
  assert.deepEqual(other.getColumn("permaslug").unique().toArray(), ["other"]);
  // Series.get() of nodejs-polars 0.25.2 cuts Int64 values to 32 bits
  // (363600933954 comes back as -1471286206): read through toArray().
  const tokens = other.getColumn("tokens").toArray();
  assert.equal(tokens[0], 363600933954);
  assert.equal(tokens[29], 420402502405);
  assert.equal(
    frame.filter(
      pl.col("permaslug").eq(pl.lit("other")).and(
        pl.col("is_other").not(),
      ),
    ).height,
    0,
  );
});

Deno.test('loadRankingsDaily() loads the {"data", "meta"} envelope and the bare array identically', async () => {
  await inTempDir(async (dir) => {
    const bare = `${dir}/bare.json`;
    await writeJson(bare, await realRows());
    const fromBare = await loadRankingsDaily([bare]);
    const fromEnvelope = await loadReal();
    assert.deepEqual(fromBare.errors, []);
    assert.equal(fromBare.frame.height, 1530);
    assert.deepEqual(
      fromBare.frame.drop("source_file").toRecords(),
      fromEnvelope.frame.drop("source_file").toRecords(),
    );
  });
});

Deno.test("loadRankingsDaily() loads a file with a UTF-8 byte-order mark like the same file without", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-05-24_2026-06-22.json`;
    const bytes = await Deno.readFile(RANKINGS_FILE);
    await Deno.writeFile(file, withBom(bytes));
    const fromBom = await loadRankingsDaily([file]);
    const original = await loadReal();
    assert.deepEqual(fromBom.errors, []);
    assert.deepEqual(
      fromBom.frame.drop("source_file").toRecords(),
      original.frame.drop("source_file").toRecords(),
    );
  });
});

Deno.test("loadRankingsDaily() merges two overlapping files, keeping a (date, permaslug) with the same value once", async () => {
  await inTempDir(async (dir) => {
    const rows = await realRows();
    const early = `${dir}/2026-05-24_2026-06-10.json`;
    const late = `${dir}/2026-06-05_2026-06-22.json`;
    // 18 days each, 6 days (306 rows) in both.
    const earlyRows = rows.filter((r) => r.date <= "2026-06-10");
    const lateRows = rows.filter((r) => r.date >= "2026-06-05");
    assert.equal(earlyRows.length, 918);
    assert.equal(lateRows.length, 918);
    await writeJson(early, { data: earlyRows });
    await writeJson(late, { data: lateRows });
    const merged = await loadRankingsDaily([early, late]);
    const single = await loadReal();
    assert.deepEqual(merged.errors, []);
    assert.deepEqual(merged.warnings, []);
    assert.equal(merged.frame.height, 1530);
    assert.deepEqual(
      merged.frame.drop("source_file").toRecords(),
      single.frame.drop("source_file").toRecords(),
    );
    // A row carried by both files is credited to the first.
    const bySource = merged.frame.groupBy("source_file").len()
      .sort("source_file").toRecords();
    assert.deepEqual(bySource, [
      { source_file: early, len: 918 },
      { source_file: late, len: 612 },
    ]);
  });
});

Deno.test("loadRankingsDaily() rejects two files giving a day different values, naming both files", async () => {
  await inTempDir(async (dir) => {
    const rows = await realRows();
    const early = `${dir}/2026-05-24_2026-06-10.json`;
    const late = `${dir}/2026-06-05_2026-06-22.json`;
    const lateRows = structuredClone(
      rows.filter((r) => r.date >= "2026-06-05"),
    );
    // python3: 2026-06-05 deepseek/deepseek-v4-flash-20260423 619072113077 and
    // 2026-06-10 tencent/hy3-preview-20260421 706974022354.
    const lateRow = (date: string, permaslug: string) =>
      lateRows.find((r) => r.date === date && r.model_permaslug === permaslug)!;
    const flash = lateRow("2026-06-05", "deepseek/deepseek-v4-flash-20260423");
    assert.equal(flash.total_tokens, "619072113077");
    flash.total_tokens = "619072113078";
    const hy3 = lateRow("2026-06-10", "tencent/hy3-preview-20260421");
    assert.equal(hy3.total_tokens, "706974022354");
    hy3.total_tokens = "1";
    await writeJson(early, {
      data: rows.filter((r) => r.date <= "2026-06-10"),
    });
    await writeJson(late, { data: lateRows });
    const { frame, errors } = await loadRankingsDaily([early, late]);
    assert.deepEqual(errors, [
      problem(
        late,
        "2026-06-05 deepseek/deepseek-v4-flash-20260423",
        "total_tokens",
        '"619072113078"',
        `the same value as in ${early} (619072113077), or only one file carrying this day`,
      ),
      problem(
        late,
        "2026-06-10 tencent/hy3-preview-20260421",
        "total_tokens",
        '"1"',
        `the same value as in ${early} (706974022354), or only one file carrying this day`,
      ),
    ]);
    assert.equal(frame.height, 0);
  });
});

Deno.test("loadRankingsDaily() reports every bad token count in a file, not just the first", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/bad-tokens.json`;
    const row = (permaslug: string, total: unknown) => ({
      date: "2026-05-24",
      model_permaslug: permaslug,
      total_tokens: total,
    });
    const rows = [
      row("deepseek/deepseek-v4-flash-20260423", "595090081549"),
      row("tencent/hy3-preview-20260421", "-5"),
      row("anthropic/claude-4.7-opus-20260416", "1.5"),
      row("other", "abc"),
      row("z-ai/glm-5", "NaN"),
      row("qwen/qwen3-coder", "Infinity"),
      row("openai/gpt-5", -5),
      row("x-ai/grok-4.1-fast", 2.5),
      row("google/gemini-3-flash-preview-20251217", "__INFINITY__"),
      row("minimax/minimax-m2.5", "9007199254740993"),
    ];
    // writeJson() writes "__INFINITY__" as 1e400, which parses to Infinity.
    await writeJson(file, { data: rows });
    const { frame, errors } = await loadRankingsDaily([file]);
    assert.deepEqual(errors, [
      problem(file, "data[1]", "total_tokens", '"-5"', TOKENS_EXPECTED),
      problem(file, "data[2]", "total_tokens", '"1.5"', TOKENS_EXPECTED),
      problem(file, "data[3]", "total_tokens", '"abc"', TOKENS_EXPECTED),
      problem(file, "data[4]", "total_tokens", '"NaN"', TOKENS_EXPECTED),
      problem(file, "data[5]", "total_tokens", '"Infinity"', TOKENS_EXPECTED),
      problem(file, "data[6]", "total_tokens", "-5", TOKENS_EXPECTED),
      problem(file, "data[7]", "total_tokens", "2.5", TOKENS_EXPECTED),
      problem(file, "data[8]", "total_tokens", "Infinity", TOKENS_EXPECTED),
      problem(
        file,
        "data[9]",
        "total_tokens",
        '"9007199254740993"',
        TOKENS_EXPECTED,
      ),
    ]);
    assert.equal(frame.height, 0);
  });
});

Deno.test("loadRankingsDaily() reports impossible dates, missing fields and wrong types on every row", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/bad-rows.json`;
    const rows: unknown[] = [
      { date: "2026-02-30", model_permaslug: "a/b", total_tokens: "5" },
      { date: "2026-13-01", model_permaslug: "a/b", total_tokens: "5" },
      { date: "2026-5-24", model_permaslug: "a/b", total_tokens: "5" },
      { model_permaslug: "a/b", total_tokens: "5" },
      { date: "2026-05-24", total_tokens: "5" },
      { date: "2026-05-24", model_permaslug: 42, total_tokens: "5" },
      { date: "2026-05-24", model_permaslug: " ", total_tokens: "5" },
      { date: "2026-05-24", model_permaslug: "a/c" },
      ["2026-05-24", "a/d", "5"],
      null,
      { date: 20260524, model_permaslug: "", total_tokens: true },
    ];
    await writeJson(file, rows);
    const { errors } = await loadRankingsDaily([file]);
    const date = "a calendar date YYYY-MM-DD";
    const slug = "a non-empty model slug";
    const record = "an object with date, model_permaslug and total_tokens";
    assert.deepEqual(errors, [
      problem(file, "[0]", "date", '"2026-02-30"', date),
      problem(file, "[1]", "date", '"2026-13-01"', date),
      problem(file, "[2]", "date", '"2026-5-24"', date),
      problem(file, "[3]", "date", "missing", date),
      problem(file, "[4]", "model_permaslug", "missing", slug),
      problem(file, "[5]", "model_permaslug", "42", slug),
      problem(file, "[6]", "model_permaslug", '" "', slug),
      problem(file, "[7]", "total_tokens", "missing", TOKENS_EXPECTED),
      problem(file, "[8]", "", '["2026-05-24","a/d","5"]', record),
      problem(file, "[9]", "", "null", record),
      problem(file, "[10]", "date", "20260524", date),
      problem(file, "[10]", "model_permaslug", '""', slug),
      problem(file, "[10]", "total_tokens", "true", TOKENS_EXPECTED),
    ]);
  });
});

Deno.test("loadRankingsDaily() keeps a duplicate row with the same value once, with a warning", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-05-24_2026-05-24.json`;
    const [first, second] = await realRows();
    await writeJson(file, { data: [first, second, first, first] });
    const { frame, errors, warnings } = await loadRankingsDaily([file]);
    assert.deepEqual(errors, []);
    const expected = "one row per date and model (same as data[0], kept once)";
    const value = '"2026-05-24 deepseek/deepseek-v4-flash-20260423"';
    // Two rows without the day's "other" row: the day is also incomplete.
    assert.deepEqual(warnings.filter((w) => w.code !== "day_incomplete"), [
      warning(file, "data[2]", "", value, expected),
      warning(file, "data[3]", "", value, expected),
    ]);
    assert.deepEqual(frame.select("permaslug", "tokens").toRecords(), [
      {
        permaslug: "deepseek/deepseek-v4-flash-20260423",
        tokens: 595090081549,
      },
      { permaslug: "tencent/hy3-preview-20260421", tokens: 400918535711 },
    ]);
  });
});

Deno.test("loadRankingsDaily() rejects a duplicate row with a different value in one file", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/conflict.json`;
    const [first, second] = await realRows();
    const changed = { ...first, total_tokens: "595090081550" };
    await writeJson(file, { data: [first, second, changed] });
    const { errors } = await loadRankingsDaily([file]);
    assert.deepEqual(errors, [
      problem(
        file,
        "data[2]",
        "total_tokens",
        '"595090081550"',
        "the same value as data[0] (595090081549) for 2026-05-24 deepseek/deepseek-v4-flash-20260423",
      ),
    ]);
  });
});

Deno.test("loadRankingsDaily() keeps a row whose vendor it has never seen", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-05-24_2026-05-24.json`;
    const [first] = await realRows();
    const unknown = {
      date: "2026-05-24",
      model_permaslug: "acme-labs/rocket-1-20260601",
      total_tokens: "123456789",
    };
    await writeJson(file, { data: [first, unknown] });
    const { frame, errors, warnings } = await loadRankingsDaily([file]);
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings.map((w) => w.code), ["day_incomplete"]);
    assert.deepEqual(frame.drop("source_file").toRecords(), [
      {
        date: "2026-05-24",
        permaslug: "deepseek/deepseek-v4-flash-20260423",
        tokens: 595090081549,
        is_other: false,
      },
      {
        date: "2026-05-24",
        permaslug: "acme-labs/rocket-1-20260601",
        tokens: 123456789,
        is_other: false,
      },
    ]);
  });
});

Deno.test("loadRankingsDaily() reports malformed JSON with its line and column", async () => {
  await inTempDir(async (dir) => {
    const missingComma = `${dir}/missing-comma.json`;
    const [first, second] = await realRows();
    await Deno.writeTextFile(
      missingComma,
      `{"data": [\n${JSON.stringify(first)}\n${JSON.stringify(second)}\n]}\n`,
    );
    const { errors } = await loadRankingsDaily([missingComma]);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].file, missingComma);
    assert.equal(errors[0].record, "line 3 column 1");
    assert.match(errors[0].expected, /^valid JSON \(/);
  });
});

Deno.test("loadRankingsDaily() reports a bare NaN, as Python's json.dump writes it, with its line and column", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/python-nan.json`;
    const [first] = await realRows();
    const line3 =
      '{"date": "2026-05-25", "model_permaslug": "z-ai/glm-5", "total_tokens": NaN}';
    await Deno.writeTextFile(
      file,
      `{"data": [\n${JSON.stringify(first)},\n${line3}\n]}\n`,
    );
    const { errors } = await loadRankingsDaily([file]);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].record, `line 3 column ${line3.indexOf("NaN") + 1}`);
    assert.match(errors[0].expected, /^valid JSON \(/);
  });
});

Deno.test("loadRankingsDaily() reports an empty file, a file holding only a BOM and a file of the wrong shape", async () => {
  await inTempDir(async (dir) => {
    const empty = `${dir}/empty.json`;
    const bomOnly = `${dir}/bom-only.json`;
    const wrongShape = `${dir}/wrong-shape.json`;
    await Deno.writeFile(empty, new Uint8Array());
    await Deno.writeFile(bomOnly, withBom("\n"));
    await Deno.writeTextFile(wrongShape, '{"rows": []}');
    const { errors } = await loadRankingsDaily([empty, bomOnly, wrongShape]);
    assert.deepEqual(errors, [
      problem(empty, "", "", "", "a non-empty file"),
      problem(bomOnly, "", "", "", "a non-empty file"),
      problem(
        wrongShape,
        "",
        "",
        "",
        'an object {"data": [...]} or a JSON array of rows',
      ),
    ]);
  });
});

Deno.test("loadRankingsDaily() keeps each file's meta: the bundled month has start, end and version but no as_of", async () => {
  const { meta } = await loadReal();
  assert.deepEqual(meta, [{
    file: RANKINGS_FILE,
    as_of: null,
    start_date: "2026-05-24",
    end_date: "2026-06-22",
    version: "v1",
  }]);
});

Deno.test("loadRankingsDaily() takes a restated day from the file with the later as_of and lists the restatement as a warning", async () => {
  await inTempDir(async (dir) => {
    const rows = await realRows();
    const early = `${dir}/2026-05-24_2026-06-22.json`;
    const late = `${dir}/2026-06-20_2026-06-22.json`;
    // python3: 2026-06-21 has 51 rows; restate its first row's tokens and
    // drop its last model from the top 50 (the whole day comes from `late`).
    const restated = structuredClone(
      rows.filter((r) => r.date >= "2026-06-20"),
    );
    const day = restated.filter((r) => r.date === "2026-06-21");
    const first = day[0];
    first.total_tokens = String(Number(first.total_tokens) + 7);
    const dropped = day.filter((r) => r.model_permaslug !== "other").at(-1)!;
    await writeJson(early, {
      data: rows,
      meta: { as_of: "2026-06-23T02:00:00Z" },
    });
    await writeJson(late, {
      data: restated.filter((r) => r !== dropped),
      meta: { as_of: "2026-06-24T02:00:00Z" },
    });
    const { frame, errors, warnings } = await loadRankingsDaily([early, late]);
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings, [
      warning(
        early,
        "2026-06-21",
        "",
        '"2026-06-23T02:00:00Z"',
        `no restatement; restated by ${late} (meta.as_of 2026-06-24T02:00:00Z), whose rows for the day are used`,
        "restated",
      ),
    ]);
    const day21 = frame.filter(pl.col("date").eq(pl.lit("2026-06-21")));
    assert.equal(day21.height, 50);
    assert.deepEqual(
      [...new Set(day21.getColumn("source_file").toArray())],
      [late],
    );
    const row = day21.filter(
      pl.col("permaslug").eq(pl.lit(first.model_permaslug)),
    );
    assert.equal(
      row.getColumn("tokens").toArray()[0],
      Number(first.total_tokens),
    );
    // the other days keep the first file's rows
    assert.equal(frame.height, 1530 - 1);
  });
});

Deno.test("loadRankingsDaily() keeps the error when as_of cannot decide: a file without as_of, or the same as_of", async () => {
  await inTempDir(async (dir) => {
    const rows = await realRows();
    const early = `${dir}/a.json`;
    const late = `${dir}/b.json`;
    const changed = structuredClone(
      rows.filter((r) => r.date === "2026-06-22"),
    );
    changed[0].total_tokens = "1";
    const expected = `the same value as in ${early} (${
      Number(rows.find((r) => r.date === "2026-06-22")!.total_tokens)
    }), or only one file carrying this day`;
    await writeJson(early, { data: rows });
    await writeJson(late, {
      data: changed,
      meta: { as_of: "2026-06-24T02:00:00Z" },
    });
    const undated = await loadRankingsDaily([early, late]);
    assert.deepEqual(undated.errors.map((p) => p.expected), [expected]);
    await writeJson(early, {
      data: rows,
      meta: { as_of: "2026-06-24T02:00:00Z" },
    });
    const tie = await loadRankingsDaily([early, late]);
    assert.deepEqual(tie.errors.map((p) => p.expected), [expected]);
    assert.equal(tie.frame.height, 0);
  });
});

Deno.test("loadRankingsDaily() rejects a meta.as_of that is not a timestamp", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/a.json`;
    await writeJson(file, {
      data: (await realRows()).slice(0, 2),
      meta: { as_of: "yesterday" },
    });
    assert.deepEqual((await loadRankingsDaily([file])).errors, [
      problem(file, "meta", "as_of", '"yesterday"', "an ISO-8601 timestamp"),
    ]);
  });
});
