import assert from "node:assert/strict";
import { FLAG_DEFINITIONS, FLAGS, flagText } from "../../lib/claims/flags.ts";
import { ledgerMarkdown } from "../../lib/claims/claims.ts";
import {
  perDayColumn,
  SEVEN_DAY_TOLERANCE,
} from "../../lib/claims/checks/rankings.ts";
import { claim, claims, entry, inputs, results } from "../_claims_fixture.ts";

const flagged = (flag: string) =>
  results.ledger.filter((e) => e.flags.includes(flag as never)).map((e) =>
    e.id
  );

Deno.test("every flag is one of FLAGS, defined in data/VERDICTS.md, and 'method flawed' exactly when method_flawed", async () => {
  const policy = await Deno.readTextFile("data/VERDICTS.md");
  for (const f of FLAGS) {
    assert.ok(policy.includes(`**${flagText(f)}**`), f);
    assert.ok(FLAG_DEFINITIONS[f].length > 40, f);
  }
  for (const e of results.ledger) {
    for (const f of e.flags) {
      assert.ok((FLAGS as readonly string[]).includes(f));
    }
    assert.equal(e.flags.includes("method flawed"), e.method_flawed, e.id);
  }
});

Deno.test("⚑ period mislabelled: seed 002's 'per day' column is 7-day totals, computed from rankings-daily", () => {
  // The 12 model_day_tokens rows of 2026-06-08 (mu-01, mu-03, … mu-23) and the 12 run-rates built on them.
  const day = claims.filter((c) => c.check === "model_day_tokens");
  const runRates = claims.filter((c) => c.check === "run_rate_30d");
  assert.equal(day.length, 12);
  assert.deepEqual(
    flagged("period mislabelled"),
    claims.filter((c) => day.includes(c) || runRates.includes(c)).map((c) =>
      c.id
    ),
  );
  const column = perDayColumn(inputs, claim("mu-01"));
  assert.equal(column.ids.length, 12);
  assert.equal(column.sameOrder, true);
  assert.equal(column.weekly, true);
  // python3 over rankings-daily 2026-06-08 … 2026-06-14: 4.6T ÷ 4.41T = 1.04, … 1.02 … 1.07.
  assert.ok(
    column.ratio!.low >= 1.01 && column.ratio!.high <= 1 + SEVEN_DAY_TOLERANCE,
  );
  assert.match(
    entry("mu-01").note,
    /the column's 12 rows follow the rank order of the models' 7-day totals from 2026-06-08/,
  );
  assert.match(entry("mu-02").note, /about 30 weeks of tokens, not 30 days/);
});

Deno.test("⚑ period mislabelled fails on a column out of the week's rank order, or far from the 7-day totals", () => {
  // Swap the stated figures of the first and the last row: the order no longer follows the week's.
  const [first, last] = ["mu-01", "mu-23"].map((id) => claim(id));
  const swapped = inputs.claims.map((c) =>
    c.id === first.id
      ? { ...c, stated: last.stated }
      : c.id === last.id
      ? { ...c, stated: first.stated }
      : c
  );
  const out = perDayColumn({ ...inputs, claims: swapped }, first);
  assert.equal(out.sameOrder, false);
  assert.equal(out.weekly, false);
  // Every row divided by 7 (true daily figures): in order, but not 7-day totals.
  const daily = inputs.claims.map((c) =>
    c.check === "model_day_tokens" ? { ...c, stated: c.stated / 7 } : c
  );
  const perDay = perDayColumn({ ...inputs, claims: daily }, first);
  assert.equal(perDay.sameOrder, true);
  assert.equal(perDay.weekly, false);
});

Deno.test("⚑ incompatible assumptions: the 26× divides Sonnet with cache free by Flash with cache charged", () => {
  assert.deepEqual(flagged("incompatible assumptions"), ["pt-42"]);
  assert.match(
    entry("pt-42").note,
    /divides a cost with cached input not billed at all by one with cached input at the cache-read rate/,
  );
  assert.equal(entry("pt-42").verdict, "contradicted");
});

Deno.test("⚑ secondary source: bb-08 and bb-09 come from a row of the a16z file not marked primary", () => {
  assert.deepEqual(flagged("secondary source"), ["bb-08", "bb-09"]);
  assert.deepEqual(entry("bb-11").flags, []); // its row is "(primary, 2025-12-04)"
  assert.match(entry("bb-08").note, /not the primary report/);
});

Deno.test("claims.md prints every flag beside the verdict in each claim's heading", () => {
  const md = ledgerMarkdown(results.ledger, "scope");
  assert.match(
    md,
    /\n### mu-01 · \*\*contradicted\*\*, ⚑ period mislabelled\n/,
  );
  assert.match(
    md,
    /\n### pt-42 · \*\*contradicted\*\*, ⚑ incompatible assumptions\n/,
  );
  assert.match(md, /\n### bb-08 · \*\*reproduced\*\*, ⚑ secondary source\n/);
  assert.match(
    md,
    /\*\*⚑ period mislabelled\*\*: the figure is a different period/,
  );
});
