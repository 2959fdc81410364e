import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { billingWorldWithCredit } from '../billing/billing-test-kit.js';
import { clientCreditsOf } from './client-credits.services.js';

const s = settleForFile({ worker: false });

describe('client credit and the billing run', () => {
  it('an invoice the billing run sends at once gets the credit applied as it is finalized', async () => {
    const w = await billingWorldWithCredit(s);
    const c = s.container;

    expect((await w.runAt('2026-01-02T01:00:00Z')).billed).toBe(1);
    const [run] = await w.runs();
    expect(run).toMatchObject({ status: 'SENT' });
    const [inv] = await c.db.query(
      `SELECT status, total::int AS total, amount_credited::int AS credited, balance_due::int AS balance FROM invoices WHERE id = $1`,
      [run!.invoice_id],
    );
    expect(inv).toEqual({ status: 'PARTIALLY_PAID', total: 20000, credited: 5000, balance: 15000 });
    expect((await clientCreditsOf(c).credits.balances(w.org.id, [w.f.client.id])).get(w.f.client.id)).toBeUndefined();
    expect((await clientCreditsOf(c).credits.appliedTo(w.org.id, [run!.invoice_id!])).get(run!.invoice_id!)).toBe(5000);
  });
});
