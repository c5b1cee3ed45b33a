/**
 * Checks of list prices, price ratios and blended input prices against the
 * prices in force on the article's date (`priceOn`), or as the tracker
 * recorded them in its weekly file.
 *
 * @module
 */
import pl from "nodejs-polars";
import { ARTICLE_TASK } from "../../analysis/agent_task.ts";
import {
  blendedInputPrice,
  type PriceRow,
  taskCost,
} from "../../analysis/cost.ts";
import { addDays } from "../../base/dates.ts";
import { compareStated, round, unverifiable } from "../compare.ts";
import { trackerRow } from "./tracker.ts";
import { priceInForce, priceText } from "./_prices.ts";
import {
  type Check,
  type CheckFamily,
  type ClaimInputs,
  dataPath,
  needWeek,
  rankingsEvidence,
  rowsOf,
  weekModels,
} from "./_inputs.ts";

const FIELD: Record<string, keyof PriceRow> = {
  input: "input_usd_per_mtok",
  output: "output_usd_per_mtok",
  cache_read: "cache_read_usd_per_mtok",
};

const TRACKER_FIELD: Record<string, string> = {
  input: "prompt_usd_per_mtok",
  output: "completion_usd_per_mtok",
  cache_read: "cache_read_usd_per_mtok",
};

/** The tracker file's own field for each price (USD per token; the loader keeps it × 1e6 as USD per M). */
export const TRACKER_FILE_FIELD: Record<string, string> = {
  input: "prompt_price",
  output: "completion_price",
  cache_read: "cache_read_price",
};

const listPrice: Check = (claim, inputs) => {
  const { field, model } = claim.params;
  const date = claim.params.date ?? claim.article_date;
  const method = `${field} list price in force on ${date}, USD per M tokens`;
  const tracker = trackerRow(inputs, date, model);
  if (tracker !== undefined) {
    return compareStated(
      claim,
      Number(tracker[TRACKER_FIELD[field]]),
      `${method}, as the tracker recorded it from the models API in its ${date} file`,
      {
        evidence: `${
          dataPath(inputs, String(tracker.source_file))
        }: models[] slug "${model}", field ${
          TRACKER_FILE_FIELD[field]
        } (USD per token, × 1e6 for USD per M)`,
      },
    );
  }
  const found = priceInForce(inputs, model, date);
  if (found === undefined) {
    return unverifiable(
      method,
      `no OpenRouter price for ${model} by ${date} in the models list or price history; a models-list snapshot of that day would verify it`,
    );
  }
  const value = found.price[FIELD[field]] as number | null;
  if (value === null) {
    return unverifiable(method, `${found.evidence} has no ${field} price`);
  }
  return compareStated(claim, value, method, { evidence: found.evidence });
};

const priceRatio: Check = (claim, inputs) => {
  const date = claim.params.date ?? claim.article_date;
  if (claim.params.a_field !== undefined) {
    const { model, a_field, b_field } = claim.params;
    const method =
      `${a_field} price ÷ ${b_field} price of ${model}, in force on ${date}`;
    const found = priceInForce(inputs, model, date);
    if (found === undefined) return unverifiable(method, "no price");
    const a = found.price[FIELD[a_field]] as number | null;
    const b = found.price[FIELD[b_field]] as number | null;
    if (a === null || b === null) {
      return unverifiable(method, `${found.evidence} lacks a price`);
    }
    return compareStated(claim, a / b, method, {
      note: priceText(found.price),
      evidence: found.evidence,
    });
  }
  const { a, b, field } = claim.params;
  const pa = priceInForce(inputs, a, date);
  const pb = priceInForce(inputs, b, date);
  const method = field === "blended"
    ? `cost of the article's agent task (100K in, 10K out, 80% cache hits, cache reads at the cache-read rate) on ${a} ÷ on ${b}, prices in force on ${date}`
    : `${field} price of ${a} ÷ ${field} price of ${b}, in force on ${date}`;
  if (pa === undefined || pb === undefined) {
    return unverifiable(
      method,
      `no price in force on ${date} for ${pa === undefined ? a : b}`,
    );
  }
  const ratio = field === "blended"
    ? taskCost(ARTICLE_TASK, pa.price).total_usd /
      taskCost(ARTICLE_TASK, pb.price).total_usd
    : (pa.price[FIELD[field]] as number) / (pb.price[FIELD[field]] as number);
  return compareStated(
    claim,
    claim.unit === "percent" ? ratio * 100 : ratio,
    method,
    {
      note: `${a}: ${priceText(pa.price)}; ${b}: ${priceText(pb.price)}`,
      evidence: `${pa.evidence}; ${pb.evidence}`,
    },
  );
};

