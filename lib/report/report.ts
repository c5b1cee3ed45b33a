/**
 * The report command's work: run every analysis on a data folder and write
 * the whole output folder (report.md, claims.json, claims.md, tables, charts,
 * index.html), whole or not at all.
 *
 * @module
 */
import pl from "nodejs-polars";
import { JSDOM } from "jsdom";
import { type Analyses, runAnalyses } from "../run/analyses.ts";
import {
  type ChartFiles,
  chartRenderer,
  saveChartFiles,
} from "../charts/chart_export.ts";
import {
  type LedgerEntry,
  ledgerMarkdown,
  loadClaims,
  verdictDefinitionsMarkdown,
  VERDICTS,
} from "../claims/claims.ts";
import { formatPercent, formatTokens, formatUsd } from "../text/format.ts";
import { escapeMarkdown, markdownCode } from "../text/escape.ts";
import { galleryHtml, galleryLinks, notebookPages } from "../charts/gallery.ts";
import {
  benchmarksCitation,
  rankingsCitation,
  rankingsProvenance,
} from "../text/citation.ts";
import { latestFeedAsOf } from "../loading/benchmarks_feed.ts";
import { observedCacheMarkdown } from "../findings/observed_cache.ts";
import { findingsMarkdown, reportFindings } from "./report_findings.ts";
import { writeOutputDir } from "../tooling/output_dir.ts";
import { flagText } from "../claims/flags.ts";
import { frameToCsv } from "../text/csv.ts";
import { formatProblem } from "../loading/problems.ts";
import {
  reportCharts,
  type ReportChartsOptions,
} from "../charts/report_charts.ts";
import { modelDraft } from "../tooling/model_draft.ts";
import {
  notebookFreshness,
  readNotebookRun,
} from "../tooling/notebook_record.ts";
import { identitySection } from "./identity_section.ts";
import { runSummary } from "./summary.ts";
import {
  changedCharts,
  readPreviousRun,
  sinceLastRunSection,
} from "./since_last_run.ts";
import type { ChartName } from "../charts/registry.ts";
import { loadWorkspace, type Workspace } from "../loading/workspace.ts";
import { VENDOR_SOURCE } from "../loading/vendor_prices.ts";

/** Options of {@linkcode buildReport}. */
export interface ReportOptions {
  /** The data folder (default `data`). */
  dataDir: string;
  /** The output folder (default `out`). */
  outDir: string;
  /** Use only data dated up to this day, `YYYY-MM-DD`. */
  asOf?: string | null;
  /** Write charts only (for `deno task charts`). */
  chartsOnly?: boolean;
  /** With `chartsOnly`: which charts, and a writer's title, subtitle, width and theme (see `deno task charts`). */
  charts?: ReportChartsOptions;
  /**
   * A previous output folder to compare with (`--compare PREV_OUT`): adds
   * "Since the last run" at the top of report.md, marks the gallery's charts
   * whose data changed, and keeps the previous run's machine-readable files
   * in `previous/`. It is read whole before anything is written, so it may
   * be the output folder itself.
   */
  compare?: string | null;
}

/**
 * Entries of an existing output folder that other commands wrote and that
 * the report carries over when it replaces the folder: the executed
 * notebooks (`deno task notebooks`) and the benchmark figures
 * (`deno task bench`).
 */
const KEPT_OUTPUTS = ["notebooks", "bench.md", "whatif", "docs"] as const;

export { frameToCsv } from "../text/csv.ts";

/** The tables the report writes, by file name. */
export function reportTables(results: Analyses): Record<string, pl.DataFrame> {
  return {
    "agent_task_cost.csv": results.agentTaskCost.rename({ model_id: "model" }),
    "agent_task_ratio_by_price_date.csv": results.agentTaskRatios,
    "agent_task_ratio_by_cache_hit.csv": results.agentTaskSensitivity,
    "revenue_weekly.csv": results.revenue,
    "vendor_token_dollar_share_weekly.csv": results.vendorShares,
    "model_tokens_weekly.csv": results.weeklyModels.select(
      "week_start",
      "days_covered",
      "model",
      "vendor",
      "origin",
      "tokens",
      "share",
      "rank",
      "wow_change",
    ),
    "origin_share_weekly.csv": results.weeklyOrigins.select(
      "week_start",
      "days_covered",
      "origin",
      "tokens",
      "share",
    ),
    "weekly_totals.csv": results.weeklyTotals,
    "benchmark_vs_share.csv": results.benchmarkShare.select(
      "benchmark",
      "week_start",
      "model",
      "score",
      "tokens",
      "share",
      "price",
    ),
    "benchmark_correlations.csv": results.benchmarkCorrelations,
    "quality_per_dollar.csv": results.qualityPerDollar,
    "openrouter_vs_vendor_prices.csv": results.vendorPriceComparison,
  };
}

