/**
 * Private helpers shared by the loaders: reading text and JSON files,
 * calendar dates, integer token counts, and zod issues as problems.
 *
 * @module
 */
import type { z } from "zod";
import { type Problem, showValue } from "./problems.ts";

/** Result of reading a file: the parsed value, or the problems that stopped it. */
export type ReadResult<T> = { ok: true; value: T } | {
  ok: false;
  problems: Problem[];
};

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

/** Read a text file, dropping a UTF-8 byte-order mark and normalising CRLF to LF. */
export async function readText(file: string): Promise<ReadResult<string>> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (cause) {
    return {
      ok: false,
      problems: [
        error(
          file,
          "",
          "",
          undefined,
          `a readable file (${(cause as Error).message})`,
        ),
      ],
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n/g, "\n");
  if (text.trim() === "") {
    return {
      ok: false,
      problems: [error(file, "", "", undefined, "a non-empty file")],
    };
  }
  return { ok: true, value: text };
}

/** Read and parse a JSON file; a syntax error is reported with its line and column. */
export async function readJson(file: string): Promise<ReadResult<unknown>> {
  const text = await readText(file);
  if (!text.ok) return text;
  try {
    return { ok: true, value: JSON.parse(text.value) };
  } catch (cause) {
    const message = (cause as Error).message;
    const position = /position (\d+)/.exec(message);
    // V8 gives no position for "Unexpected token" (a trailing comma, a bare
    // NaN): find it by scanning the text.
    const offset = position !== null
      ? Number(position[1])
      : jsonErrorOffset(text.value);
    let where = "";
    if (offset >= 0) {
      const before = text.value.slice(0, offset);
      const line = before.split("\n").length;
      const column = offset - before.lastIndexOf("\n");
      where = `line ${line} column ${column}`;
    }
    return {
      ok: false,
      problems: [error(file, where, "", undefined, `valid JSON (${message})`)],
    };
  }
}

/**
 * Find where JSON text goes wrong, for the syntax errors V8 reports without
 * a position ("Unexpected token", e.g. a trailing comma or a bare NaN).
 *
 * @param text The text that failed to parse.
 * @returns The offset of the first character that stops `text` from being JSON, or -1 when it is valid.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(jsonErrorOffset('[1,\n]'), 4);
 * assert.equal(jsonErrorOffset('{"a": NaN}'), 6);
 * assert.equal(jsonErrorOffset("[1]"), -1);
 * ```
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] < " ") throw i;
      i += text[i] === "\\" ? 2 : 1;
    }
    if (i >= text.length) throw i;
    i++;
  };
  const value = (): void => {
    space();
    if (text[i] === "{" || text[i] === "[") {
      const close = text[i] === "{" ? "}" : "]";
      i++;
      space();
      if (text[i] === close) return void i++;
      for (;;) {
        if (close === "}") {
          space();
          if (text[i] !== '"') throw i;
          string();
          space();
          if (text[i] !== ":") throw i;
          i++;
        }
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === close) return void i++;
        else throw i;
      }
    }
    if (text[i] === '"') return string();
    const literal =
      /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/
        .exec(text.slice(i, i + 400));
    if (literal === null) throw i;
    i += literal[0].length;
  };
  try {
    value();
    space();
    return i < text.length ? i : -1;
  } catch (at) {
    return at as number;
  }
}

/**
 * True when `text` is a real calendar date written `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(isCalendarDate("2026-02-28"), true);
 * assert.equal(isCalendarDate("2026-02-30"), false);
 * ```
 */
export function isCalendarDate(text: unknown): text is string {
  if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return false;
  }
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) &&
    date.toISOString().slice(0, 10) === text;
}

/** The `YYYY-MM-DD` date a file name starts with, if any. */
export function dateInFileName(file: string): string | undefined {
  const base = file.split(/[\\/]/).pop() ?? file;
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(base);
  return match !== null && isCalendarDate(match[1]) ? match[1] : undefined;
}

/**
 * Parse a token count written as a decimal string or a JSON number: a
 * non-negative integer no larger than 2^53 − 1 (exact in a float64).
 *
 * @returns The count, or `undefined` when it is not such an integer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(parseTokenCount("595090081549"), 595090081549);
 * assert.equal(parseTokenCount("-5"), undefined);
 * assert.equal(parseTokenCount("1.5"), undefined);
 * assert.equal(parseTokenCount(Number.NaN), undefined);
 * ```
 */
export function parseTokenCount(value: unknown): number | undefined {
  let count: number;
  if (typeof value === "string") {
    if (!/^\d+$/.test(value.trim())) return undefined;
    count = Number(value.trim());
  } else if (typeof value === "number") {
    count = value;
  } else {
    return undefined;
  }
  return Number.isSafeInteger(count) && count >= 0 ? count : undefined;
}

/** Render a zod path as a JSON path below `prefix`: `data[12].pricing.prompt`. */
export function jsonPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) {
    out += typeof key === "number"
      ? `[${key}]`
      : out === ""
      ? String(key)
      : `.${String(key)}`;
  }
  return out;
}

/** Turn every zod issue of a failed parse into an error problem. */
export function zodProblems(
  file: string,
  record: string,
  input: unknown,
  issues: readonly z.ZodIssue[],
): Problem[] {
  return issues.map((issue) => {
    const field = issue.path.length === 0 ? "" : jsonPath("", issue.path);
    let value: unknown = input;
    for (const key of issue.path) {
      value = value !== null && typeof value === "object"
        ? (value as Record<PropertyKey, unknown>)[key]
        : undefined;
    }
    const expected = issue.code === "invalid_type"
      ? `${issue.expected}`
      : issue.message.replace(/^./, (c) => c.toLowerCase());
    return error(file, record, field, value, expected);
  });
}

/**
 * The records of an API response saved as the `{"data": [...]}` envelope or
 * as the bare array, with the JSON path prefix of its records (`data` or empty).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(unwrapEnvelope({ data: [1] }), { records: [1], prefix: "data" });
 * assert.deepEqual(unwrapEnvelope([1]), { records: [1], prefix: "" });
 * assert.equal(unwrapEnvelope({ rows: [] }), undefined);
 * ```
 */
export function unwrapEnvelope(
  value: unknown,
): { records: unknown[]; prefix: string } | undefined {
  if (Array.isArray(value)) return { records: value, prefix: "" };
  if (
    value !== null && typeof value === "object" &&
    Array.isArray((value as { data?: unknown }).data)
  ) {
    return { records: (value as { data: unknown[] }).data, prefix: "data" };
  }
  return undefined;
}
