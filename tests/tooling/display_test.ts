// show() and flushOutputs() against a fake Deno kernel: an IOPub publisher
// that sends queued messages one at a time after a delay (like the kernel's
// drain loop) and starts sending to a subscriber only some time after it
// subscribed. The real kernel is exercised by tests/ui/notebooks_browser_test.ts.
import assert from "node:assert/strict";
import {
  type ByteConn,
  connectionFileFromArgs,
  FLUSH_MARKER_PREFIX,
  type FlushDeps,
  flushOutputs,
  show,
  zmtpFrame,
  ZmtpFrameReader,
  zmtpGreeting,
} from "../../lib/tooling/display.ts";

const encoder = new TextEncoder();
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A fake kernel IOPub socket: a FIFO drained every `drainMs`, published to the notebook and to subscribers. */
class FakeKernel {
  /** What the notebook received, in order: message types and contents. */
  readonly published: { type: string; content: Record<string, unknown> }[] = [];
  #queue: { type: string; content: Record<string, unknown> }[] = [];
  #subscribers: FakeSubscriber[] = [];
  #draining = false;

  constructor(
    readonly options: {
      drainMs: number;
      subscribeDelayMs: number;
      echo: boolean;
    },
  ) {}

  deps(): FlushDeps {
    return {
      connection: () =>
        Promise.resolve({
          ip: "127.0.0.1",
          iopub_port: 5555,
          transport: "tcp",
        }),
      connect: () => {
        const subscriber = new FakeSubscriber(this);
        return Promise.resolve(subscriber);
      },
      broadcast: (type, content) => {
        this.#queue.push({ type, content });
        this.#drain();
        return Promise.resolve();
      },
    };
  }

  subscribe(subscriber: FakeSubscriber): void {
    setTimeout(
      () => this.#subscribers.push(subscriber),
      this.options.subscribeDelayMs,
    );
  }

  unsubscribe(subscriber: FakeSubscriber): void {
    this.#subscribers = this.#subscribers.filter((s) => s !== subscriber);
  }

  async #drain(): Promise<void> {
    if (this.#draining) return;
    this.#draining = true;
    while (this.#queue.length > 0) {
      await sleep(this.options.drainMs);
      const message = this.#queue.shift()!;
      this.published.push(message);
      if (this.options.echo) {
        for (const subscriber of this.#subscribers) subscriber.deliver(message);
      }
    }
    this.#draining = false;
  }
}

/** The kernel's end of one subscriber connection. */
class FakeSubscriber implements ByteConn {
  #incoming = new ZmtpFrameReader();
  #outgoing: Uint8Array[] = [];
  #waiting: (() => void) | null = null;
  #stage: "greeting" | "ready" | "subscribe" | "subscribed" = "greeting";
  closed = false;

  constructor(readonly kernel: FakeKernel) {}

  deliver(message: { type: string; content: Record<string, unknown> }) {
    const parts = [
      "<IDS|MSG>",
      "signature",
      JSON.stringify({ msg_type: message.type }),
      "{}",
      "{}",
      JSON.stringify(message.content),
    ].map((part) => encoder.encode(part));
    parts.forEach((part, i) =>
      this.#send(zmtpFrame(part, { more: i < parts.length - 1 }))
    );
  }

  #send(bytes: Uint8Array) {
    this.#outgoing.push(bytes);
    this.#waiting?.();
  }

  write(bytes: Uint8Array): Promise<number> {
    this.#incoming.push(bytes);
    if (this.#stage === "greeting" && this.#incoming.take(64) !== null) {
      this.#stage = "ready";
      this.#send(zmtpGreeting());
    }
    if (this.#stage === "ready") {
      const frame = this.#incoming.next();
      if (frame !== null) {
        assert.ok(frame.command, "READY is a command frame");
        this.#stage = "subscribe";
        this.#send(zmtpFrame(encoder.encode("\x05READY"), { command: true }));
      }
    }
    if (this.#stage === "subscribe") {
      const frame = this.#incoming.next();
      if (frame !== null) {
        assert.deepEqual([...frame.body], [1], "subscribe to everything");
        this.#stage = "subscribed";
        this.kernel.subscribe(this);
      }
    }
    return Promise.resolve(bytes.length);
  }

