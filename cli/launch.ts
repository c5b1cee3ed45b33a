/**
 * `deno run --allow-run=deno --allow-env=INIT_CWD cli/launch.ts TASK [ARGS]`:
 * run a command with read and write access to exactly the paths its
 * arguments name. A deno.json task line cannot compute permissions, so the
 * tasks `report`, `charts`, `whatif`, `validate`, `fetch` and `notebooks` run
 * this launcher, which parses the arguments with the command's own option
 * declarations (`cli/_options.ts`, `cli/_args.ts`) and runs
 * `deno run FLAGS cli/TASK.ts ARGS` with:
 *
 * - read: the project folder, plus every path the user names (`--data`,
 *   `--workload`, `--policy`, `--notebooks`, validate's paths) and the output
 *   folder with its lock and work folder;
 * - write: the output folder, its lock and its work folder
 *   (`outputFolderPaths`), for fetch the data folder (`DATA/raw/` and its
 *   request budget `DATA/.fetch-budget.json`), for validate nothing;
 * - the task's other permissions (ffi `node_modules`, env, sys, net, run), as
 *   fixed as before.
 *
 * A write anywhere else is refused by Deno itself. Arguments the launcher
 * cannot parse are passed on with no path granted, so the command prints its
 * own usage error. The exit code is the command's.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { outputFolderPaths } from "../lib/tooling/output_dir.ts";
import { type OptionSpec, parseCliArgs } from "./_args.ts";
import {
  CHARTS_OPTIONS,
  FETCH_OPTIONS,
  lockFolderOf,
  NOTEBOOKS_OPTIONS,
  REPORT_OPTIONS,
  WHATIF_OPTIONS,
} from "./_options.ts";

/** The commands the launcher runs. */
export const LAUNCHED_TASKS = [
  "report",
  "charts",
  "whatif",
  "validate",
  "fetch",
  "notebooks",
] as const;

/** A command the launcher runs. */
export type LaunchedTask = typeof LAUNCHED_TASKS[number];

/** Where a launched command runs: the folders its paths are resolved against. */
export interface LaunchContext {
  /** The project root (the folder holding deno.json), absolute. */
  root: string;
  /** The working directory (the project root under `deno task`). */
  cwd: string;
  /** Where the user typed the command (`INIT_CWD`), for notebooks' paths. */
  initCwd?: string;
}

/** The paths a command may read and write, absolute. */
export interface Grants {
  /** Paths readable (folders with everything below them). */
  read: string[];
  /** Paths writable. */
  write: string[];
}

const SYS = "--allow-sys=cpus,networkInterfaces,hostname";

/**
 * The permissions of a launched command that do not depend on its
 * arguments (ffi `ROOT/node_modules`, env, sys, net, run).
 *
 * @param task The command.
 * @param root The project root.
 * @returns The `--allow-*` flags.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(fixedFlags("notebooks", "/p"), [
 *   "--allow-env=INIT_CWD,PYTHONPATH",
 *   "--allow-run=jupyter",
 * ]);
 * ```
 */
export function fixedFlags(task: LaunchedTask, root: string): string[] {
  const ffi = `--allow-ffi=${join(root, "node_modules")}`;
  switch (task) {
    case "report":
    case "charts":
    case "whatif":
      return [ffi, "--allow-env", SYS];
    case "validate":
      return [ffi, SYS];
    case "fetch":
      return [
        "--no-prompt",
        "--allow-net=openrouter.ai,127.0.0.1,localhost",
        "--allow-env=OPENROUTER_API_KEY,OPENROUTER_BASE_URL",
        ffi,
        SYS,
      ];
    case "notebooks":
      return ["--allow-env=INIT_CWD,PYTHONPATH", "--allow-run=jupyter"];
  }
}

function parsed<const T extends Record<string, OptionSpec>>(
  args: readonly string[],
  options: T,
  positionals = false,
) {
  try {
    return parseCliArgs(args, options, { positionals });
  } catch {
    return null; // the command itself reports the usage error
  }
}

/** The output folder's own paths: what writing it needs. */
function outputGrants(out: string, lockFolder: string): string[] {
  const paths = outputFolderPaths(out, lockFolder);
  return [paths.target, paths.lock, paths.work];
}

/**
 * The paths a command may read and write, from its arguments, resolved as
 * the command resolves them (against `cwd`; notebooks' against `initCwd`,
 * with defaults in the project).
 *
 * @param task The command.
 * @param args Its arguments.
 * @param context The project root and working directories.
 * @returns The readable and writable paths; only the project is readable and nothing writable when the arguments do not parse.
 *
 * @example A workload in the user's home folder
 * ```ts
 * import assert from "node:assert/strict";
 * const grants = taskGrants(
 *   "whatif",
 *   ["--policy", "/home/ana/p.json", "--workload", "/home/ana/w.csv"],
 *   { root: "/p", cwd: "/p" },
 * );
 * assert.deepEqual(grants.read, [
 *   "/p", "/p/data", "/home/ana/w.csv", "/home/ana/p.json",
 *   "/p/out/whatif", "/p/.out.lock", "/p/.out.work",
 * ]);
 * assert.deepEqual(grants.write, ["/p/out/whatif", "/p/.out.lock", "/p/.out.work"]);
 * ```
 */
