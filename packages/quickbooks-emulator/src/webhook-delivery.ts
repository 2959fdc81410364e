// Delivers change events to the configured endpoint the way Intuit does: events within a
// short window are batched into one signed POST, deliveries are sequential (a failing one
// holds later ones), non-2xx/timeouts (3 s) are retried on a backoff schedule. Control API
// faults can drop, duplicate, delay or corrupt the signature of the next deliveries.
import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.js';
import type { Store } from './store.js';
import type { ChangeEvent, EmulatorLogger } from './types.js';
import { buildWebhookBody } from './webhook-payload.js';
import { signWebhookPayload } from './webhook-signature.js';

/** Intuit retries at 10 s, 20 s, 30 s, 5 min, 20 min, ...; scaled down 10x by default. */
export const DEFAULT_RETRY_SCHEDULE_MS = [1_000, 2_000, 3_000, 30_000, 120_000];
const BATCH_WINDOW_MS = 150;
const RESPONSE_TIMEOUT_MS = 3_000;
const MAX_LOG = 1_000;

export type WebhookFaultMode = 'drop' | 'duplicate' | 'delay' | 'bad-signature';
interface WebhookFault {
  mode: WebhookFaultMode;
  remaining: number;
  delayMs: number;
}

export interface DeliveryAttempt {
  id: string;
  notificationId: string;
  attempt: number;
  url: string;
  at: string;
  outcome: 'delivered' | 'failed' | 'dropped' | 'retrying';
  status?: number;
  error?: string;
  fault?: WebhookFaultMode;
  signature: string;
  body: string;
  events: { realmId: string; name: string; id: string; operation: string }[];
}

interface Notification {
  id: string;
  events: ChangeEvent[];
  attempts: number;
  fault?: WebhookFault;
}

export class WebhookDelivery {
  retryScheduleMs: number[];
  deliveries: DeliveryAttempt[] = [];
  private pending: ChangeEvent[] = [];
  private outbox: Notification[] = [];
  private faults: WebhookFault[] = [];
  private batchTimer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private busy = false;
  private closed = false;
  private inflight = new Set<AbortController>();

  constructor(
    private store: Store,
    private clock: Clock,
    retryScheduleMs: number[] | undefined,
    private logger?: EmulatorLogger,
  ) {
    this.retryScheduleMs = retryScheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS;
    store.onChange((e) => this.enqueue(e));
  }

  get config() {
    return this.store.state.webhook;
  }

  configure(input: { url?: unknown; verifierToken?: unknown; format?: unknown; retryScheduleMs?: unknown }): void {
    if (input.url !== undefined) this.config.url = typeof input.url === 'string' && input.url ? input.url : undefined;
    if (typeof input.verifierToken === 'string' && input.verifierToken) this.config.verifierToken = input.verifierToken;
    if (input.format === 'legacy' || input.format === 'cloudevents') this.config.format = input.format;
    else if (input.format !== undefined) throw new Error('format must be "legacy" or "cloudevents"');
    if (Array.isArray(input.retryScheduleMs)) this.retryScheduleMs = input.retryScheduleMs.map(Number);
    this.store.scheduleSave();
  }

  addFault(input: { mode?: unknown; count?: unknown; delayMs?: unknown }): WebhookFault {
    const mode = input.mode as WebhookFaultMode;
    if (!['drop', 'duplicate', 'delay', 'bad-signature'].includes(mode))
      throw new Error('mode must be drop, duplicate, delay or bad-signature');
    const f = { mode, remaining: Math.max(1, Number(input.count ?? 1)), delayMs: Number(input.delayMs ?? 0) };
    this.faults.push(f);
    return f;
  }

  clearFaults(): void {
    this.faults = [];
  }

  private enqueue(e: ChangeEvent): void {
    if (!this.config.url || this.closed) return; // no endpoint configured: nothing to notify
    this.pending.push(e);
    this.batchTimer ??= setTimeout(() => {
      this.batchTimer = undefined;
      const events = this.pending.splice(0);
      if (events.length) this.outbox.push({ id: randomUUID(), events, attempts: 0 });
      void this.pump();
    }, BATCH_WINDOW_MS);
  }

