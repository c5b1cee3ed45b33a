/**
 * `deno task fetch`: bring `data/raw/` up to date from OpenRouter's Data API
 * (rankings-daily, the models list, app-rankings, session-cost). Reads the
 * key from `OPENROUTER_API_KEY` and the base URL from `OPENROUTER_BASE_URL`.
 * Prints one line per request and a summary; exits 0 when every request
 * succeeded, 1 when one failed or the key was refused, 2 on a bad option.
 *
 * @module
 */
import { isCalendarDate } from "../lib/base/dates.ts";
import { DEFAULT_BASE_URL } from "../lib/fetch/client.ts";
import {
  AuthError,
  type Dataset,
  DATASETS,
  fetchData,
  formatFetchSummary,
  MAX_BODY_MB,
} from "../lib/fetch/fetch_data.ts";
import { parseCliArgs, UsageError } from "./_args.ts";
import { EXIT_USAGE } from "./_errors.ts";
import { FETCH_OPTIONS } from "./_options.ts";

/** A list indented under an option's text, wrapped at 80 columns. */
function wrapped(items: readonly string[]): string {
  const lines = [""];
  for (const item of items) {
    const line = lines.at(-1)!;
    if (line !== "" && 19 + line.length + item.length + 2 > 80) {
      lines.push(item);
    } else lines[lines.length - 1] = line === "" ? item : `${line}, ${item}`;
  }
  return lines.map((line) => `${" ".repeat(19)}${line}`).join(",\n");
}

const USAGE =
  `usage: deno task fetch [--data DIR] [--since DATE] [--until DATE] [--datasets LIST] [--max-body-mb N] [--dry-run]

  --data DIR       data folder (default: data); responses go to DIR/raw/<source>/
  --since DATE     first rankings-daily day wanted (default: the first saved day,
                   or 30 days up to --until when none is saved)
  --until DATE     last day wanted (default: the most recent completed UTC day)
  --datasets LIST  comma-separated, from:
${wrapped(DATASETS)}
                   (default: all but rankings-by-category, rankings-by-context)
  --max-body-mb N  the largest answer accepted, in MB, on the wire and after
                   gzip/br decoding, for every dataset (default per dataset:
${
    wrapped(
      Object.entries(MAX_BODY_MB).map(([name, mb]) => `${name} ${mb}`),
    )
  })
  --dry-run        print the requests it would make, and make none

environment: OPENROUTER_API_KEY (required unless --dry-run), OPENROUTER_BASE_URL
(default ${DEFAULT_BASE_URL})`;

/** The API host `deno task fetch` may reach (its task line grants it). */
const API_HOST = "openrouter.ai";
/** The local hosts the task line grants, for a stand-in server on this machine. */
const LOOPBACK_HOSTS = ["127.0.0.1", "localhost"] as const;

/**
 * Scope the network permission to what `baseUrl` needs: the task line grants
 * `openrouter.ai`, `127.0.0.1` and `localhost`; every loopback host is revoked
 * unless `baseUrl` is on it, so a run against OpenRouter can reach nothing on
 * this machine (with `--no-prompt`, a revoked host is refused, not asked for).
 *
 * @param baseUrl The API base URL (`OPENROUTER_BASE_URL` or the default).
 * @throws {UsageError} When `baseUrl` is neither https on openrouter.ai nor on
 * a loopback host.
 */
export async function scopeNetPermissions(baseUrl: string): Promise<void> {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    url = new URL("invalid:");
  }
  const loopback = (LOOPBACK_HOSTS as readonly string[]).includes(
    url.hostname,
  );
  const official = url.protocol === "https:" && url.hostname === API_HOST &&
    url.port === "";
  if (!loopback && !official) {
    throw new UsageError(
      `OPENROUTER_BASE_URL is ${
        JSON.stringify(baseUrl)
      }: deno task fetch reaches only https://${API_HOST}/… or a server on this machine (http://127.0.0.1:PORT/…, http://localhost:PORT/…)`,
    );
  }
  for (const host of LOOPBACK_HOSTS) {
    if (host !== url.hostname) {
      await Deno.permissions.revoke({ name: "net", host });
    }
  }
  if (loopback) await Deno.permissions.revoke({ name: "net", host: API_HOST });
}

/** Parse `--datasets`: a comma-separated list of known names. */
function datasetsOption(value: string | undefined): Dataset[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(",").map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) =>
    !(DATASETS as readonly string[]).includes(name)
  );
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--datasets is ${
        JSON.stringify(value)
      }, expected a comma-separated list of ${DATASETS.join(", ")}`,
    );
  }
  return names as Dataset[];
}

/** Parse `--max-body-mb`: a positive number of MB. */
function megabytesOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const mb = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(mb > 0) || mb > 4096) {
    throw new UsageError(
      `--max-body-mb is ${
        JSON.stringify(value)
      }, expected a number of megabytes above 0 and at most 4096`,
    );
  }
  return mb;
}

function dateOption(name: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!isCalendarDate(value)) {
    throw new UsageError(
      `--${name} is ${
        JSON.stringify(value)
      }, expected a calendar date YYYY-MM-DD that exists`,
    );
  }
  return value;
}

async function main(args: string[]): Promise<number> {
  let options;
  try {
    const { values, help } = parseCliArgs(args, FETCH_OPTIONS);
    if (help) {
      console.log(USAGE);
      return 0;
    }
    const since = dateOption("since", values.since);
    const until = dateOption("until", values.until);
    if (since !== null && until !== null && since > until) {
      throw new UsageError(`--since ${since} is after --until ${until}`);
    }
    const apiKey = Deno.env.get("OPENROUTER_API_KEY") ?? "";
    if (apiKey.trim() === "" && !values["dry-run"]) {
      throw new UsageError(
        "OPENROUTER_API_KEY is not set: set it to an OpenRouter API key (any key works for the Data API)",
      );
    }
    const baseUrl = Deno.env.get("OPENROUTER_BASE_URL") || DEFAULT_BASE_URL;
    await scopeNetPermissions(baseUrl);
    options = {
      dataDir: values.data.replace(/\/+$/, "") || ".",
      since,
      until,
      datasets: datasetsOption(values.datasets),
      dryRun: values["dry-run"],
      maxBodyMb: megabytesOption(values["max-body-mb"]),
      client: {
        baseUrl,
        apiKey,
        log: (line: string) => console.log(line),
      },
    };
  } catch (cause) {
    if (!(cause instanceof UsageError)) throw cause;
    console.error(`error: ${cause.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    const summary = await fetchData(options);
    if (options.dryRun) {
      for (const request of summary.planned) console.log(`would ${request}`);
      for (const note of summary.notes) console.log(`note: ${note}`);
      console.log(`${summary.planned.length} request(s) planned, none made`);
      return 0;
    }
    console.log(formatFetchSummary(summary));
    return summary.failures.length > 0 ? 1 : 0;
  } catch (cause) {
    if (cause instanceof AuthError) {
      console.error(`error: ${cause.message}`);
      return 1;
    }
    if (cause instanceof RangeError) {
      console.error(`error: ${cause.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw cause;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
