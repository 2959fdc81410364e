import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { billingFixture } from '../../../test/fixtures.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import { OpKind } from './quickbooks-ledger.js';
import * as qb from './quickbooks.test-support.js';

// An invoice that reaches QuickBooks late still carries everything that happened to it, once.
const w = forFile(() => qb.startQbWorld());
const a = SYSTEM_ACTOR;
let orgSeq = 0;

/** An org (connected or not yet) with a 120.00 invoice sent by email only: nothing of it is in QuickBooks. */
async function emailedInvoice(o: { org: { id: string } }) {
  const c = w.settle.container;
  // Every test org books into the same emulated company: distinct prefixes keep DocNumbers unique.
  await c.db.query(`UPDATE organizations SET invoice_prefix = $2 WHERE id = $1`, [o.org.id, `H${++orgSeq}-`]);
  const f = await billingFixture(c, o.org.id, { catalogPrice: 12000 });
  const invoice = await f.sentInvoice(60);
  const pay = (amount: number, reference: string) =>
    c.settlement.settle(o.org.id, a, {
      invoiceId: invoice.id,
      amount,
      source: PaymentSource.MANUAL,
      method: PaymentMethod.CHECK,
      reference,
    });
  return { c, invoice, pay };
}

async function sendToQuickBooks(token: string, id: string) {
  const r = await w.settle.gql(`mutation($id: ID!) { sendInvoiceToQuickBooks(id: $id) { id } }`, { id }, token);
  expect(r.errors).toBeUndefined();
}

const qbInvoice = async (id: string) => (await qb.qbEntities(w.emu, 'Invoice')).find((i) => i.Id === id);
const paymentsOf = async (qbInvoiceId: string) =>
  (await qb.qbEntities(w.emu, 'Payment')).filter((p) => p.Line?.[0]?.LinkedTxn?.[0]?.TxnId === qbInvoiceId);

