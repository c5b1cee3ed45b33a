import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  allTaskCosts,
  ARTICLE_TASK,
  CHEAP_MODEL,
  consistentRatios,
  matchStatedCost,
  PREMIUM_MODEL,
  ratioByCacheHitRate,
} from "../../lib/analysis/agent_task.ts";
import type { PriceRow } from "../../lib/analysis/cost.ts";
import {
  findPrice,
  MODELS_LIST_SOURCE,
  PRICE_HISTORY_SOURCE,
  priceRows,
} from "../../lib/analysis/prices.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";

// The task is the 000 article's ("The OpenRouter Pricing Truth", 2026-06-08,
// section "OpenRouter's real pricing is not what the sticker shows"): 100K input
// + 10K output, 80% of input cache-hit; it states Flash ≈ $0.008, Sonnet ≈ $0.21,
// "26× difference". Prices (USD per million tokens) come from
// data/reference/prices_history_openrouter.csv and
// data/raw/openrouter-models/2026-05-01.models.json; each cost below is worked
// out by hand next to its assertion. Costs are compared within 1e-12 USD and
// ratios within 1e-9 relative: float rounding of sums of products, nothing more.

const ws = await loadWorkspace("data");
const { prices } = priceRows(ws);

function near(
  actual: number,
  expected: number,
  relative: number,
  what: string,
) {
  assert.ok(
    Math.abs(actual - expected) <= Math.abs(expected) * relative,
    `${what}: got ${actual}, expected ${expected} ± ${relative * 100}%`,
  );
}

/** The task costs of `model` within `toleranceUsd` of `statedUsd`, as records. */
function matchingCosts(
  model: string,
  statedUsd: number,
  toleranceUsd: number,
): Record<string, unknown>[] {
  return matchStatedCost(allTaskCosts(prices, model), statedUsd, toleranceUsd)
    .toRecords() as Record<string, unknown>[];
}

function nearUsd(actual: number, expected: number, what: string) {
  assert.ok(
    Math.abs(actual - expected) <= 1e-12,
    `${what}: got ${actual}, expected ${expected} ± 1e-12`,
  );
}

Deno.test("allTaskCosts() prices every price row of a model under each of the three cache treatments", () => {
  // V4 Flash price rows: 1 models list + 11 price history (2026-06-25 zeros and
  // the empty 2026-04-24 record left out) + 1 article row = 13, × 3 treatments.
  assert.equal(allTaskCosts(prices, CHEAP_MODEL).height, 39);
  // Sonnet 4.5: models list, history 2025-09-29 and 2025-09-30, article = 4, × 3.
  assert.equal(allTaskCosts(prices, PREMIUM_MODEL).height, 12);
});

Deno.test("matchStatedCost() finds the 2026-04-24 launch prices with cache reads charged as the only match for the article's $0.008", () => {
  const matches = matchingCosts(CHEAP_MODEL, 0.008, 0.0005);
  assert.equal(matches.length, 1);
  const m = matches[0];
  assert.equal(m.price_source, PRICE_HISTORY_SOURCE);
  assert.equal(m.price_date, "2026-04-24");
  assert.equal(m.cache_treatment, "cache-read-rate");
  // 20K × 0.14 + 80K × 0.028 + 10K × 0.28 (per M) = 0.0028 + 0.00224 + 0.0028.
  nearUsd(m.total_usd as number, 0.00784, "total");
  nearUsd(m.distance_usd as number, 0.00016, "distance from $0.008");
});

Deno.test("matchStatedCost() finds the article's $0.21 only with cache reads not billed, for every Sonnet 4.5 price row", () => {
  const matches = matchingCosts(PREMIUM_MODEL, 0.21, 0.005);
  // Every Sonnet row is 3 / 15: 20K × 3 + 10K × 15 (per M) = 0.06 + 0.15 = 0.21.
  assert.deepEqual(
    matches.map((m) => [m.price_source, m.price_date, m.cache_treatment]),
    [
      [MODELS_LIST_SOURCE, "2026-05-01", "cache-free"],
      [PRICE_HISTORY_SOURCE, "2025-09-29", "cache-free"],
      [PRICE_HISTORY_SOURCE, "2025-09-30", "cache-free"],
      ["The OpenRouter Pricing Truth (AI Notes)", "2026-06-08", "cache-free"],
    ],
  );
  for (const m of matches) nearUsd(m.total_usd as number, 0.21, "total");
  // With cache reads charged it is 0.234, outside ±0.005 of $0.21.
  assert.equal(
    matchStatedCost(allTaskCosts(prices, PREMIUM_MODEL), 0.234, 0.0005)
      .filter(pl.col("cache_treatment").eq(pl.lit("cache-read-rate"))).height,
    3,
  );
});

