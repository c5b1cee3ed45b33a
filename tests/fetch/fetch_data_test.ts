import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  AuthError,
  fetchData,
  type FetchOptions,
  formatFetchSummary,
} from "../../lib/fetch/fetch_data.ts";
import { loadAppRankings } from "../../lib/loading/app_rankings.ts";
import { loadRankingsDaily } from "../../lib/loading/rankings_daily.ts";
import { loadSessionCost } from "../../lib/loading/session_cost.ts";
import { validatePaths } from "../../lib/loading/validate.ts";
import { inTempDir } from "../_helpers.ts";
import { type FetchServer, startFetchServer } from "../_fetch_server.ts";

const BUNDLED = "data/raw/rankings-daily/2026-05-24_2026-06-22.json";

/** Every file under `dir`, relative, sorted. */
async function tree(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const entry of Deno.readDir(`${dir}/${prefix}`)) {
      const path = `${prefix}${entry.name}`;
      // the day's request count (tests/fetch_budget_test.ts checks it)
      if (entry.name === ".fetch-budget.json") continue;
      if (entry.isDirectory) out.push(...await tree(dir, `${path}/`));
      else out.push(path);
    }
  } catch (cause) {
    if (!(cause instanceof Deno.errors.NotFound)) throw cause;
  }
  return out.sort();
}

/** Run `body` with a fresh server and data folder; both are gone afterwards. */
async function withServer(
  body: (server: FetchServer, dataDir: string) => Promise<void>,
): Promise<void> {
  const server = await startFetchServer({ lifetimeMs: 60_000 });
  try {
    await inTempDir((dir) => body(server, dir));
  } finally {
    await server.close();
  }
}

/** Fetch options for the local server: no pacing, short back-off, a progress log. */
function options(
  server: FetchServer,
  dataDir: string,
  extra: Partial<FetchOptions> & { log?: string[]; timeoutMs?: number } = {},
): FetchOptions {
  const log = extra.log ?? [];
  return {
    dataDir,
    since: "2026-05-24",
    until: "2026-06-22",
    now: new Date("2026-06-23T10:00:00Z"),
    client: {
      baseUrl: server.baseUrl,
      apiKey: "test-key",
      minIntervalMs: 0,
      backoffMs: 10,
      maxAttempts: 3,
      timeoutMs: extra.timeoutMs ?? 5000,
      log: (line) => log.push(line),
    },
    ...extra,
  };
}

const rankingsRequests = (server: FetchServer) =>
  server.requests.filter((r) => r.url.includes("/rankings-daily")).map((r) =>
    `${r.status} ${r.url.replace(/^.*\?/, "")}`
  );

Deno.test("fetchData() fills an empty data folder with files that validate, in 7 requests", async () => {
  await withServer(async (server, dir) => {
    const log: string[] = [];
    const summary = await fetchData(options(server, dir, { log }));
    assert.deepEqual(await tree(dir), [
      "raw/app-rankings/2026-05-24_2026-06-22.popular.offset-0.json",
      "raw/app-rankings/2026-05-24_2026-06-22.popular.offset-100.json",
      "raw/openrouter-benchmarks/2026-06-23.artificial-analysis.json",
      "raw/openrouter-models/2026-06-23.models.json",
      "raw/rankings-daily/2026-05-24_2026-06-22.json",
      "raw/session-cost/2026-06-21.offset-0.json",
      "raw/session-cost/2026-06-21.offset-500.json",
    ]);
    // one window of 30 days, the models list, 150 apps in pages of 100,
    // 600 session-cost cells in pages of 500, the benchmarks feed
    assert.equal(summary.requests, 7);
    assert.equal(log.filter((line) => line.startsWith("GET ")).length, 7);
    assert.equal(summary.daysAdded.length, 30);
    assert.deepEqual(summary.restated, []);
    assert.deepEqual(summary.failures, []);
    const check = await validatePaths([`${dir}/raw`]);
    assert.deepEqual(check.problems.filter((p) => p.severity === "error"), []);
    // The saved body is the server's verbatim: its rows are the bundled month's.
    const saved = await loadRankingsDaily([
      `${dir}/raw/rankings-daily/2026-05-24_2026-06-22.json`,
    ]);
    const bundled = await loadRankingsDaily([BUNDLED]);
    assert.deepEqual(
      saved.frame.select("date", "permaslug", "tokens").toRecords(),
      bundled.frame.select("date", "permaslug", "tokens").toRecords(),
    );
    assert.equal(saved.meta[0].as_of, "2026-06-23T02:00:00Z");
    const apps = await loadAppRankings([
      `${dir}/raw/app-rankings/2026-05-24_2026-06-22.popular.offset-0.json`,
      `${dir}/raw/app-rankings/2026-05-24_2026-06-22.popular.offset-100.json`,
    ]);
    assert.equal(apps.frame.height, 150);
    const cost = await loadSessionCost([
      `${dir}/raw/session-cost/2026-06-21.offset-0.json`,
      `${dir}/raw/session-cost/2026-06-21.offset-500.json`,
    ]);
    assert.equal(cost.frame.height, 600);
    assert.match(
      formatFetchSummary(summary),
      /7 files written, 30 days added \(2026-05-24 … 2026-06-22\), 0 days restated, 7 requests used$/,
    );
  });
});

