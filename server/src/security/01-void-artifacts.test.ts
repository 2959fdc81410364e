import { describe, expect, it } from 'vitest';
import { forFile } from '../../test/for-file.js';
import { eventually } from '../../test/harness.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { ok } from '../../test/api.js';
import { Payment, PaymentSource } from '../modules/payments/payment.entity.js';
import { StripeInvoiceLink } from '../modules/stripe/stripe-links.entity.js';
import { call, directClient } from '../modules/quickbooks/quickbooks.test-support.js';
import {
  connectedOrg,
  payCheckout,
  payHosted,
  payLinkStatus,
  qbInvoice,
  qbPayNowPageStatus,
  qbPayNowStatus,
  sentEverywhere,
  sessionBesideHosted,
  startBothWorld,
  type Org,
} from '../modules/stripe/payment-artifacts.test-support.js';

/**
 * Security suite, point 1: a voided invoice cannot be paid anywhere. Voiding, marking uncollectible and
 * a credit memo that zeroes the balance each close every live payment artifact: the hosted Stripe
 * invoice (voided at Stripe), open Checkout sessions (expired at Stripe), the /pay link (refuses) and the
 * QuickBooks invoice (voided, or its Pay Now link turned off). Checked through the real SDKs against the
 * emulators, then by trying to pay each artifact as a client would.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const w = forFile(() => startBothWorld());

/** An invoice with every artifact live: hosted Stripe invoice, an open Checkout session, a QuickBooks Pay Now link. */
async function invoiceWithEverything(o: Org) {
  const sent = await sentEverywhere(w, o);
  const session = await sessionBesideHosted(w, o, sent.invoice.id);
  expect(session.status).toBe('open');
  expect((await o.stripe.invoices.retrieve(sent.stripeInvoiceId)).status).toBe('open');
  const qbClient = await directClient(w.qbEmu);
  const qb = await call<any>((cb) => qbClient.getInvoice(sent.qbInvoiceId!, cb));
  expect(qb.InvoiceLink).toBeTruthy();
  expect(await payLinkStatus(w, sent.invoice)).toBe(303);
  return { ...sent, session, payNowLink: qb.InvoiceLink as string };
}

/** Every way the client could pay is closed, and no money was recorded. */
async function nothingPayable(o: Org, a: Awaited<ReturnType<typeof invoiceWithEverything>>, payLinkAnswer: number) {
  await eventually(
    async () => (await o.stripe.invoices.retrieve(a.stripeInvoiceId)).status === 'void',
    'the Stripe invoice to be voided at Stripe',
  );
  await eventually(
    async () => (await o.stripe.checkout.sessions.retrieve(a.session.id)).status === 'expired',
    'the Checkout session to be expired at Stripe',
  );
  expect((await payHosted(w, a.stripeInvoiceId)).status).toBeGreaterThanOrEqual(400);
  expect((await payCheckout(a.session.url!)).status).toBeGreaterThanOrEqual(400);
  expect(await payLinkStatus(w, a.invoice)).toBe(payLinkAnswer);
  // Watched without paying (a payment tried while QuickBooks still showed the link open would go through),
  // then tried once the page says the link is closed.
  await eventually(
    async () => (await qbPayNowPageStatus(a.payNowLink)) === 404,
    'the QuickBooks Pay Now link to close',
    15_000,
  );
  expect(await qbPayNowStatus(a.payNowLink)).toBe(404);
  const payments = await w.settle.container.db
    .getRepository(Payment)
    .findBy({ orgId: o.org.id, invoiceId: a.invoice.id, source: PaymentSource.STRIPE });
  expect(payments).toHaveLength(0);
}

