import assert from "node:assert/strict";
import { findById, requireById } from "../../lib/claims/lookup.ts";

const ledger = [
  { id: "pt-1", value: "first" },
  { id: "pt-2", value: "second" },
  { id: "pt-2", value: "duplicate" },
  { id: "PT-3", value: "upper case" },
];

Deno.test("findById() returns the first item with the id, so a duplicate does not shadow it", () => {
  assert.equal(findById(ledger, "pt-1")?.value, "first");
  assert.equal(findById(ledger, "pt-2")?.value, "second");
});

Deno.test("findById() matches ids exactly (case and whole id) and gives undefined otherwise", () => {
  assert.equal(findById(ledger, "pt-3"), undefined);
  assert.equal(findById(ledger, "PT-3")?.value, "upper case");
  assert.equal(findById(ledger, "pt"), undefined);
  assert.equal(findById([], "pt-1"), undefined);
});

Deno.test("requireById() returns the same item findById() finds", () => {
  assert.equal(requireById(ledger, "pt-2", "the test"), ledger[1]);
});

Deno.test("requireById() names the missing claim and what was being computed", () => {
  assert.throws(
    () => requireById(ledger, "pt-9", "the agent-task findings"),
    (error: unknown) => {
      assert.ok(error instanceof TypeError);
      assert.equal(
        error.message,
        "Cannot compute the agent-task findings: claim pt-9 is missing, expected it in claims.csv",
      );
      return true;
    },
  );
});
