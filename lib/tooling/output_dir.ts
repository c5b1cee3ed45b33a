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
 * {@linkcode OUTPUT_MARKER}, whose manifest lists the files tokenbook wrote
 * there. An existing folder is only replaced when every file in it is
 * listed in a manifest (its own, a nested output folder's, or that of an
 * output folder it lies in) or lies in an entry the command keeps; a file a
 * user added is never deleted: the run refuses and names it.
 *
 * One run at a time writes an output folder and every output folder inside
 * it: the lock `.OUT.lock` sits next to the outermost folder (`out/`), so
 * `deno task notebooks` writing `out/notebooks/` waits while `deno task
 * report` swaps `out/`, and the other way round. Temporary and backup folders
 * live in one work folder next to it, `.OUT.work/`, which never moves; so a
 * command needs write access to exactly the output folder, its lock and its
 * work folder ({@linkcode outputFolderPaths}). The old folder stays, renamed,
 * until the new one is in place; a run killed at any moment leaves the old or
 * the new folder, and the next run finishes or undoes the swap and removes
 * stale temporary folders.
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

/** The line of the marker file after which the manifest lists the files tokenbook wrote. */
export const MANIFEST_HEADING = "Files written by tokenbook:";

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
  /**
   * The outermost output folder `outDir` belongs to (`out` for
   * `out/notebooks`): its lock and work folder are the ones used, so
   * commands writing the folder and folders inside it take turns. Default:
   * `outDir` itself.
   */
  lockFolder?: string;
}

/** Where {@linkcode writeOutputDir} writes for an output folder: the folder, its lock and its work folder. */
export interface OutputFolderPaths {
  /** The output folder, absolute. */
  target: string;
  /** The outermost output folder it lies in, whose lock it takes, absolute. */
  owner: string;
  /** The lock file, `.NAME.lock` next to the lock folder. */
  lock: string;
  /** The work folder holding temporary and backup folders, `.NAME.work` next to the lock folder. */
  work: string;
  /** The prefix of `target`'s temporary and backup folders in `work` (`""` for the lock folder itself). */
  key: string;
}

/**
 * The paths {@linkcode writeOutputDir} writes for `outDir`: exactly what a
 * command writing it needs write access to.
 *
 * @param outDir The output folder, absolute or relative to the working directory.
 * @param lockFolder The outermost output folder it lies in (default: `outDir`).
 * @returns The absolute output folder, lock file and work folder, and the key of its temporary folders.
 * @throws {TypeError} When `outDir` is not `lockFolder` or inside it.
 *
 * @example An output folder inside `out/` shares out's lock
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(outputFolderPaths("/p/out/notebooks", "/p/out"), {
 *   target: "/p/out/notebooks",
 *   owner: "/p/out",
 *   lock: "/p/.out.lock",
 *   work: "/p/.out.work",
 *   key: "notebooks.",
 * });
 * assert.equal(outputFolderPaths("/p/out").lock, "/p/.out.lock");
 * ```
 */
export function outputFolderPaths(
  outDir: string,
  lockFolder: string = outDir,
): OutputFolderPaths {
  const target = resolve(outDir);
  const owner = resolve(lockFolder);
  if (!isWithin(target, owner)) {
    throw new TypeError(
      `Cannot write output folder "${target}" under the lock of "${owner}": expected a folder inside it`,
    );
  }
  const rel = relative(owner, target);
  return {
    target,
    owner,
    lock: join(dirname(owner), `.${basename(owner)}.lock`),
    work: join(dirname(owner), `.${basename(owner)}.work`),
    key: rel === "" ? "" : `${rel.split(sep).join("+")}.`,
  };
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
 * The temporary folder is created in the work folder next to the outermost
 * output folder (`.NAME.work/`, see {@linkcode outputFolderPaths}), so the
 * final renames stay on one file system and are atomic. Under that folder's
 * lock (`.NAME.lock`; a second run waits), an interrupted earlier run is
 * recovered first: when `outDir` is missing, the newest complete temporary
 * folder, else the backup, is renamed back; every other temporary and backup
 * folder of `outDir` is removed. The entries named in
 * `options.keep` are copied from the existing `outDir`, then `build` writes
 * its files and the marker {@linkcode OUTPUT_MARKER} with the manifest of
 * every file is added last. When `outDir` exists it is renamed to a backup
 * name, the new folder is renamed to `outDir` and the backup is removed; if
 * the swap fails the backup is put back. When `build` throws, the temporary
 * folder is removed, an existing `outDir` is left untouched and the error
 * is rethrown.
 *
 * Before anything is written, `outDir` is refused when
 * - it is equal to or inside a `data/raw` folder, or holds one (such as
 *   `data/` or the project root);
 * - it is equal to, holds or lies inside a folder of `options.protect`, or
 *   a folder reached through a symbolic link below one (symbolic links are
 *   followed for this check);
 * - it exists and is not a folder, or is a symbolic link;
 * - it exists and holds a file that no manifest lists (see the module
 *   documentation) outside the entries of `options.keep`; a marker without
 *   a manifest, from an older tokenbook, vouches for its own folder.
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
 * assert.equal(
 *   await Deno.readTextFile(`${outDir}/${OUTPUT_MARKER}`),
 *   markerText(["summary.txt"]),
 * );
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

  const paths = outputFolderPaths(target, options.lockFolder);
  // Creates the parents too; nothing is created inside the lock folder
  // before the lock is held.
  await Deno.mkdir(paths.work, { recursive: true });
  const lock = await lockOutput(paths);
  try {
    await Deno.mkdir(paths.work, { recursive: true });
    await recoverInterrupted(paths);
    await refuseForeign(target, keep);

    const tmpDir = join(paths.work, `${paths.key}tmp-${randomSuffix()}`);
    await Deno.mkdir(tmpDir);
    try {
      await carryOver(target, tmpDir, keep);
      await build(tmpDir);
      // Written last: a temporary folder holding the marker is complete.
      await Deno.writeTextFile(
        join(tmpDir, OUTPUT_MARKER),
        markerText(await filesBelow(tmpDir)),
      );
    } catch (error) {
      await Deno.remove(tmpDir, { recursive: true });
      throw error;
    }
    await swapIn(tmpDir, paths);
  } finally {
    lock.close();
  }
}

