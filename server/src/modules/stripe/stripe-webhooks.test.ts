import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { eventually } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { Payment } from '../payments/payment.entity.js';
import { StripeConnection } from './stripe-connection.entity.js';
import { StripeEventInbox } from './stripe-event-inbox.entity.js';
import { StripeSweep } from './stripe-sweep.task.js';
import { WEBHOOK_EVENTS } from './stripe-webhook-events.js';
import { StripeCheckoutSession } from './stripe-links.entity.js';
import {
  connectedOrg,
  control,
  inboxSettled,
  invoiceOf,
  postForm,
  sentToStripe,
  signedHeaders,
  startStripeWorld,
  stripeEvent,
  stripeModule,
  type StripeWorld,
  stripeWorldForFile,
  waitForStatus,
} from './stripe-test-kit.js';

const w = stripeWorldForFile();

const START = `mutation($id: ID!, $amount: Money) { startInvoicePayment(invoiceId: $id, amount: $amount) { url expiresAt } }`;
const inbox = (orgId: string) =>
  w.settle.container.db.getRepository(StripeEventInbox).find({ where: { orgId }, order: { receivedAt: 'ASC' } });
const paymentsOf = (orgId: string) => w.settle.container.db.getRepository(Payment).findBy({ orgId });

async function secretOf(orgId: string): Promise<{ url: string; secret: string }> {
  const conn = await w.settle.container.db.getRepository(StripeConnection).findOneByOrFail({ orgId });
  return {
    url: stripeModule(w).connections.webhookUrl(conn.webhookToken),
    secret: w.settle.container.secrets.open(conn.webhookSecretSealed!),
  };
}

const fakeEvent = (
  type: string,
  object: Record<string, unknown>,
  id = `evt_test_${Math.random().toString(36).slice(2)}`,
) => JSON.stringify(stripeEvent(type, object, id), null, 2);

