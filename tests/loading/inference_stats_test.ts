import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadInferenceStats } from "../../lib/loading/inference_stats.ts";
import {
  inTempDir,
  problem,
  warning,
  withBom,
  writeJson,
} from "../_helpers.ts";

// data/raw/inference-stats/: 13 weekly files 2025-11-16 … 2026-02-08, 9 models
// each (117 rows, 20 distinct slugs), prices in USD per token as JSON numbers.
const DIR = "data/raw/inference-stats";
const WEEKS = [
  "2025-11-16",
  "2025-11-23",
  "2025-11-30",
  "2025-12-07",
  "2025-12-14",
  "2025-12-21",
  "2025-12-28",
  "2026-01-04",
  "2026-01-11",
  "2026-01-18",
  "2026-01-25",
  "2026-02-01",
  "2026-02-08",
];
const ALL_FILES = WEEKS.map((week) => `${DIR}/${week}.json`);
const LAST_WEEK = `${DIR}/2026-02-08.json`;

type ModelRecord = Record<string, unknown>;
interface WeekFile {
  date: string;
  models: ModelRecord[];
  [key: string]: unknown;
}

async function readWeek(file: string): Promise<WeekFile> {
  return JSON.parse(await Deno.readTextFile(file));
}

Deno.test("loadInferenceStats() loads 117 model-weeks from the 13 real weekly files", async () => {
  const { frame, errors } = await loadInferenceStats(ALL_FILES);
  assert.deepEqual(errors, []);
  assert.equal(frame.height, 117);
  assert.deepEqual(
    frame.getColumn("snapshot_date").unique().sort().toArray(),
    WEEKS,
  );
  assert.equal(frame.getColumn("slug").nUnique(), 20);
  const perWeek = frame.groupBy("snapshot_date").len().getColumn("len")
    .unique().toArray();
  assert.deepEqual(perWeek, [9]);
});

Deno.test("loadInferenceStats() reads claude sonnet 4.5's 2026-02-08 week exactly", async () => {
  // data/raw/inference-stats/2026-02-08.json models[0].
  const { frame } = await loadInferenceStats([LAST_WEEK]);
  const rows = frame.filter(
    pl.col("slug").eq(pl.lit("anthropic/claude-4.5-sonnet-20250929")),
  ).toRecords();
  assert.deepEqual(rows, [{
    snapshot_date: "2026-02-08",
    slug: "anthropic/claude-4.5-sonnet-20250929",
    name: "Anthropic: Claude Sonnet 4.5",
    rank: 3,
    total_tokens: 705646757574,
    prompt_tokens: 693492831109,
    completion_tokens: 12153926465,
    reasoning_tokens: 628515747,
    cached_tokens: 448382174257,
    request_count: 21273143,
    percent_change: -9,
    prompt_usd_per_mtok: 3,
    completion_usd_per_mtok: 15,
    reasoning_usd_per_mtok: 15,
    cache_read_usd_per_mtok: 0.3,
    published_revenue_usd: 2397302.04,
    is_free: false,
    warning: null,
    source_file: LAST_WEEK,
  }]);
});

Deno.test("loadInferenceStats() converts the 7.0000002e-08 cache-read price of kimi-k2.5 to exactly 0.070000002", async () => {
  // 2026-02-08.json models[2] moonshotai/kimi-k2.5-0127: prompt 4.5e-07,
  // completion 2.25e-06, cache read 7.0000002e-08; models[6]
  // minimax/minimax-m2.1 cache read 2.99999997e-08.
  const { frame } = await loadInferenceStats([LAST_WEEK]);
  const prices = frame.select(
    "slug",
    "prompt_usd_per_mtok",
    "completion_usd_per_mtok",
    "cache_read_usd_per_mtok",
  ).filter(
    pl.col("slug").isIn(["moonshotai/kimi-k2.5-0127", "minimax/minimax-m2.1"]),
  ).toRecords();
  assert.deepEqual(prices, [
    {
      slug: "moonshotai/kimi-k2.5-0127",
      prompt_usd_per_mtok: 0.45,
      completion_usd_per_mtok: 2.25,
      cache_read_usd_per_mtok: 0.070000002,
    },
    {
      slug: "minimax/minimax-m2.1",
      prompt_usd_per_mtok: 0.27,
      completion_usd_per_mtok: 0.95,
      cache_read_usd_per_mtok: 0.0299999997,
    },
  ]);
});

