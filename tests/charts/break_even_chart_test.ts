// Snapshot test of breakEvenChart() on a fixed frame, with Plot's snapshot discipline.
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { JSDOM } from "jsdom";
import { breakEvenChart } from "../../lib/charts/break_even_chart.ts";
import { serializeSvg } from "../../lib/charts/chart_export.ts";

const { document } = new JSDOM("").window;
const frame = pl.DataFrame({
  label: [
    "Small · 1 × $2.49/h",
    "Big · 8 × $2.00/h",
    "Big · 8 × $2.00/h (x-1)",
  ],
  break_even_utilisation: [0.09, 0.4, 1.3],
  comparison: ["own", "own", "against another API (x-1)"],
});
const draw = (f: pl.DataFrame) =>
  breakEvenChart(f, {
    document,
    title: "Break-even utilisation",
    subtitle: "Fixture",
    source: "Source: test",
    band: [0.1, 0.2],
    bandLabel: "fleets: 10–20%",
  });

Deno.test("breakEvenChart() draws its fixture frame as in the snapshot", async (t) => {
  const text = serializeSvg(draw(frame));
  const changed = new URL(
    "./__snapshots__/break_even_chart-changed.svg",
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

Deno.test("breakEvenChart() draws a bar and a percentage per row, the band, the 100% rule and the texts inside the SVG", () => {
  const svg = draw(frame);
  const texts = [...svg.querySelectorAll("text")].map((t) => t.textContent);
  for (
    const expected of [
      "Break-even utilisation",
      "Fixture",
      "Source: test",
      "fleets: 10–20%",
      "9%",
      "40%",
      "130%",
      "against another API (x-1)",
    ]
  ) assert.ok(texts.includes(expected), `${expected} in ${texts.join(" | ")}`);
  assert.equal(svg.querySelectorAll('g[aria-label="bar"] rect').length, 3);
  assert.equal(svg.querySelectorAll('g[aria-label="rect"] rect').length, 1);
  assert.equal(svg.querySelectorAll('g[aria-label="rule"] line').length, 1);
});

Deno.test("breakEvenChart() leaves out rows without a break-even and says no data when none is left", () => {
  const none = draw(
    frame.withColumns(
      pl.lit(null).cast(pl.Float64).alias("break_even_utilisation"),
    ),
  );
  assert.match(none.textContent ?? "", /no data/i);
  assert.throws(() => draw(frame.drop("comparison")), TypeError);
});
