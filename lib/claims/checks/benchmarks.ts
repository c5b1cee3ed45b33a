/**
 * Checks of benchmark claims: the "nearly inverse" relation of benchmark
 * scores and token share, and a model's rank among open-weights models
 * (open = the models list gives a Hugging Face id).
 *
 * @module
 */
import pl from "nodejs-polars";
import {
  compareBoolean,
  compareStated,
  round,
  unverifiable,
} from "../compare.ts";
import { addDays } from "../../base/dates.ts";
import {
  type Check,
  type CheckFamily,
  dataPath,
  rankingsEvidence,
  rowsOf,
} from "./_inputs.ts";

/** "Nearly inversely related": a Spearman rho at or below this in every week of every series. */
export const NEARLY_INVERSE_RHO = -0.5;
/** The fewest benchmarked models in a week for its correlation to count. */
export const MIN_SAMPLE_SIZE = 8;
/** The benchmark series a "SWE-bench Verified" claim is read against (the vendors' own reports, as model cards cite them). */
export const SWE_BENCH_VERIFIED = "SWE-bench Verified (vendor-reported, %)";

/** The ledger's reading of "nearly inversely related", applied to correlation rows. */
export interface NearlyInverseReading {
  /** The rows that count: complete weeks with at least {@linkcode MIN_SAMPLE_SIZE} models. */
  counted: Record<string, unknown>[];
  /** Mean rho(share, score) over them (null when none counts). */
  meanRho: number | null;
  /** Whether rho ≤ {@linkcode NEARLY_INVERSE_RHO} in every counted week (false when none counts). */
  holds: boolean;
  /** Per series with a counted week: whether it holds in every one. */
  series: { benchmark: string; weeks: number; holds: boolean }[];
  /** Series none of whose weeks has enough models for the reading to apply. */
  tooFewModels: string[];
}

/**
 * The ledger's reading of "nearly inversely related" (bb-50), one function
 * for the check and for notebook 03: only complete weeks with at least
 * {@linkcode MIN_SAMPLE_SIZE} benchmarked models count; it holds when rho ≤
 * {@linkcode NEARLY_INVERSE_RHO} in every one of them.
 *
 * @param correlations Rows of `correlations()`: benchmark, week_start, n, rho_share_score, ….
 * @returns The reading.
 *
 * @example A series of 5 models never counts
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const rows = pl.DataFrame({ benchmark: ["A", "A", "B"], week_start: ["w1", "w2", "w1"], n: [9, 10, 5], rho_share_score: [-0.6, -0.7, -0.9] });
 * const reading = nearlyInverseReading(rows);
 * assert.equal(reading.holds, true);
 * assert.ok(Math.abs(reading.meanRho! + 0.65) < 1e-12);
 * assert.deepEqual(reading.tooFewModels, ["B"]);
 * assert.deepEqual(reading.series, [{ benchmark: "A", weeks: 2, holds: true }]);
 * ```
 */
export function nearlyInverseReading(
  correlations: pl.DataFrame,
): NearlyInverseReading {
  const all = rowsOf(correlations);
  const counted = all.filter((r) => Number(r.n) >= MIN_SAMPLE_SIZE);
  const inverse = (r: Record<string, unknown>) =>
    Number(r.rho_share_score) <= NEARLY_INVERSE_RHO;
  const rhos = counted.map((r) => Number(r.rho_share_score));
  const names = [...new Set(counted.map((r) => String(r.benchmark)))];
  return {
    counted,
    meanRho: rhos.length === 0
      ? null
      : rhos.reduce((a, b) => a + b, 0) / rhos.length,
    holds: counted.length > 0 && counted.every(inverse),
    series: names.map((benchmark) => {
      const mine = counted.filter((r) => r.benchmark === benchmark);
      return { benchmark, weeks: mine.length, holds: mine.every(inverse) };
    }),
    tooFewModels: [...new Set(all.map((r) => String(r.benchmark)))].filter(
      (b) => !names.includes(b),
    ),
  };
}

const benchmarkShareCorrelation: Check = (claim, inputs) => {
  const method =
    `Spearman rank correlation of weekly token share against benchmark score, each series on its own, per complete week, with a permutation p-value; "nearly inversely related" read as rho ≤ ${NEARLY_INVERSE_RHO} in every complete week of every series with at least ${MIN_SAMPLE_SIZE} models`;
  const reading = nearlyInverseReading(inputs.correlations);
  const rows = reading.counted;
  if (rows.length === 0) {
    return unverifiable(
      method,
      `no complete week with ${MIN_SAMPLE_SIZE} or more benchmarked models in the top 50`,
    );
  }
  const series = reading.series.map((s) => s.benchmark);
  const summary = series.map((name) => {
    const mine = rows.filter((r) => r.benchmark === name);
    const span = (column: string) => {
      const values = mine.map((r) => Number(r[column]));
      return `${round(Math.min(...values))} to ${round(Math.max(...values))}`;
    };
    return `${name}: rho ${span("rho_share_score")} (n ${span("n")}, p ${
      span("p_share_score")
    }, ${mine.length} weeks)`;
  });
  const weeks = [...new Set(rows.map((r) => String(r.week_start)))].sort();
  const rhos = rows.map((r) => Number(r.rho_share_score));
  const mean = reading.meanRho!;
  return compareBoolean(
    claim,
    reading.holds,
    method,
    `mean rho ${round(mean)} over ${rhos.length} series-weeks. ${
      summary.join("; ")
    }. The week named (${claim.params.week}) is not complete in the data, so the complete weeks are used; only models in the top 50 appear, and vendor-reported scores use each vendor's own setup. The attributed OpenRouter × a16z report does not contain this claim (data/reference/a16z_report_figures.md)`,
    `${
      rankingsEvidence(
        inputs,
        weeks[0],
        addDays(weeks.at(-1)!, 6),
        "every row of the complete weeks",
      )
    } × data/reference/benchmarks.csv${
      series.some((name) => name.includes("OpenRouter benchmarks feed"))
        ? " and OpenRouter's benchmarks feed (raw/openrouter-benchmarks/)"
        : ""
    } (the report's tables/benchmark_vs_share.csv)`,
  );
};

