import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import Stripe from 'stripe';
import type { StripeEmulator } from '../index.js';
import { startEmulator, sdk, postForm, control } from '../testing.js';

let emu: StripeEmulator;
let stripe: Stripe;
const now = () => Math.floor(Date.now() / 1000);
beforeAll(async () => {
  emu = await startEmulator();
  stripe = sdk(emu, 'sk_test_checkout');
});
afterAll(async () => emu.close());

async function session(extra: Partial<Stripe.Checkout.SessionCreateParams> = {}, unitAmount = 2500) {
  return stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [
      {
        price_data: { currency: 'usd', unit_amount: unitAmount, product_data: { name: 'Invoice INV-1' } },
        quantity: 1,
      },
    ],
    success_url: 'https://settle.test/paid?session={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://settle.test/cancel',
    metadata: { invoice_ref: 'INV-1' },
    payment_intent_data: { metadata: { invoice_ref: 'INV-1' } },
    ...extra,
  });
}

describe('checkout sessions', () => {
  it('validates expires_at between 30 minutes and 24 hours', async () => {
    for (const bad of [now() + 29 * 60, now() + 25 * 3600]) {
      const err = (await session({ expires_at: bad }).catch((e: unknown) => e)) as Stripe.errors.StripeError;
      expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(err.statusCode).toBe(400);
      expect(err.param).toBe('expires_at');
    }
    const ok = await session({ expires_at: now() + 31 * 60 });
    expect(ok.status).toBe('open');
    expect(ok.payment_status).toBe('unpaid');
    expect(ok.url).toBe(`${emu.url}/checkout/pay/${ok.id}`);
    expect(ok.success_url).toBe('https://settle.test/paid?session={CHECKOUT_SESSION_ID}');
    expect((await session()).expires_at).toBeGreaterThanOrEqual(now() + 86400 - 5);
  });

  it("refuses a total under the currency's minimum charge, as Stripe does (USD 0.50, GBP 0.30, JPY 50)", async () => {
    const err = (await session({}, 49).catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err).toMatchObject({ code: 'amount_too_small', param: 'line_items' });
    expect(err.message).toContain('at least $0.50 usd');
    expect((await session({}, 50)).amount_total).toBe(50);
    const created = (currency: string, amount: number) =>
      stripe.paymentIntents.create({ amount, currency }).then(
        (pi) => pi.amount,
        (e: Stripe.errors.StripeError) => e.code,
      );
    expect([
      await created('gbp', 29),
      await created('gbp', 30),
      await created('jpy', 49),
      await created('jpy', 50),
    ]).toEqual(['amount_too_small', 30, 'amount_too_small', 50]);
    // A custom-amount price may not let the payer enter less than the minimum either.
    const price = (minimum: number) =>
      stripe.prices
        .create({ currency: 'usd', product_data: { name: 'Invoice' }, custom_unit_amount: { enabled: true, minimum } })
        .then(
          (p) => p.custom_unit_amount?.minimum,
          (e: Stripe.errors.StripeError) => `${e.code} ${e.param}`,
        );
    expect([await price(30), await price(50)]).toEqual(['amount_too_small custom_unit_amount[minimum]', 50]);
  });

  it('pays by form POST with 4242: redirects to success_url and emits completed with metadata', async () => {
    const s = await session();
    const res = await postForm(s.url!, {
      card_number: '4242 4242 4242 4242',
      email: 'payer@example.com',
      name: 'Pat Payer',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`https://settle.test/paid?session=${s.id}`);
    const done = await stripe.checkout.sessions.retrieve(s.id, {
      expand: ['payment_intent.latest_charge', 'line_items'],
    });
    expect(done.status).toBe('complete');
    expect(done.payment_status).toBe('paid');
    // Stripe: `url` "is only present when the session is active".
    expect(done.url).toBeNull();
    expect(done.amount_total).toBe(2500);
    expect(done.customer_details?.email).toBe('payer@example.com');
    expect(done.line_items?.data[0]?.amount_total).toBe(2500);
    const pi = done.payment_intent as Stripe.PaymentIntent;
    expect(pi.metadata).toEqual({ invoice_ref: 'INV-1' });
    expect(pi.amount_received).toBe(2500);
    expect((pi.latest_charge as Stripe.Charge).paid).toBe(true);
    const completed = await stripe.events.list({ type: 'checkout.session.completed', limit: 1 });
    const obj = completed.data[0]!.data.object as Stripe.Checkout.Session;
    expect(obj.id).toBe(s.id);
    expect(obj.metadata).toEqual({ invoice_ref: 'INV-1' });
    expect(obj.payment_status).toBe('paid');
    expect(obj.url).toBeNull();
    const again = await postForm(s.url!, { card_number: '4242424242424242' });
    expect(again.status).toBe(400);
  });

  it('partial payment through custom_unit_amount bounds', async () => {
    const product = await stripe.products.create({ name: 'Invoice INV-2 (partial)' });
    const price = await stripe.prices.create({
      currency: 'usd',
      product: product.id,
      custom_unit_amount: { enabled: true, minimum: 1000, maximum: 50000, preset: 50000 },
    });
    expect(price.unit_amount).toBeNull();
    expect(price.custom_unit_amount).toEqual({ minimum: 1000, maximum: 50000, preset: 50000 });
    const s = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: 'https://settle.test/ok',
    });
    const html = await (await fetch(s.url!)).text();
    expect(html).toContain('name="custom_amount"');
    expect(html).toContain('min="10.00"');
    expect(html).toContain('max="500.00"');
    const tooBig = await postForm(s.url!, { custom_amount: '600.00', card_number: '4242424242424242' });
    expect(tooBig.status).toBe(400);
    expect(await tooBig.text()).toContain('Amount must be between');
    const ok = await postForm(s.url!, { custom_amount: '125.50', card_number: '4242424242424242' });
    expect(ok.status).toBe(303);
    const done = await stripe.checkout.sessions.retrieve(s.id, { expand: ['payment_intent'] });
    expect(done.amount_total).toBe(12550);
    expect((done.payment_intent as Stripe.PaymentIntent).amount_received).toBe(12550);
  });

  it('a declined card shows the error, keeps the session open, emits failure events; retry succeeds', async () => {
    const s = await session();
    const res = await postForm(s.url!, { card_number: '4000 0000 0000 0002' });
    expect(res.status).toBe(402);
    expect(await res.text()).toContain('Your card was declined.');
    const open = await stripe.checkout.sessions.retrieve(s.id);
    expect(open.status).toBe('open');
    const failed = await stripe.events.list({ types: ['payment_intent.payment_failed', 'charge.failed'], limit: 2 });
    expect(failed.data.map((e) => e.type).sort()).toEqual(['charge.failed', 'payment_intent.payment_failed']);
    const failedPi = failed.data.find((e) => e.type === 'payment_intent.payment_failed')!.data
      .object as Stripe.PaymentIntent;
    expect(failedPi.id).toBe(open.payment_intent);
    expect(failedPi.last_payment_error?.decline_code).toBe('generic_decline');
    const ok = await postForm(s.url!, { card_number: '4242424242424242' });
    expect(ok.status).toBe(303);
    const done = await stripe.checkout.sessions.retrieve(s.id);
    expect(done.payment_intent).toBe(open.payment_intent); // same PI reused across attempts
    expect(done.payment_status).toBe('paid');
  });

  it('US bank account completes as unpaid, then async_payment_succeeded (control API) or failed', async () => {
    const s = await session();
    const res = await postForm(s.url!, { payment_method_type: 'us_bank_account', bank_account_number: '000123456789' });
    expect(res.status).toBe(303);
    const unpaid = await stripe.checkout.sessions.retrieve(s.id);
    expect(unpaid.status).toBe('complete');
    expect(unpaid.payment_status).toBe('unpaid');
    expect((await stripe.paymentIntents.retrieve(unpaid.payment_intent as string)).status).toBe('processing');
    const r = await control<{ settled: string[] }>(emu, '/async-payments/advance', { checkout_session: s.id });
    expect(r.settled).toEqual([unpaid.payment_intent]);
    expect((await stripe.checkout.sessions.retrieve(s.id)).payment_status).toBe('paid');
    const ev = await stripe.events.list({ type: 'checkout.session.async_payment_succeeded', limit: 1 });
    expect((ev.data[0]!.data.object as Stripe.Checkout.Session).id).toBe(s.id);
    const pi = await stripe.paymentIntents.retrieve(unpaid.payment_intent as string, {
      expand: ['latest_charge.balance_transaction'],
    });
    expect(((pi.latest_charge as Stripe.Charge).balance_transaction as Stripe.BalanceTransaction).fee).toBe(
      Math.min(Math.round(2500 * 0.008), 500),
    );

    const s2 = await session();
    await postForm(s2.url!, { payment_method_type: 'us_bank_account', bank_account_number: '000111111113' });
    await control(emu, '/async-payments/advance', { checkout_session: s2.id });
    const ev2 = await stripe.events.list({ type: 'checkout.session.async_payment_failed', limit: 1 });
    expect((ev2.data[0]!.data.object as Stripe.Checkout.Session).id).toBe(s2.id);
    expect((await stripe.checkout.sessions.retrieve(s2.id)).payment_status).toBe('unpaid');
  });

  it('settles a bank payment automatically after the configured delay', async () => {
    const fast = await startEmulator({ asyncPaymentDelayMs: 100 });
    try {
      const st = sdk(fast, 'sk_test_fast');
      const s = await st.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ price_data: { currency: 'usd', unit_amount: 1000, product_data: { name: 'x' } }, quantity: 1 }],
      });
      await postForm(s.url!, { payment_method_type: 'us_bank_account' });
      await new Promise((r) => setTimeout(r, 300));
      expect((await st.checkout.sessions.retrieve(s.id)).payment_status).toBe('paid');
    } finally {
      await fast.close();
    }
  });

  it('expire and list', async () => {
    const s = await session();
    const expired = await stripe.checkout.sessions.expire(s.id);
    expect(expired.status).toBe('expired');
    expect(expired.url).toBeNull();
    const err = (await stripe.checkout.sessions.expire(s.id).catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(err.statusCode).toBe(400);
    expect(
      (
        (await stripe.events.list({ type: 'checkout.session.expired', limit: 1 })).data[0]!.data
          .object as Stripe.Checkout.Session
      ).id,
    ).toBe(s.id);
    const page = await postForm(s.url!, { card_number: '4242424242424242' });
    expect(page.status).toBe(400);
    const listed = await stripe.checkout.sessions.list({ status: 'expired' });
    expect(listed.data.map((x) => x.id)).toContain(s.id);
    const missing = (await stripe.checkout.sessions
      .create({ mode: 'payment', line_items: [] })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(missing.param).toBe('line_items');
  });
});
