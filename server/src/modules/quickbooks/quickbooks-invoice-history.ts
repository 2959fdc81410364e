import type { EntityManager } from 'typeorm';
import { OpKind, enqueueOperation } from './quickbooks-ledger.js';

/**
 * Everything that already happened to an invoice, as the operations that carry it to QuickBooks, oldest
 * first: payments, refunds, credit memos and client credit applied by when they were recorded, a payment's
 * void (staff's, voidPayment) and the invoice's void by when they were voided.
 * Money that came from QuickBooks is already there.
 */
async function history(
  tx: EntityManager,
  orgId: string,
  invoiceId: string,
): Promise<Array<{ kind: OpKind; id: string }>> {
  return tx.query(
    `SELECT kind, id FROM (
       SELECT CASE WHEN amount > 0 THEN 'PUSH_PAYMENT' ELSE 'PUSH_REFUND' END AS kind, id::text AS id, created_at AS at
         FROM payments WHERE org_id = $1 AND invoice_id = $2 AND source <> 'QUICKBOOKS'
           -- A correction is not money of its own: a refund it undid is skipped by the refund's push.
           AND kind <> 'ADJUSTMENT'
       UNION ALL
       -- A payment staff voided (recorded by mistake) goes as QuickBooks keeps a void: pushed, then voided.
       SELECT 'VOID_PAYMENT', adjusts_payment_id::text, created_at
         FROM payments WHERE org_id = $1 AND invoice_id = $2 AND kind = 'ADJUSTMENT' AND source = 'MANUAL'
           AND external_id = 'void:' || adjusts_payment_id::text
       UNION ALL
       -- Client credit spent on the invoice is booked as the application of the credit it spends, not a new credit memo.
       SELECT CASE WHEN EXISTS (SELECT 1 FROM client_credits c WHERE c.credit_memo_id = m.id AND c.source = 'APPLIED')
                   THEN 'APPLY_CLIENT_CREDIT' ELSE 'PUSH_CREDIT_MEMO' END, m.id::text, m.created_at
         FROM credit_memos m WHERE m.org_id = $1 AND m.invoice_id = $2
       UNION ALL
       SELECT 'VOID_INVOICE', id::text, coalesce(voided_at, updated_at) FROM invoices
         WHERE org_id = $1 AND id = $2 AND status = 'VOID'
     ) h ORDER BY at, kind`,
    [orgId, invoiceId],
  );
}

/**
 * Once an invoice is in QuickBooks, queues (in order) what happened to it before: an invoice pushed late
 * (sent by email first, connected later, a failed push retried) must not arrive without its payments.
 * Each operation is queued once per entity, so what the event handlers queued already is not repeated;
 * one skipped while the invoice was not in QuickBooks goes again. Each one checks the ledger and writes
 * with a deterministic requestid, so even a replay never books twice.
 */
export async function queueInvoiceHistory(tx: EntityManager, orgId: string, invoiceId: string): Promise<void> {
  for (const { kind, id } of await history(tx, orgId, invoiceId))
    await enqueueOperation(tx, orgId, kind, id, { reopenSkipped: true });
}

/** A payment of this invoice still on its way to QuickBooks (what follows it must wait for it). */
export async function paymentPushPending(tx: EntityManager, orgId: string, invoiceId: string): Promise<boolean> {
  const [row] = await tx.query(
    `SELECT 1 FROM qbo_operations o JOIN payments p ON p.org_id = o.org_id AND p.id::text = o.entity_id
      WHERE o.org_id = $1 AND o.kind = 'PUSH_PAYMENT' AND o.status = 'PENDING' AND p.invoice_id = $2 LIMIT 1`,
    [orgId, invoiceId],
  );
  return Boolean(row);
}

/**
 * Whether what QuickBooks shows for the invoice is about to change: an update of it, or a payment,
 * refund or credit memo of it, still waiting to be pushed. QuickBooks emails an invoice with the
 * balance it has then, so an email waits for these.
 */
export async function balanceChangePending(tx: EntityManager, orgId: string, invoiceId: string): Promise<boolean> {
  const [row] = await tx.query(
    `SELECT 1 FROM qbo_operations o
      WHERE o.org_id = $1 AND o.status = 'PENDING' AND (
        (o.kind = 'UPDATE_INVOICE' AND o.entity_id = $2::text)
        OR (o.kind IN ('PUSH_PAYMENT', 'PUSH_REFUND') AND EXISTS (
              SELECT 1 FROM payments p WHERE p.org_id = o.org_id AND p.id::text = o.entity_id AND p.invoice_id = $2::uuid))
        OR (o.kind IN ('PUSH_CREDIT_MEMO', 'APPLY_CLIENT_CREDIT') AND EXISTS (
              SELECT 1 FROM credit_memos m WHERE m.org_id = o.org_id AND m.id::text = o.entity_id AND m.invoice_id = $2::uuid)))
      LIMIT 1`,
    [orgId, invoiceId],
  );
  return Boolean(row);
}
