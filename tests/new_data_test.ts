// Slow: builds the whole report once (~3 s) on a copy of data/ with newer files.
//
// A newer file of each kind is made from the real one it follows, so its shape
// is the source's own, not an invented one:
//   rankings-daily/2026-06-23_2026-07-20.json — the bundled month with every
//     date moved 28 days later (days already in the bundled file dropped, so no
//     day is carried twice), tokens × 1.05, and one model no reference table
//     knows, "newlab/new-model-20260701", from 2026-07-01 on;
//   openrouter-models/2026-07-01.models.json — the 2026-05-01 list with DeepSeek
//     V4 Flash repriced to 0.07 / 0.14 / 0.014 USD per M (input / output / cache read);
//   inference-stats/2026-02-15.json — the 2026-02-08 week, token counts × 1.1,
//     totals and estimated_revenue recomputed the tracker's way.
import assert from "node:assert/strict";
import { join } from "node:path";
import { csvParse } from "d3-dsv";
import { buildReport } from "../lib/report/report.ts";
import { copyDir, writeJson } from "./_helpers.ts";

const RANKINGS = "raw/rankings-daily/2026-05-24_2026-06-22.json";
const NEW_MODEL = "newlab/new-model-20260701";
/** Tokens of the new model on day `i` of July (1-based), made up but plausible for a top-50 row. */
const newModelTokens = (day: number) => 40_000_000_000 + day * 1_000_000_000;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function readJson(file: string) {
  return JSON.parse(await Deno.readTextFile(file));
}

async function readCsv(file: string): Promise<Record<string, string>[]> {
  return csvParse(await Deno.readTextFile(file)) as unknown as Record<
    string,
    string
  >[];
}

/** Tracker revenue: prompt × prompt price + completion × output price + cached × cache-read price, to the cent. */
function trackerRevenue(m: Record<string, number>): number {
  const usd = m.prompt_tokens * m.prompt_price +
    m.completion_tokens * m.completion_price +
    m.cached_tokens * m.cache_read_price;
  return Math.round(usd * 100) / 100;
}

const parent = await Deno.makeTempDir({ prefix: "tokenbook_new_data_" });
// Removed when the test run ends, also when --filter skips the last test.
globalThis.addEventListener("unload", () => {
  Deno.removeSync(parent, { recursive: true });
});
const data = join(parent, "data");
const out = join(parent, "out");
await copyDir("data", data);

// rankings-daily: the bundled month moved 28 days later.
const bundledRankings = await readJson(join("data", RANKINGS));
const lastBundledDay = bundledRankings.meta.end_date as string; // 2026-06-22
const laterRows: {
  date: string;
  model_permaslug: string;
  total_tokens: string;
}[] = [];
for (const row of bundledRankings.data) {
  const date = addDays(row.date, 28);
  if (date <= lastBundledDay) continue;
  laterRows.push({
    date,
    model_permaslug: row.model_permaslug,
    total_tokens: String(Math.round(Number(row.total_tokens) * 1.05)),
  });
}
const laterDays = [...new Set(laterRows.map((r) => r.date))].sort();
for (const date of laterDays.filter((d) => d >= "2026-07-01")) {
  laterRows.push({
    date,
    model_permaslug: NEW_MODEL,
    total_tokens: String(newModelTokens(Number(date.slice(8)))),
  });
}
laterRows.sort((a, b) =>
  a.date.localeCompare(b.date) ||
  Number(b.total_tokens) - Number(a.total_tokens)
);
await writeJson(
  join(data, `raw/rankings-daily/${laterDays[0]}_${laterDays.at(-1)}.json`),
  {
    data: laterRows,
    meta: {
      ...bundledRankings.meta,
      start_date: laterDays[0],
      end_date: laterDays.at(-1),
    },
  },
);

// openrouter-models: the 2026-05-01 list, V4 Flash repriced.
const modelsList = await readJson(
  join("data", "raw/openrouter-models/2026-05-01.models.json"),
);
const flash = modelsList.find((m: { id: string }) =>
  m.id === "deepseek/deepseek-v4-flash"
);
flash.pricing = {
  ...flash.pricing,
  prompt: "0.00000007",
  completion: "0.00000014",
  input_cache_read: "0.000000014",
};
await writeJson(
  join(data, "raw/openrouter-models/2026-07-01.models.json"),
  modelsList,
);

// inference-stats: the 2026-02-08 week, one week later, tokens × 1.1.
const tracker = await readJson(
  join("data", "raw/inference-stats/2026-02-08.json"),
);
tracker.date = "2026-02-15";
for (const m of tracker.models) {
  for (
    const key of [
      "prompt_tokens",
      "completion_tokens",
      "reasoning_tokens",
      "cached_tokens",
      "request_count",
    ]
  ) m[key] = Math.round(m[key] * 1.1);
  m.total_tokens = m.prompt_tokens + m.completion_tokens;
  m.percent_change = 10;
  m.estimated_revenue = trackerRevenue(m);
}
const sum = (key: string) =>
  tracker.models.reduce(
    (s: number, m: Record<string, number>) => s + m[key],
    0,
  );
