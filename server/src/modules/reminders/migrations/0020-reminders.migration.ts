import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payment reminders. `reminder_policies`: an org's schedule (client_id NULL) and a client's own override,
 * one of each at most (two partial unique indexes, since a plain UNIQUE treats NULL client ids as
 * distinct). `invoice_reminders`: every reminder an invoice got, was skipped or failed, once per offset
 * (the unique key is what keeps two sweeps from emailing twice). Off by default: no row means off.
 */
export class Reminders1795300023000 implements MigrationInterface {
  name = 'Reminders1795300023000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reminder_policies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        client_id uuid REFERENCES clients(id) ON DELETE CASCADE,
        enabled boolean NOT NULL,
        offsets integer[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reminder_policies_offsets_check CHECK (cardinality(offsets) <= 10 AND -60 <= ALL (offsets) AND 365 >= ALL (offsets))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX reminder_policies_org_default_key ON reminder_policies (org_id) WHERE client_id IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX reminder_policies_client_key ON reminder_policies (org_id, client_id) WHERE client_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE invoice_reminders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        invoice_id uuid NOT NULL REFERENCES invoices(id),
        offset_days integer NOT NULL,
        planned_for date NOT NULL,
        status text NOT NULL CHECK (status IN ('SENT','SKIPPED','FAILED')),
        reason text,
        recorded_at timestamptz NOT NULL,
        sent_at timestamptz,
        email_id uuid REFERENCES emails(id),
        CONSTRAINT invoice_reminders_invoice_offset_key UNIQUE (invoice_id, offset_days),
        CHECK ((status = 'SENT') = (email_id IS NOT NULL AND sent_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX invoice_reminders_org_idx ON invoice_reminders (org_id, invoice_id)`);
    // The sweep walks open invoices in id order; paid and void ones (most of them, in time) are not in it.
    await q.query(
      `CREATE INDEX invoices_open_reminder_idx ON invoices (id)
         WHERE status IN ('SENT','PARTIALLY_PAID') AND balance_due > 0 AND NOT disputed`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS invoices_open_reminder_idx`);
    await q.query(`DROP TABLE IF EXISTS invoice_reminders`);
    await q.query(`DROP TABLE IF EXISTS reminder_policies`);
  }
}
