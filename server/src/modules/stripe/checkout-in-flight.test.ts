import { describe, expect, it } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { portalSession } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';
import { Payment } from '../payments/payment.entity.js';
import {
  control,
  connectedOrg,
  inboxSettled,
  invoiceOf,
  payCheckout,
  START_PAYMENT,
  stripeModule,
  stripeWorldForFile,
  type ConnectedOrg,
} from './stripe-test-kit.js';
import { StripeCheckoutSession, StripeInvoiceLink } from './stripe-links.entity.js';
import { payHostedPage } from './payment-artifacts.test-support.js';
import { hostedStripeInvoice } from './hosted-invoice.test-support.js';

/**
 * One payment per balance when Stripe took money Settle has not heard of yet (its webhooks late): a
 * portal Pay, a manual payment or a sweep asks Stripe, not Settle's rows, before a second page to pay
 * is handed out. Real SDK against the emulator, PostgreSQL.
 */
const w = stripeWorldForFile();

/** Stripe's webhooks to this org wait: money Stripe took that Settle has not heard of yet. */
const holdWebhooks = (o: ConnectedOrg) =>
  control(w.emu, '/faults', { action: 'delay', delay_ms: 30_000, count: 100, endpoint: o.conn.webhook.endpointId });

const chargesAtStripe = async (o: ConnectedOrg) =>
  (await o.stripe.paymentIntents.list({ limit: 100 })).data
    .filter((p) => p.status === 'succeeded')
    .map((p) => p.amount_received);
const sessionsAtStripe = async (o: ConnectedOrg) =>
  (await o.stripe.checkout.sessions.list({ limit: 100 })).data.map((s) => s.status);
const db = () => w.settle.container.db;
const RECORD = `mutation($i:RecordPaymentInput!){recordPayment(input:$i){payment{id}}}`;

/** A 100.00 invoice of an org sending hosted Stripe invoices, its hosted invoice, and a portal session of its client. */
async function hostedInvoice(name: string) {
  const h = await hostedStripeInvoice(w, name);
  return { ...h, portal: await portalSession(w.settle, h.o.org.id, h.o.fx.client.id) };
}

describe('portal Pay beside a hosted Stripe invoice', () => {
  it('the hosted invoice paid at Stripe, its webhook late: Pay is refused with CONFLICT, writing nothing, and nothing more is charged', async () => {
    const { o, invoice, portal, hostedUrl } = await hostedInvoice('Hosted paid');
    await holdWebhooks(o);
    expect((await payHostedPage(hostedUrl)).status).toBe(303);

    const refused = await expectNoChange(w.settle, () => w.settle.gql(START_PAYMENT, { id: invoice.id }, portal));
    expect(failure(refused)).toMatchObject({ code: 'CONFLICT' });
    expect(failure(refused).message).toMatch(/already made or is under way at Stripe.*refresh/);
    // Another amount too: the hosted invoice is not voided under money it already took.
    expect(failure(await w.settle.gql(START_PAYMENT, { id: invoice.id, amount: 4000 }, portal))).toMatchObject({
      code: 'CONFLICT',
    });
    expect(await sessionsAtStripe(o)).toEqual([]);
    expect(await chargesAtStripe(o)).toEqual([10000]);
  });

  it('Pay for the balance sends the payer to the hosted invoice (no Checkout beside it); another amount voids it at Stripe first, and the rest is reissued', async () => {
    const { o, invoice, portal, hostedUrl, stripeInvoiceId } = await hostedInvoice('Hosted live');
    const full = ok(await w.settle.gql(START_PAYMENT, { id: invoice.id }, portal)).startInvoicePayment;
    expect(full).toEqual({ url: hostedUrl, expiresAt: null });
    expect(await sessionsAtStripe(o)).toEqual([]);

    const part = ok(await w.settle.gql(START_PAYMENT, { id: invoice.id, amount: 4000 }, portal)).startInvoicePayment;
    expect(part.url).toMatch(/cs_test_/);
    expect((await o.stripe.invoices.retrieve(stripeInvoiceId)).status).toBe('void');
    expect((await payHostedPage(hostedUrl)).status).toBeGreaterThanOrEqual(400);
    // The link no longer offers it: /pay and a new Pay start Checkout.
    expect(await db().getRepository(StripeInvoiceLink).findOneBy({ invoiceId: invoice.id })).toMatchObject({
      stripeInvoiceId,
      hostedUrl: null,
      stripeAmount: null,
    });

    await payCheckout(part.url, { custom_amount: '40.00' });
    await eventually(async () => (await invoiceOf(w, o.org.id, invoice.id)).balanceDue === 6000, 'the part booked');
    const reissued = await eventually(async () => {
      const l = await db().getRepository(StripeInvoiceLink).findOneBy({ invoiceId: invoice.id });
      return l?.stripeInvoiceId && l.stripeInvoiceId !== stripeInvoiceId && l.hostedUrl ? l : null;
    }, 'the hosted invoice reissued for the rest');
    expect(await o.stripe.invoices.retrieve(reissued.stripeInvoiceId!)).toMatchObject({
      status: 'open',
      amount_remaining: 6000,
    });
    expect(await chargesAtStripe(o)).toEqual([4000]);
  });

  it('a hosted invoice voided at Stripe behind Settle (a void whose transaction then failed): /pay and Pay start Checkout, never the void page', async () => {
    const { o, invoice, portal, hostedUrl, stripeInvoiceId } = await hostedInvoice('Hosted voided');
    // Settle's own void (its idempotency key: its webhook is Settle's own, ignored), its transaction lost.
    await o.stripe.invoices.voidInvoice(stripeInvoiceId, {}, { idempotencyKey: `settle-void-${stripeInvoiceId}-lost` });
    await inboxSettled(w, o.org.id);
    expect(await db().getRepository(StripeInvoiceLink).findOneBy({ invoiceId: invoice.id })).toMatchObject({
      stripeInvoiceId,
      hostedUrl,
    });
    const visit = await fetch(`${w.settle.url}/pay/${invoice.publicToken}`, { redirect: 'manual' });
    expect(visit.status).toBe(303);
    expect(visit.headers.get('location')).toMatch(/cs_test_/);
    expect(visit.headers.get('location')).not.toBe(hostedUrl);
    const pay = ok(await w.settle.gql(START_PAYMENT, { id: invoice.id }, portal)).startInvoicePayment;
    expect(pay.url).toBe(visit.headers.get('location'));
    await payCheckout(pay.url);
    await eventually(async () => (await invoiceOf(w, o.org.id, invoice.id)).status === 'PAID', 'paid by Checkout');
    expect(await chargesAtStripe(o)).toEqual([10000]);
  });
});

