/**
 * A paced, retrying GET client for OpenRouter's Data API: under the
 * documented 30 requests a minute, honouring `Retry-After` on 429, retrying
 * 5xx answers, network errors, timeouts and truncated bodies a bounded number
 * of times, and stopping on 401/403 with a message saying what to set.
 * Bodies are read within a size limit ({@linkcode readBody}); a redirect is
 * followed only inside the base URL's origin (the key goes nowhere else).
 *
 * @module
 */
import {
  BadBodyError,
  BodyTooLargeError,
  megabytes,
  readBody,
} from "./body.ts";
import { BudgetError } from "./budget.ts";

/** OpenRouter's API base URL, used when `OPENROUTER_BASE_URL` is not set. */
export const DEFAULT_BASE_URL = "https://openrouter.ai/api/v1";
/** Milliseconds between the starts of two requests: 30 a minute is 2000 ms; 2100 ms keeps under it. */
export const MIN_INTERVAL_MS = 2100;
/**
 * OpenRouter's documented daily limit per account: "30 requests/minute per
 * key, 500 requests/day per account" (openrouter.ai/docs/cookbook/administration/data-api).
 */
export const DAILY_REQUEST_LIMIT = 500;
/** The body limit when a request names none: 32 MB. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Redirects followed (inside the base URL's origin) before a request fails. */
const MAX_REDIRECTS = 5;

/** How the client paces and retries; every field has a default. */
export interface ClientOptions {
  /** Base URL without a trailing slash, e.g. {@linkcode DEFAULT_BASE_URL}. */
  baseUrl: string;
  /** The API key, sent as `Authorization: Bearer …` and never printed. */
  apiKey: string;
  /** Milliseconds between request starts (default {@linkcode MIN_INTERVAL_MS}). */
  minIntervalMs?: number;
  /** Attempts per request, the first included (default 4). */
  maxAttempts?: number;
  /** First back-off after a 5xx, network error or bad body, doubled each time (default 2000 ms). */
  backoffMs?: number;
  /** Milliseconds a request (headers and body) may take before it is abandoned (default 60000). */
  timeoutMs?: number;
  /** The longest `Retry-After` honoured, in seconds; longer stops the request (default 120). */
  maxRetryAfterSeconds?: number;
  /** Most requests in this run, retries included (default {@linkcode DAILY_REQUEST_LIMIT}). */
  maxRequests?: number;
  /** Receives one progress line per request attempt. */
  log?: (line: string) => void;
  /** Most bytes of a body, on the wire and decoded (default {@linkcode DEFAULT_MAX_BODY_BYTES}); `get()` may name its own. */
  maxBodyBytes?: number;
  /** Called before each request is sent, with its path and query; a {@linkcode BudgetError} it throws stops the request unsent. */
  beforeRequest?: (request: string) => void | Promise<void>;
}

/** A response accepted by {@linkcode DataApiClient.get}: the verbatim text and its parsed envelope. */
export interface ApiResponse {
  /** The request's path and query, e.g. `/datasets/rankings-daily?start_date=…`. */
  request: string;
  /** The body exactly as received (UTF-8 text). */
  text: string;
  /** The body's `data` array. */
  data: unknown[];
  /** The body's `meta` object, or an empty object when it has none. */
  meta: Record<string, unknown>;
}

/** OpenRouter refused the key (401 or 403): nothing more is requested. */
export class AuthError extends Error {
  /**
   * @param message What was refused and what to set.
   */
  constructor(message: string) {
    super(message);
    this.name = "AuthError";
  }
}

/** A request failed for good: a 4xx answer, or retries used up. */
export class RequestError extends Error {
  /**
   * @param message The request and why it failed.
   */
  constructor(message: string) {
    super(message);
    this.name = "RequestError";
  }
}

