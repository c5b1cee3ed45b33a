// report --compare PREV_OUT: out/summary.json (lib/report/summary.ts) and the
// "Since the last run" section (lib/report/since_last_run.ts), on crafted
// summaries and on a bundled run followed by a Monday's run.
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildReport } from "../../lib/report/report.ts";
import {
  type PreviousRun,
  readPreviousRun,
  sinceLastRunSection,
} from "../../lib/report/since_last_run.ts";
import type { RunSummary } from "../../lib/report/summary.ts";
import { inTempDir, runTask } from "../_helpers.ts";
import { mondayDataDir } from "../_monday_data.ts";

function summary(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    version: 1,
    data: {
      rankings: ["2026-05-24", "2026-06-22"],
      as_of: null,
      latest_complete_week: "2026-06-15",
      model_snapshots: ["2026-05-01"],
    },
    headline: {
      total_tokens: 4e13,
      wow_change: 0.05,
      top_model: { rank: 1, model: "A", tokens: 4e12, share: 0.1 },
      agent_task_ratio: { min: 29.8, max: 45, dates: 12 },
      tracker_revenue: null,
    },
    origin_shares: { China: 0.5, US: 0.3, Europe: 0.005 },
    top_models: ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"].map((
      model,
      i,
    ) => ({ rank: i + 1, model, tokens: 4e12 - i * 1e11, share: 0.1 })),
    list_prices: [
      { id: "x/flash", input: 0.14, output: 0.28, cache_read: 0.0028 },
      { id: "x/other", input: 1, output: 2, cache_read: null },
    ],
    list_prices_date: "2026-05-01",
    chart_data: { a: "1", b: "2" },
    ...overrides,
  };
}

const claim = (
  id: string,
  verdict: string,
  value: number,
  note = "n",
  evidence = "e",
) => ({
  id,
  verdict,
  reproduced: value,
  reproduced_display: String(value),
  note,
  evidence,
});

Deno.test("sinceLastRunSection() lists each kind of change, and only changes past the thresholds", () => {
  const previous: PreviousRun = {
    dir: "out",
    summary: summary(),
    fromSummary: true,
    claims: [
      claim("c-1", "reproduced", 1),
      claim("c-2", "contradicted", 2),
      claim("c-3", "reproduced", 3),
    ],
    files: {},
  };
  // B and C swap (1 place), K (rank 11) climbs to 2 (9 places), A drops to 6 (5 places).
  const models = ["K", "B", "C", "D", "E", "A", "F", "G", "H", "I", "L"];
  const next = summary({
    data: {
      ...summary().data,
      rankings: ["2026-05-24", "2026-08-22"],
      latest_complete_week: "2026-08-10",
    },
    headline: {
      ...summary().headline,
      total_tokens: 5e13,
      top_model: { rank: 1, model: "K", tokens: 5e12, share: 0.1 },
    },
    origin_shares: { China: 0.52, US: 0.291, Europe: 0.015 },
    top_models: models.map((model, i) => ({
      rank: i + 1,
      model,
      tokens: 1,
      share: 0.1,
    })),
    list_prices: [
      { id: "x/flash", input: 0.07, output: 0.28, cache_read: 0.0028 },
      { id: "x/other", input: 1, output: 2, cache_read: null },
    ],
    list_prices_date: "2026-08-20",
    chart_data: { a: "1", b: "3" },
  });
  const text = sinceLastRunSection(previous, {
    summary: next,
    claims: [
      claim("c-1", "contradicted", 1.5, "restated"),
      claim("c-2", "contradicted", 2),
      claim("c-3", "reproduced", 3.5, "n", "file B"),
    ],
  }).join("\n");
  assert.match(
    text,
    /^## Since the last run\n\nCompared with the output folder `out` \(its claims\.json and summary\.json\); the files read are kept in `previous\/`\./,
  );
  assert.match(
    text,
    /- Latest complete week: 2026-06-15 → 2026-08-10 \(rankings 2026-05-24 … 2026-06-22 → 2026-05-24 … 2026-08-22\)\./,
  );
  assert.match(
    text,
    /Token volume of the latest complete week: 40\.00T → 50\.00T/,
  );
  assert.match(text, /Top model: A 4\.00T \(10\.0%\) → K 5\.00T \(10\.0%\)/);
  assert.match(
    text,
    /Agent task, Sonnet 4\.5 ÷ V4 Flash: 29\.8× to 45\.0× over 12 price dates \(unchanged\)/,
  );
  assert.match(text, /- Top 10: entering K; leaving J\./);
  assert.match(text, /- Top 50: entering L; leaving J\./);
  assert.match(
    text,
    /- Rank moves over 3 places \(top 50 of the latest complete week\): K 11 → 1; A 1 → 6\./,
  );
  // China +2.0 points and Europe +1.0 (not over 1) and US -0.9: only China.
  assert.match(
    text,
    /- Origin share changes over 1 point: China 50\.0% → 52\.0% \(\+2\.0 points\)\./,
  );
  assert.match(
    text,
    /- List-price changes \(models list 2026-05-01 → 2026-08-20\): x\/flash: input \$0\.140\/M → \$0\.070\/M\./,
  );
  assert.match(
    text,
    /- Charts whose data changed \(marked in index\.html\): b\./,
  );
  assert.match(
    text,
    /- Claims whose verdict or value changed: 2:\n {2}- c-1: reproduced → contradicted, value 1 → 1\.5\. Why: restated\n {2}- c-3: reproduced \(unchanged\), value 3 → 3\.5\. Why: evidence e → file B; n$/,
  );
});

