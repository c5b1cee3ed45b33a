/**
 * The options of the commands whose permissions depend on their arguments
 * (report, charts, whatif, fetch, notebooks), declared once: the command
 * parses them, and `cli/launch.ts` parses the same arguments with the same
 * declarations to grant exactly the paths they name. Nothing here loads
 * data or native code, so the launcher stays small. Private to cli/.
 *
 * @module
 */
import { join, relative, resolve } from "node:path";

/** Options of `deno task report`. */
export const REPORT_OPTIONS = {
  data: { type: "string", default: "data" },
  out: { type: "string", default: "out" },
  "as-of": { type: "string" },
  "charts-only": { type: "boolean" },
  compare: { type: "string" },
} as const;

/** Options of `deno task charts`. */
export const CHARTS_OPTIONS = {
  data: { type: "string", default: "data" },
  out: { type: "string", default: "out" },
  only: { type: "string" },
  title: { type: "string" },
  subtitle: { type: "string" },
  width: { type: "string" },
  theme: { type: "string" },
  "as-of": { type: "string" },
} as const;

/** The output folder of `deno task whatif` when `--out` is not given. */
export const WHATIF_DEFAULT_OUT = join("out", "whatif");

/** Options of `deno task whatif`. */
export const WHATIF_OPTIONS = {
  policy: { type: "string" },
  workload: { type: "string" },
  "as-of": { type: "string" },
  out: { type: "string", default: WHATIF_DEFAULT_OUT },
  "cache-hit": { type: "string" },
  data: { type: "string", default: "data" },
  format: { type: "string" },
} as const;

/** Options of `deno task fetch`. */
export const FETCH_OPTIONS = {
  data: { type: "string", default: "data" },
  since: { type: "string" },
  until: { type: "string" },
  datasets: { type: "string" },
  "max-body-mb": { type: "string" },
  "dry-run": { type: "boolean" },
} as const;

/** Options of `deno task notebooks`. */
export const NOTEBOOKS_OPTIONS = {
  data: { type: "string" },
  out: { type: "string" },
  notebooks: { type: "string" },
  "as-of": { type: "string" },
  jobs: { type: "string" },
} as const;

/**
 * The output folder whose lock an output folder takes: the project's `out/`
 * (resolved against `cwd`) for a folder inside it, such as whatif's default
 * `out/whatif`, so the report's swap of `out/` and the folder's own run take
 * turns; the folder itself otherwise.
 *
 * @param out The output folder, as given.
 * @param cwd The folder relative paths are resolved against.
 * @returns The lock folder, absolute.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(lockFolderOf("out/whatif", "/p"), "/p/out");
 * assert.equal(lockFolderOf("/home/ana/bills", "/p"), "/home/ana/bills");
 * ```
 */
export function lockFolderOf(out: string, cwd: string): string {
  const target = resolve(cwd, out);
  const projectOut = resolve(cwd, "out");
  const rel = relative(projectOut, target);
  return rel !== "" && !rel.startsWith("..") && !rel.startsWith("/")
    ? projectOut
    : target;
}
