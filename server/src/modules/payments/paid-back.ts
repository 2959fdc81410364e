import type { EntityManager } from 'typeorm';
import type { Invoice } from '../invoices/invoice.entity.js';

/**
 * Money paid on an invoice that Settle still holds: what was paid (refunds already taken off), less what
 * credit memos turned into client credit (`to_client_credit`), money the client can spend already.
 * Other credit gave nothing back: a discount on an open invoice or client credit spent on it lowered what
 * was due, and a memo that says money is owed back is settled by the refund that follows it. Subtracting
 * those would leave paid money behind unaccounted for; not subtracting the client credit would give it
 * back twice.
 */
export async function stillHeld(tx: EntityManager, invoice: Pick<Invoice, 'id' | 'orgId' | 'amountPaid'>) {
  const [{ given }] = (await tx.query(
    `SELECT COALESCE(SUM(amount), 0)::bigint AS given FROM credit_memos
      WHERE org_id = $1 AND invoice_id = $2 AND to_client_credit`,
    [invoice.orgId, invoice.id],
  )) as [{ given: string }];
  return Math.max(0, invoice.amountPaid - Number(given));
}
