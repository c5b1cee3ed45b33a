/**
 * Save API responses verbatim, all or nothing: each body goes to a temporary
 * file next to its target (a name the loaders ignore), is checked there, and
 * is renamed into place only when every file of the batch is ready. An
 * existing file is never replaced: the same content is left as it is, other
 * content goes under the alternative name.
 *
 * Every name is checked before anything is written: a plain file name
 * (letters, digits, `.`, `_`, `-`; no `..`, no separator) whose resolved path
 * lies directly inside the folder it is saved to. The fetch builds names only
 * from the requested, validated calendar dates, so a hostile response cannot
 * choose where a file lands.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import { PARTIAL_MARK } from "../loading/sources.ts";

/** A file name, or a resolved path, that would land outside the dataset's folder: nothing is written. */
export class UnsafeNameError extends Error {
  /**
   * @param message The name, the folder and why it is refused.
   */
  constructor(message: string) {
    super(message);
    this.name = "UnsafeNameError";
  }
}

/** The characters a saved or staged file name may have. */
const SAFE_NAME = /^[0-9A-Za-z][0-9A-Za-z._-]*$/;

/**
 * The path `dir/name`, after checking that `name` is a plain file name and
 * that its resolved path lies directly inside `dir`.
 *
 * @param dir The dataset's folder.
 * @param name The file name.
 * @returns `dir/name`.
 * @throws {UnsafeNameError} When the name has a separator, `..`, another
 * character, or resolves outside `dir`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(pathInside("data/raw/x", "2026-06-01.json"), "data/raw/x/2026-06-01.json");
 * assert.throws(() => pathInside("data/raw/x", "../../package.json"), UnsafeNameError);
 * ```
 */
export function pathInside(dir: string, name: string): string {
  const resolved = resolve(dir, name);
  if (
    !SAFE_NAME.test(name) || name.includes("..") ||
    dirname(resolved) !== resolve(dir)
  ) {
    throw new UnsafeNameError(
      `Cannot save ${
        JSON.stringify(name)
      } in ${dir}: expected a plain file name (letters, digits, ".", "_", "-") inside that folder; nothing written`,
    );
  }
  return `${dir}/${name}`;
}

/** One file to save. */
export interface PendingFile {
  /** Folder to save into (created when missing). */
  dir: string;
  /** File name, e.g. `2026-06-01_2026-06-30.json`. */
  name: string;
  /** Name used when `name` exists with other content, e.g. one carrying `as_of`. */
  alternative: string;
  /** The body, exactly as received. */
  text: string;
  /** The request that answered it (path and query), named by its problems instead of the temporary file. */
  request?: string;
}

/** What happened to one {@linkcode PendingFile}. */
export interface SavedFile {
  /** `written`: a new file; `unchanged`: a file with this content was already there. */
  status: "written" | "unchanged";
  /** The path written or found. */
  path: string;
}

/** The temporary name of a file being saved: it does not end in `.json`, so no loader reads it. */
function temporaryPath(dir: string, name: string): string {
  return pathInside(
    dir,
    `${name}${PARTIAL_MARK}${crypto.randomUUID().slice(0, 8)}`,
  );
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) return undefined;
    throw cause;
  }
}

/**
 * Stage a body in a temporary file, so it can be checked by a loader before
 * {@linkcode commitFiles} puts it in place.
 *
 * @param file The file to stage.
 * @returns The temporary path.
 */
export async function stageFile(file: PendingFile): Promise<string> {
  pathInside(file.dir, file.name);
  pathInside(file.dir, file.alternative);
  await Deno.mkdir(file.dir, { recursive: true });
  const path = temporaryPath(file.dir, file.name);
  await Deno.writeTextFile(path, file.text, { createNew: true });
  return path;
}

/**
 * Remove temporary files (missing ones are ignored).
 *
 * @param paths Paths from {@linkcode stageFile}.
 */
export async function discardFiles(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    await Deno.remove(path).catch(() => {});
  }
}

/**
 * Put staged files in place: under `name` when it is free, not at all when a
 * file there (or under `alternative`) has the same content, else under
 * `alternative`. A staged file that is not renamed is removed.
 *
 * @param files The files, with the temporary paths {@linkcode stageFile} gave.
 * @returns What happened to each, in order.
 * @throws {Deno.errors.AlreadyExists} When both names hold other content (nothing of the batch is left staged).
 *
 * @example Saving the same body twice writes it once
 * ```ts
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const file = { dir, name: "a.json", alternative: "a.2.json", text: "{}" };
 * const first = await commitFiles([{ file, staged: await stageFile(file) }]);
 * const second = await commitFiles([{ file, staged: await stageFile(file) }]);
 * assert.deepEqual([first[0].status, second[0].status], ["written", "unchanged"]);
 * assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["a.json"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function commitFiles(
  files: readonly { file: PendingFile; staged: string }[],
): Promise<SavedFile[]> {
  const targets: (SavedFile & { staged: string })[] = [];
  try {
    for (const { file, staged } of files) {
      let target: SavedFile | undefined;
      for (const name of [file.name, file.alternative]) {
        const path = pathInside(file.dir, name);
        const existing = await readIfExists(path);
        if (existing === undefined) {
          target = { status: "written", path };
          break;
        }
        if (existing === file.text) {
          target = { status: "unchanged", path };
          break;
        }
      }
      if (target === undefined) {
        throw new Deno.errors.AlreadyExists(
          `Cannot save ${file.dir}/${file.name}: it and ${file.alternative} exist with other content; neither is replaced`,
        );
      }
      targets.push({ ...target, staged });
    }
  } catch (cause) {
    await discardFiles(files.map((f) => f.staged));
    throw cause;
  }
  for (const target of targets) {
    if (target.status === "written") {
      await Deno.rename(target.staged, target.path);
    } else await discardFiles([target.staged]);
  }
  return targets.map(({ status, path }) => ({ status, path }));
}

/**
 * Remove the temporary files an interrupted run left in `dir` (a run killed
 * between staging and renaming): every file whose name carries
 * {@linkcode PARTIAL_MARK}. Runs of `deno task fetch` on one data folder must
 * not overlap, or one would remove the other's staged file (its save then
 * fails, and nothing of it is written).
 *
 * @param dir The dataset's folder (missing is fine).
 * @param prefix Only names starting with it (default: any).
 * @returns The paths removed, sorted.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.json.partial-0123abcd`, "{");
 * await Deno.writeTextFile(`${dir}/a.json`, "{}");
 * assert.deepEqual(await removeStalePartials(dir), [`${dir}/a.json.partial-0123abcd`]);
 * assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["a.json"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function removeStalePartials(
  dir: string,
  prefix = "",
): Promise<string[]> {
  const removed: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (
        entry.isFile && entry.name.startsWith(prefix) &&
        entry.name.includes(PARTIAL_MARK)
      ) {
        removed.push(`${dir}/${entry.name}`);
      }
    }
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) return [];
    throw cause;
  }
  removed.sort();
  for (const path of removed) await Deno.remove(path);
  return removed;
}
