/**
 * The claims ledger: every quantitative claim of the five source articles
 * (`data/claims.csv`), with the value reproduced from data by a named method
 * and a verdict: `reproduced`, `reproduced-under-assumptions`, `contradicted`
 * or `unverifiable`.
 *
 * @module
 */
import pl from "nodejs-polars";
import { csvParse } from "d3-dsv";
import { z } from "zod";
import { readText, zodProblems } from "../loading/_input.ts";
import { DataError, type Problem } from "../loading/problems.ts";
import { formatTokens, formatUsd } from "../text/format.ts";

/** The four verdicts. */
export const VERDICTS = [
  "reproduced",
  "reproduced-under-assumptions",
  "contradicted",
  "unverifiable",
] as const;
/** One of {@linkcode VERDICTS}. */
export type Verdict = typeof VERDICTS[number];

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
}

/** A claim with its evaluation: the rows of `claims.json`. */
export interface LedgerEntry {
  /** Claim id. */
  id: string;
  /** Article title and date, e.g. `"Billing Beats Benchmarks" (2026-05-24)`. */
  article: string;
  /** Section. */
  section: string;
  /** Exact quote. */
  quote: string;
  /** Stated figure. */
  stated: number;
  /** Unit. */
  unit: string;
  /** Figure reproduced from data, in the same unit, or null. */
  reproduced: number | null;
  /** Verdict. */
  verdict: Verdict;
  /** The named method, with its tolerance. */
  method: string;
  /** Assumptions the figure depends on (empty when none). */
  assumptions: string;
  /** By how much, what would verify it, or what else to know. */
  note: string;
}

/** The result of one check. */
export interface Evaluation {
  /** The value from data, or null. */
  reproduced: number | null;
  /** Verdict. */
  verdict: Verdict;
  /** Method and tolerance. */
  method: string;
  /** Assumptions. */
  assumptions?: string;
  /** Note. */
  note?: string;
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
  const read = await readText(file);
  if (!read.ok) throw new DataError(read.problems);
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
      });
    },
  );
  if (problems.length > 0) throw new DataError(problems);
  return claims;
}

/** How a figure is worded: a point value, or a lower or upper bound. */
export type Bound = "point" | "at-least" | "at-most";

/**
 * Read from a quote whether its figure is a bound ("above 800B", "under 2%",
 * "45%+") or a point value.
 *
 * @param quote The article's words.
 * @returns The kind of figure.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(boundOf("daily peaks above 800B"), "at-least");
 * assert.equal(boundOf("under 2% of weekly traffic"), "at-most");
 * assert.equal(boundOf("3.43T"), "point");
 * ```
 */
export function boundOf(quote: string): Bound {
  const text = quote.replace(
    /\b(?:day|week|month|quarter|year)[- ]over[- ](?:day|week|month|quarter|year)\b/gi,
    "",
  );
  if (/\b(above|more than|exceeds?|over|at least)\b|\d\+|\+ of/i.test(text)) {
    return "at-least";
  }
  if (/\b(under|below|less than|at most)\b/i.test(text)) return "at-most";
  return "point";
}

/** Units whose figures are whole numbers compared exactly: counts, ranks, weeks, yes/no. */
export const EXACT_UNITS: readonly string[] = [
  "count",
  "rank",
  "weeks",
  "boolean",
];

/**
 * The tolerance of a stated figure: half a unit of its last digit as the
 * quote writes it (28.9T → ±0.05T, "90.0%" → ±0.05), widened to ±5% when the article says it is
 * approximate (~, about, roughly, nearly, around, approximately). Counts,
 * ranks and weeks ({@linkcode EXACT_UNITS}) are exact. "On the order of" is
 * handled by {@linkcode compareStated} as an order of magnitude.
 *
 * @param stated The stated figure in base units.
 * @param quote The article's words.
 * @param unit The claim's unit; counts, ranks and weeks are exact.
 * @returns The absolute tolerance, in the figure's unit.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(toleranceOf(28_900_000_000_000, "28.9T"), 50_000_000_000);
 * assert.equal(toleranceOf(0.008, "≈ $0.008"), 0.0005);
 * assert.equal(toleranceOf(12, "roughly 12%"), 0.6);
 * ```
 */
