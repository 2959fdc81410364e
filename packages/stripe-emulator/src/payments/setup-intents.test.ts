import { describe, it, expect } from 'vitest';
import Stripe from 'stripe';
import { emulatorForFile } from '../file-emulator.test-support.js';
import { postForm, startReceiver, stripeError } from '../testing.js';

const world = emulatorForFile('sk_test_setup_intents');

const newCustomer = () => world.stripe.customers.create({ email: 'setup@example.com', name: 'Sam Setup' });

async function setupSession(customer: string) {
  return world.stripe.checkout.sessions.create({
    mode: 'setup',
    customer,
    success_url: 'https://settle.test/saved?session={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://settle.test/cancel',
    setup_intent_data: { metadata: { purpose: 'autopay' } },
  });
}

describe('SetupIntents', () => {
  it('create (usage off_session by default), retrieve, list, cancel', async () => {
    const c = await newCustomer();
    const si = await world.stripe.setupIntents.create({ customer: c.id, metadata: { k: 'v' } });
    expect(si).toMatchObject({
      object: 'setup_intent',
      status: 'requires_payment_method',
      usage: 'off_session',
      customer: c.id,
      payment_method_types: ['card'],
      metadata: { k: 'v' },
    });
    expect(si.client_secret).toMatch(new RegExp(`^${si.id}_secret_`));
    const onSession = await world.stripe.setupIntents.create({
      customer: c.id,
      usage: 'on_session',
      allowed_payment_method_types: ['card', 'us_bank_account'],
    });
    expect(onSession.usage).toBe('on_session');
    expect(onSession.payment_method_types).toEqual(['card', 'us_bank_account']);
    expect((await world.stripe.setupIntents.retrieve(si.id)).id).toBe(si.id);
    const listed = await world.stripe.setupIntents.list({ customer: c.id });
    expect(listed.data.map((x) => x.id)).toEqual([onSession.id, si.id]);
    const canceled = await world.stripe.setupIntents.cancel(onSession.id, { cancellation_reason: 'abandoned' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    const err = await stripeError(world.stripe.setupIntents.confirm(onSession.id, { payment_method: 'pm_card_visa' }));
    expect(err.statusCode).toBe(400);
  });

  it('confirm with a card: succeeded, PaymentMethod attached, events setup_intent.succeeded + payment_method.attached', async () => {
    const c = await newCustomer();
    const since = Math.floor(Date.now() / 1000);
    const si = await world.stripe.setupIntents.create({ customer: c.id });
    const done = await world.stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_visa' });
    expect(done.status).toBe('succeeded');
    const pm = await world.stripe.paymentMethods.retrieve(done.payment_method as string);
    expect(pm.customer).toBe(c.id);
    expect(pm.card?.last4).toBe('4242');
    const types = (await world.stripe.events.list({ created: { gte: since }, limit: 20 })).data.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['setup_intent.created', 'payment_method.attached', 'setup_intent.succeeded']),
    );
  });

  it('a declined card fails the setup (402 with setup_intent) and can be retried', async () => {
    const c = await newCustomer();
    const si = await world.stripe.setupIntents.create({ customer: c.id });
    const err = (await stripeError(
      world.stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_chargeDeclined' }),
    )) as Stripe.errors.StripeCardError;
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err.code).toBe('card_declined');
    expect(err.setup_intent?.status).toBe('requires_payment_method');
    const failed = await world.stripe.setupIntents.retrieve(si.id);
    expect(failed.last_setup_error?.code).toBe('card_declined');
    const ok = await world.stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_mastercard' });
    expect(ok.status).toBe('succeeded');
    expect(ok.last_setup_error).toBeNull();
  });

  it('a card that always authenticates waits in requires_action when confirmed through the API', async () => {
    const si = await world.stripe.setupIntents.create({ customer: (await newCustomer()).id });
    const pending = await world.stripe.setupIntents.confirm(si.id, {
      payment_method: 'pm_card_authenticationRequired',
    });
    expect(pending.status).toBe('requires_action');
    expect(pending.next_action?.type).toBe('use_stripe_sdk');
  });

  it('failing authentication on the 3-D Secure page: requires_payment_method, setup_intent.setup_failed', async () => {
    const si = await world.stripe.setupIntents.create({ customer: (await newCustomer()).id });
    const pending = await world.stripe.setupIntents.confirm(si.id, {
      payment_method: 'pm_card_authenticationRequired',
      return_url: 'https://settle.test/back',
    });
    const url = pending.next_action!.redirect_to_url!.url!;
    const res = await postForm(url, { action: 'fail' });
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get('location')!);
    expect(back.searchParams.get('setup_intent')).toBe(si.id);
    expect(back.searchParams.get('redirect_status')).toBe('failed');
    const failed = await world.stripe.setupIntents.retrieve(si.id);
    expect(failed.status).toBe('requires_payment_method');
    expect(failed.last_setup_error?.code).toBe('setup_intent_authentication_failure');
    const ev = (await world.stripe.events.list({ type: 'setup_intent.setup_failed', limit: 1 })).data[0]!;
    expect((ev.data.object as Stripe.SetupIntent).id).toBe(si.id);
  });
});