/** Which source each table of {@linkcode reportTables} is built on. */
const TABLE_SOURCES: Record<
  string,
  "rankings" | "tracker" | "prices" | "benchmarks" | "quality" | "vendor"
> = {
  "agent_task_cost.csv": "prices",
  "agent_task_ratio_by_price_date.csv": "prices",
  "agent_task_ratio_by_cache_hit.csv": "prices",
  "revenue_weekly.csv": "tracker",
  "vendor_token_dollar_share_weekly.csv": "tracker",
  "model_tokens_weekly.csv": "rankings",
  "origin_share_weekly.csv": "rankings",
  "weekly_totals.csv": "rankings",
  "benchmark_vs_share.csv": "benchmarks",
  "benchmark_correlations.csv": "benchmarks",
  "quality_per_dollar.csv": "quality",
  "openrouter_vs_vendor_prices.csv": "vendor",
};

/**
 * The benchmarks feed's citation with the `meta.as_of` of its latest
 * snapshot, after `prefix`; empty when no feed is saved.
 */
function feedCitation(ws: Workspace, prefix: string): string {
  const asOf = latestFeedAsOf(ws.benchmarkFeed);
  return asOf === null
    ? ""
    : `${prefix}${escapeMarkdown(benchmarksCitation(asOf))}`;
}

/**
 * `tables/SOURCES.md`: the source of every table, with OpenRouter's citation
 * (the newest `meta.as_of` of the rankings files used, CC BY 4.0) on each
 * table built on rankings-daily, so a republished table carries it.
 *
 * @param ws The workspace (its rankings and their meta).
 * @param names The table file names.
 * @returns Markdown.
 */
export function tableSourcesMarkdown(
  ws: Workspace,
  names: readonly string[],
): string {
  const rankings = escapeMarkdown(
    rankingsCitation(ws.rankingsMeta, {
      rankings: ws.rankings,
      dataTo: ws.asOf,
      licence: true,
    }),
  );
  const text = {
    rankings,
    tracker:
      "Source: openrouter-inference-stats (the tracker's weekly files), OpenRouter list prices.",
    prices:
      "Source: OpenRouter models list and price history (models.dev), the articles' own prices.",
    vendor:
      `Source: OpenRouter models list and price history (models.dev), latest record per model, against the vendors' own list prices in ${VENDOR_SOURCE} (MIT).`,
    benchmarks:
      `Source: published benchmark scores (each with its source URL in the benchmark table)${
        feedCitation(ws, "; the feed's series: ")
      } and ${rankings.replace(/^Source: /, "")}`,
    quality:
      "Source: published benchmark scores (each with its source URL in the benchmark table); OpenRouter list prices (models list and price history, models.dev).",
  };
  const lines = ["# Sources of the tables", ""];
  for (const name of names) {
    const source = TABLE_SOURCES[name];
    lines.push(
      `- \`${name}\`: ${source === undefined ? "see report.md" : text[source]}`,
    );
  }
  return lines.join("\n") + "\n";
}

/**
 * The report's section comparing OpenRouter's list price with the vendor's
 * own: how many models both sources know, and every part more than 1% apart.
 *
 * @param table `vendorComparison()`'s frame.
 * @returns Markdown lines.
 */
