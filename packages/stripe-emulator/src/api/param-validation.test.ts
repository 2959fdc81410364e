import { describe, it, expect } from 'vitest';
import Stripe from 'stripe';
import { emulatorForFile } from '../file-emulator.test-support.js';
import { stripeError } from '../testing.js';

const world = emulatorForFile('sk_test_params');

/** The raw error body, to compare it with Stripe's exactly. */
async function rawError(path: string, form: string) {
  const res = await fetch(`${world.emu.url}${path}`, {
    method: 'POST',
    headers: { Authorization: 'Bearer sk_test_raw', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  return { status: res.status, error: ((await res.json()) as { error: Record<string, unknown> }).error };
}

describe('nested parameters (issue #16)', () => {
  it('rejects an unknown key inside a hash with 400 parameter_unknown naming the bracketed param', async () => {
    const err = await stripeError(
      world.stripe.customers.create({ address: { line1: '1 Main St', zzz: 'x' } } as Stripe.CustomerCreateParams),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('parameter_unknown');
    expect(err.param).toBe('address[zzz]');
    expect(err.message).toBe('Received unknown parameter: address[zzz]');
    const { status, error } = await rawError('/v1/customers', 'address[zzz]=x');
    expect(status).toBe(400);
    expect(error).toMatchObject({
      type: 'invalid_request_error',
      code: 'parameter_unknown',
      param: 'address[zzz]',
      message: 'Received unknown parameter: address[zzz]',
      doc_url: 'https://stripe.com/docs/error-codes/parameter-unknown',
    });
  });

  it('rejects an unknown key inside an array of hashes (line_items[0][price_data][bogus])', async () => {
    const err = await stripeError(
      world.stripe.checkout.sessions.create({
        mode: 'payment',
        success_url: 'https://example.com/ok',
        line_items: [
          {
            price_data: {
              currency: 'usd',
              unit_amount: 500,
              product_data: { name: 'A' },
              bogus: 1,
            } as Stripe.Checkout.SessionCreateParams.LineItem.PriceData,
            quantity: 1,
          },
        ],
      } as Stripe.Checkout.SessionCreateParams),
    );
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('parameter_unknown');
    expect(err.param).toBe('line_items[0][price_data][bogus]');
    expect(err.message).toBe('Received unknown parameter: line_items[0][price_data][bogus]');
  });

  it('accepts every nested key the API version has, and free-form metadata keys', async () => {
    const c = await world.stripe.customers.create({
      address: { line1: '1 Main St', city: 'Austin', country: 'US' },
      invoice_settings: { footer: 'Thanks', custom_fields: [{ name: 'PO', value: '42' }] },
      metadata: { anything_goes: 'yes' },
    });
    expect(c.address?.city).toBe('Austin');
    expect(c.invoice_settings.footer).toBe('Thanks');
  });

  it('refuses a currency code that is no currency with 400 naming currency; takes a real one in any case', async () => {
    const err = await stripeError(world.stripe.paymentIntents.create({ amount: 1000, currency: 'xyz' }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect([err.statusCode, err.param]).toEqual([400, 'currency']);
    expect(err.message).toMatch(/^Invalid currency: xyz\./);
    const price = await stripeError(
      world.stripe.prices.create({ currency: 'abc', unit_amount: 100, product_data: { name: 'x' } }),
    );
    expect([price.statusCode, price.param]).toEqual([400, 'currency']);
    const pi = await world.stripe.paymentIntents.create({ amount: 1000, currency: 'CHF' });
    expect(pi.currency).toBe('chf');
  });
});

describe('objects named in parameters (issue #16)', () => {
  it('answers a missing object in a parameter with 400 resource_missing; 404 stays for the path object', async () => {
    const err = await stripeError(
      world.stripe.invoices.create({ customer: 'cus_nope', collection_method: 'send_invoice', days_until_due: 30 }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('resource_missing');
    expect(err.param).toBe('customer');
    expect(err.message).toBe("No such customer: 'cus_nope'");
    const refund = await stripeError(world.stripe.refunds.create({ charge: 'ch_nope' }));
    expect([refund.statusCode, refund.code, refund.param]).toEqual([400, 'resource_missing', 'charge']);
    const path = await stripeError(world.stripe.customers.update('cus_nope', { name: 'x' }));
    expect([path.statusCode, path.code, path.param]).toEqual([404, 'resource_missing', 'id']);
  });
});
