// Which cells the notebook runner's execute preprocessor
// (cli/jupyter/tokenbook_execute.py) waits on after the kernel reports idle:
// only cells that may leave a result for Deno's kernel to publish late. Runs
// the Python module (it imports nbconvert, so it needs Jupyter: skipped on a
// developer's machine without it, failing in CI, where .ci/run installs it).
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  jupyterMissing,
  listNotebooks,
} from "../../lib/tooling/notebook_runner.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const ci = (Deno.env.get("CI") ?? "") !== "" && Deno.env.get("CI") !== "false";
const missing = await jupyterMissing();

/** The Python that runs `jupyter` (its script's `#!` line), which has nbconvert. */
async function jupyterPython(): Promise<string> {
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    try {
      const head = (await Deno.readTextFile(`${dir}/jupyter`)).split("\n")[0];
      if (head.startsWith("#!")) return head.slice(2).trim().split(/\s+/)[0];
    } catch {
      // not in this folder
    }
  }
  return "python3";
}

/** may_publish_result() of each source, from the Python module itself. */
async function mayPublish(sources: string[]): Promise<boolean[]> {
  const script = [
    "import json, sys",
    "from tokenbook_execute import may_publish_result",
    "print(json.dumps([may_publish_result(s) for s in json.load(sys.stdin)]))",
  ].join("\n");
  const child = new Deno.Command(await jupyterPython(), {
    args: ["-c", script],
    cwd: `${root}cli/jupyter`,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(sources)));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  return JSON.parse(new TextDecoder().decode(stdout));
}

function graceTest(name: string, fn: () => Promise<void>): void {
  Deno.test({
    name,
    ignore: missing !== null && !ci,
    async fn() {
      assert.equal(missing, null, `CI must be able to run Jupyter: ${missing}`);
      await fn();
    },
  });
}

graceTest(
  "the grace period is spent on cells that may leave a result, and on any cell the scan does not recognise",
  async () => {
    const cases: [string, boolean][] = [
      // A value is left: it may arrive after idle.
      ["1 + 1", true],
      ["const x = 1;\nx", true],
      ["x;\n// a comment", true],
      ["foo({\n  a: 1,\n});", true],
      ["await tb.show(x).then(() => 1);", true],
      ["await tb.show(x) + 1;", true],
      ["await tb.show(x);\n1", true],
      ["const s = 'a;b';\ns", true],
      // Not recognised (unbalanced as scanned, a regex literal): assume a value.
      ["const a = (1;", true],
      // A guarded show with more after it, or an else, may leave a value.
      ["if (a) await tb.show(x) + 1;", true],
      ["if (a) await tb.show(x);\nelse 2", true],
      ["if (a) 1;", true],
      ["x = /[(]/;", true],
      // Nothing is left to arrive.
      ["", false],
      ["// only a comment", false],
      ["const a = 1;", false],
      ["const a = `\nfoo\n`;", false],
      ["let a = 1;\nawait tb.show(a);\n", false],
      ["await tb.show(x);", false],
      ["await tb.show(x)\n", false],
      ["await tb.show(x); // note", false],
      ["await tb.show(x);\n/* c */", false],
      ["// c\nawait tb.show(x);", false],
      ["await tb.show(tb.showTable(a, {\n  b: 1,\n}));", false],
      ["await tb.show(tb.md(`\n- a ${b(`c;`)} d\n`));", false],
      // One show guarded by an if or a for: nothing, or the show's nothing.
      ["if (!absent) await tb.show(x);", false],
      ["for (const [a, b] of c) await tb.show(f(a, (b)));", false],
    ];
    const got = await mayPublish(cases.map(([source]) => source));
    const wrong = cases.filter(([, want], i) => got[i] !== want);
    assert.deepEqual(wrong, []);
  },
);

graceTest(
  "no cell of the shipped notebooks waits for the grace period (each ends in a declaration or await tb.show)",
  async () => {
    const sources: string[] = [];
    const where: string[] = [];
    for (const notebook of await listNotebooks(`${root}notebooks`)) {
      const cells = JSON.parse(
        await Deno.readTextFile(`${root}notebooks/${notebook}`),
      ).cells as { cell_type: string; source: string | string[] }[];
      cells.forEach((cell, i) => {
        if (cell.cell_type !== "code") return;
        sources.push([cell.source].flat().join(""));
        where.push(`${notebook} cell ${i + 1}`);
      });
    }
    assert.ok(sources.length > 50);
    const got = await mayPublish(sources);
    assert.deepEqual(where.filter((_, i) => got[i]), []);
  },
);
