import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stripe integration: connection, settings, links to Stripe objects, and the webhook event inbox. */
export class StripeSchema1795300001000 implements MigrationInterface {
  name = 'StripeSchema1795300001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stripe_connections (
        org_id uuid PRIMARY KEY REFERENCES organizations(id),
        mode text NOT NULL CHECK (mode IN ('test','live')),
        account_id text NOT NULL,
        connected_via text NOT NULL CHECK (connected_via IN ('KEYS','OAUTH')),
        secret_key_sealed text NOT NULL,
        secret_key_prefix text NOT NULL,
        publishable_key text,
        stripe_account text,
        webhook_token text NOT NULL UNIQUE,
        webhook_endpoint_id text,
        webhook_secret_sealed text,
        webhook_secret_prefix text,
        webhook_error text,
        events_cursor bigint,
        swept_at timestamptz,
        last_verified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE stripe_payment_settings (
        org_id uuid PRIMARY KEY REFERENCES organizations(id),
        send_via text NOT NULL DEFAULT 'CHECKOUT' CHECK (send_via IN ('HOSTED_INVOICE','CHECKOUT')),
        link_lifetime_hours integer NOT NULL DEFAULT 72 CHECK (link_lifetime_hours BETWEEN 1 AND 720)
      )`);
    await q.query(`
      CREATE TABLE stripe_client_links (
        client_id uuid PRIMARY KEY REFERENCES clients(id),
        org_id uuid NOT NULL REFERENCES organizations(id),
        customer_id text,
        send_via text CHECK (send_via IN ('HOSTED_INVOICE','CHECKOUT'))
      )`);
    await q.query(`
      CREATE TABLE stripe_invoice_links (
        invoice_id uuid PRIMARY KEY REFERENCES invoices(id),
        org_id uuid NOT NULL REFERENCES organizations(id),
        send_via text NOT NULL,
        stripe_invoice_id text,
        hosted_url text,
        stripe_amount bigint,
        last_payment_error text,
        last_payment_error_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX stripe_invoice_links_stripe_idx ON stripe_invoice_links (org_id, stripe_invoice_id) WHERE stripe_invoice_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE stripe_checkout_sessions (
        id text PRIMARY KEY,
        org_id uuid NOT NULL REFERENCES organizations(id),
        invoice_id uuid NOT NULL REFERENCES invoices(id),
        amount bigint NOT NULL,
        balance_at_creation bigint NOT NULL,
        custom_amount boolean NOT NULL,
        url text NOT NULL,
        expires_at timestamptz NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX stripe_checkout_sessions_invoice_idx ON stripe_checkout_sessions (org_id, invoice_id, status)`,
    );
    await q.query(`
      CREATE TABLE stripe_catalog_links (
        service_id uuid PRIMARY KEY REFERENCES services(id),
        org_id uuid NOT NULL REFERENCES organizations(id),
        product_id text NOT NULL,
        prices jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE stripe_object_versions (
        org_id uuid NOT NULL REFERENCES organizations(id),
        object_id text NOT NULL,
        created bigint NOT NULL,
        event_id text NOT NULL,
        state text NOT NULL,
        PRIMARY KEY (org_id, object_id)
      )`);
    await q.query(`
      CREATE TABLE stripe_event_inbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        event_id text NOT NULL,
        type text NOT NULL,
        stripe_created bigint NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','PROCESSING','DONE','FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        error text,
        outcome text,
        via text NOT NULL DEFAULT 'WEBHOOK',
        received_at timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        UNIQUE (org_id, event_id)
      )`);
    await q.query(
      `CREATE INDEX stripe_event_inbox_pending_idx ON stripe_event_inbox (org_id, next_attempt_at) WHERE status = 'PENDING'`,
    );
    await q.query(`CREATE INDEX stripe_event_inbox_recent_idx ON stripe_event_inbox (org_id, received_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'stripe_event_inbox',
      'stripe_object_versions',
      'stripe_catalog_links',
      'stripe_checkout_sessions',
      'stripe_invoice_links',
      'stripe_client_links',
      'stripe_payment_settings',
      'stripe_connections',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
