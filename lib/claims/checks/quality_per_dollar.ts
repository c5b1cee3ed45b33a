/**
 * Checks of the articles' quality-per-dollar claims ("near Claude Sonnet 4.5
 * quality, at roughly 3.5% of the API bill", "near-frontier capability"):
 * benchmark scores dated up to the article's date against the cost of the
 * article's agent task at the list prices in force on that date, cache
 * reads billed (`qualityPerDollar`, `paretoFrontier`).
 *
 * @module
 */
import pl from "nodejs-polars";
import { ARTICLE_TASK } from "../../analysis/agent_task.ts";
import {
  paretoFrontier,
  qualityPerDollar,
} from "../../analysis/quality_per_dollar.ts";
import {
  compareBoolean,
  compareStated,
  round,
  unverifiable,
} from "../compare.ts";
import type { CheckedClaim } from "../compare.ts";
import { APPROXIMATE_TOLERANCE } from "../tolerance.ts";
import type { Check, CheckFamily, ClaimInputs } from "./_inputs.ts";

type Row = Record<string, unknown>;

/** The series' scores dated up to the article's date, priced on that date and put through the frontier. */
function pricedSeries(
  claim: CheckedClaim,
  inputs: ClaimInputs,
): { rows: Row[]; date: string; benchmark: string } {
  const date = claim.params.date ?? claim.article_date;
  const benchmark = claim.params.benchmark;
  const dated = inputs.benchmarks.filter(
    pl.col("benchmark").eq(pl.lit(benchmark)).and(
      pl.col("source_date").str.slice(0, 10).lessThanEquals(pl.lit(date)),
    ),
  );
  if (dated.height === 0) return { rows: [], date, benchmark };
  const priced = qualityPerDollar(dated, inputs.modelIdentity, inputs.prices, {
    task: ARTICLE_TASK,
    fallbackDate: date,
    priceDate: date,
  });
  return {
    rows: paretoFrontier(priced).toRecords() as Row[],
    date,
    benchmark,
  };
}

function methodOf(benchmark: string, date: string, what: string): string {
  return `${what}: ${benchmark} scores dated up to ${date}; the article's agent task (100K input, 10K output, 80% cache hits) at the list prices in force on ${date}, cache reads at the cache-read rate`;
}

function where(row: Row): string {
  return row.on_frontier
    ? "on the cost–score frontier"
    : `beneath the frontier: ${row.dominated_by} scores at least as high for 1/${
      round(Number(row.cost_multiple))
    } of its cost; ${
      round(Number(row.score_gap))
    } points below the best frontier score at its cost`;
}

const EVIDENCE =
  "data/reference/benchmarks.csv; data/reference/models.csv (benchmark_name → model_id); OpenRouter list prices (priceOn)";

/** Model a's task cost as a percentage of model b's (params `a`, `b` as benchmark names, `benchmark`). */
const taskCostShare: Check = (claim, inputs) => {
  const { a, b } = claim.params;
  const { rows, date, benchmark } = pricedSeries(claim, inputs);
  const method = methodOf(
    benchmark,
    date,
    `task cost of ${a} ÷ task cost of ${b}, in percent`,
  );
  const ra = rows.find((r) => r.model === a);
  const rb = rows.find((r) => r.model === b);
  if (ra === undefined || rb === undefined) {
    return unverifiable(
      method,
      `no priced ${benchmark} score dated by ${date} for ${
        ra === undefined ? a : b
      }`,
    );
  }
  const share = Number(ra.task_cost_usd) / Number(rb.task_cost_usd) * 100;
  return compareStated(claim, share, method, {
    note: `${a} $${
      round(Number(ra.task_cost_usd))
    } a task (price of ${ra.price_date}), ${where(ra)}; ${b} $${
      round(Number(rb.task_cost_usd))
    } (price of ${rb.price_date}), ${where(rb)}`,
    evidence: EVIDENCE,
  });
};

/** "Near b's quality": a's score at least (1 − APPROXIMATE_TOLERANCE) × b's. */
const nearQuality: Check = (claim, inputs) => {
  const { a, b } = claim.params;
  const { rows, date, benchmark } = pricedSeries(claim, inputs);
  const method = methodOf(
    benchmark,
    date,
    `"near" read as the policy reads it (±${
      APPROXIMATE_TOLERANCE * 100
    }%): ${a}'s score at least ${(1 - APPROXIMATE_TOLERANCE) * 100}% of ${b}'s`,
  );
  const ra = rows.find((r) => r.model === a);
  const rb = rows.find((r) => r.model === b);
  if (ra === undefined || rb === undefined) {
    return unverifiable(
      method,
      `no priced ${benchmark} score dated by ${date} for ${
        ra === undefined ? a : b
      }`,
    );
  }
  const ratio = Number(ra.score) / Number(rb.score);
  return compareBoolean(
    claim,
    ratio >= 1 - APPROXIMATE_TOLERANCE,
    method,
    `${a} ${ra.score} against ${b} ${rb.score}: ${
      round(ratio * 100)
    }% of its score, ${
      round(Number(rb.score) - Number(ra.score))
    } points below, at ${
      round(Number(ra.task_cost_usd) / Number(rb.task_cost_usd) * 100)
    }% of its task cost. Vendor-reported scores use each vendor's own agent setup`,
    EVIDENCE,
  );
};

/** "Near-frontier capability": a's score at least (1 − APPROXIMATE_TOLERANCE) × the series' best score dated by the article. */
const nearFrontier: Check = (claim, inputs) => {
  const { a } = claim.params;
  const { rows, date, benchmark } = pricedSeries(claim, inputs);
  const method = methodOf(
    benchmark,
    date,
    `"near-frontier" read as: ${a}'s score at least ${
      (1 - APPROXIMATE_TOLERANCE) * 100
    }% of the best priced score in the series`,
  );
  const ra = rows.find((r) => r.model === a);
  if (ra === undefined || rows.length === 0) {
    return unverifiable(
      method,
      `no priced ${benchmark} score dated by ${date} for ${a}`,
    );
  }
  const best = rows.reduce((
    x,
    y,
  ) => (Number(y.score) > Number(x.score) ? y : x));
  const ratio = Number(ra.score) / Number(best.score);
  return compareBoolean(
    claim,
    ratio >= 1 - APPROXIMATE_TOLERANCE,
    method,
    `${a} ${ra.score} against the best, ${best.model} ${best.score}: ${
      round(ratio * 100)
    }% of it, at ${
      round(Number(ra.task_cost_usd) / Number(best.task_cost_usd) * 100)
    }% of its task cost; ${a} is ${where(ra)}. Frontier models: ${
      rows.filter((r) => r.on_frontier).map((r) =>
        `${r.model} ${r.score} for $${round(Number(r.task_cost_usd))}`
      ).join(", ")
    }`,
    EVIDENCE,
  );
};

/** Quality per dollar. */
export const qualityPerDollarChecks: CheckFamily = {
  name: "quality per dollar",
  checks: {
    task_cost_share: taskCostShare,
    near_quality: nearQuality,
    near_frontier: nearFrontier,
  },
};
