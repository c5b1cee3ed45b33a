/**
 * One plain sentence per claim that a writer can paste: the article and its
 * date, what it said (its words, table rows with their cells kept apart), the
 * figure, what the data shows for the period spelled out, its scope, and the
 * verdict.
 *
 * @module
 */
import { addDays } from "../base/dates.ts";
import { formatDay, formatDayRange } from "../text/format.ts";
import { CHECK_FAMILIES } from "./checks/mod.ts";
import type { Claim } from "./load.ts";
import type { Verdict } from "./verdicts.ts";

/** What the sentence reads of an evaluated claim. */
export interface SentenceParts {
  /** The verdict. */
  verdict: Verdict;
  /** The stated figure for people, e.g. `"9.20T tokens/week"`. */
  stated_display: string;
  /** The reproduced figure for people, or `"–"`. */
  reproduced_display: string;
  /** The assumptions a `reproduced-under-assumptions` verdict rests on. */
  assumptions: string;
  /** The check's note (for an unverifiable claim: why). */
  note: string;
}

/** The source and scope each check family's figures come from, in words. */
const FAMILY_WORDS: Record<string, { source: string; scope: string }> = {
  rankings: {
    source: "OpenRouter's rankings",
    scope: "counting the top 50 models plus 'other'",
  },
  "rankings: origins": {
    source: "OpenRouter's rankings",
    scope: "counting the top 50 models plus 'other'",
  },
  "rankings: vendors": {
    source: "OpenRouter's rankings",
    scope: "counting the top 50 models plus 'other'",
  },
  tracker: {
    source: "the openrouter-inference-stats tracker",
    scope: "covering the tracker's top models only",
  },
  "revenue share": {
    source: "the openrouter-inference-stats tracker",
    scope: "covering the tracker's top models only, at list prices",
  },
  prices: { source: "OpenRouter's list prices", scope: "" },
  "agent task": {
    source: "OpenRouter's list prices",
    scope: "for the article's agent task",
  },
  benchmarks: { source: "the published benchmark scores", scope: "" },
  catalogue: { source: "OpenRouter's models list", scope: "" },
  "case study": {
    source: "the article's own figures at list prices",
    scope: "",
  },
  article: { source: "the article's own figures", scope: "" },
};

const familyOfCheck = new Map(
  CHECK_FAMILIES.flatMap((family) =>
    Object.keys(family.checks).map((check) => [check, family.name] as const)
  ),
);

/**
 * The vendor column of the articles' tables ("Billing Beats Benchmarks",
 * "OpenRouter rankings"), whose copies in the seeds lost the cell borders:
 * "DeepSeek-V4-FlashDeepSeek (China)3.43T" is three cells.
 */
const TABLE_VENDORS = [
  "DeepSeek",
  "Deepseek",
  "Tencent",
  "Anthropic",
  "Google",
  "MiniMax",
  "Minimax",
  "xAI",
  "StepFun",
  "OpenRouter",
  "Openrouter",
  "Xiaomi",
  "Nvidia",
  "NVIDIA",
];

/** Where a table row copied without its cell borders had them: before a vendor, after "(Country)", around a token count. */
const LOST_BORDERS = [
  new RegExp(`(?<=\\S)(?=(?:${TABLE_VENDORS.join("|")})(?: \\(|$|\\d))`, "g"),
  /(?<=\))(?=\d)/g,
  /(?<=[A-Za-z])(?=\d+(?:\.\d+)?[TBMK](?![a-z]))/g,
  /(?<=\d[TBMK]|[a-z])(?=[+−]\d)/g,
];

/** A table cell with the borders the seed lost put back as " · ". */
function restoreBorders(cell: string): string {
  return LOST_BORDERS.reduce(
    (text, border) => text.replace(border, " · "),
    cell,
  );
}

/** The longest quote kept whole in a sentence, in characters. */
const QUOTE_MAX = 140;

