/**
 * The ledger's evidence, opened: every file, record, field and column an
 * entry cites (`data/…` paths are relative to the data folder) must exist in
 * that data folder. {@linkcode citationProblems} walks each entry's
 * `evidence` (and the `data/…` paths its method and note name) and reports
 * what it cannot find, so a cited field that does not exist fails a test.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { LedgerEntry } from "./evaluate.ts";

/** One citation the data folder does not bear out. */
export interface CitationProblem {
  /** The entry's id. */
  id: string;
  /** The clause of the evidence (or the path of the note) cited. */
  citation: string;
  /** What is missing. */
  problem: string;
}

const PATH = /data\/[^\s:;,()\[\]"]*[^\s:;,()\[\]".…]/g;

/** A file of the data folder, read once per walk. */
class DataFolder {
  #texts = new Map<string, string>();
  #json = new Map<string, unknown>();
  constructor(readonly dir: string) {}
  /** The path on disk of a `data/…` citation. */
  resolve(cited: string): string {
    return join(this.dir, cited.replace(/^data\//, ""));
  }
  exists(cited: string): boolean {
    return existsSync(this.resolve(cited));
  }
  text(cited: string): string {
    let t = this.#texts.get(cited);
    if (t === undefined) {
      t = Deno.readTextFileSync(this.resolve(cited));
      this.#texts.set(cited, t);
    }
    return t;
  }
  json(cited: string): unknown {
    if (!this.#json.has(cited)) {
      this.#json.set(cited, JSON.parse(this.text(cited)));
    }
    return this.#json.get(cited);
  }
  /** The rows of a CSV file as records (a plain split: the cited files quote only text cells). */
  csv(cited: string): Record<string, string>[] {
    const lines = this.text(cited).trim().split("\n");
    const header = splitCsvLine(lines[0]);
    return lines.slice(1).map((line) => {
      const cells = splitCsvLine(line);
      return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""]));
    });
  }
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

type Rec = Record<string, unknown>;

function records(doc: unknown): Rec[] {
  if (Array.isArray(doc)) return doc as Rec[];
  const d = doc as Rec;
  return (Array.isArray(d.data) ? d.data : d.models ?? []) as Rec[];
}

/** Problems of one clause citing one file; an empty list when it holds. */
function checkClause(data: DataFolder, file: string, rest: string): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  if (file.endsWith("benchmarks.csv") && rest.startsWith(" (")) {
    const name = rest.slice(2, rest.lastIndexOf(")"));
    need(
      data.csv(file).some((r) => r.benchmark === name),
      `no benchmark "${name}"`,
    );
    return problems;
  }
  const index = rest.match(/^\[(\d+)\]: (\w+)/);
  // A file named without a record ("… and data/raw/…/ (list prices)"): its existence is all it claims.
  if (index === null && !rest.startsWith(": ")) return problems;
  const tail = index === null ? rest.replace(/^: /, "") : "";
  if (file.includes("/inference-stats/") && file.endsWith(".json")) {
    const doc = data.json(file) as Rec;
    const models = (doc.models ?? []) as Rec[];
    const slug = tail.match(/^models\[\] slug "([^"]+)"(?:, field (\w+))?/);
    const count = tail.match(/^models\[\] \((\d+) rows, (\d+) is_free\)/);
    const every = tail.match(/^every models\[\] row \((\d+)\)/);
    const top = tail.match(/^(total_tokens|total_revenue|token_breakdown)\b/);
    if (slug !== null) {
      const row = models.find((m) => m.slug === slug[1]);
      need(row !== undefined, `no models[] row with slug "${slug[1]}"`);
      if (row !== undefined && slug[2] !== undefined) {
        need(
          slug[2] in row,
          `models[] slug "${slug[1]}" has no field ${slug[2]}`,
        );
      }
    } else if (count !== null) {
      need(
        models.length === Number(count[1]),
        `models[] has ${models.length} rows, not ${count[1]}`,
      );
      need(
        models.filter((m) => m.is_free === true).length === Number(count[2]),
        `models[] does not have ${count[2]} is_free`,
      );
    } else if (every !== null) {
      need(
        models.length === Number(every[1]),
        `models[] has ${models.length} rows`,
      );
    } else if (top !== null) {
      need(top[1] in doc, `no top-level field ${top[1]}`);
      for (const field of tail.matchAll(/models\[\] (\w+)/g)) {
        if (field[1] === "rows") continue;
        need(
          models.every((m) => field[1] in m),
          `not every models[] row has ${field[1]}`,
        );
      }
    } else {
      problems.push(`unrecognised citation of the tracker file: "${tail}"`);
    }
  } else if (file.includes("/openrouter-models/") && file.endsWith(".json")) {
    const rows = records(data.json(file));
    const id = tail.match(/^id "([^"]+)"(?:, field (\w+))?/);
    if (index !== null) {
      const row = rows[Number(index[1])];
      need(row !== undefined, `no record [${index[1]}]`);
      if (row !== undefined) {
        need(index[2] in row, `record [${index[1]}] has no ${index[2]}`);
      }
    } else if (id !== null) {
      const row = rows.find((r) => r.id === id[1]);
      need(row !== undefined, `no record with id "${id[1]}"`);
      if (row !== undefined && id[2] !== undefined) {
        need(id[2] in row, `id "${id[1]}" has no field ${id[2]}`);
      }
    } else if (tail !== "every record") {
      problems.push(`unrecognised citation of the models list: "${tail}"`);
    }
  } else if (file.includes("/rankings-daily/") && file.endsWith(".json")) {
    const rows = records(data.json(file));
    const m = tail.match(
      /^(?:every row(?: of the complete weeks)?|rows? of (\S+)) dated (\d{4}-\d{2}-\d{2})(?: … (\d{4}-\d{2}-\d{2}))?/,
    );
    if (m === null) {
      problems.push(`unrecognised citation of rankings-daily: "${tail}"`);
    } else {
      for (const date of [m[2], m[3]].filter((d) => d !== undefined)) {
        need(
          rows.some((r) =>
            r.date === date &&
            (m[1] === undefined || r.model_permaslug === m[1])
          ),
          `no row${m[1] === undefined ? "" : ` of ${m[1]}`} dated ${date}`,
        );
      }
    }
  } else if (file.endsWith("prices_history_openrouter.csv")) {
    const m = tail.match(
      /^openrouter_id "([^"]+)", record dated (\S+?)(?: |$)/,
    );
    if (m === null) {
      problems.push(`unrecognised citation of the price history: "${tail}"`);
    } else {
      need(
        data.csv(file).some((r) => r.openrouter_id === m[1] && r.date === m[2]),
        `no record of ${m[1]} dated ${m[2]}`,
      );
    }
  } else if (file.endsWith(".md")) {
    const quoted = tail.match(/^line "(.*?)…?"$/);
    const prefix = quoted?.[1] ?? "";
    need(
      prefix !== "" &&
        data.text(file).split("\n").some((l) => l.startsWith(prefix)),
      `no line starting ${JSON.stringify(prefix)}`,
    );
  } else if (file.endsWith(".csv") && /^\w+ "[^"]+"/.test(tail)) {
    // A reference table's row by a key column: `setup_id "…"`.
    const [, column, value] = tail.match(/^(\w+) "([^"]+)"/)!;
    const rows = data.csv(file);
    need(rows.length > 0 && column in rows[0], `no column ${column}`);
    need(
      rows.some((r) => r[column] === value),
      `no row with ${column} "${value}"`,
    );
  } else {
    problems.push(`unrecognised citation of ${file}: "${tail}"`);
  }
  return problems;
}

