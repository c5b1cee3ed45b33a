/**
 * The ledger as readable Markdown (`claims.md`).
 *
 * @module
 */
import type { LedgerEntry } from "./evaluate.ts";
import { verdictSummary } from "./evaluate.ts";
import { verdictDefinitionsMarkdown } from "./verdicts.ts";
import { flagText } from "./flags.ts";
import { roundedLike } from "./sentence.ts";

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

/** One line of text for Markdown: no line breaks, `<` and `>` as entities (the method and notes hold neither HTML nor Markdown). */
function inline(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").replace(/</g, "&lt;").replace(
    />/g,
    "&gt;",
  );
}

/**
 * One claim of `claims.md`: its id and verdict as a heading, its sentence,
 * the figures (stated, reproduced, difference, tolerance), the evidence, and
 * the long method in a `<details>` block.
 *
 * @param e The ledger entry.
 * @returns Markdown lines.
 *
 * @example The sentence under the heading
 * ```ts
 * import assert from "node:assert/strict";
 * const lines = claimBlock({ id: "x-01", verdict: "reproduced", sentence: "S.", stated_display: "1", reproduced_display: "1", difference: "", tolerance_rule: "", evidence: "", method: "m", assumptions: "", note: "", method_flawed: false } as never);
 * assert.deepEqual(lines.slice(0, 3), ["### x-01 · **reproduced**", "", "S."]);
 * ```
 */
export function claimBlock(e: LedgerEntry): string[] {
  const figures = [
    `stated **${escapeCell(e.stated_display)}**`,
    `reproduced **${
      escapeCell(roundedLike(e.reproduced_display, e.stated_display))
    }**`,
    ...(e.difference === "" ? [] : [`difference ${escapeCell(e.difference)}`]),
    ...(e.tolerance_rule === ""
      ? []
      : [`tolerance ${escapeCell(e.tolerance_rule)}`]),
  ];
  const method = [
    e.method,
    ...[e.assumptions, e.note].filter((x) => x !== ""),
  ].map(inline);
  return [
    `### ${e.id} · ${verdictCell(e)}`,
    "",
    inline(e.sentence),
    "",
    `- ${figures.join(" · ")}`,
    `- evidence: ${e.evidence === "" ? "–" : inline(e.evidence)}`,
    "",
    "<details><summary>Method and notes</summary>",
    "",
    ...method.flatMap((m) => [m, ""]),
    "</details>",
  ];
}

/**
 * Render the ledger as readable Markdown: the verdict definitions, a summary
 * per article, then per article each claim's sentence, verdict and flags,
 * figures and evidence, with the long method in a details block
 * ({@linkcode claimBlock}).
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
    lines.push("", `## ${article}`);
    for (const e of entries.filter((x) => x.article === article)) {
      lines.push("", ...claimBlock(e));
    }
  }
  return lines.join("\n") + "\n";
}