/**
 * Put the complete folder `tmpDir` in place of `target`. The previous folder
 * is renamed to a backup first and removed only once the new one is in
 * place, so a kill at any moment leaves the old folder, the new one, or
 * (between the two renames) the old one as a backup that the next run puts
 * back or replaces ({@linkcode recoverInterrupted}).
 */
async function swapIn(
  tmpDir: string,
  paths: OutputFolderPaths,
): Promise<void> {
  const { target } = paths;
  if (!(await exists(target))) {
    try {
      try {
        await Deno.rename(tmpDir, target);
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
        // Inside a lock folder that does not exist yet (out/ for
        // out/notebooks): create it through the output folder itself, the
        // one path this command may write.
        await Deno.mkdir(target, { recursive: true });
        await Deno.remove(target);
        await Deno.rename(tmpDir, target);
      }
    } catch (error) {
      await Deno.remove(tmpDir, { recursive: true });
      throw error;
    }
    return;
  }
  const backupDir = join(paths.work, `${paths.key}old-${randomSuffix()}`);
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

/** Names of the temporary and backup folders of the output folder with key `key` in its work folder. */
function bookkeeping(key: string): RegExp {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped}(tmp|old)-[0-9a-f]{8}$`);
}

/** Whether a folder entry is writeOutputDir's bookkeeping for some output folder: a lock, a temporary or backup folder. */
function isBookkeeping(entry: string): boolean {
  return /^\..+\.((tmp|old)-[0-9a-f]{8}|lock|work)$/.test(entry);
}

/**
 * Finish or undo a run that was killed: when `target` is missing but a
 * complete temporary folder (it holds the marker, written last) or a backup
 * is there, the newest complete one becomes `target` again, a temporary one
 * first (the new output), else a backup (the old one). Every other
 * temporary or backup folder of `target` is stale and removed. Runs under
 * the output folder's lock, so no other run is using them.
 */
async function recoverInterrupted(paths: OutputFolderPaths): Promise<void> {
  const { target, work, key } = paths;
  const pattern = bookkeeping(key);
  const found: { path: string; kind: "tmp" | "old"; mtime: number }[] = [];
  const scan = async (dir: string, matches: (name: string) => boolean) => {
    try {
      for await (const entry of Deno.readDir(dir)) {
        if (!entry.isDirectory || !matches(entry.name)) continue;
        const path = join(dir, entry.name);
        const info = await Deno.stat(path);
        found.push({
          path,
          kind: /(^|\.)tmp-[0-9a-f]{8}$/.test(entry.name) ? "tmp" : "old",
          mtime: info.mtime?.getTime() ?? 0,
        });
      }
    } catch (error) {
      // A folder this command may not read holds none of its own folders.
      if (
        !(error instanceof Deno.errors.NotCapable ||
          error instanceof Deno.errors.NotFound)
      ) throw error;
    }
  };
  await scan(work, (name) => pattern.test(name));
  // Left by tokenbook versions that kept them next to the folder.
  const legacy = new RegExp(
    `^\\.${
      basename(target).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    }\\.(tmp|old)-[0-9a-f]{8}$`,
  );
  await scan(dirname(target), (name) => legacy.test(name));
  if (found.length === 0) return;
  if (!(await exists(target))) {
    const complete: typeof found = [];
    for (const candidate of found) {
      if (await hasMarker(candidate.path)) complete.push(candidate);
    }
    complete.sort((a, b) =>
      (a.kind === b.kind ? 0 : a.kind === "tmp" ? -1 : 1) || b.mtime - a.mtime
    );
    const restored = complete[0];
    if (restored !== undefined) await Deno.rename(restored.path, target);
  }
  for (const stale of found) {
    if (await exists(stale.path)) {
      await Deno.remove(stale.path, { recursive: true });
    }
  }
}

/** An exclusive lock on an output folder, held until closed. */
interface OutputLock {
  /** Release the lock. */
  close(): void;
}

/**
 * Take the lock of an output folder: an exclusive lock on its lock file
 * (`.NAME.lock` next to the outermost output folder), which the operating
 * system releases when the process ends, also on a kill. A second run into
 * the same folder, or into a folder inside it, waits for the first one to
 * finish (and says so) instead of interleaving with it. Closing removes the
 * file and the work folder when it is empty; a waiter that then holds a lock
 * on the removed file notices (the path no longer names the file it locked)
 * and tries again. A lock file that disappears or is replaced while held
 * (another program removed it) is an {@linkcode OutputDirError}.
 */
async function lockOutput(paths: OutputFolderPaths): Promise<OutputLock> {
  const path = paths.lock;
  let waiting = false;
  for (;;) {
    let file: Deno.FsFile;
    try {
      file = await Deno.open(path, { create: true, write: true });
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      await Deno.mkdir(paths.work, { recursive: true });
      continue; // the parent was removed with an emptied work folder
    }
    try {
      if (!(await file.tryLock(true))) {
        if (!waiting) {
          console.error(
            `waiting for another tokenbook run writing "${paths.owner}" to finish…`,
          );
          waiting = true;
        }
        await file.lock(true);
      }
      const locked = (await file.stat()).ino;
      const current = await Deno.stat(path).then((i) => i.ino, () => null);
      if (locked !== null && locked === current) {
        return {
          close: () => {
            const now = (() => {
              try {
                return Deno.statSync(path).ino;
              } catch {
                return null;
              }
            })();
            try {
              if (now !== locked) {
                throw new OutputDirError(
                  `Lost the lock "${path}" of output folder "${paths.target}": the file was ${
                    now === null ? "removed" : "replaced"
                  } while this run held it (another program touched it): the folder was written, but another run may have written it at the same time; run the command again`,
                );
              }
              Deno.removeSync(path);
              try {
                Deno.removeSync(paths.work); // only when empty
              } catch {
                // still in use, or already gone
              }
            } finally {
              file.close();
            }
          },
        };
      }
    } catch (error) {
      file.close();
      throw error;
    }
    file.close(); // the lock file was replaced while we waited: try again
  }
}

/**
 * The text of the marker file of a folder holding `files`:
 * {@linkcode OUTPUT_MARKER_TEXT}, then the manifest, one relative path a
 * line, sorted as given. Its files are the ones tokenbook may replace.
 *
 * @param files The folder's files, relative with `/`, the marker left out.
 * @returns The marker file's text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(
 *   markerText(["charts/a.svg", "report.md"]),
 *   OUTPUT_MARKER_TEXT + "Files written by tokenbook:\ncharts/a.svg\nreport.md\n",
 * );
 * ```
 */
export function markerText(files: readonly string[]): string {
  return `${OUTPUT_MARKER_TEXT}${MANIFEST_HEADING}\n${
    files.map((file) => `${file}\n`).join("")
  }`;
}

/**
 * The manifest in the marker file of `dir`: the files tokenbook wrote there,
 * relative to `dir`; `"legacy"` for a marker without a manifest (written
 * before manifests), null when there is no marker.
 */
async function readManifest(
  dir: string,
): Promise<Set<string> | "legacy" | null> {
  if (!(await hasMarker(dir))) return null;
  const text = await Deno.readTextFile(join(dir, OUTPUT_MARKER));
  const at = text.indexOf(`${MANIFEST_HEADING}\n`);
  if (at < 0) return "legacy";
  return new Set(
    text.slice(at + MANIFEST_HEADING.length + 1).split("\n").filter((line) =>
      line !== ""
    ),
  );
}

/** Every file below `dir` (links count as files and are not followed), relative, sorted; the marker left out. */
async function filesBelow(dir: string, rel = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(join(dir, rel))) {
    const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory) out.push(...await filesBelow(dir, path));
    else if (path !== OUTPUT_MARKER) out.push(path);
  }
  return out.sort();
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
    // A folder below it may be a link to a folder elsewhere (data/raw ->
    // archive/raw): writing into the link's target writes into the data.
    for (const real of await linkedFolders(guarded)) {
      if (isWithin(realTarget, real) || isWithin(real, realTarget)) {
        throw new OutputDirError(
          `Cannot write output folder "${target}": it ${
            isWithin(realTarget, real) ? "is inside" : "holds"
          } "${real}", a folder of the input folder "${guarded}" (through a symbolic link), which no command may write into; choose another --out`,
        );
      }
    }
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

