/**
 * The in-process pub/sub GraphQL subscriptions read: `publish(topic, payload)` hands the payload to every
 * subscriber of the topic, in order, with plain calls. A subscription is an async iterator with a queue
 * of its own. @graphql-yoga/subscription did the same through an EventTarget (an event object and a
 * listener call per subscriber) and a Repeater per subscriber (a push, its promises and a queue of
 * pending calls per event): with a thousand subscribers to one invoice that was most of the time an
 * update took to leave the server.
 */
export function createPubSub<Topics extends Record<string, [unknown]>>() {
  const subscribers = new Map<keyof Topics, Set<Subscription<unknown>>>();
  return {
    publish<K extends keyof Topics>(topic: K, payload: Topics[K][0]): void {
      const set = subscribers.get(topic);
      if (!set) return;
      for (const s of [...set]) s.push(payload);
    },
    /** Listens from the iterator's first next() (as the Repeater did), until its return(). */
    subscribe<K extends keyof Topics>(topic: K): Subscription<Topics[K][0]> {
      return new Subscription<Topics[K][0]>((s) => {
        let set = subscribers.get(topic);
        if (!set) subscribers.set(topic, (set = new Set()));
        set.add(s as Subscription<unknown>);
        return () => {
          set.delete(s as Subscription<unknown>);
          if (!set.size && subscribers.get(topic) === set) subscribers.delete(topic);
        };
      });
    },
  };
}

/**
 * One subscriber's events. What arrives while nobody awaits waits in order; past MAX_QUEUED (a socket
 * that stopped reading) the subscription ends instead of holding memory without bound, and graphql-ws
 * completes it for the client.
 */
export class Subscription<T> implements AsyncIterableIterator<T> {
  static readonly MAX_QUEUED = 1_000;
  private queue: T[] = [];
  /** next() calls waiting for an event, oldest first (a consumer may ask again before it is answered). */
  private waiting: Array<(r: IteratorResult<T>) => void> = [];
  private leave: (() => void) | null = null;
  private done = false;

  constructor(private readonly join: (s: Subscription<T>) => () => void) {}

  push(value: T): void {
    if (this.done) return;
    const resolve = this.waiting.shift();
    if (resolve) resolve({ done: false, value });
    else if (this.queue.length < Subscription.MAX_QUEUED) this.queue.push(value);
    else void this.return();
  }

  next(): Promise<IteratorResult<T>> {
    if (!this.done && !this.leave) this.leave = this.join(this);
    if (this.queue.length) return Promise.resolve({ done: false, value: this.queue.shift()! });
    if (this.done) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.done = true;
    this.queue = [];
    const leave = this.leave;
    this.leave = null;
    leave?.();
    for (const resolve of this.waiting.splice(0)) resolve({ done: true, value: undefined });
    return Promise.resolve({ done: true, value: undefined });
  }

  throw(err?: unknown): Promise<IteratorResult<T>> {
    void this.return();
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
