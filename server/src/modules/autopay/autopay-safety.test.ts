import { describe, expect, it } from 'vitest';
import { IsNull, Not } from 'typeorm';
import { payByCheck } from '../../../test/fixtures.js';
import { eventually } from '../../../test/harness.js';
import { StripeInvoiceLink } from '../stripe/stripe-links.entity.js';
import { Email } from '../email/email.entity.js';
import { Payment } from '../payments/payment.entity.js';
import {
  control,
  type ConnectedOrg,
  deliverSignedEvent,
  inboxSettled,
  invoiceOf,
  postForm,
  quietOrg,
  sentToStripe,
  stripeWorldForFile,
  waitForStatus,
} from '../stripe/stripe-test-kit.js';
import { attemptsOf, autopayDueInvoice, autopayOrg, chargerOf, type SavedMethodFields } from './autopay-test-kit.js';

/** Autopay's guarantees: money only on what Stripe confirms, one charge per attempt, no charge of a closed invoice. */
const w = stripeWorldForFile();
const bankAccount = (n: string) => ({ payment_method_type: 'us_bank_account' as const, bank_account_number: n });

const autopayClient = (card: string) => autopayDueInvoice(w, { card_number: card });
const attempts = (invoiceId: string) => attemptsOf(w, invoiceId);
const charger = () => chargerOf(w);

const deliver = (o: ConnectedOrg, type: string, object: object) => deliverSignedEvent(w, o, type, object);

/** A client with `fields` saved and autopay on, whose invoice was sent as a hosted Stripe invoice (webhooks held back). */
async function hostedAutopayInvoice(fields: SavedMethodFields) {
  const o = await quietOrg(w);
  await w.settle.gql(`mutation { updatePaymentSettings(input: {sendVia: HOSTED_INVOICE}) { sendVia } }`, {}, o.token);
  await autopayOrg(w, fields, o);
  const inv = await sentToStripe(o);
  const link = await eventually(
    () =>
      w.settle.container.db.getRepository(StripeInvoiceLink).findOneBy({ invoiceId: inv.id, hostedUrl: Not(IsNull()) }),
    'the hosted invoice',
  );
  /** Pays it on its hosted Stripe page with `fields` (a card, or a bank account); the page's response. */
  const payOnPage = (fields: Record<string, string>) =>
    postForm(`${w.emu.url}/hosted/invoices/${link.stripeInvoiceId}/pay`, fields);
  return { o, inv, link, due: new Date(`${inv.dueDate}T12:00:00Z`), payOnPage };
}

/** Autopay, at the due date, leaves the invoice to what was paid on its hosted page: skipped, no attempt made. */
async function expectNotChargedOnTop(o: ConnectedOrg, invoiceId: string, due: Date) {
  expect(await charger().chargeInvoiceExplained(o.org.id, invoiceId, due)).toMatchObject({ outcome: 'skipped' });
  expect(await attempts(invoiceId)).toEqual([]);
}

