/**
 * The report's "Findings" section: the ledger's main verdicts and flags, each
 * in one sentence a writer can quote, with the claim ids it rests on. Every
 * number in a sentence is read from the evaluated ledger (or, for the
 * observed cache-hit rates, from the same observed-prices analysis the
 * report's own section prints), never typed in; a finding whose entries are
 * missing from the ledger is left out.
 *
 * @module
 */
import {
  claimEvidence,
  formatFigure,
  type LedgerEntry,
} from "../claims/claims.ts";
import {
  MIN_SAMPLE_SIZE,
  NEARLY_INVERSE_RHO,
  nearlyInverseReading,
} from "../claims/checks/benchmarks.ts";
import { perDayColumn } from "../claims/checks/rankings.ts";
import { RUN_RATE_DAYS } from "../analysis/movers.ts";
import { formatPercent, formatTokens } from "../text/format.ts";
import { escapeMarkdown } from "../text/escape.ts";
import { type Analyses, claimInputs } from "../run/analyses.ts";
import type { Workspace } from "../loading/workspace.ts";

/** One finding: its sentence and the ledger ids it rests on. */
export interface ReportFinding {
  /** A short name ("the 26×"). */
  name: string;
  /** One sentence, Markdown. */
  sentence: string;
  /** The ledger entries it rests on. */
  ids: string[];
}

const times = (v: number, digits = 1) => `${v.toFixed(digits)}×`;
const pct1 = (percent: number) =>
  `${percent < 0 ? "−" : ""}${Math.abs(percent).toFixed(1)}%`;
const flagged = (e: LedgerEntry, flag: string) =>
  e.flags.includes(flag as never);
/** A quote or title of an article, as Markdown text. */
const q = (text: string) => escapeMarkdown(text);
const idRange = (ids: string[]) =>
  ids.length > 2 ? `${ids[0]} … ${ids.at(-1)}` : ids.join(", ");

/**
 * The findings the report leads with, in order: the 26×, the tracker's double
 * count, the 7-day "per day", 6 of 10 not 5, 31.9% not >45%, "nearly inverse"
 * not in the a16z report, the case study's −82% not −39%, and the 26× at
 * observed cache-hit rates.
 *
 * @param ws The workspace (for the claim inputs of the 7-day test).
 * @param results The analyses, with the ledger.
 * @returns The findings whose entries the ledger holds.
 */
