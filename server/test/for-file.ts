import { afterAll, beforeAll } from 'vitest';
import { createOrgWithOwner, startTestSettle, type TestSettle } from './harness.js';

type Closable = { close(): Promise<unknown> };

/**
 * What `make()` builds before this file's tests (`beforeAll`), closed after them (`afterAll`, when it
 * has a `close()`). The returned object stands for it from then on, so a file reads
 * `const s = settleForFile()` instead of a `let`, a `beforeAll` and an `afterAll`. Read it only inside
 * hooks and tests: before `beforeAll` has run there is nothing to read yet.
 */
export function forFile<T extends object>(make: () => Promise<T>, what = 'the file fixture'): T {
  let made: T | undefined;
  beforeAll(async () => {
    made = await make();
  });
  afterAll(async () => {
    if (made && typeof (made as Partial<Closable>).close === 'function') await (made as unknown as Closable).close();
  });
  const current = (): T => {
    if (!made) throw new Error(`${what} is read before its beforeAll has made it`);
    return made;
  };
  return new Proxy({} as T, {
    get: (_, key) => (key === 'then' && !made ? undefined : Reflect.get(current(), key)),
    set: (_, key, value) => Reflect.set(current(), key, value),
    has: (_, key) => Reflect.has(current(), key),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(current(), key);
      return d && { ...d, configurable: true };
    },
  });
}

/** A `close()` that closes `parts` one after the other, in the order given (Settle before the emulators it calls). */
export const closeInOrder =
  (...parts: Closable[]) =>
  async (): Promise<void> => {
    for (const part of parts) await part.close();
  };

/** Settle on its own database for this file's tests (see startTestSettle). */
export const settleForFile = (opts: Parameters<typeof startTestSettle>[0] = {}): TestSettle =>
  forFile(() => startTestSettle(opts), 'Settle');

/** An org with its owner signed in, made once Settle runs (see createOrgWithOwner). */
export const orgForFile = (s: TestSettle, name?: string) =>
  forFile(() => createOrgWithOwner(s, name), name ?? 'the org');

/** Counts the subscriptions Settle opens on its pub/sub, so a test knows when its subscribers are listening. */
export function countOpenedSubscriptions(s: TestSettle): { readonly opened: number } {
  const counter = { opened: 0 };
  const pubsub = s.container.pubsub;
  const subscribe = pubsub.subscribe.bind(pubsub);
  pubsub.subscribe = ((...args: Parameters<typeof subscribe>) => {
    counter.opened++;
    return subscribe(...args);
  }) as typeof pubsub.subscribe;
  return counter;
}
