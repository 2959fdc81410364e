import { describe, it, expect } from 'vitest';
import Stripe from 'stripe';
import { emulatorForFile } from '../file-emulator.test-support.js';
import { stripeError } from '../testing.js';

const world = emulatorForFile('sk_test_capture');

const types = async (n: number) => (await world.stripe.events.list({ limit: n })).data.map((e) => e.type).reverse();

/** A $50 card payment authorized, not captured. */
const heldPayment = () =>
  world.stripe.paymentIntents.create({
    amount: 5000,
    currency: 'usd',
    capture_method: 'manual',
    payment_method: 'pm_card_visa',
    confirm: true,
  });

describe('capture_method=manual (issue #16)', () => {
  it('confirming only authorizes: requires_capture, charge succeeded uncaptured, no money moved yet', async () => {
    const pi = await heldPayment();
    expect(pi.capture_method).toBe('manual');
    expect(pi.status).toBe('requires_capture');
    expect(pi.amount_capturable).toBe(5000);
    expect(pi.amount_received).toBe(0);
    const ch = await world.stripe.charges.retrieve(pi.latest_charge as string);
    expect(ch).toMatchObject({ status: 'succeeded', paid: true, captured: false, amount_captured: 0 });
    expect(ch.balance_transaction).toBeNull();
    expect(await types(2)).toEqual(['charge.succeeded', 'payment_intent.amount_capturable_updated']);
    const early = await stripeError(world.stripe.refunds.create({ charge: ch.id }));
    expect(early.statusCode).toBe(400);
  });

  it('capturing less than authorized moves that amount and releases the rest', async () => {
    const pi = await heldPayment();
    const captured = await world.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 3000 });
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 3000, amount_capturable: 0 });
    const ch = await world.stripe.charges.retrieve(pi.latest_charge as string, { expand: ['balance_transaction'] });
    expect(ch).toMatchObject({ captured: true, amount_captured: 3000, amount_refunded: 2000, refunded: false });
    expect((ch.balance_transaction as Stripe.BalanceTransaction).amount).toBe(3000);
    expect(await types(2)).toEqual(['charge.captured', 'payment_intent.succeeded']);
    const again = await stripeError(world.stripe.paymentIntents.capture(pi.id));
    expect([again.statusCode, again.code]).toEqual([400, 'payment_intent_unexpected_state']);
    const refund = await world.stripe.refunds.create({ charge: ch.id });
    expect(refund.amount).toBe(3000);
  });

  it('refuses to capture more than authorized; canceling releases the whole authorization', async () => {
    const pi = await heldPayment();
    const tooMuch = await stripeError(world.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 5001 }));
    expect([tooMuch.statusCode, tooMuch.param]).toEqual([400, 'amount_to_capture']);
    const canceled = await world.stripe.paymentIntents.cancel(pi.id);
    expect(canceled).toMatchObject({ status: 'canceled', amount_capturable: 0, amount_received: 0 });
    const ch = await world.stripe.charges.retrieve(pi.latest_charge as string);
    expect(ch).toMatchObject({ captured: false, refunded: true, amount_refunded: 5000 });
  });

  it('refuses manual capture for a bank debit, which has no authorization to hold', async () => {
    const pi = await world.stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      capture_method: 'manual',
      allowed_payment_method_types: ['us_bank_account'],
    });
    const err = await stripeError(world.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_usBankAccount' }));
    expect([err.statusCode, err.param]).toEqual([400, 'capture_method']);
  });
});

describe('setup_future_usage (issue #16)', () => {
  it('saves the payment method to the customer only when asked', async () => {
    const customer = await world.stripe.customers.create({ email: 'saver@example.com' });
    const saved = await world.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      customer: customer.id,
      setup_future_usage: 'off_session',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    expect(saved.setup_future_usage).toBe('off_session');
    const pm = await world.stripe.paymentMethods.retrieve(saved.payment_method as string);
    expect(pm.customer).toBe(customer.id);
    expect(
      (await world.stripe.events.list({ type: 'payment_method.attached', limit: 1 })).data[0]!.data.object,
    ).toMatchObject({
      id: pm.id,
    });
    const once = await world.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      customer: customer.id,
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    expect(once.setup_future_usage).toBeNull();
    expect((await world.stripe.paymentMethods.retrieve(once.payment_method as string)).customer).toBeNull();
  });

  it('refuses a value Stripe does not have', async () => {
    const err = await stripeError(
      world.stripe.paymentIntents.create({
        amount: 1000,
        currency: 'usd',
        setup_future_usage: 'forever' as 'off_session',
      }),
    );
    expect([err.statusCode, err.param]).toEqual([400, 'setup_future_usage']);
  });
});
