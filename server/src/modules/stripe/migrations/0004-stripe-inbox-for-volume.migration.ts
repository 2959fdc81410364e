import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox for high volume:
 * - each event is kept as the text Stripe signed (`json`: validated, stored verbatim) instead of
 *   re-encoded (`jsonb`). Nothing queries inside the payload; storing and reading it back as received
 *   skips a parse into jsonb on every acknowledged webhook and a re-print on every processed one;
 * - the payload is stored out of line and uncompressed (EXTERNAL, small toast_tuple_target): no pglz
 *   compression on every ack, and status updates copy a small row instead of the event;
 * - the pending index is in drain order (created, event id), so a claim reads the oldest due events
 *   off the index instead of sorting every pending row (a backlog of a million stays cheap to drain).
 */
export class StripeInboxForVolume1795300003000 implements MigrationInterface {
  name = 'StripeInboxForVolume1795300003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stripe_event_inbox ALTER COLUMN payload TYPE json USING payload::json`);
    await q.query(`ALTER TABLE stripe_event_inbox ALTER COLUMN payload SET STORAGE EXTERNAL`);
    await q.query(`ALTER TABLE stripe_event_inbox SET (toast_tuple_target = 256, fillfactor = 90)`);
    await q.query(`DROP INDEX stripe_event_inbox_pending_idx`);
    await q.query(
      `CREATE INDEX stripe_event_inbox_pending_idx ON stripe_event_inbox (stripe_created, event_id) WHERE status = 'PENDING'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX stripe_event_inbox_pending_idx`);
    await q.query(
      `CREATE INDEX stripe_event_inbox_pending_idx ON stripe_event_inbox (org_id, next_attempt_at) WHERE status = 'PENDING'`,
    );
    await q.query(`ALTER TABLE stripe_event_inbox ALTER COLUMN payload TYPE jsonb USING payload::jsonb`);
  }
}
