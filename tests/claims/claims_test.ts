import assert from "node:assert/strict";
import { join } from "node:path";
import { runAnalyses } from "../../lib/run/analyses.ts";
import {
  CHECK_FAMILIES,
  checksByName,
  evaluateClaims,
  type LedgerEntry,
  loadClaims,
  parseParams,
  readClaims,
  VERDICTS,
} from "../../lib/claims/claims.ts";
import { DataError } from "../../lib/loading/problems.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { copyDir, inTempDir, writeJson, writeLines } from "../_helpers.ts";
import { claims, inputs, results } from "../_claims_fixture.ts";

// Figures from data were computed outside this code with python3 over the raw
// files; each is quoted next to its assertion with the file it comes from.
// Articles: 000 = "The OpenRouter Pricing Truth" (2026-06-08), 004 = "OpenRouter
// Inference Revenue Statistics" (2026-02-09), both in /work/shared/seeds/; the
// "Billing Beats Benchmarks" claims (bb-*) are 2026-05-24.

const bundled = results;

function entry(ledger: readonly LedgerEntry[], id: string): LedgerEntry {
  const found = ledger.find((e) => e.id === id);
  assert.ok(found !== undefined, `no ledger entry ${id}`);
  return found;
}

const HEADER =
  "id,article,article_date,section,quote,stated,unit,check,params,needs";

Deno.test("loadClaims() reads all 240 claims of data/claims.csv with unique ids", () => {
  // python3: len(list(csv.DictReader(open("data/claims.csv")))) = 240
  assert.equal(claims.length, 240);
  assert.equal(new Set(claims.map((c) => c.id)).size, 240);
  // Prefixes per article: pt 53, bb 62, ir 92, mu 26, ge 7 (= 240).
  const prefixes: Record<string, number> = {};
  for (const c of claims) {
    const prefix = c.id.slice(0, 2);
    prefixes[prefix] = (prefixes[prefix] ?? 0) + 1;
  }
  assert.deepEqual(prefixes, { pt: 53, bb: 62, ir: 92, mu: 26, ge: 7 });
  const pt01 = claims.find((c) => c.id === "pt-01")!;
  assert.equal(pt01.stated, 28_900_000_000_000);
  assert.equal(pt01.unit, "tokens/week");
  assert.deepEqual(pt01.params, { week: "2026-06-01" });
});

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

Deno.test("readClaims() returns the problems of a bad file instead of throwing, like every loader", async () => {
  await inTempDir(async (dir) => {
    const file = join(dir, "claims.csv");
    await writeLines(file, [
      `${HEADER},assumption`,
      'pt-01,A,2026-06-08,lead,"28.9T",28900000000000,tokens/week,week_total_tokens,week=2026-06-01,,',
      "pt-02,A,2026-06-08,lead,q,lots,count,none,,,",
    ]);
    const { claims: read, problems } = await readClaims(file);
    assert.deepEqual(read.map((c) => c.id), ["pt-01"]);
    assert.equal(read[0].assumption, "");
    assert.deepEqual(problems.map((p) => `${p.record} ${p.field} ${p.value}`), [
      'line 3 stated "lots"',
    ]);
    const missing = await readClaims(join(dir, "absent.csv"));
    assert.equal(missing.claims.length, 0);
    assert.equal(missing.problems.length, 1);
  });
});

