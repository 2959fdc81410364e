// Test support (not a test file): Settle with the Stripe and QuickBooks emulators, an org connected to
// both, and invoices that have every kind of live payment artifact (hosted Stripe invoice, Checkout
// session, /pay link, QuickBooks invoice with its Pay Now link).
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import type { QuickBooksEmulator } from '@settle/quickbooks-emulator';
import { control as qbControl } from '@settle/quickbooks-emulator/testing';
import { createStripeEmulator, type StripeEmulator } from '@settle/stripe-emulator';
import { createOrgWithOwner, eventually, type TestSettle } from '../../../test/harness.js';
import { control as stripeControl } from '@settle/stripe-emulator/testing';
import { billingFixture } from '../../../test/fixtures.js';
import { closeInOrder, forFile } from '../../../test/for-file.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { StripeCheckoutSession, StripeInvoiceLink } from './stripe-links.entity.js';
import { connectViaOAuth, startQbWorld } from '../quickbooks/quickbooks.test-support.js';
import { emulatorStripe } from './stripe-test-kit.js';

/**
 * An HTTP proxy in front of the Stripe emulator. `hold(match)` parks the next matching request until
 * the returned `release()` is called, so a test can act while Settle waits on Stripe.
 */
export interface StripeProxy {
  url: string;
  hold(match: (method: string, path: string) => boolean): { arrived: Promise<void>; release: () => void };
  /** Until `stop()`, matching requests get a 400 error from "Stripe" (an outage the SDK does not retry). */
  fail(match: (method: string, path: string) => boolean): { stop: () => void };
  /**
   * The next matching request reaches Stripe but its answer is lost (the connection drops), and the SDK's
   * `retries` retries of it are dropped unanswered: to the caller, Stripe never answered.
   */
  loseAnswer(match: (method: string, path: string) => boolean, retries: number): void;
  close(): Promise<void>;
}

