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
import { addDays } from "../../analysis/weekly.ts";
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

const benchmarkShareCorrelation: Check = (claim, inputs) => {
  const method =
    `Spearman rank correlation of weekly token share against benchmark score, each series on its own, per complete week, with a permutation p-value; "nearly inversely related" read as rho ≤ ${NEARLY_INVERSE_RHO} in every complete week of every series with at least ${MIN_SAMPLE_SIZE} models`;
  const rows = rowsOf(inputs.correlations).filter((r) =>
    Number(r.n) >= MIN_SAMPLE_SIZE
  );
  if (rows.length === 0) {
    return unverifiable(
      method,
      `no complete week with ${MIN_SAMPLE_SIZE} or more benchmarked models in the top 50`,
    );
  }
  const series = [...new Set(rows.map((r) => String(r.benchmark)))];
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
  const mean = rhos.reduce((a, b) => a + b, 0) / rhos.length;
  return compareBoolean(
    claim,
    rhos.every((r) => r <= NEARLY_INVERSE_RHO),
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
    } × data/reference/benchmarks.csv (the report's tables/benchmark_vs_share.csv)`,
  );
};

const benchmarkRank: Check = (claim, inputs) => {
  const date = claim.article_date;
  const method =
    `rank of the model's ${SWE_BENCH_VERIFIED} score among open-weights models (a Hugging Face id in the models list) with a score dated up to ${date}`;
  const cards = new Map(
    inputs.evidence.modelCards.map((c) => [c.id, c.hugging_face_id]),
  );
  if (cards.size === 0) {
    return unverifiable(
      method,
      "no models-list descriptions were read; the models list's hugging_face_id would settle which models are open",
    );
  }
  const idOf = new Map(
    rowsOf(inputs.modelIdentity.filter(pl.col("benchmark_name").isNotNull()))
      .filter((r) => String(r.benchmark_name ?? "") !== "")
      .map((r) => [String(r.benchmark_name), String(r.model_id ?? "")]),
  );
  const scores = rowsOf(
    inputs.benchmarks.filter(
      pl.col("benchmark").eq(pl.lit(SWE_BENCH_VERIFIED)),
    ),
  ).filter((r) =>
    /^\d{4}-\d{2}-\d{2}/.test(String(r.source_date)) &&
    String(r.source_date).slice(0, 10) <= date
  )
    .map((r) => {
      const id = idOf.get(String(r.model)) ?? "";
      const hf = cards.get(id);
      return {
        model: String(r.model),
        score: Number(r.score),
        open: hf === undefined ? null : hf !== "",
      };
    });
  const mine = scores.find((s) => s.model === claim.params.model);
  if (mine === undefined) {
    return unverifiable(
      method,
      `${claim.params.model} has no ${SWE_BENCH_VERIFIED} score in data/reference/benchmarks.csv`,
    );
  }
  const above = scores.filter((s) => s.score > mine.score);
  const openAbove = above.filter((s) => s.open === true);
  const unknownAbove = above.filter((s) => s.open === null);
  if (openAbove.length === 0 && unknownAbove.length > 0) {
    return unverifiable(
      method,
      `models scoring higher whose weights status is not in the models list: ${
        unknownAbove.map((s) => s.model).join(", ")
      }`,
    );
  }
  return compareStated(claim, openAbove.length + 1, method, {
    note: `open-weights models scoring higher: ${
      openAbove.map((s) => `${s.model} ${s.score}`).join(", ") || "none"
    }; ${claim.params.model} ${mine.score}`,
    evidence:
      `data/reference/benchmarks.csv (${SWE_BENCH_VERIFIED}); hugging_face_id in ${
        dataPath(
          inputs,
          inputs.evidence.modelCards[0]?.record.replace(/\[\d+\]$/, "") ??
            "the models list",
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
