import Stripe from 'stripe';
import { createStripeEmulator, type StripeEmulator } from '@settle/stripe-emulator';
import { createOrgWithOwner, eventually, startTestSettle, type TestSettle } from '../../../test/harness.js';
import { closeInOrder, forFile } from '../../../test/for-file.js';
import { billingFixture, type BillingFixture } from '../../../test/fixtures.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { Payment } from '../payments/payment.entity.js';
import { StripeConnection } from './stripe-connection.entity.js';
import { StripeEventInbox } from './stripe-event-inbox.entity.js';
import { stripeOf } from './stripe.integration.js';
import { postForm } from '@settle/stripe-emulator/testing';

/** Test support (not a test file): emulator + Settle pointed at it + a connected org. */
export interface StripeWorld {
  emu: StripeEmulator;
  settle: TestSettle;
  close(): Promise<void>;
}

/**
 * `rateLimitPerSecond` throttles each account at the emulator (0: unlimited); `worker: false` starts
 * Settle without its job worker; `schedules: true` turns its cron schedules on (off in tests: see startTestSettle).
 */
export async function startStripeWorld(
  opts: {
    env?: Record<string, string>;
    retryScheduleMs?: number[];
    rateLimitPerSecond?: number;
    worker?: boolean;
    schedules?: boolean;
  } = {},
): Promise<StripeWorld> {
  const emu = await createStripeEmulator({
    port: 0,
    rateLimitPerSecond: opts.rateLimitPerSecond ?? 0,
    retryScheduleMs: opts.retryScheduleMs ?? [300, 1000],
    asyncPaymentDelayMs: 600_000,
    // Refunds that change later do so when a test says (POST /__emulator/refunds/advance).
    asyncRefundDelayMs: 600_000,
  });
  const settle = await startTestSettle({
    worker: opts.worker,
    schedules: opts.schedules,
    env: { STRIPE_API_URL: emu.url, ...opts.env },
  });
  return { emu, settle, close: closeInOrder(settle, emu) };
}

/** The Stripe SDK, with `key`, talking to the emulator on `port` (no retries: a test sees every answer). */
export const emulatorStripe = (key: string, port: number) =>
  new Stripe(key, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });

/** A Stripe world for this file's tests (see forFile), with `opts` as startStripeWorld takes them. */
export const stripeWorldForFile = (opts: Parameters<typeof startStripeWorld>[0] = {}) =>
  forFile(() => startStripeWorld(opts), 'Stripe and Settle');

export const CONNECT = `mutation($sk: String!, $pk: String) { connectStripe(secretKey: $sk, publishableKey: $pk) { accountId mode secretKeyPrefix webhookUrl webhook { configured autoRegistered endpointId } } }`;

/** An org connected by keys (webhook auto-registered) with a billing fixture. */
export async function connectedOrg(w: StripeWorld, name?: string) {
  const o = await createOrgWithOwner(w.settle, name);
  const key = `sk_test_${o.org.id.replace(/-/g, '')}`;
  const r = await w.settle.gql(CONNECT, { sk: key, pk: key.replace('sk_', 'pk_') }, o.token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  const stripe = emulatorStripe(key, w.emu.port);
  const fx = await billingFixture(w.settle.container, o.org.id);
  return {
    ...o,
    key,
    stripe,
    fx,
    conn: r.data.connectStripe as { accountId: string; webhook: { endpointId: string } },
  };
}

export type ConnectedOrg = Awaited<ReturnType<typeof connectedOrg>>;

export async function invoiceOf(w: StripeWorld, orgId: string, id: string): Promise<Invoice> {
  return w.settle.container.db.getRepository(Invoice).findOneByOrFail({ orgId, id });
}

export async function waitForStatus(
  w: StripeWorld,
  orgId: string,
  id: string,
  status: string,
  timeoutMs = 10_000,
): Promise<Invoice> {
  return eventually(
    async () => {
      const inv = await invoiceOf(w, orgId, id);
      return inv.status === status ? inv : null;
    },
    `invoice ${id} to be ${status}`,
    timeoutMs,
  );
}

/** Waits until the org's inbox has no pending or processing events. */
export async function inboxSettled(w: StripeWorld, orgId: string): Promise<StripeEventInbox[]> {
  // The emulator answers an API call before its webhooks go out: those must land first.
  await w.emu.webhooksIdle();
  return eventually(async () => {
    const rows = await w.settle.container.db.getRepository(StripeEventInbox).findBy({ orgId });
    return rows.length && rows.every((r) => r.status === 'DONE' || r.status === 'FAILED' || r.status === 'REJECTED')
      ? rows
      : null;
  }, 'the Stripe inbox to settle');
}

export const stripeModule = (w: StripeWorld) => stripeOf(w.settle.container);

/** Hosted-page form posts and the emulator's control API: the emulator's own test helpers. */
export { control, postForm } from '@settle/stripe-emulator/testing';

/** Signs a payload the way Stripe does, for hand-made deliveries. */
export function signedHeaders(payload: string, secret: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }),
  };
}

