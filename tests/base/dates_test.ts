import assert from "node:assert/strict";
import {
  addDays,
  DAYS_PER_WEEK,
  isCalendarDate,
  weekStart,
} from "../../lib/base/dates.ts";

// Weekdays below were read off a calendar: 2026-06-01 is a Monday,
// 2026-05-24 a Sunday, 2026-01-01 a Thursday, 2024-02-29 a Thursday.

Deno.test("isCalendarDate() accepts real YYYY-MM-DD dates, leap days included", () => {
  assert.equal(isCalendarDate("2026-02-28"), true);
  assert.equal(isCalendarDate("2024-02-29"), true); // 2024 is a leap year
  assert.equal(isCalendarDate("2000-02-29"), true); // divisible by 400
  assert.equal(isCalendarDate("2026-12-31"), true);
});

Deno.test("isCalendarDate() rejects impossible days, other spellings and non-strings", () => {
  assert.equal(isCalendarDate("2026-02-29"), false); // 2026 is not a leap year
  assert.equal(isCalendarDate("1900-02-29"), false); // divisible by 100, not 400
  assert.equal(isCalendarDate("2026-02-30"), false);
  assert.equal(isCalendarDate("2026-13-01"), false);
  assert.equal(isCalendarDate("2026-00-10"), false);
  assert.equal(isCalendarDate("2026-6-1"), false);
  assert.equal(isCalendarDate("2026-06-01T00:00:00Z"), false);
  assert.equal(isCalendarDate(" 2026-06-01"), false);
  assert.equal(isCalendarDate(""), false);
  assert.equal(isCalendarDate(20260601), false);
  assert.equal(isCalendarDate(undefined), false);
  assert.equal(isCalendarDate(new Date("2026-06-01")), false);
});

Deno.test("DAYS_PER_WEEK is seven", () => {
  assert.equal(DAYS_PER_WEEK, 7);
});

Deno.test("addDays() crosses month, year and leap-day boundaries in both directions", () => {
  assert.equal(addDays("2026-06-01", 0), "2026-06-01");
  assert.equal(addDays("2026-06-01", -1), "2026-05-31");
  assert.equal(addDays("2026-05-31", 1), "2026-06-01");
  assert.equal(addDays("2026-12-31", 1), "2027-01-01");
  assert.equal(addDays("2027-01-01", -1), "2026-12-31");
  assert.equal(addDays("2024-02-28", 1), "2024-02-29"); // leap year
  assert.equal(addDays("2026-02-28", 1), "2026-03-01"); // common year
  // 2026 has 365 days, so a year on from 2026-01-01 is 2027-01-01.
  assert.equal(addDays("2026-01-01", 365), "2027-01-01");
  // June has 30 days: 2026-06-01 + 30 = 2026-07-01; + 35 = 2026-07-06.
  assert.equal(addDays("2026-06-01", 35), "2026-07-06");
});

Deno.test("weekStart() puts Sunday in the week that began the Monday before", () => {
  assert.equal(weekStart("2026-05-24"), "2026-05-18");
  assert.equal(weekStart("2026-05-25"), "2026-05-25");
  assert.equal(weekStart("2026-06-22"), "2026-06-22");
  assert.equal(weekStart("2026-01-01"), "2025-12-29");
  assert.equal(addDays("2026-06-01", -7), "2026-05-25");
});

Deno.test("weekStart() maps every day Monday 2026-06-01 .. Sunday 2026-06-07 to that Monday", () => {
  for (let offset = 0; offset < 7; offset++) {
    assert.equal(weekStart(addDays("2026-06-01", offset)), "2026-06-01");
  }
  assert.equal(weekStart("2026-06-08"), "2026-06-08");
  assert.equal(weekStart("2026-05-31"), "2026-05-25");
  // Thursday 2024-02-29 is in the week that began Monday 2024-02-26.
  assert.equal(weekStart("2024-02-29"), "2024-02-26");
});

Deno.test("weekStart() rejects text that is not a calendar date", () => {
  assert.throws(() => weekStart("2026-02-30"), SyntaxError);
  assert.throws(() => weekStart("June 1"), /Cannot find the week of "June 1"/);
  assert.throws(
    () => weekStart("2026-06-01T12:00"),
    /expected a calendar date YYYY-MM-DD/,
  );
});
