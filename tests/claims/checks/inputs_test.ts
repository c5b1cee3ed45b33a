import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  articleClaims,
  type ClaimInputs,
  dataPath,
  dataSpan,
  daysCovered,
  f64,
  needWeek,
  percentChange,
  permaslugOf,
  RANKINGS,
  rankingsEvidence,
  rowsOf,
  sumOf,
  vendorIds,
  vendorWeekTokens,
  weekModels,
  weekTotal,
} from "../../../lib/claims/checks/_inputs.ts";
import { claim, inputs } from "../../_claims_fixture.ts";

// Tests lib/claims/checks/_inputs.ts (the leading underscore dropped).
// Figures from python3 over the raw files:
//   rows = json.load(open("data/raw/rankings-daily/2026-05-24_2026-06-22.json"))["data"]
// dates 2026-05-24 … 2026-06-22; week of 2026-06-01: all 36135310767290,
// prefix deepseek/ 6550495669699, anthropic/ 5142610025417.

const FILE = "data/raw/rankings-daily/2026-05-24_2026-06-22.json";

Deno.test("dataPath() writes a file under the data folder as data/…, and leaves others alone", () => {
  const at = (dataDir: string | undefined) =>
    ({ evidence: { dataDir } }) as unknown as ClaimInputs;
  assert.equal(
    dataPath(at("/tmp/copy"), "/tmp/copy/raw/x.json"),
    "data/raw/x.json",
  );
  assert.equal(
    dataPath(at("/tmp/copy//"), "/tmp/copy/raw/x.json"),
    "data/raw/x.json",
  );
  // Only a whole folder name: /tmp/copy2 is not under /tmp/copy.
  assert.equal(
    dataPath(at("/tmp/copy"), "/tmp/copy2/raw/x.json"),
    "/tmp/copy2/raw/x.json",
  );
  assert.equal(dataPath(at(undefined), "raw/x.json"), "raw/x.json");
});

Deno.test("rowsOf(), f64() and sumOf() read a frame as records and floats", () => {
  const frame = pl.DataFrame({ model: ["a", "b"], tokens: [3n, 4n] });
  assert.deepEqual(rowsOf(frame).map((r) => r.model), ["a", "b"]);
  assert.deepEqual(f64(frame, "tokens"), [3, 4]);
  assert.equal(sumOf(frame, "tokens"), 7);
  assert.equal(sumOf(frame.head(0), "tokens"), 0);
});

Deno.test("RANKINGS names the calendar week and the top 50 + other scope", () => {
  assert.match(RANKINGS, /calendar week \(Mon–Sun, UTC\), top 50 \+ other/);
});

Deno.test("daysCovered() and dataSpan() describe what rankings-daily holds", () => {
  assert.equal(daysCovered(inputs, "2026-06-01"), 7);
  // Only Sunday 2026-05-24 of the week of 2026-05-18 is in the data.
  assert.equal(daysCovered(inputs, "2026-05-18"), 1);
  assert.equal(daysCovered(inputs, "2025-05-19"), 0);
  assert.equal(
    dataSpan(inputs),
    "rankings-daily covers 2026-05-24 … 2026-06-22",
  );
  assert.equal(
    dataSpan({ ...inputs, classified: inputs.classified.head(0) }),
    "no rankings data",
  );
});

Deno.test("needWeek() passes a complete week and says what would verify any other", () => {
  assert.equal(needWeek(inputs, "2026-06-01", "m"), undefined);
  assert.deepEqual(needWeek(inputs, undefined, "m"), {
    reproduced: null,
    verdict: "unverifiable",
    method: "m",
    note: "the claim names no week",
  });
  assert.equal(
    needWeek(inputs, "2026-05-18", "m")?.note,
    // No data range in the note (issue 28): new weeks leave it as it is.
    "the week of 2026-05-18 has 1 of 7 days in the data; a rankings-daily file covering 2026-05-18 … 2026-05-24 would verify it",
  );
});

