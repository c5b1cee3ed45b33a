/**
 * `deno task bench [--runs N] [--skip-notebooks]`: measure how fast tokenbook
 * is, against its targets, and write the figures to `out/bench.md`.
 *
 * - In process, with Deno's own `deno bench` (`tests/*_bench.ts`): loading
 *   and validating a year of rankings-daily rows (365 days × 51 rows drawn
 *   from the bundled month), loading the bundled data, running the analyses.
 * - Whole process, wall clock: `deno task report` on the bundled data (one
 *   warm-up run, then 5 runs) and `deno task notebooks` (3 runs), each into a
 *   temporary folder so `out/` is left alone.
 *
 * Targets: report under 5 s warm, a year of rankings loaded and validated
 * under 1 s, all notebooks under 60 s. A missed target is shown, not an
 * error: exit code 0 when every measurement ran, 1 when one failed, 2 on a
 * usage error.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import {
  jupyterMissing,
  listNotebooks,
} from "../lib/tooling/notebook_runner.ts";
import { parseCliArgs, UsageError, wholeNumberOption } from "./_args.ts";

const USAGE = `Usage: deno task bench [--runs N] [--skip-notebooks]

Run the in-process benchmarks (deno bench tests/) and time the full report
and the notebooks as whole processes; print the figures against their
targets and write them to out/bench.md.

Options:
  --runs N          Timed runs of each whole-process figure (default: 5 for
                    the report, after one warm-up run; 3 for the notebooks).
  --skip-notebooks  Do not time the notebooks.
  --help            Show this text.`;

const root = fileURLToPath(new URL("..", import.meta.url));
const PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-ffi",
  "--allow-env",
  "--allow-sys",
];
const REPORT_RUNS = 5;
const NOTEBOOK_RUNS = 3;
/** Targets in seconds. */
const REPORT_TARGET_S = 5;
const RANKINGS_YEAR_TARGET_S = 1;
const NOTEBOOKS_TARGET_S = 60;
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
  return figure.seconds < figure.targetSeconds ? "yes" : "**no**";
}

/** The figures as an aligned Markdown table. */
function figuresTable(figures: readonly Figure[]): string {
  const rows = [
    ["Benchmark", "Measure", "Figure", "Spread", "Target", "Met"],
    ...figures.map((f) => [
      f.name,
      f.measure,
      f.seconds === null ? "—" : formatSeconds(f.seconds),
      f.spread,
      f.targetSeconds === null ? "—" : `< ${f.targetSeconds} s`,
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
    Deno.execPath(),
    ["bench", ...PERMISSIONS, "--json", "tests/"],
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

/** Time `deno run … script --out TMP` `runs` times after `warmUps` untimed runs. */
async function wholeProcessFigure(
  options: {
    name: string;
    script: string;
    extraPermissions: string[];
    warmUps: number;
    runs: number;
    targetSeconds: number;
  },
): Promise<Figure> {
  const times: number[] = [];
  for (let i = 0; i < options.warmUps + options.runs; i++) {
    const timed = i >= options.warmUps;
    const tmp = await Deno.makeTempDir({ prefix: "tokenbook_bench_" });
    try {
      const { seconds } = await run(
        Deno.execPath(),
        [
          "run",
          ...PERMISSIONS,
          ...options.extraPermissions,
          options.script,
          "--out",
          join(tmp, "out"),
        ],
        options.script,
      );
      if (timed) times.push(seconds);
      console.log(
        `${options.name}: ${
          timed ? `run ${times.length}/${options.runs}` : "warm-up"
        } ${formatSeconds(seconds)}`,
      );
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  }
  return {
    name: options.name,
    measure: `median of ${options.runs} run${options.runs === 1 ? "" : "s"}${
      options.warmUps > 0 ? ` after ${options.warmUps} warm-up` : ""
    }`,
    seconds: median(times),
    spread: `${formatSeconds(Math.min(...times))} – ${
      formatSeconds(Math.max(...times))
    }`,
    targetSeconds: options.targetSeconds,
  };
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
  let benchCpu: string | undefined;
  try {
    const inProcess = await inProcessFigures();
    figures.push(...inProcess.figures);
    benchCpu = inProcess.cpu;
    figures.push(
      await wholeProcessFigure({
        name: "deno task report: bundled data, whole process (warm)",
        script: "cli/report.ts",
        extraPermissions: [],
        warmUps: 1,
        runs: runs ?? REPORT_RUNS,
        targetSeconds: REPORT_TARGET_S,
      }),
    );
    const notebooksName = "deno task notebooks: all notebooks, whole process";
    const skipReason = await notebooksSkipReason(values["skip-notebooks"]);
    if (skipReason === null) {
      const count = (await listNotebooks(join(root, "notebooks"))).length;
      figures.push(
        await wholeProcessFigure({
          name: `${notebooksName} (${count} notebook${count === 1 ? "" : "s"})`,
          script: "cli/notebooks.ts",
          extraPermissions: ["--allow-run"],
          warmUps: 0,
          runs: runs ?? NOTEBOOK_RUNS,
          targetSeconds: NOTEBOOKS_TARGET_S,
        }),
      );
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
  console.log(
    `\n${table}${busy}\n\nMachine: ${machine}\nTaken: ${taken}; ${load}`,
  );
  await writeWhole(
    join(root, "out", "bench.md"),
    `# tokenbook benchmarks

Taken ${taken} on ${machine}, with \`deno task bench\`; ${load}.

${table}${busy}

- In-process figures come from \`deno bench\` (\`tests/*_bench.ts\`); it reports
  the mean time per iteration, the range and p75 (not the median). The year of
  rankings is 365 days × 51 rows generated from the bundled month by
  \`syntheticRankingsYear\` (\`lib/tooling/synthetic_rankings.ts\`, seed 42);
  \`validatePaths\` includes loading.
- Whole-process figures are wall-clock times of \`deno run … --out TMP\`,
  including Deno start-up and module loading; "warm" means after one untimed
  run, with modules and npm packages already cached.
`,
  );
  console.log("Wrote out/bench.md");
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
