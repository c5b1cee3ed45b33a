/**
 * Input helpers shared by the loaders and everything that reads a user's
 * file: reading text and JSON files, calendar dates, integer token counts,
 * and zod issues as problems.
 *
 * @module
 */
import { z } from "zod";
import { error, type Problem, showValue } from "./problems.ts";
import { isCalendarDate } from "../base/dates.ts";

/** Result of reading a file: the parsed value, or the problems that stopped it. */
export type ReadResult<T> = { ok: true; value: T } | {
  ok: false;
  problems: Problem[];
};

/**
 * Read a text file, dropping a UTF-8 byte-order mark and normalising CRLF to
 * LF. Bytes that are not valid UTF-8 are an error naming each byte offset
 * (never replaced by U+FFFD, so two different bad slugs cannot merge).
 */
export async function readText(file: string): Promise<ReadResult<string>> {
  let text: string;
  try {
    const bytes = await Deno.readFile(file);
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })
        .decode(bytes);
    } catch {
      return { ok: false, problems: invalidUtf8Problems(file, bytes) };
    }
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

/** The most invalid UTF-8 sequences named one by one; the rest are counted. */
const MAX_NAMED_OFFSETS = 10;

/**
 * One error per invalid UTF-8 sequence of `bytes` (the first
 * {@linkcode MAX_NAMED_OFFSETS}, then a count), each naming its byte offset.
 */
function invalidUtf8Problems(file: string, bytes: Uint8Array): Problem[] {
  const offsets = invalidUtf8Offsets(bytes);
  const problems = offsets.slice(0, MAX_NAMED_OFFSETS).map((offset) =>
    error(
      file,
      `byte ${offset}`,
      "",
      `0x${bytes[offset].toString(16).padStart(2, "0")}`,
      "valid UTF-8 text (this byte starts no valid UTF-8 sequence; save the file as UTF-8)",
    )
  );
  if (offsets.length > MAX_NAMED_OFFSETS) {
    problems.push(
      error(
        file,
        `bytes ${offsets[MAX_NAMED_OFFSETS]}…`,
        "",
        `${offsets.length - MAX_NAMED_OFFSETS} more invalid sequence(s)`,
        "valid UTF-8 text",
      ),
    );
  }
  return problems;
}

/**
 * The byte offsets at which `bytes` holds a sequence that is not valid
 * UTF-8 (a stray continuation byte, a truncated or overlong sequence, an
 * encoded surrogate, a code point above U+10FFFF).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(invalidUtf8Offsets(new TextEncoder().encode("añb")), []);
 * assert.deepEqual(invalidUtf8Offsets(new Uint8Array([0x61, 0xff, 0x62, 0xc3])), [1, 3]);
 * assert.deepEqual(invalidUtf8Offsets(new Uint8Array([0xed, 0xa0, 0x80])), [0]); // U+D800
 * ```
 */
export function invalidUtf8Offsets(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let length = 0;
    let min = 0;
    if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
    let point = length === 2 ? b & 0x1f : length === 3 ? b & 0x0f : b & 0x07;
    let valid = length > 0 && i + length <= bytes.length;
    for (let k = 1; valid && k < length; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) valid = false;
      else point = (point << 6) | (c & 0x3f);
    }
    if (
      valid &&
      (point < min || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff))
    ) valid = false;
    if (valid) i += length;
    else {
      out.push(i);
      i++;
      while (i < bytes.length && (bytes[i] & 0xc0) === 0x80) i++;
    }
  }
  return out;
}

/** The deepest nesting of arrays and objects a JSON file may have (the API's files have 4). */
export const MAX_JSON_DEPTH = 256;

/**
 * The offset of the first `[` or `{` that opens level `max + 1` of a JSON
 * text, or -1 when it is nested no deeper than `max` levels (strings are
 * skipped, so brackets inside them do not count).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(tooDeepOffset('{"a": [1, "[[["]}', 2), -1);
 * assert.equal(tooDeepOffset("[[[0]]]", 2), 2);
 * ```
 */
export function tooDeepOffset(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === "\\") i++;
      }
    } else if (c === "[" || c === "{") {
      if (++depth > max) return i;
    } else if (c === "]" || c === "}") depth--;
  }
  return -1;
}

