import assert from "node:assert/strict";
import pl from "nodejs-polars";
import * as Plot from "@observablehq/plot";
import { JSDOM } from "jsdom";
import {
  distinct,
  hasRows,
  labelMargin,
  logAxisX,
  logTicks,
  modelAxis,
  originLegend,
  originScale,
  plotBase,
  RULE,
  seriesLegend,
  thinWeeks,
  weekTick,
} from "../../lib/charts/_chart_helpers.ts";
import {
  NEUTRAL_GREY,
  ORIGIN_COLORS,
  SERIES_COLORS,
  textWidth,
} from "../../lib/charts/chart_style.ts";

// Tests lib/charts/_chart_helpers.ts (the leading underscore dropped).

Deno.test("originScale() and originLegend() order origins China, US, Europe, other, unknown, then the rest A–Z", () => {
  const origins = ["unknown", "Zeta", "US", "Alpha", "China", "US", "Europe"];
  const order = ["China", "US", "Europe", "unknown", "Alpha", "Zeta"];
  assert.deepEqual(originScale(origins), {
    domain: order,
    range: [
      ORIGIN_COLORS.China,
      ORIGIN_COLORS.US,
      ORIGIN_COLORS.Europe,
      ORIGIN_COLORS.unknown,
      NEUTRAL_GREY,
      NEUTRAL_GREY,
    ],
  });
  assert.deepEqual(
    originLegend(origins),
    order.map((label) => ({
      label,
      color: ORIGIN_COLORS[label] ?? NEUTRAL_GREY,
    })),
  );
  assert.equal(ORIGIN_COLORS.China, "#D55E00");
});

Deno.test("seriesLegend() colours series in SERIES_COLORS order and wraps around", () => {
  const legend = seriesLegend(["a", "b", "c", "d", "e"]);
  assert.deepEqual(legend.map((i) => i.color), [
    SERIES_COLORS[0],
    SERIES_COLORS[1],
    SERIES_COLORS[2],
    SERIES_COLORS[3],
    SERIES_COLORS[0], // 4 colours, so the fifth series takes the first
  ]);
  assert.deepEqual(seriesLegend([]), []);
});

Deno.test("hasRows() is false for an empty frame, true for a complete one, and names every missing column", () => {
  assert.equal(hasRows(pl.DataFrame({ a: [] }), "c", ["a", "zz"]), false);
  assert.equal(hasRows(pl.DataFrame({ a: [1], b: [2] }), "c", ["a"]), true);
  assert.throws(
    () => hasRows(pl.DataFrame({ a: [1] }), "topModelsChart", ["a", "b", "c"]),
    (e: unknown) => {
      assert.ok(e instanceof TypeError);
      assert.equal(
        e.message,
        'Cannot draw topModelsChart: frame is missing columns "b", "c", expected "a", "b", "c" (it has "a")',
      );
      return true;
    },
  );
  assert.throws(
    () => hasRows(pl.DataFrame({ a: [1] }), "c", ["b"]),
    /missing column "b", expected "b"/,
  );
});

Deno.test("distinct() keeps first appearances, for any iterable", () => {
  assert.deepEqual(distinct(["b", "a", "b", "c", "a"]), ["b", "a", "c"]);
  assert.deepEqual(distinct(new Set([3, 1])), [3, 1]);
  assert.deepEqual(distinct([]), []);
});

Deno.test("labelMargin() is the widest line, rounded up, plus 12px for the tick", () => {
  // "0000" at 11px: 4 × 0.636em × 11 = 27.984 → 28 + 12 = 40.
  assert.equal(labelMargin(["00\n0000", "0"], 11), 40);
  assert.equal(
    labelMargin(["Claude Sonnet 4.5"]),
    Math.ceil(textWidth("Claude Sonnet 4.5", 11)) + 12,
  );
  assert.equal(labelMargin([]), 12);
});

