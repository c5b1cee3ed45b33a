// Resolution of ranked permaslugs to models (lib/analysis/model_identity.ts)
// and its use by classifyModels: on the bundled data (every permaslug is a
// reviewed row, so nothing changes) and on a Monday's data (tests/_monday_data.ts).
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { resolveModels } from "../../lib/analysis/model_identity.ts";
import {
  classifyModels,
  unknownModels,
  unknownVendors,
} from "../../lib/analysis/model_info.ts";
import {
  weeklyModelTokens,
  weeklyOriginShare,
} from "../../lib/analysis/weekly.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import {
  mondayDataDir,
  MYSTERY,
  NEW_FLASH,
  NEW_META,
  NEW_QWEN,
} from "../_monday_data.ts";
import { once } from "../_helpers.ts";

const FLASH = "deepseek/deepseek-v4-flash-20260423";

const monday = once(async () => {
  const dir = await Deno.makeTempDir({ prefix: "tokenbook_identity_" });
  globalThis.addEventListener("unload", () => {
    Deno.removeSync(dir, { recursive: true });
  });
  return await loadWorkspace(await mondayDataDir(dir));
});

const identity = pl.DataFrame({
  permaslug: [
    FLASH,
    "z-ai/glm-4.5-air",
    "z-ai/glm-4.5-air:free",
    "anthropic/claude-4.8-opus-20260528",
  ],
  model_id: [
    "deepseek/deepseek-v4-flash",
    "z-ai/glm-4.5-air",
    "z-ai/glm-4.5-air",
    null,
  ],
  display_name: [
    "DeepSeek V4 Flash",
    "GLM 4.5 Air",
    "GLM 4.5 Air (free)",
    "Claude Opus 4.8",
  ],
});
const emptyList = pl.DataFrame();

Deno.test("resolveModels: a reviewed permaslug is its own model, and :free is named as its variant", () => {
  const [glm, glmFree] = resolveModels(
    ["z-ai/glm-4.5-air", "z-ai/glm-4.5-air:free"],
    identity,
    emptyList,
  );
  assert.deepEqual([glm.permaslug, glm.model, glm.variant, glm.identity], [
    "z-ai/glm-4.5-air",
    "GLM 4.5 Air",
    null,
    "reference",
  ]);
  assert.deepEqual([glmFree.permaslug, glmFree.model, glmFree.variant], [
    "z-ai/glm-4.5-air:free",
    "GLM 4.5 Air (free)",
    "free",
  ]);
});

Deno.test("resolveModels: date suffixes and :free join the reviewed model, without the models list", () => {
  const got = resolveModels(
    [
      "deepseek/deepseek-v4-flash-20260731",
      "deepseek/deepseek-v4-flash-2026-09-01",
      "z-ai/glm-4.5-air-20260801:free",
      "deepseek/deepseek-v4-flash-20260423:free",
      "anthropic/claude-4.8-opus-20260901",
    ],
    identity,
    emptyList,
  );
  const bySlug = new Map(got.map((r) => [r.ranked_permaslug, r]));
  const row = (slug: string) => {
    const r = bySlug.get(slug)!;
    return [r.permaslug, r.model, r.variant, r.identity];
  };
  assert.deepEqual(row("deepseek/deepseek-v4-flash-20260731"), [
    FLASH,
    "DeepSeek V4 Flash",
    "version 20260731",
    "variant",
  ]);
  assert.deepEqual(row("deepseek/deepseek-v4-flash-2026-09-01"), [
    FLASH,
    "DeepSeek V4 Flash",
    "version 2026-09-01",
    "variant",
  ]);
  // A :free variant joins the reviewed :free row of the same model.
  assert.deepEqual(row("z-ai/glm-4.5-air-20260801:free"), [
    "z-ai/glm-4.5-air:free",
    "GLM 4.5 Air (free)",
    "version 20260801, free",
    "variant",
  ]);
  // With no reviewed :free row, it is the model's free variant, counted apart as the reviewed table does.
  assert.deepEqual(row("deepseek/deepseek-v4-flash-20260423:free"), [
    "deepseek/deepseek-v4-flash-20260423:free",
    "DeepSeek V4 Flash (free)",
    "version 20260423, free",
    "variant",
  ]);
  // A reviewed row without model_id is found by its permaslug without the date.
  assert.deepEqual(row("anthropic/claude-4.8-opus-20260901"), [
    "anthropic/claude-4.8-opus-20260528",
    "Claude Opus 4.8",
    "version 20260901",
    "variant",
  ]);
});

