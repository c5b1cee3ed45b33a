/**
 * One display helper for frames in notebooks: chosen columns, numbers rounded
 * to meaningful digits with units (T/B tokens, USD, percent, ×), long text
 * wrapped or shortened, and a table that never grows wider than the page.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { formatTokens, formatUsd, formatUsdPerMtok } from "./format.ts";
import { escapeDollars, JUPYTER_DISPLAY } from "./markdown.ts";
import { escapeHtml, visibleText } from "./escape.ts";

/**
 * How a column's values are written.
 *
 * - `tokens`: a token count with a T/B/M/K unit, 3 significant digits (`3.43T`).
 * - `usd`: US dollars ({@linkcode formatUsd}: `$0.0078`, `$2,397,302.04`).
 * - `usd_per_mtok`: a price in USD per million tokens (`$0.098/M`).
 * - `percent`: a fraction 0–1 as a percentage, 1 decimal (`45.3%`).
 * - `change`: a fraction as a signed percentage (`+12.3%`, `-4.0%`).
 * - `multiple`: a ratio with 3 significant digits and `×` (`26.3×`).
 * - `integer`: a whole number with thousands separators (`1,530`).
 * - `number`: 3 significant digits, thousands separators (`0.47`, `1,230`).
 * - `text`: as is, shortened to `maxTextChars` with `…`.
 */
export type ColumnFormat =
  | "tokens"
  | "usd"
  | "usd_per_mtok"
  | "percent"
  | "change"
  | "multiple"
  | "integer"
  | "number"
  | "text";

/** Options of {@linkcode showTable}. */
export interface TableOptions {
  /** The columns to show, in this order (default: all). */
  columns?: readonly string[];
  /** Formats by column; the others are told from the column's name and type ({@linkcode columnFormat}). */
  formats?: Readonly<Record<string, ColumnFormat>>;
  /** Header text by column (default: the column's name). */
  labels?: Readonly<Record<string, string>>;
  /** Rows shown; the rest are counted in a last line (default 50). */
  maxRows?: number;
  /** Text cells longer than this are shortened with `…`; the full text is the cell's tooltip (default 90). */
  maxTextChars?: number;
  /** A caption above the table. */
  caption?: string;
}

/** A frame ready for display: HTML for Jupyter, aligned text for a terminal. */
export interface Table {
  /** The HTML table (inside a block that keeps it within the page). */
  readonly html: string;
  /** Aligned plain text. */
  readonly text: string;
  /** The formatted cells, header first. */
  readonly cells: string[][];
  /** The Jupyter mime bundle (the Deno kernel calls this to display the value). */
  [JUPYTER_DISPLAY](): Record<string, string>;
}

const NUMERIC = /^(Int|UInt|Float)/;

/**
 * Tell a column's format from its name and type: a count (`n_*`,
 * `weeks_*`, `days_*`, `count_*`, `*_count`) → integer (number when float),
 * whatever it counts; `*_usd` and `usd` → usd;
 * `*price*` and `*usd_per_mtok*` → usd_per_mtok; `*tokens*` → tokens;
 * `*share*` → percent; float `*change*` → change; `ratio`/`*multiple*` →
 * multiple; `rho*` and `p_*` (correlations, p-values) → number; other
 * integers → integer; other floats → number; anything else → text.
 *
 * @param name The column's name.
 * @param dtype The column's polars type name, as `series.dtype.variant` (`Float64`, `Int64`, `String`…).
 * @returns The format.
 * @throws Never.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(columnFormat("cache_aware_usd", "Float64"), "usd");
 * assert.equal(columnFormat("prev_tokens", "Float64"), "tokens");
 * assert.equal(columnFormat("wow_change", "Float64"), "change");
 * assert.equal(columnFormat("rank", "Int64"), "integer");
 * assert.equal(columnFormat("model", "String"), "text");
 * assert.equal(columnFormat("n_price", "Int64"), "integer");
 * assert.equal(columnFormat("weeks_p_price", "Float64"), "number");
 * ```
 */
