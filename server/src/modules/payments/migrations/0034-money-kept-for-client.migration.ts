import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Overpayments already kept as client credit: their payment learns how much of it was kept. */
export const KEPT_AS_CREDIT_FROM_EXCEPTIONS = `UPDATE payments p SET kept_as_credit = e.kept
   FROM (SELECT org_id, payment_id, SUM(amount) AS kept FROM payment_exceptions
          WHERE status = 'KEPT_AS_CREDIT' GROUP BY org_id, payment_id) e
  WHERE p.org_id = e.org_id AND p.id = e.payment_id`;

/**
 * Voids that kept the money "as the client's credit" wrote a plain memo and no ledger row, so the client
 * could not spend it and the card payment stayed refundable. Each such memo becomes what it said: credit
 * on the client's account (a ledger grant, once per memo) and a memo to client credit. Only while the void
 * invoice still holds the money: one refunded since (given back already) is left as it is.
 */
export const VOID_CREDIT_TO_CLIENT_CREDIT = `WITH kept AS (
    SELECT m.id, m.org_id, m.client_id, m.currency, m.amount, m.invoice_id, m.actor_type, m.actor_id
      FROM credit_memos m JOIN invoices i ON i.org_id = m.org_id AND i.id = m.invoice_id
     WHERE i.status = 'VOID' AND m.returns_paid AND NOT m.to_client_credit
       AND m.reason LIKE 'Kept as client credit%'
       AND i.amount_paid >= m.amount
         + (SELECT COALESCE(SUM(o.amount), 0) FROM credit_memos o WHERE o.invoice_id = i.id AND o.to_client_credit)
         + (SELECT COALESCE(SUM(p.kept_as_credit), 0) FROM payments p WHERE p.invoice_id = i.id)
  ), marked AS (
    UPDATE credit_memos m SET to_client_credit = true FROM kept WHERE m.id = kept.id
  )
  INSERT INTO client_credits (org_id, client_id, currency, amount, source, credit_memo_id, invoice_id, actor_type, actor_id)
  SELECT org_id, client_id, currency, amount, 'CREDIT_MEMO', id, invoice_id, actor_type, actor_id FROM kept
  ON CONFLICT DO NOTHING`;

/**
 * Money paid on an invoice that became the client's credit is no longer held on it (never refunded too):
 * - payments.kept_as_credit: how much of a payment past the balance (or on a void invoice) was kept as
 *   credit, learned for existing payments from their payment exceptions closed KEPT_AS_CREDIT;
 * - memos written by a void that kept the money for the client become memos to client credit, with the
 *   ledger grant they lacked (see VOID_CREDIT_TO_CLIENT_CREDIT).
 */
export class MoneyKeptForClient1795300037000 implements MigrationInterface {
  name = 'MoneyKeptForClient1795300037000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE payments ADD COLUMN kept_as_credit bigint NOT NULL DEFAULT 0 CHECK (kept_as_credit >= 0)`,
    );
    await q.query(KEPT_AS_CREDIT_FROM_EXCEPTIONS);
    await q.query(VOID_CREDIT_TO_CLIENT_CREDIT);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payments DROP COLUMN kept_as_credit`);
  }
}
