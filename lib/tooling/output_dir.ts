/**
 * Write an output folder whole or not at all, and never over anything that
 * tokenbook did not write.
 *
 * Commands that produce files (notebooks, report, charts) build them in a
 * fresh temporary folder next to the destination and swap it in with
 * renames, so a failed run never leaves a half-written folder behind and a
 * reader never sees a mix of old and new files.
 *
 * Every folder written this way holds a marker file,
 * {@linkcode OUTPUT_MARKER}. An existing folder is only replaced when it is
 * empty or was written by tokenbook (it, or a folder it lies in, holds the
 * marker), so a mistyped `--out` cannot wipe a user's folder.
 *
 * @module
 */

import {
  basename,
  dirname,
  isAbsolute,
  join,
  relative,
  resolve,
  sep,
} from "node:path";

/** Name of the marker file in every folder {@linkcode writeOutputDir} writes. */
export const OUTPUT_MARKER = ".tokenbook-output";

/**
 * Contents of {@linkcode OUTPUT_MARKER}: one line, with no clock time, so
 * two runs on the same data write byte-identical folders.
 */
export const OUTPUT_MARKER_TEXT =
  "Written by tokenbook (writeOutputDir); tokenbook commands replace this folder whole.\n";

/** Options of {@linkcode writeOutputDir}. */
export interface OutputDirOptions {
  /**
   * Folders the command reads (the data folder, the notebooks folder). The
   * output folder may not be one of them, hold one of them or lie inside one.
   */
  protect?: readonly string[];
  /**
   * Names of entries (files or folders) of the existing output folder that
   * other commands wrote, copied into the new folder before `build` runs,
   * e.g. `notebooks` and `bench.md` for the report.
   */
  keep?: readonly string[];
}

/**
 * An output folder that may not be written: it is or holds raw data or a
 * folder the command reads, or it exists and was not written by tokenbook.
 * A `RangeError` (its `name` is `"RangeError"`), raised before anything is
 * written; commands report it as a usage error.
 *
 * @example Catch it as a RangeError
 * ```ts
 * import assert from "node:assert/strict";
 * const error = new OutputDirError("Cannot write output folder \"/tmp\"");
 * assert.ok(error instanceof RangeError);
 * assert.equal(error.name, "RangeError");
 * ```
 */
export class OutputDirError extends RangeError {}

/**
 * Build an output folder in a temporary sibling folder, then swap it in
 * place of `outDir`.
 *
 * The temporary folder is created in the same parent as `outDir`, so the
 * final renames stay on one file system and are atomic. The entries named in
 * `options.keep` are copied from the existing `outDir` first, then `build`
 * writes its files and the marker {@linkcode OUTPUT_MARKER} is added. When
 * `outDir` exists it is renamed to a backup name, the new folder is renamed
 * to `outDir` and the backup is removed; if the swap fails the backup is put
 * back. When `build` throws, the temporary folder is removed, an existing
 * `outDir` is left untouched and the error is rethrown.
 *
 * Before anything is written, `outDir` is refused when
 * - it is equal to or inside a `data/raw` folder, or holds one (such as
 *   `data/` or the project root);
 * - it is equal to, holds or lies inside a folder of `options.protect`
 *   (symbolic links are followed for this check);
 * - it exists, is not empty and was not written by tokenbook: neither it nor
 *   a folder it lies in holds the marker, and some entry of it is neither in
 *   `options.keep` nor a folder holding the marker.
 *
 * @param outDir The folder to write, absolute or relative to the working directory.
 * @param build Writes every output file into the folder it is given.
 * @param options `protect`: folders the command reads; `keep`: entries of the old folder to carry over.
 * @returns Resolves once `outDir` holds exactly what `build` wrote, the kept entries and the marker.
 * @throws {OutputDirError} A `RangeError`, when `outDir` is refused (see above); `build` is not called.
 * @throws {TypeError} When a `keep` entry is not a plain name.
 * @throws {Error} Whatever `build` throws, after cleaning up.
 *
 * @example Replace a folder with freshly built contents
 * ```ts
 * import assert from "node:assert/strict";
 * const parent = await Deno.makeTempDir();
 * const outDir = `${parent}/out`;
 * await writeOutputDir(outDir, async (tmpDir) => {
 *   await Deno.writeTextFile(`${tmpDir}/summary.txt`, "3.43T tokens\n");
 * });
 * assert.equal(await Deno.readTextFile(`${outDir}/summary.txt`), "3.43T tokens\n");
 * assert.equal(await Deno.readTextFile(`${outDir}/${OUTPUT_MARKER}`), OUTPUT_MARKER_TEXT);
 * await Deno.remove(parent, { recursive: true });
 * ```
 *
 * @example Refuse to write into raw data
 * ```ts
 * import assert from "node:assert/strict";
 * await assert.rejects(
 *   writeOutputDir("data/raw/derived", async () => {}),
 *   RangeError,
 * );
 * ```
 *
 * @example Refuse an output folder that holds the data folder
 * ```ts
 * import assert from "node:assert/strict";
 * const parent = await Deno.makeTempDir();
 * await Deno.mkdir(`${parent}/mydata`);
 * await assert.rejects(
 *   writeOutputDir(parent, async () => {}, { protect: [`${parent}/mydata`] }),
 *   { name: "RangeError", message: /it holds the input folder/ },
 * );
 * await Deno.remove(parent, { recursive: true });
 * ```
 */
