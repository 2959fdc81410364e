import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How generated invoices list approved time: the org's choice (PER_SERVICE, one line per service and rate,
 * is what generation always did, so existing orgs keep their invoices' look) and a client's override (null:
 * the org's).
 */
export class TimeItemization1795300022000 implements MigrationInterface {
  name = 'TimeItemization1795300022000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE organizations ADD COLUMN time_itemization text NOT NULL DEFAULT 'PER_SERVICE'
         CONSTRAINT organizations_time_itemization_check CHECK (time_itemization IN ('PER_ENTRY','PER_TICKET','PER_SERVICE'))`,
    );
    await q.query(
      `ALTER TABLE clients ADD COLUMN time_itemization text
         CONSTRAINT clients_time_itemization_check CHECK (time_itemization IN ('PER_ENTRY','PER_TICKET','PER_SERVICE'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clients DROP COLUMN time_itemization`);
    await q.query(`ALTER TABLE organizations DROP COLUMN time_itemization`);
  }
}
