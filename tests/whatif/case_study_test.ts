import assert from "node:assert/strict";
import { priceRows } from "../../lib/analysis/prices.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import {
  CASE_STUDY,
  caseStudyImplied,
  caseStudySensitivity,
} from "../../lib/whatif/case_study.ts";
import { trackerTokenMix } from "../../lib/whatif/token_mix.ts";

const ws = await loadWorkspace("data");
const book = { ...ws, prices: priceRows(ws).prices };

Deno.test("caseStudyImplied() with 90% input, half of it cached, gives $559.55 (-82.5%) against the stated $3,200 and -39%", () => {
  const implied = caseStudyImplied(book, { inputShare: 0.9, cachedShare: 0.5 });
  // Per million tokens, 0.9M input (half cached) + 0.1M output, list prices on 2026-05-24:
  // Sonnet 4.6 ($3/$15/$0.30):      0.9 × (1.5 + 0.15) + 1.5 = $2.985
  // V4 Flash ($0.10/$0.20/$0.02):   0.9 × (0.05 + 0.01) + 0.02 = $0.074
  // Hy3 preview ($0.066/$0.26/$0.029): 0.9 × (0.033 + 0.0145) + 0.026 = $0.06875
  // Gemini 3 Flash ($0.50/$3/$0.05): 0.9 × (0.25 + 0.025) + 0.3 = $0.5475
  // Opus 4.7 ($5/$25/$0.50):        0.9 × (2.5 + 0.25) + 2.5 = $4.975
  // Mix: 0.62 × 0.074 + 0.18 × 0.06875 + 0.12 × 0.5475 + 0.08 × 4.975 = $0.521955
  // $3,200 × 0.521955 / 2.985 = $559.55
  assert.equal(Math.round(implied.implied_bill_usd * 100), 55955);
  assert.equal(implied.implied_change_pct.toFixed(2), "-82.51");
  assert.equal(implied.difference_pts.toFixed(2), "43.51");
  assert.equal(implied.baseline.usd_per_mtok.toFixed(6), "2.985000");
  assert.deepEqual(
    implied.models.map((
      m,
    ) => [m.model, m.usd_per_mtok.toFixed(5), m.price_date]),
    [
      ["deepseek/deepseek-v4-flash", "0.07400", "2026-05-22"],
      ["tencent/hy3-preview", "0.06875", "2026-05-15"],
      ["google/gemini-3-flash-preview", "0.54750", "2026-05-15"],
      ["anthropic/claude-opus-4.7", "4.97500", "2026-05-01"],
    ],
  );
  // $3,200 / $2.985 per million = 1,072.03M tokens a month.
  assert.equal(Math.round(implied.assumptions.tokens_per_month / 1e4), 107203);
  // $1,940 / $559.55: the stated bill needs 3.47× the tokens under the mix.
  assert.equal(implied.volume_ratio_for_stated_bill.toFixed(2), "3.47");
});

Deno.test("caseStudyImplied() states its assumptions as data: the tracker's token mix, the article's date, the model ids taken", () => {
  const implied = caseStudyImplied(book);
  const mix = trackerTokenMix(ws.inference);
  assert.equal(implied.as_of, CASE_STUDY.article_date);
  assert.equal(implied.assumptions.input_share, mix.input_share);
  assert.equal(implied.baseline.cached_share, mix.cached_share);
  assert.equal(implied.assumptions.cache, "tracker");
  assert.match(implied.assumptions.mix_basis, /113 model-weeks of 20 models/);
  assert.match(implied.assumptions.models_taken_as, /claude-sonnet-4\.6/);
  assert.deepEqual(implied.stated, {
    bill_before_usd: 3200,
    bill_after_usd: 1940,
    change_pct: -39,
  });
  // Opus 4.7's prices are 5/3 of Sonnet 4.6's on every component, so its 8% costs 0.08 × 5/3 × $3,200.
  assert.equal(implied.models[3].bill_usd.toFixed(2), "426.67");
  assert.equal(implied.implied_change_pct.toFixed(1), "-82.4");
});

Deno.test("caseStudyImplied() under each model's observed cache-hit rate still implies about -80%, not -39%", () => {
  const observed = caseStudyImplied(book, { cache: "observed" });
  assert.deepEqual(
    observed.models.map((m) => m.cached_share.toFixed(3)),
    ["0.685", "0.501", "0.353", "0.699"],
  );
  assert.equal(observed.baseline.cached_share.toFixed(3), "0.757");
  assert.equal(observed.implied_change_pct.toFixed(1), "-79.8");
});

Deno.test("caseStudySensitivity() stays between -81% and -84% over input shares 50–99% and cached shares 0–90%", () => {
  const grid = caseStudySensitivity(book, [0.5, 0.8, 0.95, 0.99], [
    0,
    0.5,
    0.9,
  ]);
  assert.equal(grid.height, 12);
  const changes = grid.getColumn("implied_change_pct").toArray() as number[];
  assert.ok(
    Math.min(...changes) > -84 && Math.max(...changes) < -81,
    String(changes),
  );
  assert.throws(
    () => caseStudyImplied(book, { inputShare: 1.2 }),
    /inputShare is 1\.2, expected a share from 0 to 1/,
  );
  assert.throws(
    () => caseStudyImplied(book, { asOf: "2026-01-01" }),
    /has no list price on or before 2026-01-01/,
  );
});

Deno.test("trackerTokenMix() sums the tracker's breakdowns: 38.36T prompt, 2.48T completion, 18.66T cached", () => {
  const mix = trackerTokenMix(ws.inference);
  // 38,362,325,683,356 / (38,362,325,683,356 + 2,476,442,654,614)
  assert.equal(mix.input_share.toFixed(6), "0.939360");
  // 18,656,963,629,692 / 38,362,325,683,356
  assert.equal(mix.cached_share.toFixed(6), "0.486336");
  // 40,838,768,337,970 tokens / 4,739,923,861 requests
  assert.equal(Math.round(mix.tokens_per_request), 8616);
  assert.throws(() => trackerTokenMix(ws.inference.head(0)), RangeError);
});
