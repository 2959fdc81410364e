import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Settle notices QuickBooks: a payment changed or deleted in QuickBooks is corrected by an ADJUSTMENT
 * payment naming the payment it corrects; each ledger link keeps what Settle last pushed of the fields it
 * owns (so an edit made in QuickBooks since is seen, not overwritten); and an org may push invoices to
 * QuickBooks as soon as they are generated.
 */
export class QuickBooksPullback1795300017000 implements MigrationInterface {
  name = 'QuickBooksPullback1795300017000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payments ADD COLUMN adjusts_payment_id uuid REFERENCES payments(id)`);
    await q.query(`ALTER TABLE payments DROP CONSTRAINT payments_kind_check, DROP CONSTRAINT payments_check`);
    await q.query(`ALTER TABLE payments ADD CONSTRAINT payments_kind_check CHECK (
      (kind = 'PAYMENT' AND amount > 0 AND adjusts_payment_id IS NULL)
      OR (kind = 'REFUND' AND amount < 0 AND adjusts_payment_id IS NULL)
      OR (kind = 'ADJUSTMENT' AND amount <> 0 AND adjusts_payment_id IS NOT NULL))`);
    await q.query(
      `CREATE INDEX payments_adjusts_payment_idx ON payments (org_id, adjusts_payment_id) WHERE adjusts_payment_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE qbo_links ADD COLUMN pushed jsonb`);
    await q.query(`ALTER TABLE qbo_connections ADD COLUMN push_on_generate boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE qbo_connections DROP COLUMN push_on_generate`);
    await q.query(`ALTER TABLE qbo_links DROP COLUMN pushed`);
    await q.query(`DELETE FROM payments WHERE kind = 'ADJUSTMENT'`);
    await q.query(`ALTER TABLE payments DROP CONSTRAINT payments_kind_check`);
    await q.query(`ALTER TABLE payments DROP COLUMN adjusts_payment_id`);
    await q.query(`ALTER TABLE payments ADD CONSTRAINT payments_kind_check CHECK (
      (kind = 'PAYMENT' AND amount > 0) OR (kind = 'REFUND' AND amount < 0))`);
  }
}
