// The Stripe fee of a payment in a currency other than the QuickBooks company's (multicurrency on): its
// Purchase is in the currency Stripe kept the fee in (the balance transaction's), with the Payment's rate
// when that is the payment's currency, so it lands in the right currency and the clearing account nets.
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingFixture } from '../../../test/fixtures.js';
import type { StripeEmulator } from '@settle/stripe-emulator';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import type { PaymentFee, PaymentFeeSource } from '../payments/payment-fee-source.js';
import {
  bookingOrg,
  call,
  directClient,
  mapStripeFeeAccounts,
  operations,
  qbEntities,
  qbIdOf,
  quickBooksOf,
  sendLinesToQb,
  settled,
  startQbWorld,
  stripeFeesEmulator,
  turnOnMulticurrency,
  type QbWorld,
} from './quickbooks.test-support.js';

let w: QbWorld;
let stripeEmu: StripeEmulator;
let stripe: Stripe;
/** What Stripe's balance transaction says of a charge, where the emulator cannot (it never converts). */
const settledElsewhere = new Map<string, PaymentFee>();
beforeAll(async () => {
  w = await startQbWorld();
  const emulator = await stripeFeesEmulator('sk_test_feecur');
  ({ stripeEmu, stripe } = emulator);
  const source: PaymentFeeSource = {
    feeFor: async (orgId, id) => settledElsewhere.get(id) ?? emulator.fees.feeFor(orgId, id),
  };
  quickBooksOf(w.settle.container).feeSource = source;
  await turnOnMulticurrency(w.emu);
  const qbo = await directClient(w.emu);
  await call((cb) => qbo.updateExchangeRate({ SourceCurrencyCode: 'EUR', Rate: 1.1, AsOfDate: '2020-01-01' }, cb));
});
afterAll(async () => {
  await w?.close();
  await stripeEmu?.close();
});

/**
 * A EUR invoice of 200.00 in QuickBooks (at its rate, 1.1), paid by a EUR card at the Stripe emulator;
 * `book()` records that card payment in Settle (as the Stripe sweep does) and waits for QuickBooks.
 */
async function eurInvoicePaidByCard(clientName: string) {
  const o = await bookingOrg(w);
  const c = w.settle.container;
  const accounts = await mapStripeFeeAccounts(w, o.token);
  const f = await billingFixture(c, o.org.id, { currency: 'EUR', clientName });
  const inv = await sendLinesToQb(w, o.org.id, f.client.id, [[20000, 0]]);
  await settled(w, o.org.id);
  const pi = await stripe.paymentIntents.create({
    amount: 20000,
    currency: 'eur',
    payment_method: 'pm_card_visa',
    confirm: true,
  });
  const chargeId = pi.latest_charge as string;
  const book = async () => {
    const paid = await c.settlement.settle(o.org.id, SYSTEM_ACTOR, {
      invoiceId: inv.id,
      amount: 20000,
      source: PaymentSource.STRIPE,
      method: PaymentMethod.CARD,
      externalId: chargeId,
    });
    await settled(w, o.org.id);
    return paid;
  };
  return { o, chargeId, accounts, book };
}

const feePurchaseOf = async (chargeId: string) =>
  (await qbEntities(w.emu, 'Purchase')).filter((p) => String(p.PrivateNote).includes(chargeId));

describe('Stripe fee of a foreign-currency payment', () => {
  it("is a Purchase in EUR at the Payment's rate when Stripe kept it in EUR", async () => {
    const { o, chargeId, accounts, book } = await eurInvoicePaidByCard('Euro Fee');
    // QuickBooks' rate moves after the invoice: the fee still follows its Payment (the invoice's rate).
    const qbo = await directClient(w.emu);
    await call((cb) => qbo.updateExchangeRate({ SourceCurrencyCode: 'EUR', Rate: 1.3, AsOfDate: '2020-01-01' }, cb));
    const paid = await book();
    await call((cb) => qbo.updateExchangeRate({ SourceCurrencyCode: 'EUR', Rate: 1.1, AsOfDate: '2020-01-01' }, cb));
    const paymentId = await qbIdOf(w, o.org.id, 'PAYMENT', paid.payment.id);
    const payment = (await qbEntities(w.emu, 'Payment')).find((p) => p.Id === paymentId);
    expect(payment).toMatchObject({ CurrencyRef: { value: 'EUR' }, ExchangeRate: 1.1, TotalAmt: 200 });
    const purchases = await feePurchaseOf(chargeId);
    expect(purchases).toHaveLength(1);
    // Stripe's 2.9% + 0.30 of 200.00 EUR, in EUR.
    expect(purchases[0]).toMatchObject({
      CurrencyRef: { value: 'EUR' },
      ExchangeRate: 1.1,
      TotalAmt: 6.1,
      AccountRef: { value: accounts.feeBankAccountId },
    });
    expect((await operations(w, o.org.id)).map((op) => [op.kind, op.status])).toContainEqual(['STRIPE_FEE', 'DONE']);
  });

  it('is a Purchase in the home currency when Stripe settled the EUR charge in USD (the fee its balance transaction says)', async () => {
    const { chargeId, book } = await eurInvoicePaidByCard('Euro Settled USD');
    // Stripe converted the charge into the account's USD balance: the fee is 6.95 USD, not a EUR amount.
    settledElsewhere.set(chargeId, { chargeId, gross: 21800, fee: 695, currency: 'USD' });
    await book();
    const purchases = await feePurchaseOf(chargeId);
    expect(purchases).toHaveLength(1);
    expect(purchases[0]).toMatchObject({ CurrencyRef: { value: 'USD' }, TotalAmt: 6.95 });
    expect(purchases[0].ExchangeRate ?? 1).toBe(1);
  });
});
