/**
 * Tests mirror lib/ (issue 25: "a newcomer finds any module's tests beside
 * its path"): `lib/x/foo.ts` is tested in `tests/x/foo_test.ts`, a leading
 * underscore dropped (`lib/charts/_label_placer.ts` →
 * `tests/charts/label_placer_test.ts`), and that file imports the module.
 * A module without such a file is listed in {@linkcode ELSEWHERE} with the
 * tests that cover it and why; every listed module and test must exist, and
 * each covering test must contain the text the entry says it does (the call
 * or import that exercises the module), so the table cannot go stale.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** A test file that covers a module, and a text in it that shows it does. */
interface Cover {
  /** Path from the project root, e.g. `tests/charts/charts_test.ts`. */
  test: string;
  /** Text the test contains: a call or an import of the module. */
  mentions: string;
}

/** A module tested somewhere other than beside its path. */
interface Elsewhere {
  /** Why it has no test file of its own. */
  why: string;
  /** The tests that cover it (at least one). */
  covers: Cover[];
}

const SNAPSHOTS = "tests/charts/charts_test.ts snapshots every chart";

/** Modules with no test file beside their path, by path from the root. */
export const ELSEWHERE: Readonly<Record<string, Elsewhere>> = {
  "lib/mod.ts": {
    why:
      "re-exports only (each export is tested beside its own module); the notebooks import it",
    covers: [{
      test: "tests/ui/notebooks_browser_test.ts",
      mentions: "lib/mod.ts",
    }],
  },
  "lib/claims/checks/mod.ts": {
    why:
      "the check registry; tested with the ledger it serves, in the claims barrel's test",
    covers: [
      { test: "tests/claims/claims_test.ts", mentions: "checksByName(" },
      { test: "tests/claims/claims_test.ts", mentions: "CHECK_FAMILIES" },
    ],
  },
  "lib/findings/observed_cache.ts": {
    why:
      "the Markdown of the observed-cache analysis, tested with the analysis it prints",
    covers: [{
      test: "tests/analysis/observed_cache_test.ts",
      mentions: "observedCacheMarkdown(",
    }],
  },
  "lib/charts/agent_task_cost_chart.ts": {
    why: SNAPSHOTS,
    covers: [{
      test: "tests/charts/charts_test.ts",
      mentions: "agentTaskCostChart(",
    }],
  },
  "lib/charts/benchmark_scatter_chart.ts": {
    why: SNAPSHOTS,
    covers: [{
      test: "tests/charts/charts_test.ts",
      mentions: "benchmarkScatterChart(",
    }],
  },
  "lib/charts/movers_chart.ts": {
    why: SNAPSHOTS,
    covers: [
      { test: "tests/charts/charts_test.ts", mentions: "moversChart(" },
      { test: "tests/charts/chart_labels_test.ts", mentions: "moversChart(" },
    ],
  },
  "lib/charts/origin_share_chart.ts": {
    why: SNAPSHOTS,
    covers: [{
      test: "tests/charts/charts_test.ts",
      mentions: "originShareChart(",
    }],
  },
  "lib/charts/ratio_vs_cache_hit_chart.ts": {
    why: SNAPSHOTS,
    covers: [{
      test: "tests/charts/charts_test.ts",
      mentions: "ratioVsCacheHitChart(",
    }],
  },
  "lib/charts/revenue_comparison_chart.ts": {
    why: SNAPSHOTS,
    covers: [{
      test: "tests/charts/charts_test.ts",
      mentions: "revenueComparisonChart(",
    }],
  },
  "lib/charts/token_dollar_share_chart.ts": {
    why: SNAPSHOTS,
    covers: [{
      test: "tests/charts/charts_test.ts",
      mentions: "tokenDollarShareChart(",
    }],
  },
  "lib/charts/top_models_chart.ts": {
    why: SNAPSHOTS,
    covers: [{
      test: "tests/charts/charts_test.ts",
      mentions: "topModelsChart(",
    }],
  },
  "lib/charts/app_rankings_chart.ts": {
    why: "drawn and checked with the app-rankings findings it shows",
    covers: [{
      test: "tests/findings/app_rankings_test.ts",
      mentions: "appRankingsChart(",
    }],
  },
  "lib/whatif/example_workload.ts": {
    why:
      "the example month the whatif command is run on; tested through the command",
    covers: [{
      test: "tests/cli/whatif_test.ts",
      mentions: "lib/whatif/example_workload.ts",
    }],
  },
  "lib/whatif/load_inputs.ts": {
    why: "loads the what-if inputs; tested with the routing findings it feeds",
    covers: [{
      test: "tests/findings/routing_what_if_test.ts",
      mentions: "loadWhatIfInputs(",
    }],
  },
  "lib/whatif/policy.ts": {
    why: "the routing policy file; parsed and applied in the engine's test",
    covers: [{ test: "tests/whatif/engine_test.ts", mentions: "parsePolicy(" }],
  },
  "lib/whatif/workload.ts": {
    why: "the workload file; read and billed in the engine's test",
    covers: [{
      test: "tests/whatif/engine_test.ts",
      mentions: "lib/whatif/workload.ts",
    }],
  },
  "lib/whatif/token_mix.ts": {
    why: "the tracker's token mix; tested with the case study that uses it",
    covers: [{
      test: "tests/whatif/case_study_test.ts",
      mentions: "trackerTokenMix(",
    }],
  },
  "lib/whatif/whatif_report.ts": {
    why:
      "the whatif command's summary and whatif.md; the command's test reads the file it writes",
    covers: [{ test: "tests/cli/whatif_test.ts", mentions: "whatif.md" }],
  },
};

