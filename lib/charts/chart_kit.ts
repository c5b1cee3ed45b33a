/**
 * The article kit of a chart: everything a newsroom puts beside the image.
 * `NAME.svg`/`NAME.png` (with `role="img"`, `<title>` and `<desc>`),
 * `NAME.dark.svg`/`NAME.dark.png`, `NAME.social.png` (1200×630), `NAME.csv`
 * (the data as drawn) and `NAME.json` (title, subtitle, alt text, caption,
 * source line, source URL, licence, period, `as_of`, claim ids). Built from
 * one chart spec of the registry, so the report, `deno task charts` and the
 * notebooks agree.
 *
 * @module
 */
import type { Analyses } from "../run/analyses.ts";
import { newestAsOf } from "../text/citation.ts";
import { frameToCsv } from "../text/csv.ts";
import { CHART_WIDTH, chartFrame } from "./chart_style.ts";
import { SOCIAL_ZOOM } from "./chart_export.ts";
import { CHART_KIT_TABLES } from "./chart_kit_tables.ts";
import type { ChartSize, ChartSpec, ChartTexts } from "./registry.ts";
import type { Theme } from "./chart_theme.ts";

/**
 * The social card's size in pixels, as the card is exported.
 *
 * @example Open Graph's size
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(SOCIAL_CARD, { width: 1200, height: 630 });
 * ```
 */
export const SOCIAL_CARD = { width: 1200, height: 630 } as const;

/** What a writer may change when exporting a chart (`deno task charts`). */
export interface KitOptions {
  /** Title drawn in the chart instead of the registry's. */
  title?: string;
  /** Subtitle drawn instead of the registry's. */
  subtitle?: string;
  /** Width in pixels; the height follows the chart's aspect. */
  width?: number;
  /** The theme of `NAME.svg`/`NAME.png` (default light; the kit also holds the other). */
  theme?: Theme;
}

/** `NAME.json`: the chart's texts and provenance. */
export interface ChartMeta {
  /** The chart's name (its file name without extension). */
  name: string;
  /** Title drawn in the chart. */
  title: string;
  /** Subtitle drawn under the title. */
  subtitle: string;
  /** Alt text, written from the data (at most about 300 characters). */
  alt: string;
  /** Caption for an article. */
  caption: string;
  /** The source line drawn at the chart's foot. */
  source: string;
  /** Where a reader finds the source. */
  source_url: string;
  /** The source's licence. */
  licence: string;
  /** First and last day the chart shows, or null. */
  period: { start: string; end: string } | null;
  /** OpenRouter's `meta.as_of` of the rankings files used (newest, verbatim), or null when none has one or the chart is not drawn from rankings-daily. */
  as_of: string | null;
  /** The day the data was cut at (`--as-of`), or null. */
  data_to: string | null;
  /** Ids of the ledger's claims the chart illustrates. */
  claim_ids: string[];
  /** Width and height of `NAME.svg` in pixels. */
  size: ChartSize;
  /** The kit's files, by role, relative to the chart's folder. */
  files: Record<KitFile, string>;
}

/** The files of a chart's kit. */
export type KitFile =
  | "svg"
  | "png"
  | "dark_svg"
  | "dark_png"
  | "social_png"
  | "csv"
  | "json";

/**
 * The file names of a chart's kit.
 *
 * @param name The chart's name.
 * @returns Each file by role.
 *
 * @example The dark SVG
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(kitFileNames("weekly_movers").dark_svg, "weekly_movers.dark.svg");
 * ```
 */
export function kitFileNames(name: string): Record<KitFile, string> {
  return {
    svg: `${name}.svg`,
    png: `${name}.png`,
    dark_svg: `${name}.dark.svg`,
    dark_png: `${name}.dark.png`,
    social_png: `${name}.social.png`,
    csv: `${name}.csv`,
    json: `${name}.json`,
  };
}

/** A chart and its kit, drawn (not yet serialised or rendered). */
export interface ChartKit {
  /** The chart's name. */
  name: string;
  /** The texts drawn. */
  texts: ChartTexts;
  /** The chart at its size, with its alt text as `<desc>`. */
  svg: SVGSVGElement;
  /** The chart drawn at the social card's size before zoom (800×420). */
  social: SVGSVGElement;
  /** `NAME.csv`'s text. */
  csv: string;
  /** `NAME.json`'s content. */
  meta: ChartMeta;
  /** The theme of `NAME.svg`. */
  theme: Theme;
}

/**
 * Draw a chart of the registry with its kit.
 *
 * @param spec The chart's spec.
 * @param results The analyses.
 * @param document A DOM document (jsdom's) to draw in.
 * @param options A writer's title, subtitle, width and theme.
 * @returns The chart, its social card, its CSV and its metadata.
 * @throws {RangeError} When `width` is not a whole number from 320 to 4000.
 */
export function chartKit(
  spec: ChartSpec,
  results: Analyses,
  document: Document,
  options: KitOptions = {},
): ChartKit {
  const baseWidth = spec.width ?? CHART_WIDTH;
  const width = options.width ?? baseWidth;
  if (!Number.isInteger(width) || width < 320 || width > 4000) {
    throw new RangeError(
      `Cannot draw chart ${spec.name}: width is ${width}, expected a whole number of pixels from 320 to 4000`,
    );
  }
  const base = spec.texts(results);
  const texts: ChartTexts = {
    ...base,
    title: options.title ?? base.title,
    subtitle: options.subtitle ?? base.subtitle,
  };
  const available = spec.available(results);
  const frame = spec.data(results);
  const kit = CHART_KIT_TABLES[spec.name];
  const table = available ? kit.table(frame, results) : undefined;
  const alt = table === undefined
    ? `No data for this chart: ${texts.title}.`
    : kit.alt(table, results);
  const size = {
    width,
    height: Math.round(spec.height * width / baseWidth),
  };
  const social = {
    width: SOCIAL_CARD.width / SOCIAL_ZOOM,
    height: SOCIAL_CARD.height / SOCIAL_ZOOM,
  };
  const draw = (at: ChartSize) =>
    available
      ? spec.draw(
        frame,
        { ...texts, description: alt },
        results,
        document,
        at,
      )
      : chartFrame({ ...texts, description: alt, document, ...at }, null);
  const period = spec.period(results);
  const rankings = spec.origin.url === "https://openrouter.ai/rankings";
  return {
    name: spec.name,
    texts,
    svg: draw(size),
    social: draw(social),
    csv: table === undefined ? "" : frameToCsv(table),
    theme: options.theme ?? "light",
    meta: {
      name: spec.name,
      title: texts.title,
      subtitle: texts.subtitle,
      alt,
      caption: texts.caption,
      source: texts.source,
      source_url: spec.origin.url,
      licence: spec.origin.licence,
      period: period === null ? null : { start: period[0], end: period[1] },
      as_of: rankings
        ? newestAsOf(results.rankingsMeta ?? [], results.classified)
        : null,
      data_to: results.period.dataTo ?? null,
      claim_ids: [...spec.claimIds],
      size,
      files: kitFileNames(spec.name),
    },
  };
}