export function taskGrants(
  task: LaunchedTask,
  args: readonly string[],
  context: LaunchContext,
): Grants {
  const at = (path: string) => resolve(context.cwd, path);
  const read = [context.root];
  const write: string[] = [];
  const grant = (reads: string[], writes: string[]): Grants => ({
    read: unique([...read, ...reads, ...writes]),
    write: unique(writes),
  });
  switch (task) {
    case "report":
    case "charts": {
      const p = parsed(
        args,
        task === "report" ? REPORT_OPTIONS : CHARTS_OPTIONS,
      );
      if (p === null) break;
      const compare = (p.values as { compare?: string }).compare;
      return grant(
        [at(p.values.data), ...(compare === undefined ? [] : [at(compare)])],
        outputGrants(at(p.values.out), at(p.values.out)),
      );
    }
    case "whatif": {
      const p = parsed(args, WHATIF_OPTIONS);
      if (p === null) break;
      const inputs = [p.values.data, p.values.workload, p.values.policy]
        .filter((v): v is string => v !== undefined).map(at);
      return grant(
        inputs,
        outputGrants(at(p.values.out), lockFolderOf(p.values.out, context.cwd)),
      );
    }
    case "validate": {
      const p = parsed(args, {}, true);
      if (p === null) break;
      const paths = p.positionals.length > 0 ? p.positionals : ["data"];
      return grant(paths.map(at), []);
    }
    case "fetch": {
      const p = parsed(args, FETCH_OPTIONS);
      if (p === null) break;
      // DATA/raw/ and the request budget DATA/.fetch-budget.json with its
      // fixed-name temporary copy: nothing else of the data folder.
      const data = at(p.values.data.replace(/\/+$/, "") || ".");
      return grant([data], [
        `${data}/raw`,
        `${data}/.fetch-budget.json`,
        `${data}/.fetch-budget.json.partial`,
      ]);
    }
    case "notebooks": {
      const p = parsed(args, NOTEBOOKS_OPTIONS);
      if (p === null) break;
      const folder = (option: "data" | "out" | "notebooks") => {
        const value = p.values[option];
        return value === undefined
          ? join(context.root, option)
          : resolve(context.initCwd ?? context.cwd, value);
      };
      const out = folder("out");
      const grants = grant(
        [
          folder("data"),
          folder("notebooks"),
          // the gallery it relinks (lib/report/relink_gallery.ts)
          join(out, "summary.json"),
          join(out, "docs"),
        ],
        outputGrants(join(out, "notebooks"), out),
      );
      const gallery = [join(out, "index.html"), join(out, ".index.html.tmp")];
      return {
        read: unique([...grants.read, ...gallery]),
        write: unique([...grants.write, ...gallery]),
      };
    }
  }
  return { read, write };
}

function unique(paths: string[]): string[] {
  return [...new Set(paths)];
}

/** A path list for a `--allow-*` flag (Deno splits it on commas). */
function pathList(paths: readonly string[]): string {
  return paths.join(",");
}

/**
 * Every `--allow-*` flag of the command: its read and write grants
 * ({@linkcode taskGrants}) and its fixed permissions.
 *
 * @param task The command.
 * @param args Its arguments.
 * @param context The project root and working directories.
 * @returns The flags to put before the script in `deno run`.
 *
 * @example Validate reads only what it is given, and writes nothing
 * ```ts
 * import assert from "node:assert/strict";
 * const flags = taskFlags("validate", ["/srv/snapshots"], { root: "/p", cwd: "/p" });
 * assert.equal(flags[0], "--allow-read=/p,/srv/snapshots");
 * assert.ok(!flags.some((flag) => flag.startsWith("--allow-write")));
 * ```
 */
export function taskFlags(
  task: LaunchedTask,
  args: readonly string[],
  context: LaunchContext,
): string[] {
  const grants = taskGrants(task, args, context);
  return [
    `--allow-read=${pathList(grants.read)}`,
    ...(grants.write.length > 0
      ? [`--allow-write=${pathList(grants.write)}`]
      : []),
    ...fixedFlags(task, context.root),
  ];
}

async function main(argv: string[]): Promise<number> {
  const [task, ...args] = argv;
  if (!(LAUNCHED_TASKS as readonly string[]).includes(task ?? "")) {
    console.error(
      `error: cli/launch.ts runs one of ${LAUNCHED_TASKS.join(", ")}, got ${
        JSON.stringify(task ?? "")
      }`,
    );
    return 2;
  }
  const root = fileURLToPath(new URL("..", import.meta.url)).replace(
    /\/$/,
    "",
  );
  const context = {
    root,
    cwd: Deno.cwd(),
    initCwd: Deno.env.get("INIT_CWD"),
  };
  const grants = taskGrants(task as LaunchedTask, args, context);
  const comma = [...grants.read, ...grants.write].find((p) => p.includes(","));
  if (comma !== undefined) {
    console.error(
      `error: the path ${
        JSON.stringify(comma)
      } holds a comma, which Deno's --allow-read and --allow-write cannot name; rename it, or run deno run with your own flags on cli/${task}.ts`,
    );
    return 2;
  }
  const flags = taskFlags(task as LaunchedTask, args, context);
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("deno", {
      args: ["run", ...flags, join(root, "cli", `${task}.ts`), ...args],
      stdin: "inherit",
      stdout: "inherit",
      stderr: "inherit",
    }).spawn();
  } catch (cause) {
    if (!(cause instanceof Deno.errors.NotFound)) throw cause;
    console.error(
      "error: cli/launch.ts runs the command with the deno on PATH, and PATH holds none; put deno 2.9 on PATH (./tokenbook does) and run the task again",
    );
    return 2;
  }
  return (await child.status).code;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
