import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payment exceptions: money recorded on a void invoice or past the balance, raised in the settlement
 * transaction for an admin to refund or dismiss. Unique on the payment, so a replayed payment (or a
 * race between two deliveries of it) raises it once.
 */
export class Exceptions1795300006000 implements MigrationInterface {
  name = 'Exceptions1795300006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment_exceptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        invoice_id uuid NOT NULL REFERENCES invoices(id),
        payment_id uuid NOT NULL REFERENCES payments(id),
        kind text NOT NULL CHECK (kind IN ('PAID_ON_VOID','OVERPAID')),
        amount bigint NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        source text NOT NULL CHECK (source IN ('MANUAL','STRIPE','QUICKBOOKS')),
        provider_payment_id text,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','REFUNDED','DISMISSED')),
        resolution_note text,
        refund_payment_id uuid REFERENCES payments(id),
        resolved_by_type text,
        resolved_by_id text,
        resolved_by_label text,
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'OPEN') = (resolved_at IS NULL)),
        CHECK (status <> 'DISMISSED' OR resolution_note IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX payment_exceptions_payment_key ON payment_exceptions (payment_id)`);
    await q.query(`CREATE INDEX payment_exceptions_org_idx ON payment_exceptions (org_id, status, created_at DESC)`);
    await q.query(`CREATE INDEX payment_exceptions_invoice_idx ON payment_exceptions (org_id, invoice_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS payment_exceptions`);
  }
}
