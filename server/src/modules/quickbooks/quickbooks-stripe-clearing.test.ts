import { expect, it } from 'vitest';
import type Stripe from 'stripe';
import { control as stripeControl } from '@settle/stripe-emulator/testing';
import { Invoice } from '../invoices/invoice.entity.js';
import { Payment } from '../payments/payment.entity.js';
import { StripePayout } from '../stripe/stripe-payout.entity.js';
import { eventually } from '../../../test/harness.js';
import {
  connectedOrg,
  mapStripeClearing,
  paidOnHostedPage,
  runStripePayouts,
  qbSideOf,
  type Org,
  bothWorldForFile,
} from '../stripe/payment-artifacts.test-support.js';
import { qbEntities, qbEntitiesNoted, qbIdOf, settled } from './quickbooks.test-support.js';
import {
  depositedPayout,
  paidIntoClearing,
  processedEvents,
  recordedPayout,
} from './quickbooks-payouts.test-support.js';

// Stripe is the processor, QuickBooks the books: Stripe money lands in a clearing account, fees, dispute
// fees and chargebacks leave it, and each payout reaches the QuickBooks bank register as the one line the
// bank statement shows, which empties it.
const w = bothWorldForFile();

async function runPayouts(o: Org): Promise<Stripe.Payout> {
  const payouts = await runStripePayouts(w, o);
  expect(payouts).toHaveLength(1);
  return payouts[0]!;
}

it('pays two invoices through Stripe, runs payouts: one Deposit of the net, the clearing account nets to zero, once', async () => {
  const { o, accounts } = await paidIntoClearing(w, 2);
  const c = w.settle.container;

  const payout = await runPayouts(o);
  expect(payout.amount).toBe(2 * (10000 - 320));
  const recorded = await depositedPayout(w, o, payout.id, 15_000);
  expect(recorded).toMatchObject({ amount: 19360, currency: 'USD', status: 'paid' });

  const deposits = await qbEntitiesNoted(w.qbEmu, 'Deposit', payout.id);
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
  const paid = await processedEvents(w, o, 'payout.paid', 2);
  expect(paid.map((e) => e.status)).toEqual(['DONE', 'DONE']);
  await settled(qbSideOf(w), o.org.id);
  expect(await c.db.getRepository(StripePayout).countBy({ orgId: o.org.id })).toBe(1);
  expect(await qbEntitiesNoted(w.qbEmu, 'Deposit', payout.id)).toHaveLength(1);
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
  const recorded = await recordedPayout(w, o, payout.id);
  await settled(qbSideOf(w), o.org.id);
  const [op] = await c.db.query(`SELECT status, last_error FROM qbo_operations WHERE org_id = $1 AND kind = $2`, [
    o.org.id,
    'PUSH_DEPOSIT',
  ]);
  expect(op).toMatchObject({ status: 'SKIPPED', last_error: expect.stringContaining('payout deposits are off') });
  expect(await qbIdOf(qbSideOf(w), o.org.id, 'PAYOUT', recorded.id)).toBeNull();
});

