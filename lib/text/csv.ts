/**
 * CSV output for spreadsheets: one policy shared by every CSV tokenbook
 * writes (`tables/*.csv`, `whatif.csv`).
 *
 * - A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
 *   is prefixed with `'`, as OWASP advises against CSV injection, so a
 *   spreadsheet shows `=HYPERLINK(…)` as text instead of running it.
 * - Control and invisible characters in a text cell are shown as `\u{…}`
 *   (as the terminal shows them), so a file printed with `cat` cannot move
 *   the cursor or set the terminal's title.
 * - Numeric, boolean and date columns are never touched: `-0.25` stays a
 *   number.
 *
 * @module
 */
import pl from "nodejs-polars";
import { visibleText } from "./escape.ts";

/**
 * A text cell as a spreadsheet may safely read it (see the module text).
 *
 * @param text The cell's text.
 * @returns The text with control characters shown and a formula start disarmed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(csvTextCell('=HYPERLINK("http://x","y")'), `'=HYPERLINK("http://x","y")`);
 * assert.equal(csvTextCell("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
 * assert.equal(csvTextCell("-2+3"), "'-2+3");
 * assert.equal(csvTextCell("@SUM(A1)"), "'@SUM(A1)");
 * assert.equal(csvTextCell("\tx"), "'\\u{9}x");
 * assert.equal(csvTextCell("\u001b]0;pwned\u0007"), "\\u{1b}]0;pwned\\u{7}");
 * assert.equal(csvTextCell("anthropic/claude-sonnet-4.6"), "anthropic/claude-sonnet-4.6");
 * ```
 */
export function csvTextCell(text: string): string {
  const disarmed = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return visibleText(disarmed);
}

/**
 * A frame as CSV text (polars' writer: a header line, RFC 4180 quoting,
 * ending in a newline), every text column passed through
 * {@linkcode csvTextCell}; other columns are written as they are.
 *
 * @param frame The table.
 * @returns The CSV text.
 *
 * @example Numbers untouched, a formula in a name disarmed
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const frame = pl.DataFrame({ app: ["=1+1", "Cline"], change: [-0.5, 0.25] });
 * assert.equal(frameToCsv(frame), "app,change\n'=1+1,-0.5\nCline,0.25\n");
 * ```
 */
export function frameToCsv(frame: pl.DataFrame): string {
  let safe = frame;
  for (const name of frame.columns) {
    const series = frame.getColumn(name);
    if (
      !series.dtype.equals(pl.String) && !series.dtype.equals(pl.Categorical)
    ) continue;
    const values = (series.cast(pl.String).toArray() as (string | null)[])
      .map((v) => typeof v === "string" ? csvTextCell(v) : v);
    safe = safe.withColumns(pl.Series(name, values, pl.String));
  }
  const text = safe.writeCSV().toString();
  return text.endsWith("\n") ? text : `${text}\n`;
}
