// Builds webhook bodies in Intuit's two formats: legacy `eventNotifications` (one element
// per realm, entities carry ids only) and the CloudEvents array Intuit is migrating to.
import { createHash, randomUUID } from 'node:crypto';
import { webhookTime } from './clock.js';
import type { ChangeEvent, WebhookFormat } from './types.js';

const CLOUD_OPS: Record<ChangeEvent['operation'], string> = {
  Create: 'created',
  Update: 'updated',
  Delete: 'deleted',
  Void: 'voided',
  Emailed: 'emailed',
  Merge: 'merged',
};

export function buildWebhookBody(events: ChangeEvent[], format: WebhookFormat): string {
  if (format === 'cloudevents') {
    return JSON.stringify(
      events.map((e) => ({
        specversion: '1.0',
        id: randomUUID(),
        source: `intuit.${createHash('sha256').update(e.realmId).digest('base64')}`,
        type: `qbo.${e.name.toLowerCase()}.${CLOUD_OPS[e.operation]}.v1`,
        datacontenttype: 'application/json',
        time: new Date(e.at).toISOString(),
        intuitentityid: e.id,
        intuitaccountid: e.realmId,
        data: {},
      })),
    );
  }
  const byRealm = new Map<string, ChangeEvent[]>();
  for (const e of events) byRealm.set(e.realmId, [...(byRealm.get(e.realmId) ?? []), e]);
  return JSON.stringify({
    eventNotifications: [...byRealm].map(([realmId, list]) => ({
      realmId,
      dataChangeEvent: {
        entities: list.map((e) => ({ name: e.name, id: e.id, operation: e.operation, lastUpdated: webhookTime(e.at) })),
      },
    })),
  });
}
