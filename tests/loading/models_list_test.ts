import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadModelsList } from "../../lib/loading/models_list.ts";
import {
  inTempDir,
  once,
  problem,
  warning,
  withBom,
  writeJson,
} from "../_helpers.ts";

// data/raw/openrouter-models/2026-05-01.models.json: the bare `data` array of
// GET /api/v1/models, 371 models sorted by id (jq `sort_by(.id)`).
const MODELS_FILE = "data/raw/openrouter-models/2026-05-01.models.json";

type ModelRecord = Record<string, unknown> & {
  id: string;
  pricing: Record<string, string>;
};

async function realModels(): Promise<ModelRecord[]> {
  return JSON.parse(await Deno.readTextFile(MODELS_FILE));
}

/** The real file, loaded once for the tests that only read it. */
const loadReal = once(() => loadModelsList([MODELS_FILE]));

/** The row of `id` in the frame, as an object. */
function modelRow(frame: pl.DataFrame, id: string): Record<string, unknown> {
  const rows = frame.filter(pl.col("id").eq(pl.lit(id))).toRecords();
  assert.equal(rows.length, 1, `one row for ${id}`);
  return rows[0];
}

const PRICE_EXPECTED =
  'a non-negative price in USD per token, small enough that 2^53 tokens cost a finite amount (or "-1" for a router model)';

Deno.test("loadModelsList() loads the 371 models of the 2026-05-01 snapshot without errors", async () => {
  const { frame, errors } = await loadReal();
  assert.deepEqual(errors, []);
  assert.equal(frame.height, 371);
  assert.deepEqual(frame.columns, [
    "snapshot_date",
    "id",
    "canonical_slug",
    "name",
    "vendor",
    "is_free",
    "is_router",
    "input_usd_per_mtok",
    "output_usd_per_mtok",
    "cache_read_usd_per_mtok",
    "cache_write_usd_per_mtok",
    "reasoning_usd_per_mtok",
    "cache_write_1h_usd_per_mtok",
    "request_usd",
    "web_search_usd",
    "image_usd",
    "discount",
    "overrides_json",
    "context_length",
    "created_date",
    "hugging_face_id",
    "source_file",
  ]);
  assert.deepEqual(frame.getColumn("snapshot_date").unique().toArray(), [
    "2026-05-01",
  ]);
  // python3: first and last id of the file (it is sorted by id).
  const ids = frame.getColumn("id").toArray();
  assert.equal(ids[0], "ai21/jamba-large-1.7");
  assert.equal(ids[370], "~openai/gpt-mini-latest");
  assert.equal(frame.getColumn("id").nUnique(), 371);
});

Deno.test("loadModelsList() gives deepseek/deepseek-v4-flash its three prices in USD per million tokens", async () => {
  // 2026-05-01.models.json [65]: prompt "0.00000014", completion "0.00000028",
  // input_cache_read "0.0000000028", no input_cache_write; created 1777000666.
  const { frame } = await loadReal();
  assert.deepEqual(modelRow(frame, "deepseek/deepseek-v4-flash"), {
    snapshot_date: "2026-05-01",
    id: "deepseek/deepseek-v4-flash",
    canonical_slug: "deepseek/deepseek-v4-flash-20260423",
    name: "DeepSeek: DeepSeek V4 Flash",
    vendor: "deepseek",
    is_free: false,
    is_router: false,
    input_usd_per_mtok: 0.14,
    output_usd_per_mtok: 0.28,
    cache_read_usd_per_mtok: 0.0028,
    cache_write_usd_per_mtok: null,
    reasoning_usd_per_mtok: null,
    cache_write_1h_usd_per_mtok: null,
    request_usd: null,
    web_search_usd: null,
    image_usd: null,
    discount: null,
    overrides_json: "[]",
    context_length: 1048576,
    created_date: "2026-04-24",
    hugging_face_id: "deepseek-ai/DeepSeek-V4-Flash",
    source_file: MODELS_FILE,
  });
});