export function reportFindings(
  ws: Workspace,
  results: Analyses,
): ReportFinding[] {
  const byId = new Map(results.ledger.map((e) => [e.id, e]));
  const claimOf = new Map(results.claims.map((c) => [c.id, c]));
  const found: ReportFinding[] = [];
  const add = (finding: ReportFinding | null) => {
    if (finding !== null) found.push(finding);
  };

  // 1. The 26×: two halves priced under different rules.
  const [pt42, pt41, pt40] = ["pt-42", "pt-41", "pt-40"].map((id) =>
    byId.get(id)
  );
  if (pt42 && pt41 && pt40 && pt42.reproduced !== null) {
    const rules = pt42.note.match(
      /divides a cost with (.+?) by one with (.+?): incompatible assumptions/,
    );
    const date = claimOf.get("pt-42")?.params.date ?? "";
    add({
      name: "the 26×",
      ids: ["pt-42", "pt-41", "pt-40"],
      sentence:
        `The article's ${pt42.stated_display} (pt-42) is **${pt42.verdict}**${
          flagged(pt42, "incompatible assumptions")
            ? " and flagged **⚑ incompatible assumptions**"
            : ""
        }: it divides Sonnet's ${pt41.stated_display} (pt-41)${
          rules ? `, priced with ${rules[1]},` : ""
        } by Flash's ${pt40.stated_display} (pt-40)${
          rules ? `, priced with ${rules[2]}` : ""
        }; at the list prices in force on ${date}, billed as OpenRouter bills, the ratio is ${
          times(pt42.reproduced)
        }.`,
    });
  }

  // 2. The tracker's double count.
  const flawed = results.ledger.filter((e) => e.method_flawed);
  const weekly = flawed.find((e) => e.id === "ir-01");
  if (weekly && weekly.reproduced !== null && weekly.corrected !== null) {
    const week = claimOf.get("ir-01")?.params.week ?? "";
    add({
      name: "the tracker's double count",
      ids: flawed.map((e) => e.id),
      sentence:
        `The inference-revenue tracker's published revenue (ir-01: ${weekly.reproduced_display} for the week of ${week}) reproduces only with its own formula, which bills every cached token twice, so ${flawed.length} of its figures are flagged **⚑ method flawed** (${
          idRange(flawed.map((e) => e.id))
        }): billed once, that week is ${weekly.corrected_display}, ${
          formatPercent(weekly.corrected / weekly.reproduced)
        } of the published figure.`,
    });
  }

  // 3. The 7-day "per day".
  const day = results.ledger.filter((e) =>
    e.check === "model_day_tokens" && flagged(e, "period mislabelled")
  );
  const runRates = results.ledger.filter((e) =>
    e.check === "run_rate_30d" && flagged(e, "period mislabelled")
  );
  const first = day.length > 0 ? claimOf.get(day[0].id) : undefined;
  if (first !== undefined) {
    const inputs = claimInputs(ws, results, results.claims, claimEvidence(ws));
    const column = perDayColumn(inputs, first);
    const toDay = day.filter((e) => e.reproduced).map((e) =>
      e.stated / e.reproduced!
    );
    const ids = [...day, ...runRates].map((e) => e.id).sort();
    add({
      name: 'the 7-day "per day"',
      ids,
      sentence: `The "tokens/day" column of "${
        q(first.article)
      }" (${first.article_date}) is 7-day totals, flagged **⚑ period mislabelled** (${
        idRange(ids)
      }, all **${
        [...new Set([...day, ...runRates].map((e) => e.verdict))].join(
          "**/**",
        )
      }**): its ${column.ids.length} rows follow the rank order of the models' 7-day totals from ${column.day} and are ${
        column.ratio ? times(column.ratio.low, 2) : "?"
      }–${column.ratio ? times(column.ratio.high, 2) : "?"} them, ${
        times(Math.min(...toDay))
      }–${
        times(Math.max(...toDay))
      } the day's tokens, so its ${RUN_RATE_DAYS}-day run-rates are about ${RUN_RATE_DAYS} weeks of tokens.`,
    });
  }

  // 4. 6 of 10, not 5.
  const bb26 = byId.get("bb-26");
  if (bb26 && bb26.reproduced !== null) {
    add({
      name: "6 of 10, not 5",
      ids: ["bb-26"],
      sentence: `"${
        q(bb26.quote)
      }" (bb-26) is **${bb26.verdict}** by the article's own Top 10 table, whose ten rows hold ${bb26.reproduced} China-team releases, not ${bb26.stated}.`,
    });
  }

  // 5. 31.9%, not >45%.
  const bb06 = byId.get("bb-06");
  const bb45 = byId.get("bb-45");
  const [china, total] = ["bb-19", "bb-01"].map((id) => claimOf.get(id));
  if (bb06 && bb06.reproduced !== null && china && total) {
    add({
      name: "31.9%, not >45%",
      ids: ["bb-06", ...(bb45 ? ["bb-45"] : []), "bb-19", "bb-01"],
      sentence: `"${q(bb06.quote)}" (bb-06${
        bb45 ? `; bb-45 says "45%+" for DeepSeek, Hy3 and MiniMax` : ""
      }) is **${bb06.verdict}** by the article's own figures: its ${
        formatTokens(china.stated)
      } China total (bb-19) is ${pct1(bb06.reproduced)} of its ${
        formatTokens(total.stated)
      } platform total (bb-01).`,
    });
  }

  // 6. "Nearly inverse", not in the a16z report.
  const bb50 = byId.get("bb-50");
  if (bb50 && bb50.verdict !== "unverifiable") {
    const reading = nearlyInverseReading(results.benchmarkCorrelations);
    const absent = /report does not contain this claim/.test(bb50.note);
    add({
      name: '"nearly inverse", not in the a16z report',
      ids: ["bb-50"],
      sentence: `"${
        q(bb50.quote)
      }" (bb-50) is **${bb50.verdict}**: the mean Spearman rho of token share against benchmark score is ${
        reading.meanRho === null ? "n/a" : reading.meanRho.toFixed(3)
      } over ${reading.counted.length} series-weeks of at least ${MIN_SAMPLE_SIZE} models, where the reading needs rho ≤ ${NEARLY_INVERSE_RHO} in every one${
        absent
          ? ", and the OpenRouter × a16z report the article attributes it to does not contain the claim"
          : ""
      }.`,
    });
  }

  // 7. The case study: −82%, not −39%.
  const [bb58, bb59] = ["bb-58", "bb-59"].map((id) => byId.get(id));
  const before = claimOf.get("bb-53");
  if (bb58 && bb59 && bb59.reproduced !== null && bb58.reproduced !== null) {
    add({
      name: "the case study's −82%, not −39%",
      ids: ["bb-59", "bb-58", ...(before ? ["bb-53"] : [])],
      sentence: `The case study's "${
        q(bb59.quote)
      }" (bb-59, bb-58) is **${bb59.verdict}**: the traffic mix it states, at the list prices in force, takes the ${
        before ? formatFigure(before.stated, before.unit) : "stated"
      } bill to ${bb58.reproduced_display}, ${
        pct1(bb59.reproduced)
      }, not ${bb58.stated_display} (${pct1(bb59.stated)}).`,
    });
  }

  // 8. The 26× at observed cache-hit rates.
  const observed = results.observedCache;
  if (observed !== null && pt42) {
    add({
      name: "the 26× at observed cache-hit rates",
      ids: ["pt-42"],
      sentence:
        `At the cache-hit rates OpenRouter observed on ${observed.snapshot_date} (DeepSeek V4 Flash ${
          formatPercent(observed.cheap.observed_cache_hit_rate)
        }, Claude Sonnet 4.5 ${
          formatPercent(observed.premium.observed_cache_hit_rate)
        }, not the article's ${
          formatPercent(observed.article_cache_hit_rate, 0)
        }), the article's agent task costs ${
          times(observed.ratio_at_observed_rates)
        } as much on Sonnet as on Flash, against the ${pt42.stated_display} of pt-42 (a snapshot ${observed.days_after_article} days after the article).`,
    });
  }
  return found;
}

/**
 * The "Findings" section of `report.md`: one bullet per finding, its ids in
 * the sentence.
 *
 * @param findings From {@linkcode reportFindings}.
 * @returns Markdown lines, ending with an empty line (none when there is no finding).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(findingsMarkdown([]), []);
 * assert.deepEqual(findingsMarkdown([{ name: "n", sentence: "S (x-01).", ids: ["x-01"] }]).slice(0, 3), ["## Findings", "", "- S (x-01)."]);
 * ```
 */
export function findingsMarkdown(findings: readonly ReportFinding[]): string[] {
  if (findings.length === 0) return [];
  return [
    "## Findings",
    "",
    ...findings.map((f) => `- ${f.sentence}`),
    "",
    "Each sentence's figures are the claims ledger's (`claims.json`, by id); the flags are defined under the claims ledger below and in data/VERDICTS.md.",
    "",
  ];
}
