/**
 * A one-page HTML gallery of the exported charts: each chart with its
 * caption, the verdicts of the claims it illustrates, and links to its SVG
 * and PNG. Self-contained: inline CSS, no scripts, no network; opens from
 * `file://`.
 *
 * @module
 */
import { VERDICT_DEFINITIONS } from "../claims/verdicts.ts";
import { FLAG_DEFINITIONS, FLAGS } from "../claims/flags.ts";

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
  /** Alt text written from the data (the image's `alt`; the title when absent). */
  alt?: string;
  /** The source line (in the embed snippet's `<figcaption>`). */
  source?: string;
  /** The rest of the chart's kit, relative to the gallery page. */
  kit?: {
    /** `NAME.dark.svg`. */
    darkSvg: string;
    /** `NAME.dark.png`. */
    darkPng: string;
    /** `NAME.social.png`. */
    socialPng: string;
    /** `NAME.csv`. */
    csv: string;
    /** `NAME.json`. */
    json: string;
  };
  /** True when the chart's data changed since the run compared with (`report --compare`). */
  changed?: boolean;
}

/** A link in the gallery's header, relative to the gallery page. */
export interface GalleryLink {
  /** Link text, e.g. `"Report"`. */
  label: string;
  /** Relative address, e.g. `"report.md"`; empty for an entry shown without a link (a stale notebook). */
  href: string;
  /** A short note after the link, e.g. how to build the page it points to. */
  note?: string;
}

/** Metadata of the gallery page. */
export interface GalleryMeta {
  /** Page title and heading. */
  title: string;
  /** The data period the charts cover, e.g. `"data through 2026-06-22"` (not a clock time). */
  generated: string;
  /** Links to the rest of the output folder, shown under the heading (see {@linkcode galleryLinks}). */
  links?: GalleryLink[];
}

/**
 * The gallery's links to the rest of the output folder: the report
 * (`report.md`), each notebook's HTML (`notebooks/*.html`, when
 * `deno task notebooks` has written them) and the API reference
 * (`docs/index.html`, written by `deno task docs`), left out with
 * `docs: false` (the report leaves it out when the folder has none, so the
 * link is never dead).
 *
 * @param notebookPages File names of the notebooks' HTML pages in
 * `notebooks/`, e.g. `["01_agent_task_cost.html"]` (see {@linkcode notebookPages}).
 * @param options `docs`: whether `docs/index.html` exists (default true);
 * `freshness`: whether the notebooks ran on the report's data
 * (`notebookFreshness` of lib/tooling/notebook_record.ts; default current).
 * When not, each is listed with the reason and no link, so a gallery never
 * links notebooks older than itself.
 * @returns The links, in that order, notebooks sorted by name.
 *
 * @example Two notebooks
 * ```ts
 * import assert from "node:assert/strict";
 * const links = galleryLinks(["02_china_us_share.html", "01_agent_task_cost.html"]);
 * assert.deepEqual(links.map((l) => l.href), [
 *   "report.md",
 *   "notebooks/01_agent_task_cost.html",
 *   "notebooks/02_china_us_share.html",
 *   "docs/index.html",
 * ]);
 * assert.equal(galleryLinks([], { docs: false }).length, 1);
 * ```
 */
export function galleryLinks(
  notebookPages: readonly string[],
  options: {
    docs?: boolean;
    freshness?: { current: boolean; reason: string };
  } = {},
): GalleryLink[] {
  return [
    {
      label: "Report",
      href: "report.md",
      note: "headline figures, data warnings",
    },
    ...[...notebookPages].sort().map((page) =>
      (options.freshness?.current ?? true)
        ? {
          label: `Notebook ${page.replace(/\.html$/, "")}`,
          href: `notebooks/${page}`,
        }
        : {
          label: `Notebook ${page.replace(/\.html$/, "")}`,
          href: "",
          note: `older than this report, not linked: ${
            options.freshness?.reason ?? ""
          }; run deno task notebooks`,
        }
    ),
    ...(options.docs === false ? [] : [{
      label: "API reference",
      href: "docs/index.html",
      note: "built by deno task docs",
    }]),
  ];
}

/**
 * The notebooks' HTML pages in an output folder's `notebooks/`, for
 * {@linkcode galleryLinks}.
 *
 * @param outDir The output folder (the gallery's folder).
 * @returns File names ending in `.html`, sorted; none when the folder is absent.
 *
 * @example No notebooks yet
 * ```ts
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * assert.deepEqual(await notebookPages(dir), []);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function notebookPages(outDir: string): Promise<string[]> {
  const pages: string[] = [];
  try {
    for await (const entry of Deno.readDir(`${outDir}/notebooks`)) {
      if (entry.isFile && entry.name.endsWith(".html")) pages.push(entry.name);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return pages.sort();
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
.links { margin: 0 0 12px; padding: 0; list-style: none; font-size: 14px; }
.links li { display: inline-block; margin: 0 14px 4px 0; }
.links .note { color: #555; }
.key { margin: 0 0 8px; padding: 0; list-style: none; font-size: 13px; }
.key li { margin: 0 0 6px; }
figure { margin: 24px 0; padding: 20px; background: white;
  border: 1px solid #e2e2e2; border-radius: 6px; }
img { display: block; width: 100%; max-width: 720px; height: auto; }
figcaption { margin: 12px 0 8px; }
.changed { margin: 0 0 8px; font-weight: bold; color: #8a4b00; }
.links .stale { color: #555; }
.claims { margin: 0 0 8px; padding: 0; list-style: none; font-size: 14px; }
.claims li { margin: 4px 0; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px;
  font-size: 12px; font-weight: bold; color: white; background: #777; }
.verdict-reproduced { background: #007a5a; }
.verdict-reproduced-under-assumptions { background: #f0c040; color: #1a1a1a; }
.verdict-contradicted { background: #b84a00; }
.verdict-unverifiable { background: #6b6b6b; }
.downloads { margin: 0; font-size: 14px; }
.alt { margin: 8px 0 0; font-size: 13px; color: #444; }
.embed { margin: 8px 0 0; font-size: 13px; }
.embed pre { margin: 6px 0 0; padding: 8px; background: #f3f3f1;
  overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
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

/**
 * The gallery's links block as HTML (empty for no link), as
 * {@linkcode galleryHtml} writes it under the heading.
 *
 * @param items The links (see {@linkcode galleryLinks}).
 * @returns The `<ul class="links">` block with its trailing newline.
 */
