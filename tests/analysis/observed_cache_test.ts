import assert from "node:assert/strict";
import { priceRows } from "../../lib/analysis/prices.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import {
  cacheHitRows,
  observedCacheFindings,
} from "../../lib/analysis/observed_cache.ts";
import { observedCacheMarkdown } from "../../lib/findings/observed_cache.ts";

const ws = await loadWorkspace("data");
const book = { ...ws, prices: priceRows(ws).prices };
// 000 article, "Extreme comparison": 100K input + 10K output, 80% cache hits, 26×.
const STATED = { ratio: 26, articleDate: "2026-06-08" };

Deno.test("observedCacheFindings() prices the task at the observed cache-hit rates: Sonnet 4.5 costs 48.5× V4 Flash, not 26×", () => {
  const f = observedCacheFindings(book, STATED);
  assert.equal(f.snapshot_date, "2026-08-28");
  assert.equal(f.days_after_article, 81);
  // Flash, price history 2026-06-30 ($0.098 / $0.196 / $0.02 cache read), 68.52% cached:
  // 31,484.4 × 0.098 + 68,515.6 × 0.02 + 10,000 × 0.196 = $0.0064158 per task
  assert.deepEqual([f.cheap.price_source, f.cheap.price_date], [
    "OpenRouter price history (models.dev)",
    "2026-06-30",
  ]);
  assert.equal(f.cheap.list_usd_at_observed_rate.toFixed(7), "0.0064158");
  // Sonnet 4.5, models list 2026-05-01 ($3 / $15 / $0.30), 51.34% cached:
  // 48,662.7 × 3 + 51,337.3 × 0.3 + 10,000 × 15 = $0.311389
  assert.equal(f.premium.list_usd_at_observed_rate.toFixed(6), "0.311389");
  assert.equal(f.ratio_at_observed_rates.toFixed(2), "48.53");
  // Same list prices at the article's 80%: $0.234 / $0.00552
  assert.equal(f.cheap.list_usd_at_article_rate.toFixed(5), "0.00552");
  assert.equal(f.premium.list_usd_at_article_rate.toFixed(3), "0.234");
  assert.equal(f.ratio_at_article_rate.toFixed(2), "42.39");
});

Deno.test("observedCacheFindings() prices the task at the observed effective prices: 42.3×", () => {
  const f = observedCacheFindings(book, STATED);
  // Flash: 100K × $0.0509147/M + 10K × $0.2453577/M = $0.0075451
  assert.equal(f.cheap.effective_usd.toFixed(7), "0.0075451");
  // Sonnet 4.5: 100K × $1.6907661/M + 10K × $15.0021871/M = $0.3190985
  assert.equal(f.premium.effective_usd.toFixed(7), "0.3190985");
  assert.equal(f.ratio_at_effective_prices.toFixed(2), "42.29");
  // Beside the consistent-pricing range of consistentRatios(): 29.8× … 45.0× over 12 price dates.
  assert.equal(f.consistent_low.toFixed(1), "29.8");
  assert.equal(f.consistent_high.toFixed(1), "45.0");
  assert.equal(f.consistent_dates, 12);
  assert.equal(f.stated_ratio, 26);
});

Deno.test("observedCacheFindings() refuses to run without an observed snapshot, naming the folder", () => {
  assert.throws(
    () =>
      observedCacheFindings(
        { ...book, observedPrices: book.observedPrices.head(0) },
        STATED,
      ),
    /no observed-prices snapshot is loaded \(data\/raw\/observed-prices\/\)/,
  );
});

Deno.test("cacheHitRows() sets each model's observed rate against 80% and leaves out models whose list price has no cache-read price", () => {
  const rows = cacheHitRows(book);
  const byModel = new Map(
    (rows.toRecords() as {
      model: string;
      observed_rate: number;
      cost_ratio: number;
      label: string;
    }[])
      .map((r) => [r.model, r]),
  );
  // 26 observed models; 8 have no list price with a cache-read price by 2026-08-28.
  assert.equal(rows.height, 18);
  assert.equal(byModel.has("xiaomi/mimo-v2.5"), false);
  const flash = byModel.get("deepseek/deepseek-v4-flash")!;
  assert.equal(flash.label, "DeepSeek V4 Flash");
  // $0.0064158 / $0.00552
  assert.equal(flash.cost_ratio.toFixed(4), "1.1623");
  const sonnet = byModel.get("anthropic/claude-sonnet-4.5")!;
  // $0.311389 / $0.234
  assert.equal(sonnet.cost_ratio.toFixed(4), "1.3307");
  const rates = rows.getColumn("observed_rate").toArray() as number[];
  assert.deepEqual(rates, [...rates].sort((a, b) => b - a));
});

Deno.test("observedCacheMarkdown() states the three ratios, the article's 26×, the consistent range and the dates", () => {
  const md = observedCacheMarkdown(observedCacheFindings(book, STATED));
  assert.match(
    md,
    /a snapshot 81 days \*\*after\*\* the article, describing August 2026/,
  );
  assert.match(
    md,
    /\| list prices, observed cache hits \(68\.5% \/ 51\.3%\) \| \$0\.0064 \| \$0\.3114 \| 48\.5× \|/,
  );
  assert.match(
    md,
    /\| observed effective prices \| \$0\.0075 \| \$0\.3191 \| 42\.3× \|/,
  );
  assert.match(
    md,
    /The article says 26\.0×; .* 29\.8× to 45\.0× over 12 price dates/,
  );
});
