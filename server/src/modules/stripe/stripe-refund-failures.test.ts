import { describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { eventually } from '../../../test/harness.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { PaymentException } from '../payment-exceptions/payment-exception.entity.js';
import { Payment, PaymentKind } from '../payments/payment.entity.js';
import { reconciliationOf } from '../reconciliation/reconciliation.integration.js';
import { StripeEventInbox } from './stripe-event-inbox.entity.js';
import {
  connectedOrg,
  control,
  deliverSignedEvent,
  inboxSettled,
  invoiceOf,
  postForm,
  sentToStripe,
  stripeWorldForFile,
  waitForStatus,
  type ConnectedOrg,
} from './stripe-test-kit.js';

// A refund Stripe accepts (succeeded or pending) and reports failed days later: the money stayed with the
// business, so Settle undoes the refund it booked. The emulator fails it when the test says (refunds/advance).
const w = stripeWorldForFile();

const START = `mutation($id: ID!, $amount: Money) { startInvoicePayment(invoiceId: $id, amount: $amount) { url } }`;
const REFUND = `mutation($i: RefundPaymentInput!) { refundPayment(input: $i) { payment { id amount externalId } invoice { amountPaid status } } }`;
const REFUND_FAILS = '4000 0000 0000 5126';

const paymentsOf = (orgId: string, invoiceId: string) =>
  w.settle.container.db.getRepository(Payment).find({ where: { orgId, invoiceId }, order: { createdAt: 'ASC' } });
const rows = (ps: Payment[]) => ps.map((p) => [p.kind, p.amount, p.externalId]);

/** Pays `amount` (major units) of the invoice through a new Checkout session, with `fields` as the form's. */
async function payCheckout(o: ConnectedOrg, invoiceId: string, amount: string, fields: Record<string, string>) {
  const { url } = (await w.settle.gql(START, { id: invoiceId }, o.token)).data.startInvoicePayment;
  const res = await postForm(url, { custom_amount: amount, ...fields });
  if (res.status !== 303) throw new Error(`checkout answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

/** A connected org's 100.00 invoice paid in full by Checkout with `fields` (a card by default: Stripe's refund-failure card). */
async function paidInFull(fields: Record<string, string> = { card_number: REFUND_FAILS }) {
  const o = await connectedOrg(w);
  const inv = await sentToStripe(o);
  await payCheckout(o, inv.id, '100.00', fields);
  if (fields.payment_method_type === 'us_bank_account') {
    await inboxSettled(w, o.org.id);
    await control(w.emu, '/async-payments/advance', {});
  }
  await waitForStatus(w, o.org.id, inv.id, 'PAID');
  const [payment] = await paymentsOf(o.org.id, inv.id);
  const refund = async (amount: number, reason = 'Two hours were billed twice') => {
    const r = await w.settle.gql(REFUND, { i: { paymentId: payment!.id, amount, reason } }, o.token);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data.refundPayment as { payment: { id: string; externalId: string }; invoice: { status: string } };
  };
  return { o, inv, payment: payment!, refund };
}

/** Every delivery the emulator has made or holds has reached Settle, and Settle has applied it. */
async function settled(o: ConnectedOrg) {
  await inboxSettled(w, o.org.id);
}

const inboxOf = (orgId: string, type: string) =>
  w.settle.container.db.getRepository(StripeEventInbox).find({ where: { orgId, type }, order: { receivedAt: 'ASC' } });

/** Waits until Settle has applied `count` events of `type` for the org (a delivery may still be on its way). */
async function applied(o: ConnectedOrg, type: string, count: number) {
  await eventually(async () => {
    const got = await inboxOf(o.org.id, type);
    return got.length >= count && got.every((e) => e.status !== 'PENDING' && e.status !== 'PROCESSING');
  }, `${count} ${type} applied`);
  await settled(o);
}

describe('Stripe refunds that fail after Settle booked them', () => {
  it('a refund made in Settle that Stripe fails later is undone: the paid amount and PAID come back, once', async () => {
    const { o, inv, payment, refund } = await paidInFull();
    const made = await refund(3000);
    expect(made.invoice).toMatchObject({ amountPaid: 7000, status: 'PARTIALLY_PAID' });
    const re = made.payment.externalId;
    expect((await o.stripe.refunds.retrieve(re)).status).toBe('succeeded'); // as Stripe answers at first
    await applied(o, 'charge.refunded', 1);

    const failed = await control<{ settled: string[] }>(w.emu, '/refunds/advance', { refund: re });
    expect(failed.settled).toEqual([re]);
    await applied(o, 'refund.updated', 1);
    const back = await waitForStatus(w, o.org.id, inv.id, 'PAID');
    expect(back).toMatchObject({ amountPaid: 10000, balanceDue: 0 });
    const ps = await paymentsOf(o.org.id, inv.id);
    expect(rows(ps)).toEqual([
      [PaymentKind.PAYMENT, 10000, payment.externalId],
      [PaymentKind.REFUND, -3000, re],
      [PaymentKind.ADJUSTMENT, 3000, `${re}:reversed`],
    ]);
    expect(ps[2]!.adjustsPaymentId).toBe(ps[1]!.id);
    const [undone] = await inboxOf(o.org.id, 'refund.updated');
    expect(undone).toMatchObject({ status: 'DONE' });
    expect(undone!.outcome).toContain(`refund ${re} failed (expired or canceled card)`);
    const audit = await w.settle.container.db
      .getRepository(AuditEvent)
      .findOneByOrFail({ orgId: o.org.id, entityId: inv.id, action: 'invoice.refund_reversed' });
    expect(audit.after).toMatchObject({ status: 'PAID', amountPaid: 10000, balanceDue: 0 });

    // The failure again (Stripe's event re-sent), and the refund's original charge.refunded (amount_refunded
    // 30.00, which Stripe no longer has) under a new event id: nothing is booked again.
    await control(w.emu, '/events/trigger', { type: 'refund.updated', object_id: re });
    const [original] = (await o.stripe.events.list({ type: 'charge.refunded', limit: 1 })).data;
    const replay = await deliverSignedEvent(w, o, 'charge.refunded', original!.data.object as Stripe.Charge);
    expect(replay.status).toBe('REJECTED');
    await applied(o, 'refund.updated', 2);
    const updates = await inboxOf(o.org.id, 'refund.updated');
    expect(updates.map((e) => [e.status, e.outcome])).toEqual([
      ['DONE', undone!.outcome],
      ['DONE', `refund ${re} failed: already undone`],
    ]);
    expect(rows(await paymentsOf(o.org.id, inv.id))).toEqual(rows(ps));
    expect(await invoiceOf(w, o.org.id, inv.id)).toMatchObject({ amountPaid: 10000, status: 'PAID' });
    // The admins are told once (a person must return the money another way), integrators get one event.
    const notices = await w.settle.container.db.query(
      `SELECT to_address, subject FROM emails WHERE org_id = $1 AND kind = 'refund_failed'`,
      [o.org.id],
    );
    expect(notices).toEqual([
      { to_address: o.owner.email, subject: `Refund of USD 30.00 on invoice ${inv.number} failed` },
    ]);

    // Refunding the same amount again is a new refund at Stripe, not the failed one answered back to
    // Settle's retried idempotency key.
    const again = await refund(3000);
    expect(again.payment.externalId).not.toBe(re);
    expect(await o.stripe.refunds.retrieve(again.payment.externalId)).toMatchObject({
      status: 'succeeded',
      amount: 3000,
    });
    expect(again.invoice).toMatchObject({ amountPaid: 7000, status: 'PARTIALLY_PAID' });
    // And reconciliation sees one refund that happened, none that did not.
    const today = new Date().toISOString().slice(0, 10);
    const { findings } = await reconciliationOf(w.settle.container).compare(o.org.id, { from: today, to: today });
    expect(findings.map((f) => f.type)).toEqual([]);
  });

  it('after a failed refund is undone, the card is refunded again, in other words', async () => {
    const o = await connectedOrg(w);
    const inv = await sentToStripe(o);
    await payCheckout(o, inv.id, '60.00', { card_number: REFUND_FAILS });
    await eventually(async () => (await invoiceOf(w, o.org.id, inv.id)).amountPaid === 6000, 'first card payment');
    await payCheckout(o, inv.id, '40.00', { card_number: '4242 4242 4242 4242' });
    await waitForStatus(w, o.org.id, inv.id, 'PAID');
    const [first] = await paymentsOf(o.org.id, inv.id);
    const refund = (amount: number, reason: string) =>
      w.settle.gql(REFUND, { i: { paymentId: first!.id, amount, reason } }, o.token);
    const made = await refund(6000, 'Cancelled');
    await applied(o, 'charge.refunded', 1);
    await control(w.emu, '/refunds/advance', { refund: made.data.refundPayment.payment.externalId });
    await applied(o, 'refund.updated', 1);
    await waitForStatus(w, o.org.id, inv.id, 'PAID');
    const again = await refund(6000, 'Cancelled; the first refund failed');
    expect(again.errors).toBeUndefined();
    expect(again.data.refundPayment.payment.externalId).not.toBe(made.data.refundPayment.payment.externalId);
    expect(await invoiceOf(w, o.org.id, inv.id)).toMatchObject({ amountPaid: 4000, status: 'PARTIALLY_PAID' });
  });

  it('after a credited refund failed, it is refunded again without crediting the invoice twice', async () => {
    const { o, inv, payment } = await paidInFull();
    const ask = (creditInvoice: boolean) =>
      w.settle.gql(REFUND, { i: { paymentId: payment.id, amount: 2000, reason: 'Goodwill', creditInvoice } }, o.token);
    const made = await ask(true);
    expect(made.data.refundPayment.invoice).toMatchObject({ amountPaid: 8000, status: 'PAID' });
    await applied(o, 'charge.refunded', 1);
    await control(w.emu, '/refunds/advance', { refund: made.data.refundPayment.payment.externalId });
    await applied(o, 'refund.updated', 1);
    // The memo stands: crediting again with the retry would give the client 40.00 for 20.00.
    const twice = await ask(true);
    expect(twice.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(twice.errors?.[0]?.message).toContain('Refund again without crediting the invoice');
    const again = await ask(false);
    expect(again.errors).toBeUndefined();
    const memos = await w.settle.container.db.query(`SELECT amount::int FROM credit_memos WHERE invoice_id = $1`, [
      inv.id,
    ]);
    expect(memos).toEqual([{ amount: 2000 }]);
    expect(await invoiceOf(w, o.org.id, inv.id)).toMatchObject({ amountPaid: 8000, balanceDue: 0, status: 'PAID' });
  });

  it('a failure event whose refund Stripe still reports as succeeded changes nothing', async () => {
    const { o, inv, refund } = await paidInFull({ card_number: '4242 4242 4242 4242' });
    const made = await refund(2500);
    await settled(o);
    const fresh = await o.stripe.refunds.retrieve(made.payment.externalId);
    const forged = await deliverSignedEvent(w, o, 'refund.updated', {
      ...fresh,
      status: 'failed',
      failure_reason: 'declined',
    });
    expect(forged.status).toBe('REJECTED');
    expect(forged.error).toContain('Stripe says it is succeeded');
    expect(rows(await paymentsOf(o.org.id, inv.id)).map(([kind, amount]) => [kind, amount])).toEqual([
      [PaymentKind.PAYMENT, 10000],
      [PaymentKind.REFUND, -2500],
    ]);
    expect(await invoiceOf(w, o.org.id, inv.id)).toMatchObject({ amountPaid: 7500, status: 'PARTIALLY_PAID' });
  });

  it('a bank refund Stripe answers pending stays booked; one that succeeds stays, one that fails is undone', async () => {
    const bank = { payment_method_type: 'us_bank_account', bank_account_number: '000123456789' };
    const { o, inv, refund } = await paidInFull(bank);
    const kept = await refund(1000, 'Discount agreed');
    const lost = await refund(2000, 'Hours billed twice');
    for (const r of [kept, lost])
      expect(await o.stripe.refunds.retrieve(r.payment.externalId)).toMatchObject({ status: 'pending' });
    await applied(o, 'charge.refunded', 2);
    expect(await invoiceOf(w, o.org.id, inv.id)).toMatchObject({ amountPaid: 7000, status: 'PARTIALLY_PAID' });

    await control(w.emu, '/refunds/advance', { refund: kept.payment.externalId, outcome: 'succeeded' });
    await applied(o, 'refund.updated', 1);
    expect(await invoiceOf(w, o.org.id, inv.id)).toMatchObject({ amountPaid: 7000 });
    await control(w.emu, '/refunds/advance', {
      refund: lost.payment.externalId,
      outcome: 'failed',
      failure_reason: 'declined',
    });
    await applied(o, 'refund.updated', 2);
    expect(await invoiceOf(w, o.org.id, inv.id)).toMatchObject({ amountPaid: 9000, status: 'PARTIALLY_PAID' });
    const outcomes = (await inboxOf(o.org.id, 'refund.updated')).map((e) => e.outcome);
    expect(outcomes).toEqual([
      'ignored: the refund is succeeded',
      expect.stringContaining(`refund ${lost.payment.externalId} failed (declined)`),
    ]);
  });

  it('a refund made in Stripe fails after the client paid the reopened balance again: the excess is raised', async () => {
    const { o, inv, payment } = await paidInFull();
    // Refunded in Stripe's dashboard: charge.refunded books it, and the balance reopens.
    const r = await o.stripe.refunds.create({ payment_intent: payment.externalId!, amount: 4000 });
    await settled(o);
    await waitForStatus(w, o.org.id, inv.id, 'PARTIALLY_PAID');
    await payCheckout(o, inv.id, '40.00', { card_number: '4242 4242 4242 4242' });
    await waitForStatus(w, o.org.id, inv.id, 'PAID');

    await control(w.emu, '/refunds/advance', { charge: r.charge });
    await applied(o, 'refund.updated', 1);
    expect(await invoiceOf(w, o.org.id, inv.id)).toMatchObject({ amountPaid: 14000, status: 'PAID' });
    const [exception] = await w.settle.container.db.getRepository(PaymentException).findBy({ orgId: o.org.id });
    // Raised against the card payment the refund was of, so refunding it goes back to that card.
    expect(exception).toMatchObject({
      kind: 'OVERPAID',
      amount: 4000,
      paymentId: payment.id,
      providerPaymentId: payment.externalId,
    });
  });
});
