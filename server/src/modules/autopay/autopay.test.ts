import { describe, expect, it } from 'vitest';
import { portalSession } from '../../../test/fixtures.js';
import { eventually } from '../../../test/harness.js';
import { StripeEventInbox } from '../stripe/stripe-event-inbox.entity.js';
import { ManualClock } from '../../platform/clock.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Email } from '../email/email.entity.js';
import { Payment, PaymentSource } from '../payments/payment.entity.js';
import { billingFixture } from '../../../test/fixtures.js';
import {
  connectedOrg,
  type ConnectedOrg,
  inboxSettled,
  invoiceOf,
  postForm,
  stripeModule,
  stripeWorldForFile,
  waitForStatus,
} from '../stripe/stripe-test-kit.js';
import { AutopayAttempt } from './autopay.entities.js';
import { autopayOf } from './autopay.integration.js';

const w = stripeWorldForFile();

const LIST = `query($c: ID) { savedPaymentMethods(clientId: $c) { id type brand last4 expMonth expYear bankName isDefault } }`;
const START = `mutation($c: ID) { startSavePaymentMethod(clientId: $c) { url expiresAt } }`;
const SET_DEFAULT = `mutation($id: String!, $c: ID) { setDefaultPaymentMethod(id: $id, clientId: $c) { id isDefault } }`;
const REMOVE = `mutation($id: String!, $c: ID) { removePaymentMethod(id: $id, clientId: $c) { id } }`;
const AUTOPAY = `mutation($on: Boolean!, $c: ID) { setAutopay(enabled: $on, clientId: $c) { clientId enabled } }`;

type Method = { id: string; type: string; brand: string | null; last4: string | null; isDefault: boolean };

