/**
 * Checks of the agent-task costs of "The OpenRouter Pricing Truth": each
 * figure priced at the prices in force on the article's date, cached input
 * at the cache-read rate (OpenRouter's billing). When a figure does not come
 * out, the cost search (`reproduceStatedCost`) may say what would have
 * produced it, in the note; it never changes the verdict.
 *
 * @module
 */
import {
  ARTICLE_TASK,
  reproduceStatedCost,
} from "../../analysis/agent_task.ts";
import { taskCost, type TaskTokens } from "../../analysis/cost.ts";
import {
  compareStated,
  type Evaluation,
  round,
  unverifiable,
} from "../compare.ts";
import type { CheckedClaim } from "../compare.ts";
import { precisionOf } from "../tolerance.ts";
import { priceInForce, priceText } from "./_prices.ts";
import type { Check, CheckFamily, ClaimInputs } from "./_inputs.ts";

const TREATMENT_TEXT: Record<string, string> = {
  "cache-read-rate": "cached input at the cache-read rate",
  "cache-free": "cached input not billed at all",
  "no-cache": "no cache discount (all input at the input rate)",
};

function taskOf(claim: CheckedClaim): TaskTokens {
  return {
    inputTokens: Number(claim.params.input ?? ARTICLE_TASK.inputTokens),
    outputTokens: Number(claim.params.output ?? ARTICLE_TASK.outputTokens),
    cacheHitRate: Number(claim.params.cache_hit ?? ARTICLE_TASK.cacheHitRate),
  };
}

/**
 * What the cost search finds for a figure that did not come out: an
 * explanation for the note, never a verdict.
 *
 * @param inputs The checks' inputs.
 * @param claim The claim (model, task, runs and date in its params).
 * @param tolerance The tolerance of the figure.
 * @returns A sentence, or empty when nothing in the prices gives the figure.
 */
export function explainCost(
  inputs: ClaimInputs,
  claim: CheckedClaim,
  tolerance: number,
): string {
  return costExplanation(inputs, claim, tolerance).text;
}

/**
 * The cost search's explanation of a figure: the sentence, and the cache
 * treatment it found (undefined when nothing gives the figure).
 */
export function costExplanation(
  inputs: ClaimInputs,
  claim: CheckedClaim,
  tolerance: number,
): { text: string; treatment?: string } {
  const date = claim.params.date ?? claim.article_date;
  const match = reproduceStatedCost(
    inputs.prices,
    claim.params.model,
    claim.stated,
    tolerance,
    { asOf: date, task: taskOf(claim), runs: Number(claim.params.runs ?? 1) },
  );
  if (match === undefined) {
    return {
      text:
        `no price record up to ${date} under any cache treatment gives $${claim.stated}`,
    };
  }
  return {
    text:
      `the cost search finds what would have produced it: ${match.price.source} dated ${match.price.source_date} (${
        priceText(match.price)
      }) with ${TREATMENT_TEXT[match.treatment]} gives $${
        round(match.usd)
      } (an explanation, not a verification)`,
    treatment: match.treatment,
  };
}

function costCheck(claim: CheckedClaim, inputs: ClaimInputs): Evaluation {
  const model = claim.params.model;
  const date = claim.params.date ?? claim.article_date;
  const task = taskOf(claim);
  const runs = Number(claim.params.runs ?? 1);
  const method =
    `agent task cost at the prices in force on ${date}: uncached input × input price + cache hits × cache-read price + output × output price (${task.inputTokens} input, ${task.outputTokens} output, ${
      task.cacheHitRate * 100
    }% cache hits${runs > 1 ? `, × ${runs} runs` : ""})`;
  const found = priceInForce(inputs, model, date);
  if (found === undefined) {
    return unverifiable(method, `no OpenRouter price for ${model} by ${date}`);
  }
  const usd = taskCost(task, found.price).total_usd * runs;
  const result = compareStated(claim, usd, method, {
    note: priceText(found.price),
    evidence: found.evidence,
  });
  if (result.verdict !== "contradicted") return result;
  const tolerance = (claim.precision ?? precisionOf(claim)).tolerance;
  return {
    ...result,
    note: `${result.note}; ${explainCost(inputs, claim, tolerance)}`,
  };
}

const agentTaskRatio: Check = (claim, inputs) => {
  const { a, b } = claim.params;
  const date = claim.params.date ?? claim.article_date;
  const method =
    `cost of the agent task on ${a} ÷ on ${b}, both at the prices in force on ${date}, cache reads at the cache-read rate`;
  const pa = priceInForce(inputs, a, date);
  const pb = priceInForce(inputs, b, date);
  if (pa === undefined || pb === undefined) {
    return unverifiable(method, "a price is missing");
  }
  const ratio = taskCost(ARTICLE_TASK, pa.price).total_usd /
    taskCost(ARTICLE_TASK, pb.price).total_usd;
  const result = compareStated(claim, ratio, method, {
    note: `${a}: ${priceText(pa.price)}; ${b}: ${priceText(pb.price)}`,
    evidence: `${pa.evidence}; ${pb.evidence}`,
  });
  if (result.verdict !== "contradicted") return result;
  const halves = [a, b].map((model) =>
    inputs.claims.find((c) =>
      c.check === "agent_task_cost" && c.params.model === model &&
      c.article === claim.article
    )
  );
  if (halves.some((h) => h === undefined)) return result;
  const [ca, cb] = halves as CheckedClaim[];
  const [ea, eb] = [ca, cb].map((c) =>
    costExplanation(inputs, c, precisionOf(c, inputs.claims).tolerance)
  );
  // The halves explained under different cache treatments: a ratio of two different billing rules.
  const incompatible = ea.treatment !== undefined &&
    eb.treatment !== undefined && ea.treatment !== eb.treatment;
  return {
    ...result,
    note:
      `${result.note}. The article's ${claim.stated}× is its own two figures divided ($${ca.stated} ÷ $${cb.stated} = ${
        round(ca.stated / cb.stated)
      }). ${ca.id} $${ca.stated}: ${ea.text}. ${cb.id} $${cb.stated}: ${eb.text}${
        incompatible
          ? `. So the ${claim.stated}× divides a cost with ${
            TREATMENT_TEXT[ea.treatment!]
          } by one with ${
            TREATMENT_TEXT[eb.treatment!]
          }: incompatible assumptions`
          : ""
      }`,
    ...(incompatible ? { flags: ["incompatible assumptions" as const] } : {}),
  };
};

/** The agent-task comparison. */
export const agentTaskChecks: CheckFamily = {
  name: "agent task",
  checks: {
    agent_task_cost: costCheck,
    agent_task_daily_cost: costCheck,
    agent_task_ratio: agentTaskRatio,
  },
};
