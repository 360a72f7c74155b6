// Messaging: a typed producer per topic this service publishes to, a consumer loop per topic
// it consumes. Broker keeps the broker's address and, until a real client is plugged in
// (kafkajs, amqplib, nats), carries messages inside this process and logs every one: the seam
// is Broker.send and Broker.receive.

import type { FastifyBaseLogger } from "fastify";

import type { Ctx } from "./context";
import { backgroundCtx } from "./context";

export class Broker {
  private readonly queues = new Map<string, Buffer[]>();

  constructor(readonly url: string) {}

  async send(topic: string, payload: Buffer): Promise<void> {
    const queue = this.queues.get(topic) ?? [];
    queue.push(payload);
    this.queues.set(topic, queue);
  }

  async receive(topic: string): Promise<Buffer | undefined> {
    return this.queues.get(topic)?.shift();
  }
}

export class Producer<T> {
  constructor(
    private readonly broker: Broker,
    private readonly topic: string,
    private readonly log: FastifyBaseLogger,
  ) {}

  async publish(ctx: Ctx, message: T): Promise<void> {
    const payload = Buffer.from(JSON.stringify(message));
    this.log.info({ requestId: ctx.requestId, topic: this.topic, broker: this.broker.url, bytes: payload.length }, "published");
    await this.broker.send(this.topic, payload);
  }
}

/** Receives messages from `topic` and hands each to `handle` until `signal` aborts. */
export async function consume<T>(
  broker: Broker,
  topic: string,
  log: FastifyBaseLogger,
  handle: (ctx: Ctx, message: T) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  log.info({ topic, broker: broker.url }, "consuming");
  let idle = 100;
  while (!signal.aborted) {
    const bytes = await broker.receive(topic);
    if (bytes === undefined) {
      await new Promise((resolve) => setTimeout(resolve, idle));
      idle = Math.min(idle * 2, 5000);
      continue;
    }
    idle = 100;
    const ctx = backgroundCtx();
    try {
      await handle(ctx, JSON.parse(bytes.toString("utf8")) as T);
    } catch (e) {
      log.error({ requestId: ctx.requestId, topic, error: String(e) }, "message failed");
    }
  }
}
