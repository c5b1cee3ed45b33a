import assert from "node:assert/strict";
import {
  evaluateClaims,
  LEDGER_SCHEMA,
  ledgerFrame,
  verdictSummary,
} from "../../lib/claims/evaluate.ts";
import { VERDICTS } from "../../lib/claims/verdicts.ts";
import type { Claim } from "../../lib/loading/claims.ts";
import type { ClaimInputs } from "../../lib/claims/checks/_inputs.ts";
import { claims, inputs, results } from "../_claims_fixture.ts";

const bundled = results;

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

// Synthetic claims with stub checks: each expected field below follows from
// the stub's Evaluation by the rules evaluateClaims() documents.
const base: Claim = {
  id: "zz-01",
  article: "A",
  article_date: "2026-06-08",
  section: "lead",
  quote: "28.9T tokens",
  stated: 28.9e12,
  unit: "tokens/week",
  check: "stub",
  params: {},
  needs: "",
  assumption: "",
};
const noInputs = {} as ClaimInputs;

Deno.test("evaluateClaims() copies the check's evaluation and renders stated and reproduced in the claim's unit", () => {
  let seen: unknown;
  const [e] = evaluateClaims([base], noInputs, {
    stub: (claim, given) => {
      seen = { precision: claim.precision !== undefined, given };
      return {
        reproduced: 29e12,
        verdict: "contradicted",
        method: "sum of the week",
        note: "off by 0.1T",
        tolerance: 0.05e12,
        tolerance_rule: "half a unit of the last digit",
        difference: "+0.3%",
        evidence: "rankings-daily",
      };
    },
  });
  // The check gets the claim with its precision read from the quote, and the inputs as passed.
  assert.deepEqual(seen, { precision: true, given: noInputs });
  assert.equal(e.id, "zz-01");
  assert.equal(e.article, `"A" (2026-06-08)`);
  assert.equal(e.verdict, "contradicted");
  assert.equal(e.reproduced, 29e12);
  assert.equal(e.stated_display, "28.90T tokens/week");
  assert.equal(e.reproduced_display, "29.00T tokens/week");
  assert.equal(e.difference, "+0.3%");
  assert.equal(e.tolerance, 0.05e12);
  assert.equal(e.tolerance_rule, "half a unit of the last digit");
  assert.equal(e.evidence, "rankings-daily");
  assert.equal(e.note, "off by 0.1T");
  assert.equal(e.check, "stub");
  // Not flawed: the corrected fields are empty.
  assert.equal(e.method_flawed, false);
  assert.equal(e.corrected, null);
  assert.equal(e.corrected_display, "");
  assert.equal(e.corrected_method, "");
});

Deno.test("evaluateClaims() shows no reproduced figure or difference when the check reproduced nothing", () => {
  const [e] = evaluateClaims([base], noInputs, {
    stub: () => ({
      reproduced: null,
      verdict: "unverifiable",
      method: "m",
      difference: "ignored",
    }),
  });
  assert.equal(e.reproduced, null);
  assert.equal(e.reproduced_display, "–");
  assert.equal(e.difference, "");
  assert.equal(e.tolerance, null);
  assert.equal(e.note, "");
  assert.equal(e.evidence, "");
});

Deno.test("evaluateClaims() says what would verify a claim with no check, or that nothing covers it", () => {
  const [withNeeds, withoutNeeds] = evaluateClaims(
    [
      { ...base, check: "none", needs: "user counts" },
      { ...base, id: "zz-02", check: "none" },
    ],
    noInputs,
    {},
  );
  assert.equal(withNeeds.note, "would need: user counts");
  assert.equal(
    withoutNeeds.note,
    "no data in the workspace covers this claim",
  );
  assert.equal(withoutNeeds.verdict, "unverifiable");
});

Deno.test("evaluateClaims() keeps an assumption as the verdict's basis only for reproduced-under-assumptions", () => {
  const verdictOf = (verdict: "reproduced" | "reproduced-under-assumptions") =>
    evaluateClaims(
      [{ ...base, assumption: "the tracker's own revenue formula" }],
      noInputs,
      { stub: () => ({ reproduced: 28.9e12, verdict, method: "m" }) },
    )[0].assumptions;
  assert.equal(
    verdictOf("reproduced-under-assumptions"),
    "the tracker's own revenue formula",
  );
  assert.equal(
    verdictOf("reproduced"),
    "declared: the tracker's own revenue formula",
  );
});

