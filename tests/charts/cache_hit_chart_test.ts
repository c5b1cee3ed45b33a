// Snapshot test of cacheHitChart() on a fixed frame, with Plot's snapshot discipline.
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { JSDOM } from "jsdom";
import { cacheHitChart } from "../../lib/charts/cache_hit_chart.ts";
import { serializeSvg } from "../../lib/charts/chart_export.ts";

const { document } = new JSDOM("").window;
const frame = pl.DataFrame({
  label: ["MiniMax M3", "DeepSeek V4 Flash", "Claude Sonnet 4.5"],
  assumed_rate: [0.8, 0.8, 0.8],
  observed_rate: [0.857, 0.685, 0.513],
  cost_ratio: [0.94, 1.162, 1.331],
});
const draw = (f: pl.DataFrame) =>
  cacheHitChart(f, {
    document,
    title: "Observed against assumed cache hits",
    subtitle: "Share of prompt tokens read from cache",
    source: "Source: test",
  });

Deno.test("cacheHitChart() draws its fixture frame as in the snapshot", async (t) => {
  const text = serializeSvg(draw(frame));
  const changed = new URL(
    "./__snapshots__/cache_hit_chart-changed.svg",
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

Deno.test("cacheHitChart() draws title, subtitle and source inside the SVG and the cost change per model", () => {
  const texts = [...draw(frame).querySelectorAll("text")].map((t) =>
    t.textContent
  );
  for (
    const expected of [
      "Observed against assumed cache hits",
      "Share of prompt tokens read from cache",
      "Source: test",
      "−6%",
      "+16%",
      "+33%",
      "cost",
    ]
  ) {
    assert.ok(texts.includes(expected), `${expected} in ${texts.join(" | ")}`);
  }
  assert.equal(serializeSvg(draw(frame)), serializeSvg(draw(frame)));
});

Deno.test("cacheHitChart() shows no data for an empty frame and names a missing column", () => {
  const empty = draw(frame.head(0));
  assert.ok(
    [...empty.querySelectorAll("text")].some((t) =>
      t.textContent === "no data"
    ),
  );
  assert.throws(
    () => draw(frame.drop("cost_ratio")),
    /missing column "cost_ratio"/,
  );
});

Deno.test("cacheHitChart()'s legend swatches match their marks: a ring for assumed, a dot for observed", () => {
  const svg = draw(frame);
  const swatches = [...svg.querySelectorAll(":scope > rect[rx]")];
  assert.equal(swatches.length, 2);
  // assumed: an unfilled ring in the assumed dots' grey, as drawn
  assert.equal(swatches[0].getAttribute("fill"), "white");
  assert.equal(swatches[0].getAttribute("stroke"), "#9a9a9a");
  // observed: a filled dot
  assert.equal(swatches[1].getAttribute("stroke"), null);
  assert.equal(swatches[1].getAttribute("rx"), "5.5");
});
