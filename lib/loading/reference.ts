/**
 * Loaders for the reference tables in `data/reference/`: vendor origins,
 * model identity across sources, benchmark scores, the OpenRouter price
 * history and the prices the articles state. All are small CSV files read
 * with d3-dsv, validated row by row with zod, and returned as polars frames.
 *
 * @module
 */
import pl from "nodejs-polars";
import { csvParse, csvParseRows } from "d3-dsv";
import { z } from "zod";
import { csvQuoteProblem, readText, zodProblems } from "./input.ts";
import { isCalendarDate } from "../base/dates.ts";
import { error, warning } from "./problems.ts";
import { frameOf, type Loaded } from "./frames.ts";
import type { Problem } from "./problems.ts";

/** The origins a vendor can have; `unknown` is also given to vendors missing from the table. */
export const ORIGINS = ["China", "US", "Europe", "other", "unknown"] as const;
/** One of {@linkcode ORIGINS}. */
export type Origin = typeof ORIGINS[number];

const text = z.string().trim().min(1);
const optionalNumber = z.string().trim().transform((value, ctx) => {
  if (value === "") return null;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: "a non-negative number or empty",
    });
    return z.NEVER;
  }
  return number;
});
const positiveNumber = z.string().trim().transform((value, ctx) => {
  const number = Number(value);
  if (value === "" || !Number.isFinite(number) || number <= 0) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: "a positive number",
    });
    return z.NEVER;
  }
  return number;
});
const date = z.string().refine(isCalendarDate, "a calendar date YYYY-MM-DD");

/** A loose date as sources state it: `2026-05-01`, `2026-05 (late)`, `n/a (…)`; kept as text. */
const looseDate = z.string();

const SCHEMAS = {
  vendors: {
    row: z.object({
      vendor: text,
      vendor_name: text,
      country: text,
      origin: z.enum(ORIGINS),
      source: text,
    }),
    dtypes: {
      vendor: pl.Utf8,
      vendor_name: pl.Utf8,
      country: pl.Utf8,
      origin: pl.Utf8,
      source: pl.Utf8,
    },
    key: ["vendor"],
  },
  models: {
    row: z.object({
      permaslug: text,
      model_id: z.string().trim(),
      display_name: text,
      aliases: z.string().trim(),
      benchmark_name: z.string().trim(),
    }),
    dtypes: {
      permaslug: pl.Utf8,
      model_id: pl.Utf8,
      display_name: pl.Utf8,
      aliases: pl.Utf8,
      benchmark_name: pl.Utf8,
    },
    key: ["permaslug"],
  },
  benchmarks: {
    row: z.object({
      model: text,
      vendor: text,
      benchmark: text,
      score: z.string().trim().transform((value, ctx) => {
        const number = Number(value);
        if (value === "" || !Number.isFinite(number)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: "a finite number",
          });
          return z.NEVER;
        }
        return number;
      }),
      source_url: text,
      source_date: looseDate,
    }),
    dtypes: {
      model: pl.Utf8,
      vendor: pl.Utf8,
      benchmark: pl.Utf8,
      score: pl.Float64,
      source_url: pl.Utf8,
      source_date: pl.Utf8,
    },
    key: ["model", "benchmark"],
    duplicateIsWarning: true,
  },
  priceHistory: {
    row: z.object({
      openrouter_id: text,
      date,
      commit: z.string().regex(/^[0-9a-f]{40}$/, "a 40-digit commit hash"),
      input: optionalNumber,
      output: optionalNumber,
      cache_read: optionalNumber,
      cache_write: optionalNumber,
      context: optionalNumber,
    }),
    dtypes: {
      openrouter_id: pl.Utf8,
      date: pl.Utf8,
      commit: pl.Utf8,
      input: pl.Float64,
      output: pl.Float64,
      cache_read: pl.Float64,
      cache_write: pl.Float64,
      context: pl.Float64,
    },
    key: [],
  },
  articlePrices: {
    row: z.object({
      source: text,
      source_date: date,
      model_id: text,
      input_usd_per_mtok: optionalNumber,
      output_usd_per_mtok: optionalNumber,
      cache_read_usd_per_mtok: optionalNumber,
      quote: text,
    }),
    dtypes: {
      source: pl.Utf8,
      source_date: pl.Utf8,
      model_id: pl.Utf8,
      input_usd_per_mtok: pl.Float64,
      output_usd_per_mtok: pl.Float64,
      cache_read_usd_per_mtok: pl.Float64,
      quote: pl.Utf8,
    },
    key: ["source", "model_id"],
  },
  selfHosting: {
    row: z.object({
      setup_id: text,
      setup: text,
      model: text,
      api_model_id: text,
      gpus: positiveNumber,
      gpu_usd_per_hour: positiveNumber,
      input_tokens_per_s: optionalNumber,
      output_tokens_per_s: positiveNumber,
      stated_usd_per_mtok: optionalNumber,
      source_url: text,
      source_date: text,
      note: z.string().trim(),
    }),
    dtypes: {
      setup_id: pl.Utf8,
      setup: pl.Utf8,
      model: pl.Utf8,
      api_model_id: pl.Utf8,
      gpus: pl.Float64,
      gpu_usd_per_hour: pl.Float64,
      input_tokens_per_s: pl.Float64,
      output_tokens_per_s: pl.Float64,
      stated_usd_per_mtok: pl.Float64,
      source_url: pl.Utf8,
      source_date: pl.Utf8,
      note: pl.Utf8,
    },
    key: ["setup_id"],
  },
  costPerTask: {
    row: z.object({
      source: text,
      benchmark: text,
      model: text,
      model_id: text,
      score_pct: positiveNumber,
      cost_usd: positiveNumber,
      tasks: positiveNumber,
      source_url: text,
      source_date: text,
      note: z.string().trim(),
    }),
    dtypes: {
      source: pl.Utf8,
      benchmark: pl.Utf8,
      model: pl.Utf8,
      model_id: pl.Utf8,
      score_pct: pl.Float64,
      cost_usd: pl.Float64,
      tasks: pl.Float64,
      source_url: pl.Utf8,
      source_date: pl.Utf8,
      note: pl.Utf8,
    },
    key: ["source", "model"],
  },
} as const;

