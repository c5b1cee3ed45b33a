import assert from "node:assert/strict";
import { join } from "node:path";
import { runAnalyses } from "../lib/report/analysis.ts";
import { claimChecks, type ClaimContext } from "../lib/claims/claim_checks.ts";
import {
  boundOf,
  type Claim,
  compareStated,
  evaluateClaims,
  type LedgerEntry,
  loadClaims,
  parseParams,
  toleranceOf,
  VERDICTS,
} from "../lib/claims/claims.ts";
import { DataError } from "../lib/loading/problems.ts";
import { loadWorkspace } from "../lib/loading/workspace.ts";
import { copyDir, inTempDir, writeJson, writeLines } from "./_helpers.ts";

// Figures from data were computed outside this code with python3 over the raw
// files; each is quoted next to its assertion with the file it comes from.
// Articles: 000 = "The OpenRouter Pricing Truth" (2026-06-08), 004 = "OpenRouter
// Inference Revenue Statistics" (2026-02-09), both in /work/shared/seeds/; the
// "Billing Beats Benchmarks" claims (bb-*) are 2026-05-24.

const claims = await loadClaims("data/claims.csv");
const bundled = runAnalyses(await loadWorkspace("data"), claims);

function entry(ledger: readonly LedgerEntry[], id: string): LedgerEntry {
  const found = ledger.find((e) => e.id === id);
  assert.ok(found !== undefined, `no ledger entry ${id}`);
  return found;
}

const HEADER =
  "id,article,article_date,section,quote,stated,unit,check,params,needs";

Deno.test("loadClaims() reads all 233 claims of data/claims.csv with unique ids", () => {
  // python3: len(list(csv.DictReader(open("data/claims.csv")))) = 233
  assert.equal(claims.length, 233);
  assert.equal(new Set(claims.map((c) => c.id)).size, 233);
  // Prefixes per article: pt 47, bb 61, ir 92, mu 26, ge 7 (= 233).
  const prefixes: Record<string, number> = {};
  for (const c of claims) {
    const prefix = c.id.slice(0, 2);
    prefixes[prefix] = (prefixes[prefix] ?? 0) + 1;
  }
  assert.deepEqual(prefixes, { pt: 47, bb: 61, ir: 92, mu: 26, ge: 7 });
  const pt01 = claims.find((c) => c.id === "pt-01")!;
  assert.equal(pt01.stated, 28_900_000_000_000);
  assert.equal(pt01.unit, "tokens/week");
  assert.deepEqual(pt01.params, { week: "2026-06-01" });
});