/**
 * Throw when `target` exists and replacing it could delete something
 * tokenbook did not write: every file in it must be listed in the manifest of
 * the marker of its own folder or of a tokenbook folder it lies in (a folder
 * holding its own marker is checked against its own manifest), or lie in an
 * entry of `keep`. A marker without a manifest (written by an older
 * tokenbook) vouches for its own folder only; a marker in a parent folder
 * vouches only for the files its manifest lists, so `--out out/mine` never
 * replaces a user's folder inside an output folder.
 */
async function refuseForeign(
  target: string,
  keep: readonly string[],
): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(target);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  if (!info.isDirectory) {
    throw new OutputDirError(
      `Cannot write output folder "${target}": it exists and is ${
        info.isSymlink ? "a symbolic link" : "not a folder"
      }; remove it or choose another --out`,
    );
  }
  const foreign: string[] = [];
  let scope = await readManifest(target);
  let prefix = "";
  if (scope === null) {
    // Vouched for by the manifest of a tokenbook folder it lies in?
    for (let dir = dirname(target); dirname(dir) !== dir; dir = dirname(dir)) {
      const manifest = await readManifest(dir);
      if (manifest === null) continue;
      if (manifest !== "legacy") {
        scope = manifest;
        prefix = `${relative(dir, target).split(sep).join("/")}/`;
      }
      break;
    }
  }
  await collectForeign(
    target,
    "",
    scope === null ? new Set() : scope,
    prefix,
    keep,
    foreign,
  );
  if (foreign.length === 0) return;
  const shown = foreign.slice(0, 5).map((f) => `"${f}"`).join(", ");
  const more = foreign.length > 5 ? ` and ${foreign.length - 5} more` : "";
  throw new OutputDirError(
    `Cannot write output folder "${target}": it exists and holds ${foreign.length} file(s) tokenbook did not write (${shown}${more}); move them elsewhere or choose another --out`,
  );
}

