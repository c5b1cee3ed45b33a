/**
 * `deno task validate [PATH...]`: check a file, a folder, or all of `data/`.
 * Prints one line per problem and a summary per source; exits 1 when any
 * file is invalid, 2 on a usage error.
 *
 * @module
 */
import { formatProblem } from "../lib/loading/problems.ts";
import { formatSummaries, validatePaths } from "../lib/loading/validate.ts";
import { escapeTerminal } from "../lib/text/escape.ts";
import { parseCliArgs, UsageError } from "./_args.ts";

const USAGE = `Usage: deno task validate [PATH...]

Check data files or folders (default: data) and print one line per problem
(file, record, field, value, expected) and a summary per source. Exit status 1
when any file is invalid.

Options:
  --help  Show this text.`;

async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCliArgs(args, {}, { positionals: true });
  } catch (cause) {
    if (!(cause instanceof UsageError)) throw cause;
    console.error(`error: ${cause.message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.help) {
    console.log(USAGE);
    return 0;
  }
  const paths = parsed.positionals.length > 0 ? parsed.positionals : ["data"];
  const result = await validatePaths(paths);
  for (const problem of result.problems) {
    console.log(escapeTerminal(formatProblem(problem)));
  }
  if (result.problems.length > 0) console.log("");
  console.log(formatSummaries(result.summaries));
  for (const folder of result.absent) {
    console.log(
      `absent: ${
        escapeTerminal(folder)
      }/ (no file; \`deno task fetch\` saves it)`,
    );
  }
  for (const field of result.absentFields) console.log(`absent: ${field}`);
  if (result.unread.length > 0) {
    console.log(
      `\nnot read by any loader (${result.unread.length}): ${
        result.unread.map((file) => escapeTerminal(file)).join(", ")
      }`,
    );
  }
  const errors = result.problems.filter((p) => p.severity === "error").length;
  const warnings = result.problems.length - errors;
  console.log(
    `\n${errors} error(s), ${warnings} warning(s) in ${paths.join(", ")}`,
  );
  return result.ok ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
