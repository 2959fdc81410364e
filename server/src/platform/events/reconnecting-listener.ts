import pg from 'pg';
import { checkListening } from './listener-heartbeat.js';
import { logger } from '../logger.js';

/** Backoff between reconnect attempts of a listener: 100 ms doubling, capped at 5 s. */
export const listenerBackoffMs = (attempt: number) => Math.min(5_000, 100 * 2 ** attempt);

/** What a ReconnectingListener listens to, and what its owner does as the connection comes and goes. */
export interface ListenerHooks {
  /** The connection's application_name (tests and operators find its backend by it). */
  applicationName: string;
  /** The channels LISTENed to, in order, on each new connection. */
  channels: string[];
  /** How often the connection is asked whether it still answers (checkListening). */
  checkMs: number;
  /** Names the listener in the log line of a lost connection. */
  name: string;
  onNotification(msg: pg.Notification): void;
  /** LISTEN is in place on a new connection (the first, or one after a loss). */
  onListening(): void | Promise<void>;
  /** The connection that was listening is lost: notifications may be missed until onListening. */
  onLost?(): void;
  /** A connection could not be made or could not LISTEN (it is tried again with backoff). */
  onConnectFailed?(): void;
}

/**
 * One LISTEN connection, kept: when it is lost (`error` and `end` both fire; handled once), or its
 * `SELECT 1` checks go unanswered (a connection can die without a word), the old client is ended and a new
 * one tried with backoff until one succeeds, however long the database is away. The invoice event listener
 * and the webhook wake-ups both listen this way; what a notification or a gap means is their hooks'.
 */
export class ReconnectingListener {
  private client: pg.Client | null = null;
  private closed = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connectionString: string,
    private readonly hooks: ListenerHooks,
  ) {}

  get listening(): boolean {
    return this.client !== null;
  }

  /** Connects; if the database is not there yet, keeps trying in the background. */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const hooks = this.hooks;
    const c = new pg.Client({ connectionString: this.connectionString, application_name: hooks.applicationName });
    let lost = false;
    let stopChecks: (() => void) | null = null;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      stopChecks?.();
      c.removeAllListeners('notification');
      if (this.client === c) {
        this.client = null;
        hooks.onLost?.();
      }
      c.end().catch(() => undefined);
      if (this.closed) return;
      logger.warn(
        { err: err?.message ?? 'connection ended', attempt: this.attempt },
        `${hooks.name} lost its connection; reconnecting`,
      );
      this.scheduleReconnect();
    };
    c.on('error', onLost);
    c.on('end', () => onLost());
    c.on('notification', (msg) => hooks.onNotification(msg));
    try {
      await c.connect();
      for (const channel of hooks.channels) await c.query(`LISTEN ${channel}`);
    } catch (err) {
      hooks.onConnectFailed?.();
      onLost(err as Error);
      return;
    }
    if (lost) return;
    if (this.closed) {
      await c.end().catch(() => undefined);
      return;
    }
    this.client = c;
    stopChecks = checkListening(c, hooks.checkMs, onLost);
    this.attempt = 0;
    await hooks.onListening();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.timer) return;
    const delay = listenerBackoffMs(this.attempt++);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
  }
}
