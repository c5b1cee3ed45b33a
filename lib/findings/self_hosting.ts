/**
 * The findings of notebook 08 (self-hosting break-even): every reference
 * setup of `data/reference/self_hosting.csv` against its model's OpenRouter
 * list price, on the article's agent task and on the tracker's token mix,
 * at the notebook's utilisation; the break-even utilisation and monthly
 * volume per model pair; the third-party figures beside the formula's; and
 * the ledger's verdicts on the articles' local-vs-API claims.
 *
 * @module
 */
import pl from "nodejs-polars";
import { ARTICLE_TASK } from "../analysis/agent_task.ts";
import {
  CACHED_PREFILL_COST_FACTOR,
  FLEET_UTILISATION,
  type NamedMix,
  selfHostedUsdPerMtok,
  selfHostingBreakEven,
  utilisationCurve,
} from "../analysis/self_hosting.ts";
import type { LedgerEntry } from "../claims/claims.ts";
import type { Analyses } from "../run/analyses.ts";
import type { Workspace } from "../loading/workspace.ts";
import { taskTokensOf, trackerTokenMix } from "../whatif/token_mix.ts";

/** The utilisations the curve is drawn at. */
export const CURVE_UTILISATIONS: readonly number[] = [
  0.05,
  0.1,
  0.15,
  0.2,
  0.3,
  0.5,
  0.75,
  1,
];

/** The ledger's claims about local inference and the API, in the order the notebook shows them. */
export const SELF_HOSTING_CLAIMS: readonly string[] = [
  "pt-50",
  "pt-51",
  "pt-47",
  "pt-52",
  "bb-62",
];

/** A third-party figure beside what the formula gives from the same inputs. */
export interface SourceFigure {
  /** The setup. */
  setupId: string;
  /** What the source says, in its words. */
  stated: string;
  /** The source's number (USD per Mtok, or a utilisation fraction). */
  statedValue: number;
  /** The formula's figure for the same thing. */
  computed: number;
  /** Its unit, in words. */
  unit: string;
}

/** The findings of notebook 08. */
export interface SelfHostingFindings {
  /** The price date of the API side, `YYYY-MM-DD`. */
  date: string;
  /** The notebook's utilisation, a fraction. */
  utilisation: number;
  /** The mixes compared on; the tracker mix's basis in words. */
  mixes: NamedMix[];
  trackerMixBasis: string;
  /** The cached-input assumption of the self-hosted side. */
  cachedInputCostFactor: number;
  /** One row per setup and mix (`selfHostingBreakEven`). */
  breakEven: pl.DataFrame;
  /** Self-hosted against API $/Mtok at {@linkcode CURVE_UTILISATIONS}. */
  curve: pl.DataFrame;
  /** Per mix, the setups cheaper than their API at the notebook's utilisation. */
  cheaperAtUtilisation: { mix: string; setups: string[] }[];
  /** Per mix, the setups whose break-even utilisation is inside the fleets' 10–20 %. */
  cheaperAtFleetUtilisation: { mix: string; setups: string[] }[];
  /** The setup with the lowest break-even utilisation on the article task. */
  lowestBreakEven: { setupId: string; utilisation: number; apiModelId: string };
  /** Third-party figures beside the formula's. */
  sourceFigures: SourceFigure[];
  /** The largest relative gap between a write-up's partial-use $/Mtok and the formula's (kshirol), a fraction. */
  partialUseGap: number;
  /** Setups of the table that state no input throughput (priced with the inferred prefill ratio). */
  outputOnlySetups: number;
  /** The ledger's entries for {@linkcode SELF_HOSTING_CLAIMS}. */
  claims: Pick<LedgerEntry, "id" | "quote" | "verdict" | "note">[];
}

/**
 * The findings of notebook 08.
 *
 * @param ws The workspace (its self-hosting table and tracker weeks).
 * @param results Its analyses (prices and the ledger).
 * @param options `utilisation` (fraction 0–1, the notebook's parameter) and `date` (the API's price date, default the article's 2026-06-08).
 * @returns The findings.
 * @throws {RangeError} When the utilisation is outside (0, 1] or the tracker has no token breakdown.
 */
