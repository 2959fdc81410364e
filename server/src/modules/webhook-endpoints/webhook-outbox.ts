import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Clock } from '../../platform/clock.js';
import { insertRows } from '../../platform/database/sql.js';
import { WEBHOOK_API_VERSION } from './webhook-event-types.js';
import './webhook.jobs.js';
import { wakeEndpoints } from './webhook-wakeups.js';

/** An event to record: what happened to which object of which org. */
export interface NewWebhookEvent {
  orgId: string;
  /** Wire name (`invoice.paid`). */
  type: string;
  objectId: string;
  /**
   * The object as the GraphQL API shows it (webhook-payload.ts), built only for an org that has an
   * endpoint: most have none, and every invoice change and payment would build it for nothing.
   */
  object: () => Record<string, unknown>;
  /**
   * Record it only if the latest event of these types for the object is not already this type (an
   * invoice reported paid is not reported paid again when a credit on it changes nothing).
   */
  onceAmong?: readonly string[];
}

/** One event to one endpoint, to be delivered in `seq` order with the object's other events. */
export interface DeliveryToQueue {
  orgId: string;
  endpointId: string;
  eventId: string;
  objectId: string;
}

export const newEventId = () => `evt_${randomBytes(12).toString('hex')}`;

/**
 * Delivery rows (pending, in the order given), their endpoints woken at commit, in the caller's transaction.
 * The endpoints are locked first (KEY SHARE, as the foreign key would), skipping any deleted meanwhile: an
 * endpoint deleted while the change was under way gets nothing, instead of failing the change with a
 * foreign-key error once the delete commits.
 */
export async function queueDeliveries(tx: EntityManager, queued: DeliveryToQueue[]): Promise<void> {
  if (!queued.length) return;
  const live = (await tx.query(
    `SELECT id FROM webhook_endpoints WHERE id = ANY($1::uuid[]) ORDER BY id FOR KEY SHARE`,
    [[...new Set(queued.map((r) => r.endpointId))]],
  )) as Array<{ id: string }>;
  const kept = new Set(live.map((e) => e.id));
  const rows = queued.filter((r) => kept.has(r.endpointId));
  if (!rows.length) return;
  await insertRows(
    tx,
    'webhook_deliveries',
    ['org_id', 'endpoint_id', 'event_id', 'object_id'],
    rows.map((r) => [r.orgId, r.endpointId, r.eventId, r.objectId]),
  );
  await wakeEndpoints(
    tx,
    rows.map((r) => r.endpointId),
  );
}

interface EndpointRow {
  id: string;
  org_id: string;
  events: string[];
  enabled: boolean;
}

/**
 * Writes events inside the transaction of the change they describe: the event rows (only for orgs with
 * an endpoint, enabled or not, so a disabled one can be replayed later), one delivery per enabled
 * endpoint subscribed to the type, and their jobs. They commit, or roll back, with the change.
 */
export class WebhookOutbox {
  constructor(private readonly clock: Clock) {}

  async record(tx: EntityManager, events: NewWebhookEvent[]): Promise<string[]> {
    if (!events.length) return [];
    const orgIds = [...new Set(events.map((e) => e.orgId))];
    const endpoints = (await tx.query(
      `SELECT id, org_id, events, enabled FROM webhook_endpoints WHERE org_id = ANY($1::uuid[])`,
      [orgIds],
    )) as EndpointRow[];
    if (!endpoints.length) return [];
    const orgsWithEndpoints = new Set(endpoints.map((e) => e.org_id));
    const kept = await this.dropRepeats(
      tx,
      events.filter((e) => orgsWithEndpoints.has(e.orgId)),
    );
    const created = this.clock.now();
    const rows = kept.map((e) => ({ ...e, id: newEventId() }));
    await insertRows(
      tx,
      'webhook_events',
      ['id', 'org_id', 'type', 'api_version', 'object_id', 'object', 'created_at'],
      rows.map((e) => [e.id, e.orgId, e.type, WEBHOOK_API_VERSION, e.objectId, JSON.stringify(e.object()), created]),
      { casts: { object: 'jsonb' } },
    );
    const deliveries = rows.flatMap((e) =>
      endpoints
        .filter((ep) => ep.enabled && ep.org_id === e.orgId && ep.events.includes(e.type))
        .map((ep) => ({ orgId: e.orgId, endpointId: ep.id, eventId: e.id, objectId: e.objectId })),
    );
    await queueDeliveries(tx, deliveries);
    return rows.map((r) => r.id);
  }

  /** Drops `onceAmong` events whose object's latest event of those types is already of their type. */
  private async dropRepeats(tx: EntityManager, events: NewWebhookEvent[]): Promise<NewWebhookEvent[]> {
    const guarded = events.filter((e) => e.onceAmong);
    if (!guarded.length) return events;
    const types = [...new Set(guarded.flatMap((e) => e.onceAmong!))];
    const latest = (await tx.query(
      `SELECT DISTINCT ON (object_id) object_id, type FROM webhook_events
        WHERE object_id = ANY($1::text[]) AND type = ANY($2::text[]) ORDER BY object_id, seq DESC`,
      [guarded.map((e) => e.objectId), types],
    )) as Array<{ object_id: string; type: string }>;
    const last = new Map(latest.map((r) => [r.object_id, r.type]));
    return events.filter((e) => !e.onceAmong || last.get(e.objectId) !== e.type);
  }
}