describe('stripe webhook pipeline', () => {
  it('bad or missing signature → 400 and nothing stored; unknown token → 404', async () => {
    const o = await connectedOrg(w);
    const { url } = await secretOf(o.org.id);
    const body = fakeEvent('invoice.paid', { id: 'in_x', object: 'invoice' });
    expect(
      (await fetch(url, { method: 'POST', body, headers: signedHeaders(body, 'whsec_wrongwrongwrong') })).status,
    ).toBe(400);
    expect((await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } })).status).toBe(
      400,
    );
    const tampered = await fetch(url, {
      method: 'POST',
      body: body.replace('in_x', 'in_y'),
      headers: signedHeaders(body, (await secretOf(o.org.id)).secret),
    });
    expect(tampered.status).toBe(400);
    expect(
      (
        await fetch(`${w.settle.url}/webhooks/stripe/wh_nope`, {
          method: 'POST',
          body,
          headers: signedHeaders(body, 'whsec_x'),
        })
      ).status,
    ).toBe(404);
    expect(await inbox(o.org.id)).toHaveLength(0);
  });

  // A redelivered event is acknowledged as a duplicate: 200 both times, exact bodies with matching content-length.
  it('acks a new event with duplicate:false and its redelivery with duplicate:true', async () => {
    const o = await connectedOrg(w);
    const { url, secret } = await secretOf(o.org.id);
    const body = fakeEvent(
      'checkout.session.expired',
      { id: 'cs_test_dup', object: 'checkout.session', status: 'expired' },
      'evt_test_dup_ack',
    );
    const send = async () => {
      const res = await fetch(url, { method: 'POST', body, headers: signedHeaders(body, secret) });
      const text = await res.text();
      return { status: res.status, text, length: res.headers.get('content-length') };
    };
    const first = await send();
    const second = await send();
    expect(first).toEqual({
      status: 200,
      text: '{"received":true,"duplicate":false}',
      length: String(Buffer.byteLength(first.text)),
    });
    expect(second).toEqual({
      status: 200,
      text: '{"received":true,"duplicate":true}',
      length: String(Buffer.byteLength(second.text)),
    });
    expect((await inbox(o.org.id)).map((r) => r.eventId)).toEqual(['evt_test_dup_ack']);
  });

  it("another org's secret is refused; another org's invoice in the metadata is ignored", async () => {
    const a = await connectedOrg(w);
    const b = await connectedOrg(w);
    const sa = await secretOf(a.org.id);
    const sb = await secretOf(b.org.id);
    const invB = await sentToStripe(b);
    const session = {
      id: 'cs_test_forged',
      object: 'checkout.session',
      payment_status: 'paid',
      amount_total: invB.total,
      currency: 'usd',
      payment_intent: 'pi_forged',
      metadata: { settle_org_id: b.org.id, settle_invoice_id: invB.id },
    };
    const body = fakeEvent('checkout.session.completed', session);
    expect((await fetch(sa.url, { method: 'POST', body, headers: signedHeaders(body, sb.secret) })).status).toBe(400);
    expect(await inbox(a.org.id)).toHaveLength(0);
    // Signed correctly for A, but naming B's invoice: stored, acknowledged, and does nothing.
    expect((await fetch(sa.url, { method: 'POST', body, headers: signedHeaders(body, sa.secret) })).status).toBe(200);
    const [row] = await inboxSettled(w, a.org.id);
    expect(row).toMatchObject({ status: 'DONE', outcome: 'ignored: not a Settle checkout session' });
    expect(await paymentsOf(b.org.id)).toHaveLength(0);
    // Types Settle does not subscribe to are acknowledged (so Stripe stops sending them) but not stored.
    const other = fakeEvent('product.created', { id: 'prod_1', object: 'product' });
    const ack = await fetch(sa.url, { method: 'POST', body: other, headers: signedHeaders(other, sa.secret) });
    expect({ status: ack.status, body: await ack.json() }).toEqual({
      status: 200,
      body: { received: true, ignored: true },
    });
    expect((await inbox(a.org.id)).map((r) => r.type)).toEqual(['checkout.session.completed']);
  });

  it('replayed event (redelivery and inspector replay) changes nothing', async () => {
    const o = await connectedOrg(w);
    const inv = await sentToStripe(o);
    const s = (await w.settle.gql(START, { id: inv.id }, o.token)).data.startInvoicePayment;
    expect((await postForm(s.url, { card_number: '4242424242424242', custom_amount: '100.00' })).status).toBe(303);
    await waitForStatus(w, o.org.id, inv.id, 'PAID');
    const rows = await inboxSettled(w, o.org.id);
    const completed = rows.find((r) => r.type === 'checkout.session.completed')!;
    const { url, secret } = await secretOf(o.org.id);
    const raw = JSON.stringify(completed.payload);
    const again = await fetch(url, { method: 'POST', body: raw, headers: signedHeaders(raw, secret) });
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    const replay = await w.settle.gql(
      `mutation($id: ID!) { replayStripeWebhookEvent(id: $id) { id status } }`,
      { id: completed.id },
      o.token,
    );
    expect(replay.errors).toBeUndefined();
    await inboxSettled(w, o.org.id);
    const after = await w.settle.container.db.getRepository(StripeEventInbox).findOneByOrFail({ id: completed.id });
    expect(after.outcome).toMatch(/already recorded pi_/);
    expect((await inbox(o.org.id)).length).toBe(rows.length);
    expect(await paymentsOf(o.org.id)).toHaveLength(1);
    const list = await w.settle.gql(
      `{ stripeWebhookEvents(first: 10) {nodes{ type status attempts via error }} }`,
      {},
      o.token,
    );
    expect(list.data.stripeWebhookEvents.nodes.every((e: { status: string }) => e.status === 'DONE')).toBe(true);
  });

  it('reordered events: a failure delivered after the success does not resurface', async () => {
    const o = await connectedOrg(w);
    const inv = await sentToStripe(o);
    await control(w.emu, '/faults', {
      action: 'reorder',
      event_type: 'payment_intent.payment_failed',
      endpoint: o.conn.webhook.endpointId,
    });
    const s = (await w.settle.gql(START, { id: inv.id, amount: 4000 }, o.token)).data.startInvoicePayment;
    expect((await postForm(s.url, { card_number: '4000000000000002', custom_amount: '40.00' })).status).toBe(402);
    expect((await postForm(s.url, { card_number: '4242424242424242', custom_amount: '40.00' })).status).toBe(303);
    await waitForStatus(w, o.org.id, inv.id, 'PARTIALLY_PAID');
    await eventually(
      async () => (await inbox(o.org.id)).find((r) => r.type === 'payment_intent.payment_failed'),
      'the held failure',
    );
    await inboxSettled(w, o.org.id);
    const rows = await inbox(o.org.id);
    const order = rows.map((r) => r.type);
    expect(order.indexOf('payment_intent.payment_failed')).toBeGreaterThan(order.indexOf('checkout.session.completed'));
    expect(rows.find((r) => r.type === 'payment_intent.payment_failed')!.outcome).toMatch(
      /ignored: the payment is now succeeded/,
    );
    const f = await w.settle.gql(
      `query($id: ID!) { invoice(id: $id) { status lastPaymentError } }`,
      { id: inv.id },
      o.token,
    );
    expect(f.data.invoice).toEqual({ status: 'PARTIALLY_PAID', lastPaymentError: null });
  });

  it('idempotency keys: concurrent starts share one session; same key + other params is refused by Stripe', async () => {
    const o = await connectedOrg(w);
    const inv = await sentToStripe(o);
    const urls = await Promise.all(
      [1, 2, 3].map(
        async () => (await w.settle.gql(START, { id: inv.id }, o.token)).data.startInvoicePayment.url as string,
      ),
    );
    expect(new Set(urls).size).toBe(1);
    expect(await w.settle.container.db.getRepository(StripeCheckoutSession).countBy({ invoiceId: inv.id })).toBe(1);
    const provider = (await stripeModule(w).connections.providerFor(o.org.id))!;
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: 'payment',
      line_items: [{ price_data: { currency: 'usd', unit_amount: 100, product_data: { name: 'x' } }, quantity: 1 }],
      success_url: 'http://x.test/ok',
    };
    const one = await provider.createCheckoutSession(params, 'settle-test-key-1');
    const two = await provider.createCheckoutSession(params, 'settle-test-key-1');
    expect(two.id).toBe(one.id);
    const err = await provider
      .createCheckoutSession({ ...params, success_url: 'http://x.test/other' }, 'settle-test-key-1')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });
});

