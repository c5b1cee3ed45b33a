import assert from "node:assert/strict";
import { loadAppRankings } from "../../lib/loading/app_rankings.ts";
import { inTempDir, problem, warning, writeJson } from "../_helpers.ts";

// Files in the documented shape (OpenRouter docs, AppRankingsResponse):
// {"data": [{app_id, app_name, rank, total_requests, total_tokens}], "meta":
// {as_of, start_date, end_date, version}}. No such snapshot is bundled.
const META = {
  as_of: "2026-06-23T02:00:00Z",
  start_date: "2026-05-24",
  end_date: "2026-06-22",
  version: "v1",
};
const app = (rank: number, tokens: string) => ({
  app_id: 100 + rank,
  app_name: `App ${rank}`,
  rank,
  total_requests: 10 * rank,
  total_tokens: tokens,
});

Deno.test("loadAppRankings() merges two pages into one frame, ranks absolute, tokens exact", async () => {
  await inTempDir(async (dir) => {
    const page0 = `${dir}/2026-05-24_2026-06-22.popular.offset-0.json`;
    const page1 = `${dir}/2026-05-24_2026-06-22.popular.offset-100.json`;
    await writeJson(page0, {
      data: [app(1, "9007199254740991"), app(2, "12345678")],
      meta: META,
    });
    await writeJson(page1, { data: [app(101, "9876543")], meta: META });
    const { frame, errors, warnings } = await loadAppRankings([page0, page1]);
    assert.deepEqual([errors, warnings], [[], []]);
    assert.deepEqual(
      frame.select(
        "window_start",
        "window_end",
        "sort_by",
        "rank",
        "total_tokens",
      )
        .toRecords(),
      [
        {
          window_start: "2026-05-24",
          window_end: "2026-06-22",
          sort_by: "popular",
          rank: 1,
          total_tokens: 9007199254740991,
        },
        {
          window_start: "2026-05-24",
          window_end: "2026-06-22",
          sort_by: "popular",
          rank: 2,
          total_tokens: 12345678,
        },
        {
          window_start: "2026-05-24",
          window_end: "2026-06-22",
          sort_by: "popular",
          rank: 101,
          total_tokens: 9876543,
        },
      ],
    );
    assert.equal(frame.getColumn("as_of").toArray()[0], "2026-06-23T02:00:00Z");
  });
});

Deno.test("loadAppRankings() reports every bad field of every row, and a missing as_of", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-05-24_2026-06-22.popular.offset-0.json`;
    await writeJson(file, {
      data: [
        { ...app(1, "-5"), rank: 0 },
        { ...app(2, "7"), app_name: "", total_requests: 1.5 },
        "not an object",
      ],
      meta: META,
    });
    const { errors, frame } = await loadAppRankings([file]);
    const tokens = "a non-negative integer (decimal string) below 2^53";
    assert.deepEqual(errors, [
      problem(file, "data[0]", "rank", "0", "an integer ≥ 1"),
      problem(file, "data[0]", "total_tokens", '"-5"', tokens),
      problem(file, "data[1]", "app_name", '""', "a non-empty name"),
      problem(
        file,
        "data[1]",
        "total_requests",
        "1.5",
        "a non-negative integer",
      ),
      problem(
        file,
        "data[2]",
        "",
        '"not an object"',
        "an object with app_id, app_name, rank, total_requests and total_tokens",
      ),
    ]);
    assert.equal(frame.height, 0);
    const undated = `${dir}/undated.json`;
    await writeJson(undated, {
      data: [app(1, "5")],
      meta: { ...META, as_of: undefined },
    });
    assert.deepEqual((await loadAppRankings([undated])).errors, [
      problem(undated, "meta", "as_of", "missing", "an ISO-8601 timestamp"),
    ]);
  });
});

Deno.test("loadAppRankings() prefers the later as_of when a window is restated, and lists it as a warning", async () => {
  await inTempDir(async (dir) => {
    const early = `${dir}/a.json`;
    const late = `${dir}/b.json`;
    await writeJson(early, { data: [app(1, "100")], meta: META });
    await writeJson(late, {
      data: [app(1, "150")],
      meta: { ...META, as_of: "2026-06-24T02:00:00Z" },
    });
    const { frame, warnings, errors } = await loadAppRankings([late, early]);
    assert.deepEqual(errors, []);
    assert.deepEqual(frame.getColumn("total_tokens").toArray(), [150]);
    assert.deepEqual(warnings, [
      warning(
        early,
        "2026-05-24_2026-06-22 popular app 101",
        "",
        '"2026-06-23T02:00:00Z"',
        `no restatement; restated by ${late} (meta.as_of 2026-06-24T02:00:00Z), whose values are used`,
        "restated",
      ),
    ]);
    // the same as_of cannot decide: an error naming both files
    await writeJson(late, { data: [app(1, "150")], meta: META });
    const tie = await loadAppRankings([early, late]);
    assert.deepEqual(tie.errors, [
      problem(
        late,
        "app_id 101",
        "",
        '"2026-05-24_2026-06-22 popular app 101"',
        `the same values as in ${early}, or a later meta.as_of in one of them`,
      ),
    ]);
  });
});
