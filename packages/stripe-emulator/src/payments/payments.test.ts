import { describe, it, expect } from 'vitest';
import Stripe from 'stripe';
import { emulatorForFile } from '../file-emulator.test-support.js';
import { control } from '../testing.js';

const world = emulatorForFile('sk_test_payments');

const paidCharge = async (amount = 10000) => {
  const pi = await world.stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    confirm: true,
    metadata: { k: 'v' },
  });
  expect(pi.status).toBe('succeeded');
  return world.stripe.charges.retrieve(pi.latest_charge as string);
};

describe('payment intents, charges, refunds, disputes', () => {
  it('confirms a PaymentIntent; declines carry the PI in the 402', async () => {
    const pi = await world.stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });
    expect(pi.status).toBe('requires_payment_method');
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`));
    const err = (await world.stripe.paymentIntents
      .confirm(pi.id, { payment_method: 'pm_card_chargeDeclinedInsufficientFunds' })
      .catch((e: unknown) => e)) as Stripe.errors.StripeCardError;
    expect(err.statusCode).toBe(402);
    expect(err.decline_code).toBe('insufficient_funds');
    expect(err.payment_intent?.id).toBe(pi.id);
    const ok = await world.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
    expect(ok.status).toBe('succeeded');
    expect(ok.amount_received).toBe(2000);
    const charges = await world.stripe.charges.list({ payment_intent: pi.id });
    expect(charges.data.map((c) => c.status).sort()).toEqual(['failed', 'succeeded']);
    const ch = charges.data.find((c) => c.status === 'succeeded')!;
    expect(ch.payment_method_details?.card?.last4).toBe('4242');
    expect(ch.metadata).toEqual({});
  });

  it('refunds partially then fully; amount_refunded is a running total', async () => {
    const ch = await paidCharge(10000);
    const r1 = await world.stripe.refunds.create({ charge: ch.id, amount: 3000, reason: 'requested_by_customer' });
    expect(r1.status).toBe('succeeded');
    let after = await world.stripe.charges.retrieve(ch.id);
    expect(after.amount_refunded).toBe(3000);
    expect(after.refunded).toBe(false);
    const r2 = await world.stripe.refunds.create({ payment_intent: ch.payment_intent as string });
    expect(r2.amount).toBe(7000);
    after = await world.stripe.charges.retrieve(ch.id, { expand: ['refunds'] });
    expect(after.amount_refunded).toBe(10000);
    expect(after.refunded).toBe(true);
    expect(after.refunds?.data.map((r) => r.id).sort()).toEqual([r1.id, r2.id].sort());
    const bt = await world.stripe.balanceTransactions.retrieve(r1.balance_transaction as string);
    expect(bt).toMatchObject({ amount: -3000, fee: 0, net: -3000, type: 'refund' });
    const err = (await world.stripe.refunds
      .create({ charge: ch.id, amount: 1 })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(err.statusCode).toBe(400);
    const refunded = await world.stripe.events.list({ type: 'charge.refunded', limit: 2 });
    expect(refunded.data.map((e) => (e.data.object as Stripe.Charge).amount_refunded)).toEqual([10000, 3000]);
    expect(refunded.data[1]!.data.previous_attributes).toMatchObject({ amount_refunded: 0 });
    const tooMuch = await paidCharge(1000);
    const e2 = (await world.stripe.refunds
      .create({ charge: tooMuch.id, amount: 1001 })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(e2.param).toBe('amount');
  });

  it('disputes: created via control API, listed, updated and closed with events', async () => {
    const ch = await paidCharge(5000);
    const d = await control<{ id: string; status: string }>(world.emu, '/disputes', {
      charge: ch.id,
      reason: 'fraudulent',
    });
    expect(d.status).toBe('needs_response');
    const got = await world.stripe.disputes.retrieve(d.id);
    expect(got.amount).toBe(5000);
    expect(got.charge).toBe(ch.id);
    expect(got.balance_transactions[0]).toMatchObject({ amount: -5000, fee: 1500, net: -6500 });
    expect((await world.stripe.charges.retrieve(ch.id)).disputed).toBe(true);
    expect((await world.stripe.disputes.list({ charge: ch.id })).data).toHaveLength(1);
    await control(world.emu, `/disputes/${d.id}`, { status: 'under_review' });
    const won = await control<{ status: string }>(world.emu, `/disputes/${d.id}`, { status: 'won' });
    expect(won.status).toBe('won');
    const evts = (await world.stripe.events.list({ type: 'charge.dispute.*', limit: 10 })).data
      .map((e) => e.type)
      .reverse();
    expect(evts).toEqual([
      'charge.dispute.created',
      'charge.dispute.funds_withdrawn',
      'charge.dispute.updated',
      'charge.dispute.closed',
      'charge.dispute.funds_reinstated',
    ]);
  });

  it('a fully refunded charge cannot be disputed; a partly refunded one can, up to its whole amount', async () => {
    const full = await paidCharge(3000);
    await world.stripe.refunds.create({ charge: full.id });
    const refused = await fetch(`${world.emu.url}/__emulator/disputes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ charge: full.id }),
    });
    expect(refused.status).toBe(400);
    expect((await world.stripe.disputes.list({ charge: full.id })).data).toEqual([]);
    const part = await paidCharge(3000);
    await world.stripe.refunds.create({ charge: part.id, amount: 1000 });
    const d = await control<Stripe.Dispute>(world.emu, '/disputes', { charge: part.id, amount: 3000 });
    expect(d.amount).toBe(3000);
  });

  it('refuses to refund a charge lost in a dispute with 400 charge_disputed (issue #16)', async () => {
    const ch = await paidCharge(4000);
    const d = await control<{ id: string }>(world.emu, '/disputes', { charge: ch.id });
    await control(world.emu, `/disputes/${d.id}`, { status: 'lost' });
    const err = (await world.stripe.refunds
      .create({ charge: ch.id })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect([err.statusCode, err.code, err.param]).toEqual([400, 'charge_disputed', 'charge']);
    expect(err.message).toBe(`Charge ${ch.id} has been charged back; cannot issue a refund.`);
    const byIntent = (await world.stripe.refunds
      .create({ payment_intent: ch.payment_intent as string, amount: 100 })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(byIntent.code).toBe('charge_disputed');
  });

  it('charges carry `source` (null: a PaymentIntent charge has no legacy source) (issue #16)', async () => {
    const ch = await paidCharge(1500);
    expect(ch).toHaveProperty('source', null);
    const raw = (await (
      await fetch(`${world.emu.url}/v1/charges/${ch.id}`, { headers: { Authorization: 'Bearer sk_test_payments' } })
    ).json()) as Record<string, unknown>;
    expect(Object.keys(raw)).toContain('source');
  });

  it('products and prices: archive with active=false, immutable amounts, custom_unit_amount', async () => {
    const product = await world.stripe.products.create({ name: 'Plan', metadata: { a: '1' } });
    const archived = await world.stripe.products.update(product.id, { active: false, metadata: { a: '' } });
    expect(archived.active).toBe(false);
    expect(archived.metadata).toEqual({});
    expect((await world.stripe.products.list({ active: false })).data.map((p) => p.id)).toContain(product.id);
    const price = await world.stripe.prices.create({ currency: 'usd', unit_amount: 1500, product: product.id });
    const err = (await world.stripe.prices
      .update(price.id, { unit_amount: 1 } as Stripe.PriceUpdateParams)
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(err.param).toBe('unit_amount');
    expect((await world.stripe.prices.update(price.id, { active: false })).active).toBe(false);
    expect((await world.stripe.prices.list({ product: product.id })).data).toHaveLength(1);
    const updated = await world.stripe.events.list({ type: 'price.updated', limit: 1 });
    expect(updated.data[0]!.data.previous_attributes).toEqual({ active: true });
  });
});
