import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The billing core: tenants, people, catalog, time, invoices, payments, audit and email outbox. */
export class CoreSchema1795300000000 implements MigrationInterface {
  name = 'CoreSchema1795300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        slug text NOT NULL UNIQUE,
        default_currency char(3) NOT NULL DEFAULT 'USD',
        invoice_prefix text NOT NULL DEFAULT 'INV-',
        next_invoice_number integer NOT NULL DEFAULT 1,
        days_until_due integer NOT NULL DEFAULT 30,
        tax_rate_bps integer NOT NULL DEFAULT 0,
        memo_template text NOT NULL DEFAULT 'Services for {client_name}, {period_start} to {period_end}.',
        email_pay_link boolean NOT NULL DEFAULT true,
        email_payment_confirmation boolean NOT NULL DEFAULT true,
        allow_partial_payments boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('OWNER','ADMIN','BILLING','TECHNICIAN')),
        password_hash text NOT NULL,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`
      CREATE TABLE clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        name text NOT NULL,
        billing_email text NOT NULL,
        currency char(3) NOT NULL,
        tax_rate_bps integer,
        days_until_due integer,
        memo_template text,
        allow_partial_payments boolean,
        email_pay_link boolean,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX clients_org_idx ON clients (org_id, name)`);
    await q.query(`
      CREATE TABLE portal_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        client_id uuid NOT NULL REFERENCES clients(id),
        email text NOT NULL,
        name text NOT NULL,
        password_hash text,
        invite_token_hash text UNIQUE,
        invited_at timestamptz NOT NULL DEFAULT now(),
        accepted_at timestamptz,
        disabled_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX portal_users_email_key ON portal_users (org_id, lower(email))`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        org_id uuid NOT NULL REFERENCES organizations(id),
        user_id uuid REFERENCES users(id),
        portal_user_id uuid REFERENCES portal_users(id),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((user_id IS NULL) <> (portal_user_id IS NULL))
      )`);
    await q.query(`
      CREATE TABLE magic_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        portal_user_id uuid NOT NULL REFERENCES portal_users(id),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        prefix text NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE services (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        code text NOT NULL,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_id, code)
      )`);
    await q.query(`
      CREATE TABLE service_prices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        service_id uuid NOT NULL REFERENCES services(id),
        currency char(3) NOT NULL,
        unit_amount bigint NOT NULL CHECK (unit_amount >= 0),
        UNIQUE (service_id, currency)
      )`);
    await q.query(`
      CREATE TABLE client_rates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        client_id uuid NOT NULL REFERENCES clients(id),
        service_id uuid NOT NULL REFERENCES services(id),
        unit_amount bigint NOT NULL CHECK (unit_amount >= 0),
        UNIQUE (client_id, service_id)
      )`);
    await q.query(`
      CREATE TABLE tickets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        client_id uuid NOT NULL REFERENCES clients(id),
        title text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        client_id uuid NOT NULL REFERENCES clients(id),
        number text NOT NULL,
        currency char(3) NOT NULL,
        status text NOT NULL,
        issue_date date NOT NULL,
        due_date date NOT NULL,
        period_start date,
        period_end date,
        memo text NOT NULL DEFAULT '',
        notes text NOT NULL DEFAULT '',
        subtotal bigint NOT NULL DEFAULT 0,
        tax_total bigint NOT NULL DEFAULT 0,
        total bigint NOT NULL DEFAULT 0,
        amount_paid bigint NOT NULL DEFAULT 0,
        amount_credited bigint NOT NULL DEFAULT 0,
        balance_due bigint NOT NULL DEFAULT 0,
        finalized_at timestamptz,
        sent_at timestamptz,
        paid_at timestamptz,
        voided_at timestamptz,
        uncollectible_at timestamptz,
        disputed boolean NOT NULL DEFAULT false,
        public_token text NOT NULL UNIQUE DEFAULT encode(gen_random_bytes(24), 'hex'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_id, number)
      )`);
    await q.query(`CREATE INDEX invoices_list_idx ON invoices (org_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX invoices_client_idx ON invoices (org_id, client_id, status)`);
    await q.query(`
      CREATE TABLE invoice_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        invoice_id uuid NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        position integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('TIME','ITEM','MANUAL','DISCOUNT')),
        description text NOT NULL,
        service_id uuid REFERENCES services(id),
        quantity numeric(14,4) NOT NULL,
        unit_price bigint NOT NULL,
        discount bigint NOT NULL DEFAULT 0,
        tax_rate_bps integer NOT NULL DEFAULT 0,
        amount bigint NOT NULL,
        tax_amount bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX invoice_lines_invoice_idx ON invoice_lines (invoice_id, position)`);
    await q.query(`
      CREATE TABLE time_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        client_id uuid NOT NULL REFERENCES clients(id),
        ticket_id uuid NOT NULL REFERENCES tickets(id),
        technician_id uuid NOT NULL REFERENCES users(id),
        service_id uuid NOT NULL REFERENCES services(id),
        work_date date NOT NULL,
        minutes integer NOT NULL CHECK (minutes > 0),
        note text NOT NULL DEFAULT '',
        billable boolean NOT NULL DEFAULT true,
        rate_override bigint CHECK (rate_override >= 0),
        status text NOT NULL CHECK (status IN ('DRAFT','SUBMITTED','APPROVED','REJECTED')),
        rejection_reason text,
        approved_by uuid REFERENCES users(id),
        approved_at timestamptz,
        invoice_id uuid REFERENCES invoices(id),
        invoice_line_id uuid REFERENCES invoice_lines(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX time_entries_status_idx ON time_entries (org_id, status, work_date)`);
    await q.query(
      `CREATE INDEX time_entries_billable_idx ON time_entries (org_id, client_id, work_date) WHERE status = 'APPROVED' AND invoice_id IS NULL`,
    );
    await q.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        invoice_id uuid NOT NULL REFERENCES invoices(id),
        client_id uuid NOT NULL REFERENCES clients(id),
        kind text NOT NULL CHECK (kind IN ('PAYMENT','REFUND')),
        amount bigint NOT NULL,
        currency char(3) NOT NULL,
        source text NOT NULL CHECK (source IN ('MANUAL','STRIPE','QUICKBOOKS')),
        method text NOT NULL,
        reference text NOT NULL DEFAULT '',
        external_id text,
        received_on date NOT NULL,
        actor_type text NOT NULL,
        actor_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'PAYMENT' AND amount > 0) OR (kind = 'REFUND' AND amount < 0))
      )`);
    // The unique key is what makes a replayed provider event harmless.
    await q.query(
      `CREATE UNIQUE INDEX payments_external_key ON payments (org_id, source, external_id) WHERE external_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX payments_invoice_idx ON payments (invoice_id, created_at)`);
    await q.query(`CREATE INDEX payments_org_idx ON payments (org_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE credit_memos (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        invoice_id uuid NOT NULL REFERENCES invoices(id),
        client_id uuid NOT NULL REFERENCES clients(id),
        amount bigint NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        reason text NOT NULL,
        actor_type text NOT NULL,
        actor_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX credit_memos_invoice_idx ON credit_memos (invoice_id)`);
    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        org_id uuid NOT NULL REFERENCES organizations(id),
        actor_type text NOT NULL CHECK (actor_type IN ('USER','TOKEN','PORTAL_USER','SYSTEM','PROVIDER')),
        actor_id text,
        actor_label text NOT NULL,
        source text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        action text NOT NULL,
        before jsonb,
        after jsonb,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX audit_events_entity_idx ON audit_events (org_id, entity_type, entity_id, id)`);
    await q.query(`CREATE INDEX audit_events_org_idx ON audit_events (org_id, id DESC)`);
    await q.query(`
      CREATE TABLE emails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        kind text NOT NULL,
        to_address text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        status text NOT NULL CHECK (status IN ('QUEUED','SENT','OUTBOX','FAILED')),
        related_id uuid,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX emails_org_idx ON emails (org_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'emails',
      'audit_events',
      'credit_memos',
      'payments',
      'time_entries',
      'invoice_lines',
      'invoices',
      'tickets',
      'client_rates',
      'service_prices',
      'services',
      'api_tokens',
      'magic_links',
      'sessions',
      'portal_users',
      'clients',
      'users',
      'organizations',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
  }
}
