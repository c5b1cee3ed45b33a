/**
 * Private label placement for lib/charts: point labels that overlap no other
 * label, no point and no leader line, and whose leader lines never cross.
 *
 * Placement is greedy in the order given (most important first) and looks
 * up neighbours in a uniform grid of cells instead of against every label
 * placed so far: each candidate position only meets the boxes in the few
 * cells it covers, so placing n labels costs O(n) lookups for any layout
 * whose density is bounded (labels cannot overlap, so they cannot pile up
 * in a cell); the caller's sort to put labels in order is the n·log n part.
 *
 * Text boxes are estimated from DejaVu Sans advance widths
 * (`textWidth`), 0.76em above the baseline and 0.24em below.
 *
 * @module
 */

import { FONT_SIZE, svgElement, TEXT_COLOR, textWidth } from "./chart_style.ts";

/** A rectangle in pixels. */
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** A label to place next to a point, in the plot's pixel coordinates. */
export interface PointLabel {
  x: number;
  y: number;
  text: string;
  /** Radius of the point the label belongs to. */
  radius: number;
}

/** A point, in pixels, with its radius. */
export type Point = Omit<PointLabel, "text">;

/** A line segment in pixels. */
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

type Anchor = "start" | "middle" | "end";

/** Smallest gap kept between two boxes, in pixels. */
const GAP = 2;

/**
 * Whether two boxes come closer than `gap` pixels.
 *
 * @param a A box.
 * @param b Another box.
 * @param gap The gap to keep (default 2px).
 * @returns True when they overlap or come closer than `gap`.
 *
 * @example Apart and touching
 * ```ts
 * import assert from "node:assert/strict";
 * const a = { left: 0, right: 10, top: 0, bottom: 10 };
 * assert.equal(boxesOverlap(a, { left: 13, right: 20, top: 0, bottom: 10 }), false);
 * assert.equal(boxesOverlap(a, { left: 11, right: 20, top: 0, bottom: 10 }), true);
 * ```
 */
export function boxesOverlap(a: Box, b: Box, gap = GAP): boolean {
  return a.left < b.right + gap && b.left < a.right + gap &&
    a.top < b.bottom + gap && b.top < a.bottom + gap;
}

