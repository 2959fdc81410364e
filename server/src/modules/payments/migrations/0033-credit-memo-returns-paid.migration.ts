import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a credit memo gives back money already paid (issued on a PAID or VOID invoice) or lowers what
 * is due (issued on an open invoice, client credit spent on it included). Both raise amount_credited,
 * so a void or a refund could not tell money still held from money never paid. Existing memos are
 * classified by the invoice's status when each was issued, from its `invoice.credit_memo_issued` audit row.
 */
/** Marks the memos issued while their invoice was PAID or VOID (the audit row's `before` is the invoice then). */
export const RETURNS_PAID_FROM_AUDIT = `UPDATE credit_memos m SET returns_paid = true
   FROM audit_events a
  WHERE a.org_id = m.org_id AND a.entity_id = m.invoice_id AND a.action = 'invoice.credit_memo_issued'
    AND a.after -> 'creditMemo' ->> 'id' = m.id::text AND a.before ->> 'status' IN ('PAID', 'VOID')`;

export class CreditMemoReturnsPaid1795300036000 implements MigrationInterface {
  name = 'CreditMemoReturnsPaid1795300036000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credit_memos ADD COLUMN returns_paid boolean NOT NULL DEFAULT false`);
    await q.query(RETURNS_PAID_FROM_AUDIT);
    await q.query(`ALTER TABLE credit_memos ALTER COLUMN returns_paid DROP DEFAULT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credit_memos DROP COLUMN returns_paid`);
  }
}
