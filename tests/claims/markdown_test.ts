import assert from "node:assert/strict";
import { evaluateClaims } from "../../lib/claims/evaluate.ts";
import { ledgerMarkdown } from "../../lib/claims/markdown.ts";
import { verdictDefinitionsMarkdown } from "../../lib/claims/verdicts.ts";
import type { Claim } from "../../lib/loading/claims.ts";
import type { ClaimInputs } from "../../lib/claims/checks/_inputs.ts";
import type { Evaluation } from "../../lib/claims/compare.ts";

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

/** Ledger entries of claims whose stub check returns the given evaluations, in order. */
function ledger(claims: Claim[], evaluations: Evaluation[]) {
  let next = 0;
  return evaluateClaims(claims, {} as ClaimInputs, {
    stub: () => evaluations[next++],
  });
}

const entries = ledger([
  { ...base, id: "zz-01", article: "B" },
  {
    ...base,
    id: "zz-02",
    article: "A",
    quote: "a | b\nc",
    unit: "USD",
    stated: 0.21,
    assumption: "the tracker's own revenue formula",
  },
  { ...base, id: "zz-03", article: "B", check: "none", needs: "user counts" },
], [
  {
    reproduced: 28.9e12,
    verdict: "reproduced",
    method: "week sum",
    difference: "+0.0%",
    tolerance_rule: "±0.05T",
    evidence: "rankings-daily",
  },
  {
    reproduced: 0.21,
    verdict: "reproduced-under-assumptions",
    method: "tracker formula",
    note: "cached twice",
    difference: "+0.0%",
    method_flawed: true,
    corrected: 0.14,
  },
]);
const md = ledgerMarkdown(entries, "Scope: the bundled data.");
const lines = md.split("\n");

Deno.test("ledgerMarkdown() starts with the scope and the verdict definitions", () => {
  assert.deepEqual(lines.slice(0, 6), [
    "# Claims ledger",
    "",
    "Scope: the bundled data.",
    "",
    "## What the verdicts and flags mean",
    "",
  ]);
  assert.ok(md.includes(verdictDefinitionsMarkdown()));
  assert.ok(md.includes("The full policy: data/VERDICTS.md."));
  assert.ok(md.endsWith("</details>\n"));
});

Deno.test("ledgerMarkdown() summarises verdicts per article in ledger order", () => {
  const summary = lines.indexOf("## Summary");
  // B: zz-01 reproduced, zz-03 unverifiable; A: zz-02 under assumptions.
  assert.deepEqual(lines.slice(summary + 2, summary + 6), [
    "| article | reproduced | under assumptions | contradicted | unverifiable | total |",
    "|---|---:|---:|---:|---:|---:|",
    '| "B" (2026-06-08) | 1 | 0 | 0 | 1 | 2 |',
    '| "A" (2026-06-08) | 0 | 1 | 0 | 0 | 1 |',
  ]);
});

/** The lines of one claim's block, from its heading to its </details>. */
function block(id: string): string[] {
  const start = lines.findIndex((l) => l.startsWith(`### ${id} · `));
  const end = lines.indexOf("</details>", start);
  return lines.slice(start, end + 1);
}

Deno.test("ledgerMarkdown() prints each article's claims in ledger order, each with its sentence, figures and evidence, – for what is missing", () => {
  const b = lines.indexOf('## "B" (2026-06-08)');
  const a = lines.indexOf('## "A" (2026-06-08)');
  assert.ok(b > 0 && a > b, "article B comes first, as in the ledger");
  const zz01 = block("zz-01");
  assert.equal(zz01[0], "### zz-01 · **reproduced**");
  assert.equal(zz01[2], entries[0].sentence);
  assert.equal(
    zz01[4],
    "- stated **28.90T tokens/week** · reproduced **28.90T tokens/week** · difference +0.0% · tolerance ±0.05T",
  );
  assert.equal(zz01[5], "- evidence: rankings-daily");
  assert.deepEqual(zz01.slice(7), [
    "<details><summary>Method and notes</summary>",
    "",
    "week sum",
    "",
    "</details>",
  ]);
  // No check: reproduced "–", no difference or tolerance, no evidence.
  const zz03 = block("zz-03");
  assert.equal(zz03[0], "### zz-03 · **unverifiable**");
  assert.equal(zz03[4], "- stated **28.90T tokens/week** · reproduced **–**");
  assert.equal(zz03[5], "- evidence: –");
  assert.ok(zz03.includes("would need: user counts"));
});

Deno.test("ledgerMarkdown() keeps each text on one line, flags a flawed method and lists assumption and note under the method", () => {
  const zz02 = block("zz-02");
  assert.equal(
    zz02[0],
    "### zz-02 · **reproduced-under-assumptions**, ⚑ method flawed: corrected $0.14",
  );
  // The quote "a | b\nc" on one line in the sentence.
  assert.match(zz02[2], /said \u201ca \| b c\u201d/);
  assert.deepEqual(zz02.slice(9, 14), [
    "tracker formula",
    "",
    "the tracker's own revenue formula",
    "",
    "cached twice",
  ]);
});

Deno.test("ledgerMarkdown() of an empty ledger has the header and an empty summary only", () => {
  const empty = ledgerMarkdown([], "s").split("\n");
  assert.deepEqual(empty.slice(-3), [
    "| article | reproduced | under assumptions | contradicted | unverifiable | total |",
    "|---|---:|---:|---:|---:|---:|",
    "",
  ]);
});
