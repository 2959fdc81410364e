import { describe, expect, it, vi } from 'vitest';
import Stripe from 'stripe';
import { eventually } from '../../test/harness.js';
import { Payment } from '../modules/payments/payment.entity.js';
import { StripeEventInbox } from '../modules/stripe/stripe-event-inbox.entity.js';
import { StripePayout } from '../modules/stripe/stripe-payout.entity.js';
import {
  connectedOrg,
  control,
  type ConnectedOrg,
  deliverSignedEvent,
  inboxSettled,
  invoiceOf,
  paidCheckoutSession,
  postForm,
  postSignedEvent,
  quietOrg,
  stripeModule,
  stripeWorldForFile,
  waitForStatus,
} from '../modules/stripe/stripe-test-kit.js';

/**
 * Security suite, point 3: Settle never books money on a webhook's word alone. Every event here is
 * correctly signed with the org's own webhook secret and delivered over HTTP; only what Stripe itself
 * confirms (read back with the org's key) is booked. An event Stripe does not confirm is refused and
 * kept in the inspector as REJECTED with the reason.
 */
const w = stripeWorldForFile();

const sentInvoice = (o: ConnectedOrg, minutes = 60) =>
  o.fx.sentInvoice(minutes, { destinations: ['EMAIL'], email: false });

const post = (o: ConnectedOrg, type: string, object: object) => postSignedEvent(w, o, type, object);
const deliver = (o: ConnectedOrg, type: string, object: object) => deliverSignedEvent(w, o, type, object);

const payments = (orgId: string) => w.settle.container.db.getRepository(Payment).findBy({ orgId });
const INSPECTOR = `query { stripeWebhookEvents(first: 50, status: REJECTED) {nodes{ eventId type status error outcome }} }`;

