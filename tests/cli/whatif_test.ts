// Runs `deno task whatif` as a subprocess on the examples in data/examples/.
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { join } from "node:path";
import { priceRows } from "../../lib/analysis/prices.ts";
import { loadWorkspace } from "../../lib/loading/workspace.ts";
import { OUTPUT_MARKER } from "../../lib/tooling/output_dir.ts";
import {
  caseStudyWorkload,
  EXAMPLE_MONTH,
  workloadCsv,
} from "../../lib/whatif/example_workload.ts";
import { inTempDir, names, runTask } from "../_helpers.ts";

const POLICY = "data/examples/routing_skeleton.policy.json";
const WORKLOAD = "data/examples/case_study_team.workload.csv";
const MONTH = "data/examples/case_study_team_month_spike.workload.csv";

Deno.test("the example workloads in data/examples/ are exactly what caseStudyWorkload() builds from the bundled data", async () => {
  const ws = await loadWorkspace("data");
  const book = { ...ws, prices: priceRows(ws).prices };
  assert.equal(
    await Deno.readTextFile(WORKLOAD),
    workloadCsv(caseStudyWorkload(book)),
  );
  assert.equal(
    await Deno.readTextFile(MONTH),
    workloadCsv(caseStudyWorkload(book, EXAMPLE_MONTH)),
  );
});

Deno.test("deno task whatif prices the example month: all-Sonnet $3,200.00 becomes $499.80 under the skeleton at 2026-05-24 prices", async () => {
  await inTempDir(async (dir) => {
    const out = join(dir, "whatif");
    const run = await runTask("whatif", [
      "--policy",
      POLICY,
      "--workload",
      WORKLOAD,
      "--as-of",
      "2026-05-24",
      "--out",
      out,
    ]);
    assert.equal(run.code, 0, run.stderr);
    // Hand check, per month at 2026-05-24 list prices (tracker mix: 93.94% input, 48.63% of it cached):
    // agents_ide + multimodal_docs + 8% gray overflow = 82% of tokens on V4 Flash ($0.10/$0.20/$0.02)
    // and 8% on Opus 4.7 ($5/$25/$0.50, 5/3 of Sonnet's prices: 0.08 × 3200 × 5/3 = $426.67).
    assert.match(run.stdout, /^total\s+\$3,200\.00\s+\$499\.80\s+-84\.4%$/m);
    assert.match(
      run.stdout,
      /security_audit\s+dollar_track\s+anthropic\/claude-sonnet-4\.6 → anthropic\/claude-opus-4\.7\s+102\.64M\s+\$256\.00\s+\$426\.67\s+\+66\.7%/,
    );
    assert.match(run.stdout, /gray_pool_limit: gray pool routes 18\.0%/);
    assert.deepEqual(await names(out), [
      OUTPUT_MARKER,
      "whatif.csv",
      "whatif.md",
    ]);
    const md = await Deno.readTextFile(join(out, "whatif.md"));
    assert.match(md, /\*\*\$3,200\.00 now, \$499\.80 under the policy/);
    assert.match(
      md,
      /\| deepseek\/deepseek-v4-flash \| OpenRouter price history \(models\.dev\) \| 2026-05-22 \|/,
    );
    const csv = (await Deno.readTextFile(join(out, "whatif.csv"))).split("\n");
    assert.equal(
      csv[0],
      "stream,track,model_now,model,prompt_tokens,cached_tokens,completion_tokens,requests,now_usd,policy_usd,change_usd,change_pct,now_basis,price_source,price_date,cache_basis",
    );
    assert.equal(csv.filter((line) => line !== "").length, 6);
  });
});

Deno.test("deno task whatif exits 1 with every problem line and writes nothing on an invalid policy and workload", async () => {
  await inTempDir(async (dir) => {
    const policy = join(dir, "policy.json");
    await Deno.writeTextFile(
      policy,
      JSON.stringify({
        token_track: { primary: "acme/nothing", fallback: [] },
        dollar_track: {
          primary: "anthropic/claude-opus-4.7",
          budget_cap_usd: -1,
        },
        gray_pool: { model: "openrouter/owl-alpha", max_share: 0.1 },
        routes: { agents: "token_track" },
      }),
    );
    const workload = join(dir, "workload.csv");
    await Deno.writeTextFile(
      workload,
      "stream,model,prompt_tokens,cached_tokens,completion_tokens,requests\nagents,a/b,10,20,1,1\n",
    );
    const out = join(dir, "out");
    const run = await runTask("whatif", [
      "--policy",
      policy,
      "--workload",
      workload,
      "--out",
      out,
    ]);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(
      run.stderr,
      new RegExp(
        `^error: ${policy}: dollar_track\\.budget_cap_usd is -1, expected a cap of 0 USD or more$`,
        "m",
      ),
    );
    assert.match(
      run.stderr,
      new RegExp(
        `^error: ${workload}: line 2\\.cached_tokens is 20, expected at most prompt_tokens \\(10\\)`,
        "m",
      ),
    );
    assert.match(run.stderr, /2 problem\(s\): nothing was written/);
    assert.ok(!run.stderr.includes("    at "), run.stderr);
    await assert.rejects(Deno.stat(out), Deno.errors.NotFound);
  });
});

