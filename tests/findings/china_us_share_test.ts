import assert from "node:assert/strict";
import {
  articleTop10VsData,
  billingBeatsFindings,
  chinaUsShareFindings,
  dataCoverage,
  originShareContext,
  originShareLedgerIds,
  peakDays,
  pricingTruthFindings,
  seriesVendorWeekly,
} from "../../lib/findings/china_us_share.ts";
import { loadClaims } from "../../lib/claims/claims.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { runAnalyses } from "../../lib/run/analyses.ts";

// Pinned values computed independently with python3 over
// data/raw/rankings-daily/2026-05-24_2026-06-22.json, origin = the
// permaslug's vendor prefix looked up in data/reference/vendors.csv:
//   week 2026-06-01 (7 days): 36,135,310,767,290 tokens, +13.557% on 2026-05-25;
//   China 18,250,165,228,305 (50.505%), US 12,470,171,046,760 (34.510%),
//   other row 7.549%, unknown 6.999%; China ÷ US 1.4635;
//   deepseek-v4-flash-20260423 3,685,130,902,674, busiest day 2026-06-07 728,581,604,611;
//   all deepseek/ models 6,550,495,669,699.
// The articles' own figures from data/claims.csv: bb-19 9.223T ÷ bb-01 28.9T = 31.91%;
// pt-06 9.2T ÷ pt-07 4.9T = 1.8776; bb's DeepSeek rows 3.43T + 1.31T + 1T = 5.74T.
const ws = await loadWorkspace("data");
const claims = await loadClaims("data/claims.csv");
const results = runAnalyses(ws, claims);
const findings = chinaUsShareFindings(results, claims, ws);
const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  );

Deno.test("chinaUsShareFindings() puts the week of 2026-06-01 at 36.14T, +13.6%: above the article's 28.9T and +7.4%", () => {
  const { pt } = findings;
  assert.equal(pt.daysCovered, 7);
  assert.deepEqual(pt.total, {
    id: "pt-01",
    value: 36_135_310_767_290,
    stated: "28.9T",
    relation: "above",
  });
  close(pt.wow!.value, 13.5574515, 1e-6);
  assert.equal(pt.wow!.relation, "above");
});

Deno.test("chinaUsShareFindings() gives China 50.5% and the US 34.5% of that week: 1.46×, below the stated 2×", () => {
  const { pt } = findings;
  assert.equal(pt.china.value, 18_250_165_228_305);
  close(pt.china.share, 0.5050507, 1e-6);
  assert.equal(pt.us.value, 12_470_171_046_760);
  close(pt.us.share, 0.3450965, 1e-6);
  close(pt.chinaToUs.value, 1.4635056, 1e-6);
  assert.equal(pt.chinaToUs.relation, "below");
  close(pt.chinaToUs.articleOwn, 9.2 / 4.9, 1e-9);
  close(pt.otherShare, 0.0754913, 1e-6);
  close(pt.unknownShare, 0.0699898, 1e-6);
});

Deno.test("chinaUsShareFindings() finds DeepSeek V4 Flash #1 with 3.69T and no day above the stated 800B", () => {
  const { flash } = findings.pt;
  assert.equal(flash.rank, 1);
  assert.equal(flash.tokens.value, 3_685_130_902_674);
  assert.equal(flash.daysAbove, 0);
  assert.equal(flash.busiestDay, "2026-06-07");
  assert.equal(flash.busiest.value, 728_581_604_611);
  assert.equal(flash.busiest.relation, "below");
  assert.equal(findings.pt.series.tokens, 6_550_495_669_699);
});

Deno.test("chinaUsShareFindings() cannot check the five-week streak: the week before 2026-05-25 is partial", () => {
  const { streak } = findings.pt;
  assert.equal(streak.weeks, 1);
  assert.equal(streak.stopWeek, "2026-05-25");
  assert.equal(streak.status, "unverifiable");
  assert.equal(streak.stopChange, null);
});