describe('security 3: money is booked on what Stripe confirms, never on a webhook alone', () => {
  it('a checkout session Stripe does not have books nothing; the event is REJECTED with the reason, in the inspector too', async () => {
    const o = await quietOrg(w);
    const inv = await sentInvoice(o);
    const forged = {
      id: 'cs_test_never_existed',
      object: 'checkout.session',
      status: 'complete',
      payment_status: 'paid',
      amount_total: inv.total,
      currency: 'usd',
      payment_intent: 'pi_never_existed',
      metadata: { settle_org_id: o.org.id, settle_invoice_id: inv.id },
    };
    const row = await deliver(o, 'checkout.session.completed', forged);
    expect(row).toMatchObject({ status: 'REJECTED', outcome: null });
    expect(row.error).toMatch(/Stripe has no checkout session cs_test_never_existed on this account/);
    expect(await payments(o.org.id)).toHaveLength(0);
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('SENT');
    const seen = await w.settle.gql(INSPECTOR, {}, o.token);
    expect(seen.data.stripeWebhookEvents.nodes).toEqual([
      { eventId: row.eventId, type: 'checkout.session.completed', status: 'REJECTED', error: row.error, outcome: null },
    ]);
    // Rejected is final: a later drain does not pick it up again.
    await stripeModule(w).processor.drain(o.org.id);
    expect((await w.settle.container.db.getRepository(StripeEventInbox).findOneByOrFail({ id: row.id })).status).toBe(
      'REJECTED',
    );
  });

  it('an admin replaying a REJECTED forged event from the inspector books nothing: the replay asks Stripe again', async () => {
    const o = await quietOrg(w);
    const inv = await sentInvoice(o);
    const row = await deliver(o, 'checkout.session.completed', {
      id: 'cs_test_replayed_forgery',
      object: 'checkout.session',
      status: 'complete',
      payment_status: 'paid',
      amount_total: inv.total,
      currency: 'usd',
      payment_intent: 'pi_replayed_forgery',
      metadata: { settle_org_id: o.org.id, settle_invoice_id: inv.id },
    });
    expect(row.status).toBe('REJECTED');
    const replayed = await w.settle.gql(
      `mutation($id: ID!) { replayStripeWebhookEvent(id: $id) { status } }`,
      { id: row.id },
      o.token,
    );
    expect(replayed.errors).toBeUndefined();
    await inboxSettled(w, o.org.id);
    const again = await w.settle.container.db.getRepository(StripeEventInbox).findOneByOrFail({ id: row.id });
    expect(again.status).toBe('REJECTED');
    expect(again.error).toMatch(/Stripe has no checkout session cs_test_replayed_forgery/);
    expect(await payments(o.org.id)).toHaveLength(0);
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('SENT');
  });

  it('a real session that Stripe never charged, claimed as paid, books nothing', async () => {
    const o = await quietOrg(w);
    const inv = await sentInvoice(o);
    const metadata = { settle_org_id: o.org.id, settle_invoice_id: inv.id };
    const open = await o.stripe.checkout.sessions.create({
      mode: 'payment',
      metadata,
      payment_intent_data: { metadata },
      success_url: 'http://settle.test/ok',
      line_items: [
        { price_data: { currency: 'usd', unit_amount: inv.total, product_data: { name: 'Invoice' } }, quantity: 1 },
      ],
    });
    const row = await deliver(o, 'checkout.session.completed', {
      ...open,
      status: 'complete',
      payment_status: 'paid',
      payment_intent: 'pi_made_up',
    });
    expect(row.status).toBe('REJECTED');
    expect(row.error).toMatch(/the event says paid but Stripe says the checkout session is unpaid/);
    expect(await payments(o.org.id)).toHaveLength(0);
  });

  it('a genuine session whose payload amount is inflated is REJECTED; the genuine event books what Stripe charged', async () => {
    const o = await quietOrg(w);
    const inv = await sentInvoice(o, 120); // 200.00
    const paid = await paidCheckoutSession(o.stripe, o.org.id, inv.id, 5000); // 50.00 really charged
    const row = await deliver(o, 'checkout.session.completed', {
      ...paid,
      amount_total: 20000,
      amount_subtotal: 20000,
    });
    expect(row.status).toBe('REJECTED');
    expect(row.error).toContain('the event says USD 200.00 but the checkout session on Stripe is for USD 50.00');
    expect(await payments(o.org.id)).toHaveLength(0);
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('SENT');

    const genuine = await deliver(o, 'checkout.session.completed', paid);
    expect(genuine).toMatchObject({
      status: 'DONE',
      error: null,
      outcome: `recorded USD 50.00 from ${paid.payment_intent as string}`,
    });
    const ps = await payments(o.org.id);
    expect(ps.map((p) => [p.amount, p.externalId])).toEqual([[5000, paid.payment_intent]]);
    expect(await invoiceOf(w, o.org.id, inv.id)).toMatchObject({ status: 'PARTIALLY_PAID', amountPaid: 5000 });
  });

  it("a session paid on another Stripe account (naming this org's invoice) is not this org's money", async () => {
    const o = await quietOrg(w);
    const attacker = await quietOrg(w);
    const inv = await sentInvoice(o);
    // The attacker pays themselves on their own account, with metadata naming the victim org's invoice.
    const theirs = await paidCheckoutSession(attacker.stripe, o.org.id, inv.id, inv.total);
    const row = await deliver(o, 'checkout.session.completed', theirs);
    expect(row.status).toBe('REJECTED');
    expect(row.error).toMatch(/Stripe has no checkout session cs_test_\w+ on this account/);
    expect(await payments(o.org.id)).toHaveLength(0);
  });

  it('invoice.paid for a Stripe invoice that is still open is REJECTED', async () => {
    const o = await quietOrg(w);
    const inv = await sentInvoice(o);
    const metadata = { settle_org_id: o.org.id, settle_invoice_id: inv.id };
    const customer = await o.stripe.customers.create({ name: 'Client' });
    const draft = await o.stripe.invoices.create({
      customer: customer.id,
      collection_method: 'send_invoice',
      days_until_due: 30,
      metadata,
    });
    await o.stripe.invoiceItems.create({
      customer: customer.id,
      invoice: draft.id,
      amount: inv.total,
      currency: 'usd',
    });
    const open = await o.stripe.invoices.finalizeInvoice(draft.id);
    const row = await deliver(o, 'invoice.paid', {
      ...open,
      status: 'paid',
      amount_paid: inv.total,
      amount_remaining: 0,
    });
    expect(row.status).toBe('REJECTED');
    expect(row.error).toMatch(/Stripe says the invoice is open/);
    expect(await payments(o.org.id)).toHaveLength(0);
  });

  it('a payout.paid Stripe does not confirm (unknown, still in transit, inflated) records no payout', async () => {
    const o = await quietOrg(w);
    const { account } = await control<{ account: string }>(w.emu, `/keys?secret_key=${o.key}`);
    const payOut = async (arrive: boolean) => {
      const inv = await sentInvoice(o);
      await paidCheckoutSession(o.stripe, o.org.id, inv.id, inv.total);
      return (await control<{ data: Stripe.Payout[] }>(w.emu, '/payouts/run', { account, arrive })).data[0]!;
    };
    const payouts = () => w.settle.container.db.getRepository(StripePayout).findBy({ orgId: o.org.id });
    const inTransit = await payOut(false);
    const unknown = await deliver(o, 'payout.paid', { ...inTransit, id: 'po_never_existed', status: 'paid' });
    expect(unknown.error).toMatch(/Stripe has no payout po_never_existed on this account/);
    const early = await deliver(o, 'payout.paid', { ...inTransit, status: 'paid' });
    expect(early.error).toMatch(/the event says paid but Stripe says the payout is in_transit/);
    const paid = await payOut(true);
    const inflated = await deliver(o, 'payout.paid', { ...paid, amount: paid.amount * 10 });
    expect(inflated).toMatchObject({ status: 'REJECTED' });
    expect(inflated.error).toContain(`but Stripe paid out USD ${(paid.amount / 100).toFixed(2)}`);
    expect(await payouts()).toEqual([]);
    expect(await deliver(o, 'payout.paid', paid)).toMatchObject({
      status: 'DONE',
      outcome: `payout ${paid.id} recorded`,
    });
    expect((await payouts()).map((p) => [p.stripePayoutId, p.amount])).toEqual([[paid.id, paid.amount]]);
  });

  it("a refund event naming another payment's charge moves no money", async () => {
    const o = await quietOrg(w);
    const [a, b] = [await sentInvoice(o), await sentInvoice(o)];
    const sa = await paidCheckoutSession(o.stripe, o.org.id, a.id, a.total);
    const sb = await paidCheckoutSession(o.stripe, o.org.id, b.id, b.total);
    await deliver(o, 'checkout.session.completed', sa);
    await deliver(o, 'checkout.session.completed', sb);
    await waitForStatus(w, o.org.id, b.id, 'PAID');
    // A real refund on A's charge, reported as if it were B's payment.
    const chargeA = (await o.stripe.paymentIntents.retrieve(sa.payment_intent as string)).latest_charge as string;
    await o.stripe.refunds.create({ payment_intent: sa.payment_intent as string, amount: 2500 });
    const charge: Stripe.Charge = await o.stripe.charges.retrieve(chargeA);
    const row = await deliver(o, 'charge.refunded', { ...charge, payment_intent: sb.payment_intent });
    expect(row.status).toBe('REJECTED');
    expect(row.error).toContain(
      `the charge ${chargeA} on Stripe belongs to PaymentIntent ${sa.payment_intent as string}`,
    );
    expect((await invoiceOf(w, o.org.id, b.id)).amountPaid).toBe(b.total);
    // The genuine event records the refund against A.
    expect((await deliver(o, 'charge.refunded', charge)).status).toBe('DONE');
    expect((await invoiceOf(w, o.org.id, a.id)).amountPaid).toBe(a.total - 2500);
  });

  it('a network error while confirming is retried, not rejected; the retry books the genuine payment', async () => {
    const o = await quietOrg(w);
    const inv = await sentInvoice(o);
    const paid = await paidCheckoutSession(o.stripe, o.org.id, inv.id, inv.total);
    const effects = (
      stripeModule(w).processor as unknown as {
        effects: { providersFor: (ids: string[]) => Promise<Map<string, unknown>> };
      }
    ).effects;
    const down = {
      retrieveCheckoutSession: () =>
        Promise.reject(new Stripe.errors.StripeConnectionError({ message: 'connect ECONNREFUSED 127.0.0.1:443' })),
    };
    const spy = vi.spyOn(effects, 'providersFor').mockResolvedValue(new Map([[o.org.id, down]]));
    const id = await post(o, 'checkout.session.completed', paid);
    const row = await eventually(async () => {
      const r = await w.settle.container.db
        .getRepository(StripeEventInbox)
        .findOneByOrFail({ orgId: o.org.id, eventId: id });
      return r.error ? r : null;
    }, 'the failed attempt');
    expect(['PENDING', 'PROCESSING']).toContain(row.status);
    expect(row.error).toMatch(/ECONNREFUSED/);
    expect(await payments(o.org.id)).toHaveLength(0);
    spy.mockRestore();
    // The retry (due now instead of after the backoff) confirms with Stripe and books.
    await w.settle.container.db.query(
      `UPDATE stripe_event_inbox SET next_attempt_at = now() WHERE id = $1 AND status = 'PENDING'`,
      [row.id],
    );
    await stripeModule(w).processor.drain(o.org.id);
    const [done] = await inboxSettled(w, o.org.id);
    expect(done).toMatchObject({ status: 'DONE', error: null });
    expect(done!.attempts).toBeGreaterThan(1);
    expect((await payments(o.org.id)).map((p) => p.amount)).toEqual([inv.total]);
  });

  it('a genuine payment end to end (Stripe delivers, Settle confirms) still books', async () => {
    const o = await connectedOrg(w);
    const inv = await sentInvoice(o);
    const r = await w.settle.gql(
      `mutation($id: ID!) { startInvoicePayment(invoiceId: $id) { url } }`,
      { id: inv.id },
      o.token,
    );
    expect(
      (
        await postForm(r.data.startInvoicePayment.url, {
          card_number: '4242424242424242',
          custom_amount: (inv.total / 100).toFixed(2),
        })
      ).status,
    ).toBe(303);
    const paid = await waitForStatus(w, o.org.id, inv.id, 'PAID');
    expect(paid.amountPaid).toBe(inv.total);
    const rows = await inboxSettled(w, o.org.id);
    expect(rows.filter((x) => x.status === 'REJECTED')).toHaveLength(0);
  });
});
