import assert from "node:assert/strict";
import { brotliCompressSync, gzipSync } from "node:zlib";
import {
  BadBodyError,
  BodyTooLargeError,
  readBody,
} from "../../lib/fetch/body.ts";

const TEXT = JSON.stringify({ data: [{ a: "x".repeat(5000) }], meta: {} });
const BYTES = new TextEncoder().encode(TEXT);

function answer(body: BodyInit, headers: Record<string, string>): Response {
  return new Response(body, { headers });
}

Deno.test("readBody() decodes a gzip and a br answer, checking Content-Length on the wire bytes", async () => {
  for (
    const [encoding, packed] of [
      ["gzip", new Uint8Array(gzipSync(BYTES))],
      ["br", new Uint8Array(brotliCompressSync(BYTES))],
    ] as const
  ) {
    const body = await readBody(
      answer(packed, {
        "content-encoding": encoding,
        "content-length": String(packed.length),
      }),
      1024 * 1024,
    );
    assert.equal(new TextDecoder().decode(body.bytes), TEXT, encoding);
    assert.equal(body.wireBytes, packed.length);
    assert.ok(packed.length < BYTES.length / 10);
  }
});

Deno.test("readBody() refuses an announced length over the limit before reading anything", async () => {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled++;
      controller.enqueue(new Uint8Array(10));
    },
  });
  await assert.rejects(
    () => readBody(answer(stream, { "content-length": "999999999" }), 1000),
    (cause: unknown) =>
      cause instanceof BodyTooLargeError &&
      /announces 999999999 bytes \(Content-Length\), more than the 0\.001 MB limit/
        .test(cause.message),
  );
  assert.ok(pulled <= 1, `pulled ${pulled} chunks`);
});

Deno.test("readBody() stops an endless plain body at the limit, counted on the wire", async () => {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      sent += 65536;
      controller.enqueue(new Uint8Array(65536).fill(32));
    },
  });
  await assert.rejects(
    () => readBody(answer(stream, {}), 1024 * 1024),
    /larger than the 1 MB limit received/,
  );
  assert.ok(sent < 2 * 1024 * 1024, `sent ${sent}`);
});

Deno.test("readBody() stops a gzip bomb at the limit after decoding, in bounded memory", async () => {
  // 512 MB of zeros, compressed on the fly to about 0.5 MB
  let left = 512;
  const zeros = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left-- > 0) controller.enqueue(new Uint8Array(1024 * 1024));
      else controller.close();
    },
  }).pipeThrough(
    new CompressionStream("gzip") as unknown as TransformStream<
      Uint8Array,
      Uint8Array
    >,
  );
  const before = Deno.memoryUsage().rss;
  await assert.rejects(
    () =>
      readBody(answer(zeros, { "content-encoding": "gzip" }), 4 * 1024 * 1024),
    /larger than the 4 MB limit after gzip decoding/,
  );
  const grown = (Deno.memoryUsage().rss - before) / (1024 * 1024);
  assert.ok(grown < 128, `memory grew ${grown.toFixed(0)} MB`);
  assert.ok(left > 400, `only ${512 - left} MB were made`);
});

Deno.test("readBody() names a corrupt or unknown encoding and a short body", async () => {
  await assert.rejects(
    () =>
      readBody(
        answer(new Uint8Array([1, 2, 3, 4]), { "content-encoding": "gzip" }),
        1024,
      ),
    (cause: unknown) =>
      cause instanceof BadBodyError &&
      /^the gzip body cannot be decoded/.test(cause.message),
  );
  await assert.rejects(
    () => readBody(answer("{}", { "content-encoding": "zstd" }), 1024),
    /Content-Encoding "zstd" is not one tokenbook decodes/,
  );
  const packed = new Uint8Array(gzipSync(BYTES));
  await assert.rejects(
    () =>
      readBody(
        answer(packed.slice(0, 40), {
          "content-encoding": "gzip",
          "content-length": String(packed.length),
        }),
        1024 * 1024,
      ),
    BadBodyError,
  );
});
