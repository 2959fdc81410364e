import { describe, it, expect } from 'vitest';
import Stripe from 'stripe';
import { emulatorForFile } from '../file-emulator.test-support.js';
import { stripeError } from '../testing.js';
import { API_VERSION } from '../core/wire-types.js';

const world = emulatorForFile('sk_test_endpoints');

const create = (params: Partial<Stripe.WebhookEndpointCreateParams>) =>
  world.stripe.webhookEndpoints.create({
    url: 'https://example.com/hooks',
    enabled_events: ['invoice.paid'],
    ...params,
  } as Stripe.WebhookEndpointCreateParams);

describe('webhook endpoint validation (issue #16)', () => {
  it('refuses an event type the API does not have, naming the indexed param', async () => {
    const err = await stripeError(create({ enabled_events: ['invoice.paid', 'invoice.teleported' as 'invoice.paid'] }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect([err.statusCode, err.param]).toEqual([400, 'enabled_events[1]']);
    expect(err.message).toMatch(/^Invalid enabled_events\[1\]: must be one of \*, /);
    const update = await create({});
    const bad = await stripeError(
      world.stripe.webhookEndpoints.update(update.id, { enabled_events: ['charge.nope' as 'charge.refunded'] }),
    );
    expect([bad.statusCode, bad.param]).toEqual([400, 'enabled_events[0]']);
  });

  it('refuses an api_version that does not exist', async () => {
    const err = await stripeError(
      create({ api_version: '2099-01-01.banana' as Stripe.WebhookEndpointCreateParams.ApiVersion }),
    );
    expect([err.statusCode, err.param]).toEqual([400, 'api_version']);
    expect(err.message).toMatch(/^Invalid api_version: must be one of 2011-01-01, /);
  });

  it('refuses a real older api_version it cannot render, so no payload claims a shape it lacks', async () => {
    const err = await stripeError(create({ api_version: '2025-03-31.basil' }));
    expect([err.statusCode, err.param]).toEqual([400, 'api_version']);
    expect(err.message).toContain(`renders payloads at ${API_VERSION} only`);
    expect((await create({ api_version: API_VERSION })).api_version).toBe(API_VERSION);
    expect((await create({})).api_version).toBeNull();
  });

  it('sends only event types Stripe has: updating a PaymentIntent or SetupIntent sends no *.updated event', async () => {
    const { stripe } = world;
    const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    await stripe.paymentIntents.update(pi.id, { metadata: { order: '1' }, description: 'Order 1' });
    const customer = await stripe.customers.create({});
    const si = await stripe.setupIntents.create({ customer: customer.id });
    await stripe.setupIntents.update(si.id, { metadata: { order: '1' } });
    const types = new Set((await stripe.events.list({ limit: 100 })).data.map((e) => e.type as string));
    expect(types.has('payment_intent.created')).toBe(true);
    expect(types.has('setup_intent.created')).toBe(true);
    // Every type the emulator sent is one an endpoint can subscribe to (the API's closed list).
    for (const type of types) {
      const ok = await create({ enabled_events: [type as Stripe.WebhookEndpointCreateParams.EnabledEvent] });
      expect(ok.enabled_events).toEqual([type]);
    }
  });
});
