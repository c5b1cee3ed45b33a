// Claims are judged on the data as of their date: on a Monday's data (two new
// months and a models list dated after every article, tests/_monday_data.ts),
// no claim's verdict or figure moves but bb-50's (judged, by its method, over
// every complete week), pt-21 stays on the models list in force at its date
// with a note on what the later list says, and no note embeds the data's range.
import assert from "node:assert/strict";
import { runAnalyses } from "../../lib/run/analyses.ts";
import { type LedgerEntry, loadClaims } from "../../lib/claims/claims.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { once } from "../_helpers.ts";
import { LATER_LIST_DATE, mondayDataDir } from "../_monday_data.ts";

const claims = once(() => loadClaims("data/claims.csv"));
const byId = (ledger: LedgerEntry[]) => new Map(ledger.map((e) => [e.id, e]));
const bundled = once(async () =>
  byId(runAnalyses(await loadWorkspace("data"), await claims()).ledger)
);
const monday = once(async () => {
  const dir = await Deno.makeTempDir({ prefix: "tokenbook_as_of_" });
  globalThis.addEventListener("unload", () => {
    Deno.removeSync(dir, { recursive: true });
  });
  const ws = await loadWorkspace(await mondayDataDir(dir));
  return byId(runAnalyses(ws, await claims()).ledger);
});

Deno.test("pt-21 is judged on the models list in force at 2026-06-08; the later list only adds a note", async () => {
  const before = (await bundled()).get("pt-21")!;
  const after = (await monday()).get("pt-21")!;
  assert.equal(before.reproduced, 10);
  assert.equal(after.reproduced, 10);
  assert.equal(after.verdict, before.verdict);
  assert.match(
    after.evidence,
    /hugging_face_id in data\/raw\/openrouter-models\/2026-05-01\.models\.json$/,
  );
  assert.match(after.method, /the models list in force on 2026-06-08/);
  assert.ok(after.note.startsWith(before.note), after.note);
  assert.match(
    after.note,
    new RegExp(
      `; a later snapshot \\(${LATER_LIST_DATE}\\) says rank 11, open-weights models scoring higher: .*Gemini 3 Flash \\(Preview\\)$`,
    ),
  );
  // Without a later list there is no such note.
  assert.doesNotMatch(before.note, /later snapshot/);
});

Deno.test("two new months change no claim but bb-50, whose method reads every complete week", async () => {
  const before = await bundled();
  const after = await monday();
  const changed = [...before.keys()].filter((id) => {
    const a = before.get(id)!;
    const b = after.get(id)!;
    return a.verdict !== b.verdict || a.reproduced !== b.reproduced ||
      a.note !== b.note || a.evidence !== b.evidence;
  });
  assert.deepEqual(changed.sort(), ["bb-50", "pt-21"]);
  assert.equal(after.get("bb-50")!.verdict, before.get("bb-50")!.verdict);
});

Deno.test("no note embeds the range of the rankings data", async () => {
  for (const entry of (await monday()).values()) {
    assert.doesNotMatch(entry.note, /covers 2026-05-24|2026-08-22/, entry.id);
  }
});