Deno.test("resolveModels: a version joins its model through the models list's id even when the slugs differ", () => {
  const list = pl.DataFrame({
    snapshot_date: ["2026-05-01", "2026-08-01"],
    id: ["anthropic/claude-opus-4.8", "anthropic/claude-opus-4.8"],
    canonical_slug: [
      "anthropic/claude-4.8-opus-20260528",
      "anthropic/claude-4.8-opus-v2",
    ],
    name: ["Anthropic: Claude Opus 4.8", "Anthropic: Claude Opus 4.8"],
    hugging_face_id: [null, null],
    source_file: ["a.json", "b.json"],
  });
  const [r] = resolveModels(["anthropic/claude-4.8-opus-v2"], identity, list);
  assert.deepEqual([r.permaslug, r.model, r.identity, r.open_weights], [
    "anthropic/claude-4.8-opus-20260528",
    "Claude Opus 4.8",
    "variant",
    false,
  ]);
  assert.match(r.evidence, /b\.json \(id anthropic\/claude-opus-4\.8/);
});

Deno.test("resolveModels: an unreviewed model is drafted from the latest list that has it; one nobody knows stays unknown", () => {
  const list = pl.DataFrame({
    snapshot_date: ["2026-05-01", "2026-08-01"],
    id: ["newlab/n-1", "newlab/n-1"],
    canonical_slug: ["newlab/n-1-20260401", "newlab/n-1-20260401"],
    name: ["NewLab: N 1 old", "NewLab: N-1"],
    hugging_face_id: ["", "newlab/N-1"],
    source_file: ["a.json", "b.json"],
  });
  const [draft, unknown] = resolveModels(
    ["newlab/n-1-20260401", "zeta/z-9"],
    identity,
    list,
  );
  assert.deepEqual(
    [
      draft.permaslug,
      draft.model,
      draft.vendor,
      draft.identity,
      draft.open_weights,
      draft.model_id,
    ],
    ["newlab/n-1-20260401", "N-1", "newlab", "draft", true, "newlab/n-1"],
  );
  assert.match(
    draft.evidence,
    /^models list b\.json \(id newlab\/n-1, name "NewLab: N-1", hugging_face_id newlab\/N-1\)$/,
  );
  assert.deepEqual([
    unknown.model,
    unknown.vendor,
    unknown.identity,
    unknown.open_weights,
  ], ["zeta/z-9", "zeta", "unknown", null]);
});

Deno.test("classifyModels on the bundled data: every ranked permaslug is a reviewed model, resolved to itself", async () => {
  const ws = await loadWorkspace("data");
  const classified = classifyModels(
    ws.rankings,
    ws.modelIdentity,
    ws.vendors,
    ws.models,
  );
  assert.deepEqual(
    classified.getColumn("permaslug").toArray(),
    classified.getColumn("ranked_permaslug").toArray(),
  );
  const identities = new Set(classified.getColumn("identity").toArray());
  assert.deepEqual([...identities].sort(), ["other", "reference"]);
  // The same models, vendors and origins as without the models list.
  const without = classifyModels(ws.rankings, ws.modelIdentity, ws.vendors);
  for (const column of ["model", "vendor", "vendor_name", "origin"]) {
    assert.deepEqual(
      classified.getColumn(column).toArray(),
      without.getColumn(column).toArray(),
      column,
    );
  }
});

Deno.test("classifyModels on a Monday: the new version of DeepSeek V4 Flash counts as DeepSeek V4 Flash, one model per week", async () => {
  const ws = await monday();
  const classified = classifyModels(
    ws.rankings,
    ws.modelIdentity,
    ws.vendors,
    ws.models,
  );
  const weekly = weeklyModelTokens(classified);
  const week = weekly.filter(pl.col("week_start").eq(pl.lit("2026-07-27")));
  const flash = week.filter(pl.col("model").eq(pl.lit("DeepSeek V4 Flash")));
  assert.equal(flash.height, 1);
  assert.equal(flash.getColumn("permaslug").get(0), FLASH);
  // Its tokens are both versions' tokens of that week (python-free check: sum the raw rows).
  const raw = ws.rankings.filter(
    pl.col("permaslug").isIn([FLASH, NEW_FLASH])
      .and(pl.col("date").gtEq(pl.lit("2026-07-27")))
      .and(pl.col("date").ltEq(pl.lit("2026-08-02"))),
  );
  assert.equal(new Set(raw.getColumn("permaslug").toArray()).size, 2);
  assert.equal(
    flash.getColumn("tokens").toArray()[0],
    (raw.getColumn("tokens").toArray() as number[]).reduce((a, b) => a + b, 0),
  );
  assert.equal(
    weekly.filter(pl.col("model").str.contains("/")).filter(
      pl.col("model").eq(pl.lit(NEW_FLASH)),
    ).height,
    0,
  );
});

Deno.test("classifyModels on a Monday: new models the list knows are named and keep their creator's origin; only what nobody knows stays unknown", async () => {
  const ws = await monday();
  const classified = classifyModels(
    ws.rankings,
    ws.modelIdentity,
    ws.vendors,
    ws.models,
  );
  const first = (slug: string) =>
    classified.filter(pl.col("ranked_permaslug").eq(pl.lit(slug))).select(
      "model",
      "vendor",
      "vendor_name",
      "origin",
      "identity",
    ).row(0);
  assert.deepEqual(first(NEW_QWEN), [
    "Qwen3.8 Max",
    "qwen",
    "Alibaba (Qwen)",
    "China",
    "draft",
  ]);
  // meta is not in reference/vendors.csv: its origin stays unknown (not invented), but the model is named.
  assert.deepEqual(first(NEW_META), [
    "Llama 5 Maverick",
    "meta",
    "meta",
    "unknown",
    "draft",
  ]);
  assert.deepEqual(first(MYSTERY), [
    MYSTERY,
    "mystery",
    "mystery",
    "unknown",
    "unknown",
  ]);
  assert.deepEqual(unknownModels(classified), [MYSTERY]);
  assert.deepEqual(unknownVendors(classified), [
    "meta",
    "mystery",
    "nex-agi",
    "poolside",
  ]);
  // The China share of a week after the qwen rename has no unknown tokens from qwen.
  const shares = weeklyOriginShare(classified).filter(
    pl.col("week_start").eq(pl.lit("2026-08-03")),
  );
  const unknownTokens = shares.filter(pl.col("origin").eq(pl.lit("unknown")))
    .getColumn("tokens").sum();
  const expected = classified.filter(
    pl.col("origin").eq(pl.lit("unknown"))
      .and(pl.col("date").gtEq(pl.lit("2026-08-03")))
      .and(pl.col("date").ltEq(pl.lit("2026-08-09"))),
  );
  assert.equal(
    unknownTokens,
    (expected.getColumn("tokens").toArray() as number[]).reduce(
      (a, b) => a + b,
      0,
    ),
  );
  const vendors = new Set(expected.getColumn("vendor").toArray());
  assert.equal(vendors.has("qwen"), false);
  assert.equal(vendors.has("openrouter"), true);
});
