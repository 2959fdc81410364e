import { describe, it, expect } from 'vitest';
import Stripe from 'stripe';
import { emulatorForFile } from '../file-emulator.test-support.js';
import { postForm, stripeError } from '../testing.js';

const world = emulatorForFile('sk_test_off_session');

/** A customer with `pm` attached (directly, not through a SetupIntent). */
async function customerWith(pm: string) {
  const c = await world.stripe.customers.create({ email: 'later@example.com' });
  const attached = await world.stripe.paymentMethods.attach(pm, { customer: c.id });
  return { customer: c, pm: attached };
}

const charge = (customer: string, pm: string, amount = 10000, idempotencyKey?: string) =>
  world.stripe.paymentIntents.create(
    {
      amount,
      currency: 'usd',
      customer,
      payment_method: pm,
      off_session: true,
      confirm: true,
      metadata: { order: 'o-1' },
    },
    idempotencyKey ? { idempotencyKey } : undefined,
  );

const lastEvent = async (type: string) => (await world.stripe.events.list({ type, limit: 1 })).data[0]!;

describe('off-session PaymentIntents', () => {
  it('succeeds with a saved card: charge, balance transaction with fee, payment_intent.succeeded + charge.succeeded', async () => {
    const { customer, pm } = await customerWith('pm_card_visa');
    const pi = await charge(customer.id, pm.id);
    expect(pi.status).toBe('succeeded');
    expect(pi.amount_received).toBe(10000);
    const ch = await world.stripe.charges.retrieve(pi.latest_charge as string, { expand: ['balance_transaction'] });
    expect(ch.payment_method).toBe(pm.id);
    expect((ch.balance_transaction as Stripe.BalanceTransaction).fee).toBe(320);
    expect(((await lastEvent('payment_intent.succeeded')).data.object as Stripe.PaymentIntent).id).toBe(pi.id);
    expect(((await lastEvent('charge.succeeded')).data.object as Stripe.Charge).id).toBe(ch.id);
  });

  it('4000000000000341 attaches but the charge declines: StripeCardError card_declined, PI requires_payment_method', async () => {
    const { customer, pm } = await customerWith('pm_card_chargeCustomerFail');
    const err = (await stripeError(charge(customer.id, pm.id))) as Stripe.errors.StripeCardError;
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err.statusCode).toBe(402);
    expect(err.code).toBe('card_declined');
    expect(err.decline_code).toBe('generic_decline');
    const pi = err.payment_intent!;
    expect(pi.status).toBe('requires_payment_method');
    expect(pi.last_payment_error?.code).toBe('card_declined');
    expect((await world.stripe.paymentIntents.retrieve(pi.id)).status).toBe('requires_payment_method');
    const failed = (await lastEvent('payment_intent.payment_failed')).data.object as Stripe.PaymentIntent;
    expect(failed.id).toBe(pi.id);
  });

  it('4000002760003184 (pm_card_authenticationRequired) declines off-session with authentication_required', async () => {
    const { customer, pm } = await customerWith('pm_card_authenticationRequired');
    expect(pm.card?.last4).toBe('3184');
    const err = (await stripeError(charge(customer.id, pm.id))) as Stripe.errors.StripeCardError;
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err.code).toBe('authentication_required');
    expect(err.decline_code).toBe('authentication_required');
    expect(err.payment_intent?.status).toBe('requires_payment_method');
    const failed = (await lastEvent('payment_intent.payment_failed')).data.object as Stripe.PaymentIntent;
    expect(failed.id).toBe(err.payment_intent!.id);
    expect(failed.last_payment_error?.code).toBe('authentication_required');
  });

  it('on-session, a card asking for 3-D Secure leaves the PaymentIntent in requires_action', async () => {
    const { customer, pm } = await customerWith('pm_card_authenticationRequired');
    const pi = await world.stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      customer: customer.id,
      payment_method: pm.id,
      confirm: true,
    });
    expect(pi.status).toBe('requires_action');
    expect(pi.next_action?.type).toBe('use_stripe_sdk');
    expect(pi.latest_charge).toBeNull();
  });

  it('with a return_url, requires_action redirects to the 3-D Secure page; completing it pays', async () => {
    const { customer, pm } = await customerWith('pm_card_authenticationRequired');
    const pi = await world.stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      customer: customer.id,
      payment_method: pm.id,
      confirm: true,
      return_url: 'https://settle.test/back',
    });
    expect(pi.status).toBe('requires_action');
    const redirect = pi.next_action?.redirect_to_url;
    expect(redirect?.return_url).toBe('https://settle.test/back');
    expect(redirect?.url).toBe(`${world.emu.url}/hosted/authenticate/${pi.id}`);
    expect(await (await fetch(redirect!.url!)).text()).toContain('Complete authentication');
    const res = await postForm(redirect!.url!, { action: 'complete' });
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get('location')!);
    expect(back.origin + back.pathname).toBe('https://settle.test/back');
    expect(back.searchParams.get('payment_intent')).toBe(pi.id);
    expect(back.searchParams.get('redirect_status')).toBe('succeeded');
    const paid = await world.stripe.paymentIntents.retrieve(pi.id);
    expect(paid.status).toBe('succeeded');
    expect(paid.next_action).toBeNull();
  });

  it('4000002500003155 needs authentication unless set up with a SetupIntent', async () => {
    const attachedOnly = await customerWith('pm_card_authenticationRequiredOnSetup');
    const err = await stripeError(charge(attachedOnly.customer.id, attachedOnly.pm.id));
    expect(err.code).toBe('authentication_required');
    const c = await world.stripe.customers.create({});
    const si = await world.stripe.setupIntents.create({ customer: c.id });
    const pending = await world.stripe.setupIntents.confirm(si.id, {
      payment_method: 'pm_card_authenticationRequiredOnSetup',
    });
    // Authentication is asked at setup; the API cannot complete it, so save it through the hosted page instead.
    expect(pending.status).toBe('requires_action');
    const s = await world.stripe.checkout.sessions.create({
      mode: 'setup',
      customer: c.id,
      success_url: 'https://x.test/ok',
    });
    const res = await fetch(s.url!, {
      method: 'POST',
      body: new URLSearchParams({ test_card: '4000002500003155' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const done = await world.stripe.setupIntents.retrieve(s.setup_intent as string);
    expect(done.status).toBe('succeeded');
    const pi = await charge(c.id, done.payment_method as string);
    expect(pi.status).toBe('succeeded');
  });

  it('off_session without confirm is refused, naming the param', async () => {
    const { customer, pm } = await customerWith('pm_card_visa');
    const err = await stripeError(
      world.stripe.paymentIntents.create({
        amount: 5000,
        currency: 'usd',
        customer: customer.id,
        payment_method: pm.id,
        off_session: true,
      }),
    );
    expect(err.statusCode).toBe(400);
    expect(err.param).toBe('off_session');
  });

  it('a reused idempotency key replays the charge (or the decline); with another amount it is refused, nothing charged', async () => {
    for (const card of ['pm_card_visa', 'pm_card_chargeCustomerFail']) {
      const { customer, pm } = await customerWith(card);
      const key = `charge-${card}-${Date.now()}`;
      const first = await charge(customer.id, pm.id, 10000, key).catch(
        (e: Stripe.errors.StripeCardError) => e.payment_intent!,
      );
      const again = await charge(customer.id, pm.id, 10000, key).catch(
        (e: Stripe.errors.StripeCardError) => e.payment_intent!,
      );
      expect(again.id).toBe(first.id);
      const other = await stripeError(charge(customer.id, pm.id, 7000, key));
      expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
      expect(other.statusCode).toBe(400);
      expect(other.message).toMatch(/same parameters they were first used with/);
      // The earlier charge is found again by listing the customer's PaymentIntents (created bound, metadata).
      const listed = await world.stripe.paymentIntents.list({
        customer: customer.id,
        created: { gte: first.created },
        expand: ['data.latest_charge'],
      });
      expect(listed.data.map((pi) => [pi.id, pi.amount, pi.metadata.order])).toEqual([[first.id, 10000, 'o-1']]);
      expect(typeof listed.data[0]!.latest_charge).toBe('object');
    }
  });
});