/** An attempt that may succeed when repeated, with the wait OpenRouter asked for. */
class Retryable extends Error {
  constructor(message: string, readonly waitMs?: number) {
    super(message);
  }
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * The seconds a `Retry-After` header asks to wait: a number of seconds or an
 * HTTP date.
 *
 * @param header The header's value, or null.
 * @param now The current time, for an HTTP date.
 * @returns Seconds (0 or more), or undefined when the header is absent or unreadable.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(retryAfterSeconds("7", new Date()), 7);
 * assert.equal(retryAfterSeconds("Wed, 01 Jul 2026 00:00:10 GMT", new Date("2026-07-01T00:00:00Z")), 10);
 * assert.equal(retryAfterSeconds(null, new Date()), undefined);
 * ```
 */
export function retryAfterSeconds(
  header: string | null,
  now: Date,
): number | undefined {
  if (header === null) return undefined;
  if (/^\s*\d+\s*$/.test(header)) return Number(header);
  const at = Date.parse(header);
  if (!Number.isFinite(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/**
 * GET requests to the Data API, one at a time, paced and retried. Each
 * attempt prints one progress line; `requests` counts every attempt.
 *
 * @example Nothing is requested before `get()`
 * ```ts
 * import assert from "node:assert/strict";
 * const client = new DataApiClient({ baseUrl: "http://127.0.0.1:9", apiKey: "k" });
 * assert.equal(client.requests, 0);
 * assert.equal(client.url("/models", { limit: 5 }), "http://127.0.0.1:9/models?limit=5");
 * ```
 */
export class DataApiClient {
  /** HTTP requests made so far, retries included. */
  requests = 0;
  readonly #options: Required<ClientOptions>;
  #lastStart = Number.NEGATIVE_INFINITY;

  /**
   * @param options Base URL, key, pacing and retry limits.
   */
  constructor(options: ClientOptions) {
    this.#options = {
      minIntervalMs: MIN_INTERVAL_MS,
      maxAttempts: 4,
      backoffMs: 2000,
      timeoutMs: 60_000,
      maxRetryAfterSeconds: 120,
      maxRequests: DAILY_REQUEST_LIMIT,
      log: () => {},
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      beforeRequest: () => {},
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ""),
    };
  }

  /**
   * The full URL of a request.
   *
   * @param path The endpoint, e.g. `/datasets/rankings-daily`.
   * @param params Query parameters; undefined ones are left out.
   * @returns The URL.
   */
  url(
    path: string,
    params: Record<string, string | number | undefined> = {},
  ): string {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined) query.set(name, String(value));
    }
    const text = query.toString();
    return `${this.#options.baseUrl}${path}${text === "" ? "" : `?${text}`}`;
  }

  /**
   * GET a Data API endpoint and return its body once it is whole: a JSON
   * object with a `data` array, of the length `Content-Length` announced.
   *
   * @param path The endpoint, e.g. `/datasets/rankings-daily`.
   * @param params Query parameters.
   * @param limits `maxBodyBytes`: this request's body limit (default the client's).
   * @returns The verbatim text and the parsed `data` and `meta`.
   * @throws {AuthError} On 401 or 403.
   * @throws {RequestError} On another 4xx, a `Retry-After` longer than allowed,
   * the request budget used up, a body over the limit, a redirect to another
   * origin, or every attempt failed.
   */
  async get(
    path: string,
    params: Record<string, string | number | undefined> = {},
    limits: { maxBodyBytes?: number } = {},
  ): Promise<ApiResponse> {
    const options = this.#options;
    const maxBodyBytes = limits.maxBodyBytes ?? options.maxBodyBytes;
    const url = this.url(path, params);
    const request = url.slice(options.baseUrl.length);
    let failure = "";
    for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
      if (this.requests >= options.maxRequests) {
        throw new RequestError(
          `GET ${request}: not sent, ${options.maxRequests} requests already made in this run (OpenRouter allows ${DAILY_REQUEST_LIMIT} a day); run again later`,
        );
      }
      try {
        await options.beforeRequest(request);
      } catch (cause) {
        if (cause instanceof BudgetError) {
          options.log(`GET ${request} → not sent (daily budget)`);
          throw new RequestError(cause.message);
        }
        throw cause;
      }
      await sleep(this.#lastStart + options.minIntervalMs - Date.now());
      this.#lastStart = Date.now();
      this.requests++;
      try {
        const response = await this.#attempt(url, request, maxBodyBytes);
        options.log(
          `GET ${request} → 200, ${response.data.length} rows, ${
            Math.round(response.text.length / 1024)
          } KB (${((Date.now() - this.#lastStart) / 1000).toFixed(1)} s)`,
        );
        return response;
      } catch (cause) {
        if (!(cause instanceof Retryable)) throw cause;
        failure = cause.message;
        if (attempt === options.maxAttempts) break;
        const waitMs = cause.waitMs ??
          options.backoffMs * 2 ** (attempt - 1);
        options.log(
          `GET ${request} → ${failure}; retrying in ${
            (waitMs / 1000).toFixed(1)
          } s (attempt ${attempt + 1} of ${options.maxAttempts})`,
        );
        await sleep(waitMs);
      }
    }
    options.log(`GET ${request} → ${failure}; giving up`);
    throw new RequestError(
      `GET ${request} failed ${options.maxAttempts} times, last: ${failure}`,
    );
  }

