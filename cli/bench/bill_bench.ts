/**
 * `deno task bench`'s per-request bill: 1,000,000 generated requests
 * (`bill_fixture.ts`) billed by tokenbook's scale path (`bill_scale.ts`) and
 * by an equivalent pandas script (`bill_pandas.py`), side by side in one run
 * (alternating, one warm-up each, whole processes under GNU time), their
 * totals compared; then 10,000,000 requests (the million, ten times) by
 * tokenbook alone, for its peak memory.
 *
 * @module
 */
import { join } from "node:path";
import { writeBillFixture } from "./bill_fixture.ts";

/** tokenbook must be at least this many times faster than pandas on 1M requests. */
export const BILL_SPEEDUP_TARGET = 2;
/** tokenbook's peak memory on 10M requests must stay below this, MiB. */
export const BILL_10M_MEMORY_TARGET_MIB = 1024;

interface Timed {
  seconds: number;
  peakMib: number | null;
}

async function timed(
  command: string,
  args: string[],
  gnuTime: boolean,
): Promise<Timed> {
  const report = await Deno.makeTempFile({ prefix: "tokenbook_bill_time_" });
  try {
    const started = performance.now();
    const out = await new Deno.Command(gnuTime ? "/usr/bin/time" : command, {
      args: gnuTime ? ["-f", "%M", "-o", report, command, ...args] : args,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const seconds = (performance.now() - started) / 1000;
    if (!out.success) {
      throw new Error(
        `${command} ${args.join(" ")} failed: ${
          new TextDecoder().decode(out.stderr)
        }`,
      );
    }
    const kib = gnuTime
      ? Number((await Deno.readTextFile(report)).trim().split("\n").at(-1))
      : NaN;
    return { seconds, peakMib: Number.isFinite(kib) ? kib / 1024 : null };
  } finally {
    await Deno.remove(report);
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[mid]
    : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Run the per-request bill benchmark and return its Markdown section.
 *
 * @param options `runs` timed runs after one warm-up; `pandas` false to skip
 *   it; `gnuTime` to measure peak memory; `log` for progress lines.
 * @returns The section, and whether the two totals differed.
 */
export async function billBenchmark(options: {
  runs: number;
  pandas: boolean;
  gnuTime: boolean;
  log: (line: string) => void;
}): Promise<{ markdown: string; differ: boolean }> {
  const dir = await Deno.makeTempDir({ prefix: "tokenbook_bill_bench_" });
  try {
    const million = join(dir, "1m");
    const tenMillion = join(dir, "10m");
    await Deno.mkdir(million);
    await Deno.mkdir(tenMillion);
    options.log("generating 1,000,000 requests …");
    writeBillFixture(million, 1_000_000);
    const tokenbookArgs = (data: string, out: string) => [
      "run",
      `--allow-read=.,${dir}`,
      `--allow-write=${dir}`,
      "--allow-ffi=./node_modules",
      "--allow-env",
      "--allow-sys",
      "cli/bench/bill_scale.ts",
      data,
      out,
    ];
    const jobs = [
      {
        who: "tokenbook",
        command: "deno",
        args: tokenbookArgs(million, join(dir, "tokenbook.txt")),
        out: join(dir, "tokenbook.txt"),
        times: [] as Timed[],
      },
      ...(options.pandas
        ? [{
          who: "pandas",
          command: "/usr/bin/python3",
          args: [
            "cli/bench/bill_pandas.py",
            million,
            join(dir, "pandas.txt"),
          ],
          out: join(dir, "pandas.txt"),
          times: [] as Timed[],
        }]
        : []),
    ];
    for (let i = 0; i <= options.runs; i++) {
      for (const job of jobs) {
        const result = await timed(job.command, job.args, options.gnuTime);
        if (i > 0) job.times.push(result);
        options.log(
          `bill of 1M requests, ${job.who}: ${
            i === 0 ? "warm-up" : `run ${i}/${options.runs}`
          } ${result.seconds.toFixed(2)} s${
            result.peakMib === null ? "" : `, ${result.peakMib.toFixed(0)} MiB`
          }`,
        );
      }
    }
    const totals = await Promise.all(
      jobs.map((j) => Deno.readTextFile(j.out)),
    );
    const differ = totals.length === 2 && totals[0] !== totals[1];
    options.log("writing 10,000,000 requests (the million, ten times) …");
    await Deno.copyFile(
      join(million, "prices.csv"),
      join(tenMillion, "prices.csv"),
    );
    const text = await Deno.readTextFile(join(million, "requests.csv"));
    const newline = text.indexOf("\n") + 1;
    const file = await Deno.open(join(tenMillion, "requests.csv"), {
      write: true,
      create: true,
    });
    const bytes = new TextEncoder().encode(text);
    await file.write(bytes.subarray(0, newline));
    for (let i = 0; i < 10; i++) {
      let offset = newline;
      while (offset < bytes.length) {
        offset += await file.write(bytes.subarray(offset));
      }
    }
    file.close();
    const ten = await timed(
      "deno",
      tokenbookArgs(tenMillion, join(dir, "tokenbook10.txt")),
      options.gnuTime,
    );
    options.log(
      `bill of 10M requests, tokenbook: ${ten.seconds.toFixed(2)} s${
        ten.peakMib === null ? "" : `, ${ten.peakMib.toFixed(0)} MiB`
      }`,
    );
    const stat = (t: Timed[]) => ({
      seconds: median(t.map((x) => x.seconds)),
      peak: t.every((x) => x.peakMib !== null)
        ? median(t.map((x) => x.peakMib!))
        : null,
      range: `${Math.min(...t.map((x) => x.seconds)).toFixed(2)} – ${
        Math.max(...t.map((x) => x.seconds)).toFixed(2)
      } s`,
    });
    const tb = stat(jobs[0].times);
    const pd = jobs.length > 1 ? stat(jobs[1].times) : null;
    const mib = (m: number | null) => m === null ? "–" : `${m.toFixed(0)} MiB`;
    const ratio = pd === null ? null : pd.seconds / tb.seconds;
    const lines = [
      "| | tokenbook | pandas | pandas ÷ tokenbook | peak memory, tokenbook | peak memory, pandas | same total |",
      "|---|--:|--:|--:|--:|--:|---|",
      `| 1,000,000 requests: read, long-context switch, price, sum | ${
        tb.seconds.toFixed(2)
      } s (${tb.range}) | ${
        pd === null ? "skipped" : `${pd.seconds.toFixed(2)} s (${pd.range})`
      } | ${ratio === null ? "–" : `${ratio.toFixed(2)}×`} | ${
        mib(tb.peak)
      } | ${pd === null ? "–" : mib(pd.peak)} | ${
        totals.length === 2 ? (differ ? "**no**" : "yes") : "–"
      } (${totals[0].trim()} USD) |`,
      `| 10,000,000 requests (tokenbook alone) | ${
        ten.seconds.toFixed(2)
      } s | | | ${mib(ten.peakMib)} | | |`,
      "",
      `Targets: 1M requests at least ${BILL_SPEEDUP_TARGET}× faster than pandas with less peak memory: ${
        ratio === null || pd === null
          ? "not measured"
          : ratio >= BILL_SPEEDUP_TARGET &&
              (tb.peak === null || pd.peak === null || tb.peak < pd.peak)
          ? "**met**"
          : "**not met**"
      }; 10M requests under ${BILL_10M_MEMORY_TARGET_MIB} MiB: ${
        ten.peakMib === null
          ? "not measured"
          : ten.peakMib < BILL_10M_MEMORY_TARGET_MIB
          ? "**met**"
          : "**not met**"
      }.`,
      "",
      "- The requests are generated by `cli/bench/bill_fixture.ts` (seeded; four models, a price change on 2026-06-16, a 200K long-context tier on two models, cache reads and 5-minute and 1-hour writes, reasoning, searches, a discount, one request per row with a UTC timestamp). tokenbook: `cli/bench/bill_scale.ts` (`billAtScale()`: polars lazy CSV scan, summed by model, day, long-context band and stream in one streaming pass, then each sum billed exactly by `requestBill()`). pandas: `cli/bench/bill_pandas.py` (read, price in force by `merge_asof`, long-context switch per row, every part priced, summed). Whole processes, alternating, one warm-up each; both totals printed to 6 decimals and compared.",
    ];
    return { markdown: lines.join("\n"), differ };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
