import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { mulberry32 } from "../../lib/base/random.ts";
import {
  permutationPValue,
  spearman,
  spearmanEach,
} from "../../lib/analysis/correlation.ts";

// Reference values from scipy 1.x, computed by hand outside this code:
//   python3 -c "from scipy import stats; print(stats.spearmanr([1,2,3,4,5],[5,6,7,8,7]))"
//   → statistic 0.8207826816681233
// and by the formula: the ranks of y with the tie averaged are [1, 2, 3.5, 5, 3.5];
// against the ranks [1..5] of x (both means 3): covariance sum 8, sums of
// squares 10 and 9.5, so rho = 8 / sqrt(10 × 9.5) = 0.82078….

Deno.test("spearman() averages tied ranks (x = 1..5, y = 5,6,7,8,7 gives 0.8208)", () => {
  const rho = spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]);
  assert.ok(Math.abs(rho - 0.8207826816681233) < 1e-12, `rho = ${rho}`);
});

Deno.test("spearman() is 1 for any increasing relation and −1 for a perfect inverse", () => {
  assert.equal(spearman([1, 2, 3, 4], [10, 100, 1000, 10000]), 1);
  assert.equal(spearman([1, 2, 3, 4, 5], [50, 40, 30, 20, 10]), -1);
});

Deno.test("spearman() is NaN when it is undefined", () => {
  assert.ok(Number.isNaN(spearman([1], [2])));
  assert.ok(Number.isNaN(spearman([1, 2, 3], [4, 4, 4])));
});

Deno.test("spearman() rejects samples of different lengths and non-finite values", () => {
  assert.throws(
    () => spearman([1, 2], [1, 2, 3]),
    /x has 2 values and y has 3/,
  );
  assert.throws(() => spearman([1, Number.NaN], [1, 2]), /x\[1\] is NaN/);
});

Deno.test("permutationPValue() enumerates every order when n! ≤ permutations", () => {
  // python3 + itertools.permutations over y = [5,6,7,8,7]: 16 of the 120
  // orders give |rho| ≥ 0.8208 → p = 16/120 = 0.1333….
  assert.equal(
    permutationPValue([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]),
    16 / 120,
  );
});

Deno.test("permutationPValue() gives the same p on every run with the same seed", () => {
  const x = [3, 1, 4, 1.5, 5, 9, 2, 6, 5.5, 3.5];
  const y = [2, 7, 1, 8, 2.5, 8.5, 1.8, 2.8, 4.5, 9];
  const first = permutationPValue(x, y, { permutations: 2000, seed: 7 });
  assert.equal(permutationPValue(x, y, { permutations: 2000, seed: 7 }), first);
  assert.ok(first > 0 && first <= 1);
  // The Monte Carlo estimate is never exactly zero: (hits + 1) / (draws + 1).
  assert.ok(Math.abs(first * 2001 - Math.round(first * 2001)) < 1e-9);
});

Deno.test("permutationPValue() is small for a perfect correlation of 8 pairs", () => {
  // Exact two-sided p = 2 / 8! = 4.96e-5; with 10,000 seeded draws the
  // estimate is (hits + 1) / 10,001, a few in 10,000 at most.
  const x = [1, 2, 3, 4, 5, 6, 7, 8];
  const p = permutationPValue(x, x);
  assert.ok(p < 0.001, `p = ${p}`);
  assert.ok(permutationPValue(x, [...x].reverse()) < 0.001);
});

Deno.test("permutationPValue() is large when there is no relation", () => {
  // rho = 0 exactly: every order is at least as extreme.
  assert.equal(permutationPValue([1, 2, 3, 4], [1, 4, 4, 1]), 1);
});

Deno.test("permutationPValue() rejects a non-positive number of permutations", () => {
  assert.throws(
    () => permutationPValue([1, 2, 3], [1, 2, 3], { permutations: 0 }),
    RangeError,
  );
});

