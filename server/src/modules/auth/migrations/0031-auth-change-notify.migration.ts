import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change that can end or alter someone's access NOTIFYs `settle_auth_changed`, from the database
 * itself, whatever code (or person at a SQL prompt) made it: each API process clears its cache of
 * resolved callers on it (principal-cache.ts). Column lists keep routine writes (a token's last use)
 * from clearing the caches.
 */
export class AuthChangeNotify1795300034000 implements MigrationInterface {
  name = 'AuthChangeNotify1795300034000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION settle_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('settle_auth_changed', '');
        RETURN NULL;
      END $$`);
    const triggers: Array<[table: string, events: string]> = [
      ['sessions', 'UPDATE OR DELETE'],
      ['api_tokens', 'UPDATE OF revoked_at, scope, name, org_id, token_hash OR DELETE'],
      ['users', 'UPDATE OF disabled_at, role, name, email, org_id OR DELETE'],
      ['portal_users', 'UPDATE OF disabled_at, client_id, name, email, org_id OR DELETE'],
    ];
    for (const [table, events] of triggers)
      await q.query(
        `CREATE TRIGGER ${table}_auth_changed AFTER ${events} ON ${table}
           FOR EACH STATEMENT EXECUTE FUNCTION settle_auth_changed()`,
      );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['sessions', 'api_tokens', 'users', 'portal_users'])
      await q.query(`DROP TRIGGER ${table}_auth_changed ON ${table}`);
    await q.query(`DROP FUNCTION settle_auth_changed()`);
  }
}