export function vendorPriceLines(table: pl.DataFrame): string[] {
  const models = table.height === 0 ? 0 : table.getColumn("model_id").nUnique();
  const flagged = table.filter(pl.col("above_1pct"));
  const flaggedModels = flagged.height === 0
    ? 0
    : flagged.getColumn("model_id").nUnique();
  const lines = [
    "## OpenRouter list price vs the vendor's own",
    "",
    `${models} models are priced both by OpenRouter (latest record of its models list or price history) and by their vendor (${
      escapeMarkdown(VENDOR_SOURCE)
    }, matched by genai-prices' own model names: the vendor model is shown, check it is the same model). ${flaggedModels} of them differ by more than 1% on at least one part (${flagged.height} parts); \`tables/openrouter_vs_vendor_prices.csv\` has every compared part.`,
    "",
  ];
  if (flagged.height === 0) return [...lines, ""];
  lines.push(
    "| model | part | OpenRouter $/M | record | vendor $/M | vendor model | difference |",
    "|---|---|---:|---|---:|---|---:|",
  );
  for (const r of flagged.toRecords()) {
    const difference = r.difference_pct === null
      ? "vendor price 0"
      : `${(r.difference_pct as number) > 0 ? "+" : ""}${
        (r.difference_pct as number).toFixed(1)
      }%`;
    lines.push(
      `| ${
        escapeMarkdown(String(r.model_id))
      } | ${r.part} | ${r.openrouter_usd_per_mtok} | ${
        escapeMarkdown(`${r.openrouter_source} ${r.openrouter_date}`)
      } | ${r.vendor_usd_per_mtok} | ${
        escapeMarkdown(String(r.vendor_model))
      } | ${difference} |`,
    );
  }
  lines.push("");
  return lines;
}

/** A ledger entry in one line for the gallery: its sentence (the figures rounded as the article printed them), and the flag with the corrected value. */
function entryLine(e: LedgerEntry): string {
  const flag = e.method_flawed
    ? ` ⚑ method flawed: corrected ${e.corrected_display}.`
    : "";
  const others = (e.flags ?? []).filter((f) => f !== "method flawed")
    .map((f) => ` ${flagText(f)}.`).join("");
  return `${e.sentence}${flag}${others}`;
}

function verdictCounts(ledger: readonly LedgerEntry[]): string {
  return VERDICTS.map((v) =>
    `${ledger.filter((e) => e.verdict === v).length} ${v}`
  ).join(", ");
}

/** The title and the data folder (and the cut, with `--as-of`). */
function headerSection(ws: Workspace): string[] {
  return [
    "# tokenbook report",
    "",
    `Data folder: ${markdownCode(ws.dataDir)}${
      ws.asOf === null ? "" : ` · cut at ${ws.asOf} (--as-of)`
    }`,
    "",
  ];
}

/** How many data warnings there are: the loaders' warnings and the price records left out. */
function warningCount(ws: Workspace, results: Analyses): number {
  return ws.warnings.length + results.skippedPrices.length;
}

/** `## Data`: each source's files, rows and period, the citation, its provenance, the absent datasets and the count of warnings. */
function dataSection(ws: Workspace, results: Analyses): string[] {
  const p = results.period;
  const lines = ["## Data", ""];
  lines.push("| source | files | rows | period |", "|---|---:|---:|---|");
  lines.push(
    `| rankings-daily | ${
      ws.files["rankings-daily"].length
    } | ${ws.rankings.height} | ${p.rankings?.join(" … ") ?? "none"} |`,
  );
  lines.push(
    `| openrouter-models | ${
      ws.files["openrouter-models"].length
    } | ${ws.models.height} | snapshots ${
      p.modelSnapshots.join(", ") || "none"
    } |`,
  );
  lines.push(
    `| inference-stats | ${
      ws.files["inference-stats"].length
    } | ${ws.inference.height} | weeks ${p.inference?.join(" … ") ?? "none"} |`,
  );
  lines.push(
    `| observed-prices | ${
      ws.files["observed-prices"].length
    } | ${ws.observedPrices.height} | ${
      results.observedCache?.snapshot_date ?? "none"
    } |`,
  );
  lines.push("");
  lines.push(
    escapeMarkdown(
      rankingsCitation(ws.rankingsMeta, {
        rankings: ws.rankings,
        dataTo: ws.asOf,
        licence: true,
      }),
    ),
    "",
  );
  if (ws.benchmarkFeed.height > 0) {
    lines.push(
      `Benchmark series marked "OpenRouter benchmarks feed": ${
        feedCitation(ws, "")
      }`,
      "",
    );
  }
  const provenance = rankingsProvenance(ws.rankingsMeta, {
    rankings: ws.rankings,
  });
  if (provenance !== null) lines.push(escapeMarkdown(provenance), "");
  lines.push(
    `Datasets absent from the data folder (\`deno task fetch\` saves them): ${
      ws.absentDatasets.join(", ") || "none"
    }.`,
    "",
  );
  if ((ws.emptyDatasets ?? []).length > 0) {
    lines.push(
      `Datasets saved with no row, treated as absent: ${
        ws.emptyDatasets.join(", ")
      }.`,
      "",
    );
  }
  const warnings = warningCount(ws, results);
  lines.push(
    `Data warnings: ${warnings} (${ws.warnings.length} from the loaders, ${results.skippedPrices.length} price records left out); ${
      warnings === 0 ? "none to list" : "listed in the appendix"
    }.`,
    "",
  );
  return lines;
}

