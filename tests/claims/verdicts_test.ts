import assert from "node:assert/strict";
import {
  METHOD_FLAWED_DEFINITION,
  VERDICT_DEFINITIONS,
  verdictDefinitionsMarkdown,
  VERDICTS,
} from "../../lib/claims/verdicts.ts";
import { FLAG_DEFINITIONS, FLAGS } from "../../lib/claims/flags.ts";

Deno.test("VERDICTS are the four verdicts, in the order the outputs print them", () => {
  assert.deepEqual([...VERDICTS], [
    "reproduced",
    "reproduced-under-assumptions",
    "contradicted",
    "unverifiable",
  ]);
});

Deno.test("VERDICT_DEFINITIONS defines every verdict and states the policy's key rules", () => {
  assert.deepEqual(Object.keys(VERDICT_DEFINITIONS), [...VERDICTS]);
  // Tolerance: half a unit of the last printed digit, ±5% for approximate words.
  assert.match(VERDICT_DEFINITIONS.reproduced, /half a unit of the last digit/);
  assert.match(VERDICT_DEFINITIONS.reproduced, /±5%/);
  assert.match(VERDICT_DEFINITIONS.reproduced, /cache-read rate/);
  // An assumption is declared before the check, never searched for.
  assert.match(
    VERDICT_DEFINITIONS["reproduced-under-assumptions"],
    /declared before the check, in the `assumption` column/,
  );
  assert.match(
    VERDICT_DEFINITIONS["reproduced-under-assumptions"],
    /never found by searching/,
  );
  assert.match(VERDICT_DEFINITIONS.contradicted, /never changes the verdict/);
  assert.match(VERDICT_DEFINITIONS.unverifiable, /what data would/);
  assert.match(METHOD_FLAWED_DEFINITION, /^method flawed: /);
  assert.match(METHOD_FLAWED_DEFINITION, /bills every cached token twice/);
});

Deno.test("verdictDefinitionsMarkdown() prints one bold paragraph per verdict, then one per flag", () => {
  const paragraphs = verdictDefinitionsMarkdown().split("\n\n");
  // 4 verdicts + the 4 flags (method flawed, period mislabelled,
  // incompatible assumptions, secondary source).
  assert.equal(paragraphs.length, VERDICTS.length + FLAGS.length);
  assert.equal(paragraphs.length, 8);
  VERDICTS.forEach((verdict, i) => {
    assert.equal(
      paragraphs[i],
      `**${verdict}**: ${VERDICT_DEFINITIONS[verdict]}`,
    );
  });
  FLAGS.forEach((flag, i) => {
    assert.equal(paragraphs[4 + i], `**⚑ ${flag}**: ${FLAG_DEFINITIONS[flag]}`);
  });
  // The method-flawed flag is the one METHOD_FLAWED_DEFINITION words, its
  // "method flawed: " lead replaced by the bold name, not repeated.
  assert.equal(
    paragraphs[4],
    `**⚑ method flawed**: ${
      METHOD_FLAWED_DEFINITION.slice("method flawed: ".length)
    }`,
  );
  assert.ok(!paragraphs[4].includes("method flawed: the figure"));
});
