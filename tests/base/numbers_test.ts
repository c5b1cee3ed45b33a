import assert from "node:assert/strict";
import { EPSILON } from "../../lib/base/numbers.ts";

Deno.test("EPSILON is 1e-12", () => {
  assert.equal(EPSILON, 1e-12);
});

Deno.test("EPSILON absorbs float rounding of amounts computed two ways, and no real difference", () => {
  // 0.1 + 0.2 − 0.3 = 5.55e-17 in binary floating point: noise, below EPSILON.
  assert.ok(Math.abs(0.1 + 0.2 - 0.3) > 0);
  assert.ok(Math.abs(0.1 + 0.2 - 0.3) < EPSILON);
  // A cost summed from ten products against its stated figure:
  // 10 × (20000 × 0.0983 / 1e6) = 0.01966 exactly in decimals.
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += 20_000 * 0.0983 / 1e6;
  assert.ok(Math.abs(sum - 0.01966) < EPSILON);
  // The smallest difference a printed figure can show (a 1e-6 of a dollar,
  // six decimals) is far above it.
  assert.ok(1e-6 > EPSILON * 1e5);
});
