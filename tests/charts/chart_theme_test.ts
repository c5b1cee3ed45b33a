import assert from "node:assert/strict";
import { JSDOM } from "jsdom";
import { serializeSvg } from "../../lib/charts/chart_export.ts";
import { DARK_PALETTE, darkSvgText } from "../../lib/charts/chart_theme.ts";
import { originShareChart } from "../../lib/charts/origin_share_chart.ts";
import * as fixtures from "../fixtures/charts/frames.ts";

const { document } = new JSDOM("").window;

const light = () =>
  serializeSvg(
    originShareChart(fixtures.originShareFrame(), {
      document,
      title: "Share of tokens by model origin",
      subtitle: "Calendar weeks; a partial week hatched",
      source: "Source: test fixture · tokenbook",
      description: "China's share rose; the last week is partial.",
    }),
  );

Deno.test("darkSvgText() draws the origin-share chart (hatched partial week) in the dark palette, as in the snapshot", async (t) => {
  await t.assertSnapshot(darkSvgText(light()), { serializer: (s) => s });
});

Deno.test("darkSvgText() swaps every house neutral and keeps the origin colours", () => {
  const dark = darkSvgText(light());
  for (const neutral of ["white", "#1a1a1a", "#333333", "#666666"]) {
    assert.doesNotMatch(
      dark,
      new RegExp(`(fill|stroke|color)="${neutral}"`, "i"),
    );
  }
  assert.match(dark, new RegExp(`fill="${DARK_PALETTE.white}"`));
  for (const origin of ["#D55E00", "#0072B2"]) {
    assert.equal(
      dark.split(origin).length,
      light().split(origin).length,
      `${origin} kept`,
    );
  }
});
