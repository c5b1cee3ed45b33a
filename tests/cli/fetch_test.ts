import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { copyDir, inTempDir, runTask } from "../_helpers.ts";
import { fixedFlags } from "../../cli/launch.ts";
import { type FetchServer, startFetchServer } from "../_fetch_server.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Run `deno task fetch ARGS` as deno.json defines it, against `server`, with `key`. */
async function runFetch(
  server: FetchServer,
  args: string[],
  key = "test-key",
): Promise<{ code: number; stdout: string; stderr: string }> {
  const config = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")));
  const [, ...taskArgs] = String(config.tasks.fetch).split(" ");
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      ...taskArgs.map((arg) => arg.endsWith(".ts") ? join(ROOT, arg) : arg),
      ...args,
    ],
    env: {
      NO_COLOR: "1",
      OPENROUTER_API_KEY: key,
      OPENROUTER_BASE_URL: server.baseUrl,
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** A data folder with the reference tables and claims but no raw file. */
async function emptyDataDir(dir: string): Promise<string> {
  const data = `${dir}/data`;
  await copyDir("data/reference", `${data}/reference`);
  await Deno.copyFile("data/claims.csv", `${data}/claims.csv`);
  return data;
}

Deno.test("deno task fetch fills an empty data folder that validates and reports; a second run re-checks only the last 3 days", async () => {
  const server = await startFetchServer({ lifetimeMs: 120_000 });
  try {
    await inTempDir(async (dir) => {
      const data = await emptyDataDir(dir);
      const first = await runFetch(server, [
        "--data",
        data,
        "--since",
        "2026-05-24",
        "--until",
        "2026-06-22",
      ]);
      assert.equal(first.code, 0, first.stderr);
      const lines = first.stdout.trim().split("\n");
      // one progress line per request, then the summary
      assert.equal(lines.filter((line) => line.startsWith("GET ")).length, 7);
      assert.match(
        lines.at(-1)!,
        /^7 files written, 30 days added \(2026-05-24 … 2026-06-22\), 0 days restated, 7 requests used$/,
      );
      const validate = await runTask("validate", [data]);
      assert.equal(validate.code, 0, validate.stdout);
      assert.match(validate.stdout, /app-rankings\s+2 files\s+150 rows/);
      assert.match(validate.stdout, /session-cost\s+2 files\s+600 rows/);
      const report = await runTask("report", [
        "--data",
        data,
        "--out",
        `${dir}/out`,
      ]);
      assert.equal(report.code, 0, report.stderr);
      const markdown = await Deno.readTextFile(`${dir}/out/report.md`);
      assert.match(
        markdown,
        /rankings-daily \| 1 \| 1530 \| 2026-05-24 … 2026-06-22/,
      );

      server.requests.length = 0;
      const second = await runFetch(server, [
        "--data",
        data,
        "--until",
        "2026-06-22",
      ]);
      assert.equal(second.code, 0, second.stderr);
      assert.deepEqual(
        server.requests.filter((r) => r.url.includes("rankings-daily")).map((
          r,
        ) => r.url.replace(/^.*\?/, "")),
        ["start_date=2026-06-20&end_date=2026-06-22"],
      );
      assert.match(
        second.stdout,
        /0 files written, 0 days added, 0 days restated/,
      );
    });
  } finally {
    await server.close();
  }
});

Deno.test("deno task fetch stops on a refused key with a message naming OPENROUTER_API_KEY, and writes nothing", async () => {
  const server = await startFetchServer({ lifetimeMs: 60_000 });
  try {
    await inTempDir(async (dir) => {
      const result = await runFetch(server, ["--data", dir], "wrong-key");
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        /set OPENROUTER_API_KEY to a valid OpenRouter API key/,
      );
      assert.equal(server.requests.length, 1);
      // only the day's request count: the refused request was sent
      assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), [
        ".fetch-budget.json",
      ]);
    });
  } finally {
    await server.close();
  }
});

Deno.test("deno task fetch --dry-run prints the planned requests and makes none", async () => {
  const server = await startFetchServer({ lifetimeMs: 60_000 });
  try {
    await inTempDir(async (dir) => {
      const result = await runFetch(server, [
        "--data",
        dir,
        "--since",
        "2026-04-01",
        "--until",
        "2026-06-22",
        "--datasets",
        "rankings-daily,models",
        "--dry-run",
      ]);
      assert.equal(result.code, 0, result.stderr);
      // 83 days: one window (at most 366 days)
      assert.deepEqual(result.stdout.trim().split("\n"), [
        "would GET /datasets/rankings-daily?start_date=2026-04-01&end_date=2026-06-22",
        "would GET /models",
        "2 request(s) planned, none made",
      ]);
      assert.equal(server.requests.length, 0);
    });
  } finally {
    await server.close();
  }
});

Deno.test("deno task fetch rejects a bad date or dataset name with exit 2", async () => {
  const server = await startFetchServer({ lifetimeMs: 30_000 });
  try {
    const bad = await runFetch(server, ["--since", "2026-02-30"]);
    assert.equal(bad.code, 2);
    assert.match(
      bad.stderr,
      /--since is "2026-02-30", expected a calendar date/,
    );
    const unknown = await runFetch(server, ["--datasets", "rankings"]);
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.stderr,
      /--datasets is "rankings", expected a comma-separated list/,
    );
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});

