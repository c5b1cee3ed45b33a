import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  CACHED_PREFILL_COST_FACTOR,
  HOURS_PER_MONTH,
  prefillDecodeRatio,
  selfHostedUsdPerMtok,
  selfHostingBreakEven,
  utilisationCurve,
} from "../../lib/analysis/self_hosting.ts";
import { ARTICLE_TASK } from "../../lib/analysis/agent_task.ts";
import { priceRows } from "../../lib/analysis/prices.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";

const ws = await loadWorkspace("data");
const { prices } = priceRows(ws);
const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  );

Deno.test("selfHostedUsdPerMtok() reproduces every $/Mtok the reference table states at full use", () => {
  // gpuadvisor: 2.49 ÷ (1800 × 3600) × 1e6 = 0.3843 → "0.38"
  close(selfHostedUsdPerMtok(2.49, 1, 1800, 1), 0.3843, 5e-5);
  // gpuadvisor FP16: 2 × 2.49 ÷ (2200 × 3600) × 1e6 = 0.6288 → "0.63"
  close(selfHostedUsdPerMtok(2.49, 2, 2200, 1), 0.6288, 5e-5);
  // kshirol on-demand: 4 × 2.50 ÷ (3400 × 3600) × 1e6 = 0.8170 → "0.82"
  close(selfHostedUsdPerMtok(2.5, 4, 3400, 1), 0.8170, 5e-5);
  // llmversus: 2.49 ÷ (2100 × 3600) × 1e6 = 0.3294 → "0.33"
  close(selfHostedUsdPerMtok(2.49, 1, 2100, 1), 0.3294, 5e-5);
  // LMSYS decode: 8 × 2 ÷ (22300 × 3600) × 1e6 = 0.1993 → "0.20"; prefill 16 ÷ (52300 × 3600) × 1e6 = 0.0850
  close(selfHostedUsdPerMtok(2, 8, 22300, 1), 0.1993, 5e-5);
  close(selfHostedUsdPerMtok(2, 8, 52300, 1), 0.0850, 5e-5);
  // and the table's own stated figures, each within half a cent (their printing)
  for (const row of ws.selfHosting.toRecords()) {
    close(
      selfHostedUsdPerMtok(
        Number(row.gpu_usd_per_hour),
        Number(row.gpus),
        Number(row.output_tokens_per_s),
        1,
      ),
      Number(row.stated_usd_per_mtok),
      0.005,
    );
  }
});

Deno.test("selfHostedUsdPerMtok() at 30 % and 10 % use gives what kshirol prints only roughly (a range, not a figure)", () => {
  // reserved: 4 × 1.60 ÷ (3400 × 3600) × 1e6 = 0.5229; ÷ 0.3 = 1.7429 (page: 1.72); ÷ 0.1 = 5.229 (page: 5.15)
  close(selfHostedUsdPerMtok(1.6, 4, 3400, 0.3), 1.7429, 5e-5);
  close(selfHostedUsdPerMtok(1.6, 4, 3400, 0.1), 5.2288, 5e-5);
});

Deno.test("selfHostedUsdPerMtok() names every bad input", () => {
  assert.throws(
    () => selfHostedUsdPerMtok(0, 1, -5, 1.5),
    (e: Error) =>
      e instanceof RangeError && /gpuUsdPerHour is 0/.test(e.message) &&
      /tokensPerSecond is -5/.test(e.message) &&
      /utilisation is 1.5/.test(e.message),
  );
});

Deno.test("prefillDecodeRatio() is LMSYS's 52.3k ÷ 22.3k = 2.345 on the bundled table", () => {
  const { ratio, basis } = prefillDecodeRatio(ws.selfHosting);
  close(ratio, 52300 / 22300, 1e-12);
  assert.match(basis, /lmsys-deepseek-v3-8xh100-node/);
});

