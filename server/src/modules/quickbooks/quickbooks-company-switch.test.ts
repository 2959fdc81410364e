import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { payByCheck } from '../../../test/fixtures.js';
import { bookingSetup, operations, qbEntities, qbIdOf, settled, startQbWorld } from './quickbooks.test-support.js';

/**
 * Links are per QuickBooks company. The emulator holds one company, so the company the org was connected
 * to before is played by moving its links to another realm id, with a customer id that company alone has.
 */
const w = forFile(() => startQbWorld());

describe('an org that connects another QuickBooks company', () => {
  it("never pushes the first company's ids into the second: customers are found or made anew, old invoices stay", async () => {
    const s = await bookingSetup(w, 10000);
    const first = await s.sentToQb();
    await settled(w, s.org.id);
    const customerId = (await qbIdOf(w, s.org.id, 'CLIENT', s.f.client.id))!;
    await s.c.db.query(
      `UPDATE qbo_links SET realm_id = 'the-first-company', qb_id = CASE WHEN settle_type = 'CLIENT' THEN '990001' ELSE qb_id END
        WHERE org_id = $1`,
      [s.org.id],
    );

    const second = await s.sentToQb();
    await settled(w, s.org.id);
    const secondQb = (await qbEntities(w.emu, 'Invoice')).find((i) => i.DocNumber === second.number);
    expect(secondQb?.CustomerRef?.value).toBe(customerId);
    const links = (await s.c.db.query(
      `SELECT realm_id, qb_id FROM qbo_links WHERE org_id = $1 AND settle_type = 'CLIENT' ORDER BY realm_id`,
      [s.org.id],
    )) as Array<{ realm_id: string; qb_id: string }>;
    expect(links.map((l) => l.qb_id)).toEqual(expect.arrayContaining(['990001', customerId]));

    // A payment on the invoice that lives in the first company is not pushed into this one.
    const paymentsBefore = (await qbEntities(w.emu, 'Payment')).length;
    const paid = await payByCheck(s.c, s.org.id, first.id, first.total);
    await settled(w, s.org.id);
    expect((await qbEntities(w.emu, 'Payment')).length).toBe(paymentsBefore);
    const forPayment = (await operations(w, s.org.id)).filter((op) => op.entity_id === paid.payment.id);
    expect(forPayment.filter((op) => op.status === 'DONE')).toEqual([]);
  });
});
