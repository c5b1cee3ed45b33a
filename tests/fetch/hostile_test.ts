/**
 * `deno task fetch`'s work against a hostile stand-in for the Data API: each
 * case ends with a worded problem line, nothing outside
 * `data/raw/DATASET/`, and no leftover.
 */
import assert from "node:assert/strict";
import { fetchData, type FetchOptions } from "../../lib/fetch/fetch_data.ts";
import { inTempDir } from "../_helpers.ts";
import {
  type Fault,
  type FetchServer,
  startFetchServer,
} from "../_fetch_server.ts";

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

/**
 * Run `body` with a fresh server and a project folder `ROOT` holding
 * `ROOT/data`, so that a file planted beside `data/` (or above it) shows in
 * `tree(ROOT)`.
 */
async function withProject(
  body: (server: FetchServer, root: string, data: string) => Promise<void>,
): Promise<void> {
  const server = await startFetchServer({ lifetimeMs: 60_000 });
  try {
    await inTempDir(async (dir) => {
      const root = `${dir}/project`;
      await Deno.mkdir(`${root}/data`, { recursive: true });
      await body(server, root, `${root}/data`);
    });
  } finally {
    await server.close();
  }
}

function options(
  server: FetchServer,
  dataDir: string,
  extra: Partial<FetchOptions> = {},
): FetchOptions {
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
      maxAttempts: 2,
      timeoutMs: 5000,
    },
    ...extra,
  };
}

/** Files under ROOT, besides the empty dataset folders a run may create. */
async function planted(root: string): Promise<string[]> {
  return await tree(root);
}

Deno.test("a rankings answer whose meta dates climb out with ../ is refused, and nothing is written anywhere", async () => {
  await withProject(async (server, root, data) => {
    server.faults.push(
      {
        path: "/datasets/rankings-daily",
        kind: "override",
        meta: { start_date: "../../../../../../tmp/x", end_date: "y" },
      } satisfies Fault,
    );
    const summary = await fetchData(
      options(server, data, { datasets: ["rankings-daily"] }),
    );
    assert.deepEqual(summary.written, []);
    assert.equal(summary.failures.length, 1);
    assert.match(
      summary.failures[0],
      /^rankings-daily: GET \/datasets\/rankings-daily\?start_date=2026-05-24&end_date=2026-06-22: the response has 2 problem\(s\), nothing saved:\nerror: GET \/datasets\/rankings-daily\?start_date=2026-05-24&end_date=2026-06-22: meta\.start_date is "\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/tmp\/x", expected "2026-05-24", the requested start_date\nerror: .*meta\.end_date is "y", expected "2026-06-22", the requested end_date$/,
    );
    assert.deepEqual(await planted(root), []);
  });
});

Deno.test("a rankings answer naming package.json at the project root is refused, and no package.json appears", async () => {
  await withProject(async (server, root, data) => {
    // Under the old naming, `${start}_${end}.json` in data/raw/rankings-daily/
    // resolved to ROOT/package.json.
    await Deno.mkdir(`${data}/raw/_`, { recursive: true });
    server.faults.push({
      path: "/datasets/rankings-daily",
      kind: "override",
      meta: { start_date: "..", end_date: "/../../../package" },
    });
    const summary = await fetchData(
      options(server, data, { datasets: ["rankings-daily"] }),
    );
    assert.match(summary.failures[0], /meta\.start_date is "\.\."/);
    assert.match(
      summary.failures[0],
      /meta\.end_date is "\/\.\.\/\.\.\/\.\.\/package"/,
    );
    await assert.rejects(
      () => Deno.stat(`${root}/package.json`),
      Deno.errors.NotFound,
    );
    assert.deepEqual(await planted(root), []);
  });
});

Deno.test("an empty session-cost page with a crafted window_end_date is refused, naming the field", async () => {
  await withProject(async (server, root, data) => {
    server.faults.push({
      path: "/datasets/session-cost",
      kind: "override",
      meta: { window_end_date: "../../../../evil" },
      data: [],
    });
    const summary = await fetchData(
      options(server, data, { datasets: ["session-cost"] }),
    );
    assert.deepEqual(summary.written, []);
    assert.equal(summary.failures.length, 1);
    assert.match(
      summary.failures[0],
      /^session-cost: GET \/datasets\/session-cost\?limit=500&offset=0: the response has 1 problem\(s\), nothing saved:\nerror: GET \/datasets\/session-cost\?limit=500&offset=0: meta\.window_end_date is "\.\.\/\.\.\/\.\.\/\.\.\/evil", expected a calendar date YYYY-MM-DD \(or null when no snapshot is published\)$/,
    );
    assert.deepEqual(await planted(root), []);
  });
});

