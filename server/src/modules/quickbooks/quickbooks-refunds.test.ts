import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import type { EntityManager } from 'typeorm';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import { reverseRefundIn } from '../payments/settlement-reversal.js';
import { OpKind } from './quickbooks-ledger.js';
import * as qb from './quickbooks.test-support.js';

// Refunds in Settle (negative payments) become QuickBooks RefundReceipts from the account the money went to.
const w = forFile(async () => {
  const world = await qb.startQbWorld();
  // No Stripe here: every charge's fee is zero, so the fee operation has nothing to post.
  qb.quickBooksOf(world.settle.container).feeSource = {
    feeFor: async (_orgId, chargeId) => ({ chargeId, gross: 0, fee: 0, currency: 'USD' }),
  };
  return world;
});
const a = SYSTEM_ACTOR;
let orgSeq = 0;

/** A connected org with a 100.00 invoice (in QuickBooks unless `pushed: false`) paid in full; `money` records more (negative: a refund). */
async function paidInQuickBooks(source: PaymentSource, opts: { pushed?: boolean } = {}) {
  const o = await qb.connectedOrg(w);
  const c = w.settle.container;
  await c.db.query(`UPDATE organizations SET invoice_prefix = $2 WHERE id = $1`, [o.org.id, `R${++orgSeq}-`]);
  const accounts = (await w.settle.gql(`{ quickBooksAccounts { id name } }`, {}, o.token)).data
    .quickBooksAccounts as Array<{ id: string; name: string }>;
  const account = (name: string) => accounts.find((x) => x.name === name)!.id;
  // Stripe money is deposited to the clearing bank its fees are taken from.
  await w.settle.gql(
    `mutation($i: QuickBooksMappingInput!) { updateQuickBooksMapping(input: $i) { status } }`,
    { i: { feeExpenseAccountId: account('Stripe Fees'), feeBankAccountId: account('Stripe Clearing') } },
    o.token,
  );
  const invoice = await qb.hourInvoice(w, o.org.id, 10000, opts.pushed === false ? ['EMAIL'] : ['QUICKBOOKS']);
  const money = (amount: number, externalId: string) =>
    c.settlement.settle(o.org.id, a, {
      invoiceId: invoice.id,
      amount,
      source,
      method: source === PaymentSource.STRIPE ? PaymentMethod.CARD : PaymentMethod.CHECK,
      externalId,
      reference: externalId,
    });
  const paid = await money(10000, `${source === PaymentSource.STRIPE ? 'ch' : 'chk'}_${orgSeq}`);
  return { ...o, c, invoice, money, paid, account };
}

/** The RefundReceipts Settle wrote for these refunds, in their order. */
async function receiptsFor(orgId: string, refundIds: string[]) {
  const all = await qb.qbEntities(w.emu, 'RefundReceipt');
  return Promise.all(
    refundIds.map(async (id) => {
      const qbId = await qb.qbIdOf(w, orgId, 'REFUND', id);
      return all.filter((r) => r.PrivateNote?.includes(id)).map((r) => ({ ...r, linked: r.Id === qbId }));
    }),
  );
}

async function customerOf(orgId: string, invoiceId: string) {
  const qbId = await qb.qbIdOf(w, orgId, 'INVOICE', invoiceId);
  return (await qb.qbEntities(w.emu, 'Invoice')).find((i) => i.Id === qbId).CustomerRef.value;
}

