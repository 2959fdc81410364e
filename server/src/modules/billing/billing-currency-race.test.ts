import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { eventually } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { billingWorld, runAtWithChangeAfterRead } from './billing-test-kit.js';

/**
 * A client's currency changing while a billing run is under way: the run read the client before the
 * transaction that writes its invoice, so it must hold the client row and read what it bills again there.
 */
const s = settleForFile({ worker: false });

/** Automatic billing of one client's approved November time (USD 100.00 or JPY 15,000 an hour). */
async function timeOnlyWorld() {
  const w = await billingWorld(s, { since: '2026-11-01', contract: null });
  await s.container.catalog.update(w.org.id, SYSTEM_ACTOR, w.f.service.id, {
    prices: [{ currency: 'JPY', unitAmount: 15000 }],
  });
  await w.f.approvedEntry(60, '2026-11-02');
  const toJpy = () => s.container.clients.update(w.org.id, SYSTEM_ACTOR, w.f.client.id, { currency: 'JPY' });
  const billed = async () => {
    const client = await s.container.clients.get(w.org.id, w.f.client.id);
    const invoices = (await s.container.db.query(
      `SELECT currency, total::int AS total FROM invoices WHERE client_id = $1`,
      [w.f.client.id],
    )) as Array<{ currency: string; total: number }>;
    return { currency: client.currency, invoices };
  };
  return { w, toJpy, billed };
}

describe('a billing run and a currency change', () => {
  it('a currency changed after the run read the client is billed in the new currency, at its price', async () => {
    const { w, toJpy, billed } = await timeOnlyWorld();
    // The run has read the org's clients (USD) when the change lands, before its transaction starts.
    await runAtWithChangeAfterRead(w, '2026-12-02', toJpy);
    // It used to be USD 100.00 on a client billed in JPY.
    expect(await billed()).toEqual({ currency: 'JPY', invoices: [{ currency: 'JPY', total: 15000 }] });
  });

  it('a currency change while the run waits inside its transaction waits for the run, then is refused', async () => {
    const { w, toJpy, billed } = await timeOnlyWorld();
    const [entry] = (await s.container.db.query(`SELECT id FROM time_entries WHERE client_id = $1`, [
      w.f.client.id,
    ])) as Array<{ id: string }>;
    const waitingOn = async (sql: string) => {
      const [{ n }] = (await s.container.db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE $1`,
        [sql],
      )) as Array<{ n: number }>;
      return n > 0;
    };
    const held = s.container.db.createQueryRunner();
    await held.connect();
    await held.startTransaction();
    let run: Promise<unknown> | undefined;
    let change: Promise<string> | undefined;
    try {
      // The run has claimed its date and read the client (USD) in its transaction, and waits on the time.
      await held.query(`SELECT id FROM time_entries WHERE id = $1 FOR UPDATE`, [entry!.id]);
      run = w.runAt('2026-12-02');
      await eventually(() => waitingOn('%FROM "time_entries"%FOR UPDATE%'), 'the run to wait on the time');
      change = toJpy().then(
        () => 'changed',
        (err: Error) => err.message,
      );
      // Either the change lands now or it waits on the run (the run's claim and the client row it holds).
      await eventually(
        async () =>
          (await waitingOn('%FROM "clients"%FOR UPDATE%')) ||
          (await s.container.clients.get(w.org.id, w.f.client.id)).currency === 'JPY',
        'the currency change to wait or land',
      );
      await held.commitTransaction();
    } finally {
      if (held.isTransactionActive) await held.rollbackTransaction();
      await held.release();
    }
    await run;
    expect(await change).toMatch(/currency cannot change while the client has invoices in USD/);
    expect(await billed()).toEqual({ currency: 'USD', invoices: [{ currency: 'USD', total: 10000 }] });
  });
});
