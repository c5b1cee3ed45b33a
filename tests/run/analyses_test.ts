// Runs every analysis over the bundled data three times (whole, cut at
// 2026-06-07, rankings removed): ~1–3 s each.
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { type Analyses, runAnalyses } from "../../lib/run/analyses.ts";
import { type Claim, loadClaims, VERDICTS } from "../../lib/claims/claims.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { copyDir, inTempDir, once } from "../_helpers.ts";

// Expected figures were computed outside this code with python3 over the raw
// files in data/raw, data/reference and data/claims.csv (the computation is
// quoted next to each assertion): weeks are calendar weeks starting Monday
// (datetime.date.weekday()), token sums are exact integers, and task costs
// price the article's task (100K input of which 80% cache hits, 10K output:
// 20K × input + 80K × cache read + 10K × output, USD per million tokens).
// Costs are compared within 1e-12 USD and ratios within 1e-9 relative: float
// rounding of sums of products, nothing more.

const RANKINGS = "raw/rankings-daily/2026-05-24_2026-06-22.json";

const claims = once(() => loadClaims("data/claims.csv"));
const bundled = once(async () =>
  runAnalyses(await loadWorkspace("data"), await claims())
);
const cutAtJune7 = once(async () =>
  runAnalyses(
    await loadWorkspace("data", { asOf: "2026-06-07" }),
    await claims(),
  )
);

function nearUsd(actual: unknown, expected: number, what: string) {
  assert.ok(
    typeof actual === "number" && Math.abs(actual - expected) <= 1e-12,
    `${what}: got ${actual}, expected ${expected} ± 1e-12`,
  );
}

function nearRatio(actual: unknown, expected: number, what: string) {
  assert.ok(
    typeof actual === "number" &&
      Math.abs(actual - expected) <= Math.abs(expected) * 1e-9,
    `${what}: got ${actual}, expected ${expected} ± 1e-9 relative`,
  );
}

function records(frame: Analyses["agentTaskCost"]): Record<string, unknown>[] {
  return frame.toRecords() as Record<string, unknown>[];
}

Deno.test("runAnalyses() reports the periods the bundled data covers", async () => {
  const { period } = await bundled();
  // rankings-daily: sorted({r["date"]}) runs 2026-05-24 … 2026-06-22 (30 days);
  // by Monday: 05-18 has 1 day, 05-25 / 06-01 / 06-08 / 06-15 have 7, 06-22 has 1.
  // inference-stats: the "date" of the 13 files runs 2025-11-16 … 2026-02-08.
  // openrouter-models: one snapshot, 2026-05-01.models.json.
  assert.deepEqual(period, {
    rankings: ["2026-05-24", "2026-06-22"],
    latestCompleteWeek: "2026-06-15",
    partialWeek: { week_start: "2026-06-22", days_covered: 1 },
    inference: ["2025-11-16", "2026-02-08"],
    modelSnapshots: ["2026-05-01"],
    dataTo: null,
  });
});

Deno.test("runAnalyses() totals the tokens of the latest complete week", async () => {
  const week = (await bundled()).weeklyTotals
    .filter(pl.col("week_start").eq(pl.lit("2026-06-15")))
    .toRecords();
  // python3: sum(int(r["total_tokens"])) over the rows dated 2026-06-15 …
  // 2026-06-21 (top 50 + other) = 46,656,698,226,967 over 7 days.
  assert.deepEqual(
    week.map((r) => [r.days_covered, r.tokens, r.partial]),
    [[7, 46_656_698_226_967, false]],
  );
});

Deno.test("runAnalyses() lists the ranked vendors missing from vendors.csv", async () => {
  // python3: {slug.split("/")[0] for ranked permaslugs except "other"} minus
  // the vendor column of data/reference/vendors.csv = {nex-agi, poolside}.
  assert.deepEqual((await bundled()).unknownVendors, ["nex-agi", "poolside"]);
});

Deno.test("runAnalyses() finds every ranked model in models.csv", async () => {
  // python3: ranked permaslugs except "other" minus the permaslug column of
  // data/reference/models.csv is empty, so nothing is listed.
  assert.deepEqual((await bundled()).unknownModels, []);
});

