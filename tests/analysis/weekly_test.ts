import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { classifyModels } from "../../lib/analysis/model_info.ts";
import {
  dailyPeak,
  growthStreak,
  topModels,
  weeklyModelTokens,
  weeklyOriginShare,
  weeklyTotals,
  weeklyVendorTokens,
} from "../../lib/analysis/weekly.ts";

// Expected values below were computed by hand from the raw rows, outside this
// code, with python3 over data/raw/rankings-daily/*.json:
//   rows = [r for f in sorted(glob("data/raw/rankings-daily/*.json"))
//           for r in json.load(open(f))["data"]]
//   sum(int(r["total_tokens"]) for r in rows if "2026-06-01" <= r["date"] <= "2026-06-07")
// and the same filter per model, per origin (vendor prefix → data/reference/vendors.csv).

const ws = await loadWorkspace("data");
const classified = classifyModels(ws.rankings, ws.modelIdentity, ws.vendors);
const weekly = weeklyModelTokens(classified);
const totals = weeklyTotals(classified);

function row(frame: pl.DataFrame, filter: pl.Expr): Record<string, unknown> {
  const rows = frame.filter(filter).toRecords();
  assert.equal(rows.length, 1, `expected one row, got ${rows.length}`);
  return rows[0];
}

Deno.test("weeklyTotals() sums the seven days of the week of 2026-06-01", () => {
  // python3: days 2026-06-01..07 = 4709419521534 + 4882908194498 +
  // 5563006861569 + 5415123633763 + 5438058757447 + 4819281604061 +
  // 5307512194418 = 36135310767290 (001/000 articles state 28.9T).
  const week = row(totals, pl.col("week_start").eq(pl.lit("2026-06-01")));
  assert.equal(week.tokens, 36_135_310_767_290);
  assert.equal(week.days_covered, 7);
  assert.equal(week.partial, false);
  // python3: 36135310767290 / 31821170937871 − 1 = 0.135574515… (articles: +7.4%)
  assert.ok(Math.abs((week.wow_change as number) - 0.1355745154) < 1e-9);
  assert.ok(
    Math.abs((week.daily_mean_tokens as number) - 36_135_310_767_290 / 7) <
      1e-3,
  );
});

Deno.test("weeklyTotals() marks the one-day weeks at both ends as partial and never compares them", () => {
  // python3: only 2026-05-24 falls in the week of 2026-05-18 (3726403480245
  // tokens) and only 2026-06-22 in the week of 2026-06-22 (6924964211885).
  const first = row(totals, pl.col("week_start").eq(pl.lit("2026-05-18")));
  const last = row(totals, pl.col("week_start").eq(pl.lit("2026-06-22")));
  assert.deepEqual(
    [first.days_covered, first.partial, first.tokens, first.wow_change],
    [1, true, 3_726_403_480_245, null],
  );
  assert.deepEqual(
    [last.days_covered, last.partial, last.tokens, last.wow_change],
    [1, true, 6_924_964_211_885, null],
  );
  // The first complete week follows a partial one: no change either.
  const second = row(totals, pl.col("week_start").eq(pl.lit("2026-05-25")));
  assert.equal(second.wow_change, null);
  assert.deepEqual(totals.getColumn("week_start").toArray(), [
    "2026-05-18",
    "2026-05-25",
    "2026-06-01",
    "2026-06-08",
    "2026-06-15",
    "2026-06-22",
  ]);
});

Deno.test("weeklyModelTokens() gives DeepSeek V4 Flash its tokens, share, rank and change in the week of 2026-06-01", () => {
  // python3: deepseek/deepseek-v4-flash-20260423 on 2026-06-01..07 =
  // 3685130902674 (000 article: 3.43T); week before 3109238373597.
  const flash = row(
    weekly,
    pl.col("week_start").eq(pl.lit("2026-06-01")).and(
      pl.col("permaslug").eq(pl.lit("deepseek/deepseek-v4-flash-20260423")),
    ),
  );
  assert.equal(flash.tokens, 3_685_130_902_674);
  assert.equal(flash.rank, 1);
  assert.equal(flash.origin, "China");
  assert.equal(flash.model, "DeepSeek V4 Flash");
  assert.ok(
    Math.abs((flash.share as number) - 3_685_130_902_674 / 36_135_310_767_290) <
      1e-12,
  );
  assert.ok(
    Math.abs(
      (flash.wow_change as number) -
        (3_685_130_902_674 / 3_109_238_373_597 - 1),
    ) < 1e-12,
  );
});

Deno.test("weeklyModelTokens() keeps the other row with no rank and shares that add up to one", () => {
  const week = weekly.filter(pl.col("week_start").eq(pl.lit("2026-06-01")));
  const other = row(week, pl.col("permaslug").eq(pl.lit("other")));
  // python3: other rows 2026-06-01..07 = 2727901884678
  assert.equal(other.tokens, 2_727_901_884_678);
  assert.equal(other.rank, null);
  assert.equal(week.toRecords().at(-1)!.permaslug, "other");
  const shareSum = week.getColumn("share").sum() as number;
  assert.ok(Math.abs(shareSum - 1) < 1e-12);
  assert.deepEqual(weekly.columns, [
    "week_start",
    "days_covered",
    "model",
    "permaslug",
    "vendor",
    "origin",
    "tokens",
    "share",
    "rank",
    "wow_change",
    "days_in_top50",
  ]);
});