/**
 * A connected org whose Stripe account sends Settle no webhooks (its endpoint deleted on Stripe), for
 * tests that put hand-made events in the inbox and drain it themselves. The self-healing sweep does not
 * read its events either: it counts as swept until tomorrow, and its first sweep (queued at connect) is
 * dropped. Otherwise a `stripe.sweep-tick` (the worker's every-minute schedule when a test turns
 * schedules on, or one a test runs itself) sweeps a new org, and the events it finds (a declined autopay charge's payment_intent.payment_failed…) sit
 * PENDING in the inbox until the drain gets to them, which on a loaded machine can be after the test's
 * next charge: autopay skips while an event of the invoice is unapplied (STRIPE_EVENT_PENDING).
 */
export async function quietOrg(w: StripeWorld, name?: string) {
  const o = await connectedOrg(w, name);
  await o.stripe.webhookEndpoints.del(o.conn.webhook.endpointId);
  const db = w.settle.container.db;
  await db.query(`UPDATE stripe_connections SET swept_at = now() + interval '1 day' WHERE org_id = $1`, [o.org.id]);
  await db.query(`SELECT graphile_worker.remove_job($1)`, [`stripe-sweep:${o.org.id}`]);
  return o;
}

/** Waits until no Stripe sweep of the org is due or running (one the sweep tick may just have queued). */
export async function noSweepDue(w: StripeWorld, orgId: string): Promise<void> {
  await eventually(async () => {
    const [row] = (await w.settle.container.db.query(
      `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = $1 AND (run_at <= now() OR locked_at IS NOT NULL)`,
      [`stripe-sweep:${orgId}`],
    )) as Array<{ n: number }>;
    return row!.n === 0 || null;
  }, 'no Stripe sweep of the org due');
}

/**
 * A Checkout session really paid by `card` on the emulator for `invoiceId` (Settle's metadata on the
 * session and its PaymentIntent), as Stripe has it afterwards: what a genuine event's payload carries.
 */
export async function paidCheckoutSession(
  stripe: Stripe,
  orgId: string,
  invoiceId: string,
  amount: number,
  currency = 'usd',
  card = '4242424242424242',
): Promise<Stripe.Checkout.Session> {
  const metadata = { settle_org_id: orgId, settle_invoice_id: invoiceId };
  const s = await stripe.checkout.sessions.create({
    mode: 'payment',
    metadata,
    payment_intent_data: { metadata },
    success_url: 'http://settle.test/ok',
    line_items: [{ price_data: { currency, unit_amount: amount, product_data: { name: 'Invoice' } }, quantity: 1 }],
  });
  const res = await postForm(s.url!, { card_number: card });
  if (res.status !== 303) throw new Error(`checkout answered ${res.status}`);
  return stripe.checkout.sessions.retrieve(s.id);
}