/**
 * The problem of a CSV text whose quoted field is never closed (an
 * unbalanced `"`): the rest of the file would be read as one field, so it is
 * reported as such, at the line the field opens, instead of as a wrong
 * number of fields. Undefined when every quoted field is closed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(csvQuoteProblem("f.csv", 'a,b\n"x,1\n2,3\n')?.record, "line 2");
 * assert.equal(csvQuoteProblem("f.csv", 'a,b\n"x, ""y""",1\n'), undefined);
 * assert.equal(csvQuoteProblem("f.csv", 'a,b\n"x,1\n"y",2\n')?.record, "line 2");
 * ```
 */
export function csvQuoteProblem(
  file: string,
  text: string,
): Problem | undefined {
  const unbalanced = (opened: number, start: number) => {
    const end = text.indexOf("\n", start);
    return error(
      file,
      `line ${opened}`,
      "",
      text.slice(start, end < 0 ? undefined : end),
      'a quoted field closed by " right before a comma or the end of its line (the quote that opens on this line is unbalanced: the rest of the file would be read as one field)',
    );
  };
  let line = 1;
  let atFieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && atFieldStart) {
      const opened = line;
      const start = i;
      for (i++;; i++) {
        if (i >= text.length) return unbalanced(opened, start);
        if (text[i] === "\n") line++;
        if (text[i] === '"') {
          if (text[i + 1] === '"') i++;
          else break;
        }
      }
      const next = text[i + 1];
      if (
        next !== undefined && next !== "," && next !== "\n" && next !== "\r"
      ) return unbalanced(opened, start);
      atFieldStart = false;
    } else if (c === ",") atFieldStart = true;
    else if (c === "\n") {
      line++;
      atFieldStart = true;
    } else atFieldStart = false;
  }
  return undefined;
}

