import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A client's billing address (line1, line2, city, region, postalCode, country): QuickBooks' BillAddr follows it. */
export class ClientAddress1795300018000 implements MigrationInterface {
  name = 'ClientAddress1795300018000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clients ADD COLUMN billing_address jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clients DROP COLUMN billing_address`);
  }
}
