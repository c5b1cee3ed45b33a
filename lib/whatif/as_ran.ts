/**
 * A workload billed as it ran, and reconciled with the cost it logged.
 *
 * Every row is billed exactly (`requestBill()`) at the list price in force
 * on its own day (or on `asOf`), then summed by day, stream and model. Where
 * the workload logged a cost (`logged_usd`, activity `usage`), the bill is
 * compared with it per model and day; every model whose logged total is more
 * than 1% away from the recomputed one is listed with its likely cause:
 *
 * - **a price missing from the list**: some of its rows have no list price
 *   on their day (only possible for rows with a logged cost);
 * - **BYOK**: the export marks the traffic as bring-your-own-key, or the
 *   logged cost is 0 while the list price is not (the provider bills the key
 *   owner, OpenRouter logs only its fee);
 * - **an unpriced cache write**: the rows wrote to the cache and the list
 *   gives no cache-write price, so the bill used the input rate;
 * - **a provider's own price**: none of the above; OpenRouter routed the
 *   traffic to a provider priced differently from the model's list price.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { PriceRow } from "../analysis/cost.ts";
import { requestBill } from "../analysis/request_bill.ts";
import {
  listPriceOn,
  type PriceBook,
  resolveModelId,
  unknownModelExpected,
} from "../analysis/model_prices.ts";
import { frameOf } from "../loading/frames.ts";
import { error, type Problem } from "../loading/problems.ts";
import type { Workload, WorkloadRow } from "./workload.ts";
import type { ScaleBill } from "./scale_bill.ts";
import { escapeMarkdown, markdownCode } from "../text/escape.ts";

/** A Markdown table cell from the inputs: `|`, `<` and newlines escaped, as every writer does. */
const mdCell = (value: unknown) =>
  escapeMarkdown(String(value), { table: true });

/** A model more than {@linkcode RECONCILE_TOLERANCE_PCT}% apart from its logged cost. */
export const RECONCILE_TOLERANCE_PCT = 1;

/** Columns of {@linkcode AsRanResult.rows}. */
export const AS_RAN_SCHEMA = {
  date: pl.Utf8,
  stream: pl.Utf8,
  model: pl.Utf8,
  requests: pl.Float64,
  prompt_tokens: pl.Float64,
  cached_tokens: pl.Float64,
  cache_write_tokens: pl.Float64,
  cache_write_1h_tokens: pl.Float64,
  completion_tokens: pl.Float64,
  reasoning_tokens: pl.Float64,
  web_searches: pl.Float64,
  recomputed_usd: pl.Float64,
  logged_usd: pl.Float64,
  price_source: pl.Utf8,
  price_date: pl.Utf8,
} as const;

/** Columns of {@linkcode AsRanResult.reconciliation}. */
export const RECONCILIATION_SCHEMA = {
  model: pl.Utf8,
  date: pl.Utf8,
  logged_usd: pl.Float64,
  recomputed_usd: pl.Float64,
  difference_usd: pl.Float64,
  difference_pct: pl.Float64,
} as const;

/** A model whose logged cost is more than 1% from its recomputed bill. */
export interface Mismatch {
  /** The model id. */
  model: string;
  /** Logged, USD. */
  logged_usd: number;
  /** Recomputed at list prices, USD (rows without a list price count 0). */
  recomputed_usd: number;
  /** (logged / recomputed − 1) × 100, or null when recomputed is 0. */
  difference_pct: number | null;
  /** The likely cause, in words. */
  cause: string;
}

/** The workload billed as it ran. */
export interface AsRanResult {
  /** Per day, stream and model (columns {@linkcode AS_RAN_SCHEMA}), sorted. */
  rows: pl.DataFrame;
  /** Totals, USD (`logged_usd` null when nothing was logged). */
  total: { recomputed_usd: number; logged_usd: number | null };
  /** Per model and day where a cost was logged (columns {@linkcode RECONCILIATION_SCHEMA}), sorted. */
  reconciliation: pl.DataFrame;
  /** Models more than 1% apart, with the likely cause, by model. */
  mismatches: Mismatch[];
  /** The price records used. */
  prices: PriceRow[];
  /** What the bill assumed, per model. */
  assumptions: string[];
  /** First and last day, or null when undated. */
  period: [string, string] | null;
}

interface Billed {
  row: WorkloadRow;
  model: string;
  price: PriceRow | undefined;
  usd: number;
  unpricedWrite: boolean;
}

