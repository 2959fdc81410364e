import { expect, it } from 'vitest';
import { createOrgWithOwner, eventually } from '../../test/harness.js';
import { billingFixture, portalSession } from '../../test/fixtures.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { PaymentMethod, PaymentSource } from '../modules/payments/payment.entity.js';
import { forFile, settleForFile, countOpenedSubscriptions } from '../../test/for-file.js';
import { wsClient } from '../../test/ws-client.js';

// One execution per event is shared by subscribers with the same document, variables and visibility
// (graphql/subscription-execution.ts). These prove the sharing never crosses a visibility boundary.

const s = settleForFile({ worker: false });
const subscriptions = forFile(async () => countOpenedSubscriptions(s));

interface Received {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

function subscriber(token: string, query: string, variables: Record<string, unknown>) {
  const received: Received[] = [];
  const state: { error: unknown } = { error: null };
  const client = wsClient(s.url, token);
  const stop = client.subscribe(
    { query, variables },
    {
      next: (v) => received.push(v as Received),
      error: (e) => {
        state.error = e;
      },
      complete: () => undefined,
    },
  );
  return {
    received,
    state,
    close: async () => {
      stop();
      await client.dispose();
    },
  };
}

it('shares an event execution only between subscribers who may see the same thing', async () => {
  const A = await createOrgWithOwner(s, 'Share A');
  const f = await billingFixture(s.container, A.org.id);
  const inv = await f.sentInvoice(60);
  // The same query text from a staff user, an API token and a portal user: `timeline` is staff-only.
  const query = `subscription($i:ID){invoiceUpdated(invoiceId:$i){invoice{amountPaid timeline{action}}}}`;
  const before = subscriptions.opened;
  const admins = [subscriber(A.token, query, { i: inv.id }), subscriber(A.token, query, { i: inv.id })];
  const apiToken = subscriber(A.apiToken, query, { i: inv.id });
  const portal = subscriber(await portalSession(s, A.org.id, f.client.id), query, { i: inv.id });
  const all = [...admins, apiToken, portal];
  try {
    await eventually(async () => subscriptions.opened >= before + 4, 'four open subscriptions');
    await new Promise((r) => setTimeout(r, 100));
    await s.container.settlement.settle(A.org.id, SYSTEM_ACTOR, {
      invoiceId: inv.id,
      amount: 2500,
      source: PaymentSource.MANUAL,
      method: PaymentMethod.CHECK,
    });
    await eventually(async () => all.every((x) => x.received.length >= 1), 'the update everywhere');

    for (const staff of [...admins, apiToken]) {
      expect(staff.received).toHaveLength(1);
      const invoice = (
        staff.received[0]!.data as {
          invoiceUpdated: { invoice: { amountPaid: number; timeline: Array<{ action: string }> } };
        }
      ).invoiceUpdated.invoice;
      expect(invoice.amountPaid).toBe(2500);
      expect(invoice.timeline.length).toBeGreaterThan(0);
    }
    // The portal user asked for the same fields on the same event and still gets its own answer.
    expect(portal.received).toHaveLength(1);
    expect(portal.received[0]!.data ?? null).toBeNull();
    expect(portal.received[0]!.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  } finally {
    for (const x of all) await x.close();
  }
});

it('refuses a malformed id when the subscription starts, naming the argument', async () => {
  const A = await createOrgWithOwner(s, 'Share B');
  const sub = subscriber(A.token, `subscription($i:ID){invoiceUpdated(invoiceId:$i){invoiceId}}`, { i: 'not-a-uuid' });
  try {
    await eventually(async () => sub.received.length >= 1, 'the refusal');
    expect(sub.received[0]!.data ?? null).toBeNull();
    expect(sub.received[0]!.errors?.[0]).toMatchObject({
      message: 'invoiceId is not a valid id',
      extensions: { code: 'BAD_USER_INPUT', field: 'invoiceId' },
    });
  } finally {
    await sub.close();
  }
});
