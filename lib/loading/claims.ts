/**
 * Loading `data/claims.csv`: every row validated, every problem reported.
 *
 * @module
 */
import { csvParse } from "d3-dsv";
import { z } from "zod";
import { csvQuoteProblem, readText, zodProblems } from "./input.ts";
import { DataError, type Problem } from "./problems.ts";

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
  const quote = csvQuoteProblem(file, read.value);
  if (quote !== undefined) return { claims: [], problems: [quote] };
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
