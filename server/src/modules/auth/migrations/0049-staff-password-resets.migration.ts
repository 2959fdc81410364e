import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff password resets by email: one row per link mailed, its token stored hashed, used once, short-lived.
 * A user removed takes their links with them (a link must never outlive the account it resets).
 */
export class StaffPasswordResets1795300082000 implements MigrationInterface {
  name = 'StaffPasswordResets1795300082000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE password_resets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX password_resets_open_idx ON password_resets (user_id) WHERE used_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_resets`);
  }
}
