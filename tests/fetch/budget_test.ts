import assert from "node:assert/strict";
import { BudgetError, DailyBudget, keyHash } from "../../lib/fetch/budget.ts";
import { fetchData, type FetchOptions } from "../../lib/fetch/fetch_data.ts";
import { inTempDir } from "../_helpers.ts";
import { type FetchServer, startFetchServer } from "../_fetch_server.ts";

function options(
  server: FetchServer,
  dataDir: string,
  now: string,
  limit: number,
): FetchOptions {
  return {
    dataDir,
    since: "2026-05-24",
    until: "2026-06-22",
    now: new Date(now),
    datasets: ["rankings-daily", "models"],
    dailyRequestLimit: limit,
    client: {
      baseUrl: server.baseUrl,
      apiKey: "test-key",
      minIntervalMs: 0,
      backoffMs: 10,
      maxAttempts: 2,
    },
  };
}

Deno.test("two runs in one UTC day share the daily budget; the next day starts afresh", async () => {
  const server = await startFetchServer({ lifetimeMs: 60_000 });
  try {
    await inTempDir(async (dir) => {
      // run 1: the rankings window and the models list, 2 requests
      const first = await fetchData(
        options(server, dir, "2026-06-23T08:00:00Z", 3),
      );
      assert.equal(first.requests, 2);
      assert.match(
        first.budget!,
        /^requests today \(2026-06-23 UTC\) with this key: 2 of 3, counted in .*\/\.fetch-budget\.json$/,
      );
      // run 2, same day: the re-check of the last 3 days, the 3rd request
      const second = await fetchData({
        ...options(server, dir, "2026-06-23T20:00:00Z", 3),
        since: null,
        datasets: ["rankings-daily"],
      });
      assert.equal(second.requests, 1);
      assert.deepEqual(second.failures, []);
      // run 3, same day: nothing is sent
      server.requests.length = 0;
      const third = await fetchData({
        ...options(server, dir, "2026-06-23T23:00:00Z", 3),
        since: null,
        datasets: ["rankings-daily"],
      });
      assert.equal(server.requests.length, 0);
      assert.equal(third.failures.length, 1);
      assert.match(
        third.failures[0],
        /^rankings-daily: GET \/datasets\/rankings-daily\?start_date=2026-06-20&end_date=2026-06-22: not sent: 3 requests already sent today \(2026-06-23 UTC\) with this API key, counted in .*; OpenRouter allows 3 a day per account\. Run again tomorrow$/,
      );
      // the next UTC day: sent again
      const fourth = await fetchData({
        ...options(server, dir, "2026-06-24T00:30:00Z", 3),
        since: null,
        datasets: ["rankings-daily"],
      });
      assert.equal(fourth.requests, 1);
      assert.deepEqual(fourth.failures, []);
      const file = await Deno.readTextFile(`${dir}/.fetch-budget.json`);
      assert.doesNotMatch(file, /test-key/);
      assert.deepEqual(JSON.parse(file).accounts, {
        [await keyHash("test-key")]: { day: "2026-06-24", requests: 1 },
      });
    });
  } finally {
    await server.close();
  }
});

Deno.test("DailyBudget counts each key apart and refuses a budget file it cannot read", async () => {
  await inTempDir(async (dir) => {
    const now = () => new Date("2026-06-23T10:00:00Z");
    await new DailyBudget(dir, "a", 1, now).take("/x");
    await new DailyBudget(dir, "b", 1, now).take("/x");
    await assert.rejects(
      () => new DailyBudget(dir, "a", 1, now).take("/y"),
      BudgetError,
    );
    await Deno.writeTextFile(`${dir}/.fetch-budget.json`, "{not json");
    await assert.rejects(
      () => new DailyBudget(dir, "a", 1, now).take("/y"),
      /Cannot read the request budget .*\.fetch-budget\.json: expected/,
    );
  });
});
