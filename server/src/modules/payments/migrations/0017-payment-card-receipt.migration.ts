import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What a client recognises a provider payment by: the card's brand and last 4 digits and the provider's receipt. */
export class PaymentCardReceipt1795300019000 implements MigrationInterface {
  name = 'PaymentCardReceipt1795300019000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE payments ADD COLUMN card_brand text, ADD COLUMN card_last4 text, ADD COLUMN receipt_url text`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payments DROP COLUMN card_brand, DROP COLUMN card_last4, DROP COLUMN receipt_url`);
  }
}