describe('QuickBooks: an invoice pushed late carries its history', () => {
  it('paid (in two payments) before QuickBooks was connected: pushed, it shows balance 0 with both Payments linked, in order; run twice, still two', async () => {
    const o = await createOrgWithOwner(w.settle);
    const { invoice, pay } = await emailedInvoice(o);
    const first = await pay(5000, '2001');
    const second = await pay(7000, '2002');
    expect(second.invoice.status).toBe('PAID');

    expect(await qb.connectViaOAuth(w, o.token)).toContain('quickbooks=connected');
    await sendToQuickBooks(o.token, invoice.id);
    await qb.settled(w, o.org.id);

    const qbId = (await qb.qbIdOf(w, o.org.id, 'INVOICE', invoice.id))!;
    const q = await qbInvoice(qbId);
    expect(q).toMatchObject({ TotalAmt: 120, Balance: 0, AllowOnlineCreditCardPayment: false });
    const qbPayments = await paymentsOf(qbId);
    expect(qbPayments.map((p) => [p.TotalAmt, p.PaymentRefNum])).toEqual([
      [50, '2001'],
      [70, '2002'],
    ]);
    expect(await qb.qbIdOf(w, o.org.id, 'PAYMENT', first.payment.id)).toBe(qbPayments[0].Id);
    expect(await qb.qbIdOf(w, o.org.id, 'PAYMENT', second.payment.id)).toBe(qbPayments[1].Id);
    expect((await qb.ranInOrder(w, o.org.id)).map((op) => [op.kind, op.entity_id, op.status])).toEqual([
      ['PUSH_INVOICE', invoice.id, 'DONE'],
      ['PUSH_PAYMENT', first.payment.id, 'DONE'],
      ['PUSH_PAYMENT', second.payment.id, 'DONE'],
    ]);

    // Again: the push re-checks its history (nothing new), a payment replays even without its ledger row.
    await qb.runAgain(w, o.org.id, OpKind.PUSH_INVOICE, invoice.id);
    await qb.runAgain(w, o.org.id, OpKind.PUSH_PAYMENT, first.payment.id, 'PAYMENT');
    await qb.settled(w, o.org.id);
    expect((await paymentsOf(qbId)).map((p) => p.Id)).toEqual(qbPayments.map((p) => p.Id));
    expect(await qb.qbIdOf(w, o.org.id, 'PAYMENT', first.payment.id)).toBe(qbPayments[0].Id);
    expect((await qbInvoice(qbId)).Balance).toBe(0);
    expect((await qb.qbEntities(w.emu, 'Invoice')).filter((i) => i.DocNumber === invoice.number)).toHaveLength(1);
    expect((await qb.operations(w, o.org.id)).every((op) => op.status === 'DONE')).toBe(true);
  });

  it('paid and credited before the push: the Payment and the CreditMemo follow it once, also when run twice', async () => {
    const o = await qb.connectedOrg(w);
    const { c, invoice, pay } = await emailedInvoice(o);
    const paid = await pay(12000, '3001');
    const { creditMemo } = await c.settlement.issueCreditMemo(o.org.id, a, {
      invoiceId: invoice.id,
      amount: 2500,
      reason: 'Goodwill',
    });
    await sendToQuickBooks(o.token, invoice.id);
    await qb.settled(w, o.org.id);

    const qbId = (await qb.qbIdOf(w, o.org.id, 'INVOICE', invoice.id))!;
    expect(await qbInvoice(qbId)).toMatchObject({ Balance: 0, AllowOnlineACHPayment: false });
    const memos = () =>
      qb.qbEntities(w.emu, 'CreditMemo').then((all) => all.filter((m) => m.PrivateNote?.includes(creditMemo.id)));
    const [memo] = await memos();
    expect(memo).toMatchObject({ TotalAmt: 25, CustomerRef: { value: (await qbInvoice(qbId)).CustomerRef.value } });
    expect(await qb.qbIdOf(w, o.org.id, 'CREDIT_MEMO', creditMemo.id)).toBe(memo.Id);
    expect((await qb.ranInOrder(w, o.org.id)).map((op) => [op.kind, op.status])).toEqual([
      ['PUSH_INVOICE', 'DONE'],
      ['PUSH_PAYMENT', 'DONE'],
      ['PUSH_CREDIT_MEMO', 'DONE'],
    ]);

    await qb.runAgain(w, o.org.id, OpKind.PUSH_INVOICE, invoice.id);
    await qb.runAgain(w, o.org.id, OpKind.PUSH_CREDIT_MEMO, creditMemo.id, 'CREDIT_MEMO');
    await qb.runAgain(w, o.org.id, OpKind.PUSH_PAYMENT, paid.payment.id, 'PAYMENT');
    await qb.settled(w, o.org.id);
    expect(await memos()).toHaveLength(1);
    expect(await paymentsOf(qbId)).toHaveLength(1);
    expect((await qb.operations(w, o.org.id)).every((op) => op.status === 'DONE')).toBe(true);
  });

  it('partly paid and voided while its push was failing: the retried push brings the Payment, then the void', async () => {
    const o = await qb.connectedOrg(w);
    const { c, invoice, pay } = await emailedInvoice(o);
    // A mapping QuickBooks rejects: the push fails for good, so later changes are not followed yet.
    await c.db.query(`UPDATE qbo_connections SET default_item_id = '99999' WHERE org_id = $1`, [o.org.id]);
    await sendToQuickBooks(o.token, invoice.id);
    await qb.settled(w, o.org.id);
    const paid = await pay(3000, '4001');
    await c.invoices.void(o.org.id, a, invoice.id);
    expect((await qb.operations(w, o.org.id)).map((op) => [op.kind, op.status])).toEqual([['PUSH_INVOICE', 'FAILED']]);

    await c.db.query(`UPDATE qbo_connections SET default_item_id = NULL WHERE org_id = $1`, [o.org.id]);
    const list = await w.settle.gql(`{ quickBooksExceptions {nodes{ id }} }`, {}, o.token);
    const retried = await w.settle.gql(
      `mutation($id: ID!) { retryQuickBooksException(id: $id) { resolvedAt } }`,
      { id: list.data.quickBooksExceptions.nodes[0].id },
      o.token,
    );
    expect(retried.errors).toBeUndefined();
    await qb.settled(w, o.org.id);

    const qbId = (await qb.qbIdOf(w, o.org.id, 'INVOICE', invoice.id))!;
    expect((await qbInvoice(qbId)).__voided).toBe(true);
    const [qbPayment] = await paymentsOf(qbId);
    expect(qbPayment).toMatchObject({ TotalAmt: 30, PaymentRefNum: '4001' });
    expect(await qb.qbIdOf(w, o.org.id, 'PAYMENT', paid.payment.id)).toBe(qbPayment.Id);
    expect((await qb.ranInOrder(w, o.org.id)).map((op) => [op.kind, op.status])).toEqual([
      ['PUSH_INVOICE', 'DONE'],
      ['PUSH_PAYMENT', 'DONE'],
      ['VOID_INVOICE', 'DONE'],
    ]);

    // A replayed void (QuickBooks refuses a second one) and a replayed push change nothing.
    await qb.runAgain(w, o.org.id, OpKind.PUSH_INVOICE, invoice.id);
    await qb.runAgain(w, o.org.id, OpKind.VOID_INVOICE, invoice.id);
    await qb.settled(w, o.org.id);
    expect((await qb.operations(w, o.org.id)).every((op) => op.status === 'DONE')).toBe(true);
    expect(await paymentsOf(qbId)).toHaveLength(1);
    expect((await qb.qbEntities(w.emu, 'Invoice')).filter((i) => i.DocNumber === invoice.number)).toHaveLength(1);
  });
});
