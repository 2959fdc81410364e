import type { AccountData } from '../core/store.js';
import type { Runtime } from '../runtime.js';
import type { WEvent } from '../core/wire-types.js';
import type { FaultRule, StoredDelivery, DeliveryAttempt } from './webhook-delivery-types.js';
import { newId } from '../core/ids.js';
import { toJson } from '../core/http-util.js';
import { signatureHeader, eventMatches } from './webhook-signing.js';

interface Target {
  acct: AccountData; // account owning the endpoint (platform for connect endpoints)
  endpointId: string;
}

/**
 * Asynchronous, at-least-once delivery with Stripe's retry semantics (any 2xx = delivered,
 * anything else or a timeout = retry later per `retryScheduleMs`). Fault rules let tests provoke
 * the real-world pitfalls: lost, duplicated, delayed and out-of-order deliveries.
 */
export class WebhookDelivery {
  faults: FaultRule[] = [];
  private timers = new Map<string, { timer: NodeJS.Timeout; d: StoredDelivery }>();
  private held = new Map<string, StoredDelivery[]>(); // endpoint → deliveries held by `reorder`
  private inflight = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly rt: Runtime) {}

  private targets(acct: AccountData, type: string): Target[] {
    const out: Target[] = [];
    const consider = (owner: AccountData, connect: boolean) => {
      for (const we of Object.values(owner.collections.webhook_endpoints)) {
        if (we.status !== 'enabled' || !!owner.webhookConnect[we.id] !== connect) continue;
        if (eventMatches(we.enabled_events, type)) out.push({ acct: owner, endpointId: we.id });
      }
    };
    consider(acct, false);
    const platform = acct.platform ? this.rt.store.account(acct.platform) : undefined;
    if (platform) consider(platform, true);
    return out;
  }

  enqueue(acct: AccountData, event: WEvent): void {
    const targets = this.targets(acct, event.type);
    event.pending_webhooks = targets.length;
    acct.eventDeliverySuccess[event.id] = targets.length === 0;
    for (const t of targets) {
      const we = t.acct.collections.webhook_endpoints[t.endpointId]!;
      const d: StoredDelivery = {
        id: newId('whdel'),
        account: acct.id,
        event: event.id,
        event_type: event.type,
        endpoint: we.id,
        url: we.url,
        status: 'pending',
        attempts: [],
        next_attempt_at: Date.now(),
        created: Date.now(),
      };
      this.rt.store.state.deliveries.push(d);
      // Deliver after the API response is written, as Stripe does.
      this.schedule(d, 0, true);
    }
  }

  /** Re-arms timers for deliveries still pending in a loaded state file. */
  resume(): void {
    for (const d of this.rt.store.state.deliveries) {
      if (d.status === 'pending' && d.next_attempt_at !== null)
        this.schedule(d, Math.max(0, d.next_attempt_at - Date.now()), false);
    }
  }

  /** Runs every pending delivery now (control API; lets tests skip hours-long backoff). */
  async flush(): Promise<number> {
    const pending = this.rt.store.state.deliveries.filter((d) => d.status === 'pending');
    await Promise.all(pending.map((d) => this.attempt(d, false)));
    return pending.length;
  }

  /** Waits for deliveries in flight and for those due now whose timer has not fired yet. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.inflight.size) await Promise.all([...this.inflight]);
      else if (this.dueNow()) await new Promise((r) => setTimeout(r, 1));
      else return;
    }
  }

  private dueNow(): boolean {
    const now = Date.now();
    for (const { d } of this.timers.values()) if (d.next_attempt_at !== null && d.next_attempt_at <= now) return true;
    return false;
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
    this.held.clear();
  }

  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
    this.held.clear();
    this.faults = [];
  }

  private schedule(d: StoredDelivery, delayMs: number, first: boolean): void {
    if (this.closed) return;
    const prev = this.timers.get(d.id);
    if (prev) clearTimeout(prev.timer);
    d.next_attempt_at = Date.now() + delayMs;
    const timer = setTimeout(() => {
      this.timers.delete(d.id);
      const p = this.attempt(d, first).finally(() => this.inflight.delete(p));
      this.inflight.add(p);
    }, delayMs);
    timer.unref?.();
    this.timers.set(d.id, { timer, d });
  }

  private takeFault(d: StoredDelivery): FaultRule | undefined {
    const rule = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        (!f.event_type || f.event_type === d.event_type) &&
        (!f.endpoint || f.endpoint === d.endpoint),
    );
    if (rule) {
      rule.remaining--;
      this.faults = this.faults.filter((f) => f.remaining > 0);
    }
    return rule;
  }

  private async attempt(d: StoredDelivery, first: boolean): Promise<void> {
    if (this.closed || d.status !== 'pending') return;
    const timer = this.timers.get(d.id);
    if (timer) {
      clearTimeout(timer.timer);
      this.timers.delete(d.id);
    }
    d.next_attempt_at = null;
    const fault = first ? this.takeFault(d) : undefined;
    if (fault?.action === 'reorder') {
      // Hold it; it goes out right after the next delivery to this endpoint (or after 2 s).
      const list = this.held.get(d.endpoint) ?? [];
      list.push(d);
      this.held.set(d.endpoint, list);
      const t = setTimeout(() => void this.releaseHeld(d.endpoint), 2000);
      t.unref?.();
      return;
    }
    if (fault?.action === 'delay') await sleep(fault.delay_ms);
    if (fault?.action === 'drop') {
      this.record(d, {
        at: Date.now(),
        status_code: null,
        error: 'dropped by fault injection',
        duration_ms: 0,
        fault: 'drop',
      });
      this.afterFailure(d);
      await this.releaseHeld(d.endpoint);
      return;
    }
    const ok = await this.post(d, fault?.action ?? null);
    if (fault?.action === 'duplicate') await this.post(d, 'duplicate');
    if (ok) this.afterSuccess(d);
    else this.afterFailure(d);
    await this.releaseHeld(d.endpoint);
  }

  private async releaseHeld(endpoint: string): Promise<void> {
    const list = this.held.get(endpoint);
    if (!list?.length) return;
    this.held.delete(endpoint);
    for (const d of list) {
      const ok = await this.post(d, 'reorder');
      if (ok) this.afterSuccess(d);
      else this.afterFailure(d);
    }
  }

  /** Serializes the event once, signs exactly those bytes, and POSTs them unchanged. */
  private async post(d: StoredDelivery, fault: string | null): Promise<boolean> {
    const acct = this.rt.store.account(d.account);
    const event = acct?.collections.events[d.event];
    const owner = this.ownerOf(d);
    const we = owner?.collections.webhook_endpoints[d.endpoint];
    if (!acct || !event || !owner || !we) return false;
    // The event's own api_version is the shape it was rendered in; endpoints can only ask for that one.
    const payload = toJson(event);
    const secret = owner.webhookSecrets[we.id]!;
    const started = Date.now();
    const ctrl = new AbortController();
    const t = setTimeout(() => ctrl.abort(), this.rt.opts.webhookTimeoutMs);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(we.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Stripe-Signature': signatureHeader(payload, secret),
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
        body: payload,
        signal: ctrl.signal,
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      error = ctrl.signal.aborted ? 'timed out' : (err as Error).message;
    } finally {
      clearTimeout(t);
    }
    this.record(d, { at: started, status_code: status, error, duration_ms: Date.now() - started, fault });
    return status !== null && status >= 200 && status < 300;
  }

  private ownerOf(d: StoredDelivery): AccountData | undefined {
    for (const a of Object.values(this.rt.store.state.accounts))
      if (a.collections.webhook_endpoints[d.endpoint]) return a;
    return undefined;
  }

  private record(d: StoredDelivery, a: DeliveryAttempt): void {
    d.attempts.push(a);
    this.rt.store.changed();
  }

  private afterSuccess(d: StoredDelivery): void {
    if (d.status !== 'pending') return;
    d.status = 'succeeded';
    d.next_attempt_at = null;
    const acct = this.rt.store.account(d.account);
    const event = acct?.collections.events[d.event];
    if (acct && event) {
      event.pending_webhooks = Math.max(0, event.pending_webhooks - 1);
      const all = this.rt.store.state.deliveries.filter((x) => x.event === d.event);
      acct.eventDeliverySuccess[d.event] = all.every((x) => x.status === 'succeeded');
    }
    this.rt.store.changed();
  }

  private afterFailure(d: StoredDelivery): void {
    const schedule = this.rt.opts.retryScheduleMs;
    const failures = d.attempts.filter((a) => a.fault !== 'duplicate').length;
    if (failures <= schedule.length) this.schedule(d, schedule[failures - 1]!, false);
    else {
      d.status = 'failed';
      d.next_attempt_at = null;
    }
    this.rt.store.changed();
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
