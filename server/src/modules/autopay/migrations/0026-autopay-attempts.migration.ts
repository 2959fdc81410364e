import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which method each autopay attempt charged (brand and last 4, as Stripe answered), for the admin's list
 * of attempts; rows from before have none (the list shows the method as unknown). No new index: both
 * lists reach attempts by invoice id, which the unique (invoice_id, attempt_no) key already serves.
 */
export class AutopayAttempts1795300029000 implements MigrationInterface {
  name = 'AutopayAttempts1795300029000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE autopay_attempts ADD COLUMN method_brand text, ADD COLUMN method_last4 text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE autopay_attempts DROP COLUMN method_brand, DROP COLUMN method_last4`);
  }
}
