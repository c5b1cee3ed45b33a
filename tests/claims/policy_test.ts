import assert from "node:assert/strict";
import { explainCost } from "../../lib/claims/checks/agent_task.ts";
import {
  ledgerMarkdown,
  precisionOf,
  VERDICT_DEFINITIONS,
  VERDICTS,
} from "../../lib/claims/claims.ts";
import { reproduceStatedCost } from "../../lib/analysis/agent_task.ts";
import {
  claim,
  claims,
  entry,
  inputs,
  results,
  run,
} from "../_claims_fixture.ts";

// One test per class of wrong verdict found by the audit of issue 10, each on
// the real entries of the bundled ledger. Figures from data: python3 over the
// raw files, quoted next to each assertion. Articles: 000 = "The OpenRouter
// Pricing Truth" (2026-06-08), 001 = "2026 OpenRouter: Billing Beats
// Benchmarks" (2026-05-24), 004 = "OpenRouter Inference Revenue Statistics"
// (2026-02-09).

Deno.test("display rounding is not a contradiction: the seven 3-significant-figure Total Tokens rows of 004 are reproduced", () => {
  // python3, data/raw/inference-stats/2026-02-08.json total_tokens: Sonnet 4.5 705646757574,
  // Opus 4.5 369.87B, Gemini 2.5 Flash 429.61B, DeepSeek V3.2 664.84B, MiniMax M2.1 441.85B,
  // Grok 4.1 Fast 344.87B, Gemini 2.5 Flash Lite 343.69B: printed 706.0B … 344.0B.
  for (
    const id of ["ir-19", "ir-26", "ir-47", "ir-54", "ir-61", "ir-68", "ir-75"]
  ) {
    const e = entry(id);
    assert.equal(e.verdict, "reproduced", id);
    assert.equal(e.tolerance, 5e8, id);
    assert.match(e.tolerance_rule, /0 in all 9 rows/, id);
  }
  assert.equal(entry("ir-19").reproduced, 705_646_757_574);
});

Deno.test("tolerances come from the number that is the stated figure: $3.00/M and $2.50/M are ±$0.005, 'roughly one-tenth' ±5%", () => {
  assert.equal(entry("ir-22").tolerance, 0.005); // "| 3 | … $3.00/M"
  assert.equal(entry("ir-51").tolerance, 0.005); // "Gemini 2.5 Flash … $2.50/M"
  assert.equal(entry("pt-25").tolerance, 0.005); // "roughly one-tenth" of 0.1
  // No tolerance of the ledger is looser than the quote's precision, or ±5% for approximate words.
  for (const e of results.ledger) {
    if (e.tolerance === null || e.tolerance === 0) continue;
    const c = claims.find((x) => x.id === e.id)!;
    const p = precisionOf(c, claims);
    if (p.approximate && p.printed !== null) {
      const printedHalf = p.rule.includes("coarser") ? e.tolerance : 0;
      assert.ok(
        e.tolerance <= Math.max(Math.abs(c.stated) * 0.05, printedHalf) + 1e-12,
        e.id,
      );
    }
  }
});

Deno.test("evidence already bundled settles claims once called unverifiable: descriptions, Hugging Face ids, the a16z file, the tracker's token_breakdown", () => {
  // The models list's description of deepseek/deepseek-v4-flash: "284B total parameters and 13B activated parameters".
  for (const id of ["pt-17", "pt-18", "pt-19", "pt-20"]) {
    assert.equal(entry(id).verdict, "reproduced", id);
    assert.match(
      entry(id).evidence,
      /openrouter-models\/2026-05-01\.models\.json\[\d+\]: description/,
    );
  }
  assert.equal(entry("pt-17").reproduced, 284e9);
  assert.equal(entry("pt-18").reproduced, 13e9);
  // a16z_report_figures.md: "100 Trillion Token Study", "roughly 11% … in early 2025", "exceeded 50%".
  for (const id of ["bb-07", "bb-08", "bb-09"]) {
    assert.equal(entry(id).verdict, "reproduced", id);
  }
  // pt-21: nine open-weights models (a hugging_face_id) score above MiMo-V2-Flash's 73.4.
  assert.equal(entry("pt-21").verdict, "contradicted");
  assert.equal(entry("pt-21").reproduced, 10);
  // 004's cached and reasoning pie slices are the file's token_breakdown exactly:
  // python3: cached_tokens 2928357241567, reasoning_tokens 57505324896.
  assert.equal(entry("ir-90").verdict, "reproduced");
  assert.equal(entry("ir-92").reproduced, 57_505_324_896);
});