Deno.test("every check named in data/claims.csv is implemented in claimChecks() or is 'none'", () => {
  const implemented = new Set(
    Object.keys(claimChecks({ claims } as unknown as ClaimContext)),
  );
  const missing = [
    ...new Set(
      claims.map((c) => c.check).filter((name) =>
        name !== "none" && !implemented.has(name)
      ),
    ),
  ];
  assert.deepEqual(missing, []);
  // python3: 31 claims have check "none"; each comes out unverifiable, method "none".
  const none = bundled.ledger.filter((e) =>
    claims.find((c) => c.id === e.id)!.check === "none"
  );
  assert.equal(none.length, 31);
  for (const e of none) {
    assert.equal(e.verdict, "unverifiable", e.id);
    assert.equal(e.method, "none", e.id);
  }
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

Deno.test("toleranceOf() is half a unit of the last digit, ±5% when the quote says it is approximate", () => {
  // pt-01 "28.9T" → ±0.05T.
  assert.equal(toleranceOf(28_900_000_000_000, "hit 28.9T"), 50_000_000_000);
  // pt-40 "≈ $0.008": half of 0.001 = 0.0005, more than 5% (0.0004).
  assert.equal(toleranceOf(0.008, "DeepSeek V4 Flash: ≈ $0.008"), 0.0005);
  // pt-41 "≈ $0.21": 5% (0.0105) is more than half a cent.
  assert.equal(toleranceOf(0.21, "Claude Sonnet 4.5: ≈ $0.21"), 0.0105);
  // pt-42 "26×": ±0.5.
  assert.equal(toleranceOf(26, "26× difference"), 0.5);
  // ir-11 "3106880.8" → ±0.05.
  assert.equal(toleranceOf(3106880.8, "3106880.8"), 0.05);
  // pt-24 "~$0.044/M": 5% = 0.0022.
  assert.equal(toleranceOf(0.044, "toward ~$0.044/M"), 0.0022);
  // Trailing zeros of a whole number are not significant: 1200 → ±50.
  assert.equal(toleranceOf(1200, "1200"), 50);
  assert.equal(toleranceOf(-3.5, "-3.5%"), 0.05);
  assert.equal(toleranceOf(0, "0"), 0.005);
  // Counts, ranks and weeks are exact.
  assert.equal(toleranceOf(5, "fifth consecutive week", "weeks"), 0);
  assert.equal(toleranceOf(3, "#3", "rank"), 0);
});

Deno.test("boundOf() reads lower and upper bounds from the quote", () => {
  assert.equal(boundOf("3.43T weekly, daily peaks above 800B"), "at-least"); // pt-10
  assert.equal(boundOf("OpenRouter aggregates 300+ models"), "at-least"); // bb-10
  assert.equal(boundOf("Combined 45%+ of tokens"), "at-least"); // bb-45
  assert.equal(
    boundOf("China-origin models exceed 45% of platform volume"),
    "at-least",
  );
  assert.equal(boundOf("accounted for under 2% of weekly traffic"), "at-most"); // bb-05
  assert.equal(boundOf("less than 1%"), "at-most");
  // A leading "+" is a change, not a bound (pt-01/pt-02).
  assert.equal(boundOf("weekly tokens hit 28.9T (+7.4% WoW)"), "point");
  assert.equal(boundOf("3.43T"), "point");
});

Deno.test("boundOf() reads 'year-over-year' and 'week over week' as no bound", () => {
  // bb-24 ("Billing Beats Benchmarks", table "Global weekly totals"): the
  // figure 2.4T is a point value; "over" here is part of "Year-over-year".
  assert.equal(boundOf("Year-over-year scale~2.4T → 28.9T"), "point");
  assert.equal(boundOf("up 7.4% week over week"), "point");
});

Deno.test("compareStated() reproduces within the tolerance and contradicts outside it", () => {
  const claim = {
    stated: 3_430_000_000_000,
    quote: "3.43T",
    unit: "tokens/week",
  };
  // ±0.005T: 3.434T is in, 3.436T is out.
  assert.equal(
    compareStated(claim, 3_434_000_000_000, "m").verdict,
    "reproduced",
  );
  const out = compareStated(claim, 3_436_000_000_000, "m");
  assert.equal(out.verdict, "contradicted");
  assert.equal(out.reproduced, 3_436_000_000_000);
  assert.match(
    out.note ?? "",
    /data gives 3\.44T tokens\/week against the stated 3\.43T tokens\/week \(\+0\.2%\)/,
  );
  assert.equal(out.method, "m; reproduced when within ±5.00B tokens/week");
  // Assumptions turn a match into reproduced-under-assumptions, not a miss.
  assert.equal(
    compareStated(claim, 3_430_000_000_000, "m", { assumptions: "a" }).verdict,
    "reproduced-under-assumptions",
  );
  assert.equal(
    compareStated(claim, 1, "m", { assumptions: "a" }).verdict,
    "contradicted",
  );
  // Bounds: "above 800B" holds for 800B and more, not for 728.6B (pt-10's data).
  const above = { stated: 800_000_000_000, quote: "daily peaks above 800B" };
  assert.equal(
    compareStated(above, 900_000_000_000, "m").verdict,
    "reproduced",
  );
  assert.equal(
    compareStated(above, 728_581_604_611, "m").verdict,
    "contradicted",
  );
  const under = { stated: 2, quote: "under 2%" };
  assert.equal(compareStated(under, 1.2, "m").verdict, "reproduced");
  assert.equal(compareStated(under, 2.4, "m").verdict, "contradicted");
  // Exact units: a rank of 2 is not a rank of 1.
  const rank = { stated: 1, quote: "#1", unit: "rank" };
  assert.equal(compareStated(rank, 1, "m").verdict, "reproduced");
  assert.equal(compareStated(rank, 2, "m").verdict, "contradicted");
});

Deno.test("evaluateClaims() makes a claim unverifiable when its check is missing or throws", () => {
  const base = claims.find((c) => c.id === "pt-01")!;
  const ledger = evaluateClaims(
    [
      { ...base, id: "xx-01", check: "nothing_implements_this" },
      { ...base, id: "xx-02", check: "broken", needs: "" },
    ] as Claim[],
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
  assert.equal(bundled.ledger.length, 233);
  assert.deepEqual(bundled.ledger.map((e) => e.id), claims.map((c) => c.id));
  for (const e of bundled.ledger) {
    assert.ok((VERDICTS as readonly string[]).includes(e.verdict), e.id);
    // A verdict other than unverifiable rests on a number from data.
    if (e.verdict !== "unverifiable") {
      assert.ok(Number.isFinite(e.reproduced), `${e.id}: ${e.reproduced}`);
    }
  }
});

Deno.test("pt-41 (Sonnet ≈ $0.21) is reproduced only under the assumption that cache reads are not billed", () => {
  const e = entry(bundled.ledger, "pt-41");
  assert.equal(e.verdict, "reproduced-under-assumptions");
  // 20K × $3/M + 10K × $15/M = 0.21 (cached 80K not billed).
  assert.equal(e.reproduced, 0.21);
  assert.match(e.assumptions, /cached input \(80K tokens\) not billed at all/);
  // The closest prices dated by the article: its own table, 3/15 with no cache price.
  assert.match(
    e.assumptions,
    /The OpenRouter Pricing Truth \(AI Notes\) dated 2026-06-08 \(3\/15\/– USD per M/,
  );
  // With cache reads charged: + 80K × $0.30/M = 0.234.
  assert.match(e.note, /the figure is 0\.234 USD/);
  assert.match(e.method, /within ±\$0\.0105/);
});

Deno.test("pt-40 (Flash ≈ $0.008) is reproduced at the 2026-04-24 launch prices with cache reads charged", () => {
  const e = entry(bundled.ledger, "pt-40");
  assert.equal(e.verdict, "reproduced-under-assumptions");
  assert.equal(e.reproduced, 0.00784);
  assert.match(e.assumptions, /dated 2026-04-24 \(0\.14\/0\.28\/0\.028/);
  assert.match(e.assumptions, /cache reads charged/);
});

Deno.test("pt-42 (26×) is contradicted: with one price source and cache reads charged the ratio is 42.5", () => {
  const e = entry(bundled.ledger, "pt-42");
  assert.equal(e.verdict, "contradicted");
  // Price history as of 2026-06-08: Sonnet 2025-09-30 (3/15/0.3) → 0.234;
  // Flash 2026-05-30 (0.0983/0.1966/0.0197) → 0.001966 + 0.001576 + 0.001966
  // = 0.005508; 0.234 / 0.005508 = 42.4837 (6 significant digits).
  assert.ok(Math.abs(e.reproduced! - 0.234 / 0.005508) < 1e-9); // 42.48…
  assert.match(e.note, /dated 2025-09-30/);
  assert.match(e.note, /dated 2026-05-30/);
  // The article's 26× is its own $0.21 ÷ $0.008 = 26.25.
  assert.match(e.note, /\$0\.21 ÷ \$0\.008 = 26\.25/);
});

Deno.test("pt-01 (28.9T in the week of 2026-06-01) is contradicted by the 36.14T of rankings-daily", () => {
  const e = entry(bundled.ledger, "pt-01");
  assert.equal(e.verdict, "contradicted");
  // python3 over data/raw/rankings-daily/2026-05-24_2026-06-22.json, rows dated
  // 2026-06-01 … 2026-06-07 (357 rows): sum(int(total_tokens)) = 36135310767290.
  assert.equal(e.reproduced, 36_135_310_767_290);
  assert.match(e.note, /\(\+25\.0%\)/);
  assert.match(e.method, /within ±50\.00B tokens\/week/);
});

Deno.test("bb-01 (28.9T in the week of May 18–24) is unverifiable: the data has 1 of its 7 days", () => {
  const e = entry(bundled.ledger, "bb-01");
  assert.equal(e.verdict, "unverifiable");
  assert.equal(e.reproduced, null);
  // rankings-daily starts on 2026-05-24, the Sunday of that week.
  assert.match(e.note, /the week of 2026-05-18 has 1 of 7 days in the data/);
  assert.match(e.note, /2026-05-18 … 2026-05-24 would verify it/);
});

Deno.test("ir-11 (chart bar 3106880.8 for 2025-12-21) is contradicted: the file sums to 3084659.55", () => {
  const e = entry(bundled.ledger, "ir-11");
  assert.equal(e.verdict, "contradicted");
  // python3: sum of estimated_revenue in data/raw/inference-stats/2025-12-21.json
  // (in exact decimals) = 3084659.55; 3106880.8 − 3084659.55 = 22221.25.
  assert.equal(e.reproduced, 3084659.55); // to the cent
  assert.match(e.note, /sums to \$3084659\.55/);
  assert.match(e.note, /22221\.25 USD apart/);
});

Deno.test("ir-24 (Sonnet 4.5 revenue 2397302.04) is reproduced under the tracker's formula, which bills cached tokens twice", () => {
  const e = entry(bundled.ledger, "ir-24");
  assert.equal(e.verdict, "reproduced-under-assumptions");
  assert.equal(e.reproduced, 2397302.04);
  assert.match(e.assumptions, /bills cached tokens twice/);
  // Cache-aware (python, exact decimals): 1052155.5198081 → $1052155.52.
  assert.match(e.note, /\$1052155\.52/);
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
    await writeJson(trackerFile, tracker);

    const changed = runAnalyses(
      await loadWorkspace(dir),
      await loadClaims(join(dir, "claims.csv")),
    ).ledger;
    const pt01 = entry(changed, "pt-01");
    assert.equal(pt01.verdict, "reproduced");
    assert.equal(pt01.reproduced, weekSum);
    assert.equal(entry(changed, "ir-11").verdict, "reproduced");
    // Untouched claims keep their verdicts: bb-01's week is still 1 day short.
    assert.equal(entry(changed, "bb-01").verdict, "unverifiable");
    assert.ok(
      Math.abs(entry(changed, "pt-42").reproduced! - 0.234 / 0.005508) < 1e-9,
    );
  });
});
