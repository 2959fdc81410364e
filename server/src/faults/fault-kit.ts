import type Stripe from 'stripe';
import pg from 'pg';
import type { Container } from '../app/container.js';
import { billingFixture } from '../../test/fixtures.js';
import { ingestEvent } from '../modules/stripe/stripe-inbox.js';
import { paidCheckoutSession, type connectedOrg, type StripeWorld } from '../modules/stripe/stripe-test-kit.js';
import { LISTENER_APPLICATION_NAME } from '../platform/events/invoice-events.js';
import { wsClient } from '../../test/ws-client.js';

/** Test support for the fault suite (not a test file). */
export type Org = Awaited<ReturnType<typeof connectedOrg>>;

/** SENT invoices of 10,000 minor units straight into the table; returns id and pay-link token. */
export async function sentInvoices(
  w: StripeWorld,
  o: Org,
  n: number,
  label: string,
): Promise<Array<{ id: string; token: string }>> {
  return (await w.settle.container.db.query(
    `INSERT INTO invoices (org_id, client_id, number, currency, status, issue_date, due_date, subtotal, total, balance_due, finalized_at, sent_at)
     SELECT $1, $2, $3 || g, 'USD', 'SENT', current_date, current_date + 30, 10000, 10000, 10000, now(), now()
     FROM generate_series(1, $4) g RETURNING id, public_token AS token`,
    [o.org.id, o.fx.client.id, `${label}-`, n],
  )) as Array<{ id: string; token: string }>;
}

/** A SENT invoice of 10,000 minor units for a new client of `orgId`; returns its id. */
export async function openInvoice(settle: { container: Container }, orgId: string, label: string): Promise<string> {
  const fx = await billingFixture(settle.container, orgId);
  const [row] = (await settle.container.db.query(
    `INSERT INTO invoices (org_id, client_id, number, currency, status, issue_date, due_date, subtotal, total, balance_due, finalized_at, sent_at)
     VALUES ($1, $2, $3 || floor(random() * 1e9)::text, 'USD', 'SENT', current_date, current_date + 30, 10000, 10000, 10000, now(), now()) RETURNING id`,
    [orgId, fx.client.id, `${label}-`],
  )) as Array<{ id: string }>;
  return row!.id;
}

/**
 * A completed Checkout session event for the whole balance (10,000) of `invoiceId`, carrying a session
 * really paid on the emulator: Settle confirms every money event with Stripe before booking it.
 */
export async function paidEvent(
  o: Org,
  id: string,
  invoiceId: string,
  created = Math.floor(Date.now() / 1000),
): Promise<Stripe.Event> {
  const object = await paidCheckoutSession(o.stripe, o.org.id, invoiceId, 10000);
  return {
    id: `evt_${id}`,
    object: 'event',
    created,
    livemode: false,
    type: 'checkout.session.completed',
    data: { object },
  } as unknown as Stripe.Event;
}

export async function ingest(w: StripeWorld, orgId: string, evt: Stripe.Event): Promise<void> {
  await ingestEvent(w.settle.container.db, orgId, evt, JSON.stringify(evt), 'WEBHOOK');
}

/** Runs `sql` over a connection of its own to `url` (not one of Settle's, which the faults kill), then closes it. */
async function onOwnConnection(url: string, sql: string): Promise<any[]> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

/** The other backends of the current database matching `where` (pg_stat_activity columns), as SQL. */
const otherBackends = (where: string) =>
  `FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND (${where})`;

/** Terminates the backends of the current database that match `where` (pg_stat_activity columns). */
export async function terminate(url: string, where: string): Promise<number> {
  return (await onOwnConnection(url, `SELECT pg_terminate_backend(pid) AS ok ${otherBackends(where)}`)).length;
}

/** Backends of the current database matching `where`. */
export async function backends(url: string, where: string): Promise<number> {
  return (await onOwnConnection(url, `SELECT count(*)::int AS n ${otherBackends(where)}`))[0].n as number;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The invoice listener's connection, as a pg_stat_activity condition. */
export const LISTENER = `application_name = '${LISTENER_APPLICATION_NAME}'`;

/** A websocket subscriber to one invoice's changes (no retries); `events` collects what it hears. */
export function subscribeToInvoice(settleUrl: string, token: string, invoiceId: string) {
  const events: Array<{ balanceDue: number; status: string }> = [];
  const client = wsClient(settleUrl, token);
  const stop = client.subscribe<{ invoiceUpdated: { invoice: { balanceDue: number; status: string } } }>(
    {
      query: `subscription($i:ID){invoiceUpdated(invoiceId:$i){invoice{status balanceDue}}}`,
      variables: { i: invoiceId },
    },
    {
      next: (v) => v.data && events.push(v.data.invoiceUpdated.invoice),
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return {
    events,
    close: async () => {
      stop();
      await client.dispose();
    },
  };
}
