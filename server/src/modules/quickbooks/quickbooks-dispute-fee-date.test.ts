// Stripe's dispute fee (a Purchase) and its return on a won dispute (a Deposit) are dated the day Stripe
// took and gave back the fee on the org's wall, as payments and credit memos are: they took the UTC date
// of the push (a New York evening's fee was booked tomorrow, and a push retried later took that day).
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../platform/time-zone.js';
import { disputeFees } from '../stripe/stripe-dispute-effects.js';
import {
  bookingOrg,
  mapStripeFeeAccounts,
  qbEntitiesNoted,
  stripeEntriesBooked,
  startQbWorld,
  type QbWorld,
} from './quickbooks.test-support.js';

let w: QbWorld;
beforeAll(async () => {
  w = await startQbWorld();
});
afterAll(async () => w?.close());

async function orgIn(zone: string) {
  const o = await bookingOrg(w);
  await mapStripeFeeAccounts(w, o.token);
  await w.settle.container.db.query(`UPDATE organizations SET time_zone = $2 WHERE id = $1`, [o.org.id, zone]);
  return o.org.id as string;
}

describe('Stripe dispute fee dates in QuickBooks', () => {
  it('reads when the fee was taken and given back from its balance transactions', () => {
    const bt = (fee: number, created: number) => ({ fee, created }) as Stripe.BalanceTransaction;
    expect(disputeFees({ balance_transactions: [bt(1500, 1773108000), bt(-1500, 1776727800)] })).toEqual({
      charged: 1500,
      returned: 1500,
      chargedAt: '2026-03-10T02:00:00.000Z',
      returnedAt: '2026-04-20T23:30:00.000Z',
    });
  });

  it("dates the fee and its return the day Stripe moved them on the org's wall, not the UTC day", async () => {
    const orgId = await orgIn('America/New_York');
    // 9 pm in New York on March 9 (March 10 UTC); 8:30 pm on April 20 (April 21 UTC).
    const chargedAt = '2026-03-10T02:00:00.000Z';
    const returnedAt = '2026-04-21T00:30:00.000Z';
    const dispute = {
      id: `dp_day_${Date.now()}`,
      charge: 'ch_day_1',
      currency: 'USD',
      charged: 1500,
      returned: 1500,
      chargedAt,
      returnedAt,
    };
    await stripeEntriesBooked(w, orgId, { dispute });
    const [fee] = await qbEntitiesNoted(w.emu, 'Purchase', `Stripe dispute fee for ${dispute.id}`);
    expect(fee.TxnDate).toBe(todayIn('America/New_York', new Date(chargedAt)));
    expect(fee.TxnDate).toBe('2026-03-09');
    const [back] = await qbEntitiesNoted(w.emu, 'Deposit', `Stripe dispute fee returned for ${dispute.id}`);
    expect(back.TxnDate).toBe('2026-04-20');
  });

  it("without a known time, dates it today on the org's wall", async () => {
    // A zone whose date differs from UTC's now, whatever the hour: 14 hours ahead, or 11 behind.
    const zone = new Date().getUTCHours() >= 10 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
    const orgId = await orgIn(zone);
    const dispute = { id: `dp_now_${Date.now()}`, charge: 'ch_now_1', currency: 'USD', charged: 1500, returned: 0 };
    await stripeEntriesBooked(w, orgId, { dispute });
    const [fee] = await qbEntitiesNoted(w.emu, 'Purchase', `Stripe dispute fee for ${dispute.id}`);
    const wall = todayIn(zone, new Date());
    expect(wall).not.toBe(new Date().toISOString().slice(0, 10));
    expect(fee.TxnDate).toBe(wall);
  });
});
