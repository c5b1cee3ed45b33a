import assert from "node:assert/strict";
import type pl from "nodejs-polars";
import { loadRankingsFast } from "../../lib/loading/_fast_rankings.ts";
import { loadRankingsDaily } from "../../lib/loading/rankings_daily.ts";
import { syntheticRankingsFiles } from "../../lib/tooling/synthetic_rankings.ts";
import { inTempDir, once, withBom, writeJson } from "../_helpers.ts";

// data/raw/rankings-daily/2026-05-24_2026-06-22.json: {"data": [...], "meta":
// {...}}, 1530 rows, 30 days, 51 rows a day (top 50 plus "other").
const RANKINGS_FILE = "data/raw/rankings-daily/2026-05-24_2026-06-22.json";

interface RankingRecord {
  date: unknown;
  model_permaslug: unknown;
  total_tokens: unknown;
}

async function realRows(): Promise<RankingRecord[]> {
  return JSON.parse(await Deno.readTextFile(RANKINGS_FILE)).data;
}

const realFrame = once(async () =>
  (await loadRankingsDaily([RANKINGS_FILE], { fast: false })).frame
);

/** Same columns, dtypes and values, in the same order. */
function assertSameFrame(actual: pl.DataFrame, expected: pl.DataFrame) {
  assert.deepEqual(actual.columns, expected.columns);
  assert.deepEqual(
    actual.dtypes.map(String),
    expected.dtypes.map(String),
  );
  assert.equal(actual.height, expected.height);
  assert.ok(actual.frameEqual(expected), "the frames differ");
}

/**
 * Load `files` both ways and check that `loadRankingsDaily` (fast path
 * first) gives exactly what the detailed path gives; returns what the fast
 * path alone made of them.
 */
async function loadBothWays(files: string[]) {
  const detailed = await loadRankingsDaily(files, { fast: false });
  const chosen = await loadRankingsDaily(files);
  assert.deepEqual(chosen.errors, detailed.errors);
  assert.deepEqual(chosen.warnings, detailed.warnings);
  assert.deepEqual(chosen.meta, detailed.meta);
  assertSameFrame(chosen.frame, detailed.frame);
  return { detailed, fast: await loadRankingsFast(files) };
}

Deno.test("loadRankingsFast() gives the detailed path's frame on the bundled month", async () => {
  const fast = await loadRankingsFast([RANKINGS_FILE]);
  assert.notEqual(fast, undefined);
  assert.deepEqual(fast!.warnings, []);
  assert.deepEqual(fast!.errors, []);
  assertSameFrame(fast!.frame, await realFrame());
  // The Int64 column keeps counts above 2^32 exactly (python3: 169887666482052).
  assert.equal(fast!.frame.getColumn("tokens").sum(), 169887666482052);
});

Deno.test("loadRankingsFast() gives the detailed path's frame on 3 years of synthetic days in 4 files, the bundled month among them", async () => {
  const files = syntheticRankingsFiles(await realFrame(), {
    days: 3 * 365,
    seed: 7,
  });
  assert.equal(files.length, 3);
  await inTempDir(async (dir) => {
    const paths = [];
    for (const file of files) {
      paths.push(`${dir}/${file.name}`);
      await Deno.writeTextFile(
        `${dir}/${file.name}`,
        JSON.stringify(file.envelope, null, 1),
      );
    }
    paths.push(RANKINGS_FILE);
    const { detailed, fast } = await loadBothWays(paths);
    assert.notEqual(fast, undefined);
    assert.equal(detailed.frame.height, (3 * 365 + 30) * 51);
    assertSameFrame(fast!.frame, detailed.frame);
  });
});

Deno.test("loadRankingsFast() keeps a day carried by two files once, credited to the first file, as the detailed path does", async () => {
  await inTempDir(async (dir) => {
    const rows = await realRows();
    const early = `${dir}/2026-05-24_2026-06-10.json`;
    const late = `${dir}/2026-06-05_2026-06-22.json`;
    await writeJson(early, {
      data: rows.filter((r) => (r.date as string) <= "2026-06-10"),
    });
    await writeJson(late, {
      data: rows.filter((r) => (r.date as string) >= "2026-06-05"),
    });
    // In either order: the first file listed is credited.
    for (const files of [[early, late], [late, early]]) {
      const { fast } = await loadBothWays(files);
      assert.notEqual(fast, undefined);
      assertSameFrame(
        fast!.frame,
        (await loadRankingsDaily(files, { fast: false })).frame,
      );
    }
  });
});

