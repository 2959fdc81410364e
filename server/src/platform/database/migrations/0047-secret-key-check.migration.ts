import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `secret_key_check`: one row, a known text sealed by the first process to start with this database.
 * Every process opens it before it serves or works (secret-key-check.ts), so one started with another
 * SETTLE_SECRET_KEY than the others refuses to start instead of failing to open their secrets and
 * sealing new ones no other process can open.
 */
export class SecretKeyCheck1795300071000 implements MigrationInterface {
  name = 'SecretKeyCheck1795300071000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE secret_key_check (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      sealed text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE secret_key_check`);
  }
}