Deno.test("loadInferenceStats() sorts each week by published revenue, largest first", async () => {
  // 2026-02-08.json estimated_revenue: sonnet 4.5 2397302.04, opus 4.5
  // 2081607.17, kimi-k2.5 613222.07, …, gemini-2.5-flash-lite 45340.16.
  const { frame } = await loadInferenceStats([
    LAST_WEEK,
    `${DIR}/2026-02-01.json`,
  ]);
  const week = frame.filter(pl.col("snapshot_date").eq(pl.lit("2026-02-08")));
  assert.deepEqual(week.getColumn("slug").toArray(), [
    "anthropic/claude-4.5-sonnet-20250929",
    "anthropic/claude-4.5-opus-20251124",
    "moonshotai/kimi-k2.5-0127",
    "google/gemini-3-flash-preview-20251217",
    "google/gemini-2.5-flash",
    "deepseek/deepseek-v3.2-20251201",
    "minimax/minimax-m2.1",
    "x-ai/grok-4.1-fast",
    "google/gemini-2.5-flash-lite",
  ]);
  assert.equal(frame.getColumn("snapshot_date").toArray()[0], "2026-02-01");
  // 2026-02-08.json total_revenue 6247827.58: the week's rows sum to it
  // (tolerance: a cent, the tracker rounds each revenue to cents).
  const total = week.getColumn("published_revenue_usd").sum();
  assert.ok(Math.abs(total - 6247827.58) < 0.01, `${total}`);
});

Deno.test("loadInferenceStats() keeps prices and tokens such that the tracker's revenue formula holds on every row", async () => {
  // Tracker README (seeds/004): revenue = prompt_tokens × prompt_price +
  // completion_tokens × completion_price + cached_tokens × cache_read_price.
  // Tolerance: half a cent of rounding plus float error (python3 over the 117
  // rows: largest difference 0.00497 USD).
  const { frame } = await loadInferenceStats(ALL_FILES);
  for (const row of frame.toRecords()) {
    const computed = (Number(row.prompt_tokens) *
        Number(row.prompt_usd_per_mtok) +
      Number(row.completion_tokens) * Number(row.completion_usd_per_mtok) +
      Number(row.cached_tokens) * Number(row.cache_read_usd_per_mtok)) / 1e6;
    const published = Number(row.published_revenue_usd);
    assert.ok(
      Math.abs(computed - published) < 0.0051,
      `${row.snapshot_date} ${row.slug}: ${computed} vs ${published}`,
    );
  }
});

Deno.test("loadInferenceStats() raises exactly the 29 warnings the real weeks call for", async () => {
  // python3 applying the documented rules to the 13 files.
  const { warnings } = await loadInferenceStats(ALL_FILES);
  const seen = warnings.map((w) =>
    `${w.file.slice(DIR.length + 1)} ${w.record} ${w.code}`
  );
  const total = (week: string) =>
    [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) =>
      `${week}.json models[${i}] total_mismatch`
    );
  assert.deepEqual(seen, [
    ...total("2025-11-16"),
    "2025-11-16.json models[8] zero_price",
    "2025-11-23.json models[8] zero_price",
    "2025-11-30.json models[4] total_mismatch",
    "2025-11-30.json models[4] duplicate_breakdown",
    "2025-11-30.json models[4] free_variant_priced",
    "2025-11-30.json models[5] duplicate_breakdown",
    "2025-12-07.json models[8] total_mismatch",
    "2025-12-07.json models[8] free_variant_priced",
    "2025-12-21.json models[8] breakdown_zero",
    "2025-12-21.json models[8] free_variant_priced",
    "2025-12-28.json models[8] breakdown_zero",
    "2025-12-28.json models[8] free_variant_priced",
    "2026-01-04.json models[8] breakdown_zero",
    "2026-01-04.json models[8] free_variant_priced",
    "2026-01-11.json models[8] breakdown_zero",
    "2026-01-11.json models[8] free_variant_priced",
    "2026-01-18.json models[8] total_mismatch",
    "2026-01-18.json models[8] free_variant_priced",
    "2026-01-25.json models[8] total_mismatch",
    "2026-01-25.json models[8] free_variant_priced",
  ]);
});

Deno.test("loadInferenceStats() flags 2025-12-21's mimo-v2-flash:free, whose breakdown is all zero", async () => {
  // 2025-12-21.json models[8] xiaomi/mimo-v2-flash-20251210:free: total_tokens
  // 170932816899, prompt/completion/reasoning/cached 0, prompt_price 9e-08.
  const file = `${DIR}/2025-12-21.json`;
  const { frame, warnings } = await loadInferenceStats([file]);
  assert.deepEqual(warnings, [
    warning(
      file,
      "models[8]",
      "prompt_tokens",
      "0",
      "a breakdown with total_tokens 170932816899 (token breakdown all zero while total_tokens is not)",
      "breakdown_zero",
    ),
    warning(
      file,
      "models[8]",
      "prompt_price",
      "9e-8",
      "price 0 for a :free variant (a :free variant carrying paid prices)",
      "free_variant_priced",
    ),
  ]);
  // The row is kept, marked.
  const mimo = frame.filter(
    pl.col("slug").eq(pl.lit("xiaomi/mimo-v2-flash-20251210:free")),
  ).select("total_tokens", "prompt_tokens", "warning", "is_free").toRecords();
  assert.deepEqual(mimo, [{
    total_tokens: 170932816899,
    prompt_tokens: 0,
    warning: "breakdown_zero,free_variant_priced",
    is_free: false,
  }]);
});

