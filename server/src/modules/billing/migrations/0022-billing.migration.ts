import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Automatic billing: settings per org with per-client overrides, and one run row per client and
 * billing date. The unique key on (client_id, bill_date) is what makes a cycle billed exactly once,
 * with two workers, a restart mid-run or a clock that jumps.
 */
export class Billing1795300025000 implements MigrationInterface {
  name = 'Billing1795300025000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE billing_settings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        client_id uuid REFERENCES clients(id),
        auto_billing boolean,
        auto_billing_since date,
        invoice_grace_hours integer CHECK (invoice_grace_hours BETWEEN 0 AND 720),
        review text CHECK (review IN ('DRAFT','AUTO_SEND')),
        send_method text CHECK (send_method IN ('EMAIL','STRIPE_HOSTED_INVOICE','QUICKBOOKS_EMAIL','AUTO_CHARGE')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX billing_settings_org_uq ON billing_settings (org_id) WHERE client_id IS NULL`);
    await q.query(
      `CREATE UNIQUE INDEX billing_settings_client_uq ON billing_settings (client_id) WHERE client_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE billing_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        client_id uuid NOT NULL REFERENCES clients(id),
        bill_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFTED','SENT','EMPTY','NEEDS_ATTENTION','FAILED')),
        invoice_id uuid REFERENCES invoices(id),
        total bigint,
        message text,
        attempts integer NOT NULL DEFAULT 1,
        next_attempt_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (client_id, bill_date)
      )`);
    await q.query(`CREATE INDEX billing_runs_org_recent_idx ON billing_runs (org_id, updated_at DESC)`);
    await q.query(`CREATE INDEX billing_runs_retry_idx ON billing_runs (next_attempt_at) WHERE status = 'FAILED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE billing_runs, billing_settings`);
  }
}