it('with Undeposited Funds: payments wait there, and the payout Deposit links them, less the fees and a refund', async () => {
  const o = await connectedOrg(w, { quickbooks: true });
  const c = w.settle.container;
  const accounts = await mapStripeClearing(w, o, { undeposited: true });
  const undeposited = accounts['Undeposited Funds'];
  await paidOnHostedPage(w, o);
  const { invoice } = await paidOnHostedPage(w, o);
  // A refund made in Stripe's dashboard: Settle records it, QuickBooks takes it from Undeposited Funds.
  const refunded = await c.db.getRepository(Payment).findOneByOrFail({ invoiceId: invoice.id });
  await o.stripe.refunds.create({ payment_intent: refunded.externalId!, amount: 2500 });
  await eventually(
    () => c.db.getRepository(Payment).findOneBy({ invoiceId: invoice.id, amount: -2500 }),
    'the refund to be recorded',
  );
  await settled(qbSideOf(w), o.org.id);
  const payout = await runPayouts(o);
  expect(payout.amount).toBe(2 * (10000 - 320) - 2500);
  await eventually(async () => (await notes('Deposit', payout.id)).length === 1, 'the payout Deposit', 15_000);

  const paymentIds = (await c.db.getRepository(Payment).findBy({ orgId: o.org.id })).map((p) => p.id);
  const ours = (e: { PrivateNote?: string }) => paymentIds.some((id) => String(e.PrivateNote).includes(id));
  const qbPayments = (await qbEntities(w.qbEmu, 'Payment')).filter(ours);
  expect(qbPayments.map((p) => [p.TotalAmt, p.DepositToAccountRef.value])).toEqual([
    [100, undeposited],
    [100, undeposited],
  ]);
  const [refund] = (await qbEntities(w.qbEmu, 'RefundReceipt')).filter(ours);
  expect(refund).toMatchObject({ TotalAmt: 25, DepositToAccountRef: { value: undeposited } });
  const [deposit] = await notes('Deposit', payout.id);
  expect(deposit).toMatchObject({ TotalAmt: 168.6, DepositToAccountRef: { value: accounts.Checking } });
  const linked = deposit.Line.filter((l: any) => l.LinkedTxn).map((l: any) => l.LinkedTxn[0].TxnId);
  expect(linked.sort()).toEqual(qbPayments.map((p) => p.Id).sort());
  const detail = deposit.Line.filter((l: any) => l.DepositLineDetail).map((l: any) => [
    l.Amount,
    l.DepositLineDetail.AccountRef.value,
  ]);
  expect(detail).toEqual([
    [-6.4, accounts['Stripe Fees']],
    [-25, undeposited],
  ]);
  // No fee Purchases: the fees are in the Deposit. Undeposited Funds: payments in, the refund and the Deposit out.
  const charges = (await o.stripe.charges.list({ limit: 100 })).data.map((ch) => ch.id);
  expect(
    (await qbEntities(w.qbEmu, 'Purchase')).filter((p) => charges.some((ch) => String(p.PrivateNote).includes(ch))),
  ).toEqual([]);
  // A deposit line takes its amount out of the account it names (a linked payment: out of Undeposited Funds).
  const cents = (n: number) => Math.round(n * 100);
  const out = deposit.Line.filter((l: any) => l.LinkedTxn || l.DepositLineDetail?.AccountRef.value === undeposited);
  const inUndeposited =
    qbPayments.reduce((sum, p) => sum + cents(p.TotalAmt), 0) -
    cents(refund.TotalAmt) -
    out.reduce((sum: number, l: any) => sum + cents(l.Amount), 0);
  expect(inUndeposited).toBe(0);
});

/** Opens a dispute on the charge of the invoice's Stripe payment (as the cardholder's bank would). */
async function dispute(o: Org, invoiceId: string): Promise<{ id: string; charge: string }> {
  const payment = await w.settle.container.db.getRepository(Payment).findOneByOrFail({ invoiceId });
  const charge = (await o.stripe.paymentIntents.retrieve(payment.externalId!)).latest_charge as string;
  return stripeControl(w.stripeEmu, '/disputes', { charge, reason: 'fraudulent' });
}

const notes = (type: string, text: string) => qbEntitiesNoted(w.qbEmu, type, text);

