// deno-lint-ignore-file no-control-regex -- the test looks for raw control characters
// One hostile-name fixture (tests/fixtures/hostile/names.json) through every
// output: the report's tables/*.csv, report.md and index.html (app names),
// notebook tables (HTML and plain text), and `deno task whatif`'s printed
// table, whatif.md and whatif.csv (stream names). No formula, escape or
// markup reaches a spreadsheet, terminal or page raw.

import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { csvParseRows } from "d3-dsv";
import pl from "nodejs-polars";
import { frameToCsv } from "../lib/text/csv.ts";
import { showTable } from "../lib/text/table.ts";
import { escapeMarkdown } from "../lib/text/escape.ts";
import { copyDir, inTempDir, runTask, writeJson } from "./_helpers.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const NAMES: string[] = JSON.parse(
  await Deno.readTextFile(
    join(ROOT, "tests", "fixtures", "hostile", "names.json"),
  ),
).names;
/** Control characters (ESC, BEL, CR, LF, TAB…) and bidirectional overrides. */
const RAW = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const FORMULA = /^[=+\-@\t\r]/;

/** Every cell of a CSV text must be safe for a spreadsheet: no formula start, no control character. */
function assertSafeCsv(text: string, what: string): string[][] {
  const rows = csvParseRows(text);
  for (const row of rows) {
    for (const cell of row) {
      if (/^-?\d/.test(cell) && !Number.isNaN(Number(cell))) continue; // a number
      assert.doesNotMatch(cell, FORMULA, `${what}: ${JSON.stringify(cell)}`);
      assert.doesNotMatch(cell, RAW, `${what}: ${JSON.stringify(cell)}`);
    }
  }
  return rows;
}

Deno.test("CSV: every hostile name is disarmed with ', control characters shown, numbers (also negative) untouched", () => {
  const frame = pl.DataFrame({
    name: NAMES,
    change: NAMES.map((_, i) => i / 4 - 1),
  });
  const rows = assertSafeCsv(frameToCsv(frame), "frameToCsv");
  assert.equal(rows.length, NAMES.length + 1);
  assert.deepEqual(
    rows.slice(1).map((r) => Number(r[1])),
    NAMES.map((_, i) => i / 4 - 1),
  );
  assert.equal(rows[1][0], `'=HYPERLINK("http://evil.example","click")`);
  assert.equal(rows[5][0], "'\\u{9}Tabbed");
});

Deno.test("notebook tables: the HTML and plain text of a table of hostile app names carry no markup or control character", () => {
  const table = showTable(
    pl.DataFrame({ app_name: NAMES, total_tokens: NAMES.map((_, i) => i) }),
    { maxTextChars: 500 },
  );
  assert.doesNotMatch(table.html, /<script|<img/);
  const cells = [...table.html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)];
  assert.equal(cells.length, NAMES.length * 2);
  for (const [, cell] of cells) assert.doesNotMatch(cell, RAW, cell);
  assert.doesNotMatch(table.html.replaceAll("\n<", "<"), RAW);
  const lines = table.text.split("\n");
  assert.equal(lines.length, NAMES.length + 1, "a name broke a line");
  for (const line of lines) assert.doesNotMatch(line, RAW, line);
  assert.match(table.html, /&lt;script&gt;/);
  for (const name of NAMES) {
    const markdown = escapeMarkdown(name, { table: true });
    assert.doesNotMatch(markdown, /<|\||\n/, name);
  }
});

Deno.test("whatif: hostile stream names reach neither the terminal, whatif.md nor whatif.csv raw", async () => {
  await inTempDir(async (dir) => {
    const workload = join(dir, "usage.csv");
    const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
    await Deno.writeTextFile(
      workload,
      [
        "stream,model,prompt_tokens,cached_tokens,completion_tokens,requests",
        ...NAMES.map((name, i) =>
          `${quote(name)},anthropic/claude-sonnet-4.6,${(i + 1) * 1000000},0,${
            (i + 1) * 100000
          },${i + 1}`
        ),
      ].join("\n") + "\n",
    );
    const out = join(dir, "bill");
    const result = await runTask("whatif", [
      "--policy",
      join(ROOT, "data", "examples", "routing_skeleton.policy.json"),
      "--workload",
      workload,
      "--out",
      out,
    ]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.doesNotMatch(
      result.stdout,
      /\u001b|\u0007|\r|\u202e/,
    );
    // One line per row: a newline in a name does not break the table.
    const lines = result.stdout.split("\n");
    assert.ok(lines.some((l) => l.startsWith("line one\\u{a}line two")));
    const md = await Deno.readTextFile(join(out, "whatif.md"));
    assert.doesNotMatch(md, /<script|<img/);
    assert.doesNotMatch(md.replaceAll("\n", ""), RAW);
    const header = md.split("\n").find((l) => l.startsWith("| stream |"))!;
    const cells = (line: string) => line.split("|").length;
    const tableRows = md.split("\n").filter((l) =>
      l.includes("anthropic/claude-sonnet-4.6") && l.startsWith("| ")
    );
    assert.ok(tableRows.length >= NAMES.length);
    for (const row of tableRows.slice(0, NAMES.length)) {
      assert.equal(cells(row), cells(header), row);
    }
    assertSafeCsv(
      await Deno.readTextFile(join(out, "whatif.csv")),
      "whatif.csv",
    );
  });
});

Deno.test("report: hostile app names reach no table, report.md or index.html raw; names with control characters are rejected", async () => {
  await inTempDir(async (dir) => {
    const data = join(dir, "data");
    await copyDir(join(ROOT, "data"), data);
    const folder = join(data, "raw", "app-rankings");
    await Deno.mkdir(folder);
    const file = join(folder, "2026-05-24_2026-06-22.popular.offset-0.json");
    const meta = {
      as_of: "2026-06-23T02:00:00Z",
      start_date: "2026-05-24",
      end_date: "2026-06-22",
      version: "v1",
    };
    const apps = (names: string[]) =>
      names.map((name, i) => ({
        app_id: 100 + i,
        app_name: name,
        rank: i + 1,
        total_requests: 10 * (i + 1),
        total_tokens: String(1e9 - i),
      }));
    // With control characters: a problem line per name, nothing written.
    await writeJson(file, { data: apps(NAMES), meta });
    const rejected = await runTask("report", [
      "--data",
      data,
      "--out",
      join(dir, "out"),
    ]);
    assert.equal(rejected.code, 1, rejected.stderr);
    assert.match(
      rejected.stderr,
      /app_name is ".*", expected a name without control characters/,
    );
    assert.doesNotMatch(rejected.stderr, /\u001b|\u0007/);
    // Without them, the report is written and every output is safe.
    const printable = NAMES.filter((name) => !/[\u0000-\u001f]/.test(name));
    await writeJson(file, { data: apps(printable), meta });
    const out = join(dir, "out");
    const report = await runTask("report", ["--data", data, "--out", out]);
    assert.equal(report.code, 0, report.stderr);
    for await (const entry of Deno.readDir(join(out, "tables"))) {
      if (!entry.name.endsWith(".csv")) continue;
      assertSafeCsv(
        await Deno.readTextFile(join(out, "tables", entry.name)),
        entry.name,
      );
    }
    for (const page of ["report.md", "index.html", "claims.md"]) {
      const text = await Deno.readTextFile(join(out, page));
      assert.doesNotMatch(text, /<script>alert|<img src=x/, page);
      assert.doesNotMatch(text, /\u202e/, page);
    }
  });
});
