import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contracts and their recurring lines, quantity changes (prorated on the next invoice) and the periods
 * already charged. `contract_charges` is unique per line and period start, so no period is ever charged
 * twice, whatever runs the billing.
 */
export class Contracts1795300024000 implements MigrationInterface {
  name = 'Contracts1795300024000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contracts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        client_id uuid NOT NULL REFERENCES clients(id),
        name text NOT NULL,
        cycle text NOT NULL CHECK (cycle IN ('MONTHLY','QUARTERLY','YEARLY','WEEKLY')),
        interval_weeks integer NOT NULL DEFAULT 1 CHECK (interval_weeks BETWEEN 1 AND 52),
        anchor_day integer NOT NULL CHECK (anchor_day BETWEEN 1 AND 31),
        billing_timing text NOT NULL CHECK (billing_timing IN ('ADVANCE','ARREARS')),
        start_date date NOT NULL,
        end_date date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    await q.query(`CREATE INDEX contracts_org_client_idx ON contracts (org_id, client_id)`);
    await q.query(`
      CREATE TABLE contract_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        position integer NOT NULL,
        service_id uuid NOT NULL REFERENCES services(id),
        description text NOT NULL DEFAULT '',
        quantity integer NOT NULL CHECK (quantity BETWEEN 0 AND 1000000),
        price_source text NOT NULL CHECK (price_source IN ('CATALOG','NEGOTIATED','FIXED')),
        unit_price bigint CHECK (unit_price IS NULL OR unit_price >= 0),
        end_date date,
        CHECK ((price_source = 'FIXED') = (unit_price IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX contract_lines_contract_idx ON contract_lines (contract_id, position)`);
    await q.query(`
      CREATE TABLE contract_quantity_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        contract_line_id uuid NOT NULL REFERENCES contract_lines(id) ON DELETE CASCADE,
        effective_date date NOT NULL,
        old_quantity integer NOT NULL,
        new_quantity integer NOT NULL,
        invoice_id uuid REFERENCES invoices(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX contract_quantity_changes_line_idx ON contract_quantity_changes (contract_line_id, effective_date)`,
    );
    await q.query(`
      CREATE TABLE contract_charges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        contract_line_id uuid NOT NULL REFERENCES contract_lines(id) ON DELETE CASCADE,
        period_start date NOT NULL,
        period_end date NOT NULL,
        quantity integer NOT NULL,
        amount bigint NOT NULL,
        invoice_id uuid NOT NULL REFERENCES invoices(id),
        UNIQUE (contract_line_id, period_start)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contract_charges, contract_quantity_changes, contract_lines, contracts`);
  }
}
