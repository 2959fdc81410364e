import { expect, it } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { forFile } from '../../../test/for-file.js';
import { control as stripeControl } from '@settle/stripe-emulator/testing';
import { Invoice } from '../invoices/invoice.entity.js';
import { Payment } from '../payments/payment.entity.js';
import {
  connectedOrg,
  mapStripeClearing,
  paidOnHostedPage,
  runStripePayouts,
  startBothWorld,
  type BothWorld,
  type Org,
} from '../stripe/payment-artifacts.test-support.js';
import { qbEntities, settled } from './quickbooks.test-support.js';

// Disputes in the books: Stripe's dispute fee is an expense out of the Stripe clearing account, a lost
// dispute (a chargeback) is money returned to the customer, and the payout still empties the clearing account.
const w = forFile(startBothWorld, 'Stripe and QuickBooks');
const qbWorld = (b: BothWorld) => ({ emu: b.qbEmu, settle: b.settle, close: async () => {} });

/** Opens a dispute on the charge of the invoice's Stripe payment (as the cardholder's bank would). */
async function dispute(o: Org, invoiceId: string): Promise<{ id: string; charge: string }> {
  const payment = await w.settle.container.db.getRepository(Payment).findOneByOrFail({ invoiceId });
  const charge = (await o.stripe.paymentIntents.retrieve(payment.externalId!)).latest_charge as string;
  return stripeControl(w.stripeEmu, '/disputes', { charge, reason: 'fraudulent' });
}

const notes = async (type: string, text: string) =>
  (await qbEntities(w.qbEmu, type)).filter((e) => String(e.PrivateNote).includes(text));

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
  await settled(qbWorld(w), o.org.id);
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
  await settled(qbWorld(w), o.org.id);
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
  await settled(qbWorld(w), o.org.id);
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
