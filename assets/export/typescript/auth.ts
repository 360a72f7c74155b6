// Authentication for the endpoints that require it.
//
// JWT and OAuth 2 access tokens: `Authorization: Bearer <token>`, HS256-signed with the key in
// JWT_SECRET, `exp` checked. API keys: `X-API-Key`, one of the comma-separated API_KEYS.
// mTLS: the TLS-terminating proxy verifies the client certificate and sets
// `X-Client-Verify: SUCCESS`. Secrets come only from the environment.

import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";

import type { Config } from "./config";
import { AppError } from "./errors";

export type Scheme = "jwt" | "apiKey" | "mtls";
export const SCHEME: Scheme = "__SCHEME__";

function b64url(data: Buffer): string {
  return data.toString("base64url");
}

export function signJwt(claims: object, secret: string): string {
  const header = b64url(Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })));
  const payload = b64url(Buffer.from(JSON.stringify(claims)));
  const signature = b64url(createHmac("sha256", secret).update(`${header}.${payload}`).digest());
  return `${header}.${payload}.${signature}`;
}

export function verifyJwt(token: string, secret: string, nowSeconds: number): Record<string, unknown> {
  const parts = token.split(".");
  if (parts.length !== 3) throw new AppError("unauthorized", "invalid token: not three parts");
  const [header, payload, signature] = parts as [string, string, string];
  let parsedHeader: { alg?: unknown };
  let claims: Record<string, unknown>;
  try {
    parsedHeader = JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg?: unknown };
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    throw new AppError("unauthorized", "invalid token: unreadable");
  }
  if (parsedHeader.alg !== "HS256") throw new AppError("unauthorized", "invalid token: only HS256 is accepted");
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError("unauthorized", "invalid token: wrong signature");
  }
  const exp = claims["exp"];
  if (typeof exp === "number" && exp <= nowSeconds) throw new AppError("unauthorized", "invalid token: expired");
  return claims;
}

export function requireAuth(config: Config) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = (name: string): string | undefined => {
      const v = request.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    if (SCHEME === "jwt") {
      const auth = header("authorization");
      if (!auth || !auth.startsWith("Bearer ")) throw new AppError("unauthorized", "a bearer token is required");
      if (!config.jwtSecret) throw new AppError("internal", "JWT_SECRET is not set");
      verifyJwt(auth.slice("Bearer ".length), config.jwtSecret, Math.floor(Date.now() / 1000));
    } else if (SCHEME === "apiKey") {
      const key = header("x-api-key");
      if (!key) throw new AppError("unauthorized", "an X-API-Key header is required");
      const given = Buffer.from(key);
      const known = config.apiKeys.some((k) => {
        const candidate = Buffer.from(k);
        return candidate.length === given.length && timingSafeEqual(candidate, given);
      });
      if (!known) throw new AppError("unauthorized", "unknown API key");
    } else if (header("x-client-verify") !== "SUCCESS") {
      throw new AppError("unauthorized", "a verified client certificate is required");
    }
  };
}
