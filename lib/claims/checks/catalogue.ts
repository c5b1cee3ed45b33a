/**
 * Checks against the model catalogue and the bundled reports: the models
 * list's context windows, model count and its own descriptions (parameter
 * counts), and the OpenRouter × a16z figures file.
 *
 * @module
 */
import pl from "nodejs-polars";
import { compareStated, unverifiable } from "../compare.ts";
import { type Check, type CheckFamily, dataPath, rowsOf } from "./_inputs.ts";

const contextLength: Check = (claim, inputs) => {
  const model = claim.params.model;
  const date = claim.params.date ?? claim.article_date;
  const rows = rowsOf(
    inputs.models.filter(
      pl.col("id").eq(pl.lit(model)).and(
        pl.col("snapshot_date").lessThanEquals(pl.lit(date)),
      ),
    ),
  );
  const row = rows.at(-1);
  const method =
    `context_length in the latest models-list snapshot up to ${date}`;
  if (row === undefined) {
    return unverifiable(
      method,
      `${model} is not in a models-list snapshot up to ${date}`,
    );
  }
  const context = Number(row.context_length);
  const evidence = `${
    dataPath(inputs, String(row.source_file))
  }: id "${model}", field context_length`;
  // "256K" may mean 262,144: K read as 1,024 tokens when that is what the list says.
  const binary = /\d\s*K\b/.test(claim.quote)
    ? claim.stated / 1000 * 1024
    : null;
  if (binary !== null && context === binary) {
    return compareStated(
      { ...claim, stated: binary, quote: `${binary}` },
      context,
      `${method} (K read as 1,024 tokens)`,
      { evidence },
    );
  }
  return compareStated(claim, context, method, { evidence });
};

const catalogModelCount: Check = (claim, inputs) => {
  const date = claim.params.date;
  const rows = inputs.models.filter(pl.col("snapshot_date").eq(pl.lit(date)));
  const method =
    `models in the models list of ${date} (all ids, :free variants included)`;
  if (rows.height === 0) {
    return unverifiable(method, `no models-list snapshot dated ${date}`);
  }
  return compareStated(claim, rows.height, method, {
    note: `${
      rows.filter(pl.col("is_free").not()).height
    } without the :free variants`,
    evidence: `${
      dataPath(inputs, String(rows.getColumn("source_file").get(0)))
    }: every record`,
  });
};

/** Parameter counts as the models list's descriptions write them. */
const PARAMS: Record<string, RegExp> = {
  total: /([\d.]+)\s*([TB])\s+total parameters/i,
  active: /([\d.]+)\s*([TB])\s+(?:activated|active) parameters/i,
};

const modelParams: Check = (claim, inputs) => {
  const { model, part } = claim.params;
  const method =
    `${part} parameters as the models list's own description of ${model} states them (latest snapshot up to ${claim.article_date})`;
  const card = inputs.evidence.modelCards.filter((c) =>
    c.id === model && c.snapshot_date <= claim.article_date
  ).at(-1);
  if (card === undefined) {
    return unverifiable(
      method,
      `${model} is not in a models-list snapshot; the vendor's model card would verify it`,
    );
  }
  const match = card.description.match(PARAMS[part] ?? /$^/);
  if (match === null) {
    return unverifiable(
      method,
      `the description of ${model} gives no ${part} parameter count; the vendor's model card (${
        card.hugging_face_id || "no Hugging Face id"
      }) would verify it`,
    );
  }
  const value = Number(match[1]) *
    (match[2].toUpperCase() === "T" ? 1e12 : 1e9);
  return compareStated(claim, value, method, {
    note: `the description says "${match[0]}"`,
    evidence: `${dataPath(inputs, card.record)}: description`,
  });
};

const a16zFigure: Check = (claim, inputs) => {
  const { pattern, scale } = claim.params;
  const method =
    `the figure as data/reference/a16z_report_figures.md records the OpenRouter × a16z report (/${pattern}/)`;
  if (inputs.evidence.a16zFigures === "") {
    return unverifiable(
      method,
      "data/reference/a16z_report_figures.md is not in the data folder",
    );
  }
  const line = inputs.evidence.a16zFigures.split("\n").find((l) =>
    new RegExp(pattern, "i").test(l)
  );
  const match = line?.match(new RegExp(pattern, "i"));
  if (match === undefined || match === null) {
    return unverifiable(
      method,
      `the figures file does not state it; the report itself would verify it`,
    );
  }
  const value = Number(match[1]) * Number(scale ?? 1);
  // A table row's last cell says where the figure is stated; only "(primary" is the report itself.
  const cells = line!.trim().startsWith("|")
    ? line!.split("|").map((c) => c.trim()).filter((c) => c !== "")
    : [];
  const where = cells.at(-1) ?? "";
  const secondary = cells.length > 0 && !/\(primary\b/.test(where);
  const result = compareStated(claim, value, method, {
    note: secondary
      ? `the file says "${
        match[0]
      }", and gives its source as "${where}": a transcription or summary, not the primary report (the file: "deeper figures come from transcriptions/summaries as noted")`
      : `the file says "${match[0]}"`,
    evidence: `${dataPath(inputs, inputs.evidence.a16zFile)}: line "${
      line!.slice(0, 80).trim()
    }…"`,
  });
  return secondary
    ? { ...result, flags: ["secondary source" as const] }
    : result;
};

/** The model catalogue and the bundled reports. */
export const catalogueChecks: CheckFamily = {
  name: "catalogue",
  checks: {
    context_length: contextLength,
    catalog_model_count: catalogModelCount,
    model_params: modelParams,
    a16z_figure: a16zFigure,
  },
};
