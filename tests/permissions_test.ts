import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import {
  fixedFlags,
  LAUNCHED_TASKS,
  type LaunchedTask,
  taskFlags,
} from "../cli/launch.ts";
import { runDeno, runTask } from "./_helpers.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
const tasks = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")))
  .tasks as Record<string, string>;
const readme = await Deno.readTextFile(join(ROOT, "README.md"));
const LAUNCHER = "deno run --allow-run=deno --allow-env=INIT_CWD cli/launch.ts";

/** The `--allow-*` flags of a task: kind → scoped list, or null when unscoped. */
function flags(task: string | string[]): Map<string, string[] | null> {
  const out = new Map<string, string[] | null>();
  for (const arg of typeof task === "string" ? task.split(" ") : task) {
    const match = /^--allow-(\w+)(?:=(.*))?$/.exec(arg);
    if (match !== null) out.set(match[1], match[2]?.split(",") ?? null);
  }
  return out;
}

function isLaunched(name: string): name is LaunchedTask {
  return (LAUNCHED_TASKS as readonly string[]).includes(name);
}

Deno.test("every command whose paths come from its arguments runs through the launcher, which may only run deno", () => {
  for (const name of LAUNCHED_TASKS) {
    assert.equal(tasks[name], `${LAUNCHER} ${name}`, name);
  }
});

Deno.test("no task grants every permission, and native code is limited to node_modules", () => {
  for (const [name, task] of Object.entries(tasks)) {
    assert.doesNotMatch(task, /(^| )(-A|--allow-all)( |$)/, name);
    const ffi = flags(task).get("ffi");
    if (ffi !== undefined) assert.deepEqual(ffi, ["./node_modules"], name);
  }
  for (const name of LAUNCHED_TASKS) {
    const granted = flags(taskFlags(name, [], { root: ROOT, cwd: ROOT }));
    assert.ok(!granted.has("all"), name);
    const ffi = granted.get("ffi");
    if (ffi !== undefined) {
      assert.deepEqual(ffi, [join(ROOT, "node_modules")], name);
    }
  }
});

Deno.test("the commands that write nothing get no write permission, and only the runners may run programs", () => {
  const context = { root: ROOT, cwd: ROOT };
  assert.equal(flags(taskFlags("validate", [], context)).has("write"), false);
  for (const [name, task] of Object.entries(tasks)) {
    if (
      ["notebooks", "test", "test:fast", "bench", "setup", "docs"].includes(
        name,
      )
    ) {
      continue;
    }
    if (isLaunched(name)) {
      assert.deepEqual(flags(task).get("run"), ["deno"], name);
      assert.equal(flags(taskFlags(name, [], context)).has("run"), false);
    } else assert.equal(flags(task).has("run"), false, name);
  }
  assert.deepEqual(flags(tasks["strip-notebooks"]).get("write"), [
    "./notebooks",
  ]);
});

Deno.test("the launcher grants read of the project and the named paths, and write of the output folder, its lock and work folder only", () => {
  const context = { root: "/p", cwd: "/p", initCwd: "/p/notebooks" };
  const report = flags(
    taskFlags("report", ["--data", "/srv/snap", "--out", "/home/a/o"], context),
  );
  assert.deepEqual(report.get("read"), [
    "/p",
    "/srv/snap",
    "/home/a/o",
    "/home/a/.o.lock",
    "/home/a/.o.work",
  ]);
  assert.deepEqual(report.get("write"), [
    "/home/a/o",
    "/home/a/.o.lock",
    "/home/a/.o.work",
  ]);
  assert.deepEqual(
    flags(taskFlags("report", [], context)).get("write"),
    ["/p/out", "/p/.out.lock", "/p/.out.work"],
  );
  assert.deepEqual(
    flags(taskFlags("fetch", ["--data", "../d/"], context)).get("write"),
    ["/d/raw", "/d/.fetch-budget.json", "/d/.fetch-budget.json.partial"],
  );
  assert.deepEqual(
    flags(taskFlags("validate", ["a.json", "/srv/b"], context)).get("read"),
    ["/p", "/p/a.json", "/srv/b"],
  );
  const notebooks = flags(taskFlags("notebooks", ["--data", "../x"], context));
  assert.deepEqual(notebooks.get("write"), [
    "/p/out/notebooks",
    "/p/.out.lock",
    "/p/.out.work",
    // the gallery it relinks, replaced through a fixed-name temporary file
    "/p/out/index.html",
    "/p/out/.index.html.tmp",
  ]);
  assert.ok(notebooks.get("read")!.includes("/p/x"));
  assert.ok(notebooks.get("read")!.includes("/p/out/summary.json"));
  // Arguments that do not parse grant no path: the command prints the usage error.
  assert.deepEqual(
    flags(taskFlags("report", ["--bogus"], context)).get("write"),
    undefined,
  );
});