Deno.test("an article contradicting itself is contradicted, with the article as the evidence", () => {
  // 001: "five of ten … China-team releases" against its own top-10 table: six China-origin rows.
  const bb26 = entry("bb-26");
  assert.equal(bb26.verdict, "contradicted");
  assert.equal(bb26.reproduced, 6);
  assert.match(bb26.evidence, /^the article itself/);
  // 001: "exceed 45%" against its own 9.223T ÷ 28.9T = 31.91%.
  assert.equal(entry("bb-06").verdict, "contradicted");
  assert.ok(Math.abs(entry("bb-06").reproduced! - 9.223 / 28.9 * 100) < 1e-9);
  // 001: China 9.223T, yet its own China-origin top-10 rows sum to
  // 3.43 + 3.07 + 1.31 + 1.00 + 0.806 + 0.673 = 10.289T.
  assert.equal(entry("bb-19").verdict, "contradicted");
  assert.equal(entry("bb-19").reproduced, 10.289e12);
  // 001: DeepSeek/Hy3/MiniMax "45%+" but all China-origin tokens are 31.9% by its own figures.
  assert.equal(entry("bb-45").verdict, "contradicted");
  for (const id of ["bb-06", "bb-19", "bb-26", "bb-45"]) {
    assert.match(entry(id).evidence, /^the article itself/, id);
    // The contradiction stands on the article's own figures: no data "would verify" it.
    assert.doesNotMatch(entry(id).note, /would verify/, id);
    assert.match(entry(id).note, /1 of 7 days/, id);
  }
});

Deno.test("bb-43's reading is declared: the lane's ~12% is Anthropic as a whole, as unverifiable as bb-03", () => {
  // 001's lane row pairs "~12%" with "~46% of platform dollars", the lead's figures for Anthropic.
  const bb43 = entry("bb-43");
  assert.equal(bb43.verdict, "unverifiable");
  assert.equal(bb43.check, "vendor_token_share_pct");
  assert.match(
    bb43.assumptions,
    /^declared: the lane's ~12% read as Anthropic's token share as a whole/,
  );
  assert.equal(bb43.note, entry("bb-03").note);
});

Deno.test('pt-15\'s qualifier "by a wide margin" is its own unverifiable entry, pt-53, with the ratio from data', () => {
  assert.equal(entry("pt-15").verdict, "reproduced");
  assert.match(
    entry("pt-15").note,
    /checks the order only: the quote's margin is pt-53's/,
  );
  const pt53 = entry("pt-53");
  assert.equal(pt53.quote, entry("pt-15").quote);
  assert.equal(pt53.verdict, "unverifiable");
  // python3 over rankings-daily: DeepSeek 6.55T ÷ Anthropic 5.14T = 1.27 (2026-06-01); 5.40T ÷ 5.44T the week before.
  assert.match(
    pt53.note,
    /2026-06-01: DeepSeek 6\.55T against Anthropic 5\.14T \(×1\.27\)/,
  );
  assert.match(
    pt53.note,
    /2026-05-25: DeepSeek 5\.40T against Anthropic 5\.44T \(×0\.99\)/,
  );
});

