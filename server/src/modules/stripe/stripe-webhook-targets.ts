import { In, type DataSource } from 'typeorm';
import type { SecretBox } from '../../platform/crypto.js';
import type { ListenedChannel } from '../../platform/events/invoice-events.js';
import { logger } from '../../platform/logger.js';
import { StripeConnection, scopeOf } from './stripe-connection.entity.js';
import { RETIRED_SECRET_GRACE_MS, retiredSecretsOf } from './stripe-account-switch.js';
import type { EventScope } from './stripe-inbox.js';

/** The org and signing secret behind a webhook URL token, and when they were read. */
export interface WebhookTarget {
  orgId: string;
  secrets: Array<{ secret: string; scope: EventScope }>;
  at: number;
  /** When the earliest retired secret stops verifying (Infinity: none): the entry is not served past it. */
  until: number;
}

/** A cached webhook target older than this is looked up before it answers (see StripeWebhookTargets.get). */
const WEBHOOK_CACHE_MAX_MS = 10 * 60_000;

/** The channel the connection tables' triggers notify on any change to what a webhook URL verifies with. */
export const WEBHOOK_TARGETS_CHANNEL = 'settle_stripe_webhook_targets';

/**
 * The webhook hot path's view of the connections: URL token → org + signing secrets, cached so a
 * request skips decrypting, and looked up in batches. Every change to the connections or their secrets,
 * by any process, NOTIFYs WEBHOOK_TARGETS_CHANNEL (migration 0046), and every API process forgets its
 * entries on it (as the principal cache does for sessions); this process also forgets on the changes it
 * makes (`forget`). While that LISTEN connection is down, notifications may be missed, so entries are
 * then refreshed as they age (see `get`).
 */
export class StripeWebhookTargets {
  private readonly cache = new Map<string, WebhookTarget>();
  private readonly lookups = new Map<string, Promise<WebhookTarget | null>>();
  private live = false;
  /** Bumped on every forget: a lookup that began before one is not cached after it. */
  private gen = 0;

  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
  ) {}

  forget(): void {
    this.gen++;
    this.cache.clear();
    this.lookups.clear();
  }

  /** What the process's LISTEN connection hears for this cache. */
  channel(): ListenedChannel {
    return {
      channel: WEBHOOK_TARGETS_CHANNEL,
      onNotify: () => this.forget(),
      onListening: (live) => {
        this.live = live;
        this.forget();
      },
    };
  }

  /** Whether this token's target is in the cache now (a known endpoint), without asking the database. */
  cached(token: string): boolean {
    const hit = this.cache.get(token);
    return hit !== undefined && Date.now() < hit.until;
  }

  /**
   * The org and signing secret behind a webhook URL token (null when unknown). While change
   * notifications arrive, an entry answers until a change forgets it (or WEBHOOK_CACHE_MAX_MS, or its
   * earliest retired secret expires). Without them, changes made by other processes are picked up by
   * refreshing entries older than `maxAgeMs` in the background while the entry still answers (so a busy
   * endpoint never waits on a refresh), and entries older than WEBHOOK_CACHE_MAX_MS are not served at
   * all. The webhook route asks with `maxAgeMs` 0 before refusing a signature. Requests arriving
   * together for a cold token share one lookup instead of each querying.
   */
  async get(token: string, maxAgeMs = 30_000): Promise<WebhookTarget | null> {
    const hit = this.cache.get(token);
    const now = Date.now();
    if (hit && now >= hit.until) this.cache.delete(token);
    const fresh = hit && now < hit.until ? hit : undefined;
    const age = fresh ? now - fresh.at : Infinity;
    if (fresh && maxAgeMs > 0 && this.live && age < WEBHOOK_CACHE_MAX_MS) return fresh;
    if (fresh && age < maxAgeMs) return fresh;
    let lookup = this.lookups.get(token);
    if (!lookup) {
      const started = this.lookUpWebhookTarget(token).finally(() => {
        if (this.lookups.get(token) === started) this.lookups.delete(token);
      });
      this.lookups.set(token, (lookup = started));
    }
    if (fresh && maxAgeMs > 0 && age < WEBHOOK_CACHE_MAX_MS) {
      lookup.catch((err: Error) => logger.warn({ err: err.message }, 'stripe webhook target refresh failed'));
      return fresh;
    }
    return lookup;
  }

  /**
   * Looks tokens up in batches: every lookup asked for in the same turn of the event loop (cold tokens
   * and background refreshes alike, say a hundred orgs' entries ageing out together) shares one query.
   */
  private lookUpWebhookTarget(token: string): Promise<WebhookTarget | null> {
    return new Promise((resolve, reject) => {
      if (!this.queuedLookups.length) setImmediate(() => void this.flushLookups());
      this.queuedLookups.push({ token, resolve, reject });
    });
  }
  private queuedLookups: Array<{
    token: string;
    resolve: (t: WebhookTarget | null) => void;
    reject: (err: unknown) => void;
  }> = [];

  private async flushLookups(): Promise<void> {
    const queued = this.queuedLookups;
    this.queuedLookups = [];
    const gen = this.gen;
    try {
      const conns = await this.db.getRepository(StripeConnection).find({
        where: { webhookToken: In(queued.map((q) => q.token)) },
        select: { orgId: true, webhookToken: true, webhookSecretSealed: true, accountId: true, mode: true },
      });
      const retired = await retiredSecretsOf(
        this.db,
        conns.map((c) => c.orgId),
      );
      const byToken = new Map(conns.map((c) => [c.webhookToken, c]));
      // A change forgotten meanwhile may not be in what was read: answered, not kept.
      const keep = gen === this.gen;
      if (this.cache.size > 10_000) this.cache.clear();
      for (const { token, resolve } of queued) {
        const conn = byToken.get(token);
        if (!conn) {
          if (keep) this.cache.delete(token);
          resolve(null);
          continue;
        }
        // The current account's secret first (it verifies nearly every event), then recently retired ones.
        const secrets: WebhookTarget['secrets'] = conn.webhookSecretSealed
          ? [{ secret: this.secrets.open(conn.webhookSecretSealed), scope: scopeOf(conn) }]
          : [];
        let until = Infinity;
        for (const r of retired.get(conn.orgId) ?? []) {
          if (r.accountId === conn.accountId && r.livemode === (conn.mode === 'live')) continue;
          secrets.push({
            secret: this.secrets.open(r.secretSealed),
            scope: { accountId: r.accountId, livemode: r.livemode },
          });
          until = Math.min(until, r.retiredAt!.getTime() + RETIRED_SECRET_GRACE_MS);
        }
        const entry = { orgId: conn.orgId, secrets, at: Date.now(), until };
        if (keep) this.cache.set(token, entry);
        resolve(entry);
      }
    } catch (err) {
      for (const q of queued) q.reject(err);
    }
  }
}
