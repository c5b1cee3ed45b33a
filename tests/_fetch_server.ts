/**
 * A local stand-in for OpenRouter's Data API, for the fetch tests: it answers
 * on 127.0.0.1 in the documented shapes, serves the bundled real
 * rankings-daily month and models list, synthetic app-rankings and
 * session-cost rows (none is bundled), and injects faults on request. It
 * enforces the documented limits as OpenRouter does, with a 400: a
 * rankings-daily or app-rankings window over 366 days, app-rankings `limit`
 * over 100 or `offset` over 100, session-cost `limit` over 500 or `offset`
 * over 5000.
 * It stops itself after `lifetimeMs`. Private to tests/.
 *
 * @module
 */

import { brotliCompressSync, gzipSync } from "node:zlib";

const RANKINGS_FILE = "data/raw/rankings-daily/2026-05-24_2026-06-22.json";
const MODELS_FILE = "data/raw/openrouter-models/2026-05-01.models.json";
/** A synthetic benchmarks answer in the documented shape (see its README). */
const BENCHMARKS_FILE =
  "tests/fixtures/benchmarks/2026-06-23.artificial-analysis.json";
/** The last day the bundled month holds: the server's "most recent completed UTC day". */
export const SERVER_LAST_DAY = "2026-06-22";
/** The first day the bundled month holds. */
export const SERVER_FIRST_DAY = "2026-05-24";
/** Synthetic apps served by app-rankings by default (two pages of 100; `apps` sets another count). */
export const SERVER_APPS = 150;
/** The harnesses of the synthetic session-cost cells. */
export const SERVER_HARNESSES = [
  "cline",
  "roo-code",
  "kilo-code",
  "hermes-agent",
] as const;

/** One fault, used once, by the first request whose path starts with `path`. */
export type Fault =
  | { path: string; kind: "429"; retryAfterSeconds: number }
  | { path: string; kind: "500" }
  | { path: string; kind: "401" }
  | { path: string; kind: "truncated" }
  | { path: string; kind: "cut" }
  | { path: string; kind: "slow"; delayMs: number }
  | { path: string; kind: "gzip" | "br" | "bad-utf8" }
  | { path: string; kind: "bomb" | "huge"; megabytes: number }
  | { path: string; kind: "redirect"; to: string }
  | {
    path: string;
    kind: "override";
    /** Fields merged into the answer's `meta` (a hostile server's values). */
    meta?: Record<string, unknown>;
    /** Rows answered instead of the real ones. */
    data?: unknown[];
  };

/** One request the server received. */
export interface ServedRequest {
  /** Path and query, e.g. `/api/v1/datasets/rankings-daily?start_date=…`. */
  url: string;
  /** Status answered (0 when the connection was cut). */
  status: number;
}

/** A running server: its base URL, what it received, and knobs the test may turn. */
export interface FetchServer {
  /** `http://127.0.0.1:PORT/api/v1`. */
  baseUrl: string;
  /** Every request received, in order. */
  requests: ServedRequest[];
  /** Faults still to inject, used in order. */
  faults: Fault[];
  /** The `meta.as_of` answered. */
  asOf: string;
  /** Token counts to restate: `date|permaslug` → new total. */
  restate: Map<string, string>;
  /** Stop the server. */
  close(): Promise<void>;
}

export interface RankingRecord {
  date: string;
  model_permaslug: string;
  total_tokens: string;
}

