import assert from "node:assert/strict";
import { articleChecks } from "../../../lib/claims/checks/article.ts";
import {
  orOwnFigures,
  ownWeek,
  rowList,
  weekEvidence,
} from "../../../lib/claims/checks/_article.ts";
import { unverifiable } from "../../../lib/claims/compare.ts";
import { claim, inputs, run } from "../../_claims_fixture.ts";

// This file tests lib/claims/checks/article.ts and its private helper
// lib/claims/checks/_article.ts: with the leading underscore dropped, both
// map to article_test.ts.

// bb-25 ("Billing Beats Benchmarks", 2026-05-24): "~2.4T → 28.9T ~12×", checked
// against the article's own bb-01 (28.9T, week of 2026-05-18) and bb-24 (2.4T,
// week of 2025-05-19). 28.9e12 / 2.4e12 = 12.041666…; "~12×" is 12 ± 5%
// (11.4–12.6), so the article agrees with itself, which verifies nothing.

Deno.test("articleChecks registers article_consistency", () => {
  assert.equal(articleChecks.name, "article");
  assert.deepEqual(Object.keys(articleChecks.checks), ["article_consistency"]);
});

Deno.test("article_consistency: a figure consistent with the article's own figures stays unverifiable, with its tolerance (bb-25)", () => {
  const bb25 = run(claim("bb-25"));
  assert.equal(bb25.verdict, "unverifiable");
  assert.equal(bb25.reproduced, null);
  assert.equal(
    bb25.method,
    "the article's own figures: 28.9/2.4 (bb-01, bb-24)",
  );
  // round(12.041666…) to 6 significant digits = 12.0417.
  assert.equal(
    bb25.note,
    "consistent with the article's own bb-01 and bb-24 (12.0417), which cannot verify it: those figures are not in the bundled data; data that settles bb-01 and bb-24 would verify it",
  );
  // ±5% of 12 = 0.6.
  assert.ok(Math.abs(bb25.tolerance! - 0.6) < 1e-12);
});

Deno.test("article_consistency: a figure the article's own figures disagree with is contradicted, the article as evidence", () => {
  const wrong = run(claim("bb-25", { stated: 20, quote: "~20×" }));
  assert.equal(wrong.verdict, "contradicted");
  assert.ok(Math.abs(wrong.reproduced! - 28.9 / 2.4) < 1e-12);
  assert.match(wrong.evidence!, /bb-01 "/);
  assert.match(wrong.evidence!, /bb-24 "/);
});

Deno.test("article_consistency: a formula ending in -1 is a percent change from the first figure to the second", () => {
  // (28.9e12 / 2.4e12 − 1) × 100 = 1104.1666…%; stated 500% is far outside.
  const change = run(claim("bb-25", {
    stated: 500,
    unit: "percent",
    quote: "+500%",
    params: { others: "bb-24|bb-01", formula: "b/a-1" },
  }));
  assert.equal(change.verdict, "contradicted");
  assert.ok(Math.abs(change.reproduced! - (28.9 / 2.4 - 1) * 100) < 1e-9);
});

Deno.test("article_consistency is unverifiable when a figure it depends on is missing or there are not two", () => {
  for (const others of ["bb-01|zz-99", "bb-01", "bb-01|bb-24|bb-19"]) {
    const missing = run(claim("bb-25", {
      params: { others, formula: "28.9/2.4" },
    }));
    assert.equal(missing.verdict, "unverifiable", others);
    assert.equal(missing.note, "the figures it depends on are missing", others);
  }
});

// ---- lib/claims/checks/_article.ts ----

Deno.test("weekEvidence() names the rankings file and the days from the start to the week's Sunday", () => {
  assert.equal(
    weekEvidence(inputs, "2026-06-01"),
    "data/raw/rankings-daily/2026-05-24_2026-06-22.json: every row dated 2026-06-01 … 2026-06-07",
  );
  // From the week before: 2026-05-25 … 2026-06-07.
  assert.equal(
    weekEvidence(inputs, "2026-06-01", "2026-05-25"),
    "data/raw/rankings-daily/2026-05-24_2026-06-22.json: every row dated 2026-05-25 … 2026-06-07",
  );
  // A week outside the data names no file.
  assert.equal(
    weekEvidence(inputs, "2025-05-19"),
    "rankings-daily: every row dated 2025-05-19 … 2025-05-25",
  );
});

Deno.test("orOwnFigures() keeps the missing-data verdict unless the article's own figures give one, then says why the data cannot", () => {
  const missing = unverifiable(
    "m",
    "the week has 1 of 7 days; a rankings-daily file covering it would verify it",
  );
  assert.equal(orOwnFigures(missing, undefined), missing);
  const own = {
    reproduced: 10.289e12,
    verdict: "contradicted" as const,
    method: "own rows",
    note: "below its own rows",
    evidence: "the article itself",
  };
  // The missing note loses its "; … would verify it" tail.
  assert.deepEqual(orOwnFigures(missing, own), {
    ...own,
    note:
      "below its own rows. The data cannot check the figure (the week has 1 of 7 days), and the contradiction stands on the article's own figures whatever the data would show",
  });
});

Deno.test("ownWeek() gathers the article's total, origin totals and top-10 rows for the claim's week (bb-19)", () => {
  // data/claims.csv, "Billing Beats Benchmarks", params week=2026-05-18:
  // week_total_tokens bb-01; origin_week_tokens bb-19 (China), bb-21 (US);
  // model_week_tokens bb-27, 29, 31, 32, 33, 35, 36, 37, 38, 39.
  const own = ownWeek(inputs, claim("bb-19"));
  assert.equal(own.total?.id, "bb-01");
  assert.deepEqual([...own.origins].map(([o, c]) => [o, c.id]), [
    ["China", "bb-19"],
    ["US", "bb-21"],
  ]);
  assert.deepEqual(
    own.rows.map((r) => [r.id, r.vendor, r.origin, r.tokens]),
    [
      ["bb-27", "deepseek", "China", 3.43e12],
      ["bb-29", "tencent", "China", 3.07e12],
      ["bb-31", "anthropic", "US", 1.35e12],
      ["bb-32", "deepseek", "China", 1.31e12],
      ["bb-33", "openrouter", "unknown", 1.15e12],
      ["bb-35", "google", "US", 1.06e12],
      ["bb-36", "deepseek", "China", 1e12],
      ["bb-37", "minimax", "China", 806e9],
      ["bb-38", "x-ai", "US", 721e9],
      ["bb-39", "stepfun", "China", 673e9],
    ],
  );
  // The model ids are resolved to permaslugs (models.csv).
  assert.equal(own.rows[0].slug, "deepseek/deepseek-v4-flash-20260423");
  // A week the article states nothing about.
  const none = ownWeek(
    inputs,
    claim("bb-19", { params: { week: "2020-01-06", origin: "China" } }),
  );
  assert.equal(none.total, undefined);
  assert.equal(none.origins.size, 0);
  assert.deepEqual(none.rows, []);
});

Deno.test("rowList() lists rows as id, slug and trillions to 3 decimals", () => {
  assert.equal(
    rowList([
      {
        id: "bb-27",
        slug: "a/b",
        vendor: "a",
        origin: "China",
        tokens: 3.43e12,
      },
      { id: "bb-39", slug: "c/d", vendor: "c", origin: "China", tokens: 673e9 },
    ]),
    "bb-27 a/b 3.430T + bb-39 c/d 0.673T",
  );
  assert.equal(rowList([]), "");
});
