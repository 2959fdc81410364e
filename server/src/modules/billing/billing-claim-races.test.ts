import { afterEach, describe, expect, it, vi } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { holding, settled, untilWaiting } from '../../../test/lock-races.js';
import { logger } from '../../platform/logger.js';
import { billingWorld } from './billing-test-kit.js';

/**
 * Two billing runners claiming one date of the same clients take the clients' run rows in id order. They
 * used to take them in the order each had read the clients (by name): a client renamed between the two
 * reads put them in opposite orders, and one batch died of 'deadlock detected' (billed again client by
 * client). A side transaction holds one run row so the two runners meet there in those orders.
 */
const s = settleForFile({ worker: false });

afterEach(() => vi.restoreAllMocks());

describe('two billing runners retrying the same failed date of two clients', () => {
  it('each claims the clients in one order: no batch fails, each client is billed once', async () => {
    const w = await billingWorld(s, { since: '2026-01-01' });
    const c = s.container;
    const first = w.f.client; // "Client"
    const second = await w.addClient('Beta'); // read before "Client" by name
    // January 1 failed for both, its retry due.
    await c.db.query(
      `INSERT INTO billing_runs (org_id, client_id, bill_date, status, message, next_attempt_at)
       SELECT $1, id, '2026-01-01', 'FAILED', 'worker died', '2026-01-01T12:00:00Z' FROM unnest($2::uuid[]) AS id`,
      [w.org.id, [first.id, second.id]],
    );
    const rename = (name: string) => c.db.query(`UPDATE clients SET name = $2 WHERE id = $1`, [second.id, name]);
    const warn = vi.spyOn(logger, 'warn');
    const now = new Date('2026-01-02T12:00:00Z');
    const run = () => settled(w.billing.runner.runDue({ orgId: w.org.id, now }));

    let b: ReturnType<typeof run> | undefined;
    let a: ReturnType<typeof run> | undefined;
    const lock = `SELECT id FROM billing_runs WHERE client_id = $1 AND bill_date = '2026-01-01' FOR UPDATE`;
    await holding(c.db, lock, [first.id], async () => {
      // One runner reads "Client" before "Zeta", the other (after the rename back) "Beta" before "Client".
      await rename('Zeta');
      b = run();
      await untilWaiting(c.db, 1, 'the first runner to wait on the held run');
      await rename('Beta');
      a = run();
      await untilWaiting(c.db, 2, 'the second runner to wait as it claims');
    });
    const [ra, rb] = [await a!, await b!];
    expect([ra.error, rb.error]).toEqual([undefined, undefined]);
    expect(ra.value!.billed + rb.value!.billed).toBe(2);
    // Neither batch was thrown out and billed again client by client.
    expect(warn.mock.calls.map((call) => call[1])).not.toContain(
      'billing batch failed; billing its clients one by one',
    );
    const runs = await w.runs();
    expect(runs.map((r) => [r.client_id, r.status === 'FAILED'])).toEqual(
      expect.arrayContaining([
        [first.id, false],
        [second.id, false],
      ]),
    );
    expect(await w.invoices()).toHaveLength(2);
  });
});