/** Read and parse a JSON file; a syntax error is reported with its line and column. */
export async function readJson(file: string): Promise<ReadResult<unknown>> {
  const text = await readText(file);
  if (!text.ok) return text;
  const deep = tooDeepOffset(text.value, MAX_JSON_DEPTH);
  if (deep >= 0) {
    const before = text.value.slice(0, deep);
    return {
      ok: false,
      problems: [
        error(
          file,
          `line ${before.split("\n").length} column ${
            deep - before.lastIndexOf("\n")
          }`,
          "",
          undefined,
          `JSON nested no deeper than ${MAX_JSON_DEPTH} levels (this value is nested deeper than ${MAX_JSON_DEPTH} levels)`,
        ),
      ],
    };
  }
  try {
    const value = JSON.parse(text.value);
    // Every key written is followed by a colon: when the colons after a
    // quote are as many as the keys parsed, no key was written twice (the
    // full scan runs only when they differ, e.g. for a colon in a string).
    const colons = text.value.match(/"\s*:/g)?.length ?? 0;
    const duplicates = colons === countKeys(value)
      ? []
      : duplicateKeys(text.value);
    if (duplicates.length > 0) {
      return {
        ok: false,
        problems: duplicates.map((d): Problem => ({
          severity: "error",
          file,
          record: d.path === ""
            ? `line ${d.line}`
            : `${d.path} (line ${d.line})`,
          field: d.key,
          value: `${showValue(d.key)} written twice`,
          expected:
            `each key once per object (first at line ${d.firstLine}; JSON.parse would silently keep the last value)`,
        })),
      };
    }
    return { ok: true, value };
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

/** The number of keys of every object in a parsed JSON value. */
function countKeys(value: unknown): number {
  if (Array.isArray(value)) {
    let n = 0;
    for (const item of value) n += countKeys(item);
    return n;
  }
  if (value === null || typeof value !== "object") return 0;
  let n = 0;
  for (const key in value) {
    n += 1 + countKeys((value as Record<string, unknown>)[key]);
  }
  return n;
}

/** A key written twice in one JSON object. */
export interface DuplicateKey {
  /** JSON path of the object (`data[3]`, empty for the top level). */
  path: string;
  /** The key. */
  key: string;
  /** Line of its first occurrence. */
  firstLine: number;
  /** Line of the repeat. */
  line: number;
}

/**
 * Find every key written twice in the same object of valid JSON text
 * (`JSON.parse` keeps the last one without a word).
 *
 * @param text Valid JSON text.
 * @returns Each repeated key with the path of its object and both lines, in text order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(duplicateKeys('{"data": [{"a": 1,\n "a": 2}]}'), [
 *   { path: "data[0]", key: "a", firstLine: 1, line: 2 },
 * ]);
 * assert.deepEqual(duplicateKeys('{"a": {"a": 1}, "b": [1, 2]}'), []);
 * ```
 */
export function duplicateKeys(text: string): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  type Frame =
    | { kind: "object"; path: string; keys: Map<string, number>; key: string }
    | { kind: "array"; path: string; index: number };
  const stack: Frame[] = [];
  let line = 1;
  let expectKey = false;
  const childPath = (): string => {
    const top = stack.at(-1);
    if (top === undefined) return "";
    if (top.kind === "array") return `${top.path}[${top.index}]`;
    return top.path === "" ? top.key : `${top.path}.${top.key}`;
  };
  // Jump from one structural character to the next (white space, numbers
  // and literals need no look), and over strings with indexOf.
  const structural = /["{}[\],\n]/g;
  for (
    let found = structural.exec(text);
    found !== null;
    found = structural.exec(text)
  ) {
    const i = found.index;
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 34) { // "
      // The closing quote: the next one not preceded by an odd run of backslashes.
      let j = text.indexOf('"', i + 1);
      for (;;) {
        let backslashes = 0;
        while (text.charCodeAt(j - 1 - backslashes) === 92) backslashes++;
        if (backslashes % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      const top = stack.at(-1);
      if (expectKey && top?.kind === "object") {
        const raw = text.slice(i + 1, j);
        const key = raw.includes("\\") ? JSON.parse(`"${raw}"`) as string : raw;
        const first = top.keys.get(key);
        if (first !== undefined) {
          out.push({ path: top.path, key, firstLine: first, line });
        } else top.keys.set(key, line);
        top.key = key;
        expectKey = false;
      }
      structural.lastIndex = j + 1;
    } else if (c === 123) { // {
      stack.push({
        kind: "object",
        path: childPath(),
        keys: new Map(),
        key: "",
      });
      expectKey = true;
    } else if (c === 91) { // [
      stack.push({ kind: "array", path: childPath(), index: 0 });
    } else if (c === 125 || c === 93) { // } ]
      stack.pop();
    } else if (c === 44) { // ,
      const top = stack.at(-1);
      if (top?.kind === "array") top.index++;
      else expectKey = true;
    }
  }
  return out;
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
 * The snapshot date a file's name starts with; when it has none, an error
 * naming the file is added to `problems` and the result is undefined.
 */
export function snapshotDateOf(
  file: string,
  problems: Problem[],
): string | undefined {
  const date = dateInFileName(file);
  if (date === undefined) {
    problems.push(
      error(
        file,
        "",
        "",
        undefined,
        "a file name starting with the snapshot date YYYY-MM-DD",
      ),
    );
  }
  return date;
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

/**
 * What a zod issue expects, in tokenbook's words ("X is V, expected E"):
 * never zod's own phrases ("Invalid enum value", "Unrecognized key(s)").
 */
function zodExpected(issue: z.ZodIssue): string {
  const show = (v: unknown) => JSON.stringify(v);
  const zodDefault = z.defaultErrorMap(issue as z.ZodIssueOptionalMessage, {
    defaultError: issue.message,
    data: undefined,
  }).message;
  // A message the schema wrote itself is tokenbook's already.
  if (issue.code !== "invalid_type" && issue.message !== zodDefault) {
    return issue.message.replace(/^./, (c) => c.toLowerCase());
  }
  switch (issue.code) {
    case "invalid_type":
      return `${issue.expected}`;
    case "invalid_enum_value":
      return `one of ${issue.options.map(show).join(", ")}`;
    case "invalid_literal":
      return show(issue.expected);
    case "unrecognized_keys":
      return "only the documented keys (remove it, or fix its spelling)";
    case "invalid_union":
    case "invalid_union_discriminator":
      return "one of the documented forms";
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const words = issue.code === "too_small"
        ? (issue.inclusive ? "at least" : "more than")
        : (issue.inclusive ? "at most" : "less than");
      const sign = issue.code === "too_small"
        ? (issue.inclusive ? "≥" : ">")
        : (issue.inclusive ? "≤" : "<");
      if (issue.type === "string") {
        return issue.code === "too_small" && Number(bound) === 1
          ? "non-empty text"
          : `text of ${words} ${bound} character(s)`;
      }
      if (issue.type === "array" || issue.type === "set") {
        return issue.code === "too_small" && Number(bound) === 1
          ? "a non-empty list"
          : `a list of ${words} ${bound} item(s)`;
      }
      return `a number ${sign} ${bound}`;
    }
    case "not_multiple_of":
      return `a multiple of ${issue.multipleOf}`;
    case "invalid_string":
      return typeof issue.validation === "string"
        ? `text in ${issue.validation} form`
        : "text in the documented form";
    case "invalid_date":
      return "a valid date";
    case "not_finite":
      return "a finite number";
    default:
      return issue.message.replace(/^./, (c) => c.toLowerCase());
  }
}

/**
 * Turn every zod issue of a failed parse into an error problem, worded as
 * tokenbook words every problem (never zod's phrases); an unknown key is a
 * problem of its own, naming the key.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * const schema = z.object({ track: z.enum(["token_track", "dollar_track"]) }).strict();
 * const value = { track: "gray", colour: 1 };
 * const issues = schema.safeParse(value).error!.issues;
 * const lines = zodProblems("p.json", "", value, issues).map((p) => `${p.field} is ${p.value}, expected ${p.expected}`);
 * assert.deepEqual(lines, [
 *   'track is "gray", expected one of "token_track", "dollar_track"',
 *   "colour is 1, expected only the documented keys (remove it, or fix its spelling)",
 * ]);
 * ```
 */
export function zodProblems(
  file: string,
  record: string,
  input: unknown,
  issues: readonly z.ZodIssue[],
): Problem[] {
  const valueAt = (path: readonly PropertyKey[]) => {
    let value: unknown = input;
    for (const key of path) {
      value = value !== null && typeof value === "object"
        ? (value as Record<PropertyKey, unknown>)[key]
        : undefined;
    }
    return value;
  };
  return issues.flatMap((issue) => {
    const paths = issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => [...issue.path, key])
      : [issue.path];
    return paths.map((path) =>
      error(
        file,
        record,
        path.length === 0 ? "" : jsonPath("", path),
        valueAt(path),
        zodExpected(issue),
      )
    );
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

/**
 * The first character of `text` that a slug, id or name may not hold, or
 * undefined when there is none. Every kind refuses control characters (C0,
 * DEL, C1: a NUL makes an SVG invalid, an escape sequence rewrites the
 * terminal); an identifier also refuses white space and the invisible
 * format characters (bidirectional overrides, zero-width characters), which
 * make two slugs look alike.
 *
 * @param text The value read from the file.
 * @param kind `identifier` for ids and slugs, `name` for display names.
 * @returns The offending character as `U+XXXX`, or undefined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(forbiddenCharacter("deepseek/deepseek-v4-flash", "identifier"), undefined);
 * assert.equal(forbiddenCharacter("a\u0000b", "name"), "U+0000");
 * assert.equal(forbiddenCharacter("a\u202eb", "identifier"), "U+202E");
 * assert.equal(forbiddenCharacter("Claude Sonnet 4.5", "name"), undefined);
 * assert.equal(forbiddenCharacter("ab\ud800", "identifier"), "U+D800, a lone surrogate, at character 2");
 * ```
 */
export function forbiddenCharacter(
  text: string,
  kind: "identifier" | "name",
): string | undefined {
  const pattern = kind === "identifier"
    ? /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\s]/u
    : /[\p{Cc}\p{Zl}\p{Zp}]/u;
  const lone = /\p{Surrogate}/u.exec(text);
  if (lone !== null) {
    return `U+${
      lone[0].charCodeAt(0).toString(16).toUpperCase()
    }, a lone surrogate, at character ${lone.index}`;
  }
  const found = pattern.exec(text);
  if (found === null) return undefined;
  return `U+${
    found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")
  }`;
}

/**
 * The error for a slug, id or name holding a character it may not hold
 * (see {@linkcode forbiddenCharacter}), or undefined when it is clean.
 */
export function characterProblem(
  file: string,
  record: string,
  field: string,
  text: string,
  kind: "identifier" | "name",
): Problem | undefined {
  const bad = forbiddenCharacter(text, kind);
  if (bad === undefined) return undefined;
  return error(
    file,
    record,
    field,
    text,
    kind === "identifier"
      ? `an identifier without white space, control or invisible format characters (found ${bad})`
      : `a name without control characters (found ${bad})`,
  );
}

/** The largest Unix time in seconds whose date has four digits (9999-12-31T23:59:59Z). */
export const MAX_UNIX_SECONDS = 253_402_300_799;

/**
 * Whether a price in USD per million tokens is one that every figure built
 * from it stays finite with: 2^53 tokens at this price cost a finite amount.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(isUsablePrice(15), true);
 * assert.equal(isUsablePrice(1e300), false);
 * assert.equal(isUsablePrice(Number.NaN), false);
 * ```
 */
export function isUsablePrice(usdPerMtok: number): boolean {
  return Number.isFinite(usdPerMtok) &&
    Number.isFinite(usdPerMtok * Number.MAX_SAFE_INTEGER);
}