Deno.test("deno task fetch saves the top 200 apps against a server enforcing the documented limits, and exits 0", async () => {
  // 250 apps: pages at offset 0 and 100 are full; offset 200 would be a 400
  const server = await startFetchServer({ lifetimeMs: 60_000, apps: 250 });
  try {
    await inTempDir(async (dir) => {
      const result = await runFetch(server, [
        "--data",
        dir,
        "--until",
        "2026-06-22",
        "--datasets",
        "app-rankings",
      ]);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.deepEqual(
        server.requests.map((r) =>
          `${r.status} ${r.url.replace(/^.*&limit/, "limit")}`
        ),
        ["200 limit=100&offset=0", "200 limit=100&offset=100"],
      );
      assert.deepEqual(
        [...Deno.readDirSync(`${dir}/raw/app-rankings`)].map((e) => e.name)
          .sort(),
        [
          "2026-05-24_2026-06-22.popular.offset-0.json",
          "2026-05-24_2026-06-22.popular.offset-100.json",
        ],
      );
      assert.match(
        result.stdout,
        /note: app-rankings: the top 200 apps saved; the API pages no further \(offset at most 100\)/,
      );
    });
  } finally {
    await server.close();
  }
});

Deno.test("deno task fetch reads only its two variables, and reaches this machine only when OPENROUTER_BASE_URL points there", async () => {
  // The task runs cli/launch.ts, which runs fetch with these flags.
  const config = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")));
  assert.match(String(config.tasks.fetch), / cli\/launch\.ts fetch$/);
  const task = ` ${fixedFlags("fetch", ROOT).join(" ")} `;
  assert.match(
    task,
    / --allow-env=OPENROUTER_API_KEY,OPENROUTER_BASE_URL /,
  );
  assert.match(task, / --no-prompt /);
  const net = task.split(" ").find((arg) => arg.startsWith("--allow-net="))!;
  await inTempDir(async (dir) => {
    const script = `${dir}/probe.ts`;
    await Deno.writeTextFile(
      script,
      `import { scopeNetPermissions } from ${
        JSON.stringify(new URL("../../cli/fetch.ts", import.meta.url).href)
      };
await scopeNetPermissions(Deno.args[0]);
const states = [];
for (const host of ["openrouter.ai", "127.0.0.1", "localhost"]) {
  states.push(host + "=" + (await Deno.permissions.query({ name: "net", host })).state);
}
console.log(states.join(" "));`,
    );
    const probe = async (baseUrl: string) => {
      const output = await new Deno.Command(Deno.execPath(), {
        cwd: ROOT,
        args: [
          "run",
          "--config",
          join(ROOT, "deno.json"),
          "--no-prompt",
          net,
          "--allow-read",
          "--allow-env",
          "--allow-ffi",
          "--allow-sys",
          script,
          baseUrl,
        ],
        stdout: "piped",
        stderr: "piped",
      }).output();
      return new TextDecoder().decode(output.stdout).trim() ||
        new TextDecoder().decode(output.stderr);
    };
    assert.equal(
      await probe("https://openrouter.ai/api/v1"),
      "openrouter.ai=granted 127.0.0.1=prompt localhost=prompt",
    );
    assert.equal(
      await probe("http://127.0.0.1:8123/api/v1"),
      "openrouter.ai=prompt 127.0.0.1=granted localhost=prompt",
    );
  });
  const server = await startFetchServer({ lifetimeMs: 30_000 });
  try {
    const config2 = { ...server, baseUrl: "https://example.com/api/v1" };
    const foreign = await runFetch(config2, ["--dry-run"]);
    assert.equal(foreign.code, 2);
    assert.match(
      foreign.stderr,
      /OPENROUTER_BASE_URL is "https:\/\/example\.com\/api\/v1": deno task fetch reaches only https:\/\/openrouter\.ai\/… or a server on this machine/,
    );
  } finally {
    await server.close();
  }
});

Deno.test("deno task fetch against a hostile answer exits 1 with one worded line per refusal, no stack trace, nothing written", async () => {
  const server = await startFetchServer({ lifetimeMs: 60_000 });
  try {
    await inTempDir(async (dir) => {
      server.faults.push(
        {
          path: "/datasets/session-cost",
          kind: "override",
          meta: { window_end_date: "../../../../evil" },
          data: [],
        },
        { path: "/models", kind: "bomb", megabytes: 256 },
      );
      const result = await runFetch(server, [
        "--data",
        `${dir}/data`,
        "--datasets",
        "session-cost,models",
        "--max-body-mb",
        "2",
      ]);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.equal(result.stderr.trim(), "");
      assert.match(
        result.stdout,
        /failed: models: GET \/models: the answer is larger than the 2 MB limit after gzip decoding for this dataset; nothing saved/,
      );
      assert.match(
        result.stdout,
        /failed: session-cost: GET \/datasets\/session-cost\?limit=500&offset=0: the response has 1 problem\(s\), nothing saved:\nerror: GET \/datasets\/session-cost\?limit=500&offset=0: meta\.window_end_date is "\.\.\/\.\.\/\.\.\/\.\.\/evil"/,
      );
      const left: string[] = [];
      const walk = (path: string) => {
        for (const entry of Deno.readDirSync(path)) {
          const child = `${path}/${entry.name}`;
          if (entry.isDirectory) walk(child);
          else left.push(child.slice(dir.length + 1));
        }
      };
      walk(dir);
      assert.deepEqual(left, ["data/.fetch-budget.json"]);
    });
  } finally {
    await server.close();
  }
});
