// SLOW, REAL BROWSER: the notebooks as a person meets them in the classic
// Jupyter Notebook web UI. Starts Debian's `jupyter-notebook` on a free
// loopback port (with a token) over a temporary copy of notebooks/ (so
// autosave never touches tracked files) and TOKENBOOK_DATA = data/, drives the
// system Chromium through the DevTools protocol (puppeteer-core on a pipe, so
// no network permission is needed), presses Run All in every notebook and
// checks what the page shows:
//
// - every output is under its own cell: each code cell holds the same outputs
//   (type and media types, in order) as the same notebook executed headless one
//   cell at a time, and every execute_result carries its own cell's count;
// - no error output;
// - nothing typeset by MathJax inside an output or a rendered markdown cell
//   (a "$" pair in prose becomes run-together italic maths);
// - no table wider than the page;
// - the notebook saved by the UI after the run, put through the git clean
//   filter (cli/strip_notebooks.ts --stdin), is byte-identical to the
//   committed notebook, and `git status` in the copy (a git repository with
//   the filter of `deno task setup`, the server started with the post-save
//   hook of `deno task jupyter`) shows nothing.
//
// Screenshots go to .test-artifacts/notebooks_browser/ (git-ignored).
// Skipped with a message when jupyter-notebook, Chromium or the Deno kernel
// is missing, except in CI (CI set), where .ci/run installs them and the test
// fails instead. `deno task test:fast` leaves this file out. Set
// TOKENBOOK_BROWSER_PASSES=3 to press Run All three times per notebook, and
// TOKENBOOK_BROWSER_ONLY=04 to open only the notebooks whose name starts so,
// TOKENBOOK_BROWSER_NOTEBOOKS=DIR to open the notebooks of another folder
// (they find the library at ../lib/mod.ts as the project's do).

import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import {
  executeNotebookCommand,
  jupyterMissing,
  listNotebooks,
  PREPROCESSOR_DIR,
} from "../../lib/tooling/notebook_runner.ts";
import { stripNotebookOutputs } from "../../cli/strip_notebooks.ts";
import { gitFilterSettings } from "../../cli/git_filter.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const CHROMIUM = "/usr/bin/chromium";
const NOTEBOOK_SERVER = "jupyter-notebook";
const ARTIFACTS = join(root, ".test-artifacts", "notebooks_browser");
/** The notebooks to open (TOKENBOOK_BROWSER_NOTEBOOKS to try others, e.g. experiments). */
const NOTEBOOKS_DIR = resolve(
  Deno.env.get("TOKENBOOK_BROWSER_NOTEBOOKS") ?? join(root, "notebooks"),
);
const PASSES = Number(Deno.env.get("TOKENBOOK_BROWSER_PASSES") ?? "1");
/** Longest a notebook's Run All may take, in ms. */
const RUN_ALL_TIMEOUT_MS = 300_000;
/** Outputs count as settled once nothing changed for this long, in ms. */
const SETTLE_MS = 3_000;

const ci = (Deno.env.get("CI") ?? "") !== "" && Deno.env.get("CI") !== "false";

/** Why the test cannot run here, or null when it can. */
async function missingTools(): Promise<string | null> {
  const reasons: string[] = [];
  const server = await new Deno.Command(NOTEBOOK_SERVER, {
    args: ["--version"],
    stdout: "null",
    stderr: "null",
  }).output().then((out) => out.success, () => false);
  if (!server) {
    reasons.push(
      `"${NOTEBOOK_SERVER}" is not installed (apt-get install -y --no-install-recommends jupyter-notebook)`,
    );
  }
  if (!await Deno.stat(CHROMIUM).then(() => true, () => false)) {
    reasons.push(`${CHROMIUM} is not installed (apt-get install chromium)`);
  }
  const kernel = await jupyterMissing();
  if (kernel !== null) reasons.push(kernel);
  return reasons.length === 0 ? null : reasons.join("; ");
}