/** Synthetic session-cost cells: every harness × turn range for four models, 1 … 2 USD scale. */
function sessionCells(): Record<string, unknown>[] {
  const models = [
    ["deepseek/deepseek-v4-flash-20260423", 0.02],
    ["anthropic/claude-4.5-sonnet-20250929", 0.6],
    ["anthropic/claude-4.7-opus-20260416", 1.5],
    ["xiaomi/mimo-v2.5-20260422", 0.03],
  ] as const;
  const turns = ["1-turn", "2-9-turns", "10-49-turns", "50-plus-turns"];
  const cells: Record<string, unknown>[] = [];
  // 4 harnesses × 4 models × 4 turn ranges = 64 named cells, then filler
  // models so that the answer needs two pages of 500.
  SERVER_HARNESSES.forEach((slug, h) => {
    models.forEach(([model, base]) => {
      turns.forEach((turn, t) => {
        cells.push({
          app_name: slug.replace(/-/g, " ").replace(
            /\b./g,
            (c) => c.toUpperCase(),
          ),
          app_slug: slug,
          median_session_cost_usd: Number(
            (base * (1 + h / 10) * 4 ** t).toFixed(6),
          ),
          model_permaslug: model,
          turn_range: turn,
        });
      });
    });
  });
  for (let i = 0; cells.length < 600; i++) {
    cells.push({
      app_name: "Filler Agent",
      app_slug: "filler-agent",
      median_session_cost_usd: 0.01 * (i + 1),
      model_permaslug: `filler/model-${String(i).padStart(3, "0")}`,
      turn_range: turns[i % 4],
    });
  }
  return cells;
}

/**
 * A synthetic weekly answer for rankings-daily with `category` or
 * `context_bucket`: the bundled month's rows summed per ISO week (Monday)
 * and model, scaled by a factor per segment (its letters' codes), so each
 * segment has its own share. Not OpenRouter's figures.
 */
