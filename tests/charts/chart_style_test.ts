import assert from "node:assert/strict";
import { JSDOM } from "jsdom";
import * as Plot from "@observablehq/plot";
import { Resvg } from "@resvg/resvg-js";
import {
  changeTick,
  CHART_HEIGHT,
  CHART_WIDTH,
  chartFrame,
  FONT_FAMILY,
  HATCH_ID,
  NEUTRAL_GREY,
  ORIGIN_COLORS,
  originColor,
  originOrder,
  ORIGINS,
  percentTick,
  SERIES_COLORS,
  textWidth,
  timesTick,
  tokensTick,
  truncateLabel,
  usdTick,
  wrapText,
} from "../../lib/charts/chart_style.ts";

const { document } = new JSDOM("").window;

Deno.test("originColor() gives each known origin its own Okabe-Ito colour and the rest grey", () => {
  assert.deepEqual(ORIGINS.map(originColor), [
    "#D55E00",
    "#0072B2",
    "#009E73",
    "#CC79A7",
    "#999999",
  ]);
  assert.equal(new Set(Object.values(ORIGIN_COLORS)).size, ORIGINS.length);
  assert.equal(originColor("other (not in top 50)"), NEUTRAL_GREY);
  assert.equal(originColor("toString"), NEUTRAL_GREY);
});

Deno.test("series colours never reuse an origin colour", () => {
  const origin = new Set(Object.values(ORIGIN_COLORS).concat(NEUTRAL_GREY));
  assert.deepEqual(SERIES_COLORS.filter((c) => origin.has(c)), []);
});

Deno.test("originOrder() lists known origins first, the rest alphabetically, once each", () => {
  assert.deepEqual(
    originOrder([
      "unknown",
      "other (not in top 50)",
      "US",
      "Atlantis",
      "China",
      "US",
    ]),
    ["China", "US", "unknown", "Atlantis", "other (not in top 50)"],
  );
});

Deno.test("truncateLabel() keeps 28 characters and cuts longer labels to 28 with an ellipsis", () => {
  const exactly28 = "a".repeat(28);
  assert.equal(truncateLabel(exactly28), exactly28);
  const cut = truncateLabel("Qwen3 Coder 480B A35B Instruct Turbo (free)");
  assert.equal(cut, "Qwen3 Coder 480B A35B Instr…");
  assert.equal([...cut].length, 28);
  assert.equal(truncateLabel("abcdef ghi", 8), "abcdef…");
});

