import assert from "node:assert/strict";
import type { Analyses } from "../../lib/run/analyses.ts";
import {
  rankingsSourceLine,
  trackerSourceLine,
} from "../../lib/charts/source_line.ts";
import { results } from "../_claims_fixture.ts";

// The bundled data: data/raw/rankings-daily/2026-05-24_2026-06-22.json (its
// meta has start_date, end_date and version but no as_of), and the
// inference-stats files 2025-11-16.json … 2026-02-08.json.

Deno.test("rankingsSourceLine() on the bundled month says it has no as_of, and names the last day", () => {
  assert.equal(
    rankingsSourceLine(results),
    "Source: OpenRouter (openrouter.ai/rankings), as of unknown: no original meta.as_of in 2026-05-24_2026-06-22.json. CC BY 4.0 · data through 2026-06-22 · tokenbook",
  );
});

Deno.test("rankingsSourceLine() cites the as_of of the files the rankings used, not of others", () => {
  // The bundled file given an as_of, and a newer file the analyses did not use.
  const used = results.rankingsMeta[0].file;
  const fetched = {
    ...results,
    rankingsMeta: [
      { ...results.rankingsMeta[0], as_of: "2026-06-25T02:00:00Z" },
      { file: "other/b.json", as_of: "2026-07-01T02:00:00Z" },
    ],
  } as unknown as Analyses;
  assert.match(used, /2026-05-24_2026-06-22\.json$/);
  assert.equal(
    rankingsSourceLine(fetched),
    "Source: OpenRouter (openrouter.ai/rankings), as of 2026-06-25T02:00:00Z. CC BY 4.0 · data through 2026-06-22 · tokenbook",
  );
});

Deno.test("rankingsSourceLine() says n/a when there are no rankings", () => {
  const none = {
    ...results,
    period: { ...results.period, rankings: undefined },
    rankingsMeta: [],
  } as unknown as Analyses;
  assert.match(rankingsSourceLine(none), / · data through n\/a · tokenbook$/);
});

Deno.test("trackerSourceLine() names the tracker, the price list and the bundled weeks", () => {
  assert.equal(
    trackerSourceLine(results),
    "Source: openrouter-inference-stats (tracked top models), OpenRouter list prices · weeks 2025-11-16 … 2026-02-08 · tokenbook",
  );
  const none = {
    ...results,
    period: { ...results.period, inference: undefined },
  } as unknown as Analyses;
  assert.equal(
    trackerSourceLine(none),
    "Source: openrouter-inference-stats (tracked top models), OpenRouter list prices · weeks n/a · tokenbook",
  );
});
