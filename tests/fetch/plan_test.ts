import assert from "node:assert/strict";
import { addDays } from "../../lib/base/dates.ts";
import {
  MAX_WINDOW_DAYS,
  planRankingsWindows,
  RECHECK_DAYS,
} from "../../lib/fetch/plan.ts";

/** The days `first … last`, inclusive. */
function days(first: string, last: string): string[] {
  const out: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) out.push(day);
  return out;
}

Deno.test("planRankingsWindows() covers an empty folder's 30 days in one window", () => {
  const plan = planRankingsWindows(new Set(), {
    since: "2026-05-24",
    until: "2026-06-22",
  });
  // the documented maximum span, both bounds inclusive
  assert.equal(MAX_WINDOW_DAYS, 366);
  assert.deepEqual(plan.windows, [{ start: "2026-05-24", end: "2026-06-22" }]);
  assert.equal(plan.missing.length, 30);
  assert.deepEqual(plan.recheck, []);
});

Deno.test("planRankingsWindows() re-checks only the newest 3 saved days when nothing is missing", () => {
  const have = new Set(days("2026-05-24", "2026-06-22"));
  const plan = planRankingsWindows(have, {
    since: "2026-05-24",
    until: "2026-06-22",
  });
  assert.equal(RECHECK_DAYS, 3);
  assert.deepEqual(plan.missing, []);
  assert.deepEqual(plan.recheck, ["2026-06-20", "2026-06-21", "2026-06-22"]);
  assert.deepEqual(plan.windows, [{ start: "2026-06-20", end: "2026-06-22" }]);
});

Deno.test("planRankingsWindows() asks for 83 missing days at once, and splits 400 days into 366 and 34", () => {
  const plan = planRankingsWindows(new Set(), {
    since: "2026-04-01",
    until: "2026-06-22",
  });
  assert.deepEqual(plan.windows, [{ start: "2026-04-01", end: "2026-06-22" }]);
  // 2025-01-01 … 2026-02-04 is 400 days; 2025-01-01 … 2026-01-01 is 366
  const year = planRankingsWindows(new Set(), {
    since: "2025-01-01",
    until: "2026-02-04",
  });
  assert.deepEqual(year.windows, [
    { start: "2025-01-01", end: "2026-01-01" },
    { start: "2026-01-02", end: "2026-02-04" },
  ]);
  assert.deepEqual(
    planRankingsWindows(
      new Set(),
      { since: "2026-04-01", until: "2026-06-22" },
      {
        maxWindowDays: 30,
      },
    ).windows,
    [
      { start: "2026-04-01", end: "2026-04-30" },
      { start: "2026-05-01", end: "2026-05-30" },
      { start: "2026-05-31", end: "2026-06-22" },
    ],
  );
});

Deno.test("planRankingsWindows() bridges saved days between two gaps when one window reaches both", () => {
  // saved 06-03 … 06-20; missing 06-01, 06-02 and 06-21, 06-22
  const have = new Set(days("2026-06-03", "2026-06-20"));
  const plan = planRankingsWindows(have, {
    since: "2026-06-01",
    until: "2026-06-22",
  }, { recheckDays: 0 });
  assert.deepEqual(plan.windows, [{ start: "2026-06-01", end: "2026-06-22" }]);
  // with windows of 10 days the two gaps need two requests
  const narrow = planRankingsWindows(have, {
    since: "2026-06-01",
    until: "2026-06-22",
  }, { recheckDays: 0, maxWindowDays: 10 });
  assert.deepEqual(narrow.windows, [
    { start: "2026-06-01", end: "2026-06-02" },
    { start: "2026-06-21", end: "2026-06-22" },
  ]);
});

Deno.test("planRankingsWindows() starts no earlier than the dataset's first day, 2025-01-01", () => {
  const plan = planRankingsWindows(new Set(), {
    since: "2024-12-01",
    until: "2025-01-05",
  });
  assert.deepEqual(plan.windows, [{ start: "2025-01-01", end: "2025-01-05" }]);
});

Deno.test("planRankingsWindows() rejects a range whose first day is after its last", () => {
  assert.throws(
    () =>
      planRankingsWindows(new Set(), {
        since: "2026-06-22",
        until: "2026-06-01",
      }),
    RangeError,
  );
});
