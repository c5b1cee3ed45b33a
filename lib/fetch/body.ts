/**
 * Read an HTTP answer's body within a size limit, counted twice while it
 * streams: on the bytes received (the wire bytes, compressed or not) and on
 * the bytes after decoding a `Content-Encoding` (gzip, br or deflate). The
 * body is never buffered past the limit, so a gzip bomb or an endless body
 * stops at the limit with a worded error, in bounded memory.
 *
 * The client asks for `Accept-Encoding: identity` (Deno's `fetch` would
 * otherwise decode gzip and br itself, and the wire bytes could not be
 * counted or checked against `Content-Length`); a server that compresses all
 * the same is decoded here.
 *
 * @module
 */

/** An answer larger than the limit: the stream is cancelled where it stood. */
export class BodyTooLargeError extends Error {
  /**
   * @param message The limit and where it was crossed.
   */
  constructor(message: string) {
    super(message);
    this.name = "BodyTooLargeError";
  }
}

/** A body that cannot be read as sent: unknown or corrupt encoding, or shorter than announced. */
export class BadBodyError extends Error {
  /**
   * @param message What is wrong with the body.
   */
  constructor(message: string) {
    super(message);
    this.name = "BadBodyError";
  }
}

/** An error of the connection itself (not of the body's content), passed on unchanged by the client. */
class WireError extends Error {
  constructor(readonly original: unknown) {
    super((original as Error)?.message ?? String(original));
  }
}

/** The `DecompressionStream` format of each `Content-Encoding` decoded here. */
const FORMATS: Record<string, CompressionFormat | "brotli"> = {
  gzip: "gzip",
  "x-gzip": "gzip",
  deflate: "deflate",
  br: "brotli",
};

/** A size in MB for messages: `8 MB`, `0.5 MB`. */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : Number(mb.toFixed(3))} MB`;
}

/** A pass-through stream that errors once more than `limit` bytes went through. */
function counter(
  limit: number,
  where: string,
  count: { bytes: number },
): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream({
    transform(chunk, controller) {
      count.bytes += chunk.byteLength;
      if (count.bytes > limit) {
        controller.error(
          new BodyTooLargeError(
            `the answer is larger than the ${megabytes(limit)} limit ${where}`,
          ),
        );
        return;
      }
      controller.enqueue(chunk);
    },
  });
}

/**
 * Read `response`'s body, decoded, refusing more than `maxBytes` received or
 * decoded, and a body whose received length differs from `Content-Length`.
 *
 * @param response An answer whose body has not been read.
 * @param maxBytes The most bytes accepted, on the wire and after decoding.
 * @returns The decoded bytes, and how many bytes were received.
 * @throws {BodyTooLargeError} When `Content-Length` announces more, or more
 * arrives, or the decoded body grows past `maxBytes`.
 * @throws {BadBodyError} On an unknown or corrupt `Content-Encoding`, or a
 * body shorter or longer than `Content-Length`.
 *
 * @example A gzip answer is decoded, its length checked on the wire bytes
 * ```ts
 * import assert from "node:assert/strict";
 * const text = '{"data":[]}';
 * const gz = await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"))).bytes();
 * const response = new Response(gz, { headers: { "content-encoding": "gzip", "content-length": String(gz.length) } });
 * const body = await readBody(response, 1024);
 * assert.equal(new TextDecoder().decode(body.bytes), text);
 * assert.equal(body.wireBytes, gz.length);
 * ```
 */
export async function readBody(
  response: Response,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; wireBytes: number }> {
  const encoding = (response.headers.get("content-encoding") ?? "identity")
    .trim().toLowerCase();
  const announced = response.headers.get("content-length");
  const cancel = () => response.body?.cancel().catch(() => {});
  if (encoding !== "identity" && !(encoding in FORMATS)) {
    await cancel();
    throw new BadBodyError(
      `Content-Encoding ${
        JSON.stringify(encoding)
      } is not one tokenbook decodes (gzip, br, deflate)`,
    );
  }
  if (announced !== null && Number(announced) > maxBytes) {
    await cancel();
    throw new BodyTooLargeError(
      `the answer announces ${announced} bytes (Content-Length), more than the ${
        megabytes(maxBytes)
      } limit`,
    );
  }
  const wire = { bytes: 0 };
  const decoded = { bytes: 0 };
  const source = response.body;
  if (source === null) return { bytes: new Uint8Array(), wireBytes: 0 };
  const reader = source.getReader();
  // Errors of the connection are tagged, so that they are told apart from a
  // corrupt compressed stream, which the decoder reports as a TypeError.
  let stream: ReadableStream<Uint8Array> = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (cause) {
        controller.error(new WireError(cause));
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  }).pipeThrough(counter(maxBytes, "received", wire));
  if (encoding !== "identity") {
    stream = stream
      .pipeThrough(
        new DecompressionStream(
          FORMATS[encoding] as CompressionFormat,
        ) as unknown as TransformStream<Uint8Array, Uint8Array>,
      )
      .pipeThrough(counter(maxBytes, `after ${encoding} decoding`, decoded));
  }
  const chunks: Uint8Array[] = [];
  const out = stream.getReader();
  try {
    while (true) {
      const { done, value } = await out.read();
      if (done) break;
      chunks.push(value);
    }
  } catch (cause) {
    await out.cancel().catch(() => {});
    if (cause instanceof WireError) throw cause.original;
    if (cause instanceof BodyTooLargeError) throw cause;
    throw new BadBodyError(
      `the ${encoding} body cannot be decoded (${(cause as Error).message})`,
    );
  }
  if (announced !== null && Number(announced) !== wire.bytes) {
    throw new BadBodyError(
      `truncated body (${wire.bytes} of ${announced} bytes received)`,
    );
  }
  const bytes = new Uint8Array(
    chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0),
  );
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { bytes, wireBytes: wire.bytes };
}