  async read(buffer: Uint8Array): Promise<number | null> {
    while (this.#outgoing.length === 0) {
      if (this.closed) return null;
      await new Promise<void>((done) => this.#waiting = done);
      this.#waiting = null;
    }
    const next = this.#outgoing.shift()!;
    const count = Math.min(next.length, buffer.length);
    buffer.set(next.subarray(0, count));
    if (count < next.length) this.#outgoing.unshift(next.subarray(count));
    return count;
  }

  close() {
    this.closed = true;
    this.kernel.unsubscribe(this);
    this.#waiting?.();
  }
}

Deno.test("flushOutputs() returns only after everything broadcast before it has been published", async () => {
  const kernel = new FakeKernel({
    drainMs: 15,
    subscribeDelayMs: 40,
    echo: true,
  });
  const deps = kernel.deps();
  for (const n of [1, 2, 3]) {
    await deps.broadcast("display_data", { data: { "text/plain": `${n}` } });
  }
  const result = await flushOutputs({ deps, retryMs: 30, timeoutMs: 5_000 });
  assert.equal(result, "flushed");
  const displays = kernel.published.filter((m) => m.type === "display_data");
  assert.deepEqual(
    displays.map((m) =>
      (m.content.data as Record<string, string>)["text/plain"]
    ),
    ["1", "2", "3"],
  );
  const markers = kernel.published.filter((m) =>
    m.type === "update_display_data"
  );
  assert.ok(markers.length >= 1);
  for (const marker of markers) {
    const id = (marker.content.transient as { display_id: string }).display_id;
    assert.ok(id.startsWith(FLUSH_MARKER_PREFIX), id);
    assert.deepEqual(marker.content.data, {});
  }
});

Deno.test("flushOutputs() gives up after its time limit, pauses, and says so when the marker never comes back", async () => {
  const kernel = new FakeKernel({
    drainMs: 1,
    subscribeDelayMs: 0,
    echo: false,
  });
  const started = Date.now();
  const result = await flushOutputs({
    deps: kernel.deps(),
    retryMs: 20,
    timeoutMs: 120,
    fallbackMs: 50,
  });
  assert.equal(result, "timed-out");
  assert.ok(Date.now() - started >= 170, `${Date.now() - started} ms`);
});

Deno.test("flushOutputs() ends in the fallback pause when the kernel cannot be reached", async () => {
  const deps: FlushDeps = {
    connection: () =>
      Promise.resolve({ ip: "127.0.0.1", iopub_port: 1, transport: "tcp" }),
    connect: () => Promise.reject(new Error("connection refused")),
    broadcast: () => Promise.resolve(),
  };
  assert.equal(
    await flushOutputs({ deps, fallbackMs: 10 }),
    "timed-out",
  );
});

Deno.test("flushOutputs() inside a kernel whose connection file cannot be found pauses instead of returning at once", async () => {
  const deps: FlushDeps = {
    connection: () => Promise.reject(new Error("no connection file")),
    connect: () => Promise.reject(new Error("not called")),
    broadcast: () => Promise.resolve(),
  };
  const started = Date.now();
  assert.equal(await flushOutputs({ deps, fallbackMs: 60 }), "timed-out");
  assert.ok(Date.now() - started >= 55, `${Date.now() - started} ms`);
});

Deno.test("flushOutputs() outside a Jupyter kernel returns at once", async () => {
  assert.equal(await flushOutputs(), "no-kernel");
});

Deno.test("show() displays a value, strings as plain text, and then flushes", async () => {
  const kernel = new FakeKernel({
    drainMs: 5,
    subscribeDelayMs: 0,
    echo: true,
  });
  const deps = kernel.deps();
  const display = (value: unknown, options: { raw: boolean }) =>
    deps.broadcast("display_data", {
      data: options.raw ? value as Record<string, unknown> : { shown: value },
    });
  await show("2 models", { display, deps });
  await show({ "text/html": "<b>x</b>" }, { display, deps, raw: true });
  await show(42, { display, deps });
  assert.deepEqual(
    kernel.published.filter((m) => m.type === "display_data").map((m) =>
      m.content.data
    ),
    [{ "text/plain": "2 models" }, { "text/html": "<b>x</b>" }, { shown: 42 }],
  );
  assert.equal(kernel.published.at(-1)?.type, "update_display_data");
});

Deno.test("connectionFileFromArgs() reads --conn FILE, --conn=FILE and -f FILE", () => {
  assert.equal(
    connectionFileFromArgs(["deno", "jupyter", "--conn=/k.json"]),
    "/k.json",
  );
  assert.equal(
    connectionFileFromArgs(["python3", "-m", "ipykernel", "-f", "/k2.json"]),
    "/k2.json",
  );
  assert.equal(connectionFileFromArgs(["deno", "jupyter", "--conn"]), null);
});

Deno.test("ZmtpFrameReader reads a long frame that arrives one byte at a time", () => {
  const body = encoder.encode("x".repeat(1000));
  const bytes = zmtpFrame(body);
  const reader = new ZmtpFrameReader();
  for (let i = 0; i < bytes.length - 1; i++) {
    reader.push(bytes.slice(i, i + 1));
    assert.equal(reader.next(), null);
  }
  reader.push(bytes.slice(-1));
  const frame = reader.next();
  assert.equal(frame?.body.length, 1000);
  assert.equal(frame?.more, false);
});

Deno.test("flushOutputs() keeps its subscription between flushes, and subscribes again once the kernel has dropped it", async () => {
  const kernel = new FakeKernel({
    drainMs: 1,
    subscribeDelayMs: 40,
    echo: true,
  });
  const base = kernel.deps();
  const opened: ByteConn[] = [];
  const deps: FlushDeps = {
    ...base,
    connect: async (ip, port) => {
      const conn = await base.connect(ip, port);
      opened.push(conn);
      return conn;
    },
  };
  const timed = async () => {
    const started = Date.now();
    const result = await flushOutputs({ deps, retryMs: 30, timeoutMs: 5_000 });
    return { result, ms: Date.now() - started };
  };
  const first = await timed();
  assert.equal(first.result, "flushed");
  // The first waits for the kernel to read the subscription (40 ms here).
  assert.ok(first.ms >= 30, `${first.ms} ms`);
  for (const n of [1, 2, 3]) {
    await deps.broadcast("display_data", { data: { "text/plain": `${n}` } });
    const again = await timed();
    assert.equal(again.result, "flushed");
    assert.ok(again.ms < 30, `flush ${n + 1} took ${again.ms} ms`);
  }
  assert.equal(opened.length, 1);
  // The kernel drops the subscriber (a restart, a closed socket).
  opened[0].close();
  assert.equal((await timed()).result, "flushed");
  assert.equal(opened.length, 2);
});