describe('a Checkout session paid in its last minute, its webhook late, past its expiry in Settle', () => {
  async function paidButExpiredHere(name: string) {
    const o = await connectedOrg(w, name);
    const invoice = await o.fx.sentInvoice(60, { destinations: ['EMAIL', 'STRIPE'] });
    const portal = await portalSession(w.settle, o.org.id, o.fx.client.id);
    const first = ok(await w.settle.gql(START_PAYMENT, { id: invoice.id }, portal)).startInvoicePayment;
    await holdWebhooks(o);
    await payCheckout(first.url);
    // Settle's row says it expired a minute ago; Stripe says complete.
    await db()
      .getRepository(StripeCheckoutSession)
      .update({ invoiceId: invoice.id }, { expiresAt: new Date(Date.now() - 60_000) });
    return { o, invoice, portal };
  }

  it('a second Pay is refused with CONFLICT, writing nothing; so is a manual payment; nothing more is charged', async () => {
    const { o, invoice, portal } = await paidButExpiredHere('Last minute');
    const again = await expectNoChange(w.settle, () => w.settle.gql(START_PAYMENT, { id: invoice.id }, portal));
    expect(failure(again)).toMatchObject({ code: 'CONFLICT' });
    const manual = await expectNoChange(w.settle, () =>
      w.settle.gql(
        RECORD,
        { i: { invoiceId: invoice.id, amount: 10000, method: 'CHECK', reference: 'chk 1' } },
        o.token,
      ),
    );
    expect(failure(manual)).toMatchObject({ code: 'CONFLICT' });
    expect(await db().getRepository(Payment).countBy({ invoiceId: invoice.id })).toBe(0);
    expect(await sessionsAtStripe(o)).toEqual(['complete']);
    expect(await chargesAtStripe(o)).toEqual([10000]);
  });

  it('the stale-session sweep records it complete, as Stripe has it, not expired', async () => {
    const { o, invoice } = await paidButExpiredHere('Last minute sweep');
    expect(await stripeModule(w).checkout.expireStale(o.org.id, await invoiceOf(w, o.org.id, invoice.id))).toBe(1);
    expect((await db().getRepository(StripeCheckoutSession).findOneByOrFail({ invoiceId: invoice.id })).status).toBe(
      'complete',
    );
  });
});

describe('what a start refuses, writing nothing', () => {
  it('amounts: zero, negative, past the balance, fractional, huge, a string, a part when parts are not allowed', async () => {
    const o = await connectedOrg(w, 'Amounts');
    await db().query(`UPDATE organizations SET allow_partial_payments = false WHERE id = $1`, [o.org.id]);
    const invoice = await o.fx.sentInvoice(60, { destinations: ['EMAIL', 'STRIPE'] });
    const portal = await portalSession(w.settle, o.org.id, o.fx.client.id);
    for (const amount of [0, -1, 10001, 1.5, 1e13, 5000, '100']) {
      const r = await expectNoChange(w.settle, () => w.settle.gql(START_PAYMENT, { id: invoice.id, amount }, portal));
      expect(r.errors, String(amount)).toBeTruthy();
    }
    expect(await sessionsAtStripe(o)).toEqual([]);
  });

  it('a double click with two amounts at once: one live session at Stripe', async () => {
    const o = await connectedOrg(w, 'Double click');
    await db().query(`UPDATE organizations SET allow_partial_payments = true WHERE id = $1`, [o.org.id]);
    const invoice = await o.fx.sentInvoice(60, { destinations: ['EMAIL', 'STRIPE'] });
    const portal = await portalSession(w.settle, o.org.id, o.fx.client.id);
    const both = await Promise.all([
      w.settle.gql(START_PAYMENT, { id: invoice.id, amount: 4000 }, portal),
      w.settle.gql(START_PAYMENT, { id: invoice.id, amount: 6000 }, portal),
    ]);
    expect(both.map((r) => r.errors)).toEqual([undefined, undefined]);
    expect((await sessionsAtStripe(o)).sort()).toEqual(['expired', 'open']);
  });
});
