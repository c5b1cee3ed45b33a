/**
 * `deno task report [--data DIR] [--out DIR] [--as-of YYYY-MM-DD]`: the main
 * job. Loads and validates all data, runs every analysis and writes the output
 * folder whole. Invalid data stops the run with the validator's messages and
 * writes nothing.
 *
 * Exit codes: 0 when the report was written; 1 on invalid or missing data
 * (every problem is printed with its file and record); 2 on a usage error: a
 * bad option, an `--as-of` that is not a calendar date, or an output folder
 * that may not be replaced (it is, holds or lies in the data folder, or it
 * exists and was not written by tokenbook).
 *
 * @module
 */
import { buildReport } from "../lib/report/report.ts";
import { asOfOption, parseCliArgs } from "./_args.ts";
import { commandFailure } from "./_errors.ts";
import { REPORT_OPTIONS } from "./_options.ts";

const USAGE =
  `Usage: deno task report [--data DIR] [--out DIR] [--as-of YYYY-MM-DD] [--charts-only] [--compare PREV_OUT]

Load and check every file of the data folder, run every analysis and write the
report, claims ledger, tables, charts and gallery to the output folder, which is
replaced whole (its notebooks/ and bench.md are kept).

Options:
  --data DIR          Data folder (default: data).
  --out DIR           Output folder (default: out).
  --as-of YYYY-MM-DD  Use only data dated up to that day.
  --charts-only       Write only OUT/charts/.
  --compare PREV_OUT  Start report.md with "Since the last run": what changed
                      against the output folder PREV_OUT (it may be OUT
                      itself; it is read before anything is written, and its
                      claims.json, summary.json and tables are kept in
                      OUT/previous/).
  --help              Show this text.`;

async function main(args: string[]): Promise<number> {
  let dataDir = "data";
  try {
    const { values, help } = parseCliArgs(args, REPORT_OPTIONS);
    if (help) {
      console.log(USAGE);
      return 0;
    }
    dataDir = values.data;
    const chartsOnly = values["charts-only"];
    const asOf = asOfOption(values["as-of"]);
    const started = performance.now();
    const results = await buildReport({
      dataDir,
      outDir: values.out,
      asOf,
      chartsOnly,
      compare: values.compare ?? null,
    });
    const counts = new Map<string, number>();
    for (const e of results.ledger) {
      counts.set(e.verdict, (counts.get(e.verdict) ?? 0) + 1);
    }
    console.log(
      `${chartsOnly ? "charts" : "report"} written to ${values.out}${
        chartsOnly ? "/charts" : ""
      }/ in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(
      `rankings ${
        results.period.rankings?.join(" … ") ?? "none"
      }; latest complete week ${results.period.latestCompleteWeek ?? "none"}`,
    );
    console.log(
      `claims: ${[...counts].map(([v, n]) => `${n} ${v}`).join(", ")}`,
    );
    console.log(
      chartsOnly
        ? `open ${values.out}/charts/`
        : `open ${values.out}/index.html`,
    );
    return 0;
  } catch (cause) {
    return commandFailure(cause, { dataDir, usage: USAGE });
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
