/**
 * tokenbook's public surface: one import for notebooks.
 *
 * ```ts
 * import { loadWorkspace, runAnalyses, loadClaims } from "./mod.ts";
 * ```
 *
 * @module
 */
export * from "./loading/problems.ts";
export * from "./text/format.ts";
export * from "./loading/decimal.ts";
export * from "./loading/frames.ts";
export * from "./loading/models_list.ts";
export * from "./loading/rankings_daily.ts";
export * from "./loading/inference_stats.ts";
export {
  loadReferenceCsv,
  type Origin,
  ORIGINS,
  type ReferenceTable,
} from "./loading/reference.ts";
export * from "./loading/workspace.ts";
export * from "./loading/validate.ts";
export * from "./analysis/cost.ts";
export * from "./analysis/prices.ts";
export {
  hasPrice,
  overridesOf,
  priceOnDay,
  ratesFor,
  vendorComparison,
} from "./analysis/price_book.ts";
export * from "./analysis/request_bill.ts";
export * from "./loading/vendor_prices.ts";
export * from "./analysis/agent_task.ts";
export * from "./loading/observed_prices.ts";
export * from "./analysis/model_prices.ts";
export * from "./whatif/policy.ts";
export * from "./whatif/workload.ts";
export * from "./whatif/engine.ts";
export * from "./whatif/token_mix.ts";
export * from "./whatif/case_study.ts";
export * from "./whatif/example_workload.ts";
export * from "./whatif/load_inputs.ts";
export * from "./whatif/whatif_report.ts";
export * from "./whatif/as_ran.ts";
export * from "./whatif/scale_bill.ts";
export * from "./analysis/observed_cache.ts";
export * from "./findings/observed_cache.ts";
export * from "./findings/routing_what_if.ts";
export * from "./charts/cache_hit_chart.ts";
export * from "./charts/whatif_bill_chart.ts";
export * from "./analysis/revenue.ts";
export * from "./analysis/model_info.ts";
export * from "./base/dates.ts";
export * from "./analysis/weekly.ts";
export * from "./analysis/model_rows.ts";
export * from "./analysis/correlation.ts";
export * from "./analysis/benchmark_share.ts";
export * from "./analysis/self_hosting.ts";
export * from "./analysis/quality_per_dollar.ts";
export * from "./claims/claims.ts";

export * from "./run/analyses.ts";
export * from "./charts/charts.ts";
export {
  chartRenderer,
  renderChartFiles,
  saveChartFiles,
  serializeSvg,
  svgToPng,
  svgToPngAsync,
  writeChartFiles,
} from "./charts/chart_export.ts";
export * from "./charts/report_charts.ts";
export * from "./charts/registry.ts";
export * from "./charts/quality_frontier_chart.ts";
export * from "./charts/source_line.ts";
export {
  buildReport,
  frameToCsv,
  reportMarkdown,
  reportTables,
} from "./report/report.ts";
export * from "./analysis/movers.ts";
export * from "./loading/app_rankings.ts";
export * from "./loading/session_cost.ts";
export * from "./loading/benchmarks_feed.ts";
export * from "./loading/rankings_segments.ts";
export * from "./analysis/segment_share.ts";
export * from "./text/citation.ts";
export * from "./findings/app_rankings.ts";
export * from "./findings/session_cost.ts";
export * from "./charts/app_rankings_chart.ts";
export {
  escapeHtml,
  escapeMarkdown,
  escapeTerminal,
  visibleText,
} from "./text/escape.ts";
export * from "./text/markdown.ts";
export * from "./text/table.ts";
export * from "./findings/agent_task_cost.ts";
export * from "./findings/weekly_movers.ts";
export * from "./findings/tokens_vs_dollars.ts";
export * from "./findings/china_us_share.ts";
export * from "./findings/benchmark_vs_share.ts";
export {
  MIN_SAMPLE_SIZE,
  NEARLY_INVERSE_RHO,
} from "./claims/checks/benchmarks.ts";
export * from "./claims/lookup.ts";
export * from "./base/numbers.ts";
export * from "./findings/self_hosting.ts";
export * from "./findings/quality_per_dollar.ts";
export { flushOutputs, show } from "./tooling/display.ts";
