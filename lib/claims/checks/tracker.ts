/**
 * Checks of "OpenRouter Inference Revenue Statistics" against the tracker's
 * own weekly files (inference-stats). The tracker's revenue formula bills
 * cached tokens twice, so its revenue figures reproduce only under that
 * declared assumption, flagged `method_flawed`, with the cache-aware value
 * beside them.
 *
 * @module
 */
import pl from "nodejs-polars";
import { compareStated, type Evaluation, unverifiable } from "../compare.ts";
import type { CheckedClaim } from "../compare.ts";
import { addDays } from "../../base/dates.ts";
import { roundCents } from "../../analysis/revenue.ts";
import { formatTokens } from "../../text/format.ts";
import { recordsOf, rowsWhere } from "../../analysis/lookup.ts";
import {
  type Check,
  type CheckFamily,
  type ClaimInputs,
  dataPath,
  rowsOf,
  sumOf,
} from "./_inputs.ts";

/** The assumption (declared in `claims.csv`) under which the tracker's revenue reproduces. */
export const TRACKER_FORMULA_ASSUMPTION = "the tracker's own revenue formula";

/** The rows of one tracker week. */
export function trackerWeek(inputs: ClaimInputs, week: string): pl.DataFrame {
  return rowsWhere(inputs.inference, "snapshot_date", week);
}

/** One model's row in one tracker week. */
export function trackerRow(
  inputs: ClaimInputs,
  week: string,
  slug: string,
): Readonly<Record<string, unknown>> | undefined {
  return recordsOf(trackerWeek(inputs, week)).find((r) => r.slug === slug);
}

function fileOf(inputs: ClaimInputs, week: string): string {
  const rows = trackerWeek(inputs, week);
  return rows.height === 0
    ? `inference-stats ${week}`
    : dataPath(inputs, String(rows.getColumn("source_file").get(0)));
}

function trackerMissing(
  inputs: ClaimInputs,
  week: string,
  slug: string,
): Evaluation {
  const weeks = [
    ...new Set(
      inputs.inference.getColumn("snapshot_date").toArray() as string[],
    ),
  ].sort();
  const rows = trackerWeek(inputs, week);
  return unverifiable(
    "inference-stats weekly file",
    rows.height > 0
      ? `${slug} is not in the tracker's ${week} file (the file lists ${rows.height} models); the tracker's file with that model would verify it`
      : `no inference-stats file for ${week} (files: ${weeks[0] ?? "none"} … ${
        weeks.at(-1) ?? "none"
      }); the tracker's file for that week would verify it`,
  );
}

/** The tracker's published formula: prompt × input + completion × output + cached × cache read (cached tokens billed twice). */
function trackerFormulaUsd(row: Record<string, unknown>): number {
  const n = (k: string) => Number(row[k] ?? 0);
  return (n("prompt_tokens") * n("prompt_usd_per_mtok") +
    n("completion_tokens") * n("completion_usd_per_mtok") +
    n("cached_tokens") * n("cache_read_usd_per_mtok")) / 1e6;
}

/** OpenRouter's billing: uncached prompt × input + cached × cache read + completion × output. */
export function cacheAwareUsd(row: Record<string, unknown>): number {
  const n = (k: string) => Number(row[k] ?? 0);
  return ((n("prompt_tokens") - n("cached_tokens")) * n("prompt_usd_per_mtok") +
    n("cached_tokens") * n("cache_read_usd_per_mtok") +
    n("completion_tokens") * n("completion_usd_per_mtok")) / 1e6;
}

const CORRECTED =
  "cache-aware revenue: (prompt − cached) × input price + cached × cache-read price + completion × output price";

function declaresFormula(claim: CheckedClaim): boolean {
  return claim.assumption.includes(TRACKER_FORMULA_ASSUMPTION);
}

const trackerModelRevenue: Check = (claim, inputs) => {
  const { week, model } = claim.params;
  const row = trackerRow(inputs, week, model);
  if (row === undefined) return trackerMissing(inputs, week, model);
  const published = roundCents(trackerFormulaUsd(row));
  const corrected = roundCents(cacheAwareUsd(row));
  const evidence = `${fileOf(inputs, week)}: models[] slug "${model}"`;
  if (!declaresFormula(claim)) {
    return {
      ...compareStated(claim, corrected, CORRECTED, { evidence }),
      corrected: null,
    };
  }
  const result = compareStated(
    claim,
    published,
    "the tracker's stated formula, to the cent: prompt × input price + completion × output price + cached × cache-read price",
    {
      evidence,
      note: published === 0
        ? ""
        : `cache-aware revenue $${corrected.toFixed(2)} is ${
          (corrected / published * 100).toFixed(1)
        }% of the published figure`,
    },
  );
  return {
    ...result,
    method_flawed: true,
    corrected,
    corrected_method: CORRECTED,
  };
};

/** The tracker's file-level figures for a week (`total_revenue`, `token_breakdown`), if read. */
function trackerFile(inputs: ClaimInputs, week: string) {
  return inputs.evidence?.trackerFiles?.find((f) => f.date === week);
}