/** Resolve and price every row; one problem per unknown model, or model and day without a price (rows with no logged cost). */
function billRows(
  workload: Workload,
  book: PriceBook,
  asOf: string | null,
): { billed: Billed[]; problems: Problem[]; assumptions: Set<string> } {
  const problems = new Map<string, { problem: Problem; rows: number }>();
  const assumptions = new Set<string>();
  const ids = new Map<string, string | undefined>();
  const prices = new Map<string, PriceRow | undefined>();
  const billed: Billed[] = [];
  for (const row of workload.rows) {
    if (!ids.has(row.model)) {
      ids.set(row.model, resolveModelId(book, row.model));
    }
    const id = ids.get(row.model);
    const day = asOf ?? row.date;
    const key = `${id}\u0000${day}`;
    if (id !== undefined && !prices.has(key)) {
      prices.set(key, listPriceOn(book, id, day));
    }
    const price = id === undefined ? undefined : prices.get(key);
    if (price === undefined && (row.logged_usd === null || id === undefined)) {
      const problemKey = id === undefined ? row.model : key;
      const seen = problems.get(problemKey);
      if (seen !== undefined) seen.rows++;
      else {
        problems.set(problemKey, {
          rows: 1,
          problem: error(
            workload.file,
            row.record,
            "model",
            row.model,
            id === undefined
              ? unknownModelExpected(book, row.model)
              : `a model with a list price on or before ${
                day ?? "the latest data"
              } (OpenRouter price history or models list)`,
          ),
        });
      }
      continue;
    }
    let usd = 0;
    let unpricedWrite = false;
    if (price !== undefined) {
      const bill = requestBill(
        {
          prompt_tokens: row.prompt_tokens,
          completion_tokens: row.completion_tokens,
          cached_tokens: row.cached_tokens ?? 0,
          cache_write_tokens: row.cache_write_tokens ?? 0,
          cache_write_1h_tokens: row.cache_write_1h_tokens ?? 0,
          reasoning_tokens: row.reasoning_tokens ?? 0,
          requests: row.requests,
          web_searches: row.web_searches ?? 0,
        },
        price,
        {
          utcTime: row.utc_time ?? null,
          promptPerRequest: row.prompt_per_request,
        },
      );
      usd = bill.usd;
      for (const note of bill.assumptions) assumptions.add(note);
      unpricedWrite = bill.assumptions.some((a) => a.includes("cache-write"));
    }
    billed.push({ row, model: id!, price, usd, unpricedWrite });
  }
  return {
    billed,
    problems: [...problems.values()].map(({ problem, rows }) =>
      rows > 1
        ? {
          ...problem,
          record: `${problem.record} (and ${rows - 1} more rows)`,
        }
        : problem
    ),
    assumptions,
  };
}

/** The likely cause of a model's mismatch. */
function causeOf(rows: Billed[]): string {
  if (rows.some((b) => b.price === undefined)) {
    return "a price missing from the list: some rows have no list price on their day";
  }
  const logged = rows.reduce((s, b) => s + (b.row.logged_usd ?? 0), 0);
  const recomputed = rows.reduce((s, b) => s + b.usd, 0);
  if (
    rows.some((b) => b.row.byok === true) || (logged === 0 && recomputed > 0)
  ) {
    return "BYOK: the provider bills the key's owner, OpenRouter logs only its fee";
  }
  if (rows.some((b) => b.unpricedWrite)) {
    return "an unpriced cache write: the list gives no cache-write price, so the writes were billed at the input rate";
  }
  return "a provider's own price: OpenRouter routed the traffic to a provider priced differently from the list price";
}

/**
 * Bill a workload as it ran, at the list prices of each row's day, and
 * reconcile it with the cost it logged.
 *
 * @param workload The workload.
 * @param book The price book.
 * @param options `asOf`: price every row on this day instead of its own.
 * @returns The bill, or every problem (one per unknown model, or model and day without a price).
 *
 * @example A logged cost 10% above the list price
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const book = { prices: pl.DataFrame({ source: ["OpenRouter models list"], source_date: ["2026-05-01"], model_id: ["a/m"], input_usd_per_mtok: [1], output_usd_per_mtok: [2], cache_read_usd_per_mtok: [null], cache_write_usd_per_mtok: [null] }), modelIdentity: pl.DataFrame({ permaslug: [], model_id: [] }), observedPrices: pl.DataFrame(), inference: pl.DataFrame() };
 * const workload = { file: "w.csv", kind: "csv" as const, rows: [{ record: "line 2", stream: "s", model: "a/m", date: "2026-06-01", prompt_tokens: 1_000_000, cached_tokens: 0, completion_tokens: 0, requests: 1, logged_usd: 1.1 }] };
 * const out = asRanBill(workload, book as never);
 * assert.ok(out.ok);
 * assert.equal(out.result.total.recomputed_usd, 1);
 * assert.equal(out.result.mismatches[0].model, "a/m");
 * ```
 */
