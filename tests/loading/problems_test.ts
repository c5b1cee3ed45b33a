import assert from "node:assert/strict";
import {
  DataError,
  formatProblem,
  type Problem,
  showValue,
  throwOnErrors,
} from "../../lib/loading/problems.ts";

const tokenError: Problem = {
  severity: "error",
  file: "rankings-daily/2026-06-01_2026-06-07.json",
  record: "data[12]",
  field: "total_tokens",
  value: '"-5"',
  expected: "a non-negative integer",
};

const breakdownWarning: Problem = {
  severity: "warning",
  file: "inference-stats/2025-12-21.json",
  record: "models[8]",
  field: "prompt_tokens",
  value: "0",
  expected: "a breakdown",
  code: "breakdown_zero",
};

Deno.test("formatProblem() names the file, record, field, value and what was expected", () => {
  assert.equal(
    formatProblem(tokenError),
    'error: rankings-daily/2026-06-01_2026-06-07.json: data[12].total_tokens is "-5", expected a non-negative integer',
  );
});

Deno.test("formatProblem() leaves out the parts a problem does not have", () => {
  const wholeFile: Problem = {
    severity: "error",
    file: "a.json",
    record: "",
    field: "",
    value: "",
    expected: "a non-empty file",
  };
  assert.equal(
    formatProblem(wholeFile),
    "error: a.json: expected a non-empty file",
  );
  assert.equal(
    formatProblem({ ...wholeFile, record: "line 3 column 1" }),
    "error: a.json: line 3 column 1 expected a non-empty file",
  );
  assert.equal(
    formatProblem({ ...wholeFile, field: "date", value: '"2026-02-30"' }),
    'error: a.json: date is "2026-02-30", expected a non-empty file',
  );
  assert.equal(
    formatProblem(breakdownWarning),
    "warning: inference-stats/2025-12-21.json: models[8].prompt_tokens is 0, expected a breakdown",
  );
});

Deno.test("showValue() quotes strings, writes numbers as they are and says missing for undefined", () => {
  assert.equal(showValue("-5"), '"-5"');
  assert.equal(showValue(""), '""');
  assert.equal(showValue(1.5), "1.5");
  assert.equal(showValue(null), "null");
  assert.equal(showValue(false), "false");
  assert.equal(showValue(undefined), "missing");
  assert.equal(showValue({ date: "2026-05-24" }), '{"date":"2026-05-24"}');
});

Deno.test("showValue() writes Infinity, NaN and bigints instead of JSON's null", () => {
  // JSON.stringify(Infinity) is "null", which would hide what the file held.
  assert.equal(showValue(Infinity), "Infinity");
  assert.equal(showValue(-Infinity), "-Infinity");
  assert.equal(showValue(Number.NaN), "NaN");
  assert.equal(showValue(12345678901234567890n), "12345678901234567890");
});

Deno.test("showValue() cuts a long value at 80 characters", () => {
  const shown = showValue("x".repeat(200));
  assert.equal(shown.length, 80);
  assert.equal(shown, `"${"x".repeat(76)}...`);
  const exactly80 = showValue("y".repeat(78)); // 78 + 2 quotes
  assert.equal(exactly80, `"${"y".repeat(78)}"`);
});

Deno.test("DataError lists every error in its message and keeps the warnings in its problems", () => {
  const second: Problem = {
    ...tokenError,
    record: "data[13]",
    value: '"1.5"',
  };
  const failure = new DataError([tokenError, breakdownWarning, second]);
  assert.equal(failure.name, "DataError");
  assert.equal(
    failure.message,
    "Cannot load data: 2 problem(s)\n" +
      'error: rankings-daily/2026-06-01_2026-06-07.json: data[12].total_tokens is "-5", expected a non-negative integer\n' +
      'error: rankings-daily/2026-06-01_2026-06-07.json: data[13].total_tokens is "1.5", expected a non-negative integer',
  );
  assert.deepEqual(failure.problems, [tokenError, breakdownWarning, second]);
});

Deno.test("throwOnErrors() returns the warnings when there is no error", () => {
  assert.deepEqual(throwOnErrors([breakdownWarning]), [breakdownWarning]);
  assert.deepEqual(throwOnErrors([]), []);
});

Deno.test("throwOnErrors() throws a DataError carrying every problem when one is an error", () => {
  assert.throws(
    () => throwOnErrors([breakdownWarning, tokenError]),
    (thrown: unknown) => {
      assert.ok(thrown instanceof DataError);
      assert.deepEqual(thrown.problems, [breakdownWarning, tokenError]);
      return true;
    },
  );
});