Deno.test("loadInferenceStats() flags 2025-11-30's grok-4.1-fast:free, which copies the paid model's breakdown and prices", async () => {
  // 2025-11-30.json models[4] x-ai/grok-4.1-fast:free and models[5]
  // x-ai/grok-4.1-fast: both prompt 154151493814, completion 48957420904,
  // cached 50517009455; the :free one has total_tokens 1579896000073 and
  // prompt_price 2e-07.
  const file = `${DIR}/2025-11-30.json`;
  const { frame, warnings } = await loadInferenceStats([file]);
  assert.deepEqual(warnings, [
    warning(
      file,
      "models[4]",
      "total_tokens",
      "1579896000073",
      "prompt_tokens + completion_tokens = 203108914718 (total_tokens differs from prompt_tokens + completion_tokens)",
      "total_mismatch",
    ),
    warning(
      file,
      "models[4]",
      "prompt_tokens",
      "154151493814",
      "a breakdown of its own (token breakdown identical to another model's in the same week: x-ai/grok-4.1-fast)",
      "duplicate_breakdown",
    ),
    warning(
      file,
      "models[4]",
      "prompt_price",
      "2e-7",
      "price 0 for a :free variant (a :free variant carrying paid prices)",
      "free_variant_priced",
    ),
    warning(
      file,
      "models[5]",
      "prompt_tokens",
      "154151493814",
      "a breakdown of its own (token breakdown identical to another model's in the same week: x-ai/grok-4.1-fast:free)",
      "duplicate_breakdown",
    ),
  ]);
  const grok = frame.filter(pl.col("slug").str.contains("grok-4.1-fast"))
    .select("slug", "warning").sort("slug").toRecords();
  assert.deepEqual(grok, [
    { slug: "x-ai/grok-4.1-fast", warning: "duplicate_breakdown" },
    {
      slug: "x-ai/grok-4.1-fast:free",
      warning: "total_mismatch,duplicate_breakdown,free_variant_priced",
    },
  ]);
});

Deno.test("loadInferenceStats() flags a model priced zero that is not a :free variant", async () => {
  // 2025-11-16.json models[8] openrouter/polaris-alpha: all prices 0.0,
  // is_free true, total_tokens 150021167822.
  const file = `${DIR}/2025-11-16.json`;
  const { warnings } = await loadInferenceStats([file]);
  assert.deepEqual(warnings.filter((w) => w.code === "zero_price"), [
    warning(
      file,
      "models[8]",
      "prompt_price",
      "0",
      "a non-zero price for a model that is not a :free variant (priced at zero but not a :free variant)",
      "zero_price",
    ),
  ]);
});