export function asRanBill(
  workload: Workload,
  book: PriceBook,
  options: { asOf?: string | null } = {},
): { ok: true; result: AsRanResult } | { ok: false; problems: Problem[] } {
  const asOf = options.asOf ?? null;
  const { billed, problems, assumptions } = billRows(workload, book, asOf);
  if (problems.length > 0) return { ok: false, problems };
  const records = billed.map((b) => ({
    date: b.row.date ?? "",
    stream: b.row.stream,
    model: b.model,
    requests: b.row.requests,
    prompt_tokens: b.row.prompt_tokens,
    cached_tokens: b.row.cached_tokens ?? 0,
    cache_write_tokens: b.row.cache_write_tokens ?? 0,
    cache_write_1h_tokens: b.row.cache_write_1h_tokens ?? 0,
    completion_tokens: b.row.completion_tokens,
    reasoning_tokens: b.row.reasoning_tokens ?? 0,
    web_searches: b.row.web_searches ?? 0,
    recomputed_usd: b.usd,
    logged_usd: b.row.logged_usd,
    price_source: b.price?.source ?? "no list price",
    price_date: b.price?.source_date ?? "",
  }));
  const frame = frameOf(records, AS_RAN_SCHEMA);
  const keys = ["date", "stream", "model", "price_source", "price_date"];
  const sums = Object.keys(AS_RAN_SCHEMA).filter((c) =>
    !keys.includes(c) && c !== "logged_usd"
  );
  const rows = frame.groupBy(keys).agg(
    ...sums.map((c) => pl.col(c).sum()),
    pl.when(pl.col("logged_usd").isNull().all()).then(pl.lit(null))
      .otherwise(pl.col("logged_usd").sum()).alias("logged_usd"),
  ).select(...Object.keys(AS_RAN_SCHEMA)).sort(keys);
  const logged = frame.filter(pl.col("logged_usd").isNotNull());
  const reconciliation = logged.height === 0
    ? frameOf([], RECONCILIATION_SCHEMA)
    : logged.groupBy(["model", "date"]).agg(
      pl.col("logged_usd").sum(),
      pl.col("recomputed_usd").sum(),
    ).withColumns(
      pl.col("logged_usd").minus(pl.col("recomputed_usd")).alias(
        "difference_usd",
      ),
      pl.when(pl.col("recomputed_usd").gt(0)).then(
        pl.col("logged_usd").div(pl.col("recomputed_usd")).minus(1).mul(100),
      ).otherwise(pl.lit(null)).alias("difference_pct"),
    ).select(...Object.keys(RECONCILIATION_SCHEMA)).sort(["model", "date"]);
  const byModel = new Map<string, Billed[]>();
  for (const b of billed) {
    if (b.row.logged_usd === null) continue;
    const list = byModel.get(b.model);
    if (list === undefined) byModel.set(b.model, [b]);
    else list.push(b);
  }
  const mismatches: Mismatch[] = [];
  for (
    const [model, list] of [...byModel].sort(([a], [b]) => a.localeCompare(b))
  ) {
    const loggedUsd = list.reduce((s, b) => s + (b.row.logged_usd ?? 0), 0);
    const recomputed = list.reduce((s, b) => s + b.usd, 0);
    const pct = recomputed > 0 ? (loggedUsd / recomputed - 1) * 100 : null;
    const apart = pct === null
      ? loggedUsd !== 0 || list.some((b) => b.price === undefined)
      : Math.abs(pct) > RECONCILE_TOLERANCE_PCT;
    if (apart) {
      mismatches.push({
        model,
        logged_usd: loggedUsd,
        recomputed_usd: recomputed,
        difference_pct: pct,
        cause: causeOf(list),
      });
    }
  }
  const dates = billed.map((b) => b.row.date).filter((d): d is string =>
    d !== null
  ).sort();
  const used = new Map<string, PriceRow>();
  for (const b of billed) {
    if (b.price !== undefined) {
      used.set(
        `${b.price.model_id}\u0000${b.price.source}\u0000${b.price.source_date}`,
        b.price,
      );
    }
  }
  return {
    ok: true,
    result: {
      rows,
      total: {
        recomputed_usd: billed.reduce((s, b) => s + b.usd, 0),
        logged_usd: logged.height === 0
          ? null
          : billed.reduce((s, b) => s + (b.row.logged_usd ?? 0), 0),
      },
      reconciliation,
      mismatches,
      prices: [...used.values()].sort((a, b) =>
        a.model_id.localeCompare(b.model_id) ||
        a.source_date.localeCompare(b.source_date)
      ),
      assumptions: [...assumptions].sort(),
      period: dates.length === 0 ? null : [dates[0], dates[dates.length - 1]],
    },
  };
}