export function columnFormat(name: string, dtype: string): ColumnFormat {
  if (!NUMERIC.test(dtype)) return "text";
  const n = name.toLowerCase();
  const float = dtype.startsWith("Float");
  if (n.startsWith("rho") || n.startsWith("p_")) return "number";
  // A count is a count whatever it counts: n_price, weeks_p_price, days_in_top50.
  if (/^(n|weeks|days|count)_|_count$/.test(n)) {
    return float ? "number" : "integer";
  }
  if (n.includes("usd_per_mtok") || n.includes("price")) return "usd_per_mtok";
  if (n === "usd" || n.endsWith("_usd") || n.startsWith("usd_")) return "usd";
  if (n.includes("tokens")) return "tokens";
  if (n.includes("share")) return "percent";
  if (n.includes("change") && float) return "change";
  if (n === "ratio" || n.includes("multiple")) return "multiple";
  return float ? "number" : "integer";
}

/**
 * Write one value in a format. Missing values (null, undefined, NaN) are
 * empty; booleans are `yes`/`no`; a text format applied to a number writes it
 * as a number.
 *
 * @param value The cell's value.
 * @param format How to write it.
 * @param maxTextChars Longest text kept whole (default 90).
 * @returns The cell text.
 * @throws Never.
 *
 * @example Meaningful digits and units
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(formatCell(0.4700318308807618, "number"), "0.47");
 * assert.equal(formatCell(3_431_000_000_000, "tokens"), "3.43T");
 * assert.equal(formatCell(822_849_000_000, "tokens"), "823B");
 * assert.equal(formatCell(0.1234, "change"), "+12.3%");
 * assert.equal(formatCell(26.25, "multiple"), "26.3×");
 * assert.equal(formatCell(1530, "integer"), "1,530");
 * assert.equal(formatCell(null, "usd"), "");
 * ```
 */
export function formatCell(
  value: unknown,
  format: ColumnFormat,
  maxTextChars = 90,
): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "bigint") value = Number(value);
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "";
    if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
    switch (format) {
      case "tokens":
        return tokensText(value);
      case "usd":
        return formatUsd(value);
      case "usd_per_mtok":
        return formatUsdPerMtok(value);
      case "percent":
        return `${(value * 100).toFixed(1)}%`;
      case "change":
        return `${value > 0 ? "+" : ""}${(value * 100).toFixed(1)}%`;
      case "multiple":
        return `${significant(value, 3)}×`;
      case "integer":
        return Number.isInteger(value)
          ? value.toLocaleString("en-US")
          : significant(value);
      default:
        return significant(value);
    }
  }
  if (Array.isArray(value)) value = value.join(", ");
  const text = value instanceof Date
    ? value.toISOString().slice(0, 10)
    : String(value);
  return text.length > maxTextChars
    ? `${text.slice(0, maxTextChars - 1).trimEnd()}…`
    : text;
}

/** 3 significant digits (all integer digits kept), en-US separators, no exponent; trailing zeros kept down to `minDigits`. */
function significant(value: number, minDigits = 1): string {
  if (value === 0) return "0";
  const digits = Math.max(3, Math.floor(Math.log10(Math.abs(value))) + 1);
  return value.toLocaleString("en-US", {
    maximumSignificantDigits: digits,
    minimumSignificantDigits: Math.min(minDigits, digits),
  });
}

/** A token count with its unit and 3 significant digits. */
function tokensText(tokens: number): string {
  const text = formatTokens(tokens, 2);
  const match = /^(-?\d+)\.\d+([KMBT])$/.exec(text);
  if (match === null) return text;
  const digits = Math.max(0, 3 - match[1].replace("-", "").length);
  return formatTokens(tokens, digits);
}

/**
 * Show a frame as a readable table: the chosen columns, numbers with units
 * and meaningful digits ({@linkcode formatCell}), long text shortened, at
 * most `maxRows` rows. The HTML wraps text and keeps the table within the
 * page width; dollar signs are protected from MathJax.
 *
 * @param frame The frame to show.
 * @param options Columns, formats, labels, row and text limits, caption.
 * @returns The table; the last expression of a notebook cell displays it.
 * @throws {TypeError} When a chosen column is not in the frame.
 *
 * @example Chosen columns with units
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const frame = pl.DataFrame({ model: ["A", "B"], tokens: [3.431e12, 8.2e11], share: [0.47003, 0.1], extra: [1, 2] });
 * const table = showTable(frame, { columns: ["model", "tokens", "share"] });
 * assert.deepEqual(table.cells, [["model", "tokens", "share"], ["A", "3.43T", "47.0%"], ["B", "820B", "10.0%"]]);
 * assert.match(table.html, /max-width: ?100%/);
 * ```
 */
