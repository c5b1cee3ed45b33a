// Slow: builds the whole report (tables, ledger, charts rendered to PNG) three
// times, ~2–3 s each, and runs the report command once as a subprocess.
import assert from "node:assert/strict";
import { join } from "node:path";
import { csvParse } from "d3-dsv";
import { buildReport } from "../../lib/report/report.ts";
import { copyDir, inTempDir, names, runTask } from "../_helpers.ts";

// Expected figures were computed outside this code with python3 over the raw
// files (quoted next to each assertion); headers are those the brief for the
// report's tables fixes.

const RANKINGS = "raw/rankings-daily/2026-05-24_2026-06-22.json";

/** Every file below `dir`, as relative path → bytes, sorted by path. */
async function snapshot(
  dir: string,
): Promise<Map<string, Uint8Array<ArrayBuffer>>> {
  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  async function walk(sub: string): Promise<void> {
    const names: { name: string; isDirectory: boolean }[] = [];
    for await (const item of Deno.readDir(join(dir, sub))) names.push(item);
    for (const item of names.sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = sub === "" ? item.name : `${sub}/${item.name}`;
      if (item.isDirectory) await walk(rel);
      else files.set(rel, await Deno.readFile(join(dir, rel)));
    }
  }
  await walk("");
  return files;
}

/** SHA-256 of every file below `dir`, as relative path → hex digest. */
async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [path, bytes] of await snapshot(dir)) {
    const digest = await crypto.subtle.digest("SHA-256", bytes);
    out[path] = [...new Uint8Array(digest)].map((b) =>
      b.toString(16).padStart(2, "0")
    ).join("");
  }
  return out;
}

async function readCsv(file: string): Promise<{
  header: string;
  rows: Record<string, string>[];
}> {
  const text = await Deno.readTextFile(file);
  return {
    header: text.slice(0, text.indexOf("\n")),
    rows: csvParse(text) as unknown as Record<string, string>[],
  };
}

const rawBefore = await hashes("data/raw");
const parent = await Deno.makeTempDir({ prefix: "tokenbook_report_" });
// Removed when the test run ends, also when --filter skips the last test.
globalThis.addEventListener("unload", () => {
  Deno.removeSync(parent, { recursive: true });
});
const first = join(parent, "out");
const second = join(parent, "out_again");
const firstResults = await buildReport({ dataDir: "data", outDir: first });

