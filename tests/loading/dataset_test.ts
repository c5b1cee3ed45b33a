import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import {
  isInteger,
  loadDatasetFiles,
  mergeByKey,
  readDatasetFile,
} from "../../lib/loading/_dataset.ts";
import { inTempDir, writeJson } from "../_helpers.ts";

// Tests lib/loading/_dataset.ts (the leading underscore dropped).

Deno.test("readDatasetFile() reads the data records, the meta block and its as_of", async () => {
  await inTempDir(async (dir) => {
    const file = join(dir, "page.json");
    await writeJson(file, {
      data: [{ a: 1 }, { a: 2 }],
      meta: { as_of: "2026-06-08T00:00:00Z", page: 1 },
    });
    const read = await readDatasetFile(file);
    assert.deepEqual(read, {
      file,
      records: [{ a: 1 }, { a: 2 }],
      meta: { as_of: "2026-06-08T00:00:00Z", page: 1 },
      asOf: "2026-06-08T00:00:00Z",
      problems: [],
    });
  });
});

Deno.test("readDatasetFile() reports a file that is not {data, meta}, a bad meta and an unreadable as_of", async () => {
  await inTempDir(async (dir) => {
    const at = (name: string) => join(dir, name);
    await writeJson(at("array.json"), [{ a: 1 }]);
    await writeJson(at("no_meta.json"), { data: [{ a: 1 }] });
    await writeJson(at("bad_as_of.json"), {
      data: [{ a: 1 }],
      meta: { as_of: "yesterday" },
    });
    const shape = (
      p: {
        file: string;
        field: string;
        value: string;
        expected: string;
        severity: string;
      },
    ) =>
      `${p.severity} ${
        p.file.slice(dir.length + 1)
      } ${p.field} ${p.value} ${p.expected}`;

    const array = await readDatasetFile(at("array.json"));
    assert.deepEqual(array.records, []);
    assert.deepEqual(array.problems.map(shape), [
      'error array.json   an object {"data": [...], "meta": {...}}',
    ]);

    // Without meta, the records are read but flagged (record "meta", no
    // field, so error() leaves the value empty rather than "missing").
    const noMeta = await readDatasetFile(at("no_meta.json"));
    assert.deepEqual(noMeta.records, [{ a: 1 }]);
    assert.deepEqual(noMeta.problems.map(shape), [
      "error no_meta.json   an object (the API's meta block)",
    ]);

    const badAsOf = await readDatasetFile(at("bad_as_of.json"));
    assert.equal(badAsOf.asOf, null);
    assert.deepEqual(badAsOf.problems.map(shape), [
      'error bad_as_of.json as_of "yesterday" an ISO-8601 timestamp',
    ]);

    // A missing file: readJson's problem, passed on.
    const missing = await readDatasetFile(at("absent.json"));
    assert.equal(missing.problems.length, 1);
    assert.match(missing.problems[0].expected, /^a readable file/);
  });
});

Deno.test("isInteger() accepts safe whole numbers at or above the minimum only", () => {
  assert.equal(isInteger(0, 0), true);
  assert.equal(isInteger(5, 1), true);
  assert.equal(isInteger(0, 1), false);
  assert.equal(isInteger(-1, 0), false);
  assert.equal(isInteger(1.5, 0), false);
  assert.equal(isInteger(2 ** 53, 0), false); // not a safe integer
  assert.equal(isInteger("5", 0), false);
  assert.equal(isInteger(Number.NaN, 0), false);
});

type Row = { source_file: string; key: string; value: number };
const entry = (
  source_file: string,
  key: string,
  value: number,
  asOf: string | null,
) => ({
  row: { source_file, key, value },
  asOf,
  record: `row ${key}`,
});
const key = (r: Row) => r.key;
const same = (a: Row, b: Row) => a.value === b.value;

Deno.test("mergeByKey() keeps a row carried twice with the same values once, silently", () => {
  const merged = mergeByKey(
    [
      entry("a.json", "k1", 1, "2026-06-01T00:00:00Z"),
      entry("b.json", "k1", 1, "2026-06-02T00:00:00Z"),
      entry("b.json", "k2", 2, "2026-06-02T00:00:00Z"),
    ],
    key,
    same,
  );
  assert.deepEqual(merged.rows, [
    { source_file: "a.json", key: "k1", value: 1 },
    { source_file: "b.json", key: "k2", value: 2 },
  ]);
  assert.deepEqual(merged.problems, []);
});

