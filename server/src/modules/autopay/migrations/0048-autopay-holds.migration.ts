import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why the autopay sweep did not charge a due invoice (no default method, a payment under way…): one row
 * per invoice, keyed by it, holding the latest reason, when it was first met and when last checked, so
 * staff see it on the invoice. The reason is not checked here: it is the charger's enum, and a new guard
 * needs no migration. Reads are by invoice id (the key); a charge deletes the row.
 */
export class AutopayHolds1795300080000 implements MigrationInterface {
  name = 'AutopayHolds1795300080000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE autopay_holds (
        invoice_id uuid PRIMARY KEY REFERENCES invoices(id),
        org_id uuid NOT NULL REFERENCES organizations(id),
        reason text NOT NULL,
        since timestamptz NOT NULL,
        checked_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE autopay_holds`);
  }
}
