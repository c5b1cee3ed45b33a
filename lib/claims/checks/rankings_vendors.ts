/**
 * Checks of vendors' and model groups' token volumes in rankings-daily, and,
 * where the data does not cover the article's week, of the article against
 * its own other figures.
 *
 * @module
 */
import pl from "nodejs-polars";
import {
  compareBoolean,
  compareStated,
  contradictedByArticle,
  round,
  unverifiable,
} from "../compare.ts";
import { addDays } from "../../base/dates.ts";
import { formatTokens } from "../../text/format.ts";
import { precisionOf } from "../tolerance.ts";
import {
  orOwnFigures,
  ownWeek,
  rowList,
  weekEvidence as evidenceOf,
} from "./_article.ts";
import {
  type Check,
  type CheckFamily,
  type ClaimInputs,
  needWeek,
  percentChange,
  rowsOf,
  vendorIds,
  vendorWeekTokens,
  weekModels,
  weekTotal,
} from "./_inputs.ts";

const vendorWeekTokensCheck: Check = (claim, inputs) => {
  const { week, vendor } = claim.params;
  const method =
    `tokens of every model of ${vendor} in the top 50, summed over the week`;
  return needWeek(inputs, week, method) ??
    compareStated(
      claim,
      vendorWeekTokens(inputs, week, vendorIds(inputs, vendor)),
      method,
      { evidence: evidenceOf(inputs, week) },
    );
};

/** A vendor's change over its models present every day of both weeks, and the models left out. */
function vendorChange(inputs: ClaimInputs, week: string, ids: string[]) {
  const rows = (w: string) =>
    rowsOf(weekModels(inputs, w).filter(pl.col("vendor").isIn(ids)));
  const now = rows(week);
  const before = rows(addDays(week, -7));
  const whole = (r: Record<string, unknown>) => Number(r.days_in_top50) === 7;
  const kept = now.filter((r) =>
    whole(r) && before.some((b) => b.permaslug === r.permaslug && whole(b))
  ).map((r) => String(r.permaslug));
  const sum = (list: Record<string, unknown>[]) =>
    list.filter((r) => kept.includes(String(r.permaslug)))
      .reduce((total, r) => total + Number(r.tokens), 0);
  const partial = [
    ...new Set(
      [...now, ...before].filter((r) => !kept.includes(String(r.permaslug)))
        .map((r) => String(r.model)),
    ),
  ];
  return {
    kept,
    partial,
    pct: kept.length === 0 ? null : percentChange(sum(now), sum(before)),
  };
}

/** Western vendors with models in the top 50, for "the only major Western name shrinking". */
export const WESTERN_VENDORS = [
  "anthropic",
  "openai",
  "google",
  "x-ai",
  "meta-llama",
  "mistralai",
] as const;

const vendorWeekWowPct: Check = (claim, inputs) => {
  const { week, vendor } = claim.params;
  const method =
    `week-over-week change of ${vendor}'s tokens, over its models in the top 50 on all 7 days of both weeks`;
  const missing = needWeek(inputs, week, method) ??
    needWeek(inputs, addDays(week, -7), method);
  if (missing !== undefined) return missing;
  const evidence = evidenceOf(inputs, week, addDays(week, -7));
  if (claim.params.test === "only_xAI_negative") {
    const results = WESTERN_VENDORS.map((v) => ({
      vendor: v,
      ...vendorChange(inputs, week, [v]),
    }));
    const xai = results.find((r) => r.vendor === "x-ai")!;
    const shrinking = results.filter((r) => r.pct !== null && r.pct < 0)
      .map((r) => r.vendor);
    const others = shrinking.filter((v) => v !== "x-ai");
    if (others.length > 0) {
      return compareBoolean(
        claim,
        false,
        method,
        `other Western vendors shrinking too: ${others.join(", ")}`,
        evidence,
      );
    }
    if (xai.pct === null) {
      return unverifiable(
        method,
        `no xAI model is in the top 50 on all 7 days of both weeks (${
          xai.partial.join(", ") || "none"
        }); among the measurable vendors, shrinking: ${
          shrinking.join(", ") || "none"
        }; xAI's full weekly volume would verify it`,
      );
    }
    return compareBoolean(
      claim,
      shrinking.length === 1 && shrinking[0] === "x-ai",
      method,
      `shrinking: ${shrinking.join(", ") || "none"}`,
      evidence,
    );
  }
  const result = vendorChange(inputs, week, vendorIds(inputs, vendor));
  if (result.pct === null) {
    return unverifiable(
      method,
      `none of ${vendor}'s models is in the top 50 on all 7 days of both weeks (${
        result.partial.join(", ") || "none in the data"
      }): the data holds only part of their volume; the vendor's full weekly volume would verify it`,
    );
  }
  return compareStated(claim, result.pct, method, {
    note: result.partial.length === 0
      ? ""
      : `left out, not in the top 50 every day: ${result.partial.join(", ")}`,
    evidence,
  });
};

