/**
 * Show a value in a Jupyter notebook so it stays under its own cell.
 *
 * Deno's Jupyter kernel (2.9) publishes everything a cell produces — its
 * `execute_result`, `display_data`, printed text — through a queue that a
 * separate loop drains, while the cell's `status: idle` is sent directly. So
 * an output can reach the notebook after the cell reported idle; during Run
 * All the loop then stamps it with the *next* cell's request, and the classic
 * Notebook UI shows it under the next cell (measured with
 * `cli/jupyter/kernel_message_order.py`: a cell's value as its last
 * expression was late or under the next cell in about 1 of 5 cells).
 *
 * {@linkcode show} avoids both: it displays the value itself (the cell then
 * has no `execute_result`) and waits until the kernel has published it, by
 * listening on the kernel's own IOPub socket for a marker sent after it
 * (the queue is first in, first out). Notebooks end a cell with
 * `await show(value);`.
 *
 * @module
 */

/** What a kernel's connection file says about where it publishes. */
export interface KernelConnection {
  /** Address of the kernel's sockets, e.g. `127.0.0.1`. */
  ip: string;
  /** Port of the IOPub (publish) socket. */
  iopub_port: number;
  /** `tcp` (the only transport supported here). */
  transport: string;
}

/** A byte stream, as `Deno.connect` returns it. */
export interface ByteConn {
  read(buffer: Uint8Array): Promise<number | null>;
  write(bytes: Uint8Array): Promise<number>;
  close(): void;
}

/** How {@linkcode flushOutputs} reaches the kernel; replaceable in tests. */
export interface FlushDeps {
  /**
   * The kernel's connection, or `null` when not running inside a Jupyter
   * kernel; rejects when inside one whose connection cannot be found.
   */
  connection(): Promise<KernelConnection | null>;
  /** Open a TCP connection to the kernel. */
  connect(ip: string, port: number): Promise<ByteConn>;
  /** Publish a message on the kernel's IOPub socket, as `Deno.jupyter.broadcast`. */
  broadcast(type: string, content: Record<string, unknown>): Promise<void>;
}

/** How a flush ended. */
export type FlushResult =
  /** The marker came back: everything published before it has been sent. */
  | "flushed"
  /** Not inside a Jupyter kernel: nothing to wait for. */
  | "no-kernel"
  /** The marker did not come back in time (or the kernel could not be reached); a fixed pause was waited instead. */
  | "timed-out";

/** Options of {@linkcode flushOutputs}. */
export interface FlushOptions {
  /** Give up waiting for the marker after this many ms (default 10 000). */
  timeoutMs?: number;
  /** Resend the marker when it has not come back after this many ms (default 50). */
  retryMs?: number;
  /** Pause after giving up, in ms (default 250). */
  fallbackMs?: number;
  /** Replace the kernel access (tests). */
  deps?: FlushDeps;
}

/** Prefix of the display ids of the markers {@linkcode flushOutputs} sends. */
export const FLUSH_MARKER_PREFIX = "tokenbook-flush-";

/**
 * The kernel's connection file named on a command line (`--conn FILE`,
 * `--conn=FILE`, or the `-f FILE` of Python kernels).
 *
 * @param args The process's arguments, program included.
 * @returns The path, or `null` when the command line names none.
 * @throws Never.
 *
 * @example Deno's kernel command line
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(
 *   connectionFileFromArgs(["deno", "jupyter", "--kernel", "--conn", "/run/k-1.json"]),
 *   "/run/k-1.json",
 * );
 * assert.equal(connectionFileFromArgs(["deno", "repl"]), null);
 * ```
 */
export function connectionFileFromArgs(args: string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if ((arg === "--conn" || arg === "-f") && i + 1 < args.length) {
      return args[i + 1];
    }
    if (arg.startsWith("--conn=")) return arg.slice("--conn=".length);
  }
  return null;
}

/**
 * The 64-byte ZMTP 3.0 greeting of a client using the NULL mechanism.
 *
 * @returns The greeting bytes.
 * @throws Never.
 *
 * @example Signature, version and mechanism
 * ```ts
 * import assert from "node:assert/strict";
 * const greeting = zmtpGreeting();
 * assert.equal(greeting.length, 64);
 * assert.deepEqual([greeting[0], greeting[9], greeting[10], greeting[11]], [0xff, 0x7f, 3, 0]);
 * assert.equal(new TextDecoder().decode(greeting.slice(12, 16)), "NULL");
 * ```
 */
