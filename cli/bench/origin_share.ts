/**
 * The tokenbook side of the pandas comparison in `deno task bench`: load and
 * validate every rankings-daily file of a data folder, classify each row by
 * origin and write the weekly origin shares, exactly as `deno task report`
 * writes `tables/origin_share_weekly.csv`.
 *
 * `deno run --allow-read --allow-write --allow-ffi --allow-env --allow-sys
 * cli/bench/origin_share.ts DATA_DIR OUT_CSV`
 *
 * Exit codes: 0 when the table was written; 1 when the data is invalid (every
 * problem printed); 2 on a usage error. `origin_share_pandas.py` does the same
 * job with pandas.
 *
 * @module
 */
import { classifyModels } from "../../lib/analysis/model_info.ts";
import { weeklyOriginShare } from "../../lib/analysis/weekly.ts";
import { formatProblem } from "../../lib/loading/problems.ts";
import { loadRankingsDaily } from "../../lib/loading/rankings_daily.ts";
import { loadReferenceCsv } from "../../lib/loading/reference.ts";
import { listRawFiles } from "../../lib/loading/workspace.ts";

const USAGE = "Usage: cli/bench/origin_share.ts DATA_DIR OUT_CSV";

async function main(args: string[]): Promise<number> {
  if (args.length !== 2) {
    console.error(USAGE);
    return 2;
  }
  const [dataDir, outFile] = args;
  const files = (await listRawFiles(dataDir))["rankings-daily"];
  const [rankings, vendors, models] = await Promise.all([
    loadRankingsDaily(files),
    loadReferenceCsv("vendors", `${dataDir}/reference/vendors.csv`),
    loadReferenceCsv("models", `${dataDir}/reference/models.csv`),
  ]);
  const errors = [rankings, vendors, models].flatMap((loaded) => loaded.errors);
  if (errors.length > 0) {
    for (const problem of errors) console.error(formatProblem(problem));
    return 1;
  }
  const classified = classifyModels(
    rankings.frame,
    models.frame,
    vendors.frame,
  );
  const table = weeklyOriginShare(classified).select(
    "week_start",
    "days_covered",
    "origin",
    "tokens",
    "share",
  );
  const text = table.writeCSV().toString();
  await Deno.writeTextFile(outFile, text.endsWith("\n") ? text : `${text}\n`);
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