Deno.test("loadModelsList() gives anthropic/claude-sonnet-4.5 3 / 15 / 0.3 and a cache write of 3.75", async () => {
  // 2026-05-01.models.json [28]: prompt "0.000003", completion "0.000015",
  // input_cache_read "0.0000003", input_cache_write "0.00000375",
  // context_length 1000000, created 1759161676 (2025-09-29).
  const { frame } = await loadReal();
  const row = modelRow(frame, "anthropic/claude-sonnet-4.5");
  assert.equal(row.canonical_slug, "anthropic/claude-4.5-sonnet-20250929");
  assert.equal(row.input_usd_per_mtok, 3);
  assert.equal(row.output_usd_per_mtok, 15);
  assert.equal(row.cache_read_usd_per_mtok, 0.3);
  assert.equal(row.cache_write_usd_per_mtok, 3.75);
  assert.equal(row.reasoning_usd_per_mtok, null);
  assert.equal(row.context_length, 1000000);
  assert.equal(row.created_date, "2025-09-29");
});

Deno.test('loadModelsList() converts "0.0000001" to exactly 0.1', async () => {
  // 2026-05-01.models.json: meta-llama/llama-3.3-70b-instruct prompt
  // "0.0000001", completion "0.00000032" (0.0000001 * 1e6 is 0.09999999999999999).
  const { frame } = await loadReal();
  const row = modelRow(frame, "meta-llama/llama-3.3-70b-instruct");
  assert.equal(row.input_usd_per_mtok, 0.1);
  assert.equal(row.output_usd_per_mtok, 0.32);
});

Deno.test("loadModelsList() marks the three routers priced -1 and leaves all their prices null", async () => {
  // 2026-05-01.models.json: openrouter/auto [249], openrouter/bodybuilder [250]
  // and openrouter/pareto-code [253] carry prompt and completion "-1".
  const { frame } = await loadReal();
  const routers = frame.filter(pl.col("is_router")).select(
    "id",
    "input_usd_per_mtok",
    "output_usd_per_mtok",
    "cache_read_usd_per_mtok",
    "cache_write_usd_per_mtok",
    "reasoning_usd_per_mtok",
  ).toRecords();
  const nullPrices = {
    input_usd_per_mtok: null,
    output_usd_per_mtok: null,
    cache_read_usd_per_mtok: null,
    cache_write_usd_per_mtok: null,
    reasoning_usd_per_mtok: null,
  };
  assert.deepEqual(routers, [
    { id: "openrouter/auto", ...nullPrices },
    { id: "openrouter/bodybuilder", ...nullPrices },
    { id: "openrouter/pareto-code", ...nullPrices },
  ]);
  // openrouter/free is priced "0", not "-1": it is not a router here.
  assert.equal(modelRow(frame, "openrouter/free").is_router, false);
  assert.equal(modelRow(frame, "openrouter/free").input_usd_per_mtok, 0);
});

Deno.test("loadModelsList() gives a :free variant the canonical_slug of its paid model", async () => {
  // python3 over 2026-05-01.models.json: 29 ids end in ":free"; 19 of them have
  // their paid model in the list, and each pair shares canonical_slug.
  const { frame } = await loadReal();
  const free = frame.filter(pl.col("is_free"));
  assert.equal(free.height, 29);
  const slugById = new Map(
    frame.select("id", "canonical_slug").rows().map((
      [id, slug],
    ) => [id as string, slug as string]),
  );
  let pairs = 0;
  for (const [id, slug] of free.select("id", "canonical_slug").rows()) {
    const paid = slugById.get((id as string).replace(/:free$/, ""));
    if (paid === undefined) continue;
    assert.equal(slug, paid, id as string);
    pairs++;
  }
  assert.equal(pairs, 19);
  const llamaFree = modelRow(frame, "meta-llama/llama-3.3-70b-instruct:free");
  assert.equal(llamaFree.canonical_slug, "meta-llama/llama-3.3-70b-instruct");
  assert.equal(llamaFree.input_usd_per_mtok, 0);
  assert.equal(llamaFree.output_usd_per_mtok, 0);
  assert.equal(llamaFree.vendor, "meta-llama");
});

