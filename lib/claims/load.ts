/**
 * Loading `data/claims.csv` (every row validated, every problem reported) and
 * the bundled evidence some checks read besides the workspace's frames: the
 * models list's own descriptions and Hugging Face ids, and the OpenRouter ×
 * a16z figures file.
 *
 * @module
 */
import { csvParse } from "d3-dsv";
import { z } from "zod";
import { readText, zodProblems } from "../loading/_input.ts";
import { DataError, type Problem } from "../loading/problems.ts";

/** One claim as transcribed in `data/claims.csv`. */
export interface Claim {
  /** Stable id: article prefix and number, e.g. `pt-40`. */
  id: string;
  /** Article title. */
  article: string;
  /** Article date, `YYYY-MM-DD`. */
  article_date: string;
  /** Section heading the quote is under. */
  section: string;
  /** The exact words of the article. */
  quote: string;
  /** The figure, in base units (tokens, USD, percent, ratio, count). */
  stated: number;
  /** Unit of `stated`. */
  unit: string;
  /** Name of the check that computes the figure from data. */
  check: string;
  /** The check's arguments. */
  params: Record<string, string>;
  /** What data would verify it, or hints. */
  needs: string;
  /**
   * The assumption declared before the check (the `assumption` column), or
   * empty. Only a declared assumption can make a verdict
   * `reproduced-under-assumptions`.
   */
  assumption: string;
}

const claimRow = z.object({
  id: z.string().regex(/^[a-z]{2}-\d{2,3}$/, "an id such as pt-01"),
  article: z.string().min(1),
  article_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD"),
  section: z.string(),
  quote: z.string().min(1),
  stated: z.string().refine(
    (s) => s.trim() !== "" && Number.isFinite(Number(s)),
    "a finite number",
  ),
  unit: z.string().min(1),
  check: z.string().regex(/^[a-z0-9_]+$/, "a snake_case check name"),
  params: z.string(),
  needs: z.string(),
  assumption: z.string().optional(),
});

/**
 * Parse the `params` column: `key=value` pairs separated by `;`.
 *
 * @param text The column's text.
 * @returns The pairs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseParams("week=2026-06-01;origin=China"), { week: "2026-06-01", origin: "China" });
 * ```
 */
export function parseParams(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(";")) {
    const at = pair.indexOf("=");
    if (at > 0) out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return out;
}

/**
 * Read `claims.csv` into claims and problems, without throwing: the loader
 * shape every tokenbook source has. A bad row is left out and named (line,
 * field, value, expected); every bad row is reported, not only the first.
 *
 * @param file Path of the claims CSV.
 * @returns The valid claims in file order and every problem.
 *
 * @example The bundled ledger has no problem
 * ```ts
 * import assert from "node:assert/strict";
 * const { claims, problems } = await readClaims("data/claims.csv");
 * assert.equal(problems.length, 0);
 * assert.equal(claims[0].id, "pt-01");
 * ```
 */
export async function readClaims(
  file: string,
): Promise<{ claims: Claim[]; problems: Problem[] }> {
  const read = await readText(file);
  if (!read.ok) return { claims: [], problems: read.problems };
  const problems: Problem[] = [];
  const claims: Claim[] = [];
  const seen = new Set<string>();
  (csvParse(read.value) as unknown as Record<string, string>[]).forEach(
    (record, index) => {
      const line = `line ${index + 2}`;
      const parsed = claimRow.safeParse(record);
      if (!parsed.success) {
        problems.push(...zodProblems(file, line, record, parsed.error.issues));
        return;
      }
      if (seen.has(parsed.data.id)) {
        problems.push({
          severity: "error",
          file,
          record: line,
          field: "id",
          value: JSON.stringify(parsed.data.id),
          expected: "a unique id",
        });
        return;
      }
      seen.add(parsed.data.id);
      claims.push({
        ...parsed.data,
        stated: Number(parsed.data.stated),
        params: parseParams(parsed.data.params),
        assumption: (parsed.data.assumption ?? "").trim(),
      });
    },
  );
  return { claims, problems };
}

/**
 * Load `claims.csv`, validating every row.
 *
 * @param file Path of the claims CSV.
 * @returns The claims in file order.
 * @throws {DataError} Listing every bad row.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const claims = await loadClaims("data/claims.csv");
 * assert.ok(claims.length >= 40);
 * ```
 */
export async function loadClaims(file: string): Promise<Claim[]> {
  const { claims, problems } = await readClaims(file);
  if (problems.length > 0) throw new DataError(problems);
  return claims;
}