Deno.test("fetchData() run again requests only the last three days of rankings and writes nothing", async () => {
  await withServer(async (server, dir) => {
    await fetchData(options(server, dir));
    const before = await tree(dir);
    server.requests.length = 0;
    const summary = await fetchData(
      options(server, dir, {
        since: null,
        now: new Date("2026-06-23T18:00:00Z"),
      }),
    );
    assert.deepEqual(rankingsRequests(server), [
      "200 start_date=2026-06-20&end_date=2026-06-22",
    ]);
    // models list and benchmarks saved today, app-rankings window saved,
    // session-cost fresh
    assert.equal(server.requests.length, 1);
    assert.deepEqual(summary.written, []);
    assert.deepEqual(await tree(dir), before);
  });
});

Deno.test("fetchData() asks only for the days it lacks: a gap and the new days in one window", async () => {
  await withServer(async (server, dir) => {
    await fetchData(
      options(server, dir, {
        until: "2026-06-10",
        datasets: ["rankings-daily"],
      }),
    );
    server.requests.length = 0;
    const summary = await fetchData(
      options(server, dir, { since: null, datasets: ["rankings-daily"] }),
    );
    // 2026-06-08 … 2026-06-10 re-checked, 2026-06-11 … 2026-06-22 new: 15 days
    assert.deepEqual(rankingsRequests(server), [
      "200 start_date=2026-06-08&end_date=2026-06-22",
    ]);
    assert.equal(summary.daysAdded.length, 12);
    const loaded = await loadRankingsDaily(
      (await tree(`${dir}/raw/rankings-daily`)).map((f) =>
        `${dir}/raw/rankings-daily/${f}`
      ),
    );
    assert.deepEqual(loaded.errors, []);
    assert.equal(loaded.frame.height, 1530);
  });
});

Deno.test("fetchData() waits as a 429's Retry-After asks, then saves the answer", async () => {
  await withServer(async (server, dir) => {
    server.faults.push({
      path: "/datasets/rankings-daily",
      kind: "429",
      retryAfterSeconds: 1,
    });
    const log: string[] = [];
    const started = Date.now();
    const summary = await fetchData(
      options(server, dir, { log, datasets: ["rankings-daily"] }),
    );
    assert.ok(Date.now() - started >= 1000, "waited at least the 1 s asked");
    assert.deepEqual(rankingsRequests(server).map((r) => r.slice(0, 3)), [
      "429",
      "200",
    ]);
    assert.ok(
      log.some((line) =>
        /429 rate-limited, Retry-After 1 s; retrying in 1\.0 s/.test(line)
      ),
    );
    assert.equal(summary.written.length, 1);
  });
});

Deno.test("fetchData() retries a 500 and a cut connection, then saves whole files", async () => {
  await withServer(async (server, dir) => {
    server.faults.push({ path: "/datasets/rankings-daily", kind: "500" });
    server.faults.push({ path: "/datasets/rankings-daily", kind: "cut" });
    const summary = await fetchData(
      options(server, dir, { datasets: ["rankings-daily"] }),
    );
    assert.equal(summary.requests, 3);
    assert.deepEqual(summary.failures, []);
    assert.deepEqual(await tree(dir), [
      "raw/rankings-daily/2026-05-24_2026-06-22.json",
    ]);
  });
});