const vendorTokenSharePct: Check = (claim, inputs) => {
  const { week, vendor } = claim.params;
  const method =
    `tokens of ${vendor}'s models ÷ all tokens of the week (top 50 + other), percent`;
  const missing = needWeek(inputs, week, method);
  const ids = vendorIds(inputs, vendor);
  if (missing === undefined) {
    const share = (w: string) =>
      vendorWeekTokens(inputs, w, ids) / weekTotal(inputs, w) * 100;
    if (claim.params.test === "share_up_vs_prev_week") {
      const prev = needWeek(inputs, addDays(week, -7), method);
      if (prev !== undefined) return prev;
      return compareBoolean(
        claim,
        share(week) > share(addDays(week, -7)),
        method,
        `${round(share(addDays(week, -7)))}% → ${round(share(week))}%`,
        evidenceOf(inputs, week, addDays(week, -7)),
      );
    }
    return compareStated(claim, share(week), method, {
      evidence: evidenceOf(inputs, week),
    });
  }
  // The article's own origin total bounds the share of vendors of that origin.
  const own = ownWeek(inputs, claim);
  const origins = new Set(
    rowsOf(inputs.vendors).filter((v) => ids.includes(String(v.vendor)))
      .map((v) => String(v.origin)),
  );
  const origin = origins.size === 1 ? [...origins][0] : undefined;
  const part = origin === undefined ? undefined : own.origins.get(origin);
  if (own.total === undefined || part === undefined) return missing;
  return orOwnFigures(
    missing,
    contradictedByArticle(
      claim,
      part.stated / own.total.stated * 100,
      `at most the article's own ${origin}-origin total ÷ its platform total (every ${vendor} vendor is ${origin}-origin)`,
      `${part.id} ${formatTokens(part.stated)} ÷ ${own.total.id} ${
        formatTokens(own.total.stated)
      }`,
      "upper",
    ),
  );
};

const vendorWeekCompare: Check = (claim, inputs) => {
  const { week, a, b } = claim.params;
  const method = `weekly tokens of ${a} against ${b.replace("|", " and ")}`;
  const missing = needWeek(inputs, week, method);
  if (missing !== undefined) return missing;
  const ta = vendorWeekTokens(inputs, week, vendorIds(inputs, a));
  const others = b.split("|").map((name) => ({
    name,
    tokens: vendorWeekTokens(inputs, week, vendorIds(inputs, name)),
  }));
  // The quote's qualifier, when the ledger gives it its own entry (pt-15's "by a wide margin" is pt-53).
  const qualifier = inputs.claims.find((c) =>
    c.article === claim.article && c.quote === claim.quote &&
    c.check === "vendor_week_margin"
  );
  return compareBoolean(
    claim,
    others.every((o) => ta > o.tokens),
    method,
    `${a} ${formatTokens(ta)}; ${
      others.map((o) => `${o.name} ${formatTokens(o.tokens)}`).join("; ")
    }${
      qualifier === undefined
        ? ""
        : `; this entry checks the order only: the quote's margin is ${qualifier.id}'s`
    }`,
    evidenceOf(inputs, week),
  );
};

/**
 * "Trails by a wide margin": the qualifier has no figure and the article
 * declares none, so it is its own unverifiable entry; the note gives the
 * ratio of the week and the order of the week before, from the data, for
 * the reader to judge.
 */
