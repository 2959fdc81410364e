import { describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { createOrgWithOwner, eventually } from '../../test/harness.js';
import { billingFixture } from '../../test/fixtures.js';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { Payment } from '../modules/payments/payment.entity.js';
import { StripeEventInbox } from '../modules/stripe/stripe-event-inbox.entity.js';
import {
  StripeCatalogLink,
  StripeClientLink,
  StripeInvoiceLink,
  StripeWebhookSecret,
} from '../modules/stripe/stripe-links.entity.js';
import {
  emulatorStripe,
  invoiceOf,
  postForm,
  sentToStripe,
  signedHeaders,
  stripeWorldForFile,
  waitForStatus,
} from '../modules/stripe/stripe-test-kit.js';

/**
 * Security suite, point 4: changing the Stripe account or mode is safe. Every link to a Stripe object
 * belongs to one account + mode; after connecting another, Settle recreates what it needs there, never
 * sends an old id, cleans up (or reports) what it left in the old account, keeps one webhook secret per
 * account + mode, books nothing from an event of the old account, and keeps history readable.
 */
const w = stripeWorldForFile();

const CONNECT = `mutation($sk: String!) { connectStripe(secretKey: $sk) {
  accountId mode webhookUrl webhook { configured endpointId secretPrefix }
  previousAccountCleanup { accountId mode status error endpointDeleted invoicesVoided sessionsExpired } } }`;
const PAYMENTS = `query($id: ID!) { invoice(id: $id) { status balanceDue payments { amount externalId stripeAccountId stripeMode } } }`;

const sdk = (key: string) => emulatorStripe(key, w.emu.port);
const db = () => w.settle.container.db;
const uniq = () => Math.random().toString(36).slice(2, 12);

async function connect(token: string, sk: string) {
  const r = await w.settle.gql(CONNECT, { sk }, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.connectStripe;
}

/** The org's inbox row for the event delivered as `body`, once processed. */
const processed = (orgId: string, body: string, what: string) =>
  eventually(async () => {
    const r = await db()
      .getRepository(StripeEventInbox)
      .findOneBy({ orgId, eventId: JSON.parse(body).id });
    return r?.status === 'DONE' ? r : null;
  }, what);

/**
 * A signed-looking `checkout.session.completed` paying `invoice`'s balance, made up here (nothing at
 * Stripe backs it); `account` names the Stripe account it claims to come from.
 */
function sessionCompleted(
  orgId: string,
  invoice: { id: string; balanceDue: number },
  e: { id: string; sessionId: string; paymentIntent: string; livemode: boolean; account?: string },
) {
  return JSON.stringify({
    id: e.id,
    object: 'event',
    type: 'checkout.session.completed',
    created: Math.floor(Date.now() / 1000),
    livemode: e.livemode,
    ...(e.account ? { account: e.account } : {}),
    data: {
      object: {
        id: e.sessionId,
        object: 'checkout.session',
        payment_status: 'paid',
        amount_total: invoice.balanceDue,
        currency: 'usd',
        payment_intent: e.paymentIntent,
        metadata: { settle_org_id: orgId, settle_invoice_id: invoice.id },
      },
    },
  });
}

async function payAt(url: string, fields: Record<string, string> = {}) {
  const res = await postForm(url, { card_number: '4242 4242 4242 4242', ...fields });
  expect(res.status).toBe(303);
}

describe('security 4: changing Stripe account or mode is safe', () => {
  it('connect A, bill, connect B, pay through B: new customer/product/price in B, A cleaned up, history kept', async () => {
    const o = await createOrgWithOwner(w.settle);
    const keyA = `sk_test_A${uniq()}`;
    const keyB = `sk_test_B${uniq()}`;
    const [stripeA, stripeB] = [sdk(keyA), sdk(keyB)];
    const a = await connect(o.token, keyA);
    expect(a.webhook.endpointId).toMatch(/^we_/);
    await w.settle.gql(`mutation { updatePaymentSettings(input: {sendVia: HOSTED_INVOICE}) { sendVia } }`, {}, o.token);
    const fx = await billingFixture(w.settle.container, o.org.id);
    const catalogA = await eventually(async () => {
      const l = await db().getRepository(StripeCatalogLink).findOneBy({ orgId: o.org.id, serviceId: fx.service.id });
      return l?.prices.USD ? l : null;
    }, 'catalog in A');
    expect(catalogA).toMatchObject({ accountId: a.accountId, livemode: false });
    expect((await stripeA.prices.retrieve(catalogA.prices.USD!.priceId)).product).toBe(catalogA.productId);

    // History: one invoice paid through A (Pay sends the payer to its hosted invoice, paid by card there).
    const paidInA = await sentToStripe({ fx });
    const hostedA = await eventually(
      async () => (await db().getRepository(StripeInvoiceLink).findOneBy({ invoiceId: paidInA.id }))?.hostedUrl,
      'hosted invoice in A',
    );
    const pageA = (
      await w.settle.gql(
        `mutation($id: ID!) { startInvoicePayment(invoiceId: $id) { url } }`,
        { id: paidInA.id },
        o.token,
      )
    ).data.startInvoicePayment.url as string;
    expect(pageA).toBe(hostedA);
    await payAt(`${pageA}/pay`, { payment_method_type: 'card' });
    await waitForStatus(w, o.org.id, paidInA.id, 'PAID');

    // Billed in A and still open: hosted invoice with a customer in A.
    const open = await sentToStripe({ fx });
    const linkA = await eventually(async () => {
      const l = await db().getRepository(StripeInvoiceLink).findOneBy({ invoiceId: open.id });
      return l?.hostedUrl ? l : null;
    }, 'hosted invoice in A');
    const customerA = (await db().getRepository(StripeClientLink).findOneByOrFail({ clientId: fx.client.id }))
      .customerId!;
    expect((await stripeA.invoices.retrieve(linkA.stripeInvoiceId!)).status).toBe('open');
    expect(((await stripeA.customers.retrieve(customerA)) as Stripe.Customer).id).toBe(customerA);

    // Connect B.
    const b = await connect(o.token, keyB);
    expect(b.accountId).not.toBe(a.accountId);
    expect(b.webhook.endpointId).toMatch(/^we_/);
    expect(b.webhook.secretPrefix).not.toBe(a.webhook.secretPrefix);
    // The open hosted invoice in A is voided there. (The other was paid on its hosted page, so the switch
    // finds one left.)
    expect(b.previousAccountCleanup).toEqual({
      accountId: a.accountId,
      mode: 'TEST',
      status: 'DONE',
      error: null,
      endpointDeleted: true,
      invoicesVoided: 1,
      sessionsExpired: 0,
    });
    // A's endpoint is gone at A; A's open hosted invoice can no longer be paid.
    expect((await stripeA.webhookEndpoints.list()).data.map((e) => e.id)).not.toContain(a.webhook.endpointId);
    expect((await stripeA.invoices.retrieve(linkA.stripeInvoiceId!)).status).toBe('void');
    expect(
      (await db().getRepository(AuditEvent).findBy({ orgId: o.org.id, action: 'stripe.previous_account_cleaned' }))
        .length,
    ).toBe(1);

    // One secret per account + mode is kept: A's retired, B's current.
    const secrets = await db().getRepository(StripeWebhookSecret).findBy({ orgId: o.org.id });
    expect(secrets.map((s) => [s.accountId, s.retiredAt === null]).sort()).toEqual(
      [
        [a.accountId, false],
        [b.accountId, true],
      ].sort(),
    );

    // Forged in A's name after the switch: A's secret verifies it, it is stored, it books nothing.
    const secretA = w.settle.container.secrets.open(secrets.find((s) => s.accountId === a.accountId)!.secretSealed);
    const forged = (account: string | undefined, id = `evt_forged_${uniq()}`) =>
      sessionCompleted(o.org.id, open, {
        id,
        sessionId: `cs_test_${uniq()}`,
        paymentIntent: `pi_forged_${uniq()}`,
        livemode: false,
        account,
      });
    const namingA = forged(a.accountId);
    const stored = await fetch(b.webhookUrl, {
      method: 'POST',
      headers: signedHeaders(namingA, secretA),
      body: namingA,
    });
    expect(stored.status).toBe(200);
    // The same secret naming account B is not believed at all.
    const namingB = forged(b.accountId);
    expect(
      (await fetch(b.webhookUrl, { method: 'POST', headers: signedHeaders(namingB, secretA), body: namingB })).status,
    ).toBe(400);
    const row = await processed(o.org.id, namingA, 'forged event processed');
    expect(row).toMatchObject({ accountId: a.accountId, livemode: false });
    expect(row.outcome).toMatch(/^not booked: event of Stripe account/);
    expect(
      await db()
        .getRepository(StripeEventInbox)
        .countBy({ orgId: o.org.id, eventId: JSON.parse(namingB).id }),
    ).toBe(0);
    expect(await invoiceOf(w, o.org.id, open.id)).toMatchObject({ status: 'SENT', balanceDue: open.balanceDue });
    expect(await db().getRepository(Payment).countBy({ orgId: o.org.id, invoiceId: open.id })).toBe(0);

    // Pay through B: the pay link makes a Checkout session in B, for a customer made in B.
    const pay = await fetch(`${w.settle.url}/pay/${open.publicToken}`, { redirect: 'manual' });
    expect(pay.status).toBe(303);
    const url = pay.headers.get('location')!;
    expect(url).not.toBe(linkA.hostedUrl);
    const sessionId = /cs_test_\w+/.exec(url)![0];
    const session = await stripeB.checkout.sessions.retrieve(sessionId);
    await expect(stripeA.checkout.sessions.retrieve(sessionId)).rejects.toThrow(/No such/);
    const customerB = session.customer as string;
    expect(customerB).toMatch(/^cus_/);
    expect(customerB).not.toBe(customerA);
    expect(((await stripeB.customers.retrieve(customerB)) as Stripe.Customer).metadata.settle_client_id).toBe(
      fx.client.id,
    );
    await expect(stripeB.customers.retrieve(customerA)).rejects.toThrow(/No such/);
    expect(await db().getRepository(StripeClientLink).findOneByOrFail({ clientId: fx.client.id })).toMatchObject({
      customerId: customerB,
      accountId: b.accountId,
    });
    await payAt(url);
    await waitForStatus(w, o.org.id, open.id, 'PAID');

    // The catalog is made anew in B (product and price), never reusing A's ids.
    const catalogB = await eventually(async () => {
      const l = await db().getRepository(StripeCatalogLink).findOneBy({ serviceId: fx.service.id });
      return l && l.accountId === b.accountId && l.prices.USD ? l : null;
    }, 'catalog in B');
    expect(catalogB.productId).not.toBe(catalogA.productId);
    expect((await stripeB.prices.retrieve(catalogB.prices.USD!.priceId)).product).toBe(catalogB.productId);

    // History stays readable: each payment shows the account it was taken in.
    const histA = (await w.settle.gql(PAYMENTS, { id: paidInA.id }, o.token)).data.invoice;
    expect(histA.payments).toEqual([
      expect.objectContaining({ amount: paidInA.total, stripeAccountId: a.accountId, stripeMode: 'TEST' }),
    ]);
    const histB = (await w.settle.gql(PAYMENTS, { id: open.id }, o.token)).data.invoice;
    expect(histB.payments).toEqual([
      expect.objectContaining({ amount: open.total, stripeAccountId: b.accountId, stripeMode: 'TEST' }),
    ]);
  });

  it('switching test → live keeps one secret per mode; live objects say livemode; a test event books nothing in live', async () => {
    const o = await createOrgWithOwner(w.settle);
    const suffix = uniq();
    const test = await connect(o.token, `sk_test_${suffix}`);
    const live = await connect(o.token, `sk_live_${suffix}`);
    expect(test.mode).toBe('TEST');
    expect(live.mode).toBe('LIVE');
    expect(live.previousAccountCleanup).toMatchObject({
      accountId: test.accountId,
      mode: 'TEST',
      status: 'DONE',
      endpointDeleted: true,
    });
    const secrets = await db().getRepository(StripeWebhookSecret).findBy({ orgId: o.org.id });
    expect(secrets.map((s) => s.livemode).sort()).toEqual([false, true]);
    const [sTest, sLive] = [secrets.find((s) => !s.livemode)!, secrets.find((s) => s.livemode)!];
    expect(sTest.retiredAt).not.toBeNull();
    expect(sLive.retiredAt).toBeNull();
    const open = (x: StripeWebhookSecret) => w.settle.container.secrets.open(x.secretSealed);
    expect(open(sTest)).not.toBe(open(sLive));
    // The emulator answers a live key in live mode.
    const stripeLive = sdk(`sk_live_${suffix}`);
    expect((await stripeLive.customers.create({ name: 'x' })).livemode).toBe(true);

    const fx = await billingFixture(w.settle.container, o.org.id);
    const inv = await sentToStripe({ fx });
    const evt = (livemode: boolean) =>
      sessionCompleted(o.org.id, inv, {
        id: `evt_${uniq()}`,
        sessionId: `cs_${uniq()}`,
        paymentIntent: `pi_${uniq()}`,
        livemode,
      });
    // A test-mode event, signed with the (retired) test secret: stored, not booked against live.
    const testEvt = evt(false);
    expect(
      (await fetch(live.webhookUrl, { method: 'POST', headers: signedHeaders(testEvt, open(sTest)), body: testEvt }))
        .status,
    ).toBe(200);
    // Claiming live mode with the test secret: refused.
    const claimsLive = evt(true);
    expect(
      (
        await fetch(live.webhookUrl, {
          method: 'POST',
          headers: signedHeaders(claimsLive, open(sTest)),
          body: claimsLive,
        })
      ).status,
    ).toBe(400);
    const row = await processed(o.org.id, testEvt, 'test event processed');
    expect(row.outcome).toMatch(/^not booked: .*\(test\); Settle is connected to .*\(live\)/);
    expect(await invoiceOf(w, o.org.id, inv.id)).toMatchObject({ status: 'SENT', balanceDue: inv.balanceDue });
  });

  it('when the old account cannot be reached the switch still happens and the failure is reported', async () => {
    const o = await createOrgWithOwner(w.settle);
    const keyA = `sk_test_gone${uniq()}`;
    const a = await connect(o.token, keyA);
    // The old key stops working (revoked in Stripe's dashboard, say).
    const conn = await db().query(`SELECT secret_key_sealed FROM stripe_connections WHERE org_id = $1`, [o.org.id]);
    expect(conn).toHaveLength(1);
    await db().query(`UPDATE stripe_connections SET secret_key_sealed = $2 WHERE org_id = $1`, [
      o.org.id,
      w.settle.container.secrets.seal('sk_test_revoked!'),
    ]);
    const b = await connect(o.token, `sk_test_new${uniq()}`);
    expect(b.accountId).not.toBe(a.accountId);
    expect(b.webhook.endpointId).toMatch(/^we_/);
    expect(b.previousAccountCleanup).toMatchObject({
      accountId: a.accountId,
      status: 'FAILED',
      endpointDeleted: false,
    });
    expect(b.previousAccountCleanup.error).toMatch(new RegExp(a.webhook.endpointId));
    expect((await sdk(keyA).webhookEndpoints.list()).data.map((e) => e.id)).toContain(a.webhook.endpointId);
    expect(
      await db()
        .getRepository(AuditEvent)
        .countBy({ orgId: o.org.id, action: 'stripe.previous_account_cleanup_failed' }),
    ).toBe(1);
  });
});
