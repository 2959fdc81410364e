import { describe, expect, it } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { todayUtc } from '../invoices/invoice-status.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { todayIn } from '../../platform/time-zone.js';
import { sentAsHostedInvoice } from './hosted-invoice.test-support.js';
import {
  connectedOrg,
  control,
  invoiceOf,
  paidByCard,
  paymentsOf,
  postForm,
  sentToStripe,
  stripeWorldForFile,
  waitForStatus,
} from './stripe-test-kit.js';

const w = stripeWorldForFile();
const DAY = 86_400;

/** The hosted Stripe invoice paid by card with Stripe's clock at `paidAt` (unix seconds), then applied by Settle. */
async function payHostedInvoiceAt(orgId: string, invoiceId: string, stripeId: string, paidAt: number) {
  await control(w.emu, '/clock', { frozen_time: paidAt });
  try {
    const paid = await postForm(`${w.emu.url}/hosted/invoices/${stripeId}/pay`, { card_number: '4242424242424242' });
    expect(paid.status).toBe(303);
    await waitForStatus(w, orgId, invoiceId, 'PAID');
  } finally {
    await control(w.emu, '/clock', undefined, 'DELETE');
  }
}

describe('a Stripe payment is dated when Stripe took the money, not when Settle booked it', () => {
  it('a hosted invoice paid on another day than Settle applies it is received on the day Stripe says', async () => {
    const o = await connectedOrg(w);
    const { inv, stripeId } = await sentAsHostedInvoice(w, o, () => sentToStripe(o));
    // Stripe's clock three days on: the money is taken "then" while Settle's own day is today (the same gap
    // as a payment at 23:59 on the 31st booked after midnight, or one the sweep finds days later).
    const paidAt = Math.floor(Date.now() / 1000) + 3 * DAY;
    await payHostedInvoiceAt(o.org.id, inv.id, stripeId, paidAt);
    const [payment] = await paymentsOf(w, o.org.id, inv.id);
    const stripeDay = todayUtc(new Date(paidAt * 1000));
    expect(stripeDay).not.toBe(todayUtc());
    expect(payment!.receivedOn).toBe(stripeDay);
  });

  it('a refund made in Stripe on another day than Settle books it is dated the day Stripe made it', async () => {
    const { o, inv, pi } = await paidByCard(w);
    const refundedAt = Math.floor(Date.now() / 1000) + 3 * DAY;
    await control(w.emu, '/clock', { frozen_time: refundedAt });
    try {
      await o.stripe.refunds.create({ payment_intent: pi, amount: 2500 });
      await eventually(async () => (await invoiceOf(w, o.org.id, inv.id)).amountPaid === 7500 || null, 'refund booked');
    } finally {
      await control(w.emu, '/clock', undefined, 'DELETE');
    }
    const refund = (await paymentsOf(w, o.org.id, inv.id)).find((p) => p.kind === 'REFUND');
    expect(refund).toMatchObject({ amount: -2500, receivedOn: todayUtc(new Date(refundedAt * 1000)) });
  });

  it("is the day on the org's wall: a New York org paid late in the evening there (03:30 UTC the next day) receives it that evening's day", async () => {
    const o = await connectedOrg(w);
    await w.settle.container.organizations.updateSettings(o.org.id, SYSTEM_ACTOR, { timeZone: 'America/New_York' });
    const { inv, stripeId } = await sentAsHostedInvoice(w, o, () => sentToStripe(o));
    const at = new Date(Date.now() + 3 * DAY * 1000);
    at.setUTCHours(3, 30, 0, 0);
    const paidAt = Math.floor(at.getTime() / 1000);
    await payHostedInvoiceAt(o.org.id, inv.id, stripeId, paidAt);
    const [payment] = await paymentsOf(w, o.org.id, inv.id);
    const newYorkDay = todayIn('America/New_York', at);
    expect(newYorkDay).not.toBe(todayUtc(at));
    expect(payment!.receivedOn).toBe(newYorkDay);
  });
});
