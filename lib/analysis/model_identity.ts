/**
 * One resolution step from a ranked permaslug to a model: the reviewed row of
 * `reference/models.csv` when there is one; a new version (`-20260731`) or a
 * `:free` variant of a reviewed model, which joins that model as its variant;
 * a row drafted from the models list (display name, creator from the id's
 * prefix, open weights from `hugging_face_id`) for a model nobody has
 * reviewed yet; and `unknown` only when neither table knows the model.
 *
 * @module
 */
import pl from "nodejs-polars";

/** How a permaslug was resolved. */
export type IdentitySource =
  /** The permaslug is a row of reference/models.csv. */
  | "reference"
  /** A version or `:free` variant of a model of reference/models.csv. */
  | "variant"
  /** Not reviewed: drafted from the models list. */
  | "draft"
  /** Neither reference/models.csv nor the models list knows it. */
  | "unknown";

/** The model a ranked permaslug resolves to. */
export interface ModelResolution {
  /** The permaslug as the rankings write it. */
  ranked_permaslug: string;
  /**
   * The model's permaslug: the reviewed row a version joins, else the ranked
   * permaslug itself. Rows with the same `permaslug` are one model.
   */
  permaslug: string;
  /** Display name of the model (the permaslug when unknown). */
  model: string;
  /** `free`, `version 20260731`, `version 20260731, free`, or null for the model itself. */
  variant: string | null;
  /** The creator: the prefix of the models list's id, else of the permaslug. */
  vendor: string;
  /** How it was resolved. */
  identity: IdentitySource;
  /** True or false from the models list's `hugging_face_id`; null when the list does not know the model. */
  open_weights: boolean | null;
  /** The model's id in the models list (`deepseek/deepseek-v4-flash`), or null. */
  model_id: string | null;
  /** Where the resolution comes from: file, row and fields. */
  evidence: string;
}

/** The version suffixes a permaslug may carry after its model id: `-20260731`, `-2026-07-31`. */
const VERSION_SUFFIX = /-(\d{8}|\d{4}-\d{2}-\d{2})$/;

/** `Meta: Llama 5 (free)` → `Llama 5 (free)`: the list prefixes names with the creator. */
function nameWithoutCreator(name: string): string {
  const colon = name.indexOf(": ");
  return colon > 0 ? name.slice(colon + 2).trim() : name.trim();
}

/** The creator part of a models-list name (`Meta` of `Meta: Llama 5`), or undefined. */
export function creatorName(name: string): string | undefined {
  const colon = name.indexOf(": ");
  return colon > 0 ? name.slice(0, colon).trim() : undefined;
}

interface IdentityRow {
  permaslug: string;
  model_id: string | null;
  display_name: string | null;
}

interface ListRow {
  snapshot_date: string;
  id: string;
  canonical_slug: string;
  name: string;
  hugging_face_id: string | null;
  source_file: string;
}

function withoutFree(slug: string): string {
  return slug.endsWith(":free") ? slug.slice(0, -":free".length) : slug;
}

/** The model id of a reviewed row: its `model_id`, else its permaslug without `:free` and version suffix. */
function idOfReviewed(row: IdentityRow): string {
  const id = row.model_id?.trim();
  if (id) return withoutFree(id);
  return withoutFree(row.permaslug).replace(VERSION_SUFFIX, "");
}

function rowsOf<T>(frame: pl.DataFrame, columns: readonly string[]): T[] {
  if (frame.height === 0) return [];
  const present = columns.filter((c) => frame.columns.includes(c));
  return frame.select(...present).toRecords() as T[];
}

