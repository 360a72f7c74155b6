// An in-process hub: what is published reaches every subscriber listening at that moment.
// The service layer keeps one per GraphQL subscription; the subscription streams from it.

/** Fans published values out to its subscribers, each an async iterator. */
export class Hub<T> {
  private readonly subscribers = new Set<Subscriber<T>>();

  /** Sends `value` to every current subscriber. */
  publish(value: T): void {
    for (const s of this.subscribers) s.push(value);
  }

  /** How many subscribers listen now. */
  get size(): number {
    return this.subscribers.size;
  }

  /** A stream of the values published from now on; `return()` ends it. */
  subscribe(): AsyncIterableIterator<T> {
    const s = new Subscriber<T>(() => this.subscribers.delete(s));
    this.subscribers.add(s);
    return s;
  }
}

class Subscriber<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private readonly waiting: ((r: IteratorResult<T>) => void)[] = [];
  private done = false;

  constructor(private readonly leave: () => void) {}

  push(value: T): void {
    const next = this.waiting.shift();
    if (next) next({ value, done: false });
    else this.queue.push(value);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift() as T, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.done = true;
    this.queue.length = 0;
    this.leave();
    for (const w of this.waiting.splice(0)) w({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
