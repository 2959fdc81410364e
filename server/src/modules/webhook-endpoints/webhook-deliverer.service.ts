import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../platform/clock.js';
import type { SecretBox } from '../../platform/crypto.js';
import { logger } from '../../platform/logger.js';
import type { EmailService } from '../email/email.service.js';
import { WebhookEndpoint, type WebhookEventRow } from './webhook.entities.js';
import { postWebhook, type PostResult } from './webhook-http.js';
import type { WebhookAddressPolicy } from './webhook-url-policy.js';
import { queueDeliveryJob } from './webhook-wakeups.js';
import { nextRetryAt } from './webhook-retry.js';
import { settleSignature } from './webhook-signature.js';

/** The JSON body of an event, as POSTed (and signed). */
export function eventBody(e: Pick<WebhookEventRow, 'id' | 'type' | 'createdAt' | 'apiVersion' | 'object'>): string {
  return JSON.stringify({
    id: e.id,
    type: e.type,
    created: Math.floor(e.createdAt.getTime() / 1000),
    api_version: e.apiVersion,
    data: { object: e.object },
  });
}

/** Object heads (each object's oldest pending delivery) read and sent per round. */
const BATCH = 100;

/** How long one drain sends before handing its worker slot on (it queues itself again if more is due). */
const SLICE_MS = 2_000;

export interface DelivererOptions {
  /** Requests to one endpoint in flight at once: a drain holds one worker slot whatever this is. */
  parallel: number;
  timeoutMs?: number;
  publicUrl: string;
  /** Which addresses endpoints may reach (the operator's SETTLE_WEBHOOK_PRIVATE_NETWORKS). */
  addresses: WebhookAddressPolicy;
}

type EndpointForDelivery = Pick<WebhookEndpoint, 'id' | 'orgId' | 'url' | 'enabled' | 'secretSealed'>;

interface HeadRow {
  id: string;
  attempt_count: number;
  first_attempt_at: Date | null;
  event_id: string;
  type: string;
  api_version: string;
  object: Record<string, unknown>;
  created_at: Date;
}

/** What one attempt came to, written with its round's others in one statement. */
interface Attempted {
  id: string;
  result: PostResult;
  at: Date;
  firstAttemptAt: Date;
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  nextRetryAt: Date | null;
}

/**
 * Sends an endpoint's pending deliveries. Each round reads the head of every object whose head is due
 * (its oldest pending delivery; a later one waits behind a failing one: in order, at least once), POSTs
 * them `parallel` at a time and records the round in one statement; the next round finds each delivered
 * object's next event. A failure is tried again on the retry schedule (webhook-retry.ts); failing for 3
 * days marks it FAILED, disables the endpoint and emails the org's owners and admins. One drain per
 * endpoint runs at a time (its job queue), in one worker slot, so a slow endpoint holds one slot only.
 */