/** Every `.ts` file under a folder (relative to the root), recursively, sorted. */
function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of Deno.readDirSync(`${ROOT}${dir}`)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) out.push(...tsFiles(path));
    else if (entry.name.endsWith(".ts")) out.push(path);
  }
  return out.sort();
}

/**
 * The test file beside a module's path: `lib/x/_foo.ts` → `tests/x/foo_test.ts`.
 *
 * @param module A path `lib/….ts`.
 * @returns The test's path.
 */
export function besideTest(module: string): string {
  const parts = module.replace(/^lib\//, "tests/").split("/");
  const name = parts.pop()!.replace(/^_/, "").replace(/\.ts$/, "_test.ts");
  return [...parts, name].join("/");
}

function exists(path: string): boolean {
  try {
    return Deno.statSync(`${ROOT}${path}`).isFile;
  } catch {
    return false;
  }
}

function read(path: string): string {
  return Deno.readTextFileSync(`${ROOT}${path}`);
}

Deno.test("besideTest() mirrors lib/ into tests/ and drops a leading underscore", () => {
  assert.equal(besideTest("lib/base/dates.ts"), "tests/base/dates_test.ts");
  assert.equal(
    besideTest("lib/charts/_label_placer.ts"),
    "tests/charts/label_placer_test.ts",
  );
  assert.equal(
    besideTest("lib/claims/checks/_inputs.ts"),
    "tests/claims/checks/inputs_test.ts",
  );
  assert.equal(besideTest("lib/mod.ts"), "tests/mod_test.ts");
});

Deno.test("every lib/ module has its test beside its path, or is listed with the tests that cover it", () => {
  const modules = tsFiles("lib");
  assert.ok(modules.length > 50, `found only ${modules.length} modules`);
  const unplaced = modules.filter((m) =>
    !exists(besideTest(m)) && !(m in ELSEWHERE)
  ).map((m) => `${m}: no ${besideTest(m)}, and not listed in ELSEWHERE`);
  assert.deepEqual(unplaced, []);
});

Deno.test("every test beside a module imports that module", () => {
  const faults = tsFiles("lib").filter((m) => exists(besideTest(m))).filter(
    (m) => {
      const file = m.split("/").pop()!;
      const folder = m.split("/").slice(1, -1).join("/");
      const text = read(besideTest(m));
      // An import path ending in the module's folder and name.
      const path = folder === "" ? `lib/${file}` : `${folder}/${file}`;
      return !text.includes(`${path}"`);
    },
  ).map((m) => `${besideTest(m)} does not import ${m}`);
  assert.deepEqual(faults, []);
});

Deno.test("the ELSEWHERE table is true: its modules exist without a test beside them, its tests exist and exercise them", () => {
  const faults: string[] = [];
  for (const [module, entry] of Object.entries(ELSEWHERE)) {
    if (!exists(module)) faults.push(`${module} is listed but does not exist`);
    if (exists(besideTest(module))) {
      faults.push(
        `${module} now has ${besideTest(module)}: remove it from ELSEWHERE`,
      );
    }
    if (entry.why.trim() === "") faults.push(`${module} gives no reason`);
    if (entry.covers.length === 0) faults.push(`${module} names no test`);
    for (const { test, mentions } of entry.covers) {
      if (!exists(test)) {
        faults.push(`${module}: covering test ${test} does not exist`);
      } else if (!read(test).includes(mentions)) {
        faults.push(`${module}: ${test} does not contain ${mentions}`);
      }
    }
  }
  assert.deepEqual(faults, []);
});
