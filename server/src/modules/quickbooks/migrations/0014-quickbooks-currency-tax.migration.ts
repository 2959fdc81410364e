import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Currency and tax in QuickBooks: the company's home currency and whether it has multicurrency on
 * (Preferences.CurrencyPrefs, read when first needed; once on it cannot be turned off), and the
 * Settle tax rate (basis points) → QuickBooks TaxCode choices made on the mapping page.
 */
export class QuickBooksCurrencyTax1795300016000 implements MigrationInterface {
  name = 'QuickBooksCurrencyTax1795300016000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE qbo_connections ADD COLUMN home_currency text,
      ADD COLUMN multicurrency_enabled boolean NOT NULL DEFAULT false,
      ADD COLUMN tax_codes jsonb NOT NULL DEFAULT '{}'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE qbo_connections DROP COLUMN home_currency, DROP COLUMN multicurrency_enabled,
      DROP COLUMN tax_codes`);
  }
}