export class WebhookDeliverer {
  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
    private readonly email: EmailService,
    private readonly opts: DelivererOptions,
  ) {}

  async drain(endpointId: string): Promise<void> {
    const endpoint = await this.endpointFor(endpointId);
    if (!endpoint?.enabled) return;
    const secret = this.secrets.open(endpoint.secretSealed);
    const until = Date.now() + SLICE_MS;
    for (;;) {
      const heads = await this.dueHeads(endpoint.id);
      if (!heads.length) break;
      // No attempt starts after the slice: a slow endpoint with many heads due would otherwise hold the
      // slot for every wave of them (100 heads, 16 at a time, 10 s each: 70 s), all orgs' jobs waiting.
      const attempted = await mapLimited(heads, this.opts.parallel, until, (h) => this.attempt(endpoint, secret, h));
      if (!(await this.record(endpoint, attempted))) return; // deleted meanwhile, its deliveries with it
      if (attempted.some((a) => a.status === 'FAILED')) return; // the endpoint was disabled
      if (attempted.length < heads.length) return this.comeBackAt(endpoint.id, this.clock.now());
      // Every head failed and none is left behind them: what remains waits for its retry time.
      if (heads.length < BATCH && !attempted.some((a) => a.status === 'SUCCEEDED')) break;
      if (Date.now() > until) return this.comeBackAt(endpoint.id, this.clock.now());
    }
    const [next] = (await this.db.query(
      `SELECT min(next_retry_at) AS at FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'PENDING'`,
      [endpoint.id],
    )) as Array<{ at: Date | null }>;
    if (next?.at) await this.comeBackAt(endpoint.id, next.at);
  }

  /** The endpoint as it is now (a rotated secret signs at once). */
  private async endpointFor(id: string): Promise<EndpointForDelivery | null> {
    const [row] = (await this.db.query(
      `SELECT e.id, e.org_id AS "orgId", e.url, e.enabled, e.secret_sealed AS "secretSealed"
         FROM webhook_endpoints e WHERE e.id = $1`,
      [id],
    )) as EndpointForDelivery[];
    return row ?? null;
  }

  /** Each object's oldest pending delivery, where that one is due now: oldest first, BATCH at most. */
  private dueHeads(endpointId: string): Promise<HeadRow[]> {
    return this.db.query(
      `SELECT h.id, h.attempt_count, h.first_attempt_at, e.id AS event_id, e.type, e.api_version, e.object, e.created_at
         FROM (SELECT DISTINCT ON (object_id) id, seq, event_id, attempt_count, first_attempt_at, next_retry_at
                 FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'PENDING'
                ORDER BY object_id, seq) h
         JOIN webhook_events e ON e.id = h.event_id
        WHERE h.next_retry_at IS NULL OR h.next_retry_at <= $2
        ORDER BY h.seq LIMIT ${BATCH}`,
      [endpointId, this.clock.now()],
    ) as Promise<HeadRow[]>;
  }

  /** One attempt of one delivery: sent, to be retried at a time, or given up on (FAILED). */
  private async attempt(endpoint: EndpointForDelivery, secret: string, head: HeadRow): Promise<Attempted> {
    const now = this.clock.now();
    const body = eventBody({
      id: head.event_id,
      type: head.type,
      apiVersion: head.api_version,
      object: head.object,
      createdAt: head.created_at,
    });
    const signature = settleSignature(body, secret, Math.floor(now.getTime() / 1000));
    const result = await postWebhook(
      endpoint.url,
      body,
      { 'settle-signature': signature, 'settle-event-id': head.event_id },
      this.opts.addresses,
      this.opts.timeoutMs,
    );
    const firstAttemptAt = head.first_attempt_at ?? now;
    const base = { id: head.id, result, at: now, firstAttemptAt };
    if (result.ok) return { ...base, status: 'SUCCEEDED', nextRetryAt: null };
    const retryAt = nextRetryAt(firstAttemptAt, head.attempt_count + 1, now);
    return retryAt
      ? { ...base, status: 'PENDING', nextRetryAt: retryAt }
      : { ...base, status: 'FAILED', nextRetryAt: null };
  }

  /**
   * Records a round's attempts in one statement. It does not wait for its commit to reach the disk
   * (synchronous_commit off for that transaction): a crash may forget the last attempts, and their events
   * are then sent again, which at-least-once delivery allows; waiting for a flush per round would cap
   * deliveries at the disk's flush rate. A give-up commits with the endpoint's disabling, flushed.
   * The endpoint row is locked first, as its delete and its re-enabling do before they touch its
   * deliveries: rows taken in two orders deadlock. False when the endpoint has been deleted meanwhile.
   */
  private async record(endpoint: EndpointForDelivery, attempted: Attempted[]): Promise<boolean> {
    const gaveUp = attempted.find((a) => a.status === 'FAILED');
    return this.db.transaction(async (tx) => {
      const [still] = (await tx.query(`SELECT 1 FROM webhook_endpoints WHERE id = $1 FOR NO KEY UPDATE`, [
        endpoint.id,
      ])) as unknown[];
      if (!still) return false;
      if (!gaveUp) await tx.query(`SELECT set_config('synchronous_commit', 'off', true)`);
      const col = (f: (a: Attempted) => unknown) => attempted.map(f);
      await tx.query(
        `UPDATE webhook_deliveries d SET status = v.status, attempt_count = d.attempt_count + 1,
                http_status = v.http_status, latency_ms = v.latency_ms, response_excerpt = v.excerpt, error = v.error,
                first_attempt_at = v.first_attempt_at, last_attempt_at = v.at, next_retry_at = v.next_retry_at,
                delivered_at = CASE WHEN v.status = 'SUCCEEDED' THEN v.at END
           FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::timestamptz[],
                       $8::timestamptz[], $9::timestamptz[])
                AS v(id, status, http_status, latency_ms, excerpt, error, first_attempt_at, at, next_retry_at)
          WHERE d.id = v.id`,
        [
          col((a) => a.id),
          col((a) => a.status),
          col((a) => a.result.httpStatus),
          col((a) => a.result.latencyMs),
          col((a) => a.result.excerpt),
          col((a) => a.result.error),
          col((a) => a.firstAttemptAt),
          col((a) => a.at),
          col((a) => a.nextRetryAt),
        ],
      );
      if (gaveUp) await this.disable(tx, endpoint, gaveUp.result);
      return true;
    });
  }

  /** The endpoint's job again at `at` (in the container clock's terms, converted to the database's real time). */
  private comeBackAt(endpointId: string, at: Date): Promise<void> {
    const runAt = new Date(Date.now() + Math.max(0, at.getTime() - this.clock.now().getTime()));
    return queueDeliveryJob(this.db.manager, endpointId, runAt, true);
  }

  /** Failing for 3 days: the endpoint is turned off (its other deliveries wait) and the org's admins told. */
  private async disable(tx: EntityManager, endpoint: EndpointForDelivery, last: PostResult): Promise<void> {
    const reason = `Deliveries failed for 3 days (last: ${last.error ?? 'no answer'})`;
    const changed = await tx.update(
      WebhookEndpoint,
      { id: endpoint.id, enabled: true },
      { enabled: false, disabledReason: reason },
    );
    if (!changed.affected) return;
    logger.warn(
      { endpointId: endpoint.id, orgId: endpoint.orgId },
      'webhook endpoint disabled after 3 days of failures',
    );
    const admins = (await tx.query(
      `SELECT email FROM users WHERE org_id = $1 AND role IN ('OWNER','ADMIN') AND disabled_at IS NULL ORDER BY email`,
      [endpoint.orgId],
    )) as Array<{ email: string }>;
    const text = `Settle could not deliver webhook events to ${shownUrl(endpoint.url)} for 3 days (${last.error ?? 'no answer'}), so the endpoint was disabled. Fix it, then enable it again in Settle (Webhooks): the events that were waiting are sent, and replaying the days it was off sends what happened meanwhile.`;
    const url = `${this.opts.publicUrl}/admin/webhook-endpoints`;
    for (const a of admins)
      await this.email.queue(tx, endpoint.orgId, {
        kind: 'webhook_endpoint_disabled',
        to: a.email,
        subject: `Webhook endpoint disabled: ${shownUrl(endpoint.url)}`,
        text: `${text}\n\n${url}`,
        html: `<p>${escapeHtml(text)}</p><p><a href="${escapeHtml(url)}">Webhooks in Settle</a></p>`,
        relatedId: endpoint.id,
      });
  }
}

/**
 * The endpoint as an email names it: its origin, the rest elided. A receiver's URL often carries its own
 * secret in the path or query (hooks.example.com/catch/123/abc), and an email is read by more people and
 * systems than the admins' Webhooks page, where the whole URL is shown.
 */
function shownUrl(url: string): string {
  const u = new URL(url);
  return u.pathname === '/' && !u.search ? u.origin : `${u.origin}/…`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * `f` over `items`, at most `limit` at once, results in the items' order; none is started after
 * `stopAt` (epoch ms) but the first, so the results may be a prefix of the items.
 */
async function mapLimited<T, R>(items: T[], limit: number, stopAt: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length && (next === 0 || Date.now() < stopAt)) {
      const n = next++;
      out[n] = await f(items[n]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out.slice(0, next);
}