/** A SENT invoice for `minutes` at 100.00/h, sent by email and to Stripe Checkout. */
export const sentToStripe = (o: { fx: BillingFixture }, minutes = 60) =>
  o.fx.sentInvoice(minutes, { destinations: ['EMAIL', 'STRIPE'] });

/** A Stripe event of `type` about `object`, shaped as Stripe delivers it, for hand-made deliveries. */
export function stripeEvent(type: string, object: object, id: string) {
  return {
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  };
}

let signedSeq = 0;
/** Posts `object` as a `type` event over HTTP, signed with the org's own webhook secret; returns the event id. */
export async function postSignedEvent(w: StripeWorld, o: ConnectedOrg, type: string, object: object): Promise<string> {
  const conn = await w.settle.container.db.getRepository(StripeConnection).findOneByOrFail({ orgId: o.org.id });
  const secret = w.settle.container.secrets.open(conn.webhookSecretSealed!);
  const id = `evt_signed_${Date.now()}_${++signedSeq}`;
  const body = JSON.stringify(stripeEvent(type, object, id));
  const res = await fetch(stripeModule(w).connections.webhookUrl(conn.webhookToken), {
    method: 'POST',
    body,
    headers: signedHeaders(body, secret),
  });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  return id;
}

/** postSignedEvent, then waits until the org's inbox is processed; returns the event's row. */
export async function deliverSignedEvent(
  w: StripeWorld,
  o: ConnectedOrg,
  type: string,
  object: object,
): Promise<StripeEventInbox> {
  const id = await postSignedEvent(w, o, type, object);
  await inboxSettled(w, o.org.id);
  return w.settle.container.db.getRepository(StripeEventInbox).findOneByOrFail({ orgId: o.org.id, eventId: id });
}

/**
 * The person clicks "Connect" on the emulator's Stripe OAuth page that Settle's authorize URL (its
 * `query`) opened; Stripe answers with a redirect to Settle's callback.
 */
export const approveStripeConnect = (emuUrl: string, query: URLSearchParams) =>
  postForm(`${emuUrl}/oauth/authorize`, {
    client_id: query.get('client_id')!,
    redirect_uri: query.get('redirect_uri')!,
    state: query.get('state')!,
    scope: 'read_write',
    decision: 'allow',
  });

export const START_PAYMENT = `mutation($id: ID!, $amount: Money) { startInvoicePayment(invoiceId: $id, amount: $amount) { url expiresAt } }`;

/** Pays the Checkout session at `url` by card on the emulator's page, as a browser; where it redirects. */
export async function payCheckout(url: string, fields: Record<string, string> = {}) {
  const res = await postForm(url, { card_number: '4242 4242 4242 4242', ...fields });
  if (res.status !== 303) throw new Error(`checkout answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return res.headers.get('location')!;
}

/** An invoice's payments and refunds, oldest first. */
export const paymentsOf = (w: StripeWorld, orgId: string, invoiceId: string) =>
  w.settle.container.db.getRepository(Payment).find({ where: { orgId, invoiceId }, order: { createdAt: 'ASC' } });

/**
 * A new connected org's 100.00 invoice paid `paid` (minor units) by card through Checkout, recorded;
 * `pi` is the PaymentIntent id.
 */
export async function paidByCard(w: StripeWorld, paid = 10000) {
  const o = await connectedOrg(w);
  const inv = await sentToStripe(o);
  const r = (await w.settle.gql(START_PAYMENT, { id: inv.id }, o.token)).data.startInvoicePayment;
  await payCheckout(r.url, { custom_amount: (paid / 100).toFixed(2) });
  await eventually(async () => (await invoiceOf(w, o.org.id, inv.id)).amountPaid === paid, 'card payment recorded');
  const [payment] = await paymentsOf(w, o.org.id, inv.id);
  return { o, inv, payment: payment!, pi: payment!.externalId! };
}
