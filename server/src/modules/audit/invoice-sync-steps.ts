import type { DataSource } from 'typeorm';
import type { OperationStatus } from '../quickbooks/quickbooks-operation-kinds.js';
import { quickBooksStepLabel, type QuickBooksOperationRow } from './audit-labels.js';

/** One step an invoice took on its way to Stripe or QuickBooks, as the timeline shows it. */
export interface SyncStep {
  id: string;
  invoiceId: string;
  at: Date;
  system: 'Stripe' | 'QuickBooks';
  label: string;
  status: OperationStatus | null;
}

/**
 * The QuickBooks operations of these invoices: of the invoice itself, and of its payments, refunds, credit
 * memos and Stripe fees (those carry their own ids, so they are found through the invoice's rows). A done
 * step is dated when it was done; a pending or failed one when it was queued.
 */
async function quickBooksSteps(db: DataSource, orgId: string, invoiceIds: string[]): Promise<SyncStep[]> {
  const rows: Array<QuickBooksOperationRow & { id: string; invoiceId: string; at: Date }> = await db.query(
    `SELECT o.id::text AS id, x.invoice_id AS "invoiceId", o.kind, o.status, o.attempts,
            o.last_error AS "lastError", o.qb_id AS "qbId", coalesce(o.completed_at, o.created_at) AS at
       FROM (
         SELECT i.id::text AS entity_id, i.id AS invoice_id, k.kind
           FROM invoices i CROSS JOIN unnest(ARRAY['PUSH_INVOICE','UPDATE_INVOICE','VOID_INVOICE','EMAIL_INVOICE']) k(kind)
          WHERE i.org_id = $1 AND i.id = ANY($2::uuid[])
         UNION ALL
         SELECT p.id::text, p.invoice_id, k.kind
           FROM payments p CROSS JOIN unnest(ARRAY['PUSH_PAYMENT','PUSH_REFUND','VOID_PAYMENT']) k(kind)
          WHERE p.org_id = $1 AND p.invoice_id = ANY($2::uuid[])
         UNION ALL
         SELECT p.external_id, p.invoice_id, 'STRIPE_FEE'
           FROM payments p WHERE p.org_id = $1 AND p.invoice_id = ANY($2::uuid[]) AND p.external_id IS NOT NULL
         UNION ALL
         SELECT m.id::text, m.invoice_id, 'PUSH_CREDIT_MEMO'
           FROM credit_memos m WHERE m.org_id = $1 AND m.invoice_id = ANY($2::uuid[])
       ) x
       JOIN qbo_operations o ON o.org_id = $1 AND o.kind = x.kind AND o.entity_id = x.entity_id`,
    [orgId, invoiceIds],
  );
  return rows.map((r) => ({
    id: `qbo:${r.id}`,
    invoiceId: r.invoiceId,
    at: new Date(r.at),
    system: 'QuickBooks',
    label: quickBooksStepLabel(r),
    status: r.status,
  }));
}

/**
 * The Stripe side of these invoices: the Stripe invoice Settle made, or that it is paid through Checkout
 * (dated by the invoice's first send: the link's own row keeps only its last change), and each Checkout
 * session opened to pay it.
 */
async function stripeSteps(db: DataSource, orgId: string, invoiceIds: string[]): Promise<SyncStep[]> {
  const rows: Array<{ id: string; invoiceId: string; at: Date; label: string }> = await db.query(
    `SELECT 'stripe:' || l.invoice_id AS id, l.invoice_id AS "invoiceId",
            coalesce((SELECT min(a.created_at) FROM audit_events a
                       WHERE a.org_id = l.org_id AND a.entity_type = 'Invoice' AND a.entity_id = l.invoice_id
                         AND a.action = 'invoice.sent'), l.updated_at) AS at,
            CASE WHEN l.stripe_invoice_id IS NOT NULL THEN 'Sent to Stripe (' || l.stripe_invoice_id || ')'
                 ELSE 'Payable on Stripe Checkout' END AS label
       FROM stripe_invoice_links l
      WHERE l.org_id = $1 AND l.invoice_id = ANY($2::uuid[])
        AND (l.stripe_invoice_id IS NOT NULL OR l.send_via = 'CHECKOUT')
     UNION ALL
     SELECT 'checkout:' || s.id, s.invoice_id, s.created_at, 'Stripe Checkout opened (' || s.id || ')'
       FROM stripe_checkout_sessions s WHERE s.org_id = $1 AND s.invoice_id = ANY($2::uuid[])`,
    [orgId, invoiceIds],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at), system: 'Stripe', status: null }));
}

/** Every Stripe and QuickBooks step of these invoices, in two queries whatever their number. */
export async function invoiceSyncSteps(
  db: DataSource,
  orgId: string,
  invoiceIds: readonly string[],
): Promise<SyncStep[]> {
  if (!invoiceIds.length) return [];
  const ids = [...invoiceIds];
  const [qbo, stripe] = await Promise.all([quickBooksSteps(db, orgId, ids), stripeSteps(db, orgId, ids)]);
  return [...qbo, ...stripe];
}