  async #attempt(
    url: string,
    request: string,
    maxBodyBytes: number,
  ): Promise<ApiResponse> {
    const options = this.#options;
    const origin = new URL(url).origin;
    const signal = AbortSignal.timeout(options.timeoutMs);
    const network = (cause: unknown) =>
      new Retryable(
        (cause as Error).name === "TimeoutError"
          ? `no complete answer within ${options.timeoutMs / 1000} s`
          : `network error (${(cause as Error).message})`,
      );
    let response: Response | undefined;
    let target = url;
    try {
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        response = await fetch(target, {
          headers: {
            Authorization: `Bearer ${options.apiKey}`,
            Accept: "application/json",
            // identity, so that the wire bytes can be counted and checked
            // against Content-Length; readBody() decodes gzip or br anyway.
            "Accept-Encoding": "identity",
          },
          redirect: "manual",
          signal,
        });
        const location = response.headers.get("location");
        if (response.status < 300 || response.status > 399 || !location) {
          break;
        }
        await response.body?.cancel().catch(() => {});
        const next = new URL(location, target);
        if (next.origin !== origin) {
          options.log(`GET ${request} → ${response.status}, to ${next.origin}`);
          throw new RequestError(
            `GET ${request}: redirected (${response.status}) to another origin, ${
              JSON.stringify(next.origin)
            }; not followed, since the key is sent only to ${origin}. Nothing saved`,
          );
        }
        if (hop === MAX_REDIRECTS) {
          throw new RequestError(
            `GET ${request}: more than ${MAX_REDIRECTS} redirects; nothing saved`,
          );
        }
        target = next.href;
      }
    } catch (cause) {
      if (cause instanceof RequestError) throw cause;
      throw network(cause);
    }
    response = response!;
    const status = response.status;
    if (status === 401 || status === 403) {
      await response.body?.cancel().catch(() => {});
      options.log(`GET ${request} → ${status}`);
      throw new AuthError(
        `OpenRouter refused the API key (${status} ${response.statusText}) for GET ${request}: ` +
          "set OPENROUTER_API_KEY to a valid OpenRouter API key (any key works for the Data API). Nothing more was requested.",
      );
    }
    if (status === 429) {
      await response.body?.cancel().catch(() => {});
      const seconds = retryAfterSeconds(
        response.headers.get("retry-after"),
        new Date(),
      );
      if (seconds !== undefined && seconds > options.maxRetryAfterSeconds) {
        options.log(`GET ${request} → 429, Retry-After ${seconds} s`);
        throw new RequestError(
          `GET ${request}: rate-limited (429) and asked to wait ${seconds} s, more than ${options.maxRetryAfterSeconds} s; run again later`,
        );
      }
      throw new Retryable(
        seconds === undefined
          ? "429 rate-limited"
          : `429 rate-limited, Retry-After ${seconds} s`,
        seconds === undefined ? undefined : seconds * 1000,
      );
    }
    if (status >= 500) {
      await response.body?.cancel().catch(() => {});
      throw new Retryable(`${status} server error`);
    }
    if (status !== 200) {
      let text = "";
      try {
        text = new TextDecoder().decode(
          (await readBody(response, 64 * 1024)).bytes,
        );
      } catch {
        text = "(body unreadable or over 64 KB)";
      }
      options.log(`GET ${request} → ${status}`);
      throw new RequestError(
        `GET ${request}: ${status} ${response.statusText}: ${
          text.slice(0, 200)
        }`,
      );
    }
    let text: string;
    let value: unknown;
    try {
      const { bytes } = await readBody(response, maxBodyBytes);
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch (cause) {
        throw new Retryable(
          `body is not UTF-8 text (${(cause as Error).message})`,
        );
      }
      try {
        value = JSON.parse(text);
      } catch (cause) {
        throw new Retryable(
          `body is not whole JSON (${(cause as Error).message})`,
        );
      }
    } catch (cause) {
      if (cause instanceof Retryable) throw cause;
      if (cause instanceof BodyTooLargeError) {
        options.log(`GET ${request} → 200, ${cause.message}; stopped`);
        throw new RequestError(
          `GET ${request}: ${cause.message} for this dataset; nothing saved (if the answer is expected to be this large, raise the limit with --max-body-mb; the limit is ${
            megabytes(maxBodyBytes)
          })`,
        );
      }
      if (cause instanceof BadBodyError) throw new Retryable(cause.message);
      throw network(cause);
    }
    const body = value as { data?: unknown; meta?: unknown };
    if (
      body === null || typeof body !== "object" || !Array.isArray(body.data)
    ) {
      throw new Retryable('body is not a {"data": [...]} object');
    }
    const meta = body.meta !== null && typeof body.meta === "object" &&
        !Array.isArray(body.meta)
      ? body.meta as Record<string, unknown>
      : {};
    return { request, text, data: body.data, meta };
  }
}
