import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { paidThenCredited, payByCheck } from '../../../test/fixtures.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import * as qb from '../quickbooks/quickbooks.test-support.js';
import { clientCreditsOf } from './client-credits.services.js';
import { todayIn } from '../../platform/time-zone.js';

const w = forFile(() => qb.startQbWorld());
const a = SYSTEM_ACTOR;

async function setup() {
  // sentToQb(): an invoice for an hour (100.00), sent by email and to QuickBooks.
  const { c, sentToQb, ...o } = await qb.bookingSetup(w, 10000);
  const credits = clientCreditsOf(c).credits;
  /** A paid invoice in QuickBooks with `amount` of it credited to the client's account. */
  const grant = async (amount: number) => paidThenCredited(c, o.org.id, await sentToQb(), amount);
  const qbRecord = async (type: string, id: string | null) =>
    (await qb.qbEntities(w.emu, type)).find((e) => e.Id === id);
  return { ...o, c, credits, sentToQb, grant, qbRecord };
}

describe('client credit in QuickBooks', () => {
  it('credit applied by hand is a Payment of 0 applying the credit memo to the invoice; no second credit memo', async () => {
    const s = await setup();
    const { creditMemo: source } = await s.grant(3000);
    const inv = await s.sentToQb();
    await qb.settled(w, s.org.id);
    const memosBefore = (await qb.qbEntities(w.emu, 'CreditMemo')).length;
    const applied = await s.credits.apply(s.org.id, a, inv.id);
    expect(applied.invoice).toMatchObject({ status: 'PARTIALLY_PAID', balanceDue: 7000 });
    await qb.settled(w, s.org.id);

    const ops = await qb.operations(w, s.org.id);
    expect(ops.filter((o) => o.kind === 'APPLY_CLIENT_CREDIT').map((o) => [o.entity_id, o.status])).toEqual([
      [applied.creditMemo.id, 'DONE'],
    ]);
    expect(ops.every((o) => o.status === 'DONE')).toBe(true);
    expect((await qb.qbEntities(w.emu, 'CreditMemo')).length).toBe(memosBefore);
    const invoiceQbId = await qb.qbIdOf(w, s.org.id, 'INVOICE', inv.id);
    const sourceQbId = await qb.qbIdOf(w, s.org.id, 'CREDIT_MEMO', source.id);
    const payment = await s.qbRecord(
      'Payment',
      await qb.qbIdOf(w, s.org.id, 'CREDIT_APPLICATION', applied.creditMemo.id),
    );
    expect(payment).toMatchObject({ TotalAmt: 0, UnappliedAmt: 0 });
    expect(payment.Line).toEqual([
      expect.objectContaining({ Amount: 30, LinkedTxn: [{ TxnId: invoiceQbId, TxnType: 'Invoice' }] }),
      expect.objectContaining({ Amount: 30, LinkedTxn: [{ TxnId: sourceQbId, TxnType: 'CreditMemo' }] }),
    ]);
    expect(await s.qbRecord('Invoice', invoiceQbId)).toMatchObject({ Balance: 70 });
    expect(await s.qbRecord('CreditMemo', sourceQbId)).toMatchObject({ RemainingCredit: 0 });
    // QuickBooks tells Settle about the Payment; Settle knows it for its own and records no money.
    await new Promise((r) => setTimeout(r, 500));
    await qb.settled(w, s.org.id);
    const money = await s.c.db.query(`SELECT count(*)::int AS n FROM payments WHERE invoice_id = $1`, [inv.id]);
    expect(money[0].n).toBe(0);
  });

  it("credit applied is dated in QuickBooks on the org's wall, not the UTC date", async () => {
    const s = await setup();
    // A zone whose date differs from UTC's now, whatever the hour: 14 hours ahead, or 11 behind.
    const zone = new Date().getUTCHours() >= 10 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
    await s.c.db.query(`UPDATE organizations SET time_zone = $2 WHERE id = $1`, [s.org.id, zone]);
    await s.grant(3000);
    const inv = await s.sentToQb();
    await qb.settled(w, s.org.id);
    const applied = await s.credits.apply(s.org.id, a, inv.id);
    await qb.settled(w, s.org.id);
    const wall = todayIn(zone, applied.creditMemo.createdAt);
    expect(wall).not.toBe(applied.creditMemo.createdAt.toISOString().slice(0, 10));
    const payment = await s.qbRecord(
      'Payment',
      await qb.qbIdOf(w, s.org.id, 'CREDIT_APPLICATION', applied.creditMemo.id),
    );
    expect(payment?.TxnDate).toBe(wall);
  });

  it('credit applied on finalize reaches QuickBooks after the invoice, from two credit memos first in first out', async () => {
    const s = await setup();
    const { creditMemo: first } = await s.grant(1500);
    const { creditMemo: second } = await s.grant(2500);
    await clientCreditsOf(s.c).settings.update(s.org.id, a, { applyCreditAutomatically: true });
    const inv = await s.sentToQb(); // 40.00 of credit applied as it is finalized
    expect(inv).toMatchObject({ status: 'PARTIALLY_PAID', balanceDue: 6000 });
    await qb.settled(w, s.org.id);
    const [applied] = await s.c.db.query(
      `SELECT credit_memo_id FROM client_credits WHERE invoice_id = $1 AND source = 'APPLIED'`,
      [inv.id],
    );
    const payment = await s.qbRecord(
      'Payment',
      await qb.qbIdOf(w, s.org.id, 'CREDIT_APPLICATION', applied.credit_memo_id),
    );
    expect(
      payment.Line.map((l: { Amount: number; LinkedTxn: Array<{ TxnType: string; TxnId: string }> }) => [
        l.Amount,
        l.LinkedTxn[0]!.TxnId,
      ]),
    ).toEqual([
      [40, await qb.qbIdOf(w, s.org.id, 'INVOICE', inv.id)],
      [15, await qb.qbIdOf(w, s.org.id, 'CREDIT_MEMO', first.id)],
      [25, await qb.qbIdOf(w, s.org.id, 'CREDIT_MEMO', second.id)],
    ]);
    expect(await s.qbRecord('Invoice', await qb.qbIdOf(w, s.org.id, 'INVOICE', inv.id))).toMatchObject({ Balance: 60 });
    expect((await qb.operations(w, s.org.id)).filter((o) => o.kind === 'PUSH_CREDIT_MEMO')).toHaveLength(2);
  });

  it('voiding the invoice voids the Payment of 0 first, so the credit memo can be spent again', async () => {
    const s = await setup();
    const { creditMemo: source } = await s.grant(3000);
    const inv = await s.sentToQb();
    await qb.settled(w, s.org.id);
    const first = await s.credits.apply(s.org.id, a, inv.id);
    await qb.settled(w, s.org.id);
    await s.c.invoices.void(s.org.id, a, inv.id);
    await qb.settled(w, s.org.id);
    const order = (await qb.operations(w, s.org.id))
      .filter((o) => ['VOID_CREDIT_APPLICATION', 'VOID_INVOICE'].includes(o.kind))
      .sort((x, y) => x.completed_at.getTime() - y.completed_at.getTime())
      .map((o) => [o.kind, o.status]);
    expect(order).toEqual([
      ['VOID_CREDIT_APPLICATION', 'DONE'],
      ['VOID_INVOICE', 'DONE'],
    ]);
    const zero = await s.qbRecord('Payment', await qb.qbIdOf(w, s.org.id, 'CREDIT_APPLICATION', first.creditMemo.id));
    expect(zero.Line.map((l: { Amount: number }) => l.Amount)).toEqual([0, 0]);
    const sourceQbId = await qb.qbIdOf(w, s.org.id, 'CREDIT_MEMO', source.id);
    expect(await s.qbRecord('CreditMemo', sourceQbId)).toMatchObject({ RemainingCredit: 30 });

    // The credit given back in Settle is there again in QuickBooks: spending it books cleanly.
    const next = await s.sentToQb();
    await qb.settled(w, s.org.id);
    const again = await s.credits.apply(s.org.id, a, next.id);
    await qb.settled(w, s.org.id);
    expect((await qb.operations(w, s.org.id)).every((o) => o.status === 'DONE')).toBe(true);
    const payment = await s.qbRecord(
      'Payment',
      await qb.qbIdOf(w, s.org.id, 'CREDIT_APPLICATION', again.creditMemo.id),
    );
    expect(payment.Line[1]).toMatchObject({ Amount: 30, LinkedTxn: [{ TxnId: sourceQbId, TxnType: 'CreditMemo' }] });
  });

  /** A 100.00 invoice paid 110.00 by check, the 10.00 past its balance kept as client credit. */
  const overpaid = async (s: Awaited<ReturnType<typeof setup>>) => {
    const over = await s.sentToQb();
    const paid = await payByCheck(s.c, s.org.id, over.id, 11000, { allowOverpayment: true });
    const [exc] = await s.c.db.query(`SELECT id FROM payment_exceptions WHERE payment_id = $1`, [paid.payment.id]);
    await s.credits.keepExceptionAsCredit(s.org.id, a, exc.id);
    return { over, payment: paid.payment };
  };

  it("credit kept from an overpayment applies that Payment's unapplied amount to the invoice, once on a retry", async () => {
    const s = await setup();
    const { over, payment } = await overpaid(s);
    await qb.settled(w, s.org.id);
    const overQbId = await qb.qbIdOf(w, s.org.id, 'INVOICE', over.id);
    const paymentQbId = await qb.qbIdOf(w, s.org.id, 'PAYMENT', payment.id);
    // The excess is the Payment's unapplied amount: QuickBooks refuses more than the invoice's balance.
    expect(await s.qbRecord('Payment', paymentQbId)).toMatchObject({ TotalAmt: 110, UnappliedAmt: 10 });
    expect(await s.qbRecord('Invoice', overQbId)).toMatchObject({ Balance: 0 });

    const inv = await s.sentToQb();
    await qb.settled(w, s.org.id);
    const applied = await s.credits.apply(s.org.id, a, inv.id, 1000);
    expect(applied.invoice.balanceDue).toBe(9000);
    await qb.settled(w, s.org.id);
    const invQbId = await qb.qbIdOf(w, s.org.id, 'INVOICE', inv.id);
    const ops = await qb.operations(w, s.org.id);
    expect(ops.filter((o) => o.kind === 'APPLY_CLIENT_CREDIT').map((o) => [o.status, o.qb_id])).toEqual([
      ['DONE', paymentQbId],
    ]);
    expect(ops.every((o) => o.status === 'DONE')).toBe(true);
    const after = await s.qbRecord('Payment', paymentQbId);
    expect(after).toMatchObject({ TotalAmt: 110, UnappliedAmt: 0, SyncToken: '1' });
    expect(after.Line).toEqual([
      expect.objectContaining({ Amount: 100, LinkedTxn: [{ TxnId: overQbId, TxnType: 'Invoice' }] }),
      expect.objectContaining({ Amount: 10, LinkedTxn: [{ TxnId: invQbId, TxnType: 'Invoice' }] }),
    ]);
    expect(await s.qbRecord('Invoice', invQbId)).toMatchObject({ Balance: 90 });
    // No Payment of 0: nothing came from a credit memo.
    expect(await qb.qbIdOf(w, s.org.id, 'CREDIT_APPLICATION', applied.creditMemo.id)).toBeNull();

    // The job runs again (as after a crash between QuickBooks' answer and Settle's record): the line is
    // there already, so nothing is applied twice, though the SyncToken (and so the requestid) moved on.
    await qb.runAgain(w, s.org.id, 'APPLY_CLIENT_CREDIT', applied.creditMemo.id);
    await qb.settled(w, s.org.id);
    const again = (await qb.operations(w, s.org.id)).filter((o) => o.kind === 'APPLY_CLIENT_CREDIT');
    expect(again.map((o) => o.status)).toEqual(['DONE', 'DONE']);
    expect(await s.qbRecord('Payment', paymentQbId)).toMatchObject({ SyncToken: '1', UnappliedAmt: 0 });
    expect((await s.qbRecord('Payment', paymentQbId)).Line).toHaveLength(2);
    expect(await s.qbRecord('Invoice', invQbId)).toMatchObject({ Balance: 90 });
    // QuickBooks' webhook of the edited Payment changes no money in Settle.
    await new Promise((r) => setTimeout(r, 500));
    await qb.settled(w, s.org.id);
    const money = await s.c.db.query(
      `SELECT coalesce(sum(amount), 0)::int AS paid, count(*)::int AS n FROM payments WHERE invoice_id = ANY($1)`,
      [[over.id, inv.id]],
    );
    expect(money[0]).toEqual({ paid: 11000, n: 1 });
  });

  it('an invoice paid from an overpayment and then voided frees that money; spending it again books cleanly', async () => {
    const s = await setup();
    const { payment } = await overpaid(s);
    const first = await s.sentToQb();
    await qb.settled(w, s.org.id);
    await s.credits.apply(s.org.id, a, first.id);
    await qb.settled(w, s.org.id);
    await s.c.invoices.void(s.org.id, a, first.id);
    await qb.settled(w, s.org.id);
    const paymentQbId = await qb.qbIdOf(w, s.org.id, 'PAYMENT', payment.id);
    expect(await s.qbRecord('Payment', paymentQbId)).toMatchObject({ UnappliedAmt: 10 });
    const [release] = (await qb.operations(w, s.org.id)).filter((o) => o.kind === 'VOID_CREDIT_APPLICATION');
    expect([release.status, release.last_error]).toEqual([
      'SKIPPED',
      "the credit was applied from a payment's unapplied amount; the invoice's void unapplies it",
    ]);

    const next = await s.sentToQb();
    await qb.settled(w, s.org.id);
    await s.credits.apply(s.org.id, a, next.id);
    await qb.settled(w, s.org.id);
    const applies = (await qb.operations(w, s.org.id)).filter((o) => o.kind === 'APPLY_CLIENT_CREDIT');
    expect(applies.map((o) => o.status)).toEqual(['DONE', 'DONE']);
    const nextQbId = await qb.qbIdOf(w, s.org.id, 'INVOICE', next.id);
    const after = await s.qbRecord('Payment', paymentQbId);
    expect(after).toMatchObject({ UnappliedAmt: 0 });
    expect(
      after.Line.map((l: { Amount: number; LinkedTxn: Array<{ TxnId: string }> }) => [l.Amount, l.LinkedTxn[0]!.TxnId]),
    ).toEqual([
      [
        100,
        await qb.qbIdOf(
          w,
          s.org.id,
          'INVOICE',
          (await s.c.db.query(`SELECT invoice_id FROM payments WHERE id = $1`, [payment.id]))[0].invoice_id,
        ),
      ],
      [10, nextQbId],
    ]);
    expect(await s.qbRecord('Invoice', nextQbId)).toMatchObject({ Balance: 90 });
  });

  it('an unapplied amount someone already used in QuickBooks is not applied twice: skipped, saying so', async () => {
    const s = await setup();
    const { payment } = await overpaid(s);
    const inv = await s.sentToQb();
    await qb.settled(w, s.org.id);
    // In QuickBooks, a user applies the 10.00 to another invoice of the customer by hand.
    const qbo = await qb.directClient(w.emu);
    const paymentQbId = (await qb.qbIdOf(w, s.org.id, 'PAYMENT', payment.id))!;
    const current = await qb.call((cb) => qbo.getPayment(paymentQbId, cb));
    const other = await qb.call((cb) =>
      qbo.createInvoice(
        {
          CustomerRef: current.CustomerRef,
          Line: [{ DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: { ItemRef: { value: '1' } } }],
        },
        cb,
      ),
    );
    await qb.call((cb) =>
      qbo.updatePayment(
        {
          Id: paymentQbId,
          SyncToken: current.SyncToken,
          sparse: true,
          Line: [...current.Line, { Amount: 10, LinkedTxn: [{ TxnId: other.Id, TxnType: 'Invoice' }] }],
        },
        cb,
      ),
    );
    await s.credits.apply(s.org.id, a, inv.id);
    await qb.settled(w, s.org.id);
    const [op] = (await qb.operations(w, s.org.id)).filter((o) => o.kind === 'APPLY_CLIENT_CREDIT');
    expect(op.status).toBe('SKIPPED');
    expect(op.last_error).toContain(`QuickBooks payment ${paymentQbId} has USD 0.00 unapplied`);
    expect(await s.qbRecord('Invoice', await qb.qbIdOf(w, s.org.id, 'INVOICE', inv.id))).toMatchObject({
      Balance: 100,
    });
    // Settle's payment is as it was: QuickBooks still applies 100.00 to its invoice.
    const money = await s.c.db.query(
      `SELECT coalesce(sum(amount), 0)::int AS paid FROM payments WHERE invoice_id = $1`,
      [payment.invoiceId],
    );
    expect(money[0].paid).toBe(11000);
  });

  it('credit from an overpayment and a credit memo together: a Payment of 0 and a Payment line, invoice paid in full', async () => {
    const s = await setup();
    const { creditMemo: source } = await s.grant(9000);
    const { payment } = await overpaid(s);
    const inv = await s.sentToQb();
    await qb.settled(w, s.org.id);
    const applied = await s.credits.apply(s.org.id, a, inv.id);
    expect(applied.invoice).toMatchObject({ status: 'PAID', balanceDue: 0 });
    await qb.settled(w, s.org.id);
    expect((await qb.operations(w, s.org.id)).every((o) => o.status === 'DONE')).toBe(true);
    const invQbId = await qb.qbIdOf(w, s.org.id, 'INVOICE', inv.id);
    expect(await s.qbRecord('Invoice', invQbId)).toMatchObject({ Balance: 0 });
    const zero = await s.qbRecord('Payment', await qb.qbIdOf(w, s.org.id, 'CREDIT_APPLICATION', applied.creditMemo.id));
    expect(zero.Line.map((l: { Amount: number }) => l.Amount)).toEqual([90, 90]);
    expect(zero.Line[1].LinkedTxn[0].TxnId).toBe(await qb.qbIdOf(w, s.org.id, 'CREDIT_MEMO', source.id));
    expect(await s.qbRecord('Payment', await qb.qbIdOf(w, s.org.id, 'PAYMENT', payment.id))).toMatchObject({
      UnappliedAmt: 0,
    });
  });
});