Deno.test("matchStatedCost() returns nothing when no price gives the figure", () => {
  assert.equal(
    matchStatedCost(allTaskCosts(prices, CHEAP_MODEL), 0.5, 0.0005).height,
    0,
  );
});

Deno.test("consistentRatios() gives Sonnet ÷ Flash = 0.234 / 0.00784 = 29.85 on the price history's 2026-04-24", () => {
  const table = consistentRatios(prices, [PRICE_HISTORY_SOURCE]);
  const launch = table.filter(pl.col("price_date").eq(pl.lit("2026-04-24")))
    .toRecords()[0] as Record<string, number>;
  nearUsd(launch.premium_usd, 0.234, "Sonnet");
  nearUsd(launch.cheap_usd, 0.00784, "Flash");
  near(launch.ratio, 0.234 / 0.00784, 1e-9, "ratio"); // 29.8469387755…
});

Deno.test("consistentRatios() never comes near the article's 26× on any price date with cache reads charged for both", () => {
  const table = consistentRatios(prices, [
    MODELS_LIST_SOURCE,
    PRICE_HISTORY_SOURCE,
  ]);
  // One row per date either model has a record and both are priced by then:
  // models list 2026-05-01, and the 11 V4 Flash price-history dates (Sonnet's
  // 2025-09-29/30 records predate Flash, so those dates have no pair).
  assert.equal(table.height, 12);
  const rows = table.toRecords() as Record<string, unknown>[];
  for (const row of rows) {
    assert.ok(
      (row.ratio as number) >= 29,
      `${row.price_source} ${row.price_date}: ratio ${row.ratio} < 29`,
    );
    assert.equal(row.assumptions, "");
  }
  const ratioOn = (source: string, date: string) =>
    rows.find((r) => r.price_source === source && r.price_date === date)!
      .ratio as number;
  // Models list 2026-05-01, Flash 0.14 / 0.28 / 0.0028:
  // 0.0028 + 0.000224 + 0.0028 = 0.005824 → 0.234 / 0.005824 = 40.18.
  near(
    ratioOn(MODELS_LIST_SOURCE, "2026-05-01"),
    0.234 / 0.005824,
    1e-9,
    "list",
  );
  // History 2026-05-30, Flash 0.0983 / 0.1966 / 0.0197:
  // 0.001966 + 0.001576 + 0.001966 = 0.005508 → 42.48 (the ledger's pt-42 figure).
  near(
    ratioOn(PRICE_HISTORY_SOURCE, "2026-05-30"),
    0.234 / 0.005508,
    1e-9,
    "2026-05-30",
  );
  // History 2026-06-13, Flash 0.09 / 0.18 / 0.02:
  // 0.0018 + 0.0016 + 0.0018 = 0.0052 → 45, the largest.
  near(ratioOn(PRICE_HISTORY_SOURCE, "2026-06-13"), 45, 1e-9, "2026-06-13");
  near(
    Math.max(...rows.map((r) => r.ratio as number)),
    45,
    1e-9,
    "largest ratio",
  );
  near(
    Math.min(...rows.map((r) => r.ratio as number)),
    0.234 / 0.00784,
    1e-9,
    "smallest ratio",
  );
});

