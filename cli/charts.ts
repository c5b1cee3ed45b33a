/**
 * `deno task charts [--data DIR] [--out DIR]`: write every chart as SVG and
 * PNG to `OUT/charts/`, without the rest of the report.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { buildReport } from "../lib/report.ts";

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      data: { type: "string", default: "data" },
      out: { type: "string", default: "out" },
    },
  });
  await buildReport({
    dataDir: values.data!,
    outDir: values.out!,
    chartsOnly: true,
  });
  console.log(`charts written to ${values.out}/charts/`);
}