/** The floating-point permutation test as first written, to check the exact one against. */
function referencePValue(
  x: readonly number[],
  y: readonly number[],
  permutations: number,
  seed: number,
): number {
  const rank = (values: readonly number[]) =>
    pl.DataFrame({ v: [...values] }, { schema: { v: pl.Float64 } })
      .select(pl.col("v").rank("average").cast(pl.Float64))
      .getColumn("v").toArray() as number[];
  const pearson = (a: readonly number[], b: readonly number[]) => {
    const n = a.length;
    const meanA = a.reduce((sum, v) => sum + v, 0) / n;
    const meanB = b.reduce((sum, v) => sum + v, 0) / n;
    let cov = 0;
    let varA = 0;
    let varB = 0;
    for (let i = 0; i < n; i++) {
      cov += (a[i] - meanA) * (b[i] - meanB);
      varA += (a[i] - meanA) ** 2;
      varB += (b[i] - meanB) ** 2;
    }
    return varA === 0 || varB === 0 ? Number.NaN : cov / Math.sqrt(varA * varB);
  };
  const rx = rank(x);
  const ry = rank(y);
  const observed = Math.abs(pearson(rx, ry));
  if (Number.isNaN(observed)) return Number.NaN;
  const extreme = (order: number[]) =>
    Math.abs(pearson(rx, order)) >= observed - 1e-12;
  const order = [...ry];
  let count = 1;
  for (let i = 2; i <= x.length; i++) count *= i;
  if (count <= permutations) {
    let hits = extreme(order) ? 1 : 0;
    const counters = new Array(x.length).fill(0);
    let i = 1;
    while (i < x.length) {
      if (counters[i] < i) {
        const j = i % 2 === 0 ? 0 : counters[i];
        [order[j], order[i]] = [order[i], order[j]];
        if (extreme(order)) hits += 1;
        counters[i] += 1;
        i = 1;
      } else {
        counters[i] = 0;
        i += 1;
      }
    }
    return hits / count;
  }
  const random = mulberry32(seed);
  let hits = 0;
  for (let draw = 0; draw < permutations; draw++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    if (extreme(order)) hits += 1;
  }
  return (hits + 1) / (permutations + 1);
}

Deno.test("permutationPValue() counts exactly the pairings the floating-point test counts, on 300 random samples with ties", () => {
  const random = mulberry32(2026);
  for (let sample = 0; sample < 300; sample++) {
    const n = 2 + Math.floor(random() * 24);
    // Few distinct values, so ties are common; shares-like and score-like scales.
    const x = Array.from({ length: n }, () => Math.floor(random() * 6) / 7);
    const y = Array.from({ length: n }, () => 40 + Math.floor(random() * 5));
    const seed = 1 + Math.floor(random() * 1000);
    assert.equal(
      permutationPValue(x, y, { permutations: 500, seed }),
      referencePValue(x, y, 500, seed),
      `x = ${JSON.stringify(x)}, y = ${JSON.stringify(y)}, seed ${seed}`,
    );
  }
});

Deno.test("spearmanEach() gives exactly spearman()'s rho for each of 200 random samples with ties, in one query", () => {
  const random = mulberry32(14);
  const samples = Array.from({ length: 200 }, () => {
    const n = Math.floor(random() * 20);
    return {
      x: Array.from({ length: n }, () => Math.floor(random() * 1e6) / 1e7),
      y: Array.from({ length: n }, () => 30 + Math.floor(random() * 8) / 2),
    };
  });
  // A constant sample and a one-pair sample: NaN both ways.
  samples.push({ x: [1, 2, 3], y: [5, 5, 5] }, { x: [1], y: [1] });
  const each = spearmanEach(samples);
  samples.forEach(({ x, y }, i) => {
    assert.ok(
      Object.is(each[i], spearman(x, y)),
      `sample ${i}: ${each[i]} vs ${spearman(x, y)}`,
    );
  });
});

Deno.test("permutationPValue() answers repeated ranks from its memo with the value it computed, keyed by seed and permutations too", () => {
  const x = [3, 1, 4, 1.5, 5, 9, 2, 6, 8, 7, 10, 12];
  const y = [2, 7, 1, 8, 2.5, 8.5, 1.8, 2.8, 4.5, 9, 0.5, 3];
  const p = permutationPValue(x, y, { seed: 7, permutations: 2_000 });
  // The same ranks from other values: the memo's answer equals a recount
  // (a new seed and count first fill the memo with other entries).
  const scaled = permutationPValue(x.map((v) => v * 10), y.map((v) => v + 1), {
    seed: 7,
    permutations: 2_000,
  });
  assert.equal(scaled, p);
  const otherSeed = permutationPValue(x, y, { seed: 8, permutations: 2_000 });
  const otherCount = permutationPValue(x, y, { seed: 7, permutations: 3_000 });
  assert.notEqual(otherSeed, p);
  assert.notEqual(otherCount, p);
  // p = (hits + 1) / (permutations + 1): whole hits for each count.
  for (const [value, count] of [[p, 2_000], [otherCount, 3_000]]) {
    const hits = value * (count + 1) - 1;
    assert.ok(Math.abs(hits - Math.round(hits)) < 1e-6, String(hits));
  }
});
