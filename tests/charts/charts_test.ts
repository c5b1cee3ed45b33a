// Snapshot tests of every chart on the fixed frames in tests/fixtures/charts/.
// Run with TZ=UTC; update with `deno test -u`. A chart that no longer matches
// its snapshot is written to tests/charts/__snapshots__/<name>-changed.svg (ignored
// by git) so it can be opened next to the old one.

import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { JSDOM } from "jsdom";
import {
  agentTaskCostChart,
  benchmarkScatterChart,
  moversChart,
  originShareChart,
  ratioVsCacheHitChart,
  revenueComparisonChart,
  tokenDollarShareChart,
  topModelsChart,
} from "../../lib/charts/charts.ts";
import { LONG_RANGE_WEEKS } from "../../lib/charts/origin_share_chart.ts";
import { serializeSvg } from "../../lib/charts/chart_export.ts";
import {
  FONT_SIZE,
  HATCH_ID,
  NEUTRAL_GREY,
  ORIGIN_COLORS,
  textWidth,
} from "../../lib/charts/chart_style.ts";
import * as fixtures from "../fixtures/charts/frames.ts";

const { document } = new JSDOM("").window;
const SOURCE =
  "Source: tokenbook chart fixtures (invented numbers) · tokenbook";
const LONG_NAME_CUT = "Qwen3 Coder 480B A35B Instr…";

/** Every chart on its fixture frame, with the columns it needs. */
const CHARTS = [
  {
    name: "agent_task_cost",
    fn: "agentTaskCostChart",
    frame: fixtures.agentTaskCostFrame,
    draw: (frame: pl.DataFrame) =>
      agentTaskCostChart(frame, {
        document,
        title: "One agent task costs 30× more on the premium model",
        subtitle: "Cost of one task in USD, by price component",
        source: SOURCE,
      }),
  },
  {
    name: "ratio_vs_cache_hit",
    fn: "ratioVsCacheHitChart",
    frame: fixtures.ratioVsCacheHitFrame,
    draw: (frame: pl.DataFrame) =>
      ratioVsCacheHitChart(frame, {
        document,
        title: "The gap widens as more input is cached",
        source: SOURCE,
        claimedRatio: 26,
        markRate: 0.8,
      }),
  },
  {
    name: "revenue_comparison",
    fn: "revenueComparisonChart",
    frame: fixtures.revenueComparisonFrame,
    draw: (frame: pl.DataFrame) =>
      revenueComparisonChart(frame, {
        document,
        title: "Cache-aware prices halve the estimated revenue",
        source: SOURCE,
      }),
  },
  {
    name: "token_dollar_share",
    fn: "tokenDollarShareChart",
    frame: fixtures.tokenDollarShareFrame,
    draw: (frame: pl.DataFrame) =>
      tokenDollarShareChart(frame, {
        document,
        title: "Share of tokens is not share of dollars",
        source: SOURCE,
      }),
  },
  {
    name: "origin_share",
    fn: "originShareChart",
    frame: fixtures.originShareFrame,
    draw: (frame: pl.DataFrame) =>
      originShareChart(frame, {
        document,
        title: "Chinese models' share of tokens by week",
        source: SOURCE,
      }),
  },
  {
    name: "top_models",
    fn: "topModelsChart",
    frame: fixtures.topModelsFrame,
    draw: (frame: pl.DataFrame) =>
      topModelsChart(frame, {
        document,
        title: "The ten most used models, week by week",
        source: SOURCE,
      }),
  },
  {
    name: "benchmark_scatter",
    fn: "benchmarkScatterChart",
    frame: fixtures.benchmarkScatterFrame,
    draw: (frame: pl.DataFrame) =>
      benchmarkScatterChart(frame, {
        document,
        title: "Usage does not follow the benchmark",
        source: SOURCE,
        benchmark: "SWE-bench Verified (% resolved)",
      }),
  },
  {
    name: "movers",
    fn: "moversChart",
    frame: fixtures.moversFrame,
    draw: (frame: pl.DataFrame) =>
      moversChart(frame, {
        document,
        title: "Biggest movers of the week",
        source: SOURCE,
      }),
  },
];

const snapshots = new URL("./__snapshots__/", import.meta.url);

