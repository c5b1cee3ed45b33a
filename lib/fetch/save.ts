/**
 * Save API responses verbatim, all or nothing: each body goes to a temporary
 * file next to its target (a name the loaders ignore), is checked there, and
 * is renamed into place only when every file of the batch is ready. An
 * existing file is never replaced: the same content is left as it is, other
 * content goes under the alternative name.
 *
 * @module
 */

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
  return `${dir}/${name}.partial-${crypto.randomUUID().slice(0, 8)}`;
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
        const path = `${file.dir}/${name}`;
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
