/**
 * The fast path of `loadRankingsDaily`: files that are clean by every check
 * are loaded column-wise, with the checks run as polars expressions over
 * whole columns instead of record by record in JavaScript. Any file that
 * fails a check, or that the fast path is not sure about, makes it return
 * `undefined`, and the caller falls back to the detailed per-record path,
 * which names every problem exactly as before. So the fast path never
 * accepts what the detailed path rejects, and never has to word a problem.
 *
 * Why JSON.parse and not `pl.readJSON`: measured on 20 years of
 * rankings-daily (44 MB in 20 files), nodejs-polars 0.25.2's JSON reader took
 * longer than V8's `JSON.parse` (1.6 s vs 0.9 s, busy machine), and it
 * coerces a number or `true` to a string (`"model_permaslug": 5` loads as
 * `"5"`) and keeps the first of two duplicate keys where JSON.parse keeps the
 * last, so its frame cannot be trusted to mean what the detailed path reads.
 * JSON.parse, then one loop that only checks `typeof` and turns dates and
 * slugs into integer codes (each distinct text once) and token counts into
 * numbers, then polars over those columns, reads exactly the values the
 * detailed path reads.
 *
 * Checked here (a file passes only when all hold; otherwise: fall back):
 * - no key written twice in one object (JSON.parse would keep the last);
 * - the file reads as UTF-8 text (byte-order mark dropped, CRLF as LF, as
 *   the detailed path reads it; invalid UTF-8 falls back) and parses with
 *   JSON.parse, with the `{"data": [...]}` envelope or a bare array, at least one
 *   record, every record an object whose `date`, `model_permaslug` and
 *   `total_tokens` are strings;
 * - `date` is a calendar date `YYYY-MM-DD` (year, month and day checked
 *   with the Gregorian leap-year rule, as polars expressions);
 * - `model_permaslug` is visible ASCII with no whitespace (stricter than the
 *   detailed path's "non-empty after trimming": anything else falls back);
 * - `total_tokens` is 1–16 ASCII digits with no sign or spaces and at most
 *   2^53 − 1 (the detailed path's limit; stricter on spacing);
 * - no (date, permaslug) twice in a file (the detailed path warns or errs);
 * - every day has its `other` row (a day without it is incomplete);
 * - the file is named `START_END.json` and covers exactly START … END, and the
 *   envelope's `meta.start_date` / `meta.end_date`, when present, agree;
 * - a (date, permaslug) carried by several files has the same tokens in each
 *   (kept once, from the first file, as the detailed path does).
 *
 * The `other` row, file-name and `meta` checks go beyond what the detailed
 * path checks today: they make the fast path fall back wherever a stricter
 * detailed check (being added in lib/loading) could object. Any new check of
 * the detailed path needs its counterpart here, or a fallback.
 *
 * @module
 */
import pl from "nodejs-polars";
import { unwrapEnvelope } from "./input.ts";
import type { Loaded } from "./frames.ts";

/** The permaslug of the row that sums every model outside the top 50. */
const OTHER = "other";
/** The largest token count the loaders accept: 2^53 − 1 (exact in a float64). */
const MAX_TOKENS = Number.MAX_SAFE_INTEGER;
/** `START_END.json`, the convention for rankings-daily file names. */
const RANGE_NAME = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})\.json$/;

/**
 * The most (date, permaslug) code pairs the fast path counts in bit sets
 * (2^28: 32 MiB per set, e.g. 20,000 days × 13,000 models); more falls back.
 */
const MAX_PAIR_CODES = 2 ** 28;

/** A set of whole numbers below a bound, one bit each. */
class BitSet {
  readonly #words: Uint32Array;

  constructor(size: number) {
    this.#words = new Uint32Array(Math.ceil(size / 32));
  }