Deno.test("loadModelsList() leaves a cache price the list does not give null, not 0", async () => {
  // python3: 213 models have no pricing.input_cache_read, 328 no
  // input_cache_write; none has input_cache_read "0".
  const { frame } = await loadReal();
  assert.equal(frame.getColumn("cache_read_usd_per_mtok").nullCount(), 213);
  assert.equal(frame.getColumn("cache_write_usd_per_mtok").nullCount(), 328);
  assert.equal(
    frame.filter(pl.col("cache_read_usd_per_mtok").eq(pl.lit(0))).height,
    0,
  );
  const llama = modelRow(frame, "meta-llama/llama-3.3-70b-instruct");
  assert.equal(llama.cache_read_usd_per_mtok, null);
  assert.equal(llama.cache_write_usd_per_mtok, null);
});

Deno.test("loadModelsList() warns about the four paid models priced 0 in the real snapshot", async () => {
  // 2026-05-01.models.json: [97] google/lyria-3-clip-preview, [98]
  // google/lyria-3-pro-preview, [251] openrouter/free, [252]
  // openrouter/owl-alpha: prompt "0" and completion "0", not ":free" ids.
  const { warnings } = await loadReal();
  const zeroPriced: [number, string][] = [
    [97, "google/lyria-3-clip-preview"],
    [98, "google/lyria-3-pro-preview"],
    [251, "openrouter/free"],
    [252, "openrouter/owl-alpha"],
  ];
  assert.deepEqual(
    warnings,
    zeroPriced.map(([index, id]) =>
      warning(
        MODELS_FILE,
        `[${index}]`,
        "pricing.prompt",
        '"0"',
        `a non-zero price for ${id}, which is not a :free variant`,
        "zero_price",
      )
    ),
  );
});

Deno.test('loadModelsList() loads the API\'s {"data": [...]} envelope and the bare array identically', async () => {
  await inTempDir(async (dir) => {
    const models = await realModels();
    const bare = `${dir}/bare/2026-05-01.models.json`;
    const envelope = `${dir}/envelope/2026-05-01.models.json`;
    await Deno.mkdir(`${dir}/bare`);
    await Deno.mkdir(`${dir}/envelope`);
    await writeJson(bare, models);
    await writeJson(envelope, { data: models, object: "list" });
    const fromBare = await loadModelsList([bare]);
    const fromEnvelope = await loadModelsList([envelope]);
    assert.deepEqual(fromEnvelope.errors, []);
    assert.equal(fromEnvelope.frame.height, 371);
    assert.deepEqual(
      fromEnvelope.frame.drop("source_file").toRecords(),
      fromBare.frame.drop("source_file").toRecords(),
    );
    // Records are named by their JSON path in each shape.
    assert.deepEqual(fromBare.warnings.map((w) => w.record), [
      "[97]",
      "[98]",
      "[251]",
      "[252]",
    ]);
    assert.deepEqual(fromEnvelope.warnings.map((w) => w.record), [
      "data[97]",
      "data[98]",
      "data[251]",
      "data[252]",
    ]);
  });
});