const trackerTotalRevenue: Check = (claim, inputs) => {
  const week = claim.params.week;
  const rows = trackerWeek(inputs, week);
  if (rows.height === 0) return trackerMissing(inputs, week, "the week");
  const file = trackerFile(inputs, week);
  const corrected = rowsOf(rows).reduce((sum, r) => sum + cacheAwareUsd(r), 0);
  // The tracker's own total_revenue when the file gives it; else the sum of its rows.
  const published = file?.total_revenue ??
    roundCents(sumOf(rows, "published_revenue_usd"));
  const evidence = file?.total_revenue != null
    ? `${
      dataPath(inputs, file.file)
    }: total_revenue (the sum of its ${rows.height} models[] estimated_revenue, as the tracker rounded it)`
    : `${fileOf(inputs, week)}: every models[] row (${rows.height})`;
  if (!declaresFormula(claim)) {
    return compareStated(claim, roundCents(corrected), `sum of ${CORRECTED}`, {
      evidence,
    });
  }
  const result = compareStated(
    claim,
    published,
    `the tracker's published weekly revenue in its ${week} file (its formula, summed over the file's models)`,
    { evidence },
  );
  const zero = rowsOf(
    rows.filter(pl.col("warning").fillNull("").str.contains("breakdown_zero")),
  );
  const gap = claim.stated - published;
  const explained = zero.map((r) => ({
    r,
    perMtok: gap / Number(r.total_tokens) * 1e6,
  }))
    .find(({ perMtok }) =>
      perMtok > 0 && Math.abs(perMtok - Number(perMtok.toFixed(2))) < 5e-4
    );
  return {
    ...result,
    note: [
      result.note,
      explained === undefined
        ? ""
        : `the gap is about ${explained.r.slug}'s ${
          formatTokens(Number(explained.r.total_tokens))
        } total tokens × $${
          explained.perMtok.toFixed(2)
        } per M: that row has an all-zero token breakdown and $0 revenue in the file, so the chart priced it some other way`,
    ].filter((s) => s !== "").join("; "),
    method_flawed: true,
    corrected: roundCents(corrected),
    corrected_method: `sum of ${CORRECTED}`,
  };
};

/** The article's own rows for models the tracker's file lacks (they explain a gap; they never verify). */
function absentRows(inputs: ClaimInputs, claim: CheckedClaim) {
  return inputs.claims.filter((c) =>
    c.article === claim.article && c.check === "tracker_model_tokens" &&
    c.params.week === claim.params.week &&
    trackerRow(inputs, c.params.week, c.params.model) === undefined
  );
}

function absentNote(
  inputs: ClaimInputs,
  claim: CheckedClaim,
  what: string,
): string {
  const absent = absentRows(inputs, claim);
  if (absent.length === 0) return "";
  return `the article's Model Breakdown also lists ${
    absent.map((c) => `${c.params.model} (${c.id}, ${formatTokens(c.stated)})`)
      .join(", ")
  }, which the tracker's file lacks: ${what}; the article's own row cannot verify itself, the tracker's file as of 2026-02-09 would`;
}

const trackerTotalTokens: Check = (claim, inputs) => {
  const week = claim.params.week;
  const rows = trackerWeek(inputs, week);
  if (rows.height === 0) return trackerMissing(inputs, week, "the week");
  const file = trackerFile(inputs, week);
  const total = file?.total_tokens ?? sumOf(rows, "total_tokens");
  const absent = absentRows(inputs, claim);
  const withAbsent = total + absent.reduce((s, c) => s + c.stated, 0);
  return compareStated(
    claim,
    total,
    `the tracker's total_tokens in its ${week} file (the sum over its models)`,
    {
      evidence: file?.total_tokens != null
        ? `${
          dataPath(inputs, file.file)
        }: total_tokens (= the sum over its ${rows.height} models[] rows)`
        : `${fileOf(inputs, week)}: every models[] row (${rows.height})`,
      note: absentNote(
        inputs,
        claim,
        `with its row the sum would be ${formatTokens(withAbsent)}`,
      ),
    },
  );
};

const trackerModelCount: Check = (claim, inputs) => {
  const week = claim.params.week;
  const rows = trackerWeek(inputs, week);
  if (rows.height === 0) return trackerMissing(inputs, week, "the week");
  const free = rows.filter(pl.col("is_free")).height;
  const type = claim.params.type;
  const value = type === "free"
    ? free
    : type === "paid"
    ? rows.height - free
    : rows.height;
  return compareStated(
    claim,
    value,
    `models in the tracker's ${week} file (${type})`,
    {
      evidence: `${
        fileOf(inputs, week)
      }: models[] (${rows.height} rows, ${free} is_free)`,
      note: absentNote(inputs, claim, "the article counts it"),
    },
  );
};