describe('self-healing sweep', () => {
  let h: StripeWorld;
  beforeAll(async () => {
    // Stripe's own retry is far away: only the sweep can heal a dropped delivery.
    h = await startStripeWorld({ env: { STRIPE_SWEEP_INTERVAL_MS: '1000' }, retryScheduleMs: [3_600_000] });
  });
  afterAll(async () => h?.close());

  it('a dropped webhook is healed within one sweep interval', async () => {
    const o = await connectedOrg(h);
    await o.fx.approvedEntry(60);
    const c = h.settle.container;
    const r = await c.generation.generate(o.org.id, SYSTEM_ACTOR, {
      clientIds: [o.fx.client.id],
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
    });
    const inv = await c.invoices.send(o.org.id, SYSTEM_ACTOR, r.invoices[0]!.id, { destinations: ['EMAIL', 'STRIPE'] });
    await control(h.emu, '/faults', { action: 'drop', event_type: 'checkout.session.completed', count: 5 });
    const s = (await h.settle.gql(START, { id: inv.id }, o.token)).data.startInvoicePayment;
    expect((await postForm(s.url, { card_number: '4242424242424242', custom_amount: '100.00' })).status).toBe(303);
    const deliveries = await control<{ data: Array<{ status: string; attempts: Array<{ fault: string | null }> }> }>(
      h.emu,
      `/deliveries?event_type=checkout.session.completed`,
    );
    expect(deliveries.data[0]!.attempts[0]!.fault).toBe('drop');
    const t0 = Date.now();
    await waitForStatus(h, o.org.id, inv.id, 'PAID', 8_000);
    expect(Date.now() - t0).toBeLessThan(5_000);
    const healed = await h.settle.container.db
      .getRepository(StripeEventInbox)
      .findOneByOrFail({ orgId: o.org.id, type: 'checkout.session.completed' });
    expect(healed.via).toBe('SWEEP');
  });

  it("an endpoint Settle registered before it needed an event is subscribed to it by the next release's sweep", async () => {
    const o = await connectedOrg(h);
    const endpointId = o.conn.webhook.endpointId;
    await o.stripe.webhookEndpoints.update(endpointId, { enabled_events: ['invoice.paid', 'charge.refunded'] });
    // A new process (the next release): its first sweep of the org sets the endpoint's events.
    const { connections, scheduler } = stripeModule(h);
    await new StripeSweep(h.settle.container.db, connections, scheduler, 1000).sweepOrg(o.org.id);
    const events = (await o.stripe.webhookEndpoints.retrieve(endpointId)).enabled_events;
    expect([...events].sort()).toEqual([...WEBHOOK_EVENTS].sort());
  });

  it('a dropped dispute on a paid invoice is healed too, with no invoice open', async () => {
    const o = await connectedOrg(h);
    const inv = await sentToStripe(o);
    const s = (await h.settle.gql(START, { id: inv.id }, o.token)).data.startInvoicePayment;
    expect((await postForm(s.url, { card_number: '4242424242424242', custom_amount: '100.00' })).status).toBe(303);
    await waitForStatus(h, o.org.id, inv.id, 'PAID', 8_000);
    for (const type of ['charge.dispute.created', 'charge.dispute.funds_withdrawn'])
      await control(h.emu, '/faults', { action: 'drop', event_type: type, count: 5 });
    const [payment] = await h.settle.container.db.getRepository(Payment).findBy({ orgId: o.org.id, invoiceId: inv.id });
    const pi = await o.stripe.paymentIntents.retrieve(payment!.externalId!);
    await control(h.emu, '/disputes', { charge: pi.latest_charge });
    // Nothing is open: the org is read every 6 intervals (6 s here), not every one.
    await eventually(async () => (await invoiceOf(h, o.org.id, inv.id)).disputed, 'disputed through the sweep', 15_000);
    const healed = await h.settle.container.db
      .getRepository(StripeEventInbox)
      .findOneByOrFail({ orgId: o.org.id, type: 'charge.dispute.created' });
    expect(healed.via).toBe('SWEEP');
  });
});
