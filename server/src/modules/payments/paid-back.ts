import type { EntityManager } from 'typeorm';
import type { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';

/**
 * Money paid on an invoice that Settle still holds: what was paid (refunds already taken off), less what
 * credit memos turned into client credit (`to_client_credit`), money the client can spend already.
 * Other credit gave nothing back: a discount on an open invoice or client credit spent on it lowered what
 * was due, and a memo that says money is owed back is settled by the refund that follows it. Subtracting
 * those would leave paid money behind unaccounted for; not subtracting the client credit would give it
 * back twice.
 */
export async function stillHeld(tx: EntityManager, invoice: InvoiceKey & Pick<Invoice, 'amountPaid'>) {
  return Math.max(0, invoice.amountPaid - (await memoTotal(tx, invoice, 'to_client_credit')));
}

/**
 * How much a new credit memo may credit. On a paid or void invoice (`settled`) it credits money paid: at
 * most what was paid less what earlier such memos credited (not less a discount that lowered the balance
 * while it was open). On an open one it lowers what is due, at most all of it.
 */
export async function creditMemoBound(
  tx: EntityManager,
  invoice: InvoiceKey & Pick<Invoice, 'status' | 'amountPaid' | 'balanceDue'>,
): Promise<{ settled: boolean; creditable: number }> {
  const settled = invoice.status === InvoiceStatus.PAID || invoice.status === InvoiceStatus.VOID;
  if (!settled) return { settled, creditable: invoice.balanceDue };
  return { settled, creditable: invoice.amountPaid - (await memoTotal(tx, invoice, 'returns_paid')) };
}

type InvoiceKey = Pick<Invoice, 'id' | 'orgId'>;

async function memoTotal(tx: EntityManager, invoice: InvoiceKey, flag: 'to_client_credit' | 'returns_paid') {
  const [{ total }] = (await tx.query(
    `SELECT COALESCE(SUM(amount), 0)::bigint AS total FROM credit_memos WHERE org_id = $1 AND invoice_id = $2 AND ${flag}`,
    [invoice.orgId, invoice.id],
  )) as [{ total: string }];
  return Number(total);
}