Deno.test("fetchData() abandons a slow answer after the timeout and asks again", async () => {
  await withServer(async (server, dir) => {
    server.faults.push({ path: "/models", kind: "slow", delayMs: 1500 });
    const log: string[] = [];
    const summary = await fetchData(
      options(server, dir, { log, timeoutMs: 300, datasets: ["models"] }),
    );
    assert.ok(
      log.some((line) => line.includes("no complete answer within 0.3 s")),
    );
    assert.equal(summary.requests, 2);
    assert.deepEqual(await tree(dir), [
      "raw/openrouter-models/2026-06-23.models.json",
    ]);
  });
});

Deno.test("fetchData() saves nothing from a truncated body, even after every retry", async () => {
  await withServer(async (server, dir) => {
    for (let i = 0; i < 3; i++) {
      server.faults.push({
        path: "/datasets/rankings-daily",
        kind: "truncated",
      });
    }
    const summary = await fetchData(
      options(server, dir, { datasets: ["rankings-daily"] }),
    );
    assert.equal(summary.requests, 3);
    assert.equal(summary.failures.length, 1);
    assert.match(
      summary.failures[0],
      /failed 3 times, last: body is not whole JSON/,
    );
    assert.deepEqual(await tree(dir), []);
  });
});

Deno.test("fetchData() saves no page of app-rankings when a later page fails", async () => {
  await withServer(async (server, dir) => {
    // the first page answers, the second fails on every attempt
    server.faults.push({
      path: "/datasets/app-rankings",
      kind: "slow",
      delayMs: 0,
    });
    for (let i = 0; i < 3; i++) {
      server.faults.push({ path: "/datasets/app-rankings", kind: "500" });
    }
    const summary = await fetchData(
      options(server, dir, { datasets: ["app-rankings"] }),
    );
    assert.equal(summary.requests, 4);
    assert.match(
      summary.failures[0],
      /^app-rankings: GET \/datasets\/app-rankings\?.*offset=100 failed 3 times/,
    );
    assert.deepEqual(await tree(dir), []);
  });
});

Deno.test("fetchData() stops at a 401 with a message naming OPENROUTER_API_KEY, leaving nothing", async () => {
  await withServer(async (server, dir) => {
    server.faults.push({ path: "/datasets/rankings-daily", kind: "401" });
    await assert.rejects(
      () => fetchData(options(server, dir)),
      (cause: unknown) =>
        cause instanceof AuthError &&
        /set OPENROUTER_API_KEY to a valid OpenRouter API key/.test(
          cause.message,
        ),
    );
    assert.equal(server.requests.length, 1, "nothing more was requested");
    assert.deepEqual(await tree(dir), []);
  });
});

Deno.test("fetchData() keeps a restated day as a new file, and the loader uses the later as_of", async () => {
  await withServer(async (server, dir) => {
    await fetchData(options(server, dir, { datasets: ["rankings-daily"] }));
    // python3: 2026-06-21 deepseek/deepseek-v4-flash-20260423 in the bundled month
    const bundled = await loadRankingsDaily([BUNDLED]);
    const key = (frame: pl.DataFrame) =>
      frame.filter(
        pl.col("date").eq(pl.lit("2026-06-21")).and(
          pl.col("permaslug").eq(pl.lit("deepseek/deepseek-v4-flash-20260423")),
        ),
      ).getColumn("tokens").toArray()[0];
    const original = key(bundled.frame) as number;
    server.asOf = "2026-06-24T02:00:00Z";
    server.restate.set(
      "2026-06-21|deepseek/deepseek-v4-flash-20260423",
      String(original + 1000),
    );
    const summary = await fetchData(
      options(server, dir, { since: null, datasets: ["rankings-daily"] }),
    );
    assert.deepEqual(summary.restated, ["2026-06-21"]);
    assert.deepEqual(await tree(`${dir}/raw/rankings-daily`), [
      "2026-05-24_2026-06-22.json",
      "2026-06-20_2026-06-22.json",
    ]);
    // A second restatement of the same window gets the as_of in its name.
    server.asOf = "2026-06-25T02:00:00Z";
    server.restate.set(
      "2026-06-21|deepseek/deepseek-v4-flash-20260423",
      String(original + 2000),
    );
    await fetchData(
      options(server, dir, { since: null, datasets: ["rankings-daily"] }),
    );
    const files = await tree(`${dir}/raw/rankings-daily`);
    assert.deepEqual(files, [
      "2026-05-24_2026-06-22.json",
      "2026-06-20_2026-06-22.as-of-20260625T020000Z.json",
      "2026-06-20_2026-06-22.json",
    ]);
    const loaded = await loadRankingsDaily(
      files.map((f) => `${dir}/raw/rankings-daily/${f}`),
    );
    assert.deepEqual(loaded.errors, []);
    assert.equal(key(loaded.frame), original + 2000);
    assert.equal(loaded.frame.height, 1530);
    assert.deepEqual(
      loaded.warnings.map((w) => [w.file.split("/").pop(), w.record, w.code]),
      [
        ["2026-05-24_2026-06-22.json", "2026-06-21", "restated"],
        ["2026-06-20_2026-06-22.json", "2026-06-21", "restated"],
      ],
    );
  });
});