Deno.test("loadModelsList() loads a file with a UTF-8 byte-order mark like the same file without", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-05-01.models.json`;
    const bytes = await Deno.readFile(MODELS_FILE);
    await Deno.writeFile(file, withBom(bytes));
    const fromBom = await loadModelsList([file]);
    const original = await loadReal();
    assert.deepEqual(fromBom.errors, []);
    assert.deepEqual(
      fromBom.frame.drop("source_file").toRecords(),
      original.frame.drop("source_file").toRecords(),
    );
    assert.equal(fromBom.warnings.length, 4);
  });
});

Deno.test("loadModelsList() reports every bad model in a file, not just the first", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-05-01.models.json`;
    const models = structuredClone((await realModels()).slice(0, 8));
    delete models[1].canonical_slug; // missing field
    models[2].context_length = "131072"; // wrong type
    models[3].pricing.prompt = "NaN";
    models[4].pricing.completion = "Infinity";
    models[5].created = "__INFINITY__"; // becomes 1e400, which parses to Infinity
    models[6].pricing.input_cache_read = "-0.0000001"; // negative price
    models[7].id = models[0].id; // duplicate id
    await writeJson(file, { data: models });
    const { frame, errors, warnings } = await loadModelsList([file]);
    assert.deepEqual(errors, [
      problem(file, "data[1]", "canonical_slug", "missing", "string"),
      problem(file, "data[2]", "context_length", '"131072"', "number"),
      problem(
        file,
        "data[3]",
        "pricing.prompt",
        '"NaN"',
        "a decimal string in USD per token",
      ),
      problem(
        file,
        "data[4]",
        "pricing.completion",
        '"Infinity"',
        "a decimal string in USD per token",
      ),
      problem(
        file,
        "data[5]",
        "created",
        "Infinity",
        "a Unix time: whole seconds from 0 to 253402300799 (9999-12-31)",
      ),
      problem(
        file,
        "data[6]",
        "pricing.input_cache_read",
        '"-0.0000001"',
        PRICE_EXPECTED,
      ),
      problem(
        file,
        "data[7]",
        "id",
        '"ai21/jamba-large-1.7"',
        "a unique id (also at data[0])",
      ),
    ]);
    assert.deepEqual(warnings, []);
    assert.equal(frame.height, 0);
    assert.deepEqual(frame.columns.length, 22);
  });
});

Deno.test("loadModelsList() rejects a price too large for a float, written as 1e400 in a decimal string", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-05-01.models.json`;
    const models = structuredClone((await realModels()).slice(0, 2));
    models[0].pricing.prompt = "1e400";
    models[1].pricing.completion = "1e400";
    await writeJson(file, models);
    const { errors } = await loadModelsList([file]);
    const expected = PRICE_EXPECTED;
    assert.deepEqual(errors, [
      problem(file, "[0]", "pricing.prompt", '"1e400"', expected),
      problem(file, "[1]", "pricing.completion", '"1e400"', expected),
    ]);
  });
});

Deno.test("loadModelsList() reports malformed JSON with its line and column", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-05-01.models.json`;
    const [first, second] = await realModels();
    // A missing comma between the records on lines 2 and 3.
    await Deno.writeTextFile(
      file,
      `[\n${JSON.stringify(first)}\n${JSON.stringify(second)}\n]\n`,
    );
    const { errors } = await loadModelsList([file]);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].file, file);
    assert.equal(errors[0].record, "line 3 column 1");
    assert.equal(errors[0].field, "");
    assert.equal(errors[0].value, "");
    assert.match(errors[0].expected, /^valid JSON \(/);
  });
});

