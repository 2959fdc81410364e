import { describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { failure, ok } from '../../../test/api.js';
import { eventually } from '../../../test/harness.js';
import { StripeEffects } from './stripe-event-effects.js';
import { StripeCheckoutSession, StripeInvoiceLink } from './stripe-links.entity.js';
import { payHostedPage } from './payment-artifacts.test-support.js';
import {
  invoiceOf,
  payCheckout,
  quietOrg,
  START_PAYMENT,
  stripeEvent,
  stripeModule,
  stripeWorldForFile,
} from './stripe-test-kit.js';
import { race } from '../../../test/lock-races.js';

/**
 * The Stripe money path and the changes that meet it on one invoice take the invoice's row lock before
 * the invoice's Stripe rows (its hosted-invoice link, its Checkout sessions, its `pay:` version mark), so
 * they wait on each other instead of deadlocking. They used to: a batch recording a payment marked the
 * link or the session before locking the invoice, and a failed payment wrote its version mark and the
 * link without the invoice lock. Each test holds one row (the invoice, or its mark) so the two meet at a known point.
 * The org sends no webhooks (quietOrg): the test applies the events itself, as two drains would.
 */
const w = stripeWorldForFile();
const VOID = `mutation($id: ID!) { voidInvoice(id: $id) { status } }`;

const effectsOf = () => new StripeEffects(w.settle.container.db, w.settle.container, stripeModule(w).connections);

const asEvent = (type: string, object: object, id: string, created: number) =>
  ({ ...stripeEvent(type, object, id), created }) as unknown as Stripe.Event;

/** A 100.00 invoice of a fresh quiet org sent as a hosted Stripe invoice, paid on its page at Stripe. */
async function hostedPaidAtStripe(name: string) {
  const db = w.settle.container.db;
  const o = await quietOrg(w, name);
  ok(
    await w.settle.gql(`mutation { updatePaymentSettings(input: {sendVia: HOSTED_INVOICE}) { sendVia } }`, {}, o.token),
  );
  const invoice = await o.fx.sentInvoice(60, { destinations: ['EMAIL', 'STRIPE'] });
  const link = await eventually(async () => {
    const l = await db.getRepository(StripeInvoiceLink).findOneBy({ invoiceId: invoice.id });
    return l?.hostedUrl ? l : null;
  }, 'the hosted Stripe invoice');
  expect((await payHostedPage(link.hostedUrl!)).status).toBe(303);
  const paidAtStripe = await o.stripe.invoices.retrieve(link.stripeInvoiceId!);
  expect(paidAtStripe.status).toBe('paid');
  return { o, invoice, paidAtStripe, now: Math.floor(Date.now() / 1000) };
}

/** An attempt to pay the hosted invoice that failed (as Stripe reports a declined card on it). */
const failedEvent = (inv: Stripe.Invoice, id: string, created: number) =>
  asEvent('invoice.payment_failed', inv, id, created);

/** Paid in Settle, its hosted invoice asking for nothing more, and no payment error left showing. */
async function expectPaidAndQuiet(orgId: string, invoiceId: string) {
  expect((await invoiceOf(w, orgId, invoiceId)).status).toBe('PAID');
  const link = await w.settle.container.db.getRepository(StripeInvoiceLink).findOneByOrFail({ invoiceId });
  expect(link).toMatchObject({ stripeAmount: 0, lastPaymentError: null });
}

describe('a Stripe payment and another change of the same invoice at once', () => {
  it('the payment waiting on the invoice, then an earlier failed attempt: the payment is recorded, the failure ignored', async () => {
    const { o, invoice, paidAtStripe, now } = await hostedPaidAtStripe('Paid, then failed');
    const effects = effectsOf();
    const [paid, failed] = await race(
      w.settle.container.db,
      { sql: `SELECT id FROM invoices WHERE id = $1 FOR UPDATE`, params: [invoice.id] },
      () => effects.apply(o.org.id, asEvent('invoice.paid', paidAtStripe, 'evt_lock_paid_1', now)),
      () => effects.apply(o.org.id, failedEvent(paidAtStripe, 'evt_lock_failed_1', now - 5)),
    );
    expect(paid).toEqual({ value: expect.stringMatching(/^recorded USD 100\.00 from pi_/) });
    expect(failed).toEqual({ value: 'ignored: the invoice is already PAID' });
    await expectPaidAndQuiet(o.org.id, invoice.id);
  });

  it('the failed attempt waiting on the invoice, then the payment: both applied, the payment clears the error', async () => {
    const { o, invoice, paidAtStripe, now } = await hostedPaidAtStripe('Failed, then paid');
    const effects = effectsOf();
    const [failed, paid] = await race(
      w.settle.container.db,
      { sql: `SELECT id FROM invoices WHERE id = $1 FOR UPDATE`, params: [invoice.id] },
      () => effects.apply(o.org.id, failedEvent(paidAtStripe, 'evt_lock_failed_2', now - 5)),
      () => effects.apply(o.org.id, asEvent('invoice.paid', paidAtStripe, 'evt_lock_paid_2', now)),
    );
    expect(failed).toEqual({ value: expect.stringMatching(/^payment failed: /) });
    expect(paid).toEqual({ value: expect.stringMatching(/^recorded USD 100\.00 from pi_/) });
    await expectPaidAndQuiet(o.org.id, invoice.id);
  });

  it("a second failed attempt and the payment meeting at the invoice's version mark: both applied", async () => {
    const { o, invoice, paidAtStripe, now } = await hostedPaidAtStripe('Failed twice, then paid');
    const effects = effectsOf();
    // The first attempt failed a while ago: the invoice's `pay:` mark and its link's error exist.
    expect(await effects.apply(o.org.id, failedEvent(paidAtStripe, 'evt_lock_failed_3a', now - 60))).toMatch(
      /^payment failed: /,
    );
    const [failed, paid] = await race(
      w.settle.container.db,
      { sql: `SELECT 1 FROM stripe_object_versions WHERE object_id = $1 FOR UPDATE`, params: [`pay:${invoice.id}`] },
      () => effects.apply(o.org.id, failedEvent(paidAtStripe, 'evt_lock_failed_3b', now - 5)),
      () => effects.apply(o.org.id, asEvent('invoice.paid', paidAtStripe, 'evt_lock_paid_3', now)),
    );
    expect(failed).toEqual({ value: expect.stringMatching(/^payment failed: /) });
    expect(paid).toEqual({ value: expect.stringMatching(/^recorded USD 100\.00 from pi_/) });
    await expectPaidAndQuiet(o.org.id, invoice.id);
  });

  it('a Checkout payment applied while staff void the invoice: the void is refused, the payment recorded', async () => {
    const db = w.settle.container.db;
    const o = await quietOrg(w, 'Paid while voided');
    const invoice = await o.fx.sentInvoice(60, { destinations: ['EMAIL', 'STRIPE'] });
    const start = ok(await w.settle.gql(START_PAYMENT, { id: invoice.id }, o.token)).startInvoicePayment;
    await payCheckout(start.url);
    const row = await db.getRepository(StripeCheckoutSession).findOneByOrFail({ invoiceId: invoice.id });
    expect(row.status).toBe('open');
    const session = await o.stripe.checkout.sessions.retrieve(row.id);
    expect(session.status).toBe('complete');
    const effects = effectsOf();

    const evt = asEvent('checkout.session.completed', session, 'evt_lock_checkout', Math.floor(Date.now() / 1000));
    const [voided, paid] = await race(
      db,
      { sql: `SELECT id FROM invoices WHERE id = $1 FOR UPDATE`, params: [invoice.id] },
      () => w.settle.gql(VOID, { id: invoice.id }, o.token),
      () => effects.apply(o.org.id, evt),
    );
    expect(failure(voided.value!).code).toBe('CONFLICT');
    expect(paid).toEqual({ value: expect.stringMatching(/^recorded USD 100\.00 from pi_/) });
    expect((await invoiceOf(w, o.org.id, invoice.id)).status).toBe('PAID');
    expect((await db.getRepository(StripeCheckoutSession).findOneByOrFail({ id: row.id })).status).toBe('complete');
  });
});
