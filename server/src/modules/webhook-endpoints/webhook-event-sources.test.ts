import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingFixture } from '../../../test/fixtures.js';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { InvoiceLineKind } from '../invoices/invoice-line.entity.js';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import { webhooksOf } from './webhook-endpoints.integration.js';
import { WebhookEventType } from './webhook-event-types.js';

/** Which webhook events Settle's changes record, in their transaction (the worker is off: nothing is sent). */
let s: TestSettle;
let orgId: string;

beforeAll(async () => {
  s = await startTestSettle({ worker: false });
  orgId = (await createOrgWithOwner(s)).org.id;
  // The endpoint below is never called (the worker is off): a local URL saves a DNS lookup.
  await s.container.organizations.updateSettings(orgId, SYSTEM_ACTOR, { allowPrivateWebhookUrls: true });
});

afterAll(async () => {
  await s?.close();
});

const eventsOf = async (objectId: string) =>
  (
    (await s.container.db.query(`SELECT type, object FROM webhook_events WHERE object_id = $1 ORDER BY seq`, [
      objectId,
    ])) as Array<{ type: string; object: Record<string, unknown> }>
  ).map((e) => e.type);

describe('webhook event sources', () => {
  it('records nothing for an org without endpoints', async () => {
    const f = await billingFixture(s.container, orgId, { clientName: 'Before Co' });
    expect(await eventsOf(f.client.id)).toEqual([]);
  });

  it('records the invoice lifecycle, payments and clients as their changes commit', async () => {
    const { endpoint } = await webhooksOf(s.container).endpoints.create(orgId, SYSTEM_ACTOR, {
      url: 'http://127.0.0.1:9/settle',
      events: Object.values(WebhookEventType),
    });
    const f = await billingFixture(s.container, orgId, { clientName: 'Lifecycle Co' });
    const draft = await s.container.invoices.createDraft(orgId, SYSTEM_ACTOR, {
      clientId: f.client.id,
      lines: [
        {
          kind: InvoiceLineKind.MANUAL,
          description: 'Work',
          serviceId: null,
          quantity: '1',
          unitPrice: 10_000,
          discount: 0,
          taxRateBps: 0,
        },
      ],
    });
    await s.container.invoices.send(orgId, SYSTEM_ACTOR, draft.id);
    const pay = (amount: number) =>
      s.container.settlement.settle(orgId, SYSTEM_ACTOR, {
        invoiceId: draft.id,
        amount,
        source: PaymentSource.MANUAL,
        method: PaymentMethod.CHECK,
      });
    const first = await pay(4_000);
    await pay(6_000);
    expect(await eventsOf(draft.id)).toEqual([
      'invoice.created',
      'invoice.finalized',
      'invoice.sent',
      'invoice.partially_paid',
      'invoice.paid',
    ]);
    expect(await eventsOf(first.payment.id)).toEqual(['payment.recorded']);
    expect(await eventsOf(f.client.id)).toEqual(['client.created']);

    const [paid] = (await s.container.db.query(
      `SELECT object FROM webhook_events WHERE object_id = $1 AND type = 'invoice.paid'`,
      [draft.id],
    )) as Array<{ object: Record<string, unknown> }>;
    expect(paid!.object).toMatchObject({ id: draft.id, status: 'PAID', total: 10_000, balanceDue: 0 });
    expect(paid!.object).not.toHaveProperty('publicToken');
    expect(paid!.object).not.toHaveProperty('orgId');

    // One delivery per event to the subscribed endpoint, queued with it.
    const [{ n }] = (await s.container.db.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 AND object_id = $2`,
      [endpoint.id, draft.id],
    )) as Array<{ n: number }>;
    expect(n).toBe(5);
  });
});
