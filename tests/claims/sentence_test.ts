// Tests of lib/claims/sentence.ts on the bundled ledger. pt-06 is the
// article's "Chinese models: 9.2T tokens" for the week of 2026-06-01; the
// data's 18.25T is what notebook 02 shows for that week (top 50 + other).
import assert from "node:assert/strict";
import { runAnalyses } from "../../lib/run/analyses.ts";
import { loadClaims } from "../../lib/claims/claims.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { readableQuote } from "../../lib/claims/sentence.ts";
import { formatDay } from "../../lib/text/format.ts";
import { once } from "../_helpers.ts";

const ledger = once(async () => {
  const claims = await loadClaims("data/claims.csv");
  return {
    claims,
    ledger: runAnalyses(await loadWorkspace("data"), claims).ledger,
  };
});

Deno.test("every claim's sentence names its article and date, its figure and its verdict, in one sentence", async () => {
  const { claims, ledger: entries } = await ledger();
  assert.equal(entries.length, claims.length);
  for (const [i, entry] of entries.entries()) {
    const claim = claims[i];
    const s = entry.sentence;
    assert.ok(
      s.startsWith(
        `"${claim.article}" (${formatDay(claim.article_date)}) said`,
      ),
      s,
    );
    assert.ok(s.includes(`(${entry.stated_display})`), s);
    const verdict = entry.verdict === "reproduced-under-assumptions"
      ? /: reproduced under (an assumption: .*|assumptions)\.$/
      : new RegExp(`: ${entry.verdict}\\.$`);
    assert.match(s, verdict);
    assert.doesNotMatch(s, /\|/, `${entry.id}: a table row's pipes`);
    assert.doesNotMatch(s, /\]\(http/, `${entry.id}: a Markdown link`);
  }
});

Deno.test("pt-06's sentence says what the article said and what OpenRouter's rankings show for 1–7 June, with the scope", async () => {
  const pt06 = (await ledger()).ledger.find((e) => e.id === "pt-06")!;
  assert.equal(
    pt06.sentence,
    "\"The OpenRouter Pricing Truth: Why the Cheapest Models Are 'Dominating' 28.9T Tokens\" (8 June 2026) said \u201cChinese models: 9.2T tokens\u201d (9.20T tokens/week); OpenRouter's rankings for 1–7 June 2026 show 18.25T tokens/week, counting the top 50 models plus 'other': contradicted.",
  );
});

Deno.test("a tracker claim cites the tracker's file by its date; an unverifiable one says what would check it", async () => {
  const { ledger: entries } = await ledger();
  const ir60 = entries.find((e) => e.id === "ir-60")!;
  assert.match(
    ir60.sentence,
    /\u201c4 · Deepseek V3\.2 · 665\.0B · .* · \+31%\u201d \(31%\); the openrouter-inference-stats tracker in its file of 8 February 2026 shows 31%, covering the tracker's top models only: reproduced\.$/,
  );
  const bb54 = entries.find((e) => e.id === "bb-54")!;
  assert.match(
    bb54.sentence,
    /; no data here can check it \(it would need .*\): unverifiable\.$/,
  );
});

Deno.test("readableQuote() keeps a table row's cells apart and cuts a long quote at a word", () => {
  assert.equal(readableQuote("| a | b |"), "a · b");
  const long = readableQuote("word ".repeat(60));
  assert.ok(long.length <= 140 && long.endsWith("…"), long);
});

Deno.test("a quote from a table whose copy lost its cell borders keeps the article's cells apart in the sentence (bb-27, mu-13)", async () => {
  const { ledger: entries } = await ledger();
  const byId = (id: string) => entries.find((e) => e.id === id)!;
  // claims.csv keeps the words verbatim, as the seed copied them.
  assert.equal(byId("bb-27").quote, "DeepSeek-V4-FlashDeepSeek (China)3.43T");
  assert.match(
    byId("bb-27").sentence,
    /said \u201cDeepSeek-V4-Flash · DeepSeek \(China\) · 3\.43T\u201d/,
  );
  assert.match(
    byId("mu-13").sentence,
    /said \u201c#7 · Claude 4\.6 Sonnet · Anthropic · 2026-06-08 · 2\.2T · 65\.4T\u201d/,
  );
});
