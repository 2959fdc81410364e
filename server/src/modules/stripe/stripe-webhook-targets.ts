import { In, type DataSource } from 'typeorm';
import type { SecretBox } from '../../platform/crypto.js';
import { logger } from '../../platform/logger.js';
import { StripeConnection, scopeOf } from './stripe-connection.entity.js';
import { retiredSecretsOf } from './stripe-account-switch.js';
import type { EventScope } from './stripe-inbox.js';

/** The org and signing secret behind a webhook URL token, and when they were read. */
export interface WebhookTarget {
  orgId: string;
  secrets: Array<{ secret: string; scope: EventScope }>;
  at: number;
}

/** A cached webhook target older than this is looked up before it answers (see StripeWebhookTargets.get). */
const WEBHOOK_CACHE_MAX_MS = 10 * 60_000;

/**
 * The webhook hot path's view of the connections: URL token → org + signing secrets, cached so a
 * request skips decrypting, and looked up in batches. The connection service forgets every entry on any
 * change it makes (`forget`).
 */
export class StripeWebhookTargets {
  private readonly cache = new Map<string, WebhookTarget>();
  private readonly lookups = new Map<string, Promise<WebhookTarget | null>>();

  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
  ) {}

  forget(): void {
    this.cache.clear();
  }

  /**
   * The org and signing secret behind a webhook URL token (null when unknown). Cached: this process
   * forgets an entry on any change it makes; changes made by other processes are picked up by
   * refreshing entries older than `maxAgeMs` in the background while the entry still answers (so a
   * busy endpoint never waits on a refresh), and entries older than WEBHOOK_CACHE_MAX_MS are not served
   * at all. The webhook route asks with `maxAgeMs` 0 before refusing a signature. Requests arriving
   * together for a cold token share one lookup instead of each querying.
   */
  async get(token: string, maxAgeMs = 30_000): Promise<WebhookTarget | null> {
    const hit = this.cache.get(token);
    const age = hit ? Date.now() - hit.at : Infinity;
    if (hit && age < maxAgeMs) return hit;
    let lookup = this.lookups.get(token);
    if (!lookup) {
      lookup = this.lookUpWebhookTarget(token).finally(() => this.lookups.delete(token));
      this.lookups.set(token, lookup);
    }
    if (hit && maxAgeMs > 0 && age < WEBHOOK_CACHE_MAX_MS) {
      lookup.catch((err: Error) => logger.warn({ err: err.message }, 'stripe webhook target refresh failed'));
      return hit;
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
      if (this.cache.size > 10_000) this.cache.clear();
      for (const { token, resolve } of queued) {
        const conn = byToken.get(token);
        if (!conn) {
          this.cache.delete(token);
          resolve(null);
          continue;
        }
        // The current account's secret first (it verifies nearly every event), then recently retired ones.
        const secrets: WebhookTarget['secrets'] = conn.webhookSecretSealed
          ? [{ secret: this.secrets.open(conn.webhookSecretSealed), scope: scopeOf(conn) }]
          : [];
        for (const r of retired.get(conn.orgId) ?? []) {
          if (r.accountId === conn.accountId && r.livemode === (conn.mode === 'live')) continue;
          secrets.push({
            secret: this.secrets.open(r.secretSealed),
            scope: { accountId: r.accountId, livemode: r.livemode },
          });
        }
        const entry = { orgId: conn.orgId, secrets, at: Date.now() };
        this.cache.set(token, entry);
        resolve(entry);
      }
    } catch (err) {
      for (const q of queued) q.reject(err);
    }
  }
}
