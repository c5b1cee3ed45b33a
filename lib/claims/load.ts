/**
 * The claims ledger's inputs: `data/claims.csv` as its loader reads it
 * (`lib/loading/claims.ts`), and the bundled evidence some checks read
 * besides the workspace's frames: the models list's own descriptions and
 * Hugging Face ids, the tracker's file-level totals and the OpenRouter ×
 * a16z figures file, all loaded into the workspace by the loaders.
 *
 * @module
 */
import type { ModelCard } from "../loading/models_list.ts";
import type { TrackerFile } from "../loading/inference_stats.ts";
import type { WorkspaceEvidence } from "../loading/workspace.ts";

export * from "../loading/claims.ts";
export type { ModelCard } from "../loading/models_list.ts";
export type { TrackerFile } from "../loading/inference_stats.ts";

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
 * The evidence some checks need besides the frames, as the loaders loaded it
 * into the workspace (`Workspace.evidence`): each models-list record's
 * `description` and `hugging_face_id` (snapshots up to `asOf`), each tracker
 * file's `total_revenue`, `total_tokens` and `token_breakdown` (weeks up to
 * `asOf`), and the a16z figures file. It reads no file.
 *
 * @param ws The workspace's data folder and evidence.
 * @returns The evidence.
 *
 * @example DeepSeek V4 Flash's parameters are in its description
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * const evidence = claimEvidence(await loadWorkspace("data"));
 * const card = evidence.modelCards.find((c) => c.id === "deepseek/deepseek-v4-flash");
 * assert.match(card!.description, /284B total parameters and 13B activated/);
 * // The tracker's own weekly total, which its row frame does not keep.
 * assert.equal(evidence.trackerFiles.find((f) => f.date === "2026-02-08")?.total_revenue, 6247827.58);
 * ```
 */
export function claimEvidence(
  ws: { dataDir: string; evidence: WorkspaceEvidence },
): ClaimEvidence {
  return { dataDir: ws.dataDir, ...ws.evidence };
}
