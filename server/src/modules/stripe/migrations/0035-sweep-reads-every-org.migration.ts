import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the sweep last read an org's events. An org with nothing open used to have its cursor moved past
 * events it never read, so a dispute or a failed refund on a paid invoice whose webhook was lost was
 * never healed; such orgs are now read less often instead (StripeSweep), and this says when.
 */
export class SweepReadsEveryOrg1795300038000 implements MigrationInterface {
  name = 'SweepReadsEveryOrg1795300038000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stripe_connections ADD COLUMN events_read_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stripe_connections DROP COLUMN events_read_at`);
  }
}
