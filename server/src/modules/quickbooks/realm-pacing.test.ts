import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSettle } from '../../app/bootstrap.js';
import { startSecondApi, startTestSettle, type TestSettle } from '../../../test/harness.js';
import { quickBooksOf } from './quickbooks.integration.js';

/**
 * Intuit limits requests per company (500 a minute in production), whichever Settle process sends them.
 * Paced in each process's memory, two processes (two workers, or an API process asking QuickBooks while
 * a worker syncs) sent twice the configured rate, and Intuit's 429s for the excess spent the operations'
 * attempts until they failed for a person to see.
 */
let s: TestSettle;
let other: RunningSettle;
beforeAll(async () => {
  s = await startTestSettle({ worker: false });
  other = await startSecondApi(s);
});
afterAll(async () => {
  await other?.stop();
  await s?.close();
});

describe('QuickBooks pacing per company', () => {
  it('holds across processes: two processes together send at the configured rate, not twice it', async () => {
    const realm = `realm-${Date.now()}`;
    const pacers = [quickBooksOf(s.container).connections.pacer, quickBooksOf(other.container).connections.pacer];
    const started = Date.now();
    const starts = await Promise.all(
      Array.from({ length: 12 }, (_, n) => pacers[n % 2]!.wait(realm, 10).then(() => Date.now() - started)),
    );
    starts.sort((a, b) => a - b);
    // 12 requests at 10 a second: the last starts 1.1 s after the first (each process alone would take 0.5 s).
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(1_000);
    const gaps = starts.slice(1).map((t, n) => t - starts[n]!);
    // Never two at once (the slots are 100 ms apart; timers and round trips move each by a few ms).
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(50);
  });

  it('another company has slots of its own', async () => {
    const pacer = quickBooksOf(s.container).connections.pacer;
    const started = Date.now();
    await Promise.all([pacer.wait(`a-${started}`, 10), pacer.wait(`b-${started}`, 10), pacer.wait(`c-${started}`, 10)]);
    expect(Date.now() - started).toBeLessThan(90);
  });
});
