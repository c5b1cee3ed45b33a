/**
 * Who made a ranked model and where they are based: joins the rankings-daily
 * rows to the model-identity and vendor reference tables, keeping every row.
 * A vendor missing from the vendor table gets origin `unknown` and is listed,
 * never dropped; the `other` row (every model outside the day's top 50) is a
 * category of its own.
 *
 * @module
 */
import pl from "nodejs-polars";
import { OTHER_PERMASLUG } from "../loading/rankings_daily.ts";
import { resolutionFrame, resolveModels } from "./model_identity.ts";

/** Display name given to the `other` row. */
export const OTHER_MODEL = "Other (outside top 50)";
/** Vendor given to the `other` row. */
export const OTHER_VENDOR = "other";
/** Origin given to the `other` row: a mix of models, so no single origin. */
export const OTHER_ORIGIN = "other (not in top 50)";
/** Origin given to a vendor missing from the vendor table. */
export const UNKNOWN_ORIGIN = "unknown";

/**
 * Add who made each ranked model: `model` (display name; the permaslug when
 * the model is not in the identity table; {@linkcode OTHER_MODEL} for the
 * `other` row), `vendor` (the permaslug before "/"; `other` for the `other`
 * row), `vendor_name`, `origin` (China, US, Europe, other, unknown, or
 * {@linkcode OTHER_ORIGIN} for the `other` row), `known_vendor` and
 * `known_model` (false for the `other` row too: tell it apart with
 * `is_other`). Every input row is kept, in the input order.
 *
 * @param rankings Rankings rows with at least `date`, `permaslug` and
 * `tokens`; `is_other` is added (permaslug `other`) when absent.
 * @param modelIdentity The model-identity table (`permaslug`, `display_name`, …).
 * @param vendors The vendor table (`vendor`, `vendor_name`, `origin`, …).
 * @returns The rankings with the columns above appended.
 * @throws {TypeError} When `rankings` lacks `permaslug`.
 *
 * @example A vendor missing from the table is kept as unknown
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const rankings = pl.DataFrame({
 *   date: ["2026-06-01", "2026-06-01", "2026-06-01"],
 *   permaslug: ["deepseek/deepseek-v4-flash-20260423", "newlab/model-x", "other"],
 *   tokens: [300, 200, 100],
 * });
 * const modelIdentity = pl.DataFrame({
 *   permaslug: ["deepseek/deepseek-v4-flash-20260423"],
 *   display_name: ["DeepSeek V4 Flash"],
 * });
 * const vendors = pl.DataFrame({ vendor: ["deepseek"], vendor_name: ["DeepSeek"], origin: ["China"] });
 * const classified = classifyModels(rankings, modelIdentity, vendors);
 * assert.deepEqual(classified.getColumn("origin").toArray(), ["China", "unknown", "other (not in top 50)"]);
 * assert.deepEqual(classified.getColumn("model").toArray(), ["DeepSeek V4 Flash", "newlab/model-x", "Other (outside top 50)"]);
 * ```
 */
export function classifyModels(
  rankings: pl.DataFrame,
  modelIdentity: pl.DataFrame,
  vendors: pl.DataFrame,
  modelsList: pl.DataFrame = pl.DataFrame(),
): pl.DataFrame {
  if (!rankings.columns.includes("permaslug")) {
    throw new TypeError(
      `Cannot classify models: the rankings frame has columns ${
        rankings.columns.join(",")
      }, expected a "permaslug" column`,
    );
  }
  const isOther = pl.col("permaslug").eq(pl.lit(OTHER_PERMASLUG));
  const frame = rankings.columns.includes("is_other")
    ? rankings
    : rankings.withColumns(isOther.alias("is_other"));
  if (classifiesDistinctModels(frame)) {
    // Classify each distinct model once (a few hundred at most), then
    // attach the classes to the rows with one join: the same values as
    // classifying every row, for a fraction of the work and memory.
    const classes = classifyEachRow(
      frame.select("permaslug", "is_other").unique({ maintainOrder: true }),
      modelIdentity,
      vendors,
      modelsList,
    );
    return frame
      .rename({ permaslug: RANKED })
      .join(
        classes.select(
          RANKED,
          "is_other",
          pl.col("permaslug").alias("_model_slug"),
          ...CLASS_COLUMNS.filter((column) => column !== RANKED),
        ),
        {
          on: [RANKED, "is_other"],
          how: "left",
          maintainOrder: "left",
        },
      )
      .withColumns(pl.col("_model_slug").alias("permaslug"))
      .select(...frame.columns, ...CLASS_COLUMNS);
  }
  return classifyEachRow(frame, modelIdentity, vendors, modelsList);
}

