import assert from "node:assert/strict";
import { mulberry32 } from "../../lib/base/random.ts";

// The first outputs of mulberry32(1), computed independently from the
// published reference algorithm (Tommy Ettinger's mulberry32) in python3:
//   def mulberry32(a):
//       while True:
//           a = (a + 0x6D2B79F5) & 0xFFFFFFFF
//           t = a
//           t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
//           t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF
//           yield ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296
//   g = mulberry32(1); [next(g) for _ in range(3)]

Deno.test("mulberry32() reproduces the reference sequence for seeds 1, 0 and 2026", () => {
  const expected: Record<number, number[]> = {
    1: [0.6270739405881613, 0.002735721180215478, 0.5274470399599522],
    0: [0.26642920868471265, 0.0003297457005828619, 0.2232720274478197],
    2026: [0.45540769933722913, 0.30849614599719644, 0.6611574492417276],
  };
  for (const [seed, values] of Object.entries(expected)) {
    const random = mulberry32(Number(seed));
    assert.deepEqual([random(), random(), random()], values, `seed ${seed}`);
  }
});

Deno.test("mulberry32() reduces the seed to 32 bits: -1 and 2**32 + 1 act as 2**32 - 1 and 1", () => {
  // python3: seed -1 & 0xFFFFFFFF = 4294967295 → 0.8964226141106337, …
  assert.equal(mulberry32(-1)(), 0.8964226141106337);
  assert.equal(mulberry32(2 ** 32 + 1)(), mulberry32(1)());
});

Deno.test("mulberry32() generators are independent and repeatable", () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  const first = a();
  a();
  a();
  // b has not been advanced by a's calls.
  assert.equal(b(), first);
  const again = mulberry32(42);
  assert.deepEqual(
    Array.from({ length: 5 }, again),
    Array.from({ length: 5 }, mulberry32(42)),
  );
});

Deno.test("mulberry32() draws 10 000 floats in [0, 1) with a mean near 1/2", () => {
  const random = mulberry32(7);
  let sum = 0;
  for (let i = 0; i < 10_000; i++) {
    const value = random();
    assert.ok(value >= 0 && value < 1, `draw ${i} is ${value}`);
    sum += value;
  }
  // A uniform draw has standard deviation 1/sqrt(12) ≈ 0.2887, so the mean of
  // 10 000 has standard error 0.002887; 0.02 is about 7 standard errors.
  assert.ok(Math.abs(sum / 10_000 - 0.5) < 0.02, `mean ${sum / 10_000}`);
});
