// Sanitising the notebooks' HTML renderings (lib/tooling/notebook_sanitise.ts).
import assert from "node:assert/strict";
import {
  disarmNotebookOutputs,
  HTML_POLICY,
  withScriptsForbidden,
} from "../../lib/tooling/notebook_sanitise.ts";
import * as runner from "../../lib/tooling/notebook_runner.ts";

Deno.test("withScriptsForbidden() puts the policy first in <head>, whatever its attributes, or first in a page without one", () => {
  const meta =
    `<meta http-equiv="Content-Security-Policy" content="${HTML_POLICY}">`;
  assert.equal(
    withScriptsForbidden(
      '<html><head lang="en"><script>x()</script></head></html>',
    ),
    `<html><head lang="en">${meta}<script>x()</script></head></html>`,
  );
  assert.equal(withScriptsForbidden("<p>x</p>"), `${meta}<p>x</p>`);
  assert.match(HTML_POLICY, /script-src 'none'/);
});

Deno.test("disarmNotebookOutputs() disarms Markdown outputs given as text or as lines, and leaves other outputs alone", () => {
  const notebook = {
    cells: [
      {
        cell_type: "code",
        outputs: [
          {
            output_type: "display_data",
            data: { "text/markdown": ["<img ", "src=x onerror=alert(1)>"] },
          },
          {
            output_type: "display_data",
            data: { "text/plain": "<b>kept</b>" },
          },
        ],
      },
      { cell_type: "markdown" },
    ],
  };
  const out = JSON.parse(disarmNotebookOutputs(JSON.stringify(notebook)));
  assert.equal(
    out.cells[0].outputs[0].data["text/markdown"],
    "&lt;img src=x onerror=alert(1)>",
  );
  assert.equal(out.cells[0].outputs[1].data["text/plain"], "<b>kept</b>");
});

Deno.test("the runner still exports the sanitising and error functions it exported before the split", () => {
  assert.equal(runner.withScriptsForbidden, withScriptsForbidden);
  assert.equal(runner.disarmNotebookOutputs, disarmNotebookOutputs);
  assert.equal(runner.HTML_POLICY, HTML_POLICY);
  for (
    const name of [
      "parseExecutionError",
      "formatCellFailure",
      "NotebookExecutionError",
      "stripAnsi",
    ]
  ) {
    assert.equal(
      typeof (runner as Record<string, unknown>)[name],
      "function",
      name,
    );
  }
});
