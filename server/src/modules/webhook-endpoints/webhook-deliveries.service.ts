import type { DataSource } from 'typeorm';
import type { Clock } from '../../platform/clock.js';
import { badInput, notFound } from '../../platform/errors.js';
import { keysetPage, type KeysetPage, type PageRequest } from '../../platform/database/keyset-page.js';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entities.js';
import type { WebhookEndpointService } from './webhook-endpoint.service.js';
import { TEST_EVENT_TYPE, WEBHOOK_API_VERSION } from './webhook-event-types.js';
import { newEventId } from './webhook-outbox.js';
import { WebhookDeliveryView } from './webhook.types.js';

/** At most this many events go out in one replay (narrow the range for more). */
export const REPLAY_LIMIT = 10_000;

type DeliveryRow = WebhookDelivery & { eventType: string };

const view = (d: DeliveryRow): WebhookDeliveryView =>
  Object.assign(new WebhookDeliveryView(), {
    id: d.id,
    endpointId: d.endpointId,
    eventId: d.eventId,
    eventType: d.eventType,
    objectId: d.objectId,
    status: d.status,
    attemptCount: d.attemptCount,
    httpStatus: d.httpStatus,
    latencyMs: d.latencyMs,
    responseExcerpt: d.responseExcerpt,
    error: d.error,
    lastAttemptAt: d.lastAttemptAt,
    nextRetryAt: d.nextRetryAt,
    deliveredAt: d.deliveredAt,
    createdAt: d.createdAt,
  });

/** A delivery as the API shows it (for `node(id:)`): with its event's type. */
export async function deliveryView(d: WebhookDelivery, db: DataSource): Promise<WebhookDeliveryView> {
  const [event] = (await db.query(`SELECT type FROM webhook_events WHERE id = $1`, [d.eventId])) as Array<{
    type: string;
  }>;
  return view(Object.assign(d, { eventType: event?.type ?? '' }));
}

/** The deliveries log of an endpoint, and sending events again: resend, replay of a time range, test event. */
export class WebhookDeliveriesService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly endpoints: WebhookEndpointService,
  ) {}

  /** A page of the endpoint's deliveries, newest first (another org's endpoint: not found). */
  async list(orgId: string, endpointId: string, page: PageRequest): Promise<KeysetPage<WebhookDeliveryView>> {
    if (!(await this.db.getRepository(WebhookEndpoint).existsBy({ orgId, id: endpointId })))
      throw notFound('Webhook endpoint');
    const qb = this.db
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .where('d.endpoint_id = :endpointId', { endpointId });
    const found = await keysetPage(qb, { key: ['seq', 'seq'], direction: 'DESC' }, page, {
      orgId,
      max: 200,
      fallback: 50,
    });
    const types = new Map(
      (
        (await this.db.query(`SELECT id, type FROM webhook_events WHERE id = ANY($1::text[])`, [
          found.nodes.map((d) => d.eventId),
        ])) as Array<{ id: string; type: string }>
      ).map((e) => [e.id, e.type]),
    );
    return { ...found, nodes: found.nodes.map((d) => view(Object.assign(d, { eventType: types.get(d.eventId)! }))) };
  }

  private rows(where: string, params: Record<string, unknown>, limit: number): Promise<DeliveryRow[]> {
    return this.db
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .innerJoin('webhook_events', 'e', 'e.id = d.event_id')
      .addSelect('e.type', 'd_eventType')
      .where(where, params)
      .orderBy('d.seq', 'DESC')
      .limit(limit)
      .getRawAndEntities()
      .then(({ raw, entities }) =>
        entities.map((d, n) =>
          Object.assign(d, { eventType: (raw as Array<{ d_eventType: string }>)[n]!.d_eventType }),
        ),
      );
  }

  /** The event of a delivery sent again to its endpoint, as a new delivery (after the object's pending ones). */
  async resend(orgId: string, deliveryId: string): Promise<WebhookDeliveryView> {
    const id = await this.db.transaction(async (tx) => {
      const d = await tx.findOneBy(WebhookDelivery, { orgId, id: deliveryId });
      if (!d) throw notFound('Webhook delivery');
      const endpoint = await this.endpoints.lockedEndpoint(tx, orgId, d.endpointId);
      if (!endpoint.enabled) throw badInput('id', 'The endpoint is disabled; enable it first');
      // Still waiting there (this delivery or another of its event): that one is the answer.
      await this.endpoints.deliverEvents(tx, endpoint, [{ id: d.eventId, object_id: d.objectId }]);
      const [row] = (await tx.query(
        `SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 AND event_id = $2
          ORDER BY status = 'PENDING' DESC, seq DESC LIMIT 1`,
        [endpoint.id, d.eventId],
      )) as Array<{ id: string }>;
      return row!.id;
    });
    return view((await this.rows('d.id = :id', { id }, 1))[0]!);
  }

  /**
   * The org's events of the endpoint's types created in [from, to], sent to it again in the order they
   * happened (each keeps its id: receivers dedupe). Returns how many.
   */
  async replay(orgId: string, endpointId: string, from: Date, to: Date): Promise<number> {
    if (!(from <= to)) throw badInput('to', 'The end of the range is before its start');
    return this.db.transaction(async (tx) => {
      const endpoint = await this.endpoints.lockedEndpoint(tx, orgId, endpointId);
      if (!endpoint.enabled) throw badInput('endpointId', 'The endpoint is disabled; enable it first');
      const events = (await tx.query(
        `SELECT id, object_id FROM webhook_events
          WHERE org_id = $1 AND created_at BETWEEN $2 AND $3 AND type = ANY($4::text[])
          ORDER BY seq LIMIT $5`,
        [orgId, from, to, endpoint.events, REPLAY_LIMIT + 1],
      )) as Array<{ id: string; object_id: string }>;
      if (events.length > REPLAY_LIMIT)
        throw badInput('to', `More than ${REPLAY_LIMIT} events in the range; replay a shorter range`);
      await this.endpoints.deliverEvents(tx, endpoint, events);
      return events.length;
    });
  }

  /**
   * A `webhook.test` event sent to this endpoint only (whatever it subscribes to). While one is still
   * waiting to go (the endpoint has not answered it yet), that one is the answer: asking again queues
   * nothing more for an endpoint that does not answer.
   */
  async sendTest(orgId: string, endpointId: string): Promise<WebhookDeliveryView> {
    let eventId = newEventId();
    await this.db.transaction(async (tx) => {
      const endpoint = await this.endpoints.lockedEndpoint(tx, orgId, endpointId);
      if (!endpoint.enabled) throw badInput('endpointId', 'The endpoint is disabled; enable it first');
      // A test event's object is its endpoint: no other event names that id.
      const [waiting] = (await tx.query(
        `SELECT event_id FROM webhook_deliveries WHERE endpoint_id = $1 AND object_id = $2 AND status = 'PENDING'
          ORDER BY seq LIMIT 1`,
        [endpoint.id, endpoint.id],
      )) as Array<{ event_id: string }>;
      if (waiting) return void (eventId = waiting.event_id);
      const object = { id: endpoint.id, message: 'A test event from Settle: your endpoint is reachable.' };
      await tx.query(
        `INSERT INTO webhook_events (id, org_id, type, api_version, object_id, object, created_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
        [eventId, orgId, TEST_EVENT_TYPE, WEBHOOK_API_VERSION, endpoint.id, JSON.stringify(object), this.clock.now()],
      );
      await this.endpoints.deliverEvents(tx, endpoint, [{ id: eventId, object_id: endpoint.id }]);
    });
    return view((await this.rows('d.event_id = :eventId', { eventId }, 1))[0]!);
  }
}
