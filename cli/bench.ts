/**
 * `deno task bench [--runs N] [--skip-notebooks] [--skip-pandas]`: measure
 * how fast tokenbook is, against its targets, and write the figures to
 * `out/bench.md`.
 *
 * - In process, with Deno's own `deno bench` (`tests/*_bench.ts`): loading
 *   and validating a year of rankings-daily rows (365 days × 51 rows drawn
 *   from the bundled month), loading the bundled data, running the analyses.
 * - Side by side with pandas, whole processes: 3 and 20 years of
 *   rankings-daily generated from the bundled month
 *   (`syntheticRankingsFiles`, one file per 365 days, next to the bundled
 *   month, in a copy of `data/`), loaded, validated, classified by origin and
 *   summed into weekly origin shares by `cli/bench/origin_share.ts` and by the
 *   equivalent pandas script `cli/bench/origin_share_pandas.py` (run only when
 *   Debian's python3-pandas is installed). Both write the report's
 *   `origin_share_weekly.csv`; the two files must be byte-identical. Wall
 *   time and peak memory (maximum resident set size, from GNU time) of each,
 *   medians of the runs after one warm-up, and their ratios.
 * - Whole process, wall clock: `deno task report` on the bundled data, on 3
 *   and on 20 years (one warm-up run, then the runs) and `deno task notebooks`
 *   (3 runs), each into a temporary folder so `out/` is left alone.
 * - Each notebook's Run All once its kernel has started: 3 runs of
 *   `deno task notebooks --jobs 1`, read from the executed notebooks' cell
 *   timestamps (`runAllSeconds`); the slowest notebook's median.
 *
 * Targets (issue 14): 20 years load → weekly origin share at least 3× faster
 * than pandas with no more peak memory; the report ≤ 2 s on the bundled data
 * and ≤ 6 s on 20 years; all notebooks ≤ 25 s and each notebook's Run All
 * ≤ 2 s after its kernel started; a year of rankings loaded and
 * validated in process ≤ 1 s. A missed target is shown, not an error: exit
 * code 0 when every measurement ran and the two tables agree, 1 when one
 * failed or they differ, 2 on a usage error.
 *
 * @module
 */
import { billBenchmark } from "./bench/bill_bench.ts";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import {
  jupyterMissing,
  listNotebooks,
  runAllSeconds,
} from "../lib/tooling/notebook_runner.ts";
import { loadRankingsDaily } from "../lib/loading/rankings_daily.ts";
import {
  scaleBelow,
  syntheticRankingsFiles,
} from "../lib/tooling/synthetic_rankings.ts";
import { parseCliArgs, UsageError, wholeNumberOption } from "./_args.ts";
import { LAUNCHED_TASKS, type LaunchedTask, taskFlags } from "./launch.ts";

const USAGE =
  `Usage: deno task bench [--runs N] [--skip-notebooks] [--skip-pandas]

Run the in-process benchmarks (deno bench tests/), time tokenbook against an
equivalent pandas script on 3 and 20 years of generated rankings, and time the
full report (bundled data, 3 and 20 years) and the notebooks as whole
processes; print the figures against their targets and write them to
out/bench.md.

Options:
  --runs N          Timed runs of each whole-process figure (default: 5, after
                    one warm-up run; 3 for the notebooks and the 20-year
                    report).
  --skip-notebooks  Do not time the notebooks.
  --skip-pandas     Do not run the pandas comparison.
  --help            Show this text.`;

const root = fileURLToPath(new URL("..", import.meta.url));
/**
 * The permissions of a task as it grants them for `args`: the flags
 * `cli/launch.ts` computes for a launched command, else the task's
 * `--allow-*` flags in deno.json, so every process timed here runs exactly as
 * the task would.
 */
async function taskPermissions(
  task: string,
  args: readonly string[] = [],
): Promise<string[]> {
  if ((LAUNCHED_TASKS as readonly string[]).includes(task)) {
    return taskFlags(task as LaunchedTask, args, { root, cwd: Deno.cwd() });
  }
  const config = JSON.parse(
    await Deno.readTextFile(join(root, "deno.json")),
  ) as { tasks: Record<string, string> };
  return config.tasks[task].split(" ").filter((arg) =>
    arg.startsWith("--allow-")
  );
}
/**
 * The permissions of the bench's own in-process harnesses (`deno bench`,
 * `cli/bench/*.ts`), which read and write temporary folders: those the
 * report task had before its permissions came from its arguments.
 */
