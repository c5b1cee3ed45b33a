// Hostile and malformed inputs, each in a copy of data/ in a temporary folder:
// every one is rejected with a problem line (file, record, field, value,
// expected) by validate and by the report alike, or accepted with correct
// figures; none ends in a stack trace. Text from the data is escaped in
// report.md, the terminal and the notebooks' HTML, and no script runs when
// they are opened in headless Chromium. data/ is byte-identical afterwards.
// SLOW: runs the report command as a subprocess for every rejected case.

import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { validatePaths } from "../lib/loading/validate.ts";
import { loadWorkspace, WorkspaceError } from "../lib/loading/workspace.ts";
import { formatProblem } from "../lib/loading/problems.ts";
import { weeklyTotals } from "../lib/analysis/weekly.ts";
import { buildReport } from "../lib/report/report.ts";
import {
  jupyterMissing,
  runNotebooks,
} from "../lib/tooling/notebook_runner.ts";
import { copyDir, inTempDir, runDeno } from "./_helpers.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const REPORT_CLI = join(ROOT, "cli", "report.ts");
const VALIDATE_CLI = join(ROOT, "cli", "validate.ts");
const PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-ffi",
  "--allow-env",
  "--allow-sys",
];
const MODELS = "raw/openrouter-models/2026-05-01.models.json";
const RANKINGS = "raw/rankings-daily/2026-05-24_2026-06-22.json";
const WEEK = "raw/inference-stats/2026-02-08.json";
const CHROMIUM = "/usr/bin/chromium";
const hasChromium = await Deno.stat(CHROMIUM).then(() => true, () => false);
const inCi = (Deno.env.get("CI") ?? "") !== "";

/** SHA-256 of every file below `dir`, by relative path. */
async function digest(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(rel: string): Promise<void> {
    for await (const entry of Deno.readDir(join(dir, rel))) {
      const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else {
        const bytes = await Deno.readFile(join(dir, path));
        const hash = await crypto.subtle.digest("SHA-256", bytes);
        out[path] = [...new Uint8Array(hash)].map((b) =>
          b.toString(16).padStart(2, "0")
        ).join("");
      }
    }
  }
  await walk("");
  return Object.fromEntries(Object.entries(out).sort());
}

const dataBefore = await digest(join(ROOT, "data"));

async function readJsonFile(path: string): Promise<unknown> {
  return JSON.parse(await Deno.readTextFile(path));
}

async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await Deno.writeTextFile(path, JSON.stringify(value, null, 1));
}

/** The records of a saved API response (envelope or bare array). */
function recordsOf(value: unknown): Record<string, unknown>[] {
  return (Array.isArray(value)
    ? value
    : (value as { data: unknown[] }).data) as Record<
      string,
      unknown
    >[];
}

/**
 * The errors validate and loadWorkspace find in a data folder, as problem
 * lines, sorted. Anything but a WorkspaceError from loadWorkspace fails the
 * test: that would be a stack trace.
 */
async function verdicts(
  data: string,
): Promise<{ validate: string[]; workspace: string[] }> {
  const result = await validatePaths([data]);
  const validate = result.problems.filter((p) => p.severity === "error").map(
    formatProblem,
  ).sort();
  let workspace: string[] = [];
  try {
    await loadWorkspace(data);
  } catch (error) {
    if (!(error instanceof WorkspaceError)) throw error;
    workspace = error.errors.map(formatProblem).sort();
  }
  return { validate, workspace };
}

/** Run the report command on `data`; it must exit 1 with problem lines and write nothing. */
async function assertReportRejects(
  data: string,
  out: string,
  line: RegExp,
): Promise<void> {
  const { code, stdout, stderr } = await runDeno([
    "run",
    ...PERMISSIONS,
    REPORT_CLI,
    "--data",
    data,
    "--out",
    out,
  ]);
  assert.equal(code, 1, stderr);
  assert.equal(stdout, "");
  assert.doesNotMatch(stderr, /^\s+at /m, "a stack trace");
  assert.match(stderr, line);
  assert.match(stderr, /error\(s\) in .*: nothing was written\n$/);
  assert.equal(await Deno.stat(out).then(() => true, () => false), false);
}

interface RejectedCase {
  name: string;
  /** Break the copy of data/ in `data`; `dir` is a scratch folder beside it. */
  mutate: (data: string, dir: string) => Promise<void>;
  /** A line validate and the report both print. */
  line: RegExp;
  /** Skip (with the reason) on this machine. */
  skip?: () => string | null;
}