/** The findings (issue 23), between the data and the headline figures. */
function findingsSection(ws: Workspace, results: Analyses): string[] {
  return findingsMarkdown(reportFindings(ws, results));
}

/** `## Headline figures`: the latest complete week's volume by origin, the top model, the agent-task ratio, the tracker's revenue. */
function headlineSection(results: Analyses): string[] {
  const p = results.period;
  const lines = ["## Headline figures", ""];
  const latest = p.latestCompleteWeek;
  if (latest !== null) {
    const total = results.weeklyTotals.filter(
      pl.col("week_start").eq(pl.lit(latest)),
    ).toRecords()[0] as Record<string, number>;
    lines.push(
      `Latest complete week: **${latest}** (Monday to Sunday, UTC).` +
        (p.partialWeek === null
          ? ""
          : ` The week of ${p.partialWeek.week_start} is partial (${p.partialWeek.days_covered} of 7 days) and is not compared as a whole week.`),
      "",
    );
    lines.push(
      `- Token volume, OpenRouter top 50 + other: **${
        formatTokens(total.tokens)
      }** (${
        total.wow_change === null
          ? "no complete previous week"
          : `${formatPercent(total.wow_change)} week over week`
      }).`,
    );
    for (
      const row of results.weeklyOrigins.filter(
        pl.col("week_start").eq(pl.lit(latest)),
      ).sort("tokens", true).toRecords() as Record<string, unknown>[]
    ) {
      lines.push(
        `  - ${escapeMarkdown(String(row.origin))}: ${
          formatTokens(Number(row.tokens))
        } (${formatPercent(Number(row.share))})`,
      );
    }
    const top = results.weeklyModels.filter(
      pl.col("week_start").eq(pl.lit(latest)).and(pl.col("rank").eq(pl.lit(1))),
    ).toRecords()[0] as Record<string, unknown> | undefined;
    if (top !== undefined) {
      lines.push(
        `- Top model: ${escapeMarkdown(String(top.model))} with ${
          formatTokens(Number(top.tokens))
        } (${formatPercent(Number(top.share))}).`,
      );
    }
  } else {
    lines.push("No complete week of rankings data.");
  }
  const ratios = results.agentTaskRatios.toRecords() as Record<
    string,
    unknown
  >[];
  if (ratios.length > 0) {
    const values = ratios.map((r) => Number(r.ratio));
    lines.push(
      `- Agent task (100K in, 10K out, 80% cache hits), Claude Sonnet 4.5 ÷ DeepSeek V4 Flash with cache reads charged for both and one price source: **${
        Math.min(...values).toFixed(1)
      }× to ${
        Math.max(...values).toFixed(1)
      }×** over ${ratios.length} price dates (the article says 26×).`,
    );
  }
  const lastWeek = p.inference?.[1];
  if (lastWeek !== undefined) {
    const week = results.revenue.filter(
      pl.col("week").eq(pl.lit(lastWeek)).and(pl.col("excluded").not()),
    );
    const published = week.getColumn("published_revenue_usd").sum() as number;
    const aware = week.getColumn("revenue_cache_aware_usd").sum() as number;
    lines.push(
      `- Tracker revenue, week of ${lastWeek}: published ${
        formatUsd(published)
      }, cache-aware ${formatUsd(aware)} (${
        formatPercent(aware / published)
      } of published). Scope: the tracker's top models only.`,
    );
  }
  lines.push("");
  return lines;
}

/** `## Claims ledger`: the verdict counts, their definitions and the ⚑ method-flawed entries. */
function ledgerSection(results: Analyses): string[] {
  return [
    "## Claims ledger",
    "",
    `${results.ledger.length} claims: ${
      verdictCounts(results.ledger)
    }. See \`claims.md\` and \`claims.json\`.`,
    "",
    verdictDefinitionsMarkdown(),
    "",
    `Flagged ⚑ method flawed (corrected value beside the reproduced one): ${
      results.ledger.filter((e) => e.method_flawed).map((e) =>
        `${e.id} ${e.reproduced_display} → ${e.corrected_display}`
      ).join("; ") || "none"
    }.`,
    "",
  ];
}

