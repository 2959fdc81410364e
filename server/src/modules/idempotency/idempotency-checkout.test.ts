import { describe, expect, it } from 'vitest';
import { ok } from '../../../test/api.js';
import { forFile } from '../../../test/for-file.js';
import { payByCheck, portalSession } from '../../../test/fixtures.js';
import { connectedOrg, stripeWorldForFile, type ConnectedOrg } from '../stripe/stripe-test-kit.js';
import { describeIdempotent, newKey, rowsOf, type KeyOrg } from './idempotency-test-kit.js';

// Without the worker: sending by email only, so no Checkout session is made but by the calls under test.
const w = stripeWorldForFile({ worker: false });
const orgs = forFile(async () => {
  const keyOrg = (o: ConnectedOrg): KeyOrg => ({ orgId: o.org.id, token: o.token, apiToken: o.apiToken, fx: o.fx });
  const a = await connectedOrg(w, 'Idem Checkout A');
  return { a, both: [keyOrg(a), keyOrg(await connectedOrg(w, 'Idem Checkout B'))] as [KeyOrg, KeyOrg] };
});

const START = `mutation($id: ID!, $amount: Money, $key: String) {
  startInvoicePayment(invoiceId: $id, amount: $amount, idempotencyKey: $key) { url expiresAt } }`;
const sessions = (o: KeyOrg) => rowsOf(w.settle, 'stripe_checkout_sessions', o.orgId);

describe('startInvoicePayment', () => {
  describeIdempotent(
    () => w.settle,
    () => orgs.both,
    {
      mutation: 'startInvoicePayment',
      document: START,
      concurrent: 'refuse',
      prepare: async (o) => {
        const inv = await o.fx.sentInvoice(60);
        return { vars: { id: inv.id }, other: { id: inv.id, amount: 4000 } };
      },
      count: sessions,
    },
  );

  it('replayed after the balance changed, returns the first Checkout page instead of making a new one', async () => {
    const [a] = orgs.both;
    const inv = await a.fx.sentInvoice(60);
    const key = newKey();
    const first = ok(await w.settle.gql(START, { id: inv.id, key }, a.token)).startInvoicePayment;
    await payByCheck(w.settle.container, a.orgId, inv.id, 1000);
    const n = await sessions(a);
    expect(ok(await w.settle.gql(START, { id: inv.id, key }, a.token)).startInvoicePayment).toEqual(first);
    expect(await sessions(a)).toBe(n);
    // Without the key the same call asks Stripe for a page for the new balance.
    const fresh = ok(await w.settle.gql(START, { id: inv.id }, a.token)).startInvoicePayment;
    expect(fresh.url).not.toBe(first.url);
  });

  it("keys a portal user's calls to that portal user", async () => {
    const [a] = orgs.both;
    const inv = await a.fx.sentInvoice(60);
    const portal = await portalSession(w.settle, a.orgId, a.fx.client.id);
    const key = newKey();
    const staff = ok(await w.settle.gql(START, { id: inv.id, key }, a.token)).startInvoicePayment;
    await payByCheck(w.settle.container, a.orgId, inv.id, 1000);
    // Not the staff call's replay: the portal user's own first call with the key, for the new balance.
    const mine = ok(await w.settle.gql(START, { id: inv.id, key }, portal)).startInvoicePayment;
    expect(mine.url).not.toBe(staff.url);
    expect(ok(await w.settle.gql(START, { id: inv.id, key }, portal)).startInvoicePayment).toEqual(mine);
  });
});