/** Ways to spoil the bundled month; each must come out exactly as the detailed path words it. */
const SPOILED: Record<
  string,
  (rows: RankingRecord[]) => unknown
> = {
  "a date that is not a calendar day": (rows) => {
    rows[3].date = "2026-02-30";
    return { data: rows };
  },
  "a date in another format": (rows) => {
    rows[4].date = "2026/05/24";
    return { data: rows };
  },
  "a permaslug written as a number": (rows) => {
    rows[5].model_permaslug = 5;
    return { data: rows };
  },
  "an empty permaslug": (rows) => {
    rows[6].model_permaslug = " ";
    return { data: rows };
  },
  "a meta.as_of that is not a timestamp": (rows) => ({
    data: rows,
    meta: { start_date: "2026-05-24", end_date: "2026-06-22", as_of: "soon" },
  }),
  "a permaslug with a space in it": (rows) => {
    rows[0].model_permaslug = "deepseek/deepseek v4";
    return { data: rows };
  },
  "a negative token count": (rows) => {
    rows[7].total_tokens = "-5";
    return { data: rows };
  },
  "a token count of 2^53": (rows) => {
    rows[8].total_tokens = "9007199254740992";
    return { data: rows };
  },
  "a token count with a decimal point": (rows) => {
    rows[9].total_tokens = "1.5";
    return { data: rows };
  },
  "a missing token count": (rows) => {
    delete (rows[10] as Partial<RankingRecord>).total_tokens;
    return { data: rows };
  },
  "a record that is not an object": (rows) => ({ data: [...rows, 5] }),
  "a row repeated with the same value": (rows) => ({
    data: [...rows, rows[11]],
  }),
  "a row repeated with another value": (rows) => ({
    data: [...rows, { ...rows[12], total_tokens: "1" }],
  }),
  "no data array": () => ({ rows: [] }),
  "every problem at once": (rows) => {
    rows[3].date = "2026-13-01";
    rows[20].model_permaslug = null;
    rows[30].total_tokens = 1e400;
    return { data: [...rows, rows[40], "x"] };
  },
};

for (const [spoilt, spoil] of Object.entries(SPOILED)) {
  Deno.test(`loadRankingsDaily() reports ${spoilt} through the fast path exactly as the detailed path does`, async () => {
    await inTempDir(async (dir) => {
      const file = `${dir}/2026-05-24_2026-06-22.json`;
      await writeJson(file, spoil(await realRows()));
      const { detailed, fast } = await loadBothWays([file]);
      assert.ok(
        detailed.errors.length + detailed.warnings.length > 0,
        "the spoilt file should have a problem",
      );
      assert.equal(fast, undefined);
    });
  });
}