Deno.test("ratioByCacheHitRate() rises with the hit rate on real prices, from 26.8× at 0% to 58.4× at 100% on the models list", () => {
  const listPair = {
    series: "models list",
    cheap: findPrice(prices, CHEAP_MODEL, MODELS_LIST_SOURCE)!,
    premium: findPrice(prices, PREMIUM_MODEL, MODELS_LIST_SOURCE)!,
  };
  const launchPair = {
    series: "launch",
    cheap: findPrice(prices, CHEAP_MODEL, PRICE_HISTORY_SOURCE, "2026-04-24")!,
    premium: findPrice(
      prices,
      PREMIUM_MODEL,
      PRICE_HISTORY_SOURCE,
      "2026-04-24",
    )!,
  };
  const curve = ratioByCacheHitRate([listPair, launchPair], 20);
  assert.equal(curve.height, 2 * 21);
  for (const series of ["models list", "launch"]) {
    const rows = curve.filter(pl.col("series").eq(pl.lit(series)))
      .toRecords() as Record<string, number>[];
    assert.deepEqual(
      rows.map((r) => r.cache_hit_rate),
      Array.from({ length: 21 }, (_, i) => i / 20),
    );
    for (let i = 1; i < rows.length; i++) {
      assert.ok(
        rows[i].ratio > rows[i - 1].ratio,
        `${series}: ratio falls from ${rows[i - 1].ratio} to ${
          rows[i].ratio
        } at ${rows[i].cache_hit_rate}`,
      );
    }
  }
  const at = (series: string, rate: number) =>
    curve.filter(
      pl.col("series").eq(pl.lit(series)).and(
        pl.col("cache_hit_rate").eq(rate),
      ),
    ).toRecords()[0] as Record<string, number>;
  // 0%: Sonnet 100K × 3 + 10K × 15 = 0.45; Flash 100K × 0.14 + 10K × 0.28 = 0.0168.
  nearUsd(at("models list", 0).premium_usd, 0.45, "Sonnet at 0%");
  nearUsd(at("models list", 0).cheap_usd, 0.0168, "Flash at 0%");
  near(at("models list", 0).ratio, 0.45 / 0.0168, 1e-9, "list at 0%"); // 26.79
  // 100%: Sonnet 100K × 0.3 + 0.15 = 0.18; Flash (list cache read 0.0028)
  // 100K × 0.0028 + 0.0028 = 0.00308 → 58.44.
  nearUsd(at("models list", 1).cheap_usd, 0.00308, "Flash at 100%");
  near(at("models list", 1).ratio, 0.18 / 0.00308, 1e-9, "list at 100%");
  // Launch prices (cache read 0.028): 0% → 0.45 / 0.0168 = 26.79;
  // 100% → 0.18 / (0.0028 + 0.0028) = 32.14.
  near(at("launch", 0).ratio, 0.45 / 0.0168, 1e-9, "launch at 0%");
  near(at("launch", 1).ratio, 0.18 / 0.0056, 1e-9, "launch at 100%");
  // At the article's 80% the curve meets consistentRatios' 2026-04-24 figure.
  near(at("launch", 0.8).ratio, 0.234 / 0.00784, 1e-9, "launch at 80%");
});

Deno.test("ratioByCacheHitRate() falls with the hit rate when the premium model has the deeper cache discount", () => {
  // Made-up prices, to show the curve is not forced upward: premium with a 99%
  // cache discount (input 1 → cache read 0.01), cheap with none (cache read = input).
  const premium: PriceRow = {
    source: "s",
    source_date: "d",
    model_id: "premium",
    input_usd_per_mtok: 1,
    output_usd_per_mtok: 1,
    cache_read_usd_per_mtok: 0.01,
    cache_write_usd_per_mtok: null,
  };
  const cheap: PriceRow = {
    ...premium,
    model_id: "cheap",
    cache_read_usd_per_mtok: 1,
  };
  const ratios = ratioByCacheHitRate([{ series: "x", cheap, premium }], 2)
    .getColumn("ratio").toArray() as number[];
  // Cheap costs 100K × 1 + 10K × 1 = 0.11 at every rate. Premium:
  // 0%: 0.11; 50%: 0.05 + 0.0005 + 0.01 = 0.0605; 100%: 0.001 + 0.01 = 0.011.
  near(ratios[0], 1, 1e-9, "0%");
  near(ratios[1], 0.0605 / 0.11, 1e-9, "50%");
  near(ratios[2], 0.011 / 0.11, 1e-9, "100%");
});

Deno.test("ARTICLE_TASK is the article's 100K input, 10K output, 80% cache hits", () => {
  assert.deepEqual(ARTICLE_TASK, {
    inputTokens: 100_000,
    outputTokens: 10_000,
    cacheHitRate: 0.8,
  });
});