export function zmtpGreeting(): Uint8Array {
  const greeting = new Uint8Array(64);
  greeting[0] = 0xff;
  greeting[9] = 0x7f;
  greeting[10] = 3;
  greeting[11] = 0;
  greeting.set(new TextEncoder().encode("NULL"), 12);
  return greeting;
}

/**
 * Encode one ZMTP frame: a flags byte (more, long, command), the size (one
 * byte, or eight when over 255) and the body.
 *
 * @param body The frame's bytes.
 * @param options `more`: another frame of the same message follows; `command`: a command frame.
 * @returns The encoded frame.
 * @throws Never.
 *
 * @example A short frame and a long one
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual([...zmtpFrame(new Uint8Array([1]))], [0, 1, 1]);
 * const long = zmtpFrame(new Uint8Array(300), { more: true });
 * assert.deepEqual([...long.slice(0, 9)], [3, 0, 0, 0, 0, 0, 0, 1, 44]);
 * ```
 */
export function zmtpFrame(
  body: Uint8Array,
  options: { more?: boolean; command?: boolean } = {},
): Uint8Array {
  const long = body.length > 255;
  const flags = (options.more ? 1 : 0) | (long ? 2 : 0) |
    (options.command ? 4 : 0);
  const head = long ? 9 : 2;
  const frame = new Uint8Array(head + body.length);
  frame[0] = flags;
  if (long) {
    new DataView(frame.buffer).setBigUint64(1, BigInt(body.length));
  } else {
    frame[1] = body.length;
  }
  frame.set(body, head);
  return frame;
}

/**
 * The ZMTP READY command announcing a socket type, as the NULL mechanism
 * requires after the greeting.
 *
 * @param socketType `SUB` for a subscriber.
 * @returns The encoded command frame.
 * @throws Never.
 *
 * @example READY with Socket-Type SUB
 * ```ts
 * import assert from "node:assert/strict";
 * const ready = zmtpReady("SUB");
 * assert.equal(ready[0], 4); // a command frame
 * const text = new TextDecoder().decode(ready.slice(2));
 * assert.ok(text.startsWith("\x05READY\x0bSocket-Type"));
 * assert.ok(text.endsWith("\x00\x00\x00\x03SUB"));
 * ```
 */
export function zmtpReady(socketType: string): Uint8Array {
  const encoder = new TextEncoder();
  const name = encoder.encode("READY");
  const property = encoder.encode("Socket-Type");
  const value = encoder.encode(socketType);
  const body = new Uint8Array(
    1 + name.length + 1 + property.length + 4 + value.length,
  );
  let at = 0;
  body[at++] = name.length;
  body.set(name, at);
  at += name.length;
  body[at++] = property.length;
  body.set(property, at);
  at += property.length;
  new DataView(body.buffer).setUint32(at, value.length);
  at += 4;
  body.set(value, at);
  return zmtpFrame(body, { command: true });
}

/** One decoded ZMTP frame. */
export interface ZmtpFrame {
  /** The frame's body. */
  body: Uint8Array;
  /** Another frame of the same message follows. */
  more: boolean;
  /** A command frame (READY, SUBSCRIBE, …) rather than message data. */
  command: boolean;
}

/**
 * Reads ZMTP frames from a byte stream that arrives in arbitrary pieces.
 *
 * @example Frames split across reads
 * ```ts
 * import assert from "node:assert/strict";
 * const reader = new ZmtpFrameReader();
 * const bytes = new Uint8Array([...zmtpFrame(new Uint8Array([7]), { more: true }), ...zmtpFrame(new Uint8Array([8, 9]))]);
 * reader.push(bytes.slice(0, 4));
 * assert.equal(reader.next()?.body[0], 7);
 * assert.equal(reader.next(), null);
 * reader.push(bytes.slice(4));
 * assert.deepEqual([...reader.next()!.body], [8, 9]);
 * ```
 */
export class ZmtpFrameReader {
  #buffer = new Uint8Array(0);