const vendorWeekMargin: Check = (claim, inputs) => {
  const { week, a, b } = claim.params;
  const method =
    `weekly tokens of ${a} ÷ weekly tokens of ${b}, against a threshold for "a wide margin"`;
  const missing = needWeek(inputs, week, method);
  if (missing !== undefined) return missing;
  const ratioIn = (w: string) => {
    const ta = vendorWeekTokens(inputs, w, vendorIds(inputs, a));
    const tb = vendorWeekTokens(inputs, w, vendorIds(inputs, b));
    return `${a} ${formatTokens(ta)} against ${b} ${formatTokens(tb)} (×${
      (ta / tb).toFixed(2)
    })`;
  };
  const before = addDays(week, -7);
  const previous = needWeek(inputs, before, method) === undefined
    ? `; the week of ${before}: ${ratioIn(before)}`
    : "";
  return {
    ...unverifiable(
      method,
      `the article quantifies no margin and this ledger declares no threshold for "wide": the week of ${week}: ${
        ratioIn(week)
      }${previous}; a threshold the article stated would verify it`,
    ),
    evidence: evidenceOf(inputs, week),
  };
};

const modelGroupTokenSharePct: Check = (claim, inputs) => {
  const week = claim.params.week;
  const method =
    "tokens of the named models ÷ all tokens of the week (top 50 + other), percent";
  const patterns = claim.params.models.split("|").map((p) =>
    new RegExp(
      `^${p.replace(/[.+?^${}()[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`,
    )
  );
  const missing = needWeek(inputs, week, method);
  if (missing === undefined) {
    const rows = rowsOf(weekModels(inputs, week)).filter((r) =>
      patterns.some((p) => p.test(String(r.permaslug)))
    );
    const tokens = rows.reduce((sum, r) => sum + Number(r.tokens), 0);
    return compareStated(
      claim,
      tokens / weekTotal(inputs, week) * 100,
      method,
      {
        note: `models counted: ${rows.map((r) => r.model).join(", ")}`,
        evidence: evidenceOf(inputs, week),
      },
    );
  }
  // The article's own vendor share, less its own table rows of that vendor outside the group.
  const own = ownWeek(inputs, claim);
  const vendor = [
    ...new Set(claim.params.models.split("|").map((m) => m.split("/")[0])),
  ];
  if (own.total === undefined || vendor.length !== 1) return missing;
  const share = inputs.claims.find((c) =>
    c.article === claim.article && c.check === "vendor_token_share_pct" &&
    c.params.week === week &&
    vendorIds(inputs, c.params.vendor).join() === vendor[0] &&
    c.params.test === undefined
  );
  const outside = own.rows.filter((r) =>
    r.vendor === vendor[0] && !patterns.some((p) => p.test(r.slug))
  );
  if (share === undefined || outside.length === 0) return missing;
  const rest = outside.reduce((sum, r) => sum + r.tokens, 0) /
    own.total.stated * 100;
  const shareHigh = share.stated + precisionOf(share, inputs.claims).tolerance;
  return orOwnFigures(
    missing,
    contradictedByArticle(
      claim,
      shareHigh - rest,
      `at most the article's own ${
        vendor[0]
      } share less its own table rows of other ${vendor[0]} models`,
      `${share.id} "${share.quote}" (at most ${round(shareHigh)}%) less ${
        rowList(outside)
      } of ${own.total.id} ${formatTokens(own.total.stated)} (${
        round(rest)
      } points)`,
      "upper",
    ),
  );
};

/** Vendors and model groups in rankings-daily (and the article's own figures for weeks the data lacks). */
export const rankingsVendorChecks: CheckFamily = {
  name: "rankings: vendors",
  checks: {
    vendor_week_tokens: vendorWeekTokensCheck,
    vendor_week_wow_pct: vendorWeekWowPct,
    vendor_token_share_pct: vendorTokenSharePct,
    vendor_week_compare: vendorWeekCompare,
    vendor_week_margin: vendorWeekMargin,
    model_group_token_share_pct: modelGroupTokenSharePct,
  },
};
