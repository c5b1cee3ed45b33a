/**
 * tokenbook's public surface: one import for notebooks.
 *
 * ```ts
 * import { loadWorkspace, runAnalyses, loadClaims } from "../lib/mod.ts";
 * ```
 *
 * @module
 */
export * from "./problems.ts";
export * from "./format.ts";
export * from "./decimal.ts";
export * from "./models_list.ts";
export * from "./rankings_daily.ts";
export * from "./inference_stats.ts";
export {
  loadReferenceCsv,
  type Origin,
  ORIGINS,
  type ReferenceTable,
} from "./reference.ts";
export * from "./workspace.ts";
export * from "./validate.ts";
export * from "./cost.ts";
export * from "./prices.ts";
export * from "./agent_task.ts";
export * from "./revenue.ts";
export * from "./model_info.ts";
export * from "./weekly.ts";
export * from "./correlation.ts";
export * from "./benchmark_share.ts";
export * from "./claims.ts";
export * from "./claim_checks.ts";
export * from "./analysis.ts";
export * from "./charts.ts";
export { serializeSvg, svgToPng, writeChartFiles } from "./chart_export.ts";
export * from "./report_charts.ts";
export {
  buildReport,
  frameToCsv,
  reportMarkdown,
  reportTables,
} from "./report.ts";
export * from "./movers.ts";
