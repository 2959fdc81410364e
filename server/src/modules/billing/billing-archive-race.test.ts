import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { billingWorld, runAtWithChangeAfterRead } from './billing-test-kit.js';

/**
 * A client archived, or its automatic billing turned off, after a billing run read the org's clients but
 * before the transaction that bills them: not billed on that date, and its run row says why.
 */
const s = settleForFile({ worker: false });

async function outcome(clientId: string) {
  const invoices = (await s.container.db.query(`SELECT id FROM invoices WHERE client_id = $1`, [
    clientId,
  ])) as unknown[];
  const runs = (await s.container.db.query(
    `SELECT to_char(bill_date, 'YYYY-MM-DD') AS date, status, message, invoice_id FROM billing_runs WHERE client_id = $1 ORDER BY bill_date`,
    [clientId],
  )) as Array<{ date: string; status: string; message: string | null; invoice_id: string | null }>;
  return { invoices: invoices.length, runs };
}

/** The outcome of a client billed on neither date: no invoice, and each run saying why (`why` of its date). */
const notBilled = (why: (date: string) => string) => ({
  invoices: 0,
  runs: ['2026-11-01', '2026-12-01'].map((date) => ({
    date,
    status: 'EMPTY',
    invoice_id: null,
    message: `Not billed: ${why(date)}`,
  })),
});

describe('a billing run and a client taken out of billing meanwhile', () => {
  it('a client archived after the run read it is not billed, and its run says so', async () => {
    const w = await billingWorld(s, { since: '2026-11-01', contract: null });
    await w.f.approvedEntry(60, '2026-11-02');
    await runAtWithChangeAfterRead(w, '2026-12-02', () =>
      s.container.clients.update(w.org.id, SYSTEM_ACTOR, w.f.client.id, { archived: true }),
    );
    // It used to be billed (USD 100.00 for November's time) on a client archived before the invoice was written.
    expect(await outcome(w.f.client.id)).toEqual(
      notBilled(
        (date) =>
          `Client was archived before its ${date} billing ran. Restored, it is billed again from the day it is restored (its unbilled time with it).`,
      ),
    );
  });

  it('a client whose automatic billing was turned off after the run read it is not billed, and its run says so', async () => {
    const w = await billingWorld(s, { since: '2026-11-01', contract: null });
    await w.f.approvedEntry(60, '2026-11-02');
    await runAtWithChangeAfterRead(w, '2026-12-02', () =>
      w.billing.settings.set(w.org.id, SYSTEM_ACTOR, { clientId: w.f.client.id, autoBilling: false }),
    );
    expect(await outcome(w.f.client.id)).toEqual(
      notBilled((date) => `automatic billing was turned off for Client before its ${date} billing ran.`),
    );
  });
});