Deno.test("loadModelsList() reports a trailing comma with its line and column", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-05-01.models.json`;
    const [first] = await realModels();
    // A trailing comma after the only record: the "]" on line 3 is unexpected.
    await Deno.writeTextFile(file, `[\n${JSON.stringify(first)},\n]\n`);
    const { errors } = await loadModelsList([file]);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].record, "line 3 column 1");
    assert.match(errors[0].expected, /^valid JSON \(/);
  });
});

Deno.test("loadModelsList() reports an empty file and a file that is neither an array nor an envelope", async () => {
  await inTempDir(async (dir) => {
    const empty = `${dir}/2026-05-01.models.json`;
    const wrongShape = `${dir}/2026-05-02.models.json`;
    await Deno.writeTextFile(empty, "\n  \n");
    await Deno.writeTextFile(wrongShape, '{"models": []}');
    const { errors } = await loadModelsList([empty, wrongShape]);
    assert.deepEqual(errors, [
      problem(empty, "", "", "", "a non-empty file"),
      problem(
        wrongShape,
        "",
        "",
        "",
        'a JSON array of models or an object {"data": [...]}',
      ),
    ]);
  });
});

Deno.test("loadModelsList() needs a real snapshot date at the start of each file name", async () => {
  await inTempDir(async (dir) => {
    const [first] = await realModels();
    const noDate = `${dir}/latest.models.json`;
    const impossibleDay = `${dir}/2026-02-30.models.json`;
    const impossibleMonth = `${dir}/2026-13-01.models.json`;
    for (const file of [noDate, impossibleDay, impossibleMonth]) {
      await writeJson(file, [first]);
    }
    const { errors } = await loadModelsList([
      noDate,
      impossibleDay,
      impossibleMonth,
    ]);
    const expected = "a file name starting with the snapshot date YYYY-MM-DD";
    assert.deepEqual(errors, [
      problem(noDate, "", "", "", expected),
      problem(impossibleDay, "", "", "", expected),
      problem(impossibleMonth, "", "", "", expected),
    ]);
  });
});

Deno.test("loadModelsList() stacks two snapshots sorted by snapshot date, then id", async () => {
  await inTempDir(async (dir) => {
    const models = await realModels();
    const flash = models.find((m) => m.id === "deepseek/deepseek-v4-flash")!;
    const later = structuredClone(flash);
    later.pricing.prompt = "0.000000098";
    later.pricing.completion = "0.000000196";
    const june = `${dir}/2026-06-12.models.json`;
    await writeJson(june, [later]);
    const { frame, errors } = await loadModelsList([june, MODELS_FILE]);
    assert.deepEqual(errors, []);
    assert.equal(frame.height, 372);
    const rows = frame
      .filter(pl.col("id").eq(pl.lit("deepseek/deepseek-v4-flash")))
      .select("snapshot_date", "input_usd_per_mtok", "output_usd_per_mtok")
      .toRecords();
    assert.deepEqual(rows, [
      {
        snapshot_date: "2026-05-01",
        input_usd_per_mtok: 0.14,
        output_usd_per_mtok: 0.28,
      },
      {
        snapshot_date: "2026-06-12",
        input_usd_per_mtok: 0.098,
        output_usd_per_mtok: 0.196,
      },
    ]);
    assert.equal(frame.getColumn("snapshot_date").toArray()[371], "2026-06-12");
  });
});

Deno.test("loadModelsList() reads every part of the pricing object: sonar-deep-research bills reasoning at $3/M against $8/M output, and a search at $0.005", async () => {
  // python3: [m["pricing"] for m in models if m["id"] == "perplexity/sonar-deep-research"]
  const { frame } = await loadReal();
  const row = modelRow(frame, "perplexity/sonar-deep-research");
  assert.equal(row.output_usd_per_mtok, 8);
  assert.equal(row.reasoning_usd_per_mtok, 3);
  assert.equal(row.web_search_usd, 0.005);
  // The snapshot's counts of each key (python3 over the file): 43 input_cache_write, 78 web_search, 17 internal_reasoning.
  const count = (column: string) =>
    frame.filter(pl.col(column).isNotNull()).height;
  assert.equal(count("cache_write_usd_per_mtok"), 43);
  assert.equal(count("web_search_usd"), 78);
  assert.equal(count("reasoning_usd_per_mtok"), 17);
});

Deno.test("loadModelsList() keeps overrides[], the 1-hour cache write, request and discount, and reports every bad override field", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-05-01.models.json`;
    const models: { pricing: unknown }[] = structuredClone(
      (await realModels()).slice(0, 2),
    );
    models[0].pricing = {
      prompt: "0.000003",
      completion: "0.000015",
      input_cache_write_1h: "0.000006",
      request: "0.001",
      discount: 0.1,
      overrides: [
        { min_prompt_tokens: 200000, prompt: "0.000006" },
        { utc_start: "00:30", utc_end: "16:30Z", completion: "0.00001" },
      ],
    };
    models[1].pricing = {
      prompt: "0.000001",
      completion: "0.000002",
      overrides: [
        { min_prompt_tokens: -1, prompt: "x", utc_start: "25:00" },
        { utc_start: "01:00", prompt: "0.000001" },
      ],
    };
    await writeJson(file, models);
    const { frame, errors } = await loadModelsList([file]);
    assert.deepEqual(errors.map((e) => `${e.record} ${e.field}`), [
      "[1] pricing.overrides[0].min_prompt_tokens",
      "[1] pricing.overrides[0].prompt",
      "[1] pricing.overrides[0].utc_start",
      "[1] pricing.overrides[1].utc_end",
    ]);
    assert.equal(frame.height, 0);
    models.pop();
    await writeJson(file, models);
    const good = await loadModelsList([file]);
    const row = good.frame.toRecords()[0] as Record<string, unknown>;
    assert.equal(row.cache_write_1h_usd_per_mtok, 6);
    assert.equal(row.request_usd, 0.001);
    assert.equal(row.discount, 0.1);
    assert.deepEqual(JSON.parse(row.overrides_json as string), [
      {
        min_prompt_tokens: 200000,
        utc_start: null,
        utc_end: null,
        rates: { input_usd_per_mtok: 6 },
      },
      {
        min_prompt_tokens: null,
        utc_start: "00:30:00",
        utc_end: "16:30:00",
        rates: { output_usd_per_mtok: 10 },
      },
    ]);
  });
});

