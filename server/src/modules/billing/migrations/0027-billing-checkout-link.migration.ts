import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A send method for automatic billing: the invoice email always carries a Stripe Checkout link. */
export class BillingCheckoutLink1795300030000 implements MigrationInterface {
  name = 'BillingCheckoutLink1795300030000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE billing_settings DROP CONSTRAINT billing_settings_send_method_check;
      ALTER TABLE billing_settings ADD CONSTRAINT billing_settings_send_method_check
        CHECK (send_method IN ('EMAIL','CHECKOUT_LINK','STRIPE_HOSTED_INVOICE','QUICKBOOKS_EMAIL','AUTO_CHARGE'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE billing_settings SET send_method = 'EMAIL' WHERE send_method = 'CHECKOUT_LINK';
      ALTER TABLE billing_settings DROP CONSTRAINT billing_settings_send_method_check;
      ALTER TABLE billing_settings ADD CONSTRAINT billing_settings_send_method_check
        CHECK (send_method IN ('EMAIL','STRIPE_HOSTED_INVOICE','QUICKBOOKS_EMAIL','AUTO_CHARGE'));
    `);
  }
}
