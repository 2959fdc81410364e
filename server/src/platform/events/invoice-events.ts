import type { EntityManager } from 'typeorm';
import pg from 'pg';
import { checkListening } from './listener-heartbeat.js';
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

/** Backoff between reconnect attempts of the listener: 100 ms doubling, capped at 5 s. */
export const listenerBackoffMs = (attempt: number) => Math.min(5_000, 100 * 2 ** attempt);

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
  private client: pg.Client | null = null;
  private closed = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  /** When the last connection was lost (null while listening, or before the first connection). */
  private lostAt: Date | null = null;
  /** Connections made (1 after start; each reconnect adds one). */
  connections = 0;

  constructor(
    private readonly connectionString: string,
    private readonly pubsub: SettlePubSub,
    private readonly changesSince?: ChangesSince,
    /** Other channels heard on the same connection, told when listening starts and stops. */
    private readonly also: ListenedChannel[] = [],
    private readonly checkMs = 10_000,
  ) {}

  get listening(): boolean {
    return this.client !== null;
  }

  /** Connects; if the database is not there yet, keeps trying in the background. */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const c = new pg.Client({ connectionString: this.connectionString, application_name: LISTENER_APPLICATION_NAME });
    let lost = false;
    let stopChecks: (() => void) | null = null;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      stopChecks?.();
      c.removeAllListeners('notification');
      if (this.client === c) {
        this.client = null;
        this.lostAt = new Date();
        for (const a of this.also) a.onListening(false);
      }
      c.end().catch(() => undefined);
      if (this.closed) return;
      logger.warn(
        { err: err?.message ?? 'connection ended', attempt: this.attempt },
        'invoice event listener lost its connection; reconnecting',
      );
      this.scheduleReconnect();
    };
    c.on('error', onLost);
    c.on('end', () => onLost());
    c.on('notification', (msg) => {
      for (const a of this.also) if (msg.channel === a.channel) a.onNotify();
      if (msg.channel !== CHANNEL || !msg.payload) return;
      const parsed = JSON.parse(msg.payload) as InvoiceUpdatedEvent | InvoiceUpdatedEvent[];
      for (const event of Array.isArray(parsed) ? parsed : [parsed]) this.pubsub.publish('INVOICE_UPDATED', event);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      for (const a of this.also) await c.query(`LISTEN ${a.channel}`);
    } catch (err) {
      if (this.client === null && this.lostAt === null && this.connections === 0) this.lostAt = new Date();
      onLost(err as Error);
      return;
    }
    if (lost) return;
    if (this.closed) {
      await c.end().catch(() => undefined);
      return;
    }
    this.client = c;
    stopChecks = checkListening(c, this.checkMs, onLost);
    for (const a of this.also) a.onListening(true);
    this.attempt = 0;
    this.connections++;
    const since = this.lostAt;
    this.lostAt = null;
    if (this.connections > 1) logger.warn('invoice event listener reconnected');
    if (since && this.changesSince) await this.replay(since);
  }

  private scheduleReconnect(): void {
    if (this.closed || this.timer) return;
    const delay = listenerBackoffMs(this.attempt++);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
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
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
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