/** One model as the models list describes it (fields the loader does not keep). */
export interface ModelCard {
  /** Snapshot date, from the file name. */
  snapshot_date: string;
  /** Model id. */
  id: string;
  /** The list's own description text. */
  description: string;
  /** Hugging Face repository of the open weights, or empty when there is none. */
  hugging_face_id: string;
  /** The file and record, e.g. `data/raw/openrouter-models/2026-05-01.models.json[123]`. */
  record: string;
}

/** The file-level figures of one tracker weekly file (fields the loader does not keep). */
export interface TrackerFile {
  /** The week, from the file's `date`. */
  date: string;
  /** The file. */
  file: string;
  /** The tracker's published weekly revenue (`total_revenue`), or null when absent. */
  total_revenue: number | null;
  /** `total_tokens`, or null. */
  total_tokens: number | null;
  /** `token_breakdown`: prompt, completion, reasoning and cached tokens (absent keys left out). */
  token_breakdown: Record<string, number>;
}

/** Bundled evidence beyond the workspace's frames. */
export interface ClaimEvidence {
  /** The tracker's file-level figures, one per weekly file. */
  trackerFiles: TrackerFile[];
  /** The data folder the evidence was read from (evidence paths are written relative to it, as `data/…`). */
  dataDir: string;
  /** Model descriptions and Hugging Face ids from the models-list files. */
  modelCards: ModelCard[];
  /** Text of `reference/a16z_report_figures.md`, or empty when absent. */
  a16zFigures: string;
  /** Path of that file, as read. */
  a16zFile: string;
}

/**
 * Read the evidence some checks need besides the frames: each models-list
 * file's `description` and `hugging_face_id` (dated by the file name, only
 * snapshots up to `asOf`), each tracker file's `total_revenue`,
 * `total_tokens` and `token_breakdown` (weeks up to `asOf`), and the a16z
 * figures file. A file that cannot be
 * read or parsed contributes nothing (the loaders report it already).
 *
 * @param ws The workspace's data folder, models-list files and cut-off day.
 * @returns The evidence.
 *
 * @example DeepSeek V4 Flash's parameters are in its description
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * const evidence = claimEvidence(await loadWorkspace("data"));
 * const card = evidence.modelCards.find((c) => c.id === "deepseek/deepseek-v4-flash");
 * assert.match(card!.description, /284B total parameters and 13B activated/);
 * // The tracker's own weekly total, which its loader does not keep.
 * assert.equal(evidence.trackerFiles.find((f) => f.date === "2026-02-08")?.total_revenue, 6247827.58);
 * ```
 */
export function claimEvidence(ws: {
  dataDir: string;
  asOf: string | null;
  files: Record<string, string[]>;
}): ClaimEvidence {
  const modelCards: ModelCard[] = [];
  for (const file of ws.files["openrouter-models"] ?? []) {
    const date = file.split("/").at(-1)?.match(/^\d{4}-\d{2}-\d{2}/)?.[0];
    if (date === undefined || (ws.asOf !== null && date > ws.asOf)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Deno.readTextFileSync(file));
    } catch {
      continue;
    }
    const rows = Array.isArray(parsed)
      ? parsed
      : (parsed as { data?: unknown })?.data;
    if (!Array.isArray(rows)) continue;
    rows.forEach((row: Record<string, unknown>, index) => {
      if (typeof row?.id !== "string") return;
      modelCards.push({
        snapshot_date: date,
        id: row.id,
        description: typeof row.description === "string" ? row.description : "",
        hugging_face_id: typeof row.hugging_face_id === "string"
          ? row.hugging_face_id
          : "",
        record: `${file}[${index}]`,
      });
    });
  }
  const trackerFiles: TrackerFile[] = [];
  for (const file of ws.files["inference-stats"] ?? []) {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(Deno.readTextFileSync(file));
    } catch {
      continue;
    }
    const date = parsed?.date;
    if (typeof date !== "string" || (ws.asOf !== null && date > ws.asOf)) {
      continue;
    }
    const number = (v: unknown) => typeof v === "number" ? v : null;
    const breakdown = (parsed.token_breakdown ?? {}) as Record<string, unknown>;
    trackerFiles.push({
      date,
      file,
      total_revenue: number(parsed.total_revenue),
      total_tokens: number(parsed.total_tokens),
      token_breakdown: Object.fromEntries(
        Object.entries(breakdown).filter(([, v]) => typeof v === "number"),
      ) as Record<string, number>,
    });
  }
  const a16zFile = `${ws.dataDir}/reference/a16z_report_figures.md`;
  let a16zFigures = "";
  try {
    a16zFigures = Deno.readTextFileSync(a16zFile);
  } catch {
    a16zFigures = "";
  }
  return {
    dataDir: ws.dataDir,
    trackerFiles,
    modelCards,
    a16zFigures,
    a16zFile,
  };
}