function segmentAnswer(
  rankings: RankingRecord[],
  q: URLSearchParams,
  segment: string,
  asOf: string,
): unknown {
  const start = q.get("start_date") ?? SERVER_FIRST_DAY;
  const end = q.get("end_date") ?? SERVER_LAST_DAY;
  const factor = [...segment].reduce((sum, c) => sum + c.charCodeAt(0), 0) %
      7 + 1;
  const weekOf = (date: string) => {
    const day = new Date(`${date}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
    return day.toISOString().slice(0, 10);
  };
  const sums = new Map<string, bigint>();
  for (const r of rankings) {
    if (r.date < start || r.date > end) continue;
    const key = `${weekOf(r.date)}|${r.model_permaslug}`;
    sums.set(key, (sums.get(key) ?? 0n) + BigInt(r.total_tokens));
  }
  const data = [...sums.entries()].sort().slice(0, 40).map(([key, tokens]) => {
    const [date, model] = key.split("|");
    return {
      date,
      model_permaslug: model,
      total_tokens: String(tokens * BigInt(factor) / 10n),
    };
  });
  return {
    data,
    meta: { as_of: asOf, start_date: start, end_date: end, version: "v1" },
  };
}

/** The documented limit a request breaks, as OpenRouter's 400 says it, or undefined. */
function outsideLimits(
  path: string,
  q: URLSearchParams,
): string | undefined {
  const number = (name: string, fallback: number) =>
    Number(q.get(name) ?? fallback);
  if (
    path === "/datasets/rankings-daily" || path === "/datasets/app-rankings"
  ) {
    const start = q.get("start_date");
    const end = q.get("end_date");
    if (start !== null && end !== null) {
      const days = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
      if (days > 366) return `the window spans ${days} days, at most 366`;
    }
  }
  if (
    path === "/datasets/rankings-daily" && q.has("category") &&
    (q.get("period") ?? "week") === "day"
  ) {
    return "with category only period=week or month is available";
  }
  if (path === "/datasets/app-rankings") {
    if (!(number("limit", 50) >= 1 && number("limit", 50) <= 100)) {
      return "limit must be between 1 and 100";
    }
    if (!(number("offset", 0) >= 0 && number("offset", 0) <= 100)) {
      return "offset must be between 0 and 100";
    }
  }
  if (path === "/benchmarks") {
    const max = number("max_results", 50);
    if (!(max >= 1 && max <= 100)) {
      return "max_results must be between 1 and 100";
    }
  }
  if (path === "/datasets/session-cost") {
    if (!(number("limit", 100) >= 1 && number("limit", 100) <= 500)) {
      return "limit must be between 1 and 500";
    }
    if (!(number("offset", 0) >= 0 && number("offset", 0) <= 5000)) {
      return "offset must be between 0 and 5000";
    }
  }
  return undefined;
}

/**
 * Start the server.
 *
 * @param options `asOf`: the `meta.as_of` to answer; `lifetimeMs`: when it
 * stops itself; `apps`: how many apps app-rankings ranks.
 * @returns The running server.
 */
export async function startFetchServer(
  options: {
    asOf?: string;
    lifetimeMs?: number;
    /** Rows served after the bundled month (a Monday's new weeks). */
    laterRankings?: RankingRecord[];
    /** The models list to serve instead of the bundled one. */
    models?: unknown[];
    /** Apps served by app-rankings (default {@linkcode SERVER_APPS}). */
    apps?: number;
    /** Session-cost cells to serve (default the synthetic ones; `[]` for an empty page). */
    sessionCells?: Record<string, unknown>[];
    /** The session-cost window's last day (default 2026-06-21). */
    sessionWindowEnd?: string;
  } = {},
): Promise<FetchServer> {
  const rankings: RankingRecord[] = [
    ...JSON.parse(await Deno.readTextFile(RANKINGS_FILE)).data,
    ...(options.laterRankings ?? []),
  ];
  const lastDay = rankings.map((r) => r.date).sort().at(-1) ?? SERVER_LAST_DAY;
  const models: unknown[] = options.models ??
    JSON.parse(await Deno.readTextFile(MODELS_FILE));
  const cells = options.sessionCells ?? sessionCells();
  const apps = options.apps ?? SERVER_APPS;
  const benchmarks = JSON.parse(await Deno.readTextFile(BENCHMARKS_FILE));
  const stop = new AbortController();
  const state: FetchServer = {
    baseUrl: "",
    requests: [],
    faults: [],
    asOf: options.asOf ?? "2026-06-23T02:00:00Z",
    restate: new Map(),
    close: async () => {
      clearTimeout(timer);
      stop.abort();
      await server.finished;
    },
  };
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body, null, 1), {
      status,
      headers: { "content-type": "application/json" },
    });
  const answer = (url: URL): Response => {
    const path = url.pathname.replace(/^\/api\/v1/, "");
    const q = url.searchParams;
    const refused = outsideLimits(path, q);
    if (refused !== undefined) {
      return json({ error: { code: 400, message: refused } }, 400);
    }
    const segment = q.get("category") ?? q.get("context_bucket");
    if (path === "/datasets/rankings-daily" && segment !== null) {
      return json(segmentAnswer(rankings, q, segment, state.asOf));
    }
    if (path === "/datasets/rankings-daily") {
      const end = [q.get("end_date") ?? lastDay, lastDay].sort()[0];
      const start = q.get("start_date") ?? SERVER_FIRST_DAY;
      const data = rankings
        .filter((r) => r.date >= start && r.date <= end)
        .map((r) => ({
          ...r,
          total_tokens: state.restate.get(`${r.date}|${r.model_permaslug}`) ??
            r.total_tokens,
        }));
      return json({
        data,
        meta: {
          as_of: state.asOf,
          start_date: start,
          end_date: end,
          version: "v1",
        },
      });
    }
    if (path === "/models") return json({ data: models });
    if (path === "/benchmarks") {
      const source = q.get("source");
      const data = (benchmarks.data as { source: string }[]).filter((item) =>
        source === null || item.source === source
      ).slice(0, Number(q.get("max_results") ?? 50));
      return json({
        data,
        meta: {
          ...benchmarks.meta,
          as_of: state.asOf,
          source,
          model_count: data.length,
        },
      });
    }
    if (path === "/datasets/app-rankings") {
      const limit = Number(q.get("limit") ?? 50);
      const offset = Number(q.get("offset") ?? 0);
      const data = [];
      for (let i = offset; i < Math.min(offset + limit, apps); i++) {
        data.push({
          app_id: 1000 + i,
          app_name: `App ${i + 1}`,
          rank: i + 1,
          total_requests: (apps - i) * 1000,
          total_tokens: String((apps - i) * 1_000_000_000),
        });
      }
      return json({
        data,
        meta: {
          as_of: state.asOf,
          start_date: q.get("start_date"),
          end_date: q.get("end_date"),
          version: "v1",
        },
      });
    }
    if (path === "/datasets/session-cost") {
      const limit = Number(q.get("limit") ?? 100);
      const offset = Number(q.get("offset") ?? 0);
      return json({
        data: cells.slice(offset, offset + limit),
        meta: {
          as_of: state.asOf,
          version: "v1",
          window_days: 30,
          window_end_date: options.sessionWindowEnd ?? "2026-06-21",
        },
      });
    }
    return json({ error: { message: "not found" } }, 404);
  };
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    signal: stop.signal,
    onListen: () => {},
  }, async (request) => {
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/api\/v1/, "");
    const served: ServedRequest = {
      url: `${url.pathname}${url.search}`,
      status: 200,
    };
    state.requests.push(served);
    if (request.headers.get("authorization") !== "Bearer test-key") {
      served.status = 401;
      return json({ error: { message: "No auth credentials found" } }, 401);
    }
    const index = state.faults.findIndex((f) => path.startsWith(f.path));
    const fault = index >= 0 ? state.faults.splice(index, 1)[0] : undefined;
    switch (fault?.kind) {
      case "429":
        served.status = 429;
        return new Response('{"error":{"message":"rate limited"}}', {
          status: 429,
          headers: { "retry-after": String(fault.retryAfterSeconds) },
        });
      case "500":
        served.status = 500;
        return json({ error: { message: "internal" } }, 500);
      case "401":
        served.status = 401;
        return json({ error: { message: "User not found" } }, 401);
      case "truncated": {
        const text = await answer(url).text();
        return new Response(text.slice(0, Math.floor(text.length / 2)), {
          headers: { "content-type": "application/json" },
        });
      }
      case "cut": {
        const bytes = new TextEncoder().encode(await answer(url).text());
        served.status = 0;
        // Deno prints "Error: connection cut by the test server" when the
        // body stream fails: expected in the test output.
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(bytes.slice(0, Math.floor(bytes.length / 3)));
            controller.error(new Error("connection cut by the test server"));
          },
        });
        return new Response(body, {
          headers: { "content-type": "application/json" },
        });
      }
      case "slow":
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        return answer(url);
      case "gzip":
      case "br": {
        const bytes = new TextEncoder().encode(await answer(url).text());
        const packed = fault.kind === "br"
          ? new Uint8Array(brotliCompressSync(bytes))
          : new Uint8Array(gzipSync(bytes));
        return new Response(packed, {
          headers: {
            "content-type": "application/json",
            "content-encoding": fault.kind,
            "content-length": String(packed.length),
          },
        });
      }
      case "bomb":
      case "huge": {
        // Streamed lazily: the server makes only what the client reads.
        const chunk = new Uint8Array(1024 * 1024).fill(
          fault.kind === "huge" ? 32 : 0,
        );
        let left = fault.megabytes;
        let body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (left-- > 0) controller.enqueue(chunk);
            else controller.close();
          },
        });
        const headers: Record<string, string> = {
          "content-type": "application/json",
        };
        if (fault.kind === "bomb") {
          body = body.pipeThrough(
            new CompressionStream("gzip") as unknown as TransformStream<
              Uint8Array,
              Uint8Array
            >,
          );
          headers["content-encoding"] = "gzip";
        }
        return new Response(body, { headers });
      }
      case "bad-utf8":
        return new Response(
          new Uint8Array([0x7b, 0x22, 0x64, 0xff, 0xfe, 0x22, 0x7d]),
          { headers: { "content-type": "application/json" } },
        );
      case "redirect":
        served.status = 302;
        return new Response(null, {
          status: 302,
          headers: { location: `${fault.to}${url.pathname}${url.search}` },
        });
      case "override": {
        const body = await answer(url).json();
        return json({
          data: fault.data ?? body.data,
          meta: { ...body.meta, ...fault.meta },
        });
      }
      default:
        return answer(url);
    }
  });
  const timer = setTimeout(() => stop.abort(), options.lifetimeMs ?? 120_000);
  state.baseUrl = `http://127.0.0.1:${server.addr.port}/api/v1`;
  return state;
}
