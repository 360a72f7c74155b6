"""An in-process hub: what is published reaches every subscriber listening at that moment.

The service layer keeps one per GraphQL subscription; the subscription streams from it.
``publish`` may be called from any thread (a consumer's, a test's): each subscriber gets the
value on its own event loop.
"""

import asyncio
import threading
import typing as _t

T = _t.TypeVar("T")


class Subscriber(_t.Generic[T]):
    """One subscriber's stream: an async iterator of the values published after it joined."""

    def __init__(self, leave: _t.Callable[["Subscriber[T]"], None]) -> None:
        self._leave = leave
        self._loop = asyncio.get_running_loop()
        self._queue: "asyncio.Queue[T]" = asyncio.Queue()
        self._closed = False

    def push(self, value: T) -> None:
        try:
            running: _t.Optional[asyncio.AbstractEventLoop] = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self._loop:
            self._queue.put_nowait(value)
        else:
            self._loop.call_soon_threadsafe(self._queue.put_nowait, value)

    def __aiter__(self) -> "Subscriber[T]":
        return self

    async def __anext__(self) -> T:
        if self._closed:
            raise StopAsyncIteration
        return await self._queue.get()

    async def aclose(self) -> None:
        """Ends the stream and leaves the hub."""
        if not self._closed:
            self._closed = True
            self._leave(self)


class Hub(_t.Generic[T]):
    """Fans published values out to its subscribers."""

    def __init__(self) -> None:
        self._subscribers: _t.Set[Subscriber[T]] = set()
        self._lock = threading.Lock()

    def publish(self, value: T) -> None:
        """Sends ``value`` to every current subscriber."""
        with self._lock:
            subscribers = list(self._subscribers)
        for s in subscribers:
            s.push(value)

    def subscribe(self) -> Subscriber[T]:
        """A stream of the values published from now on (call it on the event loop);
        ``aclose()`` ends it."""
        s: Subscriber[T] = Subscriber(self._leave)
        with self._lock:
            self._subscribers.add(s)
        return s

    def __len__(self) -> int:
        with self._lock:
            return len(self._subscribers)

    def _leave(self, s: Subscriber[T]) -> None:
        with self._lock:
            self._subscribers.discard(s)