Deno.test("buildReport() writes the report, the ledger, the tables, the charts and the gallery", async () => {
  const top = await names(first);
  for (
    const name of [
      "charts",
      "claims.json",
      "claims.md",
      "index.html",
      "report.md",
      "tables",
    ]
  ) assert.ok(top.includes(name), `${name} missing: ${top}`);
  const tables = await names(join(first, "tables"));
  for (
    const name of [
      "agent_task_cost.csv",
      "benchmark_vs_share.csv",
      "model_tokens_weekly.csv",
      "origin_share_weekly.csv",
      "revenue_weekly.csv",
    ]
  ) assert.ok(tables.includes(name), `tables/${name} missing`);
  const report = await Deno.readTextFile(join(first, "report.md"));
  // python3: the last full week in rankings-daily (2026-05-24 … 2026-06-22)
  // is 2026-06-15 … 06-21, 46656698226967 tokens = 46.66T; 2026-06-22 is alone.
  assert.match(report, /Latest complete week: \*\*2026-06-15\*\*/);
  assert.match(report, /\*\*46\.66T\*\*/);
  assert.match(report, /The week of 2026-06-22 is partial \(1 of 7 days\)/);
  assert.match(report, /240 claims: /);
  assert.equal(firstResults.period.latestCompleteWeek, "2026-06-15");
  const gallery = await Deno.readTextFile(join(first, "index.html"));
  assert.match(gallery, /^<!doctype html>/);
  assert.match(
    gallery,
    /charts\/agent_task_cost\.svg|charts\/agent_task_cost\.png/,
  );
  const ledgerMd = await Deno.readTextFile(join(first, "claims.md"));
  assert.match(ledgerMd, /^# Claims ledger\n/);
  assert.match(
    ledgerMd,
    /\n### pt-01 · \*\*contradicted\*\*\n\n"The OpenRouter Pricing Truth/,
  );
});

Deno.test("claims.json is an array of 240 objects with the ledger's fields, the first eleven as before", async () => {
  const ledger = JSON.parse(
    await Deno.readTextFile(join(first, "claims.json")),
  ) as Record<string, unknown>[];
  assert.ok(Array.isArray(ledger));
  assert.equal(ledger.length, 240);
  const fields = [
    "id",
    "article",
    "section",
    "quote",
    "stated",
    "unit",
    "reproduced",
    "verdict",
    "method",
    "assumptions",
    "note",
    // Added by issue 10: each entry explains itself.
    "check",
    "stated_display",
    "reproduced_display",
    "difference",
    "tolerance",
    "tolerance_rule",
    "evidence",
    "method_flawed",
    "corrected",
    "corrected_display",
    "corrected_method",
    // Added by issue 23: what a reader must know besides the verdict.
    "flags",
    // Added by issue 22: a sentence a writer can paste.
    "sentence",
  ];
  for (const e of ledger) {
    assert.deepEqual(Object.keys(e), fields, String(e.id));
    assert.ok(Array.isArray(e.flags), String(e.id));
  }
  const pt01 = ledger.find((e) => e.id === "pt-01")!;
  // python3: rankings-daily rows dated 2026-06-01 … 06-07 sum to 36135310767290.
  assert.equal(pt01.reproduced, 36_135_310_767_290);
  assert.equal(pt01.stated, 28_900_000_000_000);
  assert.equal(pt01.verdict, "contradicted");
  assert.equal(ledger.find((e) => e.id === "bb-01")!.reproduced, null);
});

Deno.test("the report's tables have the fixed headers and the figures of the raw data", async () => {
  const models = await readCsv(join(first, "tables/model_tokens_weekly.csv"));
  assert.equal(
    models.header,
    "week_start,days_covered,model,vendor,origin,tokens,share,rank,wow_change",
  );
  // python3: deepseek/deepseek-v4-flash-20260423, 2026-06-01 … 06-07 (7 rows): 3685130902674.
  const flash = models.rows.find((r) =>
    r.week_start === "2026-06-01" && r.model === "DeepSeek V4 Flash"
  )!;
  assert.equal(flash.tokens, "3685130902674");
  assert.equal(flash.rank, "1");
  assert.equal(flash.days_covered, "7");
  assert.ok(
    Math.abs(Number(flash.share) - 3685130902674 / 36135310767290) < 1e-12,
  );
  assert.deepEqual(
    [...new Set(models.rows.map((r) => r.week_start))],
    [
      "2026-05-18",
      "2026-05-25",
      "2026-06-01",
      "2026-06-08",
      "2026-06-15",
      "2026-06-22",
    ],
  );

  const origins = await readCsv(join(first, "tables/origin_share_weekly.csv"));
  assert.equal(origins.header, "week_start,days_covered,origin,tokens,share");
  const week = origins.rows.filter((r) => r.week_start === "2026-06-01");
  assert.equal(
    week.reduce((sum, r) => sum + Number(r.tokens), 0),
    36_135_310_767_290,
  );

  const benchmarks = await readCsv(
    join(first, "tables/benchmark_vs_share.csv"),
  );
  assert.equal(
    benchmarks.header,
    "benchmark,week_start,model,score,tokens,share,price",
  );
  assert.ok(benchmarks.rows.length > 0);

  const revenue = await readCsv(join(first, "tables/revenue_weekly.csv"));
  assert.equal(revenue.rows.length, 117); // 13 weekly files × 9 models
  const sonnet = revenue.rows.find((r) =>
    r.week === "2026-02-08" &&
    r.model === "anthropic/claude-4.5-sonnet-20250929"
  )!;
  // 2026-02-08.json estimated_revenue 2397302.04; cache-aware (python) 1052155.5198081.
  assert.equal(sonnet.published_revenue_usd, "2397302.04");
  assert.equal(sonnet.published_formula_matches, "true");
  assert.ok(
    Math.abs(Number(sonnet.revenue_cache_aware_usd) - 1052155.5198081) < 0.01,
  );

  const task = await readCsv(join(first, "tables/agent_task_cost.csv"));
  assert.equal(
    task.header,
    "scenario,model,price_source,price_date,cache_treatment,cache_hit_rate,uncached_input_usd,cache_read_usd,cache_write_usd,output_usd,total_usd,assumptions",
  );
  // 000 article's $0.008: launch prices 0.14/0.28/0.028 with cache reads charged = 0.00784;
  // its $0.21: Sonnet 3/15 with cache reads not billed.
  const flashRow = task.rows.find((r) => r.scenario.includes("pt-40"))!;
  assert.equal(flashRow.price_date, "2026-04-24");
  assert.equal(flashRow.cache_treatment, "cache-read-rate");
  assert.ok(Math.abs(Number(flashRow.total_usd) - 0.00784) < 1e-12);
  const sonnetRow = task.rows.find((r) => r.scenario.includes("pt-41"))!;
  assert.equal(sonnetRow.cache_treatment, "cache-free");
  assert.ok(Math.abs(Number(sonnetRow.total_usd) - 0.21) < 1e-12);
});

Deno.test("buildReport() draws each chart as an SVG and a PNG, with its kit beside them", async () => {
  const charts = await names(join(first, "charts"));
  const svgs = charts.filter((n) => /^[a-z_]+\.svg$/.test(n)).map((n) =>
    n.slice(0, -4)
  );
  const pngs = charts.filter((n) => /^[a-z_]+\.png$/.test(n)).map((n) =>
    n.slice(0, -4)
  );
  assert.deepEqual(svgs, pngs);
  // The kit: dark SVG and PNG, social card, CSV, JSON; nothing else.
  assert.deepEqual(
    charts,
    svgs.flatMap((name) =>
      [".csv", ".dark.png", ".dark.svg", ".json", ".png", ".social.png", ".svg"]
        .map((ending) => `${name}${ending}`)
    ).sort(),
  );
  assert.deepEqual(svgs, [
    "agent_task_cost",
    "cache_hit_observed",
    "origin_share_weekly",
    "quality_per_dollar",
    "ratio_vs_cache_hit",
    "revenue_published_vs_cache_aware",
    "self_hosting_break_even",
    "token_vs_dollar_share",
    "tokens_vs_benchmark",
    "top_models_weekly",
    "weekly_movers",
  ]);
  for (const name of svgs) {
    const svg = await Deno.readTextFile(join(first, "charts", `${name}.svg`));
    assert.match(svg, /^<svg /, name);
    const png = await Deno.readFile(join(first, "charts", `${name}.png`));
    assert.deepEqual(
      [...png.slice(0, 8)],
      [137, 80, 78, 71, 13, 10, 26, 10],
      name,
    );
  }
});

Deno.test("buildReport() twice on the same data gives byte-identical output", async () => {
  await buildReport({ dataDir: "data", outDir: second });
  const a = await snapshot(first);
  const b = await snapshot(second);
  assert.deepEqual([...b.keys()], [...a.keys()]);
  const differing = [...a.keys()].filter((path) => {
    const x = a.get(path)!;
    const y = b.get(path)!;
    return x.length !== y.length || x.some((byte, i) => byte !== y[i]);
  });
  assert.deepEqual(differing, []);
});

Deno.test("the report command exits 1 on invalid data, names the file and record, and leaves the previous output untouched", async () => {
  await inTempDir(async (dir) => {
    const data = join(dir, "data");
    await copyDir("data", data);
    const file = join(data, RANKINGS);
    const rankings = JSON.parse(await Deno.readTextFile(file));
    rankings.data[12].total_tokens = "-5";
    rankings.data[40].date = "2026-06-31";
    await Deno.writeTextFile(file, JSON.stringify(rankings, null, 1));
    const out = join(dir, "out");
    await Deno.mkdir(join(out, "charts"), { recursive: true });
    await Deno.writeTextFile(join(out, "report.md"), "# previous report\n");
    await Deno.writeTextFile(join(out, "charts", "old.svg"), "<svg/>");
    const before = await snapshot(dir);
    const beforeTop = await names(dir);

    const { code, stderr } = await runTask("report", [
      "--data",
      data,
      "--out",
      out,
    ]);
    assert.equal(code, 1, stderr);
    assert.ok(
      stderr.includes(
        `error: ${file}: data[12].total_tokens is "-5", expected`,
      ),
      stderr,
    );
    assert.ok(
      stderr.includes(
        `error: ${file}: data[40].date is "2026-06-31", expected`,
      ),
      stderr,
    );
    assert.match(stderr, /2 error\(s\) in .*: nothing was written/);
    // Nothing new (no temporary folder left next to out), nothing changed.
    assert.deepEqual(await names(dir), beforeTop);
    const after = await snapshot(dir);
    assert.deepEqual([...after.keys()], [...before.keys()]);
    for (const [path, bytes] of before) {
      assert.deepEqual(after.get(path), bytes, path);
    }
  });
});

Deno.test("buildReport() --as-of 2026-06-07 stops every weekly table at the complete week of 2026-06-01", async () => {
  const out = join(parent, "out_as_of");
  const results = await buildReport({
    dataDir: "data",
    outDir: out,
    asOf: "2026-06-07",
  });
  assert.equal(results.period.latestCompleteWeek, "2026-06-01");
  assert.deepEqual(results.period.rankings, ["2026-05-24", "2026-06-07"]);
  assert.equal(results.period.partialWeek, null);
  const report = await Deno.readTextFile(join(out, "report.md"));
  assert.match(report, /cut at 2026-06-07 \(--as-of\)/);
  assert.match(report, /Latest complete week: \*\*2026-06-01\*\*/);
  // python3: 2026-06-01 … 06-07 sum to 36135310767290 = 36.14T.
  assert.match(report, /\*\*36\.14T\*\*/);
  for (
    const table of [
      "model_tokens_weekly.csv",
      "origin_share_weekly.csv",
      "weekly_totals.csv",
      "benchmark_vs_share.csv",
    ]
  ) {
    const { rows } = await readCsv(join(out, "tables", table));
    const weeks = [...new Set(rows.map((r) => r.week_start))].sort();
    assert.equal(weeks.at(-1), "2026-06-01", table);
  }
  const totals = (await readCsv(join(out, "tables/weekly_totals.csv"))).rows;
  assert.deepEqual(totals.map((r) => [r.week_start, r.days_covered]), [
    ["2026-05-18", "1"],
    ["2026-05-25", "7"],
    ["2026-06-01", "7"],
  ]);
  assert.equal(totals[2].tokens, "36135310767290");
  // Prices are cut too: no price date after 2026-06-07 (V4 Flash's last
  // price-history record by then is 2026-05-30).
  const ratios = (await readCsv(
    join(out, "tables/agent_task_ratio_by_price_date.csv"),
  )).rows;
  assert.equal(
    ratios.map((r) => r.price_date).sort().at(-1),
    "2026-05-30",
  );
});

Deno.test("building reports leaves every file of data/raw unchanged", async () => {
  assert.deepEqual(await hashes("data/raw"), rawBefore);
  assert.equal(Object.keys(rawBefore).length, 16); // 1 rankings + 1 models list + 13 inference-stats + 1 observed prices
});

Deno.test("buildReport() writes tables/SOURCES.md: every table with its source, OpenRouter's citation on each rankings table", async () => {
  const text = await Deno.readTextFile(join(first, "tables/SOURCES.md"));
  const tables = (await names(join(first, "tables"))).filter((n) =>
    n.endsWith(".csv")
  );
  assert.equal(tables.length, 12);
  for (const name of tables) assert.match(text, new RegExp(`\`${name}\``));
  // quality_per_dollar.csv rests on benchmarks and prices, not on rankings-daily
  const quality =
    text.split("\n").find((l) => l.includes("quality_per_dollar.csv")) ?? "";
  assert.match(quality, /published benchmark scores .*OpenRouter list prices/);
  assert.doesNotMatch(quality, /CC BY 4\.0/);
  assert.match(
    text,
    /`openrouter_vs_vendor_prices\.csv`: Source: OpenRouter models list and price history \(models\.dev\), latest record per model, against the vendors' own list prices in vendor list price \(genai-prices 0\.1\.8\)/,
  );
  for (
    const name of [
      "model_tokens_weekly.csv",
      "origin_share_weekly.csv",
      "weekly_totals.csv",
    ]
  ) {
    const line = text.split("\n").find((l) => l.includes(name)) ?? "";
    // The bundled month has no original meta block: its days and provenance in words.
    assert.match(
      line,
      /Source: OpenRouter \(openrouter\.ai\/rankings\), daily data 24 May – 22 June 2026, via a public archive\. Licensed under CC BY 4\.0\./,
    );
  }
});

Deno.test("report.md lists every part where OpenRouter's list price and the vendor's own differ by more than 1%: Kimi K2.6 input $0.55 against $0.95", async () => {
  // prices_history_openrouter.csv moonshotai/kimi-k2.6 2026-06-30 0.55; genai-prices 0.1.8 moonshotai kimi-k2.6 input_mtok 0.95.
  const report = await Deno.readTextFile(join(first, "report.md"));
  const section =
    report.split("## OpenRouter list price vs the vendor's own")[1]
      .split("\n## ")[0];
  assert.match(
    section,
    /\| moonshotai\/kimi-k2\.6 \| input \| 0\.55 \| OpenRouter price history \(models\.dev\) 2026-06-30 \| 0\.95 \| kimi-k2\.6 \| -42\.1% \|/,
  );
  assert.doesNotMatch(section, /\| anthropic\/claude-sonnet-4\.5 \|/);
  const csv = await Deno.readTextFile(
    join(first, "tables/openrouter_vs_vendor_prices.csv"),
  );
  const flagged = csv.trim().split("\n").slice(1).filter((l) =>
    l.includes(",true,")
  );
  assert.equal(
    section.split("\n").filter((l) =>
      /^\| [a-z]/.test(l) && !l.startsWith("| model |")
    ).length,
    flagged.length,
  );
});

Deno.test("with a saved benchmarks feed, report.md and tables/SOURCES.md cite it, and its series are in the tables", async () => {
  await inTempDir(async (dir) => {
    await copyDir("data", `${dir}/data`);
    await Deno.mkdir(`${dir}/data/raw/openrouter-benchmarks`);
    await Deno.copyFile(
      "tests/fixtures/benchmarks/2026-06-23.artificial-analysis.json",
      `${dir}/data/raw/openrouter-benchmarks/2026-06-23.artificial-analysis.json`,
    );
    await buildReport({ dataDir: `${dir}/data`, outDir: `${dir}/out` });
    const citation =
      "Source: Artificial Analysis (artificialanalysis.ai) via OpenRouter (openrouter.ai/rankings). Data as of 2026-06-23T12:00:00.000Z.";
    const report = await Deno.readTextFile(`${dir}/out/report.md`);
    assert.ok(
      report.includes(
        `Benchmark series marked "OpenRouter benchmarks feed": ${citation}`,
      ),
    );
    assert.doesNotMatch(report, /absent[^\n]*openrouter-benchmarks/);
    const sources = await Deno.readTextFile(`${dir}/out/tables/SOURCES.md`);
    assert.ok(
      sources.split("\n").some((line) =>
        line.startsWith("- `benchmark_vs_share.csv`") && line.includes(citation)
      ),
    );
    const rows = csvParse(
      await Deno.readTextFile(`${dir}/out/tables/benchmark_vs_share.csv`),
    );
    assert.deepEqual(
      [...new Set(rows.map((r: Record<string, string>) => r.benchmark))]
        .filter((b) => String(b).includes("OpenRouter benchmarks feed")).sort(),
      [
        "Artificial Analysis Agentic Index (OpenRouter benchmarks feed)",
        "Artificial Analysis Coding Index (OpenRouter benchmarks feed)",
        "Artificial Analysis Intelligence Index (OpenRouter benchmarks feed)",
      ],
    );
  });
});