Deno.test("loadModelsList() loads the models list's own benchmarks field, one score per row, and names a bad one", async () => {
  const bundled = JSON.parse(
    await Deno.readTextFile(
      "data/raw/openrouter-models/2026-05-01.models.json",
    ),
  ) as Record<string, unknown>[];
  // the bundled snapshot carries no benchmarks field: nothing, and no problem
  const none = await loadModelsList([
    "data/raw/openrouter-models/2026-05-01.models.json",
  ]);
  assert.equal(none.benchmarks.height, 0);
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-06-23.models.json`;
    // the documented example of ModelBenchmarks (OpenRouter's OpenAPI file)
    const models = bundled.slice(0, 3).map((m) => ({ ...m }));
    models[0].benchmarks = {
      artificial_analysis: {
        agentic_index: 55.8,
        coding_index: 63.2,
        intelligence_index: 71.4,
      },
      design_arena: [{
        arena: "models",
        category: "website",
        elo: 1385.2,
        rank: 5,
        win_rate: 62.5,
      }],
    };
    models[1].benchmarks = {
      artificial_analysis: {
        agentic_index: null,
        coding_index: 40,
        intelligence_index: 50,
      },
      design_arena: [],
    };
    await Deno.writeTextFile(file, JSON.stringify({ data: models }));
    const loaded = await loadModelsList([file]);
    assert.deepEqual(loaded.errors, []);
    assert.deepEqual(
      loaded.benchmarks.select(
        "id",
        "source",
        "arena",
        "category",
        "metric",
        "value",
      )
        .toRecords(),
      [
        ...[["agentic_index", 55.8], ["coding_index", 63.2], [
          "intelligence_index",
          71.4,
        ]].map(([metric, value]) => ({
          id: models[0].id,
          source: "artificial-analysis",
          arena: "",
          category: "",
          metric,
          value,
        })),
        ...[["elo", 1385.2], ["rank", 5], ["win_rate", 62.5]].map((
          [metric, value],
        ) => ({
          id: models[0].id,
          source: "design-arena",
          arena: "models",
          category: "website",
          metric,
          value,
        })),
        ...[["coding_index", 40], ["intelligence_index", 50]].map((
          [metric, value],
        ) => ({
          id: models[1].id,
          source: "artificial-analysis",
          arena: "",
          category: "",
          metric,
          value,
        })),
      ].sort((a, b) =>
        `${a.id} ${a.source} ${a.arena} ${a.category} ${a.metric}` <
            `${b.id} ${b.source} ${b.arena} ${b.category} ${b.metric}`
          ? -1
          : 1
      ),
    );
    models[1].benchmarks = {
      artificial_analysis: { coding_index: "high" },
      design_arena: [{ arena: "models" }],
    };
    await Deno.writeTextFile(file, JSON.stringify({ data: models }));
    const bad = await loadModelsList([file]);
    assert.equal(bad.benchmarks.height, 0);
    assert.ok(
      bad.errors.some((p) =>
        p.record === "data[1]" &&
        p.field === "benchmarks.artificial_analysis.coding_index"
      ),
      JSON.stringify(bad.errors),
    );
    assert.ok(
      bad.errors.some((p) => p.field === "benchmarks.design_arena[0].category"),
      JSON.stringify(bad.errors.map((p) => p.field)),
    );
  });
});
