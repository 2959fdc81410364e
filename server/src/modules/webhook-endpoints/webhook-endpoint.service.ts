import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { randomToken, secretPrefix, type SecretBox } from '../../platform/crypto.js';
import { badInput, conflict, notFound } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { WebhookEndpoint } from './webhook.entities.js';
import { typeOfWire, wireName, type WebhookEventType } from './webhook-event-types.js';
import { queueDeliveries } from './webhook-outbox.js';
import { wakeEndpoints } from './webhook-wakeups.js';
import {
  checkWebhookUrl,
  lookupAll,
  PUBLIC_ONLY,
  type Lookup,
  type WebhookAddressPolicy,
} from './webhook-url-policy.js';
import type { WebhookEndpointView } from './webhook.types.js';

export interface EndpointInput {
  url?: string;
  description?: string;
  events?: WebhookEventType[];
}

/** What the API shows of an endpoint: everything but the sealed secret. */
export function endpointView(e: WebhookEndpoint): WebhookEndpointView {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.events.map(typeOfWire).filter((t): t is WebhookEventType => t !== undefined),
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    secretPrefix: e.secretPrefix,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

const newSecret = () => randomToken('whsec_', 24);

/**
 * Endpoints one org may register (Stripe's limit too): each one is another delivery of every event it
 * subscribes to, and another drain holding a worker slot while it answers slowly.
 */
export const MAX_ENDPOINTS_PER_ORG = 16;

/** An org's webhook endpoints: registering, changing, turning on and off, and their signing secrets. */
export class WebhookEndpointService {
  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
    /** Which addresses endpoints may reach: the operator's (SETTLE_WEBHOOK_PRIVATE_NETWORKS), never an org's. */
    private readonly addresses: WebhookAddressPolicy = PUBLIC_ONLY,
    /** How URLs are resolved when checked (tests give names of their own). */
    private readonly lookup: Lookup = lookupAll,
  ) {}

  async list(orgId: string): Promise<WebhookEndpointView[]> {
    const rows = await this.db.getRepository(WebhookEndpoint).find({ where: { orgId }, order: { createdAt: 'ASC' } });
    return rows.map(endpointView);
  }

  /** An endpoint of the org, locked in `tx`; another org's id is "not found". */
  async lockedEndpoint(tx: EntityManager, orgId: string, id: string): Promise<WebhookEndpoint> {
    const e = await tx.findOne(WebhookEndpoint, { where: { orgId, id }, lock: { mode: 'pessimistic_write' } });
    if (!e) throw notFound('Webhook endpoint');
    return e;
  }

  async create(orgId: string, actor: Actor, input: Required<Pick<EndpointInput, 'url' | 'events'>> & EndpointInput) {
    const url = await this.checkUrl(input.url);
    const secret = newSecret();
    return this.db.transaction(async (tx) => {
      // One org's creations take turns here, so two at once cannot both pass the count.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`webhook-endpoints:${orgId}`]);
      if ((await tx.countBy(WebhookEndpoint, { orgId })) >= MAX_ENDPOINTS_PER_ORG)
        throw conflict(
          `An organization has at most ${MAX_ENDPOINTS_PER_ORG} webhook endpoints; delete one it no longer uses, or subscribe an existing one to more events`,
        );
      const saved = await tx.save(
        tx.create(WebhookEndpoint, {
          orgId,
          url,
          description: input.description ?? '',
          events: eventsOf(input.events),
          enabled: true,
          disabledReason: null,
          secretSealed: this.secrets.seal(secret),
          secretPrefix: secretPrefix(secret),
        }),
      );
      const endpoint = endpointView(saved);
      await this.audit.record(tx, orgId, actor, entityOf(saved), 'webhook_endpoint.created', null, endpoint);
      return { endpoint, secret };
    });
  }

  async update(orgId: string, actor: Actor, id: string, input: EndpointInput): Promise<WebhookEndpointView> {
    const url = input.url === undefined ? undefined : await this.checkUrl(input.url);
    return this.change(orgId, actor, id, 'webhook_endpoint.updated', (e) => {
      if (url !== undefined) e.url = url;
      if (input.description !== undefined) e.description = input.description;
      if (input.events !== undefined) e.events = eventsOf(input.events);
    });
  }

  /**
   * On or off. Turned on, the deliveries that were waiting are sent again at once, each with a new
   * 3-day retry window.
   */
  async setEnabled(orgId: string, actor: Actor, id: string, enabled: boolean): Promise<WebhookEndpointView> {
    return this.change(
      orgId,
      actor,
      id,
      enabled ? 'webhook_endpoint.enabled' : 'webhook_endpoint.disabled',
      async (e, tx) => {
        const wasOff = !e.enabled;
        e.enabled = enabled;
        e.disabledReason = null;
        if (!enabled || !wasOff) return;
        await tx.query(
          `UPDATE webhook_deliveries SET next_retry_at = NULL, first_attempt_at = NULL
            WHERE endpoint_id = $1 AND status = 'PENDING'`,
          [e.id],
        );
        await wakeEndpoints(tx, [e.id]);
      },
    );
  }

  /** A new signing secret, returned this once; the old one stops signing at once. */
  async rotateSecret(orgId: string, actor: Actor, id: string) {
    const secret = newSecret();
    const endpoint = await this.change(orgId, actor, id, 'webhook_endpoint.secret_rotated', (e) => {
      e.secretSealed = this.secrets.seal(secret);
      e.secretPrefix = secretPrefix(secret);
    });
    return { endpoint, secret };
  }

  /** Deletes the endpoint and its deliveries (the events stay for the org's other endpoints). */
  async delete(orgId: string, actor: Actor, id: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const e = await this.lockedEndpoint(tx, orgId, id);
      await tx.delete(WebhookEndpoint, { id: e.id });
      await this.audit.record(tx, orgId, actor, entityOf(e), 'webhook_endpoint.deleted', endpointView(e), null);
      return true;
    });
  }

  /**
   * Queues deliveries of existing events to an endpoint of the org (locked in `tx`), in event order, except
   * an object's events that are all still waiting there already: sending them twice tells the receiver
   * nothing new, and repeating a replay to an endpoint that never answers would grow its queue without
   * end. An object with any event not waiting gets all of them again, so its latest still arrives last.
   */
  async deliverEvents(tx: EntityManager, endpoint: WebhookEndpoint, events: Array<{ id: string; object_id: string }>) {
    const waiting = new Set(
      (
        (await tx.query(
          `SELECT event_id FROM webhook_deliveries
            WHERE endpoint_id = $1 AND status = 'PENDING' AND object_id = ANY($2::text[]) AND event_id = ANY($3::text[])`,
          [endpoint.id, [...new Set(events.map((e) => e.object_id))], events.map((e) => e.id)],
        )) as Array<{ event_id: string }>
      ).map((r) => r.event_id),
    );
    const objectsToSend = new Set(events.filter((e) => !waiting.has(e.id)).map((e) => e.object_id));
    await queueDeliveries(
      tx,
      events
        .filter((e) => objectsToSend.has(e.object_id))
        .map((e) => ({ orgId: endpoint.orgId, endpointId: endpoint.id, eventId: e.id, objectId: e.object_id })),
    );
  }

  private async change(
    orgId: string,
    actor: Actor,
    id: string,
    action: string,
    apply: (e: WebhookEndpoint, tx: EntityManager) => void | Promise<void>,
  ): Promise<WebhookEndpointView> {
    return this.db.transaction(async (tx) => {
      const e = await this.lockedEndpoint(tx, orgId, id);
      const before = endpointView(e);
      await apply(e, tx);
      const after = endpointView(await tx.save(e));
      await this.audit.record(tx, orgId, actor, entityOf(e), action, before, after);
      return after;
    });
  }

  private async checkUrl(url: string): Promise<string> {
    return (await checkWebhookUrl(url.trim(), this.addresses, this.lookup)).toString();
  }
}

function eventsOf(types: WebhookEventType[]): string[] {
  if (!types.length) throw badInput('events', 'Choose at least one event type');
  return [...new Set(types.map(wireName))];
}

const entityOf = (e: WebhookEndpoint) => ({ type: 'WebhookEndpoint', id: e.id });
