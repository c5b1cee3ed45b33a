import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  MODELS_LIST_SOURCE,
  PRICE_HISTORY_SOURCE,
  PRICE_SCHEMA,
} from "../../lib/analysis/prices.ts";
import { frameOf } from "../../lib/loading/frames.ts";
import { OBSERVED_PRICES_SCHEMA } from "../../lib/loading/observed_prices.ts";
import { INFERENCE_SCHEMA } from "../../lib/loading/inference_stats.ts";
import { whatIfBill, type WhatIfResult } from "../../lib/whatif/engine.ts";
import type { PriceBook } from "../../lib/analysis/model_prices.ts";
import {
  parsePolicy,
  type Policy,
  policyWarnings,
} from "../../lib/whatif/policy.ts";
import {
  parseActivity,
  parseWorkloadCsv,
  type Workload,
} from "../../lib/whatif/workload.ts";
import { problem } from "../_helpers.ts";

const price = (
  source: string,
  source_date: string,
  model_id: string,
  input: number,
  output: number,
  cacheRead: number | null,
) => ({
  source,
  source_date,
  model_id,
  input_usd_per_mtok: input,
  output_usd_per_mtok: output,
  cache_read_usd_per_mtok: cacheRead,
  cache_write_usd_per_mtok: null,
});

/** A small price book whose figures are easy to compute by hand. */
const BOOK: PriceBook = {
  prices: frameOf([
    price(PRICE_HISTORY_SOURCE, "2026-05-01", "acme/big", 3, 15, 0.3),
    price(PRICE_HISTORY_SOURCE, "2026-06-10", "acme/big", 2, 10, 0.2),
    price(MODELS_LIST_SOURCE, "2026-05-01", "acme/cheap", 0.1, 0.2, 0.02),
    price(MODELS_LIST_SOURCE, "2026-05-01", "acme/premium", 5, 25, 0.5),
    price(MODELS_LIST_SOURCE, "2026-05-01", "acme/free", 0, 0, null),
    price(PRICE_HISTORY_SOURCE, "2026-05-01", "acme/hyper", 0.06, 0.26, 0.03),
  ], PRICE_SCHEMA),
  modelIdentity: pl.DataFrame({
    permaslug: ["acme/cheap-1", "acme/unpriced-1"],
    model_id: ["acme/cheap", "acme/unpriced"],
    display_name: ["Acme Cheap", "Acme Unpriced"],
    aliases: ["acme/c", ""],
    benchmark_name: ["", ""],
  }),
  observedPrices: frameOf([], OBSERVED_PRICES_SCHEMA),
  inference: frameOf([], INFERENCE_SCHEMA),
};

function policyOf(overrides: Partial<Record<keyof Policy, unknown>> = {}) {
  const parsed = parsePolicy({
    token_track: { primary: "openrouter/acme/cheap", fallback: [] },
    dollar_track: { primary: "acme/premium", budget_cap_usd: 100 },
    gray_pool: { model: "acme/free", max_share: 0.1 },
    routes: {
      agents: "token_track",
      audit: "dollar_track",
      incident: "dollar_track",
      gray: "gray_pool",
    },
    ...overrides,
  }, "policy.json");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.policy;
}

function csv(lines: string[]): Workload {
  const parsed = parseWorkloadCsv(lines.join("\n") + "\n", "w.csv");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.workload;
}

function priced(
  workload: Workload,
  policy: Policy,
  options = {},
): WhatIfResult {
  const out = whatIfBill(workload, policy, BOOK, {
    policyFile: "policy.json",
    ...options,
  });
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.result;
}

const cents = (usd: number) => Math.round(usd * 100);
const HEADER =
  "stream,model,prompt_tokens,cached_tokens,completion_tokens,requests";

