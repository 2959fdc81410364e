import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { payByCheck } from '../../../test/fixtures.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { CreditMemoPurpose } from '../payments/settlement.types.js';
import {
  bookingSetup,
  operations,
  qbEntities,
  qbIdOf,
  settled,
  startQbWorld,
} from '../quickbooks/quickbooks.test-support.js';
import { clientCreditsOf } from './client-credits.services.js';

const w = forFile(() => startQbWorld());
const a = SYSTEM_ACTOR;

async function setup() {
  // sentToQb(): an invoice for an hour (100.00), sent by email and to QuickBooks.
  const { c, sentToQb, ...o } = await bookingSetup(w, 10000);
  const credits = clientCreditsOf(c).credits;
  /** A paid invoice in QuickBooks with `amount` of it credited to the client's account. */
  const grant = async (amount: number) => {
    const inv = await sentToQb();
    await payByCheck(c, o.org.id, inv.id, inv.total);
    return c.settlement.issueCreditMemo(o.org.id, a, {
      invoiceId: inv.id,
      amount,
      reason: 'Goodwill',
      purpose: CreditMemoPurpose.TO_CLIENT_CREDIT,
    });
  };
  const qbRecord = async (type: string, id: string | null) => (await qbEntities(w.emu, type)).find((e) => e.Id === id);
  return { ...o, c, credits, sentToQb, grant, qbRecord };
}

