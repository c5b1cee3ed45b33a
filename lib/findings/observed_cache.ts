/**
 * The observed-cache section of `report.md`: the Markdown of
 * `observedCacheFindings()` (lib/analysis/observed_cache.ts).
 *
 * @module
 */
import type {
  ObservedCacheFindings,
  ObservedCacheModel,
} from "../analysis/observed_cache.ts";

/**
 * The observed-rates section for `report.md`: the task's ratio at the
 * article's rate, at the observed rates and at the effective prices, beside
 * the article's figure and the consistent-pricing range, with sources and
 * dates.
 *
 * @param f The findings.
 * @returns Markdown lines, ending in a newline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorkspace } from "../loading/workspace.ts";
 * import { priceRows } from "../analysis/prices.ts";
 * import { observedCacheFindings } from "../analysis/observed_cache.ts";
 * const ws = await loadWorkspace("data");
 * const f = observedCacheFindings({ ...ws, prices: priceRows(ws).prices }, { ratio: 26, articleDate: "2026-06-08" });
 * assert.match(observedCacheMarkdown(f), /48\.5× at the observed cache-hit rates/);
 * ```
 */
export function observedCacheMarkdown(f: ObservedCacheFindings): string {
  const x = (ratio: number) => `${ratio.toFixed(1)}×`;
  const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;
  const usd = (value: number) => `$${value.toFixed(4)}`;
  const price = (m: ObservedCacheModel) => `${m.price_source} ${m.price_date}`;
  return [
    "## The 26× under what customers pay (observed prices)",
    "",
    `The article's agent task (${f.task.inputTokens / 1000}K input + ${
      f.task.outputTokens / 1000
    }K output, ${
      pct(f.article_cache_hit_rate)
    } of input from cache; ${f.article_date}) priced with openrouter.ai's observed figures of ${f.snapshot_date} (${f.source}) — a snapshot ${f.days_after_article} days **after** the article, describing August 2026:`,
    "",
    "| pricing | DeepSeek V4 Flash | Claude Sonnet 4.5 | Sonnet ÷ Flash |",
    "|---|--:|--:|--:|",
    `| list prices, the article's ${
      pct(f.article_cache_hit_rate)
    } cache hits | ${usd(f.cheap.list_usd_at_article_rate)} | ${
      usd(f.premium.list_usd_at_article_rate)
    } | ${x(f.ratio_at_article_rate)} |`,
    `| list prices, observed cache hits (${
      pct(f.cheap.observed_cache_hit_rate)
    } / ${pct(f.premium.observed_cache_hit_rate)}) | ${
      usd(f.cheap.list_usd_at_observed_rate)
    } | ${usd(f.premium.list_usd_at_observed_rate)} | ${
      x(f.ratio_at_observed_rates)
    } |`,
    `| observed effective prices | ${usd(f.cheap.effective_usd)} | ${
      usd(f.premium.effective_usd)
    } | ${x(f.ratio_at_effective_prices)} |`,
    "",
    `List prices: the latest on record on or before ${f.snapshot_date} (Flash: ${
      price(f.cheap)
    }; Sonnet 4.5: ${price(f.premium)}). The article says ${
      x(f.stated_ratio)
    }; one consistent price source with cache reads billed for both gives ${
      x(f.consistent_low)
    } to ${
      x(f.consistent_high)
    } over ${f.consistent_dates} price dates. Sonnet 4.5 costs ${
      x(f.ratio_at_observed_rates)
    } at the observed cache-hit rates and ${
      x(f.ratio_at_effective_prices)
    } at the observed effective prices what V4 Flash does.`,
    "",
  ].join("\n");
}