export async function startStripeProxy(target: string): Promise<StripeProxy> {
  const holds: Array<{ match: (m: string, p: string) => boolean; arrive: () => void; released: Promise<void> }> = [];
  const failures = new Set<(m: string, p: string) => boolean>();
  const losses: Array<{ match: (m: string, p: string) => boolean; forward: boolean }> = [];
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    const relay = async () => {
      if ([...failures].some((f) => f(req.method ?? '', req.url ?? ''))) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { type: 'api_error', message: 'Injected outage' } }));
        return;
      }
      const lost = losses.findIndex((l) => l.match(req.method ?? '', req.url ?? ''));
      const loss = lost >= 0 ? losses.splice(lost, 1)[0] : undefined;
      if (loss && !loss.forward) return void res.socket?.destroy();
      const i = holds.findIndex((h) => h.match(req.method ?? '', req.url ?? ''));
      if (i >= 0) {
        const [h] = holds.splice(i, 1);
        h!.arrive();
        await h!.released;
      }
      const out = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (up) => {
          if (loss) return void up.resume().on('end', () => res.socket?.destroy());
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      out.end(Buffer.concat(chunks));
    };
    // `released` never rejects, so the relay's promise has nothing to report.
    req.on('end', () => void relay());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hold(match) {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((r) => (arrive = r));
      const released = new Promise<void>((r) => (release = r));
      holds.push({ match, arrive, released });
      return { arrived, release };
    },
    fail(match) {
      failures.add(match);
      return { stop: () => failures.delete(match) };
    },
    loseAnswer(match, retries) {
      losses.push({ match, forward: true }, ...Array.from({ length: retries }, () => ({ match, forward: false })));
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface BothWorld {
  stripeEmu: StripeEmulator;
  proxy: StripeProxy;
  qbEmu: QuickBooksEmulator;
  settle: TestSettle;
  close(): Promise<void>;
}

/** Settle talking to Stripe (through the proxy) and QuickBooks emulators, worker on. */
export async function startBothWorld(): Promise<BothWorld> {
  const stripeEmu = await createStripeEmulator({
    port: 0,
    rateLimitPerSecond: 0,
    retryScheduleMs: [300, 1000],
    asyncPaymentDelayMs: 600_000,
  });
  const proxy = await startStripeProxy(stripeEmu.url);
  const { emu: qbEmu, settle } = await startQbWorld({ STRIPE_API_URL: proxy.url });
  return {
    stripeEmu,
    proxy,
    qbEmu,
    settle,
    close: closeInOrder(settle, proxy, stripeEmu, qbEmu),
  };
}

/** That world, started before this file's tests and closed after them. */
export const bothWorldForFile = (): BothWorld => forFile(startBothWorld, 'Stripe and QuickBooks');

async function gqlOk(w: BothWorld, query: string, variables: Record<string, unknown>, token: string): Promise<any> {
  const r = await w.settle.gql(query, variables, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

let prefixSeq = 0;

/** An org connected to Stripe (hosted invoices by default) and, optionally, QuickBooks with Pay Now on. */
export async function connectedOrg(
  w: BothWorld,
  opts: { quickbooks?: boolean; sendVia?: 'HOSTED_INVOICE' | 'CHECKOUT' } = {},
) {
  const o = await createOrgWithOwner(w.settle);
  const key = `sk_test_${o.org.id.replace(/-/g, '')}`;
  await gqlOk(
    w,
    `mutation($sk:String!,$pk:String){connectStripe(secretKey:$sk,publishableKey:$pk){accountId}}`,
    { sk: key, pk: key.replace('sk_', 'pk_') },
    o.token,
  );
  await gqlOk(
    w,
    `mutation($v: StripeSendVia!) { updatePaymentSettings(input: {sendVia: $v}) { sendVia } }`,
    { v: opts.sendVia ?? 'HOSTED_INVOICE' },
    o.token,
  );
  if (opts.quickbooks) {
    // Orgs share the emulator's one QuickBooks company, where a DocNumber must be unique.
    await w.settle.container.db.query(`UPDATE organizations SET invoice_prefix = $2 WHERE id = $1`, [
      o.org.id,
      `Q${++prefixSeq}-`,
    ]);
    const landed = await connectViaOAuth({ emu: w.qbEmu, settle: w.settle }, o.token);
    if (!landed?.includes('quickbooks=connected')) throw new Error('QuickBooks connection failed');
    // With Stripe connected QuickBooks online payments start off; this org takes them in both places.
    await gqlOk(
      w,
      `mutation { updateQuickBooksMapping(input: {payNowEnabled: true, cardEnabled: true}) { mapping { payNowEnabled } } }`,
      {},
      o.token,
    );
  }
  const stripe = emulatorStripe(key, w.stripeEmu.port);
  const fx = await billingFixture(w.settle.container, o.org.id, { catalogPrice: 10000 });
  return { ...o, key, stripe, fx, quickbooks: !!opts.quickbooks, sendVia: opts.sendVia ?? 'HOSTED_INVOICE' };
}
export type Org = Awaited<ReturnType<typeof connectedOrg>>;

const START = `mutation($id: ID!, $amount: Money) { startInvoicePayment(invoiceId: $id, amount: $amount) { url expiresAt } }`;

/** Starts a Checkout session through the API; returns the session at Stripe. */
export async function startSession(
  w: BothWorld,
  o: Org,
  invoiceId: string,
  amount?: number,
): Promise<Stripe.Checkout.Session> {
  const d = await gqlOk(w, START, { id: invoiceId, amount: amount ?? null }, o.token);
  const id = /\/(cs_test_[A-Za-z0-9]+)/.exec(d.startInvoicePayment.url)?.[1];
  if (!id) throw new Error(`no session id in ${d.startInvoicePayment.url}`);
  return o.stripe.checkout.sessions.retrieve(id);
}

/**
 * A Checkout session live beside the invoice's hosted Stripe invoice: Pay pressed while the send job was
 * still making the hosted invoice (once one is recorded, a start offers it instead of a session).
 */
export async function sessionBesideHosted(w: BothWorld, o: Org, invoiceId: string): Promise<Stripe.Checkout.Session> {
  const links = w.settle.container.db.getRepository(StripeInvoiceLink);
  const link = await links.findOneByOrFail({ invoiceId });
  await links.update({ invoiceId }, { stripeInvoiceId: null, hostedUrl: null, stripeAmount: null });
  try {
    return await startSession(w, o, invoiceId);
  } finally {
    await links.update(
      { invoiceId },
      { stripeInvoiceId: link.stripeInvoiceId, hostedUrl: link.hostedUrl, stripeAmount: link.stripeAmount },
    );
  }
}

export const startPaymentRaw = (w: BothWorld, o: Org, invoiceId: string, amount?: number) =>
  w.settle.gql(START, { id: invoiceId, amount: amount ?? null }, o.token);

/** A SENT invoice of 100.00 (`minutes` at 100.00/h) sent to Stripe (and QuickBooks), with its hosted invoice made (hosted orgs; '' otherwise). */
export async function sentEverywhere(w: BothWorld, o: Org, minutes = 60) {
  const c = w.settle.container;
  const destinations = ['EMAIL', 'STRIPE', ...(o.quickbooks ? ['QUICKBOOKS'] : [])];
  const invoice = await o.fx.sentInvoice(minutes, { destinations });
  const stripeInvoiceId =
    o.sendVia === 'HOSTED_INVOICE'
      ? await eventually(
          async () =>
            (await c.db.getRepository(StripeInvoiceLink).findOneBy({ invoiceId: invoice.id }))?.stripeInvoiceId ?? null,
          'the hosted Stripe invoice',
        )
      : await eventually(
          async () =>
            (await c.db.getRepository(StripeInvoiceLink).findOneBy({ invoiceId: invoice.id })) ? 'sent' : null,
          'the Stripe send job',
        ).then(() => '');
  const qbInvoiceId = o.quickbooks
    ? await eventually(async () => (await qbLinkOf(w, o.org.id, invoice.id)) ?? null, 'the QuickBooks invoice', 15_000)
    : null;
  return { invoice, stripeInvoiceId, qbInvoiceId };
}

async function qbLinkOf(w: BothWorld, orgId: string, invoiceId: string): Promise<string | null> {
  const [row] = await w.settle.container.db.query(
    `SELECT qb_id FROM qbo_links WHERE org_id = $1 AND settle_type = 'INVOICE' AND settle_id = $2`,
    [orgId, invoiceId],
  );
  return row?.qb_id ?? null;
}

/** The QuickBooks invoice as the emulator holds it (incl. voided), and its Pay Now link. */
export async function qbInvoice(w: BothWorld, qbId: string): Promise<any> {
  const all = (await qbControl(w.qbEmu, '/entities?type=Invoice')).entities.Invoice ?? [];
  return all.find((i: any) => String(i.Id) === qbId);
}

/** What the QuickBooks Pay Now page shows for the link, without paying (404 once it takes no payment). */
export async function qbPayNowPageStatus(payLink: string): Promise<number> {
  return (await fetch(payLink, { headers: { accept: 'application/json' } })).status;
}

/** What the QuickBooks Pay Now page answers to a card payment on the link (it pays while the link is open). */
export async function qbPayNowStatus(payLink: string): Promise<number> {
  const res = await fetch(payLink, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      method: 'card',
      cardName: 'Nora P',
      cardNumber: '4242424242424242',
      cardExpiry: '12/30',
      cardCvc: '123',
    }).toString(),
  });
  return res.status;
}

