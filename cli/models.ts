/**
 * `deno task models --draft [--data DIR] [--out DIR]`: draft the rows that
 * reference/models.csv and reference/vendors.csv lack for the ranked models,
 * from the models list, into two reviewable files (`OUT/models.draft.csv`,
 * `OUT/vendors.draft.csv`; default OUT: `drafts`). Nothing in the data
 * folder is modified: a reviewer copies the rows they accept (models: the
 * first five columns) into the reference tables, with a source.
 *
 * Exit codes: 0 when the draft was written (or printed); 1 on invalid data;
 * 2 on a usage error.
 *
 * @module
 */
import { loadWorkspace } from "../lib/loading/workspace.ts";
import {
  draftModelsCsv,
  draftVendorsCsv,
  modelDraft,
} from "../lib/tooling/model_draft.ts";
import { escapeTerminal } from "../lib/text/escape.ts";
import { parseCliArgs, UsageError } from "./_args.ts";
import { commandFailure } from "./_errors.ts";

const USAGE = `Usage: deno task models --draft [--data DIR] [--out DIR]

Resolve every ranked model: a row of reference/models.csv, a version or :free
variant of one, a row drafted from the models list, or unknown. With --draft,
write the drafted rows to OUT/models.draft.csv and OUT/vendors.draft.csv for
review (origins of new vendors are left empty: fill them from a source).

Options:
  --draft     Write the draft files.
  --data DIR  Data folder (default: data).
  --out DIR   Folder for the draft files (default: drafts).
  --help      Show this text.`;

/** Write a file whole: a temporary file beside it, then a rename. */
async function writeWhole(path: string, text: string): Promise<void> {
  const temporary = `${path}.tmp-${Deno.pid}`;
  await Deno.writeTextFile(temporary, text);
  await Deno.rename(temporary, path);
}

async function main(args: string[]): Promise<number> {
  let dataDir = "data";
  try {
    const { values, help } = parseCliArgs(args, {
      data: { type: "string", default: "data" },
      out: { type: "string", default: "drafts" },
      draft: { type: "boolean" },
    });
    if (help) {
      console.log(USAGE);
      return 0;
    }
    dataDir = values.data;
    const outDir = values.out.replace(/\/+$/, "");
    const normal = (path: string) => path.replace(/^\.\//, "");
    if (
      values.draft &&
      (normal(outDir) === normal(`${dataDir}/raw`) ||
        normal(outDir).startsWith(normal(`${dataDir}/raw/`)))
    ) {
      throw new UsageError(
        `--out ${outDir} lies in ${dataDir}/raw/, which no command modifies`,
      );
    }
    const ws = await loadWorkspace(dataDir);
    const draft = modelDraft(ws);
    const counts = new Map<string, number>();
    for (const r of draft.resolutions) {
      counts.set(r.identity, (counts.get(r.identity) ?? 0) + 1);
    }
    console.log(
      `${draft.resolutions.length} ranked models: ${
        ["reference", "variant", "draft", "unknown"].map((kind) =>
          `${counts.get(kind) ?? 0} ${kind}`
        ).join(", ")
      }`,
    );
    for (const r of draft.resolutions.filter((r) => r.identity === "variant")) {
      console.log(
        escapeTerminal(
          `variant: ${r.ranked_permaslug} → ${r.model} (${
            r.variant ?? "same model"
          })`,
        ),
      );
    }
    for (const m of draft.models) {
      console.log(
        escapeTerminal(
          `draft: ${m.permaslug} → ${m.display_name} (${m.vendor}, origin ${m.origin}, open weights ${
            m.open_weights ?? "not known"
          })`,
        ),
      );
    }
    for (const v of draft.vendors) {
      console.log(
        escapeTerminal(
          `vendor not in reference/vendors.csv: ${v.vendor} (${v.vendor_name}); origin left unknown`,
        ),
      );
    }
    for (const slug of draft.unknown) {
      console.log(
        escapeTerminal(`unknown: ${slug} (in neither table)`),
      );
    }
    if (values.draft) {
      await Deno.mkdir(outDir, { recursive: true });
      await writeWhole(`${outDir}/models.draft.csv`, draftModelsCsv(draft));
      await writeWhole(`${outDir}/vendors.draft.csv`, draftVendorsCsv(draft));
      console.log(
        `wrote ${outDir}/models.draft.csv (${draft.models.length} models) and ${outDir}/vendors.draft.csv (${draft.vendors.length} vendors)`,
      );
    }
    return 0;
  } catch (cause) {
    return commandFailure(cause, { dataDir, usage: USAGE });
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
