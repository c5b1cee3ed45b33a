/**
 * Rank correlation for small samples: Spearman's rho with average ranks for
 * ties, and a seeded, two-sided permutation p-value for it.
 *
 * @module
 */
import pl from "nodejs-polars";
import { mulberry32 } from "../base/random.ts";
import { EPSILON } from "../base/numbers.ts";

function checkPair(x: readonly number[], y: readonly number[], what: string) {
  if (x.length !== y.length) {
    throw new RangeError(
      `Cannot compute ${what}: x has ${x.length} values and y has ${y.length}, expected the same number`,
    );
  }
  for (const [name, values] of [["x", x], ["y", y]] as const) {
    const bad = values.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) {
      throw new RangeError(
        `Cannot compute ${what}: ${name}[${bad}] is ${
          values[bad]
        }, expected a finite number`,
      );
    }
  }
}

/** Average ranks (1 = smallest; ties share the mean of their ranks), by polars. */
function averageRanks(
  x: readonly number[],
  y: readonly number[],
): { rx: number[]; ry: number[] } {
  const ranks = pl.DataFrame({ x: [...x], y: [...y] }, {
    schema: { x: pl.Float64, y: pl.Float64 },
  }).select(
    pl.col("x").rank("average").cast(pl.Float64).alias("rx"),
    pl.col("y").rank("average").cast(pl.Float64).alias("ry"),
  );
  return {
    rx: ranks.getColumn("rx").toArray() as number[],
    ry: ranks.getColumn("ry").toArray() as number[],
  };
}

/** Pearson correlation of two equal-length arrays; NaN when either is constant. */
function pearson(a: readonly number[], b: readonly number[]): number {
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
}

/**
 * Spearman's rank correlation: Pearson's correlation of the average ranks
 * (ties share the mean of their ranks), ranks and correlation computed by
 * polars.
 *
 * @param x First sample.
 * @param y Second sample, paired with `x`.
 * @returns rho in [−1, 1]; NaN when there are fewer than 2 pairs or either
 * sample is constant.
 * @throws {RangeError} When the lengths differ or a value is not finite.
 *
 * @example A tie in y, and a perfect inverse
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(Number(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).toFixed(4)), 0.8208);
 * assert.equal(spearman([1, 2, 3], [30, 20, 10]), -1);
 * ```
 */
export function spearman(x: readonly number[], y: readonly number[]): number {
  checkPair(x, y, "Spearman's rho");
  if (x.length < 2) return Number.NaN;
  const ranks = averageRanks(x, y);
  const rho = pl.DataFrame(ranks)
    .select(pl.pearsonCorr("rx", "ry").alias("rho"))
    .getColumn("rho")
    .toArray()[0] as number | null;
  return rho === null || !Number.isFinite(rho) ? Number.NaN : rho;
}

/**
 * Average ranks computed in JavaScript, equal to polars' `rank("average")`
 * for finite values: positions 1..n in sorted order, ties sharing the mean of
 * theirs. Undefined when a value is -0 (whose ties polars may see otherwise),
 * so the caller asks polars.
 */
function exactRanks(
  x: readonly number[],
  y: readonly number[],
): { rx: number[]; ry: number[] } | undefined {
  const ranksOf = (values: readonly number[]): number[] | undefined => {
    if (values.some((value) => Object.is(value, -0))) return undefined;
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const ranks = new Array<number>(values.length);
    for (let start = 0; start < order.length;) {
      let end = start;
      while (
        end + 1 < order.length &&
        values[order[end + 1]] === values[order[start]]
      ) end++;
      // Positions start+1 … end+1 share their mean.
      const mean = (start + end + 2) / 2;
      for (let k = start; k <= end; k++) ranks[order[k]] = mean;
      start = end + 1;
    }
    return ranks;
  };
  const rx = ranksOf(x);
  const ry = ranksOf(y);
  return rx === undefined || ry === undefined ? undefined : { rx, ry };
}

/**
 * The test "is this pairing's |rho| at least the observed |rho|?", exact.
 *
 * Pearson's r of average ranks is (S − n·m²) / √(Σ(rx−m)²·Σ(ry−m)²), with
 * S = Σ rx·ry and m = (n+1)/2 for any ranks with ties averaged; only S
 * changes between pairings. Doubled ranks are whole numbers, so
 * 4S − n(n+1)² is computed exactly, and |r| ≥ |r_observed| becomes a
 * comparison of whole numbers. Two different values of |4S − n(n+1)²|
 * differ by at least 1, i.e. |r| by at least 1/(4·√(Σ(rx−m)²·Σ(ry−m)²)),
 * over 10⁻⁷ for n up to 1000: far above the float noise the 10⁻¹² slack of
 * the floating-point test absorbs, so both tests count the same pairings.
 * Beyond n = 1000 the floating-point test is used.
 */