Deno.test("loadInferenceStats() loads a file with a UTF-8 byte-order mark like the same file without", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-02-08.json`;
    const bytes = await Deno.readFile(LAST_WEEK);
    await Deno.writeFile(file, withBom(bytes));
    const fromBom = await loadInferenceStats([file]);
    const original = await loadInferenceStats([LAST_WEEK]);
    assert.deepEqual(fromBom.errors, []);
    assert.equal(fromBom.frame.height, 9);
    assert.deepEqual(
      fromBom.frame.drop("source_file").toRecords(),
      original.frame.drop("source_file").toRecords(),
    );
  });
});

Deno.test("loadInferenceStats() reports every bad model in a file, not just the first", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-02-08.json`;
    const week = await readWeek(LAST_WEEK);
    week.date = "2026-02-30";
    week.models[0].prompt_tokens = -5;
    week.models[1].completion_tokens = 1.5;
    week.models[2].cached_tokens = "abc";
    // writeJson() writes "__INFINITY__" as 1e400, which parses to Infinity.
    week.models[3].request_count = "__INFINITY__";
    week.models[4].prompt_price = "__INFINITY__";
    week.models[4].percent_change = "NaN";
    delete week.models[5].slug;
    // minimax-m2.1: prompt_tokens 436307457489.
    week.models[6].cached_tokens = 436307457490;
    // models[7] x-ai/grok-4.1-fast stays valid; models[8] takes its slug.
    week.models[8].slug = "x-ai/grok-4.1-fast";
    await writeJson(file, week);
    const { frame, errors } = await loadInferenceStats([file]);
    assert.deepEqual(errors, [
      problem(file, "", "date", '"2026-02-30"', "a calendar date YYYY-MM-DD"),
      problem(
        file,
        "models[0]",
        "prompt_tokens",
        "-5",
        "a number ≥ 0",
      ),
      problem(file, "models[1]", "completion_tokens", "1.5", "integer"),
      problem(file, "models[2]", "cached_tokens", '"abc"', "number"),
      problem(file, "models[3]", "request_count", "Infinity", "integer"),
      problem(
        file,
        "models[3]",
        "request_count",
        "Infinity",
        "a number ≤ 9007199254740991",
      ),
      problem(file, "models[4]", "percent_change", '"NaN"', "number"),
      problem(
        file,
        "models[4]",
        "prompt_price",
        "Infinity",
        "a finite number",
      ),
      problem(file, "models[5]", "slug", "missing", "string"),
      problem(
        file,
        "models[6]",
        "cached_tokens",
        "436307457490",
        "at most prompt_tokens (436307457489): cached tokens are part of the prompt",
      ),
      problem(
        file,
        "models[8]",
        "slug",
        '"x-ai/grok-4.1-fast"',
        "one row per model (also at models[7])",
      ),
    ]);
    assert.equal(frame.height, 0);
  });
});

Deno.test("loadInferenceStats() rejects reasoning tokens above completion tokens", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-02-08.json`;
    const week = await readWeek(LAST_WEEK);
    // x-ai/grok-4.1-fast: completion_tokens 46243769192.
    week.models[7].reasoning_tokens = 46243769193;
    await writeJson(file, week);
    const { errors } = await loadInferenceStats([file]);
    assert.deepEqual(errors, [
      problem(
        file,
        "models[7]",
        "reasoning_tokens",
        "46243769193",
        "at most completion_tokens (46243769192): reasoning is part of the completion",
      ),
    ]);
  });
});

Deno.test("loadInferenceStats() reports a bad week total together with every bad model", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-02-08.json`;
    const week = await readWeek(LAST_WEEK);
    week.total_revenue = "__INFINITY__";
    week.models[0].prompt_tokens = -5;
    week.models[1].completion_tokens = 1.5;
    await writeJson(file, week);
    const { errors } = await loadInferenceStats([file]);
    assert.deepEqual(errors, [
      problem(file, "", "total_revenue", "Infinity", "a finite number"),
      problem(
        file,
        "models[0]",
        "prompt_tokens",
        "-5",
        "a number ≥ 0",
      ),
      problem(file, "models[1]", "completion_tokens", "1.5", "integer"),
    ]);
  });
});

Deno.test("loadInferenceStats() reports a file without models or date, an empty file and malformed JSON", async () => {
  await inTempDir(async (dir) => {
    const noModels = `${dir}/2026-02-15.json`;
    const empty = `${dir}/2026-02-22.json`;
    const malformed = `${dir}/2026-03-01.json`;
    await Deno.writeTextFile(noModels, '{"total_revenue": 1}');
    await Deno.writeTextFile(empty, "");
    await Deno.writeTextFile(
      malformed,
      '{\n  "date": "2026-03-01",\n  "models": [\n    {"rank": 1,}\n  ]\n}\n',
    );
    const { errors } = await loadInferenceStats([noModels, empty, malformed]);
    assert.deepEqual(errors.slice(0, 3), [
      problem(noModels, "", "date", "missing", "string"),
      problem(noModels, "", "models", "missing", "array"),
      problem(empty, "", "", "", "a non-empty file"),
    ]);
    assert.equal(errors.length, 4);
    // '{"rank": 1,}': the "}" on line 4, column 16, is not a property name.
    assert.equal(errors[3].file, malformed);
    assert.equal(errors[3].record, "line 4 column 16");
    assert.match(errors[3].expected, /^valid JSON \(/);
  });
});

Deno.test("loadInferenceStats() rejects two files for the same week, naming both", async () => {
  await inTempDir(async (dir) => {
    const copy = `${dir}/2026-02-08-again.json`;
    await Deno.copyFile(LAST_WEEK, copy);
    const { frame, errors } = await loadInferenceStats([LAST_WEEK, copy]);
    assert.deepEqual(errors, [
      problem(
        copy,
        "",
        "date",
        '"2026-02-08"',
        `one file per week (also in ${LAST_WEEK})`,
      ),
    ]);
    assert.equal(frame.height, 0);
  });
});