const HARNESS_PERMISSIONS = [
  "--allow-read=.,/tmp",
  "--allow-write=.,/tmp",
  "--allow-ffi=./node_modules",
  "--allow-env",
  "--allow-sys=cpus,networkInterfaces,hostname",
];
const REPORT_RUNS = 5;
const LONG_RUNS = 3;
const NOTEBOOK_RUNS = 3;
/** Targets in seconds. */
const REPORT_TARGET_S = 2;
const REPORT_20_YEARS_TARGET_S = 6;
const RANKINGS_YEAR_TARGET_S = 1;
const NOTEBOOKS_TARGET_S = 25;
/** Each notebook's Run All once its kernel has started. */
const RUN_ALL_TARGET_S = 2;
/** tokenbook must be at least this many times faster than pandas on 20 years. */
const PANDAS_RATIO_TARGET = 3;
/** The bundled month the synthetic years are drawn from. */
const RANKINGS_FILE = "data/raw/rankings-daily/2026-05-24_2026-06-22.json";
/** GNU time, for the peak memory of a child process. */
const GNU_TIME = "/usr/bin/time";
/** Debian's Python, where python3-pandas installs. */
const DEBIAN_PYTHON = "/usr/bin/python3";
/** The in-process benchmarks that have a target: those on the synthetic year. */
const RANKINGS_YEAR_BENCH = /a year of rankings/;

/** One line of the results table. */
interface Figure {
  /** What was measured. */
  name: string;
  /** How the figure was taken, e.g. "median of 5 runs". */
  measure: string;
  /** The figure in seconds, or null when it was skipped. */
  seconds: number | null;
  /** Spread as text (range, percentiles), or why it was skipped. */
  spread: string;
  /** Target in seconds, or null when there is none. */
  targetSeconds: number | null;
  /** Median peak memory (maximum resident set size) in MiB, when measured. */
  peakMib?: number | null;
}

/** The part of `deno bench --json` output this command reads. */
interface BenchJson {
  /** The CPU model, as Deno reads it. */
  cpu?: string;
  benches: {
    name: string;
    group: string | null;
    results: {
      ok?: {
        n: number;
        min: number;
        max: number;
        avg: number;
        p75: number;
        p50?: number;
      };
      failed?: unknown;
    }[];
  }[];
}

const decoder = new TextDecoder();

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Seconds as text: milliseconds below one second, else seconds. */
function formatSeconds(seconds: number): string {
  return seconds < 1
    ? `${(seconds * 1000).toFixed(0)} ms`
    : `${seconds.toFixed(2)} s`;
}

function verdict(figure: Figure): string {
  if (figure.targetSeconds === null) return "—";
  if (figure.seconds === null) return "skipped";
  return figure.seconds <= figure.targetSeconds ? "yes" : "**no**";
}

/** The figures as an aligned Markdown table. */
function figuresTable(figures: readonly Figure[]): string {
  const rows = [
    [
      "Benchmark",
      "Measure",
      "Figure",
      "Spread",
      "Peak memory",
      "Target",
      "Met",
    ],
    ...figures.map((f) => [
      f.name,
      f.measure,
      f.seconds === null ? "—" : formatSeconds(f.seconds),
      f.spread,
      f.peakMib === undefined || f.peakMib === null
        ? "—"
        : `${f.peakMib.toFixed(0)} MiB`,
      f.targetSeconds === null ? "—" : `≤ ${f.targetSeconds} s`,
      verdict(f),
    ]),
  ];
  const widths = rows[0].map((_, column) =>
    Math.max(...rows.map((row) => row[column].length))
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
  return [
    line(rows[0]),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.slice(1).map(line),
  ].join("\n");
}

/**
 * The machine, in one line: OS, CPU, cores, memory, Deno. The CPU model comes
 * from /proc/cpuinfo when it is readable (Deno 2 asks for --allow-all to read
 * /proc), else from `fallbackCpu` (what `deno bench` reported).
 */
async function machineLine(fallbackCpu: string | undefined): Promise<string> {
  let cpu = fallbackCpu ?? "CPU model unknown";
  try {
    const cpuinfo = await Deno.readTextFile("/proc/cpuinfo");
    const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo);
    if (model) cpu = model[1].trim().replace(/\s+/g, " ");
  } catch {
    // Not Linux, or /proc is not readable here: keep the fallback.
  }
  const memoryGib = Deno.systemMemoryInfo().total / 2 ** 30;
  return `${Deno.build.os} ${Deno.osRelease()} (${Deno.build.arch}), ${cpu}, ${navigator.hardwareConcurrency} cores, ${
    memoryGib.toFixed(1)
  } GiB RAM, Deno ${Deno.version.deno}`;
}

