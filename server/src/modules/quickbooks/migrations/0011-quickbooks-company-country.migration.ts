import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The QuickBooks company's country (CompanyInfo.Country), read at connect: QuickBooks Payments takes
 * bank (ACH) payments only for US companies, so the ACH Pay Now flag depends on it. Null for connections
 * made before it was recorded, until their next invoice push reads it.
 */
export class QuickBooksCompanyCountry1795300013000 implements MigrationInterface {
  name = 'QuickBooksCompanyCountry1795300013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE qbo_connections ADD COLUMN company_country text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE qbo_connections DROP COLUMN company_country`);
  }
}
