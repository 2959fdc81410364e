import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contract ended inside a period already charged: the unused time is credited on the client's next
 * invoice, recorded here with that invoice. Unique per line, period and sequence number (the next number
 * is read with the facts), so two runs that both see a credit due collide and only one invoice carries
 * it; a later move of the end date adds a row for the difference. What would take the invoice below zero
 * is kept as client credit: a new source, CONTRACT_END, one per invoice.
 */
export class ContractEndCredit1795300028000 implements MigrationInterface {
  name = 'ContractEndCredit1795300028000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contract_end_credits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        contract_line_id uuid NOT NULL REFERENCES contract_lines(id) ON DELETE CASCADE,
        period_start date NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        end_date date,
        amount bigint NOT NULL CHECK (amount <> 0),
        invoice_id uuid NOT NULL REFERENCES invoices(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (contract_line_id, period_start, seq)
      )`);
    await q.query(`ALTER TABLE client_credits DROP CONSTRAINT client_credits_source_check`);
    await q.query(`ALTER TABLE client_credits ADD CONSTRAINT client_credits_source_check
      CHECK (source IN ('CREDIT_MEMO','OVERPAYMENT','APPLIED','REVERSED','CONTRACT_END'))`);
    await q.query(`ALTER TABLE client_credits ADD CONSTRAINT client_credits_contract_end_check
      CHECK (source <> 'CONTRACT_END' OR (invoice_id IS NOT NULL AND amount > 0))`);
    await q.query(
      `CREATE UNIQUE INDEX client_credits_contract_end_key ON client_credits (invoice_id) WHERE source = 'CONTRACT_END'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX client_credits_contract_end_key`);
    await q.query(`DELETE FROM client_credits WHERE source = 'CONTRACT_END'`);
    await q.query(`ALTER TABLE client_credits DROP CONSTRAINT client_credits_contract_end_check`);
    await q.query(`ALTER TABLE client_credits DROP CONSTRAINT client_credits_source_check`);
    await q.query(`ALTER TABLE client_credits ADD CONSTRAINT client_credits_source_check
      CHECK (source IN ('CREDIT_MEMO','OVERPAYMENT','APPLIED','REVERSED'))`);
    await q.query(`DROP TABLE contract_end_credits`);
  }
}
