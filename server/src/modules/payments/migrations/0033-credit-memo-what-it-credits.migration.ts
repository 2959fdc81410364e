import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Marks the memos issued while their invoice was PAID or VOID (the audit row's `before` is the invoice then). */
export const RETURNS_PAID_FROM_AUDIT = `UPDATE credit_memos m SET returns_paid = true
   FROM audit_events a
  WHERE a.org_id = m.org_id AND a.entity_id = m.invoice_id AND a.action = 'invoice.credit_memo_issued'
    AND a.after -> 'creditMemo' ->> 'id' = m.id::text AND a.before ->> 'status' IN ('PAID', 'VOID')`;

/** Marks the memos whose amount became client credit: the client-credits ledger granted it from them. */
export const TO_CLIENT_CREDIT_FROM_LEDGER = `UPDATE credit_memos m SET to_client_credit = true
  WHERE EXISTS (SELECT 1 FROM client_credits c WHERE c.credit_memo_id = m.id AND c.source = 'CREDIT_MEMO')`;

/**
 * Two facts a credit memo did not keep, both raising amount_credited alike:
 * - returns_paid: it was issued on a PAID or VOID invoice, so it credits money already paid (a later
 *   memo may credit no more than what was paid less such memos), rather than lowering what is due;
 * - to_client_credit: its amount went to the client's credit balance, money given back already (a
 *   refund or a void must not give it back again).
 * Existing memos learn the first from their audit row (the invoice as it was when the memo was issued)
 * and the second from the client-credits ledger, which records the grant made from each.
 */
export class CreditMemoWhatItCredits1795300036000 implements MigrationInterface {
  name = 'CreditMemoWhatItCredits1795300036000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE credit_memos ADD COLUMN returns_paid boolean NOT NULL DEFAULT false,
                                ADD COLUMN to_client_credit boolean NOT NULL DEFAULT false`,
    );
    await q.query(RETURNS_PAID_FROM_AUDIT);
    await q.query(TO_CLIENT_CREDIT_FROM_LEDGER);
    await q.query(
      `ALTER TABLE credit_memos ALTER COLUMN returns_paid DROP DEFAULT, ALTER COLUMN to_client_credit DROP DEFAULT`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credit_memos DROP COLUMN returns_paid, DROP COLUMN to_client_credit`);
  }
}