Deno.test("the assumption column is read, and only declared assumptions appear in the ledger", () => {
  // 004's revenue figures declare the tracker's own formula; 000's agent task its stated task shape.
  const ir24 = claims.find((c) => c.id === "ir-24")!;
  assert.match(ir24.assumption, /the tracker's own revenue formula/);
  for (const e of bundled.ledger) {
    const declared = claims.find((c) => c.id === e.id)!.assumption;
    if (e.verdict === "reproduced-under-assumptions") {
      assert.notEqual(declared, "", e.id);
      assert.equal(e.assumptions, declared, e.id);
    }
    if (declared === "") assert.equal(e.assumptions, "", e.id);
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

Deno.test("loadClaims() reports every bad row of a claims CSV with its line number", async () => {
  await inTempDir(async (dir) => {
    const file = join(dir, "claims.csv");
    await writeLines(file, [
      HEADER,
      // line 2: good
      'pt-01,A,2026-06-08,lead,"28.9T",28900000000000,tokens/week,week_total_tokens,week=2026-06-01,',
      // line 3: id not like pt-01
      "PT_1,A,2026-06-08,lead,q,1,count,none,,",
      // line 4: stated is not a number
      "pt-02,A,2026-06-08,lead,q,lots,count,none,,",
      // line 5: date not YYYY-MM-DD
      "pt-03,A,8 June 2026,lead,q,1,count,none,,",
      // line 6: duplicate of line 2's id
      "pt-01,A,2026-06-08,lead,q,1,count,none,,",
      // line 7: check not snake_case, empty quote
      "pt-04,A,2026-06-08,lead,,1,count,Week Total,,",
    ]);
    const error = await loadClaims(file).then(
      () => assert.fail("loadClaims() accepted a bad file"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof DataError);
    const where = error.problems.map((p) => `${p.record} ${p.field}`);
    assert.deepEqual(where, [
      "line 3 id",
      "line 4 stated",
      "line 5 article_date",
      "line 6 id",
      "line 7 quote",
      "line 7 check",
    ]);
    for (const p of error.problems) {
      assert.equal(p.file, file);
      assert.equal(p.severity, "error");
    }
    assert.equal(error.problems[1].value, '"lots"');
    assert.match(error.problems[1].expected, /finite number/);
    assert.match(error.problems[3].expected, /unique id/);
    // The message lists them all, naming the file.
    assert.match(error.message, /6 problem\(s\)/);
    assert.match(
      error.message,
      /claims\.csv: line 5\.article_date is "8 June 2026"/,
    );
  });
});

Deno.test("parseParams() reads key=value pairs separated by semicolons", () => {
  assert.deepEqual(
    parseParams(
      "model=deepseek/deepseek-v4-flash;input=100000; cache_hit = 0.8",
    ),
    { model: "deepseek/deepseek-v4-flash", input: "100000", cache_hit: "0.8" },
  );
  assert.deepEqual(parseParams(""), {});
  // A value may contain "=" after the first one.
  assert.deepEqual(parseParams("formula=a/b=1"), { formula: "a/b=1" });
});

Deno.test("evaluateClaims() makes a claim unverifiable when its check is missing or throws", () => {
  const base = claims.find((c) => c.id === "pt-01")!;
  const ledger = evaluateClaims(
    [
      { ...base, id: "xx-01", check: "nothing_implements_this" },
      { ...base, id: "xx-02", check: "broken", needs: "" },
    ],
    inputs,
    {
      broken: () => {
        throw new Error("no frame");
      },
    },
  );
  assert.equal(ledger[0].verdict, "unverifiable");
  assert.equal(ledger[0].method, "none");
  assert.equal(ledger[1].verdict, "unverifiable");
  assert.equal(ledger[1].note, "the check failed: no frame");
  assert.equal(
    ledger[0].article,
    `"The OpenRouter Pricing Truth: Why the Cheapest Models Are 'Dominating' 28.9T Tokens" (2026-06-08)`,
  );
});

Deno.test("the ledger gives a verdict in VERDICTS for every claim of the bundled data", () => {
  assert.equal(bundled.ledger.length, 240);
  assert.deepEqual(bundled.ledger.map((e) => e.id), claims.map((c) => c.id));
  for (const e of bundled.ledger) {
    assert.ok((VERDICTS as readonly string[]).includes(e.verdict), e.id);
    // A verdict other than unverifiable rests on a number and names its evidence and tolerance.
    if (e.verdict !== "unverifiable") {
      assert.ok(Number.isFinite(e.reproduced), `${e.id}: ${e.reproduced}`);
      assert.notEqual(e.evidence, "", `${e.id} has no evidence`);
      assert.notEqual(e.tolerance_rule, "", `${e.id} has no tolerance rule`);
      assert.notEqual(e.difference, "", `${e.id} has no difference`);
    }
  }
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
