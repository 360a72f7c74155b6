// What every outgoing HTTP client shares: timeout, retries with backoff, a circuit breaker,
// the request id header, and errors mapped to AppError.

import type { Ctx } from "./context";
import { REQUEST_ID } from "./context";
import { AppError } from "./errors";

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
}

export function segment(value: string): string {
  return encodeURIComponent(value);
}