/**
 * An article's words as a reader sees them: a Markdown table row becomes its
 * cells separated by " · " (links reduced to their text), the cell borders a
 * copied table lost are put back as " · ", and a long quote is cut at a
 * word with "…". The ledger's `quote` stays verbatim.
 *
 * @param quote The quote as `data/claims.csv` holds it.
 * @returns The quote for a sentence.
 *
 * @example A table row keeps its cells apart
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(
 *   readableQuote("| 1 | [DeepSeek-V4-Flash](https://openrouter.ai/x) | DeepSeek (China) | 3.43T |"),
 *   "1 · DeepSeek-V4-Flash · DeepSeek (China) · 3.43T",
 * );
 * assert.equal(readableQuote("Chinese models: 9.2T tokens"), "Chinese models: 9.2T tokens");
 * // A table row whose cell borders the copy lost
 * assert.equal(readableQuote("DeepSeek-V4-FlashDeepSeek (China)3.43T"), "DeepSeek-V4-Flash · DeepSeek (China) · 3.43T");
 * assert.equal(readableQuote("| #3 | Hy3 PreviewTencent | 2026-06-08 | 4.3T |"), "#3 · Hy3 Preview · Tencent · 2026-06-08 · 4.3T");
 * ```
 */
export function readableQuote(quote: string): string {
  let text = quote.trim().replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
  if (text.startsWith("|")) {
    text = text.split("|").map((cell) => restoreBorders(cell.trim()))
      .filter((c) => c !== "").join(" · ");
  } else text = restoreBorders(text);
  text = text.replace(/\s+/g, " ");
  if (text.length <= QUOTE_MAX) return text;
  const cut = text.slice(0, QUOTE_MAX - 1);
  return `${cut.slice(0, cut.lastIndexOf(" "))}…`;
}

/** Decimals of the first number in a display, e.g. 1 for "7.4%". */
function decimalsOf(display: string): number {
  const match = /\d+(?:\.(\d+))?/.exec(display.replace(/,/g, ""));
  return match?.[1]?.length ?? 0;
}

/**
 * The reproduced figure at the stated figure's precision plus one digit, for
 * percentages and multiples (the checks keep more digits to compare): the
 * stated "7.4%" against "13.5575%" reads "13.56%"; "30×" against "30.5188×"
 * reads "30.5×".
 *
 * @param reproduced The reproduced figure for people.
 * @param stated The stated figure for people.
 * @returns The reproduced figure, rounded where it is a % or × figure.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(roundedLike("13.5575%", "7.4%"), "13.56%");
 * assert.equal(roundedLike("42.4837×", "26×"), "42.5×");
 * assert.equal(roundedLike("$0.234", "$0.21"), "$0.234");
 * ```
 */
export function roundedLike(reproduced: string, stated: string): string {
  const digits = decimalsOf(stated) + 1;
  return reproduced.replace(
    /(-?\d+\.\d+)(?=\s*(%|×))/g,
    (n) => {
      const decimals = n.split(".")[1].length;
      return decimals > digits ? Number(n).toFixed(digits) : n;
    },
  );
}

/** The period a claim's check reads, spelled out ("for 1–7 June 2026"), or null. */
function periodOf(claim: Claim, family: string | undefined): string | null {
  const p = claim.params;
  const day = /^\d{4}-\d{2}-\d{2}$/;
  // The tracker's weekly file is dated by its `date` (a Sunday), not a week's Monday.
  if (family === "tracker" || family === "revenue share") {
    const file = p.week ?? p.date;
    return file !== undefined && day.test(file)
      ? `in its file of ${formatDay(file)}`
      : null;
  }
  if (family === "prices" || family === "agent task") {
    const date = p.date ?? p.day;
    return date !== undefined && day.test(date)
      ? `in force on ${formatDay(date)}`
      : null;
  }
  if (p.week !== undefined && day.test(p.week)) {
    return `for ${formatDayRange(p.week, addDays(p.week, 6))}`;
  }
  if (
    p.start !== undefined && p.end !== undefined && day.test(p.start) &&
    day.test(p.end)
  ) return `for ${formatDayRange(p.start, p.end)}`;
  const date = p.date ?? p.day;
  if (date !== undefined && day.test(date)) return `for ${formatDay(date)}`;
  return null;
}