/**
 * Resolve ranked permaslugs to models (see the module text). The latest
 * models-list snapshot that holds a model is the one drafted from.
 *
 * @param permaslugs The ranked permaslugs (`other` is skipped).
 * @param modelIdentity reference/models.csv (`permaslug`, `model_id`, `display_name`).
 * @param modelsList The models list (`id`, `canonical_slug`, `name`,
 * `hugging_face_id`, `snapshot_date`, `source_file`); may be empty.
 * @returns One resolution per distinct permaslug, in permaslug order.
 *
 * @example A new version joins its model; an unreviewed model is drafted
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const identity = pl.DataFrame({
 *   permaslug: ["deepseek/deepseek-v4-flash-20260423"],
 *   model_id: ["deepseek/deepseek-v4-flash"],
 *   display_name: ["DeepSeek V4 Flash"],
 * });
 * const list = pl.DataFrame({
 *   snapshot_date: ["2026-08-01", "2026-08-01"],
 *   id: ["deepseek/deepseek-v4-flash", "meta/llama-5"],
 *   canonical_slug: ["deepseek/deepseek-v4-flash-20260731", "meta/llama-5-20260701"],
 *   name: ["DeepSeek: DeepSeek V4 Flash", "Meta: Llama 5"],
 *   hugging_face_id: [null, "meta/Llama-5"],
 *   source_file: ["m.json", "m.json"],
 * });
 * const [flash, llama] = resolveModels(
 *   ["deepseek/deepseek-v4-flash-20260731", "meta/llama-5-20260701"], identity, list);
 * assert.deepEqual([flash.permaslug, flash.model, flash.variant, flash.identity],
 *   ["deepseek/deepseek-v4-flash-20260423", "DeepSeek V4 Flash", "version 20260731", "variant"]);
 * assert.deepEqual([llama.model, llama.vendor, llama.identity, llama.open_weights],
 *   ["Llama 5", "meta", "draft", true]);
 * ```
 */
export function resolveModels(
  permaslugs: readonly string[],
  modelIdentity: pl.DataFrame,
  modelsList: pl.DataFrame,
): ModelResolution[] {
  const reviewed = rowsOf<IdentityRow>(modelIdentity, [
    "permaslug",
    "model_id",
    "display_name",
  ]);
  const listed = rowsOf<ListRow>(modelsList, [
    "snapshot_date",
    "id",
    "canonical_slug",
    "name",
    "hugging_face_id",
    "source_file",
  ]).sort((a, b) =>
    a.snapshot_date < b.snapshot_date
      ? -1
      : a.snapshot_date > b.snapshot_date
      ? 1
      : 0
  );
  // The latest snapshot's row per id and per canonical slug (paid id first).
  const listById = new Map<string, ListRow>();
  const listBySlug = new Map<string, ListRow>();
  for (const row of listed) {
    listById.set(row.id, row);
    if (!row.id.endsWith(":free") || !listBySlug.has(row.canonical_slug)) {
      listBySlug.set(row.canonical_slug, row);
    }
  }
  const bySlug = new Map(reviewed.map((row) => [row.permaslug, row]));
  // Reviewed rows by model id (theirs, and the models list's id for their
  // slug) and free-ness; the latest permaslug wins.
  const byId = new Map<string, IdentityRow>();
  for (
    const row of [...reviewed].sort((a, b) =>
      a.permaslug < b.permaslug ? -1 : a.permaslug > b.permaslug ? 1 : 0
    )
  ) {
    const free = row.permaslug.endsWith(":free");
    const listedId = listBySlug.get(withoutFree(row.permaslug))?.id;
    for (const id of new Set([idOfReviewed(row), listedId])) {
      if (id !== undefined) byId.set(`${withoutFree(id)}|${free}`, row);
    }
  }
  const distinct = [...new Set(permaslugs)]
    .filter((slug) => slug !== "other")
    .sort();
  return distinct.map((slug) =>
    resolveOne(slug, bySlug, byId, listById, listBySlug)
  );
}

