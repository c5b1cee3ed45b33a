import assert from "node:assert/strict";
import { JSDOM } from "jsdom";
import {
  boxesOverlap,
  placeFixedLabel,
  placeLabels,
  samplePolyline,
  segmentHitsBox,
  segmentsCross,
  textBox,
} from "../../lib/charts/_label_placer.ts";
import { FONT_SIZE, textWidth } from "../../lib/charts/chart_style.ts";
import { mulberry32 } from "../../lib/base/random.ts";

// Tests lib/charts/_label_placer.ts (the leading underscore dropped). The
// layout of whole charts is checked in tests/charts/chart_labels_test.ts.

const { document } = new JSDOM("").window;
const box = (left: number, right: number, top: number, bottom: number) => ({
  left,
  right,
  top,
  bottom,
});

Deno.test("boxesOverlap() keeps a 2px gap by default: exactly 2px apart is clear, closer is not", () => {
  const a = box(0, 10, 0, 10);
  assert.equal(boxesOverlap(a, box(12, 20, 0, 10)), false); // 12 < 10 + 2 is false
  assert.equal(boxesOverlap(a, box(11.9, 20, 0, 10)), true);
  assert.equal(boxesOverlap(a, box(0, 10, 12, 20)), false); // below, 2px apart
  assert.equal(boxesOverlap(a, box(0, 10, 11, 20)), true);
  // Overlapping on x only is not overlapping.
  assert.equal(boxesOverlap(a, box(5, 15, 30, 40)), false);
  // With gap 0, touching edges are clear; one inside the other overlaps.
  assert.equal(boxesOverlap(a, box(10, 20, 0, 10), 0), false);
  assert.equal(boxesOverlap(a, box(2, 3, 2, 3), 0), true);
});

Deno.test("segmentsCross() counts crossings and touches, but not a shared end point", () => {
  const s = { x1: 0, y1: 0, x2: 10, y2: 0 };
  // A T: the end of one touches the middle of the other.
  assert.equal(segmentsCross(s, { x1: 5, y1: 0, x2: 5, y2: 5 }), true);
  // Two leaders from the same point.
  assert.equal(segmentsCross(s, { x1: 0, y1: 0, x2: 0, y2: 10 }), false);
  assert.equal(segmentsCross(s, { x1: 10, y1: 0, x2: 20, y2: 5 }), false);
  // Collinear: overlapping crosses, disjoint does not.
  assert.equal(segmentsCross(s, { x1: 5, y1: 0, x2: 15, y2: 0 }), true);
  assert.equal(segmentsCross(s, { x1: 11, y1: 0, x2: 15, y2: 0 }), false);
  // Would cross if extended, but do not.
  assert.equal(segmentsCross(s, { x1: 12, y1: -5, x2: 12, y2: 5 }), false);
});

Deno.test("segmentHitsBox() finds a segment with an end inside, one passing through, and misses one past a corner", () => {
  const b = box(0, 10, 0, 10);
  assert.equal(segmentHitsBox({ x1: 5, y1: 5, x2: 50, y2: 50 }, b), true);
  assert.equal(segmentHitsBox({ x1: 2, y1: 2, x2: 8, y2: 8 }, b), true);
  assert.equal(segmentHitsBox({ x1: 5, y1: -5, x2: 5, y2: 15 }, b), true);
  // The line x + y = 25 passes the corner (10, 10), where x + y = 20.
  assert.equal(segmentHitsBox({ x1: 25, y1: 0, x2: 0, y2: 25 }, b), false);
  assert.equal(segmentHitsBox({ x1: 20, y1: 0, x2: 0, y2: 20 }, b), true);
});

Deno.test("textBox() spans 0.76em above the baseline and 0.24em below, placed by its anchor", () => {
  const width = textWidth("Alpha", 10);
  assert.ok(width > 0);
  const start = textBox("Alpha", 100, 50, "start", 10);
  assert.deepEqual(start, box(100, 100 + width, 50 - 7.6, 50 + 2.4));
  const middle = textBox("Alpha", 100, 50, "middle", 10);
  assert.deepEqual([middle.left, middle.right], [
    100 - width / 2,
    100 + width / 2,
  ]);
  const end = textBox("Alpha", 100, 50, "end", 10);
  assert.deepEqual([end.left, end.right], [100 - width, 100]);
  // Double the font size, double the width.
  assert.ok(Math.abs(textWidth("Alpha", 20) - 2 * width) < 1e-9);
});

Deno.test("samplePolyline() samples every segment at most `step` apart and breaks at NaN", () => {
  // A 3-4-5 segment with step 3: ceil(5 / 3) = 2 pieces, so 0, the midpoint, the end.
  assert.deepEqual(samplePolyline([[0, 0], [3, 4]]), [
    { x: 0, y: 0, radius: 1.5 },
    { x: 1.5, y: 2, radius: 1.5 },
    { x: 3, y: 4, radius: 1.5 },
  ]);
  // A NaN vertex drops itself and the segments on both sides of it.
  assert.deepEqual(
    samplePolyline([[0, 0], [Number.NaN, 0], [10, 0], [10, 2]], 5)
      .map((p) => [p.x, p.y]),
    [[0, 0], [10, 0], [10, 2]],
  );
  assert.deepEqual(samplePolyline([]), []);
  assert.equal(samplePolyline([[0, 0], [100, 0]], 10).length, 11);
});