/** The column that keeps the permaslug as ranked, before resolution. */
const RANKED = "ranked_permaslug";

/**
 * Whether {@linkcode classifyModels} classifies each distinct model once and
 * joins the classes to the rows (rather than classifying row by row): for a
 * non-empty frame with text `permaslug` and boolean `is_other`, neither null,
 * and none of the class columns yet. Every frame the rankings loaders return
 * qualifies. (polars calls its text type `String`; `dtype.equals(pl.Utf8)` is
 * false for it, which once sent every frame down the row-by-row path.)
 *
 * @param frame Rankings rows with `is_other`.
 * @returns True for the distinct-model path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * assert.equal(classifiesDistinctModels(pl.DataFrame({ permaslug: ["a/b"], is_other: [false] })), true);
 * assert.equal(classifiesDistinctModels(pl.DataFrame({ permaslug: ["a/b", null], is_other: [false, false] })), false);
 * ```
 */
export function classifiesDistinctModels(frame: pl.DataFrame): boolean {
  return frame.height > 0 &&
    frame.columns.includes("permaslug") && frame.columns.includes("is_other") &&
    !CLASS_COLUMNS.some((column) => frame.columns.includes(column)) &&
    frame.getColumn("permaslug").dtype.equals(pl.String) &&
    frame.getColumn("is_other").dtype.equals(pl.Bool) &&
    frame.getColumn("permaslug").nullCount() === 0 &&
    frame.getColumn("is_other").nullCount() === 0;
}

/** The columns {@linkcode classifyModels} adds, in order. */
const CLASS_COLUMNS = [
  "model",
  "vendor",
  "vendor_name",
  "origin",
  "known_vendor",
  "known_model",
  "ranked_permaslug",
  "variant",
  "identity",
] as const;

/**
 * {@linkcode classifyModels}, row by row, on a frame that has `is_other`:
 * the reference the distinct-model path must equal, and the path for frames
 * that do not qualify for it ({@linkcode classifiesDistinctModels}).
 *
 * @param rankings Rankings rows with `is_other`.
 * @param modelIdentity The model identity table.
 * @param vendors The vendor table.
 * @returns The rows with the class columns, in their order.
 */
