import type { EntityManager } from 'typeorm';
import { Payment, PaymentKind } from './payment.entity.js';

/** What of an invoice's payment rows says how much of one payment is left to give back. */
export type RefundRow = Pick<Payment, 'id' | 'kind' | 'amount' | 'source' | 'adjustsPaymentId' | 'refundsPaymentId'>;

/**
 * What is left of `payment` to give back, from all the payment rows of its invoice: the payment (with
 * the adjustments that changed it), less the refunds that name it. A refund that names no payment (booked
 * before refunds named theirs, on an invoice with several payments) is taken from the invoice's other
 * payments of the same source first, and only what they cannot cover from this one: if that guess offers
 * too much, the provider refuses the refund and nothing is recorded. An adjustment counts with what it
 * corrects: one undoing a refund that failed at the provider takes that refund back.
 */
export function leftToRefund(payment: RefundRow, rows: readonly RefundRow[]): number {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const sum = { thisPaid: 0, othersPaid: 0, namedThis: 0, namedOthers: 0, unnamed: 0 };
  const sameSource = (r: RefundRow | undefined) => r?.source === payment.source;
  for (const row of rows) {
    const base = row.kind === PaymentKind.ADJUSTMENT && row.adjustsPaymentId ? byId.get(row.adjustsPaymentId) : row;
    if (!base) continue;
    if (base.kind === PaymentKind.PAYMENT && sameSource(base)) {
      if (base.id === payment.id) sum.thisPaid += row.amount;
      else sum.othersPaid += row.amount;
    } else if (base.kind === PaymentKind.REFUND) {
      // A named refund counts against its payment whoever recorded it (a card payment handed back by hand).
      if (base.refundsPaymentId === payment.id) sum.namedThis -= row.amount;
      else if (base.refundsPaymentId) sum.namedOthers -= sameSource(byId.get(base.refundsPaymentId)) ? row.amount : 0;
      else if (sameSource(base)) sum.unnamed -= row.amount;
    }
  }
  const othersLeft = Math.max(0, sum.othersPaid - sum.namedOthers);
  return Math.max(0, sum.thisPaid - sum.namedThis - Math.max(0, sum.unnamed - othersLeft));
}

/** leftToRefund of a payment, its invoice's rows read in the caller's transaction (which holds the invoice's lock). */
export async function refundable(tx: EntityManager, payment: Payment): Promise<number> {
  const rows = await tx.find(Payment, {
    where: { orgId: payment.orgId, invoiceId: payment.invoiceId },
    select: { id: true, kind: true, amount: true, source: true, adjustsPaymentId: true, refundsPaymentId: true },
  });
  return leftToRefund(payment, rows);
}

/** Whether the last refund of `payment` failed at the provider later and was undone (an ADJUSTMENT names it). */
export async function lastRefundFailed(tx: EntityManager, payment: Payment): Promise<boolean> {
  const [last] = (await tx.query(
    `SELECT EXISTS (SELECT 1 FROM payments a WHERE a.org_id = r.org_id AND a.adjusts_payment_id = r.id) AS undone
       FROM payments r WHERE r.org_id = $1 AND r.refunds_payment_id = $2 AND r.kind = 'REFUND'
      ORDER BY r.created_at DESC LIMIT 1`,
    [payment.orgId, payment.id],
  )) as Array<{ undone: boolean }>;
  return Boolean(last?.undone);
}
