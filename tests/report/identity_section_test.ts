// report.md's "Not in the reference tables" (lib/report/identity_section.ts).
import assert from "node:assert/strict";
import { identitySection } from "../../lib/report/identity_section.ts";
import type { ModelDraft } from "../../lib/tooling/model_draft.ts";

Deno.test("identitySection() with nothing new keeps the two lines; with a variant, a draft and an unknown it lists each with its evidence", () => {
  const none: ModelDraft = {
    resolutions: [],
    models: [],
    vendors: [],
    unknown: [],
  };
  assert.deepEqual(identitySection(none, []), [
    "## Not in the reference tables",
    "",
    "- Vendors classified `unknown` (not in reference/vendors.csv): none",
    "- Models not in reference/models.csv: none",
  ]);
  const draft: ModelDraft = {
    resolutions: [
      {
        ranked_permaslug: "a/x-20260731",
        permaslug: "a/x-20260101",
        model: "X",
        variant: "version 20260731",
        vendor: "a",
        identity: "variant",
        open_weights: null,
        model_id: "a/x",
        evidence: "model id a/x of reference/models.csv",
      },
    ],
    models: [{
      permaslug: "meta/l-5",
      model_id: "meta/l",
      display_name: "L 5",
      vendor: "meta",
      origin: "unknown",
      open_weights: true,
      evidence: "models list m.json (id meta/l)",
    }],
    vendors: [{
      vendor: "meta",
      vendor_name: "Meta",
      origin: "",
      models: ["meta/l-5"],
      evidence: "e",
    }],
    unknown: ["z/q"],
  };
  const text = identitySection(draft, ["meta", "z"]).join("\n");
  assert.match(
    text,
    /Vendors classified `unknown` \(not in reference\/vendors\.csv\): meta \(Meta\), z$/m,
  );
  assert.match(
    text,
    /Models not in reference\/models\.csv: 3 \(1 versions or variants of a reviewed model, 1 drafted from the models list, 1 unknown\)/,
  );
  assert.match(
    text,
    /\| a\/x-20260731 \| X \| version 20260731 \| model id a\/x of reference\/models\.csv \|/,
  );
  assert.match(
    text,
    /\| meta\/l-5 \| L 5 \| meta \| unknown \| yes \| models list m\.json \(id meta\/l\) \|/,
  );
  assert.match(
    text,
    /Stayed unknown \(in neither reference\/models\.csv nor the models list\): z\/q\.$/,
  );
});