const trackerTokenBreakdown: Check = (claim, inputs) => {
  const { week, type, model } = claim.params;
  if (model !== undefined) {
    const row = trackerRow(inputs, week, model);
    if (row === undefined) return trackerMissing(inputs, week, model);
    return compareStated(
      claim,
      Number(row.prompt_tokens) /
        (Number(row.prompt_tokens) + Number(row.completion_tokens)) * 100,
      "prompt_tokens ÷ (prompt_tokens + completion_tokens) of the model, percent",
      { evidence: `${fileOf(inputs, week)}: models[] slug "${model}"` },
    );
  }
  const rows = trackerWeek(inputs, week);
  if (rows.height === 0) return trackerMissing(inputs, week, "the week");
  // The file's own token_breakdown when it gives one; else the sums over its rows.
  const file = trackerFile(inputs, week);
  const breakdown = (key: string) =>
    file?.token_breakdown[`${key}_tokens`] ?? sumOf(rows, `${key}_tokens`);
  // "Response" tokens are the completion tokens that are not reasoning tokens.
  const value = type === "response"
    ? breakdown("completion") - breakdown("reasoning")
    : breakdown(type);
  const what = type === "response"
    ? "completion_tokens − reasoning_tokens"
    : `${type}_tokens`;
  const implied = absentRows(inputs, claim).map((c) => {
    const pct = inputs.claims.find((p) =>
      p.article === c.article && p.check === "tracker_token_breakdown" &&
      p.params.model === c.params.model && p.params.type === "prompt_pct"
    )?.stated;
    const cached = inputs.claims.find((p) =>
      p.article === c.article && p.check === "tracker_model_cached_tokens" &&
      p.params.model === c.params.model
    )?.stated;
    return type === "prompt" && pct !== undefined
      ? c.stated * pct / 100
      : type === "response" && pct !== undefined
      ? c.stated * (100 - pct) / 100
      : type === "cached"
      ? cached
      : undefined;
  });
  const gapText = implied.length > 0 && implied.every((v) => v !== undefined)
    ? `its row implies about ${
      formatTokens(implied.reduce((a, b) => a! + b!, 0)!)
    } ${type} tokens, which would bring the file's sum to ${
      formatTokens(value + implied.reduce((a, b) => a! + b!, 0)!)
    }`
    : `its ${type} tokens are not given anywhere`;
  return compareStated(
    claim,
    value,
    `sum of ${what} over the tracker's ${week} file (its token_breakdown)`,
    {
      evidence: `${
        fileOf(inputs, week)
      }: token_breakdown (= the sums over its ${rows.height} models[] rows)`,
      note: absentNote(inputs, claim, gapText),
    },
  );
};

function trackerField(
  claim: CheckedClaim,
  inputs: ClaimInputs,
  column: string,
  note = "",
): Evaluation {
  const { week, model } = claim.params;
  const row = trackerRow(inputs, week, model);
  if (row === undefined) return trackerMissing(inputs, week, model);
  return compareStated(
    claim,
    Number(row[column]),
    `${column} of the model in the tracker's file`,
    {
      note,
      evidence: `${
        fileOf(inputs, week)
      }: models[] slug "${model}", field ${column}`,
    },
  );
}

const trackerModelWowPct: Check = (claim, inputs) => {
  const { week, model } = claim.params;
  const before = trackerWeek(inputs, addDays(week, -7));
  if (
    before.height > 0 && trackerRow(inputs, week, model) !== undefined &&
    before.filter(pl.col("slug").eq(pl.lit(model))).height === 0
  ) {
    return unverifiable(
      "percent_change of the model in the tracker's file",
      `${model} is not in the tracker's previous file (${
        addDays(week, -7)
      }), where the file's percent_change of 0 means "no previous week"; the model's previous-week tokens would verify it`,
    );
  }
  return trackerField(
    claim,
    inputs,
    "percent_change",
    "the tracker's own week-over-week figure",
  );
};

/** The tracker's weekly files. */
export const trackerChecks: CheckFamily = {
  name: "tracker",
  checks: {
    tracker_total_revenue: trackerTotalRevenue,
    tracker_total_tokens: trackerTotalTokens,
    tracker_model_count: trackerModelCount,
    tracker_token_breakdown: trackerTokenBreakdown,
    tracker_model_tokens: (claim, inputs) =>
      trackerField(claim, inputs, "total_tokens"),
    tracker_model_cached_tokens: (claim, inputs) =>
      trackerField(claim, inputs, "cached_tokens"),
    tracker_model_revenue: trackerModelRevenue,
    tracker_model_wow_pct: trackerModelWowPct,
  },
};

const vendorDollarSharePct: Check = (claim, inputs) => {
  const weeks = [
    ...new Set(
      inputs.inference.getColumn("snapshot_date").toArray() as string[],
    ),
  ].sort();
  return unverifiable(
    "vendor revenue ÷ revenue of all tracked models (inference-stats), cache-aware",
    `no revenue data for the week of ${claim.params.week} (inference-stats covers ${
      weeks[0]
    } … ${
      weeks.at(-1)
    }, the top ~9 models only); per-model token breakdowns for that week would verify it (see notebooks/04_tokens_vs_dollars for the tracked weeks)`,
  );
};

/** Dollar shares (no revenue data outside the tracker's weeks). */
export const revenueShareChecks: CheckFamily = {
  name: "revenue share",
  checks: { vendor_dollar_share_pct: vendorDollarSharePct },
};
