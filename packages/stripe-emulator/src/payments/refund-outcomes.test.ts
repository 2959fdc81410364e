import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import type { StripeEmulator } from '../index.js';
import { control, sdk, startEmulator, startReceiver } from '../testing.js';

// Refunds that change after they are made: Stripe's refund test cards and bank debits (docs.stripe.com/testing).
let emu: StripeEmulator;
let stripe: Stripe;
let rx: Awaited<ReturnType<typeof startReceiver>>;
let secret: string;
const REFUND_EVENTS = ['refund.created', 'refund.updated', 'refund.failed', 'charge.refund.updated', 'charge.refunded'];

beforeAll(async () => {
  emu = await startEmulator({ asyncRefundDelayMs: 60_000 });
  stripe = sdk(emu, 'sk_test_refund_outcomes');
  rx = await startReceiver();
  const we = await stripe.webhookEndpoints.create({
    url: rx.url,
    enabled_events: REFUND_EVENTS as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
    api_version: '2026-10-28.endive',
  });
  secret = we.secret!;
});
afterAll(async () => {
  await emu.close();
  await rx.close();
});

const paidWith = async (paymentMethod: string, amount = 10000) => {
  const pi = await stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    payment_method: paymentMethod,
    confirm: true,
  });
  expect(pi.status).toBe('succeeded');
  return pi;
};

/** The events about `refundId` the receiver got, each verified with the endpoint's secret as Settle would. */
async function deliveredFor(refundId: string, count: number) {
  const about = () => rx.received.filter((r) => r.raw.includes(`"id": "${refundId}"`));
  await rx.waitFor(() => about().length >= count);
  return about().map((r) => stripe.webhooks.constructEvent(r.raw, r.headers['stripe-signature'] as string, secret));
}

describe('refunds that change later', () => {
  it('4000000000005126 (pm_card_refundFail): succeeded at first, then failed, the money back and the charge less refunded', async () => {
    const pi = await paidWith('pm_card_refundFail');
    const refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 3000 });
    expect(refund.status).toBe('succeeded');
    const charge = pi.latest_charge as string;
    expect((await stripe.charges.retrieve(charge)).amount_refunded).toBe(3000);

    const advanced = await control<{ settled: string[] }>(emu, '/refunds/advance', { refund: refund.id });
    expect(advanced.settled).toEqual([refund.id]);
    const failed = await stripe.refunds.retrieve(refund.id, { expand: ['failure_balance_transaction'] });
    expect(failed).toMatchObject({ status: 'failed', failure_reason: 'expired_or_canceled_card', amount: 3000 });
    expect(failed.failure_balance_transaction).toMatchObject({ amount: 3000, net: 3000, type: 'refund_failure' });
    expect(await stripe.charges.retrieve(charge)).toMatchObject({ amount_refunded: 0, refunded: false });
    // Listed by charge too, as Settle reads them.
    expect((await stripe.refunds.list({ charge })).data.map((r) => [r.id, r.status])).toEqual([[refund.id, 'failed']]);

    // Deliveries run side by side, so they may land in any order.
    const events = await deliveredFor(refund.id, 4);
    const byType = (type: string) => events.find((e) => e.type === type)!;
    expect(events.map((e) => e.type).sort()).toEqual([
      'charge.refund.updated',
      'refund.created',
      'refund.failed',
      'refund.updated',
    ]);
    for (const type of ['refund.updated', 'charge.refund.updated']) {
      expect(byType(type).data.object).toMatchObject({ status: 'failed', failure_reason: 'expired_or_canceled_card' });
      expect(byType(type).data.previous_attributes).toMatchObject({ status: 'succeeded', failure_reason: null });
    }
    expect(byType('refund.failed').data.object).toMatchObject({ id: refund.id, status: 'failed' });

    // Final now: nothing more to advance, and what failed can be refunded again.
    expect((await control<{ settled: string[] }>(emu, '/refunds/advance', { refund: refund.id })).settled).toEqual([]);
    const again = await stripe.refunds.create({ payment_intent: pi.id });
    expect(again.amount).toBe(10000);
  });

  it('4000000000007726 (pm_card_pendingRefund): pending, then succeeded by itself after asyncRefundDelayMs', async () => {
    const quick = await startEmulator({ asyncRefundDelayMs: 150 });
    try {
      const s = sdk(quick, 'sk_test_pending_refund');
      const pi = await s.paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        payment_method: 'pm_card_pendingRefund',
        confirm: true,
      });
      const refund = await s.refunds.create({ payment_intent: pi.id });
      expect(refund).toMatchObject({ status: 'pending', pending_reason: 'processing' });
      await expect
        .poll(async () => (await s.refunds.retrieve(refund.id)).status, { timeout: 5000, interval: 50 })
        .toBe('succeeded');
      expect((await s.refunds.retrieve(refund.id)).pending_reason).toBeUndefined();
      const [updated] = (await s.events.list({ type: 'refund.updated' })).data;
      expect(updated!.data.previous_attributes).toMatchObject({ status: 'pending' });
      expect((await s.events.list({ type: 'refund.failed' })).data).toHaveLength(0);
      expect((await s.charges.retrieve(pi.latest_charge as string)).amount_refunded).toBe(2000);
    } finally {
      await quick.close();
    }
  });

  it("a bank debit's refund is pending until the bank takes it; the control API can make it fail with a reason", async () => {
    const pi = await stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      payment_method: 'pm_usBankAccount',
      allowed_payment_method_types: ['us_bank_account'],
      confirm: true,
    });
    expect(pi.status).toBe('processing');
    await control(emu, '/async-payments/advance', { payment_intent: pi.id });
    const refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 1500 });
    expect(refund).toMatchObject({ status: 'pending', destination_details: { type: 'us_bank_transfer' } });

    const bad = await fetch(`${emu.url}/__emulator/refunds/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refund: refund.id, outcome: 'failed', failure_reason: 'bounced' }),
    });
    expect(bad.status).toBe(400);
    const r = await control<{ settled: string[] }>(emu, '/refunds/advance', {
      charge: pi.latest_charge,
      outcome: 'failed',
      failure_reason: 'declined',
    });
    expect(r.settled).toEqual([refund.id]);
    expect(await stripe.refunds.retrieve(refund.id)).toMatchObject({ status: 'failed', failure_reason: 'declined' });
    expect((await stripe.charges.retrieve(pi.latest_charge as string)).amount_refunded).toBe(0);
    const [updated] = await deliveredFor(refund.id, 3).then((e) => e.filter((x) => x.type === 'refund.updated'));
    expect(updated!.data.previous_attributes).toMatchObject({ status: 'pending', pending_reason: 'processing' });
  });

  it("any other card's refund is final at once: nothing to advance", async () => {
    const pi = await paidWith('pm_card_visa', 1000);
    const refund = await stripe.refunds.create({ payment_intent: pi.id });
    expect(refund.status).toBe('succeeded');
    const r = await control<{ settled: string[] }>(emu, '/refunds/advance', { refund: refund.id, outcome: 'failed' });
    expect(r.settled).toEqual([]);
    expect((await stripe.refunds.retrieve(refund.id)).status).toBe('succeeded');
  });
});