Deno.test("runAnalyses() prices the agent task as the article did and under one source", async () => {
  const rows = records((await bundled()).agentTaskCost);
  assert.deepEqual(
    rows.map((r) => [r.scenario, r.model_id, r.price_date, r.cache_treatment]),
    [
      // pt-40 "≈ $0.008": prices_history_openrouter.csv 2026-04-24
      // (0.14 / 0.28 / cache read 0.028), cache reads charged
      [
        "article's $0.008 (pt-40)",
        "deepseek/deepseek-v4-flash",
        "2026-04-24",
        "cache-read-rate",
      ],
      // pt-41 "≈ $0.21": article_prices.csv (3.00 / 15.00), cache hits free
      [
        "article's $0.21 (pt-41)",
        "anthropic/claude-sonnet-4.5",
        "2026-06-08",
        "cache-free",
      ],
      [
        "one source: models list",
        "deepseek/deepseek-v4-flash",
        "2026-05-01",
        "cache-read-rate",
      ],
      [
        "one source: models list",
        "anthropic/claude-sonnet-4.5",
        "2026-05-01",
        "cache-read-rate",
      ],
      // the latest price-history row up to the data's last day, 2026-06-22
      [
        "one source: price history",
        "deepseek/deepseek-v4-flash",
        "2026-06-17",
        "cache-read-rate",
      ],
      [
        "one source: price history",
        "anthropic/claude-sonnet-4.5",
        "2025-09-30",
        "cache-read-rate",
      ],
      [
        "one source: article's prices",
        "deepseek/deepseek-v4-flash",
        "2026-06-08",
        "cache-read-rate",
      ],
      [
        "one source: article's prices",
        "anthropic/claude-sonnet-4.5",
        "2026-06-08",
        "cache-read-rate",
      ],
    ],
  );
  const totals = rows.map((r) => r.total_usd);
  // 20K × 0.14 + 80K × 0.028 + 10K × 0.28 = 0.0028 + 0.00224 + 0.0028
  nearUsd(totals[0], 0.00784, "pt-40 Flash");
  // 20K × 3 + 10K × 15 = 0.06 + 0.15 (cache hits free)
  nearUsd(totals[1], 0.21, "pt-41 Sonnet");
  // models list pricing per token: Flash 1.4e-7 / 2.8e-7 / cache read 2.8e-9
  nearUsd(totals[2], 0.005824, "models-list Flash");
  // Sonnet 3e-6 / 1.5e-5 / cache read 3e-7: 0.06 + 0.024 + 0.15
  nearUsd(totals[3], 0.234, "models-list Sonnet");
  // price history 2026-06-17: 0.09 / 0.18 / 0.02 → 0.0018 + 0.0016 + 0.0018
  nearUsd(totals[4], 0.0052, "price-history Flash");
  // price history 2025-09-30: 3.0 / 15.0 / 0.3
  nearUsd(totals[5], 0.234, "price-history Sonnet");
  // the article states no cache-read price: 100K × 0.098 + 10K × 0.197
  nearUsd(totals[6], 0.01177, "article-prices Flash");
  // 100K × 3.00 + 10K × 15.00
  nearUsd(totals[7], 0.45, "article-prices Sonnet");
});

Deno.test("runAnalyses() finds Sonnet 29 to 46 times dearer than Flash under every consistent source", async () => {
  const rows = records((await bundled()).agentTaskRatios);
  // python3: one row for the models list and one per dated price-history row
  // of Flash with prices (11: 2026-04-24 … 2026-06-30, not the empty
  // 2026-04-24 duplicate nor the all-zero 2026-06-25), Sonnet at 0.234 USD.
  assert.equal(rows.length, 12);
  for (const row of rows) {
    const ratio = row.ratio as number;
    assert.ok(
      ratio >= 29 && ratio <= 46,
      `${row.price_source} ${row.price_date}: ratio ${ratio} outside 29–46`,
    );
  }
  const ratios = rows.map((r) => r.ratio as number);
  // models list: 0.234 / 0.005824
  nearRatio(ratios[0], 40.178571428571416, "models list 2026-05-01");
  // lowest, price history 2026-04-24: 0.234 / 0.00784
  nearRatio(Math.min(...ratios), 29.846938775510207, "lowest ratio");
  // highest, price history 2026-06-13 / 06-17 / 06-26: 0.234 / 0.0052
  nearRatio(Math.max(...ratios), 45, "highest ratio");
});

Deno.test("runAnalyses() gives every claim one of the four verdicts, in claims.csv order", async () => {
  const { ledger } = await bundled();
  // python3: data/claims.csv has 240 rows with 240 distinct ids
  assert.equal(ledger.length, 240);
  assert.deepEqual(
    ledger.map((e) => e.id),
    (await claims()).map((c) => c.id),
  );
  for (const entry of ledger) {
    assert.ok(
      (VERDICTS as readonly string[]).includes(entry.verdict),
      `${entry.id}: verdict ${JSON.stringify(entry.verdict)}`,
    );
  }
});

Deno.test("runAnalyses() on data cut at 2026-06-07 takes 2026-06-01 as the latest complete week", async () => {
  const { period } = await cutAtJune7();
  // python3: rankings dated up to 2026-06-07 fall in the weeks 2026-05-18
  // (1 day), 2026-05-25 (7) and 2026-06-01 (7): the last week is complete.
  assert.deepEqual(period.rankings, ["2026-05-24", "2026-06-07"]);
  assert.equal(period.latestCompleteWeek, "2026-06-01");
  assert.equal(period.partialWeek, null);
});

