/**
 * A one-page HTML gallery of the exported charts: each chart with its
 * caption, the verdicts of the claims it illustrates, and links to its SVG
 * and PNG. Self-contained: inline CSS, no scripts, no network; opens from
 * `file://`.
 *
 * @module
 */
import {
  METHOD_FLAWED_DEFINITION,
  VERDICT_DEFINITIONS,
} from "../claims/verdicts.ts";

/** One chart in the gallery. Paths are relative to the gallery page. */
export interface GalleryEntry {
  /** Short identifier, used as the figure's anchor, e.g. `"origin_share"`. */
  name: string;
  /** Heading shown above the chart. */
  title: string;
  /** What the chart shows, in a sentence or two. */
  caption: string;
  /** The article claims this chart illustrates and how each fared. */
  claims: { id: string; verdict: string; note?: string }[];
  /** Relative path of the SVG, e.g. `"charts/origin_share.svg"`. */
  svg: string;
  /** Relative path of the PNG, e.g. `"charts/origin_share.png"`. */
  png: string;
}

/** Metadata of the gallery page. */
export interface GalleryMeta {
  /** Page title and heading. */
  title: string;
  /** The data period the charts cover, e.g. `"data through 2026-06-22"` (not a clock time). */
  generated: string;
}

/**
 * Verdicts with their own badge colour; any other verdict gets a grey badge.
 *
 * @example The four verdicts
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(VERDICTS, ["reproduced", "reproduced-under-assumptions", "contradicted", "unverifiable"]);
 * ```
 */
export const VERDICTS = [
  "reproduced",
  "reproduced-under-assumptions",
  "contradicted",
  "unverifiable",
] as const;

const STYLE = `
body { margin: 0; background: #f6f6f4; color: #1a1a1a;
  font: 16px/1.5 "DejaVu Sans", system-ui, sans-serif; }
header, main { max-width: 780px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 28px; }
h1 { font-size: 26px; margin: 0 0 4px; }
.period { margin: 0 0 12px; color: #555; }
.key { margin: 0 0 8px; padding: 0; list-style: none; font-size: 13px; }
.key li { margin: 0 0 6px; }
figure { margin: 24px 0; padding: 20px; background: white;
  border: 1px solid #e2e2e2; border-radius: 6px; }
h2 { font-size: 19px; margin: 0 0 12px; }
img { display: block; width: 100%; max-width: 720px; height: auto; }
figcaption { margin: 12px 0 8px; }
.claims { margin: 0 0 8px; padding: 0; list-style: none; font-size: 14px; }
.claims li { margin: 4px 0; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px;
  font-size: 12px; font-weight: bold; color: white; background: #777; }
.verdict-reproduced { background: #007a5a; }
.verdict-reproduced-under-assumptions { background: #f0c040; color: #1a1a1a; }
.verdict-contradicted { background: #b84a00; }
.verdict-unverifiable { background: #6b6b6b; }
.downloads { margin: 0; font-size: 14px; }
a { color: #005a8c; }
`;

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function badge(verdict: string): string {
  const known = (VERDICTS as readonly string[]).includes(verdict);
  const className = known ? ` verdict-${verdict}` : "";
  return `<span class="badge${className}">${escapeHtml(verdict)}</span>`;
}

function figure(entry: GalleryEntry): string {
  const claims = entry.claims.map((claim) => {
    const note = claim.note ? ` ${escapeHtml(claim.note)}` : "";
    return `      <li>${badge(claim.verdict)} <code>${
      escapeHtml(claim.id)
    }</code>${note}</li>`;
  });
  return [
    `  <figure id="${escapeHtml(entry.name)}">`,
    `    <h2>${escapeHtml(entry.title)}</h2>`,
    `    <img src="${escapeHtml(entry.svg)}" alt="${escapeHtml(entry.title)}">`,
    `    <figcaption>${escapeHtml(entry.caption)}</figcaption>`,
    ...(claims.length > 0
      ? [`    <ul class="claims">`, ...claims, `    </ul>`]
      : []),
    `    <p class="downloads">Download: <a href="${
      escapeHtml(entry.svg)
    }">SVG</a> · <a href="${escapeHtml(entry.png)}">PNG</a></p>`,
    `  </figure>`,
  ].join("\n");
}

/**
 * Render the gallery page. All text is HTML-escaped; the page has a
 * Content-Security-Policy that allows no scripts and no network, only the
 * chart images next to it.
 *
 * @param meta The page title and the data period.
 * @param entries The charts, in page order.
 * @returns A complete HTML document ending with a newline.
 *
 * @example One chart with one verdict
 * ```ts
 * import assert from "node:assert/strict";
 * const html = galleryHtml({ title: "Charts", generated: "data through 2026-06-22" }, [{
 *   name: "origin_share",
 *   title: "Share by origin",
 *   caption: "Weekly share of tokens <by origin>.",
 *   claims: [{ id: "C3", verdict: "contradicted" }],
 *   svg: "charts/origin_share.svg",
 *   png: "charts/origin_share.png",
 * }]);
 * assert.match(html, /<img src="charts\/origin_share.svg"/);
 * assert.match(html, /class="badge verdict-contradicted">contradicted</);
 * assert.match(html, /&lt;by origin&gt;/);
 * ```
 */
export function galleryHtml(
  meta: GalleryMeta,
  entries: GalleryEntry[],
): string {
  // The key defines each verdict in one paragraph (lib/claims/verdicts.ts).
  const key = [
    ...VERDICTS.map((verdict) =>
      `    <li>${badge(verdict)} ${
        escapeHtml(VERDICT_DEFINITIONS[verdict])
      }</li>`
    ),
    `    <li>⚑ ${escapeHtml(METHOD_FLAWED_DEFINITION)}</li>`,
  ];
  const body = entries.length > 0
    ? entries.map(figure).join("\n")
    : "  <p>No charts.</p>";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' file:; style-src 'unsafe-inline'">
<title>${escapeHtml(meta.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>${escapeHtml(meta.title)}</h1>
  <p class="period">${escapeHtml(meta.generated)}</p>
  <ul class="key">
${key.join("\n")}
  </ul>
</header>
<main>
${body}
</main>
</body>
</html>
`;
}