Deno.test("README's permission table has a row for every task that names each permission and each scope the task grants", () => {
  for (const [name, task] of Object.entries(tasks)) {
    if (name === "setup") continue;
    const row = readme.split("\n").find((line) =>
      line.startsWith(`| \`deno task ${name}`)
    );
    assert.ok(row !== undefined, `no README row for ${name}`);
    const permissions = row.split("|").at(-2)!;
    if (name === "charts" || name === "whatif") {
      assert.deepEqual(
        fixedFlags(name, ROOT),
        fixedFlags("report", ROOT),
      );
      assert.match(permissions, /as `report`/);
      continue;
    }
    let granted = flags(task);
    if (isLaunched(name)) {
      assert.match(permissions, /^ launcher, then: read the project/);
      assert.equal(permissions.includes("write"), true, name);
      granted = flags(fixedFlags(name, "."));
    }
    for (const [kind, scope] of granted) {
      assert.match(
        permissions,
        new RegExp(`\\b${kind}\\b`),
        `${name}: ${kind}`,
      );
      for (const item of scope ?? []) {
        const shown = scope!.length > 1 && ["sys", "env", "run"].includes(kind)
          ? scope!.join(",")
          : item;
        assert.ok(
          permissions.includes(`\`${shown}\``) ||
            permissions.includes(`run \`${scope!.join(",")}\``),
          `${name}: ${kind} ${item} not in "${permissions.trim()}"`,
        );
      }
    }
  }
});

Deno.test("report, whatif, validate and charts work on data, a workload and a policy in a folder under $HOME, outside the project and /tmp", async () => {
  const home = Deno.env.get("HOME");
  assert.ok(home !== undefined && !home.startsWith("/tmp"));
  const dir = await Deno.makeTempDir({ dir: home, prefix: ".tokenbook_perm_" });
  try {
    assert.ok(!dir.startsWith(ROOT) && !dir.startsWith("/tmp"));
    const data = join(dir, "snapshots");
    await Deno.mkdir(data);
    for (const folder of ["raw", "reference"]) {
      await copy(join(ROOT, "data", folder), join(data, folder));
    }
    await Deno.copyFile(
      join(ROOT, "data", "claims.csv"),
      join(data, "claims.csv"),
    );
    const policy = join(dir, "policy.json");
    const workload = join(dir, "usage.csv");
    await Deno.copyFile(
      join(ROOT, "data", "examples", "routing_skeleton.policy.json"),
      policy,
    );
    await Deno.copyFile(
      join(ROOT, "data", "examples", "case_study_team.workload.csv"),
      workload,
    );
    const report = await runTask("report", [
      "--data",
      data,
      "--out",
      join(dir, "out"),
    ]);
    assert.equal(report.code, 0, report.stderr);
    assert.ok((await Deno.stat(join(dir, "out", "report.md"))).isFile);
    const charts = await runTask("charts", [
      "--data",
      data,
      "--out",
      join(dir, "out"),
    ]);
    assert.equal(charts.code, 0, charts.stderr);
    const whatif = await runTask("whatif", [
      "--policy",
      policy,
      "--workload",
      workload,
      "--data",
      data,
      "--out",
      join(dir, "bills"),
    ]);
    assert.equal(whatif.code, 0, whatif.stderr);
    assert.ok((await Deno.stat(join(dir, "bills", "whatif.csv"))).isFile);
    const models = join(
      data,
      "raw",
      "openrouter-models",
      "2026-05-01.models.json",
    );
    for (const path of [data, models]) {
      const validate = await runTask("validate", [path]);
      assert.equal(validate.code, 0, validate.stdout + validate.stderr);
      assert.match(validate.stdout, /\n0 error\(s\), \d+ warning\(s\) in /);
    }
    const entries = [];
    for await (const entry of Deno.readDir(dir)) entries.push(entry.name);
    assert.deepEqual(entries.sort(), [
      "bills",
      "out",
      "policy.json",
      "snapshots",
      "usage.csv",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function copy(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) {
      await copy(join(from, entry.name), join(to, entry.name));
    } else if (entry.isFile) {
      await Deno.copyFile(join(from, entry.name), join(to, entry.name));
    }
  }
}

Deno.test("with a command's granted flags, Deno itself refuses a write outside its output folder", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tokenbook_perm_" });
  try {
    const out = join(dir, "out");
    const probe = join(dir, "probe.ts");
    await Deno.writeTextFile(
      probe,
      `const results = [];
for (const path of Deno.args) {
  try {
    await Deno.mkdir(path, { recursive: true });
    await Deno.writeTextFile(path + "/x", "x");
    results.push("written");
  } catch (error) {
    results.push(error instanceof Deno.errors.NotCapable ? "refused by Deno" : String(error));
  }
}
console.log(JSON.stringify(results));`,
    );
    const granted = taskFlags("report", ["--out", out], {
      root: ROOT,
      cwd: ROOT,
    });
    const result = await runDeno([
      "run",
      ...granted.map((flag) =>
        flag.startsWith("--allow-read=") ? `${flag},${probe}` : flag
      ),
      probe,
      join(out, "tables"),
      join(dir, ".out.work", "tmp-0123abcd"),
      join(dir, "elsewhere"),
      join(ROOT, "lib", "injected"),
      join(ROOT, ".git", "hooks", "injected"),
      join(ROOT, "node_modules", "injected"),
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), [
      "written",
      "written",
      "refused by Deno",
      "refused by Deno",
      "refused by Deno",
      "refused by Deno",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
