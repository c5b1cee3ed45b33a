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

Deno.test("rankingsSourceLine() on the bundled month gives its days and provenance in words, no file name, no 'unknown'", () => {
  assert.equal(
    rankingsSourceLine(results),
    "Source: OpenRouter (openrouter.ai/rankings), daily data 24 May – 22 June 2026, via a public archive. CC BY 4.0 · tokenbook",
  );
  assert.equal(
    rankingsSourceLine(
      results,
      ["2026-06-15", "2026-06-21"],
      "benchmarks as published by vendors",
    ),
    "Source: OpenRouter (openrouter.ai/rankings), daily data 15–21 June 2026, via a public archive. CC BY 4.0; benchmarks as published by vendors · tokenbook",
  );
});

Deno.test("rankingsSourceLine() cites the as_of of the files the rankings used, not of others, and a cut", () => {
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
    "Source: OpenRouter (openrouter.ai/rankings), as of 2026-06-25T02:00:00Z; daily data 24 May – 22 June 2026. CC BY 4.0 · tokenbook",
  );
  const cut = {
    ...fetched,
    period: { ...fetched.period, dataTo: "2026-06-22" },
  } as unknown as Analyses;
  assert.match(
    rankingsSourceLine(cut),
    /; data to 22 June 2026\. CC BY 4\.0 · tokenbook$/,
  );
});

Deno.test("rankingsSourceLine() with no rankings is OpenRouter's source alone", () => {
  const none = {
    ...results,
    period: { ...results.period, rankings: null },
    rankingsMeta: [],
  } as unknown as Analyses;
  assert.equal(
    rankingsSourceLine(none),
    "Source: OpenRouter (openrouter.ai/rankings). CC BY 4.0 · tokenbook",
  );
});

Deno.test("trackerSourceLine() names the tracker, the price list and the files shown by their dates", () => {
  assert.equal(
    trackerSourceLine(results),
    "Source: openrouter-inference-stats, a public tracker of OpenRouter's top models; OpenRouter list prices; weekly files 16 November 2025 – 8 February 2026 · tokenbook",
  );
  assert.match(
    trackerSourceLine(results, ["2026-02-08", "2026-02-08"]),
    /; weekly file of 8 February 2026 · tokenbook$/,
  );
  const none = {
    ...results,
    period: { ...results.period, inference: null },
  } as unknown as Analyses;
  assert.equal(
    trackerSourceLine(none),
    "Source: openrouter-inference-stats, a public tracker of OpenRouter's top models; OpenRouter list prices · tokenbook",
  );
});
