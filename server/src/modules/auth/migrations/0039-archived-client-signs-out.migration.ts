import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An archived client's portal users are signed out (the session lookup and every sign-in refuse them),
 * so archiving or restoring a client alters access: like the other changes of 0031, it NOTIFYs
 * `settle_auth_changed` from the database, and every API process drops the callers it cached.
 */
export class ArchivedClientSignsOut1795300042000 implements MigrationInterface {
  name = 'ArchivedClientSignsOut1795300042000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TRIGGER clients_auth_changed AFTER UPDATE OF archived_at ON clients
         FOR EACH STATEMENT EXECUTE FUNCTION settle_auth_changed()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER clients_auth_changed ON clients`);
  }
}
