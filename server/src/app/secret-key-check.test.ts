import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSettle, type RunningSettle } from './bootstrap.js';
import { freePort, startSecondApi, startTestSettle, type TestSettle } from '../../test/harness.js';

/**
 * Every process on one database seals and opens the provider secrets (Stripe keys, webhook signing
 * secrets, QuickBooks tokens) with one key. A process started with another (SETTLE_SECRET_KEY missing on
 * one host, so it generated a key of its own into its data dir) used to start and serve: the secrets the
 * others sealed failed to open in it (its pay pages and webhook acks failed), and what it sealed (a
 * Stripe key connected through it) no other process could open.
 */
let s: TestSettle;
beforeAll(async () => {
  s = await startTestSettle({ worker: false });
});
afterAll(async () => {
  await s?.close();
});

/** Settle on `s`'s database as an API process with this key. */
async function apiWithKey(secretKey: string): Promise<RunningSettle> {
  const port = await freePort();
  return startSettle(
    { ...s.container.config, port, publicUrl: `http://127.0.0.1:${port}`, runWorker: false, secretKey },
    s.container.databaseUrl,
  );
}

describe('one secret key per database', () => {
  it('a process whose key differs from the one the database was sealed with refuses to start', async () => {
    let other: RunningSettle | null = null;
    const started = apiWithKey('0b'.repeat(32)).then((r) => (other = r));
    await expect(started).rejects.toThrow(/SETTLE_SECRET_KEY/);
    await (other as RunningSettle | null)?.stop();
  });

  it('processes with the same key start side by side', async () => {
    const other = await startSecondApi(s);
    try {
      const sealed = other.container.secrets.seal('sealed by the second process');
      expect(s.container.secrets.open(sealed)).toBe('sealed by the second process');
    } finally {
      await other.stop();
    }
  });
});