/** assertSnapshot on the serialized SVG; on a mismatch also write NAME-changed.svg. */
async function assertChartSnapshot(
  t: Deno.TestContext,
  name: string,
  svg: SVGSVGElement,
): Promise<void> {
  const text = serializeSvg(svg);
  const changed = new URL(`${name}-changed.svg`, snapshots);
  try {
    await t.assertSnapshot(text, { serializer: (s) => s });
  } catch (error) {
    await Deno.mkdir(snapshots, { recursive: true });
    await Deno.writeTextFile(changed, text);
    throw error;
  }
  await Deno.remove(changed).catch(() => {});
}

function texts(svg: SVGSVGElement): string[] {
  return [...svg.querySelectorAll("text")].map((t) => t.textContent ?? "");
}

for (const chart of CHARTS) {
  Deno.test(`${chart.fn}() draws its fixture frame as in the snapshot`, async (t) => {
    await assertChartSnapshot(t, chart.name, chart.draw(chart.frame()));
  });
}

Deno.test("every chart serializes byte-identically when drawn twice", () => {
  for (const chart of CHARTS) {
    const first = serializeSvg(chart.draw(chart.frame()));
    const second = serializeSvg(chart.draw(chart.frame()));
    assert.equal(first, second, chart.fn);
  }
});

Deno.test("every chart draws its title, source and 'no data' for an empty frame", () => {
  for (const chart of CHARTS) {
    const columns = Object.fromEntries(
      chart.frame().columns.map((column) => [column, []]),
    );
    for (const empty of [pl.DataFrame(), pl.DataFrame(columns)]) {
      const svg = chart.draw(empty);
      const lines = texts(svg);
      assert.ok(lines.includes("no data"), chart.fn);
      assert.ok(lines.includes(SOURCE), chart.fn);
      assert.equal(svg.querySelector("circle, path"), null, chart.fn);
    }
  }
});

Deno.test("every chart names the missing columns of a frame it cannot draw", () => {
  for (const chart of CHARTS) {
    const frame = chart.frame();
    const [kept, ...dropped] = frame.columns;
    assert.throws(
      () => chart.draw(frame.select(kept)),
      (error: Error) =>
        error instanceof TypeError &&
        dropped.every((column) => error.message.includes(`"${column}"`)),
      chart.fn,
    );
  }
});

Deno.test("charts cut long model names to 28 characters with an ellipsis", () => {
  for (const chart of CHARTS) {
    const frame = chart.frame();
    const all = texts(chart.draw(frame)).join("\n");
    assert.doesNotMatch(all, /Instruct Turbo/, chart.fn);
    const hasLongName = frame.columns.includes("model");
    if (hasLongName) assert.ok(all.includes(LONG_NAME_CUT), chart.fn);
  }
});

Deno.test("charts colour each origin the same, unknown origins grey", () => {
  const origins = [
    "originShareChart",
    "topModelsChart",
    "benchmarkScatterChart",
    "moversChart",
  ];
  for (const chart of CHARTS.filter((c) => origins.includes(c.fn))) {
    const svg = chart.draw(chart.frame());
    const fills = new Set(
      [...svg.querySelectorAll("rect, circle, g")].map((e) =>
        e.getAttribute("fill")
      ),
    );
    assert.ok(
      fills.has(ORIGIN_COLORS.China),
      `${chart.fn} draws China in vermillion`,
    );
    // The legend swatch comes right before its label.
    for (
      const text of svg.querySelectorAll(
        `text[font-size="${FONT_SIZE.legend}"]`,
      )
    ) {
      if (text.textContent === "partial week") continue;
      const swatch = text.previousElementSibling!;
      const expected = ORIGIN_COLORS[text.textContent!] ?? NEUTRAL_GREY;
      assert.equal(
        swatch.getAttribute("fill"),
        expected,
        `${chart.fn}: ${text.textContent}`,
      );
    }
  }
});

Deno.test("agentTaskCostChart() writes each bar's total in USD at its end", () => {
  const all = texts(CHARTS[0].draw(fixtures.agentTaskCostFrame()));
  // 0.0041 + 0.0022 + 0 + 0.0061; 0.0052 + 0.0028 + 0.0077; 0.1125 + 0.0675 + 0.0938 + 0.1875
  for (const total of ["$0.012", "$0.016", "$0.461"]) {
    assert.ok(all.includes(total), total);
  }
});

