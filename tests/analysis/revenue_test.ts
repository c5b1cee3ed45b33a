import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  REVENUE_EXCLUDED_WARNINGS,
  revenueWeekly,
  roundCents,
  vendorShares,
} from "../../lib/analysis/revenue.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";

// Source: data/raw/inference-stats/2026-02-08.json, the tracker's file behind
// the 004 article ("OpenRouter Inference Revenue Statistics", 2026-02-09),
// whose "Revenue by Model (Top 9)" chart shows the same nine estimated_revenue
// figures. Independent figures were computed with python3 in exact decimals:
//   from decimal import Decimal as D
//   p, c, o = D(m["prompt_tokens"]), D(m["cached_tokens"]), D(m["completion_tokens"])
//   ip, op, cp = (D(repr(m[k])) for k in ("prompt_price", "completion_price", "cache_read_price"))
//   published  = p*ip + o*op + c*cp            # the tracker's stated formula
//   cache_aware = (p - c)*ip + c*cp + o*op

const ws = await loadWorkspace("data");
const revenue = revenueWeekly(ws.inference);
const shares = vendorShares(revenue);
const WEEK = "2026-02-08";

function one(frame: pl.DataFrame, filter: pl.Expr): Record<string, unknown> {
  const rows = frame.filter(filter).toRecords() as Record<string, unknown>[];
  assert.equal(rows.length, 1, `expected one row, got ${rows.length}`);
  return rows[0];
}

function modelRow(week: string, model: string): Record<string, unknown> {
  return one(
    revenue,
    pl.col("week").eq(pl.lit(week)).and(pl.col("model").eq(pl.lit(model))),
  );
}

Deno.test("roundCents() rounds half a cent away from zero", () => {
  assert.equal(roundCents(0.125), 0.13);
  assert.equal(roundCents(-0.125), -0.13);
  // 1.005 is 1.00499999999999989… in binary; the tracker's figure is 1.01.
  assert.equal(roundCents(1.005), 1.01);
  assert.equal(roundCents(2397302.0425791), 2397302.04);
  assert.equal(roundCents(0), 0);
});

Deno.test("revenueWeekly() reproduces each of the nine published estimated_revenue figures of 2026-02-08 to the cent", () => {
  // estimated_revenue in 2026-02-08.json; python's published formula, rounded to the cent, gives each:
  const published: Record<string, number> = {
    "anthropic/claude-4.5-sonnet-20250929": 2397302.04, // 2397302.0425791
    "anthropic/claude-4.5-opus-20251124": 2081607.17, // 2081607.1693615
    "moonshotai/kimi-k2.5-0127": 613222.07, // 613222.0661832858
    "google/gemini-3-flash-preview-20251217": 474733.24, // 474733.2384903
    "google/gemini-2.5-flash": 211530.76, // 211530.75585866
    "deepseek/deepseek-v3.2-20251201": 202961.01, // 202961.01437454
    "minimax/minimax-m2.1": 133543.61, // 133543.6128957376
    "x-ai/grok-4.1-fast": 87587.52, // 87587.5216345
    "google/gemini-2.5-flash-lite": 45340.16, // 45340.16272343
  };
  const week = revenue.filter(pl.col("week").eq(pl.lit(WEEK)));
  assert.equal(week.height, 9);
  // Sorted by published revenue, largest first.
  assert.deepEqual(week.getColumn("model").toArray(), Object.keys(published));
  for (const [model, usd] of Object.entries(published)) {
    const row = modelRow(WEEK, model);
    assert.equal(row.published_revenue_usd, usd, `${model} as published`);
    assert.equal(row.revenue_published_formula_usd, usd, `${model} by formula`);
    assert.equal(row.published_formula_matches, true, model);
  }
  // The file's total_revenue: 6247827.58.
  const total =
    (week.getColumn("revenue_published_formula_usd").toArray() as number[])
      .reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total - 6247827.58) < 0.005);
});

Deno.test("revenueWeekly() reproduces the published figure of every row of every week", () => {
  // 13 weekly files × 9 models = 117 rows; the tracker's formula holds for all.
  assert.equal(revenue.height, 117);
  const misses = revenue.filter(pl.col("published_formula_matches").not());
  assert.equal(misses.height, 0, JSON.stringify(misses.toRecords()));
});