const missing = await missingTools();
if (missing !== null && !ci) {
  console.warn(`notebooks_browser_test.ts: skipped, ${missing}`);
}

/**
 * Resolve with the first match of `pattern` in what `child` writes to stderr
 * or stdout; reject when it exits first or after `ms`.
 */
function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  ms: number,
): Promise<RegExpMatchArray> {
  return new Promise((resolvePromise, reject) => {
    let seen = "";
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `jupyter-notebook did not start within ${ms} ms:\n${seen}`,
          ),
        ),
      ms,
    );
    const onData = (chunk: Uint8Array) => {
      seen += new TextDecoder().decode(chunk);
      const match = seen.match(pattern);
      if (match !== null) {
        clearTimeout(timer);
        resolvePromise(match);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`jupyter-notebook exited with ${code}:\n${seen}`));
    });
  });
}

/** Run git in `cwd`; throws with git's message when it fails. */
async function git(cwd: string, ...args: string[]): Promise<string> {
  const out = await new Deno.Command("git", {
    args: [
      "-c",
      "user.name=test",
      "-c",
      "user.email=test@example.com",
      ...args,
    ],
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  if (!out.success) {
    throw new Error(`git ${args.join(" ")}: ${decoder.decode(out.stderr)}`);
  }
  return decoder.decode(out.stdout);
}

/** The post-save hook `deno task jupyter` gives the server (cli/jupyter/tokenbook_git_refresh.py). */
const POST_SAVE_HOOK = "tokenbook_git_refresh.post_save";

/** A running notebook server over a temporary copy of notebooks/. */
interface NotebookServer {
  url: string;
  token: string;
  dir: string;
  child: ChildProcess;
}

async function startServer(notebooks: string[]): Promise<NotebookServer> {
  const tmp = await Deno.makeTempDir({ prefix: "tokenbook_browser_" });
  // The notebooks import "../../lib/mod.ts": give the copy a lib/ (a link) and the
  // project's configuration (copies, so the kernel can never write the
  // project's lock file) and node_modules (a link).
  const dir = join(tmp, "notebooks");
  await Deno.mkdir(dir);
  for (const name of notebooks) {
    await Deno.copyFile(join(NOTEBOOKS_DIR, name), join(dir, name));
  }
  await Deno.symlink(join(root, "lib"), join(tmp, "lib"));
  await Deno.symlink(join(root, "node_modules"), join(tmp, "node_modules"));
  for (const file of ["deno.json", "deno.lock"]) {
    await Deno.copyFile(join(root, file), join(tmp, file));
  }
  // A git repository like a developer's clone after `deno task setup`: the
  // notebooks committed as they are in the project, the clean filter installed.
  await Deno.mkdir(join(tmp, "cli"));
  for (
    const file of [".gitattributes", "cli/strip_notebooks.ts", "cli/_args.ts"]
  ) {
    await Deno.copyFile(join(root, file), join(tmp, file));
  }
  // Everything but the notebooks and the filter is scaffolding of the test.
  await Deno.writeTextFile(
    join(tmp, ".gitignore"),
    "/*\n!/notebooks/\n!/cli/\n!/.gitattributes\n!/.gitignore\n.ipynb_checkpoints/\n",
  );
  await git(tmp, "init", "-q");
  await git(tmp, "add", "notebooks", "cli", ".gitattributes", ".gitignore");
  await git(tmp, "commit", "-q", "-m", "notebooks as committed");
  for (const [key, value] of gitFilterSettings()) {
    await git(tmp, "config", key, value);
  }
  for (const sub of ["config", "runtime"]) {
    await Deno.mkdir(join(tmp, sub));
  }
  // A random port (the test has no network permission to ask for a free
  // one); the server moves on to the next free one and prints where it is.
  const port = 20_000 + Math.floor(Math.random() * 30_000);
  const token = crypto.randomUUID().replaceAll("-", "");
  const child = spawn(NOTEBOOK_SERVER, [
    "--no-browser",
    "--allow-root",
    "--ip=127.0.0.1",
    `--port=${port}`,
    "--port-retries=50",
    `--notebook-dir=${dir}`,
    `--NotebookApp.token=${token}`,
    // As `deno task jupyter` starts it: git status stays clean after saves.
    `--FileContentsManager.post_save_hook=${POST_SAVE_HOOK}`,
  ], {
    cwd: dir,
    env: {
      ...Deno.env.toObject(),
      TOKENBOOK_DATA: join(root, "data"),
      PYTHONPATH: PREPROCESSOR_DIR,
      // A fresh configuration and runtime folder: no user settings, no
      // other server's files; kernels are still found in the data path.
      JUPYTER_CONFIG_DIR: join(tmp, "config"),
      JUPYTER_RUNTIME_DIR: join(tmp, "runtime"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [, url] = await waitForOutput(
    child,
    /(http:\/\/127\.0\.0\.1:\d+)\//,
    60_000,
  );
  return { url, token, dir, child };
}

async function stopServer(server: NotebookServer): Promise<void> {
  const exited = new Promise((done) => server.child.on("exit", done));
  server.child.kill("SIGTERM");
  await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
  if (server.child.exitCode === null) server.child.kill("SIGKILL");
  await Deno.remove(resolve(server.dir, ".."), { recursive: true });
}

/** One output as the check compares it: its type and media types; an execute_result also its count. */
interface OutputShape {
  output_type: string;
  mimes: string[];
  execution_count?: number | null;
  /** The text of text/markdown or of an error, for messages. */
  text?: string;
}

/** What the page shows after Run All. */
interface PageState {
  cells: {
    cell_type: string;
    prompt: number | string | null;
    outputs: OutputShape[];
  }[];
  /** One entry per output area or markdown cell holding typeset maths. */
  mathjax: { cell: number; where: string; count: number; text: string }[];
  wideTables: { cell: number; tableWidth: number; pageWidth: number }[];
}

/** Read the cells, their outputs, MathJax elements and over-wide tables from the classic notebook page. */
function readPage(page: Page): Promise<PageState> {
  return page.evaluate(() => {
    // deno-lint-ignore no-explicit-any
    const Jupyter = (globalThis as any).Jupyter;
    const cells = Jupyter.notebook.get_cells();
    const mathjaxSelector =
      ".MathJax, .MathJax_Display, .MathJax_Preview, .MathJax_SVG, .MathJax_CHTML, mjx-container, script[type^='math/']";
    const mathjax: PageState["mathjax"] = [];
    const wideTables: {
      cell: number;
      tableWidth: number;
      pageWidth: number;
    }[] = [];
    const pageWidth =
      (document.querySelector("#notebook-container") as HTMLElement)
        .clientWidth;
    // deno-lint-ignore no-explicit-any
    const state = cells.map((cell: any, index: number) => {
      const element = cell.element[0] as HTMLElement;
      for (const where of [".output_area", ".text_cell_render"]) {
        for (const area of element.querySelectorAll(where)) {
          const found = area.querySelectorAll(mathjaxSelector);
          if (found.length === 0) continue;
          const block = found[0].closest("p, li, td, div") ?? found[0];
          mathjax.push({
            cell: index + 1,
            where,
            count: area.querySelectorAll(
              "script[type^='math/'], mjx-container",
            ).length,
            text: (block.textContent ?? "").slice(0, 100),
          });
        }
      }
      for (
        const table of element.querySelectorAll(
          ".output_area table, .text_cell_render table",
        )
      ) {
        const tableWidth = (table as HTMLElement).getBoundingClientRect().width;
        if (tableWidth > pageWidth + 1) {
          wideTables.push({ cell: index + 1, tableWidth, pageWidth });
        }
      }
      const outputs = cell.cell_type === "code"
        ? cell.output_area.outputs.map(
          // deno-lint-ignore no-explicit-any
          (output: any) => ({
            output_type: output.output_type,
            mimes: output.output_type === "stream"
              ? [output.name]
              : output.output_type === "error"
              ? []
              : Object.keys(output.data ?? {}).sort(),
            ...(output.output_type === "execute_result"
              ? { execution_count: output.execution_count }
              : {}),
            text: output.output_type === "error"
              ? `${output.ename}: ${output.evalue}`
              : String(output.data?.["text/markdown"] ?? "").slice(0, 200),
          }),
        )
        : [];
      return {
        cell_type: cell.cell_type,
        prompt: cell.cell_type === "code"
          ? cell.input_prompt_number ?? null
          : null,
        outputs,
      };
    });
    return { cells: state, mathjax, wideTables };
  });
}

/** Wait until every code cell ran, the kernel is idle, MathJax is done and the outputs stopped changing. */
async function waitForRunAll(page: Page): Promise<void> {
  const started = Date.now();
  let last = "";
  let stableSince = Date.now();
  while (Date.now() - started < RUN_ALL_TIMEOUT_MS) {
    await new Promise((done) => setTimeout(done, 500));
    const snapshot = await page.evaluate(() => {
      // deno-lint-ignore no-explicit-any
      const Jupyter = (globalThis as any).Jupyter;
      const cells = Jupyter.notebook.get_cells();
      const ran = cells.every((
        cell: { cell_type: string; input_prompt_number?: unknown },
      ) =>
        cell.cell_type !== "code" ||
        typeof cell.input_prompt_number === "number"
      );
      const idle = document.querySelector("#kernel_indicator_icon")?.classList
        .contains("kernel_idle_icon") ?? false;
      // deno-lint-ignore no-explicit-any
      const mathJaxBusy = (globalThis as any).MathJax?.Hub?.queue?.pending ??
        0;
      const outputs = cells.map((
        cell: { output_area?: { outputs: unknown[] } },
      ) => JSON.stringify(cell.output_area?.outputs ?? []).length).join(",");
      return JSON.stringify({ ran, idle, mathJaxBusy, outputs });
    });
    if (snapshot !== last) {
      last = snapshot;
      stableSince = Date.now();
      continue;
    }
    const { ran, idle, mathJaxBusy } = JSON.parse(snapshot);
    if (
      ran && idle && mathJaxBusy === 0 && Date.now() - stableSince >= SETTLE_MS
    ) {
      return;
    }
  }
  throw new Error(`Run All did not finish within ${RUN_ALL_TIMEOUT_MS} ms`);
}

/** Screen height of one screenshot, in CSS pixels. */
const SHOT_HEIGHT = 3_000;

/**
 * Save the whole notebook as PNGs `${prefix}_1.png`, `_2`, … of at most
 * {@linkcode SHOT_HEIGHT} px each. The classic UI scrolls inside `#site`, so
 * that box is first let grow to its content.
 */
async function screenshots(page: Page, prefix: string): Promise<void> {
  for await (const entry of Deno.readDir(ARTIFACTS)) {
    const base = prefix.slice(ARTIFACTS.length + 1);
    if (entry.name.startsWith(`${base}_`) && entry.name.endsWith(".png")) {
      await Deno.remove(join(ARTIFACTS, entry.name));
    }
  }
  const height = await page.evaluate(() => {
    const site = document.querySelector("#site") as HTMLElement;
    site.style.height = "auto";
    site.style.overflow = "visible";
    document.body.style.overflow = "visible";
    document.documentElement.style.overflow = "visible";
    return document.documentElement.scrollHeight;
  });
  for (let top = 0, part = 1; top < height; top += SHOT_HEIGHT, part++) {
    await page.screenshot({
      path: `${prefix}_${part}.png`,
      captureBeyondViewport: true,
      clip: {
        x: 0,
        y: top,
        width: 1280,
        height: Math.min(SHOT_HEIGHT, height - top),
      },
    });
  }
}

/** Execute a notebook headless (one cell at a time, late outputs kept) and return each cell's output shapes. */
async function referenceOutputs(
  server: NotebookServer,
  notebook: string,
): Promise<OutputShape[][]> {
  const outDir = join(server.dir, "..", "reference");
  await Deno.mkdir(outDir, { recursive: true });
  const line = executeNotebookCommand(notebook, outDir);
  const result = await new Deno.Command(line.command, {
    args: line.args,
    cwd: server.dir,
    env: {
      TOKENBOOK_DATA: join(root, "data"),
      PYTHONPATH: PREPROCESSOR_DIR,
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(
    result.success,
    `headless reference run of ${notebook} failed:\n${
      new TextDecoder().decode(result.stderr).slice(-3000)
    }`,
  );
  const executed = JSON.parse(
    await Deno.readTextFile(join(outDir, notebook)),
  );
  // deno-lint-ignore no-explicit-any
  return executed.cells.map((cell: any) =>
    // deno-lint-ignore no-explicit-any
    (cell.outputs ?? []).map((output: any) => ({
      output_type: output.output_type,
      mimes: output.output_type === "stream"
        ? [output.name]
        : output.output_type === "error"
        ? []
        : Object.keys(output.data ?? {}).sort(),
    }))
  );
}

/** A short description of a cell's outputs for messages. */
function describe(outputs: OutputShape[]): string {
  if (outputs.length === 0) return "(no output)";
  return outputs.map((output) =>
    `${output.output_type}[${output.mimes.join(",")}]${
      output.execution_count !== undefined ? `#${output.execution_count}` : ""
    }${output.text ? ` "${output.text.slice(0, 60)}"` : ""}`
  ).join(" + ");
}

/** Every problem of one Run All: misplaced, missing or extra outputs, errors, MathJax, wide tables. */
function problemsOf(
  notebook: string,
  pass: number,
  state: PageState,
  reference: OutputShape[][],
): string[] {
  const problems: string[] = [];
  const at = (cell: number) => `${notebook} (Run All ${pass}), cell ${cell}`;
  if (state.cells.length !== reference.length) {
    problems.push(
      `${notebook}: the page shows ${state.cells.length} cells, the file has ${reference.length}`,
    );
  }
  state.cells.forEach((cell, index) => {
    const shown = cell.outputs.map(({ output_type, mimes }) => ({
      output_type,
      mimes,
    }));
    const expected = reference[index] ?? [];
    if (JSON.stringify(shown) !== JSON.stringify(expected)) {
      problems.push(
        `${at(index + 1)}: shows ${describe(cell.outputs)}, expected ${
          describe(expected)
        }`,
      );
    }
    for (const output of cell.outputs) {
      if (output.output_type === "error") {
        problems.push(`${at(index + 1)}: error output ${output.text}`);
      }
      if (
        output.output_type === "execute_result" &&
        output.execution_count !== cell.prompt
      ) {
        problems.push(
          `${
            at(index + 1)
          }: holds the result of execution ${output.execution_count}, its own is ${cell.prompt}`,
        );
      }
    }
  });
  for (const { cell, where, count, text } of state.mathjax) {
    problems.push(
      `${at(cell)}: MathJax typeset ${count} formula(s) in ${
        where === ".output_area" ? "an output" : "the markdown"
      }, e.g. in "${text}" (a "$" pair in prose)`,
    );
  }
  for (const { cell, tableWidth, pageWidth } of state.wideTables) {
    problems.push(
      `${at(cell)}: a table is ${
        Math.round(tableWidth)
      } px wide, the page ${pageWidth} px`,
    );
  }
  return problems;
}

Deno.test({
  name:
    "in the classic Jupyter UI, Run All puts every notebook's outputs under their own cells, with no error, no MathJax and no over-wide table, and the saved notebook strips back to the committed bytes",
  ignore: missing !== null && !ci,
  // puppeteer keeps timers and pipes of its own until the browser closes.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    assert.equal(missing, null, `CI must run the browser test: ${missing}`);
    const only = Deno.env.get("TOKENBOOK_BROWSER_ONLY");
    const notebooks = (await listNotebooks(NOTEBOOKS_DIR))
      .filter((name) => only === undefined || name.startsWith(only));
    assert.ok(notebooks.length > 0, "notebooks/ has no notebooks");
    await Deno.mkdir(ARTIFACTS, { recursive: true });
    const server = await startServer(notebooks);
    let browser: Browser | undefined;
    const problems: string[] = [];
    try {
      browser = await puppeteer.launch({
        executablePath: CHROMIUM,
        pipe: true,
        headless: true,
        userDataDir: join(server.dir, "..", "chromium-profile"),
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
        ],
        defaultViewport: { width: 1280, height: 900 },
      });
      for (const notebook of notebooks) {
        const reference = await referenceOutputs(server, notebook);
        const page = await browser.newPage();
        const pageErrors: string[] = [];
        page.on("pageerror", (error) => pageErrors.push(String(error)));
        await page.goto(
          `${server.url}/notebooks/${notebook}?token=${server.token}`,
          { waitUntil: "load" },
        );
        await page.waitForFunction(
          () => {
            // deno-lint-ignore no-explicit-any
            const kernel = (globalThis as any).Jupyter?.notebook?.kernel;
            return kernel?.is_connected?.() === true &&
              kernel.info_reply?.status === "ok";
          },
          { timeout: 120_000, polling: 250 },
        );
        for (let pass = 1; pass <= PASSES; pass++) {
          await page.evaluate(() => {
            // deno-lint-ignore no-explicit-any
            const notebook = (globalThis as any).Jupyter.notebook;
            notebook.clear_all_output();
            notebook.execute_all_cells();
          });
          await waitForRunAll(page);
          const state = await readPage(page);
          await screenshots(
            page,
            join(ARTIFACTS, `${notebook.replace(/\.ipynb$/, "")}_run${pass}`),
          );
          const found = problemsOf(notebook, pass, state, reference);
          console.log(
            `${notebook} Run All ${pass}: ${found.length} problem(s)${
              found.length === 0 ? "" : `\n  ${found.join("\n  ")}`
            }`,
          );
          problems.push(...found);
        }
        // Save through the UI, as autosave would, then check the clean filter.
        await page.evaluate(() =>
          // deno-lint-ignore no-explicit-any
          (globalThis as any).Jupyter.notebook.save_notebook()
        );
        await page.waitForFunction(
          () =>
            // deno-lint-ignore no-explicit-any
            (globalThis as any).Jupyter.notebook.dirty === false,
          { timeout: 30_000 },
        );
        const saved = await Deno.readTextFile(join(server.dir, notebook));
        await Deno.writeTextFile(
          join(ARTIFACTS, `${notebook.replace(/\.ipynb$/, "")}.saved.ipynb`),
          saved,
        );
        const committed = await Deno.readTextFile(
          join(NOTEBOOKS_DIR, notebook),
        );
        assert.notEqual(saved, committed, `${notebook}: the UI saved outputs`);
        if (stripNotebookOutputs(saved, notebook) !== committed) {
          problems.push(
            `${notebook}: the notebook saved by the UI does not strip back to the committed bytes (cli/strip_notebooks.ts)`,
          );
        }
        const status = await git(
          resolve(server.dir, ".."),
          "status",
          "--porcelain",
        );
        if (status !== "") {
          problems.push(
            `${notebook}: after the session git status shows ${
              JSON.stringify(status)
            }, expected nothing`,
          );
        }
        for (const error of pageErrors) {
          problems.push(`${notebook}: the page threw ${error}`);
        }
        await page.evaluate(() =>
          // deno-lint-ignore no-explicit-any
          (globalThis as any).Jupyter.notebook.session.delete()
        );
        await page.close();
      }
    } finally {
      await browser?.close();
      await stopServer(server);
    }
    assert.deepEqual(
      problems,
      [],
      `${problems.length} problems in the live UI (screenshots in .test-artifacts/notebooks_browser/):\n  ${
        problems.join("\n  ")
      }`,
    );
  },
});