describe('autopay safety (emulator, PostgreSQL)', () => {
  it('a forged payment_intent.succeeded books nothing: unknown, or a declined charge claimed as paid', async () => {
    const { o, inv } = await autopayClient('4000000000000341');
    // A PaymentIntent `id` claimed as having paid the whole invoice.
    const paid = (id: string | null) => ({
      id,
      object: 'payment_intent',
      status: 'succeeded',
      amount: inv.total,
      amount_received: inv.total,
      currency: 'usd',
      metadata: { settle_org_id: o.org.id, settle_invoice_id: inv.id, settle_autopay: 'true' },
    });
    const unknown = await deliver(o, 'payment_intent.succeeded', paid('pi_never_existed'));
    expect(unknown.status).toBe('REJECTED');
    expect(unknown.error).toMatch(/Stripe has no PaymentIntent pi_never_existed/);

    expect(await charger().chargeInvoice(o.org.id, inv.id)).toBe('declined');
    const [declined] = await attempts(inv.id);
    await inboxSettled(w, o.org.id);
    const claimed = await deliver(o, 'payment_intent.succeeded', paid(declined!.paymentIntentId));
    expect(claimed.status).toBe('REJECTED');
    expect(claimed.error).toMatch(/Stripe says the PaymentIntent is requires_payment_method/);
    expect(await w.settle.container.db.getRepository(Payment).findBy({ orgId: o.org.id })).toHaveLength(0);
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('SENT');
  });

  it('two sweeps at once charge the invoice once (the invoice lock and the unique attempt)', async () => {
    const { o, inv } = await autopayClient('4242424242424242');
    const outcomes = await Promise.all([
      charger().chargeInvoice(o.org.id, inv.id),
      charger().chargeInvoice(o.org.id, inv.id),
      charger().chargeInvoice(o.org.id, inv.id),
    ]);
    expect(outcomes.sort()).toEqual(['charged', 'skipped', 'skipped']);
    expect(await attempts(inv.id)).toHaveLength(1);
    const customer = (await o.stripe.customers.list({ email: 'ap@client.test', limit: 100 })).data.find(
      (c) => c.metadata.settle_client_id === o.fx.client.id,
    )!;
    expect((await o.stripe.paymentIntents.list({ customer: customer.id })).data).toHaveLength(1);
  });

  it('a declined invoice that is then paid another way, or voided, is not retried', async () => {
    const { o, inv } = await autopayClient('4000000000000341');
    expect(await charger().chargeInvoice(o.org.id, inv.id)).toBe('declined');
    const inv2 = await o.fx.sentInvoice(30);
    expect(await charger().chargeInvoice(o.org.id, inv2.id, new Date(`${inv2.dueDate}T12:00:00Z`))).toBe('declined');
    await inboxSettled(w, o.org.id);
    await payByCheck(w.settle.container, o.org.id, inv.id, inv.total);
    await w.settle.container.invoices.void(o.org.id, o.fx.actor, inv2.id);
    const later = new Date(Date.parse(`${inv2.dueDate}T12:00:00Z`) + 4 * 86_400_000);
    expect(await charger().chargeInvoiceExplained(o.org.id, inv.id, later)).toEqual({
      outcome: 'skipped',
      skip: 'NOT_OPEN',
    });
    expect(await charger().chargeInvoiceExplained(o.org.id, inv2.id, later)).toEqual({
      outcome: 'skipped',
      skip: 'NOT_OPEN',
    });
    // A whole sweep (other tests' invoices may be due in it) leaves these two alone too.
    await charger().runDue(later);
    expect(await attempts(inv.id)).toHaveLength(1);
    expect(await attempts(inv2.id)).toHaveLength(1);
  });

  it('an invoice whose check was voided as recorded by mistake is left to staff, not charged on top', async () => {
    const { o, inv } = await autopayClient('4242424242424242');
    const paid = await payByCheck(w.settle.container, o.org.id, inv.id, inv.total);
    const voided = await w.settle.gql(
      `mutation($i:VoidPaymentInput!){voidPayment(input:$i){invoice{status}}}`,
      { i: { paymentId: paid.payment.id, reason: 'Typed 5,000 for 500' } },
      o.token,
    );
    expect(voided.data?.voidPayment.invoice.status).toBe('SENT');
    const due = new Date(`${inv.dueDate}T12:00:00Z`);
    expect(await charger().chargeInvoiceExplained(o.org.id, inv.id, due)).toEqual({
      outcome: 'skipped',
      skip: 'PAYMENT_CORRECTED',
    });
    expect(await attempts(inv.id)).toEqual([]);
  });

  it("a balance below Stripe's minimum is recorded once for staff: no retry, no email, no silent sweep failure", async () => {
    const { o, inv } = await autopayClient('4242424242424242');
    const c = w.settle.container;
    // The client paid all but 30 cents by check: Stripe takes no USD charge under 0.50.
    await payByCheck(c, o.org.id, inv.id, inv.total - 30);
    const due = new Date(`${inv.dueDate}T12:00:00Z`);
    expect(await charger().chargeInvoice(o.org.id, inv.id, due)).toBe('declined');
    const [attempt, ...more] = await attempts(inv.id);
    expect(more).toEqual([]);
    expect(attempt).toMatchObject({
      status: 'DECLINED',
      declineCode: 'amount_too_small',
      amount: 30,
      nextAttemptAt: null,
    });
    expect(attempt!.message).toMatch(/at least/);
    expect(
      await c.db.getRepository(Email).countBy({ orgId: o.org.id, relatedId: inv.id, kind: 'autopay_failed' }),
    ).toBe(0);
    // Staff read it as such, and later sweeps leave it: the same charge can never pass.
    const r = await w.settle.gql(
      `query($i: ID) { autopayAttempts(invoiceId: $i) { outcome nextRetryAt } }`,
      { i: inv.id },
      o.token,
    );
    expect(r.data.autopayAttempts).toEqual([{ outcome: 'BELOW_MINIMUM', nextRetryAt: null }]);
    await charger().runDue(new Date(due.getTime() + 10 * 86_400_000));
    expect(await attempts(inv.id)).toHaveLength(1);
    expect((await invoiceOf(w, o.org.id, inv.id)).balanceDue).toBe(30);
  });

  it('an invoice reopened by a refund is not charged again off-session, by the sweep or alone', async () => {
    const { o, inv } = await autopayClient('4242424242424242');
    const c = w.settle.container;
    const paid = await payByCheck(c, o.org.id, inv.id, inv.total);
    // A person gave part of it back: the balance is open again, and the card on file could take it.
    await payByCheck(c, o.org.id, inv.id, -1000, { refundsPaymentId: paid.payment.id, reference: 'goodwill' });
    expect(await invoiceOf(w, o.org.id, inv.id)).toMatchObject({ status: 'PARTIALLY_PAID', balanceDue: 1000 });
    const due = new Date(`${inv.dueDate}T12:00:00Z`);
    await charger().runDue(due);
    expect(await charger().chargeInvoiceExplained(o.org.id, inv.id, due)).toEqual({
      outcome: 'skipped',
      skip: 'REFUNDED',
    });
    expect(await attempts(inv.id)).toEqual([]);
    expect((await invoiceOf(w, o.org.id, inv.id)).balanceDue).toBe(1000);
  });

  it('a charge whose booking was lost (the process died before committing) is booked once by its event', async () => {
    const { o, inv } = await autopayClient('4242424242424242');
    const customer = (await o.stripe.customers.list({ limit: 100 })).data.find(
      (c) => c.metadata.settle_client_id === o.fx.client.id,
    )!;
    const pm = (await o.stripe.customers.listPaymentMethods(customer.id)).data[0]!;
    // What the charger sent Stripe, as if its transaction had then rolled back.
    const pi = await o.stripe.paymentIntents.create({
      amount: inv.total,
      currency: 'usd',
      customer: customer.id,
      payment_method: pm.id,
      off_session: true,
      confirm: true,
      metadata: { settle_org_id: o.org.id, settle_invoice_id: inv.id, settle_autopay: 'true' },
    });
    await waitForStatus(w, o.org.id, inv.id, 'PAID');
    await inboxSettled(w, o.org.id);
    expect(await charger().chargeInvoiceExplained(o.org.id, inv.id)).toEqual({ outcome: 'skipped', skip: 'NOT_OPEN' });
    const ps = await w.settle.container.db.getRepository(Payment).findBy({ orgId: o.org.id, invoiceId: inv.id });
    expect(ps.map((p) => [p.externalId, p.amount])).toEqual([[pi.id, inv.total]]);
  });

  it('a client billed with send method AUTO_CHARGE is charged at issue, before the due date', async () => {
    const { o, inv } = await autopayClient('4242424242424242');
    const atIssue = new Date(`${inv.issueDate}T12:00:00Z`);
    expect(inv.dueDate > inv.issueDate).toBe(true);
    expect(await charger().chargeInvoiceExplained(o.org.id, inv.id, atIssue)).toEqual({
      outcome: 'skipped',
      skip: 'NOT_DUE',
    });
    await w.settle.container.db.query(
      `INSERT INTO billing_settings (org_id, client_id, send_method) VALUES ($1, $2, 'AUTO_CHARGE')`,
      [o.org.id, o.fx.client.id],
    );
    expect(await charger().chargeInvoice(o.org.id, inv.id, atIssue)).toBe('charged');
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('PAID');
  });

  it('an invoice whose hosted Stripe invoice was just paid (its webhook not yet in) is not charged again', async () => {
    const { o, inv, due, payOnPage } = await hostedAutopayInvoice({ card_number: '4242424242424242' });
    const paid = await payOnPage({ card_number: '4242424242424242' });
    expect(paid.status).toBe(303);
    await expectNotChargedOnTop(o, inv.id, due);
  });

  it('a charge closes the hosted Stripe invoice at once: the client cannot pay it again on its page', async () => {
    const { o, inv, link, due, payOnPage } = await hostedAutopayInvoice({ card_number: '4242424242424242' });
    expect(await charger().chargeInvoice(o.org.id, inv.id, due)).toBe('charged');
    // Before any sync job: the hosted invoice reads paid (out of band) and its page takes nothing.
    expect((await o.stripe.invoices.retrieve(link.stripeInvoiceId!)).status).toBe('paid');
    const again = await payOnPage({ card_number: '4242424242424242' });
    expect(again.status).not.toBe(303);
    const taken = (await o.stripe.paymentIntents.list({ limit: 100 })).data.filter((pi) => pi.status === 'succeeded');
    expect(taken.map((pi) => pi.amount)).toEqual([inv.total]);
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('PAID');
  });

  it('an invoice whose hosted Stripe invoice is being paid by a bank debit (still processing) is not charged on top', async () => {
    const { o, inv, due, payOnPage } = await hostedAutopayInvoice({ card_number: '4242424242424242' });
    const debit = await payOnPage(bankAccount('000123456789'));
    expect(debit.status).toBe(303);
    await expectNotChargedOnTop(o, inv.id, due);
    // Stripe holds the one debit of the hosted invoice, and no card charge beside it.
    const intents = (await o.stripe.paymentIntents.list({ limit: 100 })).data;
    expect(intents.map((pi) => [pi.status, pi.metadata?.settle_autopay ?? null])).toEqual([['processing', null]]);
  });

  it('a bank debit started closes the hosted Stripe invoice for its days at the bank; a failed one has it issued again', async () => {
    const { o, inv, link, due, payOnPage } = await hostedAutopayInvoice(bankAccount('000111111113'));
    expect(await charger().chargeInvoice(o.org.id, inv.id, due)).toBe('processing');
    expect((await o.stripe.invoices.retrieve(link.stripeInvoiceId!)).status).toBe('void');
    const byCard = await payOnPage({ card_number: '4242424242424242' });
    expect(byCard.status).not.toBe(303);
    const [debit] = await attempts(inv.id);
    await control(w.emu, '/async-payments/advance', { payment_intent: debit!.paymentIntentId, outcome: 'failed' });
    const failed = { orgId: o.org.id, invoiceId: inv.id, paymentIntent: debit!.paymentIntentId!, declineCode: null };
    await w.settle.container.db.transaction((tx) => charger().intentFailed(tx, { ...failed, message: 'R01' }));
    const reissued = await eventually(
      () =>
        w.settle.container.db
          .getRepository(StripeInvoiceLink)
          .findOneBy({ invoiceId: inv.id, stripeInvoiceId: Not(link.stripeInvoiceId!), hostedUrl: Not(IsNull()) }),
      'the hosted invoice issued again',
    );
    expect(await o.stripe.invoices.retrieve(reissued.stripeInvoiceId!)).toMatchObject({
      status: 'open',
      amount_remaining: inv.total,
    });
  });

  it('a saved US bank account is debited: PROCESSING, then booked once by payment_intent.succeeded when it settles', async () => {
    const { o, portal, inv } = await autopayDueInvoice(w, bankAccount('000123456789'));
    const due = new Date(`${inv.dueDate}T12:00:00Z`);
    expect(await charger().chargeInvoice(o.org.id, inv.id, due)).toBe('processing');
    const [a] = await attempts(inv.id);
    expect(a).toMatchObject({ status: 'PROCESSING', nextAttemptAt: null });
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('SENT');
    // Not charged again while the debit is on its way, nor offered Checkout on top of it.
    expect(
      await charger().chargeInvoiceExplained(o.org.id, inv.id, new Date(due.getTime() + 10 * 86_400_000)),
    ).toMatchObject({ outcome: 'skipped' });
    const checkout = await w.settle.gql(
      `mutation($id: ID!) { startInvoicePayment(invoiceId: $id) { url } }`,
      { id: inv.id },
      portal,
    );
    expect(checkout.errors?.[0]?.extensions.code).toBe('CONFLICT');
    // Nor a check recorded by hand, nor a void: the debit's money would come on top, or onto a void invoice.
    const byHand = await w.settle.gql(
      `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { payment { id } } }`,
      { i: { invoiceId: inv.id, amount: inv.total, method: 'CHECK', reference: 'chk-1' } },
      o.token,
    );
    expect(byHand.errors?.[0]?.extensions.code).toBe('CONFLICT');
    const voided = await w.settle.gql(`mutation($id:ID!){voidInvoice(id:$id){status}}`, { id: inv.id }, o.token);
    expect(voided.errors?.[0]?.extensions.code).toBe('CONFLICT');
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('SENT');
    await control(w.emu, '/async-payments/advance', { payment_intent: a!.paymentIntentId, outcome: 'succeeded' });
    await waitForStatus(w, o.org.id, inv.id, 'PAID');
    const ps = await w.settle.container.db.getRepository(Payment).findBy({ orgId: o.org.id, invoiceId: inv.id });
    expect(ps.map((p) => [p.externalId, p.amount, p.method])).toEqual([[a!.paymentIntentId, inv.total, 'BANK_DEBIT']]);
  });

  it('a bank debit that fails after it started is recorded DECLINED, emailed, and retried by the schedule', async () => {
    const { o, inv, clock } = await autopayDueInvoice(w, bankAccount('000111111113'));
    expect(await charger().chargeInvoice(o.org.id, inv.id)).toBe('processing');
    const [a] = await attempts(inv.id);
    await control(w.emu, '/async-payments/advance', { payment_intent: a!.paymentIntentId, outcome: 'failed' });
    const failed = await eventually(async () => {
      const [x] = await attempts(inv.id);
      return x!.status === 'DECLINED' ? x : null;
    }, 'the attempt to be DECLINED');
    expect(failed.nextAttemptAt!.getTime() - clock.now().getTime()).toBe(3 * 86_400_000);
    const mails = await w.settle.container.db
      .getRepository(Email)
      .findBy({ orgId: o.org.id, relatedId: inv.id, kind: 'autopay_failed' });
    expect(mails).toHaveLength(1);
    await inboxSettled(w, o.org.id);
    clock.advanceDays(3);
    expect(await charger().chargeInvoice(o.org.id, inv.id)).toBe('processing');
    expect((await attempts(inv.id)).map((x) => [x.attemptNo, x.status])).toEqual([
      [1, 'DECLINED'],
      [2, 'PROCESSING'],
    ]);
  });
});