describe('client credit in QuickBooks', () => {
  it('credit applied by hand is a Payment of 0 applying the credit memo to the invoice; no second credit memo', async () => {
    const s = await setup();
    const { creditMemo: source } = await s.grant(3000);
    const inv = await s.sentToQb();
    await settled(w, s.org.id);
    const memosBefore = (await qbEntities(w.emu, 'CreditMemo')).length;
    const applied = await s.credits.apply(s.org.id, a, inv.id);
    expect(applied.invoice).toMatchObject({ status: 'PARTIALLY_PAID', balanceDue: 7000 });
    await settled(w, s.org.id);

    const ops = await operations(w, s.org.id);
    expect(ops.filter((o) => o.kind === 'APPLY_CLIENT_CREDIT').map((o) => [o.entity_id, o.status])).toEqual([
      [applied.creditMemo.id, 'DONE'],
    ]);
    expect(ops.every((o) => o.status === 'DONE')).toBe(true);
    expect((await qbEntities(w.emu, 'CreditMemo')).length).toBe(memosBefore);
    const invoiceQbId = await qbIdOf(w, s.org.id, 'INVOICE', inv.id);
    const sourceQbId = await qbIdOf(w, s.org.id, 'CREDIT_MEMO', source.id);
    const payment = await s.qbRecord('Payment', await qbIdOf(w, s.org.id, 'CREDIT_APPLICATION', applied.creditMemo.id));
    expect(payment).toMatchObject({ TotalAmt: 0, UnappliedAmt: 0 });
    expect(payment.Line).toEqual([
      expect.objectContaining({ Amount: 30, LinkedTxn: [{ TxnId: invoiceQbId, TxnType: 'Invoice' }] }),
      expect.objectContaining({ Amount: 30, LinkedTxn: [{ TxnId: sourceQbId, TxnType: 'CreditMemo' }] }),
    ]);
    expect(await s.qbRecord('Invoice', invoiceQbId)).toMatchObject({ Balance: 70 });
    expect(await s.qbRecord('CreditMemo', sourceQbId)).toMatchObject({ RemainingCredit: 0 });
    // QuickBooks tells Settle about the Payment; Settle knows it for its own and records no money.
    await new Promise((r) => setTimeout(r, 500));
    await settled(w, s.org.id);
    const money = await s.c.db.query(`SELECT count(*)::int AS n FROM payments WHERE invoice_id = $1`, [inv.id]);
    expect(money[0].n).toBe(0);
  });

  it('credit applied on finalize reaches QuickBooks after the invoice, from two credit memos first in first out', async () => {
    const s = await setup();
    const { creditMemo: first } = await s.grant(1500);
    const { creditMemo: second } = await s.grant(2500);
    await clientCreditsOf(s.c).settings.update(s.org.id, a, { applyCreditAutomatically: true });
    const inv = await s.sentToQb(); // 40.00 of credit applied as it is finalized
    expect(inv).toMatchObject({ status: 'PARTIALLY_PAID', balanceDue: 6000 });
    await settled(w, s.org.id);
    const [applied] = await s.c.db.query(
      `SELECT credit_memo_id FROM client_credits WHERE invoice_id = $1 AND source = 'APPLIED'`,
      [inv.id],
    );
    const payment = await s.qbRecord(
      'Payment',
      await qbIdOf(w, s.org.id, 'CREDIT_APPLICATION', applied.credit_memo_id),
    );
    expect(
      payment.Line.map((l: { Amount: number; LinkedTxn: Array<{ TxnType: string; TxnId: string }> }) => [
        l.Amount,
        l.LinkedTxn[0]!.TxnId,
      ]),
    ).toEqual([
      [40, await qbIdOf(w, s.org.id, 'INVOICE', inv.id)],
      [15, await qbIdOf(w, s.org.id, 'CREDIT_MEMO', first.id)],
      [25, await qbIdOf(w, s.org.id, 'CREDIT_MEMO', second.id)],
    ]);
    expect(await s.qbRecord('Invoice', await qbIdOf(w, s.org.id, 'INVOICE', inv.id))).toMatchObject({ Balance: 60 });
    expect((await operations(w, s.org.id)).filter((o) => o.kind === 'PUSH_CREDIT_MEMO')).toHaveLength(2);
  });

  it('voiding the invoice voids the Payment of 0 first, so the credit memo can be spent again', async () => {
    const s = await setup();
    const { creditMemo: source } = await s.grant(3000);
    const inv = await s.sentToQb();
    await settled(w, s.org.id);
    const first = await s.credits.apply(s.org.id, a, inv.id);
    await settled(w, s.org.id);
    await s.c.invoices.void(s.org.id, a, inv.id);
    await settled(w, s.org.id);
    const order = (await operations(w, s.org.id))
      .filter((o) => ['VOID_CREDIT_APPLICATION', 'VOID_INVOICE'].includes(o.kind))
      .sort((x, y) => x.completed_at.getTime() - y.completed_at.getTime())
      .map((o) => [o.kind, o.status]);
    expect(order).toEqual([
      ['VOID_CREDIT_APPLICATION', 'DONE'],
      ['VOID_INVOICE', 'DONE'],
    ]);
    const zero = await s.qbRecord('Payment', await qbIdOf(w, s.org.id, 'CREDIT_APPLICATION', first.creditMemo.id));
    expect(zero.Line.map((l: { Amount: number }) => l.Amount)).toEqual([0, 0]);
    const sourceQbId = await qbIdOf(w, s.org.id, 'CREDIT_MEMO', source.id);
    expect(await s.qbRecord('CreditMemo', sourceQbId)).toMatchObject({ RemainingCredit: 30 });

    // The credit given back in Settle is there again in QuickBooks: spending it books cleanly.
    const next = await s.sentToQb();
    await settled(w, s.org.id);
    const again = await s.credits.apply(s.org.id, a, next.id);
    await settled(w, s.org.id);
    expect((await operations(w, s.org.id)).every((o) => o.status === 'DONE')).toBe(true);
    const payment = await s.qbRecord('Payment', await qbIdOf(w, s.org.id, 'CREDIT_APPLICATION', again.creditMemo.id));
    expect(payment.Line[1]).toMatchObject({ Amount: 30, LinkedTxn: [{ TxnId: sourceQbId, TxnType: 'CreditMemo' }] });
  });

  it('credit kept from an overpayment is applied in Settle and skipped in QuickBooks with what to do there', async () => {
    const s = await setup();
    const over = await s.sentToQb();
    const paid = await payByCheck(s.c, s.org.id, over.id, 11000, { allowOverpayment: true });
    const [exc] = await s.c.db.query(`SELECT id FROM payment_exceptions WHERE payment_id = $1`, [paid.payment.id]);
    await s.credits.keepExceptionAsCredit(s.org.id, a, exc.id);
    const inv = await s.sentToQb();
    await settled(w, s.org.id);
    const applied = await s.credits.apply(s.org.id, a, inv.id);
    expect(applied.invoice.balanceDue).toBe(9000);
    await settled(w, s.org.id);
    const [op] = (await operations(w, s.org.id)).filter((o) => o.kind === 'APPLY_CLIENT_CREDIT');
    expect(op.status).toBe('SKIPPED');
    expect(JSON.stringify(op)).toContain('apply that payment');
  });
});
