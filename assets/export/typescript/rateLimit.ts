// Rate limiting: a token bucket per caller (client IP), refilled at the model's rate.

import type { FastifyRequest } from "fastify";

import { AppError } from "./errors";

export const PER_MINUTE = __PER_MINUTE__;

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; last: number }>();

  allow(caller: string, now: number): boolean {
    if (this.buckets.size > 100_000) this.buckets.clear();
    const bucket = this.buckets.get(caller) ?? { tokens: PER_MINUTE, last: now };
    bucket.tokens = Math.min(PER_MINUTE, bucket.tokens + ((now - bucket.last) / 60_000) * PER_MINUTE);
    bucket.last = now;
    const ok = bucket.tokens >= 1;
    if (ok) bucket.tokens -= 1;
    this.buckets.set(caller, bucket);
    return ok;
  }

  hook() {
    return async (request: FastifyRequest): Promise<void> => {
      if (!this.allow(request.ip, Date.now())) throw new AppError("too_many_requests", "slow down");
    };
  }
}
