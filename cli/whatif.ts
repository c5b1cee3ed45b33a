/**
 * `deno task whatif --policy FILE --workload FILE [--as-of DATE] [--out DIR]`:
 * price a team's token workload as it ran and under a routing policy, at the
 * list prices in force on a day. Prints the summary table and writes
 * `whatif.md` and `whatif.csv` to the output folder (default `out/whatif`),
 * whole or not at all.
 *
 * Exit codes: 0 when written; 1 on invalid input (every problem is printed
 * with its file, record and field; nothing is written); 2 on a usage error (a
 * missing or bad option, an output folder that may not be replaced).
 *
 * @module
 */
import { join } from "node:path";
import { priceRows } from "../lib/analysis/prices.ts";
import { formatProblem, type Problem } from "../lib/loading/problems.ts";
import { loadWorkspace } from "../lib/loading/workspace.ts";
import { frameToCsv } from "../lib/report/report.ts";
import { writeOutputDir } from "../lib/tooling/output_dir.ts";
import { whatIfBill } from "../lib/whatif/engine.ts";
import {
  asRanBill,
  asRanFromScale,
  asRanMarkdown,
  type AsRanResult,
  reconciliationLines,
} from "../lib/whatif/as_ran.ts";
import {
  billAtScale,
  NeedsRowPath,
  scanWorkload,
} from "../lib/whatif/scale_bill.ts";
import {
  loadWhatIfInputs,
  WORKLOAD_FORMATS,
  type WorkloadFormat,
} from "../lib/whatif/load_inputs.ts";
import { isOpenRouterUsageLine } from "../lib/whatif/openrouter_usage.ts";
import { policyWarnings } from "../lib/whatif/policy.ts";
import { whatIfMarkdown, whatIfSummary } from "../lib/whatif/whatif_report.ts";
import {
  asOfOption,
  commandFailure,
  EXIT_BAD_DATA,
  UsageError,
} from "./_errors.ts";
import { parseCliArgs } from "./_args.ts";
import { lockFolderOf, WHATIF_OPTIONS } from "./_options.ts";
import { escapeTerminal } from "../lib/text/escape.ts";

const USAGE =
  `Usage: deno task whatif --workload FILE [--policy FILE] [--as-of YYYY-MM-DD] [--out DIR]
                        [--cache-hit F] [--data DIR] [--format NAME]

Without --policy: bill the workload as it ran, exactly, at the list prices of
each row's day, and reconcile it with the cost it logged (per model and day;
every model more than 1% apart with its likely cause).

Price a workload as it ran and under a routing policy (the skeleton of
"2026 OpenRouter: Billing Beats Benchmarks"): gray-pool share limit, monthly
Dollar-track cap with the 15% downgrade rule week by week when the workload
has dates. Writes whatif.md and whatif.csv.

Options:
  --policy FILE       Policy JSON: token_track, dollar_track, gray_pool, routes
                      (optional).
  --workload FILE     OpenRouter per-request usage (JSONL of responses with
                      model, created, usage), a workload CSV
                      (stream,model,prompt_tokens,cached_tokens,
                      completion_tokens,requests; optional date or timestamp,
                      cache_write_tokens, cache_write_1h_tokens,
                      reasoning_tokens, web_searches, logged_usd)
                      or a saved GET /api/v1/activity response (.json).
  --as-of YYYY-MM-DD  List prices in force on that day for every row (default:
                      each row at the prices of its own day; undated rows at
                      the latest prices).
  --out DIR           Output folder (default: out/whatif), replaced whole.
  --cache-hit F       Cached share 0–1 for rows without cached tokens (default:
                      each model's observed rate, else the tracker's share).
  --data DIR          Data folder with the prices (default: data).
  --format NAME       Read the workload as csv, activity, openrouter-usage or
                      anthropic-usage
                      (default: by its content; a Parquet, NDJSON or large
                      CSV log without --policy is billed at scale).`;

