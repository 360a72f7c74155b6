// What travels with one request: its id (for logs across services) and the caller's
// credentials (relayed to our own services, never to external systems).

import { randomUUID } from "node:crypto";

export const REQUEST_ID = "x-request-id";

export interface Ctx {
  requestId: string;
  authorization?: string;
  apiKey?: string;
}

type Headers = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function ctxFromHeaders(headers: Headers): Ctx {
  const id = first(headers[REQUEST_ID]);
  return {
    requestId: id && id.length <= 128 ? id : randomUUID(),
    authorization: first(headers["authorization"]),
    apiKey: first(headers["x-api-key"]),
  };
}

export function backgroundCtx(): Ctx {
  return { requestId: randomUUID() };
}