Deno.test("ratioVsCacheHitChart() labels the article's ratio and the marked cache hit rate", () => {
  const svg = CHARTS[1].draw(fixtures.ratioVsCacheHitFrame());
  const all = texts(svg);
  assert.ok(all.includes("article: 26×"));
  assert.ok(all.includes("80% cache hits"));
  const dashed = svg.querySelectorAll(
    '[stroke-dasharray="5,4"] line, line[stroke-dasharray="5,4"]',
  );
  assert.equal(dashed.length, 2);
});

Deno.test("revenueComparisonChart() switches to a log scale when values span more than 20×", () => {
  const wide = texts(CHARTS[2].draw(fixtures.revenueComparisonFrame()));
  assert.ok(wide.includes("revenue in the week (USD, log scale)"));
  // 2,397,302.04 published vs 1,054,812.9 cache-aware is −56%.
  assert.ok(wide.includes("−56%"));
  // Claude Sonnet 4.5 and Gemini 2.5 Flash: $401,200 to $2,397,302.04, 6×.
  const narrow = fixtures.revenueComparisonFrame().filter(
    pl.col("published_usd").gt(500_000),
  );
  assert.ok(
    texts(CHARTS[2].draw(narrow)).includes("revenue in the week (USD)"),
  );
});

Deno.test("originShareChart() hatches and labels the partial weeks only", () => {
  const svg = CHARTS[4].draw(fixtures.originShareFrame());
  const hatched = svg.querySelectorAll(
    `rect[fill="url(#${HATCH_ID})"], g[fill="url(#${HATCH_ID})"] rect`,
  );
  // Weeks of 2026-05-18 (3 days) and 2026-06-15 (2 days), plus the legend swatch.
  assert.equal(hatched.length, 3);
  const all = texts(svg).join("|");
  assert.match(all, /partial:3 days/);
  assert.match(all, /partial:2 days/);
  assert.equal(all.match(/partial:/g)?.length, 2);
});

Deno.test("topModelsChart() leaves out ranks above 10", () => {
  const svg = CHARTS[5].draw(fixtures.topModelsFrame());
  // 3 weeks × 10 ranks; the fixture's rank-11 rows are not drawn.
  assert.equal(svg.querySelectorAll("circle").length, 30);
  assert.ok(
    !texts(svg).join("|").includes("Hermes 4 405B ·"),
    "rank 11 in the last week",
  );
});

Deno.test("topModelsChart() with a 2-week window draws the first week as the earlier column, as in the snapshot", async (t) => {
  const svg = topModelsChart(fixtures.topModelsFrame(), {
    document,
    title: "The ten most used models, latest two weeks",
    source: SOURCE,
    window: 2,
  });
  const ticks = [
    ...svg.querySelectorAll('g[aria-label="x-axis tick label"] text'),
  ].map((text) => text.textContent);
  assert.deepEqual(ticks, ["earlier1 week", "8 Jun2026", "15 Jun"]);
  // The fixture's week of 1 June ranks Claude Sonnet 4.5 first: the earlier
  // column is that week's top 10 by tokens, joined to 8 June by dashes for
  // the 9 of them still in the top 10 (Hermes 4 405B falls to 11th).
  assert.ok(texts(svg).includes("#1 Claude Sonnet 4.5"), texts(svg).join("|"));
  assert.equal(
    svg.querySelectorAll('g[aria-label="line"] path[stroke-dasharray]').length +
      svg.querySelectorAll('g[aria-label="line"][stroke-dasharray] path')
        .length,
    9,
  );
  await assertChartSnapshot(t, "top_models_windowed", svg);
});

Deno.test("topModelsChart() refuses a window of 0 weeks", () => {
  assert.throws(
    () =>
      topModelsChart(fixtures.topModelsFrame(), {
        document,
        title: "x",
        source: SOURCE,
        window: 0,
      }),
    /window is 0, expected a whole number of weeks, at least 1/,
  );
});

