/**
 * Problems found in input data: errors that make a file unusable and
 * warnings for records that are valid but suspicious.
 *
 * Every problem names the file, the record (a JSON path such as
 * `data[12].total_tokens` or a CSV line such as `line 14`), the field, the
 * value and what was expected, so a user can find and fix it.
 *
 * @module
 */

import { visibleText } from "../text/escape.ts";

/** How bad a problem is: an `error` stops a run, a `warning` leaves the record out visibly. */
export type Severity = "error" | "warning";

/** One problem in one record of one file. */
export interface Problem {
  /** `error` or `warning`. */
  severity: Severity;
  /** Path of the file, as given to the loader. */
  file: string;
  /** Where in the file: a JSON path (`data[12]`) or `line 14`; empty for the whole file. */
  record: string;
  /** The field concerned, or empty when the problem is the record or file itself. */
  field: string;
  /** The offending value, rendered as JSON (strings quoted), or empty. */
  value: string;
  /** What was expected instead, as a sentence fragment. */
  expected: string;
  /** For warnings: a short code naming the kind of suspicion (e.g. `breakdown_zero`). */
  code?: string;
}

/**
 * Render a problem as one line: `error: FILE: RECORD.FIELD is VALUE, expected EXPECTED`.
 *
 * @param problem The problem to render.
 * @returns One line of text with no trailing newline.
 *
 * @example Render an error
 * ```ts
 * import assert from "node:assert/strict";
 * const line = formatProblem({ severity: "error", file: "a.json", record: "data[2]", field: "total_tokens", value: '"-5"', expected: "a non-negative integer" });
 * assert.equal(line, 'error: a.json: data[2].total_tokens is "-5", expected a non-negative integer');
 * ```
 */
export function formatProblem(problem: Problem): string {
  const where = [problem.record, problem.field].filter((s) => s !== "").map(
    visibleText,
  ).join(".");
  const subject = where === "" ? "" : `${where} `;
  const value = problem.value === "" ? "" : `is ${problem.value}, `;
  return `${problem.severity}: ${
    visibleText(problem.file)
  }: ${subject}${value}expected ${visibleText(problem.expected)}`;
}

/**
 * Render any value for a problem message: strings quoted as JSON, numbers as
 * written, `undefined` as `missing`; control and bidirectional characters
 * shown as `\u{202e}`, so a message cannot act on a terminal or page.
 *
 * @param value Any value read from a file.
 * @returns A short printable rendering, cut at 80 characters.
 *
 * @example Quote a string
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(showValue("-5"), '"-5"');
 * assert.equal(showValue(undefined), "missing");
 * assert.equal(showValue("a\u202eb"), '"a\\u{202e}b"');
 * ```
 */
export function showValue(value: unknown): string {
  if (value === undefined) return "missing";
  let text: string;
  if (typeof value === "number" && !Number.isFinite(value)) {
    text = String(value);
  } else if (typeof value === "bigint") text = `${value}`;
  else text = JSON.stringify(value) ?? String(value);
  // JSON escapes C0 controls; show C1, bidirectional and format characters too.
  text = visibleText(text);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * An error carrying every problem found in one or more files. Thrown by the
 * loaders when any problem is an `error`; its message lists them all.
 */
export class DataError extends Error {
  /** Every problem found, errors and warnings. */
  readonly problems: readonly Problem[];

  /**
   * @param problems The problems found; at least one should be an error.
   */
  constructor(problems: readonly Problem[]) {
    const errors = problems.filter((p) => p.severity === "error");
    super(
      `Cannot load data: ${errors.length} problem(s)\n` +
        errors.map(formatProblem).join("\n"),
    );
    this.name = "DataError";
    this.problems = problems;
  }
}

/**
 * Throw a {@linkcode DataError} when any problem is an error; return the
 * warnings otherwise.
 *
 * @param problems Problems collected while loading.
 * @returns The warnings, when there is no error.
 * @throws {DataError} When at least one problem is an error.
 *
 * @example Warnings pass through
 * ```ts
 * import assert from "node:assert/strict";
 * const warn = { severity: "warning" as const, file: "f", record: "", field: "", value: "", expected: "x" };
 * assert.deepEqual(throwOnErrors([warn]), [warn]);
 * ```
 */
export function throwOnErrors(problems: readonly Problem[]): Problem[] {
  if (problems.some((p) => p.severity === "error")) {
    throw new DataError(problems);
  }
  return problems.filter((p) => p.severity === "warning");
}

/** Build an error problem. */
export function error(
  file: string,
  record: string,
  field: string,
  value: unknown,
  expected: string,
): Problem {
  return {
    severity: "error",
    file,
    record,
    field,
    value: value === undefined && field === "" ? "" : showValue(value),
    expected,
  };
}

/** Build a warning problem. */
export function warning(
  file: string,
  record: string,
  field: string,
  value: unknown,
  expected: string,
  code?: string,
): Problem {
  const problem: Problem = {
    ...error(file, record, field, value, expected),
    severity: "warning",
  };
  if (code !== undefined) problem.code = code;
  return problem;
}
