/**
 * Install the git clean filter that keeps notebooks stored without outputs
 * (the nbstripout convention): `.gitattributes` names the filter
 * `tokenbook-strip` for `*.ipynb`, and this sets what it runs in the
 * repository's git configuration:
 *
 * ```sh
 * deno run --allow-run --allow-read cli/git_filter.ts   # part of `deno task setup`
 * ```
 *
 * With the filter, git reads every notebook through
 * `cli/strip_notebooks.ts --stdin`: outputs, execution counts and session
 * metadata a Jupyter session saved are invisible to `git status` and
 * `git diff`, and never committed. Without it (a fresh clone before
 * `deno task setup`) git sees notebooks as they are on disk.
 *
 * Exit codes: 0 installed, or nothing to do outside a git repository;
 * 1 `git config` failed.
 *
 * @module
 */

import { STRIP_FILTER_COMMAND } from "./strip_notebooks.ts";

/** The filter's name, as `.gitattributes` names it. */
export const FILTER_NAME = "tokenbook-strip";

/** `text` quoted for a POSIX shell. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The clean command git runs (through `sh`, in the repository's top
 * folder): the project's stripper run by the project's Deno, found without
 * PATH: `.tools/bin/deno` when `./tokenbook` installed it there, else the
 * Deno that ran `deno task setup` (its absolute path), else `deno` on PATH.
 *
 * @param deno The absolute path of the Deno that runs setup (`Deno.execPath()`).
 * @returns The shell command, `%f` standing for the file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(
 *   stripFilterCommand("/opt/deno/bin/deno"),
 *   `d=.tools/bin/deno; [ -x "$d" ] || d='/opt/deno/bin/deno'; [ -x "$d" ] || d=deno; "$d" run --quiet --allow-read cli/strip_notebooks.ts --stdin %f`,
 * );
 * ```
 */
export function stripFilterCommand(deno: string): string {
  return `d=.tools/bin/deno; [ -x "$d" ] || d=${
    shellQuote(deno)
  }; [ -x "$d" ] || d=deno; "$d"${STRIP_FILTER_COMMAND.slice("deno".length)}`;
}

/**
 * The `git config` settings of the filter: the clean command
 * ({@linkcode stripFilterCommand}), and `smudge` as a plain copy so checkouts
 * are unchanged. Not `required`: without Deno, git stores notebooks
 * unfiltered and the clean-notebook test reports them.
 *
 * @param deno The Deno that runs setup (default: this one, `Deno.execPath()`).
 * @returns `[key, value]` pairs for `git config`.
 * @throws Never.
 *
 * @example The clean command is the project's stripper
 * ```ts
 * import assert from "node:assert/strict";
 * const settings = Object.fromEntries(gitFilterSettings("/usr/bin/deno"));
 * assert.match(settings["filter.tokenbook-strip.clean"], /"\$d" run --quiet --allow-read cli\/strip_notebooks\.ts --stdin %f$/);
 * assert.equal(settings["filter.tokenbook-strip.smudge"], "cat");
 * ```
 */
export function gitFilterSettings(
  deno: string = Deno.execPath(),
): [string, string][] {
  return [
    [`filter.${FILTER_NAME}.clean`, stripFilterCommand(deno)],
    [`filter.${FILTER_NAME}.smudge`, "cat"],
  ];
}

async function git(
  args: string[],
): Promise<{ ok: boolean; out: string; err: string }> {
  try {
    const output = await new Deno.Command("git", {
      args,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decoder = new TextDecoder();
    return {
      ok: output.success,
      out: decoder.decode(output.stdout).trim(),
      err: decoder.decode(output.stderr).trim(),
    };
  } catch (error) {
    return { ok: false, out: "", err: String(error) };
  }
}

async function main(): Promise<number> {
  const top = await git(["rev-parse", "--show-toplevel"]);
  if (!top.ok) {
    console.log(
      "Not in a git repository (or git is missing): no notebook filter to install.",
    );
    return 0;
  }
  for (const [key, value] of gitFilterSettings()) {
    const set = await git(["config", "--local", key, value]);
    if (!set.ok) {
      console.error(`error: git config ${key} failed: ${set.err}`);
      return 1;
    }
  }
  console.log(
    `Installed the git clean filter "${FILTER_NAME}" for notebooks in ${top.out} ` +
      `(.gitattributes: *.ipynb filter=${FILTER_NAME}): git now stores notebooks without outputs.`,
  );
  return 0;
}

if (import.meta.main) Deno.exit(await main());
