import assert from "node:assert/strict";
import { citationProblems } from "../../lib/claims/cited.ts";
import { entry, results } from "../_claims_fixture.ts";
import type { LedgerEntry } from "../../lib/claims/claims.ts";

Deno.test("every file, record, field and column the bundled ledger cites exists in data/", () => {
  const cited = results.ledger.filter((e) => e.evidence.startsWith("data/"));
  // The walk has something to open: tracker fields, models-list records, rankings rows, prices.
  assert.ok(cited.length > 150, `${cited.length} entries cite data/`);
  assert.deepEqual(citationProblems(results.ledger, "data"), []);
});

Deno.test("the walk fails on what does not exist: a loader's column, a record, a row, a line, an id", () => {
  const changed = (id: string, evidence: string): LedgerEntry => ({
    ...entry(id),
    evidence,
  });
  const cases: [LedgerEntry, RegExp][] = [
    [
      changed(
        "ir-22",
        entry("ir-22").evidence.replace("prompt_price", "prompt_usd_per_mtok"),
      ),
      /has no field prompt_usd_per_mtok/,
    ],
    [
      changed(
        "ir-22",
        'data/raw/inference-stats/2026-02-08.json: models[] slug "arcee-ai/trinity-large-preview:free", field total_tokens',
      ),
      /no models\[\] row with slug/,
    ],
    [
      changed(
        "ir-03",
        "data/raw/inference-stats/2026-02-08.json: models[] (10 rows, 0 is_free)",
      ),
      /models\[\] has 9 rows, not 10/,
    ],
    [
      changed(
        "pt-01",
        "data/raw/rankings-daily/2026-05-24_2026-06-22.json: every row dated 2026-05-18 … 2026-05-24",
      ),
      /no row dated 2026-05-18/,
    ],
    [
      changed(
        "bb-52",
        'data/reference/prices_history_openrouter.csv: openrouter_id "deepseek/deepseek-v4-flash", record dated 2026-05-23 (OpenRouter price history (models.dev))',
      ),
      /no record of deepseek\/deepseek-v4-flash dated 2026-05-23/,
    ],
    [
      changed(
        "bb-08",
        'data/reference/a16z_report_figures.md: line "| Programming share | roughly 12%…"',
      ),
      /no line starting/,
    ],
    [
      changed("bb-06", 'the article itself ("A"): bb-99 1T ÷ bb-01 28.90T'),
      /no ledger entry bb-99/,
    ],
    [
      changed(
        "pt-01",
        "data/raw/rankings-daily/2026-05-17_2026-06-22.json: every row dated 2026-06-01",
      ),
      /no such file or folder/,
    ],
    [
      changed("pt-01", "rankings-daily week of 2026-06-01"),
      /cites no file of the data folder/,
    ],
    [
      changed(
        "pt-51",
        'data/reference/self_hosting.csv: setup_id "no-such-setup" (https://example.org/)',
      ),
      /no row with setup_id "no-such-setup"/,
    ],
  ];
  for (const [e, expected] of cases) {
    const problems = citationProblems(
      [...results.ledger, e].filter((x, i, all) =>
        all.findLastIndex((y) => y.id === x.id) === i
      ),
      "data",
    );
    assert.equal(
      problems.length,
      1,
      `${e.evidence}: ${JSON.stringify(problems)}`,
    );
    assert.match(problems[0].problem, expected);
  }
});
