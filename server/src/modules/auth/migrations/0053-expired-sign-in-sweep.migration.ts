import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hourly sweep of sign-in rows long past use (`auth.sweep-expired`: sessions, portal sign-in links and
 * staff password reset links expired for more than 7 days) reads each table by expiry, a bounded batch at a
 * time: without these each batch read the whole table.
 */
export class ExpiredSignInSweep1795300086000 implements MigrationInterface {
  name = 'ExpiredSignInSweep1795300086000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX sessions_expires_idx ON sessions (expires_at)`);
    await q.query(`CREATE INDEX magic_links_expires_idx ON magic_links (expires_at)`);
    await q.query(`CREATE INDEX password_resets_expires_idx ON password_resets (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX password_resets_expires_idx`);
    await q.query(`DROP INDEX magic_links_expires_idx`);
    await q.query(`DROP INDEX sessions_expires_idx`);
  }
}