Deno.test("app-rankings pages whose meta dates differ from the request are refused, and earlier data is untouched", async () => {
  await withProject(async (server, root, data) => {
    await Deno.mkdir(`${data}/raw/app-rankings`, { recursive: true });
    await Deno.writeTextFile(`${data}/raw/app-rankings/keep.txt`, "earlier");
    server.faults.push({
      path: "/datasets/app-rankings",
      kind: "override",
      meta: { end_date: "2026-06-23" },
    });
    const summary = await fetchData(
      options(server, data, { datasets: ["app-rankings"] }),
    );
    assert.match(
      summary.failures[0],
      /^app-rankings: GET \/datasets\/app-rankings\?sort=popular&start_date=2026-05-24&end_date=2026-06-22&limit=100&offset=0: the response has 1 problem\(s\), nothing saved:\n.*meta\.end_date is "2026-06-23", expected "2026-06-22", the requested end_date$/,
    );
    assert.deepEqual(await planted(root), ["data/raw/app-rankings/keep.txt"]);
  });
});

Deno.test("rankings rows dated outside the requested window are refused", async () => {
  await withProject(async (server, root, data) => {
    server.faults.push({
      path: "/datasets/rankings-daily",
      kind: "override",
      data: [{
        date: "2030-01-01",
        model_permaslug: "a/b",
        total_tokens: "1",
      }],
    });
    const summary = await fetchData(
      options(server, data, { datasets: ["rankings-daily"] }),
    );
    assert.match(
      summary.failures[0],
      /data\[0\]\.date is "2030-01-01", expected a day in the requested window 2026-05-24 … 2026-06-22$/,
    );
    assert.deepEqual(await planted(root), []);
  });
});

Deno.test("a valid gzip answer and a valid br answer are saved, byte for byte the server's JSON", async () => {
  for (const kind of ["gzip", "br"] as const) {
    await withProject(async (server, root, data) => {
      server.faults.push({ path: "/datasets/rankings-daily", kind });
      const summary = await fetchData(
        options(server, data, { datasets: ["rankings-daily"] }),
      );
      assert.deepEqual(summary.failures, [], kind);
      assert.equal(summary.requests, 1, "no retry");
      assert.deepEqual(await planted(root), [
        "data/raw/rankings-daily/2026-05-24_2026-06-22.json",
      ]);
      assert.equal(summary.daysAdded.length, 30);
    });
  }
});

Deno.test("a gzip bomb stops at the dataset's limit with one worded line, nothing saved and no retry", async () => {
  await withProject(async (server, root, data) => {
    server.faults.push({
      path: "/datasets/app-rankings",
      kind: "bomb",
      megabytes: 1024,
    });
    const before = Deno.memoryUsage().rss;
    const opts = options(server, data, { datasets: ["app-rankings"] });
    // a loaded machine may be slow; the limit, not the timeout, must stop it
    opts.client.timeoutMs = 60_000;
    const summary = await fetchData(opts);
    const grown = (Deno.memoryUsage().rss - before) / (1024 * 1024);
    assert.ok(grown < 128, `memory grew ${grown.toFixed(0)} MB`);
    assert.deepEqual(summary.failures, [
      "app-rankings: GET /datasets/app-rankings?sort=popular&start_date=2026-05-24&end_date=2026-06-22&limit=100&offset=0: the answer is larger than the 4 MB limit after gzip decoding for this dataset; nothing saved (if the answer is expected to be this large, raise the limit with --max-body-mb; the limit is 4 MB)",
    ]);
    assert.equal(summary.requests, 1);
    assert.deepEqual(await planted(root), []);
  });
});

Deno.test("an endless plain body stops at the limit; --max-body-mb (maxBodyMb) sets the limit", async () => {
  await withProject(async (server, root, data) => {
    server.faults.push({
      path: "/datasets/rankings-daily",
      kind: "huge",
      megabytes: 4096,
    });
    const summary = await fetchData(
      options(server, data, { datasets: ["rankings-daily"], maxBodyMb: 2 }),
    );
    assert.match(
      summary.failures[0],
      /^rankings-daily: GET .*: the answer is larger than the 2 MB limit received for this dataset; nothing saved/,
    );
    assert.deepEqual(await planted(root), []);
  });
});

Deno.test("a body that is not UTF-8 is one worded problem line, not a stack trace", async () => {
  await withProject(async (server, root, data) => {
    server.faults.push(
      { path: "/models", kind: "bad-utf8" },
      { path: "/models", kind: "bad-utf8" },
    );
    const summary = await fetchData(
      options(server, data, { datasets: ["models"] }),
    );
    assert.deepEqual(summary.failures.length, 1);
    assert.match(
      summary.failures[0],
      /^models: GET \/models failed 2 times, last: body is not UTF-8 text \(.*\)$/,
    );
    assert.deepEqual(await planted(root), []);
  });
});

