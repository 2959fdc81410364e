import { describe, expect, it } from 'vitest';
import { deliveryForRealm } from './quickbooks-admin.service.js';
import { QuickBooksWebhookEvent } from './quickbooks.entities.js';

const entity = (realm: string, id: string) => ({
  specversion: '1.0',
  type: 'qbo.invoice.updated.v1',
  intuitentityid: id,
  intuitaccountid: realm,
});

const stored = (body: unknown) =>
  Object.assign(new QuickBooksWebhookEvent(), {
    id: 'e1',
    realmIds: ['realm-a', 'realm-b'],
    format: 'cloudevents',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    entityCount: 3,
  });

describe('a QuickBooks delivery as one company sees it', () => {
  it('names only its own realm and counts only its own entity changes', () => {
    const seen = deliveryForRealm(
      stored([entity('realm-a', '1'), entity('realm-b', '2'), entity('realm-b', '3')]),
      'realm-a',
    );
    expect(seen.realmIds).toEqual(['realm-a']);
    expect(seen.entityCount).toBe(1);
  });

  it('reads the legacy format too', () => {
    const legacy = {
      eventNotifications: [
        { realmId: 'realm-b', dataChangeEvent: { entities: [{ name: 'Invoice', id: '9', operation: 'Update' }] } },
        {
          realmId: 'realm-a',
          dataChangeEvent: {
            entities: [
              { name: 'Invoice', id: '1', operation: 'Update' },
              { name: 'Payment', id: '2', operation: 'Create' },
            ],
          },
        },
      ],
    };
    const seen = deliveryForRealm(stored(legacy), 'realm-a');
    expect(seen).toMatchObject({ realmIds: ['realm-a'], entityCount: 2 });
  });

  it('a body that is not JSON shows no entity of this realm', () => {
    expect(deliveryForRealm(stored('not json'), 'realm-a')).toMatchObject({ realmIds: ['realm-a'], entityCount: 0 });
  });
});