describe('QuickBooks refunds', () => {
  it('a full refund of a Stripe payment: one RefundReceipt of 100.00 from Stripe Clearing to the customer; replays add none', async () => {
    const s = await paidInQuickBooks(PaymentSource.STRIPE);
    const refund = await s.money(-10000, 're_full');
    await qb.settled(w, s.org.id);

    const qbPaymentId = await qb.qbIdOf(w, s.org.id, 'PAYMENT', s.paid.payment.id);
    const qbPayment = (await qb.qbEntities(w.emu, 'Payment')).find((p) => p.Id === qbPaymentId);
    expect(qbPayment.DepositToAccountRef.value).toBe(s.account('Stripe Clearing'));
    const [[receipt, ...more]] = await receiptsFor(s.org.id, [refund.payment.id]);
    expect(more).toHaveLength(0);
    expect(receipt).toMatchObject({
      linked: true,
      TotalAmt: 100,
      PaymentRefNum: 're_full',
      DepositToAccountRef: { value: s.account('Stripe Clearing') },
      CustomerRef: { value: await customerOf(s.org.id, s.invoice.id) },
    });

    // The provider re-delivers the refund (a settlement replay), and the operation runs again without its ledger row.
    expect((await s.money(-10000, 're_full')).replayed).toBe(true);
    await qb.runAgain(w, s.org.id, OpKind.PUSH_REFUND, refund.payment.id, 'REFUND');
    await qb.settled(w, s.org.id);
    const [again] = await receiptsFor(s.org.id, [refund.payment.id]);
    expect(again.map((r) => [r.Id, r.linked])).toEqual([[receipt.Id, true]]);
    const ops = (await qb.operations(w, s.org.id)).filter((op) => op.kind === 'PUSH_REFUND');
    expect(ops.map((op) => [op.version, op.status])).toEqual([
      [1, 'DONE'],
      [2, 'DONE'],
    ]);
  });

  it('a partial refund, then another, of a check: RefundReceipts of 25.00 and 15.00 from Undeposited Funds', async () => {
    const s = await paidInQuickBooks(PaymentSource.MANUAL);
    const first = await s.money(-2500, 'refund-1');
    await qb.settled(w, s.org.id);
    const second = await s.money(-1500, 'refund-2');
    await qb.settled(w, s.org.id);

    const receipts = await receiptsFor(s.org.id, [first.payment.id, second.payment.id]);
    expect(receipts.map((rs) => rs.map((r) => [r.TotalAmt, r.PaymentRefNum, r.linked]))).toEqual([
      [[25, 'refund-1', true]],
      [[15, 'refund-2', true]],
    ]);
    for (const [r] of receipts) expect(r.DepositToAccountRef.value).toBe(s.account('Undeposited Funds'));

    await qb.runAgain(w, s.org.id, OpKind.PUSH_REFUND, second.payment.id, 'REFUND');
    await qb.settled(w, s.org.id);
    expect((await receiptsFor(s.org.id, [first.payment.id, second.payment.id])).map((rs) => rs.length)).toEqual([1, 1]);
    expect((await qb.operations(w, s.org.id)).every((op) => op.status === 'DONE')).toBe(true);
  });

  it('a Stripe refund that failed after it was booked: its RefundReceipt is deleted; one undone before its push gets none', async () => {
    const s = await paidInQuickBooks(PaymentSource.STRIPE);
    const deps = { audit: s.c.audit, events: s.c.events, exceptions: s.c.paymentExceptions };
    // What the Stripe module does when Stripe confirms the refund failed (stripe-refund-effects.ts).
    const undo = (tx: EntityManager, refundRef: string) =>
      reverseRefundIn(tx, deps, s.org.id, a, {
        invoiceId: s.invoice.id,
        source: PaymentSource.STRIPE,
        refundRef,
        paymentId: s.paid.payment.id,
        reference: `Stripe refund ${refundRef} failed`,
      });
    const failing = await s.money(-3000, 're_fails');
    await qb.settled(w, s.org.id);
    const [[receipt]] = await receiptsFor(s.org.id, [failing.payment.id]);
    expect(receipt).toMatchObject({ linked: true, TotalAmt: 30, __deleted: false });

    const undone = await s.c.db.transaction((tx) => undo(tx, 're_fails'));
    expect(undone.invoice).toMatchObject({ status: 'PAID', amountPaid: 10000 });
    await qb.settled(w, s.org.id);
    const [[gone, ...more]] = await receiptsFor(s.org.id, [failing.payment.id]);
    expect([gone!.Id, gone!.__deleted, more.length]).toEqual([receipt!.Id, true, 0]);
    expect((await s.c.db.transaction((tx) => undo(tx, 're_fails'))).replayed).toBe(true);

    // Booked and undone in one transaction, before its push ran: there is no refund to book.
    const early = await s.c.db.transaction(async (tx) => {
      const booked = await s.c.settlement.settleIn(tx, s.org.id, a, {
        invoiceId: s.invoice.id,
        amount: -2000,
        source: PaymentSource.STRIPE,
        method: PaymentMethod.CARD,
        externalId: 're_early_fail',
      });
      await undo(tx, 're_early_fail');
      return booked;
    });
    await qb.settled(w, s.org.id);
    expect(await receiptsFor(s.org.id, [early.payment.id])).toEqual([[]]);
    const ops = (await qb.operations(w, s.org.id)).filter((op) => /_REFUND$/.test(op.kind));
    const of = (id: string) => ops.filter((op) => op.entity_id === id).map((op) => [op.kind, op.status]);
    expect(of(failing.payment.id)).toEqual([
      ['PUSH_REFUND', 'DONE'],
      ['DELETE_REFUND', 'DONE'],
    ]);
    expect(of(early.payment.id).sort()).toEqual([
      ['DELETE_REFUND', 'SKIPPED'],
      ['PUSH_REFUND', 'SKIPPED'],
    ]);
  });

  it('a refund made before the invoice reached QuickBooks follows the payment it refunds', async () => {
    const s = await paidInQuickBooks(PaymentSource.STRIPE, { pushed: false });
    const refund = await s.money(-4000, 're_early');
    const r = await w.settle.gql(
      `mutation($id: ID!) { sendInvoiceToQuickBooks(id: $id) { id } }`,
      { id: s.invoice.id },
      s.token,
    );
    expect(r.errors).toBeUndefined();
    await qb.settled(w, s.org.id);

    expect(await qb.qbIdOf(w, s.org.id, 'PAYMENT', s.paid.payment.id)).not.toBeNull();
    const [[receipt, ...more]] = await receiptsFor(s.org.id, [refund.payment.id]);
    expect(more).toHaveLength(0);
    expect(receipt).toMatchObject({
      linked: true,
      TotalAmt: 40,
      DepositToAccountRef: { value: s.account('Stripe Clearing') },
    });
    const ran = await qb.ranInOrder(w, s.org.id);
    expect(ran.map((op) => op.kind).filter((k) => k !== 'STRIPE_FEE')).toEqual([
      'PUSH_INVOICE',
      'PUSH_PAYMENT',
      'PUSH_REFUND',
    ]);
  });
});
