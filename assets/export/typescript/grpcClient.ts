// What every outgoing gRPC client shares: the called contracts loaded from proto/ at start-up,
// a deadline per attempt, retries on UNAVAILABLE and DEADLINE_EXCEEDED with backoff, the HTTP
// client's circuit breaker, the request id and credentials as metadata, and status codes
// mapped to AppError.

import * as fs from "node:fs";
import * as path from "node:path";

import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import type { FastifyBaseLogger } from "fastify";

import type { Ctx } from "./context";
import { REQUEST_ID } from "./context";
import { AppError, type ErrorCode } from "./errors";
import type { Breaker } from "./http";

/**
 * The project's copies of the contracts: `proto/` beside `dist/` (the compiled
 * `dist/src/grpcClient.js`), or beside the compiled `src/` when a build puts the project in a
 * folder of its own.
 */
export const PROTO_DIR =
  [path.join(__dirname, "..", "proto"), path.join(__dirname, "..", "..", "proto")].find((dir) => fs.existsSync(dir)) ??
  path.join(__dirname, "..", "..", "proto");

/** Status codes worth another attempt: the server was not reached or did not answer in time. */
const RETRIED = new Set<grpc.status>([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED]);

/** Status codes that count against the circuit breaker, like an HTTP 5xx or a network error. */
const FAILURES = new Set<grpc.status>([
  grpc.status.UNAVAILABLE,
  grpc.status.DEADLINE_EXCEEDED,
  grpc.status.INTERNAL,
  grpc.status.UNKNOWN,
  grpc.status.DATA_LOSS,
]);

/** What a refusal of the server means to our callers; anything else is an upstream failure. */
const CODES = new Map<grpc.status, ErrorCode>([
  [grpc.status.INVALID_ARGUMENT, "bad_request"],
  [grpc.status.OUT_OF_RANGE, "bad_request"],
  [grpc.status.FAILED_PRECONDITION, "bad_request"],
  [grpc.status.UNAUTHENTICATED, "unauthorized"],
  [grpc.status.PERMISSION_DENIED, "forbidden"],
  [grpc.status.NOT_FOUND, "not_found"],
  [grpc.status.ALREADY_EXISTS, "conflict"],
  [grpc.status.ABORTED, "conflict"],
  [grpc.status.RESOURCE_EXHAUSTED, "too_many_requests"],
]);

export interface GrpcClientOptions {
  /** The component called, for messages. */
  name: string;
  /** `http://host:port` (cleartext HTTP/2) or `https://host:port` (TLS). */
  address: string;
  /** The variable naming the PEM file of the certificates to trust, for messages. */
  caVar: string;
  /** That file, if set; unset, a TLS server's certificate is accepted unverified. */
  ca?: string;
  /** The called contracts, in proto/. */
  files: string[];
  timeoutMs?: number;
  retries: number;
  /** The HTTP client's breaker, when the model asks for one. */
  breaker?: Breaker;
  relayCredentials: boolean;
  log: FastifyBaseLogger;
}

/** Loads contracts of proto/ with the server's options: `.proto` field names, 64-bit integers as
 * strings, every field present, so messages have the shape of src/messages/. */
export function loadContracts(files: string[]): protoLoader.PackageDefinition {
  return protoLoader.loadSync(
    files.map((f) => path.join(PROTO_DIR, f)),
    { includeDirs: [PROTO_DIR], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true },
  );
}

/** The CA variables already warned about: one warning per process, however many clients. */
const WARNED = new Set<string>();

/** `host:port` and the channel credentials of `address`. */
function channel(options: GrpcClientOptions): { target: string; credentials: grpc.ChannelCredentials } {
  const { name, address, caVar, ca, log } = options;
  const match = /^(https?):\/\/([^/]+)\/?$/.exec(address.trim());
  if (!match) throw new Error(`${name}: the gRPC address ${JSON.stringify(address)} is not http://host:port or https://host:port`);
  const [, scheme, target = ""] = match;
  if (scheme === "http") return { target, credentials: grpc.credentials.createInsecure() };
  if (ca) {
    let pem: Buffer;
    try {
      pem = fs.readFileSync(ca);
    } catch (e) {
      throw new Error(`${caVar}: cannot read ${ca}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return { target, credentials: grpc.credentials.createSsl(pem) };
  }
  if (!WARNED.has(caVar)) {
    WARNED.add(caVar);
    log.warn({ peer: name }, `${caVar} is not set: the certificate of ${name} is accepted unverified`);
  }
  return { target, credentials: grpc.credentials.createSsl(null, null, null, { rejectUnauthorized: false }) };
}

export class GrpcClient {
  private readonly definitions: protoLoader.PackageDefinition;
  private readonly clients = new Map<string, grpc.Client>();
  private readonly target: string;
  private readonly credentials: grpc.ChannelCredentials;

  constructor(private readonly options: GrpcClientOptions) {
    ({ target: this.target, credentials: this.credentials } = channel(options));
    this.definitions = loadContracts(options.files);
  }

  /** The client of service `name` (`package.Service`), made on first use. */
  private client(name: string): grpc.Client {
    let client = this.clients.get(name);
    if (!client) {
      client = new grpc.Client(this.target, this.credentials);
      this.clients.set(name, client);
    }
    return client;
  }

  /** The method `rpc` of service `service` (`package.Service`). */
  private method(service: string, rpc: string): grpc.MethodDefinition<unknown, unknown> {
    const found = this.definitions[service];
    if (found === undefined || "format" in found) throw new AppError("internal", `${service} is not a service of proto/`);
    const method = (found as grpc.ServiceDefinition)[rpc];
    if (!method) throw new AppError("internal", `${service} has no rpc ${rpc}`);
    return method;
  }

  /** Calls `rpc` of `service` with the ctx's request id and credentials. */
  async unary<Req, Res>(ctx: Ctx, service: string, rpc: string, request: Req): Promise<Res> {
    const { name, timeoutMs, retries, breaker, relayCredentials } = this.options;
    breaker?.check(name);
    const method = this.method(service, rpc);
    const client = this.client(service);
    for (let attempt = 0; ; attempt++) {
      const metadata = new grpc.Metadata();
      metadata.set(REQUEST_ID, ctx.requestId);
      if (relayCredentials && ctx.authorization) metadata.set("authorization", ctx.authorization);
      if (relayCredentials && ctx.apiKey) metadata.set("x-api-key", ctx.apiKey);
      const options: grpc.CallOptions = timeoutMs === undefined ? {} : { deadline: Date.now() + timeoutMs };
      try {
        const reply = await new Promise<unknown>((resolve, reject) => {
          client.makeUnaryRequest(method.path, method.requestSerialize, method.responseDeserialize, request, metadata, options, (e, value) =>
            e ? reject(e) : resolve(value),
          );
        });
        breaker?.success();
        return reply as Res;
      } catch (e) {
        const error = e as Partial<grpc.ServiceError>;
        const code = typeof error.code === "number" ? error.code : grpc.status.UNKNOWN;
        const why = `${name}: ${grpc.status[code] ?? code} ${error.details ?? String(e)}`;
        if (!FAILURES.has(code)) {
          breaker?.success();
          throw new AppError(CODES.get(code) ?? "upstream", why);
        }
        breaker?.failure();
        if (!RETRIED.has(code) || attempt >= retries) throw new AppError("upstream", why);
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** Math.min(attempt + 1, 6)));
      }
    }
  }

  /** Closes the channels. */
  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}
