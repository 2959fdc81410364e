import { describe, expect, it } from 'vitest';
import { forFile, orgForFile, settleForFile } from '../../../test/for-file.js';
import { billingFixture } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';
import { charCount, clipChars } from '../../platform/text-length.js';
import { providerActor } from '../../platform/actor.js';
import { PaymentMethod, PaymentSource } from './payment.entity.js';

// Reasons and notes are counted in characters as people count them (an emoji is one), as voidPayment's
// reason is: refundPayment's reason and voidInvoice's note counted UTF-16 units, so 251 emoji were refused
// as more than 500 characters, and a reference clipped to 200 units could end in half an emoji.

const s = settleForFile({ worker: false });
const a = orgForFile(s, 'Free Text Length Org');
const f = forFile(() => billingFixture(s.container, a.org.id, { catalogPrice: 10000 }));

const PAY = `mutation($i:RecordPaymentInput!){recordPayment(input:$i){payment{id}}}`;
const REFUND = `mutation($i:RefundPaymentInput!){refundPayment(input:$i){payment{reference}}}`;
const VOID = `mutation($id:ID!,$p:VoidPaymentsInput){voidInvoice(id:$id,payments:$p){status}}`;
const EMOJI = '🧾';

async function paidByCheck(amount = 10000) {
  const inv = await f.sentInvoice(60); // 100.00
  const paymentId = ok(await s.gql(PAY, { i: { invoiceId: inv.id, amount, method: 'CHECK' } }, a.token)).recordPayment
    .payment.id as string;
  return { inv, paymentId };
}

describe('free-text limits count characters, not UTF-16 units', () => {
  it('counts and clips an emoji as one character', () => {
    expect(charCount(EMOJI.repeat(3))).toBe(3);
    expect(clipChars(`ab${EMOJI.repeat(3)}`, 3)).toBe(`ab${EMOJI}`);
    expect(clipChars('short', 200)).toBe('short');
  });

  it('refundPayment: a reason of 500 emoji fits, 501 do not, and the reference keeps whole emoji', async () => {
    const { paymentId } = await paidByCheck();
    const refund = (reason: string) => s.gql(REFUND, { i: { paymentId, amount: 1000, reason } }, a.token);
    const long = await expectNoChange(s, () => refund(EMOJI.repeat(501)));
    expect(failure(long)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const r = ok(await refund(EMOJI.repeat(500))).refundPayment;
    const prefix = 'Refund: ';
    expect(r.payment.reference).toBe(prefix + EMOJI.repeat(200 - prefix.length));
  });

  it('voidInvoice: a note of 500 emoji fits, 501 do not', async () => {
    const { inv } = await paidByCheck(3000); // part paid: a PAID invoice is refunded, not voided
    const voidIt = (note: string) => s.gql(VOID, { id: inv.id, p: { handling: 'KEEP', note } }, a.token);
    const long = await expectNoChange(s, () => voidIt(EMOJI.repeat(501)));
    expect(failure(long)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    expect(ok(await voidIt(EMOJI.repeat(500))).voidInvoice.status).toBe('VOID');
  });

  it("payment exceptions: a refund's note and a dismissal's reason of 1,000 emoji fit, 1,001 do not", async () => {
    /** QuickBooks money past the balance: recorded, and raised as a payment exception. */
    const overpaid = async (ref: string) => {
      const inv = await f.sentInvoice(60);
      await s.container.settlement.settle(a.org.id, providerActor('quickbooks', ref), {
        invoiceId: inv.id,
        amount: 10500,
        source: PaymentSource.QUICKBOOKS,
        method: PaymentMethod.OTHER,
        externalId: ref,
        allowOverpayment: true,
      });
      const [exc] = await s.container.db.query(`SELECT id FROM payment_exceptions WHERE invoice_id = $1`, [inv.id]);
      return exc.id as string;
    };
    const REFUND_EXC = `mutation($id:ID!,$note:String){refundPaymentException(id:$id,note:$note){status}}`;
    const DISMISS = `mutation($id:ID!,$reason:String!){dismissPaymentException(id:$id,reason:$reason){status}}`;
    const refunded = await overpaid(`qb-len-${Date.now()}-1`);
    const long = await expectNoChange(s, () => s.gql(REFUND_EXC, { id: refunded, note: EMOJI.repeat(1001) }, a.token));
    expect(failure(long)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    expect(ok(await s.gql(REFUND_EXC, { id: refunded, note: EMOJI.repeat(1000) }, a.token))).toBeTruthy();
    const dismissed = await overpaid(`qb-len-${Date.now()}-2`);
    const longer = await expectNoChange(s, () =>
      s.gql(DISMISS, { id: dismissed, reason: EMOJI.repeat(1001) }, a.token),
    );
    expect(failure(longer)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(ok(await s.gql(DISMISS, { id: dismissed, reason: EMOJI.repeat(1000) }, a.token))).toBeTruthy();
  });
});
