import assert from "node:assert/strict";
import { loadRankingsDaily } from "../../lib/loading/rankings_daily.ts";
import {
  type RankingsDailyEnvelope,
  type RealRankingRow,
  syntheticRankingsYear,
} from "../../lib/tooling/synthetic_rankings.ts";

// data/raw/rankings-daily/2026-05-24_2026-06-22.json: 30 days, 51 rows a day.
// Smallest daily total 3,726,403,480,245 tokens (2026-05-24), largest
// 7,764,051,989,565 tokens (2026-06-17).
const RANKINGS_FILE = "data/raw/rankings-daily/2026-05-24_2026-06-22.json";
const REAL_DAY_MIN_TOKENS = 3_726_403_480_245;
const REAL_DAY_MAX_TOKENS = 7_764_051_989_565;

const real = (await loadRankingsDaily([RANKINGS_FILE])).frame;
const year = syntheticRankingsYear(real);

/** Run `body` with the envelope written to a temporary file, removed afterwards. */
async function inTempFile(
  envelope: RankingsDailyEnvelope,
  body: (file: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tokenbook_synthetic_" });
  try {
    // Named <start>_<end>.json, as the loader expects rankings files.
    const { start_date, end_date } = envelope.meta;
    const file = `${dir}/${start_date}_${end_date}.json`;
    await Deno.writeTextFile(file, JSON.stringify(envelope));
    await body(file);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function dailyTotals(envelope: RankingsDailyEnvelope): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of envelope.data) {
    totals.set(
      row.date,
      (totals.get(row.date) ?? 0) + Number(row.total_tokens),
    );
  }
  return totals;
}

Deno.test("syntheticRankingsYear() makes 365 days of 51 rows from the real month", () => {
  assert.equal(year.data.length, 365 * 51);
  const perDay = new Map<string, number>();
  for (const row of year.data) {
    perDay.set(row.date, (perDay.get(row.date) ?? 0) + 1);
  }
  assert.equal(perDay.size, 365);
  assert.deepEqual(new Set(perDay.values()), new Set([51]));
  // The default year ends the day before the real month starts (2026-05-24).
  assert.deepEqual(year.meta, {
    start_date: "2025-05-24",
    end_date: "2026-05-23",
    version: "v1",
  });
  assert.equal(year.data[0].date, "2025-05-24");
  assert.equal(year.data.at(-1)!.date, "2026-05-23");
});

Deno.test("syntheticRankingsYear() gives each (date, permaslug) one row and each day one other row", () => {
  const keys = new Set(
    year.data.map((row) => `${row.date}|${row.model_permaslug}`),
  );
  assert.equal(keys.size, year.data.length);
  const others = year.data.filter((row) => row.model_permaslug === "other");
  assert.equal(others.length, 365);
});

Deno.test("syntheticRankingsYear() copies the models of the real days in turn", async () => {
  const month = JSON.parse(await Deno.readTextFile(RANKINGS_FILE)).data as {
    date: string;
    model_permaslug: string;
  }[];
  const slugsOn = (
    rows: { date: string; model_permaslug: string }[],
    date: string,
  ) =>
    new Set(rows.filter((r) => r.date === date).map((r) => r.model_permaslug));
  // Day 0 copies the first real day, day 30 starts the cycle again.
  assert.deepEqual(
    slugsOn(year.data, "2025-05-24"),
    slugsOn(month, "2026-05-24"),
  );
  assert.deepEqual(
    slugsOn(year.data, "2025-06-23"),
    slugsOn(month, "2026-05-24"),
  );
  assert.deepEqual(
    slugsOn(year.data, "2025-05-25"),
    slugsOn(month, "2026-05-25"),
  );
});

Deno.test("syntheticRankingsYear() output loads and validates with no problems", async () => {
  await inTempFile(year, async (file) => {
    const { frame, errors, warnings } = await loadRankingsDaily([file]);
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings, []);
    assert.equal(frame.height, 365 * 51);
  });
});

Deno.test("syntheticRankingsYear() keeps every daily total within the real range", () => {
  const totals = [...dailyTotals(year).values()];
  assert.ok(
    Math.min(...totals) >= REAL_DAY_MIN_TOKENS,
    `${Math.min(...totals)}`,
  );
  assert.ok(
    Math.max(...totals) <= REAL_DAY_MAX_TOKENS,
    `${Math.max(...totals)}`,
  );
  // The trend rises through the year: the last month is busier than the first.
  const monthMean = (from: number) =>
    totals.slice(from, from + 30).reduce((a, b) => a + b, 0) / 30;
  assert.ok(monthMean(335) > monthMean(0));
});

Deno.test("syntheticRankingsYear() gives the same rows for a seed and other rows for another", () => {
  assert.deepEqual(syntheticRankingsYear(real), year);
  assert.deepEqual(syntheticRankingsYear(real, { seed: 42 }), year);
  const other = syntheticRankingsYear(real, { seed: 7 });
  assert.notDeepEqual(other.data, year.data);
  // Same models on the same days; only the token counts move.
  assert.deepEqual(
    other.data.map((r) => r.model_permaslug),
    year.data.map((r) => r.model_permaslug),
  );
});

Deno.test("syntheticRankingsYear() keeps a real day's shares, scaled to whole tokens", () => {
  const first = year.data.filter((r) => r.date === "2025-05-24");
  const source = (real.toRecords() as unknown as RealRankingRow[])
    .filter((r) => r.date === "2026-05-24");
  const sourceTotal = source.reduce((sum, r) => sum + r.tokens, 0);
  const total = first.reduce((sum, r) => sum + Number(r.total_tokens), 0);
  for (const row of first) {
    assert.match(row.total_tokens, /^\d+$/);
    const was = source.find((r) => r.permaslug === row.model_permaslug)!;
    // Rounding to whole tokens moves a share by under 1e-9.
    assert.ok(
      Math.abs(Number(row.total_tokens) / total - was.tokens / sourceTotal) <
        1e-9,
    );
  }
});

Deno.test("syntheticRankingsYear() honours days and startDate", () => {
  const week = syntheticRankingsYear(real, {
    days: 7,
    startDate: "2026-06-23",
  });
  assert.equal(week.data.length, 7 * 51);
  assert.deepEqual(week.meta, {
    start_date: "2026-06-23",
    end_date: "2026-06-29",
    version: "v1",
  });
});

Deno.test("syntheticRankingsYear() rejects bad days, start dates and empty input", () => {
  assert.throws(
    () => syntheticRankingsYear(real, { days: 0 }),
    new RangeError(
      "Cannot generate rankings: days is 0, expected a positive whole number",
    ),
  );
  assert.throws(
    () => syntheticRankingsYear(real, { startDate: "2025-02-30" }),
    RangeError,
  );
  assert.throws(() => syntheticRankingsYear([]), RangeError);
});
