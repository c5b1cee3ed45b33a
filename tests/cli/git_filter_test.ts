// The git clean filter of `deno task setup` (cli/git_filter.ts +
// .gitattributes + cli/strip_notebooks.ts --stdin), tried in a throwaway git
// repository: a notebook saved after a Jupyter session (outputs, counts, the
// kernel's full language_info, scroll state) leaves `git status` clean.
// The real UI's save is checked in tests/ui/notebooks_browser_test.ts.
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FILTER_NAME, gitFilterSettings } from "../../cli/git_filter.ts";
import {
  STRIP_FILTER_COMMAND,
  stripNotebookOutputs,
} from "../../cli/strip_notebooks.ts";
import { inTempDir, runDeno } from "../_helpers.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const hasGit = await new Deno.Command("git", { args: ["--version"] }).output()
  .then((out) => out.success, () => false);
if (!hasGit) console.warn("git_filter_test.ts: skipped, git is not installed");

async function git(cwd: string, ...args: string[]): Promise<string> {
  const out = await new Deno.Command("git", {
    args: ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args],
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  assert.ok(
    out.success,
    `git ${args.join(" ")}: ${decoder.decode(out.stderr)}`,
  );
  return decoder.decode(out.stdout);
}

/**
 * The files the filter command runs in a checkout: the stripper and the
 * modules it imports, the import map, and (linked) node_modules.
 */
const FILTER_FILES = [
  "cli/strip_notebooks.ts",
  "lib/tooling/notebook_strip.ts",
  "cli/_args.ts",
  "lib/loading/input.ts",
  "lib/base/dates.ts",
  "lib/loading/problems.ts",
  "lib/text/escape.ts",
  "deno.json",
];

async function copyFilterFiles(dir: string): Promise<void> {
  for (const file of FILTER_FILES) {
    await Deno.mkdir(join(dir, file, ".."), { recursive: true });
    await Deno.copyFile(join(root, file), join(dir, file));
  }
  await Deno.symlink(join(root, "node_modules"), join(dir, "node_modules"));
}

/** Call the Jupyter post-save hook of `deno task jupyter` on a saved notebook, as the server does. */
async function postSaveHook(osPath: string): Promise<void> {
  const out = await new Deno.Command("python3", {
    args: [
      "-c",
      "import sys, tokenbook_git_refresh as h; " +
      "h.post_save(model={'type': 'notebook'}, os_path=sys.argv[1], contents_manager=None)",
      osPath,
    ],
    env: { PYTHONPATH: join(root, "cli", "jupyter") },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
}

/** What a Jupyter session saves: outputs, counts, the kernel's language_info, view state. */
function afterSession(stored: string): string {
  const notebook = JSON.parse(stored);
  let count = 0;
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "code") continue;
    count++;
    cell.execution_count = count;
    cell.outputs = [{
      data: { "text/markdown": [`result ${count}`] },
      execution_count: count,
      metadata: {},
      output_type: "execute_result",
    }];
    cell.metadata = { ...cell.metadata, scrolled: true, collapsed: false };
  }
  notebook.metadata.kernelspec = {
    name: "deno",
    language: "typescript",
    display_name: "Deno",
  };
  notebook.metadata.language_info = {
    codemirror_mode: "typescript",
    file_extension: ".ts",
    mimetype: "text/x.typescript",
    name: "typescript",
    nbconvert_exporter: "script",
    pygments_lexer: "typescript",
    version: "6.0.3",
  };
  notebook.metadata.widgets = {
    "application/vnd.jupyter.widget-state+json": {},
  };
  return JSON.stringify(notebook, null, 1) + "\n";
}

Deno.test({
  name:
    "with the filter of deno task setup, a notebook saved after a session leaves git status clean; without it, git sees the outputs",
  ignore: !hasGit,
  async fn() {
    await inTempDir(async (repo) => {
      await git(repo, "init", "-q");
      await Deno.mkdir(join(repo, "notebooks"));
      await copyFilterFiles(repo);
      await Deno.copyFile(
        join(root, ".gitattributes"),
        join(repo, ".gitattributes"),
      );
      await Deno.writeTextFile(
        join(repo, ".gitignore"),
        "node_modules\ndeno.lock\n",
      );
      const fixture = await Deno.readTextFile(
        join(root, "tests/fixtures/notebooks/passing.ipynb"),
      );
      const stored = stripNotebookOutputs(fixture, "passing.ipynb");
      const path = join(repo, "notebooks", "usage.ipynb");
      await Deno.writeTextFile(path, stored);
      await git(repo, "add", ".");
      await git(repo, "commit", "-q", "-m", "stored notebook");

      // Before setup: the session's outputs show.
      await Deno.writeTextFile(path, afterSession(stored));
      assert.match(
        await git(repo, "status", "--porcelain"),
        /notebooks\/usage\.ipynb/,
      );

      const setup = await runDeno([
        "run",
        "--allow-run",
        "--allow-read",
        join(root, "cli", "git_filter.ts"),
      ], { cwd: repo });
      assert.equal(setup.code, 0, setup.stdout + setup.stderr);
      assert.match(setup.stdout, new RegExp(`filter "${FILTER_NAME}"`));
      for (const [key, value] of gitFilterSettings()) {
        assert.equal((await git(repo, "config", key)).trim(), value);
      }

      // After setup: git reads the file through the filter, and the
      // post-save hook of `deno task jupyter` refreshes git's size record
      // (…which the hook refreshes, staging nothing new).
      assert.equal(await git(repo, "diff"), "");
      // Also in a shell whose PATH holds no deno: the filter finds it.
      const gitPath = (await new Deno.Command("sh", {
        args: ["-c", "command -v git"],
        stdout: "piped",
      }).output()).stdout;
      const bare = await new Deno.Command(
        new TextDecoder().decode(gitPath).trim(),
        {
          args: ["diff"],
          cwd: repo,
          env: { PATH: "/nonexistent" },
          stdout: "piped",
          stderr: "piped",
        },
      ).output();
      assert.equal(
        new TextDecoder().decode(bare.stdout) +
          new TextDecoder().decode(bare.stderr),
        "",
      );
      // git status trusts the changed file size over the filter…
      assert.equal(
        await git(repo, "status", "--porcelain"),
        " M notebooks/usage.ipynb\n",
      );
      await postSaveHook(path);
      assert.equal(await git(repo, "status", "--porcelain"), "");
      assert.equal(await git(repo, "show", ":notebooks/usage.ipynb"), stored);
      assert.equal(await Deno.readTextFile(path), afterSession(stored));

      // A real edit stays visible, without the outputs.
      const edited = afterSession(stored).replace("Data folder:", "Data dir:");
      assert.notEqual(edited, afterSession(stored));
      await Deno.writeTextFile(path, edited);
      await postSaveHook(path);
      assert.equal(
        await git(repo, "status", "--porcelain"),
        " M notebooks/usage.ipynb\n",
      );
      const diff = await git(repo, "diff");
      assert.match(diff, /^-.*Data folder:.*$/m);
      assert.match(diff, /^\+.*Data dir:.*$/m);
      assert.doesNotMatch(diff, /output_type|execution_count": \d/);
    });
  },
});

Deno.test("the filter command passes text that is not a notebook through unchanged, with a warning", async () => {
  await inTempDir(async (dir) => {
    await copyFilterFiles(dir);
    const [program, ...args] = STRIP_FILTER_COMMAND.replace("%f", "x.ipynb")
      .split(" ");
    assert.equal(program, "deno");
    for (const input of ['{"cells": [', "not json"]) {
      const child = new Deno.Command(Deno.execPath(), {
        args,
        cwd: dir,
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const writer = child.stdin.getWriter();
      await writer.write(new TextEncoder().encode(input));
      await writer.close();
      const out = await child.output();
      assert.equal(out.code, 0);
      assert.equal(new TextDecoder().decode(out.stdout), input);
      assert.match(
        new TextDecoder().decode(out.stderr),
        /warning: x\.ipynb: not valid JSON .*; stored unchanged/,
      );
    }
  });
});
