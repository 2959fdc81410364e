// Test support (not a test file): the QuickBooks emulator + Settle on a fresh database, wired to each other.
import { createQuickBooksEmulator, type QuickBooksEmulator } from '@settle/quickbooks-emulator';
import { createStripeEmulator, type StripeEmulator } from '@settle/stripe-emulator';
import { control, qboClient } from '@settle/quickbooks-emulator/testing';
import { createOrgWithOwner, eventually, startTestSettle, type TestSettle } from '../../../test/harness.js';
import { billingFixture, type BillingFixture } from '../../../test/fixtures.js';
import type { Container } from '../../app/container.js';
import { closeInOrder } from '../../../test/for-file.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import type { DomainEvents } from '../../platform/events/domain-events.js';
import { OpKind, enqueueOperation } from './quickbooks-ledger.js';
import { quickBooksOf } from './quickbooks.integration.js';
import { StripeSdkApi } from '../stripe/stripe-client.js';
import { StripeFeeSource } from '../stripe/stripe-fee-source.js';
import { emulatorStripe } from '../stripe/stripe-test-kit.js';

export interface QbWorld {
  emu: QuickBooksEmulator;
  settle: TestSettle;
  close(): Promise<void>;
}

export async function startQbWorld(extraEnv: Record<string, string> = {}): Promise<QbWorld> {
  const emu = await createQuickBooksEmulator({
    port: 0,
    ratePerMinute: 100_000,
    webhook: { retryScheduleMs: [50, 100, 200] },
  });
  const settle = await startTestSettle({
    env: {
      QBO_API_URL: emu.url,
      INTUIT_CLIENT_ID: emu.credentials.clientId,
      INTUIT_CLIENT_SECRET: emu.credentials.clientSecret,
      INTUIT_WEBHOOK_VERIFIER_TOKEN: emu.credentials.webhookVerifierToken,
      INTUIT_ENVIRONMENT: 'sandbox',
      QBO_RETRY_BASE_MS: '40',
      QBO_DEFER_MS: '100',
      QBO_REQUESTS_PER_SECOND: '0',
      ...extraEnv,
    },
  });
  await control(emu, '/webhooks', {
    url: `${settle.url}/webhooks/quickbooks`,
    verifierToken: emu.credentials.webhookVerifierToken,
  });
  return { emu, settle, close: closeInOrder(settle, emu) };
}

export interface QbStripeWorld extends QbWorld {
  stripeEmu: StripeEmulator;
}

/** The QuickBooks world with the Stripe emulator beside it: Stripe the processor, QuickBooks the books. */
export async function startQbStripeWorld(): Promise<QbStripeWorld> {
  const stripeEmu = await createStripeEmulator({ port: 0, rateLimitPerSecond: 0, retryScheduleMs: [300, 1000] });
  const qb = await startQbWorld({ STRIPE_API_URL: stripeEmu.url });
  return { ...qb, stripeEmu, close: closeInOrder(qb, stripeEmu) };
}

/**
 * A Stripe emulator of its own for the Stripe fee tests (Settle is not connected to it): `stripe` pays at
 * it, and `fees` is the Stripe module's fee source reading it through the real Stripe SDK.
 */
export async function stripeFeesEmulator(keyPrefix: string) {
  const stripeEmu = await createStripeEmulator({ port: 0, rateLimitPerSecond: 0 });
  const key = `${keyPrefix}${Date.now()}`;
  const stripe = emulatorStripe(key, stripeEmu.port);
  const provider = new StripeSdkApi(key, { apiUrl: `http://127.0.0.1:${stripeEmu.port}`, maxNetworkRetries: 0 });
  return { stripeEmu, stripe, fees: new StripeFeeSource(async () => provider) };
}

/** The emulated company's Stripe Fees expense and Stripe Clearing account, mapped for the org's Stripe fees (with `more` of the mapping). */
export async function mapStripeFeeAccounts(w: QbWorld, token: string, more: Record<string, string> = {}) {
  const accounts = (await w.settle.gql(`{ quickBooksAccounts { id name } }`, {}, token)).data
    .quickBooksAccounts as Array<{ id: string; name: string }>;
  const ids = {
    feeExpenseAccountId: accounts.find((a) => a.name === 'Stripe Fees')!.id,
    feeBankAccountId: accounts.find((a) => a.name === 'Stripe Clearing')!.id,
  };
  await w.settle.gql(
    `mutation($i: QuickBooksMappingInput!) { updateQuickBooksMapping(input: $i) { status } }`,
    { i: { ...ids, ...more } },
    token,
  );
  return ids;
}

export { control };