Deno.test("selfHostingBreakEven() on the article task: LMSYS's DeepSeek V3 node against deepseek/deepseek-chat, worked by hand", () => {
  const table = selfHostingBreakEven(ws.selfHosting, prices, {
    date: "2026-06-08",
    utilisation: 0.2,
    mixes: [{ name: "article task", tokens: ARTICLE_TASK }],
  });
  assert.equal(table.height, ws.selfHosting.height);
  const row = table.filter(
    pl.col("setup_id").eq(pl.lit("lmsys-deepseek-v3-8xh100-node")),
  ).toRecords()[0];
  // input $/M at full use: 16 ÷ (52300 × 3600) × 1e6 = 0.084980; output 16 ÷ (22300 × 3600) × 1e6 = 0.199302
  // task at full use: 20K × 0.084980 + 80K × 0.1 × 0.084980 + 10K × 0.199302, ÷ 1e6
  //   = 0.0016996 + 0.00067984 + 0.00199302 = 0.00437246 USD; ÷ 110K tokens = $0.039750/M
  const selfFull = (20_000 * 0.0849798 + 80_000 * CACHED_PREFILL_COST_FACTOR *
      0.0849798 +
    10_000 * 0.1993024) / 110_000;
  close(Number(row.self_usd_per_mtok_full_use), selfFull, 1e-6);
  close(Number(row.self_usd_per_mtok), selfFull / 0.2, 1e-6);
  // API, models list 2026-05-01: $0.32 in, $0.89 out, no cache-read price (cached billed at input):
  //   100K × 0.32 + 10K × 0.89 = 0.032 + 0.0089 = 0.0409 USD; ÷ 110K = $0.371818/M
  assert.equal(row.api_price_date, "2026-05-01");
  close(Number(row.api_usd_per_mtok), 0.0409 / 110_000 * 1e6, 1e-9);
  // break-even utilisation 0.039750 ÷ 0.371818 = 0.1069
  close(Number(row.break_even_utilisation), 0.1069, 5e-5);
  assert.equal(row.self_hosting_cheaper, true);
  // monthly: 8 × $2 × 730 h = $11,680; ÷ $0.371818/M = 31,413 M tokens
  close(Number(row.monthly_gpu_usd), 8 * 2 * HOURS_PER_MONTH, 1e-9);
  close(Number(row.break_even_tokens_per_month), 11_680 / 0.371818 * 1e6, 1e6);
  // the break-even volume is the break-even utilisation of the month's capacity
  close(
    Number(row.break_even_tokens_per_month),
    Number(row.break_even_utilisation) * Number(row.capacity_tokens_per_month),
    1,
  );
  assert.match(String(row.assumptions), /cached input at 0.1× the prefill/);
  assert.match(String(row.assumptions), /billed at the input rate/);
});

Deno.test("selfHostingBreakEven() prices a setup with output throughput only at the LMSYS prefill ratio, and says so", () => {
  const row = selfHostingBreakEven(ws.selfHosting, prices, {
    date: "2026-06-08",
    utilisation: 1,
    mixes: [{
      name: "output only",
      tokens: { inputTokens: 0, outputTokens: 1e6, cacheHitRate: 0 },
    }],
  }).filter(
    pl.col("setup_id").eq(pl.lit("gpuadvisor-llama31-70b-fp8-1xh100")),
  ).toRecords()[0];
  close(Number(row.self_usd_per_mtok_full_use), 0.3843, 5e-5);
  // input: 2.49 ÷ (1800 × 2.3453 × 3600) × 1e6 = 0.16384
  close(Number(row.input_usd_per_mtok_full_use), 0.3843 / 2.34529, 5e-5);
  assert.match(String(row.input_throughput_basis), /^assumed 2.35×/);
  // llama-3.1-70b-instruct: $0.40/M output; 0.3843 ÷ 0.40 = 0.9606 of full use to break even
  close(Number(row.break_even_utilisation), 0.9606, 5e-5);
});

Deno.test("selfHostingBreakEven() leaves the API side empty for a model OpenRouter has not priced by the date", () => {
  const setups = ws.selfHosting.filter(
    pl.col("setup_id").eq(pl.lit("lmsys-deepseek-v3-8xh100-node")),
  ).withColumns(pl.lit("nobody/none").alias("api_model_id"));
  const [row] = selfHostingBreakEven(setups, prices, {
    date: "2026-06-08",
    utilisation: 0.5,
    mixes: [{ name: "article task", tokens: ARTICLE_TASK }],
  }).toRecords();
  assert.equal(row.api_usd_per_mtok, null);
  assert.equal(row.break_even_utilisation, null);
  assert.match(String(row.assumptions), /no OpenRouter price for nobody\/none/);
});

Deno.test("utilisationCurve() crosses the API price at the break-even utilisation", () => {
  const table = selfHostingBreakEven(ws.selfHosting, prices, {
    date: "2026-06-08",
    utilisation: 0.5,
    mixes: [{ name: "article task", tokens: ARTICLE_TASK }],
  }).filter(pl.col("setup_id").eq(pl.lit("lmsys-deepseek-v3-8xh100-node")));
  const curve = utilisationCurve(table, [0.1, 0.11, 1]);
  assert.deepEqual(curve.getColumn("self_hosting_cheaper").toArray(), [
    false,
    true,
    true,
  ]);
});

Deno.test("selfHostingBreakEven() refuses a table where no setup gives the prefill throughput to infer from", () => {
  assert.throws(
    () =>
      selfHostingBreakEven(ws.selfHosting.head(1), prices, {
        date: "2026-06-08",
        utilisation: 0.5,
        mixes: [{ name: "article task", tokens: ARTICLE_TASK }],
      }),
    /no setup in the self-hosting table reports both/,
  );
});