Deno.test("placeFixedLabel() takes the first clear position, else the first, as a haloed text", () => {
  const candidates = [
    { x: 0, y: 10, anchor: "start" as const },
    { x: 200, y: 40, anchor: "end" as const },
  ];
  const clear = placeFixedLabel(document, "26×", candidates, []);
  assert.deepEqual(
    ["x", "y", "text-anchor", "font-size", "stroke", "paint-order"].map((a) =>
      clear.getAttribute(a)
    ),
    ["0", "10", "start", String(FONT_SIZE.label), "white", "stroke"],
  );
  assert.equal(clear.textContent, "26×");
  // Obstacles on both: the first is kept.
  const blocked = placeFixedLabel(document, "26×", candidates, [
    { x: 5, y: 8, radius: 1 },
    { x: 195, y: 38, radius: 1 },
  ], 10);
  assert.equal(blocked.getAttribute("y"), "10");
  assert.equal(blocked.getAttribute("font-size"), "10");
});

Deno.test("placeLabels() puts a lone label right of its point, vertically centred on it", () => {
  // fontSize 10, radius 4: gap = 4 + 3 = 7, so x = 107; baseline
  // y = 50 + 0.76·10/2 − 1 = 52.8.
  const [text] = placeLabels(document, [{
    x: 100,
    y: 50,
    text: "Alpha",
    radius: 4,
  }], {
    bounds: box(0, 300, 0, 100),
    fontSize: 10,
  });
  assert.equal(text.tagName, "text");
  assert.deepEqual(
    ["x", "y", "text-anchor", "fill", "stroke-width"].map((a) =>
      text.getAttribute(a)
    ),
    ["107", "52.8", "start", "#333333", "3"],
  );
});

Deno.test("placeLabels() moves a label left of its point when the right side leaves the bounds", () => {
  const [text] = placeLabels(document, [{
    x: 290,
    y: 50,
    text: "Alpha",
    radius: 4,
  }], {
    bounds: box(0, 300, 0, 100),
    fontSize: 10,
  });
  assert.equal(text.getAttribute("text-anchor"), "end");
  assert.equal(text.getAttribute("x"), "283"); // 290 − 7
});

Deno.test("placeLabels() returns labels in input order, each clear of the others", () => {
  const labels = [
    { x: 100, y: 50, text: "Alpha", radius: 4 },
    { x: 100, y: 58, text: "Beta", radius: 4 },
    { x: 104, y: 54, text: "Gamma", radius: 4 },
  ];
  const placed = placeLabels(document, labels, {
    bounds: box(0, 300, 0, 120),
    fontSize: 10,
  });
  const texts = placed.filter((e) => e.tagName === "text");
  assert.deepEqual(texts.map((t) => t.textContent), ["Alpha", "Beta", "Gamma"]);
  const boxes = texts.map((t) =>
    textBox(
      t.textContent!,
      Number(t.getAttribute("x")),
      Number(t.getAttribute("y")),
      t.getAttribute("text-anchor") as "start" | "middle" | "end",
      10,
    )
  );
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      assert.equal(boxesOverlap(boxes[i], boxes[j]), false, `${i} and ${j}`);
    }
  }
  // Each leader starts at its label's point.
  for (const line of placed.filter((e) => e.tagName === "line")) {
    const from = [
      Number(line.getAttribute("x1")),
      Number(line.getAttribute("y1")),
    ];
    assert.ok(
      labels.some((l) => l.x === from[0] && l.y === from[1]),
      String(from),
    );
  }
});

Deno.test("placeLabels() with dropCrowded leaves out a label that cannot be placed cleanly", () => {
  // Bounds smaller than any text: no position is inside, so none is clean.
  const options = { bounds: box(95, 105, 45, 55), fontSize: 10 };
  const label = [{ x: 100, y: 50, text: "A long label", radius: 4 }];
  assert.deepEqual(
    placeLabels(document, label, { ...options, dropCrowded: true }),
    [],
  );
  // Without dropCrowded it is still drawn, where least crowded.
  assert.equal(
    placeLabels(document, label, options).filter((e) => e.tagName === "text")
      .length,
    1,
  );
});

Deno.test("placeLabels() keeps labels off obstacles", () => {
  // An obstacle right where the first position would put the text.
  const [text] = placeLabels(document, [{
    x: 100,
    y: 50,
    text: "Alpha",
    radius: 4,
  }], {
    bounds: box(0, 300, 0, 100),
    fontSize: 10,
    obstacles: [{ x: 115, y: 49, radius: 2 }],
  });
  assert.notEqual(text.getAttribute("x"), "107");
});

// Moved from tests/charts/chart_labels_test.ts.

Deno.test("placeLabels() makes a bounded number of comparisons per label as the labels grow 16×", () => {
  // Labels at seeded random points over an area that grows with their
  // number (constant density): an O(n²) placer's comparisons per label grow
  // 16× from 250 to 4000 labels, a linear one's stay about the same.
  const perLabel = (n: number) => {
    const random = mulberry32(7);
    const side = Math.sqrt(n) * 60;
    const labels = Array.from({ length: n }, (_, i) => ({
      x: random() * side,
      y: random() * side,
      text: `model ${i}`,
      radius: 4,
    }));
    const stats = { comparisons: 0 };
    placeLabels(document, labels, {
      bounds: { left: 0, right: side, top: 0, bottom: side },
      stats,
    });
    return stats.comparisons / n;
  };
  const small = perLabel(250);
  const large = perLabel(4000);
  assert.ok(large < small * 2, `${small.toFixed(1)} → ${large.toFixed(1)}`);
});