Deno.test("loadRankingsDaily() reports a JSON syntax error through the fast path exactly as the detailed path does", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-05-24_2026-06-22.json`;
    const text = await Deno.readTextFile(RANKINGS_FILE);
    await Deno.writeTextFile(file, text.replace("},", "},,"));
    const { detailed, fast } = await loadBothWays([file]);
    assert.equal(detailed.errors.length, 1);
    assert.equal(fast, undefined);
  });
});

Deno.test("loadRankingsDaily() reports two files disagreeing on a day through the fast path exactly as the detailed path does", async () => {
  await inTempDir(async (dir) => {
    const rows = await realRows();
    const early = `${dir}/2026-05-24_2026-06-10.json`;
    const late = `${dir}/2026-06-05_2026-06-22.json`;
    const lateRows = structuredClone(
      rows.filter((r) => (r.date as string) >= "2026-06-05"),
    );
    lateRows[0].total_tokens = "1";
    await writeJson(early, {
      data: rows.filter((r) => (r.date as string) <= "2026-06-10"),
    });
    await writeJson(late, { data: lateRows });
    const { detailed, fast } = await loadBothWays([early, late]);
    assert.equal(detailed.errors.length, 1);
    assert.equal(fast, undefined);
  });
});

/** Files the detailed path loads cleanly but the fast path leaves to it. */
const LEFT_TO_THE_DETAILED_PATH: Record<
  string,
  { name: string; content: (rows: RankingRecord[]) => unknown }
> = {
  "token counts written as JSON numbers": {
    name: "2026-05-24_2026-06-22.json",
    content: (rows) => ({
      data: rows.map((r) => ({ ...r, total_tokens: Number(r.total_tokens) })),
    }),
  },
  "a file name that is not START_END.json": {
    name: "june.json",
    content: (rows) => ({ data: rows }),
  },
  "a file name whose dates are not the file's first and last day": {
    name: "2026-05-01_2026-06-30.json",
    content: (rows) => ({ data: rows }),
  },
  "meta dates that are not the file's first and last day": {
    name: "2026-05-24_2026-06-22.json",
    content: (rows) => ({
      data: rows,
      meta: { start_date: "2026-05-01", end_date: "2026-06-22" },
    }),
  },
  "a day without its other row": {
    name: "2026-05-24_2026-06-22.json",
    content: (rows) => ({
      data: rows.filter((r, i) => !(i < 51 && r.model_permaslug === "other")),
    }),
  },
  "a record with a field besides the three": {
    name: "2026-05-24_2026-06-22.json",
    content: (rows) => {
      (rows[0] as unknown as Record<string, unknown>).rank = 1;
      return { data: rows };
    },
  },
  "a token count with spaces around it": {
    name: "2026-05-24_2026-06-22.json",
    content: (rows) => {
      rows[0].total_tokens = ` ${rows[0].total_tokens} `;
      return { data: rows };
    },
  },
};

for (
  const [what, { name, content }] of Object.entries(LEFT_TO_THE_DETAILED_PATH)
) {
  Deno.test(`loadRankingsFast() leaves ${what} to the detailed path`, async () => {
    await inTempDir(async (dir) => {
      const file = `${dir}/${name}`;
      await writeJson(file, content(await realRows()));
      const { detailed, fast } = await loadBothWays([file]);
      assert.equal(fast, undefined);
      // The detailed path decides: it loads the file or names its problems.
      assert.ok(
        detailed.frame.height > 0 || detailed.errors.length > 0,
        what,
      );
    });
  });
}

Deno.test("loadRankingsFast() loads a file with a byte-order mark and CRLF line ends as the detailed path does", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-05-24_2026-06-22.json`;
    const text = (await Deno.readTextFile(RANKINGS_FILE)).replaceAll(
      "\n",
      "\r\n",
    );
    await Deno.writeFile(file, withBom(text));
    const { detailed, fast } = await loadBothWays([file]);
    assert.notEqual(fast, undefined);
    assertSameFrame(fast!.frame, detailed.frame);
  });
});

Deno.test("loadRankingsFast() keeps each file's meta as the detailed path reads it, as_of included", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/2026-05-24_2026-06-22.json`;
    await writeJson(file, {
      data: await realRows(),
      meta: {
        start_date: "2026-05-24",
        end_date: "2026-06-22",
        version: "v1",
        as_of: "2026-06-23T04:00:00Z",
      },
    });
    const { fast } = await loadBothWays([file]);
    assert.notEqual(fast, undefined);
    // loadRankingsDaily reads the meta blocks the fast path kept.
    const loaded = await loadRankingsDaily([file]);
    assert.deepEqual(loaded.meta, [{
      file,
      as_of: "2026-06-23T04:00:00Z",
      start_date: "2026-05-24",
      end_date: "2026-06-22",
      version: "v1",
    }]);
  });
});

Deno.test("loadRankingsFast() leaves an empty list of files to the detailed path", async () => {
  assert.equal(await loadRankingsFast([]), undefined);
  const { frame, errors } = await loadRankingsDaily([]);
  assert.equal(frame.height, 0);
  assert.deepEqual(errors, []);
});

/** Texts of the bundled month rewritten so that JSON.parse hides something, or an escape appears. */
const REWRITTEN: Record<string, (text: string) => string> = {
  "a key written twice in a record (JSON.parse keeps the last)": (text) =>
    text.replace(
      '"model_permaslug": "deepseek/deepseek-v4-flash-20260423",',
      '"model_permaslug": "deepseek/deepseek-v4-flash-20260423",\n   "model_permaslug": "other-lab/x",',
    ),
  "the data key written twice": (text) =>
    text.replace('{\n "data": [', '{\n "data": [],\n "data": ['),
  "an escaped character in a string": (text) =>
    text.replace(
      '"deepseek/deepseek-v4-flash-20260423"',
      '"deepseek\\/deepseek-v4-flash-20260423"',
    ),
};

for (const [what, rewrite] of Object.entries(REWRITTEN)) {
  Deno.test(`loadRankingsFast() leaves ${what} to the detailed path`, async () => {
    await inTempDir(async (dir) => {
      const file = `${dir}/2026-05-24_2026-06-22.json`;
      const text = await Deno.readTextFile(RANKINGS_FILE);
      const rewritten = rewrite(text);
      assert.notEqual(rewritten, text);
      await Deno.writeTextFile(file, rewritten);
      const { fast } = await loadBothWays([file]);
      assert.equal(fast, undefined);
    });
  });
}
