import assert from "node:assert/strict";
import {
  AuthError,
  DataApiClient,
  RequestError,
  retryAfterSeconds,
} from "../../lib/fetch/client.ts";
import { startFetchServer } from "../_fetch_server.ts";

Deno.test("retryAfterSeconds() reads seconds and HTTP dates, and nothing else", () => {
  const now = new Date("2026-07-01T00:00:00Z");
  assert.equal(retryAfterSeconds("30", now), 30);
  assert.equal(retryAfterSeconds("Wed, 01 Jul 2026 00:01:00 GMT", now), 60);
  assert.equal(retryAfterSeconds("soon", now), undefined);
});

Deno.test("DataApiClient paces its requests: three requests 200 ms apart take at least 400 ms", async () => {
  const server = await startFetchServer({ lifetimeMs: 30_000 });
  try {
    const client = new DataApiClient({
      baseUrl: server.baseUrl,
      apiKey: "test-key",
      minIntervalMs: 200,
    });
    const started = Date.now();
    for (let i = 0; i < 3; i++) await client.get("/models");
    assert.ok(Date.now() - started >= 400);
    assert.equal(client.requests, 3);
  } finally {
    await server.close();
  }
});

Deno.test("DataApiClient stops at a Retry-After longer than it may wait, without retrying", async () => {
  const server = await startFetchServer({ lifetimeMs: 30_000 });
  try {
    server.faults.push({
      path: "/models",
      kind: "429",
      retryAfterSeconds: 3600,
    });
    const client = new DataApiClient({
      baseUrl: server.baseUrl,
      apiKey: "test-key",
      minIntervalMs: 0,
    });
    await assert.rejects(
      () => client.get("/models"),
      (cause: unknown) =>
        cause instanceof RequestError &&
        /asked to wait 3600 s, more than 120 s/.test(cause.message),
    );
    assert.equal(server.requests.length, 1);
  } finally {
    await server.close();
  }
});

Deno.test("DataApiClient makes no more requests than its budget allows", async () => {
  const server = await startFetchServer({ lifetimeMs: 30_000 });
  try {
    const client = new DataApiClient({
      baseUrl: server.baseUrl,
      apiKey: "test-key",
      minIntervalMs: 0,
      maxRequests: 1,
    });
    await client.get("/models");
    await assert.rejects(
      () => client.get("/models"),
      /not sent, 1 requests already made/,
    );
    assert.equal(server.requests.length, 1);
  } finally {
    await server.close();
  }
});

Deno.test("DataApiClient reports a refused key (401) as AuthError and a 404 as a failed request, without retrying", async () => {
  const server = await startFetchServer({ lifetimeMs: 30_000 });
  try {
    const refused = new DataApiClient({
      baseUrl: server.baseUrl,
      apiKey: "not-the-key",
      minIntervalMs: 0,
    });
    await assert.rejects(() => refused.get("/models"), AuthError);
    const client = new DataApiClient({
      baseUrl: server.baseUrl,
      apiKey: "test-key",
      minIntervalMs: 0,
    });
    await assert.rejects(
      () => client.get("/datasets/unknown"),
      /GET \/datasets\/unknown: 404/,
    );
    assert.equal(server.requests.length, 2);
  } finally {
    await server.close();
  }
});