export function classifyEachRow(
  rankings: pl.DataFrame,
  modelIdentity: pl.DataFrame,
  vendors: pl.DataFrame,
  modelsList: pl.DataFrame = pl.DataFrame(),
): pl.DataFrame {
  const slugs = rankings.getColumn("permaslug").toArray()
    .filter((slug): slug is string => typeof slug === "string");
  const resolved = resolutionFrame(
    resolveModels(slugs, modelIdentity, modelsList),
  ).select(
    pl.col("ranked_permaslug").alias("_ranked"),
    pl.col("permaslug").alias("_model_slug"),
    pl.col("model").alias("_display_name"),
    pl.col("vendor").alias("_vendor"),
    pl.col("variant").alias("_variant"),
    pl.col("identity").alias("_identity"),
  );
  const origins = vendors
    .select(
      pl.col("vendor").alias("_vendor"),
      pl.col("vendor_name").alias("_vendor_name"),
      pl.col("origin").alias("_origin"),
    )
    .unique({ subset: "_vendor", keep: "first", maintainOrder: true });
  const other = pl.col("is_other");
  return rankings
    .withRowIndex("_row")
    .join(resolved, { leftOn: "permaslug", rightOn: "_ranked", how: "left" })
    .withColumns(
      pl.col("_vendor").fillNull(
        pl.col("permaslug").str.split("/").lst.first(),
      ),
    )
    .join(origins, { on: "_vendor", how: "left" })
    .sort("_row")
    .withColumns(
      pl.col("permaslug").alias("ranked_permaslug"),
      pl.when(other).then(pl.col("permaslug"))
        .otherwise(pl.col("_model_slug").fillNull(pl.col("permaslug")))
        .alias("permaslug"),
      pl.when(other).then(pl.lit(OTHER_MODEL))
        .otherwise(pl.col("_display_name").fillNull(pl.col("permaslug")))
        .alias("model"),
      pl.when(other).then(pl.lit(OTHER_VENDOR)).otherwise(pl.col("_vendor"))
        .alias("vendor"),
      pl.when(other).then(pl.lit(OTHER_MODEL))
        .otherwise(pl.col("_vendor_name").fillNull(pl.col("_vendor")))
        .alias("vendor_name"),
      pl.when(other).then(pl.lit(OTHER_ORIGIN))
        .otherwise(pl.col("_origin").fillNull(pl.lit(UNKNOWN_ORIGIN)))
        .alias("origin"),
      other.not().and(pl.col("_origin").isNotNull()).alias("known_vendor"),
      other.not().and(
        pl.col("_identity").isIn(["reference", "variant"]),
      ).alias("known_model"),
      pl.when(other).then(pl.lit(null).cast(pl.Utf8)).otherwise(
        pl.col("_variant"),
      )
        .alias("variant"),
      pl.when(other).then(pl.lit("other")).otherwise(pl.col("_identity"))
        .alias("identity"),
    )
    .select(...rankings.columns, ...CLASS_COLUMNS);
}

/** The distinct values of `column` over the rows where `flag` is false, other row excluded, sorted. */
function unknownValues(
  frame: pl.DataFrame,
  flag: string,
  column: string,
): string[] {
  const values = frame
    .filter(pl.col(flag).not().and(pl.col("is_other").not()))
    .getColumn(column)
    .unique()
    .toArray() as string[];
  return values.sort();
}

/**
 * The vendors of ranked models that are missing from the vendor table, to be
 * listed next to any share by origin (their tokens count as `unknown`).
 *
 * @param frame A frame from {@linkcode classifyModels}.
 * @returns The vendor prefixes, sorted; the `other` row is never listed.
 * @throws Never, for a frame from {@linkcode classifyModels}.
 *
 * @example A vendor missing from the table is listed
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const rankings = pl.DataFrame({ date: ["2026-06-01", "2026-06-01"], permaslug: ["zeta/z-1", "other"], tokens: [2, 1] });
 * const vendors = pl.DataFrame({ vendor: ["deepseek"], vendor_name: ["DeepSeek"], origin: ["China"] });
 * const identity = pl.DataFrame({ permaslug: ["x/y"], display_name: ["Y"] });
 * assert.deepEqual(unknownVendors(classifyModels(rankings, identity, vendors)), ["zeta"]);
 * ```
 */
export function unknownVendors(frame: pl.DataFrame): string[] {
  return unknownValues(frame, "known_vendor", "vendor");
}

/**
 * The ranked permaslugs of models that neither the model-identity table nor
 * the models list knows (shown under their permaslug). A model the models
 * list knows is drafted instead (see `resolveModels`) and not listed here.
 *
 * @param frame A frame from {@linkcode classifyModels}.
 * @returns The permaslugs, sorted; the `other` row is never listed.
 * @throws Never, for a frame from {@linkcode classifyModels}.
 *
 * @example A model missing from the identity table is listed
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const rankings = pl.DataFrame({ date: ["2026-06-01", "2026-06-01"], permaslug: ["zeta/z-1", "other"], tokens: [2, 1] });
 * const vendors = pl.DataFrame({ vendor: ["zeta"], vendor_name: ["Zeta"], origin: ["Europe"] });
 * const identity = pl.DataFrame({ permaslug: ["x/y"], display_name: ["Y"] });
 * assert.deepEqual(unknownModels(classifyModels(rankings, identity, vendors)), ["zeta/z-1"]);
 * ```
 */
