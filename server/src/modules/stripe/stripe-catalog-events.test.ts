import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { connectedOrg, stripeWorldForFile } from './stripe-test-kit.js';

// The worker is off: whatever job exists was queued by the change itself, not by a later reaction.
const w = stripeWorldForFile({ worker: false });

const syncJobs = async (serviceId: string) =>
  Number(
    (
      await w.settle.container.db.query(
        `SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'stripe.catalog-sync' AND key = $1`,
        [`stripe-catalog:${serviceId}`],
      )
    )[0].n,
  );

describe('catalog changes reach Stripe through a job queued in their own transaction', () => {
  it('has the sync job committed by the time the change returns, even if the process died right after', async () => {
    const o = await connectedOrg(w);
    const { catalog } = w.settle.container;
    const created = await catalog.create(o.org.id, SYSTEM_ACTOR, {
      code: 'EVT-1',
      name: 'Event sync',
      prices: [{ currency: 'USD', unitAmount: 5000 }],
    });
    expect(await syncJobs(created.id)).toBe(1);

    await w.settle.container.db.query(`DELETE FROM graphile_worker._private_jobs WHERE key = $1`, [
      `stripe-catalog:${created.id}`,
    ]);
    await catalog.update(o.org.id, SYSTEM_ACTOR, created.id, { name: 'Event sync (renamed)' });
    expect(await syncJobs(created.id)).toBe(1);
  });

  it('queues no sync when the change rolls back', async () => {
    const o = await connectedOrg(w);
    const off = w.settle.container.events.on('catalog.item-changed', async () => {
      throw new Error('a later handler fails');
    });
    try {
      await expect(
        w.settle.container.catalog.create(o.org.id, SYSTEM_ACTOR, { code: 'EVT-2', name: 'Rolled back' }),
      ).rejects.toThrow('a later handler fails');
    } finally {
      off();
    }
    const rows = (await w.settle.container.db.query(
      `SELECT count(*) AS n FROM services WHERE org_id = $1 AND code = 'EVT-2'`,
      [o.org.id],
    )) as Array<{ n: string }>;
    expect(Number(rows[0]!.n)).toBe(0);
    const jobs = (await w.settle.container.db.query(
      `SELECT count(*) AS n FROM graphile_worker.jobs j WHERE task_identifier = 'stripe.catalog-sync' AND NOT EXISTS (SELECT 1 FROM services s WHERE 'stripe-catalog:' || s.id = j.key)`,
    )) as Array<{ n: string }>;
    expect(Number(jobs[0]!.n)).toBe(0);
  });
});