function verdictWords(parts: SentenceParts): string {
  switch (parts.verdict) {
    case "reproduced":
      return "reproduced";
    case "contradicted":
      return "contradicted";
    case "reproduced-under-assumptions":
      return parts.assumptions === ""
        ? "reproduced under assumptions"
        : `reproduced under an assumption: ${
          parts.assumptions.replace(/\.$/, "")
        }`;
    default:
      return "unverifiable";
  }
}

/**
 * The sentence of one claim, for `claims.json`, `claims.md` and the
 * notebooks' ledger tables.
 *
 * @param claim The claim as loaded (article, date, quote, check, params).
 * @param parts Its evaluation: verdict, figures, assumptions, note.
 * @returns One sentence, ending with a full stop.
 *
 * @example A contradicted weekly total and an unverifiable case study
 * ```ts
 * import assert from "node:assert/strict";
 * const claim = { id: "pt-06", article: "The OpenRouter Pricing Truth", article_date: "2026-06-08", section: "", quote: "Chinese models: 9.2T tokens", stated: 9.2e12, unit: "tokens/week", check: "origin_week_tokens", params: { week: "2026-06-01" }, needs: "", assumption: "" };
 * assert.equal(
 *   claimSentence(claim, { verdict: "contradicted", stated_display: "9.20T tokens/week", reproduced_display: "18.25T tokens/week", assumptions: "", note: "" }),
 *   "\"The OpenRouter Pricing Truth\" (8 June 2026) said \u201cChinese models: 9.2T tokens\u201d (9.20T tokens/week); OpenRouter's rankings for 1–7 June 2026 show 18.25T tokens/week, counting the top 50 models plus 'other': contradicted.",
 * );
 * const team = { ...claim, quote: "62% of tokens moved", stated: 62, unit: "percent", check: "none", params: {} };
 * assert.equal(
 *   claimSentence(team, { verdict: "unverifiable", stated_display: "62%", reproduced_display: "–", assumptions: "", note: "would need: the team's billing exports" }),
 *   "\"The OpenRouter Pricing Truth\" (8 June 2026) said \u201c62% of tokens moved\u201d (62%); no data here can check it (it would need the team's billing exports): unverifiable.",
 * );
 * ```
 */
export function claimSentence(claim: Claim, parts: SentenceParts): string {
  const said = `"${claim.article}" (${
    formatDay(claim.article_date)
  }) said \u201c${readableQuote(claim.quote)}\u201d (${parts.stated_display})`;
  if (parts.verdict === "unverifiable" || parts.reproduced_display === "–") {
    const why = parts.note.replace(/^would need:\s*/, "it would need ")
      .replace(/\.$/, "");
    return `${said}; no data here can check it${
      why === "" ? "" : ` (${why})`
    }: unverifiable.`;
  }
  const family = familyOfCheck.get(claim.check);
  const words = family === undefined ? undefined : FAMILY_WORDS[family];
  const source = words?.source ?? "the data";
  const period = periodOf(claim, family);
  const plural = source.endsWith("s");
  const yesNo = ["yes", "no"].includes(parts.reproduced_display);
  const figure = yesNo
    ? `${
      parts.reproduced_display === "yes"
        ? plural ? "bear" : "bears"
        : plural
        ? "do not bear"
        : "does not bear"
    } it out`
    : `show${plural ? "" : "s"} ${
      roundedLike(parts.reproduced_display, parts.stated_display)
    }`;
  const shows = `${source}${period === null ? "" : ` ${period}`} ${figure}`;
  const scope = words === undefined || words.scope === ""
    ? ""
    : `, ${words.scope}`;
  return `${said}; ${shows}${scope}: ${verdictWords(parts)}.`;
}
