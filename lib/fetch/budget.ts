/**
 * The daily request budget shared by every `deno task fetch` run of a day:
 * OpenRouter allows "30 requests/minute per key, 500 requests/day per
 * account" (openrouter.ai/docs/cookbook/administration/data-api), so the
 * requests of the UTC day are counted in the data folder, in
 * `DATA/.fetch-budget.json`, under a SHA-256 hash of the API key (never the
 * key itself), and a run stops before the 501st request of the day.
 *
 * tokenbook cannot tell which keys belong to one account: two keys of one
 * account are counted apart. Runs on one data folder must not overlap.
 *
 * @module
 */
import { FETCH_BUDGET_FILE } from "../loading/sources.ts";

/** What the budget file holds: per key hash, the UTC day and the requests sent on it. */
interface BudgetFile {
  note: string;
  accounts: Record<string, { day: string; requests: number }>;
}

const NOTE =
  "Requests sent to OpenRouter's Data API per UTC day, by SHA-256 of the API key (written by deno task fetch; the key itself is not stored).";

/** The budget is used up, or its file cannot be read: nothing is sent. */
export class BudgetError extends Error {
  /**
   * @param message What was not sent and why.
   */
  constructor(message: string) {
    super(message);
    this.name = "BudgetError";
  }
}

/**
 * The hex SHA-256 of an API key: how the budget file names an account.
 *
 * @param apiKey The key.
 * @returns 64 hex digits.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal((await keyHash("k")).length, 64);
 * assert.notEqual(await keyHash("k"), await keyHash("l"));
 * ```
 */
export async function keyHash(apiKey: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(apiKey),
  );
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

async function readBudget(file: string): Promise<BudgetFile> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) {
      return { note: NOTE, accounts: {} };
    }
    throw cause;
  }
  const value = (() => {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  })();
  const accounts = value?.accounts;
  const valid = accounts !== null && typeof accounts === "object" &&
    !Array.isArray(accounts) &&
    Object.values(accounts).every((a) =>
      a !== null && typeof a === "object" &&
      typeof (a as { day: unknown }).day === "string" &&
      Number.isSafeInteger((a as { requests: unknown }).requests)
    );
  if (!valid) {
    throw new BudgetError(
      `Cannot read the request budget ${file}: expected {"accounts": {HASH: {"day": "YYYY-MM-DD", "requests": N}}}; fix it or delete it (deleting forgets today's requests). Nothing was sent`,
    );
  }
  return { note: NOTE, accounts };
}

/**
 * Today's request count for one key, persisted in the data folder after each
 * request is counted (so a run killed midway has still counted what it sent).
 */
export class DailyBudget {
  readonly #file: string;
  readonly #dataDir: string;
  readonly #apiKey: string;
  readonly #limit: number;
  readonly #now: () => Date;
  #used = 0;
  #day = "";

  /**
   * @param dataDir The data folder (the budget file is `DATA/.fetch-budget.json`).
   * @param apiKey The key whose account is counted.
   * @param limit Requests allowed per UTC day.
   * @param now The clock (the UTC day comes from it).
   */
  constructor(
    dataDir: string,
    apiKey: string,
    limit: number,
    now: () => Date = () => new Date(),
  ) {
    this.#dataDir = dataDir;
    this.#file = `${dataDir}/${FETCH_BUDGET_FILE}`;
    this.#apiKey = apiKey;
    this.#limit = limit;
    this.#now = now;
  }

  /** Requests counted today for this key, this run's included (after the first {@linkcode take}). */
  get used(): number {
    return this.#used;
  }

  /** The budget file's path. */
  get file(): string {
    return this.#file;
  }

  /** Requests allowed per UTC day. */
  get limit(): number {
    return this.#limit;
  }

  /**
   * Count one request about to be sent, or refuse it when today's budget is
   * used up.
   *
   * @param request The request's path and query, for the message.
   * @throws {BudgetError} When `limit` requests were already sent today with
   * this key, or the budget file is unreadable.
   *
   * @example Two budgets on one folder share the day's requests
   * ```ts
   * import assert from "node:assert/strict";
   * const dir = await Deno.makeTempDir();
   * const now = () => new Date("2026-06-23T10:00:00Z");
   * await new DailyBudget(dir, "k", 2, now).take("/a");
   * const second = new DailyBudget(dir, "k", 2, now);
   * await second.take("/b");
   * await assert.rejects(() => second.take("/c"), BudgetError);
   * assert.doesNotMatch(await Deno.readTextFile(`${dir}/.fetch-budget.json`), /"k"/);
   * await Deno.remove(dir, { recursive: true });
   * ```
   */
  async take(request: string): Promise<void> {
    const day = this.#now().toISOString().slice(0, 10);
    const hash = await keyHash(this.#apiKey);
    const budget = await readBudget(this.#file);
    const entry = budget.accounts[hash];
    const used = entry?.day === day ? entry.requests : 0;
    this.#day = day;
    this.#used = used;
    if (used >= this.#limit) {
      throw new BudgetError(
        `GET ${request}: not sent: ${used} requests already sent today (${day} UTC) with this API key, counted in ${this.#file}; OpenRouter allows ${this.#limit} a day per account. Run again tomorrow`,
      );
    }
    budget.accounts[hash] = { day, requests: used + 1 };
    // Fetch may write only DATA/raw/ and this file with its fixed-name copy
    // (the launcher's --allow-write): a missing data folder is made by
    // making its raw/.
    try {
      await Deno.stat(this.#dataDir);
    } catch {
      await Deno.mkdir(`${this.#dataDir}/raw`, { recursive: true });
    }
    const temporary = `${this.#file}.partial`;
    await Deno.writeTextFile(
      temporary,
      `${JSON.stringify(budget, null, 2)}\n`,
    );
    await Deno.rename(temporary, this.#file);
    this.#used = used + 1;
  }

  /** One line for the summary: `requests today (UTC 2026-06-23) with this key: 6 of 500`. */
  describe(): string {
    return `requests today (${this.#day} UTC) with this key: ${this.#used} of ${this.#limit}, counted in ${this.#file}`;
  }
}