/** Signed area of the triangle (a, b, c): which side of a→b c lies on. */
function orientation(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/**
 * Whether two segments cross (touching at an end point counts as crossing,
 * except when the two share that end point exactly).
 *
 * @param s A segment.
 * @param t Another segment.
 * @returns True when they intersect.
 *
 * @example An X and two parallel lines
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(segmentsCross({ x1: 0, y1: 0, x2: 10, y2: 10 }, { x1: 0, y1: 10, x2: 10, y2: 0 }), true);
 * assert.equal(segmentsCross({ x1: 0, y1: 0, x2: 10, y2: 0 }, { x1: 0, y1: 5, x2: 10, y2: 5 }), false);
 * ```
 */
export function segmentsCross(s: Segment, t: Segment): boolean {
  if (
    (s.x1 === t.x1 && s.y1 === t.y1) || (s.x2 === t.x2 && s.y2 === t.y2) ||
    (s.x1 === t.x2 && s.y1 === t.y2) || (s.x2 === t.x1 && s.y2 === t.y1)
  ) return false;
  const d1 = orientation(t.x1, t.y1, t.x2, t.y2, s.x1, s.y1);
  const d2 = orientation(t.x1, t.y1, t.x2, t.y2, s.x2, s.y2);
  const d3 = orientation(s.x1, s.y1, s.x2, s.y2, t.x1, t.y1);
  const d4 = orientation(s.x1, s.y1, s.x2, s.y2, t.x2, t.y2);
  if (
    ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
    ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
  ) return true;
  const on = (
    px: number,
    py: number,
    qx: number,
    qy: number,
    rx: number,
    ry: number,
  ) =>
    Math.min(px, qx) <= rx && rx <= Math.max(px, qx) &&
    Math.min(py, qy) <= ry && ry <= Math.max(py, qy);
  return (d1 === 0 && on(t.x1, t.y1, t.x2, t.y2, s.x1, s.y1)) ||
    (d2 === 0 && on(t.x1, t.y1, t.x2, t.y2, s.x2, s.y2)) ||
    (d3 === 0 && on(s.x1, s.y1, s.x2, s.y2, t.x1, t.y1)) ||
    (d4 === 0 && on(s.x1, s.y1, s.x2, s.y2, t.x2, t.y2));
}

/**
 * Whether a segment passes through a box.
 *
 * @param s The segment.
 * @param box The box.
 * @returns True when some point of the segment lies in the box.
 *
 * @example Through and beside
 * ```ts
 * import assert from "node:assert/strict";
 * const box = { left: 0, right: 10, top: 0, bottom: 10 };
 * assert.equal(segmentHitsBox({ x1: -5, y1: 5, x2: 15, y2: 5 }, box), true);
 * assert.equal(segmentHitsBox({ x1: -5, y1: 20, x2: 15, y2: 20 }, box), false);
 * ```
 */
export function segmentHitsBox(s: Segment, box: Box): boolean {
  const inside = (x: number, y: number) =>
    x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
  if (inside(s.x1, s.y1) || inside(s.x2, s.y2)) return true;
  const { left, right, top, bottom } = box;
  return [
    { x1: left, y1: top, x2: right, y2: top },
    { x1: right, y1: top, x2: right, y2: bottom },
    { x1: right, y1: bottom, x2: left, y2: bottom },
    { x1: left, y1: bottom, x2: left, y2: top },
  ].some((edge) => segmentsCross(s, edge));
}

/**
 * Boxes (or segments, by their bounding box) in a uniform grid of square
 * cells, so that a query meets only the items near it.
 */
class GridIndex<T> {
  readonly #cell: number;
  readonly #cells = new Map<string, T[]>();
  /** Item comparisons made by queries, for the complexity test. */
  comparisons = 0;

  constructor(cell: number) {
    this.#cell = cell;
  }

  #keys(box: Box): string[] {
    const keys: string[] = [];
    const c = this.#cell;
    for (
      let i = Math.floor((box.left - GAP) / c);
      i <= Math.floor((box.right + GAP) / c);
      i++
    ) {
      for (
        let j = Math.floor((box.top - GAP) / c);
        j <= Math.floor((box.bottom + GAP) / c);
        j++
      ) keys.push(`${i},${j}`);
    }
    return keys;
  }

  add(item: T, box: Box): void {
    for (const key of this.#keys(box)) {
      const items = this.#cells.get(key);
      if (items === undefined) this.#cells.set(key, [item]);
      else items.push(item);
    }
  }

  /** The distinct items in the cells `box` covers that `test` accepts. */
  near(box: Box, test: (item: T) => boolean): T[] {
    const seen = new Set<T>();
    for (const key of this.#keys(box)) {
      for (const item of this.#cells.get(key) ?? []) {
        if (seen.has(item)) continue;
        seen.add(item);
        this.comparisons++;
      }
    }
    return [...seen].filter(test);
  }
}

/** The bounding box of a segment. */
function segmentBox(s: Segment): Box {
  return {
    left: Math.min(s.x1, s.x2),
    right: Math.max(s.x1, s.x2),
    top: Math.min(s.y1, s.y2),
    bottom: Math.max(s.y1, s.y2),
  };
}

/**
 * The box of one line of text with its baseline at `y`: its width from
 * DejaVu Sans advance widths, 0.76em above the baseline and 0.24em below.
 *
 * @param text The line.
 * @param x The anchor's x.
 * @param y The baseline's y.
 * @param anchor `text-anchor`.
 * @param fontSize Font size in pixels.
 * @returns The box.
 *
 * @example A label anchored at its end
 * ```ts
 * import assert from "node:assert/strict";
 * const box = textBox("00", 100, 50, "end", 10);
 * assert.deepEqual([box.left, box.right, box.top, box.bottom], [100 - 12.72, 100, 42.4, 52.4]);
 * ```
 */
export function textBox(
  text: string,
  x: number,
  y: number,
  anchor: Anchor,
  fontSize: number,
): Box {
  const width = textWidth(text, fontSize);
  const left = x -
    (anchor === "end" ? width : anchor === "middle" ? width / 2 : 0);
  return {
    left,
    right: left + width,
    top: y - fontSize * 0.76,
    bottom: y + fontSize * 0.24,
  };
}

