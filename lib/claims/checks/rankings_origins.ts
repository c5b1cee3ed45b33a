/**
 * Checks of origins' token volumes in rankings-daily (origin from
 * `vendors.csv`), and, where the data does not cover the article's week, of
 * the article against its own other figures (its total, its origin totals,
 * its top-10 table).
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
  weekModels,
  weekTotal,
} from "./_inputs.ts";

/** The row of one origin in one week of `weeklyOriginShare`, if any. */
function originTokens(
  inputs: ClaimInputs,
  week: string,
  origin: string,
): number {
  return Number(
    rowsOf(
      inputs.weeklyOrigins.filter(
        pl.col("week_start").eq(pl.lit(week)).and(
          pl.col("origin").eq(pl.lit(origin)),
        ),
      ),
    )[0]?.tokens ?? 0,
  );
}

const originWeekTokens: Check = (claim, inputs) => {
  const { week, origin } = claim.params;
  const method =
    `tokens of models whose vendor's origin is ${origin} (data/reference/vendors.csv), summed over the week`;
  const missing = needWeek(inputs, week, method);
  if (missing === undefined) {
    return compareStated(claim, originTokens(inputs, week, origin), method, {
      note: "scope: top 50 + other; unknown-origin vendors counted apart",
      evidence: evidenceOf(inputs, week),
    });
  }
  const rows = ownWeek(inputs, claim).rows.filter((r) => r.origin === origin);
  const floor = rows.reduce((sum, r) => sum + r.tokens, 0);
  if (rows.length === 0 || floor <= claim.stated) return missing;
  return orOwnFigures(
    missing,
    contradictedByArticle(
      claim,
      floor,
      `the article's own top-10 rows of ${origin}-origin models, summed (a lower bound of the ${origin} total)`,
      rowList(rows),
      "lower",
    ),
  );
};

const originWeekWowPct: Check = (claim, inputs) => {
  const { week, origin } = claim.params;
  const method = `week-over-week change of ${origin}-origin tokens`;
  const missing = needWeek(inputs, week, method) ??
    needWeek(inputs, addDays(week, -7), method);
  if (missing !== undefined) return missing;
  return compareStated(
    claim,
    percentChange(
      originTokens(inputs, week, origin),
      originTokens(inputs, addDays(week, -7), origin),
    ),
    method,
    { evidence: evidenceOf(inputs, week, addDays(week, -7)) },
  );
};

const originWeekSharePct: Check = (claim, inputs) => {
  const { week, origin } = claim.params;
  const method =
    `${origin}-origin tokens ÷ all tokens of the week (top 50 + other), percent`;
  if (week === undefined) {
    return unverifiable(
      method,
      `no rankings data for ${
        claim.params.period ?? "that period"
      }; rankings-daily for that period with a model → origin mapping would verify it`,
    );
  }
  const missing = needWeek(inputs, week, method);
  if (missing === undefined) {
    return compareStated(
      claim,
      originTokens(inputs, week, origin) / weekTotal(inputs, week) * 100,
      method,
      { evidence: evidenceOf(inputs, week) },
    );
  }
  const own = ownWeek(inputs, claim);
  const part = own.origins.get(origin);
  if (own.total === undefined || part === undefined) return missing;
  return orOwnFigures(
    missing,
    contradictedByArticle(
      claim,
      part.stated / own.total.stated * 100,
      `the article's own ${origin} total ÷ its platform total`,
      `${part.id} ${formatTokens(part.stated)} ÷ ${own.total.id} ${
        formatTokens(own.total.stated)
      }`,
    ),
  );
};

const originRatio: Check = (claim, inputs) => {
  const { week, a, b } = claim.params;
  const method = `${a}-origin weekly tokens ÷ ${b}-origin weekly tokens`;
  const missing = needWeek(inputs, week, method);
  if (missing === undefined) {
    const ratio = originTokens(inputs, week, a) / originTokens(inputs, week, b);
    if (claim.params.test === "a_gt_b") {
      return compareBoolean(
        claim,
        ratio > 1,
        method,
        `${a} ÷ ${b} = ${round(ratio)}`,
        evidenceOf(inputs, week),
      );
    }
    return compareStated(claim, ratio, method, {
      evidence: evidenceOf(inputs, week),
    });
  }
  const own = ownWeek(inputs, claim);
  const ta = own.origins.get(a);
  const tb = own.origins.get(b);
  if (ta === undefined || tb === undefined) return missing;
  const value = ta.stated / tb.stated;
  const internal = claim.params.test === "a_gt_b"
    ? (value > 1 ? undefined : {
      ...compareBoolean({}, false, method, ""),
      evidence: `the article itself: ${ta.id}, ${tb.id}`,
    })
    : contradictedByArticle(
      claim,
      value,
      `the article's own ${a} ÷ ${b}`,
      `${ta.id} ÷ ${tb.id}`,
    );
  if (internal !== undefined) return orOwnFigures(missing, internal);
  return unverifiable(
    method,
    `consistent with the article's own figures (${ta.id} ÷ ${tb.id} = ${
      round(value)
    }), which cannot verify it; ${missing.note}`,
  );
};

const originLeadStreakWeeks: Check = (claim, inputs) => {
  const method =
    "consecutive complete weeks in which China-origin tokens exceeded US-origin tokens";
  return needWeek(inputs, claim.params.week, method) ??
    unverifiable(method, "needs the previous weeks too");
};

const top10OriginCount: Check = (claim, inputs) => {
  const { week, origin } = claim.params;
  const method =
    `number of ${origin}-origin vendors' models among the week's top 10 by tokens`;
  const missing = needWeek(inputs, week, method);
  if (missing === undefined) {
    const top = weekModels(inputs, week).filter(
      pl.col("rank").lessThanEquals(pl.lit(10)),
    );
    return compareStated(
      claim,
      top.filter(pl.col("origin").eq(pl.lit(origin))).height,
      method,
      {
        note: `top 10: ${
          (top.sort("rank").getColumn("model").toArray() as string[]).join(", ")
        }`,
        evidence: evidenceOf(inputs, week),
      },
    );
  }
  const rows = ownWeek(inputs, claim).rows;
  if (rows.length < 10) return missing;
  const mine = rows.filter((r) => r.origin === origin);
  return orOwnFigures(
    missing,
    contradictedByArticle(
      claim,
      mine.length,
      `the ${origin}-origin models (vendors.csv) in the article's own top-10 table`,
      `table rows ${mine.map((r) => `${r.id} ${r.slug}`).join(", ")}`,
    ),
  );
};

/** Origins in rankings-daily (and the article's own figures for weeks the data lacks). */
export const rankingsOriginChecks: CheckFamily = {
  name: "rankings: origins",
  checks: {
    origin_week_tokens: originWeekTokens,
    origin_week_wow_pct: originWeekWowPct,
    origin_week_share_pct: originWeekSharePct,
    origin_ratio: originRatio,
    origin_lead_streak_weeks: originLeadStreakWeeks,
    top10_origin_count: top10OriginCount,
  },
};
