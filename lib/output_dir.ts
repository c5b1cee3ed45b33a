/**
 * Write an output folder whole or not at all.
 *
 * Commands that produce files (notebooks, report, charts) build them in a
 * fresh temporary folder next to the destination and swap it in with
 * renames, so a failed run never leaves a half-written folder behind and a
 * reader never sees a mix of old and new files.
 *
 * @module
 */

import { basename, dirname, join, resolve, sep } from "node:path";

/**
 * Build an output folder in a temporary sibling folder, then swap it in
 * place of `outDir`.
 *
 * The temporary folder is created in the same parent as `outDir`, so the
 * final renames stay on one file system and are atomic. When `outDir`
 * exists it is renamed to a backup name, the new folder is renamed to
 * `outDir` and the backup is removed; if the swap fails the backup is put
 * back. When `build` throws, the temporary folder is removed, an existing
 * `outDir` is left untouched and the error is rethrown.
 *
 * No command may write into raw data: an `outDir` equal to or inside a
 * `data/raw` folder, or one that holds a `data/raw` folder (such as `data/`
 * or the project root), is refused before anything is written.
 *
 * @param outDir The folder to write, absolute or relative to the working directory.
 * @param build Writes every output file into the folder it is given.
 * @returns Resolves once `outDir` holds exactly what `build` wrote.
 * @throws {RangeError} When `outDir` is or would replace a `data/raw` folder.
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
 */
export async function writeOutputDir(
  outDir: string,
  build: (tmpDir: string) => Promise<void>,
): Promise<void> {
  const target = resolve(outDir);
  await refuseRawData(target);

  const parent = dirname(target);
  const name = basename(target);
  await Deno.mkdir(parent, { recursive: true });
  const tmpDir = join(parent, `.${name}.tmp-${randomSuffix()}`);
  await Deno.mkdir(tmpDir);

  try {
    await build(tmpDir);
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

/** Throw a RangeError when `target` (absolute) is or would replace raw data. */
async function refuseRawData(target: string): Promise<void> {
  const segments = target.split(sep);
  for (let i = 0; i + 1 < segments.length; i++) {
    if (segments[i] === "data" && segments[i + 1] === "raw") {
      throw new RangeError(
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
      throw new RangeError(
        `Cannot write output folder "${target}": replacing it would remove the raw data folder "${raw}"`,
      );
    }
  }
}

/** Whether a path exists (without following a final symlink). */
async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Eight random hex digits for a temporary folder name. */
function randomSuffix(): string {
  return crypto.randomUUID().slice(0, 8);
}
