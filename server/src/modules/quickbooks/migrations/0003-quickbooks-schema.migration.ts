import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * QuickBooks Online sync: one connection per org (tokens sealed), the outbound operation queue, the
 * Settle ↔ QuickBooks id ledger (unique both ways), exceptions a person must resolve, inbound webhooks.
 */
export class QuickBooksSchema1795300002000 implements MigrationInterface {
  name = 'QuickBooksSchema1795300002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE qbo_connections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL UNIQUE REFERENCES organizations(id),
        status text NOT NULL DEFAULT 'DISCONNECTED' CHECK (status IN ('CONNECTED','DISCONNECTED','ERROR')),
        realm_id text,
        company_name text,
        access_token_sealed text,
        refresh_token_sealed text,
        access_token_expires_at timestamptz,
        refresh_token_expires_at timestamptz,
        connected_at timestamptz,
        disconnected_at timestamptz,
        oauth_state_hash text,
        oauth_state_expires_at timestamptz,
        cdc_watermark text,
        last_error text,
        default_item_id text,
        default_item_name text,
        fallback_item_id text,
        income_account_id text,
        income_account_name text,
        pay_now_enabled boolean,
        card_enabled boolean,
        ach_enabled boolean,
        fee_expense_account_id text,
        fee_bank_account_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX qbo_connections_realm_idx ON qbo_connections (realm_id) WHERE status = 'CONNECTED'`);
    await q.query(`
      CREATE TABLE qbo_operations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        kind text NOT NULL,
        entity_id text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','DONE','FAILED','SKIPPED')),
        payload jsonb NOT NULL DEFAULT '{}',
        attempts integer NOT NULL DEFAULT 0,
        requests integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        last_error text,
        qb_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        UNIQUE (org_id, kind, entity_id, version)
      )`);
    await q.query(
      `CREATE INDEX qbo_operations_open_idx ON qbo_operations (org_id, entity_id) WHERE status = 'PENDING'`,
    );
    await q.query(`
      CREATE TABLE qbo_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        realm_id text NOT NULL,
        settle_type text NOT NULL,
        settle_id text NOT NULL,
        qb_type text NOT NULL,
        qb_id text NOT NULL,
        sync_token text,
        origin text NOT NULL DEFAULT 'SETTLE' CHECK (origin IN ('SETTLE','QUICKBOOKS')),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_id, settle_type, settle_id),
        UNIQUE (org_id, realm_id, qb_type, qb_id)
      )`);
    await q.query(`
      CREATE TABLE qbo_exceptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        operation_id uuid REFERENCES qbo_operations(id),
        kind text NOT NULL,
        message text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolved_by text
      )`);
    await q.query(
      `CREATE INDEX qbo_exceptions_open_idx ON qbo_exceptions (org_id, created_at DESC) WHERE resolved_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE qbo_webhook_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        realm_ids text[] NOT NULL DEFAULT '{}',
        format text NOT NULL,
        body text NOT NULL,
        entity_count integer NOT NULL DEFAULT 0,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        error text
      )`);
    await q.query(`CREATE INDEX qbo_webhook_events_received_idx ON qbo_webhook_events (received_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['qbo_webhook_events', 'qbo_exceptions', 'qbo_links', 'qbo_operations', 'qbo_connections'])
      await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