Deno.test("whatIfBill() prices cached input at the cache-read rate, now and under the policy, to the cent", () => {
  const result = priced(
    csv([HEADER, "agents,acme/big,10000000,4000000,1000000,100"]),
    policyOf(),
    { asOf: "2026-05-31" },
  );
  // Now: 6M × $3 + 4M × $0.30 + 1M × $15 = 18 + 1.2 + 15 = $34.20
  assert.equal(cents(result.total.now_usd), 3420);
  // Policy (acme/cheap): 6M × $0.10 + 4M × $0.02 + 1M × $0.20 = 0.6 + 0.08 + 0.2 = $0.88
  assert.equal(cents(result.total.policy_usd), 88);
  assert.equal(result.total.change_pct.toFixed(2), "-97.43");
  const row = result.rows.toRecords()[0];
  assert.equal(row.track, "token_track");
  assert.equal(row.model, "acme/cheap");
  assert.equal(row.cached_tokens, 4_000_000);
  assert.equal(row.now_basis, `${PRICE_HISTORY_SOURCE} 2026-05-01`);
  assert.deepEqual([row.price_source, row.price_date], [
    MODELS_LIST_SOURCE,
    "2026-05-01",
  ]);
});

Deno.test("whatIfBill() uses the prices in force on --as-of: acme/big's cut of 2026-06-10 makes the same workload $22.80", () => {
  const workload = csv([
    HEADER,
    "agents,acme/big,10000000,4000000,1000000,100",
  ]);
  const result = priced(workload, policyOf(), { asOf: "2026-06-15" });
  // 6M × $2 + 4M × $0.20 + 1M × $10 = 12 + 0.8 + 10
  assert.equal(cents(result.total.now_usd), 2280);
  assert.deepEqual(
    result.prices.map((p) => [p.model_id, p.source_date]),
    [["acme/big", "2026-06-10"], ["acme/cheap", "2026-05-01"]],
  );
});

Deno.test("whatIfBill() resolves ids with the openrouter/ prefix and aliases from models.csv", () => {
  const policy = policyOf({
    token_track: { primary: "openrouter/acme/c", fallback: [] },
  });
  const result = priced(
    csv([HEADER, "agents,openrouter/acme/big,1000000,0,0,1"]),
    policy,
    {
      asOf: "2026-05-31",
    },
  );
  assert.deepEqual(result.rows.getColumn("model").toArray(), ["acme/cheap"]);
  assert.deepEqual(result.rows.getColumn("model_now").toArray(), ["acme/big"]);
  // 1M uncached input: $3 now, $0.10 under the policy.
  assert.deepEqual([
    cents(result.total.now_usd),
    cents(result.total.policy_usd),
  ], [300, 10]);
});

Deno.test("whatIfBill() holds the gray pool to max_share of the tokens and sends the overflow to the token track", () => {
  const result = priced(
    csv([
      HEADER,
      "agents,acme/big,900000,0,0,9",
      "gray,acme/big,300000,0,0,3",
    ]),
    policyOf(),
    { asOf: "2026-05-31" },
  );
  // 300K of 1.2M tokens is 25% > 10%: the gray pool keeps 120K, 180K go to acme/cheap.
  assert.deepEqual(result.events.map((e) => [e.kind, e.value, e.limit]), [[
    "gray_pool_limit",
    0.25,
    0.1,
  ]]);
  const gray = result.rows.filter(pl.col("stream").eq(pl.lit("gray")))
    .toRecords().map((
      r,
    ) => [r.track, r.model, Math.round(Number(r.prompt_tokens))]);
  assert.deepEqual(gray, [
    ["gray_pool", "acme/free", 120_000],
    ["gray_pool overflow", "acme/cheap", 180_000],
  ]);
  // Policy: 900K + 180K at $0.10/M = $0.108; the gray pool's 120K are free.
  assert.equal(result.total.policy_usd.toFixed(4), "0.1080");
  // Within the limit nothing moves.
  const within = priced(
    csv([HEADER, "agents,acme/big,900000,0,0,9", "gray,acme/big,100000,0,0,1"]),
    policyOf(),
    { asOf: "2026-05-31" },
  );
  assert.deepEqual(within.events, []);
});

