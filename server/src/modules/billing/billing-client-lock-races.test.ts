import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { eventually } from '../../../test/harness.js';
import { holding, settled, untilWaiting, waitersOnLocks } from '../../../test/lock-races.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { clientCreditsOf } from '../client-credits/client-credits.services.js';
import { billingWorldWithCredit } from './billing-test-kit.js';

/**
 * A billing run that sends an invoice to a client with credit applies the credit as it finalizes it, under
 * the client's row lock (FOR NO KEY UPDATE). It used to hold the client only FOR SHARE until then, after
 * locking the client's unbilled time: an invoice generated meanwhile from the same time (client FOR SHARE,
 * then the time) waited on the run's time while the run waited on its share of the client, and one of them
 * died of 'deadlock detected'. A side transaction holds the client FOR SHARE so the two meet there.
 */
const s = settleForFile({ worker: false });

describe('a billing run applying client credit while an invoice is generated from the same time', () => {
  it('both finish: each entry of time is billed once, the run sends its invoice with the credit', async () => {
    const w = await billingWorldWithCredit(s);
    const c = s.container;
    // December's time, unbilled: the January 2 run bills it, and so does a generation for December.
    const entries = [await w.f.approvedEntry(60, '2025-12-10'), await w.f.approvedEntry(30, '2025-12-11')];

    let ran: Promise<{ value?: { billed: number }; error?: string }> | undefined;
    let generated: Promise<{ value?: { skipped: Array<{ reason: string }> }; error?: string }> | undefined;
    await holding(c.db, `SELECT id FROM clients WHERE id = $1 FOR SHARE`, [w.f.client.id], async () => {
      ran = settled(w.runAt('2026-01-02T01:00:00Z'));
      await untilWaiting(c.db, 1, 'the run to wait on the held client');
      const generating = c.generation.generate(w.org.id, SYSTEM_ACTOR, {
        clientIds: [w.f.client.id],
        periodStart: '2025-12-01',
        periodEnd: '2025-12-31',
      });
      generated = settled(generating);
      // The generation either waits on the time the run holds, or (the run waiting first for the client,
      // before its time) makes its invoice at once.
      let done = false;
      void generated.then(() => (done = true));
      await eventually(async () => done || (await waitersOnLocks(c.db)) >= 2, 'the generation to wait or finish');
    });
    expect((await ran)?.error).toBeUndefined();
    const gen = await generated;
    expect(gen?.error).toBeUndefined();
    // Skipped only for having nothing left to bill (the run took the time first), never for a failure.
    for (const skip of gen!.value!.skipped)
      expect(skip.reason).toBe('No approved, un-invoiced billable time in the period');
    const [run] = await w.runs();
    expect(run).toMatchObject({ status: 'SENT' });
    const billed = (await c.db.query(`SELECT invoice_id FROM time_entries WHERE id = ANY($1::uuid[])`, [
      entries.map((e) => e.id),
    ])) as Array<{ invoice_id: string | null }>;
    expect(billed.every((e) => e.invoice_id !== null)).toBe(true);
    expect((await clientCreditsOf(c).credits.appliedTo(w.org.id, [run!.invoice_id!])).get(run!.invoice_id!)).toBe(5000);
  });
});