Deno.test("benchmarkScatterChart() labels every model without overlapping labels", () => {
  const svg = CHARTS[6].draw(fixtures.benchmarkScatterFrame());
  const labels = [...svg.querySelectorAll('g[aria-label="labels"] text')];
  assert.equal(labels.length, fixtures.benchmarkScatterFrame().height);
  const boxes = labels.map((label) => {
    const width = textWidth(label.textContent!, FONT_SIZE.label);
    const x = Number(label.getAttribute("x"));
    const y = Number(label.getAttribute("y"));
    const anchor = label.getAttribute("text-anchor");
    const left = anchor === "end"
      ? x - width
      : anchor === "middle"
      ? x - width / 2
      : x;
    return {
      left,
      right: left + width,
      top: y - FONT_SIZE.label * 0.76,
      bottom: y + FONT_SIZE.label * 0.24,
    };
  });
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const overlap = a.left < b.right && b.left < a.right &&
        a.top < b.bottom && b.top < a.bottom;
      assert.ok(!overlap, `${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`);
    }
  }
});

Deno.test("moversChart() draws only the latest week with rules at ±threshold", () => {
  const svg = moversChart(fixtures.moversFrame(), {
    document,
    title: "Movers",
    source: SOURCE,
    threshold: 0.5,
  });
  const all = texts(svg);
  assert.ok(!all.includes("GPT-5 Mini"), "only in the week of 2026-06-08");
  assert.ok(all.includes("MiniMax M2"));
  assert.ok(all.includes("+50%") && all.includes("−50%"));
  assert.ok(
    all.includes("change in tokens vs the previous week (week of 2026-06-15)"),
  );
  const bars = svg.querySelectorAll('g[aria-label="bar"] rect');
  assert.equal(bars.length, 6);
});

Deno.test("revenueComparisonChart() refuses a log scale when a revenue is 0", () => {
  const frame = pl.DataFrame({
    model: ["A"],
    published_usd: [100],
    cache_aware_usd: [0],
  });
  const options = { document, title: "Revenue", source: SOURCE };
  assert.throws(
    () => revenueComparisonChart(frame, { ...options, scale: "log" }),
    RangeError,
  );
  assert.ok(
    texts(revenueComparisonChart(frame, options)).includes(
      "revenue in the week (USD)",
    ),
  );
});

/** Weekly origin shares over `weeks` weeks from 2024-01-01, the last one partial. */
function longOriginFrame(weeks: number): pl.DataFrame {
  const rows = Array.from({ length: weeks }, (_, i) => {
    const week = new Date(Date.UTC(2024, 0, 1) + i * 7 * 86_400_000)
      .toISOString().slice(0, 10);
    const days = i === weeks - 1 ? 3 : 7;
    // A week without European tokens, now and then.
    const europe = i % 10 === 0 ? 0 : 0.05;
    return [
      { week_start: week, days_covered: days, origin: "China", share: 0.5 },
      {
        week_start: week,
        days_covered: days,
        origin: "US",
        share: 0.45 - europe + 0.05,
      },
      ...(europe > 0
        ? [{
          week_start: week,
          days_covered: days,
          origin: "Europe",
          share: europe,
        }]
        : []),
    ];
  }).flat();
  return pl.DataFrame(rows);
}

Deno.test("originShareChart() over more than two years draws one area per origin, not a bar per week, and still marks the partial week", () => {
  const short = originShareChart(longOriginFrame(LONG_RANGE_WEEKS), {
    document,
    title: "Origins",
    source: SOURCE,
  });
  const long = originShareChart(longOriginFrame(LONG_RANGE_WEEKS + 1), {
    document,
    title: "Origins",
    source: SOURCE,
  });
  const bars = (svg: SVGSVGElement) =>
    svg.querySelectorAll('g[aria-label="bar"] rect').length;
  assert.equal(bars(short), LONG_RANGE_WEEKS * 3 - 11 + 1);
  assert.equal(bars(long), 0);
  assert.equal(long.querySelectorAll('g[aria-label="area"] path').length, 3);
  assert.equal(
    long.querySelectorAll(
      `g[aria-label="rect"] rect[fill="url(#${HATCH_ID})"], g[aria-label="rect"][fill="url(#${HATCH_ID})"] rect`,
    ).length,
    1,
  );
  assert.match(texts(long).join("|"), /partial:3 days/);
  // The size stays flat as the range grows: 10 years draw as many marks
  // (only the time axis's ticks differ).
  const tenYears = originShareChart(longOriginFrame(520), {
    document,
    title: "Origins",
    source: SOURCE,
  });
  const marks = (svg: SVGSVGElement) =>
    svg.querySelectorAll(
      'g[aria-label="area"] path, g[aria-label="rect"] rect, g[aria-label="text"] text',
    ).length;
  assert.equal(marks(tenYears), marks(long));
});
