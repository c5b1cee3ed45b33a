/**
 * The observed counterpart of the articles' synthetic "agent task": what a
 * real agent session costs on a cheap model and on a dear one, within each
 * harness and turn range, against the ratio an article states (26×).
 *
 * @module
 */
import pl from "nodejs-polars";
import { findModel } from "../analysis/model_info.ts";
import { TURN_RANGES } from "../loading/session_cost.ts";

/** What {@linkcode sessionCostComparison} returns. */
export interface SessionCostFinding {
  /**
   * One row per harness × turn range where both models have a cell:
   * `app_slug`, `app_name`, `turn_range`, `cheap_usd`, `dear_usd` (median
   * USD per session), `observed_ratio` (dear ÷ cheap), `stated_ratio`,
   * `observed_vs_stated` (observed ÷ stated; 1 = as the article says).
   */
  table: pl.DataFrame;
  /** The permaslugs matched for each model (versioned permaslug and request id). */
  slugs: { cheap: string[]; dear: string[] };
  /** The window the cells come from (the latest saved), or null. */
  windowEndDate: string | null;
  /** Days in that window, or null. */
  windowDays: number | null;
  /** Median of `observed_ratio` over the cells, or null with no cell. */
  medianRatio: number | null;
  /** Smallest and largest `observed_ratio`, or null. */
  ratioRange: [number, number] | null;
  /** `meta.as_of` of the window's files (the latest), or null. */
  asOf: string | null;
  /** The ratio the article states (dear ÷ cheap), as given. */
  statedRatio: number;
}

/** The slugs a session-cost row may name a model by: its permaslug and its request id. */
function slugsOf(modelIdentity: pl.DataFrame, name: string): string[] {
  const permaslug = findModel(modelIdentity, name);
  if (permaslug === undefined) {
    throw new RangeError(
      `Cannot compare session costs: no model in reference/models.csv is called ${
        JSON.stringify(name)
      }`,
    );
  }
  const row = modelIdentity.filter(pl.col("permaslug").eq(pl.lit(permaslug)))
    .toRecords()[0] as { model_id?: string | null };
  return [permaslug, row.model_id ?? ""].filter((s) => s !== "");
}

/**
 * Compare the observed median session cost of two models within each
 * harness × turn range of the latest saved session-cost window. Sessions
 * are never pooled across harnesses (OpenRouter does not), so each cell
 * compares like with like; cells where only one model appears are left out.
 *
 * @param sessionCost The workspace's `sessionCost` frame (see `SessionCostRow`).
 * @param modelIdentity The workspace's `modelIdentity` (reference/models.csv).
 * @param options `cheap` and `dear`: model names as the articles write them;
 * `statedRatio`: the ratio the article states (dear ÷ cheap).
 * @returns The table and its summary.
 * @throws {RangeError} When a model name is not in the reference table.
 *
 * @example One harness, one turn range
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const identity = pl.DataFrame({
 *   permaslug: ["deepseek/deepseek-v4-flash-20260423", "anthropic/claude-4.5-sonnet-20250929"],
 *   model_id: ["deepseek/deepseek-v4-flash", "anthropic/claude-sonnet-4.5"],
 *   display_name: ["DeepSeek V4 Flash", "Claude Sonnet 4.5"], aliases: ["", ""],
 * });
 * const cells = pl.DataFrame({
 *   window_end_date: ["2026-06-21", "2026-06-21"], window_days: [30, 30],
 *   app_slug: ["cline", "cline"], app_name: ["Cline", "Cline"],
 *   model_permaslug: ["deepseek/deepseek-v4-flash-20260423", "anthropic/claude-sonnet-4.5"],
 *   turn_range: ["2-9-turns", "2-9-turns"], median_session_cost_usd: [0.02, 0.5],
 *   as_of: ["2026-06-22T02:00:00Z", "2026-06-22T02:00:00Z"], source_file: ["a", "a"],
 * });
 * const finding = sessionCostComparison(cells, identity, { cheap: "DeepSeek V4 Flash", dear: "Claude Sonnet 4.5", statedRatio: 26 });
 * assert.equal(finding.medianRatio, 25);
 * ```
 */
export function sessionCostComparison(
  sessionCost: pl.DataFrame,
  modelIdentity: pl.DataFrame,
  options: { cheap: string; dear: string; statedRatio: number },
): SessionCostFinding {
  const slugs = {
    cheap: slugsOf(modelIdentity, options.cheap),
    dear: slugsOf(modelIdentity, options.dear),
  };
  const none: SessionCostFinding = {
    table: pl.DataFrame({
      app_slug: pl.Series("app_slug", [], pl.Utf8),
      app_name: pl.Series("app_name", [], pl.Utf8),
      turn_range: pl.Series("turn_range", [], pl.Utf8),
      cheap_usd: pl.Series("cheap_usd", [], pl.Float64),
      dear_usd: pl.Series("dear_usd", [], pl.Float64),
      observed_ratio: pl.Series("observed_ratio", [], pl.Float64),
      stated_ratio: pl.Series("stated_ratio", [], pl.Float64),
      observed_vs_stated: pl.Series("observed_vs_stated", [], pl.Float64),
    }),
    slugs,
    windowEndDate: null,
    windowDays: null,
    medianRatio: null,
    ratioRange: null,
    asOf: null,
    statedRatio: options.statedRatio,
  };
  if (sessionCost.height === 0) return none;
  const windowEndDate =
    (sessionCost.getColumn("window_end_date").toArray() as string[])
      .sort().at(-1)!;
  const window = sessionCost.filter(
    pl.col("window_end_date").eq(pl.lit(windowEndDate)),
  );
  const side = (which: "cheap" | "dear") =>
    window
      .filter(pl.col("model_permaslug").isIn(slugs[which]))
      .groupBy(["app_slug", "app_name", "turn_range"])
      .agg(pl.col("median_session_cost_usd").first().alias(`${which}_usd`));
  const turnOrder = pl.DataFrame({
    turn_range: [...TURN_RANGES],
    turn_order: TURN_RANGES.map((_, i) => i),
  });
  const table = side("cheap")
    .join(side("dear"), { on: ["app_slug", "app_name", "turn_range"] })
    .join(turnOrder, { on: "turn_range" })
    .withColumns(
      pl.col("dear_usd").div(pl.col("cheap_usd")).alias("observed_ratio"),
      pl.lit(options.statedRatio).cast(pl.Float64).alias("stated_ratio"),
    )
    .withColumns(
      pl.col("observed_ratio").div(pl.col("stated_ratio")).alias(
        "observed_vs_stated",
      ),
    )
    .sort(["app_slug", "turn_order"])
    .drop("turn_order");
  if (table.height === 0) return { ...none, windowEndDate };
  const ratios = (table.getColumn("observed_ratio").toArray() as number[])
    .sort((a, b) => a - b);
  const middle = Math.floor(ratios.length / 2);
  const medianRatio = ratios.length % 2 === 1
    ? ratios[middle]
    : (ratios[middle - 1] + ratios[middle]) / 2;
  const asOfs = (window.getColumn("as_of").toArray() as string[])
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return {
    table,
    slugs,
    windowEndDate,
    windowDays: window.getColumn("window_days").toArray()[0] as number,
    medianRatio,
    ratioRange: [ratios[0], ratios.at(-1)!],
    asOf: asOfs.at(-1) ?? null,
    statedRatio: options.statedRatio,
  };
}
