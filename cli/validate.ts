/**
 * `deno task validate [PATH...]`: check a file, a folder, or all of `data/`.
 * Prints one line per problem and a summary per source; exits 1 when any
 * file is invalid.
 *
 * @module
 */
import { formatProblem } from "../lib/loading/problems.ts";
import { formatSummaries, validatePaths } from "../lib/loading/validate.ts";

if (import.meta.main) {
  const paths = Deno.args.length > 0 ? Deno.args : ["data"];
  const result = await validatePaths(paths);
  for (const problem of result.problems) console.log(formatProblem(problem));
  if (result.problems.length > 0) console.log("");
  console.log(formatSummaries(result.summaries));
  for (const folder of result.absent) {
    console.log(`absent: ${folder}/ (no file; \`deno task fetch\` saves it)`);
  }
  const errors = result.problems.filter((p) => p.severity === "error").length;
  const warnings = result.problems.length - errors;
  console.log(
    `\n${errors} error(s), ${warnings} warning(s) in ${paths.join(", ")}`,
  );
  Deno.exit(result.ok ? 0 : 1);
}