export function selfHostingFindings(
  ws: Workspace,
  results: Analyses,
  options: { utilisation: number; date?: string },
): SelfHostingFindings {
  const date = options.date ?? "2026-06-08";
  const mix = trackerTokenMix(ws.inference);
  const mixes: NamedMix[] = [
    { name: "article task", tokens: ARTICLE_TASK },
    { name: "tracker mix", tokens: taskTokensOf(mix) },
  ];
  const breakEven = selfHostingBreakEven(ws.selfHosting, results.prices, {
    date,
    utilisation: options.utilisation,
    mixes,
  });
  const rows = breakEven.toRecords() as Record<string, unknown>[];
  const byMix = (keep: (r: Record<string, unknown>) => boolean) =>
    mixes.map((m) => ({
      mix: m.name,
      setups: rows.filter((r) => r.mix === m.name && keep(r)).map((r) =>
        String(r.setup_id)
      ),
    }));
  const figures = sourceFigures(ws.selfHosting, rows);
  const article =
    rows.filter((r) =>
      r.mix === "article task" && r.break_even_utilisation !== null
    ).sort((a, b) =>
      Number(a.break_even_utilisation) - Number(b.break_even_utilisation)
    )[0];
  return {
    date,
    utilisation: options.utilisation,
    mixes,
    trackerMixBasis: mix.basis,
    cachedInputCostFactor: CACHED_PREFILL_COST_FACTOR,
    breakEven,
    curve: utilisationCurve(breakEven, CURVE_UTILISATIONS),
    cheaperAtUtilisation: byMix((r) => r.self_hosting_cheaper === true),
    cheaperAtFleetUtilisation: byMix((r) =>
      r.break_even_utilisation !== null &&
      Number(r.break_even_utilisation) <= FLEET_UTILISATION.high
    ),
    lowestBreakEven: {
      setupId: String(article.setup_id),
      utilisation: Number(article.break_even_utilisation),
      apiModelId: String(article.api_model_id),
    },
    sourceFigures: figures,
    partialUseGap: Math.max(
      ...figures.filter((f) => f.unit.startsWith("USD")).map((f) =>
        Math.abs(f.computed / f.statedValue - 1)
      ),
    ),
    outputOnlySetups:
      ws.selfHosting.filter(pl.col("input_tokens_per_s").isNull()).height,
    claims: SELF_HOSTING_CLAIMS.map((id) =>
      results.ledger.find((e) => e.id === id)
    )
      .filter((e): e is LedgerEntry => e !== undefined)
      .map(({ id, quote, verdict, note }) => ({ id, quote, verdict, note })),
  };
}

/** kshirol's "at 30 % use 1.72, at 10 % 5.15" and llmversus' "~55 % duty cycle", beside the formula. */
function sourceFigures(
  setups: pl.DataFrame,
  rows: Record<string, unknown>[],
): SourceFigure[] {
  const out: SourceFigure[] = [];
  const reserved = (setups.filter(
    pl.col("setup_id").eq(pl.lit("kshirol-llama3-70b-fp8-4xh100-reserved")),
  ).toRecords() as Record<string, number>[])[0];
  if (reserved !== undefined) {
    for (const [u, value] of [[0.3, 1.72], [0.1, 5.15]] as const) {
      out.push({
        setupId: "kshirol-llama3-70b-fp8-4xh100-reserved",
        stated: `$${value}/Mtok at ${u * 100} % use`,
        statedValue: value,
        computed: selfHostedUsdPerMtok(
          reserved.gpu_usd_per_hour,
          reserved.gpus,
          reserved.output_tokens_per_s,
          u,
        ),
        unit: "USD per million output tokens",
      });
    }
  }
  for (const r of rows) {
    if (r.setup_id !== "llmversus-r1-distill-70b-fp8-1xh100") continue;
    if (r.break_even_utilisation === null) continue;
    out.push({
      setupId: String(r.setup_id),
      stated: `wins over the API only above ~55 % duty cycle (${r.mix})`,
      statedValue: 0.55,
      computed: Number(r.break_even_utilisation),
      unit: `break-even utilisation against ${r.api_model_id}'s list price`,
    });
  }
  return out;
}