const weightedInputPrice: Check = (claim, inputs) => {
  const date = claim.params.date ?? claim.article_date;
  const rate = Number(claim.params.cache_hit);
  const method =
    `(1 − h) × input price + h × cache-read price with h = ${rate}, prices in force on ${date}`;
  const found = priceInForce(inputs, claim.params.model, date);
  if (found === undefined) return unverifiable(method, "no price");
  const { input_usd_per_mtok: input, cache_read_usd_per_mtok: cache } =
    found.price;
  const needed = (input - claim.stated) / (input - (cache ?? input));
  return compareStated(claim, blendedInputPrice(found.price, rate), method, {
    note: `${
      priceText(found.price)
    }; $${claim.stated}/M would need a hit rate of ${
      round(needed * 100)
    }% at these prices`,
    evidence: found.evidence,
  });
};

/** A top model's list price for the median, or why it is left out. */
interface TopPrice {
  model: string;
  price?: number;
  evidence?: string;
  left_out?: string;
}

/**
 * The input list price in force of one ranked model, or the reason it is
 * left out: no OpenRouter id for its permaslug, no price record by the date,
 * or a $0/$0 price (a free variant, or a sync artefact of a paid one: not a
 * list price, the rule the report's price warnings apply to the history).
 */
export function topModelPrice(
  inputs: ClaimInputs,
  row: Record<string, unknown>,
  date: string,
): TopPrice {
  const slug = String(row.permaslug);
  const model = String(row.model);
  const id = rowsOf(
    inputs.modelIdentity.filter(
      pl.col("permaslug").eq(pl.lit(slug.replace(":free", ""))),
    ),
  )[0]?.model_id;
  if (slug.endsWith(":free")) {
    return { model, left_out: "a :free variant, $0: not a list price" };
  }
  if (id === null || id === undefined || id === "") {
    return {
      model,
      left_out:
        `no OpenRouter id for ${slug} in data/reference/models.csv, so no price record`,
    };
  }
  const found = priceInForce(inputs, String(id), date);
  if (found === undefined) {
    return {
      model,
      left_out: `no price record for ${id} by ${date}`,
    };
  }
  if (
    found.price.input_usd_per_mtok === 0 &&
    found.price.output_usd_per_mtok === 0
  ) {
    return {
      model,
      left_out: `$0/$0 in ${found.evidence}: not a list price`,
    };
  }
  return {
    model,
    price: found.price.input_usd_per_mtok,
    evidence: found.evidence,
  };
}

const topModelsInputPrice: Check = (claim, inputs) => {
  const week = claim.params.week;
  const top = Number(claim.params.top ?? 10);
  const end = addDays(week, 6);
  const method =
    `median input list price in force on ${end} of the week's top ${top} models (models without a list price, or priced $0/$0, are left out and named)`;
  const missing = needWeek(inputs, week, method);
  if (missing !== undefined) return missing;
  const rows = rowsOf(
    weekModels(inputs, week).filter(pl.col("rank").lessThanEquals(pl.lit(top))),
  );
  const all = rows.map((r) => topModelPrice(inputs, r, end));
  const priced = all.filter((p): p is TopPrice & { price: number } =>
    p.price !== undefined
  );
  const leftOut = all.filter((p) => p.price === undefined);
  if (priced.length === 0) {
    return unverifiable(method, "no prices for the top models");
  }
  const sorted = priced.map((p) => p.price).sort((a, b) => a - b);
  const median = sorted.length % 2
    ? sorted[(sorted.length - 1) / 2]
    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return compareStated(claim, median, method, {
    note: `the median of ${priced.length} of the ${rows.length} models: ${
      priced.map((p) => `${p.model} $${p.price}`).join(", ")
    }${
      leftOut.length === 0
        ? ""
        : `; left out: ${
          leftOut.map((p) => `${p.model} (${p.left_out})`).join("; ")
        }`
    }`,
    evidence: [
      rankingsEvidence(inputs, week, end),
      ...priced.map((p) => p.evidence!),
    ].join("; "),
  });
};

/** List prices and ratios. */
export const priceChecks: CheckFamily = {
  name: "prices",
  checks: {
    list_price: listPrice,
    price_ratio: priceRatio,
    weighted_input_price: weightedInputPrice,
    top_models_input_price: topModelsInputPrice,
  },
};