export function linksHtml(items: GalleryLink[]): string {
  return links(items);
}

function links(items: GalleryLink[]): string {
  if (items.length === 0) return "";
  const lines = items.map((link) =>
    `    <li>${
      link.href === ""
        ? `<span class="stale">${escapeHtml(link.label)}</span>`
        : `<a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>`
    }${
      link.note ? ` <span class="note">(${escapeHtml(link.note)})</span>` : ""
    }</li>`
  );
  return [`  <ul class="links">`, ...lines, `  </ul>`, ""].join("\n");
}

/**
 * The `<figure>` a writer pastes into an article: the PNG with its alt
 * text, and a `<figcaption>` holding the caption and the source line.
 *
 * @param entry The chart.
 * @returns HTML, escaped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const html = embedSnippet({ name: "a", title: "T", caption: "C.", claims: [], svg: "a.svg", png: "a.png", alt: "Up 5%.", source: "Source: X" });
 * assert.equal(html, '<figure>\n  <img src="a.png" alt="Up 5%.">\n  <figcaption>C. Source: X</figcaption>\n</figure>');
 * ```
 */
export function embedSnippet(entry: GalleryEntry): string {
  const alt = entry.alt ?? entry.title;
  const caption = [entry.caption, entry.source].filter((t) => t).join(" ");
  return [
    "<figure>",
    `  <img src="${escapeHtml(entry.png)}" alt="${escapeHtml(alt)}">`,
    `  <figcaption>${escapeHtml(caption)}</figcaption>`,
    "</figure>",
  ].join("\n");
}

function figure(entry: GalleryEntry): string {
  const claims = entry.claims.map((claim) => {
    const note = claim.note ? ` ${escapeHtml(claim.note)}` : "";
    return `      <li>${badge(claim.verdict)} <code>${
      escapeHtml(claim.id)
    }</code>${note}</li>`;
  });
  const alt = entry.alt ?? entry.title;
  const download = (href: string, label: string) =>
    `<a href="${escapeHtml(href)}">${label}</a>`;
  const downloads = [
    download(entry.svg, "SVG"),
    download(entry.png, "PNG"),
    ...(entry.kit === undefined ? [] : [
      `dark (${download(entry.kit.darkSvg, "SVG")}, ${
        download(entry.kit.darkPng, "PNG")
      })`,
      download(entry.kit.socialPng, "social card"),
      download(entry.kit.csv, "CSV"),
      download(entry.kit.json, "JSON"),
    ]),
  ];
  return [
    `  <figure id="${escapeHtml(entry.name)}">`,
    `    <img src="${escapeHtml(entry.svg)}" alt="${escapeHtml(alt)}">`,
    ...(entry.alt === undefined
      ? []
      : [`    <p class="alt"><b>Alt text:</b> ${escapeHtml(entry.alt)}</p>`]),
    `    <figcaption>${escapeHtml(entry.caption)}</figcaption>`,
    ...(entry.changed
      ? [`    <p class="changed">Data changed since the last run.</p>`]
      : []),
    ...(claims.length > 0
      ? [`    <ul class="claims">`, ...claims, `    </ul>`]
      : []),
    `    <p class="downloads">Download: ${downloads.join(" · ")}</p>`,
    ...(entry.kit === undefined ? [] : [
      `    <details class="embed"><summary>Copy embed</summary><pre><code>${
        escapeHtml(embedSnippet(entry))
      }</code></pre></details>`,
    ]),
    `  </figure>`,
  ].join("\n");
}

/**
 * Render the gallery page: links to the rest of the output folder under
 * the heading, then each chart with its caption, its claims' verdicts and
 * download links. A chart's title is drawn inside its image (and is the
 * image's alt text), so the page does not repeat it in a heading. All text
 * is HTML-escaped; the page has a Content-Security-Policy that allows no
 * scripts and no network, only the chart images next to it.
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
 * assert.doesNotMatch(html, /<h2>/);
 * const linked = galleryHtml({ title: "Charts", generated: "", links: galleryLinks([]) }, []);
 * assert.match(linked, /<a href="report.md">Report<\/a>/);
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
    // Then each flag (lib/claims/flags.ts), method flawed first.
    ...FLAGS.map((flag) =>
      `    <li>⚑ ${escapeHtml(`${flag}: ${FLAG_DEFINITIONS[flag]}`)}</li>`
    ),
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
${links(meta.links ?? [])}  <ul class="key">
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