/**
 * The models-list snapshot in force on `date`: the latest dated on or before
 * it, else (no snapshot that early) the earliest there is.
 */
function snapshotInForce(
  dates: readonly string[],
  date: string,
): string | undefined {
  const sorted = [...new Set(dates)].sort();
  return sorted.filter((d) => d <= date).at(-1) ?? sorted[0];
}

const benchmarkRank: Check = (claim, inputs) => {
  const date = claim.article_date;
  const method =
    `rank of the model's ${SWE_BENCH_VERIFIED} score among open-weights models (a Hugging Face id in the models list in force on ${date}) with a score dated up to ${date}`;
  const allCards = inputs.evidence.modelCards;
  const snapshot = snapshotInForce(allCards.map((c) => c.snapshot_date), date);
  if (snapshot === undefined) {
    return unverifiable(
      method,
      "no models-list descriptions were read; the models list's hugging_face_id would settle which models are open",
    );
  }
  const cardsOf = (day: string) =>
    new Map(
      allCards.filter((c) => c.snapshot_date === day).map((
        c,
      ) => [c.id, c.hugging_face_id]),
    );
  const idOf = new Map(
    rowsOf(inputs.modelIdentity.filter(pl.col("benchmark_name").isNotNull()))
      .filter((r) => String(r.benchmark_name ?? "") !== "")
      .map((r) => [String(r.benchmark_name), String(r.model_id ?? "")]),
  );
  const dated = rowsOf(
    inputs.benchmarks.filter(
      pl.col("benchmark").eq(pl.lit(SWE_BENCH_VERIFIED)),
    ),
  ).filter((r) =>
    /^\d{4}-\d{2}-\d{2}/.test(String(r.source_date)) &&
    String(r.source_date).slice(0, 10) <= date
  );
  const scoresWith = (cards: Map<string, string>) =>
    dated.map((r) => {
      const id = idOf.get(String(r.model)) ?? "";
      const hf = cards.get(id);
      return {
        model: String(r.model),
        score: Number(r.score),
        open: hf === undefined ? null : hf !== "",
      };
    });
  const rankWith = (cards: Map<string, string>) => {
    const scores = scoresWith(cards);
    const mine = scores.find((s) => s.model === claim.params.model);
    if (mine === undefined) return undefined;
    const above = scores.filter((s) => s.score > mine.score);
    return {
      mine,
      openAbove: above.filter((s) => s.open === true),
      unknownAbove: above.filter((s) => s.open === null),
    };
  };
  const ranked = rankWith(cardsOf(snapshot));
  if (ranked === undefined) {
    return unverifiable(
      method,
      `${claim.params.model} has no ${SWE_BENCH_VERIFIED} score in data/reference/benchmarks.csv`,
    );
  }
  const { mine, openAbove, unknownAbove } = ranked;
  if (openAbove.length === 0 && unknownAbove.length > 0) {
    return unverifiable(
      method,
      `models scoring higher whose weights status is not in the models list: ${
        unknownAbove.map((s) => s.model).join(", ")
      }`,
    );
  }
  // A snapshot dated after the one in force never changes the figure; it
  // only adds a note when it would rank the model differently.
  const latest = snapshotInForce(
    allCards.map((c) => c.snapshot_date),
    "9999-12-31",
  );
  const later = latest !== undefined && latest > snapshot
    ? rankWith(cardsOf(latest))
    : undefined;
  const laterNote = later !== undefined &&
      later.openAbove.length !== openAbove.length
    ? `; a later snapshot (${latest}) says rank ${
      later.openAbove.length + 1
    }, open-weights models scoring higher: ${
      later.openAbove.map((s) => s.model).join(", ") || "none"
    }`
    : "";
  const record = allCards.find((c) => c.snapshot_date === snapshot)?.record;
  return compareStated(claim, openAbove.length + 1, method, {
    note: `open-weights models scoring higher: ${
      openAbove.map((s) => `${s.model} ${s.score}`).join(", ") || "none"
    }; ${claim.params.model} ${mine.score}${laterNote}`,
    evidence:
      `data/reference/benchmarks.csv (${SWE_BENCH_VERIFIED}); hugging_face_id in ${
        dataPath(
          inputs,
          record?.replace(/\[\d+\]$/, "") ?? "the models list",
        )
      }`,
  });
};

/** Benchmark claims. */
export const benchmarkChecks: CheckFamily = {
  name: "benchmarks",
  checks: {
    benchmark_share_correlation: benchmarkShareCorrelation,
    benchmark_rank: benchmarkRank,
  },
};
