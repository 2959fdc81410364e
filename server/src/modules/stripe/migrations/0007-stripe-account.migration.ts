import type { MigrationInterface, QueryRunner } from 'typeorm';

const LINK_TABLES = ['stripe_client_links', 'stripe_invoice_links', 'stripe_checkout_sessions', 'stripe_catalog_links'];

/**
 * Stripe objects belong to one account and mode (trust issue #11, point 4):
 * - every link to a Stripe object records the account id and livemode it was made in, backfilled from
 *   the organization's current connection (the only account Settle knew); reads use only links of the
 *   current connection, so a new account or mode never receives an old id;
 * - the inbox records which account + mode an event was verified for (null: stored before this
 *   migration, verified with the connection's only secret);
 * - webhook signing secrets are kept one per (org, account, mode), sealed, so events of the previous
 *   account still verify after a switch; the connection's own columns stay the current one's;
 * - Stripe payments remember the account + mode they were taken in (history stays readable);
 * - the connection reports the clean-up of the account it was switched away from.
 */
export class StripeAccount1795300008000 implements MigrationInterface {
  name = 'StripeAccount1795300008000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of LINK_TABLES) {
      await q.query(`ALTER TABLE ${t} ADD COLUMN account_id text, ADD COLUMN livemode boolean`);
      await q.query(
        `UPDATE ${t} AS l SET account_id = c.account_id, livemode = (c.mode = 'live') FROM stripe_connections c WHERE c.org_id = l.org_id`,
      );
    }
    await q.query(`ALTER TABLE stripe_event_inbox ADD COLUMN account_id text, ADD COLUMN livemode boolean`);
    await q.query(`ALTER TABLE stripe_connections ADD COLUMN previous_account_cleanup jsonb`);
    await q.query(`
      CREATE TABLE stripe_webhook_secrets (
        org_id uuid NOT NULL REFERENCES organizations(id),
        account_id text NOT NULL,
        livemode boolean NOT NULL,
        secret_sealed text NOT NULL,
        secret_prefix text NOT NULL,
        endpoint_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz,
        PRIMARY KEY (org_id, account_id, livemode)
      )`);
    await q.query(`
      INSERT INTO stripe_webhook_secrets (org_id, account_id, livemode, secret_sealed, secret_prefix, endpoint_id)
      SELECT org_id, account_id, mode = 'live', webhook_secret_sealed, coalesce(webhook_secret_prefix, ''), webhook_endpoint_id
        FROM stripe_connections WHERE webhook_secret_sealed IS NOT NULL`);
    await q.query(`
      CREATE TABLE stripe_payment_origins (
        org_id uuid NOT NULL REFERENCES organizations(id),
        external_id text NOT NULL,
        account_id text NOT NULL,
        livemode boolean NOT NULL,
        PRIMARY KEY (org_id, external_id)
      )`);
    await q.query(`
      INSERT INTO stripe_payment_origins (org_id, external_id, account_id, livemode)
      SELECT DISTINCT p.org_id, p.external_id, c.account_id, c.mode = 'live'
        FROM payments p JOIN stripe_connections c ON c.org_id = p.org_id
       WHERE p.source = 'STRIPE' AND p.external_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stripe_payment_origins`);
    await q.query(`DROP TABLE stripe_webhook_secrets`);
    await q.query(`ALTER TABLE stripe_connections DROP COLUMN previous_account_cleanup`);
    await q.query(`ALTER TABLE stripe_event_inbox DROP COLUMN account_id, DROP COLUMN livemode`);
    for (const t of LINK_TABLES) await q.query(`ALTER TABLE ${t} DROP COLUMN account_id, DROP COLUMN livemode`);
  }
}