/** Run a command to completion; throw with its stderr when it fails. */
async function run(
  command: string,
  args: string[],
  what: string,
): Promise<{ stdout: string; seconds: number }> {
  const started = performance.now();
  const output = await new Deno.Command(command, {
    args,
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const seconds = (performance.now() - started) / 1000;
  if (!output.success) {
    throw new Error(
      `${what} failed (exit code ${output.code}):\n${
        decoder.decode(output.stderr).trim()
      }`,
    );
  }
  return { stdout: decoder.decode(output.stdout), seconds };
}

/** `deno bench --json tests/`: one figure per benchmark (mean time per iteration) and the CPU model it saw. */
async function inProcessFigures(): Promise<
  { figures: Figure[]; cpu: string | undefined }
> {
  console.log("deno bench tests/ …");
  const { stdout } = await run(
    "deno",
    ["bench", ...HARNESS_PERMISSIONS, "--json", "tests/"],
    "deno bench",
  );
  const report = JSON.parse(stdout) as BenchJson;
  const figures = report.benches.map((bench) => {
    const ok = bench.results[0]?.ok;
    if (ok === undefined) {
      throw new Error(`deno bench: "${bench.name}" failed`);
    }
    // Nanoseconds to seconds. `deno bench` reports the mean and p75, not the median.
    const s = (ns: number) => ns / 1e9;
    const figure = ok.p50 ?? ok.avg;
    return {
      name: bench.name,
      measure: `deno bench ${
        ok.p50 === undefined ? "mean" : "median"
      } of ${ok.n} iterations`,
      seconds: s(figure),
      spread: `${formatSeconds(s(ok.min))} – ${formatSeconds(s(ok.max))}, p75 ${
        formatSeconds(s(ok.p75))
      }`,
      targetSeconds: RANKINGS_YEAR_BENCH.test(bench.name)
        ? RANKINGS_YEAR_TARGET_S
        : null,
    };
  });
  return { figures, cpu: report.cpu };
}

/**
 * Whether GNU time is there to measure a child's peak memory: it runs
 * (`/usr/bin/time -f %M true`), which needs no read permission on it.
 */
async function hasGnuTime(): Promise<boolean> {
  try {
    const output = await new Deno.Command(GNU_TIME, {
      args: ["-f", "%M", "true"],
      stdout: "null",
      stderr: "null",
    }).output();
    return output.success;
  } catch {
    return false;
  }
}

/**
 * Run a command to completion, timing it (wall clock, from here) and, with
 * GNU time, measuring its peak memory; throw with its stderr when it fails.
 */
async function measured(
  command: string,
  args: string[],
  what: string,
  gnuTime: boolean,
): Promise<{ seconds: number; peakMib: number | null }> {
  if (!gnuTime) {
    const { seconds } = await run(command, args, what);
    return { seconds, peakMib: null };
  }
  const report = await Deno.makeTempFile({ prefix: "tokenbook_bench_time_" });
  try {
    const { seconds } = await run(
      GNU_TIME,
      ["-f", "%M", "-o", report, command, ...args],
      what,
    );
    const kib = Number(
      (await Deno.readTextFile(report)).trim().split("\n").at(-1),
    );
    return { seconds, peakMib: Number.isFinite(kib) ? kib / 1024 : null };
  } finally {
    await Deno.remove(report);
  }
}

/** Median, range and median peak memory of timed runs, as a figure. */
function figureOf(
  name: string,
  runs: { seconds: number; peakMib: number | null }[],
  warmUps: number,
  targetSeconds: number | null,
): Figure {
  const times = runs.map((r) => r.seconds);
  const peaks = runs.map((r) => r.peakMib).filter((m) => m !== null);
  return {
    name,
    measure: `median of ${runs.length} run${runs.length === 1 ? "" : "s"}${
      warmUps > 0 ? ` after ${warmUps} warm-up` : ""
    }`,
    seconds: median(times),
    spread: `${formatSeconds(Math.min(...times))} – ${
      formatSeconds(Math.max(...times))
    }`,
    targetSeconds,
    peakMib: peaks.length === runs.length ? median(peaks) : null,
  };
}

/** Time `deno run … script [args] --out TMP` `runs` times after `warmUps` untimed runs. */
async function wholeProcessFigure(
  options: {
    name: string;
    script: string;
    /** The deno.json task whose permissions the process gets. */
    task: string;
    args?: string[];
    warmUps: number;
    runs: number;
    targetSeconds: number | null;
    gnuTime: boolean;
    /** Read the output folder of each timed run before it is removed. */
    inspect?: (outDir: string) => Promise<void>;
  },
): Promise<Figure> {
  const timed: { seconds: number; peakMib: number | null }[] = [];
  for (let i = 0; i < options.warmUps + options.runs; i++) {
    const isTimed = i >= options.warmUps;
    const tmp = await Deno.makeTempDir({ prefix: "tokenbook_bench_" });
    try {
      const result = await measured(
        "deno",
        [
          "run",
          ...await taskPermissions(options.task, [
            ...(options.args ?? []),
            "--out",
            join(tmp, "out"),
          ]),
          options.script,
          ...(options.args ?? []),
          "--out",
          join(tmp, "out"),
        ],
        options.script,
        options.gnuTime,
      );
      if (isTimed) {
        timed.push(result);
        await options.inspect?.(join(tmp, "out"));
      }
      console.log(
        `${options.name}: ${
          isTimed ? `run ${timed.length}/${options.runs}` : "warm-up"
        } ${formatSeconds(result.seconds)}`,
      );
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  }
  return figureOf(options.name, timed, options.warmUps, options.targetSeconds);
}

/**
 * Each notebook's Run All once its kernel has started, as a reader running
 * one notebook sees it: `deno task notebooks --jobs 1` (one kernel at a
 * time), timed from the executed notebooks' own cell timestamps
 * (`runAllSeconds`). The figure is the slowest notebook's median.
 */
async function runAllFigure(runs: number): Promise<Figure> {
  const seconds = new Map<string, number[]>();
  const figure = await wholeProcessFigure({
    name: "runs of deno task notebooks --jobs 1",
    script: "cli/notebooks.ts",
    task: "notebooks",
    args: ["--jobs", "1"],
    warmUps: 0,
    runs,
    targetSeconds: null,
    gnuTime: false,
    inspect: async (outDir) => {
      for (const notebook of await listNotebooks(join(outDir, "notebooks"))) {
        const taken = runAllSeconds(
          JSON.parse(
            await Deno.readTextFile(join(outDir, "notebooks", notebook)),
          ),
        );
        if (taken === null) {
          throw new Error(`${notebook} has no cell timings`);
        }
        seconds.set(notebook, [...seconds.get(notebook) ?? [], taken]);
      }
    },
  });
  const medians = [...seconds].map(([notebook, times]) => ({
    notebook,
    seconds: median(times),
  })).sort((a, b) => b.seconds - a.seconds);
  return {
    name: `Run All of each notebook after its kernel started (slowest: ${
      medians[0]?.notebook ?? "none"
    }), one kernel at a time`,
    measure: `median of ${runs} run${runs === 1 ? "" : "s"} of \`${
      figure.name.replace("runs of ", "")
    }\`, from the cells' timestamps`,
    seconds: medians[0]?.seconds ?? null,
    spread: medians.map((m) =>
      `${m.notebook.replace(/\.ipynb$/, "").replace(/^(\d+)_.*/, "$1")} ${
        formatSeconds(m.seconds)
      }`
    ).join(", "),
    targetSeconds: RUN_ALL_TARGET_S,
  };
}

/** Copy the folder `from` to `to`, recursively. */
async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) {
      await copyDir(join(from, entry.name), join(to, entry.name));
    } else if (entry.isFile) {
      await Deno.copyFile(join(from, entry.name), join(to, entry.name));
    }
  }
}

