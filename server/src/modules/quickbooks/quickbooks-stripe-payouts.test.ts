import { expect, it } from 'vitest';
import type Stripe from 'stripe';
import { eventually } from '../../../test/harness.js';
import { forFile } from '../../../test/for-file.js';
import { control as stripeControl } from '@settle/stripe-emulator/testing';
import { StripeEventInbox } from '../stripe/stripe-event-inbox.entity.js';
import { StripePayout } from '../stripe/stripe-payout.entity.js';
import {
  connectedOrg,
  mapStripeClearing,
  paidOnHostedPage,
  runStripePayouts,
  startBothWorld,
  type BothWorld,
  type Org,
} from '../stripe/payment-artifacts.test-support.js';
import { qbEntities, qbIdOf, settled } from './quickbooks.test-support.js';

// Stripe is the processor, QuickBooks the books: a Stripe payout reaches the QuickBooks bank register as
// the one line the bank statement shows, and the Stripe clearing account empties.
const w = forFile(startBothWorld, 'Stripe and QuickBooks');

const qbWorld = (b: BothWorld) => ({ emu: b.qbEmu, settle: b.settle, close: async () => {} });

async function runPayouts(o: Org): Promise<Stripe.Payout> {
  const payouts = await runStripePayouts(w, o);
  expect(payouts).toHaveLength(1);
  return payouts[0]!;
}

it('pays two invoices through Stripe, runs payouts: one Deposit of the net, the clearing account nets to zero, once', async () => {
  const o = await connectedOrg(w, { quickbooks: true });
  const c = w.settle.container;
  const accounts = await mapStripeClearing(w, o);
  await paidOnHostedPage(w, o);
  await paidOnHostedPage(w, o);
  await settled(qbWorld(w), o.org.id);

  const payout = await runPayouts(o);
  expect(payout.amount).toBe(2 * (10000 - 320));
  const recorded = await eventually(
    () => c.db.getRepository(StripePayout).findOneBy({ orgId: o.org.id, stripePayoutId: payout.id }),
    'the payout to be recorded',
  );
  expect(recorded).toMatchObject({ amount: 19360, currency: 'USD', status: 'paid' });
  await eventually(
    async () => Boolean(await qbIdOf(qbWorld(w), o.org.id, 'PAYOUT', recorded.id)),
    'the Deposit',
    15_000,
  );

  const deposits = (await qbEntities(w.qbEmu, 'Deposit')).filter((d) => String(d.PrivateNote).includes(payout.id));
  expect(deposits).toHaveLength(1);
  expect(deposits[0]).toMatchObject({
    TotalAmt: 193.6,
    DepositToAccountRef: { value: accounts.Checking },
    TxnDate: recorded.arrivalDate,
    Line: [{ Amount: 193.6, DepositLineDetail: { AccountRef: { value: accounts['Stripe Clearing'] } } }],
  });

  // The clearing account for these payments: gross payments in, fee purchases and the payout out.
  const paymentIds = await c.db.query(`SELECT id FROM payments WHERE org_id = $1`, [o.org.id]);
  const mine = (e: { PrivateNote?: string }) =>
    paymentIds.some((p: { id: string }) => String(e.PrivateNote).includes(p.id));
  const clearing = (ref?: { value: string }) => ref?.value === accounts['Stripe Clearing'];
  const payments = (await qbEntities(w.qbEmu, 'Payment')).filter((p) => mine(p) && clearing(p.DepositToAccountRef));
  expect(payments.map((p) => p.TotalAmt)).toEqual([100, 100]);
  const charges = (await o.stripe.balanceTransactions.list({ payout: payout.id, type: 'charge', limit: 100 })).data.map(
    (t) => t.source as string,
  );
  const fees = (await qbEntities(w.qbEmu, 'Purchase')).filter(
    (p) => charges.some((ch) => String(p.PrivateNote).includes(ch)) && clearing(p.AccountRef),
  );
  expect(fees.map((f) => f.TotalAmt)).toEqual([3.2, 3.2]);
  const cents = (n: number) => Math.round(n * 100);
  const sum = (xs: Array<{ TotalAmt: number }>) => xs.reduce((s, x) => s + cents(x.TotalAmt), 0);
  expect(sum(payments) - sum(fees) - sum(deposits)).toBe(0);

  // Stripe delivers payout.paid again: nothing more is recorded or deposited.
  await stripeControl(w.stripeEmu, '/events/trigger', { type: 'payout.paid', object_id: payout.id });
  await eventually(async () => {
    const rows = await c.db.getRepository(StripeEventInbox).findBy({ orgId: o.org.id, type: 'payout.paid' });
    return rows.length === 2 && rows.every((r) => r.status === 'DONE') ? rows : null;
  }, 'the second payout.paid to be processed');
  await settled(qbWorld(w), o.org.id);
  expect(await c.db.getRepository(StripePayout).countBy({ orgId: o.org.id })).toBe(1);
  expect((await qbEntities(w.qbEmu, 'Deposit')).filter((d) => String(d.PrivateNote).includes(payout.id))).toHaveLength(
    1,
  );
});

it('without a payout bank the payout is recorded but not deposited; the clearing account cannot be the payout bank', async () => {
  const o = await connectedOrg(w, { quickbooks: true });
  const c = w.settle.container;
  const r = await w.settle.gql(`{ quickBooksAccounts { id name } }`, {}, o.token);
  const clearing = (r.data.quickBooksAccounts as Array<{ id: string; name: string }>).find(
    (a) => a.name === 'Stripe Clearing',
  )!.id;
  const same = await w.settle.gql(
    `mutation($i: QuickBooksMappingInput!) { updateQuickBooksMapping(input: $i) { status } }`,
    { i: { feeBankAccountId: clearing, payoutBankAccountId: clearing } },
    o.token,
  );
  expect(same.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'payoutBankAccountId' });

  await paidOnHostedPage(w, o);
  const payout = await runPayouts(o);
  const recorded = await eventually(
    () => c.db.getRepository(StripePayout).findOneBy({ orgId: o.org.id, stripePayoutId: payout.id }),
    'the payout to be recorded',
  );
  await settled(qbWorld(w), o.org.id);
  const [op] = await c.db.query(`SELECT status, last_error FROM qbo_operations WHERE org_id = $1 AND kind = $2`, [
    o.org.id,
    'PUSH_DEPOSIT',
  ]);
  expect(op).toMatchObject({ status: 'SKIPPED', last_error: expect.stringContaining('payout deposits are off') });
  expect(await qbIdOf(qbWorld(w), o.org.id, 'PAYOUT', recorded.id)).toBeNull();
});
