// With multicurrency off, what Stripe moves in a foreign currency is refused with a reason an accountant
// understands, never booked as that many units of the home currency; the home currency books as before
// (no ExchangeRate), once however often it is replayed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpKind } from './quickbooks-ledger.js';
import {
  bookingOrg,
  mapStripeFeeAccounts,
  operations,
  qbEntitiesNoted,
  qbExceptionsVia,
  runAgain,
  settled,
  startQbWorld,
  stripeEntriesBooked,
  type QbWorld,
} from './quickbooks.test-support.js';

let w: QbWorld;
beforeAll(async () => {
  w = await startQbWorld();
});
afterAll(async () => w?.close());

async function orgWithFeeAccounts() {
  const o = await bookingOrg(w);
  const accounts = (await w.settle.gql(`{ quickBooksAccounts { id name } }`, {}, o.token)).data
    .quickBooksAccounts as Array<{ id: string; name: string }>;
  const checking = accounts.find((a) => a.name === 'Checking')!.id;
  const ids = await mapStripeFeeAccounts(w, o.token, { payoutBankAccountId: checking });
  return { ...o, orgId: o.org.id, clearing: ids.feeBankAccountId };
}

const noted = (type: string, text: string) => qbEntitiesNoted(w.emu, type, text);

const payoutOf = (currency: string) => ({
  id: randomUUID(),
  stripePayoutId: `po_${currency}_${randomUUID().slice(0, 8)}`,
  amount: 50000,
  currency,
  arrivalDate: '2026-12-01',
  lines: [],
});

describe('Stripe entries with multicurrency off', () => {
  it('refuses a EUR payout and a EUR dispute fee with a clear reason; nothing is booked', async () => {
    const o = await orgWithFeeAccounts();
    const payout = payoutOf('EUR');
    const dispute = { id: `dp_off_${Date.now()}`, charge: 'ch_off', currency: 'EUR', charged: 1500, returned: 0 };
    await stripeEntriesBooked(w, o.orgId, { payout, dispute });

    expect(await noted('Deposit', payout.stripePayoutId)).toHaveLength(0);
    expect(await noted('Purchase', dispute.id)).toHaveLength(0);
    const ops = (await operations(w, o.orgId)).filter((op) => op.kind !== 'PUSH_CUSTOMER');
    expect(ops.map((op) => [op.kind, op.status, op.attempts]).sort()).toEqual([
      ['PUSH_DEPOSIT', 'FAILED', 1],
      ['STRIPE_DISPUTE_FEE', 'FAILED', 1],
    ]);
    const messages = (await qbExceptionsVia(w, o.token)).map((e: { message: string }) => e.message).sort();
    expect(messages).toEqual([
      `Stripe payout ${payout.stripePayoutId} is in EUR, but the QuickBooks company keeps its books in USD and has multicurrency turned off. Turn on multicurrency in QuickBooks (Settings → Account and settings → Advanced → Currency), then retry; or have Stripe settle that currency in USD (Stripe Dashboard → Settings → Bank accounts and currencies).`,
      `The Stripe dispute fee of ${dispute.id} is in EUR, but the QuickBooks company keeps its books in USD and has multicurrency turned off. Turn on multicurrency in QuickBooks (Settings → Account and settings → Advanced → Currency), then retry; or have Stripe settle that currency in USD (Stripe Dashboard → Settings → Bank accounts and currencies).`,
    ]);
  });

  it('books a USD payout and dispute fee in the home currency, without an exchange rate, once when replayed', async () => {
    const o = await orgWithFeeAccounts();
    const payout = payoutOf('USD');
    const dispute = { id: `dp_usd_${Date.now()}`, charge: 'ch_usd', currency: 'USD', charged: 1500, returned: 1500 };
    await stripeEntriesBooked(w, o.orgId, { payout, dispute });
    // Replays: by ledger link, and with the link gone by QuickBooks' requestid.
    await runAgain(w, o.orgId, OpKind.PUSH_DEPOSIT, payout.id);
    await runAgain(w, o.orgId, OpKind.STRIPE_DISPUTE_FEE, dispute.id, 'DISPUTE_FEE');
    await settled(w, o.orgId);

    const deposits = await noted('Deposit', payout.stripePayoutId);
    expect(deposits).toHaveLength(1);
    expect(deposits[0]).toMatchObject({ CurrencyRef: { value: 'USD' }, TotalAmt: 500 });
    expect(deposits[0]).not.toHaveProperty('ExchangeRate');
    const fees = await noted('Purchase', `Stripe dispute fee for ${dispute.id}`);
    expect(fees).toHaveLength(1);
    expect(fees[0]).toMatchObject({ CurrencyRef: { value: 'USD' }, TotalAmt: 15 });
    expect(fees[0]).not.toHaveProperty('ExchangeRate');
    const back = await noted('Deposit', `Stripe dispute fee returned for ${dispute.id}`);
    expect(back).toHaveLength(1);
    expect(back[0]).not.toHaveProperty('ExchangeRate');
    expect(await qbExceptionsVia(w, o.token)).toEqual([]);
  });
});

describe('Stripe dispute fee with Undeposited Funds', () => {
  it("is skipped as a line of the payout's Deposit, not as fee reconciliation being off", async () => {
    const o = await bookingOrg(w);
    const accounts = (await w.settle.gql(`{ quickBooksAccounts { id name } }`, {}, o.token)).data
      .quickBooksAccounts as Array<{ id: string; name: string }>;
    const id = (name: string) => accounts.find((a) => a.name === name)!.id;
    await w.settle.gql(
      `mutation($i: QuickBooksMappingInput!) { updateQuickBooksMapping(input: $i) { status } }`,
      {
        i: {
          feeExpenseAccountId: id('Stripe Fees'),
          payoutBankAccountId: id('Checking'),
          stripeDepositTo: 'UNDEPOSITED_FUNDS',
        },
      },
      o.token,
    );
    const dispute = { id: `dp_und_${Date.now()}`, charge: 'ch_und', currency: 'USD', charged: 1500, returned: 1500 };
    await stripeEntriesBooked(w, o.org.id, { dispute });
    const ops = (await operations(w, o.org.id)).filter((op) => op.kind === 'STRIPE_DISPUTE_FEE');
    expect(ops.map((op) => [op.version, op.status, op.last_error])).toEqual([
      [1, 'SKIPPED', "with Undeposited Funds the dispute fee is a line of the payout's Deposit"],
      [2, 'SKIPPED', "with Undeposited Funds the dispute fee is a line of the payout's Deposit"],
    ]);
    expect(await noted('Purchase', dispute.id)).toHaveLength(0);
  });
});
