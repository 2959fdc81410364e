import { describe, expect, it } from 'vitest';
import { rawGql } from '../../../test/api.js';
import { payByCheck } from '../../../test/fixtures.js';
import { forFile } from '../../../test/for-file.js';
import * as r from '../reconciliation/reconciliation.test-support.js';
import { CreditMemo, Payment, PaymentKind } from '../payments/payment.entity.js';
import { startBothWorld } from './payment-artifacts.test-support.js';
import { inboxSettled } from './stripe-test-kit.js';

const w = forFile(() => startBothWorld());

const REFUND = `mutation($i: RefundPaymentInput!) { refundPayment(input: $i) { invoice { status balanceDue } } }`;
const isRefundCreate = (m: string, p: string) => m === 'POST' && p.split('?')[0] === '/v1/refunds';

type Answer = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; data: any };

/** A card-paid invoice, its payment, and a refund of it asked with an Idempotency-Key. */
async function paidInvoice() {
  const o = await r.reconciledOrg(w);
  const { invoice } = await r.paidByCard(w, o);
  const [payment] = await w.settle.container.payments.byInvoices(o.org.id, [invoice.id]);
  const ask = async (input: { amount: number; creditInvoice?: boolean }, key: string): Promise<Answer> => {
    const res = await rawGql(
      w.settle,
      REFUND,
      { i: { paymentId: payment!.id, reason: 'Goodwill', ...input } },
      { authorization: `Bearer ${o.token}`, 'idempotency-key': key },
    );
    return (await res.json()) as Answer;
  };
  const moneyOf = async () => {
    const repo = (e: typeof Payment | typeof CreditMemo) => w.settle.container.db.getRepository(e);
    const refunds = await repo(Payment).findBy({ orgId: o.org.id, invoiceId: invoice.id, kind: PaymentKind.REFUND });
    const memos = await repo(CreditMemo).findBy({ orgId: o.org.id, invoiceId: invoice.id });
    const atStripe = await o.stripe.refunds.list({ payment_intent: payment!.externalId! });
    return {
      refunds: refunds.map((p) => p.amount),
      memos: memos.map((m) => m.amount),
      atStripe: atStripe.data.map((x) => x.amount),
    };
  };
  /** The refund's answer lost after Stripe made it, then its webhook booked (no memo: the request failed). */
  const loseAndBook = async (input: { amount: number; creditInvoice?: boolean }, key: string) => {
    w.proxy.loseAnswer(isRefundCreate, 5);
    const lost = await ask(input, key);
    expect(lost.errors?.[0]?.message).toContain('Stripe did not answer, so the refund may have been made');
    await inboxSettled({ settle: w.settle, emu: w.stripeEmu } as never, o.org.id);
  };
  return { o, invoice, payment: payment!, ask, moneyOf, loseAndBook };
}

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
    await inboxSettled({ settle: w.settle, emu: w.stripeEmu } as never, o.org.id);

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

  it('of the whole payment, credited: asked again after its webhook booked it, credits once and refunds once', async () => {
    const { invoice, ask, moneyOf, loseAndBook } = await paidInvoice();
    const whole = { amount: invoice.total, creditInvoice: true };
    await loseAndBook(whole, `whole-${invoice.id}`);
    expect(await moneyOf()).toEqual({ refunds: [-invoice.total], memos: [], atStripe: [invoice.total] });

    const again = await ask(whole, `whole-${invoice.id}`);
    expect(again.errors).toBeUndefined();
    expect(again.data.refundPayment.invoice).toEqual({ status: 'PAID', balanceDue: 0 });
    expect(await moneyOf()).toEqual({ refunds: [-invoice.total], memos: [invoice.total], atStripe: [invoice.total] });
    // The same key once more is the stored answer; another key finds nothing left to refund or credit.
    expect((await ask(whole, `whole-${invoice.id}`)).errors).toBeUndefined();
    const other = await ask(whole, `another-${invoice.id}`);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(other.errors?.[0]?.message).toContain('refunded in full already');
    expect(await moneyOf()).toEqual({ refunds: [-invoice.total], memos: [invoice.total], atStripe: [invoice.total] });
  });

  it('of the whole payment, not credited: asked again, answers the refund made; the invoice is owed again', async () => {
    const { invoice, ask, moneyOf, loseAndBook } = await paidInvoice();
    await loseAndBook({ amount: invoice.total }, `plain-${invoice.id}`);
    const again = await ask({ amount: invoice.total }, `plain-${invoice.id}`);
    expect(again.errors).toBeUndefined();
    expect(again.data.refundPayment.invoice).toEqual({ status: 'SENT', balanceDue: invoice.total });
    expect(await moneyOf()).toEqual({ refunds: [-invoice.total], memos: [], atStripe: [invoice.total] });
  });

  it('a fresh key past what is left refunds nothing, though Stripe itself could (40.00 went back by check)', async () => {
    const { o, invoice, payment, ask, moneyOf } = await paidInvoice();
    await payByCheck(w.settle.container, o.org.id, invoice.id, -4000, { refundsPaymentId: payment.id });
    const whole = await ask({ amount: invoice.total }, `fresh-${invoice.id}`);
    expect(whole.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(whole.errors?.[0]?.message).toContain('60.00');
    expect((await moneyOf()).atStripe).toEqual([]);
  });
});
