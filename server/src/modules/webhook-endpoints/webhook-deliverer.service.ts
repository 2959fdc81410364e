import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../platform/clock.js';
import type { SecretBox } from '../../platform/crypto.js';
import { logger } from '../../platform/logger.js';
import type { EmailService } from '../email/email.service.js';
import { WebhookEndpoint, type WebhookEventRow } from './webhook.entities.js';
import { postWebhook, type PostResult } from './webhook-http.js';
import { queueDeliveryJobs } from './webhook-outbox.js';
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

/** Pending deliveries of one pair read at a time. */
const BATCH = 20;

/** How long a parked job waits if nothing wakes it first (a worker that parked it and then died). */
const PARK_MS = 120_000;

export interface DelivererOptions {
  /** Deliveries to one endpoint at once in this process: a slow endpoint holds no more worker slots than this. */
  perEndpoint: number;
  timeoutMs?: number;
  publicUrl: string;
}

type EndpointForDelivery = Pick<WebhookEndpoint, 'id' | 'orgId' | 'url' | 'enabled' | 'secretSealed'> & {
  allowPrivate: boolean;
};

interface PendingRow {
  id: string;
  attempt_count: number;
  first_attempt_at: Date | null;
  next_retry_at: Date | null;
  event_id: string;
  type: string;
  api_version: string;
  object: Record<string, unknown>;
  created_at: Date;
}

/**
 * Sends the pending deliveries of one object to one endpoint, oldest first, stopping at the first
 * failure (later events of the object wait behind it: in order, at least once). A failure is tried again
 * on the retry schedule (webhook-retry.ts); failing for 3 days marks it FAILED, disables the endpoint
 * and emails the org's owners and admins.
 */