Deno.test("revenueWeekly() bills cached tokens once, at the cache-read rate, in the cache-aware revenue", () => {
  // Stated tolerance: $0.01 (the python figures are exact decimals; the code
  // multiplies binary floats).
  const TOLERANCE_USD = 0.01;
  // Claude Sonnet 4.5, 2026-02-08:
  //   (693492831109 − 448382174257) × 3e-6 + 448382174257 × 3e-7 + 12153926465 × 1.5e-5
  //   = 735331.970556 + 134514.6522771 + 182308.896975 = 1052155.5198081
  const sonnet = modelRow(WEEK, "anthropic/claude-4.5-sonnet-20250929");
  assert.equal(sonnet.uncached_prompt_tokens, 693492831109 - 448382174257);
  assert.ok(
    Math.abs((sonnet.revenue_cache_aware_usd as number) - 1052155.5198081) <=
      TOLERANCE_USD,
  );
  // 1052155.5198081 / 2397302.0425791 = 0.438891512675…
  assert.ok(
    Math.abs((sonnet.cache_aware_ratio as number) - 0.4388915126757056) < 1e-9,
  );
  // Claude Opus 4.5, 2026-02-08:
  //   (364474599104 − 248899987883) × 5e-6 + 248899987883 × 5e-7 + 5391367196 × 2.5e-5
  //   = 577873.056105 + 124449.9939415 + 134784.1799 = 837107.2299465
  const opus = modelRow(WEEK, "anthropic/claude-4.5-opus-20251124");
  assert.ok(
    Math.abs((opus.revenue_cache_aware_usd as number) - 837107.2299465) <=
      TOLERANCE_USD,
  );
  // Kimi K2.5 (cache read 7.0000002e-08 per token, as published):
  //   (1145015189010 − 950187923463) × 4.5e-7 + 950187923463 × 7.0000002e-8
  //   + 13978699816 × 2.25e-6 = 185637.500624935846926
  const kimi = modelRow(WEEK, "moonshotai/kimi-k2.5-0127");
  assert.ok(
    Math.abs((kimi.revenue_cache_aware_usd as number) - 185637.50062493585) <=
      TOLERANCE_USD,
  );
  // Whole week, python: 2815251.6294930334859877.
  const week = revenue.filter(pl.col("week").eq(pl.lit(WEEK)));
  const aware =
    (week.getColumn("revenue_cache_aware_usd").toArray() as number[])
      .reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(aware - 2815251.6294930335) <= TOLERANCE_USD);
});

Deno.test("vendorShares() gives Anthropic 20.6% of 2026-02-08 tokens but 71.7% of published and 67.1% of cache-aware dollars", () => {
  // python over 2026-02-08.json (no row of that week carries an excluding warning):
  //   all tokens 5223333238768; Anthropic (Sonnet 4.5 + Opus 4.5)
  //   705646757574 + 369865966300 = 1075512723874 → 0.2059054390578525
  //   published 2397302.04 + 2081607.17 = 4478909.21 of 6247827.58 → 0.7168746500523627
  //   cache-aware 1052155.5198081 + 837107.2299465 = 1889262.7497546
  //     of 2815251.6294930335 → 0.6710813093800840
  const anthropic = one(
    shares,
    pl.col("week").eq(pl.lit(WEEK)).and(
      pl.col("vendor").eq(pl.lit("anthropic")),
    ),
  ) as Record<string, number>;
  assert.equal(anthropic.tokens, 1075512723874);
  assert.ok(Math.abs(anthropic.token_share - 0.2059054390578525) < 1e-12);
  assert.ok(Math.abs(anthropic.published_usd - 4478909.21) < 0.005);
  assert.ok(
    Math.abs(anthropic.dollar_share_published - 0.7168746500523627) < 1e-12,
  );
  assert.ok(Math.abs(anthropic.cache_aware_usd - 1889262.7497546) < 0.01);
  assert.ok(
    Math.abs(anthropic.dollar_share_cache_aware - 0.671081309380084) < 1e-12,
  );
  // Google's three models: 763966462171 + 429607766737 + 343686502732
  // = 1537260731640 tokens → 0.2943064632044395 of tokens, the largest.
  const google = one(
    shares,
    pl.col("week").eq(pl.lit(WEEK)).and(pl.col("vendor").eq(pl.lit("google"))),
  ) as Record<string, number>;
  assert.equal(google.tokens, 1537260731640);
  assert.ok(Math.abs(google.token_share - 0.2943064632044395) < 1e-12);
  // Six vendors; every share column sums to one.
  const week = shares.filter(pl.col("week").eq(pl.lit(WEEK)));
  assert.deepEqual(
    (week.getColumn("vendor").toArray() as string[]).sort(),
    ["anthropic", "deepseek", "google", "minimax", "moonshotai", "x-ai"],
  );
  for (
    const column of [
      "token_share",
      "dollar_share_published",
      "dollar_share_cache_aware",
    ]
  ) {
    const sum = week.getColumn(column).sum() as number;
    assert.ok(Math.abs(sum - 1) < 1e-12, `${column} sums to ${sum}`);
  }
});

