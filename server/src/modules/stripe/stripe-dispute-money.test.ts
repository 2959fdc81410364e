import { describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { eventually } from '../../../test/harness.js';
import { Email } from '../email/email.entity.js';
import { PaymentKind } from '../payments/payment.entity.js';
import { PaymentException, PaymentExceptionStatus } from '../payment-exceptions/payment-exception.entity.js';
import { payByCheck } from '../../../test/fixtures.js';
import { StripeEventInbox } from './stripe-event-inbox.entity.js';
import {
  connectedOrg,
  control,
  inboxSettled,
  invoiceOf,
  paidByCard,
  paidCheckoutSession,
  paymentsOf,
  payCheckout,
  sentToStripe,
  START_PAYMENT,
  stripeModule,
  stripeWorldForFile,
  waitForStatus,
} from './stripe-test-kit.js';

const w = stripeWorldForFile();

describe('dispute money (real SDK, emulator, PostgreSQL)', () => {
  it('a lost dispute of the whole charge after a dashboard refund of part of it is booked, never stalls', async () => {
    const { o, inv, pi } = await paidByCard(w);
    // Refunded in part in Stripe's dashboard: recorded from charge.refunded.
    await o.stripe.refunds.create({ payment_intent: pi, amount: 3000 });
    await eventually(async () => (await invoiceOf(w, o.org.id, inv.id)).amountPaid === 7000, 'refund recorded');
    // The cardholder's bank disputes the whole charge (Stripe: "usually the amount of the charge"), and wins.
    const charge = (await o.stripe.paymentIntents.retrieve(pi)).latest_charge as string;
    const d = await control<Stripe.Dispute>(w.emu, '/disputes', { charge, amount: 10000 });
    await eventually(async () => (await invoiceOf(w, o.org.id, inv.id)).disputed, 'disputed flag');
    await control(w.emu, `/disputes/${d.id}`, { status: 'lost' });
    const inbox = w.settle.container.db.getRepository(StripeEventInbox);
    const closed = await eventually(
      () => inbox.findOneBy({ orgId: o.org.id, type: 'charge.dispute.closed' }),
      'the closed dispute stored',
    );
    // Applied at once, or tried again after 1 s: never left retrying.
    const applied = await eventually(
      async () => {
        const row = await inbox.findOneByOrFail({ id: closed.id });
        return row.status === 'DONE' || row.attempts > 1 ? row : null;
      },
      'the closed dispute applied',
      15_000,
    );
    expect({ status: applied.status, error: applied.error }).toEqual({ status: 'DONE', error: null });
    await inboxSettled(w, o.org.id);
    const ps = await paymentsOf(w, o.org.id, inv.id);
    const chargeback = ps.find((p) => p.externalId === d.id)!;
    expect(chargeback).toMatchObject({ kind: PaymentKind.REFUND, amount: -7000 });
    expect(ps.filter((p) => p.externalId === d.id)).toHaveLength(1);
    const after = await invoiceOf(w, o.org.id, inv.id);
    // What was left of the payment went back with the chargeback: the invoice is owed in full again.
    expect(after.amountPaid).toBe(0);
    expect(after.balanceDue).toBe(10000);
    // The 30.00 Stripe took beyond the payment is not the invoice's: the admins are told, once.
    const told = await w.settle.container.db
      .getRepository(Email)
      .findBy({ orgId: o.org.id, relatedId: inv.id, kind: 'payment_exception' });
    expect(told.map((e) => e.subject)).toEqual([
      `Chargeback of USD 100.00 on invoice ${inv.number} exceeds what was left of the payment`,
    ]);
  });

  it('a lost dispute replayed from the inspector books its chargeback once', async () => {
    const { o, inv, pi } = await paidByCard(w);
    const charge = (await o.stripe.paymentIntents.retrieve(pi)).latest_charge as string;
    const d = await control<Stripe.Dispute>(w.emu, '/disputes', { charge });
    await control(w.emu, `/disputes/${d.id}`, { status: 'lost' });
    await eventually(async () => (await invoiceOf(w, o.org.id, inv.id)).balanceDue === 10000, 'chargeback booked');
    const rows = await inboxSettled(w, o.org.id);
    const closed = rows.find((r) => r.type === 'charge.dispute.closed')!;
    expect(await stripeModule(w).processor.replay(o.org.id, closed.id)).toBe(true);
    await inboxSettled(w, o.org.id);
    const chargebacks = (await paymentsOf(w, o.org.id, inv.id)).filter((p) => p.externalId === d.id);
    expect(chargebacks.map((p) => p.amount)).toEqual([-10000]);
    expect((await invoiceOf(w, o.org.id, inv.id)).amountPaid).toBe(0);
    const told = await w.settle.container.db
      .getRepository(Email)
      .countBy({ orgId: o.org.id, relatedId: inv.id, kind: 'payment_exception' });
    expect(told).toBe(0);
  });

  it('a dispute won on one payment leaves the invoice flagged while another payment of it is still disputed', async () => {
    const { o, inv, pi: first } = await paidByCard(w, 5000);
    const r = (await w.settle.gql(START_PAYMENT, { id: inv.id }, o.token)).data.startInvoicePayment;
    await payCheckout(r.url);
    await waitForStatus(w, o.org.id, inv.id, 'PAID');
    const second = (await paymentsOf(w, o.org.id, inv.id)).find((p) => p.externalId !== first)!.externalId!;
    const chargeOf = async (pi: string) => (await o.stripe.paymentIntents.retrieve(pi)).latest_charge as string;
    const d1 = await control<Stripe.Dispute>(w.emu, '/disputes', { charge: await chargeOf(first) });
    const d2 = await control<Stripe.Dispute>(w.emu, '/disputes', { charge: await chargeOf(second) });
    await eventually(async () => (await invoiceOf(w, o.org.id, inv.id)).disputed, 'disputed flag');
    await control(w.emu, `/disputes/${d2.id}`, { status: 'won' });
    const closed = (await inboxSettled(w, o.org.id)).find((r) => r.type === 'charge.dispute.closed')!;
    expect(closed.status).toBe('DONE');
    // The first payment's dispute is still open at Stripe: the invoice says so.
    expect((await invoiceOf(w, o.org.id, inv.id)).disputed).toBe(true);
    // Once that one is won too, nothing is disputed any more.
    await control(w.emu, `/disputes/${d1.id}`, { status: 'won' });
    await eventually(async () => !(await invoiceOf(w, o.org.id, inv.id)).disputed, 'dispute flag cleared');
  });

  it('a lost dispute on a payment past the balance settles its payment exception, as a refund would', async () => {
    const o = await connectedOrg(w);
    const inv = await sentToStripe(o);
    await payByCheck(w.settle.container, o.org.id, inv.id, 10000);
    // Paid again at Stripe: recorded past the balance, a payment exception for an admin to remedy.
    const session = await paidCheckoutSession(o.stripe, o.org.id, inv.id, 10000);
    const exceptions = () =>
      w.settle.container.db.getRepository(PaymentException).findBy({ orgId: o.org.id, invoiceId: inv.id });
    await eventually(async () => (await exceptions()).length === 1, 'the payment exception');
    // The client charges it back instead, and the bank sides with them.
    const pi = session.payment_intent as string;
    const charge = (await o.stripe.paymentIntents.retrieve(pi)).latest_charge as string;
    const d = await control<Stripe.Dispute>(w.emu, '/disputes', { charge });
    await control(w.emu, `/disputes/${d.id}`, { status: 'lost' });
    await eventually(
      async () => (await paymentsOf(w, o.org.id, inv.id)).some((p) => p.externalId === d.id),
      'the chargeback',
    );
    await inboxSettled(w, o.org.id);
    const [exc] = await exceptions();
    expect(exc!.status).not.toBe(PaymentExceptionStatus.OPEN);
    expect(await invoiceOf(w, o.org.id, inv.id)).toMatchObject({ status: 'PAID', amountPaid: 10000 });
  });
});
