// Stripe's dispute fee, taken in a currency other than the QuickBooks company's (multicurrency on): its
// Purchase, and the Deposit that books its return when the dispute is won, are in the currency Stripe
// took the fee in, at QuickBooks' rate of the day, never booked as that many units of the home currency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookingOrg,
  call,
  directClient,
  qbEntities,
  settled,
  startQbWorld,
  turnOnMulticurrency,
  type QbWorld,
} from './quickbooks.test-support.js';

let w: QbWorld;
beforeAll(async () => {
  w = await startQbWorld();
  await turnOnMulticurrency(w.emu);
  const qbo = await directClient(w.emu);
  await call((cb) => qbo.updateExchangeRate({ SourceCurrencyCode: 'EUR', Rate: 1.1, AsOfDate: '2020-01-01' }, cb));
});
afterAll(async () => w?.close());

/** An org booking to QuickBooks with the fee accounts mapped (the clearing account and the fee expense). */
async function orgWithFeeAccounts() {
  const o = await bookingOrg(w);
  const accounts = (await w.settle.gql(`{ quickBooksAccounts { id name } }`, {}, o.token)).data
    .quickBooksAccounts as Array<{ id: string; name: string }>;
  const clearing = accounts.find((a) => a.name === 'Stripe Clearing')!.id;
  await w.settle.gql(
    `mutation($i: QuickBooksMappingInput!) { updateQuickBooksMapping(input: $i) { status } }`,
    { i: { feeExpenseAccountId: accounts.find((a) => a.name === 'Stripe Fees')!.id, feeBankAccountId: clearing } },
    o.token,
  );
  return { orgId: o.org.id, clearing };
}

const noted = async (type: string, text: string) =>
  (await qbEntities(w.emu, type)).filter((e) => String(e.PrivateNote).includes(text));

describe('Stripe dispute fee in a foreign currency', () => {
  it('books the fee as a EUR Purchase and its return as a EUR Deposit, both at the rate of the day', async () => {
    const { orgId, clearing } = await orgWithFeeAccounts();
    const c = w.settle.container;
    const dispute = { id: `dp_eur_${Date.now()}`, charge: 'ch_eur_1', currency: 'EUR', charged: 1500, returned: 1500 };
    await c.db.transaction((tx) => c.events.emit(tx, 'stripe.dispute-fee', { orgId, dispute }));
    await settled(w, orgId);

    const [fee, ...morePurchases] = await noted('Purchase', `Stripe dispute fee for ${dispute.id}`);
    expect(morePurchases).toHaveLength(0);
    expect(fee).toMatchObject({
      CurrencyRef: { value: 'EUR' },
      ExchangeRate: 1.1,
      TotalAmt: 15,
      AccountRef: { value: clearing },
    });
    const [back, ...moreDeposits] = await noted('Deposit', `Stripe dispute fee returned for ${dispute.id}`);
    expect(moreDeposits).toHaveLength(0);
    expect(back).toMatchObject({
      CurrencyRef: { value: 'EUR' },
      ExchangeRate: 1.1,
      TotalAmt: 15,
      HomeTotalAmt: 16.5,
      DepositToAccountRef: { value: clearing },
    });
  });
});