Deno.test("weeklyModelTokens() gives no change to a model in a partial week", () => {
  const partial = weekly.filter(
    pl.col("days_covered").lt(7).and(pl.col("wow_change").isNotNull()),
  );
  assert.equal(partial.height, 0);
  const lastWeek = weekly.filter(
    pl.col("week_start").eq(pl.lit("2026-06-22")),
  );
  assert.ok(lastWeek.height > 50);
});

Deno.test("weeklyOriginShare() gives China-origin models half of the published tokens in the week of 2026-06-01", () => {
  // python3: vendors with origin China, 2026-06-01..07 = 18250165228305;
  // / 36135310767290 = 0.505050734… (000 article: 9.2T; 001: "exceed 45%").
  const shares = weeklyOriginShare(classified).filter(
    pl.col("week_start").eq(pl.lit("2026-06-01")),
  );
  const china = row(shares, pl.col("origin").eq(pl.lit("China")));
  assert.equal(china.tokens, 18_250_165_228_305);
  assert.ok(Math.abs((china.share as number) - 0.5050507341) < 1e-9);
  // python3: origin US = 12470171046760
  const us = row(shares, pl.col("origin").eq(pl.lit("US")));
  assert.equal(us.tokens, 12_470_171_046_760);
  // The other row is its own origin, never dropped.
  const other = row(
    shares,
    pl.col("origin").eq(pl.lit("other (not in top 50)")),
  );
  assert.equal(other.tokens, 2_727_901_884_678);
  assert.equal(shares.getColumn("tokens").sum(), 36_135_310_767_290);
});

Deno.test("weeklyVendorTokens() sums DeepSeek's models in the week of 2026-06-01", () => {
  // python3: permaslugs starting "deepseek/", 2026-06-01..07 = 6550495669699
  // (001 article: DeepSeek series ~5.74T for the week of 2026-05-18).
  const vendors = weeklyVendorTokens(classified);
  const deepseek = row(
    vendors,
    pl.col("week_start").eq(pl.lit("2026-06-01")).and(
      pl.col("vendor").eq(pl.lit("deepseek")),
    ),
  );
  assert.equal(deepseek.tokens, 6_550_495_669_699);
  assert.equal(deepseek.vendor_name, "DeepSeek");
});

Deno.test("topModels() takes the ten highest ranks of each week in order", () => {
  const top = topModels(weekly, 10);
  assert.equal(top.height, 6 * 10);
  const firstWeek = top.filter(pl.col("week_start").eq(pl.lit("2026-06-01")));
  assert.deepEqual(
    firstWeek.getColumn("rank").toArray(),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  );
  assert.throws(() => topModels(weekly, 0), RangeError);
});

Deno.test("growthStreak() stops at the partial week the data starts with", () => {
  // Totals: 05-25 31.82T (after a partial week), 06-01 36.14T, 06-08 44.62T,
  // 06-15 46.66T: three growing weeks, the first of which follows 05-25.
  assert.equal(growthStreak(totals, "2026-06-01"), 1);
  assert.equal(growthStreak(totals, "2026-06-15"), 3);
  assert.equal(growthStreak(totals, "2026-05-25"), 0);
  assert.throws(() => growthStreak(totals, "2026-04-27"), RangeError);
});

Deno.test("dailyPeak() finds DeepSeek V4 Flash's busiest day of the week of 2026-06-01", () => {
  // python3: its 7 daily rows; largest is 2026-06-07 with 728581604611
  // (000 article: "daily peaks above 800B").
  const peak = dailyPeak(
    classified,
    "deepseek/deepseek-v4-flash-20260423",
    "2026-06-01",
  );
  assert.deepEqual(peak, {
    date: "2026-06-07",
    tokens: 728_581_604_611,
    days: 7,
  });
  assert.throws(
    () =>
      dailyPeak(
        classified,
        "deepseek/deepseek-v4-flash-20260423",
        "2026-06-02",
      ),
    RangeError,
  );
});

Deno.test("weeklyTotals() names the missing column", () => {
  assert.throws(
    () => weeklyTotals(pl.DataFrame({ date: ["2026-06-01"] })),
    /expected also tokens/,
  );
});

Deno.test("weeklyModelTokens() breaks a tie in tokens by permaslug, the same way on every run", () => {
  const tied = pl.DataFrame({
    date: ["2026-06-01", "2026-06-01", "2026-06-01"],
    permaslug: ["z/zed", "a/alpha", "other"],
    tokens: [50, 50, 10],
    is_other: [false, false, true],
    model: ["Zed", "Alpha", "Other (outside top 50)"],
    vendor: ["z", "a", "other"],
    origin: ["US", "China", "other (not in top 50)"],
  });
  const first = weeklyModelTokens(tied).toRecords();
  assert.deepEqual(first.map((r) => [r.permaslug, r.rank]), [
    ["a/alpha", 1],
    ["z/zed", 2],
    ["other", null],
  ]);
  assert.deepEqual(weeklyModelTokens(tied.reverse()).toRecords(), first);
  assert.deepEqual(
    weeklyModelTokens(classified).toRecords(),
    weekly.toRecords(),
  );
});