export function unknownModels(frame: pl.DataFrame): string[] {
  if (!frame.columns.includes("identity")) {
    return unknownValues(frame, "known_model", "permaslug");
  }
  const values = frame
    .filter(pl.col("identity").eq(pl.lit("unknown")))
    .getColumn("ranked_permaslug")
    .unique()
    .toArray() as string[];
  return values.sort();
}

/** Lower case, with runs of spaces, hyphens and underscores made one space. */
function looseName(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_-]+/g, " ");
}

/**
 * Resolve a model name as an article writes it ("DeepSeek-V4-Flash",
 * "Deepseek V4 Flash", "deepseek/deepseek-v4-flash", or the permaslug
 * itself) to its permaslug. Tries, in order: the permaslug, then an exact
 * case-insensitive match on `model_id`, `display_name` or any alias
 * ("|"-separated), then the same with spaces, hyphens and underscores
 * treated alike. When a name fits a model and its `:free` variant, the paid
 * model wins.
 *
 * @param modelIdentity The model-identity table (`permaslug`, `model_id`,
 * `display_name`, `aliases`).
 * @param nameOrSlug The name to resolve.
 * @returns The permaslug, or undefined when nothing matches.
 * @throws {RangeError} When the name fits two different paid models.
 *
 * @example Article spellings of DeepSeek V4 Flash
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const identity = pl.DataFrame({
 *   permaslug: ["deepseek/deepseek-v4-flash-20260423"],
 *   model_id: ["deepseek/deepseek-v4-flash"],
 *   display_name: ["DeepSeek V4 Flash"],
 *   aliases: ["DeepSeek-V4-Flash|V4-Flash"],
 * });
 * for (const name of ["DeepSeek-V4-Flash", "Deepseek V4 Flash", "deepseek/deepseek-v4-flash"]) {
 *   assert.equal(findModel(identity, name), "deepseek/deepseek-v4-flash-20260423");
 * }
 * assert.equal(findModel(identity, "GPT-4o"), undefined);
 * ```
 */
export function findModel(
  modelIdentity: pl.DataFrame,
  nameOrSlug: string,
): string | undefined {
  const rows = modelIdentity.toRecords() as {
    permaslug: string;
    model_id?: string | null;
    display_name?: string | null;
    aliases?: string | null;
  }[];
  const wanted = nameOrSlug.trim().toLowerCase();
  const namesOf = (row: (typeof rows)[number]) =>
    [
      row.model_id ?? "",
      row.display_name ?? "",
      ...(row.aliases ?? "").split("|"),
    ].map((name) => name.trim()).filter((name) => name !== "");
  const tiers: ((row: (typeof rows)[number]) => boolean)[] = [
    (row) => row.permaslug.toLowerCase() === wanted,
    (row) => namesOf(row).some((name) => name.toLowerCase() === wanted),
    (row) =>
      [row.permaslug, ...namesOf(row)].some((name) =>
        looseName(name) === looseName(wanted)
      ),
  ];
  for (const matches of tiers) {
    const found = [
      ...new Set(rows.filter(matches).map((row) => row.permaslug)),
    ].sort();
    if (found.length === 0) continue;
    const paid = found.filter((slug) => !slug.endsWith(":free"));
    const candidates = paid.length > 0 ? paid : found;
    if (candidates.length > 1) {
      throw new RangeError(
        `Cannot resolve model "${nameOrSlug}": it matches ${
          candidates.join(", ")
        }, expected exactly one model`,
      );
    }
    return candidates[0];
  }
  return undefined;
}