Deno.test("fetchData() says when a restated day is also in a file without as_of, which the loader cannot decide", async () => {
  await withServer(async (server, dir) => {
    // the bundled month (no meta.as_of) is already saved
    await Deno.mkdir(`${dir}/raw/rankings-daily`, { recursive: true });
    await Deno.copyFile(
      BUNDLED,
      `${dir}/raw/rankings-daily/2026-05-24_2026-06-22.json`,
    );
    server.restate.set("2026-06-22|other", "1");
    const summary = await fetchData(
      options(server, dir, { since: null, datasets: ["rankings-daily"] }),
    );
    assert.deepEqual(summary.restated, ["2026-06-22"]);
    assert.ok(
      summary.notes.some((note) =>
        note.startsWith(
          "rankings-daily 2026-06-22 is restated, but a saved file carrying it has no meta.as_of",
        )
      ),
    );
    const files = await tree(`${dir}/raw/rankings-daily`);
    assert.deepEqual(files, [
      "2026-05-24_2026-06-22.json",
      "2026-06-20_2026-06-22.json",
    ]);
    const loaded = await loadRankingsDaily(
      files.map((f) => `${dir}/raw/rankings-daily/${f}`),
    );
    assert.equal(loaded.errors.length, 1);
    assert.equal(loaded.errors[0].record, "2026-06-22 other");
  });
});

Deno.test("fetchData() reports a data folder it cannot write as a failure per dataset, and makes no request", async () => {
  await withServer(async (server, dir) => {
    const file = `${dir}/not-a-folder`;
    await Deno.writeTextFile(file, "");
    const summary = await fetchData(options(server, file));
    assert.deepEqual(
      summary.failures.map((f) => f.slice(0, f.indexOf(":"))),
      [
        "rankings-daily",
        "models",
        "app-rankings",
        "session-cost",
        "benchmarks",
      ],
    );
    assert.match(summary.failures[0], /cannot save under .*not-a-folder\/raw/);
    assert.equal(server.requests.length, 0);
  });
});

Deno.test("fetchData() saves rankings-daily by every documented category and context bucket, weekly, once per window", async () => {
  await withServer(async (server, dir) => {
    const summary = await fetchData(
      options(server, dir, {
        datasets: ["rankings-by-category", "rankings-by-context"],
      }),
    );
    assert.deepEqual(summary.failures, []);
    assert.equal(summary.requests, 12 + 5);
    assert.ok(
      server.requests.every((r) =>
        r.url.includes("period=week") && r.status === 200
      ),
    );
    const category = await tree(`${dir}/raw/rankings-by-category`);
    assert.equal(category.length, 12);
    assert.ok(
      category.includes("2026-05-24_2026-06-22.category-marketing--seo.json"),
    );
    const context = await tree(`${dir}/raw/rankings-by-context`);
    assert.deepEqual(context, [
      "2026-05-24_2026-06-22.context-100K.json",
      "2026-05-24_2026-06-22.context-10K.json",
      "2026-05-24_2026-06-22.context-10M.json",
      "2026-05-24_2026-06-22.context-1K.json",
      "2026-05-24_2026-06-22.context-1M.json",
    ]);
    const check = await validatePaths([`${dir}/raw`]);
    assert.deepEqual(check.problems.filter((p) => p.severity === "error"), []);
    server.requests.length = 0;
    const again = await fetchData(
      options(server, dir, {
        datasets: ["rankings-by-category", "rankings-by-context"],
      }),
    );
    assert.equal(server.requests.length, 0);
    assert.deepEqual(again.notes, [
      "rankings-by-category: 2026-05-24 … 2026-06-22 already saved",
      "rankings-by-context: 2026-05-24 … 2026-06-22 already saved",
    ]);
  });
});