function pointBox({ x, y, radius }: Point): Box {
  return {
    left: x - radius,
    right: x + radius,
    top: y - radius,
    bottom: y + radius,
  };
}

/** A `<text>` with a white halo, readable over lines and grid. */
function haloText(
  document: Document,
  text: string,
  x: number,
  y: number,
  anchor: Anchor,
  fontSize: number,
): SVGElement {
  return svgElement(document, "text", {
    x,
    y,
    "text-anchor": anchor,
    "font-size": fontSize,
    fill: TEXT_COLOR.title,
    stroke: "white",
    "stroke-width": 4,
    "stroke-linejoin": "round",
    "paint-order": "stroke",
  }, text);
}

/**
 * Points every `step` pixels along a polyline, as obstacles for labels.
 *
 * @param points Vertices in pixels; a NaN coordinate breaks the line.
 * @param step Distance between samples in pixels (default 3).
 * @returns Sample points with a 1.5px radius.
 *
 * @example A 9px segment
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(samplePolyline([[0, 0], [9, 0]]).map((p) => p.x), [0, 3, 6, 9]);
 * ```
 */
export function samplePolyline(
  points: [number, number][],
  step = 3,
): Point[] {
  const samples: Point[] = [];
  for (const [i, [x, y]] of points.entries()) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    samples.push({ x, y, radius: 1.5 });
    const next = points[i + 1];
    if (!next || !Number.isFinite(next[0]) || !Number.isFinite(next[1])) {
      continue;
    }
    const count = Math.ceil(Math.hypot(next[0] - x, next[1] - y) / step);
    for (let k = 1; k < count; k++) {
      samples.push({
        x: x + ((next[0] - x) * k) / count,
        y: y + ((next[1] - y) * k) / count,
        radius: 1.5,
      });
    }
  }
  return samples;
}

/**
 * A label for a rule or a line: the first of `candidates` (baseline
 * position and anchor) whose text stays clear of `obstacles`, else the first.
 *
 * @param document The document to create the element in.
 * @param text The label.
 * @param candidates Positions to try, in order of preference.
 * @param obstacles Points the label must not cover.
 * @param fontSize Font size in pixels.
 * @returns A `<text>` with a white halo.
 *
 * @example The first position is taken
 * ```ts
 * import assert from "node:assert/strict";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const candidates = [{ x: 0, y: 10, anchor: "start" as const }, { x: 0, y: 40, anchor: "start" as const }];
 * const label = placeFixedLabel(document, "26×", candidates, [{ x: 5, y: 8, radius: 1 }]);
 * assert.equal(label.getAttribute("y"), "40");
 * ```
 */
export function placeFixedLabel(
  document: Document,
  text: string,
  candidates: { x: number; y: number; anchor: Anchor }[],
  obstacles: Point[],
  fontSize: number = FONT_SIZE.label,
): SVGElement {
  const index = new GridIndex<Box>(Math.max(16, fontSize * 2));
  for (const obstacle of obstacles) {
    const box = pointBox(obstacle);
    index.add(box, box);
  }
  const free = candidates.find(({ x, y, anchor }) => {
    const box = textBox(text, x, y, anchor, fontSize);
    return index.near(box, (other) => boxesOverlap(box, other)).length === 0;
  }) ?? candidates[0];
  return haloText(document, text, free.x, free.y, free.anchor, fontSize);
}

/** Options of {@linkcode placeLabels}. */
export interface PlaceLabelsOptions {
  /** The box labels must stay inside. */
  bounds: Box;
  /** Other points labels must not cover (e.g. dots without labels, line samples). */
  obstacles?: Point[];
  /** Font size in pixels (default the label size). */
  fontSize?: number;
  /** Leave out labels that cannot be placed cleanly (default false: place them where least crowded). */
  dropCrowded?: boolean;
  /** When given, receives the number of item comparisons made (for complexity tests). */
  stats?: { comparisons: number };
}

