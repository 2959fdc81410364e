import { describe, expect, it } from 'vitest';
import { eventually } from '../../test/harness.js';
import { expectNoChange, failure, ok } from '../../test/api.js';
import { providerActor } from '../platform/actor.js';
import { Payment, PaymentMethod, PaymentSource } from '../modules/payments/payment.entity.js';
import { control, postForm } from '@settle/stripe-emulator/testing';
import {
  connectedOrg,
  type ConnectedOrg,
  inboxSettled,
  invoiceOf,
  sentToStripe,
  stripeWorldForFile,
  waitForStatus,
} from '../modules/stripe/stripe-test-kit.js';
import { DISMISS, EXCEPTIONS, exceptionRowsIn, REFUND } from './02-payment-exceptions.test-support.js';

/**
 * Security suite, point 2: money that arrives where it should not is caught, not lost. A payment that
 * still arrives for a VOID invoice, or above the balance, is recorded exactly once, raised as an
 * exception admins are told about (email + GraphQL), and refunded in one click through the provider
 * that took it.
 */
// The first webhook attempt of a payment is dropped on purpose; its retry must wait for the test to
// flush it (after the void), like a delivery Stripe retries long after the money moved.
const w = stripeWorldForFile({ retryScheduleMs: [600_000] });

const START = `mutation($id:ID!){startInvoicePayment(invoiceId:$id){url}}`;
const ON_INVOICE = `query($id:ID!){invoice(id:$id){status balanceDue amountPaid paymentExceptions{id kind status amount}}}`;

const payments = (orgId: string, invoiceId: string) =>
  w.settle.container.db.getRepository(Payment).find({ where: { orgId, invoiceId }, order: { createdAt: 'ASC' } });
const exceptionRows = exceptionRowsIn(w);
const adminMails = (orgId: string, invoiceId: string) =>
  w.settle.container.db.query(
    `SELECT to_address, subject, text_body FROM emails WHERE org_id = $1 AND related_id = $2 AND kind = 'payment_exception' ORDER BY to_address`,
    [orgId, invoiceId],
  );

/**
 * Opens a Checkout session for the whole balance, then pays it at Stripe with the first delivery of its
 * `checkout.session.completed` dropped: the money has moved, Settle has not heard yet. `outside`: a
 * session Settle holds no row of, so a void cannot close it first (a void asks Stripe about the sessions
 * Settle made, and refuses while one of them is paid).
 */
async function paidButNotHeard(
  o: ConnectedOrg,
  invoiceId: string,
  outside = false,
): Promise<{ pi: string; sessionId: string }> {
  const metadata = { settle_org_id: o.org.id, settle_invoice_id: invoiceId };
  const url = outside
    ? (
        await o.stripe.checkout.sessions.create({
          mode: 'payment',
          metadata,
          client_reference_id: invoiceId,
          payment_intent_data: { metadata },
          success_url: 'http://settle.test/ok',
          line_items: [
            { price_data: { currency: 'usd', unit_amount: 10000, product_data: { name: 'Invoice' } }, quantity: 1 },
          ],
        })
      ).url!
    : (ok(await w.settle.gql(START, { id: invoiceId }, o.token)).startInvoicePayment.url as string);
  await control(w.emu, '/faults', {
    action: 'drop',
    count: 1,
    event_type: 'checkout.session.completed',
    endpoint: o.conn.webhook.endpointId,
  });
  const res = await postForm(url, { card_number: '4242 4242 4242 4242' });
  expect(res.status).toBe(303);
  const sessionId = url.split('/').pop()!;
  const session = await o.stripe.checkout.sessions.retrieve(sessionId);
  expect(session.payment_status).toBe('paid');
  await eventually(async () => {
    const d = (
      await control<{ data: Array<{ event_type: string; attempts: unknown[] }> }>(
        w.emu,
        `/deliveries?endpoint=${o.conn.webhook.endpointId}`,
      )
    ).data;
    return d.some((x) => x.event_type === 'checkout.session.completed' && x.attempts.length > 0);
  }, 'the dropped delivery');
  return { pi: session.payment_intent as string, sessionId };
}

/** The late delivery (and a replay of it) reach Settle and are processed. */
async function deliverLate(o: ConnectedOrg): Promise<void> {
  await control(w.emu, '/deliveries/flush', {});
  await inboxSettled(w, o.org.id);
}