/** Raw entities of one type in the emulator's company (incl. voided), for counting duplicates. */
export async function qbEntities(emu: QuickBooksEmulator, type: string): Promise<any[]> {
  return (await control(emu, `/entities?type=${type}`)).entities[type] ?? [];
}

/** Entities of one type whose PrivateNote mentions `text` (what Settle writes names the Stripe object it books). */
export async function qbEntitiesNoted(emu: QuickBooksEmulator, type: string, text: string): Promise<any[]> {
  return (await qbEntities(emu, type)).filter((e) => String(e.PrivateNote).includes(text));
}

/** A Stripe payout and a dispute fee as the Stripe module announces them (each in its own transaction), then booked. */
export async function stripeEntriesBooked(
  w: QbWorld,
  orgId: string,
  e: {
    payout?: DomainEvents['stripe.payout-paid']['payout'];
    dispute?: DomainEvents['stripe.dispute-fee']['dispute'];
  },
): Promise<void> {
  const c = w.settle.container;
  const { payout, dispute } = e;
  if (payout) await c.db.transaction((tx) => c.events.emit(tx, 'stripe.payout-paid', { orgId, payout }));
  if (dispute) await c.db.transaction((tx) => c.events.emit(tx, 'stripe.dispute-fee', { orgId, dispute }));
  await settled(w, orgId);
}

/** Settle's consent URL → the consent page (realm `realmId`) → the callback URL Intuit sends the browser back to. */
export async function quickBooksConsent(
  w: Pick<QbWorld, 'emu' | 'settle'>,
  token: string,
  realmId = w.emu.credentials.realmId,
): Promise<string> {
  const r = await w.settle.gql<{ quickBooksAuthorizeUrl: string }>(`{ quickBooksAuthorizeUrl }`, {}, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  const authorize = new URL(r.data.quickBooksAuthorizeUrl);
  const consent = await fetch(`${w.emu.url}/connect/oauth2/consent`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: authorize.searchParams.get('client_id')!,
      redirect_uri: authorize.searchParams.get('redirect_uri')!,
      scope: authorize.searchParams.get('scope')!,
      state: authorize.searchParams.get('state')!,
      realmId,
      decision: 'connect',
    }).toString(),
  });
  return consent.headers.get('location')!;
}

/** The whole OAuth round trip as a browser would do it: Settle's URL → consent page → Settle's callback. */
export async function connectViaOAuth(w: Pick<QbWorld, 'emu' | 'settle'>, token: string): Promise<string> {
  const callback = await quickBooksConsent(w, token);
  // Intuit redirects the same browser back: it carries the session that started the flow.
  const done = await fetch(callback, {
    redirect: 'manual',
    headers: { cookie: `settle_session=${encodeURIComponent(token)}` },
  });
  return done.headers.get('location')!;
}

/** An org connected to the emulator's company through OAuth. */
export async function connectedOrg(w: QbWorld) {
  const o = await createOrgWithOwner(w.settle);
  const landing = await connectViaOAuth(w, o.token);
  if (!landing.includes('quickbooks=connected')) throw new Error(`connect failed: ${landing}`);
  return o;
}

let prefixSeq = 0;

/** A connected org with an invoice prefix of its own: test orgs share one emulated company, where DocNumbers are unique. */
export async function bookingOrg(w: QbWorld) {
  const o = await connectedOrg(w);
  await w.settle.container.db.query(`UPDATE organizations SET invoice_prefix = $2 WHERE id = $1`, [
    o.org.id,
    `T${++prefixSeq}-`,
  ]);
  return o;
}

/** Waits until the org has no pending QuickBooks operation. */
export async function settled(w: QbWorld, orgId: string, timeoutMs = 15_000): Promise<void> {
  await eventually(
    async () => {
      const [row] = await w.settle.container.db.query(
        `SELECT count(*)::int AS n FROM qbo_operations WHERE org_id = $1 AND status = 'PENDING'`,
        [orgId],
      );
      return row.n === 0;
    },
    'QuickBooks operations to finish',
    timeoutMs,
  );
}

export async function operations(w: QbWorld, orgId: string): Promise<any[]> {
  return w.settle.container.db.query(`SELECT * FROM qbo_operations WHERE org_id = $1 ORDER BY created_at`, [orgId]);
}

/** Operations in the order they ran (those queued together share their created_at). */
export async function ranInOrder(w: QbWorld, orgId: string): Promise<any[]> {
  return (await operations(w, orgId)).sort((x, y) => x.completed_at.getTime() - y.completed_at.getTime());
}