export class WebhookDeliverer {
  /** Pairs being delivered in this process, by endpoint (object ids). */
  private readonly inFlight = new Map<string, Set<string>>();
  /** Endpoints with jobs parked because they were at their share of the worker. */
  private readonly parked = new Set<string>();

  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
    private readonly email: EmailService,
    private readonly opts: DelivererOptions,
  ) {}

  async drain(endpointId: string, objectId: string): Promise<void> {
    const endpoint = await this.endpointFor(endpointId);
    if (!endpoint?.enabled) return;
    const busy = this.inFlight.get(endpointId) ?? new Set<string>();
    if (busy.size >= this.opts.perEndpoint) {
      // The endpoint already holds its share of the worker: the job is parked instead of waiting in a
      // slot, and woken when one of the endpoint's deliveries here ends (PARK_MS is the safety net).
      this.parked.add(endpointId);
      await queueDeliveryJobs(this.db.manager, [{ endpointId, objectId }], new Date(Date.now() + PARK_MS));
      return;
    }
    busy.add(objectId);
    this.inFlight.set(endpointId, busy);
    try {
      await this.drainPair(endpoint, objectId);
    } finally {
      busy.delete(objectId);
      if (!busy.size) this.inFlight.delete(endpointId);
      if (this.parked.has(endpointId)) await this.wakeParked(endpointId, [...busy]);
    }
  }

  /** Wakes the parked job of the endpoint's oldest waiting object (none left: nothing is parked). */
  private async wakeParked(endpointId: string, busy: string[]): Promise<void> {
    const [next] = (await this.db.query(
      `SELECT object_id FROM webhook_deliveries
        WHERE endpoint_id = $1 AND status = 'PENDING' AND (next_retry_at IS NULL OR next_retry_at <= $2)
          AND object_id <> ALL($3::text[])
        ORDER BY seq LIMIT 1`,
      [endpointId, this.clock.now(), busy],
    )) as Array<{ object_id: string }>;
    if (!next) return void this.parked.delete(endpointId);
    await queueDeliveryJobs(this.db.manager, [{ endpointId, objectId: next.object_id }], null, false);
  }

  /** The endpoint with its org's private-URL setting, as they are now (a rotated secret signs at once). */
  private async endpointFor(id: string): Promise<EndpointForDelivery | null> {
    const [row] = (await this.db.query(
      `SELECT e.id, e.org_id AS "orgId", e.url, e.enabled, e.secret_sealed AS "secretSealed",
              o.allow_private_webhook_urls AS "allowPrivate"
         FROM webhook_endpoints e JOIN organizations o ON o.id = e.org_id WHERE e.id = $1`,
      [id],
    )) as EndpointForDelivery[];
    return row ?? null;
  }

  private async drainPair(endpoint: EndpointForDelivery, objectId: string): Promise<void> {
    const secret = this.secrets.open(endpoint.secretSealed);
    for (;;) {
      const pending = (await this.db.query(
        `SELECT d.id, d.attempt_count, d.first_attempt_at, d.next_retry_at, e.id AS event_id, e.type, e.api_version,
                e.object, e.created_at
           FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
          WHERE d.endpoint_id = $1 AND d.object_id = $2 AND d.status = 'PENDING'
          ORDER BY d.seq LIMIT ${BATCH}`,
        [endpoint.id, objectId],
      )) as PendingRow[];
      for (const next of pending) {
        const sent = await this.attempt(endpoint, objectId, secret, next);
        if (!sent) return;
      }
      if (pending.length < BATCH) return;
    }
  }

  /** One attempt of one delivery; false when the object's later deliveries must wait (retry later, or gave up). */
  private async attempt(
    endpoint: EndpointForDelivery,
    objectId: string,
    secret: string,
    next: PendingRow,
  ): Promise<boolean> {
    const now = this.clock.now();
    if (next.next_retry_at && next.next_retry_at > now) {
      await this.comeBackAt(endpoint.id, objectId, next.next_retry_at);
      return false;
    }
    const body = eventBody({
      id: next.event_id,
      type: next.type,
      apiVersion: next.api_version,
      object: next.object,
      createdAt: next.created_at,
    });
    const signature = settleSignature(body, secret, Math.floor(now.getTime() / 1000));
    const result = await postWebhook(
      endpoint.url,
      body,
      { 'settle-signature': signature, 'settle-event-id': next.event_id },
      endpoint.allowPrivate,
      this.opts.timeoutMs,
    );
    const firstAttemptAt = next.first_attempt_at ?? now;
    if (result.ok) {
      await this.saveAttempt(this.db.manager, next.id, result, now, firstAttemptAt, { status: 'SUCCEEDED' });
      return true;
    }
    const retryAt = nextRetryAt(firstAttemptAt, next.attempt_count + 1, now);
    if (retryAt) {
      await this.saveAttempt(this.db.manager, next.id, result, now, firstAttemptAt, { nextRetryAt: retryAt });
      await this.comeBackAt(endpoint.id, objectId, retryAt);
      return false;
    }
    await this.db.transaction(async (tx) => {
      await this.saveAttempt(tx, next.id, result, now, firstAttemptAt, { status: 'FAILED' });
      await this.disable(tx, endpoint, result);
    });
    return false;
  }

  /** The job again at `at` (in the container clock's terms, converted to the database's real time). */
  private comeBackAt(endpointId: string, objectId: string, at: Date): Promise<void> {
    const runAt = new Date(Date.now() + Math.max(0, at.getTime() - this.clock.now().getTime()));
    return queueDeliveryJobs(this.db.manager, [{ endpointId, objectId }], runAt);
  }

  /**
   * Records an attempt. Outside a transaction (`db.manager`) it does not wait for its commit to reach the
   * disk (synchronous_commit off for that one statement): a crash may forget the last attempts, and their
   * events are then sent again, which at-least-once delivery allows; waiting for a flush per delivery
   * would cap deliveries at the disk's flush rate. Inside one (giving up), it commits with it.
   */
  private async saveAttempt(
    db: EntityManager,
    id: string,
    r: PostResult,
    now: Date,
    firstAttemptAt: Date,
    outcome: { status?: 'SUCCEEDED' | 'FAILED'; nextRetryAt?: Date },
  ): Promise<void> {
    const lazyCommit = db.queryRunner?.isTransactionActive ? '' : `, set_config('synchronous_commit', 'off', true)`;
    await db.query(
      `WITH s AS (SELECT 1${lazyCommit})
       UPDATE webhook_deliveries SET status = $2, attempt_count = attempt_count + 1, http_status = $3,
              latency_ms = $4, response_excerpt = $5, error = $6, first_attempt_at = $7, last_attempt_at = $8,
              next_retry_at = $9, delivered_at = $10
         FROM s WHERE id = $1`,
      [
        id,
        outcome.status ?? 'PENDING',
        r.httpStatus,
        r.latencyMs,
        r.excerpt,
        r.error,
        firstAttemptAt,
        now,
        outcome.nextRetryAt ?? null,
        outcome.status === 'SUCCEEDED' ? now : null,
      ],
    );
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
    const text = `Settle could not deliver webhook events to ${endpoint.url} for 3 days (${last.error ?? 'no answer'}), so the endpoint was disabled. Fix it, then enable it again in Settle (Webhooks): the events that were waiting are sent, and replaying the days it was off sends what happened meanwhile.`;
    const url = `${this.opts.publicUrl}/admin/webhook-endpoints`;
    for (const a of admins)
      await this.email.queue(tx, endpoint.orgId, {
        kind: 'webhook_endpoint_disabled',
        to: a.email,
        subject: `Webhook endpoint disabled: ${endpoint.url}`,
        text: `${text}\n\n${url}`,
        html: `<p>${escapeHtml(text)}</p><p><a href="${escapeHtml(url)}">Webhooks in Settle</a></p>`,
        relatedId: endpoint.id,
      });
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