describe('point 2: money that arrives where it should not is caught, not lost', () => {
  it('void, then the stale Checkout payment arrives: recorded once, PAID_ON_VOID raised once, admins emailed, refunded once at Stripe', async () => {
    const o = await connectedOrg(w);
    const admin = await w.settle.container.auth.createUser(o.org.id, {
      email: `admin-${Date.now()}@a.test`,
      name: 'Admin',
      role: 'ADMIN',
      password: 'correct horse battery',
    });
    await w.settle.container.auth.createUser(o.org.id, {
      email: `billing-${Date.now()}@a.test`,
      name: 'Billing',
      role: 'BILLING',
      password: 'correct horse battery',
    });
    const inv = await sentToStripe(o);
    const { pi, sessionId } = await paidButNotHeard(o, inv.id, true);
    ok(await w.settle.gql(`mutation($id:ID!){voidInvoice(id:$id){status}}`, { id: inv.id }, o.token));
    await deliverLate(o);

    // The same event again (Stripe re-sends): still one payment, one exception.
    await control(w.emu, '/events/trigger', { type: 'checkout.session.completed', object_id: sessionId });
    // Both deliveries processed (the trigger's delivery starts on a timer, so wait for its row).
    const completedDone = async () =>
      (await w.settle.container.db.query(
        `SELECT outcome FROM stripe_event_inbox WHERE org_id = $1 AND type = 'checkout.session.completed' AND status = 'DONE' ORDER BY received_at`,
        [o.org.id],
      )) as Array<{ outcome: string }>;
    await eventually(async () => (await completedDone()).length === 2, 'the replayed event processed');

    const ps = await payments(o.org.id, inv.id);
    expect(ps.map((p) => [p.amount, p.externalId])).toEqual([[10000, pi]]);
    const after = await invoiceOf(w, o.org.id, inv.id);
    expect(after).toMatchObject({ status: 'VOID', amountPaid: 10000 });
    // The webhook inspector says what happened to the money.
    expect((await completedDone()).map((x) => x.outcome)).toEqual([
      `recorded USD 100.00 from ${pi} (payment exception PAID_ON_VOID: USD 100.00 not owed)`,
      `already recorded ${pi}`,
    ]);
    const rows = await exceptionRows(o.org.id, inv.id);
    expect(rows).toEqual([
      expect.objectContaining({ kind: 'PAID_ON_VOID', status: 'OPEN', amount: 10000, payment_id: ps[0]!.id }),
    ]);

    // Owners and admins are told by email (not billing staff), once each.
    const mails = await adminMails(o.org.id, inv.id);
    expect(mails.map((m: { to_address: string }) => m.to_address).sort()).toEqual([admin.email, o.owner.email].sort());
    expect(mails[0].subject).toContain(inv.number);
    expect(mails[0].text_body).toContain('void');
    // The client is not thanked for paying a void invoice "in full".
    expect(
      await w.settle.container.db.query(
        `SELECT 1 FROM emails WHERE related_id = $1 AND kind = 'payment_confirmation'`,
        [inv.id],
      ),
    ).toHaveLength(0);

    // Visible in GraphQL: the list, the invoice field.
    const listed = ok(await w.settle.gql(EXCEPTIONS, { status: ['OPEN'] }, o.token)).paymentExceptions.nodes;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      kind: 'PAID_ON_VOID',
      status: 'OPEN',
      amount: 10000,
      currency: 'USD',
      source: 'STRIPE',
      providerPaymentId: pi,
      invoice: { id: inv.id, status: 'VOID' },
      payment: { amount: 10000, externalId: pi },
    });
    expect(ok(await w.settle.gql(ON_INVOICE, { id: inv.id }, o.token)).invoice.paymentExceptions).toEqual([
      { id: listed[0].id, kind: 'PAID_ON_VOID', status: 'OPEN', amount: 10000 },
    ]);

    // One click (twice at once): one refund at Stripe, the exception REFUNDED once.
    const clicks = await Promise.all([
      w.settle.gql(REFUND, { id: listed[0].id }, o.token),
      w.settle.gql(REFUND, { id: listed[0].id }, o.token),
    ]);
    const done = clicks.filter((r) => !r.errors);
    expect(done).toHaveLength(1);
    expect(failure(clicks.find((r) => r.errors)!).code).toBe('CONFLICT');
    expect(done[0]!.data.refundPaymentException).toMatchObject({
      status: 'REFUNDED',
      resolvedBy: expect.stringContaining(o.owner.email),
    });
    const refunds = await o.stripe.refunds.list({ payment_intent: pi });
    expect(refunds.data.map((r) => [r.amount, r.status, r.metadata?.settle_payment_exception_id])).toEqual([
      [10000, 'succeeded', listed[0].id],
    ]);
    // A later click is refused and changes nothing, at Stripe or in Settle.
    await expectNoChange(w.settle, async () =>
      expect(failure(await w.settle.gql(REFUND, { id: listed[0].id }, o.token)).code).toBe('CONFLICT'),
    );
    expect((await o.stripe.refunds.list({ payment_intent: pi })).data).toHaveLength(1);

    // Stripe's charge.refunded arrives too: the refund stays recorded once.
    await inboxSettled(w, o.org.id);
    await eventually(
      async () =>
        (
          await w.settle.container.db.query(
            `SELECT 1 FROM stripe_event_inbox WHERE org_id = $1 AND type = 'charge.refunded' AND status = 'DONE'`,
            [o.org.id],
          )
        ).length > 0,
      'charge.refunded processed',
    );
    const final = await payments(o.org.id, inv.id);
    expect(final.map((p) => [p.amount, p.externalId])).toEqual([
      [10000, pi],
      [-10000, refunds.data[0]!.id],
    ]);
    expect(done[0]!.data.refundPaymentException.refundPaymentId).toBe(final[1]!.id);
    expect(await invoiceOf(w, o.org.id, inv.id)).toMatchObject({ status: 'VOID', amountPaid: 0 });
    expect(ok(await w.settle.gql(EXCEPTIONS, { status: ['OPEN'] }, o.token)).paymentExceptions.nodes).toEqual([]);
  });

  it('a Stripe payment above the balance raises OVERPAID for the excess only; its refund returns the excess', async () => {
    const o = await connectedOrg(w);
    const inv = await sentToStripe(o); // 100.00
    const { pi } = await paidButNotHeard(o, inv.id); // 100.00 at Stripe, not heard yet
    // A check recorded by hand now is refused (the card payment already completed at Stripe); money paid in
    // QuickBooks meanwhile cannot be stopped, and is what makes the Stripe payment an overpayment.
    expect(
      failure(
        await w.settle.gql(
          `mutation($i:RecordPaymentInput!){recordPayment(input:$i){invoice{status}}}`,
          { i: { invoiceId: inv.id, amount: 3000, method: 'CHECK' } },
          o.token,
        ),
      ).code,
    ).toBe('CONFLICT');
    await w.settle.container.settlement.settle(o.org.id, providerActor('quickbooks', '88'), {
      invoiceId: inv.id,
      amount: 3000,
      source: PaymentSource.QUICKBOOKS,
      method: PaymentMethod.CHECK,
      externalId: '88',
      allowOverpayment: true,
    });
    await deliverLate(o);
    const paid = await waitForStatus(w, o.org.id, inv.id, 'PAID');
    expect(paid.amountPaid).toBe(13000);
    const rows = await exceptionRows(o.org.id, inv.id);
    expect(rows).toEqual([expect.objectContaining({ kind: 'OVERPAID', status: 'OPEN', amount: 3000 })]);
    expect(await adminMails(o.org.id, inv.id)).toHaveLength(1);

    const r = ok(await w.settle.gql(REFUND, { id: rows[0].id }, o.token)).refundPaymentException;
    expect(r.status).toBe('REFUNDED');
    const refunds = await o.stripe.refunds.list({ payment_intent: pi });
    expect(refunds.data.map((x) => x.amount)).toEqual([3000]);
    expect(await invoiceOf(w, o.org.id, inv.id)).toMatchObject({ status: 'PAID', amountPaid: 10000, balanceDue: 0 });
  });

  it("a refund made in Stripe's dashboard closes the exception, so Settle cannot refund the same excess again", async () => {
    const o = await connectedOrg(w);
    const inv = await sentToStripe(o); // 100.00
    const { pi } = await paidButNotHeard(o, inv.id, true);
    ok(await w.settle.gql(`mutation($id:ID!){voidInvoice(id:$id){status}}`, { id: inv.id }, o.token));
    await deliverLate(o);
    const [exc] = await exceptionRows(o.org.id, inv.id);
    expect(exc).toMatchObject({ kind: 'PAID_ON_VOID', status: 'OPEN', amount: 10000 });

    // Someone refunds it in Stripe's dashboard instead of in Settle; Stripe tells Settle (charge.refunded).
    await o.stripe.refunds.create({ payment_intent: pi });
    const closed = await eventually(async () => {
      const done = ok(await w.settle.gql(EXCEPTIONS, { status: ['REFUNDED'] }, o.token)).paymentExceptions.nodes;
      return done.length ? done : null;
    }, 'the exception closed by the refund Stripe reported');
    expect(closed).toEqual([
      expect.objectContaining({
        id: exc.id,
        resolutionNote: 'Refunded in Stripe, outside Settle',
        resolvedBy: expect.any(String),
      }),
    ]);
    const refundRow = (await payments(o.org.id, inv.id)).find((p) => p.amount < 0)!;
    expect(closed[0].refundPaymentId).toBe(refundRow.id);

    // The one-click refund now refuses, and Stripe still holds exactly the one refund.
    expect(failure(await w.settle.gql(REFUND, { id: exc.id }, o.token)).code).toBe('CONFLICT');
    expect((await o.stripe.refunds.list({ payment_intent: pi })).data.map((x) => x.amount)).toEqual([10000]);
  });

  it('QuickBooks money past the balance: refund is a recorded manual refund that needs a note; dismiss needs a reason', async () => {
    const o = await connectedOrg(w);
    const c = w.settle.container;
    const inv = await sentToStripe(o);
    const qb = providerActor('quickbooks', '77');
    /** QuickBooks payment `externalId` of `amount` on the invoice, over its balance if need be. */
    const qbPayment = (invoiceId: string, amount: number, externalId: string) =>
      c.settlement.settle(o.org.id, qb, {
        invoiceId,
        amount,
        source: PaymentSource.QUICKBOOKS,
        method: PaymentMethod.ACH,
        externalId,
        allowOverpayment: true,
      });
    await qbPayment(inv.id, 12500, '77');
    // A replay of the same QuickBooks payment raises nothing new.
    await qbPayment(inv.id, 12500, '77');
    const [exc] = await exceptionRows(o.org.id, inv.id);
    expect(await exceptionRows(o.org.id, inv.id)).toHaveLength(1);
    expect(exc).toMatchObject({ kind: 'OVERPAID', amount: 2500 });

    await expectNoChange(w.settle, async () => {
      expect(failure(await w.settle.gql(REFUND, { id: exc.id }, o.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'note',
      });
      expect(failure(await w.settle.gql(DISMISS, { id: exc.id, reason: '   ' }, o.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'reason',
      });
    });
    const r = ok(
      await w.settle.gql(REFUND, { id: exc.id, note: 'Check 1042 mailed back' }, o.token),
    ).refundPaymentException;
    expect(r).toMatchObject({ status: 'REFUNDED', resolutionNote: 'Check 1042 mailed back' });
    const ps = await payments(o.org.id, inv.id);
    expect(ps.map((p) => [p.amount, p.source, p.method])).toEqual([
      [12500, 'QUICKBOOKS', 'ACH'],
      [-2500, 'MANUAL', 'ACH'],
    ]);
    expect(ps[1]!.reference).toContain('Check 1042 mailed back');
    expect(await invoiceOf(w, o.org.id, inv.id)).toMatchObject({ status: 'PAID', amountPaid: 10000 });
    expect(failure(await w.settle.gql(DISMISS, { id: exc.id, reason: 'late' }, o.token)).code).toBe('CONFLICT');

    // Another overpayment kept on purpose: dismissed with the reason, once.
    const inv2 = await sentToStripe(o);
    await qbPayment(inv2.id, 10100, '78');
    const [exc2] = await exceptionRows(o.org.id, inv2.id);
    const d = ok(
      await w.settle.gql(DISMISS, { id: exc2.id, reason: 'Bank fee the client added' }, o.token),
    ).dismissPaymentException;
    expect(d).toMatchObject({
      status: 'DISMISSED',
      resolutionNote: 'Bank fee the client added',
      resolvedBy: expect.stringContaining(o.owner.email),
    });
    expect(failure(await w.settle.gql(REFUND, { id: exc2.id, note: 'x' }, o.token)).code).toBe('CONFLICT');
    expect(await payments(o.org.id, inv2.id)).toHaveLength(1);
  });

  it('a manual payment is never an exception: above the balance or on a void invoice it is refused, writing nothing', async () => {
    const o = await connectedOrg(w);
    const inv = await sentToStripe(o);
    const RECORD = `mutation($i:RecordPaymentInput!){recordPayment(input:$i){invoice{status}}}`;
    const byCheck = (amount: number) =>
      w.settle.gql(RECORD, { i: { invoiceId: inv.id, amount, method: 'CHECK' } }, o.token);
    await expectNoChange(w.settle, async () => {
      expect(failure(await byCheck(10001))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    });
    ok(await w.settle.gql(`mutation($id:ID!){voidInvoice(id:$id){status}}`, { id: inv.id }, o.token));
    await expectNoChange(w.settle, async () => {
      expect(failure(await byCheck(100))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'invoiceId' });
    });
    expect(await exceptionRows(o.org.id, inv.id)).toEqual([]);
  });
});
