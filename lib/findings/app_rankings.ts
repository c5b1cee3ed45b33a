/**
 * Which apps (agents, IDEs, chat front-ends) drive OpenRouter's token volume:
 * the app-rankings table for notebook 02.
 *
 * @module
 */
import pl from "nodejs-polars";

/** What {@linkcode appRankingsTable} returns. */
export interface AppRankingsFinding {
  /** One row per app: `rank`, `app_name`, `total_tokens`, `token_share` (fraction 0–1 of the listed apps' tokens), `total_requests`, `tokens_per_request`. */
  table: pl.DataFrame;
  /** The window, `[start, end]` (inclusive), or null when there is no row. */
  window: [string, string] | null;
  /** How many apps the saved responses list for that window (the share's denominator). */
  listedApps: number;
  /** Tokens of the listed apps together. */
  listedTokens: number;
  /** Share of the listed apps' tokens taken by the `top` apps (fraction 0–1). */
  topShare: number;
  /** `meta.as_of` of the window's files (the latest), or null. */
  asOf: string | null;
}

/**
 * The top apps by tokens in the latest saved app-rankings window (sort
 * `popular`), with each app's share of the tokens of every app the saved
 * pages list. Scope: the apps OpenRouter publishes (public, attributed
 * traffic only), not all of OpenRouter's traffic.
 *
 * @param appRankings The workspace's `appRankings` frame (see `AppRankingRow`).
 * @param options `top`: how many apps to keep (default 15).
 * @returns The table, the window and the shares.
 * @throws {TypeError} When the frame lacks a column of `AppRankingRow`.
 *
 * @example Two apps, one window
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const frame = pl.DataFrame({
 *   window_start: ["2026-05-24", "2026-05-24"], window_end: ["2026-06-22", "2026-06-22"],
 *   sort_by: ["popular", "popular"], rank: [1, 2], app_id: [1, 2], app_name: ["Cline", "Roo Code"],
 *   total_requests: [4321, 2109], total_tokens: [3000, 1000], as_of: ["2026-06-23T02:00:00Z", "2026-06-23T02:00:00Z"],
 *   source_file: ["a.json", "a.json"],
 * });
 * const finding = appRankingsTable(frame, { top: 1 });
 * assert.deepEqual(finding.table.getColumn("app_name").toArray(), ["Cline"]);
 * assert.equal(finding.topShare, 0.75);
 * ```
 */
export function appRankingsTable(
  appRankings: pl.DataFrame,
  options: { top?: number } = {},
): AppRankingsFinding {
  const needed = [
    "window_start",
    "window_end",
    "sort_by",
    "rank",
    "app_name",
    "total_requests",
    "total_tokens",
    "as_of",
  ];
  const missing = needed.filter((c) => !appRankings.columns.includes(c));
  if (missing.length > 0) {
    throw new TypeError(
      `Cannot rank apps: the frame lacks ${
        missing.join(", ")
      }, expected the columns of AppRankingRow`,
    );
  }
  const popular = appRankings.filter(pl.col("sort_by").eq(pl.lit("popular")));
  const empty: AppRankingsFinding = {
    table: pl.DataFrame({}),
    window: null,
    listedApps: 0,
    listedTokens: 0,
    topShare: 0,
    asOf: null,
  };
  if (popular.height === 0) return empty;
  const [latest] = popular
    .select("window_end", "window_start")
    .unique()
    .sort(["window_end", "window_start"], [true, true])
    .toRecords() as { window_end: string; window_start: string }[];
  const window = popular.filter(
    pl.col("window_end").eq(pl.lit(latest.window_end)).and(
      pl.col("window_start").eq(pl.lit(latest.window_start)),
    ),
  );
  const listedTokens = window.getColumn("total_tokens").sum() as number;
  const table = window
    .withColumns(
      pl.col("total_tokens").cast(pl.Float64).div(pl.lit(listedTokens)).alias(
        "token_share",
      ),
      pl.col("total_tokens").cast(pl.Float64)
        .div(pl.col("total_requests").cast(pl.Float64))
        .alias("tokens_per_request"),
    )
    .sort(["rank", "app_name"])
    .head(options.top ?? 15)
    .select(
      "rank",
      "app_name",
      "total_tokens",
      "token_share",
      "total_requests",
      "tokens_per_request",
    );
  const asOfs = (window.getColumn("as_of").toArray() as string[])
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return {
    table,
    window: [latest.window_start, latest.window_end],
    listedApps: window.height,
    listedTokens,
    topShare: (table.getColumn("total_tokens").sum() as number) / listedTokens,
    asOf: asOfs.at(-1) ?? null,
  };
}
