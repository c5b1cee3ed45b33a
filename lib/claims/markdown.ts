/**
 * The ledger as readable Markdown (`claims.md`).
 *
 * @module
 */
import type { LedgerEntry } from "./evaluate.ts";
import { verdictSummary } from "./evaluate.ts";
import { verdictDefinitionsMarkdown } from "./verdicts.ts";
import { flagText } from "./flags.ts";

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/**
 * The verdict cell: the verdict, then each flag (method flawed with the
 * corrected value).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const e = { verdict: "contradicted", method_flawed: false, corrected_display: "", flags: ["period mislabelled"] } as never;
 * assert.equal(verdictCell(e), "**contradicted**, ⚑ period mislabelled");
 * ```
 */
export function verdictCell(e: LedgerEntry): string {
  return [
    `**${e.verdict}**`,
    ...(e.flags ?? []).map((f) =>
      f === "method flawed"
        ? `${flagText(f)}: corrected ${e.corrected_display}`
        : flagText(f)
    ),
    ...(e.method_flawed && !(e.flags ?? []).includes("method flawed")
      ? [`${flagText("method flawed")}: corrected ${e.corrected_display}`]
      : []),
  ].join(", ");
}

/**
 * Render the ledger as readable Markdown: the verdict definitions, a summary
 * per article, then one table per article with stated, reproduced,
 * difference, tolerance, verdict, evidence, method and note.
 *
 * @param entries The ledger.
 * @param scope A line saying what data the verdicts rest on.
 * @returns Markdown text ending with a newline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.match(ledgerMarkdown([], "scope"), /\*\*contradicted\*\*: /);
 * ```
 */
export function ledgerMarkdown(
  entries: readonly LedgerEntry[],
  scope: string,
): string {
  const lines = [
    "# Claims ledger",
    "",
    scope,
    "",
    "## What the verdicts and flags mean",
    "",
    verdictDefinitionsMarkdown(),
    "",
    "The full policy: data/VERDICTS.md.",
    "",
    "## Summary",
    "",
    "| article | reproduced | under assumptions | contradicted | unverifiable | total |",
    "|---|---:|---:|---:|---:|---:|",
  ];
  for (
    const row of verdictSummary(entries).toRecords() as Record<
      string,
      unknown
    >[]
  ) {
    lines.push(
      `| ${escapeCell(String(row.article))} | ${row.reproduced} | ${
        row["reproduced-under-assumptions"]
      } | ${row.contradicted} | ${row.unverifiable} | ${row.total} |`,
    );
  }
  for (const article of [...new Set(entries.map((e) => e.article))]) {
    lines.push(
      "",
      `## ${article}`,
      "",
      "| id | quote | stated | reproduced | difference | tolerance | verdict | evidence | method | assumption / note |",
      "|---|---|---:|---:|---|---|---|---|---|---|",
    );
    for (const e of entries.filter((x) => x.article === article)) {
      const extra = [e.assumptions, e.note].filter((s) => s !== "").join(" — ");
      lines.push(
        `| ${e.id} | ${escapeCell(e.quote)} | ${
          escapeCell(e.stated_display)
        } | ${escapeCell(e.reproduced_display)} | ${
          escapeCell(e.difference || "–")
        } | ${escapeCell(e.tolerance_rule || "–")} | ${verdictCell(e)} | ${
          escapeCell(e.evidence || "–")
        } | ${escapeCell(e.method)} | ${escapeCell(extra)} |`,
      );
    }
  }
  return lines.join("\n") + "\n";
}