/** The checks that read rankings-daily (data/claims.csv, column `check`). */
const RANKINGS_CHECKS = new Set([
  "week_total_tokens",
  "week_total_wow_pct",
  "consecutive_growth_weeks",
  "window_total_tokens",
  "run_rate_30d",
  "model_week_tokens",
  "model_week_rank",
  "model_week_wow_pct",
  "model_day_tokens",
  "model_day_rank",
  "model_daily_peak_tokens",
  "model_group_token_share_pct",
  "vendor_week_margin",
  "origin_week_tokens",
  "origin_week_share_pct",
  "origin_week_wow_pct",
  "origin_ratio",
  "origin_lead_streak_weeks",
  "top10_origin_count",
  "vendor_week_tokens",
  "vendor_week_wow_pct",
  "vendor_week_compare",
  "vendor_token_share_pct",
  "top_models_input_price",
  "benchmark_share_correlation",
]);

Deno.test("runAnalyses() without rankings leaves the rankings claims unverifiable and the others as they were", async () => {
  const all: readonly Claim[] = await claims();
  const full = (await bundled()).ledger;
  await inTempDir(async (dir) => {
    await copyDir("data", dir);
    await Deno.remove(join(dir, RANKINGS));
    const ws = await loadWorkspace(dir);
    assert.equal(ws.rankings.height, 0);
    const results = runAnalyses(ws, all);
    assert.deepEqual(results.period, {
      rankings: null,
      latestCompleteWeek: null,
      partialWeek: null,
      inference: ["2025-11-16", "2026-02-08"],
      modelSnapshots: ["2026-05-01"],
      dataTo: null,
    });
    assert.equal(results.weeklyTotals.height, 0);
    const rankingsClaims = all.filter((c) => RANKINGS_CHECKS.has(c.check));
    // python3: 80 rows of data/claims.csv have one of RANKINGS_CHECKS
    assert.equal(rankingsClaims.length, 80);
    // with the rankings, some of them are settled, so the test can fail
    assert.ok(
      full.some((e, i) =>
        RANKINGS_CHECKS.has(all[i].check) && e.verdict !== "unverifiable"
      ),
    );
    results.ledger.forEach((entry, i) => {
      if (RANKINGS_CHECKS.has(all[i].check)) {
        // Without data, only the article's own figures can settle a claim (against it).
        if (entry.evidence.startsWith("the article itself")) {
          assert.equal(entry.verdict, "contradicted", entry.id);
        } else {
          assert.equal(entry.verdict, "unverifiable", entry.id);
          assert.equal(entry.reproduced, null, entry.id);
        }
      } else {
        assert.deepEqual(entry, full[i], entry.id);
      }
    });
  });
});

Deno.test("runAnalyses() computes only what is read: the weekly origin shares without touching a claim", async () => {
  const ws = await loadWorkspace("data");
  const all = await claims();
  let claimsRead = false;
  let counting = false;
  const watched = new Proxy([...all], {
    get(target, key, receiver) {
      if (counting) claimsRead = true;
      return Reflect.get(target, key, receiver);
    },
  });
  const results = runAnalyses(ws, watched);
  counting = true;
  const origins = results.weeklyOrigins;
  assert.equal(results.period.latestCompleteWeek, "2026-06-15");
  assert.equal(results.revenue.height > 0, true);
  assert.equal(claimsRead, false);
  // The bundled data starts on Sunday 2026-05-24, alone in the week of
  // 2026-05-18; China leads it (out/tables/origin_share_weekly.csv, line 2).
  assert.deepEqual(origins.row(0).slice(0, 3), ["2026-05-18", 1, "China"]);
  assert.equal(results.ledger.length, all.length);
  assert.equal(claimsRead, true);
});

Deno.test("runAnalyses() returns the same result for the same workspace and claims, and a new one when either changes", async () => {
  const ws = await loadWorkspace("data");
  const all = await claims();
  const first = runAnalyses(ws, all);
  assert.equal(runAnalyses(ws, all), first);
  assert.equal(first.weeklyModels, first.weeklyModels);
  assert.notEqual(runAnalyses(ws, [...all]), first);
  const cut = runAnalyses(
    {
      ...ws,
      rankings: ws.rankings.filter(pl.col("date").lt(pl.lit("2026-06-08"))),
    },
    all,
  );
  assert.equal(cut.period.latestCompleteWeek, "2026-06-01");
  // The same object, changed in place, is computed afresh.
  ws.rankings = ws.rankings.filter(pl.col("date").lt(pl.lit("2026-06-08")));
  const changed = runAnalyses(ws, all);
  assert.notEqual(changed, first);
  assert.equal(changed.period.latestCompleteWeek, "2026-06-01");
});
