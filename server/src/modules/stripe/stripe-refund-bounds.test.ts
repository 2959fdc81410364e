import { describe, expect, it } from 'vitest';
import { failure, ok } from '../../../test/api.js';
import { eventually } from '../../../test/harness.js';
import { NAME_REFUNDED_PAYMENTS } from '../payments/migrations/0037-refund-names-its-payment.migration.js';
import {
  invoiceOf,
  paidByCard,
  payCheckout,
  paymentsOf,
  START_PAYMENT,
  stripeWorldForFile,
} from './stripe-test-kit.js';

const w = stripeWorldForFile();

/** The payment each refund of the invoice names, after the upgrade's backfill ran on refunds naming none. */
async function namedByUpgrade(invoiceId: string): Promise<Array<string | null>> {
  const db = w.settle.container.db;
  await db.query(`UPDATE payments SET refunds_payment_id = NULL WHERE invoice_id = $1`, [invoiceId]);
  await db.query(NAME_REFUNDED_PAYMENTS);
  const rows = (await db.query(
    `SELECT refunds_payment_id FROM payments WHERE invoice_id = $1 AND kind = 'REFUND' ORDER BY created_at`,
    [invoiceId],
  )) as Array<{ refunds_payment_id: string | null }>;
  return rows.map((r) => r.refunds_payment_id);
}

const MEMO = `mutation($i:IssueCreditMemoInput!){issueCreditMemo(input:$i){creditMemo{toClientCredit}}}`;
const REFUND = `mutation($i: RefundPaymentInput!) { refundPayment(input: $i) { payment { amount } } }`;
const BOUNDS = `query($id:ID!){invoice(id:$id){status amountPaid heldAmount creditableAmount}}`;