/**
 * Runs an operation again (a version 2), as a replayed job would. `forgetLink` also drops its ledger
 * row, so only QuickBooks' requestid replay stands between it and a second entity.
 */
export async function runAgain(w: QbWorld, orgId: string, kind: OpKind, entityId: string, forgetLink?: string) {
  const db = w.settle.container.db;
  if (forgetLink)
    await db.query(`DELETE FROM qbo_links WHERE org_id = $1 AND settle_type = $2 AND settle_id = $3`, [
      orgId,
      forgetLink,
      entityId,
    ]);
  await db.transaction((tx) => enqueueOperation(tx, orgId, kind, entityId, { version: 2 }));
}

/** A DRAFT for `minutes` of newly approved time of the fixture's client (November 2026). */
async function draftOf(c: Container, orgId: string, f: BillingFixture, minutes: number) {
  await f.approvedEntry(minutes);
  const gen = await c.generation.generate(orgId, SYSTEM_ACTOR, {
    clientIds: [f.client.id],
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
  });
  return gen.invoices[0]!;
}

/** An invoice for an hour of approved time at `catalogPrice`, sent to `destinations`. */
export async function hourInvoice(w: QbWorld, orgId: string, catalogPrice: number, destinations: string[]) {
  const c = w.settle.container;
  const f = await billingFixture(c, orgId, { catalogPrice });
  return c.invoices.send(orgId, SYSTEM_ACTOR, (await draftOf(c, orgId, f, 60)).id, { destinations });
}

/**
 * A booking org (bookingOrg) with billing data at `catalogPrice` an hour: `draft(minutes)` generates a
 * DRAFT for that much approved time, `sentToQb(minutes)` one sent by email and to QuickBooks.
 */
export async function bookingSetup(w: QbWorld, catalogPrice: number) {
  const o = await bookingOrg(w);
  const c = w.settle.container;
  const f = await billingFixture(c, o.org.id, { catalogPrice });
  const draft = (minutes = 60) => draftOf(c, o.org.id, f, minutes);
  const sentToQb = async (minutes = 60) =>
    c.invoices.send(o.org.id, SYSTEM_ACTOR, (await draft(minutes)).id, { destinations: ['EMAIL', 'QUICKBOOKS'] });
  return { ...o, c, f, draft, sentToQb };
}

export async function qbIdOf(w: QbWorld, orgId: string, settleType: string, settleId: string): Promise<string | null> {
  const [row] = await w.settle.container.db.query(
    `SELECT qb_id FROM qbo_links WHERE org_id = $1 AND settle_type = $2 AND settle_id = $3`,
    [orgId, settleType, settleId],
  );
  return row?.qb_id ?? null;
}

/**
 * A connected org with an invoice for `minutes` of time at 100.00 an hour, sent to QuickBooks and
 * pushed there; with its QuickBooks id and Pay Now link. Each org gets its own invoice prefix, since
 * the orgs of a file share the emulator's company.
 */
export async function invoiceInQuickBooks(w: QbWorld, minutes = 60) {
  const o = await connectedOrg(w);
  const c = w.settle.container;
  await c.db.query(`UPDATE organizations SET invoice_prefix = $2 WHERE id = $1`, [o.org.id, `IN${++prefixSeq}-`]);
  const f = await billingFixture(c, o.org.id, { catalogPrice: 10000 });
  const draft = await draftOf(c, o.org.id, f, minutes);
  const invoice = await c.invoices.send(o.org.id, SYSTEM_ACTOR, draft.id, { destinations: ['QUICKBOOKS'] });
  await settled(w, o.org.id);
  const qbId = (await qbIdOf(w, o.org.id, 'INVOICE', invoice.id))!;
  const qbo = await directClient(w.emu);
  const link = (await call<any>((cb) => qbo.getInvoice(qbId, cb))).InvoiceLink as string;
  return { ...o, fixture: f, invoice, qbId, link, qbo };
}

/**
 * A discount of `amount` in Settle that QuickBooks does not know: it reaches QuickBooks applied to the
 * invoice, and a bookkeeper takes it off there (voids its application), so QuickBooks still asks for it all.
 */
export async function discountTakenOffInQuickBooks(
  w: QbWorld,
  s: Awaited<ReturnType<typeof invoiceInQuickBooks>>,
  amount = 4000,
) {
  const { creditMemo } = await w.settle.container.settlement.issueCreditMemo(s.org.id, SYSTEM_ACTOR, {
    invoiceId: s.invoice.id,
    amount,
    reason: 'Discount',
  });
  await settled(w, s.org.id);
  const appliedId = (await qbIdOf(w, s.org.id, 'CREDIT_APPLICATION', creditMemo.id))!;
  const applied = await call<any>((cb) => s.qbo.getPayment(appliedId, cb));
  await call((cb) => s.qbo.voidPayment({ Id: applied.Id, SyncToken: applied.SyncToken }, cb));
  return creditMemo;
}

