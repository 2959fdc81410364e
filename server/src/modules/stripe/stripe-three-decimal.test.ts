import { describe, expect, it } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { billingFixture } from '../../../test/fixtures.js';
import { providerActor, SYSTEM_ACTOR } from '../../platform/actor.js';
import { CreditMemo, PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import {
  connectedOrg,
  invoiceOf,
  payCheckout,
  postForm,
  paymentsOf,
  START_PAYMENT,
  stripeWorldForFile,
} from './stripe-test-kit.js';
import { stripeRounding } from './stripe-rules.js';
import { StripeCatalogLink, StripeInvoiceLink } from './stripe-links.entity.js';

const w = stripeWorldForFile();

/** A connected org's sent KWD invoice of 12.345 (one hour at 12.345), going to Stripe. */
async function kwdInvoice() {
  const o = await connectedOrg(w);
  const fx = await billingFixture(w.settle.container, o.org.id, { currency: 'KWD', catalogPrice: 12345 });
  const inv = await fx.sentInvoice(60, { destinations: ['EMAIL', 'STRIPE'] });
  expect(inv).toMatchObject({ currency: 'KWD', total: 12345 });
  return { o, inv };
}

const memosOf = (orgId: string, invoiceId: string) =>
  w.settle.container.db.getRepository(CreditMemo).findBy({ orgId, invoiceId });

/** Stripe takes BHD, JOD, KWD, OMR and TND only in steps of 10 minor units (the emulator refuses others). */
describe('Stripe three-decimal currencies (real SDK, emulator, PostgreSQL)', () => {
  it('12.345 KWD paid through Checkout charges 12.340 and ends PAID with a 0.005 rounding credit memo, once', async () => {
    const { o, inv } = await kwdInvoice();
    const r = await w.settle.gql(START_PAYMENT, { id: inv.id }, o.token);
    expect(r.errors).toBeUndefined();
    await payCheckout(r.data.startInvoicePayment.url);
    await eventually(async () => (await invoiceOf(w, o.org.id, inv.id)).status === 'PAID', 'invoice paid');
    const done = await invoiceOf(w, o.org.id, inv.id);
    expect(done).toMatchObject({ amountPaid: 12340, amountCredited: 5, balanceDue: 0 });
    const [payment, ...more] = await paymentsOf(w, o.org.id, inv.id);
    expect(more).toEqual([]);
    expect(payment).toMatchObject({ source: PaymentSource.STRIPE, amount: 12340 });
    const memos = await memosOf(o.org.id, inv.id);
    expect(memos.map((m) => [m.amount, m.reason])).toEqual([[5, 'Rounding: Stripe takes KWD in steps of 0.010']]);
    // The same payment booked again (a redelivered event) is a replay: nothing more is credited.
    const again = await w.settle.container.db.transaction((tx) =>
      w.settle.container.settlement.settleIn(tx, o.org.id, providerActor('stripe', 'evt_again'), {
        invoiceId: inv.id,
        amount: 12340,
        currency: 'kwd',
        source: PaymentSource.STRIPE,
        method: PaymentMethod.CARD,
        externalId: payment!.externalId,
        allowOverpayment: true,
        closeRemainder: stripeRounding('kwd'),
      }),
    );
    expect(again.replayed).toBe(true);
    expect(await memosOf(o.org.id, inv.id)).toHaveLength(1);
    expect((await invoiceOf(w, o.org.id, inv.id)).amountCredited).toBe(5);

    // A refund Stripe would refuse (0.005 KWD) is refused on amount before Stripe is asked; 0.010 goes through.
    const REFUND = `mutation($i: RefundPaymentInput!) { refundPayment(input: $i) { payment { amount } } }`;
    const refund = (amount: number) =>
      w.settle.gql(REFUND, { i: { paymentId: payment!.id, amount, reason: 'Billed twice' } }, o.token);
    const odd = await refund(5);
    expect(odd.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(odd.errors?.[0]?.message).toMatch(/steps of KWD 0\.010: enter KWD 0\.000 or KWD 0\.010/);
    expect(await paymentsOf(w, o.org.id, inv.id)).toHaveLength(1);
    expect((await refund(10)).data.refundPayment.payment.amount).toBe(-10);
  });

  it('a part of 1.005 KWD is refused on amount, in money words; 1.010 starts a Checkout Stripe takes', async () => {
    const { o, inv } = await kwdInvoice();
    const bad = await w.settle.gql(START_PAYMENT, { id: inv.id, amount: 1005 }, o.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(bad.errors?.[0]?.message).toMatch(/steps of KWD 0\.010: enter KWD 1\.000 or KWD 1\.010/);
    const ok = await w.settle.gql(START_PAYMENT, { id: inv.id, amount: 1010 }, o.token);
    expect(ok.errors).toBeUndefined();
    await payCheckout(ok.data.startInvoicePayment.url);
    await eventually(async () => (await invoiceOf(w, o.org.id, inv.id)).amountPaid === 1010, 'part paid');
    // A part leaves more than the step owed: nothing is credited for it.
    expect(await memosOf(o.org.id, inv.id)).toEqual([]);
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('PARTIALLY_PAID');
  });

  it('the hosted Stripe invoice for 12.345 KWD asks for 12.340; paid there, the invoice ends PAID with the memo', async () => {
    const o = await connectedOrg(w);
    await w.settle.gql(`mutation { updatePaymentSettings(input: {sendVia: HOSTED_INVOICE}) { sendVia } }`, {}, o.token);
    const fx = await billingFixture(w.settle.container, o.org.id, { currency: 'KWD', catalogPrice: 12345 });
    const inv = await fx.sentInvoice(60, { destinations: ['EMAIL', 'STRIPE'] });
    const links = w.settle.container.db.getRepository(StripeInvoiceLink);
    const link = await eventually(
      async () =>
        (await links.findOneBy({ invoiceId: inv.id }))?.hostedUrl ? links.findOneBy({ invoiceId: inv.id }) : null,
      'hosted invoice',
    );
    const sInv = await o.stripe.invoices.retrieve(link!.stripeInvoiceId!);
    expect(sInv).toMatchObject({ status: 'open', currency: 'kwd', amount_due: 12340 });
    const paid = await postForm(`${w.emu.url}/hosted/invoices/${sInv.id}/pay`, { card_number: '4242424242424242' });
    expect(paid.status).toBe(303);
    await eventually(async () => (await invoiceOf(w, o.org.id, inv.id)).status === 'PAID', 'invoice paid');
    expect(await invoiceOf(w, o.org.id, inv.id)).toMatchObject({ amountPaid: 12340, amountCredited: 5, balanceDue: 0 });
    expect((await memosOf(o.org.id, inv.id)).map((m) => m.amount)).toEqual([5]);
  });

  it('a catalog price of 12.345 KWD is left out of Stripe (it would refuse it on every retry); 12.340 goes', async () => {
    const o = await connectedOrg(w);
    const { catalog, db } = w.settle.container;
    const svc = await catalog.create(o.org.id, SYSTEM_ACTOR, {
      code: `KWD-${Math.random().toString(36).slice(2, 8)}`,
      name: 'Support',
      prices: [
        { currency: 'USD', unitAmount: 12345 },
        { currency: 'KWD', unitAmount: 12345 },
      ],
    });
    // Synced by the job the change queued (as in production).
    const links = db.getRepository(StripeCatalogLink);
    const synced = (currency: string) =>
      eventually(async () => {
        const l = await links.findOneBy({ orgId: o.org.id, serviceId: svc.id });
        return l?.prices[currency] ? l : null;
      }, `${currency} price synced`);
    expect(Object.keys((await synced('USD')).prices)).toEqual(['USD']);
    await catalog.update(o.org.id, SYSTEM_ACTOR, svc.id, {
      prices: [
        { currency: 'USD', unitAmount: 12345 },
        { currency: 'KWD', unitAmount: 12340 },
      ],
    });
    const after = await synced('KWD');
    expect((await o.stripe.prices.retrieve(after.prices.KWD!.priceId)).unit_amount).toBe(12340);
  });
});