  /** Add `n`; true when it was not in the set. */
  add(n: number): boolean {
    const word = n >>> 5;
    const bit = 1 << (n & 31);
    if ((this.#words[word] & bit) !== 0) return false;
    this.#words[word] |= bit;
    return true;
  }

  /** Remove `n`. */
  delete(n: number): void {
    this.#words[n >>> 5] &= ~(1 << (n & 31));
  }
}

/** Codes for repeated strings: each distinct string gets the next integer. */
class Dictionary {
  readonly codes = new Map<string, number>();

  /** The code of `text`, assigned on first sight. */
  code(text: string): number {
    let code = this.codes.get(text);
    if (code === undefined) {
      code = this.codes.size;
      this.codes.set(text, code);
    }
    return code;
  }

  /**
   * Renumber the codes in `columns` (in place) so that code order is the
   * strings' sort order, and return the frame `{codeColumn: Int32,
   * valueColumn: Utf8}` of every string, sorted.
   */
  sorted(
    columns: readonly Int32Array[],
    codeColumn: string,
    valueColumn: string,
  ): pl.DataFrame {
    const texts = [...this.codes.keys()].sort();
    const renumber = new Int32Array(texts.length);
    texts.forEach((text, rank) => renumber[this.codes.get(text)!] = rank);
    for (const column of columns) {
      for (let i = 0; i < column.length; i++) column[i] = renumber[column[i]];
    }
    return pl.DataFrame({
      [codeColumn]: pl.Series(
        codeColumn,
        Int32Array.from(texts.keys()),
      ),
      [valueColumn]: pl.Series(valueColumn, texts, pl.Utf8),
    });
  }
}

/** The columns of every file read so far, as codes and numbers. */
interface Columns {
  /** Index of the file in the caller's list. */
  file: number[];
  /** Date codes, per record. */
  date: Int32Array[];
  /** Permaslug codes, per record. */
  permaslug: Int32Array[];
  /** Token counts, per record (exact: at most 16 digits, range-checked by polars). */
  tokens: Float64Array[];
}

/**
 * Reads files as text the way `readText` (`_input.ts`) does, dropping a
 * byte-order mark and turning CRLF into LF, into one buffer reused from
 * file to file (fewer large allocations, so a lower memory peak). Text that
 * is not valid UTF-8, which `readText` would read with replacement
 * characters, is refused, as is an empty or blank file.
 */
class TextReader {
  #buffer = new Uint8Array(1 << 20);
  #decoder = new TextDecoder("utf-8", { fatal: true });

  /**
   * The text of `file` and how many keys it writes (see
   * {@linkcode mayHaveDuplicateKeys}; -1 when it holds a backslash), or
   * undefined when it cannot be read this way.
   */
  async read(
    file: string,
  ): Promise<{ text: string; keysWritten: number } | undefined> {
    let handle: Deno.FsFile;
    try {
      handle = await Deno.open(file);
    } catch {
      return undefined;
    }
    let length = 0;
    try {
      for (;;) {
        if (length === this.#buffer.length) {
          const grown = new Uint8Array(this.#buffer.length * 2);
          grown.set(this.#buffer);
          this.#buffer = grown;
        }
        const read = await handle.read(this.#buffer.subarray(length));
        if (read === null) break;
        length += read;
      }
    } catch {
      return undefined;
    } finally {
      handle.close();
    }
    let text: string;
    try {
      // The decoder drops a leading byte-order mark, as readText does.
      text = this.#decoder.decode(this.#buffer.subarray(0, length));
    } catch {
      return undefined;
    }
    if (text.includes("\r")) text = text.replace(/\r\n/g, "\n");
    if (text.trim() === "") return undefined;
    return { text, keysWritten: keysWritten(this.#buffer, length) };
  }
}

/** The number of keys of every object in a parsed JSON value (the envelope, not the records). */
function keyCount(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += keyCount(item);
    return count;
  }
  for (const key in value) {
    count += 1 + keyCount((value as Record<string, unknown>)[key]);
  }
  return count;
}

/**
 * How many keys JSON bytes write, or -1 when they hold a backslash (then
 * this count cannot be trusted). Without a backslash, every `"` opens or
 * closes a string, so a `"` followed (after JSON whitespace) by `:` ends a
 * key: exactly one per key written.
 */
function keysWritten(bytes: Uint8Array, length: number): number {
  const text = bytes.subarray(0, length);
  if (text.indexOf(0x5c) >= 0) return -1; // a backslash
  let keys = 0;
  // From each colon, back over JSON white space: a `"` there ends a key.
  for (let colon = text.indexOf(0x3a); colon >= 0;) {
    let i = colon - 1;
    while (
      i >= 0 &&
      (text[i] === 0x20 || text[i] === 0x09 || text[i] === 0x0a ||
        text[i] === 0x0d)
    ) i--;
    if (i >= 0 && text[i] === 0x22) keys++;
    colon = text.indexOf(0x3a, colon + 1);
  }
  return keys;
}

/** True when `text` is 1 to 16 ASCII digits (no sign, no spaces). */
function isDigits(text: string): boolean {
  const length = text.length;
  if (length === 0 || length > 16) return false;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Read one file into `columns`; false when it is not plainly typed (then
 * the detailed path must look at it).
 */
async function readFile(
  reader: TextReader,
  file: string,
  index: number,
  columns: Columns,
  dates: Dictionary,
  permaslugs: Dictionary,
  meta: { start?: unknown; end?: unknown; block?: unknown }[],
): Promise<boolean> {
  const read = await reader.read(file);
  if (read === undefined) return false;
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch {
    return false;
  }
  const envelope = unwrapEnvelope(value);
  if (envelope === undefined || envelope.records.length === 0) return false;
  // JSON.parse keeps the last of a key written twice in one object. Every
  // record must have its three keys and no more (checked below: the three
  // are there), so the text must write exactly 3 keys per record plus the
  // envelope's: more means a repeated key (or an extra field), and the
  // detailed path decides.
  const envelopeKeys = Array.isArray(value)
    ? 0
    : keyCount({ ...(value as object), data: [] });
  if (
    read.keysWritten < 0 ||
    read.keysWritten !== 3 * envelope.records.length + envelopeKeys
  ) return false;
  const records = envelope.records;
  const n = records.length;
  const date = new Int32Array(n);
  const permaslug = new Int32Array(n);
  const tokens = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const record = records[i];
    if (
      record === null || typeof record !== "object" || Array.isArray(record)
    ) return false;
    const { date: d, model_permaslug: p, total_tokens: t } = record as Record<
      string,
      unknown
    >;
    if (
      typeof d !== "string" || typeof p !== "string" || typeof t !== "string" ||
      !isDigits(t)
    ) return false;
    date[i] = dates.code(d);
    permaslug[i] = permaslugs.code(p);
    tokens[i] = Number(t);
  }
  columns.file.push(index);
  columns.date.push(date);
  columns.permaslug.push(permaslug);
  columns.tokens.push(tokens);
  const envelopeMeta = Array.isArray(value)
    ? undefined
    : (value as { meta?: unknown }).meta;
  if (envelopeMeta === undefined) meta.push({});
  else if (envelopeMeta === null || typeof envelopeMeta !== "object") {
    return false;
  } else {
    const { start_date: start, end_date: end, as_of: asOf } =
      envelopeMeta as Record<string, unknown>;
    // An as_of the detailed path would reject (not an ISO-8601 timestamp).
    if (
      asOf !== undefined && asOf !== null &&
      !(typeof asOf === "string" &&
        /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(asOf) &&
        Number.isFinite(Date.parse(asOf)))
    ) return false;
    meta.push({ start, end, block: envelopeMeta });
  }
  return true;
}

/** True for a calendar date `YYYY-MM-DD`, as one boolean expression over a string column. */
function isCalendarDateExpr(column: string): pl.Expr {
  const part = (offset: number, length: number) =>
    pl.col(column).str.slice(offset, length).cast(pl.Int32, false);
  const year = part(0, 4);
  const month = part(5, 2);
  const day = part(8, 2);
  const leap = year.modulo(4).eq(0)
    .and(year.modulo(100).neq(0).or(year.modulo(400).eq(0)));
  const daysInMonth = pl.when(month.eq(2))
    .then(pl.when(leap).then(pl.lit(29)).otherwise(pl.lit(28)))
    .when(month.isIn([4, 6, 9, 11]))
    .then(pl.lit(30))
    .otherwise(pl.lit(31));
  return pl.col(column).str.contains("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    .and(month.gtEq(1)).and(month.ltEq(12))
    .and(day.gtEq(1)).and(day.ltEq(daysInMonth))
    .fillNull(false);
}

/** The one boolean (or null) a one-row select gives. */
function flag(frame: pl.DataFrame, expression: pl.Expr): boolean | null {
  return frame.select(expression.alias("flag")).getColumn("flag")
    .toArray()[0] as boolean | null;
}

/** The whole check and load; may throw on input polars refuses. */
async function fastLoad(
  files: readonly string[],
  metaBlocks: unknown[],
): Promise<pl.DataFrame | undefined> {
  const columns: Columns = { file: [], date: [], permaslug: [], tokens: [] };
  const dates = new Dictionary();
  const permaslugs = new Dictionary();
  const meta: { start?: unknown; end?: unknown; block?: unknown }[] = [];
  const reader = new TextReader();
  for (const [index, file] of files.entries()) {
    if (
      !await readFile(reader, file, index, columns, dates, permaslugs, meta)
    ) {
      return undefined;
    }
  }
  // Codes in sorted order, so that sorting by code sorts by text (both are
  // ASCII once checked; a file that is not falls back before it matters).
  const dateFrame = dates.sorted(columns.date, "_d", "date");
  const slugFrame = permaslugs.sorted(columns.permaslug, "_p", "permaslug");
  // The dictionaries are small (a date per day, a slug per model): check
  // every distinct value once.
  if (
    flag(dateFrame, isCalendarDateExpr("date").all()) !== true ||
    flag(slugFrame, pl.col("permaslug").str.contains("^[!-~]+$").all()) !==
      true
  ) return undefined;
  const dateText = dateFrame.getColumn("date").toArray() as string[];
  for (const [i, index] of columns.file.entries()) {
    // The first and last day of each file, against its name and meta.
    let first = Infinity;
    let last = -Infinity;
    for (const code of columns.date[i]) {
      if (code < first) first = code;
      if (code > last) last = code;
    }
    const name = RANGE_NAME.exec(files[index].split(/[\\/]/).pop() ?? "");
    if (
      name === null || name[1] !== dateText[first] ||
      name[2] !== dateText[last]
    ) return undefined;
    const { start, end } = meta[index];
    if (
      (start !== undefined && start !== dateText[first]) ||
      (end !== undefined && end !== dateText[last])
    ) return undefined;
  }
  metaBlocks.push(...meta.map((m) => m.block));
  const other = slugFrame.filter(pl.col("permaslug").eq(pl.lit(OTHER)))
    .getColumn("_p").toArray()[0] as number | undefined;
  if (other === undefined) return undefined;
  const slugCount = slugFrame.height;
  // One frame, from the files' columns joined end to end in JavaScript.
  const joined = <T extends Int32Array | Float64Array>(
    parts: T[],
    make: (length: number) => T,
  ): T => {
    const out = make(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  };
  // The file-level checks, counted in JavaScript over the codes in one pass
  // (bit sets over every (date, permaslug) and (file, date) code): polars
  // would need a frame with two more 64-bit key columns and four hash
  // passes for them, at several times the memory.
  const dayCount = dateFrame.height;
  if (dayCount * slugCount > MAX_PAIR_CODES) return undefined;
  const seenPair = new BitSet(dayCount * slugCount);
  const pairInFile = new BitSet(dayCount * slugCount);
  const dayInFile = new BitSet(dayCount);
  const otherInFile = new BitSet(dayCount);
  let rowCount = 0;
  let pairs = 0;
  let maxTokens = 0;
  for (let i = 0; i < columns.date.length; i++) {
    const dateCodes = columns.date[i];
    const slugCodes = columns.permaslug[i];
    const tokenCounts = columns.tokens[i];
    let fileDays = 0;
    let otherDays = 0;
    let otherRows = 0;
    for (let r = 0; r < dateCodes.length; r++) {
      const day = dateCodes[r];
      const pair = day * slugCount + slugCodes[r];
      // no (date, permaslug) twice in one file
      if (!pairInFile.add(pair)) return undefined;
      if (seenPair.add(pair)) pairs++;
      if (dayInFile.add(day)) fileDays++;
      if (slugCodes[r] === other) {
        otherRows++;
        if (otherInFile.add(day)) otherDays++;
      }
      if (tokenCounts[r] > maxTokens) maxTokens = tokenCounts[r];
    }
    // exactly one `other` row per day of the file
    if (otherDays !== fileDays || otherRows !== fileDays) return undefined;
    rowCount += dateCodes.length;
    for (let r = 0; r < dateCodes.length; r++) {
      pairInFile.delete(dateCodes[r] * slugCount + slugCodes[r]);
      dayInFile.delete(dateCodes[r]);
      otherInFile.delete(dateCodes[r]);
    }
  }
  // every count a whole number of tokens below 2^53
  if (!(maxTokens <= MAX_TOKENS)) return undefined;
  const fileColumn = joined(
    columns.file.map((file, i) =>
      new Int32Array(columns.date[i].length).fill(file)
    ),
    (n) => new Int32Array(n),
  );
  const dateCodes = joined(columns.date, (n) => new Int32Array(n));
  const slugCodes = joined(columns.permaslug, (n) => new Int32Array(n));
  columns.date.length = 0;
  columns.permaslug.length = 0;
  const rows = pl.DataFrame({
    _file: pl.Series("_file", fileColumn),
    _d: pl.Series("_d", dateCodes),
    _p: pl.Series("_p", slugCodes),
    _tokens: pl.Series(
      "_tokens",
      joined(columns.tokens, (n) => new Float64Array(n)),
    ),
  });
  columns.tokens.length = 0;
  const isOther = pl.col("_p").eq(pl.lit(other));
  let unique: pl.DataFrame = rows;
  if (pairs !== rowCount) {
    // A day carried by several files: the same tokens in each, else the
    // detailed path names both files. Keep the first file's row.
    const pairCodes = rows.withColumns(
      pl.col("_d").cast(pl.Int64).mul(slugCount).add(pl.col("_p")).alias(
        "_pair",
      ),
    );
    const valued = pairCodes.select("_pair", "_tokens").unique().height;
    if (valued !== pairs) return undefined;
    unique = pairCodes.sort(["_pair", "_file"]).unique({
      subset: ["_pair"],
      keep: "first",
    }).drop("_pair");
  }
  const fileFrame = pl.DataFrame({
    _file: pl.Series("_file", Int32Array.from(files.keys())),
    source_file: pl.Series("source_file", [...files], pl.Utf8),
  });
  // Sort by the codes (their order is the texts' order), then attach the
  // texts keeping that order.
  const keepOrder = { how: "left", maintainOrder: "left" } as const;
  return unique
    .lazy()
    .sort(["_d", "_tokens", "_p"], [false, true, false])
    .join(dateFrame.lazy(), { on: "_d", ...keepOrder })
    .join(slugFrame.lazy(), { on: "_p", ...keepOrder })
    .join(fileFrame.lazy(), { on: "_file", ...keepOrder })
    .select(
      pl.col("date"),
      pl.col("permaslug"),
      pl.col("_tokens").cast(pl.Int64).alias("tokens"),
      isOther.alias("is_other"),
      pl.col("source_file"),
    )
    .collectSync();
}

/**
 * Load rankings-daily files the fast way, or say that the detailed path must.
 *
 * @param files Paths of rankings-daily JSON files, in the caller's order.
 * @returns `loadRankingsDaily`'s result (no warnings, no errors), with the
 * frame sorted by date, tokens descending, permaslug; or `undefined` when
 * any file is not clean by every check in this module's documentation, so
 * the detailed path must load them and name the problems.
 *
 * @example The bundled month is clean
 * ```ts
 * import assert from "node:assert/strict";
 * const loaded = await loadRankingsFast(["data/raw/rankings-daily/2026-05-24_2026-06-22.json"]);
 * assert.equal(loaded?.frame.height, 1530);
 * assert.equal(await loadRankingsFast(["data/raw/no-such-file.json"]), undefined);
 * ```
 */
export async function loadRankingsFast(
  files: readonly string[],
): Promise<(Loaded & { metaBlocks: unknown[] }) | undefined> {
  if (files.length === 0) return undefined;
  let frame: pl.DataFrame | undefined;
  const metaBlocks: unknown[] = [];
  try {
    frame = await fastLoad(files, metaBlocks);
  } catch {
    // polars refused something the checks did not foresee: when in doubt,
    // the detailed path decides.
    return undefined;
  }
  return frame === undefined
    ? undefined
    : { frame, warnings: [], errors: [], metaBlocks };
}
