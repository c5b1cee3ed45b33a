/**
 * `deno task charts [--data DIR] [--out DIR]`: write every chart as SVG and
 * PNG to `OUT/charts/`, without the rest of the report.
 *
 * Exit codes: 0 when the charts were written; 1 on invalid or missing data
 * (every problem is printed with its file and record); 2 on a usage error: a
 * bad option or an output folder that may not be replaced.
 *
 * @module
 */
import { buildReport } from "../lib/report/report.ts";
import { parseCliArgs } from "./_args.ts";
import { commandFailure } from "./_errors.ts";

const USAGE = `Usage: deno task charts [--data DIR] [--out DIR]

Load and check every file of the data folder and write every chart as SVG and
PNG to OUT/charts/, which is replaced whole.

Options:
  --data DIR  Data folder (default: data).
  --out DIR   Output folder; the charts go to its charts/ (default: out).
  --help      Show this text.`;

async function main(args: string[]): Promise<number> {
  let dataDir = "data";
  try {
    const { values, help } = parseCliArgs(args, {
      data: { type: "string", default: "data" },
      out: { type: "string", default: "out" },
    });
    if (help) {
      console.log(USAGE);
      return 0;
    }
    dataDir = values.data;
    await buildReport({ dataDir, outDir: values.out, chartsOnly: true });
    console.log(`charts written to ${values.out}/charts/`);
    return 0;
  } catch (cause) {
    return commandFailure(cause, { dataDir, usage: USAGE });
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