describe('Checkout in setup mode (hosted page)', () => {
  it('saves a card through the form: 303 to success_url, completed session carrying setup_intent, webhooks', async () => {
    const rx = await startReceiver();
    const endpoint = await world.stripe.webhookEndpoints.create({
      url: rx.url,
      enabled_events: ['checkout.session.completed', 'setup_intent.succeeded', 'payment_method.attached'],
    });
    const c = await newCustomer();
    const s = await setupSession(c.id);
    expect(s).toMatchObject({
      mode: 'setup',
      status: 'open',
      payment_status: 'no_payment_required',
      amount_total: null,
      customer: c.id,
    });
    expect(s.url).toBe(`${world.emu.url}/checkout/pay/${s.id}`);
    expect(s.setup_intent).toMatch(/^seti_/);
    const html = await (await fetch(s.url!)).text();
    expect(html).toContain('Save a payment method');
    expect(html).toContain('value="4000000000000341"');
    expect(html).toContain('name="bank_routing_number"');
    const res = await postForm(s.url!, { test_card: '4000000000000341', name: 'Sam Setup' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`https://settle.test/saved?session=${s.id}`);
    const done = await world.stripe.checkout.sessions.retrieve(s.id, { expand: ['setup_intent.payment_method'] });
    expect(done.status).toBe('complete');
    const si = done.setup_intent as Stripe.SetupIntent;
    expect(si.status).toBe('succeeded');
    expect(si.metadata).toEqual({ purpose: 'autopay' });
    const pm = si.payment_method as Stripe.PaymentMethod;
    expect(pm.customer).toBe(c.id);
    expect(pm.card?.last4).toBe('0341');
    await rx.waitFor((r) => r.length >= 3);
    const events = rx.events();
    const completed = events.find((e) => e.type === 'checkout.session.completed')!;
    expect(completed.data.object.setup_intent).toBe(si.id);
    expect(completed.data.object.mode).toBe('setup');
    expect(events.find((e) => e.type === 'setup_intent.succeeded')!.data.object.id).toBe(si.id);
    expect(events.find((e) => e.type === 'payment_method.attached')!.data.object.id).toBe(pm.id);
    const again = await postForm(s.url!, { card_number: '4242424242424242' });
    expect(again.status).toBe(400);
    await world.stripe.webhookEndpoints.del(endpoint.id);
    await rx.close();
  });

  it('saves a US bank account (routing 110000000 / account 000123456789)', async () => {
    const c = await newCustomer();
    const s = await setupSession(c.id);
    const res = await postForm(s.url!, {
      payment_method_type: 'us_bank_account',
      bank_routing_number: '110000000',
      bank_account_number: '000123456789',
      name: 'Sam Setup',
    });
    expect(res.status).toBe(303);
    const [pm] = (await world.stripe.customers.listPaymentMethods(c.id, { type: 'us_bank_account' })).data;
    expect(pm?.us_bank_account).toMatchObject({
      last4: '6789',
      routing_number: '110000000',
      bank_name: 'STRIPE TEST BANK',
    });
  });

  it('a declined card shows the error (402) and keeps the session open; cancel on the SetupIntent is refused', async () => {
    const s = await setupSession((await newCustomer()).id);
    const res = await postForm(s.url!, { card_number: '4000 0000 0000 0002' });
    expect(res.status).toBe(402);
    expect(await res.text()).toContain('Your card was declined.');
    expect((await world.stripe.checkout.sessions.retrieve(s.id)).status).toBe('open');
    const err = await stripeError(world.stripe.setupIntents.cancel(s.setup_intent as string));
    expect(err.statusCode).toBe(400);
    const expired = await world.stripe.checkout.sessions.expire(s.id);
    expect(expired.status).toBe('expired');
    expect((await world.stripe.setupIntents.retrieve(s.setup_intent as string)).status).toBe('canceled');
  });

  it('line_items are refused in setup mode', async () => {
    const err = await stripeError(
      world.stripe.checkout.sessions.create({
        mode: 'setup',
        success_url: 'https://x.test',
        line_items: [{ price_data: { currency: 'usd', unit_amount: 100, product_data: { name: 'x' } }, quantity: 1 }],
      }),
    );
    expect(err.param).toBe('line_items');
  });
});
