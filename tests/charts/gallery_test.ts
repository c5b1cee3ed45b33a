import assert from "node:assert/strict";
import { JSDOM } from "jsdom";
import {
  type GalleryEntry,
  galleryHtml,
  galleryLinks,
  notebookPages,
  VERDICTS,
} from "../../lib/charts/gallery.ts";

const META = {
  title: "tokenbook charts",
  generated: "data 2026-05-18 to 2026-06-22",
};

const ENTRIES: GalleryEntry[] = [
  {
    name: "origin_share",
    title: "Chinese models' share of tokens by week",
    caption: "Share of tokens by origin; partial weeks are hatched.",
    claims: [
      { id: "C1", verdict: "reproduced" },
      {
        id: "C2",
        verdict: "reproduced-under-assumptions",
        note: "cache hit rate 80%",
      },
    ],
    svg: "charts/origin_share.svg",
    png: "charts/origin_share.png",
  },
  {
    name: "movers",
    title: "Biggest movers",
    caption: "Week-over-week change.",
    claims: [
      { id: "C7", verdict: "contradicted" },
      { id: "C9", verdict: "unverifiable" },
    ],
    svg: "charts/movers.svg",
    png: "charts/movers.png",
  },
];

function parse(html: string): Document {
  return new JSDOM(html).window.document;
}

Deno.test("galleryHtml() shows every chart with its caption and links to SVG and PNG", () => {
  const page = parse(galleryHtml(META, ENTRIES));
  assert.equal(page.title, "tokenbook charts");
  assert.match(
    page.querySelector(".period")!.textContent!,
    /2026-05-18 to 2026-06-22/,
  );
  const figures = [...page.querySelectorAll("figure")];
  assert.deepEqual(figures.map((f) => f.id), ["origin_share", "movers"]);
  for (const [i, figure] of figures.entries()) {
    const entry = ENTRIES[i];
    // The title is drawn in the chart: the page shows it only as alt text.
    assert.equal(figure.querySelector("h2, h3"), null);
    assert.ok(!figure.textContent!.includes(entry.title), figure.textContent!);
    assert.equal(figure.querySelector("img")!.getAttribute("src"), entry.svg);
    assert.equal(figure.querySelector("img")!.getAttribute("alt"), entry.title);
    assert.equal(
      figure.querySelector("figcaption")!.textContent,
      entry.caption,
    );
    const links = [...figure.querySelectorAll(".downloads a")];
    assert.deepEqual(
      links.map((a) => [a.textContent, a.getAttribute("href")]),
      [
        ["SVG", entry.svg],
        ["PNG", entry.png],
      ],
    );
  }
});

Deno.test("galleryHtml() gives each verdict its own coloured badge and the claim's note", () => {
  const page = parse(galleryHtml(META, ENTRIES));
  const claims = [...page.querySelectorAll("figure .claims li")];
  assert.deepEqual(
    claims.map((li) => li.querySelector(".badge")!.className),
    VERDICTS.map((verdict) => `badge verdict-${verdict}`),
  );
  assert.equal(
    claims[1].textContent,
    "reproduced-under-assumptions C2 cache hit rate 80%",
  );
  const css = page.querySelector("style")!.textContent!;
  const colours = VERDICTS.map((v) =>
    css.match(new RegExp(`\\.verdict-${v} \\{ background: (#[0-9a-f]+)`))?.[1]
  );
  assert.equal(
    new Set(colours).size,
    VERDICTS.length,
    `distinct colours: ${colours}`,
  );
});

Deno.test("galleryHtml() escapes every text and attribute it writes", () => {
  const hostile = `<script>alert("x")</script> & 'quotes'`;
  const html = galleryHtml({ title: hostile, generated: hostile }, [{
    name: `a"b`,
    title: hostile,
    caption: hostile,
    claims: [{ id: hostile, verdict: hostile, note: hostile }],
    svg: `charts/x.svg" onerror="alert(1)`,
    png: `charts/<x>.png`,
  }]);
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /onerror="/);
  const page = parse(html);
  assert.equal(page.title, hostile);
  assert.equal(page.querySelector("figcaption")!.textContent, hostile);
  assert.equal(
    page.querySelector("img")!.getAttribute("src"),
    `charts/x.svg" onerror="alert(1)`,
  );
  assert.equal(page.querySelector("figure")!.id, `a"b`);
  assert.equal(
    page.querySelector("figure .badge")!.className,
    "badge",
    "an unknown verdict gets the plain badge",
  );
});

Deno.test("galleryHtml() needs no script and no network", () => {
  const html = galleryHtml(META, ENTRIES);
  assert.doesNotMatch(html, /<script|<link|https?:\/\//i);
  const csp = parse(html).querySelector(
    'meta[http-equiv="Content-Security-Policy"]',
  );
  assert.match(csp!.getAttribute("content")!, /default-src 'none'/);
});

Deno.test("galleryHtml() says so when there are no charts", () => {
  const page = parse(galleryHtml(META, []));
  assert.equal(page.querySelectorAll("figure").length, 0);
  assert.equal(page.querySelector("main p")!.textContent, "No charts.");
});

Deno.test("galleryHtml() links the report, each notebook's HTML and the API reference", () => {
  const page = parse(galleryHtml(
    {
      ...META,
      links: galleryLinks(["05_weekly_movers.html", "01_agent_task_cost.html"]),
    },
    ENTRIES,
  ));
  const links = [...page.querySelectorAll("header .links a")].map((a) => [
    a.textContent,
    a.getAttribute("href"),
  ]);
  assert.deepEqual(links, [
    ["Report", "report.md"],
    ["Notebook 01_agent_task_cost", "notebooks/01_agent_task_cost.html"],
    ["Notebook 05_weekly_movers", "notebooks/05_weekly_movers.html"],
    ["API reference", "docs/index.html"],
  ]);
});

Deno.test("notebookPages() lists the .html files of notebooks/ only, sorted", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tokenbook_gallery_" });
  try {
    assert.deepEqual(await notebookPages(dir), []);
    await Deno.mkdir(`${dir}/notebooks`);
    for (const name of ["02_b.html", "01_a.html", "01_a.ipynb", "DATA.txt"]) {
      await Deno.writeTextFile(`${dir}/notebooks/${name}`, "");
    }
    assert.deepEqual(await notebookPages(dir), ["01_a.html", "02_b.html"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