function printProblems(problems: readonly Problem[]): number {
  for (const problem of problems) {
    console.error(escapeTerminal(formatProblem(problem)));
  }
  console.error(`\n${problems.length} problem(s): nothing was written`);
  return EXIT_BAD_DATA;
}

/** A workload this large (bytes) or in Parquet/NDJSON is billed at scale. */
const LARGE_WORKLOAD_BYTES = 8 * 1024 * 1024;

/**
 * Bill a large per-request log at scale (`billAtScale()`), with progress on
 * stderr; null when the file is small, or a CSV the scale path leaves to the
 * row path (which then names every problem).
 */
async function billLargeLog(
  file: string,
  dataDir: string,
): Promise<{ result: AsRanResult; seconds: number } | null> {
  const lower = file.toLowerCase();
  const columnar = [".parquet", ".ndjson", ".jsonl"].some((e) =>
    lower.endsWith(e)
  );
  if (!columnar) {
    if (!lower.endsWith(".csv")) return null;
    const size = await Deno.stat(file).then((s) => s.size, () => 0);
    if (size < LARGE_WORKLOAD_BYTES) return null;
  }
  if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) {
    // OpenRouter's per-request usage is JSONL too, in its own shape: its adapter reads it.
    const head = await Deno.open(file).then(async (f) => {
      const buffer = new Uint8Array(65536);
      const n = await f.read(buffer);
      f.close();
      return new TextDecoder().decode(buffer.subarray(0, n ?? 0));
    });
    if (isOpenRouterUsageLine(head.split("\n", 1)[0] ?? "")) return null;
  }
  const ws = await loadWorkspace(dataDir);
  const started = performance.now();
  const book = { ...ws, prices: priceRows(ws).prices };
  try {
    const bill = billAtScale(
      scanWorkload(file),
      book,
      (line) => console.error(`${file}: ${line}`),
    );
    return {
      result: asRanFromScale(bill),
      seconds: (performance.now() - started) / 1000,
    };
  } catch (cause) {
    if (!(cause instanceof NeedsRowPath) || columnar) throw cause;
    console.error(
      `${file}: ${cause.message}; billing it row by row to name every problem`,
    );
    return null;
  }
}

/** Without a policy: write the bill as it ran and its reconciliation. */
async function writeAsRan(
  result: AsRanResult,
  workloadFile: string,
  out: string,
  context: { dataDir: string; seconds: number },
): Promise<number> {
  await writeOutputDir(out, async (dir) => {
    await Deno.writeTextFile(
      join(dir, "whatif.md"),
      asRanMarkdown(result, workloadFile),
    );
    await Deno.writeTextFile(join(dir, "whatif.csv"), frameToCsv(result.rows));
  }, { protect: [context.dataDir], lockFolder: lockFolderOf(out, Deno.cwd()) });
  console.log(
    `${workloadFile}: $${
      result.total.recomputed_usd.toFixed(2)
    } at list prices${
      result.total.logged_usd === null
        ? ""
        : `, $${result.total.logged_usd.toFixed(2)} logged`
    }`,
  );
  const usd = (x: number) => `$${x.toFixed(x !== 0 && x < 0.01 ? 6 : 2)}`;
  for (const m of result.mismatches) {
    console.log(escapeTerminal(
      `apart: ${m.model}: logged ${usd(m.logged_usd)}, recomputed ${
        usd(m.recomputed_usd)
      }: ${m.cause}`,
    ));
  }
  for (const note of result.assumptions) {
    console.log(escapeTerminal(`assumed: ${note}`));
  }
  console.log(
    `priced in ${
      (context.seconds * 1000).toFixed(0)
    } ms; whatif.md and whatif.csv written to ${out}/`,
  );
  return 0;
}

