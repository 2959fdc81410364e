import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The webhook inbox stops checking its org against `organizations` on every INSERT. The foreign key's
 * check takes a KEY SHARE lock on the org's row for each event: a WAL record and a dirtied page on the
 * row every request of that org reads, in the one statement a webhook waits for before Stripe hears its
 * ack (`pnpm bench stripe-webhooks`, one request at a time: PostgreSQL's CPU per ack fell from 261-269
 * to 196-229 µs, the bare INSERT floor's 188-229). The check guarded nothing the ack path does not
 * already hold: the inbox takes only org ids read from a `stripe_connections` row (itself bound to its
 * organization), and organizations are never deleted (their other rows' keys would refuse it anyway).
 * Uniqueness per (org, event id), the guarantee a replay relies on, stays.
 */
export class InboxWithoutOrgLock1795300035000 implements MigrationInterface {
  name = 'InboxWithoutOrgLock1795300035000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stripe_event_inbox DROP CONSTRAINT IF EXISTS stripe_event_inbox_org_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE stripe_event_inbox ADD CONSTRAINT stripe_event_inbox_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations(id)`,
    );
  }
}
