import { describe, it, expect } from 'vitest';
import Stripe from 'stripe';
import { emulatorForFile } from '../file-emulator.test-support.js';
import { stripeError } from '../testing.js';

const world = emulatorForFile('sk_test_payment_methods');

const customer = () => world.stripe.customers.create({ email: 'saver@example.com' });

describe('payment methods', () => {
  it('creates from test tokens, masked like Stripe; attaching pm_card_visa makes a new PaymentMethod', async () => {
    const pm = await world.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_mastercard' } });
    expect(pm.id).toMatch(/^pm_1/);
    expect(pm.customer).toBeNull();
    expect(pm.card).toMatchObject({ brand: 'mastercard', last4: '4444', exp_month: 12 });
    expect(pm.card!.exp_year).toBeGreaterThan(new Date().getUTCFullYear());
    expect(pm.card!.fingerprint).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(JSON.stringify(pm)).not.toContain('5555555555554444');
    const c = await customer();
    const attached = await world.stripe.paymentMethods.attach('pm_card_visa', { customer: c.id });
    expect(attached.id).not.toBe('pm_card_visa');
    expect(attached.customer).toBe(c.id);
    expect(attached.card).toMatchObject({ brand: 'visa', last4: '4242' });
    const retrieved = await world.stripe.paymentMethods.retrieve(attached.id);
    expect(retrieved.customer).toBe(c.id);
    const err = await stripeError(world.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_nope' } }));
    expect(err.statusCode).toBe(400);
    expect(err.param).toBe('card[token]');
  });

  it('a US bank account shows bank_name, last4 and routing_number', async () => {
    const pm = await world.stripe.paymentMethods.create({
      type: 'us_bank_account',
      us_bank_account: {
        routing_number: '110000000',
        account_number: '000123456789',
        account_holder_type: 'individual',
      },
      billing_details: { name: 'Jane Saver' },
    });
    expect(pm.us_bank_account).toMatchObject({
      bank_name: 'STRIPE TEST BANK',
      last4: '6789',
      routing_number: '110000000',
    });
    expect(pm.billing_details.name).toBe('Jane Saver');
  });

  it('lists by customer and type, customers.listPaymentMethods, retrievePaymentMethod', async () => {
    const c = await customer();
    const card = await world.stripe.paymentMethods.attach('pm_card_visa', { customer: c.id });
    const bank = await world.stripe.paymentMethods.create({
      type: 'us_bank_account',
      us_bank_account: { routing_number: '110000000', account_number: '000123456789' },
      billing_details: { name: 'Jane' },
    });
    await world.stripe.paymentMethods.attach(bank.id, { customer: c.id });
    await world.stripe.paymentMethods.attach('pm_card_mastercard', { customer: (await customer()).id });
    const cards = await world.stripe.paymentMethods.list({ customer: c.id, type: 'card' });
    expect(cards.data.map((p) => p.id)).toEqual([card.id]);
    const all = await world.stripe.customers.listPaymentMethods(c.id);
    expect(all.data.map((p) => p.id)).toEqual([bank.id, card.id]);
    const banks = await world.stripe.customers.listPaymentMethods(c.id, { type: 'us_bank_account' });
    expect(banks.data.map((p) => p.id)).toEqual([bank.id]);
    expect((await world.stripe.customers.retrievePaymentMethod(c.id, card.id)).id).toBe(card.id);
  });

  it('default payment method: only an attached one, expandable; detaching it clears it (payment_method.detached)', async () => {
    const c = await customer();
    const visa = await world.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } });
    const notAttached = await stripeError(
      world.stripe.customers.update(c.id, { invoice_settings: { default_payment_method: visa.id } }),
    );
    expect(notAttached.statusCode).toBe(400);
    expect(notAttached.param).toBe('invoice_settings[default_payment_method]');
    await world.stripe.paymentMethods.attach(visa.id, { customer: c.id });
    await world.stripe.customers.update(c.id, { invoice_settings: { default_payment_method: visa.id } });
    const expanded = (await world.stripe.customers.retrieve(c.id, {
      expand: ['invoice_settings.default_payment_method'],
    })) as Stripe.Customer;
    const dpm = expanded.invoice_settings.default_payment_method as Stripe.PaymentMethod;
    expect(dpm.id).toBe(visa.id);
    expect(dpm.card?.last4).toBe('4242');
    const detached = await world.stripe.paymentMethods.detach(visa.id);
    expect(detached.customer).toBeNull();
    const after = (await world.stripe.customers.retrieve(c.id)) as Stripe.Customer;
    expect(after.invoice_settings.default_payment_method).toBeNull();
    const ev = (await world.stripe.events.list({ type: 'payment_method.detached', limit: 1 })).data[0]!;
    expect((ev.data.object as Stripe.PaymentMethod).id).toBe(visa.id);
    expect(ev.data.previous_attributes).toEqual({ customer: c.id });
    const again = await stripeError(world.stripe.paymentMethods.detach(visa.id));
    expect(again.statusCode).toBe(400);
  });

  it('a declining card does not attach; 4000000000000341 (pm_card_chargeCustomerFail) does', async () => {
    const c = await customer();
    const err = await stripeError(world.stripe.paymentMethods.attach('pm_card_chargeDeclined', { customer: c.id }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err.code).toBe('card_declined');
    const ok = await world.stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: c.id });
    expect(ok.card?.last4).toBe('0341');
    expect(ok.customer).toBe(c.id);
    const attachedEvents = await world.stripe.events.list({ type: 'payment_method.attached', limit: 1 });
    expect((attachedEvents.data[0]!.data.object as Stripe.PaymentMethod).id).toBe(ok.id);
  });

  it('customers.create with payment_method and a default; balance transactions change the balance', async () => {
    const c = await world.stripe.customers.create({
      payment_method: 'pm_card_visa',
      email: 'x@example.com',
    });
    const [pm] = (await world.stripe.customers.listPaymentMethods(c.id)).data;
    expect(pm?.card?.last4).toBe('4242');
    const credit = await world.stripe.customers.createBalanceTransaction(c.id, {
      amount: -2500,
      currency: 'usd',
      description: 'Goodwill credit',
    });
    expect(credit).toMatchObject({
      object: 'customer_balance_transaction',
      amount: -2500,
      ending_balance: -2500,
      type: 'adjustment',
      customer: c.id,
      currency: 'usd',
    });
    await world.stripe.customers.createBalanceTransaction(c.id, { amount: 500, currency: 'usd' });
    const after = (await world.stripe.customers.retrieve(c.id)) as Stripe.Customer;
    expect(after.balance).toBe(-2000);
    const listed = await world.stripe.customers.listBalanceTransactions(c.id);
    expect(listed.data.map((t) => t.amount)).toEqual([500, -2500]);
    expect((await world.stripe.customers.retrieveBalanceTransaction(c.id, credit.id)).description).toBe(
      'Goodwill credit',
    );
    const wrong = await stripeError(
      world.stripe.customers.createBalanceTransaction(c.id, { amount: 1, currency: 'eur' }),
    );
    expect(wrong.param).toBe('currency');
  });
});
