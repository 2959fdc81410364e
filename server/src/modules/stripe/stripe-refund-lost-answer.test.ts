import { describe, expect, it } from 'vitest';
import { rawGql } from '../../../test/api.js';
import { forFile } from '../../../test/for-file.js';
import * as r from '../reconciliation/reconciliation.test-support.js';
import { Payment, PaymentKind } from '../payments/payment.entity.js';
import { startBothWorld } from './payment-artifacts.test-support.js';
import { inboxSettled } from './stripe-test-kit.js';

const w = forFile(() => startBothWorld());

const REFUND = `mutation($i: RefundPaymentInput!) { refundPayment(input: $i) { invoice { status balanceDue } } }`;
const isRefundCreate = (m: string, p: string) => m === 'POST' && p.split('?')[0] === '/v1/refunds';

/** Stripe's answer to a refund is lost after Stripe made it: asking again must not refund twice. */
describe('a refund whose answer is lost', () => {
  it('asked again with the same Idempotency-Key, gets the refund Stripe made, credited once', async () => {
    const o = await r.reconciledOrg(w);
    const { invoice } = await r.paidByCard(w, o);
    const [payment] = await w.settle.container.payments.byInvoices(o.org.id, [invoice.id]);
    const ask = async () => {
      const res = await rawGql(
        w.settle,
        REFUND,
        { i: { paymentId: payment!.id, amount: 3000, reason: 'Goodwill', creditInvoice: true } },
        { authorization: `Bearer ${o.token}`, 'idempotency-key': `goodwill-${invoice.id}` },
      );
      return (await res.json()) as { errors?: Array<{ message: string }>; data: any };
    };
    w.proxy.loseAnswer(isRefundCreate, 5);
    const lost = await ask();
    expect(lost.errors?.[0]?.message).toContain('Stripe did not answer, so the refund may have been made');
    // Stripe made it, and tells Settle by webhook: booked as a refund (no memo: the request failed).
    await w.stripeEmu.webhooksIdle();
    await inboxSettled({ settle: w.settle } as never, o.org.id);

    const again = await ask();
    expect(again.errors).toBeUndefined();
    expect(again.data.refundPayment.invoice).toEqual({ status: 'PAID', balanceDue: 0 });
    const atStripe = await o.stripe.refunds.list({ payment_intent: payment!.externalId! });
    expect(atStripe.data.map((x) => x.amount)).toEqual([3000]);
    const refunds = await w.settle.container.db
      .getRepository(Payment)
      .findBy({ orgId: o.org.id, invoiceId: invoice.id, kind: PaymentKind.REFUND });
    expect(refunds.map((p) => p.amount)).toEqual([-3000]);
  });
});