Deno.test("a bundled run, then a Monday's run with --compare: the new week, the price change, no claim moved, previous/ kept", async () => {
  await inTempDir(async (dir) => {
    const out = join(dir, "out");
    await buildReport({ dataDir: "data", outDir: out });
    const before = JSON.parse(
      await Deno.readTextFile(join(out, "summary.json")),
    ) as RunSummary;
    assert.equal(before.data.latest_complete_week, "2026-06-15");
    assert.equal(before.headline.top_model?.model, "DeepSeek V4 Flash");
    assert.equal(before.top_models.length, 50);
    const claimsBefore = await Deno.readTextFile(join(out, "claims.json"));
    const data = await mondayDataDir(dir);
    // The output folder is its own previous run: read whole before it is replaced.
    await buildReport({ dataDir: data, outDir: out, compare: out });
    const report = await Deno.readTextFile(join(out, "report.md"));
    assert.ok(
      report.startsWith("# tokenbook report\n\n## Since the last run\n"),
      report.slice(0, 200),
    );
    assert.match(report, /- Latest complete week: 2026-06-15 → 2026-08-10/);
    assert.match(
      report,
      /deepseek\/deepseek-v4-flash: input \$0\.140\/M → \$0\.070\/M/,
    );
    assert.match(report, /- Claims whose verdict or value changed: none\./);
    assert.equal(
      await Deno.readTextFile(join(out, "previous/claims.json")),
      claimsBefore,
    );
    const previous = await readPreviousRun(join(out, "previous"));
    assert.equal(previous.summary.data.latest_complete_week, "2026-06-15");
    const index = await Deno.readTextFile(join(out, "index.html"));
    assert.match(
      index,
      /<figure id="top_models_weekly">[\s\S]*?Data changed since the last run\.[\s\S]*?<\/figure>/,
    );
    // The revenue chart's data (the tracker's weeks) did not change, so it is not marked.
    assert.doesNotMatch(
      index,
      /<figure id="revenue_published_vs_cache_aware">(?:(?!<\/figure>)[\s\S])*Data changed/,
    );
  });
});

Deno.test("--compare of a run with no summary.json reads its tables; of a folder with no ledger exits 2 and writes nothing", async () => {
  await inTempDir(async (dir) => {
    const out = join(dir, "out");
    await buildReport({ dataDir: "data", outDir: out });
    await Deno.remove(join(out, "summary.json"));
    const previous = await readPreviousRun(out);
    assert.equal(previous.fromSummary, false);
    assert.equal(previous.summary.data.latest_complete_week, "2026-06-15");
    assert.equal(previous.summary.top_models[0].model, "DeepSeek V4 Flash");
    assert.ok(Math.abs(previous.summary.origin_shares.China - 0.5436) < 1e-3);
    const empty = join(dir, "empty");
    await Deno.mkdir(empty);
    const run = await runTask("report", [
      "--out",
      join(dir, "new"),
      "--compare",
      empty,
    ]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      run.stderr,
      /--compare .*empty: no claims\.json there, expected an output folder of deno task report/,
    );
    await assert.rejects(
      () => Deno.stat(join(dir, "new")),
      Deno.errors.NotFound,
    );
  });
});
