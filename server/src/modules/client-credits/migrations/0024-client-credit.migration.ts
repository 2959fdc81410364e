import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Client credit: a signed ledger per client and currency (+ granted, − used), whose sum is the balance.
 * Each row is unique on what it comes from (the credit memo that granted or spent it, the payment
 * exception kept as credit), so a replay writes nothing twice. The payment-exception status gains
 * KEPT_AS_CREDIT, and a small settings table says whether credit is applied to new invoices by itself.
 */
export class ClientCredit1795300027000 implements MigrationInterface {
  name = 'ClientCredit1795300027000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE client_credits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        client_id uuid NOT NULL REFERENCES clients(id),
        currency char(3) NOT NULL,
        amount bigint NOT NULL,
        source text NOT NULL CHECK (source IN ('CREDIT_MEMO','OVERPAYMENT','APPLIED','REVERSED')),
        credit_memo_id uuid REFERENCES credit_memos(id),
        payment_exception_id uuid REFERENCES payment_exceptions(id),
        invoice_id uuid REFERENCES invoices(id),
        reverses_id uuid REFERENCES client_credits(id),
        actor_type text NOT NULL,
        actor_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (CASE WHEN source IN ('CREDIT_MEMO','OVERPAYMENT') THEN amount > 0 WHEN source = 'APPLIED' THEN amount < 0 ELSE amount <> 0 END),
        CHECK (source NOT IN ('CREDIT_MEMO','APPLIED') OR credit_memo_id IS NOT NULL),
        CHECK (source <> 'OVERPAYMENT' OR payment_exception_id IS NOT NULL),
        CHECK (source <> 'REVERSED' OR reverses_id IS NOT NULL)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX client_credits_memo_key ON client_credits (source, credit_memo_id) WHERE credit_memo_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX client_credits_exception_key ON client_credits (payment_exception_id) WHERE payment_exception_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX client_credits_reverses_key ON client_credits (reverses_id) WHERE reverses_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX client_credits_client_idx ON client_credits (org_id, client_id, currency)`);
    await q.query(
      `CREATE INDEX client_credits_invoice_idx ON client_credits (org_id, invoice_id) WHERE invoice_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE client_credit_settings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        client_id uuid REFERENCES clients(id),
        apply_automatically boolean,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX client_credit_settings_org_uq ON client_credit_settings (org_id) WHERE client_id IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX client_credit_settings_client_uq ON client_credit_settings (client_id) WHERE client_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE payment_exceptions DROP CONSTRAINT payment_exceptions_status_check`);
    await q.query(`ALTER TABLE payment_exceptions ADD CONSTRAINT payment_exceptions_status_check
      CHECK (status IN ('OPEN','REFUNDED','DISMISSED','KEPT_AS_CREDIT'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE client_credit_settings, client_credits`);
    await q.query(`ALTER TABLE payment_exceptions DROP CONSTRAINT payment_exceptions_status_check`);
    await q.query(`ALTER TABLE payment_exceptions ADD CONSTRAINT payment_exceptions_status_check
      CHECK (status IN ('OPEN','REFUNDED','DISMISSED'))`);
  }
}
