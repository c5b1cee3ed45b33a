import assert from "node:assert/strict";
import { JSDOM } from "jsdom";
import * as Plot from "@observablehq/plot";
import {
  chartRenderer,
  renderChartFiles,
  saveChartFiles,
  serializeSvg,
  STABLE_CLASS,
  svgToPng,
  svgToPngAsync,
  writeChartFiles,
} from "../../lib/charts/chart_export.ts";
import { chartFrame } from "../../lib/charts/chart_style.ts";
import { inTempDir } from "../_helpers.ts";

const { document } = new JSDOM("").window;

function parseSvg(markup: string): SVGSVGElement {
  const host = document.createElement("div");
  host.innerHTML = markup;
  return host.querySelector("svg") as SVGSVGElement;
}

function pngSize(png: Uint8Array): [number, number] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

Deno.test("serializeSvg() renumbers ids in document order together with their references", () => {
  const svg = parseSvg(
    `<svg><defs><clipPath id="plot-clip-9"><rect/></clipPath><pattern id="hatch"></pattern></defs>` +
      `<g clip-path="url(#plot-clip-9)"><rect fill="url(#hatch)"/><use href="#hatch"/></g></svg>`,
  );
  const text = serializeSvg(svg);
  assert.match(text, /<clipPath id="tokenbook-1">/);
  assert.match(text, /<pattern id="tokenbook-2"\/>/);
  assert.match(text, /clip-path="url\(#tokenbook-1\)"/);
  assert.match(text, /fill="url\(#tokenbook-2\)"/);
  assert.match(text, /href="#tokenbook-2"/);
  assert.doesNotMatch(text, /plot-clip-9|hatch/);
});

Deno.test("serializeSvg() replaces Plot's random class and adds xmlns", () => {
  const render = () =>
    Plot.plot({
      document,
      marks: [Plot.dot([1, 2, 3], { x: (d) => d })],
    }) as SVGSVGElement;
  const [first, second] = [render(), render()];
  assert.match(first.getAttribute("class")!, /^plot-[0-9a-f]{6}$/);
  const text = serializeSvg(first);
  assert.equal(text, serializeSvg(second));
  assert.match(text, new RegExp(`^<svg class="${STABLE_CLASS}"`));
  assert.match(
    text,
    new RegExp(`:where\\(\\.${STABLE_CLASS}\\)`),
    "inside <style> too",
  );
  assert.match(text, / xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.doesNotMatch(text, /plot-[0-9a-f]{6}/);
});

Deno.test("serializeSvg() rounds attribute numbers and path data to 3 decimals but not text", () => {
  const svg = parseSvg(
    `<svg><path d="M0.123456,-7.0000001L1e-7,2.5"/><rect x="-0.0001" width="10" transform="translate(1.23449,0)" fill="#1e5f00"/>` +
      `<text x="3.14159">3.14159</text></svg>`,
  );
  const text = serializeSvg(svg);
  assert.match(text, /d="M0\.123,-7L0,2\.5"/);
  assert.match(
    text,
    /<rect x="0" width="10" transform="translate\(1\.234,0\)" fill="#1e5f00"\/>/,
  );
  assert.match(text, /<text x="3\.142">3\.14159<\/text>/);
});

Deno.test("serializeSvg() leaves the element it was given unchanged", () => {
  const svg = parseSvg(
    `<svg class="plot-abc123"><rect id="r" x="0.123456"/></svg>`,
  );
  const before = svg.outerHTML;
  serializeSvg(svg);
  assert.equal(svg.outerHTML, before);
});

Deno.test("serializeSvg() puts elements on their own lines but never breaks a text", () => {
  const svg = parseSvg(
    `<svg><g><text><tspan>a</tspan><tspan>b</tspan></text></g></svg>`,
  );
  assert.equal(
    serializeSvg(svg),
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n<g>\n<text><tspan>a</tspan><tspan>b</tspan></text>\n</g>\n</svg>\n`,
  );
});

Deno.test("svgToPng() renders a PNG at twice the SVG's size by default", () => {
  const svg = chartFrame({
    document,
    title: "T",
    source: "S",
    width: 300,
    height: 200,
  }, null);
  const png = svgToPng(serializeSvg(svg));
  assert.deepEqual([...png.slice(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  assert.deepEqual(pngSize(png), [600, 400]);
  assert.deepEqual(pngSize(svgToPng(serializeSvg(svg), 1)), [300, 200]);
});

Deno.test("svgToPng() throws a SyntaxError for text that is not SVG", () => {
  assert.throws(() => svgToPng("<svg width='10'"), SyntaxError);
});

Deno.test("writeChartFiles() writes NAME.svg and NAME.png into a new folder", async () => {
  await inTempDir(async (dir) => {
    const svg = chartFrame({ document, title: "T", source: "S" }, null);
    const paths = await writeChartFiles(`${dir}/charts`, "origin_share", svg);
    assert.deepEqual(paths, {
      svgPath: `${dir}/charts/origin_share.svg`,
      pngPath: `${dir}/charts/origin_share.png`,
    });
    assert.equal(await Deno.readTextFile(paths.svgPath), serializeSvg(svg));
    assert.deepEqual(pngSize(await Deno.readFile(paths.pngPath)), [1440, 880]);
  });
});

Deno.test("writeChartFiles() refuses a name that is not a plain file name", async () => {
  const svg = chartFrame({ document, title: "T", source: "S" }, null);
  await assert.rejects(
    () => writeChartFiles("/tmp", "../escape", svg),
    TypeError,
  );
});

Deno.test("svgToPngAsync() gives svgToPng's bytes, and rejects text that is not SVG", async () => {
  const svg = serializeSvg(
    Plot.plot({ document, marks: [Plot.lineY([1, 3, 2])] }) as SVGSVGElement,
  );
  assert.deepEqual(await svgToPngAsync(svg), svgToPng(svg));
  await assert.rejects(() => svgToPngAsync("<svg width='10'"), SyntaxError);
});

Deno.test("chartRenderer() writes each chart as writeChartFiles would, in order, whatever order the renders end in", async () => {
  await inTempDir(async (dir) => {
    const charts = [3, 1, 2, 5, 4].map((n, i) => ({
      name: `chart_${i}`,
      svg: Plot.plot({
        document,
        width: 100 + 60 * n,
        marks: [Plot.dot([1, n])],
      }) as SVGSVGElement,
    }));
    const render = chartRenderer();
    const files = charts.map(render);
    const paths = await saveChartFiles(`${dir}/all`, files);
    assert.deepEqual(
      paths.map((p) => p.pngPath),
      charts.map((c) => `${dir}/all/${c.name}.png`),
    );
    for (const chart of charts) {
      const one = await writeChartFiles(`${dir}/one`, chart.name, chart.svg);
      assert.deepEqual(
        await Deno.readFile(`${dir}/all/${chart.name}.png`),
        await Deno.readFile(one.pngPath),
      );
      assert.equal(
        await Deno.readTextFile(`${dir}/all/${chart.name}.svg`),
        await Deno.readTextFile(one.svgPath),
      );
    }
    assert.throws(
      () => render({ name: "../x", svg: charts[0].svg }),
      TypeError,
    );
  });
});

Deno.test("renderChartFiles() checks every name before any render starts", () => {
  const svg = Plot.plot({ document, marks: [] }) as SVGSVGElement;
  assert.throws(
    () => renderChartFiles([{ name: "ok", svg }, { name: "a b", svg }]),
    /name is "a b"/,
  );
});