Deno.test("textWidth() matches resvg's rendering of DejaVu Sans within 2%", () => {
  // The ink box is a little narrower than the advance width: compare a text
  // between two "H"s against the "HH" pair alone.
  const measure = (text: string) => {
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="100"><text x="10" y="60" font-family="DejaVu Sans" font-size="20" xml:space="preserve">${text}</text></svg>`;
    const resvg = new Resvg(svg, {
      font: { loadSystemFonts: true, defaultFontFamily: FONT_FAMILY },
    });
    return resvg.getBBox()!.width;
  };
  const text = "DeepSeek V4 Flash · $0.012 (+30%)";
  const rendered = measure(`H${text}H`) - measure("HH");
  const estimated = textWidth(text, 20);
  assert.ok(
    Math.abs(rendered - estimated) / rendered < 0.02,
    `rendered ${rendered}px, estimated ${estimated}px`,
  );
});

Deno.test("wrapText() breaks at spaces before the width is exceeded", () => {
  // "aaaa" is 4 × 0.613em = 24.52px at 10px; "aaaa aaaa" is 52.22px.
  assert.deepEqual(wrapText("aaaa aaaa aaaa", 10, 52), [
    "aaaa",
    "aaaa",
    "aaaa",
  ]);
  assert.deepEqual(wrapText("aaaa aaaa aaaa", 10, 53), ["aaaa aaaa", "aaaa"]);
  assert.deepEqual(wrapText("", 10, 50), []);
});

Deno.test("axis formats carry their units", () => {
  assert.equal(tokensTick(0), "0");
  assert.equal(tokensTick(50_000_000_000), "50B");
  assert.equal(tokensTick(999_600_000_000), "1T");
  assert.equal(tokensTick(5_740_000_000_000), "5.74T");
  assert.equal(percentTick(0.25), "25%");
  assert.equal(changeTick(-0.004), "0%");
  assert.equal(changeTick(1.8), "+180%");
  assert.equal(usdTick(0), "$0");
  assert.equal(usdTick(0.05), "$0.050");
  assert.equal(usdTick(12.5), "$13");
  assert.equal(usdTick(2_397_302.04), "$2.4M");
  assert.equal(timesTick(26), "26×");
});

Deno.test("chartFrame() draws title, subtitle and source inside a fixed-size svg", () => {
  const svg = chartFrame({
    document,
    title: "Title",
    subtitle: "Subtitle",
    source: "Source: test",
  }, null);
  assert.equal(svg.getAttribute("width"), String(CHART_WIDTH));
  assert.equal(svg.getAttribute("height"), String(CHART_HEIGHT));
  assert.equal(
    svg.getAttribute("viewBox"),
    `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`,
  );
  assert.match(svg.getAttribute("font-family")!, /^DejaVu Sans/);
  const texts = [...svg.querySelectorAll("text")].map((t) => t.textContent);
  assert.deepEqual(texts, ["Title", "Subtitle", "Source: test", "no data"]);
  const source = [...svg.querySelectorAll("text")][2];
  assert.ok(Number(source.getAttribute("y")) > CHART_HEIGHT - 16);
});

Deno.test("chartFrame() wraps a long title and keeps the plot between header and source", () => {
  const title =
    "A title long enough that it cannot possibly fit on one line of a chart";
  let area = { width: 0, height: 0 };
  const svg = chartFrame({
    document,
    title,
    source: "Source: test",
    width: 600,
    height: 400,
  }, (a) => {
    area = a;
    return Plot.plot({
      document,
      width: a.width,
      height: a.height,
      marks: [Plot.dot([1, 2], { x: (d) => d })],
    });
  });
  const titleLines = [...svg.querySelectorAll("text[font-weight=bold]")];
  assert.equal(titleLines.length, 2);
  assert.equal(titleLines.map((t) => t.textContent).join(" "), title);
  assert.equal(area.width, 600 - 26);
  const body = svg.querySelector("g[transform]")!;
  const top = Number(body.getAttribute("transform")!.match(/,([\d.]+)\)/)![1]);
  const source = svg.querySelector('text[font-size="10"]')!;
  assert.equal(source.textContent, "Source: test");
  const sourceY = Number(source.getAttribute("y"));
  assert.ok(top > Number(titleLines[1].getAttribute("y")));
  assert.ok(
    top + area.height < sourceY - 10,
    `plot ends at ${top + area.height}, source at ${sourceY}`,
  );
  assert.equal(svg.querySelector("style"), null, "Plot's <style> is dropped");
  assert.ok(svg.querySelector("circle"), "Plot's marks are kept");
});

Deno.test("chartFrame() defines the hatch pattern only when a legend item is hatched", () => {
  const options = { document, title: "T", source: "S" };
  assert.equal(chartFrame(options, null).querySelector("pattern"), null);
  const svg = chartFrame(options, null, [
    { label: "China", color: ORIGIN_COLORS.China },
    { label: "partial week", color: "#999999", hatched: true },
  ]);
  assert.equal(svg.querySelector("pattern")?.id, HATCH_ID);
  const swatches = [...svg.querySelectorAll("rect")].map((r) =>
    r.getAttribute("fill")
  );
  assert.ok(swatches.includes(`url(#${HATCH_ID})`));
  assert.ok(swatches.includes(ORIGIN_COLORS.China));
});
