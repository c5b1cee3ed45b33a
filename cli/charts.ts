/**
 * `deno task charts [--data DIR] [--out DIR] [--only NAME[,NAME]] [--title T]
 * [--subtitle S] [--width PX] [--theme light|dark] [--as-of YYYY-MM-DD]`:
 * write every chart (or some) with its article kit to `OUT/charts/`,
 * without the rest of the report.
 *
 * Exit codes: 0 when the charts were written; 1 on invalid or missing data
 * (every problem is printed with its file and record); 2 on a usage error: a
 * bad option or value (one line naming it), or an output folder that may not
 * be replaced.
 *
 * @module
 */
import { buildReport } from "../lib/report/report.ts";
import { CHART_NAMES } from "../lib/charts/registry.ts";
import { THEMES } from "../lib/charts/chart_theme.ts";
import {
  asOfOption,
  choiceOption,
  namesOption,
  parseCliArgs,
  UsageError,
  wholeNumberOption,
} from "./_args.ts";
import { commandFailure } from "./_errors.ts";
import { CHARTS_OPTIONS } from "./_options.ts";

const USAGE =
  `Usage: deno task charts [--data DIR] [--out DIR] [--only NAME[,NAME]] [--title TEXT] [--subtitle TEXT] [--width PX] [--theme light|dark] [--as-of YYYY-MM-DD]

Load and check every file of the data folder and write each chart with its
article kit (NAME.svg, .png, .dark.svg, .dark.png, .social.png, .csv, .json)
to OUT/charts/, which is replaced whole.

Options:
  --data DIR          Data folder (default: data).
  --out DIR           Output folder; the charts go to its charts/ (default: out).
  --only NAME[,NAME]  Only these charts (${CHART_NAMES.join(", ")}).
  --title TEXT        The title drawn in the chart (with --only and one chart).
  --subtitle TEXT     The subtitle drawn in the chart (with --only and one chart).
  --width PX          Width in pixels, 320 to 4000 (default 720); the height follows the chart's aspect.
  --theme light|dark  The theme of NAME.svg and NAME.png (default light; NAME.dark.* are always dark).
  --as-of YYYY-MM-DD  Use only data dated up to that day; the source line says "data to" that day.
  --help              Show this text.`;

/** The widest chart drawn, in pixels. */
const MAX_WIDTH = 4000;
/** The narrowest chart drawn, in pixels. */
const MIN_WIDTH = 320;

async function main(args: string[]): Promise<number> {
  let dataDir = "data";
  try {
    const { values, help } = parseCliArgs(args, CHARTS_OPTIONS);
    if (help) {
      console.log(USAGE);
      return 0;
    }
    dataDir = values.data;
    const only = namesOption("only", values.only, CHART_NAMES);
    for (const option of ["title", "subtitle"] as const) {
      if (values[option] !== undefined && only?.length !== 1) {
        throw new UsageError(
          `--${option} needs --only with one chart, to say which chart it titles`,
        );
      }
    }
    const width = wholeNumberOption("width", values.width, MIN_WIDTH);
    if (width !== undefined && width > MAX_WIDTH) {
      throw new UsageError(
        `--width is "${values.width}", expected a whole number from ${MIN_WIDTH} to ${MAX_WIDTH}`,
      );
    }
    const theme = choiceOption("theme", values.theme, THEMES);
    const asOf = asOfOption(values["as-of"]);
    const results = await buildReport({
      dataDir,
      outDir: values.out,
      asOf,
      chartsOnly: true,
      charts: {
        only,
        title: values.title,
        subtitle: values.subtitle,
        width,
        theme,
      },
    });
    console.log(
      `charts and their kits written to ${values.out}/charts/ (rankings ${
        results.period.rankings?.join(" … ") ?? "none"
      }${asOf === null ? "" : `, cut at ${asOf}`})`,
    );
    return 0;
  } catch (cause) {
    // One line says what is wrong; the options are one --help away.
    return commandFailure(cause, {
      dataDir,
      usage: "See deno task charts --help for the options.",
    });
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