Deno.test("whatIfBill() applies Step 4 week by week: over the cap is reported, more than 15% over downgrades the following week except incident streams", () => {
  // Completion tokens only: acme/premium costs $25 per million.
  const workload = csv([
    `date,${HEADER}`,
    "2026-06-01,audit,acme/big,0,0,2400000,1", // $60 on premium: June to date $60
    "2026-06-08,audit,acme/big,0,0,2000000,1", // $50: $110, over the $100 cap, not by 15%
    "2026-06-15,audit,acme/big,0,0,400000,1", // $10: $120 > $115 → downgrade the week of 06-22
    "2026-06-22,audit,acme/big,0,0,2000000,1", // downgraded: 2M × $0.20 = $0.40 on acme/cheap
    "2026-06-22,incident,acme/big,0,0,400000,1", // incident traffic stays: $10
  ]);
  const result = priced(
    workload,
    policyOf({
      dollar_track: {
        primary: "acme/premium",
        budget_cap_usd: 100,
        incident_streams: ["incident"],
      },
    }),
  );
  assert.equal(result.asOf, null); // each row at its own day's prices
  assert.deepEqual(result.events.map((e) => [e.week, e.kind, e.value]), [
    ["2026-06-08", "cap_exceeded", 110],
    ["2026-06-15", "cap_exceeded", 120],
    ["2026-06-15", "downgrade_triggered", 120],
    ["2026-06-22", "downgrade_applied", 2_000_000],
    ["2026-06-22", "cap_exceeded", 130],
    ["2026-06-22", "downgrade_triggered", 130],
  ]);
  assert.equal(result.events[2].limit, 115);
  // Exactly 15% over is not "more than": no downgrade.
  const edge = priced(
    csv([
      `date,${HEADER}`,
      "2026-06-01,audit,acme/big,0,0,4600000,1", // $115
    ]),
    policyOf(),
  );
  assert.deepEqual(edge.events.map((e) => e.kind), ["cap_exceeded"]);
  // Each row is priced on its own day: acme/big's 2026-06-10 record prices
  // the week of 06-15 "now", so the Dollar-track rows split by that basis.
  const audit = result.rows.filter(pl.col("stream").eq(pl.lit("audit")))
    .toRecords().map((r) => [
      r.track,
      r.model,
      r.now_basis,
      cents(Number(r.policy_usd)),
    ]);
  assert.deepEqual(audit, [
    [
      "dollar_track",
      "acme/premium",
      `${PRICE_HISTORY_SOURCE} 2026-05-01`,
      11000,
    ],
    [
      "dollar_track",
      "acme/premium",
      `${PRICE_HISTORY_SOURCE} 2026-06-10`,
      1000,
    ],
    [
      "dollar_track downgraded",
      "acme/cheap",
      `${PRICE_HISTORY_SOURCE} 2026-06-10`,
      40,
    ],
  ]);
  // 60 + 50 + 10 + 0.40 + 10
  assert.equal(cents(result.total.policy_usd), 13040);
});

Deno.test("whatIfBill() starts each month's budget afresh and never downgrades an undated workload", () => {
  const dated = priced(
    csv([
      `date,${HEADER}`,
      "2026-06-22,audit,acme/big,0,0,5000000,1", // $125 in June
      "2026-07-06,audit,acme/big,0,0,400000,1", // $10 in July
    ]),
    policyOf(),
  );
  assert.deepEqual(dated.events.map((e) => [e.week, e.kind]), [
    ["2026-06-22", "cap_exceeded"],
    ["2026-06-22", "downgrade_triggered"],
  ]);
  // The week of 06-29 has no traffic; the week of 07-06 is not downgraded.
  assert.ok(
    !dated.rows.getColumn("track").toArray().includes(
      "dollar_track downgraded",
    ),
  );
  const undated = priced(
    csv([HEADER, "audit,acme/big,0,0,5000000,1"]),
    policyOf(),
    { asOf: "2026-05-31" },
  );
  assert.deepEqual(undated.events.map((e) => [e.kind, e.value, e.limit]), [[
    "cap_not_applied",
    125,
    100,
  ]]);
  assert.match(undated.events[0].detail, /by more than 15%.*no dates/);
});

