/**
 * Checks of the articles' claims about local inference against the API:
 * the article's agent task on the API at the list prices in force on its
 * date, against the same task self-hosted on a reference setup of
 * `data/reference/self_hosting.csv` at a declared utilisation
 * (`selfHostingBreakEven`).
 *
 * @module
 */
import pl from "nodejs-polars";
import { ARTICLE_TASK } from "../../analysis/agent_task.ts";
import {
  CACHED_PREFILL_COST_FACTOR,
  selfHostingBreakEven,
} from "../../analysis/self_hosting.ts";
import { compareBoolean, round, unverifiable } from "../compare.ts";
import { priceInForce, priceText } from "./_prices.ts";
import type { Check, CheckFamily } from "./_inputs.ts";

/**
 * "The API is nearly unbeatable": the API's cost of the article's task is
 * below the self-hosted cost of the same task on the named setup at the
 * named utilisation (params `api`, `setup`, `utilisation`, `date`).
 */
const selfHostingUnbeatable: Check = (claim, inputs) => {
  const { api, setup } = claim.params;
  const utilisation = Number(claim.params.utilisation);
  const date = claim.params.date ?? claim.article_date;
  const method =
    `the article's agent task (100K input, 10K output, 80% cache hits) on ${api} at the list prices in force on ${date}, cache reads at the cache-read rate, against the same task self-hosted on ${setup} (data/reference/self_hosting.csv) at ${
      utilisation * 100
    }% utilisation: GPU $/h × GPUs ÷ (tokens/s × 3600 × utilisation), prefill and decode priced apart, cached input at ${CACHED_PREFILL_COST_FACTOR}× the prefill cost; holds when the API costs less`;
  const setups = inputs.selfHosting;
  if (setups.filter(pl.col("setup_id").eq(pl.lit(setup))).height === 0) {
    return unverifiable(
      method,
      `no setup "${setup}" in data/reference/self_hosting.csv`,
    );
  }
  const found = priceInForce(inputs, api, date);
  if (found === undefined) {
    return unverifiable(method, `no OpenRouter price for ${api} by ${date}`);
  }
  const [row] = selfHostingBreakEven(
    setups.withColumns(pl.lit(api).alias("api_model_id")),
    inputs.prices,
    {
      date,
      utilisation,
      mixes: [{ name: "article task", tokens: ARTICLE_TASK }],
    },
  ).filter(pl.col("setup_id").eq(pl.lit(setup))).toRecords() as Record<
    string,
    number | string
  >[];
  const self = Number(row.self_usd_per_mtok);
  const apiUsd = Number(row.api_usd_per_mtok);
  const breakEven = Number(row.break_even_utilisation);
  return compareBoolean(
    claim,
    apiUsd < self,
    method,
    `self-hosted $${round(self)}/M of the task's tokens at ${
      utilisation * 100
    }% utilisation against the API's $${round(apiUsd)}/M (${
      priceText(found.price)
    }); self-hosting breaks even at ${round(breakEven * 100)}% utilisation, ${
      round(Number(row.break_even_tokens_per_month) / 1e9)
    }B tokens a month on the setup's $${
      round(Number(row.monthly_gpu_usd))
    } of GPUs. GPUs are rented at the source's rate; what an owned cluster costs an hour (its purchase and power) is not in the data, so "unless you already own an H100 cluster" is not checked`,
    `data/reference/self_hosting.csv: setup_id "${setup}" (${row.source_url}); ${found.evidence}`,
  );
};

/** Local inference against the API. */
export const selfHostingChecks: CheckFamily = {
  name: "self-hosting",
  checks: {
    self_hosting_unbeatable: selfHostingUnbeatable,
  },
};