Deno.test("a redirect to another origin is not followed and is a failure, never 're-checked, unchanged'", async () => {
  const elsewhere = await startFetchServer({ lifetimeMs: 60_000 });
  try {
    await withProject(async (server, root, data) => {
      await fetchData(options(server, data, { datasets: ["rankings-daily"] }));
      const before = await planted(root);
      server.requests.length = 0;
      server.faults.push({
        path: "/datasets/rankings-daily",
        kind: "redirect",
        to: elsewhere.baseUrl.replace(/\/api\/v1$/, ""),
      });
      const summary = await fetchData(
        options(server, data, {
          since: null,
          until: "2026-06-24",
          datasets: ["rankings-daily"],
        }),
      );
      assert.equal(summary.failures.length, 1);
      assert.match(
        summary.failures[0],
        /^rankings-daily: GET \/datasets\/rankings-daily\?start_date=2026-06-20&end_date=2026-06-24: redirected \(302\) to another origin, "http:\/\/127\.0\.0\.1:\d+"; not followed, since the key is sent only to http:\/\/127\.0\.0\.1:\d+\. Nothing saved$/,
      );
      assert.ok(!summary.notes.some((n) => n.includes("re-checked")));
      assert.equal(elsewhere.requests.length, 0, "the key went nowhere else");
      assert.deepEqual(await planted(root), before);
    });
  } finally {
    await elsewhere.close();
  }
});

Deno.test("an answer without the missing days is a failure naming them, never 're-checked, unchanged'", async () => {
  await withProject(async (server, root, data) => {
    await fetchData(
      options(server, data, {
        until: "2026-06-20",
        datasets: ["rankings-daily"],
      }),
    );
    const before = await planted(root);
    server.faults.push({
      path: "/datasets/rankings-daily",
      kind: "override",
      data: [],
    });
    const summary = await fetchData(
      options(server, data, { since: null, datasets: ["rankings-daily"] }),
    );
    assert.deepEqual(summary.failures, [
      "rankings-daily: GET /datasets/rankings-daily?start_date=2026-06-18&end_date=2026-06-22: the answer has no row for 2 requested day(s) not saved before (2026-06-21 … 2026-06-22); they are still missing",
    ]);
    assert.ok(!summary.notes.some((n) => n.includes("re-checked")));
    assert.deepEqual(await planted(root), before);
  });
});

Deno.test("temporary files a killed run left are removed by the next run, which says so", async () => {
  await withProject(async (server, root, data) => {
    // what kill -9 between staging and renaming leaves behind
    await Deno.mkdir(`${data}/raw/rankings-daily`, { recursive: true });
    const stale =
      `${data}/raw/rankings-daily/2026-05-24_2026-06-22.json.partial-0123abcd`;
    await Deno.writeTextFile(stale, '{"data": [');
    const summary = await fetchData(
      options(server, data, { datasets: ["rankings-daily"] }),
    );
    assert.deepEqual(summary.notes, [
      `rankings-daily: removed ${stale}, a temporary file an interrupted run left`,
    ]);
    assert.deepEqual(await planted(root), [
      "data/raw/rankings-daily/2026-05-24_2026-06-22.json",
    ]);
  });
});

Deno.test("a response its loader refuses is one problem line per record naming the dataset, the request and the field", async () => {
  await withProject(async (server, root, data) => {
    await Deno.mkdir(`${data}/raw/openrouter-models`, { recursive: true });
    await Deno.writeTextFile(`${data}/raw/openrouter-models/keep.txt`, "x");
    server.faults.push({
      path: "/models",
      kind: "override",
      data: [{
        id: "",
        canonical_slug: "a",
        name: "A",
        created: 1,
        pricing: {},
      }],
    });
    const summary = await fetchData(
      options(server, data, { datasets: ["models"] }),
    );
    assert.equal(summary.failures.length, 1);
    const [head, ...lines] = summary.failures[0].split("\n");
    assert.match(
      head,
      /^models: GET \/models: the response has \d+ problem\(s\), nothing saved:$/,
    );
    assert.ok(lines.length >= 2);
    for (const line of lines) {
      assert.match(line, /^error: GET \/models: data\[0\]\.[a-z_.]+ /);
    }
    assert.ok(lines.some((l) => l.includes("data[0].id")));
    assert.doesNotMatch(summary.failures[0], /partial-/);
    assert.deepEqual(await planted(root), [
      "data/raw/openrouter-models/keep.txt",
    ]);
  });
});

Deno.test("the budget file's temporary copy a killed run left is removed too, and nothing else of the data folder", async () => {
  await withProject(async (server, root, data) => {
    await Deno.writeTextFile(
      `${data}/.fetch-budget.json.partial-0123abcd`,
      "{",
    );
    await Deno.writeTextFile(`${data}/notes.partial-keep.txt`, "mine");
    const summary = await fetchData(
      options(server, data, { datasets: ["models"] }),
    );
    assert.deepEqual(summary.failures, []);
    assert.ok(
      summary.notes.includes(
        `removed ${data}/.fetch-budget.json.partial-0123abcd, a temporary file an interrupted run left`,
      ),
    );
    assert.deepEqual(await planted(root), [
      "data/notes.partial-keep.txt",
      "data/raw/openrouter-models/2026-06-23.models.json",
    ]);
  });
});
