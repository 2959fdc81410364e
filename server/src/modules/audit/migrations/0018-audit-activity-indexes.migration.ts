import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The org-wide activity log filters by actor and by action, newest first, paged by id: without these an
 * org with a long history would scan all of its rows to find one person's or one action's few.
 * A date range far back would walk every newer row by id; its index starts it at the range.
 */
export class AuditActivityIndexes1795300021000 implements MigrationInterface {
  name = 'AuditActivityIndexes1795300021000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX audit_events_actor_idx ON audit_events (org_id, actor_id, id DESC)`);
    await q.query(`CREATE INDEX audit_events_action_idx ON audit_events (org_id, action, id DESC)`);
    await q.query(`CREATE INDEX audit_events_time_idx ON audit_events (org_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_events_time_idx`);
    await q.query(`DROP INDEX audit_events_action_idx`);
    await q.query(`DROP INDEX audit_events_actor_idx`);
  }
}
