import { describe, it, expect } from 'vitest';
import type Stripe from 'stripe';
import { sdk, startEmulator } from '../testing.js';

const SOCKETS = 32;

/** Blocks the event loop until `until` (ms since the epoch): a client busy with other work, as a worker is. */
function busyUntil(until: number): void {
  while (Date.now() < until) {
    /* spin */
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every attempt the SDK sends, retries included (it retries a reset socket once even with retries off). */
function countAttempts(stripe: Stripe): { n: number } {
  const count = { n: 0 };
  stripe.on('request', () => count.n++);
  return count;
}

describe('kept-alive connections', () => {
  it('a burst after the SDK sat idle for a few seconds, busy at the end, reuses every socket without a reset', async () => {
    const emu = await startEmulator();
    try {
      const stripe = sdk(emu);
      const attempts = countAttempts(stripe);
      // Many sockets in the SDK's keep-alive pool, as a worker's parallel reads leave them.
      await Promise.all(Array.from({ length: SOCKETS }, () => stripe.customers.list({ limit: 1 })));
      const idleFrom = Date.now();
      await sleep(5_800);
      // The client is busy across the moment a 5 s keep-alive server closes idle sockets (Node 20: 6 s), so
      // it reads none of those closes, then sends a burst. The SDK's pool keeps a socket until the server
      // closes it, so the server must keep idle sockets longer than any client idles.
      busyUntil(idleFrom + 6_500);
      attempts.n = 0;
      const results = await Promise.allSettled(
        Array.from({ length: SOCKETS }, () => stripe.customers.list({ limit: 1 })),
      );
      const failed = results.filter((r) => r.status === 'rejected');
      expect(failed.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      // A socket the emulator closed under the burst shows as a second attempt (ECONNRESET retried once).
      expect(attempts.n).toBe(SOCKETS);
    } finally {
      await emu.close();
    }
  }, 20_000);

  it('close() ends promptly with idle kept-alive sockets still open', async () => {
    const emu = await startEmulator();
    const stripe = sdk(emu);
    await Promise.all(Array.from({ length: 8 }, () => stripe.customers.list({ limit: 1 })));
    const started = Date.now();
    await emu.close();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
