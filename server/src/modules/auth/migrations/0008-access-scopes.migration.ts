import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access (trust issue #11, points 6, 7, 8, 12):
 * - API tokens carry a scope. Tokens made before scopes existed keep their old power minus admin
 *   (`billing`); new ones default to the least, `read`.
 * - Portal invitations expire.
 * - Staff emails are unique per organization, not across all of them, so creating a user cannot tell an
 *   admin that an address exists in another org (login picks the org by password, or by slug).
 * - OAuth states (Stripe Connect, QuickBooks) live server-side, hashed, single use, with the user whose
 *   session started the flow.
 */
export class AccessScopes1795300010000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_tokens ADD COLUMN scope text NOT NULL DEFAULT 'billing'`);
    await q.query(`ALTER TABLE api_tokens ALTER COLUMN scope SET DEFAULT 'read'`);
    await q.query(
      `ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scope_check CHECK (scope IN ('read', 'billing', 'admin'))`,
    );

    await q.query(`ALTER TABLE portal_users ADD COLUMN invite_expires_at timestamptz`);
    await q.query(
      `UPDATE portal_users SET invite_expires_at = invited_at + interval '7 days' WHERE invite_token_hash IS NOT NULL`,
    );

    await q.query(`DROP INDEX users_email_key`);
    await q.query(`CREATE UNIQUE INDEX users_org_email_key ON users (org_id, lower(email))`);
    await q.query(`CREATE INDEX users_email_idx ON users (lower(email))`);

    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE user_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX sessions_portal_user_idx ON sessions (portal_user_id) WHERE portal_user_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX magic_links_open_idx ON magic_links (portal_user_id) WHERE used_at IS NULL`);

    await q.query(`
      CREATE TABLE oauth_states (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider text NOT NULL CHECK (provider IN ('stripe', 'quickbooks')),
        state_hash text NOT NULL UNIQUE,
        org_id uuid NOT NULL REFERENCES organizations(id),
        user_id uuid NOT NULL REFERENCES users(id),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS oauth_states`);
    await q.query(`DROP INDEX IF EXISTS magic_links_open_idx`);
    await q.query(`DROP INDEX IF EXISTS sessions_portal_user_idx`);
    await q.query(`DROP INDEX IF EXISTS sessions_user_idx`);
    await q.query(`DROP INDEX IF EXISTS users_email_idx`);
    await q.query(`DROP INDEX IF EXISTS users_org_email_key`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`ALTER TABLE portal_users DROP COLUMN invite_expires_at`);
    await q.query(`ALTER TABLE api_tokens DROP COLUMN scope`);
  }
}