export function toleranceOf(stated: number, quote: string, unit = ""): number {
  if (EXACT_UNITS.includes(unit)) return 0;
  if (stated === 0) return 0.005;
  const abs = Math.abs(stated);
  const step = quotedStep(abs, quote) ?? digitStep(abs);
  const half = step / 2;
  const approximate =
    /~|≈|\babout\b|\broughly\b|\bnearly\b|\baround\b|\bapproximately\b|\bnear\b/i
      .test(quote);
  return Number(
    (approximate ? Math.max(half, abs * 0.05) : half).toPrecision(12),
  );
}

/** The step of a figure's last significant digit, read from the number alone (28.9e12 → 1e11). */
function digitStep(abs: number): number {
  const text = abs.toPrecision(15).replace(/\.?0+$/, "");
  const [intPart, fracPart = ""] = text.split(".");
  return fracPart.length > 0
    ? 10 ** -fracPart.length
    : 10 ** (intPart.length - intPart.replace(/0+$/, "").length);
}

const SCALES: Record<string, number> = { T: 1e12, B: 1e9, M: 1e6, K: 1e3 };

/**
 * The step of a figure's last digit as the quote writes it: "90.0%" → 0.1,
 * "~$10.00" → 0.01, "66.0B" → 0.1e9; undefined when the quote has no number
 * equal to the stated figure.
 */
function quotedStep(abs: number, quote: string): number | undefined {
  for (const match of quote.matchAll(/(\d[\d,]*(?:\.\d+)?)\s*([TBMK])?/g)) {
    const digits = match[1].replace(/,/g, "");
    const decimals = digits.includes(".") ? digits.split(".")[1].length : 0;
    for (const scale of [SCALES[match[2] ?? ""] ?? 1, 1]) {
      if (Math.abs(Number(digits) * scale - abs) <= abs * 1e-9) {
        return decimals > 0
          ? 10 ** -decimals * scale
          : digitStep(Number(digits)) * scale;
      }
    }
  }
  return undefined;
}

/**
 * Compare a value from data with a claim's stated figure, reading bounds and
 * tolerance from the quote.
 *
 * @param claim The claim.
 * @param value The value from data.
 * @param method The named method that produced it.
 * @param extra Assumptions (which make a match `reproduced-under-assumptions`) and a note.
 * @returns The evaluation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const claim = { stated: 3_430_000_000_000, quote: "3.43T" } as Claim;
 * assert.equal(compareStated(claim, 3_432_000_000_000, "m").verdict, "reproduced");
 * assert.equal(compareStated(claim, 5_000_000_000_000, "m").verdict, "contradicted");
 * ```
 */