/**
 * Place labels next to points, greedily in the order given: each label takes
 * the first of eight positions around its point that stays inside `bounds`
 * and overlaps no point (its own, the other labels' or `obstacles`), no
 * label placed before it and no leader line; failing that, positions
 * further away joined by a leader line that crosses no other leader, no
 * label and no other point; failing that, the least crowded one, or none at all with
 * `dropCrowded`. Labels left without a clean place go first in a second
 * (and third) round, and the round with the fewest such labels is kept.
 * Neighbours are looked up in a grid, so the cost is linear in the number
 * of labels and obstacles for any layout of bounded density.
 *
 * @param document The document to create elements in.
 * @param labels Points with their labels, in pixels, most important first.
 * @param options `bounds`, `obstacles`, `fontSize`, `dropCrowded`, `stats`.
 * @returns `<text>` (and leader `<line>`) elements with a white halo.
 *
 * @example Two close points get labels on different sides
 * ```ts
 * import assert from "node:assert/strict";
 * import { JSDOM } from "jsdom";
 * const { document } = new JSDOM("").window;
 * const labels = placeLabels(document, [
 *   { x: 100, y: 50, text: "Alpha", radius: 4 },
 *   { x: 100, y: 58, text: "Beta", radius: 4 },
 * ], { bounds: { left: 0, right: 300, top: 0, bottom: 100 } });
 * assert.deepEqual(labels.map((l) => l.getAttribute("text-anchor")), ["start", "end"]);
 * ```
 */
export function placeLabels(
  document: Document,
  labels: PointLabel[],
  {
    bounds,
    obstacles = [],
    fontSize = FONT_SIZE.label,
    dropCrowded = false,
    stats,
  }: PlaceLabelsOptions,
): SVGElement[] {
  const cell = Math.max(16, fontSize * 2);
  const points = new GridIndex<Box>(cell);
  const ownPoints = labels.map(pointBox);
  for (const box of [...ownPoints, ...obstacles.map(pointBox)]) {
    points.add(box, box);
  }
  const candidates = labels.map((label) => candidateOffsets(label, fontSize));
  // Up to three rounds: the labels that found no clean place go first in
  // the next round; the round with the fewest such labels is kept.
  let order = labels.map((_, i) => i);
  let best: Placement[] | undefined;
  let bestFailed = Infinity;
  let comparisons = points.comparisons;
  for (let round = 0; round < 3; round++) {
    const placed = new GridIndex<Box>(cell);
    const leaders = new GridIndex<Segment>(cell);
    const placements = order.map((i) =>
      placeOne(labels[i], i, ownPoints[i], candidates[i], {
        bounds,
        fontSize,
        points,
        placed,
        leaders,
      })
    );
    comparisons += placed.comparisons + leaders.comparisons;
    const failed = placements.filter((p) => !p.clean);
    if (failed.length < bestFailed) {
      best = placements;
      bestFailed = failed.length;
    }
    if (failed.length === 0) break;
    const failedIndices = new Set(failed.map((p) => p.index));
    order = [
      ...failed.map((p) => p.index),
      ...order.filter((i) => !failedIndices.has(i)),
    ];
  }
  if (stats !== undefined) {
    stats.comparisons += comparisons + points.comparisons;
  }
  const elements: SVGElement[] = [];
  for (const placement of [...best!].sort((a, b) => a.index - b.index)) {
    if (dropCrowded && !placement.clean) continue;
    const { label, dx, dy, anchor, leader } = placement;
    if (leader !== undefined) {
      elements.push(svgElement(document, "line", {
        ...leader,
        stroke: "#999999",
        "stroke-width": 0.75,
      }));
    }
    const text = haloText(
      document,
      label.text,
      label.x + dx,
      label.y + dy,
      anchor,
      fontSize,
    );
    text.setAttribute("fill", TEXT_COLOR.body);
    text.setAttribute("stroke-width", "3");
    elements.push(text);
  }
  return elements;
}

/** Where one label went. */
interface Placement {
  label: PointLabel;
  /** Its position in the input. */
  index: number;
  dx: number;
  dy: number;
  anchor: Anchor;
  leader?: Segment;
  /** Inside the bounds and clear of every point, label and leader. */
  clean: boolean;
}

