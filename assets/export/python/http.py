"""What every outgoing HTTP client shares: timeout, retries with backoff, a circuit breaker,
the request id header, and errors mapped to AppError."""

import asyncio
import time
import typing as _t
import urllib.parse

import httpx

from .context import REQUEST_ID, Ctx
from .errors import AppError
from .logs import log

BREAKER_THRESHOLD = 5
BREAKER_OPEN_SECONDS = 30.0


class HttpClient:
    def __init__(self, name: str, base: str, timeout_ms: _t.Optional[int], retries: int, breaker: bool, relay_credentials: bool) -> None:
        self.name = name
        self.base = base.rstrip("/")
        self.timeout = None if timeout_ms is None else timeout_ms / 1000.0
        self.retries = retries
        self.breaker = breaker
        self.relay_credentials = relay_credentials
        self._failures = 0
        self._open_until = 0.0

    def circuit_open(self) -> bool:
        """Whether the breaker stops calls for now (after BREAKER_THRESHOLD failures in a row)."""
        return self.breaker and time.monotonic() < self._open_until

    def record(self, ok: bool) -> None:
        """Counts an answer (ok) or a failure; the gRPC client of the same peer shares the count."""
        if ok:
            self._failures = 0
            return
        self._failures += 1
        if self.breaker and self._failures >= BREAKER_THRESHOLD:
            self._open_until = time.monotonic() + BREAKER_OPEN_SECONDS

    async def send(self, ctx: Ctx, method: str, path: str, body: _t.Any = None) -> _t.Any:
        if self.circuit_open():
            raise AppError("upstream", f"{self.name}: circuit open")
        headers = {REQUEST_ID: ctx.request_id}
        if self.relay_credentials and ctx.authorization:
            headers["authorization"] = ctx.authorization
        if self.relay_credentials and ctx.api_key:
            headers["x-api-key"] = ctx.api_key
        attempt = 0
        while True:
            log.info("calling", extra={"request_id": ctx.request_id, "peer": self.name, "method": method, "path": path, "attempt": attempt})
            try:
                async with httpx.AsyncClient(timeout=self.timeout) as client:
                    response = await client.request(method, self.base + path, headers=headers, json=body)
                if response.status_code < 500:
                    self.record(True)
                    if response.status_code >= 400:
                        raise AppError("upstream", f"{self.name}: answered {response.status_code}")
                    return response.json() if response.content else None
                why = f"answered {response.status_code}"
            except httpx.HTTPError as e:
                why = str(e) or type(e).__name__
            self.record(False)
            if attempt >= self.retries:
                raise AppError("upstream", f"{self.name}: {why}")
            attempt += 1
            await asyncio.sleep(0.1 * 2 ** min(attempt, 6))

    async def graphql(self, ctx: Ctx, query: str, variables: _t.Optional[_t.Dict[str, _t.Any]] = None) -> _t.Any:
        """Posts one GraphQL document to ``/graphql`` (with this client's timeout, retries and
        breaker) and returns its ``data``; an error in the answer raises AppError."""
        answer = await self.send(ctx, "POST", "/graphql", {"query": query, "variables": variables or {}})
        return graphql_data(self.name, answer)


# How the first error of a GraphQL answer maps to AppError, by its ``extensions.code``.
GRAPHQL_CODES = {
    "UNAUTHENTICATED": "unauthorized",
    "FORBIDDEN": "forbidden",
    "NOT_FOUND": "not_found",
    "BAD_USER_INPUT": "bad_request",
    "GRAPHQL_PARSE_FAILED": "bad_request",
    "GRAPHQL_VALIDATION_FAILED": "bad_request",
}


def graphql_data(name: str, answer: _t.Any) -> _t.Any:
    """The ``data`` of a GraphQL answer, or its first error raised as an AppError."""
    if not isinstance(answer, dict):
        raise AppError("upstream", f"{name}: not a GraphQL answer")
    errors = answer.get("errors") or []
    if errors:
        first = errors[0] if isinstance(errors[0], dict) else {}
        code = (first.get("extensions") or {}).get("code", "")
        raise AppError(GRAPHQL_CODES.get(code, "upstream"), f"{name}: {first.get('message', 'GraphQL error')}")
    return answer.get("data")


def segment(value: str) -> str:
    return urllib.parse.quote(value, safe="")
