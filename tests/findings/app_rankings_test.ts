import assert from "node:assert/strict";
import { JSDOM } from "jsdom";
import { appRankingsChart } from "../../lib/charts/app_rankings_chart.ts";
import { appRankingsTable } from "../../lib/findings/app_rankings.ts";
import { loadAppRankings } from "../../lib/loading/app_rankings.ts";
import { inTempDir, writeJson } from "../_helpers.ts";

// App-rankings pages in the documented shape, made up for the test: an older
// window and the latest one, the latest in two pages (ranks absolute).
const meta = (start: string, end: string, asOf: string) => ({
  as_of: asOf,
  start_date: start,
  end_date: end,
  version: "v1",
});
const app = (rank: number, name: string, tokens: number, requests: number) => ({
  app_id: rank * 7,
  app_name: name,
  rank,
  total_requests: requests,
  total_tokens: String(tokens),
});

async function loadPages() {
  return await inTempDir(async (dir) => {
    const files = [`${dir}/old.json`, `${dir}/p0.json`, `${dir}/p1.json`];
    await writeJson(files[0], {
      data: [app(1, "Old Leader", 10, 1)],
      meta: meta("2026-04-24", "2026-05-23", "2026-05-24T02:00:00Z"),
    });
    await writeJson(files[1], {
      data: [app(1, "Kilo Code", 6e11, 2e6), app(2, "Cline", 3e11, 1e6)],
      meta: meta("2026-05-24", "2026-06-22", "2026-06-23T02:00:00Z"),
    });
    await writeJson(files[2], {
      data: [app(3, "Roo Code", 1e11, 5e5)],
      meta: meta("2026-05-24", "2026-06-22", "2026-06-23T03:00:00Z"),
    });
    return (await loadAppRankings(files)).frame;
  });
}

Deno.test("appRankingsTable() ranks the latest window's apps with their share of the listed apps' tokens", async () => {
  const finding = appRankingsTable(await loadPages(), { top: 2 });
  assert.deepEqual(finding.window, ["2026-05-24", "2026-06-22"]);
  assert.equal(finding.listedApps, 3);
  assert.equal(finding.listedTokens, 1e12);
  assert.deepEqual(finding.table.toRecords(), [
    {
      rank: 1,
      app_name: "Kilo Code",
      total_tokens: 6e11,
      token_share: 0.6,
      total_requests: 2e6,
      tokens_per_request: 3e5,
    },
    {
      rank: 2,
      app_name: "Cline",
      total_tokens: 3e11,
      token_share: 0.3,
      total_requests: 1e6,
      tokens_per_request: 3e5,
    },
  ]);
  assert.ok(Math.abs(finding.topShare - 0.9) < 1e-12);
  assert.equal(finding.asOf, "2026-06-23T03:00:00Z");
});

Deno.test("appRankingsTable() gives an empty table when no app-rankings file is loaded", async () => {
  const { frame } = await loadAppRankings([]);
  const finding = appRankingsTable(frame);
  assert.equal(finding.table.height, 0);
  assert.equal(finding.window, null);
});

Deno.test("appRankingsChart() draws one bar per app, largest first, labelled with tokens and share", async () => {
  const { document } = new JSDOM("").window;
  const { table } = appRankingsTable(await loadPages());
  const svg = appRankingsChart(table, {
    document,
    title: "Apps",
    source: "Source: test",
  });
  assert.equal(svg.querySelectorAll('g[aria-label="bar"] rect').length, 3);
  const labels = [...svg.querySelectorAll("text")].map((t) => t.textContent);
  assert.deepEqual(
    labels.filter((t) => / · /.test(t ?? "")),
    ["600B · 60.0%", "300B · 30.0%", "100B · 10.0%"],
  );
});