function extremeTest(
  rx: readonly number[],
  ry: readonly number[],
  observed: number,
): (order: readonly number[]) => boolean {
  const n = rx.length;
  if (n > MAX_EXACT_N) {
    // Guard against float noise making an equally extreme pairing look smaller.
    return (order) => Math.abs(pearson(rx, order)) >= observed - EPSILON;
  }
  const twiceX = rx.map((rank) => 2 * rank);
  const center = n * (n + 1) * (n + 1);
  let observedSum = 0;
  for (let i = 0; i < n; i++) observedSum += twiceX[i] * 2 * ry[i];
  const observedGap = Math.abs(observedSum - center);
  return (order) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += twiceX[i] * 2 * order[i];
    return Math.abs(sum - center) >= observedGap;
  };
}

/**
 * Spearman's rho of many samples at once, each exactly as
 * {@linkcode spearman} gives it (the same ranks and the same polars
 * correlation, run per group in one query instead of one query per sample).
 *
 * @param samples Pairs of samples `x`, `y`.
 * @returns rho per sample, in order; NaN where {@linkcode spearman} gives NaN.
 * @throws {RangeError} When a sample's lengths differ or a value is not finite.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const rhos = spearmanEach([{ x: [1, 2, 3], y: [30, 20, 10] }, { x: [1], y: [2] }]);
 * assert.deepEqual(rhos, [-1, Number.NaN]);
 * ```
 */
export function spearmanEach(
  samples: readonly { x: readonly number[]; y: readonly number[] }[],
): number[] {
  const out = samples.map(() => Number.NaN);
  const group: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  samples.forEach(({ x, y }, index) => {
    checkPair(x, y, "Spearman's rho");
    if (x.length < 2) return;
    for (let i = 0; i < x.length; i++) {
      group.push(index);
      xs.push(x[i]);
      ys.push(y[i]);
    }
  });
  if (group.length === 0) return out;
  const rhos = pl.DataFrame({
    g: pl.Series("g", Int32Array.from(group)),
    x: pl.Series("x", Float64Array.from(xs)),
    y: pl.Series("y", Float64Array.from(ys)),
  })
    .select(
      pl.col("g"),
      pl.col("x").rank("average").over("g").cast(pl.Float64).alias("rx"),
      pl.col("y").rank("average").over("g").cast(pl.Float64).alias("ry"),
    )
    .groupBy("g")
    .agg(pl.pearsonCorr("rx", "ry").alias("rho"));
  const groups = rhos.getColumn("g").toArray() as number[];
  const values = rhos.getColumn("rho").toArray() as (number | null)[];
  groups.forEach((index, i) => {
    const rho = values[i];
    out[index] = rho === null || !Number.isFinite(rho) ? Number.NaN : rho;
  });
  return out;
}

/** The largest sample the whole-number test is used for (see {@linkcode extremeTest}). */
const MAX_EXACT_N = 1000;
/** The most positions {@linkcode drawnPositions} keeps per (n, seed, permutations): 2^21 (8 MiB). */
const MAX_KEPT_POSITIONS = 2 ** 21;
/** Drawn positions by `n:seed:permutations`, at most 64 entries. */
const drawnCache = new Map<string, Int32Array>();

/**
 * Where each draw of the seeded shuffle puts each position: the draws depend
 * only on n, the seed and the number of permutations, never on the values,
 * so every sample of the same size replays the same ones. Entry
 * `draw * n + i` is the original position of the value at `i` after `draw`
 * + 1 successive Fisher–Yates shuffles, exactly as the shuffle loop of
 * {@linkcode permutationPValue} moves them.
 *
 * @returns The positions, or null when they would take more than
 * {@linkcode MAX_KEPT_POSITIONS} entries (then the values are shuffled directly).
 */
function drawnPositions(
  n: number,
  seed: number,
  permutations: number,
): Int32Array | null {
  if (n * permutations > MAX_KEPT_POSITIONS) return null;
  const key = `${n}:${seed}:${permutations}`;
  const kept = drawnCache.get(key);
  if (kept !== undefined) return kept;
  const positions = Int32Array.from({ length: n }, (_, i) => i);
  const drawn = new Int32Array(n * permutations);
  const random = mulberry32(seed);
  for (let draw = 0; draw < permutations; draw++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const swap = positions[i];
      positions[i] = positions[j];
      positions[j] = swap;
    }
    drawn.set(positions, draw * n);
  }
  if (drawnCache.size >= 64) drawnCache.clear();
  drawnCache.set(key, drawn);
  return drawn;
}

function factorial(n: number): number {
  let out = 1;
  for (let i = 2; i <= n; i++) out *= i;
  return out;
}

/** Options of {@linkcode permutationPValue}. */
export interface PermutationOptions {
  /** Random permutations to draw (default 10,000); with n! ≤ this, all n! orders are enumerated instead. */
  permutations?: number;
  /** Seed of the pseudo-random generator (default 42). */
  seed?: number;
}

