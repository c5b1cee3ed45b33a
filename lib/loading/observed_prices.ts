/**
 * Loader for openrouter.ai's observed prices: per model, the
 * traffic-weighted effective input and output price customers paid and the
 * share of prompt tokens served from cache, as the model pages show them
 * (`raw/observed-prices/YYYY-MM-DD.model_price_headline*.csv`, kept by
 * github.com/pacell/openrouter-stats). The date in the file name is the
 * snapshot date; snapshots stack.
 *
 * @module
 */
import pl from "nodejs-polars";
import { csvParse, csvParseRows } from "d3-dsv";
import { z } from "zod";
import {
  csvQuoteProblem,
  dateInFileName,
  readText,
  snapshotDateOf,
  zodProblems,
} from "./input.ts";
import { error } from "./problems.ts";
import { type Loaded, loadedOf } from "./frames.ts";
import type { Problem } from "./problems.ts";

/** Source name of the observed prices, as price tables and charts cite it. */
export const OBSERVED_PRICES_SOURCE =
  "openrouter.ai effective pricing (pacell/openrouter-stats)";

/** The columns of the file, in order. */
export const OBSERVED_PRICES_COLUMNS = [
  "model_id",
  "permaslug",
  "variant",
  "n_endpoints",
  "weighted_input_usd_per_mtok",
  "weighted_output_usd_per_mtok",
  "weighted_cache_hit_rate",
] as const;

/** The variants a row can describe. */
export const OBSERVED_VARIANTS = ["standard", "free", "batch"] as const;

/** One model variant in one snapshot, a row of {@linkcode loadObservedPrices}' frame. */
export interface ObservedPriceRow {
  /** Snapshot date, from the file name, `YYYY-MM-DD`. */
  snapshot_date: string;
  /** OpenRouter model id, e.g. `deepseek/deepseek-v4-flash`. */
  model_id: string;
  /** Versioned slug (rankings-daily permaslug). */
  permaslug: string;
  /** `standard`, `free` or `batch`. */
  variant: string;
  /** Endpoints (providers) serving the model. */
  n_endpoints: number;
  /** Effective input price per prompt token, cached ones included, USD per million tokens. */
  weighted_input_usd_per_mtok: number;
  /** Effective output price, USD per million tokens. */
  weighted_output_usd_per_mtok: number;
  /** Fraction 0–1 of prompt tokens served from cache, traffic-weighted. */
  weighted_cache_hit_rate: number;
  /** The file the row came from. */
  source_file: string;
}

/** Column dtypes of the frame {@linkcode loadObservedPrices} returns. */
export const OBSERVED_PRICES_SCHEMA = {
  snapshot_date: pl.Utf8,
  model_id: pl.Utf8,
  permaslug: pl.Utf8,
  variant: pl.Utf8,
  n_endpoints: pl.Int64,
  weighted_input_usd_per_mtok: pl.Float64,
  weighted_output_usd_per_mtok: pl.Float64,
  weighted_cache_hit_rate: pl.Float64,
  source_file: pl.Utf8,
} as const;

/** A finite number written as text, within bounds. */
function numberText(message: string, max = Number.POSITIVE_INFINITY) {
  return z.string().trim().transform((value, ctx) => {
    const number = Number(value);
    if (
      value === "" || !Number.isFinite(number) || number < 0 || number > max
    ) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      return z.NEVER;
    }
    return number;
  });
}

const rowSchema = z.object({
  model_id: z.string().trim().min(1),
  permaslug: z.string().trim().min(1),
  variant: z.enum(OBSERVED_VARIANTS),
  n_endpoints: z.string().trim().regex(/^[1-9]\d*$/, "a positive integer")
    .transform(Number),
  weighted_input_usd_per_mtok: numberText("a non-negative number"),
  weighted_output_usd_per_mtok: numberText("a non-negative number"),
  weighted_cache_hit_rate: numberText("a fraction from 0 to 1", 1),
});

/**
 * Parse one observed-prices file into rows and problems, without throwing.
 * Checks the header, every field of every row (line numbers as in the file)
 * and that a model variant appears once.
 *
 * @param file Path of the file; its name must start with the snapshot date.
 * @returns The rows and every problem found.
 *
 * @example The bundled excerpt
 * ```ts
 * import assert from "node:assert/strict";
 * const { rows, problems } = await parseObservedPricesFile("data/raw/observed-prices/2026-08-28.model_price_headline.excerpt.csv");
 * assert.equal(problems.length, 0);
 * assert.equal(rows.length, 26);
 * assert.equal(rows[0].snapshot_date, "2026-08-28");
 * ```
 */