tracker.total_tokens = sum("total_tokens");
tracker.total_revenue = Math.round(sum("estimated_revenue") * 100) / 100;
tracker.token_breakdown = {
  prompt_tokens: sum("prompt_tokens"),
  completion_tokens: sum("completion_tokens"),
  reasoning_tokens: sum("reasoning_tokens"),
  cached_tokens: sum("cached_tokens"),
};
await Deno.writeTextFile(
  join(data, "raw/inference-stats/2026-02-15.json"),
  JSON.stringify(tracker, null, 2),
);

const results = await buildReport({ dataDir: data, outDir: out });
const report = await Deno.readTextFile(join(out, "report.md"));

Deno.test("the newer files are made as planned", () => {
  // The bundled month ends 2026-06-22; moved 28 days it covers 2026-06-21 …
  // 07-20, of which 2026-06-23 … 07-20 (28 days) are new.
  assert.equal(laterDays.length, 28);
  assert.equal(laterDays[0], "2026-06-23");
  assert.equal(laterDays.at(-1), "2026-07-20");
  // 51 rows a day (top 50 + other) and the new model on the 20 days from 07-01.
  assert.equal(laterRows.length, 28 * 51 + 20);
});

Deno.test("a later rankings-daily file adds its weeks to model_tokens_weekly.csv and moves the latest complete week", async () => {
  assert.deepEqual(results.period.rankings, ["2026-05-24", "2026-07-20"]);
  // 2026-06-22 (bundled) + 06-23 … 06-28 (new) complete the week of 06-22;
  // 07-20 is the Monday of a week with one day.
  assert.equal(results.period.latestCompleteWeek, "2026-07-13");
  assert.deepEqual(results.period.partialWeek, {
    week_start: "2026-07-20",
    days_covered: 1,
  });
  assert.match(report, /Latest complete week: \*\*2026-07-13\*\*/);
  assert.match(
    report,
    /\| rankings-daily \| 2 \| \d+ \| 2026-05-24 … 2026-07-20 \|/,
  );
  const rows = await readCsv(join(out, "tables/model_tokens_weekly.csv"));
  const weeks = [...new Set(rows.map((r) => r.week_start))].sort();
  assert.deepEqual(weeks, [
    "2026-05-18",
    "2026-05-25",
    "2026-06-01",
    "2026-06-08",
    "2026-06-15",
    "2026-06-22",
    "2026-06-29",
    "2026-07-06",
    "2026-07-13",
    "2026-07-20",
  ]);
  assert.equal(
    rows.find((r) => r.week_start === "2026-06-22")!.days_covered,
    "7",
  );
  // The week of 2026-07-13 is the bundled week of 2026-06-15 moved 28 days,
  // × 1.05 row by row, plus the new model's 7 days.
  const bundledWeek = bundledRankings.data.filter((
    r: { date: string },
  ) => r.date >= "2026-06-15" && r.date <= "2026-06-21");
  const expected = bundledWeek.reduce(
    (s: number, r: { total_tokens: string }) =>
      s + Math.round(Number(r.total_tokens) * 1.05),
    0,
  ) + [13, 14, 15, 16, 17, 18, 19].reduce((s, d) => s + newModelTokens(d), 0);
  const totals = await readCsv(join(out, "tables/weekly_totals.csv"));
  assert.equal(
    Number(totals.find((r) => r.week_start === "2026-07-13")!.tokens),
    expected,
  );
  // The bundled weeks are unchanged: 2026-06-01 still sums to 36135310767290.
  assert.equal(
    totals.find((r) => r.week_start === "2026-06-01")!.tokens,
    "36135310767290",
  );
});

Deno.test("a model and vendor no reference table knows are listed as unknown and break nothing", async () => {
  assert.deepEqual(results.unknownModels, [NEW_MODEL]);
  assert.ok(results.unknownVendors.includes("newlab"));
  assert.match(
    report,
    /Vendors classified `unknown` \(not in reference\/vendors\.csv\): .*newlab/,
  );
  assert.match(
    report,
    /Models not in reference\/models\.csv: newlab\/new-model-20260701/,
  );
  const rows = await readCsv(join(out, "tables/model_tokens_weekly.csv"));
  const mine = rows.filter((r) => r.model === NEW_MODEL);
  assert.deepEqual(mine.map((r) => r.week_start), [
    "2026-06-29",
    "2026-07-06",
    "2026-07-13",
    "2026-07-20",
  ]);
  for (const r of mine) {
    assert.equal(r.vendor, "newlab");
    assert.equal(r.origin, "unknown");
  }
  // 2026-07-01 … 07-05 (Wed–Sun): 5 × 40e9 + (1 + … + 5) × 1e9 = 215e9.
  assert.equal(mine[0].tokens, "215000000000");
  // Its tokens count toward the unknown origin, whose share stays a share.
  const origins = await readCsv(join(out, "tables/origin_share_weekly.csv"));
  const week = origins.filter((r) => r.week_start === "2026-07-13");
  assert.ok(week.some((r) => r.origin === "unknown"));
  const shareSum = week.reduce((s, r) => s + Number(r.share), 0);
  assert.ok(Math.abs(shareSum - 1) < 1e-12, `shares sum to ${shareSum}`);
});

