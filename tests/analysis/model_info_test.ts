import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadReferenceCsv } from "../../lib/loading/reference.ts";
import {
  classifiesDistinctModels,
  classifyEachRow,
  classifyModels,
  findModel,
  unknownModels,
  unknownVendors,
} from "../../lib/analysis/model_info.ts";
import { weeklyOriginShare } from "../../lib/analysis/weekly.ts";
import { loadRankingsDaily } from "../../lib/loading/rankings_daily.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { syntheticRankingsYear } from "../../lib/tooling/synthetic_rankings.ts";

const identity = pl.DataFrame({
  permaslug: [
    "deepseek/deepseek-v4-flash-20260423",
    "xiaomi/mimo-v2-flash-20251210",
    "xiaomi/mimo-v2-flash-20251210:free",
  ],
  model_id: [
    "deepseek/deepseek-v4-flash",
    "xiaomi/mimo-v2-flash",
    "xiaomi/mimo-v2-flash",
  ],
  display_name: ["DeepSeek V4 Flash", "MiMo-V2-Flash", "MiMo-V2-Flash (free)"],
  aliases: ["DeepSeek-V4-Flash|Deepseek V4 Flash", "", ""],
  benchmark_name: ["DeepSeek V4 Flash", "Xiaomi MiMo-V2-Flash", ""],
});
const vendors = pl.DataFrame({
  vendor: ["deepseek", "xiaomi", "openrouter"],
  vendor_name: ["DeepSeek", "Xiaomi", "OpenRouter"],
  country: ["China", "China", "undisclosed"],
  origin: ["China", "China", "unknown"],
  source: ["s", "s", "s"],
});
const rankings = pl.DataFrame({
  date: ["2026-06-01", "2026-06-01", "2026-06-01", "2026-06-01", "2026-06-01"],
  permaslug: [
    "deepseek/deepseek-v4-flash-20260423",
    "poolside/laguna-m.1-20260312:free",
    "openrouter/owl-alpha",
    "xiaomi/mimo-v2-next",
    "other",
  ],
  tokens: [500, 200, 150, 100, 50],
  is_other: [false, false, false, false, true],
  source_file: ["f", "f", "f", "f", "f"],
});

Deno.test("classifyModels() keeps a vendor missing from the vendor table as origin unknown", () => {
  const classified = classifyModels(rankings, identity, vendors);
  assert.equal(classified.height, rankings.height);
  const poolside = classified.filter(pl.col("vendor").eq(pl.lit("poolside")))
    .toRecords()[0];
  assert.deepEqual(
    [
      poolside.origin,
      poolside.known_vendor,
      poolside.vendor_name,
      poolside.model,
    ],
    ["unknown", false, "poolside", "poolside/laguna-m.1-20260312:free"],
  );
  assert.deepEqual(unknownVendors(classified), ["poolside"]);
});

Deno.test("classifyModels() tells a known vendor of unknown origin from an unknown vendor", () => {
  const classified = classifyModels(rankings, identity, vendors);
  const owl = classified.filter(pl.col("vendor").eq(pl.lit("openrouter")))
    .toRecords()[0];
  assert.deepEqual([owl.origin, owl.known_vendor], ["unknown", true]);
});

Deno.test("classifyModels() gives the other row a category of its own", () => {
  const classified = classifyModels(rankings, identity, vendors);
  const other = classified.filter(pl.col("is_other")).toRecords()[0];
  assert.deepEqual(
    [other.model, other.vendor, other.origin, other.known_vendor],
    ["Other (outside top 50)", "other", "other (not in top 50)", false],
  );
  assert.equal(unknownVendors(classified).includes("other"), false);
  assert.equal(unknownModels(classified).includes("other"), false);
  // Origins add up to every token, the other row and the unknown vendor included.
  const shares = weeklyOriginShare(classified).toRecords();
  assert.deepEqual(shares.map((r) => [r.origin, r.tokens]), [
    ["China", 600],
    ["unknown", 350],
    ["other (not in top 50)", 50],
  ]);
});

Deno.test("classifyModels() shows a model missing from the identity table under its permaslug and lists it", () => {
  const classified = classifyModels(rankings, identity, vendors);
  const next = classified.filter(
    pl.col("permaslug").eq(pl.lit("xiaomi/mimo-v2-next")),
  ).toRecords()[0];
  assert.deepEqual(
    [next.model, next.known_model, next.origin, next.known_vendor],
    ["xiaomi/mimo-v2-next", false, "China", true],
  );
  assert.deepEqual(unknownModels(classified), [
    "openrouter/owl-alpha",
    "poolside/laguna-m.1-20260312:free",
    "xiaomi/mimo-v2-next",
  ]);
});

Deno.test("classifyModels() adds is_other when the frame lacks it and keeps the row order", () => {
  const classified = classifyModels(
    rankings.drop("is_other"),
    identity,
    vendors,
  );
  assert.deepEqual(
    classified.getColumn("is_other").toArray(),
    [false, false, false, false, true],
  );
  assert.deepEqual(
    classified.getColumn("permaslug").toArray(),
    rankings.getColumn("permaslug").toArray(),
  );
  assert.throws(
    () =>
      classifyModels(pl.DataFrame({ date: ["2026-06-01"] }), identity, vendors),
    TypeError,
  );
});

Deno.test("findModel() resolves the article spellings of DeepSeek V4 Flash", () => {
  for (
    const name of [
      "DeepSeek-V4-Flash",
      "Deepseek V4 Flash",
      "deepseek v4 flash",
      "deepseek/deepseek-v4-flash",
      "deepseek/deepseek-v4-flash-20260423",
      "DEEPSEEK_V4_FLASH",
    ]
  ) {
    assert.equal(
      findModel(identity, name),
      "deepseek/deepseek-v4-flash-20260423",
      name,
    );
  }
  assert.equal(findModel(identity, "Claude Opus 4.7"), undefined);
});