/**
 * A copy of `data/` with `years` × 365 days of rankings-daily generated from
 * the bundled month (seed 42, one file per 365 days, the days just before
 * the month, volumes scaled by `scaleBelow` so the run sums below 2^52
 * tokens) added to `raw/rankings-daily/`.
 *
 * @returns The rows of rankings-daily the folder holds.
 */
async function syntheticDataDir(
  dir: string,
  years: number,
): Promise<number> {
  await copyDir(join(root, "data"), dir);
  const real = await loadRankingsDaily([join(root, RANKINGS_FILE)]);
  if (real.errors.length > 0) {
    throw new Error(`Cannot generate rankings: ${RANKINGS_FILE} has errors`);
  }
  let rows = real.frame.height;
  for (
    const file of syntheticRankingsFiles(real.frame, {
      days: years * 365,
      seed: 42,
      // Volumes scaled so that the run sums below 2^52 tokens: the loader
      // requires every total below 2^53.
      scale: scaleBelow(real.frame, years * 365),
    })
  ) {
    rows += file.envelope.data.length;
    await Deno.writeTextFile(
      join(dir, "raw", "rankings-daily", file.name),
      JSON.stringify(file.envelope, null, 1),
    );
  }
  return rows;
}

/** One size of the pandas comparison. */
interface SideBySide {
  /** Years generated. */
  years: number;
  /** Rows of rankings-daily loaded. */
  rows: number;
  /** tokenbook's figure. */
  tokenbook: Figure;
  /** pandas' figure, or null when skipped. */
  pandas: Figure | null;
  /** Whether both wrote the same bytes (null when pandas was skipped). */
  sameTable: boolean | null;
}

