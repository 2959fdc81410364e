import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { billingFixture, payByCheck } from '../../../test/fixtures.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { holding, settled, untilWaiting } from '../../../test/lock-races.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import type { SettleItem } from '../payments/settlement.types.js';
import { clientCreditsOf } from './client-credits.services.js';

/**
 * A settlement batch (a provider's drain) whose refunds take back credit kept from several clients'
 * overpayments locks those clients' rows, after its invoices. It took them in the batch's order: two
 * batches naming the same two clients in opposite orders each held one client and waited for the other,
 * and one died of 'deadlock detected'. A side transaction holds one client so the two meet there.
 */
const s = settleForFile({ worker: false });
const a = SYSTEM_ACTOR;

/** A 100.00 invoice of the client paid 110.00 by check, the 10.00 over kept as the client's credit. */
async function overpaidKeptAsCredit(orgId: string, f: Awaited<ReturnType<typeof billingFixture>>) {
  const c = s.container;
  const invoice = await f.sentInvoice(60, { email: false });
  const { payment } = await payByCheck(c, orgId, invoice.id, 11000, { allowOverpayment: true });
  const [exc] = (await c.db.query(`SELECT id FROM payment_exceptions WHERE invoice_id = $1`, [invoice.id])) as Array<{
    id: string;
  }>;
  await clientCreditsOf(c).credits.keepExceptionAsCredit(orgId, a, exc!.id);
  return { invoice, payment };
}

/** The whole 110.00 taken back by the bank (a lost dispute), as a provider's batch books it. */
const chargeback = (orgId: string, p: Awaited<ReturnType<typeof overpaidKeptAsCredit>>): SettleItem => ({
  orgId,
  actor: a,
  input: {
    invoiceId: p.invoice.id,
    amount: -11000,
    source: PaymentSource.MANUAL,
    method: PaymentMethod.CHECK,
    externalId: `chargeback-${p.payment.id}`,
    refundsPaymentId: p.payment.id,
  },
});

describe('two settlement batches taking back kept credit of the same two clients', () => {
  it('take the clients in one order: both batches book their chargebacks, each credit taken back once', async () => {
    const c = s.container;
    const { org } = await createOrgWithOwner(s);
    const one = await billingFixture(c, org.id, { clientName: 'One' });
    const two = await billingFixture(c, org.id, { clientName: 'Two' });
    const [x1, x2, y1, y2] = [
      await overpaidKeptAsCredit(org.id, one),
      await overpaidKeptAsCredit(org.id, two),
      await overpaidKeptAsCredit(org.id, one),
      await overpaidKeptAsCredit(org.id, two),
    ];
    const batch = (items: SettleItem[]) => c.db.transaction((tx) => c.settlement.settleBatchIn(tx, items));
    let first: ReturnType<typeof settled<unknown>> | undefined;
    let second: ReturnType<typeof settled<unknown>> | undefined;
    await holding(c.db, `SELECT id FROM clients WHERE id = $1 FOR UPDATE`, [one.client.id], async () => {
      // The first batch names client One first, the second client Two first.
      first = settled(batch([chargeback(org.id, x1), chargeback(org.id, x2)]));
      await untilWaiting(c.db, 1, 'the first batch to wait on the held client');
      second = settled(batch([chargeback(org.id, y2), chargeback(org.id, y1)]));
      await untilWaiting(c.db, 2, 'the second batch to wait too');
    });
    expect([(await first!).error, (await second!).error]).toEqual([undefined, undefined]);
    const takenBack = (await c.db.query(
      `SELECT client_id, count(*)::int AS n, sum(amount)::int AS amount FROM client_credits
        WHERE org_id = $1 AND source = 'TAKEN_BACK' GROUP BY client_id`,
      [org.id],
    )) as Array<{ client_id: string; n: number; amount: number }>;
    expect(takenBack).toHaveLength(2);
    for (const t of takenBack) expect(t).toMatchObject({ n: 2, amount: -2000 });
  });
});
