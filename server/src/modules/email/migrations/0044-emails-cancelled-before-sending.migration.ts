import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An email checked again as it leaves (a payment reminder of an invoice paid since it was queued) may be
 * CANCELLED instead of sent, the reason in `error`.
 */
export class EmailsCancelledBeforeSending1795300047000 implements MigrationInterface {
  name = 'EmailsCancelledBeforeSending1795300047000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE emails DROP CONSTRAINT emails_status_check`);
    await q.query(
      `ALTER TABLE emails ADD CONSTRAINT emails_status_check CHECK (status IN ('QUEUED','SENT','OUTBOX','FAILED','CANCELLED'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE emails SET status = 'FAILED' WHERE status = 'CANCELLED'`);
    await q.query(`ALTER TABLE emails DROP CONSTRAINT emails_status_check`);
    await q.query(
      `ALTER TABLE emails ADD CONSTRAINT emails_status_check CHECK (status IN ('QUEUED','SENT','OUTBOX','FAILED'))`,
    );
  }
}
