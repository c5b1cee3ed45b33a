/**
 * The charts of the report, drawn from the chart registry
 * (lib/charts/registry.ts): each with its title, caption, the claims it
 * illustrates and its article kit (lib/charts/chart_kit.ts), for the output
 * folder and the gallery.
 *
 * @module
 */
import type { Analyses } from "../run/analyses.ts";
import {
  type ChartKit,
  chartKit,
  type KitFile,
  kitFileNames,
  type KitOptions,
} from "./chart_kit.ts";
import { renderChartFiles, saveChartFiles } from "./chart_export.ts";
import { CHART_SPECS, type ChartSpec, chartSpec } from "./registry.ts";

/** One chart of the report, with its kit. */
export interface ReportChart extends ChartKit {
  /** File name without extension. */
  name: string;
  /** Title drawn in the chart. */
  title: string;
  /** Subtitle drawn in the chart. */
  subtitle: string;
  /** Caption for the gallery. */
  caption: string;
  /** Ids of the claims it illustrates. */
  claimIds: string[];
}

/** Options of {@linkcode reportCharts}. */
export interface ReportChartsOptions extends KitOptions {
  /** Only these charts (by name; default all). */
  only?: readonly string[];
}

/**
 * Build every chart of the report from the analyses, each with its kit:
 * each chart of `CHART_SPECS` whose data the analyses hold (the tracker's
 * charts are left out when there is no tracker data), in gallery order.
 *
 * @param results The analyses.
 * @param document A DOM document (jsdom's) to build the SVG in.
 * @param onChart Called with each chart as soon as it is drawn (the report
 * starts its PNGs then, while the next one is drawn).
 * @param options `only` some charts; a writer's title, subtitle, width, theme.
 * @returns The charts, in gallery order.
 */
export function reportCharts(
  results: Analyses,
  document: Document,
  onChart: (chart: ReportChart) => void = () => {},
  options: ReportChartsOptions = {},
): ReportChart[] {
  const wanted = (spec: ChartSpec) =>
    options.only === undefined || options.only.includes(spec.name);
  return CHART_SPECS.filter((spec) => spec.available(results) && wanted(spec))
    .map((spec) => {
      const kit = chartKit(spec, results, document, options);
      const chart = {
        ...kit,
        title: kit.texts.title,
        subtitle: kit.texts.subtitle,
        caption: kit.texts.caption,
        claimIds: [...spec.claimIds],
      };
      onChart(chart);
      return chart;
    });
}

/**
 * Draw a chart of the registry with its kit and write all of it into a
 * folder: `NAME.svg`, `NAME.png`, `NAME.dark.svg`, `NAME.dark.png`,
 * `NAME.social.png`, `NAME.csv` and `NAME.json`. The one line a notebook
 * needs: `await tb.writeChartKit("out/mine", "weekly_movers", results, document)`.
 *
 * @param dir The folder (created when absent).
 * @param name A chart name of the registry.
 * @param results The analyses.
 * @param document A DOM document (jsdom's).
 * @param options A writer's title, subtitle, width and theme.
 * @returns The paths written, by role.
 * @throws {RangeError} When no chart has that name, or the width is out of range.
 */
export async function writeChartKit(
  dir: string,
  name: string,
  results: Analyses,
  document: Document,
  options: KitOptions = {},
): Promise<Record<KitFile, string>> {
  const kit = chartKit(chartSpec(name), results, document, options);
  await saveChartFiles(dir, renderChartFiles([{ name, svg: kit.svg, kit }]));
  const files = kitFileNames(kit.name);
  return Object.fromEntries(
    Object.entries(files).map(([role, file]) => [role, `${dir}/${file}`]),
  ) as Record<KitFile, string>;
}