/** Add to `foreign` every file below `dir/rel` that `scope` (paths relative to the scope's folder, under `prefix`) does not list. */
async function collectForeign(
  dir: string,
  rel: string,
  scope: Set<string> | "legacy",
  prefix: string,
  keep: readonly string[],
  foreign: string[],
): Promise<void> {
  const entries: Deno.DirEntry[] = [];
  for await (const entry of Deno.readDir(join(dir, rel))) entries.push(entry);
  entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const entry of entries) {
    const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (rel === "" && keep.includes(entry.name)) continue;
    if (isBookkeeping(entry.name)) continue;
    if (entry.isDirectory) {
      const own = await readManifest(join(dir, path));
      if (own !== null) {
        await collectForeign(join(dir, path), "", own, "", [], foreign);
      } else {
        await collectForeign(dir, path, scope, prefix, keep, foreign);
      }
      continue;
    }
    if (entry.name === OUTPUT_MARKER && scope !== null) continue;
    if (scope === "legacy" || scope.has(`${prefix}${path}`)) continue;
    foreign.push(join(dir, path));
  }
}

/**
 * The real paths of the folders below `root` reached through a symbolic
 * link (followed to a depth of 4, each real folder once), so an output
 * folder can be refused when it lies in one of them.
 */
async function linkedFolders(root: string, depth = 4): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  async function walk(dir: string, level: number): Promise<void> {
    let real: string;
    try {
      real = await Deno.realPath(dir);
    } catch {
      return;
    }
    if (seen.has(real) || level > depth) return;
    seen.add(real);
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(dir));
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isSymlink) {
        try {
          if ((await Deno.stat(path)).isDirectory) {
            out.push(await Deno.realPath(path));
          }
        } catch {
          continue; // broken or looping: nothing to write into
        }
      }
      if (entry.isDirectory || entry.isSymlink) await walk(path, level + 1);
    }
  }
  await walk(root, 0);
  return out;
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
      error instanceof Deno.errors.PermissionDenied ||
      error instanceof Deno.errors.NotCapable
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
      // A folder the command may not read: leave the rest as written.
      if (error instanceof Deno.errors.NotCapable) return join(head, ...rest);
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
