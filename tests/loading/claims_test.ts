import assert from "node:assert/strict";
import { join } from "node:path";
import {
  loadClaims,
  parseParams,
  readClaims,
} from "../../lib/loading/claims.ts";
import { DataError } from "../../lib/loading/problems.ts";
import { inTempDir, writeLines } from "../_helpers.ts";
import { claims } from "../_claims_fixture.ts";

// Moved from tests/claims/claims_test.ts (issue 25: tests beside their module).

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
