import assert from "node:assert/strict";
import { loadRankingsDaily } from "../../lib/loading/rankings_daily.ts";
import { rankingsCitation } from "../../lib/text/citation.ts";
import { inTempDir, writeJson } from "../_helpers.ts";

const BUNDLED = "data/raw/rankings-daily/2026-05-24_2026-06-22.json";

Deno.test("rankingsCitation() says the bundled month has no original meta.as_of", async () => {
  const { meta, frame } = await loadRankingsDaily([BUNDLED]);
  assert.equal(
    rankingsCitation(meta, { rankings: frame }),
    "Source: OpenRouter (openrouter.ai/rankings), as of unknown: no original meta.as_of in 2026-05-24_2026-06-22.json.",
  );
});

Deno.test("rankingsCitation() cites the newest as_of of the files the frame used, with the licence for tables", async () => {
  await inTempDir(async (dir) => {
    const rows = JSON.parse(await Deno.readTextFile(BUNDLED)).data as {
      date: string;
    }[];
    const a = `${dir}/a.json`;
    const b = `${dir}/b.json`;
    const c = `${dir}/c.json`;
    await writeJson(a, {
      data: rows.filter((r) => r.date <= "2026-06-10"),
      meta: { as_of: "2026-06-11T02:00:00Z" },
    });
    await writeJson(b, {
      data: rows.filter((r) => r.date > "2026-06-10"),
      meta: { as_of: "2026-06-23T02:00:00Z" },
    });
    // c carries no day a or b lacks, so no row comes from it
    await writeJson(c, {
      data: rows.filter((r) => r.date === "2026-06-01"),
      meta: { as_of: "2026-07-01T02:00:00Z" },
    });
    const { meta, frame } = await loadRankingsDaily([a, b, c]);
    assert.equal(
      rankingsCitation(meta, { rankings: frame, licence: true }),
      "Source: OpenRouter (openrouter.ai/rankings), as of 2026-06-23T02:00:00Z. Licensed under CC BY 4.0.",
    );
    assert.equal(
      rankingsCitation(meta),
      "Source: OpenRouter (openrouter.ai/rankings), as of 2026-07-01T02:00:00Z.",
    );
  });
});

Deno.test("rankingsCitation() names at most three files without as_of, then counts the rest", () => {
  const undated = (n: number) => ({
    file: `raw/rankings-daily/f${n}.json`,
    as_of: null,
    start_date: null,
    end_date: null,
    version: null,
  });
  assert.equal(
    rankingsCitation([1, 2, 3, 4, 5].map(undated)),
    "Source: OpenRouter (openrouter.ai/rankings), as of unknown: no original meta.as_of in f1.json, f2.json, f3.json and 2 more.",
  );
});
