import { describe, expect, it } from 'vitest';
import { billingFixture, payByCheck, portalSession } from '../../../test/fixtures.js';
import { ManualClock } from '../../platform/clock.js';
import { CreditMemo, Payment } from '../payments/payment.entity.js';
import { connectedOrg, invoiceOf, postForm, stripeWorldForFile } from '../stripe/stripe-test-kit.js';
import { AutopayAttempt } from './autopay.entities.js';
import { autopayOf } from './autopay.integration.js';

const w = stripeWorldForFile();

async function gqlOk(query: string, vars: Record<string, unknown>, token: string) {
  const r = await w.settle.gql(query, vars, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

describe('autopay in a three-decimal currency (emulator, PostgreSQL)', () => {
  it('charges 12.345 KWD as 12.340 (Stripe takes KWD in steps of 0.010) and closes 0.005 by a credit memo', async () => {
    const o = await connectedOrg(w);
    const fx = await billingFixture(w.settle.container, o.org.id, { currency: 'KWD', catalogPrice: 12345 });
    const portal = await portalSession(w.settle, o.org.id, fx.client.id);
    const start = `mutation { startSavePaymentMethod { url } }`;
    const saved = await postForm((await gqlOk(start, {}, portal)).startSavePaymentMethod.url, {
      card_number: '4242424242424242',
    });
    expect(saved.status).toBe(303);
    await gqlOk(`mutation { setAutopay(enabled: true) { enabled } }`, {}, portal);
    const inv = await fx.sentInvoice(60);
    expect(inv.total).toBe(12345);
    w.settle.container.clock = new ManualClock(`${inv.dueDate}T12:00:00Z`);
    expect(await autopayOf(w.settle.container).charger.chargeInvoice(o.org.id, inv.id)).toBe('charged');
    const [a] = await w.settle.container.db.getRepository(AutopayAttempt).findBy({ invoiceId: inv.id });
    expect(a).toMatchObject({ status: 'SUCCEEDED', amount: 12340 });
    expect(await o.stripe.paymentIntents.retrieve(a!.paymentIntentId!)).toMatchObject({ amount: 12340 });
    expect(await invoiceOf(w, o.org.id, inv.id)).toMatchObject({ status: 'PAID', amountPaid: 12340, balanceDue: 0 });
    const memos = await w.settle.container.db.getRepository(CreditMemo).findBy({ invoiceId: inv.id });
    expect(memos.map((m) => [m.amount, m.reason])).toEqual([[5, 'Rounding: Stripe takes KWD in steps of 0.010']]);
    expect(await w.settle.container.db.getRepository(Payment).countBy({ invoiceId: inv.id })).toBe(1);
  });

  // After a part payment by hand, KWD 0.005 left is less than Stripe's step: nothing is asked of Stripe.
  it('records a balance under one Stripe step as BELOW_MINIMUM without asking Stripe, and does not retry it', async () => {
    const o = await connectedOrg(w);
    const fx = await billingFixture(w.settle.container, o.org.id, { currency: 'KWD', catalogPrice: 12345 });
    const portal = await portalSession(w.settle, o.org.id, fx.client.id);
    const start = `mutation { startSavePaymentMethod { url } }`;
    await postForm((await gqlOk(start, {}, portal)).startSavePaymentMethod.url, { card_number: '4242424242424242' });
    await gqlOk(`mutation { setAutopay(enabled: true) { enabled } }`, {}, portal);
    const inv = await fx.sentInvoice(60);
    await payByCheck(w.settle.container, o.org.id, inv.id, 12340);
    w.settle.container.clock = new ManualClock(`${inv.dueDate}T12:00:00Z`);
    expect(await autopayOf(w.settle.container).charger.chargeInvoice(o.org.id, inv.id)).toBe('declined');
    const attempts = await w.settle.container.db.getRepository(AutopayAttempt).findBy({ invoiceId: inv.id });
    expect(attempts).toMatchObject([{ status: 'DECLINED', declineCode: 'amount_too_small', nextAttemptAt: null }]);
    expect(attempts[0]!.paymentIntentId).toBeNull();
    expect((await o.stripe.paymentIntents.list({ limit: 100 })).data.filter((p) => p.amount === 0)).toEqual([]);
  });
});
