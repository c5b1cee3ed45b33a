/**
 * The charts of the report, drawn from the chart registry
 * (lib/charts/registry.ts): each with its title, caption and the claims it
 * illustrates, for the output folder and the gallery.
 *
 * @module
 */
import type { Analyses } from "../run/analyses.ts";
import { CHART_SPECS } from "./registry.ts";

/** One chart of the report. */
export interface ReportChart {
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
  /** The chart. */
  svg: SVGSVGElement;
}

/**
 * Build every chart of the report from the analyses: each chart of
 * `CHART_SPECS` whose data the analyses hold (the tracker's charts are left
 * out when there is no tracker data), in gallery order.
 *
 * @param results The analyses.
 * @param document A DOM document (jsdom's) to build the SVG in.
 * @param onChart Called with each chart as soon as it is drawn (the report
 * starts its PNG then, while the next one is drawn).
 * @returns The charts, in gallery order.
 */
export function reportCharts(
  results: Analyses,
  document: Document,
  onChart: (chart: ReportChart) => void = () => {},
): ReportChart[] {
  return CHART_SPECS.filter((spec) => spec.available(results)).map((spec) => {
    const texts = spec.texts(results);
    const chart = {
      name: spec.name,
      title: texts.title,
      subtitle: texts.subtitle,
      caption: texts.caption,
      claimIds: [...spec.claimIds],
      svg: spec.draw(spec.data(results), texts, results, document),
    };
    onChart(chart);
    return chart;
  });
}
