// The service's error type and the HTTP status each error maps to.

export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_many_requests"
  | "upstream"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  upstream: 502,
  internal: 500,
};

/** Everything a request can fail with; `status` is the HTTP status it maps to. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.status = STATUS[code];
  }
}

/** Converts one JSON-compatible value into another type (a forwarded answer). */
export function convert<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}
