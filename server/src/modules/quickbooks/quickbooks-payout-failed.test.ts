import { expect, it } from 'vitest';
import type Stripe from 'stripe';
import { control as stripeControl } from '@settle/stripe-emulator/testing';
import { StripePayout } from '../stripe/stripe-payout.entity.js';
import { bothWorldForFile, qbSideOf, runStripePayouts, type Org } from '../stripe/payment-artifacts.test-support.js';
import { qbEntities, settled } from './quickbooks.test-support.js';
import { depositedPayout, paidIntoClearing, processedEvents } from './quickbooks-payouts.test-support.js';

// Stripe can report a payout failed after it reported it paid (the bank returned it days later): the
// money is back in the Stripe balance, so its Deposit must leave the books, once, and the admins hear of
// it once. Stripe is asked each time (a payout.paid arriving after the failure books nothing).
const w = bothWorldForFile();

/** The org's payout.* events of `type` once every one of them (`count`) is processed. */
const processed = (o: Org, type: string, count: number) => processedEvents(w, o, type, count);

const depositsOf = async (payoutId: string) =>
  (await qbEntities(w.qbEmu, 'Deposit')).filter((d) => !d.__deleted && String(d.PrivateNote).includes(payoutId));

async function noticesOf(o: Org) {
  return (await w.settle.container.db.query(
    `SELECT subject, text_body AS text FROM emails WHERE org_id = $1 AND kind = $2`,
    [o.org.id, 'payout_failed'],
  )) as Array<{ subject: string; text: string }>;
}

async function failAtStripe(o: Org, payout: Stripe.Payout) {
  await stripeControl(w.stripeEmu, `/payouts/${payout.id}/fail`, { failure_code: 'account_closed' });
  const rows = await processed(o, 'payout.failed', 1);
  await settled(qbSideOf(w), o.org.id);
  expect(rows.map((r) => r.status)).toEqual(['DONE']);
}

it('payout.failed after payout.paid deletes its Deposit once, tells the admins once; replays of either change nothing', async () => {
  const { o } = await paidIntoClearing(w);
  const c = w.settle.container;
  const [payout] = await runStripePayouts(w, o);
  const recorded = await depositedPayout(w, o, payout!.id);
  expect(await depositsOf(payout!.id)).toHaveLength(1);

  await failAtStripe(o, payout!);
  expect(await c.db.getRepository(StripePayout).findOneByOrFail({ id: recorded.id })).toMatchObject({
    status: 'failed',
  });
  expect(await depositsOf(payout!.id)).toHaveLength(0);
  const notices = await noticesOf(o);
  expect(notices).toHaveLength(1);
  expect(notices[0]!.text).toContain(`payout ${payout!.id}`);
  expect(notices[0]!.text).toContain('back in your Stripe balance');

  // Stripe delivers both events again: nothing is deposited, deleted or told again.
  await stripeControl(w.stripeEmu, '/events/trigger', { type: 'payout.failed', object_id: payout!.id });
  await stripeControl(w.stripeEmu, '/events/trigger', { type: 'payout.paid', object_id: payout!.id });
  await processed(o, 'payout.failed', 2);
  const paid = await processed(o, 'payout.paid', 2);
  await settled(qbSideOf(w), o.org.id);
  expect(paid.map((e) => e.status).sort()).toEqual(['DONE', 'REJECTED']);
  expect(await depositsOf(payout!.id)).toHaveLength(0);
  expect(await noticesOf(o)).toHaveLength(1);
  expect(await c.db.getRepository(StripePayout).countBy({ orgId: o.org.id })).toBe(1);
  const ops = (await c.db.query(
    `SELECT kind, status FROM qbo_operations WHERE org_id = $1 AND kind IN ('PUSH_DEPOSIT', 'DELETE_DEPOSIT') ORDER BY kind`,
    [o.org.id],
  )) as Array<{ kind: string; status: string }>;
  expect(ops).toEqual([
    { kind: 'DELETE_DEPOSIT', status: 'DONE' },
    { kind: 'PUSH_DEPOSIT', status: 'DONE' },
  ]);
});

it('payout.failed arriving before its payout.paid (delayed delivery): nothing is deposited, the admins hear once', async () => {
  const { o } = await paidIntoClearing(w);
  const c = w.settle.container;
  // payout.paid is held back; the bank returns the payout and payout.failed arrives first.
  await stripeControl(w.stripeEmu, '/faults', { action: 'drop', event_type: 'payout.paid', count: 1 });
  const [payout] = await runStripePayouts(w, o);
  await failAtStripe(o, payout!);
  expect(await c.db.getRepository(StripePayout).findOneByOrFail({ stripePayoutId: payout!.id })).toMatchObject({
    status: 'failed',
  });
  expect(await noticesOf(o)).toHaveLength(1);

  // The held-back payout.paid is delivered late (Stripe's retry): Stripe, asked, says failed; nothing is booked.
  await stripeControl(w.stripeEmu, '/deliveries/flush', {});
  const [late] = await processed(o, 'payout.paid', 1);
  await settled(qbSideOf(w), o.org.id);
  expect(late).toMatchObject({ status: 'REJECTED' });
  expect(await depositsOf(payout!.id)).toHaveLength(0);
  expect(await noticesOf(o)).toHaveLength(1);
  expect(
    await c.db.query(`SELECT 1 FROM qbo_operations WHERE org_id = $1 AND kind IN ('PUSH_DEPOSIT', 'DELETE_DEPOSIT')`, [
      o.org.id,
    ]),
  ).toEqual([]);
});