  /** Add bytes read from the stream. */
  push(bytes: Uint8Array): void {
    const joined = new Uint8Array(this.#buffer.length + bytes.length);
    joined.set(this.#buffer);
    joined.set(bytes, this.#buffer.length);
    this.#buffer = joined;
  }

  /** Take `count` raw bytes (the greeting), or `null` when fewer have arrived. */
  take(count: number): Uint8Array | null {
    if (this.#buffer.length < count) return null;
    const taken = this.#buffer.slice(0, count);
    this.#buffer = this.#buffer.slice(count);
    return taken;
  }

  /** The next complete frame, or `null` when it has not fully arrived. */
  next(): ZmtpFrame | null {
    if (this.#buffer.length < 2) return null;
    const flags = this.#buffer[0];
    const long = (flags & 2) !== 0;
    const head = long ? 9 : 2;
    if (this.#buffer.length < head) return null;
    const size = long
      ? Number(new DataView(this.#buffer.buffer, this.#buffer.byteOffset)
        .getBigUint64(1))
      : this.#buffer[1];
    if (this.#buffer.length < head + size) return null;
    const body = this.#buffer.slice(head, head + size);
    this.#buffer = this.#buffer.slice(head + size);
    return { body, more: (flags & 1) !== 0, command: (flags & 4) !== 0 };
  }
}

/**
 * Reads a connection into a {@linkcode ZmtpFrameReader}, keeping one read
 * outstanding across time limits so no bytes are lost when a wait ends.
 */
class ConnReader {
  readonly frames = new ZmtpFrameReader();
  #conn: ByteConn;
  #chunk = new Uint8Array(64 * 1024);
  #pending: Promise<number | null> | null = null;

  constructor(conn: ByteConn) {
    this.#conn = conn;
  }

  /** Read until `ready()` returns a value; `null` when the stream ends or `deadline` (ms since the epoch, or Infinity) passes. */
  async until<T>(ready: () => T | null, deadline: number): Promise<T | null> {
    for (;;) {
      const found = ready();
      if (found !== null) return found;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      this.#pending ??= this.#conn.read(this.#chunk);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const count = deadline === Infinity
        ? await this.#pending
        : await Promise.race([
          this.#pending,
          new Promise<"timeout">((done) => {
            timer = setTimeout(() => done("timeout"), left);
          }),
        ]).finally(() => clearTimeout(timer));
      if (count === "timeout") return null;
      this.#pending = null;
      if (count === null) return null;
      this.frames.push(this.#chunk.slice(0, count));
    }
  }
}

/** The frames of the next whole message in `reader`, or `null` when it has not fully arrived. */
function nextMessage(reader: ZmtpFrameReader, pending: ZmtpFrame[]) {
  return (): ZmtpFrame[] | null => {
    for (;;) {
      const frame = reader.next();
      if (frame === null) return null;
      if (frame.command) continue;
      pending.push(frame);
      if (!frame.more) return pending.splice(0);
    }
  };
}

/** The kernel process's arguments: from Linux's `/proc`, else from `ps` (macOS, BSD). */
async function kernelArgs(): Promise<string[]> {
  try {
    return (await Deno.readTextFile("/proc/self/cmdline")).split("\0");
  } catch {
    const out = await new Deno.Command("ps", {
      args: ["-ww", "-o", "args=", "-p", String(Deno.pid)],
      stdout: "piped",
      stderr: "null",
    }).output();
    return new TextDecoder().decode(out.stdout).trim().split(/\s+/);
  }
}

/** The kernel this code runs in, from the connection file on its command line. */
async function kernelConnection(): Promise<KernelConnection> {
  const file = connectionFileFromArgs(await kernelArgs());
  if (file === null) throw new Error("no connection file");
  const info = JSON.parse(await Deno.readTextFile(file));
  if (typeof info.ip !== "string" || !Number.isInteger(info.iopub_port)) {
    throw new Error(`${file}: no ip and iopub_port`);
  }
  return {
    ip: info.ip,
    iopub_port: info.iopub_port,
    transport: info.transport ?? "tcp",
  };
}

/** The part of `Deno.jupyter` (present only inside the Jupyter kernel) used here. */
interface JupyterApi {
  broadcast(type: string, content: Record<string, unknown>): Promise<void>;
  display(value: unknown, options: { raw: boolean }): Promise<void>;
}

/** `Deno.jupyter` when running in the Jupyter kernel, else `undefined`. */
function jupyterApi(): JupyterApi | undefined {
  let api: Partial<JupyterApi> | undefined;
  try {
    // Outside `deno jupyter` the getter throws.
    api = (Deno as unknown as { jupyter?: Partial<JupyterApi> }).jupyter;
  } catch {
    return undefined;
  }
  return typeof api?.broadcast === "function" &&
      typeof api.display === "function"
    ? api as JupyterApi
    : undefined;
}

/** The real kernel: `Deno.jupyter.broadcast`, `Deno.connect`, the connection file. */
const kernelDeps: FlushDeps = {
  connection: () =>
    jupyterApi() === undefined ? Promise.resolve(null) : kernelConnection(),
  connect: (ip, port) => Deno.connect({ hostname: ip, port }),
  broadcast: (type, content) => jupyterApi()!.broadcast(type, content),
};

/**
 * Wait until the Jupyter kernel has published everything this cell sent so
 * far (displays, printed text), so the cell's `status: idle` cannot overtake
 * it.
 *
 * It subscribes to the kernel's IOPub socket, publishes a marker (an
 * `update_display_data` for a display id nobody showed, which every front
 * end ignores) and waits for the marker to come back: the kernel publishes
 * in order, so everything before it has been sent to the notebook too.
 * Outside a kernel it returns at once; when the kernel cannot be reached it
 * waits `fallbackMs` instead.
 *
 * @param options Time limits, and the kernel access for tests.
 * @returns How it ended.
 * @throws Never: failures end in `"timed-out"` after the fallback pause.
 *
 * @example Outside Jupyter there is nothing to wait for
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(await flushOutputs(), "no-kernel");
 * ```
 */
export async function flushOutputs(
  options: FlushOptions = {},
): Promise<FlushResult> {
  const deps = options.deps ?? kernelDeps;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retryMs = options.retryMs ?? 50;
  const fallbackMs = options.fallbackMs ?? 250;
  const deadline = Date.now() + timeoutMs;
  try {
    const connection = await deps.connection();
    if (connection === null) return "no-kernel";
    if (connection.transport !== "tcp") throw new Error("not tcp");
    // The subscription of an earlier flush is used again (no new connection,
    // no wait for the kernel to read a new subscription); if it has gone
    // bad (the kernel dropped it), one new subscription is tried.
    for (const reused of [subscriptions.has(deps), false]) {
      let subscription = subscriptions.get(deps);
      if (subscription === undefined) {
        subscription = subscribe(deps, connection, deadline);
        subscriptions.set(deps, subscription);
        // A failed subscription is never kept.
        subscription.catch(() => dropSubscription(deps, subscription!));
      }
      try {
        if (await awaitMarker(await subscription, deps, deadline, retryMs)) {
          return "flushed";
        }
      } catch {
        // a broken connection: below
      }
      await dropSubscription(deps, subscription);
      if (!reused || Date.now() >= deadline) break;
    }
    throw new Error("no marker");
  } catch {
    await new Promise((done) => setTimeout(done, fallbackMs));
    return "timed-out";
  }
}

/**
 * A subscriber connection to the kernel's IOPub socket, kept between
 * flushes and read all the time: a subscriber that stops reading would let
 * the kernel's queue for it fill up.
 */
interface Subscription {
  conn: ByteConn;
  /** Markers waited for, each with what to call when it comes back. */
  waiting: Set<{ marker: Uint8Array; found: () => void }>;
  /** Called when the connection ends. */
  onEnd: Set<() => void>;
  /** The connection has ended. */
  ended: boolean;
}

/** The open subscription of each kernel access (one per kernel process in practice). */
const subscriptions = new WeakMap<FlushDeps, Promise<Subscription>>();

/** Connect to IOPub, subscribe to every topic (ZMTP 3.0, NULL mechanism) and start reading. */
async function subscribe(
  deps: FlushDeps,
  connection: KernelConnection,
  deadline: number,
): Promise<Subscription> {
  const conn = await deps.connect(connection.ip, connection.iopub_port);
  let input: ConnReader;
  try {
    input = new ConnReader(conn);
    const reader = input.frames;
    await conn.write(zmtpGreeting());
    if (await input.until(() => reader.take(64), deadline) === null) {
      throw new Error("no greeting");
    }
    await conn.write(zmtpReady("SUB"));
    const ready = await input.until(() => reader.next(), deadline);
    if (ready === null || !ready.command) throw new Error("no READY");
    // Subscribe to every topic (ZMTP 3.0: a message whose body is 0x01).
    await conn.write(zmtpFrame(new Uint8Array([1])));
  } catch (error) {
    closeQuietly(conn);
    throw error;
  }
  const subscription: Subscription = {
    conn,
    waiting: new Set(),
    onEnd: new Set(),
    ended: false,
  };
  const message = nextMessage(input.frames, []);
  (async () => {
    for (;;) {
      const frames = await input.until(message, Infinity);
      if (frames === null) break;
      for (const waiter of subscription.waiting) {
        if (frames.some((frame) => includes(frame.body, waiter.marker))) {
          subscription.waiting.delete(waiter);
          waiter.found();
        }
      }
    }
    subscription.ended = true;
    for (const end of subscription.onEnd) end();
  })().catch(() => {
    subscription.ended = true;
    for (const end of subscription.onEnd) end();
  });
  return subscription;
}

/** Forget a subscription and close its connection. */
async function dropSubscription(
  deps: FlushDeps,
  subscription: Promise<Subscription>,
): Promise<void> {
  if (subscriptions.get(deps) === subscription) subscriptions.delete(deps);
  try {
    closeQuietly((await subscription).conn);
  } catch {
    // never connected
  }
}

function closeQuietly(conn: ByteConn): void {
  try {
    conn.close();
  } catch {
    // already closed
  }
}

/**
 * Publish a marker and wait until it comes back on IOPub. The kernel starts
 * publishing to a new subscriber only once it has read the subscription, so
 * the marker is resent every `retryMs` until it comes back.
 *
 * @returns true when it came back; false at the deadline.
 * @throws When the connection ends.
 */
async function awaitMarker(
  subscription: Subscription,
  deps: FlushDeps,
  deadline: number,
  retryMs: number,
): Promise<boolean> {
  if (subscription.ended) throw new Error("connection ended");
  const displayId = `${FLUSH_MARKER_PREFIX}${crypto.randomUUID()}`;
  let settle: (outcome: "found" | "ended") => void = () => {};
  const outcome = new Promise<"found" | "ended">((done) => settle = done);
  const waiter = {
    marker: new TextEncoder().encode(displayId),
    found: () => settle("found"),
  };
  const ended = () => settle("ended");
  subscription.waiting.add(waiter);
  subscription.onEnd.add(ended);
  try {
    while (Date.now() < deadline) {
      await deps.broadcast("update_display_data", {
        data: {},
        metadata: {},
        transient: { display_id: displayId },
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const result = await Promise.race([
        outcome,
        new Promise<"retry">((done) => {
          timer = setTimeout(
            () => done("retry"),
            Math.max(0, Math.min(retryMs, deadline - Date.now())),
          );
        }),
      ]).finally(() => clearTimeout(timer));
      if (result === "found") return true;
      if (result === "ended") throw new Error("connection ended");
    }
    return false;
  } finally {
    subscription.waiting.delete(waiter);
    subscription.onEnd.delete(ended);
  }
}

/** Whether `bytes` contains `part`. */
function includes(bytes: Uint8Array, part: Uint8Array): boolean {
  outer: for (let i = 0; i + part.length <= bytes.length; i++) {
    for (let j = 0; j < part.length; j++) {
      if (bytes[i + j] !== part[j]) continue outer;
    }
    return true;
  }
  return false;
}

/** Options of {@linkcode show}. */
export interface ShowOptions extends FlushOptions {
  /** Display `value` as a ready media bundle (`{"text/html": …}`) rather than formatting it. */
  raw?: boolean;
  /** Where to print outside Jupyter (default `console.log`). */
  print?: (value: unknown) => void;
  /** Replace `Deno.jupyter.display` (tests). */
  display?: (value: unknown, options: { raw: boolean }) => Promise<void>;
}

/**
 * Show a value as a notebook cell's output and wait until the kernel has
 * published it, so it appears under this cell even in the classic UI's Run
 * All. End a cell with `await show(value);` instead of leaving the value as
 * the cell's last expression.
 *
 * Anything Jupyter can display works: `Deno.jupyter.md`/`html`/`svg`
 * results, polars DataFrames, SVG or HTML elements, strings (shown as plain
 * text, without quotes) and other values (shown as `Deno.inspect` does).
 * Outside a Jupyter kernel the value is printed with `console.log`.
 *
 * @param value What to show.
 * @param options `raw` for a ready media bundle; the flush time limits.
 * @returns When the output has been published (or, outside Jupyter, printed).
 * @throws Whatever formatting the value throws; waiting never throws.
 *
 * @example Outside Jupyter, show() prints
 * ```ts
 * import assert from "node:assert/strict";
 * const printed: unknown[] = [];
 * await show("42 models", { print: (value) => printed.push(value) });
 * assert.deepEqual(printed, ["42 models"]);
 * ```
 */
export async function show(
  value: unknown,
  options: ShowOptions = {},
): Promise<void> {
  const api = options.display === undefined ? jupyterApi() : undefined;
  const display = options.display ??
    (api === undefined
      ? undefined
      : (value: unknown, opts: { raw: boolean }) => api.display(value, opts));
  if (display === undefined) {
    (options.print ?? console.log)(value);
    return;
  }
  if (typeof value === "string" && !options.raw) {
    await display({ "text/plain": value }, { raw: true });
  } else {
    await display(value, { raw: options.raw ?? false });
  }
  await flushOutputs(options);
}