  /** Sequential delivery loop; returns once the outbox is empty or waiting on a retry. */
  private async pump(): Promise<void> {
    if (this.busy || this.closed || this.retryTimer) return;
    this.busy = true;
    try {
      while (this.outbox.length && !this.closed) {
        const n = this.outbox[0];
        if (!n.fault && n.attempts === 0) n.fault = this.takeFault();
        const done = await this.deliver(n);
        if (done) {
          this.outbox.shift();
          continue;
        }
        const wait = this.retryScheduleMs[n.attempts - 1];
        if (wait === undefined) {
          this.mark(n, 'failed');
          this.outbox.shift();
          continue;
        }
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          void this.pump();
        }, wait);
        return;
      }
    } finally {
      this.busy = false;
    }
  }

  private takeFault(): WebhookFault | undefined {
    const f = this.faults[0];
    if (!f) return undefined;
    if (--f.remaining <= 0) this.faults.shift();
    return { ...f };
  }

  private mark(n: Notification, outcome: DeliveryAttempt['outcome']): void {
    const last = [...this.deliveries].reverse().find((d) => d.notificationId === n.id);
    if (last) last.outcome = outcome;
  }

  /** One attempt (two POSTs for a 'duplicate' fault). Returns true when finished. */
  private async deliver(n: Notification): Promise<boolean> {
    const { url, verifierToken, format } = this.config;
    n.attempts += 1;
    const body = buildWebhookBody(n.events, format);
    let signature = signWebhookPayload(body, verifierToken);
    if (n.fault?.mode === 'bad-signature') signature = signWebhookPayload(body, `${verifierToken}-wrong`);
    const log: DeliveryAttempt = {
      id: randomUUID(),
      notificationId: n.id,
      attempt: n.attempts,
      url: url ?? '',
      at: new Date(this.clock.now()).toISOString(),
      outcome: 'retrying',
      fault: n.fault?.mode,
      signature,
      body,
      events: n.events.map((e) => ({ realmId: e.realmId, name: e.name, id: e.id, operation: e.operation })),
    };
    this.deliveries.push(log);
    if (this.deliveries.length > MAX_LOG) this.deliveries.shift();
    if (!url) {
      log.outcome = 'dropped';
      log.error = 'no webhook url configured';
      return true;
    }
    if (n.fault?.mode === 'drop') {
      log.outcome = 'dropped';
      return true;
    }
    if (n.fault?.mode === 'delay' && n.attempts === 1) await new Promise((r) => setTimeout(r, n.fault!.delayMs));
    const copies = n.fault?.mode === 'duplicate' && n.attempts === 1 ? 2 : 1;
    let ok = false;
    for (let i = 0; i < copies && !this.closed; i++) {
      const abort = new AbortController();
      this.inflight.add(abort);
      const timer = setTimeout(() => abort.abort(), RESPONSE_TIMEOUT_MS);
      try {
        const res = await fetch(url, {
          method: 'POST',
          body,
          signal: abort.signal,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            accept: 'application/json',
            'user-agent': 'intuit_notification_server/0.1',
            'intuit-signature': signature,
            'intuit-created-time': new Date(this.clock.now()).toISOString(),
            'intuit-t-id': randomUUID(),
            'intuit-notification-schema-version': format === 'cloudevents' ? '1.0' : '0.1',
          },
        });
        await res.arrayBuffer().catch(() => undefined);
        log.status = res.status;
        ok = res.status >= 200 && res.status < 300;
      } catch (e) {
        log.error = abort.signal.aborted
          ? `no response within ${RESPONSE_TIMEOUT_MS} ms`
          : String((e as Error).message ?? e);
        ok = false;
      } finally {
        clearTimeout(timer);
        this.inflight.delete(abort);
      }
    }
    log.outcome = ok ? 'delivered' : 'retrying';
    if (!ok)
      this.logger?.warn(
        `quickbooks emulator: webhook delivery to ${url} failed (attempt ${n.attempts})`,
        log.error ?? log.status,
      );
    return ok;
  }

  /** Deliver what is batched right now (tests / control API) and wait for the outbox. */
  async flush(timeoutMs = 10_000): Promise<void> {
    if (this.batchTimer) {
      clearTimeout(this.batchTimer);
      this.batchTimer = undefined;
      const events = this.pending.splice(0);
      if (events.length) this.outbox.push({ id: randomUUID(), events, attempts: 0 });
    }
    void this.pump();
    const until = Date.now() + timeoutMs;
    while ((this.busy || (this.outbox.length && !this.retryTimer)) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 10));
  }

  reset(): void {
    this.pending = [];
    this.outbox = [];
    this.deliveries = [];
    this.faults = [];
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  close(): void {
    this.closed = true;
    if (this.batchTimer) clearTimeout(this.batchTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const a of this.inflight) a.abort();
  }
}