/**
 * `whatif.md`'s reconciliation section: per model and day, logged against
 * recomputed, and every model more than 1% apart with its likely cause.
 *
 * @param result The as-ran bill.
 * @returns Markdown lines (empty when nothing was logged).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const reconciliation = pl.DataFrame({ model: ["a/m"], date: ["2026-06-01"], logged_usd: [1.1], recomputed_usd: [1], difference_usd: [0.1], difference_pct: [10] });
 * const lines = reconciliationLines({ reconciliation, mismatches: [{ model: "a/m", logged_usd: 1.1, recomputed_usd: 1, difference_pct: 10, cause: "a provider's own price" }] } as never);
 * assert.ok(lines.some((l) => l.includes("| a/m | 2026-06-01 | $1.10 | $1.00 | $0.10 | +10.0% |")));
 * ```
 */
export function reconciliationLines(result: AsRanResult): string[] {
  if (result.reconciliation.height === 0) return [];
  const usd = (x: number) =>
    `${x < 0 ? "-" : ""}$${
      Math.abs(x).toFixed(Math.abs(x) < 0.01 && x !== 0 ? 6 : 2)
    }`;
  const pct = (x: number | null) =>
    x === null ? "–" : `${x > 0 ? "+" : ""}${x.toFixed(1)}%`;
  const lines = [
    "## Reconciliation: logged against recomputed",
    "",
    "Per model and day, the cost the workload logged against its exact bill at the list prices of that day.",
    "",
    "| model | day | logged | recomputed | difference | difference % |",
    "|---|---|--:|--:|--:|--:|",
    ...(result.reconciliation.toRecords() as Record<string, unknown>[]).map((
      r,
    ) =>
      `| ${mdCell(r.model)} | ${mdCell(r.date || "(undated)")} | ${
        usd(Number(r.logged_usd))
      } | ${usd(Number(r.recomputed_usd))} | ${
        usd(Number(r.difference_usd))
      } | ${pct(r.difference_pct as number | null)} |`
    ),
    "",
  ];
  if (result.mismatches.length === 0) {
    lines.push(
      `Every model is within ${RECONCILE_TOLERANCE_PCT}% of its logged cost.`,
    );
  } else {
    lines.push(
      `Models more than ${RECONCILE_TOLERANCE_PCT}% apart, with the likely cause:`,
      "",
      ...result.mismatches.map((m) =>
        `- ${escapeMarkdown(m.model)}: logged ${
          usd(m.logged_usd)
        }, recomputed ${usd(m.recomputed_usd)} (${pct(m.difference_pct)}): ${
          escapeMarkdown(m.cause)
        }`
      ),
    );
  }
  return lines;
}

/**
 * `whatif.md` without a policy: the workload's bill as it ran, per day,
 * stream and model, the prices used, the assumptions and the reconciliation.
 *
 * @param result The as-ran bill.
 * @param workloadFile The workload's path.
 * @returns Markdown text ending in a newline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * const md = asRanMarkdown({ rows: pl.DataFrame(), total: { recomputed_usd: 3, logged_usd: null }, reconciliation: pl.DataFrame(), mismatches: [], prices: [], assumptions: [], period: null }, "w.csv");
 * assert.ok(md.includes("**$3.00 at list prices.**"));
 * ```
 */
export function asRanMarkdown(
  result: AsRanResult,
  workloadFile: string,
): string {
  const usd = (x: number) => `$${x.toFixed(2)}`;
  const lines = [
    "# Bill as it ran",
    "",
    `- Workload: ${markdownCode(workloadFile)}${
      result.period === null
        ? " (undated)"
        : ` (${result.period[0]} … ${result.period[1]})`
    }`,
    "- List prices in force on each row's own day (the latest record on or before it in OpenRouter's price history or models list), billed exactly from every part of the price (`requestBill()`, lib/analysis/request_bill.ts)",
    "",
    `**${usd(result.total.recomputed_usd)} at list prices.**${
      result.total.logged_usd === null
        ? ""
        : ` Logged: ${usd(result.total.logged_usd)}.`
    }`,
    "",
    "## Per day, stream and model",
    "",
    "| day | stream | model | requests | prompt | cached | cache writes 5 min | cache writes 1 h | completion | reasoning | searches | bill | logged | price |",
    "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ...(result.rows.toRecords() as Record<string, unknown>[]).map((r) =>
      `| ${mdCell(r.date || "(undated)")} | ${mdCell(r.stream)} | ${
        mdCell(r.model)
      } | ${
        [
          r.requests,
          r.prompt_tokens,
          r.cached_tokens,
          r.cache_write_tokens,
          r.cache_write_1h_tokens,
          r.completion_tokens,
          r.reasoning_tokens,
          r.web_searches,
        ].map((v) => Number(v).toLocaleString("en-US")).join(" | ")
      } | ${usd(Number(r.recomputed_usd))} | ${
        r.logged_usd === null ? "–" : usd(Number(r.logged_usd))
      } | ${mdCell(`${r.price_source} ${r.price_date}`)} |`
    ),
    "",
    ...reconciliationLines(result),
  ];
  if (result.assumptions.length > 0) {
    lines.push(
      "",
      "## Assumptions",
      "",
      ...result.assumptions.map((a) => `- ${a}`),
    );
  }
  return lines.join("\n") + "\n";
}