export async function writeOutputDir(
  outDir: string,
  build: (tmpDir: string) => Promise<void>,
  options: OutputDirOptions = {},
): Promise<void> {
  const target = resolve(outDir);
  const keep = options.keep ?? [];
  for (const name of keep) {
    if (
      name === "" || name === "." || name === ".." || name.includes("/") ||
      name.includes(sep) || name === OUTPUT_MARKER
    ) {
      throw new TypeError(
        `Cannot keep ${
          JSON.stringify(name)
        } of output folder "${target}": expected the name of an entry directly in it`,
      );
    }
  }
  await refuseRawData(target);
  await refuseRawData(await canonical(target));
  await refuseProtected(target, options.protect ?? []);
  await refuseForeign(target, keep);

  const parent = dirname(target);
  const name = basename(target);
  await Deno.mkdir(parent, { recursive: true });
  const tmpDir = join(parent, `.${name}.tmp-${randomSuffix()}`);
  await Deno.mkdir(tmpDir);

  try {
    await carryOver(target, tmpDir, keep);
    await build(tmpDir);
    await Deno.writeTextFile(join(tmpDir, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
  } catch (error) {
    await Deno.remove(tmpDir, { recursive: true });
    throw error;
  }

  if (!(await exists(target))) {
    try {
      await Deno.rename(tmpDir, target);
    } catch (error) {
      await Deno.remove(tmpDir, { recursive: true });
      throw error;
    }
    return;
  }

  const backupDir = join(parent, `.${name}.old-${randomSuffix()}`);
  try {
    await Deno.rename(target, backupDir);
  } catch (error) {
    await Deno.remove(tmpDir, { recursive: true });
    throw error;
  }
  try {
    await Deno.rename(tmpDir, target);
  } catch (error) {
    await Deno.rename(backupDir, target);
    await Deno.remove(tmpDir, { recursive: true });
    throw error;
  }
  await Deno.remove(backupDir, { recursive: true });
}

/** Throw when `target` (absolute) is or would replace raw data. */
async function refuseRawData(target: string): Promise<void> {
  const segments = target.split(sep);
  for (let i = 0; i + 1 < segments.length; i++) {
    if (segments[i] === "data" && segments[i + 1] === "raw") {
      throw new OutputDirError(
        `Cannot write output folder "${target}": it is inside the raw data folder "${
          segments.slice(0, i + 2).join(sep)
        }", which no command may write into`,
      );
    }
  }
  const heldRaw = [join(target, "data", "raw")];
  if (basename(target) === "data") heldRaw.push(join(target, "raw"));
  for (const raw of heldRaw) {
    if (await exists(raw)) {
      throw new OutputDirError(
        `Cannot write output folder "${target}": replacing it would remove the raw data folder "${raw}"`,
      );
    }
  }
}

/**
 * Throw when `target` (absolute) is, holds or lies inside a protected folder,
 * comparing both the paths as written and with symbolic links resolved.
 */
async function refuseProtected(
  target: string,
  protect: readonly string[],
): Promise<void> {
  const realTarget = await canonical(target);
  for (const path of protect) {
    const guarded = resolve(path);
    const realGuarded = await canonical(guarded);
    const pairs: [string, string][] = [[target, guarded], [
      realTarget,
      realGuarded,
    ]];
    for (const [out, input] of pairs) {
      if (out === input) {
        throw new OutputDirError(
          `Cannot write output folder "${target}": it is the input folder "${guarded}", which replacing it would delete; choose another --out`,
        );
      }
      if (isWithin(input, out)) {
        throw new OutputDirError(
          `Cannot write output folder "${target}": it holds the input folder "${guarded}", which replacing it would delete; choose another --out`,
        );
      }
      if (isWithin(out, input)) {
        throw new OutputDirError(
          `Cannot write output folder "${target}": it is inside the input folder "${guarded}", which no command may write into; choose another --out`,
        );
      }
    }
  }
}

/** Throw when `target` exists, is not empty and replacing it could delete something tokenbook did not write. */
async function refuseForeign(
  target: string,
  keep: readonly string[],
): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(target);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  const foreign = new OutputDirError(
    `Cannot write output folder "${target}": it exists and was not written by tokenbook; remove it or choose another --out`,
  );
  if (!info.isDirectory) throw foreign;
  const entries: Deno.DirEntry[] = [];
  for await (const entry of Deno.readDir(target)) entries.push(entry);
  if (entries.length === 0) return;
  for (let dir = target;; dir = dirname(dir)) {
    if (await hasMarker(dir)) return;
    if (dirname(dir) === dir) break;
  }
  for (const entry of entries) {
    if (keep.includes(entry.name)) continue;
    if (entry.isDirectory && await hasMarker(join(target, entry.name))) {
      continue;
    }
    throw foreign;
  }
}

/** Copy the entries named in `keep` from `from` (when they exist) into `to`. */
async function carryOver(
  from: string,
  to: string,
  keep: readonly string[],
): Promise<void> {
  for (const name of keep) {
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(join(from, name));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) continue;
      throw error;
    }
    if (info.isDirectory) await copyTree(join(from, name), join(to, name));
    else if (info.isFile) await Deno.copyFile(join(from, name), join(to, name));
  }
}