Deno.test("whatIfBill() falls back to the first priced fallback when the token track's primary has no price, and says so", () => {
  const policy = policyOf({
    token_track: {
      primary: "acme/unpriced",
      fallback: ["acme/nowhere", "acme/hyper"],
    },
  });
  const out = whatIfBill(
    csv([HEADER, "agents,acme/big,1000000,500000,0,1"]),
    policy,
    BOOK,
    { asOf: "2026-05-31", policyFile: "policy.json" },
  );
  // acme/nowhere is unknown: a problem even though it is not used.
  assert.equal(out.ok, false);
  if (!out.ok) {
    assert.deepEqual(out.problems, [
      problem(
        "policy.json",
        "",
        "token_track.fallback[0]",
        '"acme/nowhere"',
        "a model known to the price tables or data/reference/models.csv",
      ),
    ]);
  }
  const ok = priced(
    csv([HEADER, "agents,acme/big,1000000,500000,0,1"]),
    policyOf({
      token_track: { primary: "acme/unpriced", fallback: ["acme/hyper"] },
    }),
    { asOf: "2026-05-31" },
  );
  assert.equal(ok.events[0].kind, "fallback_used");
  // 0.5M × $0.06 + 0.5M × $0.03 = $0.045
  assert.equal(ok.total.policy_usd.toFixed(4), "0.0450");
});

Deno.test("whatIfBill() reports every unknown or unpriced model as a problem naming the file and field", () => {
  const policy = policyOf({
    dollar_track: { primary: "acme/unknown", budget_cap_usd: 10 },
    gray_pool: { model: "acme/unpriced", max_share: 0.1 },
  });
  const out = whatIfBill(
    csv([HEADER, "agents,acme/big,1,0,0,1", "agents,acme/mystery,1,0,0,1"]),
    policy,
    BOOK,
    { asOf: "2026-04-30", policyFile: "policy.json" },
  );
  assert.equal(out.ok, false);
  if (out.ok) return;
  const known =
    "a model known to the price tables or data/reference/models.csv";
  const priceBy = (day: string) =>
    `a model with a list price on or before ${day} (OpenRouter price history or models list)`;
  assert.deepEqual(out.problems, [
    problem(
      "policy.json",
      "",
      "token_track.primary",
      '"openrouter/acme/cheap"',
      priceBy("2026-04-30"),
    ),
    problem("policy.json", "", "dollar_track.primary", '"acme/unknown"', known),
    problem(
      "policy.json",
      "",
      "gray_pool.model",
      '"acme/unpriced"',
      priceBy("2026-04-30"),
    ),
    problem("w.csv", "line 2", "model", '"acme/big"', priceBy("2026-04-30")),
    // An unknown workload model names the nearest known ids (edit distance).
    problem(
      "w.csv",
      "line 3",
      "model",
      '"acme/mystery"',
      `${known} (nearest known: acme/hyper, acme/cheap, acme/free)`,
    ),
  ]);
});

Deno.test("whatIfBill() keeps a stream the policy does not route on its own model, with a warning", () => {
  const result = priced(
    csv([HEADER, "batch,acme/big,1000000,0,0,1"]),
    policyOf(),
    { asOf: "2026-05-31" },
  );
  assert.deepEqual(result.rows.select("track", "model").toRecords(), [{
    track: "unrouted",
    model: "acme/big",
  }]);
  assert.equal(result.total.change_usd, 0);
  assert.equal(result.warnings[0].field, "routes.batch");
  assert.equal(result.warnings[0].severity, "warning");
});