Deno.test("deno task whatif exits 2 on a missing --workload, a --cache-hit above 1 and an --as-of that is no date", async () => {
  for (
    const [args, message] of [
      [["--policy", POLICY], /--workload is required/],
      [
        ["--policy", POLICY, "--workload", WORKLOAD, "--cache-hit", "1.2"],
        /--cache-hit is "1\.2", expected a share from 0 to 1/,
      ],
      [
        ["--policy", POLICY, "--workload", WORKLOAD, "--as-of", "2026-02-30"],
        /--as-of is "2026-02-30"/,
      ],
    ] as const
  ) {
    const run = await runTask("whatif", [...args]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, message);
    assert.match(run.stderr, /Usage: deno task whatif/);
  }
});

Deno.test("deno task whatif without --policy bills the per-request example as it ran and reconciles it: Sonnet 4.5 logged $1.53 against $0.81 at list prices", async () => {
  // data/examples/per_request_logged.workload.csv, Sonnet 4.5 at the models list's 2026-05-01 3/15/0.3/3.75 (no 1-hour write price, no tier):
  // request 1: 0 uncached + 8K × 0.3 + 4K × 3.75 + 800 × 15 = 0.0024 + 0.015 + 0.012 = 0.0294;
  // request 2: 230K × 3 + 20K × 3 (1-hour write at the input rate) + 2K × 15 = 0.69 + 0.06 + 0.03 = 0.78.
  await inTempDir(async (dir) => {
    const out = join(dir, "whatif");
    const run = await runTask("whatif", [
      "--workload",
      "data/examples/per_request_logged.workload.csv",
      "--out",
      out,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const md = await Deno.readTextFile(join(out, "whatif.md"));
    assert.match(
      md,
      /\| anthropic\/claude-sonnet-4\.5 \| 2026-06-01 \| \$1\.53 \| \$0\.81 \| \$0\.72 \| \+88\.7% \|/,
    );
    assert.match(
      md,
      /- anthropic\/claude-sonnet-4\.5: logged \$1\.53, recomputed \$0\.81 \(\+88\.7%\): an unpriced cache write/,
    );
    const csv = await Deno.readTextFile(join(out, "whatif.csv"));
    const sonnet = csv.split("\n").find((l) =>
      l.includes("claude-sonnet-4.5")
    )!;
    assert.match(sonnet, /,0\.8094,1\.5276,/);
    assert.match(run.stdout, /\$1\.01 at list prices, \$1\.72 logged/);
  });
});

Deno.test("deno task whatif bills a Parquet per-request log at scale, to the same total as the row-by-row bill of the same rows as CSV", async () => {
  await inTempDir(async (dir) => {
    const rows = [
      [
        "2026-06-01T10:00:00Z",
        "anthropic/claude-sonnet-4.5",
        250000,
        100000,
        0.9,
      ],
      [
        "2026-06-01T11:00:00Z",
        "anthropic/claude-sonnet-4.5",
        12000,
        8000,
        0.01,
      ],
      ["2026-06-20T11:00:00Z", "deepseek/deepseek-v4-flash", 100000, 90000, 0],
    ] as const;
    const frame = pl.DataFrame({
      timestamp: rows.map((r) => r[0]),
      stream: rows.map(() => "agents"),
      model: rows.map((r) => r[1]),
      prompt_tokens: pl.Series(
        "prompt_tokens",
        rows.map((r) => r[2]),
        pl.Int64,
      ),
      cached_tokens: pl.Series(
        "cached_tokens",
        rows.map((r) => r[3]),
        pl.Int64,
      ),
      completion_tokens: pl.Series(
        "completion_tokens",
        rows.map(() => 1000),
        pl.Int64,
      ),
      requests: pl.Series("requests", rows.map(() => 1), pl.Int64),
      logged_usd: rows.map((r) => r[4]),
    });
    frame.writeParquet(join(dir, "log.parquet"));
    frame.writeCSV(join(dir, "log.csv"));
    const bills: string[] = [];
    for (const file of ["log.parquet", "log.csv"]) {
      const out = join(dir, `out_${file}`);
      const run = await runTask("whatif", [
        "--workload",
        join(dir, file),
        "--out",
        out,
      ]);
      assert.equal(run.code, 0, run.stderr);
      const md = await Deno.readTextFile(join(out, "whatif.md"));
      bills.push(md.match(/\*\*(\$[\d.,]+) at list prices\.\*\*/)![1]);
      if (file === "log.parquet") {
        assert.match(run.stderr, /read and summed 3 rows into \d+ buckets/);
        assert.match(md, /## Reconciliation: logged against recomputed/);
      }
    }
    assert.equal(bills[0], bills[1]);
  });
});
