import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A Settle record's QuickBooks link belongs to one company: an org that connects another company keeps
 * the first company's links (they hold again if it switches back) and gets new ones in the second,
 * instead of pushing the first company's customer and invoice ids into it.
 */
export class LinksPerCompany1795300043000 implements MigrationInterface {
  name = 'LinksPerCompany1795300043000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE qbo_links DROP CONSTRAINT qbo_links_org_id_settle_type_settle_id_key`);
    await q.query(
      `ALTER TABLE qbo_links ADD CONSTRAINT qbo_links_org_id_realm_id_settle_type_settle_id_key UNIQUE (org_id, realm_id, settle_type, settle_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Only the links of the company each org is connected to now fit the old rule.
    await q.query(
      `DELETE FROM qbo_links l USING qbo_connections c WHERE c.org_id = l.org_id AND c.realm_id IS DISTINCT FROM l.realm_id`,
    );
    await q.query(`ALTER TABLE qbo_links DROP CONSTRAINT qbo_links_org_id_realm_id_settle_type_settle_id_key`);
    await q.query(
      `ALTER TABLE qbo_links ADD CONSTRAINT qbo_links_org_id_settle_type_settle_id_key UNIQUE (org_id, settle_type, settle_id)`,
    );
  }
}
