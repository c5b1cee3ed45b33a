import assert from "node:assert/strict";
import { join } from "node:path";
import { z } from "zod";
import {
  characterProblem,
  dateInFileName,
  duplicateKeys,
  forbiddenCharacter,
  isUsablePrice,
  jsonErrorOffset,
  jsonPath,
  MAX_UNIX_SECONDS,
  parseTokenCount,
  readJson,
  readText,
  snapshotDateOf,
  unwrapEnvelope,
  zodProblems,
} from "../../lib/loading/input.ts";
import type { Problem } from "../../lib/loading/problems.ts";
import { inTempDir, withBom } from "../_helpers.ts";

Deno.test("readText() drops a byte-order mark and turns CRLF into LF", async () => {
  await inTempDir(async (dir) => {
    const file = join(dir, "a.csv");
    await Deno.writeFile(file, withBom("a,b\r\n1,2\r\n"));
    assert.deepEqual(await readText(file), { ok: true, value: "a,b\n1,2\n" });
  });
});

Deno.test("readText() reports a missing file and an empty one, naming the file", async () => {
  await inTempDir(async (dir) => {
    const missing = await readText(join(dir, "absent.csv"));
    assert.equal(missing.ok, false);
    if (missing.ok) return;
    assert.equal(missing.problems.length, 1);
    assert.equal(missing.problems[0].file, join(dir, "absent.csv"));
    assert.match(missing.problems[0].expected, /^a readable file \(.+\)$/);

    const blank = join(dir, "blank.csv");
    await Deno.writeTextFile(blank, " \n\t\n");
    const empty = await readText(blank);
    assert.deepEqual(empty, {
      ok: false,
      problems: [{
        severity: "error",
        file: blank,
        record: "",
        field: "",
        value: "",
        expected: "a non-empty file",
      }],
    });
  });
});

Deno.test("readJson() parses JSON, also behind a byte-order mark", async () => {
  await inTempDir(async (dir) => {
    const file = join(dir, "a.json");
    await Deno.writeFile(file, withBom('{"data": [1, 2]}'));
    assert.deepEqual(await readJson(file), {
      ok: true,
      value: { data: [1, 2] },
    });
  });
});

