// The rules for notebooks (issue 11): a parameters cell first, the library as
// one namespace, short cells, conclusions through tb.md, outputs through
// await tb.show(), and no dollar sign MathJax could pair in a markdown cell.
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { listNotebooks } from "../../lib/tooling/notebook_runner.ts";
import { escapeDollars } from "../../lib/text/markdown.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const notebooksDir = join(root, "notebooks");
const MAX_CELL_LINES = 15;
const MAX_LINE_CHARS = 120;

interface Cell {
  cell_type: string;
  source: string[] | string;
}

const notebooks: [string, Cell[]][] = [];
for (const name of await listNotebooks(notebooksDir)) {
  const text = await Deno.readTextFile(join(notebooksDir, name));
  notebooks.push([name, JSON.parse(text).cells]);
}
const sourceOf = (cell: Cell) =>
  Array.isArray(cell.source) ? cell.source.join("") : cell.source;
const codeCells = (cells: Cell[]) =>
  cells.filter((cell) => cell.cell_type === "code").map(sourceOf);

Deno.test("there are eight notebooks to check", () => {
  assert.equal(notebooks.length, 8);
});

Deno.test("every notebook's first code cell holds the parameters: data folder and as-of date from the environment", () => {
  for (const [name, cells] of notebooks) {
    const first = codeCells(cells)[0] ?? "";
    assert.match(
      first,
      /const dataDir = Deno\.env\.get\("TOKENBOOK_DATA"\)/,
      name,
    );
    assert.match(
      first,
      /const asOf[^=]*= Deno\.env\.get\("TOKENBOOK_AS_OF"\) \|\| null/,
      name,
    );
  }
});

Deno.test("every notebook imports the library as the namespace tb and passes asOf to loadWorkspace", () => {
  for (const [name, cells] of notebooks) {
    const code = codeCells(cells).join("\n");
    assert.match(code, /import \* as tb from "\.\.\/lib\/mod\.ts";/, name);
    assert.doesNotMatch(
      code,
      /import \{[^}]*\} from "\.\.\/lib\/mod\.ts"/,
      name,
    );
    assert.match(code, /tb\.loadWorkspace\(dataDir, \{ asOf \}\)/, name);
  }
});

Deno.test(`no code cell is longer than ${MAX_CELL_LINES} lines or has a line over ${MAX_LINE_CHARS} characters`, () => {
  const problems: string[] = [];
  for (const [name, cells] of notebooks) {
    cells.forEach((cell, i) => {
      if (cell.cell_type !== "code") return;
      const lines = sourceOf(cell).split("\n");
      if (lines.length > MAX_CELL_LINES) {
        problems.push(`${name} cell ${i + 1}: ${lines.length} lines`);
      }
      lines.forEach((line, n) => {
        if (line.length > MAX_LINE_CHARS) {
          problems.push(
            `${name} cell ${i + 1} line ${n + 1}: ${line.length} characters`,
          );
        }
      });
    });
  }
  assert.deepEqual(problems, []);
});

Deno.test("notebooks show text through tb.md and every output through an awaited tb.show, never as a cell's last value", () => {
  const problems: string[] = [];
  for (const [name, cells] of notebooks) {
    codeCells(cells).forEach((code, i) => {
      if (/Deno\.jupyter\.(md|svg)`/.test(code)) {
        problems.push(`${name} code cell ${i + 1}: Deno.jupyter.md/svg`);
      }
      const displays = /(^|\n)(tb\.showTable\(|tb\.md`|chart\()/.test(code);
      if (displays) {
        problems.push(
          `${name} code cell ${i + 1}: a display value left as an expression`,
        );
      }
      const last = code.trimEnd().split("\n").at(-1) ?? "";
      const shows = code.includes("await tb.show(");
      if (shows && !/\);$/.test(last)) {
        problems.push(`${name} code cell ${i + 1}: ends after its show()`);
      }
    });
  }
  assert.deepEqual(problems, []);
});

Deno.test("every conclusion is built from a findings object of lib/findings", () => {
  for (const [name, cells] of notebooks) {
    const code = codeCells(cells).join("\n");
    assert.match(code, /const findings = tb\.\w+Findings\(/, name);
  }
});

Deno.test("no markdown cell has a $ that MathJax could typeset (each is written as escapeDollars writes it)", () => {
  const problems: string[] = [];
  for (const [name, cells] of notebooks) {
    cells.forEach((cell, i) => {
      if (cell.cell_type !== "markdown") return;
      const text = sourceOf(cell);
      if (escapeDollars(text) !== text) problems.push(`${name} cell ${i + 1}`);
    });
  }
  assert.deepEqual(problems, []);
});

Deno.test("every notebook reads its parameters by one rule: an empty TOKENBOOK_DATA or TOKENBOOK_AS_OF means the default", () => {
  for (const [name, cells] of notebooks) {
    const first = codeCells(cells)[0];
    assert.match(
      first,
      /^const dataDir = Deno\.env\.get\("TOKENBOOK_DATA"\) \|\| "\.\.\/data";$/m,
      name,
    );
    assert.match(
      first,
      /^const asOf(: string \| null)? = Deno\.env\.get\("TOKENBOOK_AS_OF"\) \|\| null;$/m,
      name,
    );
    for (const source of codeCells(cells)) {
      assert.doesNotMatch(source, /TOKENBOOK_[A-Z_]+"\) \?\?/, name);
    }
  }
});