/** The observed-cache finding, when there is an observed-prices snapshot. */
function observedCacheSection(results: Analyses): string[] {
  return results.observedCache === null
    ? []
    : [observedCacheMarkdown(results.observedCache)];
}

/** `## Not in the reference tables`: vendors and models to add. */
function referenceGapsSection(ws: Workspace, results: Analyses): string[] {
  return [...identitySection(modelDraft(ws), results.unknownVendors), ""];
}

/** `## Outputs`: what else the folder holds. */
function outputsSection(): string[] {
  return [
    "## Outputs",
    "",
    "`claims.json`, `claims.md`, `tables/*.csv`, `charts/` (each chart's kit: `NAME.svg`, `.png`, `.dark.svg`, `.dark.png`, `.social.png`, `.csv`, `.json`), `index.html` (gallery).",
    "",
  ];
}

/** `## Appendix: data warnings`: every warning, one line each. */
function warningsAppendix(ws: Workspace, results: Analyses): string[] {
  const lines = [
    "## Appendix: data warnings",
    "",
    `${
      warningCount(ws, results)
    } records that are valid but suspicious; analyses that depend on them leave them out.`,
    "",
  ];
  if (warningCount(ws, results) === 0) lines.push("None.");
  for (const w of ws.warnings) {
    lines.push(
      `- ${escapeMarkdown(formatProblem(w).replace(/^warning: /, ""))}`,
    );
  }
  for (const s of results.skippedPrices) {
    lines.push(
      `- price record left out: ${
        escapeMarkdown(
          `${s.source} ${s.source_date} ${s.model_id}: ${s.reason}`,
        )
      }`,
    );
  }
  lines.push("");
  return lines;
}

/**
 * Write the readable summary, `report.md`, in named sections: header, data
 * (with the count of warnings), headline figures, claims ledger, the
 * observed-cache finding, reference gaps, outputs, and the data warnings in
 * an appendix.
 *
 * @param ws The workspace.
 * @param results The analyses.
 * @param sinceLastRun The "Since the last run" section (`sinceLastRunSection`), first after the title; none by default.
 * @returns Markdown text.
 */
export function reportMarkdown(
  ws: Workspace,
  results: Analyses,
  sinceLastRun: readonly string[] = [],
): string {
  const [title, blank, ...header] = headerSection(ws);
  return [
    title,
    blank,
    ...(sinceLastRun.length > 0 ? [...sinceLastRun, ""] : []),
    ...header,
    ...dataSection(ws, results),
    ...findingsSection(ws, results),
    ...headlineSection(results),
    ...ledgerSection(results),
    ...observedCacheSection(results),
    ...vendorPriceLines(results.vendorPriceComparison),
    ...referenceGapsSection(ws, results),
    ...outputsSection(),
    ...warningsAppendix(ws, results),
  ].join("\n");
}

/**
 * Load, analyse and write the output folder. Invalid data throws before
 * anything is written; the folder is built aside and swapped in whole (see
 * {@linkcode writeOutputDir}), carrying over `notebooks/` and `bench.md` from
 * the previous output folder so other commands' outputs survive.
 *
 * @param options Data and output folders, `asOf`, `chartsOnly`.
 * @returns The analyses, for the caller to summarise.
 * @throws {WorkspaceError} When the data is invalid (nothing is written).
 * @throws {DataError} When `claims.csv` is missing or invalid (nothing is written).
 * @throws {OutputDirError} A `RangeError`, when the output folder is, holds or
 * lies inside the data folder or raw data, or exists and was not written by
 * tokenbook (nothing is written).
 */
