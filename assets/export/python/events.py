"""Messaging: a typed producer per topic this service publishes to, a consumer loop per topic
it consumes. Broker keeps the broker's address and, until a real client is plugged in
(aiokafka, aio-pika, nats-py), carries messages inside this process and logs every one: the
seam is Broker.send and Broker.receive."""

import asyncio
import collections
import json
import typing as _t

import pydantic

from .context import Ctx, background_ctx
from .logs import log

T = _t.TypeVar("T")


class Broker:
    def __init__(self, url: str) -> None:
        self.url = url
        self._queues: _t.Dict[str, _t.Deque[bytes]] = collections.defaultdict(collections.deque)

    async def send(self, topic: str, payload: bytes) -> None:
        self._queues[topic].append(payload)

    async def receive(self, topic: str) -> _t.Optional[bytes]:
        queue = self._queues.get(topic)
        return queue.popleft() if queue else None


class Producer(_t.Generic[T]):
    def __init__(self, broker: Broker, topic: str) -> None:
        self.broker = broker
        self.topic = topic

    async def publish(self, ctx: Ctx, message: T) -> None:
        data = message.model_dump(by_alias=True) if isinstance(message, pydantic.BaseModel) else message
        payload = json.dumps(data, default=str).encode()
        log.info("published", extra={"request_id": ctx.request_id, "topic": self.topic, "broker": self.broker.url, "bytes": len(payload)})
        await self.broker.send(self.topic, payload)


async def consume(broker: Broker, topic: str, parse: _t.Callable[[_t.Any], T], handle: _t.Callable[[Ctx, T], _t.Awaitable[None]]) -> None:
    log.info("consuming", extra={"topic": topic, "broker": broker.url})
    idle = 0.1
    while True:
        payload = await broker.receive(topic)
        if payload is None:
            await asyncio.sleep(idle)
            idle = min(idle * 2, 5.0)
            continue
        idle = 0.1
        ctx = background_ctx()
        try:
            await handle(ctx, parse(json.loads(payload)))
        except Exception as e:  # one bad message must not stop the loop
            log.error("message failed", extra={"request_id": ctx.request_id, "topic": topic, "error": str(e)})
