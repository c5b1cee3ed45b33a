/**
 * Sanitising the notebooks' HTML renderings: Markdown outputs disarmed
 * before rendering (text from the data cannot become HTML) and a
 * Content-Security-Policy that forbids every script in the page.
 *
 * @module
 */
import { disarmMarkdownHtml } from "../text/escape.ts";

/**
 * The Content-Security-Policy every HTML rendering carries: no script runs
 * (inline, external or in an event handler such as `onerror`), nothing is
 * fetched from the network, no plugin or form; styles and embedded images
 * (`data:`) still show.
 */
export const HTML_POLICY =
  "default-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/**
 * Put {@linkcode HTML_POLICY} first in an HTML page's `<head>`, so a browser
 * opening the page runs no script, whatever text from the data it shows.
 *
 * @param html A whole HTML page, as nbconvert writes it.
 * @returns The page with the policy as its first `<head>` element (put
 * first in the page when it has no `<head>` tag: the HTML parser then
 * places it in the implied head).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const page = withScriptsForbidden("<html><head><title>t</title></head><body></body></html>");
 * assert.match(page, /^<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'none'/);
 * assert.match(withScriptsForbidden("<p>x</p>"), /^<meta http-equiv="Content-Security-Policy"/);
 * ```
 */
export function withScriptsForbidden(html: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  const at = head === null ? 0 : head.index + head[0].length;
  return `${
    html.slice(0, at)
  }<meta http-equiv="Content-Security-Policy" content="${HTML_POLICY}">${
    html.slice(at)
  }`;
}

/**
 * An executed notebook's JSON with every Markdown output disarmed (see
 * `disarmMarkdownHtml`): text from the data interpolated into
 * `Deno.jupyter.md` cannot become HTML in the rendering.
 *
 * @param text The executed notebook's JSON text.
 * @returns The notebook's JSON text, outputs disarmed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const nb = { cells: [{ cell_type: "code", outputs: [{ output_type: "display_data", data: { "text/markdown": "<script>x</script>" } }] }] };
 * const out = JSON.parse(disarmNotebookOutputs(JSON.stringify(nb)));
 * assert.equal(out.cells[0].outputs[0].data["text/markdown"], "&lt;script>x&lt;/script>");
 * ```
 */
export function disarmNotebookOutputs(text: string): string {
  const notebook = JSON.parse(text) as {
    cells?: { outputs?: { data?: Record<string, unknown> }[] }[];
  };
  for (const cell of notebook.cells ?? []) {
    for (const output of cell.outputs ?? []) {
      const markdown = output.data?.["text/markdown"];
      if (typeof markdown === "string") {
        output.data!["text/markdown"] = disarmMarkdownHtml(markdown);
      } else if (Array.isArray(markdown)) {
        output.data!["text/markdown"] = disarmMarkdownHtml(markdown.join(""));
      }
    }
  }
  return JSON.stringify(notebook, null, 1);
}
