import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stripe payouts reach the books (#16): each payout Stripe confirms paid is recorded once per org
 * (unique on its Stripe id), and the QuickBooks mapping gains the bank account payouts are deposited to
 * and where Stripe payments are received (`stripe_deposit_to`: the clearing account `fee_bank_account_id`,
 * the default, or Undeposited Funds). Both halves in one migration, since they ship together.
 */
export class Payouts1795300014000 implements MigrationInterface {
  name = 'Payouts1795300014000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stripe_payouts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        stripe_payout_id text NOT NULL,
        account_id text,
        amount bigint NOT NULL,
        currency char(3) NOT NULL,
        arrival_date date NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_id, stripe_payout_id)
      )`);
    await q.query(
      `ALTER TABLE qbo_connections ADD COLUMN payout_bank_account_id text, ADD COLUMN stripe_deposit_to text`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE qbo_connections DROP COLUMN payout_bank_account_id, DROP COLUMN stripe_deposit_to`);
    await q.query(`DROP TABLE stripe_payouts`);
  }
}
