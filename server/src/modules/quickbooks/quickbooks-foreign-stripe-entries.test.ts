// What Stripe moves in a currency other than the QuickBooks company's (multicurrency on) is booked in that
// currency at QuickBooks' rate of the day, never as that many units of the home currency: the dispute fee
// (a Purchase) and its return (a Deposit), and a payout (a Deposit into the bank account holding it).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookingOrg,
  call,
  directClient,
  mapStripeFeeAccounts,
  qbEntitiesNoted,
  stripeEntriesBooked,
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

/** An org booking to QuickBooks with the Stripe fee accounts mapped, and `more` of the mapping. */
async function orgWithFeeAccounts(more: Record<string, string> = {}) {
  const o = await bookingOrg(w);
  return { orgId: o.org.id, clearing: (await mapStripeFeeAccounts(w, o.token, more)).feeBankAccountId };
}

const noted = (type: string, text: string) => qbEntitiesNoted(w.emu, type, text);

describe('Stripe dispute fee in a foreign currency', () => {
  it('books the fee as a EUR Purchase and its return as a EUR Deposit, both at the rate of the day', async () => {
    const { orgId, clearing } = await orgWithFeeAccounts();
    const dispute = { id: `dp_eur_${Date.now()}`, charge: 'ch_eur_1', currency: 'EUR', charged: 1500, returned: 1500 };
    await stripeEntriesBooked(w, orgId, { dispute });

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

  it('books a EUR payout as a EUR Deposit into the EUR bank account, at the rate of its arrival day', async () => {
    const qbo = await directClient(w.emu);
    const bank = await call((cb) =>
      qbo.createAccount({ Name: `Bank EUR ${Date.now()}`, AccountType: 'Bank', CurrencyRef: { value: 'EUR' } }, cb),
    );
    const { orgId, clearing } = await orgWithFeeAccounts({ payoutBankAccountId: bank.Id });
    const payout = {
      id: randomUUID(),
      stripePayoutId: `po_eur_${Date.now()}`,
      amount: 50000,
      currency: 'EUR',
      arrivalDate: '2026-12-01',
      lines: [],
    };
    await stripeEntriesBooked(w, orgId, { payout });

    const [deposit, ...more] = await noted('Deposit', `Stripe payout ${payout.stripePayoutId}`);
    expect(more).toHaveLength(0);
    expect(deposit).toMatchObject({
      CurrencyRef: { value: 'EUR' },
      ExchangeRate: 1.1,
      TotalAmt: 500,
      TxnDate: '2026-12-01',
      DepositToAccountRef: { value: bank.Id },
      Line: [
        expect.objectContaining({
          DepositLineDetail: expect.objectContaining({ AccountRef: expect.objectContaining({ value: clearing }) }),
        }),
      ],
    });
  });
});
