import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingFixture } from '../../../test/fixtures.js';
import type { StripeEmulator } from '@settle/stripe-emulator';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { todayIn } from '../../platform/time-zone.js';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import { OpKind, enqueueOperation } from './quickbooks-ledger.js';
import {
  connectedOrg,
  mapStripeFeeAccounts,
  operations,
  qbEntities,
  qbIdOf,
  quickBooksOf,
  settled,
  startQbWorld,
  stripeFeesEmulator,
  type QbWorld,
} from './quickbooks.test-support.js';

let w: QbWorld;
let stripeEmu: StripeEmulator;
let stripe: Stripe;
beforeAll(async () => {
  w = await startQbWorld();
  // The walk runs through the real Stripe SDK (the Stripe module's client) against the Stripe emulator.
  const emulator = await stripeFeesEmulator('sk_test_fees');
  ({ stripeEmu, stripe } = emulator);
  quickBooksOf(w.settle.container).feeSource = emulator.fees;
});
afterAll(async () => {
  await w?.close();
  await stripeEmu?.close();
});

describe('Stripe fee reconciliation in QuickBooks', () => {
  it('posts the gross Payment and a Purchase for the exact fee (100.00 paid, 3.20 fee) once, even when the Stripe payment is re-delivered', async () => {
    const o = await connectedOrg(w);
    const c = w.settle.container;
    const { feeExpenseAccountId: feeAccount, feeBankAccountId: bank } = await mapStripeFeeAccounts(w, o.token);

    const invoice = await sentToQuickBooks(o.org.id);

    const pi = await cardPayment();
    const chargeId = pi.latest_charge as string;
    const record = () =>
      c.settlement.settle(o.org.id, SYSTEM_ACTOR, {
        invoiceId: invoice.id,
        amount: 10000,
        source: PaymentSource.STRIPE,
        method: PaymentMethod.CARD,
        externalId: chargeId,
        allowOverpayment: true,
      });
    const first = await record();
    await settled(w, o.org.id);
    // Re-delivery: the settlement replays, and even a forced second fee operation cannot post twice.
    expect((await record()).replayed).toBe(true);
    await c.db.transaction((tx) =>
      enqueueOperation(tx, o.org.id, OpKind.STRIPE_FEE, chargeId, {
        version: 2,
        payload: { paymentId: first.payment.id },
      }),
    );
    await c.db.query(`DELETE FROM qbo_links WHERE org_id = $1 AND settle_type = 'STRIPE_FEE'`, [o.org.id]); // ledger lost too: requestid still holds
    await settled(w, o.org.id);

    const qbPaymentId = await qbIdOf(w, o.org.id, 'PAYMENT', first.payment.id);
    const payment = (await qbEntities(w.emu, 'Payment')).find((p) => p.Id === qbPaymentId);
    expect(payment).toMatchObject({ TotalAmt: 100, DepositToAccountRef: { value: bank } });
    const purchases = (await qbEntities(w.emu, 'Purchase')).filter((p) => String(p.PrivateNote).includes(chargeId));
    expect(purchases).toHaveLength(1);
    expect(purchases[0]).toMatchObject({ TotalAmt: 3.2, AccountRef: { value: bank }, PaymentType: 'Cash' });
    expect(purchases[0].Line[0]).toMatchObject({
      Amount: 3.2,
      AccountBasedExpenseLineDetail: { AccountRef: { value: feeAccount } },
    });
    const ops = await operations(w, o.org.id);
    expect(ops.map((op) => [op.kind, op.version, op.status])).toEqual([
      ['PUSH_INVOICE', 1, 'DONE'],
      ['PUSH_PAYMENT', 1, 'DONE'],
      ['STRIPE_FEE', 1, 'DONE'],
      ['STRIPE_FEE', 2, 'DONE'],
    ]);
  });

  it("dates the fee's Purchase the day Stripe took the payment, as its Payment, however late it is posted", async () => {
    const o = await connectedOrg(w);
    const c = w.settle.container;
    await c.db.query(`UPDATE organizations SET invoice_prefix = 'FEEDATE-' WHERE id = $1`, [o.org.id]);
    await mapStripeFeeAccounts(w, o.token);
    const invoice = await sentToQuickBooks(o.org.id);
    const chargeId = (await cardPayment()).latest_charge as string;
    // Made on the 30th, booked (the Stripe sweep) a week later.
    await c.settlement.settle(o.org.id, SYSTEM_ACTOR, {
      invoiceId: invoice.id,
      amount: 10000,
      source: PaymentSource.STRIPE,
      method: PaymentMethod.CARD,
      externalId: chargeId,
      receivedOn: '2026-11-30',
    });
    await settled(w, o.org.id);
    const purchase = (await qbEntities(w.emu, 'Purchase')).find((p) => String(p.PrivateNote).includes(chargeId));
    expect(purchase).toMatchObject({ TotalAmt: 3.2, TxnDate: '2026-11-30' });
    const payment = (await qbEntities(w.emu, 'Payment')).find((p) => String(p.PaymentRefNum) === chargeId.slice(0, 21));
    expect(payment).toMatchObject({ TotalAmt: 100, TxnDate: '2026-11-30' });
  });

  it("dates the fee today on the org's wall, not the UTC date, when its payment is not found", async () => {
    const o = await connectedOrg(w);
    const c = w.settle.container;
    await mapStripeFeeAccounts(w, o.token);
    // A zone whose date differs from UTC's now, whatever the hour: 14 hours ahead, or 11 behind.
    const zone = new Date().getUTCHours() >= 10 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
    await c.db.query(`UPDATE organizations SET time_zone = $2 WHERE id = $1`, [o.org.id, zone]);
    const chargeId = (await cardPayment()).latest_charge as string;
    await c.db.transaction((tx) =>
      enqueueOperation(tx, o.org.id, OpKind.STRIPE_FEE, chargeId, { payload: { paymentId: randomUUID() } }),
    );
    await settled(w, o.org.id);
    const purchase = (await qbEntities(w.emu, 'Purchase')).find((p) => String(p.PrivateNote).includes(chargeId));
    const wall = todayIn(zone, new Date());
    expect(wall).not.toBe(new Date().toISOString().slice(0, 10));
    expect(purchase).toMatchObject({ TotalAmt: 3.2, TxnDate: wall });
  });

  it('skips the fee unless both fee accounts are mapped', async () => {
    const o = await connectedOrg(w);
    const c = w.settle.container;
    await c.db.query(`UPDATE organizations SET invoice_prefix = 'NOFEE-' WHERE id = $1`, [o.org.id]);
    const invoice = await sentToQuickBooks(o.org.id);
    const pi = await cardPayment();
    await c.settlement.settle(o.org.id, SYSTEM_ACTOR, {
      invoiceId: invoice.id,
      amount: 10000,
      source: PaymentSource.STRIPE,
      method: PaymentMethod.CARD,
      externalId: pi.latest_charge as string,
      allowOverpayment: true,
    });
    await settled(w, o.org.id);
    expect((await operations(w, o.org.id)).map((op) => op.kind)).toEqual(['PUSH_INVOICE', 'PUSH_PAYMENT']);
    expect(
      (await qbEntities(w.emu, 'Purchase')).filter((p) => String(p.PrivateNote).includes(pi.latest_charge as string)),
    ).toHaveLength(0);
  });
});

/** A 10,000 invoice for an hour of approved time, sent to QuickBooks only. */
async function sentToQuickBooks(orgId: string) {
  const c = w.settle.container;
  const f = await billingFixture(c, orgId, { catalogPrice: 10000 });
  await f.approvedEntry(60);
  const gen = await c.generation.generate(orgId, SYSTEM_ACTOR, {
    clientIds: [f.client.id],
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
  });
  return c.invoices.send(orgId, SYSTEM_ACTOR, gen.invoices[0]!.id, { destinations: ['QUICKBOOKS'] });
}

/** A card payment of 10,000 made at the Stripe emulator (its charge carries Stripe's fee). */
const cardPayment = () =>
  stripe.paymentIntents.create({ amount: 10000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
