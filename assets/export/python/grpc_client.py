"""What every outgoing gRPC client shares: one grpc.aio channel per server (cleartext HTTP/2
for ``http://``, TLS for ``https://``), the call's deadline, retries with backoff on UNAVAILABLE
and DEADLINE_EXCEEDED, the circuit breaker of the HTTP client of the same peer, the request id
and credentials as metadata, and status codes mapped to AppError."""

import asyncio
import socket
import ssl
import typing as _t
import urllib.parse

import grpc

from .context import REQUEST_ID, Ctx
from .errors import AppError
from .http import HttpClient
from .logs import log

# Worth another try, as the HTTP client retries timeouts and 5xx answers.
RETRY = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)
# Count against the circuit breaker: the server failed, not the request.
FAILURES = RETRY + (grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN, grpc.StatusCode.DATA_LOSS)
# What the server said about the request, as our error; anything else is "upstream".
CODES = {
    grpc.StatusCode.INVALID_ARGUMENT: "bad_request",
    grpc.StatusCode.OUT_OF_RANGE: "bad_request",
    grpc.StatusCode.UNAUTHENTICATED: "unauthorized",
    grpc.StatusCode.PERMISSION_DENIED: "forbidden",
    grpc.StatusCode.NOT_FOUND: "not_found",
    grpc.StatusCode.ALREADY_EXISTS: "conflict",
    grpc.StatusCode.ABORTED: "conflict",
    grpc.StatusCode.RESOURCE_EXHAUSTED: "too_many_requests",
}

Method = _t.Callable[[grpc.aio.Channel], _t.Callable[..., _t.Awaitable[_t.Any]]]


class GrpcClient:
    """Calls the RPCs of one server; name, timeout, retries and breaker come from ``http``."""

    def __init__(self, http: HttpClient, url: str, ca: _t.Optional[str], ca_var: str) -> None:
        parts = urllib.parse.urlsplit(url)
        try:
            port = parts.port
        except ValueError:
            port = None
        if parts.scheme not in ("http", "https") or not parts.hostname or port is None:
            raise ValueError(f"{http.name}: the gRPC address {url!r} is not http://host:port or https://host:port")
        self.http = http
        self.tls = parts.scheme == "https"
        self.host = parts.hostname
        self.port = port
        self.target = parts.netloc
        self.ca = ca
        self.ca_var = ca_var
        self._channel: _t.Optional[grpc.aio.Channel] = None
        self._loop: _t.Optional[asyncio.AbstractEventLoop] = None

    async def call(self, ctx: Ctx, rpc: str, method: Method, request: _t.Any) -> _t.Any:
        """Sends ``request`` to ``method`` of the stub on this client's channel."""
        http = self.http
        if http.circuit_open():
            raise AppError("upstream", f"{http.name}: circuit open")
        metadata = [(REQUEST_ID, ctx.request_id)]
        if http.relay_credentials and ctx.authorization:
            metadata.append(("authorization", ctx.authorization))
        if http.relay_credentials and ctx.api_key:
            metadata.append(("x-api-key", ctx.api_key))
        attempt = 0
        while True:
            log.info("calling", extra={"request_id": ctx.request_id, "peer": http.name, "rpc": rpc, "attempt": attempt})
            try:
                channel = await self.channel()
                answer = await method(channel)(request, timeout=http.timeout, metadata=metadata)
                http.record(True)
                return answer
            except grpc.aio.AioRpcError as e:
                code = e.code()
                if code not in FAILURES:
                    http.record(True)  # the server answered
                    raise AppError(CODES.get(code, "upstream"), f"{http.name}: {code.name}: {e.details()}") from None
                why = f"{code.name}: {e.details()}"
                again = code in RETRY
            except OSError as e:  # the TLS server's certificate could not be fetched
                why = str(e) or type(e).__name__
                again = True
            http.record(False)
            if not again or attempt >= http.retries:
                raise AppError("upstream", f"{http.name}: {why}")
            attempt += 1
            await asyncio.sleep(0.1 * 2 ** min(attempt, 6))

    async def channel(self) -> grpc.aio.Channel:
        """The channel, opened on first use in the running event loop (a channel is bound to one)."""
        loop = asyncio.get_running_loop()
        if self._channel is None or self._loop is not loop:
            channel = await self._open()
            if self._channel is not None and self._loop is loop:
                await channel.close()  # another call opened one meanwhile
            else:
                self._channel, self._loop = channel, loop
        assert self._channel is not None
        return self._channel

    async def close(self) -> None:
        if self._channel is not None and self._loop is asyncio.get_running_loop():
            await self._channel.close()
        self._channel = None

    async def _open(self) -> grpc.aio.Channel:
        if not self.tls:
            return grpc.aio.insecure_channel(self.target)
        if self.ca:
            try:
                with open(self.ca, "rb") as f:
                    roots = f.read()
            except OSError as e:
                raise AppError("internal", f"{self.ca_var}: cannot read {self.ca}: {e}") from None
            return grpc.aio.secure_channel(self.target, grpc.ssl_channel_credentials(root_certificates=roots))
        pem, name = await asyncio.to_thread(presented_certificate, self.host, self.port)
        log.warning(
            "trusting the gRPC server's certificate unverified",
            extra={"peer": self.http.name, "address": self.target, "hint": f"set {self.ca_var} to its CA's PEM file"},
        )
        return grpc.aio.secure_channel(
            self.target,
            grpc.ssl_channel_credentials(root_certificates=pem),
            options=[("grpc.ssl_target_name_override", name)],
        )


def presented_certificate(host: str, port: int) -> _t.Tuple[bytes, str]:
    """The certificate the server at host:port presents, and the (first DNS) name it is for.

    grpc cannot skip verification, so the client trusts exactly this certificate."""
    pem = ssl.get_server_certificate((host, port), timeout=5)
    context = ssl.create_default_context(cadata=pem)
    context.check_hostname = False
    try:
        with socket.create_connection((host, port), timeout=5) as sock:
            with context.wrap_socket(sock, server_hostname=host) as tls:
                cert = tls.getpeercert() or {}
    except ssl.SSLError:
        return pem.encode(), host
    names = [str(value) for key, value in cert.get("subjectAltName", ()) if key == "DNS"]
    return pem.encode(), names[0] if names else host
