import assert from "node:assert/strict";
import {
  type CheckedClaim,
  compareBoolean,
  compareStated,
  contradictedByArticle,
  differenceOf,
  formatFigure,
  unverifiable,
} from "../../lib/claims/compare.ts";

const claim = (change: Partial<CheckedClaim>): CheckedClaim => ({
  id: "x-01",
  article: "A",
  article_date: "2026-06-08",
  section: "lead",
  quote: "3.43T",
  stated: 3.43e12,
  unit: "tokens/week",
  check: "c",
  params: {},
  needs: "",
  assumption: "",
  ...change,
});

Deno.test("compareStated() reproduces within the tolerance and contradicts outside it, saying by how much", () => {
  const c = claim({});
  assert.equal(compareStated(c, 3.434e12, "m").verdict, "reproduced");
  const out = compareStated(c, 3.436e12, "m", { evidence: "file.json: rows" });
  assert.equal(out.verdict, "contradicted");
  assert.equal(out.tolerance, 5e9);
  assert.equal(out.difference, "+0.2%");
  assert.match(
    out.note!,
    /data gives 3\.44T tokens\/week against the stated 3\.43T/,
  );
  assert.equal(out.evidence, "file.json: rows");
});

Deno.test("compareStated() gives reproduced-under-assumptions only for an assumption declared in the claim", () => {
  assert.equal(
    compareStated(claim({ assumption: "a" }), 3.43e12, "m").verdict,
    "reproduced-under-assumptions",
  );
  assert.equal(
    compareStated(claim({ assumption: "a" }), 1, "m").verdict,
    "contradicted",
  );
  assert.equal(compareStated(claim({}), 3.43e12, "m").verdict, "reproduced");
});

Deno.test("compareStated() reads bounds and orders of magnitude", () => {
  const above = claim({
    stated: 800e9,
    quote: "daily peaks above 800B",
    unit: "tokens/day",
  });
  assert.equal(compareStated(above, 900e9, "m").verdict, "reproduced");
  // pt-10: DeepSeek V4 Flash's largest day of 2026-06-01 … 07 is 728581604611.
  assert.equal(
    compareStated(above, 728_581_604_611, "m").verdict,
    "contradicted",
  );
  const order = claim({
    stated: 1e14,
    quote: "on the order of 100 trillion tokens per month",
    unit: "tokens/month",
  });
  assert.equal(compareStated(order, 1.7e14, "m").verdict, "reproduced");
  assert.equal(compareStated(order, 4e14, "m").verdict, "contradicted");
});

Deno.test("compareBoolean() says yes or no as 1 or 0, never another measure", () => {
  const yes = claim({ unit: "boolean", stated: 1 });
  const no = compareBoolean(yes, false, "m", "mean rho 0.2");
  assert.equal(no.reproduced, 0);
  assert.equal(no.verdict, "contradicted");
  assert.equal(no.difference, "no against the stated yes");
  assert.equal(compareBoolean(yes, true, "m", "").reproduced, 1);
  assert.equal(compareBoolean(yes, null, "m", "").verdict, "unverifiable");
  assert.equal(
    compareBoolean({ assumption: "a" }, true, "m", "").verdict,
    "reproduced-under-assumptions",
  );
});

Deno.test("formatFigure() prints yes/no claims as yes or no", () => {
  assert.equal(formatFigure(1, "boolean"), "yes");
  assert.equal(formatFigure(0, "boolean"), "no");
  assert.equal(formatFigure(0.21, "USD"), "$0.21");
  assert.equal(formatFigure(284e9, "params"), "284.00B parameters");
  assert.equal(differenceOf(1, 0, "boolean"), "no against yes");
});

Deno.test("contradictedByArticle() names the article as the evidence and respects bounds", () => {
  // 001: "China-origin models exceed 45%" against its own 9.223T of 28.9T = 31.9%.
  const exceed = claim({
    stated: 45,
    quote: "exceed 45%",
    unit: "percent",
    article: "Billing",
  });
  const out = contradictedByArticle(
    exceed,
    9.223 / 28.9 * 100,
    "own",
    "bb-19 ÷ bb-01",
  );
  assert.equal(out?.verdict, "contradicted");
  assert.match(
    out!.evidence!,
    /^the article itself \("Billing"\): bb-19 ÷ bb-01/,
  );
  // An upper bound of 17% does not contradict "roughly 12%"; one of 7.9% does.
  const roughly = claim({ stated: 12, quote: "roughly 12%", unit: "percent" });
  assert.equal(
    contradictedByArticle(roughly, 17, "m", "e", "upper"),
    undefined,
  );
  assert.equal(
    contradictedByArticle(roughly, 7.9, "m", "e", "upper")?.verdict,
    "contradicted",
  );
  // A lower bound above the stated figure contradicts it.
  const total = claim({
    stated: 9.223e12,
    quote: "9.223T",
    unit: "tokens/week",
  });
  assert.equal(
    contradictedByArticle(total, 10.289e12, "m", "e", "lower")?.verdict,
    "contradicted",
  );
  assert.equal(
    contradictedByArticle(total, 9e12, "m", "e", "lower"),
    undefined,
  );
  assert.equal(unverifiable("m", "n").reproduced, null);
});