Deno.test("readJson() names the line and column of a syntax error", async () => {
  await inTempDir(async (dir) => {
    const file = join(dir, "bad.json");
    // The trailing comma's "}" is offset 11: line 3, column 1.
    await Deno.writeTextFile(file, '{\n "a": 1,\n}');
    const read = await readJson(file);
    assert.equal(read.ok, false);
    if (read.ok) return;
    assert.equal(read.problems.length, 1);
    assert.equal(read.problems[0].record, "line 3 column 1");
    assert.match(read.problems[0].expected, /^valid JSON \(/);
    // A bare NaN at offset 6 of line 1: column 7.
    await Deno.writeTextFile(file, '{"a": NaN}');
    const nan = await readJson(file);
    assert.equal(nan.ok ? "" : nan.problems[0].record, "line 1 column 7");
  });
});

Deno.test("readJson() refuses a key written twice, naming both lines, instead of keeping the last", async () => {
  await inTempDir(async (dir) => {
    const file = join(dir, "dup.json");
    await Deno.writeTextFile(
      file,
      '{"data": [\n {"slug": "a", "tokens": 1,\n  "tokens": 2}\n],\n"data": []}',
    );
    const read = await readJson(file);
    assert.equal(read.ok, false);
    if (read.ok) return;
    assert.deepEqual(
      read.problems.map((
        p: Problem,
      ) => [p.record, p.field, p.value, p.expected]),
      [
        [
          "data[0] (line 3)",
          "tokens",
          '"tokens" written twice',
          "each key once per object (first at line 2; JSON.parse would silently keep the last value)",
        ],
        [
          "line 5",
          "data",
          '"data" written twice',
          "each key once per object (first at line 1; JSON.parse would silently keep the last value)",
        ],
      ],
    );
  });
});

Deno.test("duplicateKeys() tracks nested paths, array indexes and escaped keys, and ignores colons in strings", () => {
  assert.deepEqual(
    duplicateKeys('{"a": {"b": [0, {"c": 1, "c": 2}]}}'),
    [{ path: "a.b[1]", key: "c", firstLine: 1, line: 1 }],
  );
  // "\u0061" is "a": the same key written two ways.
  assert.deepEqual(duplicateKeys('{"a": 1, "\\u0061": 2}'), [
    { path: "", key: "a", firstLine: 1, line: 1 },
  ]);
  // Equal keys in different objects, and keys inside string values, are fine.
  assert.deepEqual(
    duplicateKeys('[{"a": "x\\": 1"}, {"a": "\\\\", "b": "a"}]'),
    [],
  );
});

Deno.test("jsonErrorOffset() finds where text stops being JSON", () => {
  assert.equal(jsonErrorOffset("[1,\n]"), 4);
  assert.equal(jsonErrorOffset('{"a": NaN}'), 6);
  assert.equal(jsonErrorOffset('{"a" 1}'), 5); // missing colon
  assert.equal(jsonErrorOffset("{a: 1}"), 1); // unquoted key
  assert.equal(jsonErrorOffset('"abc'), 4); // unterminated string
  assert.equal(jsonErrorOffset("[1] x"), 4); // text after the value
  assert.equal(jsonErrorOffset('"a\tb"'), 2); // a raw tab inside a string
  assert.equal(jsonErrorOffset('{"a": [true, null, -1.5e3], "b": {}}'), -1);
});

Deno.test("dateInFileName() and snapshotDateOf() read the real calendar date a file name starts with", () => {
  assert.equal(
    dateInFileName("data/raw/rankings-daily/2026-05-24_2026-06-22.json"),
    "2026-05-24",
  );
  assert.equal(dateInFileName("C:\\data\\2026-06-08.json"), "2026-06-08");
  assert.equal(dateInFileName("data/2026-02-30.json"), undefined);
  assert.equal(dateInFileName("data/2026-06/x_2026-06-08.json"), undefined);
  const problems: Problem[] = [];
  assert.equal(snapshotDateOf("raw/2026-06-08.json", problems), "2026-06-08");
  assert.deepEqual(problems, []);
  assert.equal(snapshotDateOf("raw/latest.json", problems), undefined);
  assert.deepEqual(problems, [{
    severity: "error",
    file: "raw/latest.json",
    record: "",
    field: "",
    value: "",
    expected: "a file name starting with the snapshot date YYYY-MM-DD",
  }]);
});

Deno.test("parseTokenCount() accepts non-negative safe integers as text or numbers only", () => {
  assert.equal(parseTokenCount("595090081549"), 595_090_081_549);
  assert.equal(parseTokenCount(" 42 "), 42);
  assert.equal(parseTokenCount(0), 0);
  assert.equal(parseTokenCount("9007199254740991"), 2 ** 53 - 1);
  assert.equal(parseTokenCount("9007199254740992"), undefined); // 2^53
  assert.equal(parseTokenCount("1e3"), undefined);
  assert.equal(parseTokenCount("1,000"), undefined);
  assert.equal(parseTokenCount(""), undefined);
  assert.equal(parseTokenCount(-1), undefined);
  assert.equal(parseTokenCount(2.5), undefined);
  assert.equal(parseTokenCount(Infinity), undefined);
  assert.equal(parseTokenCount(10n), undefined);
  assert.equal(parseTokenCount(null), undefined);
});

Deno.test("jsonPath() writes keys with dots and indexes in brackets", () => {
  assert.equal(
    jsonPath("data", [12, "pricing", "prompt"]),
    "data[12].pricing.prompt",
  );
  assert.equal(jsonPath("", ["pricing", "prompt"]), "pricing.prompt");
  assert.equal(jsonPath("", [3, "a"]), "[3].a");
  assert.equal(jsonPath("data", []), "data");
});

Deno.test("zodProblems() turns every zod issue into an error with the field's path and value", () => {
  const schema = z.object({
    slug: z.string(),
    pricing: z.object({ prompt: z.string().regex(/^\d/, "A decimal string") }),
  });
  const input = { slug: 5, pricing: { prompt: "free" } };
  const parsed = schema.safeParse(input);
  assert.equal(parsed.success, false);
  if (parsed.success) return;
  assert.deepEqual(
    zodProblems("m.json", "data[3]", input, parsed.error.issues),
    [
      {
        severity: "error",
        file: "m.json",
        record: "data[3]",
        field: "slug",
        value: "5",
        expected: "string",
      },
      {
        severity: "error",
        file: "m.json",
        record: "data[3]",
        field: "pricing.prompt",
        value: '"free"',
        // The message's first letter is lowered.
        expected: "a decimal string",
      },
    ],
  );
  // A missing field is shown as missing.
  const missing = schema.safeParse({ pricing: { prompt: "1" } });
  assert.equal(
    missing.success
      ? ""
      : zodProblems("m.json", "r", {}, missing.error.issues)[0].value,
    "missing",
  );
});

Deno.test("unwrapEnvelope() takes the data array or a bare array, and nothing else", () => {
  assert.deepEqual(unwrapEnvelope({ data: [1], meta: {} }), {
    records: [1],
    prefix: "data",
  });
  assert.deepEqual(unwrapEnvelope([]), { records: [], prefix: "" });
  assert.equal(unwrapEnvelope({ data: {} }), undefined);
  assert.equal(unwrapEnvelope(null), undefined);
  assert.equal(unwrapEnvelope("[]"), undefined);
});

Deno.test("forbiddenCharacter() refuses controls everywhere, and white space and format characters in identifiers", () => {
  assert.equal(forbiddenCharacter("a b", "identifier"), "U+0020");
  assert.equal(forbiddenCharacter("a b", "name"), undefined);
  assert.equal(forbiddenCharacter("a\u200bb", "identifier"), "U+200B"); // zero-width space
  assert.equal(forbiddenCharacter("a\u200bb", "name"), undefined);
  assert.equal(forbiddenCharacter("a\u001b[31m", "name"), "U+001B"); // escape
  assert.equal(forbiddenCharacter("a\u0085", "name"), "U+0085"); // C1 next line
  assert.equal(forbiddenCharacter("a\u2028", "name"), "U+2028"); // line separator
  // The first offending character is named.
  assert.equal(forbiddenCharacter("a\tb\u0000", "identifier"), "U+0009");
  assert.equal(forbiddenCharacter("Zürich 東京", "name"), undefined);
});

Deno.test("characterProblem() gives the error naming the character, or undefined for clean text", () => {
  assert.equal(
    characterProblem("f", "r", "slug", "a/b", "identifier"),
    undefined,
  );
  assert.deepEqual(
    characterProblem("f", "data[0]", "slug", "a b", "identifier"),
    {
      severity: "error",
      file: "f",
      record: "data[0]",
      field: "slug",
      value: '"a b"',
      expected:
        "an identifier without white space, control or invisible format characters (found U+0020)",
    },
  );
  assert.equal(
    characterProblem("f", "r", "name", "a\u0007", "name")?.expected,
    "a name without control characters (found U+0007)",
  );
});

Deno.test("MAX_UNIX_SECONDS is the last second of 9999-12-31", () => {
  assert.equal(
    new Date(MAX_UNIX_SECONDS * 1000).toISOString(),
    "9999-12-31T23:59:59.000Z",
  );
  assert.equal(
    new Date((MAX_UNIX_SECONDS + 1) * 1000).toISOString(),
    "+010000-01-01T00:00:00.000Z",
  );
});

Deno.test("isUsablePrice() accepts prices whose cost of 2^53 tokens stays finite", () => {
  assert.equal(isUsablePrice(0), true);
  assert.equal(isUsablePrice(15), true);
  assert.equal(isUsablePrice(-1), true); // sign is checked elsewhere
  // 1e292 × 9.007e15 ≈ 9e307 < 1.797e308 (finite); 1e293 × 9.007e15 ≈ 9e308 (Infinity).
  assert.equal(isUsablePrice(1e292), true);
  assert.equal(isUsablePrice(1e293), false);
  assert.equal(isUsablePrice(Infinity), false);
  assert.equal(isUsablePrice(Number.NaN), false);
});