Deno.test("rankingsEvidence() names the files of the rows between two dates", () => {
  assert.equal(
    rankingsEvidence(inputs, "2026-06-08", "2026-06-08", "the row of DeepSeek"),
    `${FILE}: the row of DeepSeek dated 2026-06-08`,
  );
  assert.equal(
    rankingsEvidence(inputs, "2026-06-01", "2026-06-07"),
    `${FILE}: every row dated 2026-06-01 … 2026-06-07`,
  );
  assert.equal(
    rankingsEvidence(inputs, "2020-01-01", "2020-01-02"),
    "rankings-daily: every row dated 2020-01-01 … 2020-01-02",
  );
});

Deno.test("permaslugOf() resolves a model id or alias to its permaslug, else keeps the name", () => {
  // data/reference/models.csv: deepseek/deepseek-v4-flash-20260423 has
  // model_id deepseek/deepseek-v4-flash and alias DeepSeek-V4-Flash.
  assert.equal(
    permaslugOf(inputs, "deepseek/deepseek-v4-flash"),
    "deepseek/deepseek-v4-flash-20260423",
  );
  assert.equal(
    permaslugOf(inputs, "DeepSeek-V4-Flash"),
    "deepseek/deepseek-v4-flash-20260423",
  );
  assert.equal(permaslugOf(inputs, "nobody/none"), "nobody/none");
});

Deno.test("vendorIds() matches vendor ids exactly and vendor names by prefix, case-insensitively", () => {
  // vendors.csv order: deepseek before tencent.
  assert.deepEqual(vendorIds(inputs, "DeepSeek|Tencent"), [
    "deepseek",
    "tencent",
  ]);
  assert.deepEqual(vendorIds(inputs, "x-ai"), ["x-ai"]);
  assert.deepEqual(vendorIds(inputs, "xai"), ["x-ai"]); // name "xAI"
  // "OpenRouter (stealth and router models)" starts with "openrouter".
  assert.deepEqual(vendorIds(inputs, " OpenRouter "), ["openrouter"]);
  assert.deepEqual(vendorIds(inputs, "Nobody"), []);
});

Deno.test("weekModels(), weekTotal() and vendorWeekTokens() read one week", () => {
  const models = weekModels(inputs, "2026-06-01");
  assert.ok(models.height > 0);
  assert.deepEqual(
    [...new Set(models.getColumn("week_start").toArray())],
    ["2026-06-01"],
  );
  assert.equal(weekTotal(inputs, "2026-06-01"), 36_135_310_767_290);
  assert.equal(weekTotal(inputs, "2025-05-19"), 0);
  assert.equal(
    vendorWeekTokens(inputs, "2026-06-01", ["deepseek"]),
    6_550_495_669_699,
  );
  // 6550495669699 + 5142610025417 = 11693105695116.
  assert.equal(
    vendorWeekTokens(inputs, "2026-06-01", ["deepseek", "anthropic"]),
    11_693_105_695_116,
  );
  assert.equal(vendorWeekTokens(inputs, "2026-06-01", []), 0);
});

Deno.test("percentChange() is the change from before to now, in percent", () => {
  assert.ok(Math.abs(percentChange(110, 100) - 10) < 1e-12);
  assert.equal(percentChange(50, 100), -50);
  assert.equal(percentChange(100, 100), 0);
});

Deno.test("articleClaims() gives the same article's claims with one check, in csv order", () => {
  assert.deepEqual(
    articleClaims(inputs, claim("bb-19"), "origin_week_tokens").map((c) =>
      c.id
    ),
    ["bb-19", "bb-21"],
  );
  // pt-06 and pt-07 are the other article's.
  assert.deepEqual(
    articleClaims(inputs, claim("pt-01"), "origin_week_tokens").map((c) =>
      c.id
    ),
    ["pt-06", "pt-07"],
  );
});
