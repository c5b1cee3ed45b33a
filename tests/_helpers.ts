/**
 * Helpers shared by the test files: temporary folders, files written the way a
 * source might write them, the problems a loader is expected to report, and the
 * project's commands run as subprocesses. Private to tests/.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Problem } from "../lib/loading/problems.ts";

/** The project root, the folder holding deno.json. */
const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Run `body` with a fresh temporary folder, removed afterwards (also when `body` throws). */
export async function inTempDir<T>(
  body: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "tokenbook_test_" });
  try {
    return await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Copy the folder `from` to `to`, recursively, so a test can change the copy (data/ is never written to). */
export async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory) await copyDir(source, target);
    else if (entry.isFile) await Deno.copyFile(source, target);
  }
}

/** The names in the folder `dir`, sorted. */
export async function names(dir: string): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) found.push(entry.name);
  return found.sort();
}

/** `content` (text is encoded as UTF-8) preceded by a UTF-8 byte-order mark. */
export function withBom(content: Uint8Array | string): Uint8Array {
  const bytes = typeof content === "string"
    ? new TextEncoder().encode(content)
    : content;
  const out = new Uint8Array(bytes.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(bytes, 3);
  return out;
}

/**
 * Write `value` to `file` as JSON. Every string "__INFINITY__" in it is
 * written as the number 1e400: valid JSON that `JSON.parse` reads as Infinity.
 */
export async function writeJson(file: string, value: unknown): Promise<void> {
  await Deno.writeTextFile(
    file,
    JSON.stringify(value).replaceAll('"__INFINITY__"', "1e400"),
  );
}

/** Write `lines` to `file`, each ended by a newline, as a CSV source writes them. */
export async function writeLines(file: string, lines: string[]): Promise<void> {
  await Deno.writeTextFile(file, lines.join("\n") + "\n");
}

/** A function that calls `make` on its first use only and then keeps returning that first result. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/** The error a loader is expected to report for `field` of `record` in `file`. */
export function problem(
  file: string,
  record: string,
  field: string,
  value: string,
  expected: string,
): Problem {
  return { severity: "error", file, record, field, value, expected };
}

/** The warning a loader is expected to report, with its `code` when it has one. */
export function warning(
  file: string,
  record: string,
  field: string,
  value: string,
  expected: string,
  code?: string,
): Problem {
  return {
    severity: "warning",
    file,
    record,
    field,
    value,
    expected,
    ...(code === undefined ? {} : { code }),
  };
}

/** Exit code and decoded output of a finished subprocess. */
export interface CommandOutput {
  /** Exit code. */
  code: number;
  /** Standard output, as text. */
  stdout: string;
  /** Standard error, as text. */
  stderr: string;
}

/**
 * Run `deno ARGS` (e.g. `["run", "--allow-read", "cli/validate.ts"]`) without
 * colours and return its exit code and output.
 */
export async function runDeno(
  args: string[],
  options: { cwd?: string } = {},
): Promise<CommandOutput> {
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: options.cwd,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/**
 * Run `deno task NAME ARGS` as deno.json defines the task (a `deno run` line,
 * so with exactly its permissions), its script path made absolute, and return
 * its exit code and output.
 */
export async function runTask(
  name: string,
  args: string[],
  options: { cwd?: string } = {},
): Promise<CommandOutput> {
  const config = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")));
  const [program, ...taskArgs] = String(config.tasks[name]).split(" ");
  if (program !== "deno" || taskArgs[0] !== "run") {
    throw new TypeError(
      `Cannot run task "${name}": expected a "deno run" task, got ${
        JSON.stringify(config.tasks[name])
      }`,
    );
  }
  return await runDeno([
    ...taskArgs.map((arg) => arg.endsWith(".ts") ? join(ROOT, arg) : arg),
    ...args,
  ], options);
}
