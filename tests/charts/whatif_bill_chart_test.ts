import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { JSDOM } from "jsdom";
import { whatIfBillChart } from "../../lib/charts/whatif_bill_chart.ts";

const { document } = new JSDOM("").window;
const options = { document, title: "Bill", source: "Source: test" };

// Two routings of one team's month: now 2944 + 256 = 3200 USD; under the
// policy 73 + 427 = 500 USD.
const frame = pl.DataFrame({
  routing: ["now", "now", "policy", "policy"],
  track: ["token_track", "dollar_track", "token_track", "dollar_track"],
  usd: [2944, 256, 73, 427],
});

Deno.test("whatIfBillChart() draws one bar segment per routing and track, with each routing's total", () => {
  const svg = whatIfBillChart(frame, options);
  assert.equal(svg.querySelectorAll('g[aria-label="bar"] rect').length, 4);
  const totals = [...svg.querySelectorAll('g[aria-label="text"] text')].map((
    t,
  ) => t.textContent);
  assert.deepEqual(totals, ["$3,200.00", "$500.00"]);
  // Routings in order of first appearance on the y axis.
  const ticks = [
    ...svg.querySelectorAll('g[aria-label="y-axis tick label"] text'),
  ]
    .map((t) => t.textContent);
  assert.deepEqual(ticks, ["now", "policy"]);
});

Deno.test("whatIfBillChart() colours the tracks as the house does and lists them in the legend", () => {
  const svg = whatIfBillChart(frame, options);
  const fills = [...svg.querySelectorAll('g[aria-label="bar"] rect')].map((r) =>
    r.getAttribute("fill")
  );
  // token_track #56B4E9, dollar_track #E69F00 (Okabe–Ito).
  assert.deepEqual(
    [...new Set(fills)].sort(),
    ["#56B4E9", "#E69F00"],
  );
  const text = svg.textContent ?? "";
  assert.ok(text.includes("token_track") && text.includes("dollar_track"));
});

Deno.test("whatIfBillChart() says no data for an empty frame and names missing columns", () => {
  const empty = whatIfBillChart(frame.head(0), options);
  assert.match(empty.textContent ?? "", /no data/);
  assert.throws(
    () => whatIfBillChart(frame.drop("usd"), options),
    /Cannot draw whatIfBillChart: frame is missing column "usd"/,
  );
});
