import { describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { eventually } from '../../../test/harness.js';
import { payByCheck } from '../../../test/fixtures.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Email } from '../email/email.entity.js';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import { StripeInvoiceLink } from './stripe-links.entity.js';
import {
  connectedOrg,
  type ConnectedOrg,
  control,
  inboxSettled,
  invoiceOf,
  paidByCard,
  payCheckout,
  paymentsOf,
  postForm,
  START_PAYMENT,
  sentToStripe,
  stripeWorldForFile,
  waitForStatus,
} from './stripe-test-kit.js';

const w = stripeWorldForFile();

const START = START_PAYMENT;
const FIELDS = `query($id: ID!) { invoice(id: $id) { status balanceDue payable allowPartialPayment payUrl lastPaymentError } }`;
const payments = (orgId: string, invoiceId: string) => paymentsOf(w, orgId, invoiceId);

/** 100.00 paid through the Checkout session at `url` and, at the same moment, 100.00 recorded by check. */
const checkoutAndCheckAtOnce = (o: ConnectedOrg, invoiceId: string, url: string) =>
  [payCheckout(url, { custom_amount: '100.00' }), payByCheck(w.settle.container, o.org.id, invoiceId, 10000)] as const;

const paidInFull = () => paidByCard(w);

describe('stripe payments end to end (real SDK, emulator, PostgreSQL)', () => {
  it('hosted invoice: send → pay on the hosted page over HTTP → webhook → PAID', async () => {
    const o = await connectedOrg(w);
    await w.settle.gql(`mutation { updatePaymentSettings(input: {sendVia: HOSTED_INVOICE}) { sendVia } }`, {}, o.token);
    const inv = await sentToStripe(o);
    const link = await eventually(
      async () =>
        (await w.settle.container.db.getRepository(StripeInvoiceLink).findOneBy({ invoiceId: inv.id }))?.hostedUrl
          ? await w.settle.container.db.getRepository(StripeInvoiceLink).findOneBy({ invoiceId: inv.id })
          : null,
      'hosted invoice',
    );
    const sInv = await o.stripe.invoices.retrieve(link!.stripeInvoiceId!);
    expect(sInv).toMatchObject({
      status: 'open',
      number: inv.number,
      amount_due: inv.total,
      metadata: { settle_org_id: o.org.id, settle_invoice_id: inv.id },
    });
    const f = (await w.settle.gql(FIELDS, { id: inv.id }, o.token)).data.invoice;
    expect(f).toMatchObject({
      payable: true,
      allowPartialPayment: true,
      payUrl: `${w.settle.url}/pay/${inv.publicToken}`,
      lastPaymentError: null,
    });
    // The emailed pay link goes to Stripe's hosted invoice page.
    const mail = await w.settle.container.db
      .getRepository(Email)
      .findOneByOrFail({ orgId: o.org.id, relatedId: inv.id, kind: 'invoice' });
    expect(mail.text).toContain(`/pay/${inv.publicToken}`);
    const redirect = await fetch(`${w.settle.url}/pay/${inv.publicToken}`, { redirect: 'manual' });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe(link!.hostedUrl);
    const paid = await postForm(`${w.emu.url}/hosted/invoices/${sInv.id}/pay`, { card_number: '4242424242424242' });
    expect(paid.status).toBe(303);
    const done = await waitForStatus(w, o.org.id, inv.id, 'PAID');
    expect(done.balanceDue).toBe(0);
    const ps = await payments(o.org.id, inv.id);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ source: PaymentSource.STRIPE, method: PaymentMethod.CARD, amount: inv.total });
    expect(ps[0]!.externalId).toMatch(/^pi_/);
    // What the client recognises it by, read from the charge Settle read to learn the method.
    expect(ps[0]).toMatchObject({ cardBrand: 'visa', cardLast4: '4242' });
    expect(ps[0]!.receiptUrl).toMatch(new RegExp(`^${w.emu.url}/receipts/ch_`));
    expect((await fetch(ps[0]!.receiptUrl!)).status).toBe(200);
  });

  it('Checkout: partial → PARTIALLY_PAID → rest → PAID; a decline shows lastPaymentError, then clears', async () => {
    const o = await connectedOrg(w);
    const inv = await sentToStripe(o, 120); // 200.00
    const tooMuch = await w.settle.gql(START, { id: inv.id, amount: inv.total + 1 }, o.token);
    expect(tooMuch.errors?.[0]?.extensions.field).toBe('amount');
    const first = (await w.settle.gql(START, { id: inv.id, amount: 5000 }, o.token)).data.startInvoicePayment;
    const page = await (await fetch(first.url)).text();
    expect(page).toContain('name="custom_amount"');
    // Declined first: the portal sees why.
    expect((await postForm(first.url, { card_number: '4000000000000002', custom_amount: '50.00' })).status).toBe(402);
    await eventually(
      async () => (await w.settle.gql(FIELDS, { id: inv.id }, o.token)).data.invoice.lastPaymentError,
      'last payment error',
    );
    expect((await w.settle.gql(FIELDS, { id: inv.id }, o.token)).data.invoice.lastPaymentError).toMatch(/declined/);
    const admins = await w.settle.container.db.getRepository(Email).findBy({ orgId: o.org.id, kind: 'payment_failed' });
    expect(admins.length).toBeGreaterThan(0);

    const back = await payCheckout(first.url, { custom_amount: '50.00' });
    expect(back).toMatch(new RegExp(`/portal/invoices/${inv.id}/paid\\?session_id=cs_test_`));
    const partial = await waitForStatus(w, o.org.id, inv.id, 'PARTIALLY_PAID');
    expect(partial.amountPaid).toBe(5000);
    expect((await w.settle.gql(FIELDS, { id: inv.id }, o.token)).data.invoice.lastPaymentError).toBeNull();

    const rest = (await w.settle.gql(START, { id: inv.id }, o.token)).data.startInvoicePayment;
    expect(rest.url).not.toBe(first.url);
    await payCheckout(rest.url, { custom_amount: '150.00' });
    const paid = await waitForStatus(w, o.org.id, inv.id, 'PAID');
    expect(paid.amountPaid).toBe(20000);
    expect((await payments(o.org.id, inv.id)).map((p) => p.amount)).toEqual([5000, 15000]);
    // Each Checkout card payment shows the card and Stripe's receipt as GraphQL fields.
    const shown = (
      await w.settle.gql(
        `query($id: ID!) { payments(invoiceId: $id) {nodes{ amount cardBrand cardLast4 receiptUrl }} }`,
        { id: inv.id },
        o.token,
      )
    ).data.payments.nodes as Array<{ amount: number; cardBrand: string; cardLast4: string; receiptUrl: string }>;
    expect(shown).toHaveLength(2);
    for (const p of shown) {
      expect(p).toMatchObject({ cardBrand: 'visa', cardLast4: '4242' });
      expect(p.receiptUrl).toMatch(new RegExp(`^${w.emu.url}/receipts/ch_`));
    }
    expect((await w.settle.gql(FIELDS, { id: inv.id }, o.token)).data.invoice).toMatchObject({
      payable: false,
      payUrl: null,
    });
  });

  it("a balance under Stripe's minimum charge is refused with what to do instead, and nothing is started", async () => {
    const o = await connectedOrg(w);
    const inv = await sentToStripe(o, 60);
    await payByCheck(w.settle.container, o.org.id, inv.id, inv.total - 30); // 0.30 left
    const r = await w.settle.gql(START, { id: inv.id }, o.token);
    expect(r.errors?.[0]?.extensions.code).toBe('CONFLICT');
    expect(r.errors?.[0]?.message).toMatch(/too small to pay online \(Stripe takes at least USD 0\.50\)/);
    expect(r.errors?.[0]?.message).toMatch(/another way/);
    const sessions = await o.stripe.checkout.sessions.list({ limit: 100 });
    expect(sessions.data.filter((s) => s.metadata?.settle_invoice_id === inv.id)).toEqual([]);
  });

  it('refund twice (partial, then more): each refund recorded once as its own delta', async () => {
    const { o, inv, pi } = await paidInFull();
    await o.stripe.refunds.create({ payment_intent: pi, amount: 1000 });
    await eventually(async () => (await invoiceOf(w, o.org.id, inv.id)).amountPaid === 9000, 'first refund');
    await o.stripe.refunds.create({ payment_intent: pi, amount: 2500 });
    const after = await eventually(async () => {
      const i = await invoiceOf(w, o.org.id, inv.id);
      return i.amountPaid === 6500 ? i : null;
    }, 'second refund');
    expect(after.status).toBe('PARTIALLY_PAID');
    // A replayed charge.refunded (running total 3500) changes nothing.
    const charge = (await o.stripe.paymentIntents.retrieve(pi)).latest_charge as string;
    await control(w.emu, '/events/trigger', { type: 'charge.refunded', object_id: charge });
    await inboxSettled(w, o.org.id);
    const ps = await payments(o.org.id, inv.id);
    expect(ps.map((p) => p.amount)).toEqual([10000, -1000, -2500]);
    expect(ps.slice(1).every((p) => p.externalId?.startsWith('re_'))).toBe(true);
    expect((await invoiceOf(w, o.org.id, inv.id)).amountPaid).toBe(6500);
  });

  it('staff refund a card payment in part through Stripe, with the reason; more than is left is refused on amount', async () => {
    const { o, inv, pi } = await paidInFull();
    const [payment] = await payments(o.org.id, inv.id);
    const REFUND = `mutation($i: RefundPaymentInput!) { refundPayment(input: $i) { payment { amount externalId kind } invoice { amountPaid status } } }`;
    const refund = (amount: number, reason = 'Two hours were billed twice') =>
      w.settle.gql(REFUND, { i: { paymentId: payment!.id, amount, reason } }, o.token);

    const first = await refund(2500);
    expect(first.errors).toBeUndefined();
    expect(first.data.refundPayment).toMatchObject({
      payment: { amount: -2500, kind: 'REFUND' },
      invoice: { amountPaid: 7500, status: 'PARTIALLY_PAID' },
    });
    const stripeRefund = await o.stripe.refunds.retrieve(first.data.refundPayment.payment.externalId);
    expect(stripeRefund).toMatchObject({ amount: 2500, payment_intent: pi });
    expect(stripeRefund.metadata).toMatchObject({ settle_refund_reason: 'Two hours were billed twice' });

    const tooMuch = await refund(7501);
    expect(tooMuch.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(tooMuch.errors?.[0]?.message).toContain('75.00');
    expect((await refund(100, '  ')).errors?.[0]?.extensions).toMatchObject({ field: 'reason' });
    // Stripe's charge.refunded for Settle's own refund replays it: still one refund recorded.
    await inboxSettled(w, o.org.id);
    expect((await payments(o.org.id, inv.id)).map((p) => p.amount)).toEqual([10000, -2500]);

    const rest = await refund(7500, 'Client cancelled');
    expect(rest.data.refundPayment.invoice).toMatchObject({ amountPaid: 0 });
    expect((await refund(1)).errors?.[0]?.message).toBe('This payment has been refunded in full already');
  });

  it('a refund retried with its idempotency key is made once', async () => {
    const { o, inv, pi } = await paidInFull();
    const [payment] = await payments(o.org.id, inv.id);
    const REFUND = `mutation($i: RefundPaymentInput!, $key: String) { refundPayment(input: $i, idempotencyKey: $key) { payment { id amount } invoice { amountPaid } } }`;
    const vars = {
      i: { paymentId: payment!.id, amount: 2000, reason: 'Answer lost, retried' },
      key: `refund-${inv.id}`,
    };
    const first = await w.settle.gql(REFUND, vars, o.token);
    expect(first.errors).toBeUndefined();
    const again = await w.settle.gql(REFUND, vars, o.token);
    expect(again.data).toEqual(first.data);
    expect((await o.stripe.refunds.list({ payment_intent: pi })).data.map((r) => r.amount)).toEqual([2000]);
    expect((await payments(o.org.id, inv.id)).map((p) => p.amount)).toEqual([10000, -2000]);
  });

  it('voiding a card-paid invoice with REFUND refunds the card through Stripe and leaves nothing payable', async () => {
    const o = await connectedOrg(w);
    const inv = await sentToStripe(o);
    const r = (await w.settle.gql(START, { id: inv.id }, o.token)).data.startInvoicePayment;
    await payCheckout(r.url, { custom_amount: '100.00' });
    await waitForStatus(w, o.org.id, inv.id, 'PAID');
    // PAID cannot be voided; a partly refunded (re-opened) invoice can, refunding what is left.
    const [payment] = await payments(o.org.id, inv.id);
    const REFUND = `mutation($i: RefundPaymentInput!) { refundPayment(input: $i) { invoice { status } } }`;
    await w.settle.gql(REFUND, { i: { paymentId: payment!.id, amount: 1000, reason: 'Discount' } }, o.token);
    const voided = await w.settle.gql(
      `mutation($id:ID!){voidInvoice(id:$id,payments:{handling:REFUND,note:"Cancelled"}){status amountPaid payable}}`,
      { id: inv.id },
      o.token,
    );
    expect(voided.data.voidInvoice).toEqual({ status: 'VOID', amountPaid: 0, payable: false });
    const pi = payment!.externalId!;
    const refunds = await o.stripe.refunds.list({ payment_intent: pi });
    expect(refunds.data.map((x) => x.amount).sort()).toEqual([1000, 9000]);
  });

  it('a void refunding a card and a check without the note for the check is refused before the card is refunded', async () => {
    const o = await connectedOrg(w);
    const inv = await sentToStripe(o);
    await payByCheck(w.settle.container, o.org.id, inv.id, 4000);
    const r = (await w.settle.gql(START, { id: inv.id }, o.token)).data.startInvoicePayment;
    await payCheckout(r.url, { custom_amount: '50.00' });
    await eventually(async () => (await invoiceOf(w, o.org.id, inv.id)).amountPaid === 9000, 'card payment');
    const card = (await payments(o.org.id, inv.id)).find((p) => p.source === PaymentSource.STRIPE)!;
    const voided = await w.settle.gql(
      `mutation($id:ID!){voidInvoice(id:$id,payments:{handling:REFUND}){status}}`,
      { id: inv.id },
      o.token,
    );
    expect(voided.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    expect((await o.stripe.refunds.list({ payment_intent: card.externalId! })).data).toEqual([]);
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('PARTIALLY_PAID');
  });

  it('a payment recorded by hand is not refunded through a provider: its refund is recorded by hand', async () => {
    const o = await connectedOrg(w);
    const inv = await o.fx.sentInvoice(60);
    const { payment } = await payByCheck(w.settle.container, o.org.id, inv.id, 4000);
    const r = await w.settle.gql(
      `mutation($i: RefundPaymentInput!) { refundPayment(input: $i) { payment { amount source refundsPaymentId } } }`,
      { i: { paymentId: payment.id, amount: 100, reason: 'x' } },
      o.token,
    );
    expect(r.data.refundPayment.payment).toEqual({ amount: -100, source: 'MANUAL', refundsPaymentId: payment.id });
    expect((await o.stripe.refunds.list()).data).toEqual([]);
  });

  it('dispute flags the invoice; a won dispute clears it', async () => {
    const { o, inv, pi: piId } = await paidInFull();
    const pi = await o.stripe.paymentIntents.retrieve(piId);
    const d = await control<Stripe.Dispute>(w.emu, '/disputes', { charge: pi.latest_charge });
    await eventually(async () => (await invoiceOf(w, o.org.id, inv.id)).disputed, 'disputed flag');
    const audit = await w.settle.container.db
      .getRepository(AuditEvent)
      .findOneBy({ orgId: o.org.id, entityId: inv.id, action: 'invoice.disputed' });
    expect(audit).not.toBeNull();
    await control(w.emu, `/disputes/${d.id}`, { status: 'won' });
    await eventually(async () => !(await invoiceOf(w, o.org.id, inv.id)).disputed, 'dispute cleared');
  });

  it('pay link: reuses a live session, expires it when the balance changes, refuses after the lifetime', async () => {
    const o = await connectedOrg(w);
    await w.settle.gql(
      `mutation { updatePaymentSettings(input: {linkLifetimeHours: 24}) { linkLifetimeHours } }`,
      {},
      o.token,
    );
    const inv = await sentToStripe(o);
    const go = async () => fetch(`${w.settle.url}/pay/${inv.publicToken}`, { redirect: 'manual' });
    const a = await go();
    expect(a.status).toBe(303);
    const b = await go();
    expect(b.headers.get('location')).toBe(a.headers.get('location'));
    const sessionId = a.headers.get('location')!.split('/').pop()!;
    // A manual partial payment changes the balance: the old session must be expired in Stripe.
    await payByCheck(w.settle.container, o.org.id, inv.id, 2000);
    await eventually(
      async () => (await o.stripe.checkout.sessions.retrieve(sessionId)).status === 'expired',
      'stale session expired',
    );
    const c = await go();
    expect(c.headers.get('location')).not.toBe(a.headers.get('location'));
    const fresh = await o.stripe.checkout.sessions.retrieve(c.headers.get('location')!.split('/').pop()!);
    expect(fresh.amount_total ?? (fresh as unknown as { line_items?: unknown }).line_items).toBeDefined();
    // An expired session (expired on Stripe's side) is replaced, never reused.
    await o.stripe.checkout.sessions.expire(fresh.id);
    await inboxSettled(w, o.org.id);
    const d = await go();
    expect(d.headers.get('location')).not.toBe(c.headers.get('location'));
    // Past the configured lifetime since sending: a clear refusal page.
    await w.settle.container.db.query(`UPDATE invoices SET sent_at = now() - interval '25 hours' WHERE id = $1`, [
      inv.id,
    ]);
    const late = await go();
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('This payment link has expired');
  });

  it('concurrent manual payment and Stripe webhook on one invoice: consistent, never double-counted', async () => {
    const o = await connectedOrg(w);
    const inv = await sentToStripe(o, 120); // 200.00
    // Half by hand, half on Stripe, at the same moment: PAID exactly.
    const s = (await w.settle.gql(START, { id: inv.id, amount: 10000 }, o.token)).data.startInvoicePayment;
    await Promise.all(checkoutAndCheckAtOnce(o, inv.id, s.url));
    const paid = await waitForStatus(w, o.org.id, inv.id, 'PAID');
    expect(paid.amountPaid).toBe(20000);

    // Full amount both ways at once: either the manual one is refused (balance gone), or the Stripe money
    // (already moved) is recorded over the balance and flagged. Never a double count of one payment.
    const inv2 = await sentToStripe(o, 60);
    const s2 = (await w.settle.gql(START, { id: inv2.id }, o.token)).data.startInvoicePayment;
    const [, manual] = await Promise.allSettled(checkoutAndCheckAtOnce(o, inv2.id, s2.url));
    await eventually(
      async () => (await payments(o.org.id, inv2.id)).some((p) => p.source === PaymentSource.STRIPE),
      'stripe payment recorded',
    );
    await inboxSettled(w, o.org.id);
    const ps = await payments(o.org.id, inv2.id);
    const final = await invoiceOf(w, o.org.id, inv2.id);
    expect(final.status).toBe('PAID');
    expect(final.amountPaid).toBe(ps.reduce((t, p) => t + p.amount, 0));
    expect(ps.filter((p) => p.source === PaymentSource.STRIPE)).toHaveLength(1);
    if (manual.status === 'rejected') expect(final.amountPaid).toBe(10000);
    else {
      expect(final.amountPaid).toBe(20000);
      expect(
        await w.settle.container.db
          .getRepository(AuditEvent)
          .countBy({ orgId: o.org.id, entityId: inv2.id, action: 'invoice.stripe_payment_over_balance' }),
      ).toBe(1);
    }
  });
});