Deno.test("findModel() prefers the paid model to its :free variant", () => {
  assert.equal(
    findModel(identity, "xiaomi/mimo-v2-flash"),
    "xiaomi/mimo-v2-flash-20251210",
  );
  assert.equal(
    findModel(identity, "MiMo-V2-Flash (free)"),
    "xiaomi/mimo-v2-flash-20251210:free",
  );
});

Deno.test("findModel() refuses a name that fits two different paid models", () => {
  const twins = pl.DataFrame({
    permaslug: ["a/one", "b/two"],
    model_id: ["a/one", "b/two"],
    display_name: ["Twin", "Twin"],
    aliases: ["", ""],
  });
  assert.throws(() => findModel(twins, "twin"), /matches a\/one, b\/two/);
});

Deno.test("findModel() resolves every model of the 2026-06-08 top-12 table with the bundled identity table", async () => {
  // 002 article ("the most-used AI models", source day 2026-06-08), table rows.
  const { frame } = await loadReferenceCsv(
    "models",
    "data/reference/models.csv",
  );
  const expected: Record<string, string> = {
    "Deepseek V4 Flash": "deepseek/deepseek-v4-flash-20260423",
    "Minimax M3": "minimax/minimax-m3-20260531",
    "Hy3 Preview": "tencent/hy3-preview-20260421",
    "Mimo V2.5": "xiaomi/mimo-v2.5-20260422",
    "Owl Alpha": "openrouter/owl-alpha",
    "Claude 4.7 Opus": "anthropic/claude-4.7-opus-20260416",
    "Claude 4.6 Sonnet": "anthropic/claude-4.6-sonnet-20260217",
    "Deepseek V4 Pro": "deepseek/deepseek-v4-pro-20260423",
    "Claude 4.8 Opus": "anthropic/claude-4.8-opus-20260528",
    "Deepseek V3.2": "deepseek/deepseek-v3.2-20251201",
    "Gemini 3 Flash Preview": "google/gemini-3-flash-preview-20251217",
    "Nemotron 3 Ultra 550b A55b":
      "nvidia/nemotron-3-ultra-550b-a55b-20260604:free",
  };
  for (const [name, permaslug] of Object.entries(expected)) {
    assert.equal(findModel(frame, name), permaslug, name);
  }
});

Deno.test("classifyModels() gives every row of 3 synthetic years the class its permaslug has in the reference tables, in row order", async () => {
  const real = await loadRankingsDaily([
    "data/raw/rankings-daily/2026-05-24_2026-06-22.json",
  ]);
  const year = syntheticRankingsYear(real.frame, { days: 3 * 365 });
  // Rows in file order (not sorted), and one vendor no table knows.
  const slugs = year.data.map((r, i) =>
    i % 97 === 5 ? "newlab/model-x" : r.model_permaslug
  );
  const rankings = pl.DataFrame({
    date: year.data.map((r) => r.date),
    permaslug: slugs,
    tokens: year.data.map((r) => Number(r.total_tokens)),
  });
  const modelTable = (await loadReferenceCsv(
    "models",
    "data/reference/models.csv",
  )).frame;
  const vendorTable = (await loadReferenceCsv(
    "vendors",
    "data/reference/vendors.csv",
  )).frame;
  const classified = classifyModels(rankings, modelTable, vendorTable);
  // The expected classes, row by row, straight from the two tables.
  const names = new Map<string, string>();
  for (const r of modelTable.toRecords() as Record<string, string>[]) {
    if (!names.has(r.permaslug)) names.set(r.permaslug, r.display_name);
  }
  const vendorOf = new Map<string, Record<string, string>>();
  for (const r of vendorTable.toRecords() as Record<string, string>[]) {
    if (!vendorOf.has(r.vendor)) vendorOf.set(r.vendor, r);
  }
  const expected = slugs.map((slug) => {
    if (slug === "other") {
      return [
        "Other (outside top 50)",
        "other",
        "Other (outside top 50)",
        "other (not in top 50)",
        false,
        false,
      ];
    }
    const vendor = slug.split("/")[0];
    const known = vendorOf.get(vendor);
    return [
      names.get(slug) ?? slug,
      vendor,
      known?.vendor_name ?? vendor,
      known?.origin ?? "unknown",
      known !== undefined,
      names.has(slug),
    ];
  });
  assert.equal(classified.height, slugs.length);
  assert.deepEqual(classified.getColumn("permaslug").toArray(), slugs);
  const got = classified.select(
    "model",
    "vendor",
    "vendor_name",
    "origin",
    "known_vendor",
    "known_model",
  ).rows();
  assert.deepEqual(got, expected);
});

Deno.test("the frames the rankings loader returns take classifyModels' distinct-model path, with the values of the row-by-row path", async () => {
  const loaded = await loadRankingsDaily([
    "data/raw/rankings-daily/2026-05-24_2026-06-22.json",
  ]);
  assert.equal(classifiesDistinctModels(loaded.frame), true);
  const ws = await loadWorkspace("data");
  const distinct = classifyModels(loaded.frame, ws.modelIdentity, ws.vendors);
  const rowByRow = classifyEachRow(
    loaded.frame,
    ws.modelIdentity,
    ws.vendors,
  );
  assert.deepEqual(distinct.toRecords(), rowByRow.toRecords());
});