Deno.test("vendorShares() leaves out all-zero breakdowns and the :free copy of a duplicated breakdown", () => {
  assert.deepEqual([...REVENUE_EXCLUDED_WARNINGS], [
    "breakdown_zero",
    "duplicate_breakdown",
  ]);
  // 2025-11-30.json: x-ai/grok-4.1-fast:free carries x-ai/grok-4.1-fast's
  // breakdown (duplicate_breakdown): the :free copy is left out, the paid row
  // kept. 2025-12-21.json: xiaomi/mimo-v2-flash-20251210:free has an all-zero
  // breakdown (breakdown_zero).
  const excluded = revenue.filter(pl.col("excluded")).select("week", "model")
    .toRecords();
  assert.deepEqual(excluded, [
    { week: "2025-11-30", model: "x-ai/grok-4.1-fast:free" },
    { week: "2025-12-21", model: "xiaomi/mimo-v2-flash-20251210:free" },
    { week: "2025-12-28", model: "xiaomi/mimo-v2-flash-20251210:free" },
    { week: "2026-01-04", model: "xiaomi/mimo-v2-flash-20251210:free" },
    { week: "2026-01-11", model: "xiaomi/mimo-v2-flash-20251210:free" },
  ]);
  // 2025-11-30, python over prompt + completion tokens: x-ai keeps
  // grok-code-fast-1 (978702697297) and grok-4.1-fast (203108914718) =
  // 1181811612015 of the week's 2637512338333 kept tokens.
  const xai = one(
    shares,
    pl.col("week").eq(pl.lit("2025-11-30")).and(
      pl.col("vendor").eq(pl.lit("x-ai")),
    ),
  ) as Record<string, number>;
  assert.equal(xai.tokens, 1181811612015);
  assert.ok(Math.abs(xai.token_share - 1181811612015 / 2637512338333) < 1e-12);
  // 2025-12-21: xiaomi's only row is excluded, so xiaomi is not listed, and
  // Anthropic's share is of 2543150652489 − 170932816899 = 2372217835590 tokens:
  // (416816252130 + 209466374009) / 2372217835590 = 0.2640072158395335.
  const dec21 = shares.filter(pl.col("week").eq(pl.lit("2025-12-21")));
  assert.equal(
    (dec21.getColumn("vendor").toArray() as string[]).includes("xiaomi"),
    false,
  );
  const anthropic = one(
    dec21,
    pl.col("vendor").eq(pl.lit("anthropic")),
  ) as Record<string, number>;
  assert.ok(Math.abs(anthropic.token_share - 0.2640072158395335) < 1e-12);
  // Rows with other warnings (total_mismatch, free_variant_priced) stay in:
  // 2026-01-18's mimo-v2-flash:free (total_mismatch) is counted under xiaomi.
  assert.equal(
    shares.filter(
      pl.col("week").eq(pl.lit("2026-01-18")).and(
        pl.col("vendor").eq(pl.lit("xiaomi")),
      ),
    ).height,
    1,
  );
});

Deno.test("vendorShares() gives the same shares, bit for bit, on every run", () => {
  // Shares are sums over each week's vendors; summed in a different row order
  // they differ in the last bit, and the report's CSV with them.
  const first = JSON.stringify(vendorShares(revenue).toRecords());
  for (let run = 0; run < 5; run++) {
    assert.equal(JSON.stringify(vendorShares(revenue).toRecords()), first);
  }
});
