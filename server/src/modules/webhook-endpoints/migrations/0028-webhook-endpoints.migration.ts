import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound webhooks. An endpoint is an org's URL with the event types it wants and a sealed signing
 * secret. Events are written inside the transaction of the change they describe (only for orgs with an
 * endpoint), with one delivery row per subscribed enabled endpoint; `seq` orders the deliveries of one
 * object to one endpoint (the partial index is what the delivery job reads). Deleting an endpoint
 * deletes its deliveries; events stay (another endpoint may replay them). Organizations get the
 * `allow_private_webhook_urls` switch (off: private, loopback and link-local targets are refused).
 */
export class WebhookEndpoints1795300031000 implements MigrationInterface {
  name = 'WebhookEndpoints1795300031000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN allow_private_webhook_urls boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        url text NOT NULL,
        description text NOT NULL DEFAULT '',
        events text[] NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        secret_sealed text NOT NULL,
        secret_prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_endpoints_org_idx ON webhook_endpoints (org_id)`);
    await q.query(`
      CREATE TABLE webhook_events (
        id text PRIMARY KEY,
        seq bigserial NOT NULL,
        org_id uuid NOT NULL REFERENCES organizations(id),
        type text NOT NULL,
        api_version text NOT NULL,
        object_id text NOT NULL,
        object jsonb NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX webhook_events_org_created_idx ON webhook_events (org_id, created_at, seq)`);
    await q.query(`CREATE INDEX webhook_events_object_idx ON webhook_events (object_id, seq)`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        org_id uuid NOT NULL REFERENCES organizations(id),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        event_id text NOT NULL REFERENCES webhook_events(id),
        object_id text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','SUCCEEDED','FAILED')),
        attempt_count integer NOT NULL DEFAULT 0,
        http_status integer,
        latency_ms integer,
        response_excerpt text,
        error text,
        first_attempt_at timestamptz,
        last_attempt_at timestamptz,
        next_retry_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (endpoint_id, object_id, seq) WHERE status = 'PENDING'`,
    );
    await q.query(`CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, seq DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries, webhook_events, webhook_endpoints`);
    await q.query(`ALTER TABLE organizations DROP COLUMN allow_private_webhook_urls`);
  }
}
