import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Surviving crashes:
 * - `settle_worker_heartbeats`: every Settle process and each of its job workers beat here every few
 *   seconds. A job locked (or an inbox event claimed) by an id with no recent beat belongs to a worker
 *   that is gone, so it is taken back at once instead of after graphile-worker's 4-hour lock or the
 *   inbox's 5-minute guess.
 * - `stripe_event_inbox.claimed_by`: who claimed a PROCESSING event (graphile worker id, or the process).
 * - `stripe_event_inbox.invoice_id`: the Settle invoice an event names (its metadata), filled at ack time
 *   so the pay link can ask cheaply whether a payment for that invoice is still being confirmed.
 */
export class Faults1795300012000 implements MigrationInterface {
  name = 'Faults1795300012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE settle_worker_heartbeats (
      worker_id text PRIMARY KEY,
      process_id text NOT NULL,
      beat_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`ALTER TABLE stripe_event_inbox ADD COLUMN claimed_by text, ADD COLUMN invoice_id uuid`);
    await q.query(
      `CREATE INDEX stripe_event_inbox_processing_idx ON stripe_event_inbox (claimed_by) WHERE status = 'PROCESSING'`,
    );
    await q.query(
      `CREATE INDEX stripe_event_inbox_open_invoice_idx ON stripe_event_inbox (org_id, invoice_id) WHERE status IN ('PENDING', 'PROCESSING') AND invoice_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX stripe_event_inbox_open_invoice_idx`);
    await q.query(`DROP INDEX stripe_event_inbox_processing_idx`);
    await q.query(`ALTER TABLE stripe_event_inbox DROP COLUMN invoice_id, DROP COLUMN claimed_by`);
    await q.query(`DROP TABLE settle_worker_heartbeats`);
  }
}
