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
import {
  compareStated,
  type Evaluation,
  formatFigure,
  unverifiable,
} from "../compare.ts";
import type { Claim, TrackerFile } from "../load.ts";
import { precisionOf } from "../tolerance.ts";
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

/**
 * A tracker week's revenue as the ledger reads it, for the checks and for
 * notebook 04 alike: the published figure is the file's own `total_revenue`
 * when it gives one (the tracker rounded it), else the sum of its rows'
 * `estimated_revenue` to the cent; the corrected figure is the cache-aware
 * revenue of its rows, summed, to the cent.
 *
 * @param rows The week's rows of the inference-stats frame.
 * @param file The week's file-level figures, if read.
 * @returns Published and cache-aware totals (USD).
 */
export function trackerWeekRevenue(
  rows: pl.DataFrame,
  file?: TrackerFile,
): { published: number; corrected: number } {
  return {
    published: file?.total_revenue ??
      roundCents(sumOf(rows, "published_revenue_usd")),
    corrected: roundCents(
      rowsOf(rows).reduce((sum, r) => sum + cacheAwareUsd(r), 0),
    ),
  };
}

const trackerTotalRevenue: Check = (claim, inputs) => {
  const week = claim.params.week;
  const rows = trackerWeek(inputs, week);
  if (rows.height === 0) return trackerMissing(inputs, week, "the week");
  const file = trackerFile(inputs, week);
  const { published, corrected } = trackerWeekRevenue(rows, file);
  const evidence = file?.total_revenue != null
    ? `${
      dataPath(inputs, file.file)
    }: total_revenue (the sum of its ${rows.height} models[] estimated_revenue, as the tracker rounded it)`
    : `${fileOf(inputs, week)}: every models[] row (${rows.height})`;
  if (!declaresFormula(claim)) {
    return compareStated(claim, corrected, `sum of ${CORRECTED}`, {
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
    corrected,
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

/** The range a value printed with a precision allows. */
interface Span {
  low: number;
  high: number;
}

function spanOf(claim: Claim, claims: readonly Claim[]): Span {
  const t = precisionOf(claim, claims).tolerance;
  return { low: claim.stated - t, high: claim.stated + t };
}

function ownClaim(
  inputs: ClaimInputs,
  row: Claim,
  check: string,
  type?: string,
): Claim | undefined {
  return inputs.claims.find((p) =>
    p.article === row.article && p.check === check &&
    p.params.model === row.params.model &&
    (type === undefined || p.params.type === type)
  );
}

/**
 * What the article's own rows for the models its tracker file lacks add to a
 * figure of one kind, as the range their printing allows (tokens ± their
 * rounding; a share of them ± its rounding), or undefined when the article
 * does not give it.
 */
export function absentContribution(
  inputs: ClaimInputs,
  claim: CheckedClaim,
  kind: "total" | "all" | "free" | "paid" | string,
): Span | undefined {
  const spans = absentRows(inputs, claim).map((row): Span | undefined => {
    const tokens = spanOf(row, inputs.claims);
    const free = row.params.model.endsWith(":free");
    if (kind === "total") return tokens;
    if (kind === "all") return { low: 1, high: 1 };
    if (kind === "free" || kind === "paid") {
      const n = (kind === "free") === free ? 1 : 0;
      return { low: n, high: n };
    }
    if (kind === "cached") {
      const cached = ownClaim(inputs, row, "tracker_model_cached_tokens");
      return cached === undefined ? undefined : spanOf(cached, inputs.claims);
    }
    const pct = ownClaim(inputs, row, "tracker_token_breakdown", "prompt_pct");
    if (pct === undefined || (kind !== "prompt" && kind !== "response")) {
      return undefined;
    }
    const share = spanOf(pct, inputs.claims);
    const [lo, hi] = kind === "prompt"
      ? [share.low, share.high]
      : [100 - share.high, 100 - share.low];
    return { low: tokens.low * lo / 100, high: tokens.high * hi / 100 };
  });
  if (spans.some((s) => s === undefined)) return undefined;
  return spans.reduce<Span>(
    (sum, s) => ({ low: sum.low + s!.low, high: sum.high + s!.high }),
    { low: 0, high: 0 },
  );
}

function spanText(span: Span, unit: string): string {
  return span.low === span.high
    ? formatFigure(span.low, unit)
    : `${formatFigure(span.low, unit)} … ${formatFigure(span.high, unit)}`;
}

/**
 * A counted figure of a tracker week whose file lacks models the article
 * lists (the tenth, free model of 2026-02-09). The article's own rows never
 * verify the figure (a figure cannot verify itself), but they decide what the
 * bundled file can say:
 * - the file reproduces the figure: reproduced (those rows add nothing to it);
 * - the file disagrees, and the missing rows account for the difference
 *   within their printing: the file is not the article's snapshot, so
 *   unverifiable, and the tracker's file as of the article's date would verify it;
 * - the file disagrees even with those rows: contradicted.
 *
 * @param result The comparison with the bundled file.
 * @param inputs The checks' inputs.
 * @param claim The claim.
 * @param value The bundled file's figure.
 * @param added What the missing rows add ({@linkcode absentContribution}).
 * @param what The kind of figure, for the note ("total tokens", "prompt tokens").
 * @returns The evaluation.
 */
export function withAbsentModels(
  result: Evaluation,
  inputs: ClaimInputs,
  claim: CheckedClaim,
  value: number,
  added: Span | undefined,
  what: string,
): Evaluation {
  const absent = absentRows(inputs, claim);
  if (absent.length === 0) return result;
  const week = claim.params.week;
  const listed = `the article's Model Breakdown also lists ${
    absent.map((c) => `${c.params.model} (${c.id}, ${formatTokens(c.stated)})`)
      .join(", ")
  }, which the tracker's ${week} file lacks`;
  const join = (...parts: string[]) => parts.filter((p) => p !== "").join("; ");
  if (result.verdict !== "contradicted") {
    return {
      ...result,
      note: join(
        result.note ?? "",
        `${listed}: the file reproduces the figure without ${
          absent.length === 1 ? "it" : "them"
        }, so ${
          absent.length === 1 ? "that row adds" : "those rows add"
        } no ${what} to it`,
      ),
    };
  }
  const tol = result.tolerance ?? 0;
  const gap = {
    low: claim.stated - tol - value,
    high: claim.stated + tol - value,
  };
  const accounted = added !== undefined && added.low <= gap.high &&
    added.high >= gap.low;
  if (!accounted) {
    return {
      ...result,
      note: join(
        result.note ?? "",
        added === undefined
          ? `${listed}, and the article does not give its ${what}`
          : `${listed}, and even its row (${
            spanText(added, claim.unit)
          }) does not account for the difference`,
      ),
    };
  }
  return {
    reproduced: null,
    verdict: "unverifiable",
    method: result.method,
    note: `the bundled ${week} file gives ${
      formatFigure(value, claim.unit)
    } against the stated ${
      formatFigure(claim.stated, claim.unit)
    }; ${listed}, and its row (${
      claim.unit === "count"
        ? `${added.low} more${
          claim.params.type === "free" || claim.params.type === "paid"
            ? ` ${claim.params.type}`
            : ""
        } model`
        : `${spanText(added, claim.unit)} as printed`
    }) accounts for the difference: consistent with the article's own figures, which cannot verify it; the tracker's file as of ${claim.article_date} (the article's date) would verify it`,
    evidence: result.evidence,
  };
}

const trackerTotalTokens: Check = (claim, inputs) => {
  const week = claim.params.week;
  const rows = trackerWeek(inputs, week);
  if (rows.height === 0) return trackerMissing(inputs, week, "the week");
  const file = trackerFile(inputs, week);
  const total = file?.total_tokens ?? sumOf(rows, "total_tokens");
  const result = compareStated(
    claim,
    total,
    `the tracker's total_tokens in its ${week} file (the sum over its models)`,
    {
      evidence: file?.total_tokens != null
        ? `${
          dataPath(inputs, file.file)
        }: total_tokens (= the sum over its ${rows.height} models[] rows)`
        : `${fileOf(inputs, week)}: every models[] row (${rows.height})`,
    },
  );
  return withAbsentModels(
    result,
    inputs,
    claim,
    total,
    absentContribution(inputs, claim, "total"),
    "total tokens",
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
  const result = compareStated(
    claim,
    value,
    `models in the tracker's ${week} file (${type})`,
    {
      evidence: `${
        fileOf(inputs, week)
      }: models[] (${rows.height} rows, ${free} is_free)`,
    },
  );
  return withAbsentModels(
    result,
    inputs,
    claim,
    value,
    absentContribution(inputs, claim, type ?? "all"),
    `${type ?? "all"} models`,
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
  const result = compareStated(
    claim,
    value,
    `sum of ${what} over the tracker's ${week} file (its token_breakdown)`,
    {
      evidence: `${
        fileOf(inputs, week)
      }: token_breakdown (= the sums over its ${rows.height} models[] rows)`,
    },
  );
  return withAbsentModels(
    result,
    inputs,
    claim,
    value,
    absentContribution(inputs, claim, type),
    `${type} tokens`,
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

const vendorDollarSharePct: Check = (claim) => {
  return unverifiable(
    "vendor revenue ÷ revenue of all tracked models (inference-stats), cache-aware",
    `no revenue data for the week of ${claim.params.week} (inference-stats tracks the top ~9 models only); per-model token breakdowns for that week would verify it (see notebooks/04_tokens_vs_dollars for the tracked weeks)`,
  );
};

/** Dollar shares (no revenue data outside the tracker's weeks). */
export const revenueShareChecks: CheckFamily = {
  name: "revenue share",
  checks: { vendor_dollar_share_pct: vendorDollarSharePct },
};