/**
 * Two-sided permutation p-value of Spearman's rho: the chance that pairing
 * the values at random gives |rho| at least as large as observed. With n!
 * ≤ `permutations` every pairing is enumerated (exact p); otherwise
 * `permutations` shuffles are drawn with a seeded generator and
 * p = (hits + 1) / (permutations + 1), so the result is the same on every run.
 *
 * @param x First sample.
 * @param y Second sample, paired with `x`.
 * @param options `permutations` (default 10,000) and `seed` (default 42).
 * @returns The p-value in (0, 1]; NaN when rho is undefined (n < 2 or a
 * constant sample).
 * @throws {RangeError} When the lengths differ, a value is not finite, or
 * `permutations` is not a positive whole number.
 *
 * @example Exact for a small sample, seeded for a larger one
 * ```ts
 * import assert from "node:assert/strict";
 * // 3 values: 2 of the 6 orders give |rho| = 1.
 * assert.equal(permutationPValue([1, 2, 3], [1, 2, 3]), 2 / 6);
 * const x = [1, 2, 3, 4, 5, 6, 7, 8];
 * const p = permutationPValue(x, x);
 * assert.equal(p, permutationPValue(x, x));
 * assert.ok(p < 0.001);
 * ```
 */
export function permutationPValue(
  x: readonly number[],
  y: readonly number[],
  options: PermutationOptions = {},
): number {
  checkPair(x, y, "a permutation p-value");
  const permutations = options.permutations ?? 10_000;
  const seed = options.seed ?? 42;
  if (!Number.isInteger(permutations) || permutations <= 0) {
    throw new RangeError(
      `Cannot compute a permutation p-value: permutations is ${permutations}, expected a positive whole number`,
    );
  }
  const n = x.length;
  if (n < 2) return Number.NaN;
  const { rx, ry } = exactRanks(x, y) ?? averageRanks(x, y);
  // The p-value is a function of the two rank vectors, the seed and the
  // number of permutations alone; weeks whose ranks repeat (most do: the same
  // models in the same order) are counted once.
  const key = `${seed}:${permutations}:${rx.join(",")}|${ry.join(",")}`;
  const known = pValueCache.get(key);
  if (known !== undefined) return known;
  const p = rankPValue(rx, ry, seed, permutations);
  if (pValueCache.size >= MAX_CACHED_P_VALUES) pValueCache.clear();
  pValueCache.set(key, p);
  return p;
}

/** P-values by seed, permutations and rank vectors (see {@linkcode permutationPValue}). */
const pValueCache = new Map<string, number>();
/** The most p-values {@linkcode pValueCache} keeps before it starts again. */
const MAX_CACHED_P_VALUES = 100_000;

/** {@linkcode permutationPValue} of two rank vectors (average ranks, ties averaged). */
function rankPValue(
  rx: readonly number[],
  ry: readonly number[],
  seed: number,
  permutations: number,
): number {
  const n = rx.length;
  const observed = Math.abs(pearson(rx, ry));
  if (Number.isNaN(observed)) return Number.NaN;
  const atLeastAsExtreme = extremeTest(rx, ry, observed);
  const order = [...ry];
  if (factorial(n) <= permutations) {
    // Heap's algorithm: every permutation of `order`, each once.
    let hits = atLeastAsExtreme(order) ? 1 : 0;
    const counters = new Array(n).fill(0);
    let i = 1;
    while (i < n) {
      if (counters[i] < i) {
        const j = i % 2 === 0 ? 0 : counters[i];
        const swap = order[j];
        order[j] = order[i];
        order[i] = swap;
        if (atLeastAsExtreme(order)) hits += 1;
        counters[i] += 1;
        i = 1;
      } else {
        counters[i] = 0;
        i += 1;
      }
    }
    return hits / factorial(n);
  }
  const drawn = n <= MAX_EXACT_N ? drawnPositions(n, seed, permutations) : null;
  if (drawn !== null) {
    // The same draws as below, replayed from positions computed once per
    // (n, seed, permutations), with the whole-number test of extremeTest.
    const twiceX = Float64Array.from(rx, (rank) => 2 * rank);
    const twiceY = Float64Array.from(ry, (rank) => 2 * rank);
    const center = n * (n + 1) * (n + 1);
    let observedSum = 0;
    for (let i = 0; i < n; i++) observedSum += twiceX[i] * twiceY[i];
    const observedGap = Math.abs(observedSum - center);
    let hits = 0;
    for (let base = 0; base < drawn.length; base += n) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += twiceX[i] * twiceY[drawn[base + i]];
      if (Math.abs(sum - center) >= observedGap) hits += 1;
    }
    return (hits + 1) / (permutations + 1);
  }
  const random = mulberry32(seed);
  let hits = 0;
  for (let draw = 0; draw < permutations; draw++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    if (atLeastAsExtreme(order)) hits += 1;
  }
  return (hits + 1) / (permutations + 1);
}