async function main(args: string[]): Promise<number> {
  let dataDir = "data";
  try {
    const { values, help } = parseCliArgs(args, WHATIF_OPTIONS);
    if (help) {
      console.log(USAGE);
      return 0;
    }
    dataDir = values.data;
    if (values.workload === undefined) {
      throw new UsageError("--workload is required");
    }
    const format = values.format as WorkloadFormat | undefined;
    if (format !== undefined && !WORKLOAD_FORMATS.includes(format)) {
      throw new UsageError(
        `--format is ${JSON.stringify(values.format)}, expected one of ${
          WORKLOAD_FORMATS.join(", ")
        }`,
      );
    }
    const asOf = asOfOption(values["as-of"]);
    let cacheHit: number | null = null;
    if (values["cache-hit"] !== undefined) {
      cacheHit = Number(values["cache-hit"]);
      if (
        values["cache-hit"].trim() === "" || !(cacheHit >= 0 && cacheHit <= 1)
      ) {
        throw new UsageError(
          `--cache-hit is ${
            JSON.stringify(values["cache-hit"])
          }, expected a share from 0 to 1 (such as 0.5)`,
        );
      }
    }
    if (values.policy === undefined && format === undefined) {
      const atScale = await billLargeLog(values.workload, dataDir);
      if (atScale !== null) {
        return await writeAsRan(atScale.result, values.workload, values.out, {
          dataDir,
          seconds: atScale.seconds,
        });
      }
    }
    const inputs = await loadWhatIfInputs(
      values.policy ?? null,
      values.workload,
      format,
    );
    if (!inputs.ok) return printProblems(inputs.problems);
    const ws = await loadWorkspace(dataDir);
    const started = performance.now();
    const book = { ...ws, prices: priceRows(ws).prices };
    const asRan = asRanBill(inputs.workload, book, { asOf });
    if (inputs.policy === null) {
      if (!asRan.ok) return printProblems(asRan.problems);
      return await writeAsRan(asRan.result, values.workload, values.out, {
        dataDir,
        seconds: (performance.now() - started) / 1000,
      });
    }
    const priced = whatIfBill(inputs.workload, inputs.policy, book, {
      asOf,
      cacheHit,
      policyFile: values.policy,
    });
    if (!priced.ok) return printProblems(priced.problems);
    if (!asRan.ok) return printProblems(asRan.problems);
    // A degenerate policy (a fallback repeating its primary, a downgrade to
    // the same model) runs, with a warning in the output and the terminal.
    const result = {
      ...priced.result,
      warnings: [
        ...policyWarnings(inputs.policy, values.policy ?? ""),
        ...priced.result.warnings,
      ],
    };
    const seconds = (performance.now() - started) / 1000;
    const files = {
      policyFile: values.policy ?? "",
      workloadFile: values.workload,
    };
    await writeOutputDir(values.out, async (dir) => {
      const reconciliation = reconciliationLines(asRan.result);
      await Deno.writeTextFile(
        join(dir, "whatif.md"),
        whatIfMarkdown(result, files) +
          (reconciliation.length === 0
            ? ""
            : `\n${reconciliation.join("\n")}\n`),
      );
      await Deno.writeTextFile(
        join(dir, "whatif.csv"),
        frameToCsv(result.rows),
      );
    }, {
      protect: [dataDir],
      lockFolder: lockFolderOf(values.out, Deno.cwd()),
    });
    console.log(whatIfSummary(result));
    console.log("");
    for (const event of result.events) {
      console.log(escapeTerminal(
        `${
          event.week === null ? "" : `week of ${event.week}: `
        }${event.kind}: ${event.detail}`,
      ));
    }
    for (const warning of result.warnings) {
      console.log(escapeTerminal(formatProblem(warning)));
    }
    for (const note of result.assumptions ?? []) {
      console.log(escapeTerminal(`assumed: ${note}`));
    }
    console.log(escapeTerminal(
      `prices in force on ${
        result.asOf ??
          (result.period === null ? "the latest date" : "each row's own day")
      }: ${
        result.prices.map((p) => `${p.model_id} (${p.source} ${p.source_date})`)
          .join(", ")
      }`,
    ));
    console.log(
      `priced in ${
        (seconds * 1000).toFixed(0)
      } ms; whatif.md and whatif.csv written to ${values.out}/`,
    );
    return 0;
  } catch (cause) {
    return commandFailure(cause, { dataDir, usage: USAGE });
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