Deno.test("no verdict rests on a searched assumption: pt-40, pt-41, pt-43, pt-44 are contradicted at the prices in force on 2026-06-08", () => {
  // Price history: Flash 2026-05-30 0.0983/0.1966/0.0197 → 20K × 0.0983 + 80K × 0.0197 + 10K × 0.1966 = $0.005508;
  // Sonnet 2025-09-30 3/15/0.3 → $0.234.
  const pt40 = entry("pt-40");
  assert.equal(pt40.verdict, "contradicted");
  assert.ok(Math.abs(pt40.reproduced! - 0.005508) < 1e-12);
  // The search explains it (launch prices of 2026-04-24), in the note only.
  assert.match(
    pt40.note,
    /the cost search finds what would have produced it: .*dated 2026-04-24/,
  );
  assert.match(pt40.note, /an explanation, not a verification/);
  const pt41 = entry("pt-41");
  assert.equal(pt41.verdict, "contradicted");
  assert.ok(Math.abs(pt41.reproduced! - 0.234) < 1e-12);
  assert.match(pt41.note, /cached input not billed at all gives \$0\.21/);
  assert.equal(entry("pt-43").verdict, "contradicted");
  assert.equal(entry("pt-44").verdict, "contradicted");
  // Every reproduced-under-assumptions verdict has its assumption declared in claims.csv.
  for (
    const e of results.ledger.filter((x) =>
      x.verdict === "reproduced-under-assumptions"
    )
  ) {
    assert.notEqual(claims.find((c) => c.id === e.id)!.assumption, "", e.id);
  }
});

Deno.test("the cost search cannot turn an arbitrary figure into a reproduction", () => {
  // At the price in force on 2026-06-08 (price history 2026-05-30) the task costs $0.005508.
  // Over every earlier price record × three cache treatments the search can hit many
  // other figures: $0.004 (2026-05-22, cache not billed),
  // $0.007 (2026-05-15), $0.012 (2026-05-22, no cache discount), $0.016 (2026-04-24, no cache discount).
  for (const stated of [0.004, 0.007, 0.012, 0.016]) {
    const arbitrary = claim("pt-40", {
      stated,
      quote: `DeepSeek V4 Flash: ≈ $${stated}`,
    });
    const tolerance = precisionOf(arbitrary, claims).tolerance;
    const found = reproduceStatedCost(
      inputs.prices,
      "deepseek/deepseek-v4-flash",
      stated,
      tolerance,
      { asOf: "2026-06-08" },
    );
    assert.ok(
      found !== undefined,
      `the search finds a combination for $${stated}`,
    );
    const result = run(arbitrary);
    assert.equal(result.verdict, "contradicted", `$${stated}`);
    assert.match(result.note!, /an explanation, not a verification/);
    assert.match(
      explainCost(inputs, arbitrary, tolerance),
      /would have produced it/,
    );
  }
  // Likewise the two halves of "26×": each explained apart, neither reproduced.
  assert.equal(entry("pt-42").verdict, "contradicted");
  assert.match(entry("pt-42").note, /pt-40 \$0\.008: the cost search/);
});

Deno.test("a counted figure is never checked against itself: 004's 5.57T, 10 models and 1 free are unverifiable, the file being a day older than the article", () => {
  // python3: data/raw/inference-stats/2026-02-08.json: 9 models, sum(total_tokens) = 5223333238768, 0 free.
  // The article (2026-02-09) also lists Trinity (ir-82, 343.0B, free, 98.1% prompt), which
  // accounts for each gap within its printing: consistent with the article, which cannot verify it.
  for (const id of ["ir-02", "ir-03", "ir-05", "ir-89", "ir-91"]) {
    const e = entry(id);
    assert.equal(e.verdict, "unverifiable", id);
    assert.equal(e.reproduced, null, id);
    assert.match(e.note, /ir-82/, id);
    assert.match(e.note, /which cannot verify it/, id);
    assert.match(
      e.note,
      /the tracker's file as of 2026-02-09 \(the article's date\) would verify it/,
      id,
    );
  }
  assert.match(
    entry("ir-02").note,
    /gives 5\.22T tokens\/week against the stated 5\.57T/,
  );
  assert.match(entry("ir-03").note, /gives 9 count against the stated 10/);
  // The slices the file reproduces to the token stay reproduced, and say nothing "would verify" them.
  for (const id of ["ir-90", "ir-92"]) {
    assert.equal(entry(id).verdict, "reproduced", id);
    assert.doesNotMatch(entry(id).note, /would verify/, id);
  }
});

