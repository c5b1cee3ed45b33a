/**
 * Article-ready charts, one file per chart (as Observable Plot keeps one
 * file per mark): pure functions from a polars DataFrame to an `<svg>`
 * element in the house style of `chartFrame` (lib/charts/chart_style.ts),
 * drawn with Observable Plot on the `document` passed in. No I/O; export
 * with lib/charts/chart_export.ts. Every chart copes with an empty frame
 * ("no data") and truncates long labels to 28 characters; origins keep
 * their colour from `ORIGIN_COLORS` in every chart.
 *
 * @module
 */
export type { ChartOptions } from "./chart_style.ts";
export { agentTaskCostChart } from "./agent_task_cost_chart.ts";
export { ratioVsCacheHitChart } from "./ratio_vs_cache_hit_chart.ts";
export { revenueComparisonChart } from "./revenue_comparison_chart.ts";
export { tokenDollarShareChart } from "./token_dollar_share_chart.ts";
export { originShareChart } from "./origin_share_chart.ts";
export { TOP_MODELS_WINDOW, topModelsChart } from "./top_models_chart.ts";
export { benchmarkScatterChart } from "./benchmark_scatter_chart.ts";
export { moversChart } from "./movers_chart.ts";