Deno.test("chinaUsShareFindings() checks Billing Beats Benchmarks against itself: 31.9% China, 6 China rows, 5.74T DeepSeek", () => {
  const { bb } = findings;
  assert.equal(bb.daysCovered, 1);
  assert.equal(bb.sameTotals, true);
  close(bb.ownChinaShare.value, 9.223 / 28.9 * 100, 1e-9);
  assert.equal(bb.ownChinaShare.relation, "below");
  assert.equal(bb.ownChinaRows, 6);
  assert.equal(bb.chinaRowsStated, 5);
  assert.deepEqual(bb.ownSeries.rows, ["3.43T", "1.31T", "1T"]);
  assert.equal(bb.ownSeries.relation, "in line with");
  assert.deepEqual(bb.droppedOut.map((d) => d.claim), [
    "bb-37",
    "bb-38",
    "bb-39",
  ]);
});

// The steps of chinaUsShareFindings, each on its own (issue 25: the function held two articles).
const ctx = originShareContext(results, claims, ws);

Deno.test("originShareContext() and dataCoverage(): 30 days from Sunday 2026-05-24, four complete weeks", () => {
  assert.deepEqual(ctx.completeWeeks, [
    "2026-05-25",
    "2026-06-01",
    "2026-06-08",
    "2026-06-15",
  ]);
  assert.equal(ctx.latest, "2026-06-15");
  assert.equal(ctx.daysCovered("2026-05-18"), 1);
  assert.equal(ctx.compared("pt-01", 28.9e12).relation, "in line with");
  assert.equal(ctx.compared("pt-01", 36e12).relation, "above");
  assert.throws(() => ctx.claim("zz-99"), TypeError);
  const coverage = dataCoverage(ctx);
  assert.equal(coverage.firstDay, "2026-05-24");
  assert.equal(coverage.firstWeekday, "Sunday");
  assert.equal(coverage.lastDay, "2026-06-22");
  assert.equal(coverage.days, 30);
});

Deno.test("peakDays() and seriesVendorWeekly(): DeepSeek V4 Flash's busiest day per week, DeepSeek's weeks", () => {
  const peak = peakDays(ctx);
  assert.equal(peak.model, "deepseek/deepseek-v4-flash-20260423");
  assert.equal(peak.peaks.height, results.weeklyTotals.height);
  const week = (peak.peaks.toRecords() as Record<string, unknown>[]).find((r) =>
    r.week_start === "2026-06-01"
  )!;
  assert.equal(week.date, "2026-06-07");
  assert.equal(Number(week.tokens), 728_581_604_611);
  const series = seriesVendorWeekly(ctx);
  assert.deepEqual(series.columns, [
    "week_start",
    "days_covered",
    "vendor",
    "tokens",
    "share",
    "wow_change",
  ]);
  assert.ok(series.height > 0);
});

Deno.test("pricingTruthFindings(), articleTop10VsData() and billingBeatsFindings() compose to chinaUsShareFindings()", () => {
  const pt = pricingTruthFindings(ctx, peakDays(ctx), seriesVendorWeekly(ctx));
  assert.deepEqual(pt, findings.pt);
  const table = articleTop10VsData(ctx);
  assert.equal(table.tableClaims.length, 10);
  assert.deepEqual(table.weeksAfter, ["2026-05-25", "2026-06-01"]);
  const ids = originShareLedgerIds(table.tableClaims);
  assert.deepEqual(ids, findings.ledgerIds);
  assert.deepEqual(
    billingBeatsFindings(ctx, table, ids, pt.total.value),
    findings.bb,
  );
  // bb-14's later total is whatever week total the step is given.
  assert.equal(findings.bb.laterTotal.relation, "in line with");
  const other = billingBeatsFindings(ctx, table, ids, 1e12);
  assert.equal(other.laterTotal.value, 1e12);
  assert.equal(other.laterTotal.relation, "below");
});
