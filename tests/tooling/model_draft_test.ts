// The reviewable draft of models and vendors (lib/tooling/model_draft.ts),
// `deno task models --draft` (cli/models.ts) and report.md's section on it.
import assert from "node:assert/strict";
import { join } from "node:path";
import { csvParse } from "d3-dsv";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import {
  DRAFT_MODEL_COLUMNS,
  draftModelsCsv,
  draftVendorsCsv,
  modelDraft,
} from "../../lib/tooling/model_draft.ts";
import { identitySection } from "../../lib/report/identity_section.ts";
import { inTempDir, runTask } from "../_helpers.ts";
import {
  mondayDataDir,
  MYSTERY,
  NEW_FLASH,
  NEW_META,
  NEW_QWEN,
} from "../_monday_data.ts";

Deno.test("modelDraft on the bundled data drafts no model and names the two vendors missing from vendors.csv", async () => {
  const draft = modelDraft(await loadWorkspace("data"));
  assert.deepEqual(draft.models, []);
  assert.deepEqual(draft.unknown, []);
  assert.deepEqual(
    draft.vendors.map((v) => [v.vendor, v.vendor_name, v.origin]),
    [["nex-agi", "Nex AGI", ""], ["poolside", "Poolside", ""]],
  );
  // The report line names them, and says no model is missing.
  assert.deepEqual(identitySection(draft, ["nex-agi", "poolside"]).slice(2), [
    "- Vendors classified `unknown` (not in reference/vendors.csv): nex-agi (Nex AGI), poolside (Poolside)",
    "- Models not in reference/models.csv: none",
  ]);
});

Deno.test("modelDraft on a Monday: two drafted models with their evidence, the new version as a variant, one unknown", async () => {
  await inTempDir(async (dir) => {
    const ws = await loadWorkspace(await mondayDataDir(dir));
    const draft = modelDraft(ws);
    assert.deepEqual(
      draft.models.map((
        m,
      ) => [
        m.permaslug,
        m.model_id,
        m.display_name,
        m.vendor,
        m.origin,
        m.open_weights,
      ]),
      [
        [
          NEW_META,
          "meta/llama-5-maverick",
          "Llama 5 Maverick",
          "meta",
          "unknown",
          true,
        ],
        [NEW_QWEN, "qwen/qwen3.8-max", "Qwen3.8 Max", "qwen", "China", false],
      ],
    );
    assert.deepEqual(draft.unknown, [MYSTERY]);
    const csv = csvParse(draftModelsCsv(draft));
    assert.deepEqual(csv.columns, [...DRAFT_MODEL_COLUMNS]);
    assert.match(
      csv[0].evidence,
      /2026-08-20\.models\.json \(id meta\/llama-5-maverick, name "Meta: Llama 5 Maverick", hugging_face_id meta-llama\/Llama-5-Maverick\)/,
    );
    const vendors = csvParse(draftVendorsCsv(draft));
    const meta = vendors.find((v: Record<string, string>) =>
      v.vendor === "meta"
    )!;
    // The origin is left for a reviewer: never invented.
    assert.deepEqual(
      [meta.vendor_name, meta.country, meta.origin, meta.models],
      ["Meta", "", "", NEW_META],
    );
    const section = identitySection(draft, [
      "meta",
      "mystery",
      "nex-agi",
      "poolside",
    ]).join("\n");
    assert.match(
      section,
      /Models not in reference\/models\.csv: 4 \(1 versions or variants of a reviewed model, 2 drafted from the models list, 1 unknown\)/,
    );
    assert.match(
      section,
      new RegExp(
        `\\| ${NEW_FLASH} \\| DeepSeek V4 Flash \\| version 20260731 \\|`,
      ),
    );
    assert.match(
      section,
      /\| meta\/llama-5-maverick-20260715 \| Llama 5 Maverick \| meta \| unknown \| yes \| models list /,
    );
    assert.match(
      section,
      /Stayed unknown \(in neither reference\/models\.csv nor the models list\): mystery\/model-x\./,
    );
  });
});

Deno.test("deno task models --draft writes the two draft files, and leaves the data folder as it was", async () => {
  await inTempDir(async (dir) => {
    const data = await mondayDataDir(dir);
    const before = await Deno.readTextFile(join(data, "reference/models.csv"));
    const out = join(dir, "drafts");
    const run = await runTask("models", [
      "--draft",
      "--data",
      data,
      "--out",
      out,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /85 ranked models: 81 reference, 1 variant, 2 draft, 1 unknown/,
    );
    assert.match(
      run.stdout,
      /vendor not in reference\/vendors\.csv: meta \(Meta\); origin left unknown/,
    );
    assert.match(
      run.stdout,
      new RegExp(`wrote ${out}/models\\.draft\\.csv \\(2 models\\)`),
    );
    const models = csvParse(
      await Deno.readTextFile(join(out, "models.draft.csv")),
    );
    assert.deepEqual(models.map((m: Record<string, string>) => m.permaslug), [
      NEW_META,
      NEW_QWEN,
    ]);
    assert.equal(
      await Deno.readTextFile(join(data, "reference/models.csv")),
      before,
    );
    const refused = await runTask("models", [
      "--draft",
      "--data",
      data,
      "--out",
      join(data, "raw"),
    ]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /lies in .*raw\/, which no command modifies/);
  });
});