/**
 * Every citation of the ledger that the data folder does not bear out: a
 * `data/…` path (in the evidence, method or note) that does not exist; a
 * tracker row, field or top-level figure; a models-list record or field; a
 * rankings-daily row of a model and date; a price-history record; a quoted
 * line of a reference file; a benchmark series; a claim id of "the article
 * itself" that is not in the ledger.
 *
 * @param entries The ledger.
 * @param dataDir The data folder the `data/…` paths are relative to.
 * @returns The problems, in ledger order (empty when every citation holds).
 *
 * @example A field the tracker file lacks is reported
 * ```ts
 * import assert from "node:assert/strict";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${dir}/raw/inference-stats`, { recursive: true });
 * Deno.writeTextFileSync(`${dir}/raw/inference-stats/2026-02-08.json`, JSON.stringify({ models: [{ slug: "a/b", prompt_price: 3e-6 }] }));
 * const entry = (evidence: string) => ({ id: "x-01", evidence, method: "", note: "" }) as never;
 * assert.deepEqual(citationProblems([entry('data/raw/inference-stats/2026-02-08.json: models[] slug "a/b", field prompt_price')], dir), []);
 * const [problem] = citationProblems([entry('data/raw/inference-stats/2026-02-08.json: models[] slug "a/b", field prompt_usd_per_mtok')], dir);
 * assert.equal(problem.problem, 'models[] slug "a/b" has no field prompt_usd_per_mtok');
 * assert.equal(citationProblems([entry("data/raw/nothing.json: every record")], dir)[0].problem, "no such file or folder");
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function citationProblems(
  entries: readonly LedgerEntry[],
  dataDir: string,
): CitationProblem[] {
  const data = new DataFolder(dataDir);
  const ids = new Set(entries.map((e) => e.id));
  const problems: CitationProblem[] = [];
  for (const e of entries) {
    const report = (citation: string, problem: string) =>
      problems.push({ id: e.id, citation, problem });
    for (const text of [e.method, e.note]) {
      for (const path of text.match(PATH) ?? []) {
        if (!data.exists(path)) report(path, "no such file or folder");
      }
    }
    if (e.evidence === "") continue;
    for (const clause of e.evidence.split(/; (?=data\/|the article itself)/)) {
      if (clause.startsWith("the article itself")) {
        for (const id of clause.matchAll(/\b([a-z]{2}-\d{2})\b/g)) {
          if (!ids.has(id[1])) report(clause, `no ledger entry ${id[1]}`);
        }
        continue;
      }
      const paths: string[] = [...clause.match(PATH) ?? []];
      if (paths.length === 0) {
        report(clause, "cites no file of the data folder");
        continue;
      }
      for (const m of clause.matchAll(/(\w+) in (data\/\S+\.json)/g)) {
        if (!data.exists(m[2])) continue;
        if (!records(data.json(m[2])).some((r) => m[1] in r)) {
          report(clause, `no record of ${m[2]} has ${m[1]}`);
        }
      }
      let missing = false;
      for (const path of paths) {
        if (!data.exists(path)) {
          report(path, "no such file or folder");
          missing = true;
        }
      }
      const file = paths[0]!;
      if (missing || !clause.startsWith(file)) continue;
      if (!Deno.statSync(data.resolve(file)).isFile) continue;
      for (
        const problem of checkClause(data, file, clause.slice(file.length))
      ) {
        report(clause, problem);
      }
    }
  }
  return problems;
}
