import { describe, it, expect } from 'vitest';
import type Stripe from 'stripe';
import { emulatorForFile } from '../file-emulator.test-support.js';
import { control, sdk, startReceiver, stripeExampleObjects } from '../testing.js';
import { runPayoutSchedule } from './payouts.js';

const world = emulatorForFile('sk_test_payouts', { payoutScheduleMs: 0 });

const charge = async (stripe: Stripe, amount: number) => {
  const pi = await stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    confirm: true,
  });
  return stripe.charges.retrieve(pi.latest_charge as string, { expand: ['balance_transaction'] });
};

const account = async (key: string) =>
  (await control<{ account: string }>(world.emu, `/keys?secret_key=${key}`)).account;

describe('balance and automatic payouts', () => {
  it('charges add fee-net balance transactions that are pending until available_on', async () => {
    const stripe = sdk(world.emu, 'sk_test_payouts_pending');
    const ch = await charge(stripe, 10000);
    const bt = ch.balance_transaction as Stripe.BalanceTransaction;
    expect(bt).toMatchObject({ amount: 10000, fee: 320, net: 9680, type: 'charge', status: 'pending' });
    expect(bt.available_on).toBeGreaterThan(bt.created);
    const balance = await stripe.balance.retrieve();
    expect(balance.pending).toEqual([{ amount: 9680, currency: 'usd', source_types: { card: 9680 } }]);
    expect(balance.available).toEqual([{ amount: 0, currency: 'usd', source_types: { card: 0 } }]);
    expect(Object.keys(balance).sort()).toEqual(Object.keys(stripeExampleObjects().balance!).sort());
  });

  it('run now pays out charges less refunds and dispute withdrawals: payout.created then payout.paid', async () => {
    const key = 'sk_test_payouts_run';
    const stripe = sdk(world.emu, key);
    const receiver = await startReceiver();
    await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['payout.created', 'payout.paid'] });
    const a = await charge(stripe, 10000); // fee 320
    const b = await charge(stripe, 5000); // fee 175
    await stripe.refunds.create({ charge: b.id, amount: 1000 });
    const c = await charge(stripe, 2000); // fee 88
    const dispute = await control<{ id: string }>(world.emu, '/disputes', { charge: c.id }); // −2000, fee 1500
    const other = await charge(sdk(world.emu, 'sk_test_payouts_other'), 777);

    const run = await control<{ data: Stripe.Payout[] }>(world.emu, '/payouts/run', { account: await account(key) });
    const net = 10000 - 320 + (5000 - 175) - 1000 + (2000 - 88) - 2000 - 1500;
    expect(run.data).toHaveLength(1);
    const po = await stripe.payouts.retrieve(run.data[0]!.id);
    expect(po).toMatchObject({ object: 'payout', amount: net, currency: 'usd', status: 'paid', automatic: true });
    expect(
      Object.keys(po)
        .filter((k) => k !== 'lastResponse')
        .sort(),
    ).toEqual(Object.keys(stripeExampleObjects().payout!).sort());
    expect((await stripe.payouts.list({ status: 'paid' })).data.map((p) => p.id)).toEqual([po.id]);

    const inPayout = await stripe.balanceTransactions.list({ payout: po.id, limit: 100 });
    expect(inPayout.data.map((t) => t.source).sort()).toEqual(
      [
        a.id,
        b.id,
        c.id,
        dispute.id,
        po.id,
        ...(await stripe.refunds.list({ charge: b.id })).data.map((r) => r.id),
      ].sort(),
    );
    expect(inPayout.data.reduce((s, t) => s + t.net, 0)).toBe(0); // the payout's own −net closes it
    expect(inPayout.data.every((t) => t.status === 'available')).toBe(true);
    const [payoutTxn] = (await stripe.balanceTransactions.list({ payout: po.id, type: 'payout' })).data;
    expect(payoutTxn).toMatchObject({ id: po.balance_transaction, amount: -net, net: -net, type: 'payout' });
    const expanded = await stripe.balanceTransactions.list({ payout: po.id, type: 'charge', expand: ['data.source'] });
    expect(expanded.data.map((t) => (t.source as Stripe.Charge).payment_intent).sort()).toEqual(
      [a, b, c].map((ch) => ch.payment_intent).sort(),
    );
    const page = await stripe.balanceTransactions.list({ payout: po.id, limit: 2 });
    expect(page.has_more).toBe(true);

    const balance = await stripe.balance.retrieve();
    expect(balance.available[0]!.amount).toBe(0);
    expect(balance.pending[0]!.amount).toBe(0);
    // Another account's money is not in this payout and stays pending.
    const otherBt = await sdk(world.emu, 'sk_test_payouts_other').balanceTransactions.list();
    expect(otherBt.data.find((t) => t.source === other.id)?.status).toBe('pending');

    await receiver.waitFor((r) => r.length >= 2);
    const events = receiver.events();
    expect(events.map((e) => e.type)).toEqual(['payout.created', 'payout.paid']);
    expect(events[0]!.data.object).toMatchObject({ id: po.id, status: 'in_transit' });
    expect(events[1]!.data.object).toMatchObject({ id: po.id, status: 'paid', amount: net });
    // Nothing left to pay out: a second run makes no payout.
    expect(
      (await control<{ data: unknown[] }>(world.emu, '/payouts/run', { account: await account(key) })).data,
    ).toEqual([]);
    await receiver.close();
  });

  it('a negative balance is not paid out; an unknown account is a 404', async () => {
    const key = 'sk_test_payouts_negative';
    const stripe = sdk(world.emu, key);
    const ch = await charge(stripe, 1000);
    await control(world.emu, '/disputes', { charge: ch.id });
    expect(
      (await control<{ data: unknown[] }>(world.emu, '/payouts/run', { account: await account(key) })).data,
    ).toEqual([]);
    expect((await stripe.balance.retrieve()).available[0]!.amount).toBe(1000 - 59 - 1000 - 1500);
    await expect(control(world.emu, '/payouts/run', { account: 'acct_nope' })).rejects.toThrow(/404/);
  });

  it('the schedule pays out only what is available and pays it on its arrival date', async () => {
    const key = 'sk_test_payouts_schedule';
    const stripe = sdk(world.emu, key);
    await charge(stripe, 3000);
    const acct = world.emu.runtime.store.account(await account(key))!;
    const actor = { rt: world.emu.runtime, acct, request: { id: null, idempotency_key: null } };
    runPayoutSchedule(actor);
    expect((await stripe.payouts.list()).data).toEqual([]); // still pending for two days
    for (const bt of Object.values(acct.collections.balance_transactions)) bt.available_on -= 3 * 86400;
    runPayoutSchedule(actor);
    const [po] = (await stripe.payouts.list()).data;
    expect(po).toMatchObject({ amount: 3000 - 117, status: 'in_transit' });
    acct.collections.payouts[po!.id]!.arrival_date -= 86400;
    runPayoutSchedule(actor);
    expect((await stripe.payouts.retrieve(po!.id)).status).toBe('paid');
  });
  it('a paid payout the bank returns fails: payout.failed, its money back in the balance, once', async () => {
    const key = 'sk_test_payouts_fail';
    const stripe = sdk(world.emu, key);
    const receiver = await startReceiver();
    await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['payout.paid', 'payout.failed'] });
    await charge(stripe, 10000); // fee 320
    const run = await control<{ data: Stripe.Payout[] }>(world.emu, '/payouts/run', { account: await account(key) });
    const po = run.data[0]!;
    expect((await stripe.payouts.retrieve(po.id)).status).toBe('paid');
    const failed = await control<Stripe.Payout>(world.emu, `/payouts/${po.id}/fail`, { failure_code: 'no_account' });
    expect(failed).toMatchObject({ id: po.id, status: 'failed', failure_code: 'no_account' });
    const fresh = await stripe.payouts.retrieve(po.id, { expand: ['failure_balance_transaction'] });
    expect(fresh).toMatchObject({ status: 'failed', failure_code: 'no_account' });
    expect(fresh.failure_balance_transaction).toMatchObject({ amount: 9680, type: 'payout_failure', source: po.id });
    expect((await stripe.balance.retrieve()).available[0]!.amount).toBe(9680);
    await expect(control(world.emu, `/payouts/${po.id}/fail`, {})).rejects.toThrow(/400/);
    await expect(control(world.emu, '/payouts/po_nope/fail', {})).rejects.toThrow(/404/);
    await receiver.waitFor((r) => r.length >= 2);
    expect(receiver.events().map((e) => [e.type, (e.data.object as unknown as Stripe.Payout).status])).toEqual([
      ['payout.paid', 'paid'],
      ['payout.failed', 'failed'],
    ]);
    await receiver.close();
  });
});