Deno.test("a newer models list shows its snapshot date and its prices enter the agent-task comparison", async () => {
  assert.deepEqual(results.period.modelSnapshots, ["2026-05-01", "2026-07-01"]);
  assert.match(report, /snapshots 2026-05-01, 2026-07-01/);
  // Flash on the 2026-07-01 list, 0.07 / 0.14 / 0.014: 20K × 0.07 + 80K × 0.014
  // + 10K × 0.14 (per M) = 0.0014 + 0.00112 + 0.0014 = 0.00392; Sonnet 0.234.
  const ratios = await readCsv(
    join(out, "tables/agent_task_ratio_by_price_date.csv"),
  );
  const july = ratios.find((r) =>
    r.price_source === "OpenRouter models list" && r.price_date === "2026-07-01"
  )!;
  assert.ok(Math.abs(Number(july.cheap_usd) - 0.00392) < 1e-12);
  assert.ok(
    Math.abs(Number(july.ratio) - 0.234 / 0.00392) < 1e-9 * (0.234 / 0.00392),
  );
  // The bundled 2026-05-01 row is still there: 0.234 / 0.005824.
  const may = ratios.find((r) =>
    r.price_source === "OpenRouter models list" && r.price_date === "2026-05-01"
  )!;
  assert.ok(
    Math.abs(Number(may.ratio) - 0.234 / 0.005824) < 1e-9 * (0.234 / 0.005824),
  );
});

Deno.test("a newer inference-stats week appears in revenue_weekly.csv, reproduced to the cent", async () => {
  assert.deepEqual(results.period.inference, ["2025-11-16", "2026-02-15"]);
  const rows = (await readCsv(join(out, "tables/revenue_weekly.csv"))).filter(
    (r) => r.week === "2026-02-15",
  );
  assert.equal(rows.length, 9);
  for (const r of rows) {
    assert.equal(r.published_formula_matches, "true", r.model);
  }
  const made = tracker.models.find((m: { slug: string }) =>
    m.slug === "anthropic/claude-4.5-sonnet-20250929"
  );
  const sonnet = rows.find((r) =>
    r.model === "anthropic/claude-4.5-sonnet-20250929"
  )!;
  assert.equal(Number(sonnet.published_revenue_usd), made.estimated_revenue);
  assert.equal(Number(sonnet.prompt_tokens), Math.round(693492831109 * 1.1));
  // Cache-aware revenue from the file's own (scaled) counts, computed here.
  const aware = (made.prompt_tokens - made.cached_tokens) * 3e-6 +
    made.cached_tokens * 3e-7 + made.completion_tokens * 1.5e-5;
  assert.ok(Math.abs(Number(sonnet.revenue_cache_aware_usd) - aware) < 0.01);
  assert.match(report, /Tracker revenue, week of 2026-02-15: published \$/);
  assert.match(
    report,
    /\| inference-stats \| 14 \| 126 \| weeks 2025-11-16 … 2026-02-15 \|/,
  );
});

Deno.test("the ledger is recomputed from the newer data", async () => {
  const ledger = JSON.parse(await Deno.readTextFile(join(out, "claims.json")));
  assert.equal(ledger.length, 240);
  const claimsMd = await Deno.readTextFile(join(out, "claims.md"));
  assert.match(claimsMd, /rankings-daily 2026-05-24 … 2026-07-20/);
  assert.match(claimsMd, /inference-stats 2025-11-16 … 2026-02-15/);
  assert.match(claimsMd, /models list 2026-05-01, 2026-07-01/);
  const byId = (id: string) => ledger.find((e: { id: string }) => e.id === id);
  // bb-50 (benchmark vs share, every complete week) now spans eight complete
  // weeks for the two SWE-bench Verified (vendor) and AA series, the four new
  // ones included; the partial week 2026-07-20 is not counted.
  const bb50 = byId("bb-50");
  assert.match(
    bb50.note,
    /SWE-bench Verified \(vendor-reported, %\): rho [^;]*, 8 weeks\)/,
  );
  // bb-01's note says what its week lacks, not the data's range, so newer
  // data leaves it as it was on the bundled data.
  assert.equal(
    byId("bb-01").note,
    "the week of 2026-05-18 has 1 of 7 days in the data; a rankings-daily file covering 2026-05-18 … 2026-05-24 would verify it",
  );
  // Claims about bundled weeks keep their figures: pt-01's week is unchanged.
  assert.equal(byId("pt-01").reproduced, 36_135_310_767_290);
  assert.equal(byId("pt-01").verdict, "contradicted");
});
