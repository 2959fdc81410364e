import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook events Stripe does not confirm (the object missing, or not what the payload says) end as
 * REJECTED: kept for the inspector with the reason, never retried. The status check gains that value.
 */
export class ConfirmEvents1795300007000 implements MigrationInterface {
  name = 'ConfirmEvents1795300007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stripe_event_inbox DROP CONSTRAINT IF EXISTS stripe_event_inbox_status_check`);
    await q.query(
      `ALTER TABLE stripe_event_inbox ADD CONSTRAINT stripe_event_inbox_status_check CHECK (status IN ('PENDING','PROCESSING','DONE','FAILED','REJECTED'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE stripe_event_inbox SET status = 'FAILED' WHERE status = 'REJECTED'`);
    await q.query(`ALTER TABLE stripe_event_inbox DROP CONSTRAINT IF EXISTS stripe_event_inbox_status_check`);
    await q.query(
      `ALTER TABLE stripe_event_inbox ADD CONSTRAINT stripe_event_inbox_status_check CHECK (status IN ('PENDING','PROCESSING','DONE','FAILED'))`,
    );
  }
}
