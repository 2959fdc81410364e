import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credit taken back: money part of which had become the client's credit is gone (a payment deleted or
 * lowered in the books, a chargeback), so that credit is taken off the client's account by a negative
 * row of a new source, TAKEN_BACK, naming the payment row that took the money (`payment_id`: the
 * ADJUSTMENT or REFUND) and the invoice it came from. Unique on that row, so a replay takes nothing twice.
 */
export class CreditTakenBack1795300041000 implements MigrationInterface {
  name = 'CreditTakenBack1795300041000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE client_credits ADD COLUMN payment_id uuid REFERENCES payments(id)`);
    await q.query(`ALTER TABLE client_credits DROP CONSTRAINT client_credits_source_check`);
    await q.query(`ALTER TABLE client_credits ADD CONSTRAINT client_credits_source_check
      CHECK (source IN ('CREDIT_MEMO','OVERPAYMENT','APPLIED','REVERSED','CONTRACT_END','TAKEN_BACK'))`);
    await q.query(`ALTER TABLE client_credits ADD CONSTRAINT client_credits_taken_back_check
      CHECK (source <> 'TAKEN_BACK' OR (payment_id IS NOT NULL AND invoice_id IS NOT NULL AND amount < 0))`);
    await q.query(
      `CREATE UNIQUE INDEX client_credits_taken_back_key ON client_credits (payment_id) WHERE source = 'TAKEN_BACK'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX client_credits_taken_back_key`);
    await q.query(`DELETE FROM client_credits WHERE source = 'TAKEN_BACK'`);
    await q.query(`ALTER TABLE client_credits DROP CONSTRAINT client_credits_taken_back_check`);
    await q.query(`ALTER TABLE client_credits DROP CONSTRAINT client_credits_source_check`);
    await q.query(`ALTER TABLE client_credits ADD CONSTRAINT client_credits_source_check
      CHECK (source IN ('CREDIT_MEMO','OVERPAYMENT','APPLIED','REVERSED','CONTRACT_END'))`);
    await q.query(`ALTER TABLE client_credits DROP COLUMN payment_id`);
  }
}