export function compareStated(
  claim: Pick<Claim, "stated" | "quote"> & { unit?: string },
  value: number,
  method: string,
  extra: { assumptions?: string; note?: string } = {},
): Evaluation {
  const bound = boundOf(claim.quote);
  const tolerance = toleranceOf(claim.stated, claim.quote, claim.unit);
  const magnitude = /order of/i.test(claim.quote);
  let ok: boolean;
  let rule: string;
  if (bound === "at-least") {
    ok = value >= claim.stated - 1e-12;
    rule = `at least ${formatFigure(claim.stated, claim.unit)}`;
  } else if (magnitude) {
    ok = value > 0 && Math.abs(Math.log10(value / claim.stated)) <= 0.5;
    rule = "of the same order of magnitude (within ×3.16)";
  } else if (bound === "at-most") {
    ok = value <= claim.stated + 1e-12;
    rule = `at most ${formatFigure(claim.stated, claim.unit)}`;
  } else {
    ok = Math.abs(value - claim.stated) <=
      tolerance + Math.abs(claim.stated) * 1e-12;
    rule = `within ±${formatFigure(tolerance, claim.unit)}`;
  }
  const sign = (n: number) => (n >= 0 ? "+" : "");
  const difference = claim.unit === "percent"
    ? `${sign(value - claim.stated)}${round(value - claim.stated)} points`
    : claim.stated === 0
    ? `${sign(value)}${round(value)}`
    : `${sign(value - claim.stated)}${
      ((value / claim.stated - 1) * 100).toFixed(1)
    }%`;
  const notes = [extra.note ?? ""];
  if (!ok) {
    notes.unshift(
      `data gives ${formatFigure(value, claim.unit)} against the stated ${
        formatFigure(claim.stated, claim.unit)
      } (${difference})`,
    );
  }
  const assumptions = extra.assumptions ?? "";
  return {
    reproduced: Number.isInteger(value) ? value : Number(value.toPrecision(15)),
    verdict: ok
      ? (assumptions === "" ? "reproduced" : "reproduced-under-assumptions")
      : "contradicted",
    method: `${method}; reproduced when ${rule}`,
    assumptions,
    note: notes.filter((n) => n !== "").join(". "),
  };
}

/**
 * Render a claim's figure in its unit for people: tokens as T/B, dollars with
 * `$`, percent with `%`.
 *
 * @param value The figure in base units.
 * @param unit The claim's unit.
 * @returns Readable text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(formatFigure(28_900_000_000_000, "tokens/week"), "28.90T tokens/week");
 * assert.equal(formatFigure(7.4, "percent"), "7.4%");
 * assert.equal(formatFigure(0.21, "USD"), "$0.21");
 * assert.equal(formatFigure(105, "USD"), "$105.00");
 * ```
 */
export function formatFigure(value: number, unit: string = ""): string {
  if (unit.startsWith("tokens")) return `${formatTokens(value)} ${unit}`;
  if (unit.startsWith("USD per M")) return `$${round(value)}/M`;
  if (unit.startsWith("USD")) {
    const amount = Math.abs(value) < 1
      ? `${value < 0 ? "-" : ""}$${round(Math.abs(value))}`
      : formatUsd(value);
    return `${amount}${unit.slice(3)}`;
  }
  if (unit === "percent") return `${round(value)}%`;
  if (unit === "ratio") return `${round(value)}×`;
  return `${round(value)}${
    unit === "" || unit === "other" || unit === "boolean" ? "" : ` ${unit}`
  }`;
}

/** Round to 6 significant digits for display, keeping integers whole. */
export function round(value: number): number {
  if (Number.isInteger(value)) return value;
  return Number(value.toPrecision(6));
}

/**
 * Compare a yes/no claim with the data.
 *
 * @param holds Whether the data supports the claim, or null when it cannot tell.
 * @param method The named method.
 * @param note What the data shows.
 * @returns The evaluation (reproduced 1 or 0).
 */
export function compareBoolean(
  holds: boolean | null,
  method: string,
  note: string,
): Evaluation {
  if (holds === null) {
    return { reproduced: null, verdict: "unverifiable", method, note };
  }
  return {
    reproduced: holds ? 1 : 0,
    verdict: holds ? "reproduced" : "contradicted",
    method,
    note,
  };
}

/**
 * An `unverifiable` evaluation saying what data would verify the claim.
 *
 * @param method The named method that would apply.
 * @param note What is missing and what would verify it.
 * @returns The evaluation.
 */
export function unverifiable(method: string, note: string): Evaluation {
  return { reproduced: null, verdict: "unverifiable", method, note };
}

/** Column dtypes of {@linkcode ledgerFrame}. */
export const LEDGER_SCHEMA = {
  id: pl.Utf8,
  article: pl.Utf8,
  section: pl.Utf8,
  quote: pl.Utf8,
  stated: pl.Float64,
  unit: pl.Utf8,
  reproduced: pl.Float64,
  verdict: pl.Utf8,
  method: pl.Utf8,
  assumptions: pl.Utf8,
  note: pl.Utf8,
} as const;