Deno.test("mergeByKey() lets the later as_of restate a row, in either file order, with a warning on the older file", () => {
  for (const order of ["older first", "newer first"]) {
    const rows = [
      entry("old.json", "k1", 1, "2026-06-01T00:00:00Z"),
      entry("new.json", "k1", 9, "2026-06-05T00:00:00Z"),
    ];
    if (order === "newer first") rows.reverse();
    const merged = mergeByKey(rows, key, same);
    assert.deepEqual(merged.rows, [{
      source_file: "new.json",
      key: "k1",
      value: 9,
    }], order);
    assert.equal(merged.problems.length, 1, order);
    const [p] = merged.problems;
    assert.equal(p.severity, "warning");
    assert.equal(p.code, "restated");
    assert.equal(p.file, "old.json");
    assert.equal(p.record, "k1");
    assert.equal(p.value, '"2026-06-01T00:00:00Z"');
    assert.equal(
      p.expected,
      "no restatement; restated by new.json (meta.as_of 2026-06-05T00:00:00Z), whose values are used",
    );
  }
});

Deno.test("mergeByKey() makes different values an error when the as_of cannot decide (equal or missing)", () => {
  for (
    const [a, b] of [["2026-06-01T00:00:00Z", "2026-06-01T00:00:00Z"], [
      null,
      "2026-06-01T00:00:00Z",
    ]]
  ) {
    const merged = mergeByKey(
      [
        entry("a.json", "k1", 1, a),
        entry("b.json", "k1", 2, b),
      ],
      key,
      same,
    );
    // The first row is kept; the second file is named, with the first in the message.
    assert.deepEqual(merged.rows, [{
      source_file: "a.json",
      key: "k1",
      value: 1,
    }]);
    assert.equal(merged.problems.length, 1);
    assert.equal(merged.problems[0].severity, "error");
    assert.equal(merged.problems[0].file, "b.json");
    assert.equal(merged.problems[0].record, "row k1");
    assert.equal(
      merged.problems[0].expected,
      "the same values as in a.json, or a later meta.as_of in one of them",
    );
  }
});

Deno.test("loadDatasetFiles() parses every file, merges by key and returns the ordered frame", async () => {
  const pages: Record<string, { rows: Row[]; asOf: string | null }> = {
    "p1.json": {
      rows: [{ source_file: "p1.json", key: "b", value: 2 }, {
        source_file: "p1.json",
        key: "a",
        value: 1,
      }],
      asOf: "2026-06-01T00:00:00Z",
    },
    "p2.json": {
      rows: [{ source_file: "p2.json", key: "a", value: 10 }],
      asOf: "2026-06-02T00:00:00Z",
    },
  };
  const spec = {
    parse: (file: string) => Promise.resolve({ ...pages[file], problems: [] }),
    record: (r: Row) => `key ${r.key}`,
    key,
    sameValues: same,
    schema: { source_file: pl.Utf8, key: pl.Utf8, value: pl.Int64 },
    order: (f: pl.DataFrame) => f.sort("key"),
  };
  const loaded = await loadDatasetFiles(["p1.json", "p2.json"], spec);
  // "a" is restated by p2 (later as_of): 10; "b" from p1: 2; sorted by key.
  assert.deepEqual(loaded.frame.toRecords(), [
    { source_file: "p2.json", key: "a", value: 10 },
    { source_file: "p1.json", key: "b", value: 2 },
  ]);
  assert.deepEqual(loaded.warnings.map((w) => `${w.file} ${w.code}`), [
    "p1.json restated",
  ]);
  assert.deepEqual(loaded.errors, []);

  // A parse error in one file empties the frame and is returned with the file's name.
  const broken = await loadDatasetFiles(["p1.json", "bad.json"], {
    ...spec,
    parse: (file: string) =>
      file === "bad.json"
        ? Promise.resolve({
          rows: [],
          asOf: null,
          problems: [{
            severity: "error" as const,
            file,
            record: "",
            field: "",
            value: "",
            expected: "JSON",
          }],
        })
        : spec.parse(file),
  });
  assert.equal(broken.frame.height, 0);
  assert.deepEqual(broken.frame.columns, ["source_file", "key", "value"]);
  assert.deepEqual(broken.errors.map((e) => e.file), ["bad.json"]);
});
