import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which due date an invoice was last announced overdue for (`invoice.overdue`), so the sweep announces
 * each due date passing once, and again only if the due date is moved and passes again. Invoices
 * already overdue when this ships count as announced: integrators get the invoices that become
 * overdue from now on, not a burst of old ones.
 */
export class OverdueReported1795300033000 implements MigrationInterface {
  name = 'OverdueReported1795300033000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoices ADD COLUMN overdue_reported_for date`);
    await q.query(
      `UPDATE invoices SET overdue_reported_for = due_date
        WHERE status IN ('SENT','PARTIALLY_PAID') AND balance_due > 0 AND due_date < current_date`,
    );
    await q.query(
      `CREATE INDEX invoices_overdue_unreported_idx ON invoices (due_date)
        WHERE status IN ('SENT','PARTIALLY_PAID') AND overdue_reported_for IS DISTINCT FROM due_date`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoices DROP COLUMN overdue_reported_for`);
  }
}
