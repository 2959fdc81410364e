import type { EntityManager } from 'typeorm';
import type { Invoice } from '../invoices/invoice.entity.js';

/**
 * Money paid on an invoice that Settle still holds: what was paid (refunds already taken off), less what
 * credit memos gave back (`returns_paid`). Credit that lowered the balance (a discount on an open
 * invoice, client credit spent on it) gave nothing back, so it is not subtracted: a void or a refund
 * that subtracted it would leave paid money behind unaccounted for, or give it back twice.
 */
export async function stillHeld(tx: EntityManager, invoice: Pick<Invoice, 'id' | 'orgId' | 'amountPaid'>) {
  const [{ given }] = (await tx.query(
    `SELECT COALESCE(SUM(amount), 0)::bigint AS given FROM credit_memos
      WHERE org_id = $1 AND invoice_id = $2 AND returns_paid`,
    [invoice.orgId, invoice.id],
  )) as [{ given: string }];
  return Math.max(0, invoice.amountPaid - Number(given));
}
