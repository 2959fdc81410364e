import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { eventually } from '../../../test/harness.js';
import { paidThenCredited } from '../../../test/fixtures.js';
import { clientCreditsOf } from '../client-credits/client-credits.services.js';
import * as qb from './quickbooks.test-support.js';

// "Receive payment" in QuickBooks spends the customer's open credit memos with the money received: the
// Payment's lines link the invoice for its whole amount and the credit memo for the credit spent.
const w = forFile(() => qb.startQbWorld());

/** A client with 30.00 of credit in Settle (a credit memo pushed to QuickBooks) and an open invoice of 100.00 there. */
async function creditAndInvoice() {
  const { c, sentToQb, ...o } = await qb.bookingSetup(w, 10000);
  const { creditMemo } = await paidThenCredited(c, o.org.id, await sentToQb(), 3000);
  const invoice = await sentToQb();
  await qb.settled(w, o.org.id);
  const qbo = await qb.directClient(w.emu);
  const ids = {
    invoice: (await qb.qbIdOf(w, o.org.id, 'INVOICE', invoice.id))!,
    memo: (await qb.qbIdOf(w, o.org.id, 'CREDIT_MEMO', creditMemo.id))!,
    customer: (await qb.qbIdOf(w, o.org.id, 'CLIENT', invoice.clientId))!,
  };
  return { ...o, c, invoice, qbo, ids };
}

/** A check of 70.00 and the client's 30.00 credit memo paying the 100.00 invoice, as QuickBooks records it. */
const checkAndCredit = (ids: { customer: string; invoice: string; memo: string }) => ({
  CustomerRef: { value: ids.customer },
  TotalAmt: 70,
  Line: [
    { Amount: 100, LinkedTxn: [{ TxnId: ids.invoice, TxnType: 'Invoice' }] },
    { Amount: 30, LinkedTxn: [{ TxnId: ids.memo, TxnType: 'CreditMemo' }] },
  ],
});

describe('a QuickBooks payment that spends a credit memo', () => {
  it("is booked as the money received plus the client's credit applied, once; QuickBooks gets nothing more", async () => {
    const s = await creditAndInvoice();
    const before = (await qb.qbEntities(w.emu, 'Payment')).length;
    // A check of 70.00, and the 30.00 credit memo, pay the 100.00 invoice.
    await qb.call((cb) => s.qbo.createPayment(checkAndCredit(s.ids), cb));
    const invoiceRow = async () =>
      (await s.c.db.query(`SELECT status, amount_paid, balance_due FROM invoices WHERE id = $1`, [s.invoice.id]))[0];
    await eventually(async () => (await invoiceRow()).balance_due === 0, 'the invoice to be paid');
    await qb.quickBooksOf(s.c).inbound.pollCdc(s.org.id); // the same Payment again
    await qb.settled(w, s.org.id);

    const money = await s.c.db.query(`SELECT amount, source FROM payments WHERE invoice_id = $1`, [s.invoice.id]);
    expect(money).toEqual([{ amount: 7000, source: 'QUICKBOOKS' }]);
    expect(await clientCreditsOf(s.c).credits.appliedTo(s.org.id, [s.invoice.id])).toEqual(
      new Map([[s.invoice.id, 3000]]),
    );
    const left = (await clientCreditsOf(s.c).credits.balances(s.org.id, [s.invoice.clientId])).get(s.invoice.clientId);
    expect((left ?? []).reduce((sum, b) => sum + b.amount, 0)).toBe(0);
    // QuickBooks already has the credit applied: no Payment of 0 goes there, and nothing failed.
    expect((await qb.qbEntities(w.emu, 'Payment')).length).toBe(before + 1);
    expect((await qb.operations(w, s.org.id)).every((op) => op.status === 'DONE')).toBe(true);
    expect(await s.c.db.query(`SELECT kind FROM qbo_exceptions WHERE org_id = $1`, [s.org.id])).toEqual([]);
  });

  it('deleted in QuickBooks afterwards: the money is reversed, and the credit still applied in Settle is raised', async () => {
    const s = await creditAndInvoice();
    const made = await qb.call<any>((cb) => s.qbo.createPayment(checkAndCredit(s.ids), cb));
    const balance = async () =>
      (await s.c.db.query(`SELECT balance_due FROM invoices WHERE id = $1`, [s.invoice.id]))[0].balance_due;
    await eventually(async () => (await balance()) === 0, 'the invoice to be paid');
    await qb.call((cb) => s.qbo.deletePayment(made.Id, cb));
    await eventually(async () => (await balance()) === 7000, 'the money to be reversed');
    let raised: any[] = [];
    await eventually(async () => {
      raised = await s.c.db.query(`SELECT kind, message FROM qbo_exceptions WHERE org_id = $1`, [s.org.id]);
      return raised.length > 0;
    }, 'the freed credit to be raised');
    expect(raised).toEqual([
      {
        kind: 'INBOUND_PAYMENT',
        message: expect.stringContaining(`spent USD 30.00 of the client's credit on invoice ${s.invoice.number}`),
      },
    ]);
  });
});
