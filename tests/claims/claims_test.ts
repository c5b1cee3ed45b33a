import assert from "node:assert/strict";
import { join } from "node:path";
import { runAnalyses } from "../../lib/run/analyses.ts";
import {
  CHECK_FAMILIES,
  checksByName,
  type LedgerEntry,
  loadClaims,
} from "../../lib/claims/claims.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { copyDir, inTempDir, writeJson } from "../_helpers.ts";
import { claims, results } from "../_claims_fixture.ts";

// Figures from data were computed outside this code with python3 over the raw
// files; each is quoted next to its assertion with the file it comes from.
// Articles: 000 = "The OpenRouter Pricing Truth" (2026-06-08), 004 = "OpenRouter
// Inference Revenue Statistics" (2026-02-09), both in /work/shared/seeds/; the
// "Billing Beats Benchmarks" claims (bb-*) are 2026-05-24.
//
// Loading claims.csv is tested in tests/loading/claims_test.ts, evaluating
// them in tests/claims/evaluate_test.ts; this file keeps the check registry
// (lib/claims/checks/mod.ts) and a whole-program run on changed data.

const bundled = results;

function entry(ledger: readonly LedgerEntry[], id: string): LedgerEntry {
  const found = ledger.find((e) => e.id === id);
  assert.ok(found !== undefined, `no ledger entry ${id}`);
  return found;
}

Deno.test("every check named in data/claims.csv is registered in a check family or is 'none'", () => {
  const implemented = new Set(Object.keys(checksByName()));
  const missing = [
    ...new Set(
      claims.map((c) => c.check).filter((name) =>
        name !== "none" && !implemented.has(name)
      ),
    ),
  ];
  assert.deepEqual(missing, []);
  // python3: 23 claims have check "none" (bb-58 and bb-61 now have case-study checks; pt-52 and bb-62 added); each comes out unverifiable, method "none".
  const none = bundled.ledger.filter((e) =>
    claims.find((c) => c.id === e.id)!.check === "none"
  );
  assert.equal(none.length, 23);
  for (const e of none) {
    assert.equal(e.verdict, "unverifiable", e.id);
    assert.equal(e.method, "none", e.id);
  }
});

Deno.test("every check family is registered once; a name registered twice is an error", () => {
  const names = CHECK_FAMILIES.flatMap((f) => Object.keys(f.checks));
  assert.equal(new Set(names).size, names.length);
  assert.throws(
    () => checksByName([CHECK_FAMILIES[0], CHECK_FAMILIES[0]]),
    /another family registered it already/,
  );
});

Deno.test("verdicts follow the data: a temp copy where the week of 2026-06-01 sums to 28.9T reproduces pt-01", async () => {
  await inTempDir(async (dir) => {
    await copyDir("data", dir);
    // Rankings: scale every row of 2026-06-01 … 2026-06-07 by
    // 28.9e12 / 36135310767290 so the week sums to 28.9T (± 357 rows × 0.5 of rounding).
    const rankingsFile = join(
      dir,
      "raw/rankings-daily/2026-05-24_2026-06-22.json",
    );
    const rankings = JSON.parse(await Deno.readTextFile(rankingsFile));
    const factor = 28.9e12 / 36_135_310_767_290;
    let weekSum = 0;
    for (const row of rankings.data) {
      if (row.date >= "2026-06-01" && row.date <= "2026-06-07") {
        row.total_tokens = String(
          Math.round(Number(row.total_tokens) * factor),
        );
        weekSum += Number(row.total_tokens);
      }
    }
    assert.ok(Math.abs(weekSum - 28.9e12) < 357);
    await writeJson(rankingsFile, rankings);
    // Inference stats: add the 22221.25 USD the 004 chart has over the
    // 2025-12-21 file to the Sonnet row, so the file sums to 3106880.80.
    const trackerFile = join(dir, "raw/inference-stats/2025-12-21.json");
    const tracker = JSON.parse(await Deno.readTextFile(trackerFile));
    const sonnet = tracker.models.find((m: { slug: string }) =>
      m.slug === "anthropic/claude-4.5-sonnet-20250929"
    );
    assert.equal(sonnet.estimated_revenue, 1424190.75);
    sonnet.estimated_revenue = 1446412.0;
    // The tracker's own weekly total moves with it.
    assert.equal(tracker.total_revenue, 3084659.53);
    tracker.total_revenue = 3106880.78;
    await writeJson(trackerFile, tracker);

    const changed = runAnalyses(
      await loadWorkspace(dir),
      await loadClaims(join(dir, "claims.csv")),
    ).ledger;
    const pt01 = entry(changed, "pt-01");
    assert.equal(pt01.verdict, "reproduced");
    assert.equal(pt01.reproduced, weekSum);
    assert.equal(
      entry(changed, "ir-11").verdict,
      "reproduced-under-assumptions",
    );
    // Untouched claims keep their verdicts: bb-01's week is still 1 day short.
    assert.equal(entry(changed, "bb-01").verdict, "unverifiable");
    assert.ok(
      Math.abs(entry(changed, "pt-42").reproduced! - 0.234 / 0.005508) < 1e-9,
    );
  });
});