/**
 * Evaluate every claim with a set of checks.
 *
 * @param claims The claims.
 * @param checks Check functions by name; a claim whose check is missing is `unverifiable`.
 * @returns The ledger entries in claim order.
 */
export function evaluateClaims(
  claims: readonly Claim[],
  checks: Record<string, (claim: Claim) => Evaluation>,
): LedgerEntry[] {
  return claims.map((claim) => {
    const check = checks[claim.check];
    let evaluation: Evaluation;
    if (check === undefined) {
      evaluation = unverifiable(
        "none",
        claim.needs === ""
          ? "no data in the workspace covers this claim"
          : `would need: ${claim.needs}`,
      );
    } else {
      try {
        evaluation = check(claim);
      } catch (cause) {
        evaluation = unverifiable(
          claim.check,
          `the check failed: ${(cause as Error).message}`,
        );
      }
    }
    return {
      id: claim.id,
      article: `"${claim.article}" (${claim.article_date})`,
      section: claim.section,
      quote: claim.quote,
      stated: claim.stated,
      unit: claim.unit,
      reproduced: evaluation.reproduced,
      verdict: evaluation.verdict,
      method: evaluation.method,
      assumptions: evaluation.assumptions ?? "",
      note: evaluation.note ?? "",
    };
  });
}

/** The ledger as a frame (columns {@linkcode LEDGER_SCHEMA}). */
export function ledgerFrame(entries: readonly LedgerEntry[]): pl.DataFrame {
  return pl.DataFrame(
    Object.fromEntries(
      Object.entries(LEDGER_SCHEMA).map(([name, dtype]) => [
        name,
        pl.Series(
          name,
          entries.map((e) =>
            (e as unknown as Record<string, unknown>)[name] ?? null
          ),
          dtype,
        ),
      ]),
    ),
  );
}

/**
 * Count verdicts per article.
 *
 * @param entries The ledger.
 * @returns Columns `article, reproduced, reproduced-under-assumptions, contradicted, unverifiable, total`, by article.
 */
export function verdictSummary(entries: readonly LedgerEntry[]): pl.DataFrame {
  const articles = [...new Set(entries.map((e) => e.article))];
  const rows = articles.map((article) => {
    const mine = entries.filter((e) => e.article === article);
    const row: Record<string, unknown> = { article };
    for (const verdict of VERDICTS) {
      row[verdict] = mine.filter((e) => e.verdict === verdict).length;
    }
    row.total = mine.length;
    return row;
  });
  return pl.DataFrame(rows);
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/**
 * Render the ledger as readable Markdown: a summary per article, then one
 * table per article.
 *
 * @param entries The ledger.
 * @param scope A line saying what data the verdicts rest on.
 * @returns Markdown text ending with a newline.
 */
export function ledgerMarkdown(
  entries: readonly LedgerEntry[],
  scope: string,
): string {
  const lines = ["# Claims ledger", "", scope, ""];
  lines.push(
    "| article | reproduced | under assumptions | contradicted | unverifiable | total |",
  );
  lines.push("|---|---:|---:|---:|---:|---:|");
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
      "| id | quote | stated | unit | reproduced | verdict | method | assumptions / note |",
      "|---|---|---:|---|---:|---|---|---|",
    );
    for (const e of entries.filter((x) => x.article === article)) {
      const extra = [e.assumptions, e.note].filter((s) => s !== "").join(" — ");
      lines.push(
        `| ${e.id} | ${escapeCell(e.quote)} | ${
          formatFigure(e.stated, e.unit)
        } | ${e.unit} | ${
          e.reproduced === null ? "–" : formatFigure(e.reproduced, e.unit)
        } | **${e.verdict}** | ${escapeCell(e.method)} | ${
          escapeCell(extra)
        } |`,
      );
    }
  }
  return lines.join("\n") + "\n";
}