export async function parseObservedPricesFile(
  file: string,
): Promise<{ rows: ObservedPriceRow[]; problems: Problem[] }> {
  const problems: Problem[] = [];
  const snapshotDate = snapshotDateOf(file, problems);
  const read = await readText(file);
  if (!read.ok) return { rows: [], problems: [...problems, ...read.problems] };
  const quote = csvQuoteProblem(file, read.value);
  if (quote !== undefined) return { rows: [], problems: [...problems, quote] };
  const records = csvParse(read.value) as unknown as
    & Record<string, string>[]
    & { columns: string[] };
  const header = records.columns.join(",");
  if (header !== OBSERVED_PRICES_COLUMNS.join(",")) {
    problems.push(
      error(
        file,
        "line 1",
        "",
        header,
        `the header ${OBSERVED_PRICES_COLUMNS.join(",")}`,
      ),
    );
    return { rows: [], problems };
  }
  const widths = csvParseRows(read.value).map((fields: string[]) =>
    fields.length
  );
  const rows: ObservedPriceRow[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, index) => {
    const lineNumber = index + 2;
    const line = `line ${lineNumber}`;
    if (widths[index + 1] !== OBSERVED_PRICES_COLUMNS.length) {
      problems.push(
        error(
          file,
          line,
          "",
          undefined,
          `${OBSERVED_PRICES_COLUMNS.length} fields like the header (this row has ${
            widths[index + 1]
          })`,
        ),
      );
      return;
    }
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      problems.push(...zodProblems(file, line, record, parsed.error.issues));
      return;
    }
    const row = parsed.data;
    const key = `${row.model_id}|${row.variant}`;
    if (seen.has(key)) {
      problems.push(
        error(
          file,
          line,
          "model_id+variant",
          key,
          `one row per model variant (also on line ${seen.get(key)})`,
        ),
      );
      return;
    }
    seen.set(key, lineNumber);
    rows.push({
      snapshot_date: snapshotDate ?? "",
      ...row,
      source_file: file,
    });
  });
  return { rows: snapshotDate === undefined ? [] : rows, problems };
}

/**
 * Load observed-prices files into one frame (columns: see
 * {@linkcode ObservedPriceRow}), sorted by snapshot date, model and variant.
 * Two files with the same snapshot date are an error.
 *
 * @param files Paths of the CSV files.
 * @returns The frame, the warnings and the errors (with errors, the frame is empty).
 *
 * @example DeepSeek V4 Flash's observed cache-hit rate
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const { frame, errors } = await loadObservedPrices(["data/raw/observed-prices/2026-08-28.model_price_headline.excerpt.csv"]);
 * assert.equal(errors.length, 0);
 * const flash = frame.filter(pl.col("model_id").eq(pl.lit("deepseek/deepseek-v4-flash")));
 * assert.equal(flash.getColumn("weighted_cache_hit_rate").get(0).toFixed(3), "0.685");
 * ```
 */
export async function loadObservedPrices(
  files: readonly string[],
): Promise<Loaded> {
  const rows: ObservedPriceRow[] = [];
  const problems: Problem[] = [];
  const snapshots = new Map<string, string>();
  for (const file of files) {
    const parsed = await parseObservedPricesFile(file);
    problems.push(...parsed.problems);
    const date = dateInFileName(file);
    if (date !== undefined && snapshots.has(date)) {
      problems.push(
        error(
          file,
          "",
          "",
          undefined,
          `one file per snapshot date (${date} is also ${snapshots.get(date)})`,
        ),
      );
      continue;
    }
    if (date !== undefined) snapshots.set(date, file);
    rows.push(...parsed.rows);
  }
  return loadedOf(
    rows,
    problems,
    OBSERVED_PRICES_SCHEMA,
    (frame) => frame.sort(["snapshot_date", "model_id", "variant"]),
  );
}

/**
 * A model's observed row in the latest snapshot dated on or before a day
 * (the `standard` variant).
 *
 * @param observed The frame from {@linkcode loadObservedPrices}.
 * @param modelId The model id.
 * @param asOf The day, `YYYY-MM-DD`; omit for the latest snapshot.
 * @returns The row, or undefined when no snapshot by then has the model.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const { frame } = await loadObservedPrices(["data/raw/observed-prices/2026-08-28.model_price_headline.excerpt.csv"]);
 * assert.equal(findObserved(frame, "anthropic/claude-sonnet-4.5")?.weighted_cache_hit_rate.toFixed(3), "0.513");
 * assert.equal(findObserved(frame, "anthropic/claude-sonnet-4.5", "2026-06-08"), undefined);
 * ```
 */
export function findObserved(
  observed: pl.DataFrame,
  modelId: string,
  asOf?: string,
): ObservedPriceRow | undefined {
  if (observed.height === 0) return undefined;
  let rows = observed.filter(
    pl.col("model_id").eq(pl.lit(modelId)).and(
      pl.col("variant").eq(pl.lit("standard")),
    ),
  );
  if (asOf !== undefined) {
    rows = rows.filter(pl.col("snapshot_date").lessThanEquals(pl.lit(asOf)));
  }
  if (rows.height === 0) return undefined;
  return rows.sort("snapshot_date").tail(1)
    .toRecords()[0] as unknown as ObservedPriceRow;
}
