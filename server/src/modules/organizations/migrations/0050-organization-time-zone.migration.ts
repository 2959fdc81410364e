import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organization's time zone (an IANA name), in which its business dates are decided: issue and due
 * dates, received-on, overdue, aging, reminders, autopay and billing days. Existing orgs get 'UTC', what
 * every "today" was before, so nothing they see moves. The name is checked by the settings mutation
 * against the runtime's zones (a CHECK cannot read pg_timezone_names).
 */
export class OrganizationTimeZone1795300083000 implements MigrationInterface {
  name = 'OrganizationTimeZone1795300083000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations DROP COLUMN time_zone`);
  }
}
