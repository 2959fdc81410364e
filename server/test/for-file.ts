import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import type { RunningSettle } from '../src/app/bootstrap.js';
import { billingFixture } from './fixtures.js';
import { withDatabase } from './global-setup.js';
import { createOrgWithOwner, startSecondApi, startTestSettle, type TestSettle } from './harness.js';

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

/**
 * Settle without its worker, and a second API process on its database (see startSecondApi) whose caches
 * are its own, for this file's tests. The second process stops first (hooks run in reverse after the tests).
 */
export function twoApisForFile(): { s: TestSettle; other: RunningSettle } {
  const s = settleForFile({ worker: false });
  const other = forFile(async () => {
    const api = await startSecondApi(s);
    return { ...api, close: () => api.stop() };
  }, 'the second API process');
  return { s, other };
}

/**
 * The URL of an empty database (no migrations: not the template's clone) that exists, `fill(url)` run on
 * it, before the enclosing suite's tests, and is dropped after them. `label` ends its name.
 */
export function emptyDatabaseForSuite(label: string, fill?: (url: string) => Promise<void>): string {
  const serverUrl = inject('serverUrl');
  const name = `settle_t_${process.pid}_${Date.now()}_${label}`;
  const url = withDatabase(serverUrl, name);
  const admin = new pg.Client({ connectionString: serverUrl });
  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await fill?.(url);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  return url;
}

/** An org with its owner signed in, made once Settle runs (see createOrgWithOwner). */
export const orgForFile = (s: TestSettle, name?: string) =>
  forFile(() => createOrgWithOwner(s, name), name ?? 'the org');

/** An org (see orgForFile) with billing data of its own (see billingFixture, `opts`), made once Settle runs. */
export function billedOrgForFile(s: TestSettle, name: string, opts: Parameters<typeof billingFixture>[2] = {}) {
  const a = orgForFile(s, name);
  const f = forFile(() => billingFixture(s.container, a.org.id, opts), `the billing data of ${name}`);
  return { a, f };
}

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