async function gqlOk<T = any>(query: string, vars: Record<string, unknown>, token: string): Promise<T> {
  const r = await w.settle.gql(query, vars, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}

/** Saves a method through Settle's setup-mode Checkout page, as the client would on the hosted form. */
async function saveMethod(token: string, fields: Record<string, string>, clientId?: string) {
  const { url } = (await gqlOk(START, { c: clientId }, token)).startSavePaymentMethod;
  const res = await postForm(url, fields);
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toMatch(/\/portal\/payment-methods\?saved=1&session_id=cs_test_/);
}

const list = async (token: string, clientId?: string): Promise<Method[]> =>
  (await gqlOk(LIST, { c: clientId }, token)).savedPaymentMethods;

/** A connected org whose client has a portal user, autopay on and one saved card (`card`), as default. */
async function autopayClient(card = '4242424242424242') {
  const o = await connectedOrg(w);
  const portal = await portalSession(w.settle, o.org.id, o.fx.client.id);
  await saveMethod(portal, { card_number: card });
  await gqlOk(AUTOPAY, { on: true }, portal);
  return { o, portal };
}

/** A sent invoice and the container's clock moved to its due date. */
async function dueInvoice(o: ConnectedOrg, minutes = 60) {
  const inv = await o.fx.sentInvoice(minutes);
  const clock = new ManualClock(`${inv.dueDate}T12:00:00Z`);
  w.settle.container.clock = clock;
  return { inv, clock };
}

const attempts = (invoiceId: string) =>
  w.settle.container.db.getRepository(AutopayAttempt).find({ where: { invoiceId }, order: { attemptNo: 'ASC' } });
const payments = (orgId: string, invoiceId: string) =>
  w.settle.container.db.getRepository(Payment).findBy({ orgId, invoiceId });
const charger = () => autopayOf(w.settle.container).charger;

describe('saved payment methods (emulator, PostgreSQL)', () => {
  it('saves a card and a bank account through setup-mode Checkout; lists masked; sets default; removes', async () => {
    const o = await connectedOrg(w);
    const portal = await portalSession(w.settle, o.org.id, o.fx.client.id);
    expect(await list(portal)).toEqual([]);
    await saveMethod(portal, { card_number: '4242424242424242', card_expiry: '12 / 34' });
    const [card] = await list(portal);
    // The first saved method becomes the default; only brand, last 4 and expiry are shown.
    expect(card).toMatchObject({ type: 'CARD', brand: 'visa', last4: '4242', isDefault: true });
    expect(card!.id).toMatch(/^pm_/);
    expect(JSON.stringify(card)).not.toContain('4242424242424242');

    await saveMethod(portal, { payment_method_type: 'us_bank_account', bank_account_number: '000123456789' });
    const two = await list(portal);
    expect(two).toHaveLength(2);
    const bank = two.find((m) => m.type === 'US_BANK_ACCOUNT')!;
    expect(bank).toMatchObject({ last4: '6789', bankName: 'STRIPE TEST BANK', isDefault: false });

    const afterDefault = (await gqlOk(SET_DEFAULT, { id: bank.id }, portal)).setDefaultPaymentMethod as Method[];
    expect(afterDefault.find((m) => m.id === bank.id)!.isDefault).toBe(true);
    expect(afterDefault.find((m) => m.id === card!.id)!.isDefault).toBe(false);
    const customer = await o.stripe.customers.retrieve(
      (
        await w.settle.container.db.query(`SELECT customer_id FROM stripe_client_links WHERE client_id = $1`, [
          o.fx.client.id,
        ])
      )[0].customer_id,
    );
    expect(
      (customer as { invoice_settings: { default_payment_method: string } }).invoice_settings.default_payment_method,
    ).toBe(bank.id);

    // Billing staff see and manage the same list by clientId.
    expect((await list(o.token, o.fx.client.id)).map((m) => m.id).sort()).toEqual(two.map((m) => m.id).sort());
    const left = (await gqlOk(REMOVE, { id: card!.id, c: o.fx.client.id }, o.token)).removePaymentMethod as Method[];
    expect(left.map((m) => m.id)).toEqual([bank.id]);
    expect((await o.stripe.paymentMethods.retrieve(card!.id)).customer).toBeNull();
  });

  it("listing methods writes nothing at Stripe; removing the default makes the first saved left Stripe's default", async () => {
    const o = await connectedOrg(w);
    const portal = await portalSession(w.settle, o.org.id, o.fx.client.id);
    await saveMethod(portal, { card_number: '4242424242424242' });
    const customerId = (
      await w.settle.container.db.query(`SELECT customer_id FROM stripe_client_links WHERE client_id = $1`, [
        o.fx.client.id,
      ])
    )[0].customer_id as string;
    const stripeDefault = async () =>
      (
        (await o.stripe.customers.retrieve(customerId)) as {
          invoice_settings: { default_payment_method: string | null };
        }
      ).invoice_settings.default_payment_method;
    // Shown as the default (what autopay charges), but a query is a read: the customer is left as it was.
    const [card] = await list(portal);
    expect(card).toMatchObject({ isDefault: true });
    await list(o.token, o.fx.client.id);
    expect(await stripeDefault()).toBeNull();

    await saveMethod(portal, { payment_method_type: 'us_bank_account', bank_account_number: '000123456789' });
    await saveMethod(portal, { card_number: '5555555555554444' });
    await gqlOk(SET_DEFAULT, { id: card!.id }, portal);
    expect(await stripeDefault()).toBe(card!.id);
    await gqlOk(REMOVE, { id: card!.id }, portal);
    const left = await list(portal);
    const bank = left.find((m) => m.type === 'US_BANK_ACCOUNT')!;
    expect(left.filter((m) => m.isDefault)).toEqual([bank]);
    expect(await stripeDefault()).toBe(bank.id);
  });

  it("a portal user of another client (or org) can neither see nor remove a client's methods", async () => {
    const { o, portal } = await autopayClient();
    const [mine] = await list(portal);
    const other = await w.settle.container.clients.create(o.org.id, o.fx.actor, {
      name: 'Other',
      billingEmail: 'other@client.test',
      currency: 'USD',
    });
    const otherPortal = await portalSession(w.settle, o.org.id, other.id);
    const peek = await w.settle.gql(LIST, { c: o.fx.client.id }, otherPortal);
    expect(peek.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(await list(otherPortal)).toEqual([]);
    const rm = await w.settle.gql(REMOVE, { id: mine!.id }, otherPortal);
    expect(rm.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const setDef = await w.settle.gql(SET_DEFAULT, { id: mine!.id }, otherPortal);
    expect(setDef.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    // Another org's staff: its key cannot even see the method.
    const o2 = await connectedOrg(w);
    await saveMethod(o2.token, { card_number: '4242424242424242' }, o2.fx.client.id);
    const cross = await w.settle.gql(REMOVE, { id: mine!.id, c: o2.fx.client.id }, o2.token);
    expect(cross.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const wrongClient = await w.settle.gql(LIST, { c: o.fx.client.id }, o2.token);
    expect(wrongClient.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await list(portal)).map((m) => m.id)).toEqual([mine!.id]);
  });

  it('the autopay flag is stored per client and every change is audited', async () => {
    const { o, portal } = await autopayClient();
    const off = (await gqlOk(AUTOPAY, { on: false, c: o.fx.client.id }, o.token)).setAutopay;
    expect(off).toEqual({ clientId: o.fx.client.id, enabled: false });
    expect((await gqlOk(`query { autopay { enabled } }`, {}, portal)).autopay.enabled).toBe(false);
    const audit = await w.settle.container.db
      .getRepository(AuditEvent)
      .find({ where: { orgId: o.org.id, entityId: o.fx.client.id }, order: { createdAt: 'ASC' } });
    expect(audit.map((a) => a.action).filter((a) => a.includes('autopay'))).toEqual([
      'client.autopay_enabled',
      'client.autopay_disabled',
    ]);
  });
});

describe('autopay charges (emulator, PostgreSQL, ManualClock)', () => {
  it('a due invoice is charged off-session and settled PAID once, through the event, with its fee', async () => {
    const { o } = await autopayClient();
    const { inv, clock } = await dueInvoice(o);
    // Not due yet: nothing is charged.
    expect(await charger().chargeInvoiceExplained(o.org.id, inv.id, new Date(`${inv.issueDate}T00:00:00Z`))).toEqual({
      outcome: 'skipped',
      skip: 'NOT_DUE',
    });
    expect((await charger().runDue(new Date(`${inv.issueDate}T00:00:00Z`))).charged).toBe(0);
    expect(await charger().chargeInvoice(o.org.id, inv.id)).toBe('charged');
    const [a] = await attempts(inv.id);
    expect(a).toMatchObject({ attemptNo: 1, status: 'SUCCEEDED', amount: inv.balanceDue, nextAttemptAt: null });
    const pi = await o.stripe.paymentIntents.retrieve(a!.paymentIntentId!);
    expect(pi).toMatchObject({ amount: inv.total, status: 'succeeded' });
    expect(pi.metadata).toMatchObject({ settle_invoice_id: inv.id, settle_org_id: o.org.id, settle_autopay: 'true' });
    // Booked with the charge, from Stripe's answer; the payment_intent.succeeded event is then a replay.
    const paid = await invoiceOf(w, o.org.id, inv.id);
    expect(paid).toMatchObject({ status: 'PAID', balanceDue: 0 });
    const event = await eventually(
      () =>
        w.settle.container.db
          .getRepository(StripeEventInbox)
          .findOneBy({ orgId: o.org.id, type: 'payment_intent.succeeded', status: 'DONE' }),
      'the payment_intent.succeeded event',
    );
    expect(event.outcome).toBe(`already recorded ${pi.id}`);
    // A second sweep (and a later one) charges nothing more.
    clock.advanceDays(10);
    // The charge's own webhooks applied first: one still PENDING would skip as STRIPE_EVENT_PENDING.
    await inboxSettled(w, o.org.id);
    expect(await charger().chargeInvoiceExplained(o.org.id, inv.id)).toEqual({ outcome: 'skipped', skip: 'NOT_OPEN' });
    expect((await charger().runDue()).charged).toBe(0);
    const ps = await payments(o.org.id, inv.id);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({
      source: PaymentSource.STRIPE,
      externalId: pi.id,
      amount: inv.total,
      cardLast4: '4242',
    });
    const fee = await stripeModule(w).fees.feeFor(o.org.id, pi.id);
    expect(fee).toMatchObject({ gross: inv.total, currency: 'USD' });
    expect(fee!.fee).toBeGreaterThan(0);
    expect(await o.stripe.paymentIntents.list({ customer: pi.customer as string })).toMatchObject({
      data: [expect.objectContaining({ id: pi.id })],
    });
  });

  it('a decline is recorded and emailed; after 3 days by the clock the retry charges the new default card', async () => {
    const { o, portal } = await autopayClient('4000000000000341');
    const { inv, clock } = await dueInvoice(o);
    expect(await charger().chargeInvoice(o.org.id, inv.id)).toBe('declined');
    const [first] = await attempts(inv.id);
    expect(first).toMatchObject({ attemptNo: 1, status: 'DECLINED', declineCode: 'generic_decline' });
    expect(first!.message).toMatch(/declined/);
    expect(first!.nextAttemptAt!.getTime() - clock.now().getTime()).toBe(3 * 86_400_000);
    const mail = await w.settle.container.db
      .getRepository(Email)
      .findOneByOrFail({ orgId: o.org.id, relatedId: inv.id, kind: 'autopay_failed' });
    expect(mail.to).toBe('ap@client.test');
    expect(mail.text).toContain(`/pay/${inv.publicToken}`);
    expect(mail.text).toContain('/portal/payment-methods');
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('SENT');

    // Not yet due again: a sweep a day later does nothing.
    clock.advanceDays(1);
    // The charge's own webhooks applied first: one still PENDING would skip as STRIPE_EVENT_PENDING.
    await inboxSettled(w, o.org.id);
    expect(await charger().chargeInvoiceExplained(o.org.id, inv.id)).toEqual({
      outcome: 'skipped',
      skip: 'RETRY_NOT_DUE',
    });
    await saveMethod(portal, { card_number: '4242424242424242' });
    const good = (await list(portal)).find((m) => m.last4 === '4242')!;
    await gqlOk(SET_DEFAULT, { id: good.id }, portal);
    await inboxSettled(w, o.org.id);
    clock.advanceDays(2);
    const swept = await charger().runDue();
    expect(swept.charged).toBeGreaterThanOrEqual(1);
    const all = await attempts(inv.id);
    expect(all.map((a) => [a.attemptNo, a.status])).toEqual([
      [1, 'DECLINED'],
      [2, 'SUCCEEDED'],
    ]);
    await waitForStatus(w, o.org.id, inv.id, 'PAID');
    expect(await payments(o.org.id, inv.id)).toHaveLength(1);
  });

  it('authentication_required is recorded and emailed; the schedule ends after 3, 5 and 7 days', async () => {
    const { o } = await autopayClient('4000002760003184');
    const { inv, clock } = await dueInvoice(o);
    expect(await charger().chargeInvoice(o.org.id, inv.id)).toBe('declined');
    const [a] = await attempts(inv.id);
    expect(a).toMatchObject({ status: 'DECLINED', declineCode: 'authentication_required' });
    const mail = await w.settle.container.db
      .getRepository(Email)
      .findOneByOrFail({ orgId: o.org.id, relatedId: inv.id, kind: 'autopay_failed' });
    expect(mail.text).toContain('authentication');
    for (const days of [3, 5, 7]) {
      // The decline's payment_intent.payment_failed is applied first: no charge while an event of the invoice is pending.
      await inboxSettled(w, o.org.id);
      clock.advanceDays(days);
      expect(await charger().chargeInvoice(o.org.id, inv.id)).toBe('declined');
    }
    const all = await attempts(inv.id);
    expect(all.map((x) => x.attemptNo)).toEqual([1, 2, 3, 4]);
    expect(all[3]!.nextAttemptAt).toBeNull();
    clock.advanceDays(30);
    // The charge's own webhooks applied first: one still PENDING would skip as STRIPE_EVENT_PENDING.
    await inboxSettled(w, o.org.id);
    expect(await charger().chargeInvoiceExplained(o.org.id, inv.id)).toEqual({
      outcome: 'skipped',
      skip: 'RETRIES_ENDED',
    });
    expect(await attempts(inv.id)).toHaveLength(4);
  });

  it('no saved method, or autopay off: nothing is charged', async () => {
    const o = await connectedOrg(w);
    const portal = await portalSession(w.settle, o.org.id, o.fx.client.id);
    await gqlOk(AUTOPAY, { on: true }, portal);
    const { inv } = await dueInvoice(o);
    expect(await charger().chargeInvoiceExplained(o.org.id, inv.id)).toEqual({
      outcome: 'skipped',
      skip: 'NO_DEFAULT_METHOD',
    });
    expect(await attempts(inv.id)).toEqual([]);
    // A saved card but autopay off: still nothing.
    const fx2 = await billingFixture(w.settle.container, o.org.id, { clientName: 'Manual payer' });
    const portal2 = await portalSession(w.settle, o.org.id, fx2.client.id);
    await saveMethod(portal2, { card_number: '4242424242424242' });
    const inv2 = await fx2.sentInvoice(30);
    expect(await charger().chargeInvoiceExplained(o.org.id, inv2.id, new Date(`${inv2.dueDate}T12:00:00Z`))).toEqual({
      outcome: 'skipped',
      skip: 'AUTOPAY_OFF',
    });
    expect(await attempts(inv2.id)).toEqual([]);
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('SENT');
  });
});