/** Copy a folder tree: folders and regular files (symbolic links are left out). */
async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) {
      await copyTree(join(from, entry.name), join(to, entry.name));
    } else if (entry.isFile) {
      await Deno.copyFile(join(from, entry.name), join(to, entry.name));
    }
  }
}

/** Whether `dir` holds the marker file. */
async function hasMarker(dir: string): Promise<boolean> {
  try {
    return (await Deno.lstat(join(dir, OUTPUT_MARKER))).isFile;
  } catch (error) {
    if (
      error instanceof Deno.errors.NotFound ||
      error instanceof Deno.errors.NotADirectory ||
      error instanceof Deno.errors.PermissionDenied
    ) return false;
    throw error;
  }
}

/** Whether `path` is `dir` or lies below it (both absolute). */
function isWithin(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" ||
    (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * `path` (absolute) with symbolic links resolved: the real path of its
 * longest existing ancestor, joined with the rest.
 */
async function canonical(path: string): Promise<string> {
  const rest: string[] = [];
  for (let head = path;; head = dirname(head)) {
    try {
      return join(await Deno.realPath(head), ...rest);
    } catch (error) {
      if (
        !(error instanceof Deno.errors.NotFound ||
          error instanceof Deno.errors.NotADirectory)
      ) throw error;
    }
    if (dirname(head) === head) return path;
    rest.unshift(basename(head));
  }
}

/** Whether a path exists (without following a final symlink). */
async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (
      error instanceof Deno.errors.NotFound ||
      error instanceof Deno.errors.NotADirectory
    ) return false;
    throw error;
  }
}

/** Eight random hex digits for a temporary folder name. */
function randomSuffix(): string {
  return crypto.randomUUID().slice(0, 8);
}