export async function buildReport(options: ReportOptions): Promise<Analyses> {
  // The previous run is read whole first: the output folder may be it.
  const previous = options.compare
    ? await readPreviousRun(options.compare)
    : null;
  const ws = await loadWorkspace(options.dataDir, {
    asOf: options.asOf ?? null,
  });
  const claims = await loadClaims(`${options.dataDir}/claims.csv`);
  const results = runAnalyses(ws, claims);
  const { document } = new JSDOM("").window;
  // Each chart's PNG renders on resvg's worker threads from the moment the
  // chart is drawn, while the next ones are drawn and the ledger evaluated.
  const render = chartRenderer();
  const chartFiles: ChartFiles[] = [];
  const charts = reportCharts(
    results,
    document,
    (chart) =>
      chartFiles.push(render({
        name: chart.name,
        svg: chart.svg,
        kit: chart,
      })),
    options.chartsOnly ? options.charts : {},
  );
  const scope = `Data: ${ws.dataDir}; rankings-daily ${
    results.period.rankings?.join(" … ") ?? "none"
  }; inference-stats ${
    results.period.inference?.join(" … ") ?? "none"
  }; models list ${
    results.period.modelSnapshots.join(", ")
  }. Verdicts follow the policy in data/VERDICTS.md, applied by the checks in lib/claims/checks/; each entry states its tolerance and evidence.`;
  const verdictOf = new Map(results.ledger.map((e) => [e.id, e]));
  const summary = await runSummary(
    results,
    ws.asOf,
    charts.map((chart) => chart.name as ChartName),
  );
  const changed = previous === null || !previous.fromSummary
    ? new Set<string>()
    : new Set(changedCharts(previous.summary, summary));
  const writeCharts = async (dir: string) => {
    await saveChartFiles(`${dir}/charts`, chartFiles);
    const entries = charts.map((chart) => ({
      name: chart.name,
      title: chart.title,
      caption: chart.caption,
      ...(changed.has(chart.name) ? { changed: true } : {}),
      claims: chart.claimIds.filter((id) => verdictOf.has(id)).map((id) => ({
        id,
        verdict: verdictOf.get(id)!.verdict,
        note: entryLine(verdictOf.get(id)!),
      })),
      svg: `charts/${chart.name}.svg`,
      png: `charts/${chart.name}.png`,
      alt: chart.meta.alt,
      source: chart.meta.source,
      kit: {
        darkSvg: `charts/${chart.meta.files.dark_svg}`,
        darkPng: `charts/${chart.meta.files.dark_png}`,
        socialPng: `charts/${chart.meta.files.social_png}`,
        csv: `charts/${chart.meta.files.csv}`,
        json: `charts/${chart.meta.files.json}`,
      },
    }));
    const docs = await Deno.stat(`${dir}/docs/index.html`).then(
      (info) => info.isFile,
      () => false,
    );
    await Deno.writeTextFile(
      `${dir}/index.html`,
      galleryHtml({
        title: "tokenbook charts",
        generated: `data through ${results.period.rankings?.[1] ?? "n/a"}`,
        links: galleryLinks(await notebookPages(dir), {
          docs,
          freshness: notebookFreshness(await readNotebookRun(dir), {
            rankings: results.period.rankings,
            as_of: ws.asOf,
          }),
        }),
      }, entries),
    );
  };
  if (options.chartsOnly) {
    await writeOutputDir(`${options.outDir}/charts`, async (tmp) => {
      await saveChartFiles(tmp, chartFiles);
    }, { protect: [options.dataDir], lockFolder: options.outDir });
    return results;
  }
  await writeOutputDir(options.outDir, async (dir) => {
    await Deno.mkdir(`${dir}/tables`, { recursive: true });
    const tables = reportTables(results);
    for (const [name, frame] of Object.entries(tables)) {
      await Deno.writeTextFile(`${dir}/tables/${name}`, frameToCsv(frame));
    }
    await Deno.writeTextFile(
      `${dir}/tables/SOURCES.md`,
      tableSourcesMarkdown(ws, Object.keys(tables)),
    );
    await Deno.writeTextFile(
      `${dir}/claims.json`,
      JSON.stringify(results.ledger, null, 2) + "\n",
    );
    await Deno.writeTextFile(
      `${dir}/claims.md`,
      ledgerMarkdown(results.ledger, scope),
    );
    await Deno.writeTextFile(
      `${dir}/summary.json`,
      JSON.stringify(summary, null, 2) + "\n",
    );
    if (previous !== null) {
      for (const [name, text] of Object.entries(previous.files)) {
        await Deno.mkdir(`${dir}/previous/tables`, { recursive: true });
        await Deno.writeTextFile(`${dir}/previous/${name}`, text);
      }
    }
    await Deno.writeTextFile(
      `${dir}/report.md`,
      reportMarkdown(
        ws,
        results,
        previous === null ? [] : sinceLastRunSection(previous, {
          summary,
          claims: results.ledger,
        }),
      ),
    );
    await writeCharts(dir);
  }, { protect: [options.dataDir], keep: KEPT_OUTPUTS });
  return results;
}
