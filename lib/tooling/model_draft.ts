/**
 * The reviewable draft of the models and vendors the reference tables do not
 * have yet: one row per ranked model drafted from the models list (display
 * name, creator from the id's prefix, open weights from `hugging_face_id`)
 * and one per creator missing from `reference/vendors.csv` (named from the
 * models list; its origin left empty, never guessed). `deno task models
 * --draft` writes it; report.md shows it with its evidence.
 *
 * @module
 */
import { csvFormatRows } from "d3-dsv";
import pl from "nodejs-polars";
import {
  creatorName,
  type ModelResolution,
  resolveModels,
} from "../analysis/model_identity.ts";

/** One drafted row for reference/models.csv, with what it rests on. */
export interface DraftModel {
  /** The ranked permaslug. */
  permaslug: string;
  /** The models list's id without `:free`. */
  model_id: string;
  /** The display name drafted from the models list's name. */
  display_name: string;
  /** The creator (the id's prefix). */
  vendor: string;
  /** The creator's origin from reference/vendors.csv, or `unknown` when it is not there. */
  origin: string;
  /** From `hugging_face_id`: true when the list names open weights. */
  open_weights: boolean | null;
  /** The models-list file and record fields the row comes from. */
  evidence: string;
}

/** One drafted row for reference/vendors.csv. */
export interface DraftVendor {
  /** The vendor prefix. */
  vendor: string;
  /** The creator's name as the models list writes it, or the prefix. */
  vendor_name: string;
  /** Left empty: a reviewer fills it from a source. */
  origin: "";
  /** The models of this vendor in the rankings. */
  models: string[];
  /** Where the name comes from. */
  evidence: string;
}

/** The whole draft. */
export interface ModelDraft {
  /** Every resolution (reference, variant, draft, unknown), by permaslug. */
  resolutions: ModelResolution[];
  /** Models drafted from the models list. */
  models: DraftModel[];
  /** Vendors missing from reference/vendors.csv. */
  vendors: DraftVendor[];
  /** Ranked permaslugs nobody knows (in neither table). */
  unknown: string[];
}

/**
 * Draft the rows the reference tables lack for the ranked models.
 *
 * @param ws The rankings (`permaslug`), reference/models.csv, reference/vendors.csv and the models list.
 * @returns The draft.
 *
 * @example An unreviewed model of an unknown vendor
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const draft = modelDraft({
 *   rankings: pl.DataFrame({ permaslug: ["meta/llama-5-20260701", "other"] }),
 *   modelIdentity: pl.DataFrame({ permaslug: ["x/y"], model_id: ["x/y"], display_name: ["Y"] }),
 *   vendors: pl.DataFrame({ vendor: ["x"], vendor_name: ["X"], origin: ["US"] }),
 *   models: pl.DataFrame({
 *     snapshot_date: ["2026-08-01"], id: ["meta/llama-5"], canonical_slug: ["meta/llama-5-20260701"],
 *     name: ["Meta: Llama 5"], hugging_face_id: ["meta/Llama-5"], source_file: ["m.json"],
 *   }),
 * });
 * assert.deepEqual(draft.models.map((m) => [m.display_name, m.vendor, m.origin, m.open_weights]),
 *   [["Llama 5", "meta", "unknown", true]]);
 * assert.deepEqual(draft.vendors.map((v) => [v.vendor, v.vendor_name, v.origin]), [["meta", "Meta", ""]]);
 * ```
 */
export function modelDraft(ws: {
  rankings: pl.DataFrame;
  modelIdentity: pl.DataFrame;
  vendors: pl.DataFrame;
  models: pl.DataFrame;
}): ModelDraft {
  const slugs = ws.rankings.height === 0
    ? []
    : ws.rankings.getColumn("permaslug").unique().toArray() as string[];
  const resolutions = resolveModels(slugs, ws.modelIdentity, ws.models);
  const origins = new Map(
    (ws.vendors.height === 0
      ? []
      : ws.vendors.select("vendor", "origin").toRecords() as {
        vendor: string;
        origin: string;
      }[]).map((row) => [row.vendor, row.origin]),
  );
  const models = resolutions.filter((r) => r.identity === "draft").map((r) => ({
    permaslug: r.ranked_permaslug,
    model_id: r.model_id ?? "",
    display_name: r.model,
    vendor: r.vendor,
    origin: origins.get(r.vendor) ?? "unknown",
    open_weights: r.open_weights,
    evidence: r.evidence,
  }));
  const listNames = new Map<string, string>();
  if (ws.models.height > 0) {
    for (
      const row of ws.models.select("id", "name", "source_file")
        .toRecords() as { id: string; name: string; source_file: string }[]
    ) {
      const name = creatorName(row.name);
      const vendor = row.id.split("/")[0];
      if (name !== undefined && !listNames.has(vendor)) {
        listNames.set(vendor, `${name}|${row.source_file} (id ${row.id})`);
      }
    }
  }
  const byVendor = new Map<string, string[]>();
  for (const r of resolutions) {
    if (origins.has(r.vendor)) continue;
    byVendor.set(r.vendor, [
      ...(byVendor.get(r.vendor) ?? []),
      r.ranked_permaslug,
    ]);
  }
  const vendors = [...byVendor.keys()].sort().map((vendor) => {
    const [name, where] = (listNames.get(vendor) ?? "").split("|");
    return {
      vendor,
      vendor_name: name || vendor,
      origin: "" as const,
      models: byVendor.get(vendor) ?? [],
      evidence: where
        ? `models list ${where}; origin not in any bundled source`
        : "not named by the models list; origin not in any bundled source",
    };
  });
  return {
    resolutions,
    models,
    vendors,
    unknown: resolutions.filter((r) => r.identity === "unknown").map((r) =>
      r.ranked_permaslug
    ),
  };
}

/** Header of the drafted models file: reference/models.csv's columns, then the review columns. */
export const DRAFT_MODEL_COLUMNS = [
  "permaslug",
  "model_id",
  "display_name",
  "aliases",
  "benchmark_name",
  "vendor",
  "origin",
  "open_weights",
  "evidence",
] as const;

/** Header of the drafted vendors file: reference/vendors.csv's columns, then the evidence. */
export const DRAFT_VENDOR_COLUMNS = [
  "vendor",
  "vendor_name",
  "country",
  "origin",
  "source",
  "models",
] as const;

/**
 * The drafted models as CSV text (the vendors are {@linkcode draftVendorsCsv}).
 *
 * @param draft From {@linkcode modelDraft}.
 * @returns CSV text with {@linkcode DRAFT_MODEL_COLUMNS}, one row per drafted model.
 */
export function draftModelsCsv(draft: ModelDraft): string {
  return csvFormatRows([
    [...DRAFT_MODEL_COLUMNS],
    ...draft.models.map((m) => [
      m.permaslug,
      m.model_id,
      m.display_name,
      "",
      "",
      m.vendor,
      m.origin,
      m.open_weights === null ? "" : String(m.open_weights),
      m.evidence,
    ]),
  ]) + "\n";
}

/**
 * The drafted vendors as CSV text.
 *
 * @param draft From {@linkcode modelDraft}.
 * @returns CSV text with {@linkcode DRAFT_VENDOR_COLUMNS}; `country` and `origin` empty for a reviewer.
 */
export function draftVendorsCsv(draft: ModelDraft): string {
  return csvFormatRows([
    [...DRAFT_VENDOR_COLUMNS],
    ...draft.vendors.map((v) => [
      v.vendor,
      v.vendor_name,
      "",
      "",
      v.evidence,
      v.models.join("|"),
    ]),
  ]) + "\n";
}
