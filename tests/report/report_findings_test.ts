import assert from "node:assert/strict";
import {
  findingsMarkdown,
  reportFindings,
} from "../../lib/report/report_findings.ts";
import { reportMarkdown } from "../../lib/report/report.ts";
import type { Analyses } from "../../lib/run/analyses.ts";
import { entry, results, ws } from "../_claims_fixture.ts";

const findings = reportFindings(ws, results);
const sentence = (name: string) => {
  const f = findings.find((x) => x.name === name);
  assert.ok(f !== undefined, `no finding "${name}"`);
  return f;
};

Deno.test("report.md's Findings: the eight findings, in order, each one sentence with its ids", () => {
  assert.deepEqual(findings.map((f) => f.name), [
    "the 26×",
    "the tracker's double count",
    'the 7-day "per day"',
    "6 of 10, not 5",
    "31.9%, not >45%",
    '"nearly inverse", not in the a16z report',
    "the case study's −82%, not −39%",
    "the 26× at observed cache-hit rates",
  ]);
  for (const f of findings) {
    // One sentence: no full stop followed by a capital outside the quotes and figures.
    assert.equal(f.sentence.match(/\.\s+[A-Z]/g), null, f.sentence);
    assert.ok(f.ids.length > 0);
    assert.ok(f.sentence.includes(f.ids[0]), `${f.name} names ${f.ids[0]}`);
    for (const id of f.ids) assert.ok(entry(id), id);
  }
});

Deno.test("each finding reads its verdict, flag and figures from the ledger", () => {
  const f26 = sentence("the 26×").sentence;
  assert.match(
    f26,
    /26× \(pt-42\) is \*\*contradicted\*\* and flagged \*\*⚑ incompatible assumptions\*\*/,
  );
  assert.match(
    f26,
    /Sonnet's \$0\.21 \(pt-41\), priced with cached input not billed at all/,
  );
  assert.ok(f26.includes(`${entry("pt-42").reproduced!.toFixed(1)}×`));
  const tracker = sentence("the tracker's double count").sentence;
  assert.ok(tracker.includes(entry("ir-01").reproduced_display));
  assert.ok(tracker.includes(entry("ir-01").corrected_display));
  assert.match(
    tracker,
    /23 of its figures are flagged \*\*⚑ method flawed\*\*/,
  );
  const week = sentence('the 7-day "per day"');
  assert.equal(week.ids.length, 24);
  assert.match(
    week.sentence,
    /its 12 rows follow the rank order of the models' 7-day totals from 2026-06-08 and are 1\.02×–1\.07× them/,
  );
  assert.match(
    sentence("6 of 10, not 5").sentence,
    /hold 6 China-team releases, not 5/,
  );
  assert.match(
    sentence("31.9%, not >45%").sentence,
    /is 31\.9% of its 28\.90T platform total \(bb-01\)/,
  );
  const inverse = sentence('"nearly inverse", not in the a16z report').sentence;
  assert.match(
    inverse,
    /\*\*contradicted\*\*: the mean Spearman rho .* is -0\.071 over 11 series-weeks/,
  );
  assert.match(inverse, /does not contain the claim/);
  assert.match(
    sentence("the case study's −82%, not −39%").sentence,
    /\$564\.69\/month, −82\.4%, not \$1,940\.00\/month \(−39\.0%\)/,
  );
  assert.match(
    sentence("the 26× at observed cache-hit rates").sentence,
    /costs 48\.5× as much on Sonnet as on Flash, against the 26× of pt-42/,
  );
});

Deno.test("the findings follow the ledger: a changed entry changes the sentence; a missing one drops its finding", () => {
  const ledger = results.ledger.map((e) =>
    e.id === "pt-42"
      ? { ...e, reproduced: 50, flags: [] }
      : e.id === "bb-26"
      ? { ...e, reproduced: 7 }
      : e
  ).filter((e) => e.id !== "bb-59");
  const changed = reportFindings(ws, { ...results, ledger } as Analyses);
  const f26 = changed.find((f) => f.name === "the 26×")!.sentence;
  assert.match(f26, /the ratio is 50\.0×\.$/);
  assert.doesNotMatch(f26, /⚑/);
  assert.match(
    changed.find((f) => f.name === "6 of 10, not 5")!.sentence,
    /hold 7 China-team releases/,
  );
  assert.equal(changed.some((f) => f.name.startsWith("the case study")), false);
});

Deno.test("report.md leads with the Findings right after its data section", () => {
  const md = reportMarkdown(ws, results);
  const data = md.indexOf("## Data\n");
  const at = md.indexOf("## Findings\n");
  const headline = md.indexOf("## Headline figures\n");
  assert.ok(
    data >= 0 && data < at && at < headline,
    `${data} ${at} ${headline}`,
  );
  for (const line of findingsMarkdown(findings)) assert.ok(md.includes(line));
});