/** A duplicate key in a table whose duplicates are kept as published, both rows, with a warning. */
function warningOf(
  file: string,
  record: string,
  field: string,
  value: unknown,
  expected: string,
): Problem {
  return warning(file, record, field, value, expected, "duplicate_key");
}

/**
 * The line each CSV row starts on (1-based; row 0 is the header), counting
 * the newlines inside quoted fields.
 */
function rowStartLines(text: string): number[] {
  const starts = [1];
  let line = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === "\n") {
      line++;
      if (!quoted && i + 1 < text.length) starts.push(line);
    }
  }
  return starts;
}

/** The reference tables this module reads, by name. */
export type ReferenceTable = keyof typeof SCHEMAS;

/**
 * Load one reference CSV: every row validated (problems name the line and
 * column), duplicates of the table's key reported, columns typed.
 *
 * @param table Which table the file holds (decides the columns and checks).
 * @param file Path of the CSV file (UTF-8, a BOM and CRLF line endings are accepted).
 * @returns The frame, warnings and errors (with errors, the frame is empty).
 *
 * @example The vendor table
 * ```ts
 * import assert from "node:assert/strict";
 * const { frame, errors } = await loadReferenceCsv("vendors", "data/reference/vendors.csv");
 * assert.equal(errors.length, 0);
 * assert.ok(frame.getColumn("vendor").toArray().includes("deepseek"));
 * ```
 */
export async function loadReferenceCsv(
  table: ReferenceTable,
  file: string,
): Promise<Loaded> {
  const spec = SCHEMAS[table];
  const empty = { frame: frameOf([], spec.dtypes), warnings: [] };
  const read = await readText(file);
  if (!read.ok) return { ...empty, errors: read.problems };
  const quote = csvQuoteProblem(file, read.value);
  if (quote !== undefined) return { ...empty, errors: [quote] };
  const records = csvParse(read.value) as unknown as
    & Record<string, string>[]
    & { columns: string[] };
  const problems: Problem[] = [];
  const expected = Object.keys(spec.dtypes);
  const missing = expected.filter((column) =>
    !records.columns.includes(column)
  );
  if (missing.length > 0) {
    return {
      ...empty,
      errors: [
        error(
          file,
          "line 1",
          "",
          records.columns.join(","),
          `a header with the columns ${expected.join(",")} (missing: ${
            missing.join(",")
          })`,
        ),
      ],
    };
  }
  const rows: Record<string, unknown>[] = [];
  const keys = new Map<string, number>();
  const starts = rowStartLines(read.value);
  const widths = csvParseRows(read.value).map((fields: string[]) =>
    fields.length
  );
  records.forEach((record, index) => {
    const line = `line ${starts[index + 1]}`;
    if (widths[index + 1] !== records.columns.length) {
      problems.push(
        error(
          file,
          line,
          "",
          undefined,
          `${records.columns.length} fields like the header (this row has ${
            widths[index + 1]
          })`,
        ),
      );
      return;
    }
    // Control characters (a NUL) would make the SVG of a chart invalid.
    const controls = Object.entries(record).filter(([, value]) =>
      /(?![\t\n\r])\p{Cc}/u.test(value)
    );
    if (controls.length > 0) {
      for (const [column, value] of controls) {
        problems.push(
          error(
            file,
            line,
            column,
            value,
            "text without control characters (other than tab and line breaks)",
          ),
        );
      }
      return;
    }
    const parsed = spec.row.safeParse(record);
    if (!parsed.success) {
      problems.push(...zodProblems(file, line, record, parsed.error.issues));
      return;
    }
    const row = parsed.data as Record<string, unknown>;
    if (spec.key.length > 0) {
      const key = spec.key.map((k) => String(row[k])).join("|");
      if (keys.has(key)) {
        const expected = `a unique ${spec.key.join("+")} (also on line ${
          keys.get(key)
        })`;
        if ("duplicateIsWarning" in spec) {
          problems.push(
            warningOf(file, line, spec.key.join("+"), key, expected),
          );
        } else {
          problems.push(error(file, line, spec.key.join("+"), key, expected));
          return;
        }
      }
      keys.set(key, starts[index + 1]);
    }
    rows.push(row);
  });
  const errors = problems.filter((p) => p.severity === "error");
  const warnings = problems.filter((p) => p.severity === "warning");
  if (errors.length > 0) return { ...empty, warnings, errors };
  return { frame: frameOf(rows, spec.dtypes), warnings, errors: [] };
}