/** Why pandas cannot run, or null when it can. */
async function pandasSkipReason(skip: boolean): Promise<string | null> {
  if (skip) return "skipped: --skip-pandas";
  try {
    const output = await new Deno.Command(DEBIAN_PYTHON, {
      args: ["-c", "import pandas"],
      stdout: "null",
      stderr: "null",
    }).output();
    if (output.success) return null;
  } catch {
    // no Python there
  }
  return `skipped: Debian's python3-pandas is not installed (${DEBIAN_PYTHON} cannot import pandas; apt-get install -y --no-install-recommends python3-pandas)`;
}

/**
 * Load → validate → classify → weekly origin share on `dataDir`, by
 * tokenbook and (unless `pandas` is false) by the pandas script, alternating,
 * one warm-up each then `runs` timed runs; then compare the two tables.
 */
async function sideBySide(
  dataDir: string,
  years: number,
  rows: number,
  runs: number,
  pandas: boolean,
  gnuTime: boolean,
): Promise<SideBySide> {
  const outDir = await Deno.makeTempDir({ prefix: "tokenbook_bench_tables_" });
  try {
    const tokenbookCsv = join(outDir, "tokenbook.csv");
    const pandasCsv = join(outDir, "pandas.csv");
    const jobs = [
      {
        who: "tokenbook",
        command: "deno",
        args: [
          "run",
          ...HARNESS_PERMISSIONS,
          "cli/bench/origin_share.ts",
          dataDir,
          tokenbookCsv,
        ],
        times: [] as { seconds: number; peakMib: number | null }[],
      },
      ...(pandas
        ? [{
          who: "pandas",
          command: DEBIAN_PYTHON,
          args: ["cli/bench/origin_share_pandas.py", dataDir, pandasCsv],
          times: [] as { seconds: number; peakMib: number | null }[],
        }]
        : []),
    ];
    for (let i = 0; i <= runs; i++) {
      for (const job of jobs) {
        const result = await measured(job.command, job.args, job.who, gnuTime);
        if (i > 0) job.times.push(result);
        console.log(
          `${years} years, ${job.who}: ${
            i === 0 ? "warm-up" : `run ${i}/${runs}`
          } ${formatSeconds(result.seconds)}${
            result.peakMib === null ? "" : `, ${result.peakMib.toFixed(0)} MiB`
          }`,
        );
      }
    }
    const name = (who: string) =>
      `${who}: ${years} years of rankings-daily (${
        rows.toLocaleString("en-US")
      } rows), load → weekly origin share`;
    let sameTable: boolean | null = null;
    if (pandas) {
      const [a, b] = await Promise.all([
        Deno.readFile(tokenbookCsv),
        Deno.readFile(pandasCsv),
      ]);
      sameTable = a.length === b.length && a.every((byte, i) => byte === b[i]);
    }
    return {
      years,
      rows,
      tokenbook: figureOf(name("tokenbook"), jobs[0].times, 1, null),
      pandas: pandas ? figureOf(name("pandas"), jobs[1].times, 1, null) : null,
      sameTable,
    };
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
}

/** The side-by-side results as a Markdown table. */
function sideBySideTable(results: readonly SideBySide[]): string {
  const rows = [[
    "Rankings-daily",
    "tokenbook",
    "pandas",
    "pandas ÷ tokenbook",
    "Peak memory, tokenbook",
    "Peak memory, pandas",
    "Same CSV",
  ]];
  for (const r of results) {
    const mib = (f: Figure | null) =>
      f === null || f.peakMib === undefined || f.peakMib === null
        ? "—"
        : `${f.peakMib.toFixed(0)} MiB`;
    rows.push([
      `${r.years} years, ${r.rows.toLocaleString("en-US")} rows`,
      `${formatSeconds(r.tokenbook.seconds!)} (${r.tokenbook.spread})`,
      r.pandas === null
        ? "skipped"
        : `${formatSeconds(r.pandas.seconds!)} (${r.pandas.spread})`,
      r.pandas === null
        ? "—"
        : `${(r.pandas.seconds! / r.tokenbook.seconds!).toFixed(2)}×`,
      mib(r.tokenbook),
      mib(r.pandas),
      r.sameTable === null ? "—" : r.sameTable ? "yes" : "**no**",
    ]);
  }
  const widths = rows[0].map((_, column) =>
    Math.max(...rows.map((row) => row[column].length))
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
  return [
    line(rows[0]),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.slice(1).map(line),
  ].join("\n");
}

/** The 20-year targets against pandas, in words. */
function sideBySideVerdict(results: readonly SideBySide[]): string {
  const longest = results.find((r) => r.years === 20);
  if (longest === undefined || longest.pandas === null) {
    return "Targets on 20 years (≥ 3× faster than pandas, no more peak memory): not measured.";
  }
  const ratio = longest.pandas.seconds! / longest.tokenbook.seconds!;
  const fast = ratio >= PANDAS_RATIO_TARGET;
  const tokenbookMib = longest.tokenbook.peakMib ?? null;
  const pandasMib = longest.pandas.peakMib ?? null;
  const memory = tokenbookMib === null || pandasMib === null
    ? "peak memory not measured (no GNU time)"
    : tokenbookMib <= pandasMib
    ? `peak memory met (${tokenbookMib.toFixed(0)} MiB ≤ ${
      pandasMib.toFixed(0)
    } MiB)`
    : `peak memory **not met** (${tokenbookMib.toFixed(0)} MiB > ${
      pandasMib.toFixed(0)
    } MiB)`;
  return `Targets on 20 years: ≥ ${PANDAS_RATIO_TARGET}× faster than pandas ${
    fast ? "met" : "**not met**"
  } (${ratio.toFixed(2)}×); ${memory}.`;
}

/** Why the notebooks cannot be timed, or null when they can. */
async function notebooksSkipReason(skip: boolean): Promise<string | null> {
  if (skip) return "skipped: --skip-notebooks";
  const missing = await jupyterMissing();
  if (missing !== null) return `skipped: ${missing}`;
  const notebooks = await listNotebooks(join(root, "notebooks"));
  if (notebooks.length === 0) return "skipped: notebooks/ holds no notebooks";
  return null;
}

/** Write `text` to `file` whole: a temporary file in the same folder, then a rename. */
async function writeWhole(file: string, text: string): Promise<void> {
  const dir = join(file, "..");
  await Deno.mkdir(dir, { recursive: true });
  const tmp = await Deno.makeTempFile({
    dir,
    prefix: ".bench-",
    suffix: ".md",
  });
  try {
    await Deno.writeTextFile(tmp, text);
    if (Deno.build.os !== "windows") await Deno.chmod(tmp, 0o644);
    await Deno.rename(tmp, file);
  } catch (cause) {
    await Deno.remove(tmp).catch(() => {});
    throw cause;
  }
}

async function main(args: string[]): Promise<number> {
  let values;
  let runs: number | undefined;
  try {
    const parsed = parseCliArgs(args, {
      runs: { type: "string" },
      "skip-notebooks": { type: "boolean" },
      "skip-pandas": { type: "boolean" },
    });
    if (parsed.help) {
      console.log(USAGE);
      return 0;
    }
    values = parsed.values;
    runs = wholeNumberOption("runs", values.runs);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`error: ${error.message}\n\n${USAGE}`);
    return 2;
  }

  const loadBefore = Deno.loadavg()[0];
  const figures: Figure[] = [];
  const comparisons: SideBySide[] = [];
  let bill: { markdown: string; differ: boolean } | undefined;
  let benchCpu: string | undefined;
  const gnuTime = await hasGnuTime();
  const pandasSkip = await pandasSkipReason(values["skip-pandas"]!);
  if (pandasSkip !== null) console.log(`pandas comparison: ${pandasSkip}`);
  if (!gnuTime) {
    console.log(`peak memory: not measured (${GNU_TIME} is missing)`);
  }
  const dataDirs = await Deno.makeTempDir({ prefix: "tokenbook_bench_data_" });
  try {
    const inProcess = await inProcessFigures();
    figures.push(...inProcess.figures);
    benchCpu = inProcess.cpu;
    figures.push(
      await wholeProcessFigure({
        name: "deno task report: bundled data (1,530 rows), whole process",
        script: "cli/report.ts",
        task: "report",
        warmUps: 1,
        runs: runs ?? REPORT_RUNS,
        targetSeconds: REPORT_TARGET_S,
        gnuTime,
      }),
    );
    for (const years of [3, 20]) {
      const dir = join(dataDirs, `${years}_years`);
      console.log(`generating ${years} years of rankings-daily in ${dir} …`);
      const rows = await syntheticDataDir(dir, years);
      comparisons.push(
        await sideBySide(
          dir,
          years,
          rows,
          runs ?? REPORT_RUNS,
          pandasSkip === null,
          gnuTime,
        ),
      );
      figures.push(
        await wholeProcessFigure({
          name: `deno task report: ${years} years (${
            rows.toLocaleString("en-US")
          } rows), whole process`,
          script: "cli/report.ts",
          task: "report",
          args: ["--data", dir],
          warmUps: 1,
          runs: runs ?? (years === 20 ? LONG_RUNS : REPORT_RUNS),
          targetSeconds: years === 20 ? REPORT_20_YEARS_TARGET_S : null,
          gnuTime,
        }),
      );
    }
    bill = await billBenchmark({
      runs: runs ?? REPORT_RUNS,
      pandas: pandasSkip === null,
      gnuTime,
      log: (line) => console.log(line),
    });
    const notebooksName = "deno task notebooks: all notebooks, whole process";
    const skipReason = await notebooksSkipReason(values["skip-notebooks"]);
    if (skipReason === null) {
      const count = (await listNotebooks(join(root, "notebooks"))).length;
      figures.push(
        await wholeProcessFigure({
          name: `${notebooksName} (${count} notebook${count === 1 ? "" : "s"})`,
          script: "cli/notebooks.ts",
          task: "notebooks",
          warmUps: 0,
          runs: runs ?? NOTEBOOK_RUNS,
          targetSeconds: NOTEBOOKS_TARGET_S,
          gnuTime: false,
        }),
      );
      figures.push(await runAllFigure(runs ?? NOTEBOOK_RUNS));
    } else {
      console.log(`${notebooksName}: ${skipReason}`);
      figures.push({
        name: notebooksName,
        measure: "—",
        seconds: null,
        spread: skipReason,
        targetSeconds: NOTEBOOKS_TARGET_S,
      });
    }
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    console.error("Nothing was written to out/bench.md.");
    return 1;
  } finally {
    await Deno.remove(dataDirs, { recursive: true });
  }

  const machine = await machineLine(benchCpu);
  const taken = new Date().toISOString().slice(0, 10);
  // Other work on the machine slows every figure down; say how busy it was.
  const loadAfter = Deno.loadavg()[0];
  const cores = navigator.hardwareConcurrency;
  const load = `load average (1 min) ${loadBefore.toFixed(2)} at the start, ${
    loadAfter.toFixed(2)
  } at the end, on ${cores} cores`;
  const busy = Math.max(loadBefore, loadAfter) > cores
    ? "\n\n**The machine was busy** (load average above the number of cores): other work shared the CPU, so these figures are slower than on an idle machine."
    : "";
  const table = figuresTable(figures);
  const versus = `${sideBySideTable(comparisons)}\n\n${
    sideBySideVerdict(comparisons)
  }${pandasSkip === null ? "" : ` pandas ${pandasSkip}.`}`;
  const differ = comparisons.some((c) => c.sameTable === false) ||
    bill?.differ === true;
  console.log(
    `\n${table}\n\n${versus}${busy}\n\nMachine: ${machine}\nTaken: ${taken}; ${load}`,
  );
  await writeWhole(
    join(root, "out", "bench.md"),
    `# tokenbook benchmarks

Taken ${taken} on ${machine}, with \`deno task bench\`; ${load}.

${table}

## Side by side with pandas: load → validate → classify → weekly origin share

${versus}${busy}

## Side by side with pandas: the bill of a per-request log

${bill?.markdown ?? "Not measured."}

- In-process figures come from \`deno bench\` (\`tests/*_bench.ts\`); it reports
  the mean time per iteration, the range and p75 (not the median). The year of
  rankings is 365 days × 51 rows generated from the bundled month by
  \`syntheticRankingsYear\` (\`lib/tooling/synthetic_rankings.ts\`, seed 42);
  \`validatePaths\` includes loading.
- The 3 and 20 years are 365 × 3 and 365 × 20 days of 51 rows generated from
  the bundled month by \`syntheticRankingsFiles\` (seed 42, one file per 365
  days, volumes scaled by \`scaleBelow\` so that the run sums below 2^52
  tokens, as the loader requires sums below 2^53) in a copy of \`data/\`,
  next to the bundled month.
- Side by side: \`cli/bench/origin_share.ts\` (tokenbook: \`loadRankingsDaily\`,
  \`classifyModels\`, \`weeklyOriginShare\`) against
  \`cli/bench/origin_share_pandas.py\` (pandas, Debian's python3-pandas), run
  alternately, whole processes (start-up and imports included), one warm-up
  each; both write \`origin_share_weekly.csv\` as the report does, compared
  byte for byte ("Same CSV").
- Run All: \`deno task notebooks --jobs 1\` (one kernel at a time, as a reader
  runs one notebook), from the first cell's busy to the last cell's idle as
  nbclient records them in the executed notebooks (the kernel's start-up is
  not included); the figure is the slowest notebook's median, the others are
  listed beside it.
- Whole-process figures are wall-clock times of \`deno run … --out TMP\`,
  including Deno start-up and module loading, after one untimed run with
  modules and npm packages already cached. Peak memory is the maximum
  resident set size GNU time reports for the process (median of the runs).
`,
  );
  console.log("Wrote out/bench.md");
  if (differ) {
    console.error(
      "error: tokenbook and pandas wrote different origin_share_weekly.csv tables or bill totals",
    );
    return 1;
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
