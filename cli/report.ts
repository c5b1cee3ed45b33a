/**
 * `deno task report [--data DIR] [--out DIR] [--as-of YYYY-MM-DD]`: the main
 * job. Loads and validates all data, runs every analysis and writes the output
 * folder whole. Invalid data stops the run with the validator's messages and
 * writes nothing.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { buildReport } from "../lib/report.ts";
import { formatProblem } from "../lib/problems.ts";
import { WorkspaceError } from "../lib/workspace.ts";

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      data: { type: "string", default: "data" },
      out: { type: "string", default: "out" },
      "as-of": { type: "string" },
      "charts-only": { type: "boolean", default: false },
    },
  });
  const asOf = values["as-of"] ?? null;
  if (asOf !== null && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    console.error(
      `--as-of is ${JSON.stringify(asOf)}, expected a date YYYY-MM-DD`,
    );
    Deno.exit(2);
  }
  const started = performance.now();
  try {
    const results = await buildReport({
      dataDir: values.data!,
      outDir: values.out!,
      asOf,
      chartsOnly: values["charts-only"],
    });
    const counts = new Map<string, number>();
    for (const e of results.ledger) {
      counts.set(e.verdict, (counts.get(e.verdict) ?? 0) + 1);
    }
    console.log(
      `${values["charts-only"] ? "charts" : "report"} written to ${values.out}${
        values["charts-only"] ? "/charts" : ""
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
  } catch (cause) {
    if (cause instanceof WorkspaceError) {
      for (const problem of cause.errors) console.error(formatProblem(problem));
      console.error(
        `\n${cause.errors.length} error(s) in ${values.data}: nothing was written`,
      );
      Deno.exit(1);
    }
    throw cause;
  }
}
