import { describe, it, expect } from 'vitest';
import { emulatorForFile } from '../file-emulator.test-support.js';
import { stripeError } from '../testing.js';

const world = emulatorForFile('sk_test_three_decimal');

/** Stripe takes BHD, JOD, KWD, OMR and TND only in steps of 10 minor units, wherever an amount goes in. */
describe('three-decimal currencies', () => {
  it('refuses a PaymentIntent of 12.345 KWD naming amount, and takes 12.340 KWD', async () => {
    const err = await stripeError(world.stripe.paymentIntents.create({ amount: 12345, currency: 'kwd' }));
    expect(err).toMatchObject({ type: 'StripeInvalidRequestError', param: 'amount', statusCode: 400 });
    expect(err.message).toContain('nearest ten');
    expect(err.message).toContain('12340 or 12350');
    for (const currency of ['bhd', 'jod', 'omr', 'tnd'])
      expect((await stripeError(world.stripe.paymentIntents.create({ amount: 12345, currency }))).param).toBe('amount');
    const ok = await world.stripe.paymentIntents.create({ amount: 12340, currency: 'kwd' });
    expect(ok.amount).toBe(12340);
    expect((await stripeError(world.stripe.paymentIntents.update(ok.id, { amount: 12341 }))).param).toBe('amount');
    // Two-decimal and zero-decimal currencies keep taking any digit.
    expect((await world.stripe.paymentIntents.create({ amount: 12345, currency: 'usd' })).amount).toBe(12345);
    expect((await world.stripe.paymentIntents.create({ amount: 12345, currency: 'jpy' })).amount).toBe(12345);
  });

  it('refuses a PaymentIntent of nothing, in a currency with no listed minimum too', async () => {
    const err = await stripeError(world.stripe.paymentIntents.create({ amount: 0, currency: 'kwd' }));
    expect(err).toMatchObject({ type: 'StripeInvalidRequestError', param: 'amount', code: 'amount_too_small' });
    expect(err.message).toBe('Amount must be at least 0.001 kwd');
  });

  it('refuses such amounts on prices, Checkout line items, invoice items and refunds', async () => {
    const product = await world.stripe.products.create({ name: 'Invoice' });
    expect(
      (await stripeError(world.stripe.prices.create({ currency: 'kwd', product: product.id, unit_amount: 12345 })))
        .param,
    ).toBe('unit_amount');
    expect(
      (
        await stripeError(
          world.stripe.prices.create({
            currency: 'kwd',
            product: product.id,
            custom_unit_amount: { enabled: true, minimum: 1000, preset: 12345 },
          }),
        )
      ).param,
    ).toBe('custom_unit_amount[preset]');
    const session = await stripeError(
      world.stripe.checkout.sessions.create({
        mode: 'payment',
        success_url: 'https://settle.test/ok',
        line_items: [{ quantity: 1, price_data: { currency: 'kwd', unit_amount: 12345, product_data: { name: 'x' } } }],
      }),
    );
    expect(session.param).toBe('line_items[0][price_data][unit_amount]');
    const customer = await world.stripe.customers.create({ name: 'Kuwait client' });
    const item = await stripeError(
      world.stripe.invoiceItems.create({ customer: customer.id, currency: 'kwd', amount: 12345 }),
    );
    expect(item.param).toBe('amount');
    const pi = await world.stripe.paymentIntents.create({
      amount: 12340,
      currency: 'kwd',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    expect(pi.status).toBe('succeeded');
    const refund = await stripeError(world.stripe.refunds.create({ payment_intent: pi.id, amount: 5 }));
    expect(refund.param).toBe('amount');
    expect((await world.stripe.refunds.create({ payment_intent: pi.id, amount: 10 })).amount).toBe(10);
  });
});
