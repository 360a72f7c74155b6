// What every outgoing HTTP client shares: timeout, retries with backoff, a circuit breaker,
// the request id header, and errors mapped to AppError.

import type { Ctx } from "./context";
import { REQUEST_ID } from "./context";
import { AppError, type ErrorCode } from "./errors";

const BREAKER_THRESHOLD = 5;
const BREAKER_OPEN_MS = 30_000;

export interface ClientOptions {
  name: string;
  base: string;
  timeoutMs?: number;
  retries: number;
  breaker: boolean;
  relayCredentials: boolean;
}

/** Opens after BREAKER_THRESHOLD failures in a row and refuses calls for BREAKER_OPEN_MS. */
export class Breaker {
  private failures = 0;
  private openUntil = 0;

  /** Throws while the circuit is open. */
  check(name: string): void {
    if (Date.now() < this.openUntil) throw new AppError("upstream", `${name}: circuit open`);
  }

  success(): void {
    this.failures = 0;
  }

  failure(): void {
    this.failures += 1;
    if (this.failures >= BREAKER_THRESHOLD) this.openUntil = Date.now() + BREAKER_OPEN_MS;
  }
}

export class HttpClient {
  /** The breaker of this peer (shared with its gRPC client), used when `options.breaker`. */
  readonly breaker = new Breaker();

  constructor(private readonly options: ClientOptions) {}

  async send<T>(ctx: Ctx, method: string, path: string, body?: unknown): Promise<T> {
    const { name, base, timeoutMs, retries, breaker, relayCredentials } = this.options;
    if (breaker) this.breaker.check(name);
    const url = base.replace(/\/+$/, "") + path;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { [REQUEST_ID]: ctx.requestId };
      if (relayCredentials && ctx.authorization) headers["authorization"] = ctx.authorization;
      if (relayCredentials && ctx.apiKey) headers["x-api-key"] = ctx.apiKey;
      if (body !== undefined) headers["content-type"] = "application/json";
      let why: string;
      try {
        const response = await fetch(url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs),
        });
        if (response.status < 500) {
          this.breaker.success();
          if (!response.ok) throw new AppError("upstream", `${name}: answered ${response.status}`);
          const text = await response.text();
          return (text === "" ? null : JSON.parse(text)) as T;
        }
        why = `answered ${response.status}`;
      } catch (e) {
        if (e instanceof AppError) throw e;
        why = e instanceof Error ? e.message : String(e);
      }
      this.breaker.failure();
      if (attempt >= retries) throw new AppError("upstream", `${name}: ${why}`);
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** Math.min(attempt + 1, 6)));
    }
  }

  /** Posts one GraphQL document to `/graphql` (with this client's timeout, retries and breaker)
   * and returns its `data`; an error in the answer throws an AppError. */
  async graphql(ctx: Ctx, query: string, variables: Record<string, unknown> = {}): Promise<unknown> {
    return graphqlData(this.options.name, await this.send<unknown>(ctx, "POST", "/graphql", { query, variables }));
  }
}

/** How the first error of a GraphQL answer maps to AppError, by its `extensions.code`. */
const GRAPHQL_CODES: Record<string, ErrorCode | undefined> = {
  UNAUTHENTICATED: "unauthorized",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not_found",
  BAD_USER_INPUT: "bad_request",
  GRAPHQL_PARSE_FAILED: "bad_request",
  GRAPHQL_VALIDATION_FAILED: "bad_request",
};

/** The `data` of a GraphQL answer, or its first error thrown as an AppError. */
export function graphqlData(name: string, answer: unknown): unknown {
  if (typeof answer !== "object" || answer === null) throw new AppError("upstream", `${name}: not a GraphQL answer`);
  const { data, errors } = answer as { data?: unknown; errors?: unknown };
  if (Array.isArray(errors) && errors.length > 0) {
    const first: unknown = errors[0];
    const error = (typeof first === "object" && first !== null ? first : {}) as { message?: unknown; extensions?: { code?: unknown } };
    const code = typeof error.extensions?.code === "string" ? GRAPHQL_CODES[error.extensions.code] : undefined;
    const message = typeof error.message === "string" ? error.message : "GraphQL error";
    throw new AppError(code ?? "upstream", `${name}: ${message}`);
  }
  return data ?? null;
}

export function segment(value: string): string {
  return encodeURIComponent(value);
}
