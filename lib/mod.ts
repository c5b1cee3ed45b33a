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
export * from "./analysis/agent_task.ts";
export * from "./analysis/revenue.ts";
export * from "./analysis/model_info.ts";
export * from "./analysis/weekly.ts";
export * from "./analysis/correlation.ts";
export * from "./analysis/benchmark_share.ts";
export * from "./claims/claims.ts";

export * from "./report/analysis.ts";
export * from "./charts/charts.ts";
export {
  serializeSvg,
  svgToPng,
  writeChartFiles,
} from "./charts/chart_export.ts";
export * from "./charts/report_charts.ts";
export * from "./charts/registry.ts";
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
