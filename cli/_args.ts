/**
 * The one argument parser of every command in cli/: strict options (an
 * unknown option, a missing value or a stray argument is a
 * {@linkcode UsageError}), `--help`/`-h` on every command, and the checks of
 * option values shared by several commands (a calendar date, a whole number,
 * a non-empty folder). Private to cli/.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { isCalendarDate } from "../lib/base/dates.ts";

/** A command-line argument that cannot be used; the message says which and why. */
export class UsageError extends TypeError {
  /** @param message Which argument and why, as one sentence. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** One option of a command: a string value or a boolean flag. */
export type OptionSpec =
  | { type: "string"; short?: string; default?: string }
  | { type: "boolean"; short?: string; default?: boolean };

/** The parsed value of each option: a string (or undefined without a default) or a boolean. */
export type OptionValues<T extends Record<string, OptionSpec>> = {
  [K in keyof T]: T[K] extends { type: "boolean" } ? boolean
    : T[K] extends { default: string } ? string
    : string | undefined;
};

/** What {@linkcode parseCliArgs} returns. */
export interface ParsedArgs<T extends Record<string, OptionSpec>> {
  /** Every declared option, with its default when it was not given. */
  values: OptionValues<T>;
  /** Arguments that are not options (empty unless `positionals` was allowed). */
  positionals: string[];
  /** Whether `--help` or `-h` was given. */
  help: boolean;
}

/**
 * Parse a command's arguments strictly. Every command accepts `--help` and
 * `-h`; a boolean option without a default is `false` when absent.
 *
 * @param args The arguments after the script name.
 * @param options The command's options (without `help`).
 * @param settings `positionals`: whether bare arguments (paths) are allowed (default false).
 * @returns The option values, the positional arguments and whether help was asked.
 * @throws {UsageError} On an unknown option, a missing or empty value, a value
 * given to a flag, or a stray argument.
 *
 * @example Options, defaults and help
 * ```ts
 * import assert from "node:assert/strict";
 * const spec = {
 *   data: { type: "string", default: "data" },
 *   "as-of": { type: "string" },
 *   "charts-only": { type: "boolean" },
 * } as const;
 * const parsed = parseCliArgs(["--as-of=2026-06-07"], spec);
 * assert.deepEqual(parsed.values, { data: "data", "as-of": "2026-06-07", "charts-only": false });
 * assert.equal(parsed.help, false);
 * assert.equal(parseCliArgs(["-h"], spec).help, true);
 * assert.throws(() => parseCliArgs(["--dta", "x"], spec), UsageError);
 * assert.throws(() => parseCliArgs(["stray"], spec), UsageError);
 * assert.throws(() => parseCliArgs(["--data="], spec), UsageError);
 * assert.deepEqual(parseCliArgs(["a.json"], spec, { positionals: true }).positionals, ["a.json"]);
 * ```
 */
export function parseCliArgs<const T extends Record<string, OptionSpec>>(
  args: readonly string[],
  options: T,
  settings: { positionals?: boolean } = {},
): ParsedArgs<T> {
  if ("help" in options) {
    throw new TypeError("parseCliArgs() adds --help itself; do not declare it");
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        ...options,
        help: { type: "boolean", short: "h", default: false },
      } as Record<string, OptionSpec>,
      strict: true,
      allowPositionals: settings.positionals ?? false,
    });
  } catch (cause) {
    throw new UsageError((cause as Error).message);
  }
  const values: Record<string, string | boolean | undefined> = {};
  for (const [name, spec] of Object.entries(options)) {
    const value = parsed.values[name] as string | boolean | undefined;
    if (spec.type === "boolean") values[name] = value ?? false;
    else {
      if (value === "") {
        throw new UsageError(
          `Option --${name} is "", expected a value (see --help)`,
        );
      }
      values[name] = value;
    }
  }
  return {
    values: values as OptionValues<T>,
    positionals: parsed.positionals,
    help: parsed.values.help === true,
  };
}

/**
 * Check the `--as-of` option: absent, or a real calendar date `YYYY-MM-DD`.
 *
 * @param value The option's value, or undefined when it was not given.
 * @returns The date, or null for no cut.
 * @throws {UsageError} When the value is not a calendar date (`2026-02-30`, `2026-6-1`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(asOfOption("2026-06-07"), "2026-06-07");
 * assert.equal(asOfOption(undefined), null);
 * assert.throws(() => asOfOption("2026-02-30"), UsageError);
 * ```
 */
export function asOfOption(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!isCalendarDate(value)) {
    throw new UsageError(
      `--as-of is ${
        JSON.stringify(value)
      }, expected a calendar date YYYY-MM-DD that exists (such as 2026-06-07)`,
    );
  }
  return value;
}

/**
 * Check an option that counts something: absent, or a whole number of at least `min`.
 *
 * @param name The option's name, without dashes, for the message.
 * @param value The option's value, or undefined when it was not given.
 * @param min The smallest value allowed (default 1).
 * @returns The number, or undefined when the option was not given.
 * @throws {UsageError} When the value is not a whole number of at least `min`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(wholeNumberOption("jobs", "3"), 3);
 * assert.equal(wholeNumberOption("jobs", undefined), undefined);
 * assert.throws(() => wholeNumberOption("jobs", "0"), UsageError);
 * assert.throws(() => wholeNumberOption("runs", "1.5"), /--runs is "1.5"/);
 * ```
 */
export function wholeNumberOption(
  name: string,
  value: string | undefined,
  min = 1,
): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min) {
    throw new UsageError(
      `--${name} is ${
        JSON.stringify(value)
      }, expected a whole number, ${min} or more`,
    );
  }
  return number;
}

/**
 * Check an option that is one of a few words.
 *
 * @param name The option's name, without dashes, for the message.
 * @param value The option's value, or undefined when it was not given.
 * @param choices The words allowed.
 * @returns The word, or undefined when the option was not given.
 * @throws {UsageError} When the value is not one of `choices`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(choiceOption("theme", "dark", ["light", "dark"]), "dark");
 * assert.throws(() => choiceOption("theme", "blue", ["light", "dark"]), /--theme is "blue", expected one of light, dark/);
 * ```
 */
export function choiceOption<const T extends string>(
  name: string,
  value: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(
      `--${name} is ${JSON.stringify(value)}, expected one of ${
        choices.join(", ")
      }`,
    );
  }
  return value as T;
}

/**
 * Check an option that lists names, comma-separated, each one of `known`.
 *
 * @param name The option's name, without dashes, for the message.
 * @param value The option's value, or undefined when it was not given.
 * @param known The names allowed.
 * @returns The names in the order given, or undefined when the option was not given.
 * @throws {UsageError} Naming every unknown name and the names allowed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(namesOption("only", "b,a", ["a", "b"]), ["b", "a"]);
 * assert.throws(() => namesOption("only", "a,x,y", ["a", "b"]), /--only names "x", "y", expected names from a, b/);
 * ```
 */
export function namesOption(
  name: string,
  value: string | undefined,
  known: readonly string[],
): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(",").map((n) => n.trim()).filter((n) => n !== "");
  const unknown = names.filter((n) => !known.includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--${name} names ${
        unknown.length === 0
          ? "nothing"
          : unknown.map((n) => JSON.stringify(n)).join(", ")
      }, expected names from ${known.join(", ")}`,
    );
  }
  return names;
}