it('a lost dispute: the dispute fee is a Purchase, the chargeback a RefundReceipt, both from the clearing account, which the payout empties', async () => {
  const o = await connectedOrg(w, { quickbooks: true });
  const c = w.settle.container;
  const accounts = await mapStripeClearing(w, o);
  const clearing = accounts['Stripe Clearing'];
  await paidOnHostedPage(w, o);
  const { invoice } = await paidOnHostedPage(w, o);

  const d = await dispute(o, invoice.id);
  await eventually(
    async () => (await c.db.getRepository(Invoice).findOneByOrFail({ id: invoice.id })).disputed,
    'flag',
  );
  // The fee's Purchase is queued by the job that reads the dispute back from Stripe, which may run after
  // the flag is set: wait for it to reach QuickBooks, then for nothing else to be pending.
  await eventually(async () => (await notes('Purchase', `Stripe dispute fee for ${d.id}`)).length > 0, 'fee');
  await settled(qbSideOf(w), o.org.id);
  const fee = await notes('Purchase', `Stripe dispute fee for ${d.id}`);
  expect(fee).toHaveLength(1);
  expect(fee[0]).toMatchObject({ TotalAmt: 15, AccountRef: { value: clearing } });
  expect(fee[0].Line[0].AccountBasedExpenseLineDetail.AccountRef.value).toBe(accounts['Stripe Fees']);

  await stripeControl(w.stripeEmu, `/disputes/${d.id}`, { status: 'lost' });
  const chargeback = await eventually(
    () => c.db.getRepository(Payment).findOneBy({ orgId: o.org.id, externalId: d.id }),
    'the chargeback to be recorded',
  );
  expect(chargeback).toMatchObject({ amount: -10000, method: 'CARD' });
  expect(await c.db.getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({
    amountPaid: 0,
    balanceDue: 10000,
    disputed: true,
  });
  // The chargeback's RefundReceipt follows the payment's own push (deferred until then), so wait for it.
  await eventually(
    async () => (await notes('RefundReceipt', chargeback.id)).length > 0,
    'the chargeback RefundReceipt',
  );
  await settled(qbSideOf(w), o.org.id);
  const refund = await notes('RefundReceipt', chargeback.id);
  expect(refund).toHaveLength(1);
  expect(refund[0]).toMatchObject({ TotalAmt: 100, DepositToAccountRef: { value: clearing } });

  const [payout] = await runStripePayouts(w, o);
  expect(payout!.amount).toBe(2 * (10000 - 320) - 10000 - 1500);
  await eventually(async () => (await notes('Deposit', payout!.id)).length === 1, 'the payout Deposit', 15_000);

  // The clearing account for this org: payments in; processing fees, the dispute fee, the chargeback and the payout out.
  const paymentIds = (await c.db.getRepository(Payment).findBy({ orgId: o.org.id })).map((p) => p.id);
  const charges = (await o.stripe.charges.list({ limit: 100 })).data.map((ch) => ch.id);
  const cents = (xs: Array<{ TotalAmt: number }>) => xs.reduce((s, x) => s + Math.round(x.TotalAmt * 100), 0);
  const ours = (e: { PrivateNote?: string }, ids: string[]) => ids.some((id) => String(e.PrivateNote).includes(id));
  const paymentsIn = (await qbEntities(w.qbEmu, 'Payment')).filter(
    (p) => ours(p, paymentIds) && p.DepositToAccountRef?.value === clearing,
  );
  const purchasesOut = (await qbEntities(w.qbEmu, 'Purchase')).filter(
    (p) => ours(p, [...charges, d.id]) && p.AccountRef?.value === clearing,
  );
  const refundsOut = (await qbEntities(w.qbEmu, 'RefundReceipt')).filter(
    (r) => ours(r, paymentIds) && r.DepositToAccountRef?.value === clearing,
  );
  const depositsOut = await notes('Deposit', payout!.id);
  expect([cents(paymentsIn), cents(purchasesOut), cents(refundsOut), cents(depositsOut)]).toEqual([
    20000,
    640 + 1500,
    10000,
    7860,
  ]);
  expect(cents(paymentsIn) - cents(purchasesOut) - cents(refundsOut) - cents(depositsOut)).toBe(0);
});

it('a won dispute: the fee Purchase and its return (a Deposit into the clearing account), no chargeback', async () => {
  const o = await connectedOrg(w, { quickbooks: true });
  const c = w.settle.container;
  const accounts = await mapStripeClearing(w, o);
  const { invoice } = await paidOnHostedPage(w, o);
  const d = await dispute(o, invoice.id);
  await stripeControl(w.stripeEmu, `/disputes/${d.id}`, { status: 'won' });
  await eventually(async () => (await notes('Deposit', d.id)).length === 1, 'the fee return', 15_000);
  await settled(qbSideOf(w), o.org.id);
  expect(await notes('Purchase', `Stripe dispute fee for ${d.id}`)).toHaveLength(1);
  const [returned] = await notes('Deposit', d.id);
  expect(returned).toMatchObject({ TotalAmt: 15, DepositToAccountRef: { value: accounts['Stripe Clearing'] } });
  expect(returned.Line[0].DepositLineDetail.AccountRef.value).toBe(accounts['Stripe Fees']);
  expect(await c.db.getRepository(Payment).countBy({ orgId: o.org.id, externalId: d.id })).toBe(0);
  expect(await c.db.getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({
    status: 'PAID',
    disputed: false,
  });
});
