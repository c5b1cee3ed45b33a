/**
 * report.md's "Not in the reference tables" section: the vendors whose origin
 * stays unknown, the versions and `:free` variants that joined a reviewed
 * model, the models drafted from the models list (with their evidence, for
 * review with `deno task models --draft`), and what stayed unknown.
 *
 * @module
 */
import { escapeMarkdown } from "../text/escape.ts";
import type { ModelDraft } from "../tooling/model_draft.ts";

/**
 * The section's Markdown lines (the heading included).
 *
 * @param draft From `modelDraft` over the report's workspace.
 * @param unknownVendors Vendors of ranked models missing from reference/vendors.csv.
 * @returns The lines.
 *
 * @example Nothing new: two lines
 * ```ts
 * import assert from "node:assert/strict";
 * const lines = identitySection({ resolutions: [], models: [], vendors: [], unknown: [] }, []);
 * assert.deepEqual(lines.slice(-2), [
 *   "- Vendors classified `unknown` (not in reference/vendors.csv): none",
 *   "- Models not in reference/models.csv: none",
 * ]);
 * ```
 */
export function identitySection(
  draft: ModelDraft,
  unknownVendors: readonly string[],
): string[] {
  const md = escapeMarkdown;
  const named = new Map(draft.vendors.map((v) => [v.vendor, v.vendor_name]));
  const lines = ["## Not in the reference tables", ""];
  lines.push(
    `- Vendors classified \`unknown\` (not in reference/vendors.csv): ${
      unknownVendors.map((vendor) => {
        const name = named.get(vendor);
        return name !== undefined && name !== vendor
          ? `${md(vendor)} (${md(name)})`
          : md(vendor);
      }).join(", ") || "none"
    }`,
  );
  const variants = draft.resolutions.filter((r) => r.identity === "variant");
  if (draft.models.length === 0 && variants.length === 0) {
    lines.push(
      `- Models not in reference/models.csv: ${
        draft.unknown.map((slug) => md(slug)).join(", ") || "none"
      }`,
    );
    return lines;
  }
  lines.push(
    `- Models not in reference/models.csv: ${
      variants.length + draft.models.length + draft.unknown.length
    } (${variants.length} versions or variants of a reviewed model, ${draft.models.length} drafted from the models list, ${draft.unknown.length} unknown)`,
  );
  if (variants.length > 0) {
    lines.push(
      "",
      "Versions and variants counted as the reviewed model they belong to:",
      "",
      "| ranked permaslug | model | variant | evidence |",
      "|---|---|---|---|",
      ...variants.map((r) =>
        `| ${md(r.ranked_permaslug)} | ${md(r.model)} | ${
          md(r.variant ?? "")
        } | ${md(r.evidence)} |`
      ),
    );
  }
  if (draft.models.length > 0) {
    lines.push(
      "",
      "Drafted from the models list, not reviewed (`deno task models --draft` writes them to `drafts/models.draft.csv`; copy accepted rows into reference/models.csv with a source):",
      "",
      "| permaslug | display name | creator | origin | open weights | evidence |",
      "|---|---|---|---|---|---|",
      ...draft.models.map((m) =>
        `| ${md(m.permaslug)} | ${md(m.display_name)} | ${md(m.vendor)} | ${
          md(m.origin)
        } | ${
          m.open_weights === null ? "not known" : m.open_weights ? "yes" : "no"
        } | ${md(m.evidence)} |`
      ),
    );
  }
  lines.push(
    "",
    `Stayed unknown (in neither reference/models.csv nor the models list): ${
      draft.unknown.map((slug) => md(slug)).join(", ") || "none"
    }.`,
  );
  return lines;
}
