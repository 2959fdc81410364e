import { describe, expect, it } from 'vitest';
import { forFile, orgForFile, settleForFile } from '../../../test/for-file.js';
import { billingFixture } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';
import { charCount, clipChars } from '../../platform/text-length.js';

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
});
