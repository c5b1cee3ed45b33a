/**
 * In-process benchmarks (`deno bench`): loading and validating a year of
 * rankings-daily rows, loading the bundled workspace, and running every
 * analysis on it. `deno task bench` runs these and reports the figures.
 *
 * The year is 365 days × 51 rows drawn from the bundled month by
 * `syntheticRankingsYear` (seed 42), written once to a temporary file when
 * this module loads and removed when the run ends.
 *
 * @module
 */
import { runAnalyses } from "../lib/run/analyses.ts";
import { loadClaims } from "../lib/claims/claims.ts";
import { loadRankingsDaily } from "../lib/loading/rankings_daily.ts";
import { syntheticRankingsYear } from "../lib/tooling/synthetic_rankings.ts";
import { validatePaths } from "../lib/loading/validate.ts";
import { loadWorkspace } from "../lib/loading/workspace.ts";

const DATA_DIR = "data";
const RANKINGS_FILE =
  `${DATA_DIR}/raw/rankings-daily/2026-05-24_2026-06-22.json`;
const YEAR_ROWS = 365 * 51;

const real = await loadRankingsDaily([RANKINGS_FILE]);
if (real.errors.length > 0) {
  throw new Error(`Cannot benchmark: ${RANKINGS_FILE} has errors`);
}
const year = syntheticRankingsYear(real.frame, { days: 365, seed: 42 });
// Under a `rankings-daily/` folder, as in data/raw, so validatePaths knows the source by its folder.
const tempDir = await Deno.makeTempDir({ prefix: "tokenbook_bench_" });
await Deno.mkdir(`${tempDir}/rankings-daily`);
const yearFile =
  `${tempDir}/rankings-daily/${year.meta.start_date}_${year.meta.end_date}.json`;
await Deno.writeTextFile(yearFile, JSON.stringify(year, null, 1));
globalThis.addEventListener("unload", () => {
  Deno.removeSync(tempDir, { recursive: true });
});

// Check once that every benchmark measures the successful path.
const check = await validatePaths([yearFile]);
if (!check.ok || check.summaries[0]?.rows !== YEAR_ROWS) {
  throw new Error(
    `Cannot benchmark: the synthetic year did not validate (${check.problems.length} problems, ${
      check.summaries[0]?.rows
    } rows, expected ${YEAR_ROWS})`,
  );
}
const workspace = await loadWorkspace(DATA_DIR);
const claims = await loadClaims(`${DATA_DIR}/claims.csv`);

Deno.bench({
  name: "loadRankingsDaily: a year of rankings (365 days × 51 rows)",
  group: "rankings year",
  baseline: true,
  async fn() {
    const { frame, errors } = await loadRankingsDaily([yearFile]);
    if (errors.length > 0 || frame.height !== YEAR_ROWS) {
      throw new Error("the synthetic year did not load");
    }
  },
});

Deno.bench({
  name:
    "loadRankingsDaily, detailed path only: a year of rankings (365 days × 51 rows)",
  group: "rankings year",
  async fn() {
    const { frame, errors } = await loadRankingsDaily([yearFile], {
      fast: false,
    });
    if (errors.length > 0 || frame.height !== YEAR_ROWS) {
      throw new Error("the synthetic year did not load");
    }
  },
});

Deno.bench({
  name: "validatePaths: a year of rankings (365 days × 51 rows)",
  group: "rankings year",
  async fn() {
    const { ok } = await validatePaths([yearFile]);
    if (!ok) throw new Error("the synthetic year did not validate");
  },
});

Deno.bench({
  name: "loadWorkspace: the bundled data",
  group: "bundled data",
  baseline: true,
  async fn() {
    await loadWorkspace(DATA_DIR);
  },
});

Deno.bench({
  name: "runAnalyses: the bundled data, every analysis read",
  group: "bundled data",
  fn() {
    // A new workspace object each time, so nothing comes from runAnalyses'
    // cache, and every property read, so every analysis runs.
    const results = runAnalyses({ ...workspace }, claims);
    for (const key of Object.keys(results)) {
      (results as unknown as Record<string, unknown>)[key];
    }
  },
});
