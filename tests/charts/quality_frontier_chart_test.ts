// Snapshot test of qualityFrontierChart() on a fixed frame, with Plot's snapshot discipline.
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { JSDOM } from "jsdom";
import {
  mergeCoincident,
  qualityFrontierChart,
} from "../../lib/charts/quality_frontier_chart.ts";
import { serializeSvg } from "../../lib/charts/chart_export.ts";

const { document } = new JSDOM("").window;
const frame = pl.DataFrame({
  display_name: ["Cheap", "Mid", "Top", "Pricey", "Pricey Twin"],
  score: [70, 78, 88, 75, 75.05],
  task_cost_usd: [0.005, 0.02, 0.4, 0.25, 0.25],
  on_frontier: [true, true, true, false, false],
});
const draw = (f: pl.DataFrame) =>
  qualityFrontierChart(f, {
    document,
    title: "Score per dollar",
    subtitle: "Fixture",
    source: "Source: test",
    scoreLabel: "Bench (%)",
    claims: [{
      from: "Cheap",
      to: "Pricey",
      label: 'x-1 "near Pricey at 2% of the bill"',
    }],
  });

Deno.test("qualityFrontierChart() draws its fixture frame as in the snapshot", async (t) => {
  const text = serializeSvg(draw(frame));
  const changed = new URL(
    "./__snapshots__/quality_frontier_chart-changed.svg",
    import.meta.url,
  );
  try {
    await t.assertSnapshot(text, { serializer: (s) => s });
  } catch (error) {
    await Deno.writeTextFile(changed, text);
    throw error;
  }
  await Deno.remove(changed).catch(() => {});
});

Deno.test("qualityFrontierChart() draws the texts inside the SVG, a dot per model, the frontier and the claim", () => {
  const svg = draw(frame);
  const texts = [...svg.querySelectorAll("text")].map((t) => t.textContent);
  for (
    const expected of [
      "Score per dollar",
      "Fixture",
      "Source: test",
      'x-1 "near Pricey at 2% of the bill"',
      "Cheap",
      "Top",
      // two dots 0.05 points apart share one label
      "Pricey Twin / Pricey",
    ]
  ) assert.ok(texts.includes(expected), `${expected} in ${texts.join(" | ")}`);
  assert.equal(svg.querySelectorAll('g[aria-label="dot"] circle').length, 5);
  assert.equal(svg.querySelectorAll('g[aria-label="line"] path').length, 1);
  assert.equal(svg.querySelectorAll('g[aria-label="link"] path').length, 1);
});

Deno.test("qualityFrontierChart() says no data for an empty frame and names a missing column", () => {
  const empty = qualityFrontierChart(frame.head(0), {
    document,
    title: "t",
    source: "s",
    scoreLabel: "y",
  });
  assert.match(empty.textContent ?? "", /no data/i);
  assert.throws(
    () =>
      qualityFrontierChart(frame.drop("on_frontier"), {
        document,
        title: "t",
        source: "s",
        scoreLabel: "y",
      }),
    TypeError,
  );
});

Deno.test("mergeCoincident() joins labels of points closer than 4 px, writing shared leading words once", () => {
  const merged = mergeCoincident([
    { x: 10, y: 10, text: "Claude Opus 4.5", radius: 5 },
    { x: 11, y: 12, text: "Claude Opus 4.6", radius: 5 },
    { x: 30, y: 10, text: "GPT-5", radius: 5 },
  ]);
  assert.deepEqual(merged.map((l) => l.text), [
    "Claude Opus 4.5 / 4.6",
    "GPT-5",
  ]);
});
