// A GraphQL client call posts its document to /graphql (with the request id), returns `data`
// and throws the first error of an answer as the AppError its `extensions.code` maps to.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { AppError } from "../src/errors";
import { HttpClient } from "../src/http";

test("a GraphQL call returns data and maps errors", async () => {
  const bodies: unknown[] = [];
  const ids: unknown[] = [];
  const answers = [
    { data: { books: [{ isbn: "1" }] } },
    { data: null, errors: [{ message: "a bearer token is required", extensions: { code: "UNAUTHENTICATED" } }] },
  ];
  const server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString()));
    request.on("end", () => {
      assert.equal(request.url, "/graphql");
      bodies.push(JSON.parse(text));
      ids.push(request.headers["x-request-id"]);
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(answers.shift()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const client = new HttpClient({ name: "peer", base: `http://127.0.0.1:${port}`, timeoutMs: 2000, retries: 0, breaker: false, relayCredentials: true });
  try {
    const data = await client.graphql({ requestId: "test-id" }, "query { books { isbn } }");
    assert.deepEqual(data, { books: [{ isbn: "1" }] });
    assert.deepEqual(bodies[0], { query: "query { books { isbn } }", variables: {} });
    assert.equal(ids[0], "test-id");
    await assert.rejects(client.graphql({ requestId: "test-id" }, "query { books { isbn } }", { a: 1 }), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, "unauthorized");
      assert.match(e.message, /a bearer token is required/);
      return true;
    });
  } finally {
    server.close();
  }
});
