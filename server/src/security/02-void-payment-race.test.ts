import { describe, expect, it } from 'vitest';
import { Payment } from '../modules/payments/payment.entity.js';
import { connectedOrg, invoiceOf, sentToStripe, stripeWorldForFile } from '../modules/stripe/stripe-test-kit.js';

/**
 * Security suite, point 2 under a race: a void and a full manual payment sent at the same moment. One
 * of them wins, and the loser writes nothing: never money on a VOID invoice, never an exception for it.
 */
const w = stripeWorldForFile();

describe('point 2: a void racing a manual payment', () => {
  it('void and a full manual payment sent at the same moment: one wins, never money on a VOID invoice', async () => {
    const o = await connectedOrg(w);
    const RECORD = `mutation($i:RecordPaymentInput!){recordPayment(input:$i){invoice{status}}}`;
    const VOID = `mutation($id:ID!){voidInvoice(id:$id){status}}`;
    for (let round = 0; round < 4; round++) {
      const inv = await sentToStripe(o);
      const [paid, voided] = await Promise.all([
        w.settle.gql(RECORD, { i: { invoiceId: inv.id, amount: inv.balanceDue, method: 'CHECK' } }, o.token),
        w.settle.gql(VOID, { id: inv.id }, o.token),
      ]);
      const status = (await invoiceOf(w, o.org.id, inv.id)).status;
      const recorded = await w.settle.container.db
        .getRepository(Payment)
        .findBy({ orgId: o.org.id, invoiceId: inv.id });
      // Exactly one of them went through, and the invoice says which.
      expect([!paid.errors, !voided.errors].filter(Boolean), `round ${round}`).toHaveLength(1);
      if (status === 'VOID') expect(recorded, `round ${round}`).toHaveLength(0);
      else expect([status, recorded.length], `round ${round}`).toEqual(['PAID', 1]);
      expect(
        await w.settle.container.db.query(`SELECT id FROM payment_exceptions WHERE invoice_id = $1`, [inv.id]),
      ).toEqual([]);
    }
  });
});
