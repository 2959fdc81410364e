import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What of each invoice's payments became the client's credit: overpayments kept as credit (the payments'
 * kept_as_credit) and memos to client credit.
 */
const KEPT = `SELECT org_id, invoice_id, SUM(amount) AS amount FROM (
    SELECT org_id, invoice_id, kept_as_credit AS amount FROM payments WHERE kept_as_credit > 0
    UNION ALL SELECT org_id, invoice_id, amount FROM credit_memos WHERE to_client_credit
  ) k GROUP BY org_id, invoice_id`;

/**
 * Invoices whose balance counted money kept as the client's credit as paid (paid 100.00, 30.00 of it
 * credited to the client's account, 70.00 refunded: 40.00 was due, not 70.00) get the balance and the
 * status they derive now (invoice-status.ts: balance = total - max(0, paid - kept) - credited), with an
 * audit row saying so where either changed. A void invoice keeps VOID. A PAID invoice is not reopened
 * by an upgrade (autopay, reminders and the overdue sweep would act on it unasked): it stays paid, and
 * an audit row `invoice.balance_review` names what the corrected rule says is owed, for an admin to bill
 * or credit; the next change to its money derives it anew.
 */
export const BALANCE_WITHOUT_KEPT_CREDIT = `WITH kept AS (${KEPT}),
  fixed AS (
    SELECT i.org_id, i.id, i.status AS old_status, i.balance_due AS old_balance, k.amount AS kept,
           GREATEST(0, i.total - GREATEST(0, i.amount_paid - k.amount) - i.amount_credited) AS balance,
           i.amount_paid - k.amount AS paid_towards, i.amount_credited, i.uncollectible_at
      FROM invoices i JOIN kept k ON k.org_id = i.org_id AND k.invoice_id = i.id
  ),
  derived AS (
    SELECT f.*, f.old_status = 'PAID' AND f.balance > 0 AS review, CASE
        WHEN f.old_status IN ('DRAFT', 'VOID') THEN f.old_status
        WHEN f.balance <= 0 OR f.old_status = 'PAID' THEN 'PAID'
        WHEN f.uncollectible_at IS NOT NULL THEN 'UNCOLLECTIBLE'
        WHEN f.paid_towards > 0 OR f.amount_credited > 0 THEN 'PARTIALLY_PAID'
        ELSE 'SENT' END AS status
      FROM fixed f
  ),
  updated AS (
    UPDATE invoices i SET amount_kept_as_credit = d.kept, balance_due = CASE WHEN d.review THEN i.balance_due ELSE d.balance END, status = d.status,
           paid_at = CASE WHEN d.status = 'PAID' THEN COALESCE(i.paid_at, now()) WHEN d.status = 'VOID' THEN i.paid_at END
      FROM derived d WHERE i.org_id = d.org_id AND i.id = d.id
  )
  INSERT INTO audit_events (org_id, actor_type, actor_id, actor_label, source, entity_type, entity_id, action, before, after)
  SELECT org_id, 'SYSTEM', NULL, 'Settle', 'system', 'Invoice', id,
         CASE WHEN review THEN 'invoice.balance_review' ELSE 'invoice.balance_corrected' END,
         jsonb_build_object('status', old_status, 'balanceDue', old_balance),
         CASE WHEN review THEN jsonb_build_object('status', status, 'owed', balance, 'amountKeptAsCredit', kept,
           'why', 'Part of what was paid went to the client''s credit, so this much is still owed by the corrected rule. Settle left the invoice paid: bill the rest or issue a credit memo.')
         ELSE jsonb_build_object('status', status, 'balanceDue', balance, 'amountKeptAsCredit', kept,
           'why', 'Money kept as the client''s credit no longer counts as paid on this invoice') END
    FROM derived WHERE old_status <> 'VOID' AND (review OR status <> old_status OR balance <> old_balance)`;

/**
 * invoices.amount_kept_as_credit: of what was paid on an invoice, what became the client's credit. It
 * pays nothing on the invoice (the client spends it elsewhere), so the balance leaves it out.
 */
export class KeptCreditPaysNothing1795300039000 implements MigrationInterface {
  name = 'KeptCreditPaysNothing1795300039000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE invoices ADD COLUMN amount_kept_as_credit bigint NOT NULL DEFAULT 0
         CHECK (amount_kept_as_credit >= 0)`,
    );
    await q.query(BALANCE_WITHOUT_KEPT_CREDIT);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoices DROP COLUMN amount_kept_as_credit`);
  }
}
