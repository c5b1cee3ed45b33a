import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const tasks = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")))
  .tasks as Record<string, string>;
const readme = await Deno.readTextFile(join(ROOT, "README.md"));

/** The `--allow-*` flags of a task: kind → scoped list, or null when unscoped. */
function flags(task: string): Map<string, string[] | null> {
  const out = new Map<string, string[] | null>();
  for (const arg of task.split(" ")) {
    const match = /^--allow-(\w+)(?:=(.*))?$/.exec(arg);
    if (match !== null) out.set(match[1], match[2]?.split(",") ?? null);
  }
  return out;
}

Deno.test("no task grants every permission, and native code is limited to ./node_modules", () => {
  for (const [name, task] of Object.entries(tasks)) {
    assert.doesNotMatch(task, /(^| )(-A|--allow-all)( |$)/, name);
    const ffi = flags(task).get("ffi");
    if (ffi !== undefined) assert.deepEqual(ffi, ["./node_modules"], name);
  }
});

Deno.test("the commands that write nothing into the project get no write permission, and only the runners may run programs", () => {
  assert.equal(flags(tasks.validate).has("write"), false);
  for (const [name, task] of Object.entries(tasks)) {
    if (["notebooks", "test", "bench", "setup"].includes(name)) continue;
    assert.equal(flags(task).has("run"), false, name);
  }
  assert.deepEqual(flags(tasks["strip-notebooks"]).get("write"), [
    "./notebooks",
  ]);
});

Deno.test("README's permission table has a row for every task that names each permission and each scope the task grants", () => {
  for (const [name, task] of Object.entries(tasks)) {
    if (name === "setup") continue;
    const row = readme.split("\n").find((line) =>
      line.startsWith(`| \`deno task ${name}`)
    );
    assert.ok(row !== undefined, `no README row for ${name}`);
    const permissions = row.split("|").at(-2)!;
    const granted = name === "charts" ? flags(tasks.report) : flags(task);
    if (name === "charts") {
      assert.deepEqual(flags(task), flags(tasks.report));
      assert.match(permissions, /as `report`/);
      continue;
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