Deno.test("logTicks() gives powers of ten over wide spans, 1-2-5 over narrow ones, every mantissa when fewer than 2", () => {
  // 1 … 1e6 is 6 decades (> 3.5): powers of ten only.
  assert.deepEqual(logTicks(1, 1e6), [1, 10, 100, 1e3, 1e4, 1e5, 1e6]);
  // 3 decades: 1, 2, 5 per decade, inside the domain.
  assert.deepEqual(logTicks(1.5, 1500), [
    2,
    5,
    10,
    20,
    50,
    100,
    200,
    500,
    1000,
  ]);
  // 2.1 … 4.9: no 1, 2 or 5 inside, so every mantissa: 3, 4.
  assert.deepEqual(logTicks(2.1, 4.9), [3, 4]);
  // 6 … 9: 1-2-5 gives nothing; every mantissa gives 6, 7, 8, 9.
  assert.deepEqual(logTicks(6, 9), [6, 7, 8, 9]);
});

Deno.test("logAxisX() labels every one of logTicks' ticks on a log axis", () => {
  const { document } = new JSDOM("").window;
  const svg = Plot.plot({
    document,
    width: 400,
    height: 80,
    x: { type: "log", domain: [1, 100] },
    marks: logAxisX([1, 100], (v) => `${v}x`, "tokens"),
  }) as SVGSVGElement;
  // 2 decades: 1, 2, 5 per decade, each labelled by the format (Plot's own
  // log axis would drop the 2× and 5× labels).
  const labels = [
    ...svg.querySelectorAll('g[aria-label="x-axis tick label"] text'),
  ]
    .map((t) => t.textContent);
  assert.deepEqual(labels, ["1x", "2x", "5x", "10x", "20x", "50x", "100x"]);
  assert.equal(
    svg.querySelectorAll('g[aria-label="x-grid"] line').length,
    7,
  );
});

Deno.test("weekTick() writes day and month, with the year on the first tick and at a year change", () => {
  assert.equal(weekTick("2026-06-01", undefined), "1 Jun\n2026");
  assert.equal(weekTick("2026-06-08", "2026-06-01"), "8 Jun");
  assert.equal(weekTick("2027-01-04", "2026-12-28"), "4 Jan\n2027");
  assert.equal(weekTick("2026-12-28", "2026-12-21"), "28 Dec");
});

Deno.test("thinWeeks() labels every k-th week so 48px labels fit", () => {
  const weeks = Array.from({ length: 10 }, (_, i) => `w${i}`);
  // 10 × 48 = 480px: fits in 480, every 2nd in 240, every 4th in 130 (ceil(480/130) = 4).
  assert.deepEqual(thinWeeks(weeks, 480), weeks);
  assert.deepEqual(thinWeeks(weeks, 240), ["w0", "w2", "w4", "w6", "w8"]);
  assert.deepEqual(thinWeeks(weeks, 130), ["w0", "w4", "w8"]);
  // No width at all: one label, the first.
  assert.deepEqual(thinWeeks(weeks, 0), ["w0"]);
});

Deno.test("plotBase() passes document, size and margins to Plot", () => {
  const document = {} as Document;
  assert.deepEqual(
    plotBase(document, { width: 640, height: 400 }, {
      left: 52,
      right: 20,
      top: 24,
      bottom: 40,
    }),
    {
      document,
      width: 640,
      height: 400,
      marginLeft: 52,
      marginRight: 20,
      marginTop: 24,
      marginBottom: 40,
    },
  );
});

Deno.test("modelAxis() keeps the order and shortens long names to 28 characters", () => {
  const axis = modelAxis(["b", "a"]);
  assert.deepEqual(axis.domain, ["b", "a"]);
  assert.equal(axis.label, null);
  assert.equal(axis.tickFormat("Claude Sonnet 4.5"), "Claude Sonnet 4.5");
  const long = "An extremely long model name that goes on";
  const cut = axis.tickFormat(long);
  assert.equal([...cut].length, 28);
  assert.ok(cut.endsWith("…"));
});

Deno.test("RULE is the house's dark grey", () => {
  assert.equal(RULE, "#333333");
});