/** The positions tried around a point, nearest first; the first eight need no leader. */
function candidateOffsets(
  label: PointLabel,
  fontSize: number,
): [number, number, Anchor][] {
  const ascent = fontSize * 0.76;
  const descent = fontSize * 0.24;
  const gap = label.radius + 3;
  const near: [number, number, Anchor][] = [
    [gap, ascent / 2 - 1, "start"],
    [-gap, ascent / 2 - 1, "end"],
    [0, -gap - descent, "middle"],
    [0, gap + ascent, "middle"],
    [gap - 2, -gap - descent + 2, "start"],
    [gap - 2, gap + ascent - 2, "start"],
    [-gap + 2, -gap - descent + 2, "end"],
    [-gap + 2, gap + ascent - 2, "end"],
  ];
  // Further out, joined by a leader: the four diagonal positions moved
  // 1–6 lines up or down and 0–4 steps of 2em outwards, and the two side
  // positions moved 1–3 steps outwards; nearest first.
  const step = fontSize * 2;
  const far: [number, number, Anchor][] = [
    ...[1, 2, 3, 4, 5, 6].flatMap((lines) =>
      [0, 1, 2, 3, 4].flatMap((out) =>
        near.slice(4).map(([dx, baseline, anchor]) =>
          [
            dx + Math.sign(dx) * (6 + out * step),
            baseline + Math.sign(baseline) * lines * (fontSize + 2),
            anchor,
          ] as [number, number, Anchor]
        )
      )
    ),
    ...[1, 2, 3].flatMap((out) =>
      near.slice(0, 2).map(([dx, baseline, anchor]) =>
        [dx + Math.sign(dx) * out * step, baseline, anchor] as [
          number,
          number,
          Anchor,
        ]
      )
    ),
  ].sort((a, b) => Math.hypot(a[0], a[1]) - Math.hypot(b[0], b[1]));
  return [...near, ...far];
}

/** Place one label at the first clean candidate, else the least crowded; record it in `placed` and `leaders`. */
function placeOne(
  label: PointLabel,
  index: number,
  own: Box,
  candidates: [number, number, Anchor][],
  { bounds, fontSize, points, placed, leaders }: {
    bounds: Box;
    fontSize: number;
    points: GridIndex<Box>;
    placed: GridIndex<Box>;
    leaders: GridIndex<Segment>;
  },
): Placement {
  let best: (Placement & { box: Box }) | undefined;
  let bestScore = Infinity;
  for (const [rank, [dx, dy, anchor]] of candidates.entries()) {
    const box = textBox(
      label.text,
      label.x + dx,
      label.y + dy,
      anchor,
      fontSize,
    );
    const inside = box.left >= bounds.left && box.right <= bounds.right &&
      box.top >= bounds.top && box.bottom <= bounds.bottom;
    let crowding = points.near(box, (other) =>
      boxesOverlap(box, other)).length +
      placed.near(box, (other) => boxesOverlap(box, other)).length +
      leaders.near(box, (line) => segmentHitsBox(line, box)).length;
    let leader: Segment | undefined;
    if (rank >= 8) {
      // From the point to the side of the label's box that faces it.
      const sideways = Math.abs(dy) < fontSize;
      const line: Segment = {
        x1: label.x,
        y1: label.y,
        x2: label.x + dx + (sideways ? -Math.sign(dx) * 2 : 0),
        y2: sideways ? label.y : dy < 0 ? box.bottom : box.top,
      };
      const lineBox = segmentBox(line);
      crowding += leaders.near(lineBox, (other) =>
        segmentsCross(line, other)).length +
        placed.near(lineBox, (other) => segmentHitsBox(line, other)).length +
        points.near(
          lineBox,
          (other) => other !== own && segmentHitsBox(line, other),
        ).length;
      leader = line;
    }
    const score = (inside ? 0 : 1000) + crowding * 10 + rank * 0.01;
    if (score < bestScore) {
      bestScore = score;
      best = { label, index, dx, dy, anchor, leader, box, clean: score < 10 };
    }
    if (inside && crowding === 0) break;
  }
  placed.add(best!.box, best!.box);
  if (best!.leader !== undefined) {
    leaders.add(best!.leader, segmentBox(best!.leader));
  }
  return best!;
}