Deno.test("parsePolicy() reports a cap below zero, a share above 1 and an unknown track, each by field", () => {
  const parsed = parsePolicy({
    token_track: { primary: "a/b" },
    dollar_track: { primary: "c/d", budget_cap_usd: -5 },
    gray_pool: { model: "e/f", max_share: 1.5 },
    routes: { agents: "fast_track" },
  }, "policy.json");
  assert.equal(parsed.ok, false);
  if (parsed.ok) return;
  assert.deepEqual(
    parsed.problems.map((p) => [p.file, p.field, p.value, p.expected]),
    [
      [
        "policy.json",
        "dollar_track.budget_cap_usd",
        "-5",
        "a cap of 0 USD or more",
      ],
      ["policy.json", "gray_pool.max_share", "1.5", "a share from 0 to 1"],
      [
        "policy.json",
        "routes.agents",
        '"fast_track"',
        'one of "token_track", "dollar_track", "gray_pool"',
      ],
    ],
  );
});

Deno.test("parseWorkloadCsv() reports every bad field of every line and a wrong header", () => {
  const bad = parseWorkloadCsv(
    [HEADER, "agents,a/b,100,150,10,1", ",a/b,-1,0,x,1", "a,b"].join("\n"),
    "w.csv",
  );
  assert.equal(bad.ok, false);
  if (bad.ok) return;
  assert.deepEqual(bad.problems, [
    problem(
      "w.csv",
      "line 2",
      "cached_tokens",
      "150",
      "at most prompt_tokens (100): cached tokens are part of the prompt",
    ),
    problem(
      "w.csv",
      "line 3",
      "prompt_tokens",
      '"-1"',
      "a non-negative integer",
    ),
    problem(
      "w.csv",
      "line 3",
      "completion_tokens",
      '"x"',
      "a non-negative integer",
    ),
    problem("w.csv", "line 3", "stream", '""', "a non-empty name"),
    problem(
      "w.csv",
      "line 4",
      "",
      "",
      "6 fields like the header (this row has 2)",
    ),
  ]);
  const header = parseWorkloadCsv("stream,model,tokens\na,b,1\n", "w.csv");
  assert.equal(header.ok, false);
  if (!header.ok) assert.equal(header.problems[0].record, "line 1");
});

Deno.test("parseActivity() reads a saved GET /api/v1/activity response in the documented shape; usage is the logged cost", async () => {
  const file = "tests/fixtures/whatif/activity.json";
  const parsed = parseActivity(
    JSON.parse(await Deno.readTextFile(file)),
    file,
    {
      "acme/big": "ide",
    },
  );
  assert.ok(parsed.ok);
  if (!parsed.ok) return;
  assert.equal(parsed.workload.kind, "activity");
  assert.deepEqual(
    parsed.workload.rows.map((
      r,
    ) => [r.record, r.stream, r.date, r.logged_usd, r.cached_tokens]),
    [
      ["data[0]", "ide", "2026-06-01", 2.5, null],
      ["data[1]", "ide", "2026-06-01", 0.9, null],
      ["data[2]", "acme/hyper", "2026-06-02", 0.05, null],
    ],
  );
  const policy = policyOf({ routes: { ide: "token_track" } });
  const result = priced(parsed.workload, policy, { cacheHit: 0.5 });
  // Now: the logged usage 2.5 + 0.9 + 0.05.
  assert.equal(cents(result.total.now_usd), 345);
  // ide: 1.2M prompt (half cached) + 0.1M completion on acme/cheap:
  // 0.6M × $0.10 + 0.6M × $0.02 + 0.1M × $0.20 = 0.06 + 0.012 + 0.02 = $0.092;
  // acme/hyper is unrouted and keeps its logged $0.05.
  assert.equal(result.total.policy_usd.toFixed(3), "0.142");
  assert.equal(result.warnings[0].field, "routes.acme/hyper");
  const ide =
    result.rows.filter(pl.col("stream").eq(pl.lit("ide"))).toRecords()[0];
  assert.equal(ide.cache_basis, "--cache-hit 0.5");
  assert.equal(ide.now_basis, "logged usage (activity)");
});

