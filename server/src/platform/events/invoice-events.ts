import type { EntityManager } from 'typeorm';
import { setMaxListeners } from 'node:events';
import pg from 'pg';
import { createPubSub } from '@graphql-yoga/subscription';
import { logger } from '../logger.js';

export interface InvoiceUpdatedEvent {
  orgId: string;
  invoiceId: string;
  clientId: string;
  status: string;
  balanceDue: number;
}

const CHANNEL = 'settle_invoice_updated';

export type SettlePubSub = ReturnType<typeof createSettlePubSub>;
export function createSettlePubSub() {
  // One listener per open subscription: thousands are normal here, not a leak.
  const eventTarget = new EventTarget();
  setMaxListeners(0, eventTarget);
  return createPubSub<{ INVOICE_UPDATED: [InvoiceUpdatedEvent] }>({ eventTarget });
}

/**
 * Announces an invoice change with pg_notify inside the transaction. PostgreSQL delivers it only on
 * commit, so subscribers never see a change that rolled back, and every server process (API or worker)
 * hears it.
 */
export async function announceInvoiceUpdated(tx: EntityManager, event: InvoiceUpdatedEvent): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
}

/** PostgreSQL caps a notification at 8,000 bytes; an announcement is at most ~200. */
const PER_NOTIFICATION = 32;

/**
 * Many announcements (a settlement batch) in one statement, packed as JSON arrays of up to
 * PER_NOTIFICATION events: every listening process wakes once per pack instead of once per invoice.
 */
export async function announceInvoicesUpdated(tx: EntityManager, events: InvoiceUpdatedEvent[]): Promise<void> {
  if (!events.length) return;
  const packs: string[] = [];
  for (let i = 0; i < events.length; i += PER_NOTIFICATION) packs.push(JSON.stringify(events.slice(i, i + PER_NOTIFICATION)));
  await tx.query('SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p', [CHANNEL, packs]);
}

/** Relays committed notifications into the in-process pub/sub that GraphQL subscriptions read. */
export async function listenForInvoiceEvents(connectionString: string, pubsub: SettlePubSub): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let closed = false;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString });
    c.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      const parsed = JSON.parse(msg.payload) as InvoiceUpdatedEvent | InvoiceUpdatedEvent[];
      for (const event of Array.isArray(parsed) ? parsed : [parsed]) pubsub.publish('INVOICE_UPDATED', event);
    });
    c.on('error', (err) => {
      logger.warn({ err: err.message }, 'invoice event listener lost its connection; reconnecting');
      if (!closed) setTimeout(() => void connect().catch(() => undefined), 500);
    });
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    client = c;
  };
  await connect();
  return async () => {
    closed = true;
    await client?.end();
  };
}
