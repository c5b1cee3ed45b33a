/**
 * How the report and charts commands end on an error: bad data prints every
 * problem and exits 1, a bad argument or output folder prints one message and
 * exits 2. Private to cli/.
 *
 * @module
 */
import { UsageError } from "./_args.ts";
import { OutputDirError } from "../lib/tooling/output_dir.ts";
import { PreviousRunError } from "../lib/report/since_last_run.ts";
import {
  DataError,
  formatProblem,
  type Problem,
} from "../lib/loading/problems.ts";
import { WorkspaceError } from "../lib/loading/workspace.ts";
import { escapeTerminal } from "../lib/text/escape.ts";

/** Exit code for invalid data: the problems were printed and nothing was written. */
export const EXIT_BAD_DATA = 1;
/** Exit code for a usage error: a bad option or an output folder that may not be written. */
export const EXIT_USAGE = 2;

export { asOfOption, UsageError } from "./_args.ts";

/**
 * Print why a command failed and tell its exit code.
 *
 * - {@linkcode WorkspaceError}, {@linkcode DataError}: every error with
 *   `formatProblem`, then `N error(s) in DATA: nothing was written`; exit 1.
 * - {@linkcode UsageError}, {@linkcode OutputDirError},
 *   {@linkcode PreviousRunError} (`--compare` of a folder with no ledger): `error: MESSAGE`
 *   (and the usage text for a bad option); exit 2.
 * - `Deno.errors.NotCapable` (a folder outside the task's permissions):
 *   the message and how to grant it; exit 2.
 * - Anything else is a bug and is rethrown, so its stack is shown.
 *
 * @param cause What the command threw.
 * @param context `dataDir`: the data folder, for the summary line; `usage`: the command's usage text.
 * @returns The exit code.
 * @throws {unknown} `cause`, when it is none of the errors above.
 *
 * @example A usage error
 * ```ts
 * import assert from "node:assert/strict";
 * const error = console.error;
 * console.error = () => {};
 * try {
 *   assert.equal(commandFailure(new UsageError("bad"), { dataDir: "data", usage: "" }), 2);
 * } finally {
 *   console.error = error;
 * }
 * ```
 */
export function commandFailure(
  cause: unknown,
  context: { dataDir: string; usage: string },
): number {
  let problems: readonly Problem[] | null = null;
  if (cause instanceof WorkspaceError) problems = cause.errors;
  else if (cause instanceof DataError) {
    problems = cause.problems.filter((p) => p.severity === "error");
  }
  if (problems !== null) {
    for (const problem of problems) {
      console.error(escapeTerminal(formatProblem(problem)));
    }
    console.error(
      `\n${problems.length} error(s) in ${context.dataDir}: nothing was written`,
    );
    return EXIT_BAD_DATA;
  }
  if (cause instanceof UsageError) {
    console.error(
      `error: ${escapeTerminal(cause.message)}\n\n${context.usage}`,
    );
    return EXIT_USAGE;
  }
  if (cause instanceof Deno.errors.NotCapable) {
    console.error(
      `error: ${
        escapeTerminal(cause.message)
      }\nThe task reads only the project folder and the paths its options name, and writes only its output folder (see "Tasks and their permissions" in README.md); name the folder with an option, or run the command with deno run and --allow-read/--allow-write for it.\nNothing was written.`,
    );
    return EXIT_USAGE;
  }
  if (cause instanceof OutputDirError || cause instanceof PreviousRunError) {
    console.error(
      `error: ${escapeTerminal(cause.message)}${
        cause.message.startsWith("Lost the lock")
          ? ""
          : "\nNothing was written."
      }`,
    );
    return EXIT_USAGE;
  }
  throw cause;
}