/** The org's QuickBooks exceptions (`fields` of each) as its owner reads them through the API. */
export async function qbExceptionsVia(w: QbWorld, token: string, fields = 'kind message'): Promise<any[]> {
  return (await w.settle.gql(`{ quickBooksExceptions {nodes{ ${fields} }} }`, {}, token)).data.quickBooksExceptions
    .nodes;
}

/** Waits until the org has QuickBooks exceptions (`what` raises them), then reads them as qbExceptionsVia does. */
export const raisedQbExceptions = (w: QbWorld, token: string, what: string, fields?: string): Promise<any[]> =>
  eventually(async () => {
    const list = await qbExceptionsVia(w, token, fields);
    return list.length > 0 && list;
  }, what);

/** A bookkeeper edits the QuickBooks Payment `paymentId` there to `dollars`, all applied to `qbInvoiceId`. */
export async function editQbPaymentAmount(qbo: any, paymentId: string, qbInvoiceId: string, dollars: number) {
  const now = await call<any>((cb) => qbo.getPayment(paymentId, cb));
  await call((cb) =>
    qbo.updatePayment(
      {
        Id: now.Id,
        SyncToken: now.SyncToken,
        sparse: true,
        TotalAmt: dollars,
        Line: [{ Amount: dollars, LinkedTxn: [{ TxnId: qbInvoiceId, TxnType: 'Invoice' }] }],
      },
      cb,
    ),
  );
}

/** A real node-quickbooks client on the emulator's bootstrap tokens (for changing things "in QuickBooks"). */
export async function directClient(emu: QuickBooksEmulator): Promise<any> {
  return qboClient(emu, await control(emu, '/credentials'));
}

export function call<T = any>(fn: (cb: (err: any, data: any) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, data) => (err ? reject(err) : resolve(data))));
}

export { quickBooksOf };

/** Multicurrency on in the emulated company, as an accountant does in QuickBooks (it cannot be undone). */
export async function turnOnMulticurrency(emu: QuickBooksEmulator): Promise<void> {
  const qbo = await directClient(emu);
  const prefs = await call<any>((cb) => qbo.getPreferences(cb));
  if (prefs.CurrencyPrefs?.MultiCurrencyEnabled) return;
  await call((cb) =>
    qbo.updatePreferences(
      { Id: prefs.Id, SyncToken: prefs.SyncToken, CurrencyPrefs: { MultiCurrencyEnabled: true } },
      cb,
    ),
  );
}

/** A sales tax code with one rate, made in QuickBooks through its TaxService; returns the code's id. */
export async function createTaxCode(emu: QuickBooksEmulator, name: string, ratePercent: number): Promise<string> {
  const qbo = await directClient(emu);
  const made = await call<any>((cb) =>
    qbo.createTaxService(
      { TaxCode: name, TaxRateDetails: [{ TaxRateName: name, RateValue: ratePercent, TaxAgencyId: '1' }] },
      cb,
    ),
  );
  return String(made.TaxCodeId);
}

/** A DRAFT with hand-written lines (`[unitPrice, taxRateBps]`, quantity 1), sent to QuickBooks. */
export async function sendLinesToQb(w: QbWorld, orgId: string, clientId: string, lines: Array<[number, number]>) {
  const c = w.settle.container;
  const draft = await c.invoices.createDraft(orgId, SYSTEM_ACTOR, {
    clientId,
    lines: lines.map(([unitPrice, taxRateBps], i) => ({
      kind: 'MANUAL' as const,
      description: `Line ${i + 1}`,
      serviceId: null,
      quantity: '1',
      unitPrice,
      discount: 0,
      taxRateBps,
    })),
  });
  return c.invoices.send(orgId, SYSTEM_ACTOR, draft.id, { destinations: ['QUICKBOOKS'] });
}

/** Pays the QuickBooks invoice's balance (or `amount`) on its Pay Now page, by card. */
export async function payNow(link: string, amount?: number) {
  const fields: Record<string, string> = {
    method: 'card',
    cardName: 'Nora P',
    cardNumber: '4242424242424242',
    cardExpiry: '12/30',
    cardCvc: '123',
  };
  if (amount !== undefined) fields.amount = String(amount);
  const res = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(fields).toString(),
  });
  return {
    status: res.status,
    body: (await res.json().catch(() => null)) as { paymentId?: string; balance?: number } | null,
  };
}