const rejected: RejectedCase[] = [
  {
    name: 'a price of "1e999999999"',
    mutate: async (data) => {
      const models = await readJsonFile(join(data, MODELS));
      (recordsOf(models)[0].pricing as Record<string, string>).prompt =
        "1e999999999";
      await writeJsonFile(join(data, MODELS), models);
    },
    line:
      /error: .*2026-05-01\.models\.json: \[0\]\.pricing\.prompt is "1e999999999", expected a non-negative price in USD per token/,
  },
  {
    name: "created: 1e13",
    mutate: async (data) => {
      const models = await readJsonFile(join(data, MODELS));
      recordsOf(models)[0].created = 1e13;
      await writeJsonFile(join(data, MODELS), models);
    },
    line:
      /\[0\]\.created is 10000000000000, expected a Unix time: whole seconds from 0 to 253402300799/,
  },
  {
    name: "a NUL character in a model slug",
    mutate: async (data) => {
      const models = await readJsonFile(join(data, MODELS));
      recordsOf(models)[1].id = "ai21/jamba\u0000mini";
      await writeJsonFile(join(data, MODELS), models);
    },
    line:
      /\[1\]\.id is "ai21\/jamba\\u0000mini", expected an identifier without white space, control or invisible format characters \(found U\+0000\)/,
  },
  {
    name: "a terminal escape and a right-to-left override in a rankings slug",
    mutate: async (data) => {
      const rankings = await readJsonFile(join(data, RANKINGS));
      recordsOf(rankings)[0].model_permaslug = "evil/\u001b]0;pwned\u0007x";
      recordsOf(rankings)[1].model_permaslug = "evil/\u202egpj.exe";
      await writeJsonFile(join(data, RANKINGS), rankings);
    },
    line:
      /data\[1\]\.model_permaslug is "evil\/\\u{202e}gpj\.exe", expected an identifier .*\(found U\+202E\)/,
  },
  {
    name: "a NUL character in a model name of reference/models.csv",
    mutate: async (data) => {
      const file = join(data, "reference", "models.csv");
      const lines = (await Deno.readTextFile(file)).split("\n");
      const cells = lines[1].split(",");
      cells[2] = `${cells[2]}\u0000`; // display_name
      lines[1] = cells.join(",");
      await Deno.writeTextFile(file, lines.join("\n"));
    },
    line:
      /reference\/models\.csv: line 2\.display_name is ".*\\u0000", expected text without control characters/,
  },
  {
    name: "a raw source folder that is a file",
    mutate: async (data) => {
      await Deno.remove(join(data, "raw", "inference-stats"), {
        recursive: true,
      });
      await Deno.writeTextFile(join(data, "raw", "inference-stats"), "oops\n");
    },
    line:
      /error: .*raw\/inference-stats: expected a folder of \.json files \(this is a file\)/,
  },
  {
    name: "a raw source folder that is a symbolic link loop",
    mutate: async (data) => {
      const dir = join(data, "raw", "inference-stats");
      await Deno.remove(dir, { recursive: true });
      await Deno.symlink(dir, dir);
    },
    line: /error: .*raw\/inference-stats: expected a readable path \(/,
  },
  {
    name: "an unreadable raw source folder",
    mutate: async (data) => {
      await Deno.chmod(join(data, "raw", "inference-stats"), 0o000);
    },
    line: /error: .*raw\/inference-stats: expected a readable folder \(/,
    skip: () =>
      Deno.uid() === 0 ? "running as root, which reads any folder" : null,
  },
  {
    name: "a folder named *.json in a raw source folder",
    mutate: async (data) => {
      await Deno.mkdir(
        join(data, "raw", "rankings-daily", "2026-06-23_2026-06-29.json"),
      );
    },
    line:
      /error: .*2026-06-23_2026-06-29\.json: expected a file \(this is a folder; a \.json name is read as data\)/,
  },
  {
    name: "a broken symbolic link named *.json",
    mutate: async (data, dir) => {
      await Deno.symlink(
        join(dir, "gone.json"),
        join(data, "raw", "inference-stats", "2026-02-15.json"),
      );
    },
    line:
      /error: .*2026-02-15\.json: expected a symbolic link to an existing file or folder/,
  },
  {
    name: "a missing claims.csv",
    mutate: async (data) => {
      await Deno.remove(join(data, "claims.csv"));
    },
    line:
      /error: .*claims\.csv: expected an existing file: the claims of the five articles/,
  },
  {
    name: "a missing raw/",
    mutate: async (data) => {
      await Deno.remove(join(data, "raw"), { recursive: true });
    },
    line: /error: .*\/raw: expected at least one \.json file in raw\//,
  },
  {
    name: "a duplicate JSON key",
    mutate: async (data) => {
      const text = JSON.stringify(await readJsonFile(join(data, WEEK)));
      await Deno.writeTextFile(
        join(data, WEEK),
        text.replace('"slug":', '"slug":"decoy/model","slug":'),
      );
    },
    line:
      /error: .*2026-02-08\.json: models\[0\] \(line 1\)\.slug is "slug" written twice, expected each key once per object/,
  },
  {
    name: "a token count beyond 2^53",
    mutate: async (data) => {
      const rankings = await readJsonFile(join(data, RANKINGS));
      recordsOf(rankings)[2].total_tokens = "9007199254740993";
      await writeJsonFile(join(data, RANKINGS), rankings);
    },
    line:
      /data\[2\]\.total_tokens is "9007199254740993", expected a non-negative integer/,
  },
  {
    name: "token counts whose sum passes 2^53 (an Int64 sum would overflow)",
    mutate: async (data) => {
      await writeJsonFile(
        join(data, "raw", "rankings-daily", "2026-06-23_2026-06-23.json"),
        {
          data: [
            {
              date: "2026-06-23",
              model_permaslug: "a/x",
              total_tokens: "9007199254740000",
            },
            {
              date: "2026-06-23",
              model_permaslug: "other",
              total_tokens: "9007199254740000",
            },
          ],
        },
      );
    },
    line:
      /total_tokens is "9007199254740000", expected token counts whose sum over a week \(Monday [\d-]+ to Sunday\) stays below 2\^53/,
  },
  {
    name: "published revenues whose sum is infinite",
    mutate: async (data) => {
      const week = await readJsonFile(join(data, WEEK)) as {
        models: Record<string, unknown>[];
      };
      week.models[0].estimated_revenue = 1e308;
      week.models[1].estimated_revenue = 1e308;
      await writeJsonFile(join(data, WEEK), week);
    },
    line:
      /estimated_revenue is 1e\+308, expected revenues whose sum over all weeks is a finite number/,
  },
  {
    name: "a price whose cost overflows",
    mutate: async (data) => {
      const week = await readJsonFile(join(data, WEEK)) as {
        models: Record<string, unknown>[];
      };
      week.models[0].prompt_price = 1e300;
      await writeJsonFile(join(data, WEEK), week);
    },
    line:
      /models\[0\]\.prompt_price is 1e\+300, expected a price in USD per token small enough that 2\^53 tokens cost a finite amount/,
  },
  {
    name: "two models lists for the same snapshot date",
    mutate: async (data) => {
      const models = await readJsonFile(join(data, MODELS));
      (recordsOf(models)[0].pricing as Record<string, string>).prompt = "0.5";
      await writeJsonFile(
        join(data, "raw", "openrouter-models", "2026-05-01.again.models.json"),
        models,
      );
    },
    // The later file in name order is the one named (".again" < ".models").
    line:
      /error: .*2026-05-01\.models\.json: file name is "2026-05-01\.models\.json", expected one models list per snapshot date: .*2026-05-01\.again\.models\.json is the snapshot of 2026-05-01 too/,
  },
  {
    name: "a rankings file named for one range holding rows of another",
    mutate: async (data) => {
      const rankings = await readJsonFile(join(data, RANKINGS));
      await writeJsonFile(
        join(data, "raw", "rankings-daily", "2026-07-01_2026-07-07.json"),
        { data: recordsOf(rankings).slice(0, 3) },
      );
    },
    line:
      /2026-07-01_2026-07-07\.json: data\[0\]\.date is "2026-05-24", expected a day from 2026-07-01 to 2026-07-07, the range the file name gives/,
  },
  {
    name: "an inference-stats file named for another week",
    mutate: async (data) => {
      await Deno.rename(
        join(data, WEEK),
        join(data, "raw", "inference-stats", "2026-02-15.json"),
      );
    },
    line:
      /2026-02-15\.json: date is "2026-02-08", expected 2026-02-15, the date the file name gives/,
  },
  {
    name: "R55: invalid UTF-8 bytes in a rankings slug",
    mutate: async (data) => {
      const text = await Deno.readTextFile(join(data, RANKINGS));
      const at = text.indexOf("deepseek/deepseek-v4-flash");
      const bytes = new TextEncoder().encode(text.slice(0, at));
      const rest = new TextEncoder().encode(text.slice(at + 2));
      // "de" becomes 0xff 0xc3: two slugs that U+FFFD would merge.
      await Deno.writeFile(
        join(data, RANKINGS),
        new Uint8Array([...bytes, 0xff, 0xc3, ...rest]),
      );
    },
    line:
      /2026-05-24_2026-06-22\.json: byte \d+ is "0xff", expected valid UTF-8 text/,
  },
  {
    name: "R56: a lone surrogate in a model slug",
    mutate: async (data) => {
      const text = await Deno.readTextFile(join(data, MODELS));
      const models = JSON.parse(text);
      recordsOf(models)[1].id = "ai21/jamba\ud800mini";
      await writeJsonFile(join(data, MODELS), models);
    },
    line:
      /\[1\]\.id is "ai21\/jamba.*mini", expected an identifier .*\(found U\+D800, a lone surrogate, at character 10\)/,
  },
  {
    name: 'M02: a models-list price of "-1" on the prompt side only',
    mutate: async (data) => {
      const models = await readJsonFile(join(data, MODELS));
      (recordsOf(models)[0].pricing as Record<string, string>).prompt = "-1";
      await writeJsonFile(join(data, MODELS), models);
    },
    line:
      /\[0\]\.pricing\.prompt is "-1", expected "-1" on both prompt and completion for a router model \(pricing\.completion is "0\.[0-9]+"\)/,
  },
  {
    name:
      "R30: a misnamed rankings file (latest.json) is named in a warning, and its rows are still checked against meta's range",
    mutate: async (data) => {
      await writeJsonFile(
        join(data, "raw", "rankings-daily", "latest.json"),
        {
          meta: { start_date: "2026-07-01", end_date: "2026-07-07" },
          data: [{
            date: "2026-05-24",
            model_permaslug: "other",
            total_tokens: "1",
          }],
        },
      );
    },
    line:
      /latest\.json: data\[0\]\.date is "2026-05-24", expected a day from 2026-07-01 to 2026-07-07, the range meta\.start_date and meta\.end_date give/,
  },
];

for (const c of rejected) {
  Deno.test({
    name:
      `${c.name}: validate and the report reject it with the same problem lines, and no stack trace`,
    ignore: c.skip?.() != null,
    async fn() {
      await inTempDir(async (dir) => {
        const data = join(dir, "data");
        await copyDir(join(ROOT, "data"), data);
        await c.mutate(data, dir);
        const { validate, workspace } = await verdicts(data);
        assert.ok(validate.length > 0, "validate found no error");
        assert.deepEqual(workspace, validate);
        assert.ok(
          validate.some((line) => c.line.test(line)),
          `no line matches ${c.line}:\n${validate.join("\n")}`,
        );
        await assertReportRejects(data, join(dir, "out"), c.line);
      });
    },
  });
}

Deno.test("R30: a rankings file whose name is no range (latest.json) is named in a warning", async () => {
  await inTempDir(async (dir) => {
    const data = join(dir, "data");
    await copyDir(join(ROOT, "data"), data);
    const rankings = await readJsonFile(join(data, RANKINGS));
    await Deno.remove(join(data, RANKINGS));
    await writeJsonFile(
      join(data, "raw", "rankings-daily", "latest.json"),
      rankings,
    );
    const result = await validatePaths([data]);
    assert.equal(result.ok, true);
    const lines = result.problems.map(formatProblem);
    assert.ok(
      lines.some((line) =>
        /^warning: .*latest\.json: file name is "latest\.json", expected <start>_<end>\.json, the first and last day the file holds/
          .test(line)
      ),
      lines.join("\n"),
    );
  });
});

Deno.test("validate prints slugs with control and bidirectional characters visibly, never raw", async () => {
  await inTempDir(async (dir) => {
    const data = join(dir, "data");
    await copyDir(join(ROOT, "data"), data);
    const rankings = await readJsonFile(join(data, RANKINGS));
    recordsOf(rankings)[0].model_permaslug = "evil/\u001b[2J\u009b31m\u202ex";
    await writeJsonFile(join(data, RANKINGS), rankings);
    const { code, stdout } = await runDeno([
      "run",
      "--allow-read",
      "--allow-ffi",
      "--allow-env",
      "--allow-sys",
      VALIDATE_CLI,
      data,
    ]);
    assert.equal(code, 1);
    for (const raw of ["\u001b", "\u009b", "\u202e"]) {
      assert.ok(!stdout.includes(raw), `raw U+${raw.codePointAt(0)}`);
    }
    assert.match(stdout, /evil\/\\u001b\[2J\\u\{9b\}31m\\u\{202e\}x/);
  });
});

Deno.test("a symbolic link to a data file is read by validate and the report alike, with the same figures", async () => {
  await inTempDir(async (dir) => {
    const data = join(dir, "data");
    await copyDir(join(ROOT, "data"), data);
    await Deno.mkdir(join(dir, "archive"));
    await Deno.rename(
      join(data, WEEK),
      join(dir, "archive", "2026-02-08.json"),
    );
    await Deno.symlink(
      join(dir, "archive", "2026-02-08.json"),
      join(data, WEEK),
    );
    const result = await validatePaths([data]);
    assert.equal(result.ok, true);
    const inference = result.summaries.find((s) =>
      s.source === "inference-stats"
    );
    assert.deepEqual([inference?.files, inference?.rows], [13, 117]);
    const ws = await loadWorkspace(data);
    assert.equal(ws.files["inference-stats"].length, 13);
    assert.ok(ws.files["inference-stats"].includes(join(data, WEEK)));
    assert.equal(ws.inference.height, 117);
  });
});

Deno.test("six days holding one row each next to one full day make no complete week: the week stays partial, with no week-over-week change", async () => {
  await inTempDir(async (dir) => {
    const data = join(dir, "data");
    await copyDir(join(ROOT, "data"), data);
    // The bundled data ends on Monday 2026-06-22, a full day; add Tuesday to
    // Sunday with one model each and no "other" row.
    const days = [23, 24, 25, 26, 27, 28].map((d) => `2026-06-${d}`);
    await writeJsonFile(
      join(data, "raw", "rankings-daily", "2026-06-23_2026-06-28.json"),
      {
        data: days.map((date) => ({
          date,
          model_permaslug: "deepseek/deepseek-v4-flash-20260423",
          total_tokens: "1000",
        })),
      },
    );
    const validate = await validatePaths([data]);
    assert.equal(validate.ok, true);
    assert.deepEqual(
      validate.problems.filter((p) => p.code === "day_incomplete").map((p) =>
        p.record
      ),
      days,
    );
    const ws = await loadWorkspace(data);
    const week = weeklyTotals(ws.rankings).toRecords().find((r) =>
      r.week_start === "2026-06-22"
    );
    assert.equal(week?.days_covered, 1);
    assert.equal(week?.partial, true);
    assert.equal(week?.wow_change, null);
    const results = await buildReport({
      dataDir: data,
      outDir: join(dir, "out"),
    });
    assert.equal(results.period.latestCompleteWeek, "2026-06-15");
  });
});

/** Open `file` in headless Chromium and return the DOM after its scripts (if any) ran. */
async function domAfterOpening(file: string): Promise<string> {
  const output = await new Deno.Command(CHROMIUM, {
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--no-first-run",
      "--virtual-time-budget=2000",
      "--dump-dom",
      `file://${file}`,
    ],
    stdout: "piped",
    stderr: "null",
  }).output();
  assert.ok(output.success, `chromium failed on ${file}`);
  return new TextDecoder().decode(output.stdout);
}

/** Markdown to HTML as Jupyter renders it (nbconvert's mistune, which passes raw HTML through). */
async function markdownToHtml(markdown: string, file: string): Promise<void> {
  const output = await new Deno.Command("/usr/bin/python3", {
    args: [
      "-c",
      "import sys; from nbconvert.filters import markdown2html; sys.stdout.write('<html><head><title>r</title></head><body>' + markdown2html(sys.stdin.read()) + '</body></html>')",
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = output.stdin.getWriter();
  await writer.write(new TextEncoder().encode(markdown));
  await writer.close();
  const result = await output.output();
  assert.ok(result.success, new TextDecoder().decode(result.stderr));
  await Deno.writeFile(file, result.stdout);
}

/** Slugs that run a script if they reach HTML unescaped (no white space, so they are valid identifiers). */
const SCRIPT_SLUGS = [
  "evil/<script>document.body.dataset.pwned=1</script>",
  "evil/<svg/onload=document.body.dataset.pwned=2>",
  "evil/[x](javascript:document.body.dataset.pwned=3)",
];

Deno.test({
  name:
    "slugs carrying HTML are accepted, escaped in report.md, and run no script when report.md, index.html or the charts are opened in Chromium",
  ignore: !hasChromium && !inCi,
  async fn() {
    await inTempDir(async (dir) => {
      const data = join(dir, "data");
      await copyDir(join(ROOT, "data"), data);
      const rankings = await readJsonFile(join(data, RANKINGS));
      // Every day of the latest complete week, with more tokens than any
      // model, so the slugs are labels of the top-models chart too.
      for (const day of [15, 16, 17, 18, 19, 20, 21]) {
        for (const slug of SCRIPT_SLUGS) {
          recordsOf(rankings).push({
            date: `2026-06-${day}`,
            model_permaslug: slug,
            total_tokens: "9000000000000",
          });
        }
      }
      await writeJsonFile(join(data, RANKINGS), rankings);
      const out = join(dir, "out");
      await buildReport({ dataDir: data, outDir: out });
      const report = await Deno.readTextFile(join(out, "report.md"));
      // Listed as unknown models, escaped.
      assert.match(
        report,
        /evil\/&lt;script&gt;document\.body\.dataset\.pwned=1&lt;\/script&gt;/,
      );
      assert.doesNotMatch(report, /<script|<svg/);
      const chart = await Deno.readTextFile(
        join(out, "charts", "top_models_weekly.svg"),
      );
      assert.match(chart, /evil\/&lt;script&gt;/);
      await markdownToHtml(report, join(dir, "report.html"));
      const pages = [join(dir, "report.html"), join(out, "index.html")];
      for await (const entry of Deno.readDir(join(out, "charts"))) {
        if (entry.name.endsWith(".svg")) {
          pages.push(join(out, "charts", entry.name));
        }
      }
      for (const page of pages) {
        const dom = await domAfterOpening(page);
        assert.doesNotMatch(dom, /data-pwned=/, page);
      }
      // The check itself can fail: the same slugs unescaped do run.
      await markdownToHtml(`- ${SCRIPT_SLUGS[0]}`, join(dir, "raw.html"));
      assert.match(
        await domAfterOpening(join(dir, "raw.html")),
        /data-pwned="1"/,
      );
    });
  },
});

const jupyter = await jupyterMissing();

Deno.test({
  name:
    "a notebook printing hostile slugs as Markdown and HTML renders to HTML that runs no script in Chromium",
  ignore: (jupyter !== null || !hasChromium) && !inCi,
  async fn() {
    await inTempDir(async (dir) => {
      const notebooks = join(dir, "notebooks");
      await Deno.mkdir(notebooks);
      await Deno.mkdir(join(dir, "data"));
      const cell = (source: string, id: string) => ({
        cell_type: "code",
        execution_count: null,
        id,
        metadata: {},
        outputs: [],
        source,
      });
      const slugs = JSON.stringify(SCRIPT_SLUGS);
      await Deno.writeTextFile(
        join(notebooks, "hostile.ipynb"),
        JSON.stringify({
          cells: [
            cell(`const slugs = ${slugs};`, "c1"),
            cell(
              'Deno.jupyter.md`Models: ${slugs.join(", ")} and **<img src=x onerror="document.body.dataset.pwned=4">**`',
              "c2",
            ),
            cell(
              'Deno.jupyter.html`<b>${slugs[0]}</b><img src=x onerror="document.body.dataset.pwned=5">`',
              "c3",
            ),
          ],
          metadata: {
            kernelspec: {
              name: "deno",
              display_name: "Deno",
              language: "typescript",
            },
          },
          nbformat: 4,
          nbformat_minor: 5,
        }),
      );
      await runNotebooks({
        notebooksDir: notebooks,
        dataDir: join(dir, "data"),
        outputDir: join(dir, "out"),
        notebooks: ["hostile.ipynb"],
      });
      const html = join(dir, "out", "hostile.html");
      const text = await Deno.readTextFile(html);
      assert.match(text, /Content-Security-Policy/);
      assert.doesNotMatch(await domAfterOpening(html), /data-pwned=/);
    });
  },
});

Deno.test("data/ is byte-identical after every hostile case", async () => {
  assert.deepEqual(await digest(join(ROOT, "data")), dataBefore);
});
