import { describe, expect, it } from 'vitest';
import { forFile, orgForFile, settleForFile } from '../../../test/for-file.js';
import { billingFixture } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';

// A check recorded by hand that bounced, or money mailed back, used to have no way in: refundPayment refused
// it ("issue a credit memo instead"), and a memo says the client owes less, so a bounced check left the
// invoice PAID, its money counted as collected and held, and a later void refunded it a second time.

const s = settleForFile({ worker: false });
const a = orgForFile(s, 'Manual Refund Org');
const other = orgForFile(s, 'Other Org');
const f = forFile(() => billingFixture(s.container, a.org.id, { catalogPrice: 10000 }));

const PAY = `mutation($i:RecordPaymentInput!){recordPayment(input:$i){payment{id} invoice{status balanceDue}}}`;
const REFUND = `mutation($i:RefundPaymentInput!,$key:String){refundPayment(input:$i,idempotencyKey:$key){
  payment{id kind amount source method reference refundsPaymentId} invoice{status amountPaid amountCredited balanceDue heldAmount}}}`;
const PAYMENTS = `query($id:ID!){invoice(id:$id){status balanceDue heldAmount payments{id kind amount refundableAmount}}}`;
const COLLECTED = `{dashboard{currencies{currency collectedThisMonth}}}`;

async function paidByCheck() {
  const inv = await f.sentInvoice(60); // 100.00
  const paid = ok(await s.gql(PAY, { i: { invoiceId: inv.id, amount: 10000, method: 'CHECK' } }, a.token));
  expect(paid.recordPayment.invoice).toMatchObject({ status: 'PAID', balanceDue: 0 });
  return { inv, paymentId: paid.recordPayment.payment.id as string };
}
const refund = (paymentId: string, amount: number, extra: object = {}, key?: string, token = a.token) =>
  s.gql(REFUND, { i: { paymentId, amount, reason: 'Check 1042 bounced', ...extra }, key }, token);

describe('refundPayment of a payment recorded by hand', () => {
  it('records a bounced check: the invoice owes it again, the payment shows what is left, the month nets it', async () => {
    const collectedBefore = ok(await s.gql(COLLECTED, {}, a.token)).dashboard.currencies[0]?.collectedThisMonth ?? 0;
    const { inv, paymentId } = await paidByCheck();
    const r = ok(await refund(paymentId, 4000)).refundPayment;
    expect(r.payment).toMatchObject({
      kind: 'REFUND',
      amount: -4000,
      source: 'MANUAL',
      method: 'CHECK',
      refundsPaymentId: paymentId,
      reference: 'Refund: Check 1042 bounced',
    });
    expect(r.invoice).toMatchObject({ status: 'PARTIALLY_PAID', amountPaid: 6000, balanceDue: 4000, heldAmount: 6000 });
    const seen = ok(await s.gql(PAYMENTS, { id: inv.id }, a.token)).invoice;
    expect(seen.payments.find((p: { id: string }) => p.id === paymentId).refundableAmount).toBe(6000);
    const collected = ok(await s.gql(COLLECTED, {}, a.token)).dashboard.currencies[0].collectedThisMonth;
    expect(collected - collectedBefore).toBe(6000);

    // All of it back: nothing is paid, so the invoice is SENT again (not PARTIALLY_PAID).
    expect(ok(await refund(paymentId, 6000)).refundPayment.invoice).toMatchObject({
      status: 'SENT',
      balanceDue: 10000,
    });
  });

  it('trims the reason before it counts its length, and names the Reason field when it is too long', async () => {
    const { paymentId } = await paidByCheck();
    const long = await expectNoChange(s, () => refund(paymentId, 1000, { reason: 'x'.repeat(501) }));
    expect(failure(long)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
      message: 'At most 500 characters, please',
    });
    const padded = ok(await refund(paymentId, 1000, { reason: `  ${'y'.repeat(500)}  ` })).refundPayment;
    expect(padded.payment.reference).toBe(`Refund: ${'y'.repeat(192)}`); // trimmed, then kept to 200 characters
  });

  it('never gives back more than is left, under two concurrent refunds or one too large, writing nothing when refused', async () => {
    const { inv, paymentId } = await paidByCheck();
    const both = await Promise.all([refund(paymentId, 6000), refund(paymentId, 6000)]);
    expect(both.filter((r) => !r.errors)).toHaveLength(1);
    expect(failure(both.find((r) => r.errors)!)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    const tooMuch = await expectNoChange(s, () => refund(paymentId, 4001));
    expect(failure(tooMuch)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(failure(tooMuch).message).toContain('at most USD 40.00');
    const seen = ok(await s.gql(PAYMENTS, { id: inv.id }, a.token)).invoice;
    expect(seen).toMatchObject({ status: 'PARTIALLY_PAID', balanceDue: 6000, heldAmount: 4000 });
  });

  it('one Idempotency-Key records one refund; another org cannot refund the payment', async () => {
    const { inv, paymentId } = await paidByCheck();
    const first = ok(await refund(paymentId, 2500, {}, 'dialog-1')).refundPayment;
    const again = ok(await refund(paymentId, 2500, {}, 'dialog-1')).refundPayment;
    expect(again.payment.id).toBe(first.payment.id);
    const theirs = await expectNoChange(s, () => refund(paymentId, 100, {}, undefined, other.token));
    expect(failure(theirs)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'paymentId' });
    const seen = ok(await s.gql(PAYMENTS, { id: inv.id }, a.token)).invoice;
    expect(seen.payments.filter((p: { kind: string }) => p.kind === 'REFUND')).toHaveLength(1);
  });

  it('credited: money mailed back that the client no longer owes leaves the invoice paid and holds less', async () => {
    const { paymentId } = await paidByCheck();
    const r = ok(
      await refund(paymentId, 3000, { creditInvoice: true, reason: 'Goodwill, check 2211 mailed' }),
    ).refundPayment;
    expect(r.invoice).toMatchObject({
      status: 'PAID',
      amountPaid: 7000,
      amountCredited: 3000,
      balanceDue: 0,
      heldAmount: 7000,
    });
  });
});
