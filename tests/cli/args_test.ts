import assert from "node:assert/strict";
import {
  asOfOption,
  parseCliArgs,
  UsageError,
  wholeNumberOption,
} from "../../cli/_args.ts";

const spec = {
  data: { type: "string", default: "data" },
  out: { type: "string" },
  "charts-only": { type: "boolean" },
} as const;

Deno.test("parseCliArgs() fills defaults, reads both --name value and --name=value, and answers --help and -h", () => {
  assert.deepEqual(parseCliArgs([], spec), {
    values: { data: "data", out: undefined, "charts-only": false },
    positionals: [],
    help: false,
  });
  assert.deepEqual(
    parseCliArgs(["--data", "d", "--out=o", "--charts-only"], spec).values,
    { data: "d", out: "o", "charts-only": true },
  );
  assert.equal(parseCliArgs(["--help"], spec).help, true);
  assert.equal(parseCliArgs(["-h"], spec).help, true);
});

Deno.test("parseCliArgs() rejects unknown options, missing or empty values, values given to flags and stray arguments with a UsageError", () => {
  for (
    const args of [
      ["--dta", "x"],
      ["--data"],
      ["--data="],
      ["--charts-only=yes"],
      ["stray"],
      ["-x"],
    ]
  ) {
    assert.throws(() => parseCliArgs(args, spec), UsageError, args.join(" "));
  }
});

Deno.test("parseCliArgs() keeps positional arguments only when the command takes them", () => {
  assert.deepEqual(
    parseCliArgs(["a.json", "b/"], {}, { positionals: true }).positionals,
    ["a.json", "b/"],
  );
  assert.throws(() => parseCliArgs(["a.json"], {}), UsageError);
});

Deno.test("asOfOption() and wholeNumberOption() accept real dates and whole numbers and name the option otherwise", () => {
  assert.equal(asOfOption("2024-02-29"), "2024-02-29");
  assert.throws(() => asOfOption("2026-02-29"), /--as-of is "2026-02-29"/);
  assert.equal(wholeNumberOption("jobs", "2"), 2);
  for (const bad of ["0", "-1", "1.5", "1e3", "", "9007199254740993"]) {
    assert.throws(() => wholeNumberOption("jobs", bad), /--jobs is/);
  }
});
