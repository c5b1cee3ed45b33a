import assert from "node:assert/strict";
import { loadRankingsDaily } from "../../lib/loading/rankings_daily.ts";
import {
  appRankingsCitation,
  benchmarksCitation,
  OFFICIAL_CITATIONS,
  rankingsCitation,
  rankingsProvenance,
  sessionCostCitation,
} from "../../lib/text/citation.ts";
import { inTempDir, writeJson } from "../_helpers.ts";

const BUNDLED = "data/raw/rankings-daily/2026-05-24_2026-06-22.json";

Deno.test("rankingsCitation() cites the bundled month (no meta.as_of) by its days and provenance, never a file name or 'unknown'", async () => {
  const { meta, frame } = await loadRankingsDaily([BUNDLED]);
  assert.equal(
    rankingsCitation(meta, { rankings: frame }),
    "Source: OpenRouter (openrouter.ai/rankings), daily data 24 May – 22 June 2026, via a public archive.",
  );
  assert.equal(
    rankingsCitation(meta, { rankings: frame, dataTo: "2026-06-07" }),
    "Source: OpenRouter (openrouter.ai/rankings), daily data 24 May – 22 June 2026, via a public archive; data to 7 June 2026.",
  );
  // The diagnostic is the report's, naming the file.
  assert.match(
    rankingsProvenance(meta, { rankings: frame }) ?? "",
    /^1 rankings-daily file has no original meta\.as_of .*: 2026-05-24_2026-06-22\.json\.$/,
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
      "Source: OpenRouter (openrouter.ai/rankings), as of 2026-06-23T02:00:00Z; daily data 24 May – 22 June 2026. Licensed under CC BY 4.0.",
    );
    assert.equal(
      rankingsCitation(meta),
      "Source: OpenRouter (openrouter.ai/rankings), as of 2026-07-01T02:00:00Z.",
    );
    assert.equal(rankingsProvenance(meta), null);
    assert.equal(
      rankingsCitation(meta, { period: ["2026-06-01", "2026-06-07"] }),
      "Source: OpenRouter (openrouter.ai/rankings), as of 2026-07-01T02:00:00Z; daily data 1–7 June 2026.",
    );
  });
});

Deno.test("rankingsProvenance() names every file without as_of; the citation names none", () => {
  const undated = (n: number) => ({
    file: `raw/rankings-daily/f${n}.json`,
    as_of: null,
    start_date: null,
    end_date: null,
    version: null,
  });
  const meta = [1, 2, 3, 4, 5].map(undated);
  assert.equal(
    rankingsCitation(meta),
    "Source: OpenRouter (openrouter.ai/rankings), via a public archive.",
  );
  assert.match(
    rankingsProvenance(meta) ?? "",
    /^5 rankings-daily files have .*: f1\.json, f2\.json, f3\.json, f4\.json, f5\.json\.$/,
  );
});

// Quoted word for word from OpenRouter's Data API documentation,
// openrouter.ai/docs/cookbook/administration/data-api: "Acceptable use and
// attribution" of Rankings Daily, the app-rankings endpoint's description
// ("When republishing or quoting this dataset, OpenRouter must be cited as:
// …"), "License and citation" for session-cost (which names none), and the
// `meta.citation` of the Benchmarks answer for `source=artificial-analysis`.
const DOCUMENTED = {
  "rankings-daily":
    "Source: OpenRouter (openrouter.ai/rankings), as of {as_of}.",
  "app-rankings": "Source: OpenRouter (openrouter.ai/apps), as of {as_of}.",
  "session-cost":
    "Source: OpenRouter Data API (openrouter.ai/docs/cookbook/administration/data-api), as of <meta.as_of>.",
  "benchmarks":
    "Source: Artificial Analysis (artificialanalysis.ai) via OpenRouter (openrouter.ai/rankings).",
};

Deno.test("every citation line matches OpenRouter's documentation word for word", async () => {
  const asOf = "2026-06-23T02:00:00Z";
  const put = (line: string) =>
    line.replace("{as_of}", asOf).replace("<meta.as_of>", asOf);
  assert.deepEqual(
    Object.keys(OFFICIAL_CITATIONS).sort(),
    Object.keys(DOCUMENTED).sort(),
  );
  for (const [dataset, line] of Object.entries(DOCUMENTED)) {
    assert.equal(
      put(OFFICIAL_CITATIONS[dataset as keyof typeof OFFICIAL_CITATIONS]),
      put(line),
      dataset,
    );
  }
  assert.equal(appRankingsCitation(asOf), put(DOCUMENTED["app-rankings"]));
  assert.equal(sessionCostCitation(asOf), put(DOCUMENTED["session-cost"]));
  assert.equal(
    sessionCostCitation(asOf, { licence: true }),
    `${put(DOCUMENTED["session-cost"])} Licensed under CC BY 4.0.`,
  );
  assert.equal(benchmarksCitation(null), DOCUMENTED.benchmarks);
  assert.ok(benchmarksCitation(asOf).startsWith(DOCUMENTED.benchmarks));
  assert.equal(
    appRankingsCitation(null),
    "Source: OpenRouter (openrouter.ai/apps), as of unknown.",
  );
  await inTempDir(async (dir) => {
    const file = `${dir}/a.json`;
    await writeJson(file, {
      data: JSON.parse(await Deno.readTextFile(BUNDLED)).data,
      meta: { as_of: asOf },
    });
    const { meta } = await loadRankingsDaily([file]);
    assert.equal(rankingsCitation(meta), put(DOCUMENTED["rankings-daily"]));
  });
});

Deno.test("no notebook writes a citation line of its own: they call lib/text/citation.ts", async () => {
  for (const entry of Deno.readDirSync("notebooks")) {
    if (!entry.name.endsWith(".ipynb")) continue;
    const notebook = JSON.parse(
      await Deno.readTextFile(`notebooks/${entry.name}`),
    );
    for (const cell of notebook.cells) {
      if (cell.cell_type !== "code") continue;
      const source = (cell.source as string[]).join("");
      assert.doesNotMatch(
        source,
        /Source: OpenRouter|openrouter\.ai\/(apps|rankings)|Licensed under CC BY/,
        `${entry.name}: ${source.slice(0, 200)}`,
      );
    }
  }
});
