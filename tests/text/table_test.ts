import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { columnFormat, formatCell, showTable } from "../../lib/text/table.ts";
import { JUPYTER_DISPLAY } from "../../lib/text/markdown.ts";

// Expected cells worked out by hand from the documented formats: tokens with
// 3 significant digits and a T/B/M/K unit, USD as formatUsd writes it,
// fractions as percentages with 1 decimal, other floats to 3 significant digits.

Deno.test("formatCell() rounds floats to 3 significant digits instead of printing 0.4700318308807618", () => {
  assert.equal(formatCell(0.4700318308807618, "number"), "0.47");
  assert.equal(formatCell(12345.678, "number"), "12,346");
  assert.equal(formatCell(0.000123456, "number"), "0.000123");
  assert.equal(formatCell(-2.5, "number"), "-2.5");
});

Deno.test("formatCell() writes token counts with units and 3 significant digits", () => {
  assert.equal(formatCell(5_740_000_000_000, "tokens"), "5.74T");
  assert.equal(formatCell(82_280_000_000, "tokens"), "82.3B");
  assert.equal(formatCell(822_849_000_000, "tokens"), "823B");
  assert.equal(formatCell(950, "tokens"), "950");
});

Deno.test("formatCell() writes USD, prices, shares, changes and multiples with their units", () => {
  assert.equal(formatCell(2397302.04, "usd"), "$2,397,302.04");
  assert.equal(formatCell(0.00784, "usd"), "$0.0078");
  assert.equal(formatCell(0.098, "usd_per_mtok"), "$0.098/M");
  assert.equal(formatCell(0.45321, "percent"), "45.3%");
  assert.equal(formatCell(-0.04, "change"), "-4.0%");
  assert.equal(formatCell(26.25, "multiple"), "26.3×");
  assert.equal(formatCell(45, "multiple"), "45.0×");
  assert.equal(formatCell(1530, "integer"), "1,530");
});

Deno.test("formatCell() leaves missing values empty, writes booleans as yes/no and shortens long text", () => {
  assert.equal(formatCell(null, "usd"), "");
  assert.equal(formatCell(Number.NaN, "number"), "");
  assert.equal(formatCell(true, "text"), "yes");
  assert.equal(formatCell("a".repeat(20), "text", 10), "aaaaaaaaa…");
  assert.equal(formatCell(["pt-40", "pt-41"], "text"), "pt-40, pt-41");
});

Deno.test("columnFormat() reads the unit from the column name, and only for numbers", () => {
  assert.equal(columnFormat("published_usd", "Float64"), "usd");
  assert.equal(columnFormat("input_usd_per_mtok", "Float64"), "usd_per_mtok");
  assert.equal(columnFormat("tokens_7d_from_day", "Float64"), "tokens");
  assert.equal(columnFormat("dollar_share_cache_aware", "Float64"), "percent");
  assert.equal(columnFormat("wow_change", "Float64"), "change");
  assert.equal(columnFormat("rank_change", "Int64"), "integer");
  assert.equal(columnFormat("ratio", "Float64"), "multiple");
  assert.equal(columnFormat("days_covered", "Int32"), "integer");
  assert.equal(columnFormat("rho_share_score", "Float64"), "number");
  assert.equal(columnFormat("p_share_price", "Float64"), "number");
  assert.equal(columnFormat("tokens", "String"), "text");
});

const frame = pl.DataFrame({
  model: ["DeepSeek V4 Flash", "Claude Sonnet 4.5", "GPT-5"],
  tokens: [1.2345e12, 6.789e11, 5e9],
  total_usd: [0.00784, 0.2106, 105],
  note: ["$0.008 vs $0.21", "short", "x".repeat(200)],
});

Deno.test("showTable() shows only the chosen columns, in order, with labels", () => {
  const table = showTable(frame, {
    columns: ["total_usd", "model"],
    labels: { total_usd: "USD per task" },
  });
  assert.deepEqual(table.cells, [
    ["USD per task", "model"],
    ["$0.0078", "DeepSeek V4 Flash"],
    ["$0.211", "Claude Sonnet 4.5"],
    ["$105.00", "GPT-5"],
  ]);
  assert.equal(
    table.text,
    [
      "USD per task  model",
      "     $0.0078  DeepSeek V4 Flash",
      "      $0.211  Claude Sonnet 4.5",
      "     $105.00  GPT-5",
    ].join("\n"),
  );
});

Deno.test("showTable() HTML stays within the page, wraps text, and has no bare $ for MathJax", () => {
  const { html } = showTable(frame, { maxTextChars: 40 });
  assert.match(
    html,
    /^<div class="tokenbook-table tex2jax_ignore" style="max-width: 100%; overflow-x: auto;">/,
  );
  assert.match(html, /overflow-wrap: break-word/);
  assert.match(html, /<th style="[^"]*">total_<wbr>usd<\/th>/);
  assert.equal(/\$/.test(html), false, html);
  assert.ok(
    html.includes(`title="${"x".repeat(200)}"`),
    "full text as tooltip",
  );
  assert.ok(html.includes(`${"x".repeat(39)}…</td>`));
});

Deno.test("showTable() cuts at maxRows and says how many rows are left out", () => {
  const table = showTable(frame, { columns: ["model"], maxRows: 2 });
  assert.equal(table.cells.length, 3);
  assert.match(table.text, /… and 1 more rows$/);
  assert.match(table.html, /<p>… and 1 more rows<\/p>/);
  assert.deepEqual(Object.keys(table[JUPYTER_DISPLAY]()), [
    "text/html",
    "text/plain",
  ]);
});

Deno.test("showTable() names a missing column and the columns there are", () => {
  assert.throws(
    () => showTable(frame, { columns: ["model", "price"] }),
    new TypeError(
      'Cannot show the table: column "price" is not in the frame, expected one of model, tokens, total_usd, note',
    ),
  );
});