Deno.test("evaluateClaims() shows the corrected value of a flawed method in the claim's unit", () => {
  const [e] = evaluateClaims(
    [{ ...base, unit: "USD", stated: 0.21 }],
    noInputs,
    {
      stub: () => ({
        reproduced: 0.21,
        verdict: "reproduced-under-assumptions",
        method: "tracker formula",
        method_flawed: true,
        corrected: 0.14,
        corrected_method: "cache-aware",
      }),
    },
  );
  assert.equal(e.method_flawed, true);
  assert.equal(e.corrected, 0.14);
  assert.equal(e.corrected_display, "$0.14");
  assert.equal(e.corrected_method, "cache-aware");
  assert.equal(e.stated_display, "$0.21");
});

Deno.test("ledgerFrame() has the LEDGER_SCHEMA columns and dtypes, with null for missing figures", () => {
  const entries = evaluateClaims(
    [
      base,
      { ...base, id: "zz-02", check: "none" },
    ],
    noInputs,
    {
      stub: () => ({ reproduced: 29e12, verdict: "contradicted", method: "m" }),
    },
  );
  const frame = ledgerFrame(entries);
  assert.deepEqual(frame.columns, Object.keys(LEDGER_SCHEMA));
  assert.deepEqual(
    frame.dtypes.map(String),
    // polars names the Utf8 dtype "String" once a column holds it.
    Object.values(LEDGER_SCHEMA).map((d) =>
      String(d).replace("Utf8", "String")
    ),
  );
  assert.equal(String(frame.getColumn("stated").dtype), "DataType(Float64)");
  assert.equal(
    String(frame.getColumn("method_flawed").dtype),
    "DataType(Bool)",
  );
  assert.deepEqual(frame.getColumn("id").toArray(), ["zz-01", "zz-02"]);
  assert.deepEqual(frame.getColumn("reproduced").toArray(), [29e12, null]);
  assert.deepEqual(frame.getColumn("tolerance").toArray(), [null, null]);
  assert.deepEqual(frame.getColumn("method_flawed").toArray(), [false, false]);
  assert.deepEqual(frame.getColumn("verdict").toArray(), [
    "contradicted",
    "unverifiable",
  ]);
});

Deno.test("verdictSummary() counts each verdict per article, articles in ledger order", () => {
  const verdicts = ["reproduced", "contradicted", "reproduced", "unverifiable"];
  let next = 0;
  const entries = evaluateClaims(
    [
      { ...base, id: "zz-01", article: "B" },
      { ...base, id: "zz-02", article: "A" },
      { ...base, id: "zz-03", article: "B" },
      { ...base, id: "zz-04", article: "B" },
    ],
    noInputs,
    {
      stub: () => ({
        reproduced: 1,
        verdict: verdicts[next++] as (typeof VERDICTS)[number],
        method: "m",
      }),
    },
  );
  // B: zz-01 reproduced, zz-03 reproduced, zz-04 unverifiable; A: zz-02 contradicted.
  assert.deepEqual(verdictSummary(entries).toRecords(), [
    {
      article: `"B" (2026-06-08)`,
      reproduced: 2,
      "reproduced-under-assumptions": 0,
      contradicted: 0,
      unverifiable: 1,
      total: 3,
    },
    {
      article: `"A" (2026-06-08)`,
      reproduced: 0,
      "reproduced-under-assumptions": 0,
      contradicted: 1,
      unverifiable: 0,
      total: 1,
    },
  ]);
});

Deno.test("verdictSummary() of the bundled ledger adds up to its 240 entries", () => {
  const summary = verdictSummary(bundled.ledger);
  const total = (summary.getColumn("total").toArray() as number[])
    .reduce((a, b) => a + b, 0);
  assert.equal(total, 240);
  for (const row of summary.toRecords() as Record<string, number>[]) {
    const byVerdict = VERDICTS.reduce((sum, v) => sum + row[v], 0);
    assert.equal(byVerdict, row.total);
  }
  assert.equal(summary.height, new Set(claims.map((c) => c.article)).size);
});