/**
 * The as-ran result of a bill made at scale (`billAtScale()`): its sums per
 * day, stream and model, and the reconciliation of the rows that logged a
 * cost. Causes come from the sums: BYOK when the logged cost is 0 against a
 * non-zero bill, an unpriced cache write when the bill assumed one, else a
 * provider's own price (the scale path refuses rows without a list price).
 *
 * @param bill The bill at scale.
 * @returns The as-ran result.
 */
export function asRanFromScale(bill: ScaleBill): AsRanResult {
  const keys = ["date", "stream", "model", "price_source", "price_date"];
  const frame = bill.frame.rename({ day: "date", bill_usd: "recomputed_usd" });
  const rows = frame.groupBy(keys).agg(
    ...Object.keys(AS_RAN_SCHEMA).filter((c) =>
      !keys.includes(c) && c !== "logged_usd"
    ).map((c) => pl.col(c).sum().cast(pl.Float64)),
    pl.when(pl.col("logged").any()).then(pl.col("logged_usd").sum())
      .otherwise(pl.lit(null)).alias("logged_usd"),
  ).select(...Object.keys(AS_RAN_SCHEMA)).sort(keys);
  const logged = frame.filter(pl.col("logged"));
  const reconciliation = logged.height === 0
    ? frameOf([], RECONCILIATION_SCHEMA)
    : logged.groupBy(["model", "date"]).agg(
      pl.col("logged_usd").sum(),
      pl.col("recomputed_usd").sum(),
    ).withColumns(
      pl.col("logged_usd").minus(pl.col("recomputed_usd")).alias(
        "difference_usd",
      ),
      pl.when(pl.col("recomputed_usd").gt(0)).then(
        pl.col("logged_usd").div(pl.col("recomputed_usd")).minus(1).mul(100),
      ).otherwise(pl.lit(null)).alias("difference_pct"),
    ).select(...Object.keys(RECONCILIATION_SCHEMA)).sort(["model", "date"]);
  const mismatches: Mismatch[] = [];
  if (logged.height > 0) {
    const byModel = logged.groupBy("model").agg(
      pl.col("logged_usd").sum(),
      pl.col("recomputed_usd").sum(),
    ).sort("model");
    for (const r of byModel.toRecords() as Record<string, number & string>[]) {
      const pct = r.recomputed_usd > 0
        ? (r.logged_usd / r.recomputed_usd - 1) * 100
        : null;
      if (
        pct === null
          ? r.logged_usd === 0
          : Math.abs(pct) <= RECONCILE_TOLERANCE_PCT
      ) {
        continue;
      }
      mismatches.push({
        model: r.model,
        logged_usd: r.logged_usd,
        recomputed_usd: r.recomputed_usd,
        difference_pct: pct,
        cause: r.logged_usd === 0 && r.recomputed_usd > 0
          ? "BYOK: the provider bills the key's owner, OpenRouter logs only its fee"
          : bill.assumptions.some((a) =>
              a.startsWith(`${r.model}:`) && a.includes("cache-write")
            )
          ? "an unpriced cache write: the list gives no cache-write price, so the writes were billed at the input rate"
          : "a provider's own price: OpenRouter routed the traffic to a provider priced differently from the list price",
      });
    }
  }
  const days = (rows.getColumn("date").toArray() as string[]).filter((d) =>
    d !== ""
  ).sort();
  return {
    rows,
    total: { recomputed_usd: bill.usd, logged_usd: bill.logged_usd },
    reconciliation,
    mismatches,
    prices: [],
    assumptions: bill.assumptions,
    period: days.length === 0 ? null : [days[0], days[days.length - 1]],
  };
}
