import { describe, expect, it } from 'vitest';
import { failure, ok } from '../../../test/api.js';
import { paidByCard, paymentsOf, stripeWorldForFile } from './stripe-test-kit.js';

const w = stripeWorldForFile();

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
});