function resolveOne(
  slug: string,
  bySlug: Map<string, IdentityRow>,
  byId: Map<string, IdentityRow>,
  listById: Map<string, ListRow>,
  listBySlug: Map<string, ListRow>,
): ModelResolution {
  const free = slug.endsWith(":free");
  const base = withoutFree(slug);
  const listRow = listById.get(slug) ?? listBySlug.get(base) ??
    listById.get(base);
  const openWeights = listRow === undefined
    ? null
    : listRow.hugging_face_id !== null && listRow.hugging_face_id !== "";
  const listEvidence = listRow === undefined
    ? ""
    : `${listRow.source_file} (id ${listRow.id}, name "${listRow.name}", hugging_face_id ${
      listRow.hugging_face_id ?? "none"
    })`;
  const modelId = listRow !== undefined
    ? withoutFree(listRow.id)
    : base.replace(VERSION_SUFFIX, "");
  const vendor = (listRow?.id ?? slug).split("/")[0];
  const own = bySlug.get(slug);
  if (own !== undefined) {
    return {
      ranked_permaslug: slug,
      permaslug: slug,
      model: own.display_name?.trim() || slug,
      variant: free ? "free" : null,
      vendor: slug.split("/")[0],
      identity: "reference",
      open_weights: openWeights,
      model_id: own.model_id?.trim() || listRow?.id || null,
      evidence: `reference/models.csv (permaslug ${slug})`,
    };
  }
  const version = base.startsWith(`${modelId}-`)
    ? base.slice(modelId.length + 1)
    : base !== modelId
    ? base.slice(base.lastIndexOf("/") + 1)
    : "";
  const variantOf = (withFree: boolean) =>
    [version === "" ? "" : `version ${version}`, withFree && free ? "free" : ""]
      .filter((part) => part !== "").join(", ") || null;
  const sameModel = byId.get(`${modelId}|${free}`);
  if (sameModel !== undefined) {
    return {
      ranked_permaslug: slug,
      permaslug: sameModel.permaslug,
      model: sameModel.display_name?.trim() || sameModel.permaslug,
      variant: variantOf(true),
      vendor: sameModel.permaslug.split("/")[0],
      identity: "variant",
      open_weights: openWeights,
      model_id: modelId,
      evidence:
        `model id ${modelId} of reference/models.csv (permaslug ${sameModel.permaslug})${
          listEvidence === "" ? "" : `; ${listEvidence}`
        }`,
    };
  }
  const paid = free ? byId.get(`${modelId}|false`) : undefined;
  if (paid !== undefined) {
    return {
      ranked_permaslug: slug,
      permaslug: slug,
      model: `${paid.display_name?.trim() || paid.permaslug} (free)`,
      variant: variantOf(true),
      vendor: paid.permaslug.split("/")[0],
      identity: "variant",
      open_weights: openWeights,
      model_id: modelId,
      evidence:
        `the :free variant of model id ${modelId} of reference/models.csv (permaslug ${paid.permaslug})${
          listEvidence === "" ? "" : `; ${listEvidence}`
        }`,
    };
  }
  if (listRow !== undefined) {
    const name = nameWithoutCreator(listRow.name) || slug;
    return {
      ranked_permaslug: slug,
      permaslug: slug,
      model: free && !/\(free\)$/i.test(name) ? `${name} (free)` : name,
      variant: free ? "free" : null,
      vendor,
      identity: "draft",
      open_weights: openWeights,
      model_id: modelId,
      evidence: `models list ${listEvidence}`,
    };
  }
  return {
    ranked_permaslug: slug,
    permaslug: slug,
    model: slug,
    variant: free ? "free" : null,
    vendor,
    identity: "unknown",
    open_weights: null,
    model_id: null,
    evidence: "in neither reference/models.csv nor the models list",
  };
}

/** Column dtypes of {@linkcode resolutionFrame}. */
export const RESOLUTION_SCHEMA = {
  ranked_permaslug: pl.Utf8,
  permaslug: pl.Utf8,
  model: pl.Utf8,
  variant: pl.Utf8,
  vendor: pl.Utf8,
  identity: pl.Utf8,
  open_weights: pl.Bool,
  model_id: pl.Utf8,
  evidence: pl.Utf8,
} as const;

/**
 * Resolutions as a frame, with the columns of {@linkcode ModelResolution}
 * (empty, with its columns, for no resolution).
 *
 * @param resolutions From {@linkcode resolveModels}.
 * @returns The frame.
 */
export function resolutionFrame(
  resolutions: readonly ModelResolution[],
): pl.DataFrame {
  const columns: Record<string, pl.Series> = {};
  for (const [name, dtype] of Object.entries(RESOLUTION_SCHEMA)) {
    columns[name] = pl.Series(
      name,
      resolutions.map((r) => r[name as keyof ModelResolution] ?? null),
      dtype,
    );
  }
  return pl.DataFrame(columns);
}
