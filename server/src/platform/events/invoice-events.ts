import type { EntityManager } from 'typeorm';
import type pg from 'pg';
import { ReconnectingListener } from './reconnecting-listener.js';
import { logger } from '../logger.js';
import { createPubSub } from './pub-sub.js';

export interface InvoiceUpdatedEvent {
  orgId: string;
  invoiceId: string;
  clientId: string;
  status: string;
  balanceDue: number;
  /** It was issued to the client (sent at least once): its portal users may hear of it. */
  issued: boolean;
}

const CHANNEL = 'settle_invoice_updated';

export type SettlePubSub = ReturnType<typeof createSettlePubSub>;
export function createSettlePubSub() {
  return createPubSub<{ INVOICE_UPDATED: [InvoiceUpdatedEvent] }>();
}

/**
 * Announces an invoice change with pg_notify inside the transaction. PostgreSQL delivers it only on
 * commit, so subscribers never see a change that rolled back, and every server process (API or worker)
 * hears it.
 */
export async function announceInvoiceUpdated(tx: EntityManager, event: InvoiceUpdatedEvent): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
}

/** PostgreSQL caps a notification at 8,000 bytes; an announcement is at most ~220 (32 of them: ~7,050). */
const PER_NOTIFICATION = 32;

/**
 * Many announcements (a settlement batch) in one statement, packed as JSON arrays of up to
 * PER_NOTIFICATION events: every listening process wakes once per pack instead of once per invoice.
 */
export async function announceInvoicesUpdated(tx: EntityManager, events: InvoiceUpdatedEvent[]): Promise<void> {
  if (!events.length) return;
  const packs: string[] = [];
  for (let i = 0; i < events.length; i += PER_NOTIFICATION)
    packs.push(JSON.stringify(events.slice(i, i + PER_NOTIFICATION)));
  await tx.query('SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p', [CHANNEL, packs]);
}

/** Invoices changed since a time (with their current state): what a listener gap may have hidden. */
export type ChangesSince = (since: Date) => Promise<InvoiceUpdatedEvent[]>;

/**
 * Relays committed notifications into the in-process pub/sub that GraphQL subscriptions read, on exactly
 * one LISTEN connection. When it is lost (`error` and `end` both fire; handled once), the old client is
 * ended and a new one is tried with backoff until one succeeds, however long the database is away.
 * NOTIFYs sent while nobody listened are gone, so after reconnecting every invoice changed since the
 * loss is published again with its current state: live subscriptions re-read and push it (the same
 * path as a change), so a subscriber never stays on a stale balance after a gap. A connection can also
 * die without a word (a NAT or firewall dropping an idle flow, a failover behind a virtual address: no
 * error, no end), and this process would then hear of no other process's change (a token revoked, a
 * secret rotated, an invoice paid) while its caches kept serving and /readyz said ready; so every
 * `checkMs` the connection is asked a `SELECT 1`, and one still unanswered at the next check counts as lost.
 */
export class InvoiceEventListener {
  private readonly connection: ReconnectingListener;
  /** When the last connection was lost (null while listening, or before the first connection). */
  private lostAt: Date | null = null;
  /** Connections made (1 after start; each reconnect adds one). */
  connections = 0;

  constructor(
    connectionString: string,
    private readonly pubsub: SettlePubSub,
    private readonly changesSince?: ChangesSince,
    /** Other channels heard on the same connection, told when listening starts and stops. */
    private readonly also: ListenedChannel[] = [],
    checkMs = 10_000,
  ) {
    this.connection = new ReconnectingListener(connectionString, {
      applicationName: LISTENER_APPLICATION_NAME,
      channels: [CHANNEL, ...also.map((a) => a.channel)],
      checkMs,
      name: 'invoice event listener',
      onNotification: (msg) => this.relay(msg),
      onListening: () => this.listened(),
      onLost: () => {
        this.lostAt = new Date();
        for (const a of this.also) a.onListening(false);
      },
      onConnectFailed: () => {
        // Not there at start: the gap runs from now, so what changes meanwhile is pushed once it listens.
        if (this.lostAt === null && this.connections === 0) this.lostAt = new Date();
      },
    });
  }

  get listening(): boolean {
    return this.connection.listening;
  }

  /** Connects; if the database is not there yet, keeps trying in the background. */
  async start(): Promise<void> {
    await this.connection.start();
  }

  private relay(msg: pg.Notification): void {
    for (const a of this.also) if (msg.channel === a.channel) a.onNotify();
    if (msg.channel !== CHANNEL || !msg.payload) return;
    const parsed = JSON.parse(msg.payload) as InvoiceUpdatedEvent | InvoiceUpdatedEvent[];
    for (const event of Array.isArray(parsed) ? parsed : [parsed]) this.pubsub.publish('INVOICE_UPDATED', event);
  }

  private async listened(): Promise<void> {
    for (const a of this.also) a.onListening(true);
    this.connections++;
    const since = this.lostAt;
    this.lostAt = null;
    if (this.connections > 1) logger.warn('invoice event listener reconnected');
    if (since && this.changesSince) await this.replay(since);
  }

  /** Pushes the current state of invoices changed since the gap began (a few seconds' margin for clock skew). */
  private async replay(since: Date): Promise<void> {
    try {
      const events = await this.changesSince!(new Date(since.getTime() - 5_000));
      for (const event of events) this.pubsub.publish('INVOICE_UPDATED', event);
      if (events.length)
        logger.info({ invoices: events.length }, 'invoice changes during the listener gap pushed again');
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'could not re-read invoices changed during the listener gap');
    }
  }

  async stop(): Promise<void> {
    await this.connection.stop();
  }
}

/** application_name of the LISTEN connection (tests count its backends in pg_stat_activity). */
export const LISTENER_APPLICATION_NAME = 'settle-invoice-listener';

/** A channel a module listens to on the process's one LISTEN connection (e.g. auth changes). */
export interface ListenedChannel {
  channel: string;
  onNotify(): void;
  /** true once LISTEN is in place, false when the connection is lost (notifications may then be missed). */
  onListening(listening: boolean): void;
}

/** Starts the listener; see InvoiceEventListener. */
export async function listenForInvoiceEvents(
  connectionString: string,
  pubsub: SettlePubSub,
  changesSince?: ChangesSince,
  also: ListenedChannel[] = [],
  checkMs?: number,
): Promise<InvoiceEventListener> {
  const listener = new InvoiceEventListener(connectionString, pubsub, changesSince, also, checkMs);
  await listener.start();
  return listener;
}