/** Card money is never given back twice: to the client's credit and to the card, or past what is held. */
describe('refund and credit bounds on card payments (real SDK, emulator, PostgreSQL)', () => {
  const as = (o: { token: string }) => ({
    memo: (invoiceId: string, amount: number, extra: object = {}) =>
      w.settle.gql(MEMO, { i: { invoiceId, amount, reason: 'Credit', ...extra } }, o.token),
    refund: (paymentId: string, amount: number) =>
      w.settle.gql(REFUND, { i: { paymentId, amount, reason: 'Cancelled' } }, o.token),
    bounds: async (id: string) => ok(await w.settle.gql(BOUNDS, { id }, o.token)).invoice,
  });

  it('what a credit memo turned into client credit is not refunded to the card as well', async () => {
    const { o, inv, payment, pi } = await paidByCard(w);
    const api = as(o);
    expect(ok(await api.memo(inv.id, 3000, { toClientCredit: true })).issueCreditMemo.creditMemo.toClientCredit).toBe(
      true,
    );
    const tooMuch = await api.refund(payment.id, 7001);
    expect(failure(tooMuch)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(failure(tooMuch).message).toContain('70.00');
    ok(await api.refund(payment.id, 7000));
    expect(failure(await api.refund(payment.id, 1)).message).toBe(
      "Nothing is left to refund: this invoice's payments went to the client's credit",
    );
    expect((await o.stripe.refunds.list({ payment_intent: pi })).data.map((r) => r.amount)).toEqual([7000]);
    // The upgrade names the payment of a refund booked before refunds named theirs: the invoice's only one.
    expect(await namedByUpgrade(inv.id)).toEqual([payment.id]);
  });

  it('money a void kept as the client’s credit is not refunded to the card as well', async () => {
    const { o, inv, payment, pi } = await paidByCard(w, 5000);
    const api = as(o);
    const voided = await w.settle.gql(
      `mutation($id:ID!){voidInvoice(id:$id,payments:{handling:CREDIT}){status}}`,
      { id: inv.id },
      o.token,
    );
    expect(ok(voided).voidInvoice.status).toBe('VOID');
    expect(await api.bounds(inv.id)).toEqual({ status: 'VOID', amountPaid: 5000, heldAmount: 0, creditableAmount: 0 });
    expect(failure(await api.refund(payment.id, 5000))).toMatchObject({
      field: 'amount',
      message: "Nothing is left to refund: this invoice's payments went to the client's credit",
    });
    expect((await o.stripe.refunds.list({ payment_intent: pi })).data).toEqual([]);
  });

  it('a memo saying money is owed back is paid by its refund, and the rest can still be credited', async () => {
    const { o, inv, payment } = await paidByCard(w);
    const api = as(o);
    // The memo only says money is owed back: the refund that pays it is not held back.
    expect(ok(await api.memo(inv.id, 3000)).issueCreditMemo.creditMemo.toClientCredit).toBe(false);
    expect(await api.bounds(inv.id)).toMatchObject({ heldAmount: 10000, creditableAmount: 7000 });
    ok(await api.refund(payment.id, 3000));
    expect(await api.bounds(inv.id)).toMatchObject({ amountPaid: 7000, heldAmount: 7000, creditableAmount: 7000 });
    expect(failure(await api.memo(inv.id, 7001, { toClientCredit: true })).field).toBe('amount');
    ok(await api.memo(inv.id, 7000, { toClientCredit: true }));
    expect(await api.bounds(inv.id)).toMatchObject({ heldAmount: 0, creditableAmount: 0 });
    expect((await paymentsOf(w, o.org.id, inv.id)).map((p) => p.amount)).toEqual([10000, -3000]);
  });

  it('each card payment is refunded up to what is left of it: a refund names the payment it gives back', async () => {
    // Two card payments on one invoice: 60.00, then the other 40.00.
    const { o, inv, payment: first } = await paidByCard(w, 6000);
    const api = as(o);
    const r = (await w.settle.gql(START_PAYMENT, { id: inv.id }, o.token)).data.startInvoicePayment;
    await payCheckout(r.url);
    await eventually(async () => (await invoiceOf(w, o.org.id, inv.id)).amountPaid === 10000, 'second payment');
    const second = (await paymentsOf(w, o.org.id, inv.id)).find((p) => p.id !== first.id)!;
    ok(await api.refund(first.id, 3000));
    const PAYMENTS = `query($id:ID!){invoice(id:$id){payments{id kind amount refundsPaymentId refundableAmount}}}`;
    const rows = ok(await w.settle.gql(PAYMENTS, { id: inv.id }, o.token)).invoice.payments;
    expect(rows).toEqual(
      expect.arrayContaining([
        { id: first.id, kind: 'PAYMENT', amount: 6000, refundsPaymentId: null, refundableAmount: 3000 },
        { id: second.id, kind: 'PAYMENT', amount: 4000, refundsPaymentId: null, refundableAmount: 4000 },
        expect.objectContaining({ kind: 'REFUND', amount: -3000, refundsPaymentId: first.id, refundableAmount: 0 }),
      ]),
    );
    // Stripe would refuse 40.00 of a charge with 30.00 left; Settle says so before asking it.
    const past = await api.refund(first.id, 4000);
    expect(failure(past)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(failure(past).message).toContain('30.00');
    ok(await api.refund(second.id, 4000));
    ok(await api.refund(first.id, 3000));
    expect(await api.bounds(inv.id)).toMatchObject({ amountPaid: 0, heldAmount: 0 });
    // Which of two card payments an old refund gave back is not known: the upgrade leaves it unnamed.
    expect(await namedByUpgrade(inv.id)).toEqual([null, null, null]);
  });

  it('a refund that credits the invoice leaves the balance as it was: the client no longer owes what went back', async () => {
    const { o, payment } = await paidByCard(w);
    const REFUND_CREDIT = `mutation($i: RefundPaymentInput!) { refundPayment(input: $i) {
      invoice { status balanceDue amountPaid amountCredited creditMemos { amount reason } } } }`;
    const refund = (token: string, paymentId: string, amount: number) =>
      w.settle.gql(REFUND_CREDIT, { i: { paymentId, amount, reason: 'Goodwill', creditInvoice: true } }, token);
    expect(ok(await refund(o.token, payment.id, 3000)).refundPayment.invoice).toEqual({
      status: 'PAID',
      balanceDue: 0,
      amountPaid: 7000,
      amountCredited: 3000,
      creditMemos: [{ amount: 3000, reason: 'Goodwill' }],
    });
    // A part-paid invoice keeps what was still due: 40.00.
    const part = await paidByCard(w, 6000);
    expect(ok(await refund(part.o.token, part.payment.id, 2000)).refundPayment.invoice).toMatchObject({
      status: 'PARTIALLY_PAID',
      balanceDue: 4000,
      amountPaid: 4000,
      amountCredited: 2000,
    });
    // What earlier memos say is owed back cannot be credited again: refused before Stripe is asked.
    const owed = await paidByCard(w);
    ok(await as(owed.o).memo(owed.inv.id, 8000));
    const tooMuch = await refund(owed.o.token, owed.payment.id, 3000);
    expect(failure(tooMuch)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(failure(tooMuch).message).toContain('At most USD 20.00 can be refunded and credited');
    expect((await owed.o.stripe.refunds.list({ payment_intent: owed.pi })).data).toEqual([]);
  });
});