/** Pays a Checkout session on the emulator's hosted page (as the client's browser would). */
export async function payCheckout(url: string, fields: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ card_number: '4242 4242 4242 4242', ...fields }).toString(),
  });
}

/** Pays a hosted Stripe invoice on the emulator's page. */
export const payHosted = (w: BothWorld, stripeInvoiceId: string) =>
  payHostedPage(`${w.stripeEmu.url}/hosted/invoices/${stripeInvoiceId}`);

/** Pays by card on the hosted invoice page at `hostedUrl` (the invoice's `hosted_invoice_url`). */
export async function payHostedPage(hostedUrl: string): Promise<Response> {
  return fetch(`${hostedUrl}/pay`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ payment_method_type: 'card', card_number: '4242424242424242' }).toString(),
  });
}

export async function payLinkStatus(w: BothWorld, invoice: Invoice): Promise<number> {
  return (await fetch(`${w.settle.url}/pay/${invoice.publicToken}`, { redirect: 'manual' })).status;
}

export async function sessionsOf(w: BothWorld, invoiceId: string): Promise<StripeCheckoutSession[]> {
  return w.settle.container.db
    .getRepository(StripeCheckoutSession)
    .find({ where: { invoiceId }, order: { createdAt: 'ASC' } });
}

/** The QuickBooks side of the world, for the QuickBooks test helpers (settled, qbIdOf…). */
export const qbSideOf = (w: BothWorld) => ({ emu: w.qbEmu, settle: w.settle, close: async () => {} });