Deno.test("parseActivity() names every bad row by its JSON path", () => {
  const parsed = parseActivity({
    data: [
      {
        date: "2026-06-31",
        model: "a/b",
        prompt_tokens: 1,
        completion_tokens: 1,
        reasoning_tokens: 0,
        requests: 1,
        usage: 0,
      },
      {
        date: "2026-06-01",
        model: "a/b",
        prompt_tokens: -1,
        completion_tokens: 1,
        reasoning_tokens: 2,
        requests: 1,
        usage: "x",
      },
    ],
  }, "a.json");
  assert.equal(parsed.ok, false);
  if (parsed.ok) return;
  assert.deepEqual(parsed.problems.map((p) => `${p.record}.${p.field}`), [
    "data[0].date",
    "data[1].prompt_tokens",
    "data[1].usage",
  ]);
  const notActivity = parseActivity({ rows: [] }, "a.json");
  assert.equal(notActivity.ok, false);
});

Deno.test("whatIfBill() keeps the logged cost of traffic that stays on the model it ran on, and counts it against the cap", async () => {
  const file = "tests/fixtures/whatif/activity.json";
  const parsed = parseActivity(
    JSON.parse(await Deno.readTextFile(file)),
    file,
    {
      "acme/big": "review",
      "acme/hyper": "agents",
    },
  );
  assert.ok(parsed.ok);
  if (!parsed.ok) return;
  const policy = policyOf({
    dollar_track: { primary: "acme/big", budget_cap_usd: 3 },
    routes: { review: "dollar_track", agents: "token_track" },
  });
  const result = priced(parsed.workload, policy, { cacheHit: 0 });
  const review = result.rows.filter(pl.col("stream").eq(pl.lit("review")))
    .toRecords()[0];
  // Logged $2.50 + $0.90 on acme/big, which the Dollar track keeps.
  assert.deepEqual(
    [cents(Number(review.now_usd)), cents(Number(review.policy_usd))],
    [340, 340],
  );
  assert.equal(review.price_source, "logged usage (activity)");
  // $3.40 is over the $3 cap, but not by more than 15% ($3.45): no downgrade.
  assert.deepEqual(result.events.map((e) => [e.kind, e.value]), [[
    "cap_exceeded",
    3.4,
  ]]);
  // agents: 0.5M prompt + 20K completion moved from acme/hyper (logged $0.05) to acme/cheap:
  // 0.5M × $0.10 + 20K × $0.20 = $0.054
  assert.equal(result.total.policy_usd.toFixed(3), "3.454");
});

Deno.test("policyWarnings() warns of a fallback repeating its primary or another fallback and of a downgrade to the Dollar track's own primary; the example policy is sound", async () => {
  const example = JSON.parse(
    await Deno.readTextFile("data/examples/routing_skeleton.policy.json"),
  );
  const sound = parsePolicy(example, "p.json");
  assert.ok(sound.ok);
  if (!sound.ok) return;
  assert.deepEqual(policyWarnings(sound.policy, "p.json"), []);
  const policy = structuredClone(sound.policy);
  const { primary } = policy.token_track;
  policy.token_track.fallback = ["x/y", primary, "x/y"];
  policy.dollar_track.downgrade_to = policy.dollar_track.primary;
  const warnings = policyWarnings(policy, "p.json");
  assert.deepEqual(
    warnings.map((w) => [w.severity, w.field, w.value, w.code]),
    [
      [
        "warning",
        "token_track.fallback[1]",
        JSON.stringify(primary),
        "degenerate_policy",
      ],
      ["warning", "token_track.fallback[2]", '"x/y"', "degenerate_policy"],
      [
        "warning",
        "dollar_track.downgrade_to",
        JSON.stringify(policy.dollar_track.primary),
        "degenerate_policy",
      ],
    ],
  );
  assert.match(warnings[1].expected, /other than fallback\[0\]/);
  // Without downgrade_to, the target is the Token track's primary.
  policy.dollar_track.downgrade_to = null;
  policy.dollar_track.primary = primary;
  assert.match(
    policyWarnings(policy, "p.json").at(-1)!.value,
    /^"?null \(token_track\.primary/,
  );
});