Deno.test("the tracker's revenue figures are flagged method flawed, with the cache-aware value beside them", () => {
  // python3, exact decimals: Sonnet 4.5 2026-02-08 cache-aware (693492831109 − 448382174257) × 3e-6
  // + 448382174257 × 0.3e-6 + 12153926465 × 15e-6 = 1052155.5198081.
  const ir24 = entry("ir-24");
  assert.equal(ir24.verdict, "reproduced-under-assumptions");
  assert.equal(ir24.method_flawed, true);
  assert.equal(ir24.corrected, 1052155.52);
  assert.match(ir24.corrected_method, /cache-aware/);
  const revenue = claims.filter((c) =>
    c.check === "tracker_model_revenue" || c.check === "tracker_total_revenue"
  );
  for (const c of revenue) {
    const e = entry(c.id);
    if (e.verdict === "unverifiable") continue;
    assert.equal(e.method_flawed, true, c.id);
    assert.ok(e.corrected !== null, c.id);
  }
  // The weekly total carries the flag too.
  assert.equal(entry("ir-01").method_flawed, true);
  assert.match(
    ledgerMarkdown(results.ledger, "scope"),
    /### ir-24 · .*⚑ method flawed: corrected \$1,052,155\.52/,
  );
});

Deno.test("outputs explain themselves: definitions, yes/no printed as yes/no, no correlation as a yes/no value", () => {
  const md = ledgerMarkdown(results.ledger, "scope");
  for (const verdict of VERDICTS) {
    assert.ok(
      md.includes(`**${verdict}**: ${VERDICT_DEFINITIONS[verdict]}`),
      verdict,
    );
  }
  // bb-50 ("nearly inversely related") is a yes/no claim: reproduced 0 = no, the rho in the note.
  const bb50 = entry("bb-50");
  assert.equal(bb50.reproduced, 0);
  assert.equal(bb50.stated_display, "yes");
  assert.equal(bb50.reproduced_display, "no");
  assert.match(bb50.note, /mean rho -?\d/);
  assert.match(
    md,
    /### bb-50 · [^\n]*\n\n[^\n]+\n\n- stated \*\*yes\*\* · reproduced \*\*no\*\*/,
  );
  // Every entry shows its sentence, stated, reproduced and evidence in
  // claims.md, the method in a details block.
  const blocks = md.split(/^### /m).slice(1);
  assert.equal(blocks.length, results.ledger.length);
  for (const [i, block] of blocks.entries()) {
    const e = results.ledger[i];
    assert.ok(block.startsWith(`${e.id} · **${e.verdict}**`), e.id);
    assert.ok(block.includes(e.sentence.slice(0, 40)), e.id);
    assert.match(block, /\n- stated \*\*.*\*\* · reproduced \*\*/, e.id);
    assert.match(block, /\n- evidence: /, e.id);
    assert.match(block, /<details><summary>Method and notes<\/summary>/, e.id);
  }
});

Deno.test("a note says what data would verify an entry only when the entry is unverifiable, and every unverifiable note says it", () => {
  // "… would verify it", or a clause ending in "would" ("the tracker's file as of 2026-02-09 would").
  const wouldVerify = /\bwould verify\b|\bwould(?=\s*(?:[;.)]|$))/;
  const settled = results.ledger.filter((e) => e.verdict !== "unverifiable");
  assert.ok(settled.length > 100);
  for (const e of settled) {
    assert.doesNotMatch(e.note, wouldVerify, `${e.id} (${e.verdict})`);
  }
  for (const e of results.ledger.filter((e) => e.verdict === "unverifiable")) {
    assert.match(e.note, /would (verify|settle)|would need/, e.id);
  }
  // The rule catches the old wording of the tenth-model entries.
  assert.match(
    "the article's own row cannot verify itself, the tracker's file as of 2026-02-09 would",
    wouldVerify,
  );
});
