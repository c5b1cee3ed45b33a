/**
 * After `deno task notebooks` replaced `out/notebooks/`, relink them from
 * the gallery the report wrote: linked when they ran on the report's data,
 * listed as older otherwise. No polars: the notebooks task runs without ffi.
 *
 * @module
 */
import { galleryLinks, linksHtml, notebookPages } from "../charts/gallery.ts";
import {
  notebookFreshness,
  readNotebookRun,
} from "../tooling/notebook_record.ts";

/**
 * Rewrite the links of an output folder's gallery (`index.html`) after
 * `deno task notebooks` replaced `notebooks/`: the notebooks are linked when
 * they ran on the report's data (`summary.json`'s rankings period and
 * `as_of`), listed as older otherwise. The page is replaced whole (a
 * temporary file, then a rename); nothing else changes.
 *
 * @param outDir The output folder.
 * @returns True when the gallery was rewritten; false when the folder has no
 * `index.html` or no `summary.json` (no report yet, or one that predates it).
 */
export async function relinkGallery(outDir: string): Promise<boolean> {
  let html: string;
  let summary: {
    data?: { rankings?: [string, string] | null; as_of?: string | null };
  };
  try {
    html = await Deno.readTextFile(`${outDir}/index.html`);
    summary = JSON.parse(await Deno.readTextFile(`${outDir}/summary.json`));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
  const block = / {2}<ul class="links">\n[\s\S]*?\n {2}<\/ul>\n/;
  if (!block.test(html)) return false;
  const fresh = notebookFreshness(await readNotebookRun(outDir), {
    rankings: summary.data?.rankings ?? null,
    as_of: summary.data?.as_of ?? null,
  });
  const next = html.replace(
    block,
    linksHtml(
      galleryLinks(await notebookPages(outDir), {
        docs: await Deno.stat(`${outDir}/docs/index.html`).then(
          (info) => info.isFile,
          () => false,
        ),
        freshness: fresh,
      }),
    ),
  );
  // A fixed name, so the notebooks task's --allow-write can name it (its runs
  // on one output folder hold the folder's lock, so no two write it at once).
  const temporary = `${outDir}/.index.html.tmp`;
  await Deno.writeTextFile(temporary, next);
  await Deno.rename(temporary, `${outDir}/index.html`);
  return true;
}
