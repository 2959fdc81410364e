import { describe, expect, it } from 'vitest';
import { orgForFile, settleForFile } from '../../../test/for-file.js';
import { billingFixture, payByCheck } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';

/**
 * An invoice paid in full by the client's credit (applied by hand or on finalize) and then found billed in
 * error can be voided: the credit it spent goes back to the client. An invoice paid with money is still
 * refunded or credited, never voided. Real PostgreSQL.
 */
const s = settleForFile({ worker: false });
const a = orgForFile(s, 'Credit Void Org');

const CREDIT = `mutation($i:IssueCreditMemoInput!){issueCreditMemo(input:$i){invoice{status}}}`;
const APPLY = `mutation($id:ID!){applyClientCredit(invoiceId:$id){invoice{status balanceDue}}}`;
const VOID = `mutation($id:ID!,$p:VoidPaymentsInput){voidInvoice(id:$id,payments:$p){status balanceDue}}`;
const BALANCE = `query($id:ID!){client(id:$id){creditBalance{currency amount}}}`;
const balanceOf = async (clientId: string) => ok(await s.gql(BALANCE, { id: clientId }, a.token)).client.creditBalance;

describe('voiding an invoice paid by client credit', () => {
  it('gives the credit back; an invoice paid with money is still refused', async () => {
    const fx = await billingFixture(s.container, a.org.id, { catalogPrice: 10000, clientName: 'Billed in error' });
    const source = await fx.sentInvoice(60);
    await payByCheck(s.container, a.org.id, source.id, source.total);
    const memo = { invoiceId: source.id, amount: 10000, reason: 'Prepaid', toClientCredit: true };
    ok(await s.gql(CREDIT, { i: memo }, a.token));
    expect(await balanceOf(fx.client.id)).toEqual([{ currency: 'USD', amount: 10000 }]);

    const wrong = await fx.sentInvoice(60);
    expect(ok(await s.gql(APPLY, { id: wrong.id }, a.token)).applyClientCredit.invoice).toEqual({
      status: 'PAID',
      balanceDue: 0,
    });
    expect(await balanceOf(fx.client.id)).toEqual([]);

    expect(ok(await s.gql(VOID, { id: wrong.id }, a.token)).voidInvoice).toEqual({ status: 'VOID', balanceDue: 0 });
    expect(await balanceOf(fx.client.id)).toEqual([{ currency: 'USD', amount: 10000 }]);

    const byCheck = await fx.sentInvoice(30);
    await payByCheck(s.container, a.org.id, byCheck.id, byCheck.total);
    const refused = failure(await expectNoChange(s, () => s.gql(VOID, { id: byCheck.id }, a.token)));
    expect(refused.code).toBe('CONFLICT');
  });
});
