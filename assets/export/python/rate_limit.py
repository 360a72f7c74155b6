"""Rate limiting: a token bucket per caller (client IP), refilled at the model's rate."""

import threading
import time
import typing as _t

from fastapi import Request

from .errors import AppError

PER_MINUTE = __PER_MINUTE__


class RateLimiter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buckets: _t.Dict[str, _t.Tuple[float, float]] = {}

    def allow(self, caller: str, now: float) -> bool:
        with self._lock:
            if len(self._buckets) > 100_000:
                self._buckets.clear()
            tokens, last = self._buckets.get(caller, (float(PER_MINUTE), now))
            tokens = min(float(PER_MINUTE), tokens + (now - last) * PER_MINUTE / 60.0)
            allowed = tokens >= 1.0
            self._buckets[caller] = (tokens - 1.0 if allowed else tokens, now)
            return allowed


limiter = RateLimiter()


async def limit(request: Request) -> None:
    caller = request.client.host if request.client else "unknown"
    if not limiter.allow(caller, time.monotonic()):
        raise AppError("too_many_requests", "slow down")