/**
 * Maps the org's QuickBooks accounts for Stripe money: the "Stripe Clearing" bank (payments in; fees,
 * refunds and payouts out; with `undeposited`, Undeposited Funds instead), the "Stripe Fees" expense and
 * the "Checking" bank payouts reach. Returns the company's accounts by name.
 */
export async function mapStripeClearing(
  w: BothWorld,
  o: Org,
  opts: { undeposited?: boolean } = {},
): Promise<Record<string, string>> {
  const refs = await gqlOk(w, `{ quickBooksAccounts { id name } }`, {}, o.token);
  const accounts = Object.fromEntries(
    (refs.quickBooksAccounts as Array<{ id: string; name: string }>).map((a) => [a.name, a.id]),
  );
  const mapped = await gqlOk(
    w,
    `mutation($i: QuickBooksMappingInput!) { updateQuickBooksMapping(input: $i) { mapping { payoutDepositsEnabled } } }`,
    {
      i: {
        feeExpenseAccountId: accounts['Stripe Fees'],
        payoutBankAccountId: accounts.Checking,
        ...(opts.undeposited
          ? { stripeDepositTo: 'UNDEPOSITED_FUNDS' }
          : { feeBankAccountId: accounts['Stripe Clearing'] }),
      },
    },
    o.token,
  );
  if (!mapped.updateQuickBooksMapping.mapping.payoutDepositsEnabled) throw new Error('payout deposits stayed off');
  return accounts;
}

/** Runs the org's Stripe payout schedule now (the emulator's control API); returns the payouts made. */
export async function runStripePayouts(w: BothWorld, o: Org): Promise<Stripe.Payout[]> {
  const { account } = await stripeControl<{ account: string }>(w.stripeEmu, `/keys?secret_key=${o.key}`);
  return (await stripeControl<{ data: Stripe.Payout[] }>(w.stripeEmu, '/payouts/run', { account })).data;
}

/** An invoice of 100.00 sent everywhere and paid by card on its hosted Stripe page; resolves once Settle has it PAID. */
export async function paidOnHostedPage(w: BothWorld, o: Org) {
  const sent = await sentEverywhere(w, o);
  const res = await payHosted(w, sent.stripeInvoiceId);
  if (res.status >= 400) throw new Error(`the hosted page answered ${res.status}`);
  await eventually(async () => {
    const [row] = await w.settle.container.db.query(`SELECT status FROM invoices WHERE id = $1`, [sent.invoice.id]);
    return row?.status === 'PAID';
  }, 'the Stripe payment to settle the invoice');
  return sent;
}
