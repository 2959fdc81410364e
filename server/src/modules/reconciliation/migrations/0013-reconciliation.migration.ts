import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Three-way reconciliation: each run (org, period, API calls used) and the discrepancies it found,
 * with their fix status. A discrepancy's key (type and subject) lets a re-check tell which still stand.
 */
export class Reconciliation1795300015000 implements MigrationInterface {
  name = 'Reconciliation1795300015000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reconciliation_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        period_from date NOT NULL,
        period_to date NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('MANUAL','SCHEDULED')),
        invoice_count integer NOT NULL,
        money_count integer NOT NULL,
        discrepancy_count integer NOT NULL,
        stripe_calls integer NOT NULL,
        quickbooks_calls integer NOT NULL,
        systems text[] NOT NULL,
        duration_ms integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_from <= period_to)
      )`);
    await q.query(`CREATE INDEX reconciliation_runs_org_idx ON reconciliation_runs (org_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE reconciliation_discrepancies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        run_id uuid NOT NULL REFERENCES reconciliation_runs(id) ON DELETE CASCADE,
        key text NOT NULL,
        type text NOT NULL,
        systems text[] NOT NULL,
        invoice_id uuid REFERENCES invoices(id),
        invoice_number text,
        subject text NOT NULL,
        subject_id text NOT NULL,
        currency char(3) NOT NULL,
        settle_amount bigint,
        stripe_amount bigint,
        quickbooks_amount bigint,
        detail text NOT NULL,
        suggested_fix text NOT NULL,
        fix text,
        fix_data jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','FIXING','FIXED')),
        fix_result text,
        fixed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (run_id, key)
      )`);
    await q.query(`CREATE INDEX reconciliation_discrepancies_org_idx ON reconciliation_discrepancies (org_id, run_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS reconciliation_discrepancies`);
    await q.query(`DROP TABLE IF EXISTS reconciliation_runs`);
  }
}