export function showTable(
  frame: pl.DataFrame,
  options: TableOptions = {},
): Table {
  const columns = options.columns ?? frame.columns;
  const missing = columns.filter((column) => !frame.columns.includes(column));
  if (missing.length > 0) {
    throw new TypeError(
      `Cannot show the table: column ${
        missing.map((c) => JSON.stringify(c)).join(", ")
      } is not in the frame, expected one of ${frame.columns.join(", ")}`,
    );
  }
  const maxRows = options.maxRows ?? 50;
  const maxText = options.maxTextChars ?? 90;
  const formats = columns.map((column) =>
    options.formats?.[column] ??
      columnFormat(column, frame.getColumn(column).dtype.variant)
  );
  const shown = frame.head(maxRows);
  const values = columns.map((column) => shown.getColumn(column).toArray());
  const header = columns.map((column) => options.labels?.[column] ?? column);
  const rows = Array.from(
    { length: shown.height },
    (_, r) =>
      columns.map((_, c) => formatCell(values[c][r], formats[c], maxText)),
  );
  const fullText = Array.from(
    { length: shown.height },
    (_, r) => columns.map((_, c) => values[c][r]),
  );
  const more = frame.height - shown.height;
  const cells = [header, ...rows];
  return {
    cells,
    html: tableHtml(header, rows, fullText, formats, more, options.caption),
    text: tableText(cells, formats, more, options.caption),
    [JUPYTER_DISPLAY]() {
      return { "text/html": this.html, "text/plain": this.text };
    },
  };
}

function tableHtml(
  header: string[],
  rows: string[][],
  full: unknown[][],
  formats: ColumnFormat[],
  more: number,
  caption?: string,
): string {
  const align = (c: number) => formats[c] === "text" ? "left" : "right";
  const cell = (text: string, c: number, whole: unknown) => {
    const title = formats[c] === "text" && String(whole) !== text
      ? ` title="${escapeHtml(String(whole))}"`
      : "";
    const wrap = formats[c] === "text"
      ? "white-space: normal; overflow-wrap: break-word; min-width: 6em;"
      : "white-space: nowrap;";
    return `<td style="text-align: ${align(c)}; ${wrap}"${title}>${
      escapeDollars(escapeHtml(text))
    }</td>`;
  };
  const lines = [
    '<div class="tokenbook-table tex2jax_ignore" style="max-width: 100%; overflow-x: auto;">',
    '<table style="max-width: 100%; table-layout: auto; border-collapse: collapse;">',
  ];
  if (caption !== undefined) {
    lines.push(
      `<caption style="text-align: left;">${
        escapeDollars(escapeHtml(caption))
      }</caption>`,
    );
  }
  lines.push(
    `<thead><tr>${
      header.map((h, c) =>
        `<th style="text-align: ${align(c)}; white-space: normal;">${
          // A long column name may break after each underscore.
          escapeDollars(escapeHtml(h)).replaceAll("_", "_<wbr>")}</th>`
      ).join("")
    }</tr></thead>`,
    "<tbody>",
    ...rows.map((row, r) =>
      `<tr>${row.map((text, c) => cell(text, c, full[r][c])).join("")}</tr>`
    ),
    "</tbody>",
    "</table>",
  );
  if (more > 0) lines.push(`<p>… and ${more} more rows</p>`);
  lines.push("</div>");
  return lines.join("\n");
}

function tableText(
  raw: string[][],
  formats: ColumnFormat[],
  more: number,
  caption?: string,
): string {
  // Control characters shown as \u{…}, as in the terminal.
  const cells = raw.map((row) => row.map(visibleText));
  const widths = cells[0].map((_, c) =>
    Math.max(...cells.map((row) => row[c].length))
  );
  const lines = cells.map((row) =>
    row.map((text, c) =>
      formats[c] === "text" ? text.padEnd(widths[c]) : text.padStart(widths[c])
    ).join("  ").trimEnd()
  );
  if (caption !== undefined) lines.unshift(caption);
  if (more > 0) lines.push(`… and ${more} more rows`);
  return lines.join("\n");
}
