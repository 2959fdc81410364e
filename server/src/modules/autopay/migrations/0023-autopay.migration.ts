import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Autopay: a per-client flag (the saved payment methods themselves live only at Stripe; Settle keeps
 * no card data, not even Stripe's ids of them) and one row per off-session charge attempt. The unique
 * key on (invoice_id, attempt_no) is what makes two workers (or a retried job) charge an invoice's
 * attempt once: the row is written in the transaction that holds the invoice lock while Stripe is
 * asked, and the Stripe call's idempotency key is the same (invoice, attempt) pair.
 */
export class Autopay1795300026000 implements MigrationInterface {
  name = 'Autopay1795300026000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE autopay_settings (
        client_id uuid PRIMARY KEY REFERENCES clients(id),
        org_id uuid NOT NULL REFERENCES organizations(id),
        enabled boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX autopay_settings_enabled_idx ON autopay_settings (org_id) WHERE enabled`);
    await q.query(`
      CREATE TABLE autopay_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        invoice_id uuid NOT NULL REFERENCES invoices(id),
        attempt_no integer NOT NULL CHECK (attempt_no >= 1),
        status text NOT NULL CHECK (status IN ('SUCCEEDED','PROCESSING','DECLINED')),
        amount bigint NOT NULL,
        currency char(3) NOT NULL,
        payment_intent_id text,
        decline_code text,
        message text,
        next_attempt_at timestamptz,
        attempted_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (invoice_id, attempt_no)
      )`);
    await q.query(
      `CREATE INDEX autopay_attempts_retry_idx ON autopay_attempts (next_attempt_at) WHERE next_attempt_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE autopay_attempts, autopay_settings`);
  }
}