describe('point 1: a dead invoice cannot be paid anywhere', () => {
  it('void: Stripe invoice voided, Checkout session expired, /pay refuses, QuickBooks invoice voided', async () => {
    const o = await connectedOrg(w, { quickbooks: true });
    const a = await invoiceWithEverything(o);
    ok(await w.settle.gql(`mutation($id:ID!){voidInvoice(id:$id){status}}`, { id: a.invoice.id }, o.token));
    await nothingPayable(o, a, 410);
    const qb = await eventually(
      async () => ((await qbInvoice(w, a.qbInvoiceId!))?.__voided ? qbInvoice(w, a.qbInvoiceId!) : null),
      'the QuickBooks invoice to be voided',
    );
    expect(qb).toMatchObject({ __voided: true, Balance: 0 });
  });

  it('uncollectible: Stripe invoice voided (Stripe still takes money on uncollectible), session expired, /pay refuses, QuickBooks Pay Now off', async () => {
    const o = await connectedOrg(w, { quickbooks: true });
    const a = await invoiceWithEverything(o);
    ok(
      await w.settle.gql(`mutation($id:ID!){markInvoiceUncollectible(id:$id){status}}`, { id: a.invoice.id }, o.token),
    );
    await nothingPayable(o, a, 410);
    // The receivable stays in the books: not voided, only no longer payable online.
    const qb = await qbInvoice(w, a.qbInvoiceId!);
    expect(qb).toMatchObject({
      __voided: false,
      Balance: 100,
      AllowOnlineCreditCardPayment: false,
      AllowOnlineACHPayment: false,
    });
  });

  it('a credit memo that zeroes the balance: Stripe invoice voided, session expired, /pay says nothing is due, QuickBooks Pay Now off', async () => {
    const o = await connectedOrg(w, { quickbooks: true });
    const a = await invoiceWithEverything(o);
    const r = ok(
      await w.settle.gql(
        `mutation($i:IssueCreditMemoInput!){issueCreditMemo(input:$i){invoice{status balanceDue}}}`,
        { i: { invoiceId: a.invoice.id, amount: a.invoice.balanceDue, reason: 'Goodwill' } },
        o.token,
      ),
    );
    expect(r.issueCreditMemo.invoice).toEqual({ status: 'PAID', balanceDue: 0 });
    await nothingPayable(o, a, 200);
    const qb = await qbInvoice(w, a.qbInvoiceId!);
    expect(qb).toMatchObject({ AllowOnlineCreditCardPayment: false, AllowOnlineACHPayment: false });
  });

  it('a credit memo that leaves a balance: the old session and Stripe invoice go, a new Stripe invoice asks for the rest', async () => {
    const o = await connectedOrg(w);
    const a = await sentEverywhere(w, o);
    const session = await sessionBesideHosted(w, o, a.invoice.id);
    ok(
      await w.settle.gql(
        `mutation($i:IssueCreditMemoInput!){issueCreditMemo(input:$i){invoice{status}}}`,
        { i: { invoiceId: a.invoice.id, amount: 4000, reason: 'Discount' } },
        o.token,
      ),
    );
    await eventually(
      async () => (await o.stripe.invoices.retrieve(a.stripeInvoiceId)).status === 'void',
      'the old Stripe invoice to be voided',
    );
    await eventually(
      async () => (await o.stripe.checkout.sessions.retrieve(session.id)).status === 'expired',
      'the old session to be expired',
    );
    const link = await eventually(async () => {
      const l = await w.settle.container.db.getRepository(StripeInvoiceLink).findOneBy({ invoiceId: a.invoice.id });
      return l?.stripeInvoiceId && l.stripeInvoiceId !== a.stripeInvoiceId ? l : null;
    }, 'the reissued Stripe invoice');
    expect(await o.stripe.invoices.retrieve(link.stripeInvoiceId!)).toMatchObject({ status: 'open', amount_due: 6000 });
  });

  it('void while the hosted Stripe invoice is still being made: it is voided at Stripe once it exists', async () => {
    const o = await connectedOrg(w);
    const c = w.settle.container;
    await o.fx.approvedEntry(60);
    const gen = await c.generation.generate(o.org.id, SYSTEM_ACTOR, {
      clientIds: [o.fx.client.id],
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
    });
    // The send job's last call to Stripe waits while the invoice is voided in Settle.
    const held = w.proxy.hold((m, p) => m === 'POST' && /^\/v1\/invoices\/in_[^/]+\/send/.test(p));
    const invoice = await c.invoices.send(o.org.id, SYSTEM_ACTOR, gen.invoices[0]!.id, {
      destinations: ['EMAIL', 'STRIPE'],
    });
    await held.arrived;
    ok(await w.settle.gql(`mutation($id:ID!){voidInvoice(id:$id){status}}`, { id: invoice.id }, o.token));
    await sleep(300); // the void's own sync job ran before the Stripe invoice was recorded
    held.release();
    const made = await eventually(
      async () => (await o.stripe.invoices.list({ limit: 5 })).data[0],
      'the Stripe invoice',
    );
    await eventually(
      async () => (await o.stripe.invoices.retrieve(made.id)).status === 'void',
      'the late Stripe invoice to be voided',
    );
    expect((await payHosted(w, made.id)).status).toBeGreaterThanOrEqual(400);
    expect(await payLinkStatus(w, invoice)).toBe(410);
  });
});
